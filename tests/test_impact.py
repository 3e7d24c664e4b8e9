"""The SROI calculator and the SoImpact indicator table (guide/impact.py).

Every expected figure is worked out by hand in the comments, from the formula in Social Value
UK's guide: impact year 1 = quantity × proxy × (1 − deadweight) × (1 − displacement) ×
(1 − attribution); each later year × (1 − drop-off); PV = Σ impact_t / (1 + r)^t.
"""

from __future__ import annotations

import csv
import io
import math

import pytest

from guide import impact
from guide import questionnaires as Q
from guide.impact import InputError, Outcome, sroi


def approx(x: float) -> object:
    return pytest.approx(x, abs=0.01)


# ---------------------------------------------------------------------------
# Example 1: one outcome, no drop-off, the default discount rate 3.5 %.
#   investment 100 000; 10 people; proxy 20 000 a year; 3 years; deadweight 20 %.
#   year 1 = 10 × 20 000 × (1 − 0.2) = 160 000, and the same in years 2 and 3 (no drop-off)
#   PV = 160 000 / 1.035 + 160 000 / 1.035² + 160 000 / 1.035³
#      = 154 589.37 + 149 361.71 + 144 310.83 = 448 261.92
#   NPV = 448 261.92 − 100 000 = 348 261.92; ratio = 448 261.92 / 100 000 = 4.4826
ONE = [Outcome(quantity=10, proxy=20_000, duration_years=3, deadweight=0.2)]


def test_one_outcome_by_hand() -> None:
    res = sroi(100_000, ONE)
    assert res.discount_rate == 0.035
    assert [y.year for y in res.by_year] == [1, 2, 3]
    assert [y.value for y in res.by_year] == [approx(160_000)] * 3
    assert [y.present_value for y in res.by_year] == [approx(154_589.37), approx(149_361.71),
                                                      approx(144_310.83)]
    assert res.present_value == approx(448_261.92)
    assert res.net_present_value == approx(348_261.92)
    assert res.ratio == pytest.approx(4.4826, abs=1e-4)
    assert res.total_value == approx(480_000)  # 3 × 160 000, undiscounted


# ---------------------------------------------------------------------------
# Example 2: two outcomes with drop-off, discount rate 5 %, investment 250 000.
#   A: 20 × 10 000 = 200 000 × (1 − 0.25) = 150 000 × (1 − 0.1) = 135 000 × (1 − 0.2) = 108 000
#      drop-off 50 %: year 2 = 54 000, year 3 = 27 000
#   B: 5 × 40 000 = 200 000 × (1 − 0) × (1 − 0) × (1 − 0.5) = 100 000
#      drop-off 10 %: year 2 = 90 000 (2 years only)
#   by year: t1 = 108 000 + 100 000 = 208 000; t2 = 54 000 + 90 000 = 144 000; t3 = 27 000
#   PV = 208 000 / 1.05 + 144 000 / 1.1025 + 27 000 / 1.157625
#      = 198 095.24 + 130 612.24 + 23 323.62 = 352 031.10
#   NPV = 102 031.10; ratio = 352 031.10 / 250 000 = 1.4081
#   PV of A = 108 000/1.05 + 54 000/1.1025 + 27 000/1.157625 = 102 857.14 + 48 979.59 + 23 323.62
#           = 175 160.35; PV of B = 100 000/1.05 + 90 000/1.1025 = 95 238.10 + 81 632.65 = 176 870.75
TWO = [
    Outcome(quantity=20, proxy=10_000, duration_years=3, deadweight=0.25, displacement=0.1,
            attribution=0.2, drop_off=0.5, name="A"),
    Outcome(quantity=5, proxy=40_000, duration_years=2, attribution=0.5, drop_off=0.1, name="B"),
]


def test_several_outcomes_with_drop_off_by_hand() -> None:
    assert TWO[0].impacts() == [approx(108_000), approx(54_000), approx(27_000)]
    assert TWO[1].impacts() == [approx(100_000), approx(90_000)]
    res = sroi(250_000, TWO, discount_rate=0.05)
    assert [y.value for y in res.by_year] == [approx(208_000), approx(144_000), approx(27_000)]
    assert [y.present_value for y in res.by_year] == [approx(198_095.24), approx(130_612.24),
                                                      approx(23_323.62)]
    assert res.by_year[2].by_outcome == (approx(23_323.62), 0.0)  # B has ended after year 2
    assert res.by_outcome == (approx(175_160.35), approx(176_870.75))
    assert res.present_value == approx(352_031.10)
    assert res.net_present_value == approx(102_031.10)
    assert res.ratio == pytest.approx(1.4081, abs=1e-4)


def test_no_discounting_and_full_drop_off() -> None:
    # r = 0: PV is the plain sum. Drop-off 100 %: only year 1 counts.
    # 4 × 1 000 × (1 − 0.5 displacement) = 2 000 in year 1, then 0, 0 → PV 2 000; ratio 2000/1000 = 2
    o = Outcome(quantity=4, proxy=1_000, duration_years=3, displacement=0.5, drop_off=1)
    res = sroi(1_000, [o], discount_rate=0)
    assert [y.value for y in res.by_year] == [2_000, 0, 0]
    assert res.present_value == 2_000 and res.ratio == 2 and res.net_present_value == 1_000


def test_zero_duration_and_no_outcomes_give_zero_value() -> None:
    assert sroi(10, [Outcome(quantity=5, proxy=5, duration_years=0)]).present_value == 0
    res = sroi(10, [])
    assert (res.present_value, res.ratio, res.net_present_value, res.by_year) == (0, 0, -10, ())


def test_present_value_is_the_sum_of_the_years_and_the_outcomes() -> None:
    res = sroi(250_000, TWO, discount_rate=0.05)
    assert sum(y.present_value for y in res.by_year) == pytest.approx(res.present_value)
    assert sum(res.by_outcome) == pytest.approx(res.present_value)


# ---------------------------------------------------------------------------
# Sensitivity: deadweight and attribution ± 10 points.


def test_sensitivity_by_hand() -> None:
    # Example 1 has deadweight 0.2 and attribution 0. Year-1 impact scales with (1 − deadweight):
    #   deadweight 0.1 → PV = 448 261.92 × 0.9 / 0.8 = 504 294.66
    #   deadweight 0.3 → PV = 448 261.92 × 0.7 / 0.8 = 392 229.18
    #   attribution −0.1 is held at 0 (clamped) → PV unchanged 448 261.92
    #   attribution 0.1 → PV = 448 261.92 × 0.9 = 403 435.73
    rows = impact.sensitivity(100_000, ONE)
    got = [(r.field, round(r.delta, 2), r.present_value, r.clamped) for r in rows]
    assert got == [
        ("deadweight", -0.1, approx(504_294.66), False),
        ("deadweight", 0.0, approx(448_261.92), False),
        ("deadweight", 0.1, approx(392_229.18), False),
        ("attribution", -0.1, approx(448_261.92), True),
        ("attribution", 0.0, approx(448_261.92), False),
        ("attribution", 0.1, approx(403_435.73), False),
    ]
    assert rows[0].ratio == pytest.approx(5.0429, abs=1e-4)
    assert rows[5].net_present_value == approx(303_435.73)


def test_sensitivity_holds_rates_at_one() -> None:
    o = Outcome(quantity=1, proxy=100, duration_years=1, deadweight=0.95)
    up = impact.sensitivity(100, [o], 0)[2]
    assert up.clamped and up.present_value == 0  # deadweight 1.05 → held at 1 → nothing left


# ---------------------------------------------------------------------------
# Breakdown: from gross value to present value.


def test_breakdown_by_hand() -> None:
    # Example 1: gross = 10 × 20 000 × 3 years = 600 000
    #   − deadweight 20 % = 120 000 → 480 000; no displacement, attribution or drop-off
    #   − discounting = 480 000 − 448 261.92 = 31 738.08
    steps = impact.breakdown(ONE)
    assert [s.term for s in steps] == ["gross", "deadweight", "displacement", "attribution",
                                       "drop_off", "discounting"]
    assert [s.amount for s in steps] == [approx(600_000), approx(120_000), 0, 0, 0, approx(31_738.08)]


def test_breakdown_ends_at_the_present_value() -> None:
    steps = impact.breakdown(TWO, 0.05)
    left = steps[0].amount - sum(s.amount for s in steps[1:])
    assert left == pytest.approx(sroi(250_000, TWO, 0.05).present_value)
    assert all(s.amount >= -1e-9 for s in steps)


# ---------------------------------------------------------------------------
# Bad input: a ValueError that names the field.


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("quantity", -1), ("proxy", -0.5), ("duration_years", -1), ("duration_years", 1.5),
        ("duration_years", 101), ("deadweight", 1.1), ("displacement", -0.1), ("attribution", 2),
        ("drop_off", -0.01), ("quantity", math.nan), ("proxy", math.inf), ("quantity", "10"),
        ("deadweight", True),
    ],
)
def test_bad_outcome_names_the_field(field: str, value: object) -> None:
    args: dict[str, object] = {"quantity": 1, "proxy": 1, "duration_years": 1, field: value}
    with pytest.raises(ValueError, match=field) as err:
        Outcome(**args)  # type: ignore[arg-type]
    assert isinstance(err.value, InputError) and err.value.field == field


@pytest.mark.parametrize(
    ("field", "investment", "rate"),
    [
        ("investment", 0, 0.035), ("investment", -100, 0.035), ("investment", math.nan, 0.035),
        ("discount_rate", 100, 1.01), ("discount_rate", 100, -0.001), ("discount_rate", 100, 3.5),
    ],
)
def test_bad_investment_or_rate_names_the_field(field: str, investment: float, rate: float) -> None:
    with pytest.raises(ValueError, match=field) as err:
        sroi(investment, ONE, rate)
    assert err.value.field == field  # type: ignore[attr-defined]


def test_rates_at_the_limits_are_accepted() -> None:
    o = Outcome(quantity=0, proxy=0, duration_years=0, deadweight=1, displacement=0,
                attribution=1, drop_off=1)
    assert sroi(1, [o], discount_rate=0.2).present_value == 0
    top = Outcome(quantity=10_000_000, proxy=10_000_000, duration_years=50)
    res = sroi(10_000_000_000, [top], discount_rate=0)
    assert res.present_value == 50 * 10_000_000 * 10_000_000 and math.isfinite(res.ratio)


@pytest.mark.parametrize(
    ("field", "value"),
    [("quantity", 10_000_001), ("proxy", 1e308), ("duration_years", 51)],
)
def test_an_outcome_outside_its_plausible_range_names_the_field(field: str, value: float) -> None:
    args: dict[str, object] = {"quantity": 1, "proxy": 1, "duration_years": 1, field: value}
    with pytest.raises(InputError, match=field) as err:
        Outcome(**args)  # type: ignore[arg-type]
    assert err.value.field == field


@pytest.mark.parametrize(
    ("field", "investment", "rate"),
    [("investment", 0.5, 0.035), ("investment", 1e300, 0.035), ("discount_rate", 1000, 0.21)],
)
def test_an_investment_or_rate_outside_its_plausible_range_names_the_field(
        field: str, investment: float, rate: float) -> None:
    with pytest.raises(InputError, match=field) as err:
        sroi(investment, ONE, rate)
    assert err.value.field == field


def test_the_issues_example_is_refused_not_infinite() -> None:
    with pytest.raises(ValueError, match="quantity"):
        sroi(1000.0, [Outcome(name="x", quantity=1e308, proxy=1e308, duration_years=1)])


def test_outcomes_must_be_outcome_objects() -> None:
    with pytest.raises(ValueError, match="outcomes"):
        sroi(100, [{"quantity": 1}])  # type: ignore[list-item]


def test_check_converts_and_rejects() -> None:
    assert impact.check("deadweight", 0.25) == 0.25
    assert impact.check("duration_years", 3.0) == 3
    with pytest.raises(ValueError, match="investment"):
        impact.check("investment", 0)
    with pytest.raises(ValueError, match="field"):
        impact.check("colour", 1)


def test_decimal_in_both_languages() -> None:
    assert impact.decimal(4.4826, "en") == "4.48"
    assert impact.decimal(4.4826, "nb") == "4,48"
    assert impact.decimal(1234.5, "nb", 1) == "1\u00a0234,5"


# ---------------------------------------------------------------------------
# SoImpact indicators as CSV.


def test_indicators_csv_reads_back() -> None:
    rows = [
        {"level": "result", "indicator": "Kurs holdt", "baseline": "0", "target": "12",
         "how_measured": "Telling"},
        {"level": "outcome", "indicator": "", "baseline": None, "target": math.nan,
         "how_measured": ""},  # nothing but a level: left out
        {"level": "impact", "indicator": "Andel i jobb, «etter»", "baseline": 30.0, "target": None,
         "how_measured": "SSB; register"},
    ]
    headers = {k: k.upper() for k in impact.INDICATOR_COLUMNS}
    data = impact.indicators_csv(rows, headers, {"result": "Resultat", "impact": "Effekt"})
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark for spreadsheets
    got = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert got == [
        ["LEVEL", "INDICATOR", "BASELINE", "TARGET", "HOW_MEASURED"],
        ["Resultat", "Kurs holdt", "0", "12", "Telling"],
        ["Effekt", "Andel i jobb, «etter»", "30.0", "", "SSB; register"],
    ]
    assert len(impact.indicator_rows(rows)) == 2


# ---------------------------------------------------------------------------
# The impact-method chooser (content/questionnaires/impact_method.yaml on the shared engine)


@pytest.mark.parametrize(
    ("answers", "first"),
    [
        ({"who": "public_body", "aims": ["money_value"], "capacity": "dedicated", "data": True}, "sroi"),
        ({"who": "small_entrepreneur", "aims": ["improve_practice"], "capacity": "little"},
         "measuring_up"),
        ({"who": "programme", "aims": ["communicate"], "stage": "planned"}, "soimpact"),
        ({"who": "investor", "aims": ["double_bottom_line", "reach_depth"]}, "ferd_model"),
    ],
)
def test_impact_method_chooser_says_which_and_why(answers: dict[str, object], first: str) -> None:
    result = Q.evaluate("impact_method", answers)
    top = result.top()
    assert top[0].item_id == first
    assert top[0].reasons and all(r.points > 0 for r in top[0].reasons)


def test_little_capacity_lowers_sroi() -> None:
    base = Q.evaluate("impact_method", {"aims": ["money_value"]})
    low = Q.evaluate("impact_method", {"aims": ["money_value"], "capacity": "little", "data": False})
    score = {r.item_id: r.score for r in base.recommendations}
    lowered = {r.item_id: r.score for r in low.recommendations}
    assert lowered["sroi"] == score["sroi"] - 3  # −2 for little capacity, −1 for no figures
