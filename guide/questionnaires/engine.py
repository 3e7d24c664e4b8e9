"""The one questionnaire engine: questions in, ranked items with their reasons out.

Every guide that asks questions and recommends (getting started, readiness, the form matcher …)
is a YAML file in ``content/questionnaires/`` run by :func:`evaluate`. Nothing here knows a
particular questionnaire.

Answers: ``single`` → option id, ``multi`` → list of option ids, ``scale`` → int, ``yesno`` →
bool, ``number`` → number. Missing answers (or ``None``) are allowed and give a partial result.
An answer to a question whose ``show_if`` does not hold is kept but ignored, so that going back
and changing an earlier answer loses nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from guide import content as content_mod
from guide import formats, procurement
from guide.content import Content
from guide.model import Lang, Text
from guide.questionnaires.model import YESNO, Band, Choice, Option, Question, Questionnaire

OWN = "items"  # the kind of a questionnaire's own items


@dataclass(frozen=True)
class Reason:
    """One answer that raised (points > 0) or lowered (points < 0) an item, or ruled it out."""

    question_id: str
    answer: Any  # the normalised answer: option id, int/float value
    answer_label: Text | None  # the option's or band's label, if it has one
    points: float  # 0 for an exclusion
    text: Text


@dataclass
class Recommendation:
    item_id: str
    kind: str  # the content kind of the item ("measures", "forms", …) or "items" (own items)
    score: float = 0.0
    reasons: list[Reason] = field(default_factory=list)


@dataclass
class Excluded:
    item_id: str
    kind: str
    reasons: list[Reason] = field(default_factory=list)


@dataclass
class Result:
    qid: str
    recommendations: list[Recommendation]  # highest score first; ties in content order
    profile: dict[str, int]  # dimension id -> 0–100, only dimensions with an answer
    excluded: list[Excluded]
    answered: list[str]  # ids of the questions whose answers counted, in question order

    def top(self, n: int | None = None) -> list[Recommendation]:
        """The recommendations with a score above zero (the first ``n`` if given)."""
        out = [r for r in self.recommendations if r.score > 0]
        return out if n is None else out[:n]


@dataclass(frozen=True)
class PlanGroup:
    """The action plan for one dimension: its profile score and the steps to take."""

    dimension: str | None
    score: int | None
    steps: list[Recommendation]


# ---------------------------------------------------------------------------
# Lookup


def _content(content: Content | None) -> Content:
    return content if content is not None else content_mod.default()


def ids(content: Content | None = None) -> list[str]:
    """Ids of every questionnaire, in file-name order."""
    return list(_content(content).questionnaires)


def get(qid: str, content: Content | None = None) -> Questionnaire:
    """The questionnaire ``qid``; ``ValueError`` naming it if there is none."""
    qns = _content(content).questionnaires
    if qid not in qns:
        raise ValueError(f"unknown questionnaire id '{qid}' (known: {', '.join(qns)})")
    qn: Questionnaire = qns[qid]
    return qn


def items(qn: Questionnaire, content: Content | None = None) -> dict[str, Any]:
    """The items a questionnaire ranks, as an ordered ``{id: item}`` mapping."""
    if qn.items_from is None:
        return {i.id: i for i in qn.items}
    return dict(getattr(_content(content), qn.items_from))


def item_kind(qn: Questionnaire) -> str:
    return qn.items_from or OWN


# ---------------------------------------------------------------------------
# Answers


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def normalise(q: Question, value: Any, qid: str) -> Any:
    """Check one answer and return it in canonical form (``None`` = not answered).

    Raises ``ValueError`` naming the question (and the option) when the answer is not valid.
    """
    if value is None:
        return None
    where = f"question '{q.id}' of questionnaire '{qid}'"
    if q.kind == "single":
        if not isinstance(value, str):
            raise ValueError(f"{where} takes an option id, not {value!r}")
        if q.option(value) is None:
            raise ValueError(f"unknown option id '{value}' for {where}")
        return value
    if q.kind == "multi":
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            raise ValueError(f"{where} takes a list of option ids, not {value!r}")
        out: list[str] = []
        for v in value:
            if not isinstance(v, str) or q.option(v) is None:
                raise ValueError(f"unknown option id '{v}' for {where}")
            if v not in out:
                out.append(v)
        return [o.id for o in q.options if o.id in out]  # in the questionnaire's order
    if q.kind == "yesno":
        if isinstance(value, str) and value in YESNO:
            return value == "yes"
        if not isinstance(value, bool):
            raise ValueError(f"{where} takes true or false, not {value!r}")
        return value
    if not _number(value) or not math.isfinite(value):
        raise ValueError(f"{where} takes a number, not {value!r}")
    if q.kind == "scale":
        if value != int(value):
            raise ValueError(f"{where} takes a whole number, not {value!r}")
        value = int(value)
    if (q.min is not None and value < q.min) or (q.max is not None and value > q.max):
        lo = "" if q.min is None else f"{q.min:g}"
        hi = "" if q.max is None else f"{q.max:g}"
        raise ValueError(f"{value!r} is outside {lo}–{hi} for {where}")
    return value


def normalise_all(qn: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Every answer checked and canonical; unanswered questions left out."""
    for key in answers:
        if qn.question(key) is None:
            raise ValueError(f"unknown question id '{key}' in questionnaire '{qn.id}'")
    out: dict[str, Any] = {}
    for q in qn.questions:
        v = normalise(q, answers.get(q.id), qn.id)
        if v is not None:
            out[q.id] = v
    return out


def _matches(q: Question, value: Any, any_of: list[str], lo: float | None, hi: float | None) -> bool:
    if q.kind in ("scale", "number"):
        return (lo is None or value >= lo) and (hi is None or value <= hi)
    if q.kind == "yesno":
        chosen = ["yes" if value else "no"]
    elif q.kind == "multi":
        chosen = list(value)
    else:
        chosen = [value]
    return any(c in any_of for c in chosen)


def visible(qn: Questionnaire, answers: Mapping[str, Any]) -> list[Question]:
    """The questions to ask given (canonical) ``answers``, in order.

    A question with ``show_if`` is shown when the earlier question it names is shown, answered
    and matches.
    """
    shown: dict[str, Question] = {}
    for q in qn.questions:
        cond = q.show_if
        if cond is not None:
            ref = shown.get(cond.question)
            if ref is None or cond.question not in answers:
                continue
            if not _matches(ref, answers[cond.question], cond.any_of, cond.min, cond.max):
                continue
        shown[q.id] = q
    return list(shown.values())


def chosen(q: Question, value: Any) -> list[Option] | list[Band]:
    """The options or bands a canonical answer selects."""
    if q.kind == "single":
        opt = q.option(value)
        return [opt] if opt is not None else []
    if q.kind == "multi":
        return [o for o in q.options if o.id in value]
    if q.kind == "yesno":
        opt = q.option("yes" if value else "no")
        return [opt] if opt is not None else []
    return [b for b in q.bands if b.contains(value)]


def level(q: Question, value: Any) -> float | None:
    """How far an answer goes towards the question's dimension, 0–1 (None: no dimension)."""
    if q.dimension is None:
        return None
    picks: list[Choice] = list(chosen(q, value))
    levels = [c.level for c in picks if c.level is not None]
    if levels:
        return max(levels)
    if q.kind == "scale":
        assert q.min is not None and q.max is not None
        return (value - q.min) / (q.max - q.min)
    return 0.0


# ---------------------------------------------------------------------------
# Evaluation


def evaluate(qid: str, answers: Mapping[str, Any], content: Content | None = None) -> Result:
    """Rank the questionnaire's items for ``answers`` and compute its profile.

    Raises ``ValueError`` naming an unknown questionnaire, question or option id, or an answer
    of the wrong shape.
    """
    c = _content(content)
    qn = get(qid, c)
    canon = normalise_all(qn, answers)
    kind = item_kind(qn)
    all_items = items(qn, c)
    recs = {i: Recommendation(item_id=i, kind=kind) for i in all_items}
    excl: dict[str, Excluded] = {}
    sums: dict[str, list[float]] = {}
    answered: list[str] = []
    for q in visible(qn, canon):
        if q.id not in canon:
            continue
        value = canon[q.id]
        answered.append(q.id)
        for choice in chosen(q, value):
            label = choice.label
            for e in choice.effects:
                for item in e.items:
                    rec = recs[item]
                    rec.score += e.points
                    rec.reasons.append(Reason(q.id, value, label, e.points, e.reason))
            for x in choice.exclude:
                for item in x.items:
                    ex = excl.setdefault(item, Excluded(item_id=item, kind=kind))
                    ex.reasons.append(Reason(q.id, value, label, 0, x.reason))
        lv = level(q, value)
        if lv is not None and q.dimension is not None:
            acc = sums.setdefault(q.dimension, [0.0, 0.0])
            acc[0] += lv * q.weight
            acc[1] += q.weight
    order = {i: n for n, i in enumerate(all_items)}
    ranked = sorted(
        (r for i, r in recs.items() if i not in excl),
        key=lambda r: (-round(r.score, 9), order[r.item_id]),
    )
    for r in ranked:
        r.score = round(r.score, 6) + 0.0
    profile = {
        d.id: round(100 * sums[d.id][0] / sums[d.id][1])
        for d in qn.dimensions
        if d.id in sums and sums[d.id][1] > 0
    }
    excluded = [excl[i] for i in all_items if i in excl]
    return Result(qid, ranked, profile, excluded, answered)


def plan(qid: str, result: Result, content: Content | None = None) -> list[PlanGroup]:
    """The action plan: the recommended own items grouped by dimension, weakest dimension first.

    Dimensions without an answer come after the assessed ones; items without a dimension last.
    Within a dimension the steps keep their ranking.
    """
    qn = get(qid, content)
    all_items = items(qn, content)
    steps = result.top()
    groups: list[PlanGroup] = []
    dim_order = {d.id: n for n, d in enumerate(qn.dimensions)}
    ordered = sorted(
        qn.dimensions,
        key=lambda d: (d.id not in result.profile, result.profile.get(d.id, 0), dim_order[d.id]),
    )
    for d in ordered:
        mine = [r for r in steps if getattr(all_items[r.item_id], "dimension", None) == d.id]
        if mine:
            groups.append(PlanGroup(d.id, result.profile.get(d.id), mine))
    rest = [r for r in steps if getattr(all_items[r.item_id], "dimension", None) not in dim_order]
    if rest:
        groups.append(PlanGroup(None, None, rest))
    return groups


# ---------------------------------------------------------------------------
# Text


def fmt_number(value: float, lang: Lang) -> str:
    """A number the way each language writes it: ``1 300 000`` / ``1,300,000``; ``2,5`` / ``2.5``."""
    return formats.number(value, lang)


def answer_text(q: Question, value: Any, c: Content, lang: Lang) -> str:
    """A canonical answer as the user reads it."""
    if q.kind == "single":
        opt = q.option(value)
        return opt.label(lang) if opt is not None and opt.label is not None else str(value)
    if q.kind == "multi":
        labels = [o.label(lang) for o in q.options if o.id in value and o.label is not None]
        return "; ".join(labels) if labels else c.t("q.answer.none_chosen", lang)
    if q.kind == "yesno":
        opt = q.option("yes" if value else "no")
        if opt is not None and opt.label is not None:
            return opt.label(lang)
        return c.t("q.yes" if value else "q.no", lang)
    if q.kind == "scale":
        return c.t("q.answer.scale", lang, value=value, max=fmt_number(q.max or 0, lang))
    unit = f" {q.unit(lang)}" if q.unit is not None else ""
    return f"{fmt_number(value, lang)}{unit}"


def reason_answer(q: Question, r: Reason, c: Content, lang: Lang) -> str:
    """The answer behind a reason: for a multi question only the option that gave it."""
    if q.kind == "multi" and r.answer_label is not None:
        return r.answer_label(lang)
    return answer_text(q, r.answer, c, lang)


def item_title(item: Any, lang: Lang) -> str:
    text = getattr(item, "title", None) or getattr(item, "label", None)
    return text(lang) if callable(text) else str(getattr(item, "id", item))


def render_text(qid: str, answers: Mapping[str, Any], lang: Lang, content: Content | None = None) -> str:
    """The whole result as plain text: answers, profile, ranking with reasons, exclusions, plan.

    Used for the stored regression artefacts (``tests/scenarios``): a compact view of the ranking
    and its reasons, so that a content edit that changes an outcome shows in review. What the user
    reads is the presenter's (``guide.questionnaires.presenter``).
    """
    c = _content(content)
    qn = get(qid, c)
    result = evaluate(qid, answers, c)
    canon = normalise_all(qn, answers)
    all_items = items(qn, c)
    t = c.t
    lines = [f"# {qn.title(lang)} [{lang}]", "", f"## {t('q.check.title', lang)}"]
    for q in visible(qn, canon):
        ans = answer_text(q, canon[q.id], c, lang) if q.id in canon else t("q.answer.none", lang)
        lines.append(f"- {q.short(lang)}: {ans}")
    if qn.dimensions:
        lines += ["", f"## {t('q.profile.title', lang)}"]
        for d in qn.dimensions:
            score = result.profile.get(d.id)
            shown = t("q.profile.not_assessed", lang) if score is None else f"{score}/100"
            lines.append(f"- {d.label(lang)}: {shown}")
    lines += ["", f"## {t('q.result.ranking', lang)}"]
    top = result.top()
    if not top:
        lines.append(t("q.result.none", lang))
    for n, rec in enumerate(top, 1):
        lines.append(f"{n}. {item_title(all_items[rec.item_id], lang)} ({fmt_number(rec.score, lang)})")
        for r in rec.reasons:
            asked = qn.question(r.question_id)
            assert asked is not None
            sign = "+" if r.points > 0 else "−"
            lines.append(
                f"   {sign}{fmt_number(abs(r.points), lang)} {asked.short(lang)}: "
                f"{reason_answer(asked, r, c, lang)} — {r.text(lang)}"
            )
    if result.excluded:
        lines += ["", f"## {t('q.result.excluded', lang)}"]
        for ex in result.excluded:
            lines.append(f"- {item_title(all_items[ex.item_id], lang)}")
            for r in ex.reasons:
                asked = qn.question(r.question_id)
                assert asked is not None
                lines.append(f"   × {asked.short(lang)}: {reason_answer(asked, r, c, lang)} — {r.text(lang)}")
    if qn.items and qn.dimensions:
        lines += ["", f"## {t('q.plan.title', lang)}"]
        for g in plan(qid, result, c):
            dim = next((d for d in qn.dimensions if d.id == g.dimension), None)
            head = dim.label(lang) if dim is not None else t("q.plan.other", lang)
            of_100 = "" if g.score is None else f" ({g.score}/100)"
            lines.append(f"### {head}{of_100}")
            for rec in g.steps:
                item = all_items[rec.item_id]
                lines.append(f"- {item.title(lang)} — {item.when(lang)}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Procurement consequence (questionnaires with a ``procurement`` hook, e.g. the form matcher)


@dataclass(frozen=True)
class ProcurementInput:
    """What the procurement-route calculator (:mod:`guide.procurement`) needs, from the answers."""

    value_nok: float  # estimated value for the whole period: yearly × months / 12
    yearly_nok: float
    months: float
    buyer: str  # state / municipal / other
    category: str  # goods_services / works / health_social / special_services
    assumed: tuple[str, ...]  # which of "months", "buyer", "category" were not answered


def _mapped(qn: Questionnaire, canon: Mapping[str, Any], shown: set[str], qid: str | None,
            mapping: Mapping[str, str]) -> str | None:
    if qid is None or qid not in shown or qid not in canon:
        return None
    q = qn.question(qid)
    value = canon[qid]
    key = ("yes" if value else "no") if q is not None and q.kind == "yesno" else str(value)
    return mapping.get(key)


def procurement_input(
    qid: str, answers: Mapping[str, Any], content: Content | None = None
) -> ProcurementInput | None:
    """The calculator's input for the answers; None without a hook or a yearly value."""
    qn = get(qid, content)
    hook = qn.procurement
    if hook is None:
        return None
    canon = normalise_all(qn, answers)
    shown = {q.id for q in visible(qn, canon)}
    if hook.yearly_value not in shown or hook.yearly_value not in canon:
        return None
    yearly = float(canon[hook.yearly_value])
    assumed: list[str] = []
    months_answer = canon.get(hook.months) if hook.months in shown else None
    if months_answer is None:
        months = 12.0
        assumed.append("months")
    else:
        months = float(months_answer)
    buyer = _mapped(qn, canon, shown, hook.buyer, hook.buyer_map)
    if buyer is None:
        buyer = "municipal"
        assumed.append("buyer")
    category = _mapped(qn, canon, shown, hook.category, hook.category_map)
    if category is None:
        category = "goods_services"
        assumed.append("category")
    return ProcurementInput(
        value_nok=round(yearly * months / 12),
        yearly_nok=yearly,
        months=months,
        buyer=buyer,
        category=category,
        assumed=tuple(assumed),
    )


def procurement_route(inp: ProcurementInput, on: dt.date | None = None) -> procurement.Route:
    """The procurement route (:func:`guide.procurement.route`) for ``inp`` on ``on`` (default today)."""
    return procurement.route(inp.value_nok, buyer=inp.buyer, category=inp.category, on=on)
