"""The planning calendar: the municipal budget year, grant calls and procurement preparation.

Events are rules in ``content/calendar.yaml`` (and, for grant calls and deadlines, in the funding
schemes of ``content/funding.yaml``); this module resolves them for a year (2017–2040) or for a
rolling window of months from a day, says what is going on and what comes next on a given day,
builds the personal twelve-month plan, and writes iCalendar files (with the ``icalendar``
package): deadlines as one-day events with reminders, longer phases as a start and an end marker
that do not block the user's days.

>>> [e.id for e in events(2024)][-1]
'grant_deadline'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import cast, get_args

import icalendar

from guide import content as content_mod
from guide import formats
from guide.calendar.model import (
    FIRST_YEAR,
    LAST_YEAR,
    ROLES,
    SEEKS,
    CalendarEvent,
    PlanStep,
    Role,
    months_before,
    resolve_anchor,
)
from guide.content import Content
from guide.funding.model import FundingSource
from guide.model import LANGS, Lang, Source

UID_DOMAIN = "veier-til-samarbeid"
PRODID = "-//Veier til samarbeid//Planning calendar//NB"


@dataclass(frozen=True)
class Event:
    """One dated occurrence of a calendar event (or of a personal plan step)."""

    id: str
    start: dt.date
    end: dt.date  # inclusive: a single-day event has end == start
    title: str
    description: str
    kind: str
    roles: tuple[str, ...] = ()
    todo: str | None = None  # what the chosen role should do (None without a role)
    source: Source | None = None
    late: bool = False  # a plan step whose date has passed: do it as soon as possible
    deadline: bool = False  # a day something must be done by (the .ics adds reminders if confirmed)
    confirmed: bool = False  # the date holds: only a confirmed deadline gets reminders
    since: dt.date | None = None  # the first day of the window it was taken for (see ``window``)
    lang: Lang = "nb"  # the language of its texts (and of its calendar file's markers)

    @property
    def uid(self) -> str:
        """Stable: the same event in the same year always has the same UID."""
        return f"{self.id}-{self.start.year}@{UID_DOMAIN}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


# ---------------------------------------------------------------------------
# Argument checks: a ValueError that names the argument.


def _check_year(year: int, name: str = "year") -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValueError(f"{name} must be a whole year between {FIRST_YEAR} and {LAST_YEAR} (got {year!r})")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{name} must be between {FIRST_YEAR} and {LAST_YEAR} (got {year})")
    return year


def _check_day(on: dt.date, name: str = "on") -> dt.date:
    if isinstance(on, dt.datetime):
        on = on.date()
    if not isinstance(on, dt.date):
        raise ValueError(f"{name} must be a date (got {on!r})")
    _check_year(on.year, name=f"{name}.year")
    return on


def _check_role(role: str | None, *, required: bool = False) -> None:
    if role is None and not required:
        return
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)} (got {role!r})")


#: The languages the calendar's texts are written in (nynorsk too, before the page offers it).
CALENDAR_LANGS: tuple[str, ...] = tuple(dict.fromkeys((*LANGS, *get_args(Lang))))


def _check_lang(lang: str) -> None:
    if lang not in CALENDAR_LANGS:
        raise ValueError(f"lang must be one of {', '.join(CALENDAR_LANGS)} (got {lang!r})")


def _content(content: Content | None) -> Content:
    return content if content is not None else content_mod.default()


# ---------------------------------------------------------------------------
# The year's events


def _event(ev: CalendarEvent, year: int, role: str | None, lang: Lang) -> Event:
    start = ev.start.resolve(year)
    end = ev.end.resolve(year) if ev.end is not None else start
    todo = ev.todo.get(cast(Role, role)) if role is not None else None  # a role checked by _check_role
    return Event(
        id=ev.id,
        start=start,
        end=end,
        title=ev.title(lang),
        description=ev.description(lang),
        kind=ev.kind,
        roles=tuple(ev.roles),
        todo=todo(lang) if todo is not None else None,
        source=ev.source,
        deadline=ev.deadline,
        confirmed=ev.confirmed,
        lang=lang,
    )


def _sorted(items: Iterable[Event]) -> list[Event]:
    return sorted(items, key=lambda e: (e.start, e.end, e.id))


def events(
    year: int, *, role: str | None = None, lang: Lang = "nb", content: Content | None = None
) -> list[Event]:
    """Every event of ``year`` (2017–2040), sorted by date; only ``role``'s if given.

    Raises ValueError naming ``year``, ``role`` or ``lang`` when one is not allowed.
    """
    _check_year(year)
    _check_role(role)
    _check_lang(lang)
    c = _content(content)
    return _sorted(
        _event(ev, year, role, lang)
        for ev in c.calendar.values()
        if role is None or role in ev.roles
    )


#: The spans a rolling window may have, in months.
MIN_MONTHS, MAX_MONTHS = 1, 36


def _check_months(months: int) -> int:
    if isinstance(months, bool) or not isinstance(months, int):
        raise ValueError(f"months must be a whole number of months from {MIN_MONTHS} to {MAX_MONTHS} "
                         f"(got {months!r})")
    if not MIN_MONTHS <= months <= MAX_MONTHS:
        raise ValueError(f"months must be from {MIN_MONTHS} to {MAX_MONTHS} (got {months})")
    return months


def window_end(start: dt.date, months: int = 12) -> dt.date:
    """The first day after a window of ``months`` months from ``start`` (29 February + 12 months:
    28 February, the month's last day)."""
    return add_months(start, _check_months(months))


def window(
    start: dt.date,
    months: int = 12,
    *,
    role: str | None = None,
    lang: Lang = "nb",
    content: Content | None = None,
) -> list[Event]:
    """The events that have not ended by ``start`` and begin before ``start`` + ``months``
    months, in date order; only ``role``'s if given.

    An event already under way on ``start`` is included with its real dates, marked with
    ``since=start`` so that its calendar file leaves out the start that has passed. Events of
    the year before ``start`` that run into it count too. Raises ValueError naming ``months``
    (a whole number from 1 to 36), ``start``, ``role`` or ``lang``.
    """
    _check_months(months)
    start = _check_day(start, "start")
    _check_role(role)
    _check_lang(lang)
    c = _content(content)
    end = window_end(start, months)
    out: list[Event] = []
    for year in range(max(FIRST_YEAR, start.year - 1), min(LAST_YEAR, end.year) + 1):
        for ev in c.calendar.values():
            if role is not None and role not in ev.roles:
                continue
            e = _event(ev, year, role, lang)
            if e.end >= start and e.start < end:
                out.append(replace(e, since=start) if e.start < start else e)
    return _sorted(out)


def now(
    on: dt.date, *, role: str | None = None, lang: Lang = "nb", content: Content | None = None
) -> list[Event]:
    """What is going on on ``on`` and what comes next: the current events (one begun the year
    before counts), then the event(s) starting soonest after ``on``, within the next 13 months."""
    on = _check_day(on)
    ahead = [replace(e, since=None) for e in window(on, 13, role=role, lang=lang, content=content)]
    current = [e for e in ahead if e.contains(on)]
    later = [e for e in ahead if e.start > on]
    if not later:
        return current
    first = min(e.start for e in later)
    return current + _sorted(e for e in later if e.start == first)


def upcoming(
    ids: Sequence[str], on: dt.date, *, lang: Lang = "nb", content: Content | None = None
) -> list[Event]:
    """For each event id, its next occurrence that has not ended by ``on`` (in ``ids`` order;
    one begun the year before and still under way counts)."""
    on = _check_day(on)
    c = _content(content)
    unknown = [i for i in ids if i not in c.calendar]
    if unknown:
        raise ValueError(f"ids: unknown calendar event '{unknown[0]}'")
    out: list[Event] = []
    for ident in ids:
        for year in range(max(on.year - 1, FIRST_YEAR), min(on.year + 1, LAST_YEAR) + 1):
            ev = _event(c.calendar[ident], year, None, lang)
            if ev.end >= on:
                out.append(ev)
                break
    return out


def clamp(day: dt.date) -> dt.date:
    """``day`` held within the years the calendar covers (for "today" outside them)."""
    return min(max(day, dt.date(FIRST_YEAR, 1, 1)), dt.date(LAST_YEAR, 12, 31))


def funding_sources(
    *, roles: Iterable[str] = (), sectors: Iterable[str] = (), content: Content | None = None
) -> list[FundingSource]:
    """Funding sources open to any of ``roles`` in any of ``sectors`` (empty: no filter)."""
    want_roles, want_sectors = set(roles), set(sectors)
    return [
        f for f in _content(content).funding.values()
        if (not want_roles or want_roles & set(f.roles))
        and (not want_sectors or want_sectors & set(f.sectors))
    ]


# ---------------------------------------------------------------------------
# The personal plan


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` calendar months forward (the last day if the month is shorter)."""
    return months_before(day, -months)


def plan(
    on: dt.date,
    *,
    seeks: Iterable[str],
    role: str,
    expiry: dt.date | None = None,
    lang: Lang = "nb",
    months: int = 12,
    content: Content | None = None,
) -> list[Event]:
    """The steps for the next ``months`` months from ``on`` for what the user ``seeks``
    (``budget_priority``, ``grant``, ``contract``), sorted by date.

    ``expiry`` (the buyer's current agreement) is needed for ``contract``. A contract step whose
    date has already passed is moved to ``on`` and marked ``late``; a step under way on ``on``
    keeps its dates, with ``since=on`` (its calendar file leaves out the start that has passed).
    Raises ValueError naming ``on``, ``seeks``, ``role``, ``expiry``, ``months`` or ``lang``.
    """
    on = _check_day(on)
    _check_role(role, required=True)
    _check_lang(lang)
    wanted = list(seeks)
    bad = [s for s in wanted if s not in SEEKS]
    if bad:
        raise ValueError(f"seeks must be among {', '.join(SEEKS)} (got {bad[0]!r})")
    if not 1 <= months <= 24:
        raise ValueError(f"months must be between 1 and 24 (got {months})")
    if "contract" in wanted:
        if expiry is None:
            raise ValueError("expiry: the date the current agreement expires is needed for a contract")
        if isinstance(expiry, dt.datetime):
            expiry = expiry.date()
        if expiry < on:
            raise ValueError(f"expiry must not be before {on.isoformat()} (got {expiry.isoformat()})")
    c = _content(content)
    horizon = add_months(on, months) - dt.timedelta(days=1)
    out: list[Event] = []
    for step in c.plan_steps.values():
        if step.seek not in wanted or role not in step.roles:
            continue
        if step.start.event is None:
            out.extend(_expiry_step(step, on, horizon, expiry, lang, c))
        else:
            out.extend(_event_steps(step, on, horizon, lang, c))
    return _sorted(replace(s, since=on) if s.start < on else s for s in out)


def _step_event(step: PlanStep, start: dt.date, end: dt.date, lang: Lang, *, late: bool = False) -> Event:
    return Event(
        id=step.id,
        start=start,
        end=end,
        title=step.title(lang),
        description=step.text(lang),
        kind=step.kind,
        roles=tuple(step.roles),
        source=step.source,
        late=late,
        deadline=step.deadline,
        confirmed=step.confirmed,
        lang=lang,
    )


def _event_steps(
    step: PlanStep, on: dt.date, horizon: dt.date, lang: Lang, c: Content
) -> list[Event]:
    out: list[Event] = []
    for year in range(on.year, min(horizon.year, LAST_YEAR) + 1):
        start = resolve_anchor(step.start, c.calendar, year, None)
        end = resolve_anchor(step.end, c.calendar, year, None) if step.end is not None else start
        if end >= on and start <= horizon:
            out.append(_step_event(step, start, end, lang))
    return out


def _expiry_step(
    step: PlanStep, on: dt.date, horizon: dt.date, expiry: dt.date | None, lang: Lang, c: Content
) -> list[Event]:
    start = resolve_anchor(step.start, c.calendar, on.year, expiry)
    end = resolve_anchor(step.end, c.calendar, on.year, expiry) if step.end is not None else start
    if start > horizon:
        return []
    if end < on:  # its time has passed: do it now
        return [_step_event(step, on, on, lang, late=True)]
    return [_step_event(step, start, end, lang)]


# ---------------------------------------------------------------------------
# Display helpers and iCalendar


def format_date(day: dt.date, lang: Lang, *, year: bool = True, content: Content | None = None) -> str:
    """``1. oktober 2026`` / ``1 October 2026`` (Babel; ``content`` is no longer needed)."""
    return formats.date(day, lang, year=year)


def format_span(event: Event, lang: Lang, *, content: Content | None = None) -> str:
    """The event's dates: one day, or ``start – end`` (the year once if both are in it)."""
    if event.start == event.end:
        return format_date(event.start, lang, content=content)
    same_year = event.start.year == event.end.year
    first = format_date(event.start, lang, year=not same_year, content=content)
    return f"{first} – {format_date(event.end, lang, content=content)}"


#: When a deadline's reminders go off: two weeks and two days before, at 09:00 (an all-day event
#: starts at midnight, so the triggers are 14 days less 9 hours, and 2 days less 9 hours).
ALARM_DAYS: tuple[int, ...] = (14, 2)
ALARM_HOUR = 9


def _ics_text(key: str, lang: Lang, **fmt: object) -> str:
    return content_mod.default().t(key, lang, **fmt)


def _vevent(uid: str, when: dt.datetime, day: dt.date, summary: str, body: str,
            categories: list[str]) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", uid)
    vevent.add("dtstamp", when)
    vevent.add("dtstart", day)
    vevent.add("dtend", day + dt.timedelta(days=1))  # DTEND of an all-day event is exclusive
    vevent.add("summary", summary)
    vevent.add("description", body)
    vevent.add("categories", categories)
    vevent.add("transp", "TRANSPARENT")  # shows in the calendar without making the user busy
    return vevent


def _alarm(days: int, title: str, lang: Lang) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -dt.timedelta(days=days) + dt.timedelta(hours=ALARM_HOUR))
    alarm.add("description", _ics_text("calendar.ics.alarm", lang, days=days, title=title))
    return alarm


def ics_items(ev: Event, *, lang: Lang | None = None,
              since: dt.date | None = None) -> list[tuple[str, dt.date, str]]:
    """What one event becomes in a calendar file, as ``(part, day, summary)``: a single day (or
    a deadline) is one ``day``; a longer phase is a ``start`` and an ``end`` marker, without the
    start when it lies before ``since`` (or the event's own ``since``). ``lang`` defaults to the
    event's own."""
    lang = lang or ev.lang
    if ev.start == ev.end:
        return [("day", ev.start, ev.title)]
    first = since if since is not None else ev.since
    out: list[tuple[str, dt.date, str]] = []
    if first is None or ev.start >= first:
        out.append(("start", ev.start, _ics_text("calendar.ics.starts", lang, title=ev.title)))
    out.append(("end", ev.end, _ics_text("calendar.ics.ends", lang, title=ev.title)))
    return out


def to_ics(
    items: Iterable[Event],
    *,
    name: str | None = None,
    stamp: dt.datetime | None = None,
    lang: Lang | None = None,
    since: dt.date | None = None,
) -> bytes:
    """An iCalendar file (RFC 5545) of the events, with stable UIDs, in date order.

    A one-day event is an all-day VEVENT; a deadline whose date is confirmed also carries
    reminders (VALARM, DISPLAY, :data:`ALARM_DAYS` days before): the file never reminds of a date
    the app itself doubts, and says so in that deadline's description. A longer phase becomes two
    one-day markers, its start and its end, so that the user's calendar shows no months-long
    blocks; a phase already under way on ``since`` (or on the event's own ``since``, set by
    :func:`window`) gets only its end.
    Every VEVENT is transparent: nothing makes the user busy. ``lang`` is the language of the
    markers' and reminders' words (default: each event's own); ``stamp`` (the DTSTAMP of
    every event) defaults to now, UTC.
    """
    if lang is not None:
        _check_lang(lang)
    when = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    parts: list[tuple[dt.date, int, str, icalendar.Event]] = []
    seen: dict[str, int] = {}
    for n, ev in enumerate(items):
        words = lang or ev.lang
        body = ev.description if not ev.todo else f"{ev.description}\n\n{ev.todo}"
        if ev.start != ev.end:
            body += "\n\n" + _ics_text("calendar.ics.span", words, dates=format_span(ev, words))
        if ev.deadline and not ev.confirmed:
            body += "\n\n" + _ics_text("calendar.ics.unconfirmed", words)
        categories = [ev.kind, "deadline"] if ev.deadline else [ev.kind]
        for part, day, summary in ics_items(ev, lang=words, since=since):
            uid = ev.uid if part == "day" else ev.uid.replace("@", f"-{part}@", 1)
            seen[uid] = seen.get(uid, 0) + 1
            if seen[uid] > 1:
                uid = uid.replace("@", f"-{seen[uid]}@", 1)
            vevent = _vevent(uid, when, day, summary, body, categories)
            if ev.deadline and ev.confirmed and part in ("day", "end"):
                for days in ALARM_DAYS:
                    vevent.add_component(_alarm(days, ev.title, words))
            parts.append((day, n, part, vevent))
    order = {"end": 0, "day": 1, "start": 2}  # on one day: what ends, then what happens, then what starts
    for *_, vevent in sorted(parts, key=lambda p: (p[0], order[p[2]], p[1])):
        cal.add_component(vevent)
    return bytes(cal.to_ical())
