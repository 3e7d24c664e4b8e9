"""The planning calendar: the municipal budget year, grant calls and procurement preparation.

Events are rules in ``content/calendar.yaml``; this module resolves them for a year
(2017–2040), says what is going on and what comes next on a given day, builds the personal
twelve-month plan, and writes iCalendar files (with the ``icalendar`` package).

>>> [e.id for e in events(2024)][-1]
'grant_deadline'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
    months_before,
    resolve_anchor,
)
from guide.content import Content
from guide.model import LANGS, FundingSource, Lang, Source

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


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)} (got {lang!r})")


def _content(content: Content | None) -> Content:
    return content if content is not None else content_mod.default()


# ---------------------------------------------------------------------------
# The year's events


def _event(ev: CalendarEvent, year: int, role: str | None, lang: Lang) -> Event:
    start = ev.start.resolve(year)
    end = ev.end.resolve(year) if ev.end is not None else start
    todo = ev.todo.get(role) if role is not None else None  # type: ignore[call-overload]
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


def now(
    on: dt.date, *, role: str | None = None, lang: Lang = "nb", content: Content | None = None
) -> list[Event]:
    """What is going on on ``on`` and what comes next: the current events, then the event(s)
    starting soonest after ``on`` (looking into the next year in December)."""
    on = _check_day(on)
    this_year = events(on.year, role=role, lang=lang, content=content)
    current = [e for e in this_year if e.contains(on)]
    later = [e for e in this_year if e.start > on]
    if on.year < LAST_YEAR:
        later += [e for e in events(on.year + 1, role=role, lang=lang, content=content) if e.start > on]
    if not later:
        return current
    first = min(e.start for e in later)
    return current + _sorted(e for e in later if e.start == first)


def upcoming(
    ids: Sequence[str], on: dt.date, *, lang: Lang = "nb", content: Content | None = None
) -> list[Event]:
    """For each event id, its next occurrence that has not ended by ``on`` (in ``ids`` order)."""
    on = _check_day(on)
    c = _content(content)
    unknown = [i for i in ids if i not in c.calendar]
    if unknown:
        raise ValueError(f"ids: unknown calendar event '{unknown[0]}'")
    out: list[Event] = []
    for ident in ids:
        for year in range(on.year, min(on.year + 1, LAST_YEAR) + 1):
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
    date has already passed is moved to ``on`` and marked ``late``. Raises ValueError naming
    ``on``, ``seeks``, ``role``, ``expiry``, ``months`` or ``lang``.
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
    return _sorted(out)


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


def to_ics(
    items: Iterable[Event], *, name: str | None = None, stamp: dt.datetime | None = None
) -> bytes:
    """An iCalendar file (RFC 5545) with one all-day VEVENT per event and stable UIDs.

    Long events are marked transparent so that they do not show the user as busy. ``stamp``
    (the DTSTAMP of every event) defaults to now, in UTC.
    """
    when = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    seen: dict[str, int] = {}
    for ev in items:
        uid = ev.uid
        seen[uid] = seen.get(uid, 0) + 1
        if seen[uid] > 1:
            uid = uid.replace("@", f"-{seen[uid]}@", 1)
        vevent = icalendar.Event()
        vevent.add("uid", uid)
        vevent.add("dtstamp", when)
        vevent.add("dtstart", ev.start)
        vevent.add("dtend", ev.end + dt.timedelta(days=1))  # DTEND of an all-day event is exclusive
        vevent.add("summary", ev.title)
        body = ev.description if not ev.todo else f"{ev.description}\n\n{ev.todo}"
        vevent.add("description", body)
        vevent.add("categories", [ev.kind])
        vevent.add("transp", "TRANSPARENT")
        cal.add_component(vevent)
    return bytes(cal.to_ical())
