"""The estimated-value helper: the value of a contract as the procurement regulation counts it.

The value that decides which rules apply is the total estimated value excluding VAT over the whole
contract period, options and extensions included (anskaffelsesforskriften § 5-4); a purchase must
not be split to stay below a threshold. :func:`compute` adds up what the user gives: the value of
one year times the fixed period and times the extensions the buyer may use, plus other options
and one-off amounts. :func:`blocks` shows the sum, part by part, with the rule and its source; the
checker takes the total as its value.
"""

from __future__ import annotations

from dataclasses import dataclass

from guide import formats
from guide.answers.model import EstimateInputs
from guide.content import Content
from guide.documents.blocks import Block, Callout, Heading, Paragraph, Table
from guide.model import Lang, Source
from guide.wording import Wording

#: The plausible ranges in ``content/inputs.yaml``: amounts as the checker's value, periods in years.
AMOUNT_RANGE = "procurement_value"
YEARS_RANGE = "contract_years"
SOURCES: tuple[Source, ...] = (Source(ref="anskaffelsesforskriften", section="§ 5-4"),)
SOURCE = SOURCES[0]


@dataclass(frozen=True)
class Estimate:
    """The parts of an estimated contract value (kroner excluding VAT)."""

    per_year: float
    years: float
    extension_years: float = 0.0
    other: float = 0.0

    @property
    def base(self) -> float:
        """The fixed period's value."""
        return self.per_year * self.years

    @property
    def extensions(self) -> float:
        """The value of the extensions the buyer may use."""
        return self.per_year * self.extension_years

    @property
    def total(self) -> float:
        """The estimated value of the whole contract: what decides the rules."""
        return self.base + self.extensions + self.other


class EstimateError(ValueError):
    """An input outside its plausible range: ``field`` names it (UI key ``estimate.error.<field>``)."""

    def __init__(self, field: str, lo: float, hi: float, unit: str) -> None:
        self.field, self.lo, self.hi, self.unit = field, lo, hi, unit
        super().__init__(f"{field}: outside {lo}–{hi}")


def compute(inputs: EstimateInputs, content: Content) -> Estimate | EstimateError | None:
    """The estimate of ``inputs`` (None while the value per year or the period is missing), or the
    first input outside its range."""
    if inputs.per_year is None or inputs.years is None:
        return None
    amount = content.input_ranges[AMOUNT_RANGE]
    years = content.input_ranges[YEARS_RANGE]
    checks = (("per_year", inputs.per_year, amount), ("years", inputs.years, years),
              ("extension_years", inputs.extension_years, years), ("other", inputs.other, amount))
    for name, value, bounds in checks:
        if value is not None and not bounds.holds(value):
            return EstimateError(name, bounds.min, bounds.max, bounds.unit)
    est = Estimate(inputs.per_year, inputs.years, inputs.extension_years or 0.0, inputs.other or 0.0)
    if not amount.holds(est.total):
        return EstimateError("total", amount.min, amount.max, amount.unit)
    return est


def value_text(est: Estimate, lang: str) -> str:
    """The total as the checker's value field shows it (``1 500 000`` / ``1,500,000``)."""
    return formats.number(round(est.total), lang, decimals=0)


def rows(est: Estimate, x: Wording) -> tuple[tuple[str, str, str], ...]:
    """The estimate part by part: (what, how it is counted, amount), the total last."""
    out = [(x.t("estimate.value.base"), x.t("estimate.value.times", amount=x.nok(est.per_year),
                                             years=x.num(est.years)), x.nok(est.base))]
    if est.extension_years:
        how = x.t("estimate.value.times", amount=x.nok(est.per_year), years=x.num(est.extension_years))
        out.append((x.t("estimate.value.extensions"), how, x.nok(est.extensions)))
    if est.other:
        out.append((x.t("estimate.value.other_part"), "", x.nok(est.other)))
    out.append((x.t("estimate.value.total"), "", x.nok(est.total)))
    return tuple(out)


def rule(x: Wording) -> tuple[Block, ...]:
    """The rule the estimate follows, and the rule against splitting, with their source."""
    return (Paragraph(x.t("estimate.value.rule")), Paragraph(x.t("estimate.value.split"), "strong"),
            x.source(SOURCE))


def blocks(inputs: EstimateInputs, *, content: Content, lang: Lang, level: int = 3) -> tuple[Block, ...]:
    """The helper's result: the parts and the total (or what is missing, or the input out of range),
    the rule and its source, and what the helper does not cover."""
    x = Wording(content, lang)
    r = compute(inputs, content)
    out: list[Block] = [Heading(x.t("estimate.value.heading"), level)]
    if r is None:
        out.append(Callout("info", (Paragraph(x.t("estimate.value.missing")),)))
    elif isinstance(r, EstimateError):
        out.append(Callout("error", (Paragraph(x.t(f"estimate.error.{r.field}", min=x.bound(r.lo, r.unit),
                                                       max=x.bound(r.hi, r.unit))),)))
    else:
        head = tuple(x.t(f"estimate.value.col.{k}") for k in ("part", "how", "amount"))
        out += [Table(head, rows(r, x), numeric=(2,)),
                Callout("answer", (Paragraph(x.t("estimate.value.result", value=x.nok(r.total)), "strong"),))]
    out += [*rule(x), Paragraph(x.t("estimate.value.limits"), "small")]
    return tuple(out)
