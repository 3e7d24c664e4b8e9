"""Content model of ``content/calendar.yaml``: the planning year as rules, not dates.

An event's dates are :class:`DateRule` s ("the last day of December", "the first weekday of
October", "the day before the first weekday of October") that :mod:`guide.calendar` resolves
for a given year. A :class:`PlanStep` is a step of the personal twelve-month plan, dated
relative to an event or to the expiry of the buyer's current agreement.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from guide.model import Item, Slug, Strict, Text

if TYPE_CHECKING:
    from guide.content import Content

Role = Literal["entrepreneur", "public_body"]
ROLES: tuple[Role, ...] = ("entrepreneur", "public_body")
EventKind = Literal["budget", "plan", "state", "grant", "procurement"]
Seek = Literal["budget_priority", "grant", "contract"]
SEEKS: tuple[Seek, ...] = ("budget_priority", "grant", "contract")
WeekdayName = Literal[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekday"
]
WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)

#: The years the calendar covers (inclusive).
FIRST_YEAR = 2017
LAST_YEAR = 2040


class DateRule(Strict):
    """A day in a year, by rule.

    Either ``day`` (a day number that exists in every year, or ``last``), or ``nth`` +
    ``weekday`` (``nth`` 1–5 counts from the start of the month, -1 is the last;
    ``weekday: weekday`` means Monday–Friday). ``offset_days`` moves the result.
    ``following_year`` puts the day in the year after the one resolved for: the end of an
    event that runs over New Year (a call from 1 November to 15 January).
    """

    month: int = Field(ge=1, le=12)
    day: int | Literal["last"] | None = None
    nth: int | None = None
    weekday: WeekdayName | None = None
    offset_days: int = Field(default=0, ge=-92, le=92)
    following_year: bool = False

    @model_validator(mode="after")
    def _one_rule(self) -> DateRule:
        by_day = self.day is not None
        by_weekday = self.nth is not None or self.weekday is not None
        if by_day == by_weekday:
            raise ValueError("give either 'day', or 'nth' and 'weekday'")
        if by_weekday and (self.nth is None or self.weekday is None):
            raise ValueError("'nth' and 'weekday' go together")
        if self.nth is not None and self.nth not in (1, 2, 3, 4, 5, -1):
            raise ValueError("'nth' must be 1 to 5, or -1 for the last")
        if isinstance(self.day, int):
            # the shortest length of the month in any year (February: 28)
            shortest = _cal.monthrange(2001, self.month)[1]
            if not 1 <= self.day <= shortest:
                raise ValueError(
                    f"day {self.day} does not exist in month {self.month} every year "
                    f"(1–{shortest}); use 'last' for the end of the month"
                )
        return self

    def resolve(self, year: int) -> dt.date:
        """The date this rule gives in ``year`` (in ``year + 1`` when ``following_year``)."""
        if self.following_year:
            year += 1
        last = _cal.monthrange(year, self.month)[1]
        if self.day == "last":
            d = dt.date(year, self.month, last)
        elif isinstance(self.day, int):
            d = dt.date(year, self.month, self.day)
        else:
            assert self.nth is not None and self.weekday is not None
            days = [dt.date(year, self.month, n) for n in range(1, last + 1)]
            if self.weekday == "weekday":
                fits = [x for x in days if x.weekday() < 5]
            else:
                fits = [x for x in days if x.weekday() == WEEKDAYS.index(self.weekday)]
            if self.nth == -1:
                d = fits[-1]
            elif self.nth <= len(fits):
                d = fits[self.nth - 1]
            else:  # a fifth Monday that this month does not have: the last one
                d = fits[-1]
        return d + dt.timedelta(days=self.offset_days)


class CalendarEvent(Item):
    """Something that happens every year in the planning cycle, with what to do about it."""

    kind: EventKind
    title: Text
    description: Text
    start: DateRule
    end: DateRule | None = None  # None: a single day
    roles: list[Role] = Field(min_length=1)
    todo: dict[Role, Text] = Field(default_factory=dict)
    deadline: bool = False  # a day something must be done by: a short event, reminders if confirmed
    confirmed: bool = False  # the date holds (a rule of law, this year's call): only then reminders
    planning: list[Slug] = Field(default_factory=list)  # ids in entrepreneur.yaml planning
    checklist: list[Slug] = Field(default_factory=list)  # ids in entrepreneur.yaml checklist

    @model_validator(mode="after")
    def _todo_roles(self) -> CalendarEvent:
        extra = [r for r in self.todo if r not in self.roles]
        if extra:
            raise ValueError(f"todo for role '{extra[0]}' that is not in roles")
        return self


class Anchor(Strict):
    """Where a plan step's date comes from: an event's start or end, or the agreement's expiry."""

    event: Slug | None = None
    at: Literal["start", "end"] = "start"
    months_before_expiry: int | None = Field(default=None, ge=0, le=36)
    offset_days: int = Field(default=0, ge=-366, le=366)

    @model_validator(mode="after")
    def _one(self) -> Anchor:
        if (self.event is None) == (self.months_before_expiry is None):
            raise ValueError("give either 'event' or 'months_before_expiry'")
        return self


class PlanStep(Item):
    """A step of the personal plan for one thing the user seeks."""

    seek: Seek
    kind: EventKind
    roles: list[Role] = Field(min_length=1)
    title: Text
    text: Text
    start: Anchor
    end: Anchor | None = None  # None: a single day
    deadline: bool = False  # a day something must be done by: a short event, reminders if confirmed
    confirmed: bool = False  # the date holds: never for a step dated from an event that is not confirmed


def months_before(day: dt.date, months: int) -> dt.date:
    """``day`` moved back ``months`` calendar months; a day the month lacks becomes its last day."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def resolve_anchor(
    anchor: Anchor, events: dict[str, CalendarEvent], year: int, expiry: dt.date | None
) -> dt.date:
    """The date of ``anchor``: in ``year`` for an event anchor, from ``expiry`` otherwise."""
    if anchor.event is not None:
        ev = events[anchor.event]
        rule = ev.start if anchor.at == "start" or ev.end is None else ev.end
        base = rule.resolve(year)
    else:
        if expiry is None:
            raise ValueError("expiry: a step dated from the agreement's expiry needs an expiry date")
        assert anchor.months_before_expiry is not None
        base = months_before(expiry, anchor.months_before_expiry)
    return base + dt.timedelta(days=anchor.offset_days)


def check(content: Content) -> Iterable[str]:
    """Cross-file checks: events and plan steps resolve and end no earlier than they start."""
    events = content.kinds.get("calendar", {})
    steps = content.kinds.get("plan_steps", {})
    rel = f"{content.root.name}/calendar.yaml"
    for ident, ev in events.items():
        if ev.end is None:
            continue
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            if ev.end.resolve(year) < ev.start.resolve(year):
                yield f"{rel}: calendar.{ident}.end: ends before it starts in {year}"
                break
    for ident, step in steps.items():
        for name in ("start", "end"):
            anchor = getattr(step, name)
            if anchor is not None and anchor.event is not None and anchor.event not in events:
                yield f"{rel}: plan_steps.{ident}.{name}.event: unknown calendar id '{anchor.event}'"
            elif (step.confirmed and anchor is not None and anchor.event is not None
                  and not events[anchor.event].confirmed):
                yield (f"{rel}: plan_steps.{ident}.confirmed: dated from '{anchor.event}', whose date "
                       "is not confirmed")
        if step.end is None:
            continue
        if (step.start.event is None) != (step.end.event is None):
            yield f"{rel}: plan_steps.{ident}.end: must be anchored like start (event or expiry)"
            continue
        if step.start.event not in (None, *events) or step.end.event not in (None, *events):
            continue
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            sample = dt.date(year, 6, 30)
            if resolve_anchor(step.end, events, year, sample) < resolve_anchor(
                step.start, events, year, sample
            ):
                yield f"{rel}: plan_steps.{ident}.end: ends before it starts in {year}"
                break
