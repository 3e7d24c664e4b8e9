"""AppTest of the calendar, SROI, funding and impact pages, in bokmål and English."""

from __future__ import annotations

import datetime as dt

import pytest

from guide import calendar as cal
from guide import content as content_mod
from guide import impact
from guide import questionnaires as Q
from guide.text import nok
from tests.conftest import open_page, texts


def t(key: str, lang: str, **fmt: object) -> str:
    return content_mod.default().t(key, lang, **fmt)  # type: ignore[arg-type]


def today() -> dt.date:
    return cal.clamp(dt.date.today())


def no_exception(at: object) -> None:
    assert not at.exception, [e.value for e in at.exception]  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------
# Calendar


def test_calendar_page_shows_now_the_year_and_a_download(lang: str) -> None:
    at = open_page("views/calendar.py", lang)
    no_exception(at)
    assert at.title[0].value == t("page.calendar.title", lang)
    shown = texts(at)
    now = cal.now(today(), role="entrepreneur", lang=lang)  # type: ignore[arg-type]
    assert now
    for e in now:  # what to do now, for the default role (entrepreneur)
        assert e.title in shown and e.todo and e.todo in shown
    # the timeline's text alternative names every event of the year with its dates
    for e in cal.events(today().year, role="entrepreneur", lang=lang):  # type: ignore[arg-type]
        assert t("calendar.timeline.alt_item", lang, title=e.title,
                 dates=cal.format_span(e, lang)) in shown  # type: ignore[arg-type]
    labels = [b.label for b in at.download_button]
    assert t("calendar.download", lang, year=today().year) in labels


def test_calendar_role_and_year(lang: str) -> None:
    at = open_page("views/calendar.py", lang)
    at.segmented_control(key="cal_role").set_value("public_body").run()
    at.selectbox(key="cal_year").set_value(2024).run()
    no_exception(at)
    shown = texts(at)
    for e in cal.now(today(), role="public_body", lang=lang):  # type: ignore[arg-type]
        assert e.todo and e.todo in shown
    feb = next(e for e in cal.events(2024, lang=lang) if e.id == "procurement_map_agreements")  # type: ignore[arg-type]
    assert cal.format_span(feb, lang) in shown  # type: ignore[arg-type]
    assert "29" in cal.format_span(feb, lang)  # type: ignore[arg-type]  # a leap year
    assert t("calendar.download", lang, year=2024) in [b.label for b in at.download_button]


def test_calendar_personal_plan(lang: str) -> None:
    at = open_page("views/calendar.py", lang)
    assert t("calendar.plan.choose", lang) in texts(at)
    at.pills(key="cal_seeks").set_value(["grant"]).run()
    no_exception(at)
    table = at.dataframe[0].value
    steps = cal.plan(today(), seeks=["grant"], role="entrepreneur", lang=lang)  # type: ignore[arg-type]
    assert list(table[t("calendar.col.step", lang)]) == [s.title for s in steps]
    assert t("calendar.plan.download", lang) in [b.label for b in at.download_button]
    grant = content_mod.default().funding["grant_social_entrepreneurship"]
    assert getattr(grant.title, lang) in texts(at)  # funding that fits

    # A contract without the expiry: a message by the field, and the grant plan stays.
    at.pills(key="cal_seeks").set_value(["grant", "contract"]).run()
    assert t("calendar.plan.expiry.missing", lang) in texts(at)
    assert len(at.dataframe[0].value) == len(steps)

    # Months outside 0-60: an error, and the other inputs are kept.
    at.number_input(key="cal_expiry_months").set_value(-3).run()
    no_exception(at)
    assert [e.value for e in at.error] == [t("calendar.plan.expiry.range", lang, min=0, max=60)]
    assert at.pills(key="cal_seeks").value == ["grant", "contract"]
    assert len(at.dataframe[0].value) == len(steps)

    # Seven months: the contract steps join the plan, dated back from the expiry.
    at.number_input(key="cal_expiry_months").set_value(7).run()
    assert not at.error
    expected = cal.plan(today(), seeks=["grant", "contract"], role="entrepreneur",
                        expiry=cal.add_months(today(), 7), lang=lang)  # type: ignore[arg-type]
    assert list(at.dataframe[0].value[t("calendar.col.step", lang)]) == [s.title for s in expected]
    assert t("calendar.plan.rule_of_thumb", lang) in texts(at)
    # what to focus on, from the questionnaire engine: the top steps, with the reasons
    result = Q.evaluate("calendar_plan", {"role": "entrepreneur", "seeks": ["grant", "contract"],
                                          "expiry_months": 7})
    own = Q.items(Q.get("calendar_plan"))
    labels = [e.label for e in at.expander]
    for rec in result.top(3):
        item = own[rec.item_id]
        assert f"{getattr(item.title, lang)} — {getattr(item.when, lang)}" in labels
        assert all(getattr(r.text, lang) in texts(at) for r in rec.reasons)


# ---------------------------------------------------------------------------
# SROI


def fill_example(at: object) -> None:
    """Example 1 of tests/test_impact.py: PV 448 261.92, ratio 4.48."""
    for key, value in [("sroi_investment", 100_000), ("sroi_quantity_0", 10), ("sroi_proxy_0", 20_000),
                       ("sroi_duration_0", 3), ("sroi_deadweight_0", 20)]:
        at.number_input(key=key).set_value(value).run()  # type: ignore[attr-defined]


def test_sroi_page_computes_the_formula(lang: str) -> None:
    at = open_page("views/sroi.py", lang)
    no_exception(at)
    assert at.title[0].value == t("page.sroi.title", lang)
    assert t("sroi.missing", lang) in texts(at)
    assert not at.metric
    fill_example(at)
    no_exception(at)
    res = impact.sroi(100_000, [impact.Outcome(10, 20_000, 3, deadweight=0.2)])
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        t("sroi.metric.present_value", lang): nok(res.present_value, lang),  # type: ignore[arg-type]
        t("sroi.metric.net_present_value", lang): nok(res.net_present_value, lang),  # type: ignore[arg-type]
        t("sroi.metric.ratio", lang): "4,48 : 1" if lang == "nb" else "4.48 : 1",
    }
    shown = texts(at)
    for term in ("deadweight", "attribution", "drop_off", "proxy", "discount_rate", "ratio"):
        assert t(f"sroi.term.{term}", lang) in shown  # each term explained in plain words
    assert t("sroi.years.alt_item", lang, n=3, pv=nok(res.by_year[2].present_value, lang)) in shown  # type: ignore[arg-type]
    tables = [d.value for d in at.dataframe]
    assert len(tables[0]) == 3  # value by year
    sens = tables[1]
    assert len(sens) == 6  # deadweight and attribution, each −10, as entered, +10
    assert sens[t("sroi.metric.present_value", lang)].iloc[0] == nok(
        res.present_value * 0.9 / 0.8, lang)  # type: ignore[arg-type]


def test_sroi_two_outcomes(lang: str) -> None:
    at = open_page("views/sroi.py", lang)
    fill_example(at)
    at.number_input(key="sroi_count").set_value(2).run()
    assert t("sroi.missing", lang) in texts(at)  # the new outcome is empty
    for key, value in [("sroi_quantity_1", 5), ("sroi_proxy_1", 40_000), ("sroi_duration_1", 2),
                       ("sroi_attribution_1", 50), ("sroi_drop_off_1", 10)]:
        at.number_input(key=key).set_value(value).run()
    no_exception(at)
    res = impact.sroi(100_000, [impact.Outcome(10, 20_000, 3, deadweight=0.2),
                                impact.Outcome(5, 40_000, 2, attribution=0.5, drop_off=0.1)])
    pv = next(m.value for m in at.metric if m.label == t("sroi.metric.present_value", lang))
    assert pv == nok(res.present_value, lang)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("sroi_attribution_0", 150, "sroi.error.attribution"),
        ("sroi_deadweight_0", -5, "sroi.error.deadweight"),
        ("sroi_investment", 0, "sroi.error.investment"),
        ("sroi_discount_rate", 120, "sroi.error.discount_rate"),
        ("sroi_quantity_0", -1, "sroi.error.quantity"),
        ("sroi_duration_0", -2, "sroi.error.duration_years"),
    ],
)
def test_sroi_bad_input_is_shown_by_the_field(lang: str, key: str, value: float, message: str) -> None:
    at = open_page("views/sroi.py", lang)
    fill_example(at)
    at.number_input(key=key).set_value(value).run()
    no_exception(at)
    errors = [e.value for e in at.error]
    assert t(message, lang) in errors and t("sroi.error.fix", lang) in errors
    assert not at.metric
    # the other inputs are kept, and correcting the field brings the result back
    assert at.number_input(key="sroi_proxy_0").value == 20_000
    if key != "sroi_investment":
        assert at.number_input(key="sroi_investment").value == 100_000
    good = {"sroi_attribution_0": 0, "sroi_deadweight_0": 20, "sroi_investment": 100_000,
            "sroi_discount_rate": 3.5, "sroi_quantity_0": 10, "sroi_duration_0": 3}[key]
    at.number_input(key=key).set_value(good).run()
    assert not at.error and len(at.metric) == 3


# ---------------------------------------------------------------------------
# Funding and impact


def test_funding_page_links_to_the_calendar(lang: str) -> None:
    at = open_page("views/funding.py", lang)
    no_exception(at)
    assert at.title[0].value == t("page.funding.title", lang)
    shown = texts(at)
    c = content_mod.default()
    for f in c.funding.values():
        for e in cal.upcoming(f.calendar_events, today(), lang=lang):  # type: ignore[arg-type]
            assert t("calendar.funding.item", lang, title=e.title,
                     dates=cal.format_span(e, lang)) in shown  # type: ignore[arg-type]
    assert any(f.calendar_events for f in c.funding.values())
    assert t("calendar.funding.next", lang) in shown
    assert t("calendar.link", lang) in [p.label for p in at.get("page_link")]
    # the filters still work
    at.multiselect(key="funding_roles").set_value(["public_body"]).run()
    n = len(cal.funding_sources(roles=["public_body"]))
    assert t("funding.count", lang, n=n, total=len(c.funding)) in texts(at)


def test_impact_page_has_the_soimpact_planner(lang: str) -> None:
    at = open_page("views/impact.py", lang)
    no_exception(at)
    assert at.title[0].value == t("page.impact.title", lang)
    shown = texts(at)
    steps = content_mod.default().impact_methods["soimpact"].steps
    assert len(steps) == 7
    for n, step in enumerate(steps, 1):
        assert t("soimpact.step", lang, n=n, text=getattr(step, lang)) in shown
    assert len(at.text_area) == 6  # notes for every step but step 4, the indicator table
    assert len(at.data_editor) == 1
    table = at.data_editor[0].value
    assert list(table["level"]) == list(impact.LEVELS)
    assert t("soimpact.download", lang) in [b.label for b in at.download_button]
    assert t("sroi.link", lang) in [p.label for p in at.get("page_link")]
    assert t("impact_method.link", lang) in [p.label for p in at.get("page_link")]


def test_impact_method_chooser(lang: str) -> None:
    at = open_page("views/impact_method.py", lang)
    no_exception(at)
    assert at.title[0].value == t("page.impact-method.title", lang)
    first = Q.get("impact_method").questions[0]
    assert [r.label for r in at.radio] == [getattr(first.text, lang)]
