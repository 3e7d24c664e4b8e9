"""AppTest of the calendar, SROI, funding and impact pages, in bokmål, nynorsk and English."""

from __future__ import annotations

import datetime as dt

import pytest

from guide import calendar as cal
from guide import content as content_mod
from guide import impact
from guide import questionnaires as Q
from guide.documents.escape import md_escape
from guide.text import nok
from tests.support.apptest import ROOT, AppTest, no_exception, open_page, open_presenting, texts
from tests.support.words import ui as t


def today() -> dt.date:
    return cal.clamp(dt.date.today())


def md_table(at: AppTest, *first: str) -> list[list[str]]:
    """The rows of the Markdown table on the page whose first columns are ``first``, as the cells'
    Markdown (every text in them is escaped: compare with ``md_escape``)."""
    head = "| " + " | ".join(md_escape(h, line_start=False) for h in first) + " |"
    for m in at.markdown:  # a table may follow other text in the same Markdown element
        lines = str(m.value).strip().splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith(head)]
        if starts:
            body = []
            for line in lines[starts[0] + 2:]:
                if not line.startswith("|"):
                    break
                body.append([c.strip() for c in line.strip("| ").split(" | ")])
            return body
    raise AssertionError(f"no table with the columns {first!r}")


def column(rows: list[list[str]], n: int) -> list[str]:
    return [r[n] for r in rows]


def esc(texts: list[str]) -> list[str]:
    return [md_escape(x, line_start=False) for x in texts]


# ---------------------------------------------------------------------------
# Calendar


def test_calendar_page_shows_now_the_months_ahead_and_a_download(lang: str) -> None:
    at = open_page("views/calendar.py", lang)
    no_exception(at)
    assert at.title[0].value == t("page.calendar.title", lang)
    shown = texts(at)
    now = cal.now(today(), role="entrepreneur", lang=lang)  # type: ignore[arg-type]
    assert now
    for e in now:  # what to do now and next, for the default role (entrepreneur)
        assert e.title in shown and e.todo and e.todo in shown
    # the timeline's text alternative names every event of the next 12 months with its dates
    for e in cal.window(today(), 12, role="entrepreneur", lang=lang):  # type: ignore[arg-type]
        assert t("calendar.timeline.alt_item", lang, title=e.title,
                 dates=cal.format_span(e, lang)) in shown  # type: ignore[arg-type]
    assert at.date_input(key="cal_start").value == today()
    assert at.selectbox(key="cal_months").value == 12
    (button,) = [b for b in at.download_button if b.label == t("calendar.window.download", lang)]
    assert button is not None


def test_calendar_role_start_and_span(lang: str) -> None:
    at = open_page("views/calendar.py", lang)
    at.segmented_control(key="cal_role").set_value("public_body").run()
    at.date_input(key="cal_start").set_value(dt.date(2024, 1, 1)).run()
    at.selectbox(key="cal_months").set_value(3).run()
    no_exception(at)
    shown = texts(at)
    for e in cal.now(today(), role="public_body", lang=lang):  # type: ignore[arg-type]
        assert e.todo and e.todo in shown
    feb = next(e for e in cal.events(2024, lang=lang) if e.id == "procurement_map_agreements")  # type: ignore[arg-type]
    assert cal.format_span(feb, lang) in shown  # type: ignore[arg-type]
    assert "29" in cal.format_span(feb, lang)  # type: ignore[arg-type]  # a leap year
    title = t("calendar.window.title", lang, start=cal.format_date(dt.date(2024, 1, 1), lang),  # type: ignore[arg-type]
              end=cal.format_date(dt.date(2024, 3, 31), lang))  # type: ignore[arg-type]
    assert title in [h.value for h in at.header] + [h.value for h in at.subheader] or title in shown
    from guide.state import Answers

    kept = Answers.from_query(at.query_params).calendar
    assert kept.start == dt.date(2024, 1, 1) and kept.months == 3 and kept.role == "public_body"


def test_calendar_personal_plan(lang: str) -> None:
    at = open_page("views/calendar.py", lang)
    assert t("calendar.plan.choose", lang) in texts(at)
    assert t("calendar.plan.download", lang) not in [b.label for b in at.download_button]
    at.pills(key="cal_seeks").set_value(["grant"]).run()
    no_exception(at)
    step = (t("calendar.col.dates", lang), t("calendar.col.step", lang))
    steps = cal.plan(today(), seeks=["grant"], role="entrepreneur", lang=lang)  # type: ignore[arg-type]
    assert column(md_table(at, *step), 1) == esc([s.title for s in steps])
    assert t("calendar.plan.download", lang) in [b.label for b in at.download_button]
    grant = content_mod.default().funding["grant_social_entrepreneurship"]
    assert md_escape(grant.title(lang)) in texts(at)  # funding that fits

    # A contract without the expiry: a message, and the grant plan stays.
    at.pills(key="cal_seeks").set_value(["grant", "contract"]).run()
    assert t("calendar.plan.expiry.missing", lang) in texts(at)
    assert len(md_table(at, *step)) == len(steps)

    # Months outside 0-60 are not taken (the field has those bounds); the other inputs are kept.
    at.number_input(key="cal_expiry_months").set_value(-3).run()
    no_exception(at)
    assert at.number_input(key="cal_expiry_months").value != -3
    assert at.pills(key="cal_seeks").value == ["grant", "contract"]
    assert len(md_table(at, *step)) == len(steps)

    # Seven months: the contract steps join the plan, dated back from the expiry.
    at.number_input(key="cal_expiry_months").set_value(7).run()
    assert not at.error
    expiry = cal.add_months(today(), 7)
    expected = cal.plan(today(), seeks=["grant", "contract"], role="entrepreneur",
                        expiry=expiry, lang=lang)  # type: ignore[arg-type]
    assert column(md_table(at, *step), 1) == esc([s.title for s in expected])
    assert t("calendar.plan.rule_of_thumb", lang) in texts(at)
    assert t("calendar.plan.expiry.date", lang, date=cal.format_date(expiry, lang)) in texts(at)  # type: ignore[arg-type]
    # what to focus on, from the questionnaire engine: the top steps, with the reasons
    result = Q.evaluate("calendar_plan", {"role": "entrepreneur", "seeks": ["grant", "contract"],
                                          "expiry_months": 7})
    own = Q.items(Q.get("calendar_plan"))
    labels = [e.label for e in at.expander]
    for rec in result.top(3):
        item = own[rec.item_id]
        assert md_escape(f"{item.title(lang)} — {item.when(lang)}") in labels \
            or f"{item.title(lang)} — {item.when(lang)}" in labels
        assert all(md_escape(r.text(lang)) in texts(at) for r in rec.reasons)
    # the answers are in the link
    from guide.state import Answers

    kept = Answers.from_query(at.query_params).calendar
    assert kept.seeks == ["grant", "contract"] and kept.expiry_months == 7


def test_calendar_in_presenter_mode_leaves_out_the_downloads(lang: str) -> None:
    at = open_presenting("views/calendar.py", lang)
    no_exception(at)
    at.pills(key="cal_seeks").set_value(["grant"]).run()
    no_exception(at)
    assert not at.download_button
    assert t("calendar.now.title", lang) in texts(at) and at.get("plotly_chart")


# ---------------------------------------------------------------------------
# SROI


#: The SROI fields typed as text (amounts in kroner); the others are number inputs.
AMOUNT_KEYS = ("sroi_investment", "sroi_proxy_0", "sroi_proxy_1")


def set_field(at: AppTest, key: str, value: float | str) -> None:
    """Type ``value`` into an SROI field: an amount as a text, a number into its number input."""
    if key in AMOUNT_KEYS:
        at.text_input(key=key).input(str(value)).run()
    else:
        at.number_input(key=key).set_value(value).run()


def field_value(at: AppTest, key: str) -> object:
    """What an SROI field holds: an amount read back from its text, or the number input's value."""
    if key in AMOUNT_KEYS:
        return impact_amount(at.text_input(key=key).value)
    return at.number_input(key=key).value


def impact_amount(text: str) -> float:
    from guide import amounts

    return amounts.parse(text)


def fill_example(at: AppTest) -> None:
    """Example 1 of tests/test_impact.py: PV 448 261.92, ratio 4.48."""
    for key, value in [("sroi_investment", "100 000"), ("sroi_quantity_0", 10), ("sroi_proxy_0", "20 000"),
                       ("sroi_duration_0", 3), ("sroi_deadweight_0", 20)]:
        set_field(at, key, value)


def answer(at: AppTest) -> str:
    """The result's answer box (present value, net present value and ratio), '' if none: the
    texts inside the page's bordered answer container (``st-key-answer_*``)."""
    out: list[str] = []

    def walk(node: object, inside: bool) -> None:
        key = getattr(getattr(node, "proto", None), "id", "") or ""
        here = inside or "answer_" in str(getattr(node, "key", "") or key)
        if here and getattr(node, "type", "") == "markdown":
            out.append(str(node.value))  # type: ignore[attr-defined]
        for child in getattr(node, "children", {}).values():
            walk(child, here)

    walk(at.main, False)
    return "\n".join(out)


def test_sroi_page_computes_the_formula(lang: str) -> None:
    at = open_page("views/sroi.py", lang)
    no_exception(at)
    assert at.title[0].value == t("page.sroi.title", lang)
    assert t("sroi.missing", lang) in texts(at)
    assert not answer(at)
    fill_example(at)
    no_exception(at)
    res = impact.sroi(100_000, [impact.Outcome(10, 20_000, 3, deadweight=0.2)])
    box = answer(at)
    assert f"{t('sroi.metric.present_value', lang)}: {nok(res.present_value, lang)}" in box  # type: ignore[arg-type]
    assert f"{t('sroi.metric.net_present_value', lang)}: {nok(res.net_present_value, lang)}" in box  # type: ignore[arg-type]
    assert f"{t('sroi.metric.ratio', lang)}: " + ("4.48 : 1" if lang == "en" else "4,48 : 1") in box
    shown = texts(at)
    for term in ("deadweight", "attribution", "drop_off", "proxy", "discount_rate", "ratio"):
        assert md_escape(t(f"sroi.term.{term}", lang)) in shown  # each term explained in plain words
    assert md_escape(t("sroi.years.alt_item", lang, n=3, pv=nok(res.by_year[2].present_value, lang))) in shown  # type: ignore[arg-type]
    assert len(at.get("plotly_chart")) == 3  # waterfall, breakdown, by year
    years = md_table(at, t("sroi.years.col.year", lang))
    assert len(years) == 3  # value by year
    assert column(years, 2) == esc([nok(y.present_value, lang) for y in res.by_year])  # type: ignore[arg-type]
    sens = md_table(at, t("sroi.sensitivity.col.term", lang))
    assert len(sens) == 6  # deadweight and attribution, each −10, as entered, +10
    assert sens[0][2] == md_escape(nok(res.present_value * 0.9 / 0.8, lang), line_start=False)  # type: ignore[arg-type]
    # the answers are in the link, rates in percent as entered
    from guide.state import Answers

    kept = Answers.from_query(at.query_params).sroi
    assert kept.investment == 100_000 and kept.outcomes[0].deadweight == 20


def test_sroi_two_outcomes(lang: str) -> None:
    at = open_page("views/sroi.py", lang)
    fill_example(at)
    at.button(key="sroi_add").click().run()
    no_exception(at)
    assert t("sroi.missing", lang) in texts(at)  # the new outcome is empty
    for key, value in [("sroi_quantity_1", 5), ("sroi_proxy_1", "40 000"), ("sroi_duration_1", 2),
                       ("sroi_attribution_1", 50), ("sroi_drop_off_1", 10)]:
        set_field(at, key, value)
    no_exception(at)
    res = impact.sroi(100_000, [impact.Outcome(10, 20_000, 3, deadweight=0.2),
                                impact.Outcome(5, 40_000, 2, attribution=0.5, drop_off=0.1)])
    assert f"{t('sroi.metric.present_value', lang)}: {nok(res.present_value, lang)}" in answer(at)  # type: ignore[arg-type]
    # removing the first outcome leaves the second, with its figures, as the only one
    at.button(key="sroi_remove_0").click().run()
    no_exception(at)
    assert field_value(at, "sroi_proxy_0") == 40_000
    assert at.number_input(key="sroi_attribution_0").value == 50
    assert not [w for w in at.text_input if w.key == "sroi_proxy_1"]
    res = impact.sroi(100_000, [impact.Outcome(5, 40_000, 2, attribution=0.5, drop_off=0.1)])
    assert f"{t('sroi.metric.present_value', lang)}: {nok(res.present_value, lang)}" in answer(at)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("key", "value", "field", "good"),
    [
        ("sroi_attribution_0", 150, "attribution", 0),
        ("sroi_deadweight_0", -5, "deadweight", 20),
        ("sroi_investment", "0", "investment", "100 000"),
        ("sroi_investment", "1e308", None, "100 000"),
        ("sroi_investment", "1,250 mill", None, "100 000"),
        ("sroi_investment", "20 mrd", "investment", "100 000"),
        ("sroi_proxy_0", "9" * 40, None, "20 000"),
        ("sroi_discount_rate", 120, "discount_rate", 3.5),
        ("sroi_quantity_0", -1, "quantity", 10),
        ("sroi_quantity_0", 1e308, "quantity", 10),
        ("sroi_duration_0", -2, "duration_years", 3),
        ("sroi_duration_0", 51, "duration_years", 3),
    ],
)
def test_sroi_bad_input_is_shown_by_the_field(lang: str, key: str, value: float | str, field: str | None,
                                              good: float | str) -> None:
    at = open_page("views/sroi.py", lang)
    fill_example(at)
    set_field(at, key, value)
    no_exception(at)
    errors = [str(e.value) for e in at.error]
    if field is not None:  # out of the field's range: the message says the range, by the field
        message = out_of_range(field, lang)
        assert message in errors
        assert any(e.startswith(t("sroi.error.fix", lang)) for e in errors)  # and where the result was
    else:  # a text that is not an amount: why, by the field; the answer before it is kept
        assert errors and all("inf" not in e and "nan" not in e and "sys." not in e for e in errors)
    assert not any("inf" in a or "nan" in a for a in answer(at).split())
    if field is not None:
        assert not answer(at)
    # the other inputs are kept, and correcting the field brings the result back
    if key != "sroi_proxy_0":
        assert field_value(at, "sroi_proxy_0") == 20_000
    if key != "sroi_investment":
        assert field_value(at, "sroi_investment") == 100_000
    set_field(at, key, good)
    assert not at.error and answer(at)


def out_of_range(field: str, lang: str) -> str:
    from guide.impact import presenter
    from guide.wording import Wording

    c = content_mod.default()
    b = c.input_ranges[presenter.RANGES[field]]
    w = Wording(c, lang)  # type: ignore[arg-type]
    return t("sroi.error.out_of_range", lang, field=t(f"sroi.field.{field}", lang),
             min=w.bound(b.min, b.unit), max=w.bound(b.max, b.unit))


def test_sroi_amounts_are_typed_as_people_write_them(lang: str) -> None:
    at = open_page("views/sroi.py", lang)
    for key, value in [("sroi_investment", "kr 100 000,-"), ("sroi_quantity_0", 10),
                       ("sroi_proxy_0", "0,02 mill"), ("sroi_duration_0", 3), ("sroi_deadweight_0", 20)]:
        set_field(at, key, value)
    no_exception(at)
    assert not at.error
    res = impact.sroi(100_000, [impact.Outcome(10, 20_000, 3, deadweight=0.2)])
    assert f"{t('sroi.metric.present_value', lang)}: {nok(res.present_value, lang)}" in answer(at)  # type: ignore[arg-type]
    assert at.text_input(key="sroi_investment").value == "kr 100 000,-"  # what was typed stays
    # shown again as the language writes amounts, once the page is opened anew
    from guide.state import Answers

    again = AppTest.from_file(str(ROOT / "shell.py"), default_timeout=60)
    for k, v in Answers.from_query(at.query_params).model_copy(update={"lang": lang}).to_query().items():
        again.query_params[k] = v
    again.run()
    again.switch_page("views/sroi.py")
    again.run()
    norwegian = lang in ("nb", "nn")
    assert again.text_input(key="sroi_investment").value == ("100\u00a0000" if norwegian else "100,000")
    assert again.text_input(key="sroi_proxy_0").value == ("20\u00a0000" if norwegian else "20,000")


def test_sroi_answers_survive_a_language_switch_and_a_page_change(lang: str) -> None:
    at = open_page("views/sroi.py", lang)
    fill_example(at)
    at.text_input(key="sroi_name_0").set_value("Flere i jobb <b>").run()
    other = "en" if lang == "nb" else "nb"
    at.segmented_control(key="lang_switch").set_value(other).run()
    no_exception(at)
    assert field_value(at, "sroi_investment") == 100_000
    assert at.text_input(key="sroi_name_0").value == "Flere i jobb <b>"
    assert ("4.48 : 1" if other == "en" else "4,48 : 1") in answer(at)
    at.switch_page("views/calendar.py").run()
    at.switch_page("views/sroi.py").run()
    no_exception(at)
    assert at.number_input(key="sroi_deadweight_0").value == 20


# ---------------------------------------------------------------------------
# Funding and impact


def test_funding_page_shows_each_scheme_as_it_stands_with_its_verification(lang: str) -> None:
    from guide.funding import presenter as fund_presenter

    at = open_page("views/funding.py", lang)
    no_exception(at)
    assert at.title[0].value == t("page.funding.title", lang)
    shown = texts(at)
    c = content_mod.default()
    for f in c.funding.values():
        assert md_escape(fund_presenter.status_line(f, content=c, lang=lang)) in shown  # type: ignore[arg-type]
        for s in f.verification.sources:  # the source it was verified against, with its address
            assert s.url in shown
        if f.verification.not_verified is not None:
            assert md_escape(f.verification.not_verified(lang), line_start=False) in shown  # type: ignore[arg-type]
        for e in cal.upcoming(f.calendar_events, today(), lang=lang):  # type: ignore[arg-type]
            assert md_escape(t("calendar.funding.item", lang, title=e.title,
                               dates=cal.format_span(e, lang)), line_start=False) in shown  # type: ignore[arg-type]
    assert any(f.calendar_events for f in c.funding.values())
    assert t("calendar.link", lang) in [p.label for p in at.get("page_link")]
    overview = md_table(at, t("funding.col.scheme", lang))
    assert column(overview, 0) == esc([f.title(lang) for f in c.funding.values()])  # type: ignore[arg-type]
    # the filters still work
    at.multiselect(key=f"funding_roles.{lang}").set_value(["public_body"]).run()
    n = len(cal.funding_sources(roles=["public_body"]))
    assert t("funding.count", lang, n=n, total=len(c.funding)) in texts(at)
    assert len(md_table(at, t("funding.col.scheme", lang))) == n


def test_impact_page_has_the_soimpact_planner(lang: str) -> None:
    at = open_page("views/impact.py", lang)
    no_exception(at)
    assert at.title[0].value == t("page.impact.title", lang)
    shown = texts(at)
    steps = content_mod.default().impact_methods["soimpact"].steps
    assert len(steps) == 7
    for n, step in enumerate(steps, 1):
        assert t("soimpact.step", lang, n=n, text=step(lang)) in shown
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
    assert [r.label for r in at.radio] == [first.text(lang)]
