"""The planning calendar (guide/calendar.py, content/calendar.yaml): dates by rule, now, plan, ICS."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import icalendar
import pytest
import yaml

from guide import calendar as cal
from guide import content as content_mod
from guide import questionnaires as Q
from guide.calendar.model import ROLES, SEEKS, DateRule, months_before
from guide.calendar.model import check as check_calendar

D = dt.date


def by_id(year: int, **kw: object) -> dict[str, cal.Event]:
    return {e.id: e for e in cal.events(year, **kw)}  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Events for several years, leap years included


@pytest.mark.parametrize(
    ("year", "feb_end", "state_budget"),
    [
        (2017, D(2017, 2, 28), D(2017, 10, 2)),  # 1 Oct 2017 is a Sunday → Monday 2 Oct
        (2020, D(2020, 2, 29), D(2020, 10, 1)),  # leap year; 1 Oct is a Thursday
        (2022, D(2022, 2, 28), D(2022, 10, 3)),  # 1 Oct 2022 is a Saturday → Monday 3 Oct
        (2024, D(2024, 2, 29), D(2024, 10, 1)),  # leap year
        (2025, D(2025, 2, 28), D(2025, 10, 1)),
        (2040, D(2040, 2, 29), D(2040, 10, 1)),  # the last year covered, a leap year
    ],
)
def test_events_resolve_by_rule(year: int, feb_end: D, state_budget: D) -> None:
    ev = by_id(year)
    assert ev["procurement_map_agreements"].end == feb_end  # "last day of February"
    assert ev["state_budget"].start == state_budget  # "first weekday of October"
    # the municipal proposal is published before the state budget: it ends the day before
    assert ev["budget_proposals"].end == state_budget - dt.timedelta(days=1)
    assert ev["preliminary_frames"].start == D(year, 1, 1)
    assert ev["preliminary_frames"].end == D(year, 6, 30)  # the first half of the year
    assert (ev["grant_call_announced"].start, ev["grant_call_announced"].end) == (
        D(year, 10, 1), D(year, 11, 30))  # announced October/November
    # the earliest known deadline (19 November 2020), not the booklet's end of December
    assert ev["grant_deadline"].start == ev["grant_deadline"].end == D(year, 11, 19)
    assert ev["budget_adoption"].start.month == ev["budget_adoption"].end.month == 12
    assert ev["economic_plan"].end == D(year, 12, 31)
    for e in ev.values():
        assert e.start.year == e.end.year == year and e.start <= e.end


def test_events_are_sorted_and_carry_text_and_source() -> None:
    items = cal.events(2026, lang="en")
    assert [(e.start, e.end, e.id) for e in items] == sorted((e.start, e.end, e.id) for e in items)
    c = content_mod.default()
    assert {e.id for e in items} == set(c.calendar)
    for e in items:
        assert e.title == c.calendar[e.id].title.en and e.description
        assert e.source is not None and e.kind in {"budget", "plan", "state", "grant", "procurement"}
        assert e.todo is None  # no role chosen


def test_language_and_role() -> None:
    nb = by_id(2026, lang="nb")["grant_deadline"]
    en = by_id(2026, lang="en", role="public_body")["grant_deadline"]
    c = content_mod.default().calendar["grant_deadline"]
    assert (nb.title, en.title) == (c.title.nb, c.title.en)
    assert en.todo == c.todo["public_body"].en
    for role in ("entrepreneur", "public_body"):
        assert all(role in e.roles and e.todo for e in cal.events(2026, role=role))


def test_event_ids_funding_refers_to_exist() -> None:
    c = content_mod.default()
    assert {"grant_call_announced", "grant_deadline"} <= set(c.calendar)
    for f in c.funding.values():
        assert set(f.calendar_events) <= set(c.calendar)


@pytest.mark.parametrize("year", [2016, 2041, 1999, 3000])
def test_year_outside_the_range_names_year(year: int) -> None:
    with pytest.raises(ValueError, match="year"):
        cal.events(year)


@pytest.mark.parametrize("year", ["2024", 2024.0, True, None])
def test_year_must_be_a_whole_number(year: object) -> None:
    with pytest.raises(ValueError, match="year"):
        cal.events(year)  # type: ignore[arg-type]


def test_bad_role_and_lang_are_named() -> None:
    with pytest.raises(ValueError, match="role"):
        cal.events(2024, role="mayor")
    with pytest.raises(ValueError, match="lang"):
        cal.events(2024, lang="de")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Date rules


def test_date_rules() -> None:
    assert DateRule(month=2, day="last").resolve(2024) == D(2024, 2, 29)
    assert DateRule(month=2, day="last").resolve(2023) == D(2023, 2, 28)
    assert DateRule(month=12, day="last").resolve(2030) == D(2030, 12, 31)
    assert DateRule(month=10, nth=1, weekday="weekday").resolve(2022) == D(2022, 10, 3)
    assert DateRule(month=10, nth=1, weekday="monday").resolve(2024) == D(2024, 10, 7)
    assert DateRule(month=5, nth=-1, weekday="friday").resolve(2024) == D(2024, 5, 31)
    assert DateRule(month=2, nth=5, weekday="thursday").resolve(2024) == D(2024, 2, 29)
    assert DateRule(month=2, nth=5, weekday="thursday").resolve(2023) == D(2023, 2, 23)  # held at last
    assert DateRule(month=3, day=1, offset_days=-1).resolve(2024) == D(2024, 2, 29)
    assert DateRule(month=3, day=1, offset_days=-1).resolve(2025) == D(2025, 2, 28)


@pytest.mark.parametrize(
    "rule",
    [
        {"month": 2, "day": 29},  # not every year: use `last`
        {"month": 4, "day": 31},
        {"month": 13, "day": 1},
        {"month": 1},
        {"month": 1, "day": 1, "nth": 1, "weekday": "monday"},
        {"month": 1, "nth": 1},
        {"month": 1, "nth": 6, "weekday": "monday"},
    ],
)
def test_bad_date_rules_are_rejected(rule: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        DateRule.model_validate(rule)


def test_months_before_keeps_the_day_or_takes_the_last() -> None:
    assert months_before(D(2025, 3, 31), 1) == D(2025, 2, 28)
    assert months_before(D(2024, 3, 31), 1) == D(2024, 2, 29)
    assert months_before(D(2025, 2, 28), 12) == D(2024, 2, 28)
    assert months_before(D(2025, 1, 15), 13) == D(2023, 12, 15)
    assert cal.add_months(D(2024, 2, 29), 12) == D(2025, 2, 28)


# ---------------------------------------------------------------------------
# What to do now


def test_now_current_and_next() -> None:
    got = cal.now(D(2026, 11, 27), role="entrepreneur", lang="en")
    current = [e.id for e in got if e.contains(D(2026, 11, 27))]
    following = [e.id for e in got if e.start > D(2026, 11, 27)]
    assert sorted(current) == ["grant_call_announced", "state_budget_adjustment"]
    assert sorted(following) == ["budget_adoption", "economic_plan"]  # both start 1 December
    assert all(e.todo for e in got)


def test_now_looks_into_next_year_and_stops_at_2040() -> None:
    dec = cal.now(D(2030, 12, 31))
    assert [e.id for e in dec if e.start.year == 2031] == ["preliminary_frames"]
    assert "grant_deadline" not in [e.id for e in dec]  # passed on 19 November
    assert "grant_deadline" in [e.id for e in cal.now(D(2030, 11, 19))]
    last = cal.now(D(2040, 12, 31))
    assert all(e.start.year == 2040 for e in last)
    july = cal.now(D(2026, 7, 10))
    assert [e.id for e in july] == ["procurement_new_needs"]  # nothing on: only the next


def test_now_rejects_days_outside_the_range() -> None:
    with pytest.raises(ValueError, match="on"):
        cal.now(D(2041, 1, 1))
    with pytest.raises(ValueError, match="on"):
        cal.now("2024-01-01")  # type: ignore[arg-type]


def test_upcoming_gives_the_next_occurrence() -> None:
    got = cal.upcoming(["grant_call_announced", "grant_deadline"], D(2026, 12, 1))
    assert [(e.id, e.start) for e in got] == [("grant_call_announced", D(2027, 10, 1)),
                                              ("grant_deadline", D(2027, 11, 19))]
    got = cal.upcoming(["grant_deadline"], D(2026, 11, 19))
    assert [(e.id, e.start) for e in got] == [("grant_deadline", D(2026, 11, 19))]
    with pytest.raises(ValueError, match="ids"):
        cal.upcoming(["nope"], D(2026, 1, 1))


# ---------------------------------------------------------------------------
# The personal plan


def test_plan_for_a_grant() -> None:
    steps = cal.plan(D(2026, 5, 1), seeks=["grant"], role="entrepreneur", lang="en")
    assert [(s.id, s.start, s.end) for s in steps] == [
        ("grant_prepare", D(2026, 8, 31), D(2026, 9, 30)),  # the month before the call
        ("grant_read_call", D(2026, 10, 1), D(2026, 11, 18)),
        ("grant_apply", D(2026, 11, 19), D(2026, 11, 19)),  # the earliest known deadline
    ]


def test_plan_for_a_contract_counts_back_from_expiry() -> None:
    steps = cal.plan(D(2026, 1, 10), seeks=["contract"], role="entrepreneur",
                     expiry=D(2026, 12, 31))
    got = {s.id: (s.start, s.end, s.late) for s in steps}
    assert got == {
        "contract_make_contact": (D(2026, 1, 10), D(2026, 1, 10), True),  # 12 months before: passed
        "contract_market_dialogue": (D(2026, 3, 31), D(2026, 5, 30), False),  # 9 → 7 months before
        "contract_be_ready": (D(2026, 6, 30), D(2026, 6, 30), False),  # 6 months: 30 June
        "contract_expires": (D(2026, 12, 31), D(2026, 12, 31), False),
    }
    public = {s.id for s in cal.plan(D(2026, 1, 10), seeks=["contract"], role="public_body",
                                     expiry=D(2026, 12, 31))}
    assert {"contract_plan_renewal", "contract_announce"} <= public
    assert "contract_be_ready" not in public


def test_plan_stays_within_twelve_months() -> None:
    on = D(2026, 6, 15)
    steps = cal.plan(on, seeks=["budget_priority", "grant", "contract"], role="entrepreneur",
                     expiry=D(2030, 1, 1))
    assert steps and all(s.end >= on and s.start <= D(2027, 6, 14) for s in steps)
    assert not [s for s in steps if s.id.startswith("contract_")]  # the expiry is years away
    # the preliminary frames are going on now and come again next January
    assert [s.start for s in steps if s.id == "priority_make_contact"] == [D(2026, 1, 1), D(2027, 1, 1)]


def test_plan_errors_name_the_argument() -> None:
    with pytest.raises(ValueError, match="expiry"):
        cal.plan(D(2026, 1, 1), seeks=["contract"], role="entrepreneur")
    with pytest.raises(ValueError, match="expiry"):
        cal.plan(D(2026, 1, 1), seeks=["contract"], role="entrepreneur", expiry=D(2025, 12, 31))
    with pytest.raises(ValueError, match="seeks"):
        cal.plan(D(2026, 1, 1), seeks=["money"], role="entrepreneur")
    with pytest.raises(ValueError, match="role"):
        cal.plan(D(2026, 1, 1), seeks=["grant"], role=None)  # type: ignore[arg-type]
    assert cal.plan(D(2026, 1, 1), seeks=[], role="entrepreneur") == []


def test_format_dates_in_both_languages() -> None:
    assert cal.format_date(D(2024, 2, 29), "nb") == "29. februar 2024"
    assert cal.format_date(D(2024, 2, 29), "en") == "29 February 2024"
    ev = by_id(2024, lang="en")["procurement_map_agreements"]
    assert cal.format_span(ev, "en") == "15 January – 29 February 2024"
    assert cal.format_span(by_id(2024)["grant_deadline"], "nb") == "19. november 2024"


# ---------------------------------------------------------------------------
# iCalendar


def read_ics(data: bytes) -> list[icalendar.Event]:
    parsed = icalendar.Calendar.from_ical(data)
    assert str(parsed["VERSION"]) == "2.0" and "PRODID" in parsed
    return list(parsed.walk("VEVENT"))


def expected_parts(ev: cal.Event, since: dt.date | None = None) -> list[tuple[str, dt.date]]:
    """What one event should become in the file: one day, or a start and an end marker (the
    start left out when it lies before ``since``)."""
    if ev.start == ev.end:
        return [(ev.title, ev.start)]
    first = since or ev.since
    out = [] if first is not None and ev.start < first else [(f"Starts: {ev.title}", ev.start)]
    return [*out, (f"Ends: {ev.title}", ev.end)]


@pytest.mark.parametrize("year", [2017, 2024, 2025, 2040])
def test_ics_reads_back(year: int) -> None:
    items = cal.events(year, role="entrepreneur", lang="en")
    vevents = read_ics(cal.to_ics(items, name="Test"))
    want = sorted((day, summary) for ev in items for summary, day in expected_parts(ev))
    got = [(v.decoded("DTSTART"), str(v["SUMMARY"])) for v in vevents]
    assert sorted(got) == want
    assert [d for d, _ in got] == sorted(d for d, _ in got)  # in date order
    by_summary = {str(v["SUMMARY"]): v for v in vevents}
    for ev in items:
        for summary, day in expected_parts(ev):
            v = by_summary[summary]
            # every VEVENT is one all-day day: no months-long blocks in the user's calendar
            assert v.decoded("DTEND") == day + dt.timedelta(days=1)
            assert ev.todo is not None and ev.todo in str(v["DESCRIPTION"])
            assert str(v["TRANSP"]) == "TRANSPARENT"
            assert "DTSTAMP" in v
    uids = [str(v["UID"]) for v in vevents]
    assert len(set(uids)) == len(uids)


def test_ics_reminders_sit_only_on_deadlines_the_app_trusts() -> None:
    """The grant's deadline is the earliest known one, not this year's: the file sets no reminder
    on it and says why; a confirmed deadline gets its reminders."""
    items = cal.events(2026, lang="en")
    deadlines = [e for e in items if e.deadline]
    assert [e.id for e in deadlines] == ["grant_deadline"] and not deadlines[0].confirmed
    vevents = read_ics(cal.to_ics(items))
    assert not [a for v in vevents for a in v.subcomponents if a.name == "VALARM"]
    (dl,) = [v for v in vevents if str(v["SUMMARY"]) == deadlines[0].title]
    unconfirmed = content_mod.default().t("calendar.ics.unconfirmed", "en")
    assert unconfirmed.split(".")[0] in " ".join(str(dl["DESCRIPTION"]).split())
    trusted = [replace(e, confirmed=True) if e.deadline else e for e in items]
    vevents = read_ics(cal.to_ics(trusted))
    for v in vevents:
        alarms = [a for a in v.subcomponents if a.name == "VALARM"]
        is_deadline = "deadline" in [str(c) for c in v["CATEGORIES"].cats]
        assert bool(alarms) == is_deadline  # reminders on (confirmed) deadlines only
        for a in alarms:
            assert str(a["ACTION"]) == "DISPLAY" and str(a["DESCRIPTION"])
    (dl,) = [v for v in vevents if str(v["SUMMARY"]) == deadlines[0].title]
    assert unconfirmed.split(".")[0] not in " ".join(str(dl["DESCRIPTION"]).split())
    triggers = sorted(a.decoded("TRIGGER") for a in dl.subcomponents if a.name == "VALARM")
    # two weeks and two days before, at 09:00 of those days
    assert triggers == [-dt.timedelta(days=14) + dt.timedelta(hours=9),
                        -dt.timedelta(days=2) + dt.timedelta(hours=9)]
    assert "In 14 days: " + deadlines[0].title in [str(a["DESCRIPTION"]) for a in dl.subcomponents]


def test_a_plan_step_dated_from_a_doubted_deadline_cannot_be_confirmed() -> None:
    c = content_mod.default()
    steps = [s for s in c.kinds["plan_steps"].values() if s.deadline]
    assert steps and not any(s.confirmed for s in steps)
    assert not list(check_calendar(c))
    step = steps[0].model_copy(update={"confirmed": True})
    steps_edited = {**c.kinds["plan_steps"], step.id: step}
    edited = SimpleNamespace(root=c.root, kinds={**c.kinds, "plan_steps": steps_edited})
    assert any(f"plan_steps.{step.id}.confirmed" in p for p in check_calendar(edited))  # type: ignore[arg-type]


def test_ics_markers_follow_the_language_of_the_events() -> None:
    items = [e for e in cal.events(2026, lang="nb") if e.id == "preliminary_frames"]
    summaries = [str(v["SUMMARY"]) for v in read_ics(cal.to_ics(items))]
    assert summaries == ["Starter: " + items[0].title, "Slutter: " + items[0].title]
    en = [str(v["SUMMARY"]) for v in read_ics(cal.to_ics(items, lang="en"))]
    assert en == ["Starts: " + items[0].title, "Ends: " + items[0].title]


def test_ics_leap_day() -> None:
    feb = next(e for e in cal.events(2024) if e.id == "procurement_map_agreements")
    start, end = read_ics(cal.to_ics([feb]))
    assert (start.decoded("DTSTART"), start.decoded("DTEND")) == (D(2024, 1, 15), D(2024, 1, 16))
    assert (end.decoded("DTSTART"), end.decoded("DTEND")) == (D(2024, 2, 29), D(2024, 3, 1))


def test_ics_uids_are_stable() -> None:
    stamp1 = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    stamp2 = dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC)
    a = [str(v["UID"]) for v in read_ics(cal.to_ics(cal.events(2024, lang="nb"), stamp=stamp1))]
    b = [str(v["UID"]) for v in read_ics(cal.to_ics(cal.events(2024, lang="en", role="public_body"),
                                                    stamp=stamp2))]
    assert a == b
    assert "grant_deadline-2024@veier-til-samarbeid" in a
    assert "preliminary_frames-2024-start@veier-til-samarbeid" in a
    assert "preliminary_frames-2024-end@veier-til-samarbeid" in a
    c = [str(v["UID"]) for v in read_ics(cal.to_ics(cal.events(2025)))]
    assert not set(a) & set(c)  # another year, other UIDs
    same = cal.events(2024)
    assert cal.to_ics(same, stamp=stamp1) == cal.to_ics(same, stamp=stamp1)


def test_ics_of_a_plan_keeps_uids_unique() -> None:
    steps = cal.plan(D(2026, 6, 15), seeks=["budget_priority"], role="entrepreneur")
    uids = [str(v["UID"]) for v in read_ics(cal.to_ics(steps))]
    assert len(uids) == len(set(uids)) == sum(len(expected_parts(s)) for s in steps)


# ---------------------------------------------------------------------------
# The rolling window


WINDOW_STARTS = [D(2026, 12, 1), D(2028, 2, 29), D(2026, 1, 31), D(2026, 12, 31), D(2027, 6, 30),
                 D(2017, 1, 1), D(2040, 3, 15)]


@pytest.mark.parametrize("start", WINDOW_STARTS)
@pytest.mark.parametrize("role", [None, "entrepreneur", "public_body"])
def test_window_holds_what_has_not_ended_and_begins_in_time(start: D, role: str | None) -> None:
    items = cal.window(start, role=role)
    end = cal.add_months(start, 12)
    assert items == sorted(items, key=lambda e: (e.start, e.end, e.id))
    assert all(e.end >= start and e.start < end for e in items)
    if role is not None:
        assert all(role in e.roles for e in items)
    # nothing left out: every event of the years around that overlaps the window is there
    every = [e for y in range(start.year - 1, end.year + 1) if 2017 <= y <= 2040
             for e in cal.events(y, role=role)]
    overlapping = {(e.id, e.start) for e in every if e.end >= start and e.start < end}
    assert {(e.id, e.start) for e in items} == overlapping
    for e in items:  # what is under way on the first day keeps its dates and says since when it is shown
        assert e.since == (start if e.start < start else None)


def test_window_on_1_december_shows_next_years_call_and_deadline() -> None:
    items = cal.window(D(2026, 12, 1))
    ids = [(e.id, e.start.year) for e in items]
    assert ids.index(("grant_call_announced", 2027)) < ids.index(("grant_deadline", 2027))
    assert ("grant_call_announced", 2026) not in ids  # ended on 30 November
    assert ("grant_deadline", 2026) not in ids  # the earliest known deadline, 19 November, passed
    assert ("budget_adoption", 2026) in ids  # under way
    assert all(e.end >= D(2026, 12, 1) for e in items)
    assert len(cal.window(D(2026, 12, 1), 1)) == 2  # December: adoption and economic plan
    # no grant deadline is ever shown on 31 December (the booklet's date, later than all known)
    assert not [e for e in cal.window(D(2026, 1, 1), 12) if e.deadline and e.start.month == 12]


def test_window_on_1_november_puts_the_deadline_inside_the_call() -> None:
    items = cal.window(D(2026, 11, 1))
    ids = [(e.id, e.start.year) for e in items]
    assert ids.index(("grant_call_announced", 2026)) < ids.index(("grant_deadline", 2026))
    deadline = next(e for e in items if e.id == "grant_deadline")
    assert deadline.start == D(2026, 11, 19) and deadline.deadline


def test_window_counts_months_from_the_start_day() -> None:
    assert cal.window_end(D(2028, 2, 29), 12) == D(2029, 2, 28)  # no 29 February in 2029
    assert cal.window_end(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert cal.window_end(D(2026, 12, 31), 36) == D(2029, 12, 31)
    # the last day of a month: an event that begins on the window's first day after is left out
    jan = cal.window(D(2026, 12, 31), 1)  # up to 30 January 2027
    assert "procurement_map_agreements" in [e.id for e in jan]  # begins 15 January
    assert cal.window(D(2026, 12, 14), 1)[-1].start < D(2027, 1, 14)
    feb29 = cal.window(D(2028, 2, 29), 1, role="entrepreneur")
    assert [e.id for e in feb29 if e.id == "procurement_map_agreements"] == ["procurement_map_agreements"]
    assert next(e for e in feb29 if e.id == "procurement_map_agreements").end == D(2028, 2, 29)


@pytest.mark.parametrize("months", [0, 37, -1, "12", 12.0, None, True])
def test_window_refuses_a_span_outside_1_to_36_months(months: object) -> None:
    with pytest.raises(ValueError, match="months"):
        cal.window(D(2026, 12, 1), months)  # type: ignore[arg-type]


@pytest.mark.parametrize("months", [1, 36])
def test_window_takes_1_and_36_months(months: int) -> None:
    items = cal.window(D(2026, 12, 1), months)
    assert items and max(e.start for e in items) < cal.add_months(D(2026, 12, 1), months)


def test_window_checks_its_other_arguments() -> None:
    with pytest.raises(ValueError, match="start"):
        cal.window("2026-12-01")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="role"):
        cal.window(D(2026, 12, 1), role="buyer")
    with pytest.raises(ValueError, match="lang"):
        cal.window(D(2026, 12, 1), lang="de")  # type: ignore[arg-type]


@pytest.mark.parametrize("start", WINDOW_STARTS)
def test_window_ics_reads_back_from_the_start_on(start: D) -> None:
    items = cal.window(start, role="entrepreneur", lang="en")
    vevents = read_ics(cal.to_ics(items))
    days = [v.decoded("DTSTART") for v in vevents]
    assert days == sorted(days)  # date order
    assert all(v.decoded("DTEND") > start for v in vevents)  # nothing that ended before the start
    assert all(v.decoded("DTEND") - v.decoded("DTSTART") == dt.timedelta(days=1) for v in vevents)
    for ev in (e for e in items if e.deadline):
        (v,) = [v for v in vevents if str(v["SUMMARY"]) == ev.title and v.decoded("DTSTART") == ev.start]
        assert bool([a for a in v.subcomponents if a.name == "VALARM"]) == ev.confirmed
    summaries = sorted((v.decoded("DTSTART"), str(v["SUMMARY"])) for v in vevents)
    assert summaries == sorted((d, s) for e in items for s, d in expected_parts(e))


# ---------------------------------------------------------------------------
# Content checks: broken calendar content is reported, with the file and the field


def edit_calendar(root: Path, fn: object) -> None:
    path = root / "calendar.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fn(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_event_ending_before_it_starts_is_an_error(content_copy: Path) -> None:
    def swap(data: dict) -> None:  # type: ignore[type-arg]
        ev = next(e for e in data["calendar"] if e["id"] == "preliminary_frames")
        ev["start"], ev["end"] = ev["end"], ev["start"]

    edit_calendar(content_copy, swap)
    with pytest.raises(content_mod.ContentError) as err:
        content_mod.load(content_copy)
    assert any("calendar.preliminary_frames.end: ends before it starts" in e for e in err.value.errors)


def test_unknown_references_are_errors(content_copy: Path) -> None:
    def break_refs(data: dict) -> None:  # type: ignore[type-arg]
        data["calendar"][0]["checklist"] = ["no_such_item"]

    edit_calendar(content_copy, break_refs)
    with pytest.raises(content_mod.ContentError) as err:
        content_mod.load(content_copy)
    text = "\n".join(err.value.errors)
    assert "calendar.procurement_map_agreements.checklist: unknown checklist id 'no_such_item'" in text


def edit_funding(root: Path, fn: object) -> None:
    path = root / "funding.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fn(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_the_grant_events_come_from_the_funding_schemes() -> None:
    c = content_mod.default()
    scheme = c.funding["grant_social_entrepreneurship"]
    assert scheme.calendar_events == ["grant_call_announced", "grant_deadline"]
    for ev in scheme.schedule:
        assert c.calendar[ev.id].title == ev.title and c.calendar[ev.id].kind == "grant"
        assert c.calendar[ev.id].deadline == ev.deadline
    calendar_file = yaml.safe_load((content_mod.ROOT / "content" / "calendar.yaml").read_text("utf-8"))
    assert not {e["id"] for e in calendar_file["calendar"]} & set(scheme.calendar_events)  # one place only


def test_a_schedule_id_the_calendar_file_uses_is_an_error(content_copy: Path) -> None:
    def clash(data: dict) -> None:  # type: ignore[type-arg]
        data["funding"][0]["schedule"][0]["id"] = "state_budget"

    edit_funding(content_copy, clash)
    with pytest.raises(content_mod.ContentError) as err:
        content_mod.load(content_copy)
    where = "funding.grant_social_entrepreneurship.schedule.state_budget.id"
    assert any(f"{where}: the calendar already has this id" in e for e in err.value.errors)


def test_an_ended_scheme_leaves_the_calendar(content_copy: Path) -> None:
    def end(data: dict) -> None:  # type: ignore[type-arg]
        scheme = data["funding"][0]
        text = {"nb": "x", "nn": "x", "en": "x"}
        scheme["changes"] = [{"kind": "ended", "date": "2026-06-30", "text": text,
                              "source": {"url": "https://example.org/", "title": "x"}}]

    def no_plan_steps(data: dict) -> None:  # type: ignore[type-arg]
        data["plan_steps"] = [s for s in data["plan_steps"] if s["seek"] != "grant"]

    edit_funding(content_copy, end)
    edit_calendar(content_copy, no_plan_steps)
    c = content_mod.load(content_copy)
    assert c.funding["grant_social_entrepreneurship"].ended
    assert "grant_deadline" not in c.calendar
    assert not [e for e in cal.window(D(2026, 12, 1), content=c) if e.kind == "grant"]


def test_plan_step_naming_an_unknown_event_is_an_error(content_copy: Path) -> None:
    def break_step(data: dict) -> None:  # type: ignore[type-arg]
        data["plan_steps"][0]["start"] = {"event": "no_such_event"}

    edit_calendar(content_copy, break_step)
    with pytest.raises(content_mod.ContentError) as err:
        content_mod.load(content_copy)
    assert any("plan_steps.priority_make_contact.start.event: unknown calendar id 'no_such_event'" in e
               for e in err.value.errors)


# ---------------------------------------------------------------------------
# The questionnaire behind the personal plan (content/questionnaires/calendar_plan.yaml)


def test_plan_questionnaire_uses_the_calendar_ids() -> None:
    qn = Q.get("calendar_plan")
    ask = {q.id: q for q in qn.questions}
    assert tuple(o.id for o in ask["role"].options) == ROLES
    assert tuple(o.id for o in ask["seeks"].options) == SEEKS
    assert ask["expiry_months"].show_if is not None  # asked only when a contract is sought


@pytest.mark.parametrize(
    ("answers", "first", "excluded"),
    [
        ({"role": "entrepreneur", "seeks": ["budget_priority"]}, "propose_priority", "plan_competition"),
        ({"role": "entrepreneur", "seeks": ["grant"]}, "apply_for_grant", "plan_competition"),
        ({"role": "entrepreneur", "seeks": ["contract"], "expiry_months": 4}, "get_ready_to_bid",
         "plan_competition"),
        ({"role": "public_body", "seeks": ["contract"], "expiry_months": 5}, "plan_competition",
         "get_ready_to_bid"),
    ],
)
def test_plan_questionnaire_ranks_the_focus(answers: dict[str, object], first: str, excluded: str) -> None:
    result = Q.evaluate("calendar_plan", answers)
    assert result.top()[0].item_id == first
    assert all(r.reasons for r in result.top())  # every step says why
    assert excluded in [e.item_id for e in result.excluded]


def test_an_event_over_new_year_is_in_the_window_of_both_years(content_copy: Path) -> None:
    """A call from 1 November to 15 January (its end in the following year) and a deadline on
    the last day of February, leap years included."""

    def add(data: dict) -> None:  # type: ignore[type-arg]
        base = next(e for e in data["calendar"] if e["id"] == "state_budget_adjustment")
        data["calendar"].append({**base, "id": "winter_call", "start": {"month": 11, "day": 1},
                                 "end": {"month": 1, "day": 15, "following_year": True}})
        data["calendar"].append({**base, "id": "winter_deadline", "deadline": True, "confirmed": True,
                                 "start": {"month": 2, "day": "last"}, "end": None})

    edit_calendar(content_copy, add)
    c = content_mod.load(content_copy)
    call = next(e for e in cal.events(2027, content=c) if e.id == "winter_call")
    assert (call.start, call.end) == (D(2027, 11, 1), D(2028, 1, 15))
    # on 10 January 2028 the call begun in 2027 is under way; next year's begins within 12 months
    items = [e for e in cal.window(D(2028, 1, 10), content=c) if e.id == "winter_call"]
    assert [(e.start, e.end, e.since) for e in items] == [
        (D(2027, 11, 1), D(2028, 1, 15), D(2028, 1, 10)), (D(2028, 11, 1), D(2029, 1, 15), None)]
    vevents = read_ics(cal.to_ics(items, lang="en"))
    assert [(v.decoded("DTSTART"), str(v["SUMMARY"])) for v in vevents] == [
        (D(2028, 1, 15), f"Ends: {items[0].title}"),
        (D(2028, 11, 1), f"Starts: {items[0].title}"), (D(2029, 1, 15), f"Ends: {items[0].title}")]
    assert [(e.start, e.end) for e in cal.upcoming(["winter_call"], D(2028, 1, 10), content=c)] == [
        (D(2027, 11, 1), D(2028, 1, 15))]  # still under way
    assert cal.now(D(2028, 1, 10), content=c)[0].id == "winter_call"
    # the leap day: a deadline on 29 February 2028 is in the window that starts that day
    leap = [e for e in cal.window(D(2028, 2, 29), 1, content=c) if e.id == "winter_deadline"]
    assert [e.start for e in leap] == [D(2028, 2, 29)]
    (v,) = read_ics(cal.to_ics(leap))
    assert v.decoded("DTSTART") == D(2028, 2, 29) and [a for a in v.subcomponents if a.name == "VALARM"]
    assert not [e for e in cal.window(D(2028, 3, 1), 11, content=c) if e.id == "winter_deadline"]


def test_the_window_and_its_file_are_written_in_nynorsk_too() -> None:
    c = content_mod.default()
    items = cal.window(D(2026, 12, 1), lang="nn")
    deadline = next(e for e in items if e.id == "grant_deadline")
    scheme = c.funding["grant_social_entrepreneurship"]
    assert deadline.title == next(ev for ev in scheme.schedule if ev.id == "grant_deadline").title.nn
    frames = next(e for e in items if e.id == "preliminary_frames")
    assert frames.title == c.calendar["preliminary_frames"].title.nn
    vevents = read_ics(cal.to_ics(items))
    assert "Byrjar: " + frames.title in [str(v["SUMMARY"]) for v in vevents]
    (dl,) = [v for v in vevents if str(v["SUMMARY"]) == deadline.title]
    assert "påminning" in str(dl["DESCRIPTION"])  # why the file sets no reminder, in nynorsk
    (dl,) = [v for v in read_ics(cal.to_ics([replace(deadline, confirmed=True)])) if v.name == "VEVENT"]
    assert "Om 14 dagar: " + deadline.title in [str(a["DESCRIPTION"]) for a in dl.subcomponents]
