"""Content model of ``content/procurement.yaml``: dated thresholds and what each set of rules means.

The thresholds are a dated table: each entry is one period of one series (the act's lower limit,
the national threshold, or a row of EEA thresholds), with its status and its sources. How sure a
period is, is its status:

- ``confirmed``: read in the law's or the regulation's text (or the ministry's own notice);
- ``approximate``: confirmed figures whose valid-from date is not certain (``note`` says why);
- ``adopted``: adopted, with an in-force date, as reported by two or more independent published
  sources (``source`` and ``sources``), the law's text itself not read;
- ``unconfirmed``: reported by one source only, or without a date;
- ``proposed``: a proposal (a bill).

The first three decide which rules apply from their date; ``unconfirmed`` and ``proposed`` ones are
shown as such, with what they would change, and never used as law. Dated events that are not
figures (a judgment, an amendment) are :class:`LawEvent` items. The calculator lives in
:mod:`guide.procurement`; this module only knows the shape of the file and checks it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal, get_args

from pydantic import Field, model_validator

from guide.model import Item, NonEmpty, Slug, Source, Strict, Text

if TYPE_CHECKING:
    from guide.content import Content

Buyer = Literal["state", "municipal", "other"]
Category = Literal["goods_services", "works", "health_social", "special_services"]
Series = Literal["lower_limit", "national", "eea"]
Status = Literal["confirmed", "approximate", "adopted", "unconfirmed", "proposed"]
STATUSES: tuple[Status, ...] = ("confirmed", "approximate", "adopted", "unconfirmed", "proposed")
#: The set of rules a purchase falls under. ``part1_health_social``: health and social services
#: below their EEA threshold (the act and Part I only); ``special_eea``: health and social and
#: other special services at or above their EEA threshold (Part IV ch. 30).
RuleSet = Literal["outside_act", "part1", "part1_health_social", "part2", "part3", "special_eea"]
#: The key of one EEA figure: which column of the EEA table applies.
EeaKey = Literal["state_goods_services", "other_goods_services", "works", "special_services"]

BUYERS: tuple[Buyer, ...] = get_args(Buyer)
CATEGORIES: tuple[Category, ...] = get_args(Category)
SERIES: tuple[Series, ...] = get_args(Series)
RULE_SETS: tuple[RuleSet, ...] = get_args(RuleSet)
EEA_KEYS: tuple[EeaKey, ...] = get_args(EeaKey)
#: Statuses that may be used as law.
IN_FORCE: frozenset[str] = frozenset({"confirmed", "approximate", "adopted"})

# Kind keys in content/procurement.yaml (the loader's registry uses them; so does the calculator).
K_THRESHOLDS = "procurement_thresholds"
K_RULES = "procurement_rules"
K_STEPS = "procurement_steps"
K_PROCEDURES = "procurement_procedures"
K_ALLOWED = "procurement_allowed"
K_EVENTS = "procurement_law_events"
FILE = "procurement.yaml"


class EeaValues(Strict):
    """One row of the EEA table, in NOK excluding VAT."""

    state_goods_services: int = Field(gt=0)  # state bodies: goods and services
    other_goods_services: int = Field(gt=0)  # municipalities, counties, other public bodies
    works: int = Field(gt=0)  # building and construction works
    special_services: int = Field(gt=0)  # health and social and other special services

    def get(self, key: EeaKey) -> int:
        return int(getattr(self, key))


class ThresholdPeriod(Item):
    """One dated period of one threshold series.

    ``valid_from`` is required for periods in force (confirmed/approximate/adopted); a ``proposed``
    change may have none, and then ``announced`` says from when it is relevant. ``announced`` is
    also the day an ``adopted`` change was adopted (it is known from then). ``approximate`` periods
    must say why in ``note``. ``sources`` are the further sources that report the same period (an
    ``adopted`` one needs at least one, from another publisher). ``open_questions`` says what the
    sources leave unconfirmed about the change, shown once beside an answer on the rule sets of
    ``open_for`` (where it can matter).
    """

    series: Series
    status: Status
    valid_from: dt.date | None = None
    announced: dt.date | None = None
    value: int | None = Field(default=None, gt=0)
    eea: EeaValues | None = None
    note: Text | None = None
    sources: list[Source] = Field(default_factory=list)
    open_questions: Text | None = None
    open_for: list[RuleSet] = Field(default_factory=list)

    @model_validator(mode="after")
    def _shape(self) -> ThresholdPeriod:
        if self.series == "eea":
            if self.eea is None or self.value is not None:
                raise ValueError("an eea period needs `eea` (the four figures) and no `value`")
        elif self.value is None or self.eea is not None:
            raise ValueError(f"a {self.series} period needs `value` and no `eea`")
        if self.status in IN_FORCE and self.valid_from is None:
            raise ValueError(f"a {self.status} period needs `valid_from`")
        if self.status == "approximate" and self.note is None:
            raise ValueError("an approximate period needs a `note` saying what is uncertain")
        if self.status == "adopted":
            if self.valid_from is None or self.announced is None:
                raise ValueError("an adopted period needs `valid_from` (in force) and `announced` (adopted)")
            if not self.sources:
                raise ValueError("an adopted period needs `sources`: at least one more source than `source`")
        if (self.open_questions is None) != (not self.open_for):
            raise ValueError("`open_questions` and `open_for` go together")
        if self.status in ("proposed", "unconfirmed"):
            if self.note is None:
                raise ValueError(f"a {self.status} period needs a `note`")
            if self.valid_from is None and self.announced is None:
                raise ValueError(f"a {self.status} period needs `valid_from` or `announced`")
        return self

    @property
    def in_force(self) -> bool:
        """May this period be used as law (confirmed or approximate)?"""
        return self.status in IN_FORCE

    @property
    def relevant_from(self) -> dt.date:
        """From when the period matters: its valid-from date, else when it was announced."""
        date = self.valid_from or self.announced
        assert date is not None  # guaranteed by the validator
        return date

    @property
    def known_from(self) -> dt.date:
        """From when the period was known: when it was announced (or adopted), else its
        valid-from date."""
        date = self.announced or self.valid_from
        assert date is not None  # guaranteed by the validator
        return date

    def all_sources(self) -> tuple[Source, ...]:
        """Every source that reports the period, the main one first."""
        return (self.source, *self.sources)

    def figure(self, key: EeaKey | None = None) -> int:
        """The figure of this period (for eea: the column ``key``)."""
        if self.series == "eea":
            assert self.eea is not None and key is not None
            return self.eea.get(key)
        assert self.value is not None
        return self.value


EventStatus = Literal["in_force", "judgment", "adopted", "unconfirmed", "proposed"]


class LawEvent(Item):
    """A dated change of the law that is not a figure of the table: an amendment, a judgment, a
    proposal. ``categories`` are the purchases it concerns (empty: every purchase); ``sources``
    the further sources that report it."""

    date: dt.date
    status: EventStatus
    title: Text
    text: Text
    categories: list[Category] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)

    def all_sources(self) -> tuple[Source, ...]:
        return (self.source, *self.sources)


class RuleInfo(Item):
    """What a set of rules is called and means, in a sentence or two."""

    id: RuleSet
    title: Text
    summary: Text


class Step(Item):
    """A practical step the buyer takes under the rule sets listed in ``rules``."""

    title: Text
    text: Text
    rules: list[RuleSet] = Field(min_length=1)


class Procedure(Item):
    """A procedure open to the buyer under the rule sets listed in ``rules``."""

    title: Text
    text: Text
    rules: list[RuleSet] = Field(min_length=1)


class Allowed(Item):
    """Something allowed that people often think is not. ``categories`` empty: any purchase."""

    title: Text
    text: Text
    categories: list[Category] = Field(default_factory=list)
    myth: Slug | None = None  # the myth (content/myths.yaml) that this answers
    law: NonEmpty | None = None  # short legal reference, e.g. "FOA § 30-2a"


# ---------------------------------------------------------------------------
# Whole-content checks (registered in guide.content.EXTRA_CHECKS)


def periods(content: Content, series: Series) -> list[ThresholdPeriod]:
    """The periods of ``series`` in the order of the file."""
    items = content.kinds.get(K_THRESHOLDS, {})
    return [p for p in items.values() if p.series == series]


def in_force_on(content: Content, series: Series, on: dt.date) -> ThresholdPeriod | None:
    """The confirmed or approximate period of ``series`` in force on ``on`` (None before the first)."""
    best: ThresholdPeriod | None = None
    for p in periods(content, series):
        if p.in_force and p.valid_from is not None and p.valid_from <= on and (
            best is None or best.valid_from is None or p.valid_from > best.valid_from
        ):
            best = p
    return best


def _change_dates(content: Content) -> Iterator[dt.date]:
    for p in content.kinds.get(K_THRESHOLDS, {}).values():
        if p.in_force and p.valid_from is not None:
            yield p.valid_from


def check(content: Content) -> Iterator[str]:
    """Checks no single entry can make: every series covered, dates unique, figures ordered."""
    if K_THRESHOLDS not in content.kinds:
        return
    rel = f"{content.root.name}/{FILE}"
    for series in SERIES:
        seen: dict[dt.date, str] = {}
        for p in periods(content, series):
            if not p.in_force:
                continue
            assert p.valid_from is not None
            if p.valid_from in seen:
                yield (f"{rel}: {K_THRESHOLDS}.{p.id}.valid_from: {series} already has a period "
                       f"from {p.valid_from} ('{seen[p.valid_from]}')")
            seen[p.valid_from] = p.id
        if not seen:
            yield f"{rel}: {K_THRESHOLDS}: no confirmed period for {series}"
    starts = sorted(set(_change_dates(content)))
    for on in starts:
        lower = in_force_on(content, "lower_limit", on)
        national = in_force_on(content, "national", on)
        eea = in_force_on(content, "eea", on)
        if lower is None or national is None or eea is None:
            yield f"{rel}: {K_THRESHOLDS}: on {on} not every series has a period in force"
            continue
        if not lower.figure() < national.figure():
            yield (f"{rel}: {K_THRESHOLDS}.{national.id}.value: on {on} the national threshold "
                   f"must be above the lower limit")
        for key in EEA_KEYS:
            if eea.figure(key) < national.figure():
                yield (f"{rel}: {K_THRESHOLDS}.{eea.id}.eea.{key}: on {on} below the national "
                       f"threshold ({national.figure()})")
    docs = content.kinds.get("sources", {})
    for p in content.kinds.get(K_THRESHOLDS, {}).values():
        if p.status == "adopted":
            publishers = {docs[s.ref].publisher for s in p.all_sources() if s.ref in docs}
            if len(publishers) < 2:
                yield (f"{rel}: {K_THRESHOLDS}.{p.id}.sources: an adopted period needs sources from "
                       f"two or more publishers (has {len(publishers)})")
    rules = content.kinds.get(K_RULES, {})
    for rule in RULE_SETS:
        if rule not in rules:
            yield f"{rel}: {K_RULES}: no entry for '{rule}'"
    steps = content.kinds.get(K_STEPS, {}).values()
    for rule in RULE_SETS:
        if not any(rule in s.rules for s in steps):
            yield f"{rel}: {K_STEPS}: no step for '{rule}'"
    myths = content.kinds.get("myths", {})
    for a in content.kinds.get(K_ALLOWED, {}).values():
        if a.myth is not None and a.myth not in myths:
            yield f"{rel}: {K_ALLOWED}.{a.id}.myth: unknown myths id '{a.myth}'"


# ---------------------------------------------------------------------------
# The procedure that fits (content/procedures.yaml): judgement questions and the procedures

#: The judgement questions of the procedure chooser, as the keys of ``procedures(route, needs)``.
NeedKey = Literal[
    "need_specifiable", "market_has_solution", "development_needed", "reserve_for_non_profits",
    "dialogue_first",
]
NEEDS: tuple[NeedKey, ...] = get_args(NeedKey)
ProcedureId = Literal[
    "part1_competition", "part2_open", "part2_restricted", "open_tender", "restricted_tender",
    "negotiated", "competitive_dialogue", "innovation_partnership", "chapter30_own_procedure",
    "pre_commercial", "reserved_non_profit", "market_dialogue",
]
PROCEDURE_IDS: tuple[ProcedureId, ...] = get_args(ProcedureId)
K_NEED_QUESTIONS = "procedure_questions"
K_PROCEDURE_CHOICES = "procedure_choices"
PROCEDURES_FILE = "procedures.yaml"


def reason_key(need: str, answer: bool) -> str:
    """The key of the reason for an answer's weight: ``<need>.yes`` or ``<need>.no``."""
    return f"{need}.{'yes' if answer else 'no'}"


class NeedQuestion(Item):
    """One judgement question (answered yes, no, or not known)."""

    id: NeedKey
    text: Text
    help: Text | None = None


class ProcedureChoice(Item):
    """A procedure the chooser may recommend: where it is allowed, what rules it out, and how
    each answer weighs for it, with the reason in words for each weight.

    ``routes``: the sets of rules it belongs to; ``ruled_out_when_any``: any of these answers
    rules it out; ``ruled_out_when_all``: all of them together do (on the routes of
    ``conditions_on``, or everywhere when that is empty); ``base``: points for being open on the
    route (reason ``base``); ``weights``: points per answer (reason ``<need>.<yes|no>``).
    """

    id: ProcedureId
    title: Text
    summary: Text
    conditions: Text
    law: NonEmpty
    routes: list[RuleSet] = Field(min_length=1)
    ruled_out_when_any: dict[NeedKey, bool] = Field(default_factory=dict)
    ruled_out_when_all: dict[NeedKey, bool] = Field(default_factory=dict)
    conditions_on: list[RuleSet] = Field(default_factory=list)
    base: int = 0
    weights: dict[NeedKey, dict[bool, int]] = Field(default_factory=dict)  # answer (true: yes) -> points
    reasons: dict[str, Text] = Field(default_factory=dict)
    not_here: Text  # why it is not open on a route outside ``routes``
    #: why it is not open on a particular route, where that reason differs from ``not_here``
    not_here_on: dict[RuleSet, Text] = Field(default_factory=dict)
    ruled_out: Text  # why the answers rule it out

    def why_not_here(self, rules: RuleSet) -> Text:
        """Why the procedure is not open on the route ``rules``."""
        return self.not_here_on.get(rules, self.not_here)

    @model_validator(mode="after")
    def _reasons_for_every_weight(self) -> ProcedureChoice:
        wanted = {reason_key(need, answer)
                  for need, by in self.weights.items() for answer, points in by.items() if points}
        if self.base:
            wanted.add("base")
        missing = sorted(wanted - set(self.reasons))
        if missing:
            raise ValueError(f"reasons missing for: {', '.join(missing)}")
        extra = sorted(set(self.reasons) - wanted)
        if extra:
            raise ValueError(f"reasons without a weight: {', '.join(extra)}")
        on_route = sorted(set(self.not_here_on) & set(self.routes))
        if on_route:
            raise ValueError(f"not_here_on names a route where it is open: {', '.join(on_route)}")
        return self
