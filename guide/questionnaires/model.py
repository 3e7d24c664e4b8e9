"""Content model of a questionnaire (``content/questionnaires/<id>.yaml``) and its content checks.

A questionnaire is a list of questions. An answer (an option, or a scale or number value that
falls within a band) carries *effects*: points added to items (negative points lower them), each
with the reason shown to the user; *exclusions* (hard rules that rule an item out, with the
reason); and a *level* between 0 and 1 for the profile dimension of its question.

The items are either a content kind (``items_from: measures`` / ``forms`` / ``funding`` /
``impact_methods`` …) or the questionnaire's own ``items`` (action steps with texts and when in
the year to take them). :func:`check` is registered in ``guide.content.EXTRA_CHECKS``: it checks
that every item an effect names exists, that a ``show_if`` only looks back, and that ids are
unique.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator, model_validator

from guide.model import Lang, Slug, Source, Strict, Text

if TYPE_CHECKING:  # pragma: no cover
    from guide.content import Content

QuestionKind = Literal["single", "multi", "scale", "yesno", "number"]
YESNO = ("yes", "no")


class Effect(Strict):
    """Points an answer gives items: positive raises them, negative lowers them."""

    items: list[Slug] = Field(min_length=1)
    points: float
    reason: Text

    @field_validator("points")
    @classmethod
    def _non_zero(cls, v: float) -> float:
        if v == 0:
            raise ValueError("must not be 0 (leave the effect out instead)")
        return v


class Exclusion(Strict):
    """A hard rule: the answer rules these items out, for this reason."""

    items: list[Slug] = Field(min_length=1)
    reason: Text


class Choice(Strict):
    """What choosing an answer does."""

    effects: list[Effect] = Field(default_factory=list)
    exclude: list[Exclusion] = Field(default_factory=list)
    level: float | None = Field(default=None, ge=0, le=1)  # 0–1 towards the question's dimension


class Option(Choice):
    """An option of a ``single``, ``multi`` or ``yesno`` question."""

    id: Slug
    label: Text | None = None  # yesno options may leave it out: the UI says yes / no
    source: Source


class Band(Choice):
    """A range of values of a ``scale`` or ``number`` question, both ends included."""

    min: float | None = None
    max: float | None = None
    label: Text | None = None
    source: Source

    @model_validator(mode="after")
    def _range(self) -> Band:
        if self.min is None and self.max is None:
            raise ValueError("a band needs min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min must not be above max")
        return self

    def contains(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class ShowIf(Strict):
    """Show a question only if an earlier answer matches: one of ``any_of``, or within min–max."""

    question: Slug
    any_of: list[Slug] = Field(default_factory=list)
    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _some(self) -> ShowIf:
        if not self.any_of and self.min is None and self.max is None:
            raise ValueError("show_if needs any_of, min or max")
        return self


class Question(Strict):
    id: Slug
    kind: QuestionKind
    text: Text
    short: Text  # the question in a few words, for the "check your answers" summary
    help: Text | None = None
    source: Source
    options: list[Option] = Field(default_factory=list)
    bands: list[Band] = Field(default_factory=list)
    min: float | None = None  # scale: default 1; number: the lowest plausible answer (required)
    max: float | None = None  # scale: default 5; number: the highest plausible answer (required)
    step: float | None = None  # number: the step of the input's +/- buttons
    unit: Text | None = None  # number: e.g. "kr" / "NOK", "måneder" / "months"
    amount: bool = False  # number: an amount in kroner, typed as text ("1,5 mill")
    low_label: Text | None = None  # scale: what the lowest value means
    high_label: Text | None = None  # scale: what the highest value means
    dimension: Slug | None = None  # the profile dimension this question measures
    weight: float = Field(default=1, gt=0)  # its weight within that dimension
    show_if: ShowIf | None = None

    @model_validator(mode="before")
    @classmethod
    def _scale_defaults(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("kind") == "scale":
            data = {"min": 1, "max": 5, **data}
        return data

    @model_validator(mode="after")
    def _shape(self) -> Question:
        k = self.kind
        if k in ("single", "multi"):
            if len(self.options) < 2:
                raise ValueError(f"a {k} question needs at least two options")
            if any(o.label is None for o in self.options):
                raise ValueError(f"every option of a {k} question needs a label")
        if k == "yesno" and sorted(o.id for o in self.options) != sorted(YESNO):
            raise ValueError("a yesno question has exactly the options 'yes' and 'no'")
        if k in ("scale", "number"):
            if self.options:
                raise ValueError(f"a {k} question has bands, not options")
        elif self.bands:
            raise ValueError(f"a {k} question has options, not bands")
        if k == "scale":
            assert self.min is not None and self.max is not None
            if self.min != int(self.min) or self.max != int(self.max) or self.min >= self.max:
                raise ValueError("a scale needs whole numbers with min below max")
        if self.amount and k != "number":
            raise ValueError("only a number question can be an amount")
        if k == "number" and (self.min is None or self.max is None):
            raise ValueError("a number question needs min and max: the range of plausible answers")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min must not be above max")
        if self.dimension is not None and k != "scale":
            lacking = [c for c in self.choices() if c.level is None]
            if lacking:
                raise ValueError("every option or band of a question with a dimension needs a level")
        return self

    def choices(self) -> list[Option] | list[Band]:
        return self.bands if self.kind in ("scale", "number") else self.options

    def label(self, lang: Lang) -> str:
        """The question as a field's label: its text, with its unit in brackets unless the text
        already names it ("How many months …?" needs no "(months)")."""
        text = self.text(lang)
        if self.unit is None:
            return text
        unit = self.unit(lang)
        if re.search(rf"(?<!\w){re.escape(unit)}(?!\w)", text, re.IGNORECASE):
            return text
        return f"{text} ({unit})"

    def option(self, option_id: str) -> Option | None:
        for o in self.options:
            if o.id == option_id:
                return o
        return None


class Dimension(Strict):
    """A dimension of a self-assessment profile (0–100)."""

    id: Slug
    label: Text
    text: Text | None = None
    source: Source


class ActionStep(Strict):
    """A questionnaire's own item: a concrete step, and when in the year to take it."""

    id: Slug
    title: Text
    text: Text
    steps: list[Text] = Field(min_length=1)
    dimension: Slug | None = None
    when: Text
    months: list[int] = Field(min_length=1)
    advice: list[Slug] = Field(default_factory=list)
    checklist: list[Slug] = Field(default_factory=list)
    planning: list[Slug] = Field(default_factory=list)
    impact_methods: list[Slug] = Field(default_factory=list)
    cases: list[Slug] = Field(default_factory=list)
    source: Source

    @field_validator("months")
    @classmethod
    def _months(cls, v: list[int]) -> list[int]:
        bad = [m for m in v if not 1 <= m <= 12]
        if bad:
            raise ValueError(f"month {bad[0]} is not between 1 and 12")
        return v


class ProcurementHook(Strict):
    """Which answers give the inputs of the procurement-route calculator.

    The estimated value is ``yearly_value`` × ``months`` / 12 (12 months if not answered).
    ``buyer_map`` / ``category_map`` turn the option ids (``yes`` / ``no`` for a yesno question)
    of the ``buyer`` / ``category`` questions into the calculator's values.
    """

    yearly_value: Slug
    months: Slug | None = None
    buyer: Slug | None = None
    buyer_map: dict[str, Literal["state", "municipal", "other"]] = Field(default_factory=dict)
    category: Slug | None = None
    category_map: dict[str, Literal["goods_services", "works", "health_social", "special_services"]] = Field(
        default_factory=dict
    )


class Questionnaire(Strict):
    """One questionnaire: a new guide is a new file of this shape, no new Python."""

    id: Slug
    title: Text
    intro: Text
    result_intro: Text | None = None
    audience: Literal["public", "entrepreneur", "any"]
    source: Source
    items_from: Slug | None = None  # a content kind (measures, forms, …); or give own ``items``
    items: list[ActionStep] = Field(default_factory=list)
    dimensions: list[Dimension] = Field(default_factory=list)
    top: int = Field(default=5, ge=1, le=20)  # how many recommendations the result shows first
    procurement: ProcurementHook | None = None  # show the procurement route for the value given
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _items(self) -> Questionnaire:
        if (self.items_from is None) == (not self.items):
            raise ValueError("give either items_from (a content kind) or items (own items), not both")
        return self

    def question(self, question_id: str) -> Question | None:
        for q in self.questions:
            if q.id == question_id:
                return q
        return None


# ---------------------------------------------------------------------------
# Whole-content checks (registered in guide.content.EXTRA_CHECKS)

#: The attributes of own items that point into other content kinds.
ITEM_REFS: tuple[tuple[str, str], ...] = (
    ("advice", "advice"),
    ("checklist", "checklist"),
    ("planning", "planning"),
    ("impact_methods", "impact_methods"),
    ("cases", "cases"),
)


def _dupes(ids: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for i in ids:
        if i in seen and i not in out:
            out.append(i)
        seen.add(i)
    return out


def check_questionnaire(qn: Questionnaire, content: Content, rel: str) -> Iterator[str]:
    """Error lines for one questionnaire (``rel`` names its file in messages)."""
    if qn.items_from is not None:
        if qn.items_from == "questionnaires" or qn.items_from not in content.kinds:
            yield f"{rel}: items_from: unknown content kind '{qn.items_from}'"
            return
        targets = set(content.kinds[qn.items_from])
        kind_name = qn.items_from
    else:
        targets = {i.id for i in qn.items}
        kind_name = "items"
        for d in _dupes([i.id for i in qn.items]):
            yield f"{rel}: items.{d}.id: duplicate id"
    dims = {d.id for d in qn.dimensions}
    for d in _dupes([d.id for d in qn.dimensions]):
        yield f"{rel}: dimensions.{d}.id: duplicate id"
    for item in qn.items:
        if item.dimension is not None and item.dimension not in dims:
            yield f"{rel}: items.{item.id}.dimension: unknown dimension '{item.dimension}'"
        for attr, kind in ITEM_REFS:
            have = content.kinds.get(kind, {})
            for ref in getattr(item, attr):
                if ref not in have:
                    yield f"{rel}: items.{item.id}.{attr}: unknown {kind} id '{ref}'"
    for d in _dupes([q.id for q in qn.questions]):
        yield f"{rel}: questions.{d}.id: duplicate question id"
    earlier: dict[str, Question] = {}
    for q in qn.questions:
        where = f"{rel}: questions.{q.id}"
        for o in _dupes([o.id for o in q.options]):
            yield f"{where}.options.{o}.id: duplicate option id"
        if q.dimension is not None and q.dimension not in dims:
            yield f"{where}.dimension: unknown dimension '{q.dimension}'"
        for n, choice in enumerate(q.choices()):
            name = getattr(choice, "id", None) or str(n)
            part = "options" if q.kind not in ("scale", "number") else "bands"
            for e in choice.effects:
                for item_id in e.items:
                    if item_id not in targets:
                        yield f"{where}.{part}.{name}.effects: unknown {kind_name} id '{item_id}'"
            for x in choice.exclude:
                for item_id in x.items:
                    if item_id not in targets:
                        yield f"{where}.{part}.{name}.exclude: unknown {kind_name} id '{item_id}'"
        if q.show_if is not None:
            ref = q.show_if.question
            if ref not in earlier:
                later = any(other.id == ref for other in qn.questions)
                what = "a later question or itself" if later else "an unknown question"
                yield (
                    f"{where}.show_if.question: '{ref}' is {what}; "
                    "show_if may only refer to an earlier question"
                )
            else:
                target = earlier[ref]
                if q.show_if.any_of:
                    if target.kind in ("scale", "number"):
                        yield f"{where}.show_if.any_of: '{ref}' is a {target.kind} question; use min/max"
                    valid = {o.id for o in target.options}
                    for opt in q.show_if.any_of:
                        if target.kind not in ("scale", "number") and opt not in valid:
                            yield f"{where}.show_if.any_of: unknown option id '{opt}' of question '{ref}'"
                if (q.show_if.min is not None or q.show_if.max is not None) and target.kind not in (
                    "scale",
                    "number",
                ):
                    yield f"{where}.show_if: min/max only apply to a scale or number question"
        earlier[q.id] = q
    hook = qn.procurement
    if hook is not None:
        wanted: list[tuple[str, str | None, tuple[str, ...], Mapping[str, str]]] = [
            ("yearly_value", hook.yearly_value, ("number",), {}),
            ("months", hook.months, ("number",), {}),
            ("buyer", hook.buyer, ("single", "yesno"), hook.buyer_map),
            ("category", hook.category, ("single", "yesno"), hook.category_map),
        ]
        for attr, ref, kinds, mapping in wanted:
            if ref is None:
                continue
            asked = earlier.get(ref)
            if asked is None:
                yield f"{rel}: procurement.{attr}: unknown question '{ref}'"
            elif asked.kind not in kinds:
                yield f"{rel}: procurement.{attr}: '{ref}' must be a {' or '.join(kinds)} question"
            elif kinds != ("number",):
                option_ids = {o.id for o in asked.options}
                for opt in mapping:
                    if opt not in option_ids:
                        yield f"{rel}: procurement.{attr}_map: unknown option id '{opt}' of question '{ref}'"
                for opt in sorted(option_ids - set(mapping)):
                    yield f"{rel}: procurement.{attr}_map: option '{opt}' of question '{ref}' is not mapped"


def check(content: Content) -> Iterator[str]:
    """Error lines for every questionnaire in ``content`` (an EXTRA_CHECKS function)."""
    folder = content.files.get("questionnaires", "questionnaires")
    for qid, qn in content.kinds.get("questionnaires", {}).items():
        yield from check_questionnaire(qn, content, f"{content.root.name}/{folder}/{qid}.yaml")
