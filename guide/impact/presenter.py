"""Impact results as blocks: the SROI calculator's result and the SoImpact indicator plan.

:func:`sroi` gives the calculator's result for its inputs, the one source of it on the screen and
in every document: the figures entered (collapsed on screen), then the answer (present value, net
present value and the ratio, with the ratio in a sentence), how the investment becomes the present
value, how the gross value shrinks term by term, the value of each year, and how the result moves
when deadweight or attribution are 10 points lower or higher, with the method's sources. While an
input is missing or cannot be used it gives a message saying what to do instead, in the page's
language; :func:`field_errors` says which field is wrong, for the message by the field.

The inputs hold rates in percent, as the page shows them; the calculator takes fractions. The one
conversion is :func:`fraction`, used by :func:`check`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from guide import content as content_mod
from guide import formats
from guide.answers.model import SroiInputs
from guide.content import Content
from guide.documents.blocks import (
    Block,
    Bullets,
    Callout,
    Details,
    Figure,
    Heading,
    Paragraph,
    Table,
)
from guide.impact import engine
from guide.model import InputRange, Lang, Source
from guide.wording import Wording

Path = tuple[str | int, ...]
#: The fields of an outcome the calculator needs, in the page's order.
OUTCOME_FIELDS: tuple[str, ...] = ("quantity", "proxy", "duration_years", *engine.RATE_FIELDS)
#: The terms the page explains, in the page's order.
TERMS: tuple[str, ...] = ("investment", "quantity", "proxy", "duration_years", *engine.RATE_FIELDS,
                          "discount_rate", "present_value", "net_present_value", "ratio")
#: The largest amount the calculator works with (as the answers' largest whole number): larger
#: inputs, or results, are refused with a message rather than shown as nonsense.
LIMIT = 1e15
#: The sources of the method, after every result.
SOURCES: tuple[Source, ...] = (Source(ref="social_value_uk"),)


def fraction(percent: float | None) -> float | None:
    """A rate given in percent (as the page shows it) as the fraction the calculator takes."""
    return None if percent is None else percent / 100


def _percent_field(name: str) -> bool:
    return name == "discount_rate" or name in engine.RATE_FIELDS


class _P(Wording):
    def ratio(self, v: float) -> str:
        return self.t("sroi.ratio.value", ratio=formats.fixed(v, self.lang, 2))

    def name(self, inputs: SroiInputs, i: int) -> str:
        return inputs.outcomes[i].name.strip() or self.t("sroi.unnamed", n=i + 1)


# ---------------------------------------------------------------------------
# The inputs, checked


#: The plausible range (``content/inputs.yaml``) of each input.
RANGES: dict[str, str] = engine.RANGES


@dataclass(frozen=True)
class Problem:
    """A value the calculator cannot use: the answer's path, the field, which outcome, and
    whether it is outside the field's plausible range (``out_of_range``, with the range), not one
    the calculator takes (``invalid``) or too large to calculate with."""

    path: Path
    field: str
    outcome: int | None = None
    code: Literal["invalid", "too_large", "out_of_range"] = "invalid"
    bounds: InputRange | None = None

    @property
    def message_key(self) -> str:
        if self.code == "out_of_range":
            return "sroi.error.out_of_range"
        return f"sroi.error.{self.field}" if self.code == "invalid" else "sroi.error.too_large_field"

    def message(self, x: Wording) -> str:
        """What is wrong, in ``x``'s language (a value out of range: the field and its range)."""
        if self.code == "out_of_range" and self.bounds is not None:
            b = self.bounds
            return x.t("sroi.error.out_of_range", field=x.t(f"sroi.field.{self.field}"),
                       min=x.bound(b.min, b.unit), max=x.bound(b.max, b.unit))
        return x.t(self.message_key)


@dataclass(frozen=True)
class Checked:
    """The inputs as the calculator takes them (rates as fractions), or what stops it: the
    values that cannot be used (``problems``) and the paths of those still empty (``missing``)."""

    investment: float | None
    discount_rate: float | None
    outcomes: tuple[engine.Outcome, ...]
    problems: tuple[Problem, ...]
    missing: tuple[Path, ...]

    @property
    def ready(self) -> bool:
        return not self.problems and not self.missing


def _one(name: str, value: float | int | None, path: Path, outcome: int | None,
         problems: list[Problem], missing: list[Path], ranges: Mapping[str, InputRange]) -> float | None:
    if value is None:
        missing.append(path)
        return None
    bounds = ranges.get(RANGES[name])
    if bounds is not None and not (math.isfinite(value) and bounds.holds(value)):
        problems.append(Problem(path, name, outcome, "out_of_range", bounds))
        return None
    try:
        checked = engine.check(name, fraction(value) if _percent_field(name) else value)
    except engine.InputError:
        problems.append(Problem(path, name, outcome))
        return None
    if abs(checked) > LIMIT:
        problems.append(Problem(path, name, outcome, "too_large"))
        return None
    return checked


def check(inputs: SroiInputs, names: Sequence[str] | None = None, content: Content | None = None) -> Checked:
    """Check every input against its plausible range (``content/inputs.yaml``) and the
    calculator's rules; rates are converted from percent here. ``names`` are the outcomes' names
    (default: as entered)."""
    ranges = (content if content is not None else content_mod.default()).input_ranges
    problems: list[Problem] = []
    missing: list[Path] = []

    def one(name: str, value: float | int | None, path: Path, outcome: int | None = None) -> float | None:
        return _one(name, value, path, outcome, problems, missing, ranges)

    investment = one("investment", inputs.investment, ("sroi", "investment"))
    rate = one("discount_rate", inputs.discount_rate, ("sroi", "discount_rate"))
    outcomes: list[engine.Outcome] = []
    for i, o in enumerate(inputs.outcomes):
        values = {f: one(f, getattr(o, f), ("sroi", "outcomes", i, f), i) for f in OUTCOME_FIELDS}
        usable = {f: v for f, v in values.items() if v is not None}
        if len(usable) == len(values):
            name = names[i] if names is not None else o.name.strip()
            outcomes.append(engine.Outcome(
                quantity=usable["quantity"], proxy=usable["proxy"],
                duration_years=int(usable["duration_years"]),
                **{f: usable[f] for f in engine.RATE_FIELDS}, name=name,
            ))
    return Checked(investment, rate, tuple(outcomes), tuple(problems), tuple(missing))


def field_errors(inputs: SroiInputs, *, content: Content, lang: Lang) -> dict[Path, str]:
    """For each input the calculator cannot use, what is wrong with it (by its answer's path)."""
    x = _P(content, lang)
    return {p.path: p.message(x) for p in check(inputs, content=content).problems}


# ---------------------------------------------------------------------------
# The result


def terms(*, content: Content, lang: Lang) -> tuple[Block, ...]:
    """What every term of the calculator means, in plain words (collapsed on screen)."""
    return (Details(content.t("sroi.terms.title", lang),
                    (Bullets.of(content.t(f"sroi.term.{term}", lang) for term in TERMS),)),)


def inputs_table(inputs: SroiInputs, *, content: Content, lang: Lang) -> tuple[Block, ...]:
    """The figures entered: investment, discount rate and a table of the outcomes."""
    x = _P(content, lang)

    def shown(v: float | None, kind: Literal["nok", "number", "whole", "percent"], empty: str = "–") -> str:
        if v is None:
            return empty
        if abs(v) > LIMIT:
            return x.t("sroi.inputs.too_large")
        if kind == "nok":
            return x.nok(v)
        if kind == "percent":
            return formats.percent(v, lang)
        return formats.number(v, lang, decimals=0 if kind == "whole" else 2)

    rows = tuple(
        (x.name(inputs, i), shown(o.quantity, "number"), shown(o.proxy, "nok"),
         shown(o.duration_years, "whole"), *(shown(getattr(o, f), "percent") for f in engine.RATE_FIELDS))
        for i, o in enumerate(inputs.outcomes)
    )
    head = tuple(x.t(f"sroi.field.{f}") for f in ("name", *OUTCOME_FIELDS))
    none = x.t("sroi.inputs.not_filled")
    return (
        Bullets.of([x.t("sroi.inputs.investment", value=shown(inputs.investment, "nok", none)),
                    x.t("sroi.inputs.discount_rate", value=shown(inputs.discount_rate, "percent", none))]),
        Table(head, rows, numeric=tuple(range(1, len(head)))),
    )


def _usable(values: Iterable[float]) -> bool:
    return all(math.isfinite(v) and abs(v) <= LIMIT for v in values)


def sroi(inputs: SroiInputs, *, content: Content, lang: Lang, level: int = 2,
         refused: Mapping[Path, str] | None = None) -> tuple[Block, ...]:
    """The SROI result for ``inputs`` (rates in percent), or the message that says what is
    missing or wrong. ``level`` is the level of the result's heading (its parts one below).
    ``refused``: the figures the page refused as outside their plausible range (by path, with the
    message shown by the field): no result is computed from the figures kept in their place."""
    x = _P(content, lang)
    names = [x.name(inputs, i) for i in range(len(inputs.outcomes))]
    checked = check(inputs, names, content)
    out: list[Block] = [Heading(x.t("sroi.result.title"), level),
                        Details(x.t("sroi.inputs.summary"), inputs_table(inputs, content=content, lang=lang))]

    def in_outcome(outcome: int | None, message: str) -> str:
        if outcome is None or outcome >= len(names):
            return message
        return x.t("sroi.error.in_outcome", outcome=names[outcome], message=message)

    given = [in_outcome(p[2] if len(p) > 3 and isinstance(p[2], int) else None, m)
             for p, m in (refused or {}).items()]
    if checked.problems or given:
        lines = [*given, *(in_outcome(p.outcome, p.message(x)) for p in checked.problems)]
        out.append(Callout("error", (Paragraph(x.t("sroi.error.fix")), Bullets.of(lines))))
    elif checked.missing:
        out.append(Callout("info", (Paragraph(x.t("sroi.missing")),)))
    else:
        out += _result(checked, names, x, level)
    out += [x.source(content.impact_methods["sroi"].source), *(x.source(s) for s in SOURCES)]
    return tuple(out)


def _result(checked: Checked, names: Sequence[str], x: _P, level: int) -> list[Block]:
    assert checked.investment is not None and checked.discount_rate is not None
    outcomes = list(checked.outcomes)
    res = engine.sroi(checked.investment, outcomes, checked.discount_rate)
    steps = engine.breakdown(outcomes, checked.discount_rate)
    sens = engine.sensitivity(checked.investment, outcomes, checked.discount_rate)
    numbers = [res.present_value, res.net_present_value, res.ratio, res.total_value,
               *(s.amount for s in steps), *(v for y in res.by_year for v in (y.value, *y.by_outcome)),
               *(v for s in sens for v in (s.present_value, s.net_present_value, s.ratio))]
    if not _usable(numbers):
        return [Callout("error", (Paragraph(x.t("sroi.error.too_large")),))]
    ratio = formats.fixed(res.ratio, x.lang, 2)
    answer = Callout("answer", (
        Bullets.of([f"{x.t('sroi.metric.present_value')}: {x.nok(res.present_value)}",
                    f"{x.t('sroi.metric.net_present_value')}: {x.nok(res.net_present_value)}",
                    f"{x.t('sroi.metric.ratio')}: {x.ratio(res.ratio)}"]),
        Paragraph(x.t("sroi.ratio.sentence", ratio=ratio, pv=x.nok(res.present_value),
                      investment=x.nok(res.investment))),
    ))
    return [answer, *_waterfall(res, x, level), *_breakdown(res, steps, x, level),
            *_years(res, names, x, level), *_sensitivity(sens, x, level)]


def _amounts_table(labels: Sequence[str], texts: Sequence[str], x: _P) -> Table:
    return Table((x.t("sroi.figure.col.item"), x.t("sroi.figure.col.amount")),
                 tuple(zip(labels, texts, strict=True)), numeric=(1,))


def _waterfall(res: engine.SroiResult, x: _P, level: int) -> list[Block]:
    labels = [x.t(f"sroi.waterfall.{k}") for k in ("investment", "net", "present_value")]
    texts = [x.nok(res.investment), x.nok(res.net_present_value), x.nok(res.present_value)]
    alt = x.t("sroi.waterfall.alt", investment=texts[0], net=texts[1], pv=texts[2])
    data = {"labels": labels, "values": [res.investment, res.net_present_value], "texts": texts}
    return [Heading(x.t("sroi.waterfall.title"), level + 1),
            Figure("sroi_waterfall", alt, data, table=_amounts_table(labels, texts, x))]


def _breakdown(res: engine.SroiResult, steps: Sequence[engine.BreakdownStep], x: _P,
               level: int) -> list[Block]:
    labels = [x.t(f"sroi.breakdown.{s.term}") for s in steps] + [x.t("sroi.waterfall.present_value")]
    amounts = [steps[0].amount] + [-s.amount for s in steps[1:]]
    texts = [x.nok(abs(a)) for a in amounts] + [x.nok(res.present_value)]
    alt = x.t("sroi.breakdown.alt", items="; ".join(
        x.t("sroi.breakdown.alt_item", term=label, amount=text)
        for label, text in zip(labels, texts, strict=True)))
    data = {"labels": labels, "amounts": amounts, "texts": texts}
    return [Heading(x.t("sroi.breakdown.title"), level + 1), Paragraph(x.t("sroi.breakdown.lead"), "small"),
            Figure("sroi_breakdown", alt, data, table=_amounts_table(labels, texts, x))]


def _years(res: engine.SroiResult, names: Sequence[str], x: _P, level: int) -> list[Block]:
    if not res.by_year:
        return []
    alt = x.t("sroi.years.alt", items="; ".join(
        x.t("sroi.years.alt_item", n=y.year, pv=x.nok(y.present_value)) for y in res.by_year))
    data = {
        "years": [x.t("sroi.years.year", n=y.year) for y in res.by_year],
        "series": [{"name": name, "values": [y.by_outcome[i] for y in res.by_year]}
                   for i, name in enumerate(names)],
        "axis": x.t("sroi.years.axis"),
    }
    table = Table(
        (x.t("sroi.years.col.year"), x.t("sroi.years.col.value"), x.t("sroi.years.col.present_value")),
        tuple((formats.number(y.year, x.lang, decimals=0), x.nok(y.value), x.nok(y.present_value))
              for y in res.by_year),
        numeric=(0, 1, 2),
    )
    return [Heading(x.t("sroi.years.title"), level + 1), Figure("sroi_years", alt, data), table]


def _change(delta: float, x: _P) -> str:
    if abs(delta) < 1e-12:
        return x.t("sroi.sensitivity.as_entered")
    return x.t("sroi.sensitivity.points", sign="+" if delta > 0 else "−", n=round(abs(delta) * 100))


def _sensitivity(sens: Sequence[engine.SensitivityRow], x: _P, level: int) -> list[Block]:
    head = tuple(x.t(k) for k in ("sroi.sensitivity.col.term", "sroi.sensitivity.col.change",
                                  "sroi.metric.present_value", "sroi.metric.net_present_value",
                                  "sroi.metric.ratio", "sroi.sensitivity.col.note"))
    rows = tuple(
        (x.t(f"sroi.term_name.{s.field}"), _change(s.delta, x), x.nok(s.present_value),
         x.nok(s.net_present_value), x.ratio(s.ratio), x.t("sroi.sensitivity.clamped") if s.clamped else "")
        for s in sens
    )
    return [Heading(x.t("sroi.sensitivity.title"), level + 1),
            Paragraph(x.t("sroi.sensitivity.lead"), "small"), Table(head, rows, numeric=(2, 3, 4))]


# ---------------------------------------------------------------------------
# SoImpact: the indicator plan


def _indicator_labels(content: Content, lang: Lang) -> tuple[dict[str, str], dict[str, str]]:
    headers = {k: content.t(f"soimpact.col.{k}", lang) for k in engine.INDICATOR_COLUMNS}
    levels: dict[str, str] = {lv: content.t(f"soimpact.level.{lv}", lang) for lv in engine.LEVELS}
    return headers, levels


def impact_plan(rows: Iterable[Mapping[str, object]], *, content: Content, lang: Lang,
                level: int = 2) -> tuple[Block, ...]:
    """The SoImpact planner's indicators (step 4): how many are filled in and, when any, the
    filled ones as a table (rows with nothing but a level are left out)."""
    headers, levels = _indicator_labels(content, lang)
    filled = engine.indicator_rows(rows)
    out: list[Block] = [Paragraph(content.t("soimpact.count", lang, n=len(filled)), "small")]
    if filled:
        body = tuple(tuple(levels.get(r[k], r[k]) if k == "level" else r[k] for k in engine.INDICATOR_COLUMNS)
                     for r in filled)
        out += [Heading(content.t("soimpact.table", lang), level),
                Table(tuple(headers[k] for k in engine.INDICATOR_COLUMNS), body)]
    return tuple(out)


def indicators_csv(rows: Iterable[Mapping[str, object]], *, content: Content, lang: Lang) -> bytes:
    """The indicator table as CSV, with the headings and level names in ``lang``."""
    headers, levels = _indicator_labels(content, lang)
    return engine.indicators_csv(rows, headers, levels)
