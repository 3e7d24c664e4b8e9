"""Impact measurement: the SROI calculator and the SoImpact indicator plan (booklet ch. 5).

SROI follows Social Value UK's "A guide to Social Return on Investment" (2012)::

    impact in year 1   = quantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution)
    impact in year t   = impact in year t−1 × (1 − drop-off)            for t = 2 … duration
    present value      = Σ over outcomes, Σ over t = 1 … duration of impact_t / (1 + r)^t
    SROI ratio         = present value / investment
    net present value  = present value − investment

Rates are fractions here (the page shows percentages). Every input must be a finite number within
its plausible range (``content/inputs.yaml``, rates in percent there), so that no result is ever
``inf`` or ``nan``; bad input raises :class:`InputError`, a ``ValueError`` whose ``field`` names the
argument that was wrong.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from guide import content as content_mod
from guide import formats
from guide.model import InputRange

RATE_FIELDS: tuple[str, ...] = ("deadweight", "displacement", "attribution", "drop_off")
SENSITIVITY_FIELDS: tuple[str, ...] = ("deadweight", "attribution")
DEFAULT_DISCOUNT_RATE = 0.035
MAX_DURATION_YEARS = 100
#: The plausible range (``content/inputs.yaml``) of each input; rates are in percent there.
RANGES: dict[str, str] = {
    "investment": "sroi_investment", "discount_rate": "sroi_discount_rate", "quantity": "sroi_quantity",
    "proxy": "sroi_proxy", "duration_years": "sroi_duration_years",
    **dict.fromkeys(RATE_FIELDS, "sroi_rate"),
}

#: SoImpact's three levels of indicators (step 4 of the seven steps).
Level = Literal["result", "outcome", "impact"]
LEVELS: tuple[Level, ...] = ("result", "outcome", "impact")
INDICATOR_COLUMNS: tuple[str, ...] = ("level", "indicator", "baseline", "target", "how_measured")


class InputError(ValueError):
    """A value the calculator cannot use. ``field`` is the argument's name."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(f"{field}: {message}")


def _number(field: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(field, f"must be a number (got {value!r})")
    x = float(value)
    if not math.isfinite(x):
        raise InputError(field, f"must be a finite number (got {value!r})")
    return x


def _rate(field: str, value: object) -> float:
    x = _number(field, value)
    if not 0.0 <= x <= 1.0:
        raise InputError(field, f"must be between 0 and 1 (got {value!r})")
    return x


def _not_negative(field: str, value: object) -> float:
    x = _number(field, value)
    if x < 0:
        raise InputError(field, f"must not be negative (got {value!r})")
    return x


def _in_range(field: str, x: float, value: object) -> float:
    """``x`` if it lies within ``field``'s plausible range (a rate's range in percent, ``x`` a fraction)."""
    bounds: InputRange | None = content_mod.default().input_ranges.get(RANGES[field])
    if bounds is None:
        return x
    scale = 100 if bounds.unit == "percent" else 1
    lo, hi = bounds.min / scale, bounds.max / scale  # as the page's fraction(): 20 % is 20 / 100
    if not lo <= x <= hi:
        raise InputError(field, f"must be from {lo:g} to {hi:g} (got {value!r})")
    return x


def check(field: str, value: object) -> float:
    """``value`` as the calculator takes it for ``field``, or :class:`InputError` naming ``field``.

    ``investment`` must be more than 0; ``discount_rate`` and the rates of an outcome between 0
    and 1; ``quantity`` and ``proxy`` not negative; ``duration_years`` a whole number 0–100; and
    each within its plausible range (``content/inputs.yaml``).
    """
    if field == "investment":
        x = _number(field, value)
        if x <= 0:
            raise InputError(field, f"must be more than 0 (got {value!r})")
        return _in_range(field, x, value)
    if field == "discount_rate" or field in RATE_FIELDS:
        return _in_range(field, _rate(field, value), value)
    if field in ("quantity", "proxy"):
        return _in_range(field, _not_negative(field, value), value)
    if field == "duration_years":
        years = _not_negative(field, value)
        got = f"(got {value!r})"
        if years != int(years):
            raise InputError(field, f"must be a whole number of years {got}")
        if years > MAX_DURATION_YEARS:
            raise InputError(field, f"must be at most {MAX_DURATION_YEARS} {got}")
        return _in_range(field, years, value)
    raise InputError("field", f"unknown field {field!r}")


def decimal(value: float, lang: str, places: int = 2) -> str:
    """A decimal number as each language writes it: ``3,25`` (nb) / ``3.25`` (en)."""
    return formats.fixed(value, lang, places)


@dataclass(frozen=True)
class Outcome:
    """One outcome of an SROI analysis. Rates are fractions between 0 and 1.

    ``quantity``: how many (people, cases …) experience the change; ``proxy``: the value in NOK
    of the change for one of them for one year; ``duration_years``: how many years it lasts.
    """

    quantity: float
    proxy: float
    duration_years: int
    deadweight: float = 0
    displacement: float = 0
    attribution: float = 0
    drop_off: float = 0
    name: str = ""

    def __post_init__(self) -> None:
        for field in ("quantity", "proxy", "duration_years", *RATE_FIELDS):
            check(field, getattr(self, field))

    @property
    def years(self) -> int:
        return int(self.duration_years)

    def first_year(self) -> float:
        """Impact in year 1: quantity × proxy less deadweight, displacement and attribution."""
        return (
            self.quantity * self.proxy
            * (1 - self.deadweight) * (1 - self.displacement) * (1 - self.attribution)
        )

    def impacts(self) -> list[float]:
        """Impact (undiscounted) in each year 1 … duration; each year less drop-off."""
        out: list[float] = []
        value = self.first_year()
        for _ in range(self.years):
            out.append(value)
            value *= 1 - self.drop_off
        return out


@dataclass(frozen=True)
class YearValue:
    """The value of year ``year`` (1 = the first year after the investment)."""

    year: int
    value: float  # undiscounted, all outcomes
    present_value: float  # discounted to today
    by_outcome: tuple[float, ...]  # present value of each outcome this year


@dataclass(frozen=True)
class SroiResult:
    investment: float
    discount_rate: float
    present_value: float
    net_present_value: float
    ratio: float
    by_year: tuple[YearValue, ...]
    by_outcome: tuple[float, ...]  # present value of each outcome over all its years
    total_value: float  # undiscounted sum over all years and outcomes


def _check_outcomes(outcomes: Iterable[Outcome]) -> list[Outcome]:
    items = list(outcomes)
    for o in items:
        if not isinstance(o, Outcome):
            raise InputError("outcomes", f"must be Outcome objects (got {type(o).__name__})")
    return items


def sroi(
    investment: float, outcomes: Iterable[Outcome], discount_rate: float = DEFAULT_DISCOUNT_RATE
) -> SroiResult:
    """The SROI of ``investment`` (NOK, more than 0) given ``outcomes``.

    Raises :class:`InputError` (a ValueError) naming ``investment``, ``discount_rate`` or
    ``outcomes``.
    """
    inv = check("investment", investment)
    r = check("discount_rate", discount_rate)
    items = _check_outcomes(outcomes)
    impacts = [o.impacts() for o in items]
    horizon = max((o.years for o in items), default=0)
    years: list[YearValue] = []
    for t in range(1, horizon + 1):
        factor = (1 + r) ** t
        nominal = [vals[t - 1] if t <= len(vals) else 0.0 for vals in impacts]
        years.append(
            YearValue(
                year=t,
                value=sum(nominal),
                present_value=sum(nominal) / factor,
                by_outcome=tuple(v / factor for v in nominal),
            )
        )
    pv = sum(y.present_value for y in years)
    by_outcome = tuple(sum(y.by_outcome[i] for y in years) for i in range(len(items)))
    total = sum(y.value for y in years)
    if not all(math.isfinite(v) for v in (pv, total, *by_outcome)):  # only from countless outcomes
        raise InputError("outcomes", "give a value too large to calculate with")
    return SroiResult(
        investment=inv,
        discount_rate=r,
        present_value=pv,
        net_present_value=pv - inv,
        ratio=pv / inv,
        by_year=tuple(years),
        by_outcome=by_outcome,
        total_value=total,
    )


@dataclass(frozen=True)
class SensitivityRow:
    field: str  # deadweight or attribution
    delta: float  # added to every outcome's rate (fraction: -0.1, 0, 0.1)
    present_value: float
    net_present_value: float
    ratio: float
    clamped: bool  # some outcome's rate would have left 0–1 and was held at the limit


def sensitivity(
    investment: float,
    outcomes: Iterable[Outcome],
    discount_rate: float = DEFAULT_DISCOUNT_RATE,
    *,
    points: float = 0.10,
    fields: Sequence[str] = SENSITIVITY_FIELDS,
) -> list[SensitivityRow]:
    """The result with each of ``fields`` moved ``points`` down and up for every outcome.

    Rows come per field in the order −points, 0, +points. A rate that would leave 0–1 is held
    at the limit, and the row says so (``clamped``).
    """
    p = _rate("points", points)
    items = _check_outcomes(outcomes)
    for f in fields:
        if f not in RATE_FIELDS:
            raise InputError("fields", f"must be among {', '.join(RATE_FIELDS)} (got {f!r})")
    rows: list[SensitivityRow] = []
    for f in fields:
        for delta in (-p, 0.0, p):
            clamped = False
            moved: list[Outcome] = []
            for o in items:
                value = getattr(o, f) + delta
                held = min(1.0, max(0.0, value))
                clamped = clamped or not math.isclose(held, value, abs_tol=1e-12)
                moved.append(replace(o, **{f: held}))
            res = sroi(investment, moved, discount_rate)
            rows.append(
                SensitivityRow(f, delta, res.present_value, res.net_present_value, res.ratio, clamped)
            )
    return rows


@dataclass(frozen=True)
class BreakdownStep:
    term: str  # gross, deadweight, displacement, attribution, drop_off, discounting
    amount: float  # gross: the total; every other term: what it takes away (≥ 0)


def breakdown(
    outcomes: Iterable[Outcome], discount_rate: float = DEFAULT_DISCOUNT_RATE
) -> list[BreakdownStep]:
    """How the gross value (quantity × proxy × duration) shrinks to the present value, term by
    term in the formula's order. The gross amount less every reduction is the present value."""
    r = check("discount_rate", discount_rate)
    items = _check_outcomes(outcomes)
    levels = [
        sum(o.quantity * o.proxy * o.years for o in items),
        sum(o.quantity * o.proxy * (1 - o.deadweight) * o.years for o in items),
        sum(o.quantity * o.proxy * (1 - o.deadweight) * (1 - o.displacement) * o.years for o in items),
        sum(o.first_year() * o.years for o in items),
        sum(sum(o.impacts()) for o in items),
        sum(v / (1 + r) ** t for o in items for t, v in enumerate(o.impacts(), 1)),
    ]
    terms = ("deadweight", "displacement", "attribution", "drop_off", "discounting")
    steps = [BreakdownStep("gross", levels[0])]
    steps += [BreakdownStep(term, levels[i] - levels[i + 1]) for i, term in enumerate(terms)]
    return steps


# ---------------------------------------------------------------------------
# SoImpact: the indicator plan


def _cell(value: object) -> str:
    """A table cell as text: empty for None and for a missing number (NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def indicator_rows(rows: Iterable[Mapping[str, object]]) -> list[dict[str, str]]:
    """The rows of an indicator table that have anything besides a level, as text cells."""
    out: list[dict[str, str]] = []
    for row in rows:
        cells = {k: _cell(row.get(k)) for k in INDICATOR_COLUMNS}
        if any(cells[k] for k in INDICATOR_COLUMNS[1:]):
            out.append(cells)
    return out


def indicators_csv(
    rows: Iterable[Mapping[str, object]],
    headers: Mapping[str, str],
    level_labels: Mapping[str, str] | None = None,
) -> bytes:
    """The indicator table as CSV (UTF-8 with a byte-order mark, so spreadsheets read æøå).

    ``headers`` maps each column key of :data:`INDICATOR_COLUMNS` to its heading, and
    ``level_labels`` each level to its name; rows with nothing but a level are left out.
    """
    labels = level_labels or {}
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([headers.get(k, k) for k in INDICATOR_COLUMNS])
    for cells in indicator_rows(rows):
        cells["level"] = labels.get(cells["level"], cells["level"])
        writer.writerow([cells[k] for k in INDICATOR_COLUMNS])
    return buf.getvalue().encode("utf-8-sig")
