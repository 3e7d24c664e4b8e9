"""guide.impact.presenter: the SROI result as blocks, for hand-worked inputs (tests/test_impact.py).

Example 2 of tests/test_impact.py, as the page takes it (rates in percent): investment 250 000,
discount rate 5 %; A: 20 × 10 000, 3 years, deadweight 25 %, displacement 10 %, attribution 20 %,
drop-off 50 %; B: 5 × 40 000, 2 years, attribution 50 %, drop-off 10 %.
PV = 352 031.10, NPV = 102 031.10, ratio = 1.4081; by year 198 095.24, 130 612.24, 23 323.62.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from guide import content as content_mod
from guide import formats
from guide.answers.model import SroiInputs, SroiOutcome
from guide.documents import markdown as md
from guide.documents.blocks import (
    Block,
    Bullets,
    Callout,
    Details,
    Figure,
    Heading,
    SourceLine,
    Table,
    texts,
    walk,
)
from guide.impact import engine, presenter
from guide.ui import figures
from guide.wording import Wording
from tests.support.words import ui as t

C = content_mod.default()
TWO = {
    "investment": 250_000, "discount_rate": 5,
    "outcomes": [
        {"name": "A", "quantity": 20, "proxy": 10_000, "duration_years": 3, "deadweight": 25,
         "displacement": 10, "attribution": 20, "drop_off": 50},
        {"name": "B", "quantity": 5, "proxy": 40_000, "duration_years": 2, "attribution": 50, "drop_off": 10},
    ],
}
#: What the page and the report show for TWO, by hand.
EXPECTED = {
    "nb": {"pv": "352\u00a0031\u00a0kr", "npv": "102\u00a0031\u00a0kr", "ratio": "1,41 : 1",
           "years": ["198\u00a0095\u00a0kr", "130\u00a0612\u00a0kr", "23\u00a0324\u00a0kr"]},
    "en": {"pv": "NOK\u00a0352,031", "npv": "NOK\u00a0102,031", "ratio": "1.41 : 1",
           "years": ["NOK\u00a0198,095", "NOK\u00a0130,612", "NOK\u00a023,324"]},
}
EXPECTED["nn"] = EXPECTED["nb"]  # nynorsk writes numbers and amounts as bokmål does




def inputs(**changes: object) -> SroiInputs:
    return SroiInputs.model_validate({**TWO, **changes})


def unchecked(data: dict[str, Any]) -> SroiInputs:
    """Inputs built without the model's checks (as a caller that bypasses them would)."""
    outcomes = [SroiOutcome.model_construct(**o) for o in data["outcomes"]]
    return SroiInputs.model_construct(**{**data, "outcomes": outcomes})


def result(lang: str, s: SroiInputs | None = None, level: int = 2) -> tuple[Block, ...]:
    return presenter.sroi(s or inputs(), content=C, lang=lang, level=level)  # type: ignore[arg-type]


def shown(blocks: tuple[Block, ...]) -> str:
    return "\n".join(texts(blocks))


def of(blocks: tuple[Block, ...], kind: type) -> list:  # type: ignore[type-arg]
    return [b for b in walk(blocks) if isinstance(b, kind)]


def callout(blocks: tuple[Block, ...], kind: str) -> Callout:
    (c,) = [b for b in of(blocks, Callout) if b.kind == kind]
    return c


# ---------------------------------------------------------------------------
# The inputs as the calculator takes them


def test_percent_becomes_a_fraction_in_one_place() -> None:
    assert presenter.fraction(25) == 0.25 and presenter.fraction(None) is None
    checked = presenter.check(inputs())
    assert checked.ready
    assert checked.investment == 250_000 and checked.discount_rate == pytest.approx(0.05)
    a, b = checked.outcomes
    assert (a.deadweight, a.displacement, a.attribution, a.drop_off) == pytest.approx((0.25, 0.1, 0.2, 0.5))
    assert (b.attribution, b.drop_off) == pytest.approx((0.5, 0.1)) and b.duration_years == 2
    res = engine.sroi(checked.investment, checked.outcomes, checked.discount_rate)  # type: ignore[arg-type]
    assert res.present_value == pytest.approx(352_031.10, abs=0.01)
    assert res.ratio == pytest.approx(1.4081, abs=1e-4)


# ---------------------------------------------------------------------------
# The result


def test_the_answer_gives_present_value_net_present_value_and_ratio(lang: str) -> None:
    blocks = result(lang)
    x = EXPECTED[lang]
    assert blocks[0] == Heading(t("sroi.result.title", lang), 2)
    answer = callout(blocks, "answer")
    (lines,) = of(answer.body, Bullets)
    assert [p.text for p in lines.items] == [
        f"{t('sroi.metric.present_value', lang)}: {x['pv']}",
        f"{t('sroi.metric.net_present_value', lang)}: {x['npv']}",
        f"{t('sroi.metric.ratio', lang)}: {x['ratio']}",
    ]
    ratio = "1.41" if lang == "en" else "1,41"
    assert t("sroi.ratio.sentence", lang, ratio=ratio, pv=x["pv"], investment=formats.nok(250_000, lang)) \
        in shown(answer.body)


def test_the_figures_have_their_alternatives_and_tables(lang: str) -> None:
    blocks = result(lang)
    x = EXPECTED[lang]
    figs = of(blocks, Figure)
    assert [f.chart for f in figs] == ["sroi_waterfall", "sroi_breakdown", "sroi_years"]
    assert all(f.chart in figures.CHARTS for f in figs)
    waterfall, breakdown, years = figs
    assert waterfall.alt == t("sroi.waterfall.alt", lang, investment=formats.nok(250_000, lang), net=x["npv"],
                              pv=x["pv"])
    assert waterfall.table is not None and [r[1] for r in waterfall.table.rows] == [
        formats.nok(250_000, lang), x["npv"], x["pv"]]
    # gross 20 × 10 000 × 3 + 5 × 40 000 × 2 = 1 000 000; the reductions add up to the present value
    assert breakdown.table is not None
    assert breakdown.table.rows[0][1] == formats.nok(1_000_000, lang)
    assert breakdown.table.rows[-1][1] == x["pv"]
    assert breakdown.data["amounts"][0] == pytest.approx(1_000_000)
    assert sum(breakdown.data["amounts"]) == pytest.approx(352_031.10, abs=0.01)
    for n, pv in enumerate(x["years"], 1):
        assert t("sroi.years.alt_item", lang, n=n, pv=pv) in years.alt
    assert [s["name"] for s in years.data["series"]] == ["A", "B"]
    # the value by year, also as a table beside the chart
    table = next(b for b in of(blocks, Table) if t("sroi.years.col.present_value", lang) in b.header
                 and len(b.header) == 3)
    assert [r[2] for r in table.rows] == x["years"]
    assert [r[1] for r in table.rows] == [formats.nok(v, lang) for v in (208_000, 144_000, 27_000)]


def test_the_sensitivity_table_moves_deadweight_and_attribution_ten_points(lang: str) -> None:
    blocks = result(lang)
    table = next(b for b in of(blocks, Table) if t("sroi.sensitivity.col.change", lang) in b.header)
    assert len(table.rows) == 6
    assert [r[1] for r in table.rows[:3]] == [t("sroi.sensitivity.points", lang, sign="−", n=10),
                                             t("sroi.sensitivity.as_entered", lang),
                                             t("sroi.sensitivity.points", lang, sign="+", n=10)]
    assert table.rows[1][2] == EXPECTED[lang]["pv"] and table.rows[1][4] == EXPECTED[lang]["ratio"]
    # B's deadweight of 0 % cannot go 10 points lower: held at 0, and the row says so
    assert table.rows[0][5] == t("sroi.sensitivity.clamped", lang)


def test_the_inputs_and_the_sources_come_with_the_result(lang: str) -> None:
    blocks = result(lang)
    details = next(b for b in of(blocks, Details) if b.title == t("sroi.inputs.summary", lang))
    text = shown(details.body)
    assert t("sroi.inputs.investment", lang, value=formats.nok(250_000, lang)) in text
    assert t("sroi.inputs.discount_rate", lang, value=formats.percent(5, lang)) in text
    (table,) = of(details.body, Table)
    assert table.rows[0][0] == "A" and table.rows[0][4] == formats.percent(25, lang)
    sources = [b.text for b in of(blocks, SourceLine)]
    assert len(sources) == 2 and all(s.startswith(t("cite.source", lang, text="")) for s in sources)


def test_an_unnamed_outcome_gets_its_number(lang: str) -> None:
    data = {**TWO, "outcomes": [{**TWO["outcomes"][0], "name": "  "}, TWO["outcomes"][1]]}  # type: ignore[dict-item]
    blocks = result(lang, SroiInputs.model_validate(data))
    (years,) = [f for f in of(blocks, Figure) if f.chart == "sroi_years"]
    assert [s["name"] for s in years.data["series"]] == [t("sroi.unnamed", lang, n=1), "B"]


def test_the_whole_result_renders_as_markdown(lang: str) -> None:
    text = md.render(result(lang, level=3))
    assert f"### {t('sroi.result.title', lang)}" in text
    assert f"#### {t('sroi.sensitivity.title', lang)}" in text


# ---------------------------------------------------------------------------
# Missing and bad input: a message in the page's language, never an exception's text


def test_missing_input_says_what_to_fill_in(lang: str) -> None:
    for s in (SroiInputs(), inputs(investment=None),
              SroiInputs.model_validate({**TWO, "outcomes": [{**TWO["outcomes"][0], "proxy": None}]})):
        blocks = result(lang, s)
        assert shown(callout(blocks, "info").body) == t("sroi.missing", lang)
        assert not of(blocks, Figure) and not [b for b in of(blocks, Callout) if b.kind == "answer"]


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("sroi", "investment"), 0, "investment"),
        (("sroi", "discount_rate"), 120, "discount_rate"),
        (("sroi", "outcomes", 0, "attribution"), 150, "attribution"),
        (("sroi", "outcomes", 1, "deadweight"), -5, "deadweight"),
        (("sroi", "outcomes", 0, "quantity"), -1, "quantity"),
        (("sroi", "outcomes", 1, "duration_years"), -2, "duration_years"),
        (("sroi", "outcomes", 1, "duration_years"), 101, "duration_years"),
        (("sroi", "outcomes", 1, "duration_years"), 51, "duration_years"),
        (("sroi", "discount_rate"), 21, "discount_rate"),
        (("sroi", "investment"), 1e308, "investment"),
        (("sroi", "outcomes", 0, "proxy"), 1e308, "proxy"),
        (("sroi", "outcomes", 0, "quantity"), 1e308, "quantity"),
    ],
)
def test_bad_input_is_an_error_naming_the_field(lang: str, path: tuple[str | int, ...], value: float,
                                                field: str) -> None:
    data = SroiInputs.model_validate(TWO).model_dump()
    node = data
    for part in path[1:-1]:
        node = node[part]  # type: ignore[index]
    node[path[-1]] = value  # type: ignore[index]
    b = C.input_ranges[presenter.RANGES[field]]
    w = Wording(C, lang)  # type: ignore[arg-type]
    message = t("sroi.error.out_of_range", lang, field=t(f"sroi.field.{field}", lang),
                min=w.bound(b.min, b.unit), max=w.bound(b.max, b.unit))
    # the model refuses it, with the page's message in the page's language
    with pytest.raises(ValidationError) as exc:
        SroiInputs.model_validate(data, context={"lang": lang})
    assert [(e["type"], e["loc"], e["msg"]) for e in exc.value.errors()] == [
        ("out_of_range", path[1:], message)]
    # inputs that bypassed the model are named by their field all the same
    s = unchecked(data)
    assert presenter.field_errors(s, content=C, lang=lang) == {path: message}  # type: ignore[arg-type]
    for blocks in (result(lang, s), presenter.sroi(SroiInputs.model_validate(TWO), content=C, lang=lang,  # type: ignore[arg-type]
                                                   refused={path: message})):
        text = shown(callout(blocks, "error").body)
        assert text.startswith(t("sroi.error.fix", lang)) and message in text
        if len(path) > 2:
            assert t("sroi.error.in_outcome", lang, outcome="AB"[int(path[2])], message=message) in text
        assert "must" not in text.replace(message, "")  # no exception's English
        assert not of(blocks, Figure)
        assert not [b for b in of(blocks, Callout) if b.kind == "answer"]


def test_figures_too_large_to_calculate_with_are_an_error(lang: str) -> None:
    # each input is within the limit, but the value they give is not
    top = {f: C.input_ranges[presenter.RANGES[f]].max for f in ("quantity", "proxy")}
    top["duration_years"] = int(C.input_ranges["sroi_duration_years"].max)
    big = {**TWO["outcomes"][0], **top}  # type: ignore[dict-item]
    s = SroiInputs.model_validate({**TWO, "outcomes": [big]})
    blocks = result(lang, s)
    assert shown(callout(blocks, "error").body) == t("sroi.error.too_large", lang)
    assert not of(blocks, Figure)
    # an input beyond its range (from a caller that bypassed the model) is named by its field with
    # the range, and shown as too large, not as digits
    data = SroiInputs.model_validate(TWO).model_dump()
    data["outcomes"] = [{**data["outcomes"][0], "quantity": 1e300}]
    s = unchecked(data)
    errors = presenter.field_errors(s, content=C, lang=lang)  # type: ignore[arg-type]
    assert list(errors) == [("sroi", "outcomes", 0, "quantity")]
    limit = formats.number(C.input_ranges["sroi_quantity"].max, lang)
    assert limit in errors[("sroi", "outcomes", 0, "quantity")]
    blocks = result(lang, s)
    assert t("sroi.error.fix", lang) in shown(callout(blocks, "error").body)
    assert t("sroi.inputs.too_large", lang) in shown(blocks)


def test_an_outcome_of_no_years_has_no_figure_by_year(lang: str) -> None:
    s = SroiInputs.model_validate({**TWO, "outcomes": [{**TWO["outcomes"][0], "duration_years": 0}]})
    blocks = result(lang, s)
    assert [f.chart for f in of(blocks, Figure)] == ["sroi_waterfall", "sroi_breakdown"]
    answer = shown(callout(blocks, "answer").body)
    assert f"{t('sroi.metric.present_value', lang)}: {formats.nok(0, lang)}" in answer


# ---------------------------------------------------------------------------
# The chart builders


def test_the_builders_draw_the_blocks_data_and_escape_the_users_text() -> None:
    named = SroiInputs.model_validate({**TWO, "outcomes": [{**TWO["outcomes"][0], "name": "<b>A</b> $x$"},
                                                           TWO["outcomes"][1]]})
    figs = {f.chart: f for f in of(result("nb", named), Figure)}
    waterfall = figures.build("sroi_waterfall", figs["sroi_waterfall"].data, "nb")
    assert list(waterfall.data[0].y) == pytest.approx([250_000, 102_031.10, 0], abs=0.01)
    breakdown = figures.build("sroi_breakdown", figs["sroi_breakdown"].data, "nb")
    assert len(breakdown.data[0].x) == 7 and breakdown.data[0].measure[-1] == "total"
    years = figures.build("sroi_years", figs["sroi_years"].data, "nb")
    assert [b.name for b in years.data] == ["&lt;b&gt;A&lt;/b&gt; &#36;x&#36;", "B"]
    assert list(years.data[1].y) == pytest.approx([95_238.10, 81_632.65, 0], abs=0.01)


# ---------------------------------------------------------------------------
# SoImpact


def test_the_indicator_plan_counts_and_lists_the_filled_rows(lang: str) -> None:
    rows = [{"level": "result", "indicator": "Kurs", "baseline": "0", "target": "10", "how_measured": ""},
            {"level": "outcome", "indicator": "", "baseline": None, "target": "", "how_measured": ""}]
    blocks = presenter.impact_plan(rows, content=C, lang=lang)  # type: ignore[arg-type]
    assert shown(blocks).startswith(t("soimpact.count", lang, n=1))
    (table,) = of(blocks, Table)
    assert table.rows == ((t("soimpact.level.result", lang), "Kurs", "0", "10", ""),)
    csv = presenter.indicators_csv(rows, content=C, lang=lang).decode("utf-8-sig")  # type: ignore[arg-type]
    assert csv.splitlines()[0].split(",")[0] == t("soimpact.col.level", lang)
    assert presenter.impact_plan([], content=C, lang=lang) == (  # type: ignore[arg-type]
        presenter.impact_plan(rows[1:], content=C, lang=lang))  # type: ignore[arg-type]
