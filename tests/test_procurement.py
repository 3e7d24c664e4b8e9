"""The procurement path checker (guide.procurement): regimes at every threshold of every period.

The threshold cases are generated from content/procurement.yaml, read here with plain YAML (not
through the model), so the test does its own choice of the figures in force on each date. The
expected regime follows the rules in the issue: at or above a threshold is the higher regime;
health and social services are Part I below their EEA threshold; other special services follow
Part II from the national threshold.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from guide import content as content_mod
from guide import procurement as proc
from guide.procurement import model as pm

ROOT = Path(__file__).resolve().parent.parent
TABLE: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / "content" / "procurement.yaml").read_text(encoding="utf-8")
)["procurement_thresholds"]
BUYERS = ("state", "municipal", "other")
CATEGORIES = ("goods_services", "works", "health_social", "special_services")
USABLE = ("confirmed", "approximate", "adopted")  # the statuses that decide the route


def in_force(series: str, on: dt.date) -> dict[str, Any]:
    rows = [r for r in TABLE if r["series"] == series and r["status"] in USABLE and r["valid_from"] <= on]
    return max(rows, key=lambda r: r["valid_from"])


def eea_column(buyer: str, category: str) -> str:
    if category == "goods_services":
        return "state_goods_services" if buyer == "state" else "other_goods_services"
    return "works" if category == "works" else "special_services"


def figures(buyer: str, category: str, on: dt.date) -> dict[str, tuple[int, dict[str, Any]]]:
    lower, national, eea = in_force("lower_limit", on), in_force("national", on), in_force("eea", on)
    out = {
        "lower_limit": (lower["value"], lower),
        "national": (national["value"], national),
        "eea": (eea["eea"][eea_column(buyer, category)], eea),
    }
    if category == "health_social":
        del out["national"]  # not used: health and social services are Part I up to the EEA threshold
    return out


def expected_regime(value: int, category: str, lower: int, national: int | None, eea: int) -> str:
    if value < lower:
        return "outside_act"
    if category == "health_social":
        return "part3" if value >= eea else "part1"
    if value >= eea:
        return "part3"
    assert national is not None
    return "part2" if value >= national else "part1"


def period_dates() -> list[tuple[str, dt.date]]:
    """The first and the last day of every period in which the figures in force are constant."""
    starts = sorted({r["valid_from"] for r in TABLE if r["status"] in USABLE})
    out: list[tuple[str, dt.date]] = []
    for i, start in enumerate(starts):
        out.append((f"{start}-first", start))
        end = starts[i + 1] - dt.timedelta(days=1) if i + 1 < len(starts) else dt.date.today()
        out.append((f"{start}-last", end))
    return out


CASES = [
    pytest.param(on, buyer, category, id=f"{label}-{buyer}-{category}")
    for label, on in period_dates()
    for buyer in BUYERS
    for category in CATEGORIES
]


def test_the_table_covers_2017_on_in_several_periods() -> None:
    dates = period_dates()
    assert dates[0][1] == dt.date(2017, 1, 1)
    assert len(dates) >= 10  # five periods, first and last day of each
    assert len(CASES) == len(dates) * 12


@pytest.mark.parametrize(("on", "buyer", "category"), CASES)
def test_every_threshold_minus_one_exact_plus_one(on: dt.date, buyer: str, category: str) -> None:
    figs = figures(buyer, category, on)
    lower = figs["lower_limit"][0]
    national = figs["national"][0] if "national" in figs else None
    eea = figs["eea"][0]
    problems: list[str] = []
    for name, (threshold, _row) in figs.items():
        for value in (threshold - 1, threshold, threshold + 1):
            r = proc.route(value, buyer=buyer, category=category, on=on)
            want = expected_regime(value, category, lower, national, eea)
            if r.regime != want:
                problems.append(f"{name} {threshold}: {value} gave {r.regime}, expected {want}")
            announce = {"part2": ("doffin",), "part3": ("doffin", "ted")}.get(want, ())
            if r.announce_in != announce or r.must_announce != bool(announce):
                problems.append(f"{value}: announce {r.must_announce} {r.announce_in}, expected {announce}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("on", "buyer", "category"), CASES)
def test_the_thresholds_used_are_the_table_rows_in_force(on: dt.date, buyer: str, category: str) -> None:
    r = proc.route(500_000, buyer=buyer, category=category, on=on)
    figs = figures(buyer, category, on)
    assert [t.name for t in r.thresholds] == list(figs)
    for t in r.thresholds:
        value, row = figs[t.name]
        assert t.value == value
        assert t.valid_from == row["valid_from"]
        assert t.period_id == row["id"]
        assert t.status == row["status"]
        assert t.source.ref == row["source"]["ref"]


def test_a_threshold_takes_effect_on_its_valid_from_date() -> None:
    # The national threshold rose from 1.1 to 1.3 million on 2018-04-06 (FOR-2018-04-04-533).
    day_before = proc.route(1_100_000, buyer="municipal", category="goods_services", on=dt.date(2018, 4, 5))
    day_of = proc.route(1_100_000, buyer="municipal", category="goods_services", on=dt.date(2018, 4, 6))
    assert (day_before.regime, day_of.regime) == ("part2", "part1")
    assert day_before.threshold("national").value == 1_100_000  # type: ignore[union-attr]
    assert day_of.threshold("national").value == 1_300_000  # type: ignore[union-attr]


# --- Known figures, written out by hand from the fact sheet ------------------------------------

ON_2024 = dt.date(2024, 6, 1)


@pytest.mark.parametrize(
    ("value", "buyer", "category", "regime", "announce_in"),
    [
        (99_999, "municipal", "goods_services", "outside_act", ()),
        (100_000, "municipal", "goods_services", "part1", ()),
        (1_299_999, "municipal", "goods_services", "part1", ()),
        (1_300_000, "municipal", "goods_services", "part2", ("doffin",)),
        (2_299_999, "municipal", "goods_services", "part2", ("doffin",)),
        (2_300_000, "municipal", "goods_services", "part3", ("doffin", "ted")),
        (1_489_999, "state", "goods_services", "part2", ("doffin",)),
        (1_490_000, "state", "goods_services", "part3", ("doffin", "ted")),
        (2_299_999, "other", "goods_services", "part2", ("doffin",)),
        (57_799_999, "state", "works", "part2", ("doffin",)),
        (57_800_000, "municipal", "works", "part3", ("doffin", "ted")),
        (1_300_000, "municipal", "health_social", "part1", ()),
        (7_799_999, "municipal", "health_social", "part1", ()),
        (7_800_000, "municipal", "health_social", "part3", ("doffin", "ted")),
        (1_299_999, "state", "special_services", "part1", ()),
        (1_300_000, "state", "special_services", "part2", ("doffin",)),
        (7_800_000, "other", "special_services", "part3", ("doffin", "ted")),
    ],
)
def test_known_routes_in_2024(
    value: int, buyer: str, category: str, regime: str, announce_in: tuple[str, ...]
) -> None:
    r = proc.route(value, buyer=buyer, category=category, on=ON_2024)
    assert r.regime == regime
    assert r.announce_in == announce_in
    assert r.must_announce is bool(announce_in)


def test_health_and_social_services_get_their_own_rules_and_steps() -> None:
    below = proc.route(5_000_000, buyer="municipal", category="health_social", on=ON_2024)
    assert below.rules == "part1_health_social"
    assert "choose_suppliers" in below.steps and "arrange_competition" not in below.steps
    assert "reserve_for_non_profits" in below.allowed
    above = proc.route(7_800_000, buyer="municipal", category="health_social", on=ON_2024)
    assert above.rules == "special_eea"
    assert "special_rules" in above.steps
    assert "national" not in [t.name for t in above.thresholds]
    goods = proc.route(5_000_000, buyer="municipal", category="goods_services", on=ON_2024)
    assert "reserve_for_non_profits" not in goods.allowed


def test_steps_and_procedures_follow_the_content() -> None:
    c = content_mod.default()
    for value, rules in [(50_000, "outside_act"), (500_000, "part1"), (1_500_000, "part2"),
                         (3_000_000, "part3")]:
        r = proc.route(value, buyer="municipal", category="goods_services", on=ON_2024)
        assert r.rules == rules
        assert r.steps == tuple(s.id for s in c.procurement_steps.values() if rules in s.rules)
        assert r.procedures == tuple(p.id for p in c.procurement_procedures.values() if rules in p.rules)
        assert r.steps[0] == "estimate_value"
    part3 = proc.route(3_000_000, buyer="municipal", category="goods_services", on=ON_2024)
    assert {"open_anbudskonkurranse", "competitive_dialogue", "innovation_partnership"} <= set(
        part3.procedures
    )
    part2 = proc.route(1_500_000, buyer="municipal", category="goods_services", on=ON_2024)
    assert set(part2.procedures) == {"open_tilbudskonkurranse", "restricted_tilbudskonkurranse"}
    assert proc.route(50_000, buyer="municipal", category="goods_services", on=ON_2024).procedures == ()


def test_values_can_be_fractions_and_decimals() -> None:
    assert proc.route(99_999.99, buyer="municipal", category="goods_services", on=ON_2024).regime == (
        "outside_act"
    )
    assert proc.route(Decimal("100000"), buyer="municipal", category="goods_services", on=ON_2024).regime == (
        "part1"
    )
    assert proc.route(0, buyer="municipal", category="goods_services", on=ON_2024).regime == "outside_act"


def test_the_value_on_the_scale() -> None:
    r = proc.route(1_500_000, buyer="municipal", category="goods_services", on=ON_2024)
    assert proc.bands(r) == [
        (0, 100_000, "outside_act"), (100_000, 1_300_000, "part1"), (1_300_000, 2_300_000, "part2"),
        (2_300_000, None, "part3"),
    ]
    low, high = r.band()
    assert (low.value, high.value) == (1_300_000, 2_300_000)  # type: ignore[union-attr]
    hs = proc.route(1_500_000, buyer="municipal", category="health_social", on=ON_2024)
    assert [b[2] for b in proc.bands(hs)] == ["outside_act", "part1_health_social", "special_eea"]


# --- Proposed and unconfirmed figures are never law; the date warnings -------------------------

TODAY = dt.date(2026, 11, 27)


def codes(r: proc.Route) -> list[str]:
    return [w.code for w in r.warnings]


def test_the_lower_limit_of_500_000_decides_from_1_july_2026() -> None:
    # Adopted on 2026-02-05 and reported by independent sources: it routes from its date.
    for value, on, rules in [
        (499_999, dt.date(2026, 6, 30), "part1"), (500_000, dt.date(2026, 6, 30), "part1"),
        (99_999, dt.date(2026, 6, 30), "outside_act"), (100_000, dt.date(2026, 6, 30), "part1"),
        (499_999, dt.date(2026, 7, 1), "outside_act"), (500_000, dt.date(2026, 7, 1), "part1"),
    ]:
        r = proc.route(value, buyer="municipal", category="goods_services", on=on)
        assert r.rules == rules, (value, on, r.rules)
        assert r.threshold("lower_limit").value == (500_000 if on >= dt.date(2026, 7, 1) else 100_000)  # type: ignore[union-attr]
    r = proc.route(450_000, buyer="municipal", category="health_social", on=dt.date(2026, 12, 7))
    assert r.rules == "outside_act" and not r.must_announce
    th = r.threshold("lower_limit")
    assert th is not None and th.status == "adopted" and len(th.all_sources()) >= 2


def test_a_proposal_warns_until_the_law_overtakes_it() -> None:
    # Before the adoption the bill's 300 000 is a proposal: not used, but warned of where it matters.
    r = proc.route(200_000, buyer="municipal", category="goods_services", on=dt.date(2025, 6, 1))
    assert r.rules == "part1"
    pending = [w for w in r.warnings if w.code == "pending_change" and w.threshold.name == "lower_limit"]
    assert [(w.threshold.value, w.threshold.status, w.regime_if) for w in pending] == [
        (300_000, "proposed", "outside_act")]
    # Above the proposed limit the result would not change: nothing is said.
    r = proc.route(600_000, buyer="municipal", category="goods_services", on=dt.date(2025, 6, 1))
    assert not [w for w in r.warnings if w.threshold.name == "lower_limit"]
    # Once the Storting adopted 500 000 (2026-02-05), the proposal is overtaken; the adopted limit
    # is said as a change from its date, for a purchase it changes.
    r = proc.route(450_000, buyer="municipal", category="goods_services", on=dt.date(2026, 3, 1))
    assert r.rules == "part1"
    ws = [w for w in r.warnings if w.threshold.name == "lower_limit"]
    assert [(w.code, w.threshold.value, w.regime_if) for w in ws] == [
        ("scheduled_change", 500_000, "outside_act")]
    # Today: no warning of either for any value.
    for value in (50_000, 200_000, 450_000, 600_000, 60_000_000):
        r = proc.route(value, buyer="municipal", category="goods_services", on=TODAY)
        assert not [w for w in r.warnings if w.threshold.name == "lower_limit"], value


def test_pending_changes_only_from_when_they_matter() -> None:
    r = proc.route(200_000, buyer="municipal", category="goods_services", on=dt.date(2025, 5, 14))
    assert "pending_change" not in codes(r)
    r = proc.route(200_000, buyer="municipal", category="goods_services", on=dt.date(2025, 5, 15))
    assert [w.threshold.value for w in r.warnings if w.code == "pending_change"] == [300_000]


def test_unconfirmed_eea_figures_are_not_used(content_copy: Path) -> None:
    # The table holds no unconfirmed NOK figures for 2026 (none could be traced); a test row does.
    def change(rows: list[dict[str, Any]]) -> None:
        rows.append({
            "id": "eea_test_unconfirmed", "series": "eea", "status": "unconfirmed",
            "valid_from": dt.date(2026, 1, 1), "source": {"ref": "eu_thresholds_2026"},
            "eea": {"state_goods_services": 1_630_000, "other_goods_services": 2_500_000,
                    "works": 62_900_000, "special_services": 8_700_000},
            "note": {"nb": "test", "nn": "test", "en": "test"},
        })
    edit_table(content_copy, change)
    c = content_mod.load(content_copy)
    r = proc.route_in(c, 2_400_000, buyer="municipal", category="goods_services", on=dt.date(2026, 6, 1))
    assert r.regime == "part3"
    assert r.threshold("eea").value == 2_300_000  # type: ignore[union-attr]
    eea = [w for w in r.warnings if w.code == "pending_change" and w.threshold.name == "eea"]
    assert [(w.threshold.value, w.threshold.status, w.regime_if) for w in eea] == [
        (2_500_000, "unconfirmed", "part2")
    ]


#: The bands the reported 2026 EEA figures would move (value from, value to, buyer, category, rules
#: today, rules if the figure applied).
MOVED_2026 = [
    (2_300_000, 2_499_999, "municipal", "goods_services", "part3", "part2"),
    (1_490_000, 1_629_999, "state", "goods_services", "part3", "part2"),
    (57_800_000, 62_899_999, "state", "works", "part3", "part2"),
    (7_800_000, 8_699_999, "municipal", "health_social", "special_eea", "part1_health_social"),
    (7_800_000, 8_699_999, "other", "special_services", "special_eea", "part2"),
]


@pytest.mark.parametrize(("lo", "hi", "buyer", "category", "now", "would"), MOVED_2026)
def test_the_reported_2026_eea_figures_never_route_but_say_what_they_would_change(
    lo: int, hi: int, buyer: str, category: str, now: str, would: str,
) -> None:
    row = next(r for r in TABLE if r["id"] == "eea_2026")
    assert row["status"] == "unconfirmed"
    for value in (lo, (lo + hi) // 2, hi):
        r = proc.route(value, buyer=buyer, category=category, on=TODAY)
        assert r.rules == now
        (w,) = [w for w in r.warnings if w.code == "pending_change"]
        assert w.threshold.period_id == "eea_2026" and w.rules_if == would
        assert w.regime_if == proc.REGIME_OF[would]  # type: ignore[index]
    # Just outside the band nothing is said: the figure cannot change those purchases.
    for value in (lo - 1, hi + 1):
        r = proc.route(value, buyer=buyer, category=category, on=TODAY)
        assert not [w for w in r.warnings if w.code == "pending_change"], value
    # Before the reported date it is not known.
    r = proc.route(lo, buyer=buyer, category=category, on=dt.date(2026, 4, 20))
    assert not [w for w in r.warnings if w.code == "pending_change"]


def test_a_pending_warning_always_changes_the_regime() -> None:
    for value in range(0, 80_000_000, 37_017):
        for buyer in BUYERS:
            for category in CATEGORIES:
                r = proc.route(value, buyer=buyer, category=category, on=TODAY)
                for w in r.warnings:
                    if w.code in ("pending_change", "scheduled_change"):
                        assert w.regime_if is not None and w.regime_if != r.regime


def test_eea_figures_more_than_two_years_old_are_flagged_until_newer_ones_are_reported() -> None:
    # The last confirmed EEA figures are from 2024-03-14; newer ones were reported from 2026-04-21.
    assert "eea_stale" not in codes(proc.route(1, buyer="state", category="works", on=dt.date(2026, 3, 14)))
    r = proc.route(1, buyer="state", category="works", on=dt.date(2026, 3, 15))
    stale = [w for w in r.warnings if w.code == "eea_stale"]
    assert len(stale) == 1 and stale[0].threshold.valid_from == dt.date(2024, 3, 14)
    assert "eea_stale" in codes(proc.route(1, buyer="state", category="works", on=dt.date(2026, 4, 20)))
    # From then the reported figures say what may change, for the purchases they can change.
    assert "eea_stale" not in codes(proc.route(1, buyer="state", category="works", on=TODAY))
    assert "eea_stale" not in codes(proc.route(1, buyer="state", category="works", on=ON_2024))


def test_approximate_dates_are_flagged_in_their_year() -> None:
    r = proc.route(1_000_000, buyer="municipal", category="goods_services", on=dt.date(2020, 1, 15))
    approx = [w for w in r.warnings if w.code == "approximate_date"]
    assert [w.threshold.period_id for w in approx] == ["eea_2020"]
    # The day before the approximate 2022 date: the 2020 figure (2.05 M) is used, and the result
    # under the 2022 figure (2.2 M) is given.
    r = proc.route(2_100_000, buyer="municipal", category="goods_services", on=dt.date(2022, 3, 22))
    approx = {w.threshold.period_id: w for w in r.warnings if w.code == "approximate_date"}
    assert "eea_2022" in approx
    assert approx["eea_2022"].regime_if == "part2"  # 2.1 M is below the 2022 figure of 2.2 M
    assert r.regime == "part3"
    # From the approximate date on, the 2022 figure is used and still flagged in 2022.
    r = proc.route(2_100_000, buyer="municipal", category="goods_services", on=dt.date(2022, 6, 1))
    approx = {w.threshold.period_id: w for w in r.warnings if w.code == "approximate_date"}
    assert r.regime == "part2" and approx["eea_2022"].regime_if is None
    assert "approximate_date" not in codes(
        proc.route(1_000_000, buyer="municipal", category="goods_services", on=dt.date(2021, 6, 1))
    )


@pytest.mark.parametrize(
    ("period", "valid_from", "candidates"),
    [
        # DFØ says 12 February 2020, VA-jus 13 February 2020.
        ("eea_2020", dt.date(2020, 2, 12), {"nb": ("12. februar 2020", "13. februar 2020"),
                                             "en": ("12 February 2020", "13 February 2020")}),
        # Two law firms say 23 March 2022; the stand-in used before was 31 December 2022.
        ("eea_2022", dt.date(2022, 3, 23), {"nb": ("23. mars 2022", "31. desember 2022"),
                                             "en": ("23 March 2022", "31 December 2022")}),
    ],
)
def test_approximate_rows_use_the_best_sourced_date_and_name_both_candidates(
    period: str, valid_from: dt.date, candidates: dict[str, tuple[str, str]]
) -> None:
    row = next(r for r in TABLE if r["id"] == period)
    assert row["status"] == "approximate"
    assert row["valid_from"] == valid_from
    for lang, dates in candidates.items():
        assert all(d in row["note"][lang] for d in dates), (period, lang)
    assert content_mod.default().sources[row["source"]["ref"]].url  # a source anyone can open


def test_default_date_is_today() -> None:
    r = proc.route(1_000, buyer="municipal", category="goods_services")
    assert r.on == dt.date.today()
    assert proc.route(1_000, buyer="municipal", category="goods_services",
                      on=dt.datetime(2019, 5, 1, 12, 0)).on == dt.date(2019, 5, 1)


# --- Bad input: a ValueError that names the field ---------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (-1, "negative"), (-0.5, "negative"), ("-5", "negative"), ("\u2212100", "negative"),
        ("kr -5", "negative"),
        (math.nan, "not_finite"), ("NaN", "not_finite"), (math.inf, "not_finite"), ("inf", "not_finite"),
        ("abc", "not_a_number"), ("1e6", "not_a_number"), ("12 kroner og 50 øre", "not_a_number"),
        ("1,2,3", "not_a_number"), (None, "not_a_number"), (True, "not_a_number"), ([1], "not_a_number"),
        ("", "empty"), ("   ", "empty"),
    ],
)
def test_bad_values_name_the_field(value: object, code: str) -> None:
    with pytest.raises(ValueError, match=r"^value_nok: ") as info:
        proc.route(value, buyer="municipal", category="goods_services", on=ON_2024)
    assert isinstance(info.value, proc.InputError)
    assert (info.value.field, info.value.code) == ("value_nok", code)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"buyer": "county", "category": "works"}, "buyer"),
        ({"buyer": None, "category": "works"}, "buyer"),
        ({"buyer": "state", "category": "food"}, "category"),
        ({"buyer": "state", "category": "Works"}, "category"),
        ({"buyer": "state", "category": "works", "on": "2024-01-01"}, "on"),
        ({"buyer": "state", "category": "works", "on": 2024}, "on"),
        ({"buyer": "state", "category": "works", "on": dt.date(2016, 12, 31)}, "on"),
    ],
)
def test_bad_choices_name_the_field(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(ValueError, match=rf"^{field}: ") as info:
        proc.route(1_000, **kwargs)
    assert info.value.field == field  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 300 000", 1_300_000), ("1\u00a0300\u00a0000", 1_300_000), ("1300000", 1_300_000),
        ("kr 250 000,-", 250_000), ("NOK 1,300,000", 1_300_000), ("1.300.000", 1_300_000),
        ("1 300 000 kr", 1_300_000), ("1,3 mill", 1_300_000), ("1.3 million", 1_300_000),
        ("2,5 millioner", 2_500_000), ("250k", 250_000), ("12,5", 12.5), ("0", 0), ("+100", 100),
        (1_300_000, 1_300_000), (12.5, 12.5),
    ],
)
def test_amounts_people_write(text: object, value: float) -> None:
    assert proc.parse_value(text) == pytest.approx(value)


# --- The content table itself: checks that catch a broken edit ---------------------------------


def edit_table(root: Path, change: Any) -> None:
    path = root / "procurement.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["procurement_thresholds"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_proposed_figure_with_a_past_date_is_still_not_used(content_copy: Path) -> None:
    def change(rows: list[dict[str, Any]]) -> None:
        rows.append({
            "id": "lower_limit_test", "series": "lower_limit", "status": "proposed",
            "valid_from": dt.date(2019, 1, 1), "value": 900_000,
            "source": {"ref": "prop_147_l_2024_2025"}, "note": {"nb": "test", "nn": "test", "en": "test"},
        })
    edit_table(content_copy, change)
    c = content_mod.load(content_copy)
    r = proc.route_in(c, 500_000, buyer="state", category="works", on=dt.date(2020, 6, 1))
    assert r.regime == "part1"
    assert any(w.threshold.value == 900_000 and w.regime_if == "outside_act" for w in r.warnings)


def test_a_confirmed_change_is_used_from_its_date_without_code_changes(content_copy: Path) -> None:
    def change(rows: list[dict[str, Any]]) -> None:
        # As a maintainer would when the regulation shows the reported figures in force.
        row = next(r for r in rows if r["id"] == "eea_2026")
        row["status"] = "confirmed"
    edit_table(content_copy, change)
    c = content_mod.load(content_copy)
    def on(day: dt.date) -> proc.Route:
        return proc.route_in(c, 2_400_000, buyer="municipal", category="goods_services", on=day)

    after, before = on(dt.date(2026, 4, 21)), on(dt.date(2026, 4, 20))
    assert (before.rules, after.rules) == ("part3", "part2")
    assert not [w for w in after.warnings if w.code == "pending_change"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda rows: rows.append({**next(r for r in rows if r["id"] == "eea_2024"), "id": "eea_dup"}),
         "already has a period from 2024-03-14"),
        (lambda rows: next(r for r in rows if r["id"] == "eea_2024")["eea"].update(works=1_000_000),
         "below the national threshold"),
        (lambda rows: next(r for r in rows if r["id"] == "eea_2020").pop("note"),
         "approximate period needs a `note`"),
        (lambda rows: next(r for r in rows if r["id"] == "national_2018").pop("valid_from"),
         "confirmed period needs `valid_from`"),
        (lambda rows: next(r for r in rows if r["id"] == "national_2017").update(
            eea=dict.fromkeys(pm.EEA_KEYS, 5_000_000)),
         "needs `value` and no `eea`"),
        (lambda rows: [rows.remove(r) for r in list(rows) if r["series"] == "lower_limit"],
         "no confirmed period for lower_limit"),
    ],
)
def test_broken_tables_are_reported(content_copy: Path, change: Any, message: str) -> None:
    edit_table(content_copy, change)
    with pytest.raises(content_mod.ContentError) as info:
        content_mod.load(content_copy)
    assert any(message in e and "procurement.yaml" in e for e in info.value.errors), info.value.errors


def test_the_content_is_complete() -> None:
    c = content_mod.default()
    assert set(c.procurement_rules) == set(pm.RULE_SETS)
    assert {
        "talk_to_suppliers", "buy_test_or_pilot", "buy_from_small_suppliers", "dialogue_before_innovative",
        "reserve_for_non_profits", "rnd_exemption_pcp", "innovation_partnership_allowed",
    } <= set(c.procurement_allowed)
    statuses = {p.status for p in c.procurement_thresholds.values()}
    assert {"confirmed", "approximate", "proposed"} <= statuses
    for p in c.procurement_thresholds.values():
        assert p.source.ref in c.sources
