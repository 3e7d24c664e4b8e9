"""guide.calendar.presenter: the calendar's result as blocks, the same for the page and the report."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from guide import calendar as cal
from guide import content as content_mod
from guide import questionnaires as Q
from guide.answers.model import CalendarInputs
from guide.calendar import presenter
from guide.documents import markdown as md
from guide.documents.blocks import Block, Callout, Details, Figure, Heading, Table, headings, texts, walk
from guide.ui import figures
from tests.support.words import ui as t

DAY = dt.date(2026, 3, 2)  # a Monday in the first half of the year
C = content_mod.default()




def shown(blocks: tuple[Block, ...]) -> str:
    return "\n".join(texts(blocks))


def of(blocks: tuple[Block, ...], kind: type) -> list:  # type: ignore[type-arg]
    return [b for b in walk(blocks) if isinstance(b, kind)]


def callouts(blocks: tuple[Block, ...], kind: str) -> list[str]:
    return [shown(b.body) for b in of(blocks, Callout) if b.kind == kind]


def plan_table(blocks: tuple[Block, ...], lang: str) -> Table | None:
    step = t("calendar.col.step", lang)
    return next((b for b in of(blocks, Table) if step in b.header), None)


def personal(lang: str, **inputs: object) -> tuple[Block, ...]:
    return presenter.personal(CalendarInputs(**inputs), content=C, lang=lang, today=DAY)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# The window of months ahead


def window_title(lang: str, first: dt.date, last: dt.date) -> str:
    return t("calendar.window.title", lang, start=cal.format_date(first, lang),  # type: ignore[arg-type]
             end=cal.format_date(last, lang))  # type: ignore[arg-type]


def test_the_window_is_a_timeline_with_its_alternative_and_a_table_of_the_same_events(lang: str) -> None:
    blocks = presenter.window(CalendarInputs(), content=C, lang=lang, today=DAY)  # type: ignore[arg-type]
    events = cal.window(DAY, 12, role="entrepreneur", lang=lang)  # type: ignore[arg-type]
    assert isinstance(blocks[0], Heading) and blocks[0].text == window_title(lang, DAY, D(2027, 3, 1))
    (fig,) = of(blocks, Figure)
    assert fig.chart == "calendar_timeline" and fig.chart in figures.CHARTS
    for e in events:  # the alternative names every event with its dates
        assert t("calendar.timeline.alt_item", lang, title=e.title, dates=cal.format_span(e, lang)) in fig.alt  # type: ignore[arg-type]
    assert t("calendar.timeline.alt_today", lang, date=cal.format_date(DAY, lang)) in fig.alt  # type: ignore[arg-type]
    assert fig.data["today"] == "2026-03-02"
    assert (fig.data["start"], fig.data["end"]) == ("2026-03-02", "2027-03-02")
    assert [e["title"] for e in fig.data["events"]] == [e.title for e in events]
    # an event under way is drawn from the window's first day; its dates say when it began
    frames = next(e for e in fig.data["events"] if e["title"] == by_title(events, "preliminary_frames").title)
    assert frames["start"] == "2026-03-02" and "1" in frames["dates"]
    assert t("calendar.window.under_way", lang, start=cal.format_date(DAY, lang)) in shown(blocks)  # type: ignore[arg-type]
    (details,) = of(blocks, Details)
    assert details.title == t("calendar.details", lang)
    (table,) = of(details.body, Table)
    assert [r[1] for r in table.rows] == [e.title for e in events]
    assert [r[0] for r in table.rows] == [cal.format_span(e, lang) for e in events]  # type: ignore[arg-type]
    assert all(r[4] for r in table.rows)  # every event has its source


D = dt.date


def by_title(events: list[cal.Event], ident: str) -> cal.Event:
    return next(e for e in events if e.id == ident)


def test_another_start_and_span_have_no_line_for_today(lang: str) -> None:
    inputs = CalendarInputs(role="public_body", start=D(2024, 1, 1), months=3)
    blocks = presenter.window(inputs, content=C, lang=lang, today=DAY)  # type: ignore[arg-type]
    (fig,) = of(blocks, Figure)
    assert fig.data["today"] is None and (fig.data["start"], fig.data["end"]) == ("2024-01-01", "2024-04-01")
    assert blocks[0].text == window_title(lang, D(2024, 1, 1), D(2024, 3, 31))  # type: ignore[attr-defined]
    assert t("calendar.timeline.alt_today", lang, date=cal.format_date(DAY, lang)) not in fig.alt  # type: ignore[arg-type]
    feb = next(e for e in cal.events(2024, lang=lang) if e.id == "procurement_map_agreements")  # type: ignore[arg-type]
    assert cal.format_span(feb, lang) in shown(blocks) and "29" in cal.format_span(feb, lang)  # type: ignore[arg-type]
    assert "budget_proposals" not in [e.id for e in presenter.window_events(inputs, content=C, lang=lang,  # type: ignore[arg-type]
                                                                           today=DAY)]


def test_a_long_window_has_a_tick_every_third_month_and_a_row_per_title() -> None:
    inputs = CalendarInputs(start=D(2028, 2, 29), months=36)
    (fig,) = of(presenter.window(inputs, content=C, lang="en", today=DAY), Figure)
    labels = [label for _, label in fig.data["ticks"]]
    assert labels[:5] == ["Mar 2028", "Jun", "Sep", "Dec", "Mar 2029"]  # the year where it changes
    assert len(labels) == 12
    chart = figures.build(fig.chart, fig.data, "en")
    titles = {e["title"] for e in fig.data["events"]}
    assert len(fig.data["events"]) > len(titles)  # three years of the same events
    assert chart.layout.height == figures.TIMELINE_BASE + figures.TIMELINE_ROW * len(titles)


def test_an_older_link_with_a_year_starts_the_window_on_1_january() -> None:
    assert presenter.shown_start(CalendarInputs(year=2024), DAY) == D(2024, 1, 1)
    assert presenter.shown_start(CalendarInputs(), DAY) == DAY
    assert presenter.shown_span(CalendarInputs(start=D(2028, 2, 29)), DAY) == (D(2028, 2, 29), D(2029, 2, 27))


def test_the_timeline_builder_draws_the_events_and_escapes_every_text() -> None:
    (fig,) = of(presenter.window(CalendarInputs(), content=C, lang="nb", today=DAY), Figure)
    chart = figures.build(fig.chart, fig.data, "nb")
    bars = [tr for tr in chart.data if tr.type == "bar"]
    assert {b.name for b in bars} <= {t(f"calendar.kind.{k}", "nb") for k in figures.KIND_COLOURS}
    assert sum(len(b.y) for b in bars) == len(fig.data["events"])
    assert len(chart.layout.shapes) == 1  # the line for today
    assert list(chart.layout.xaxis.ticktext)[:2] == ["apr 2026", "mai"]  # the first of each month
    data = {**fig.data, "events": [{"title": "<b>x</b> %{y}", "start": "2026-05-01", "end": "2026-05-01",
                                    "kind": "grant", "dates": "1. mai <i>"}]}
    escaped = figures.CHARTS["calendar_timeline"](data, "nb")
    assert escaped.data[0].y == ("&lt;b&gt;x&lt;/b&gt; &#37;{y}",)
    assert escaped.data[0].customdata[0] == "1. mai &lt;i&gt;"


@pytest.mark.parametrize("start", [D(2026, 12, 1), D(2028, 2, 29), D(2027, 1, 31)])
def test_the_window_file_holds_the_events_of_the_timeline_from_its_first_day(lang: str, start: D) -> None:
    inputs = CalendarInputs(start=start)
    data = presenter.window_ics(inputs, content=C, lang=lang, today=DAY)  # type: ignore[arg-type]
    parsed = icalendar.Calendar.from_ical(data)
    expected = cal.window(start, 12, role="entrepreneur", lang=lang)  # type: ignore[arg-type]
    vevents = list(parsed.walk("VEVENT"))
    want = sorted((day, summary) for e in expected for _, day, summary in cal.ics_items(e))
    got = [(v.decoded("DTSTART"), str(v["SUMMARY"])) for v in vevents]
    assert sorted(got) == want and [d for d, _ in got] == sorted(d for d, _ in got)
    assert all(v.decoded("DTEND") > start for v in vevents)
    first, last = presenter.shown_span(inputs, DAY)
    name = t("calendar.window.ics.name", lang, start=cal.format_date(first, lang),  # type: ignore[arg-type]
             end=cal.format_date(last, lang))  # type: ignore[arg-type]
    assert str(parsed["X-WR-CALNAME"]) == name
    assert presenter.window_file_name(inputs, DAY) == f"veier-til-samarbeid-{start.isoformat()}-12m.ics"


# ---------------------------------------------------------------------------
# Now


def test_now_gives_what_is_going_on_and_what_comes_next(lang: str) -> None:
    blocks = presenter.now(CalendarInputs(role="public_body"), content=C, lang=lang, today=DAY)  # type: ignore[arg-type]
    text = shown(blocks)
    assert blocks[0] == Heading(t("calendar.now.title", lang), 2)
    assert t("calendar.now.today", lang, date=cal.format_date(DAY, lang)) in text  # type: ignore[arg-type]
    events = cal.now(DAY, role="public_body", lang=lang)  # type: ignore[arg-type]
    assert events
    for e in events:
        assert e.title in text and e.todo and t("calendar.now.todo_line", lang, todo=e.todo) in text
    assert t("calendar.now.current", lang) in text
    assert not callouts(blocks, "info")  # something is going on


# ---------------------------------------------------------------------------
# The personal plan


def test_without_a_choice_the_plan_asks_for_one(lang: str) -> None:
    assert callouts(personal(lang), "info") == [t("calendar.plan.choose", lang)]


def test_a_grant_plan_has_its_steps_focus_and_funding(lang: str) -> None:
    blocks = personal(lang, seeks=["grant"])
    steps = cal.plan(DAY, seeks=["grant"], role="entrepreneur", lang=lang)  # type: ignore[arg-type]
    table = plan_table(blocks, lang)
    assert table is not None and [r[1] for r in table.rows] == [s.title for s in steps]
    assert [r[0] for r in table.rows] == [cal.format_span(s, lang) for s in steps]  # type: ignore[arg-type]
    text = shown(blocks)
    assert t("calendar.plan.funding", lang) in text
    grant = C.funding["grant_social_entrepreneurship"]
    assert grant.title(lang) in text  # type: ignore[arg-type]
    assert t("calendar.plan.rule_of_thumb", lang) not in text  # no contract in the plan


def test_the_focus_comes_from_the_questionnaire_with_its_reasons(lang: str) -> None:
    blocks = personal(lang, seeks=["grant", "contract"], expiry_months=7)
    result = Q.evaluate("calendar_plan", {"role": "entrepreneur", "seeks": ["grant", "contract"],
                                          "expiry_months": 7})
    own = Q.items(Q.get("calendar_plan"))
    titles = [d.title for d in of(blocks, Details)]
    expected = [f"{own[r.item_id].title(lang)} — {own[r.item_id].when(lang)}" for r in result.top(3)]
    assert titles == expected
    for rec, details in zip(result.top(3), of(blocks, Details), strict=True):
        assert all(r.text(lang) in shown(details.body) for r in rec.reasons)  # type: ignore[arg-type]


def test_contract_steps_wait_without_an_expiry_and_the_rest_is_planned(lang: str) -> None:
    blocks = personal(lang, seeks=["grant", "contract"])
    assert callouts(blocks, "info") == [t("calendar.plan.expiry.missing", lang)]
    grant_only = cal.plan(DAY, seeks=["grant"], role="entrepreneur", lang=lang)  # type: ignore[arg-type]
    table = plan_table(blocks, lang)
    assert table is not None and [r[1] for r in table.rows] == [s.title for s in grant_only]
    assert t("calendar.plan.rule_of_thumb", lang) not in shown(blocks)
    st = presenter.state(CalendarInputs(seeks=["grant", "contract"]), content=C, lang=lang, today=DAY)  # type: ignore[arg-type]
    assert st.wanted == ("grant",) and st.expiry is None and st.expiry_problem == "missing"
    assert "expiry_months" not in st.answers


def test_contract_alone_without_an_expiry_has_no_steps_and_says_why(lang: str) -> None:
    blocks = personal(lang, seeks=["contract"])
    assert callouts(blocks, "info") == [t("calendar.plan.expiry.missing", lang)]  # not "no steps"
    assert plan_table(blocks, lang) is None
    assert presenter.plan_ics(CalendarInputs(seeks=["contract"]), content=C, lang=lang, today=DAY) is None  # type: ignore[arg-type]


def test_months_that_cannot_be_used_are_an_error_and_the_contract_steps_wait(lang: str) -> None:
    blocks = personal(lang, seeks=["grant", "contract"], expiry_months=61)  # outside 0-60
    assert callouts(blocks, "error") == [t("calendar.plan.expiry.range", lang, min=0, max=60)]
    table = plan_table(blocks, lang)
    grant_only = cal.plan(DAY, seeks=["grant"], role="entrepreneur", lang=lang)  # type: ignore[arg-type]
    assert table is not None and len(table.rows) == len(grant_only)


def test_with_an_expiry_the_contract_steps_count_back_from_it(lang: str) -> None:
    blocks = personal(lang, seeks=["grant", "contract"], expiry_months=7)
    expiry = cal.add_months(DAY, 7)
    expected = cal.plan(DAY, seeks=["grant", "contract"], role="entrepreneur", expiry=expiry,
                        lang=lang)  # type: ignore[arg-type]
    table = plan_table(blocks, lang)
    assert table is not None and [r[1] for r in table.rows] == [s.title for s in expected]
    text = shown(blocks)
    assert t("calendar.plan.expiry.date", lang, date=cal.format_date(expiry, lang)) in text  # type: ignore[arg-type]
    assert t("calendar.plan.rule_of_thumb", lang) in text
    assert not callouts(blocks, "info") and not callouts(blocks, "error")
    data = presenter.plan_ics(CalendarInputs(seeks=["grant", "contract"], expiry_months=7), content=C,
                              lang=lang, today=DAY)  # type: ignore[arg-type]
    assert data is not None
    parsed = icalendar.Calendar.from_ical(data)
    want = sorted(((day, part), summary) for s in expected for part, day, summary in cal.ics_items(s))
    got = [str(v["SUMMARY"]) for v in parsed.walk("VEVENT")]
    assert sorted(got) == sorted(summary for _, summary in want)
    assert str(parsed["X-WR-CALNAME"]) == t("calendar.plan.ics.name", lang)


def test_a_late_contract_step_says_to_do_it_now(lang: str) -> None:
    blocks = personal(lang, seeks=["contract"], expiry_months=2)
    table = plan_table(blocks, lang)
    assert table is not None and t("calendar.plan.late", lang) in [r[0] for r in table.rows]


def test_the_sector_filters_the_funding(lang: str) -> None:
    everything = shown(personal(lang, seeks=["grant"]))
    sector = next(iter(C.sectors))
    narrowed = shown(personal(lang, seeks=["grant"], sector=sector))
    for f in C.funding.values():
        fits = "entrepreneur" in f.roles and sector in f.sectors
        assert (f.title(lang) in narrowed) == fits  # type: ignore[arg-type]
        if "entrepreneur" in f.roles:
            assert f.title(lang) in everything  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# The whole result, as the report shows it


@pytest.mark.parametrize("level", [2, 3])
def test_the_plan_is_the_sections_of_the_page_in_order(lang: str, level: int) -> None:
    inputs = CalendarInputs(seeks=["budget_priority", "grant"], sector=next(iter(C.sectors)))
    kw = {"content": C, "lang": lang, "today": DAY}
    blocks = presenter.plan(inputs, level=level, **kw)  # type: ignore[arg-type]
    assert blocks == (
        *presenter.summary(inputs, **kw),  # type: ignore[arg-type]
        *presenter.now(inputs, level=level, **kw),  # type: ignore[arg-type]
        *presenter.window(inputs, level=level, **kw),  # type: ignore[arg-type]
        Heading(Q.get("calendar_plan").title(lang), level),  # type: ignore[arg-type]
        *presenter.personal(inputs, level=level + 1, **kw),  # type: ignore[arg-type]
    )
    tops = [text for lv, text in headings(blocks) if lv == level]
    assert tops == [t("calendar.now.title", lang), window_title(lang, DAY, D(2027, 3, 1)),
                    Q.get("calendar_plan").title(lang)]  # type: ignore[arg-type]
    summary = shown(presenter.summary(inputs, **kw))  # type: ignore[arg-type]
    assert t("calendar.summary.role", lang, role=Q.get("calendar_plan").question("role").option(  # type: ignore[union-attr]
        "entrepreneur").label(lang)) in summary  # type: ignore[union-attr,arg-type]
    rendered = md.render(blocks)
    assert t("calendar.plan.funding", lang) in rendered


def test_today_outside_the_calendar_years_is_held_within_them(lang: str) -> None:
    blocks = presenter.plan(CalendarInputs(seeks=["grant"]), content=C, lang=lang,  # type: ignore[arg-type]
                            today=dt.date(2051, 6, 1))
    (fig,) = of(blocks, Figure)
    assert fig.data["start"] == "2040-12-31" and fig.data["today"] == "2040-12-31"
