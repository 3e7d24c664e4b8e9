"""Content model of ``content/funding.yaml``: where money for a cooperation can come from.

Each :class:`FundingSource` says what it is today (current name, owner, who may apply, for
what, when it is usually announced and due, a link to its own page) and how far that is known:
its :class:`Verification` names the sources read, the day they were read and each source's own
date, and says plainly what could not be verified. :class:`Change` records a rename, a new owner
or an end, with its date. A scheme's ``schedule`` holds its calls and deadlines as date rules:
the planning calendar takes its grant events from there (:func:`calendar_events`), so the two
never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator, model_validator

from guide.calendar.model import CalendarEvent, DateRule, Role
from guide.model import Item, NonEmpty, Slug, Source, Strict, Text

if TYPE_CHECKING:
    from guide.content import Content

VerificationStatus = Literal["verified", "partly_verified", "unverified"]
VERIFICATION_STATUSES: tuple[VerificationStatus, ...] = ("verified", "partly_verified", "unverified")
ChangeKind = Literal["renamed", "new_owner", "ended"]


def _http(v: str | None) -> str | None:
    if v is not None and not v.startswith(("http://", "https://")):
        raise ValueError("must start with http:// or https://")
    return v


class CheckedSource(Strict):
    """A source read to verify a scheme: its address, what it is, its own date (None: the page
    or stored copy shows none) and what it showed."""

    url: str
    title: NonEmpty
    dated: dt.date | None = None
    shows: Text | None = None

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        return _http(v) or v


class Verification(Strict):
    """How far a scheme's description is known to hold: ``checked`` is the day the sources were
    read; ``not_verified`` says what they did not confirm (required unless all is verified).
    A verified or partly verified scheme names at least one source."""

    status: VerificationStatus
    checked: dt.date
    sources: list[CheckedSource] = Field(default_factory=list)
    not_verified: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Verification:
        if self.status != "unverified" and not self.sources:
            raise ValueError(f"a {self.status} scheme names the sources it was verified against")
        if self.status != "verified" and self.not_verified is None:
            raise ValueError("say what could not be verified (not_verified)")
        return self

    @property
    def latest(self) -> dt.date | None:
        """The newest date any source bears (None if none bears one)."""
        dates = [s.dated for s in self.sources if s.dated is not None]
        return max(dates) if dates else None


class Change(Strict):
    """A change since the booklet: the scheme renamed, given a new owner, or ended, on ``date``."""

    kind: ChangeKind
    date: dt.date
    text: Text
    source: CheckedSource


class FundingEvent(Strict):
    """A call or a deadline of a scheme, by date rule: it becomes a planning-calendar event with
    the same id (``kind: grant``), for ``roles`` (default: the scheme's)."""

    id: Slug
    deadline: bool = False
    confirmed: bool = False  # the date is this year's, from the call or the rules: only then reminders
    title: Text
    description: Text
    start: DateRule
    end: DateRule | None = None
    roles: list[Role] | None = None
    todo: dict[Role, Text] = Field(default_factory=dict)
    source: Source


class FundingSource(Item):
    """A source of money for a cooperation: a scheme (or a kind of funding) as it stands."""

    title: Text  # the current name
    booklet_name: Text | None = None  # the name in the booklet, where it differs
    administrator: Text
    who_can_apply: Text
    for_what: Text
    when: Text  # when it is usually announced and due, as far as known
    roles: list[Role] = Field(min_length=1)
    sectors: list[Slug] = Field(min_length=1)
    url: str | None = None  # the scheme's own page
    verification: Verification
    changes: list[Change] = Field(default_factory=list)
    schedule: list[FundingEvent] = Field(default_factory=list)

    @field_validator("url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        return _http(v)

    @model_validator(mode="after")
    def _a_page_when_verified(self) -> FundingSource:
        if self.verification.status != "unverified" and self.url is None and not self.ended:
            raise ValueError("a verified scheme links to its own page (url)")
        return self

    @property
    def ended(self) -> bool:
        return any(ch.kind == "ended" for ch in self.changes)

    @property
    def calendar_events(self) -> list[str]:
        """The ids of the calendar events its schedule gives."""
        return [e.id for e in self.schedule]


def to_calendar_event(scheme: FundingSource, ev: FundingEvent) -> CalendarEvent:
    return CalendarEvent(
        id=ev.id, source=ev.source, kind="grant", title=ev.title, description=ev.description,
        start=ev.start, end=ev.end, roles=list(ev.roles or scheme.roles), todo=ev.todo,
        deadline=ev.deadline, confirmed=ev.confirmed,
    )


def calendar_events(content: Content) -> Iterable[str]:
    """Add the schemes' calls and deadlines to the content's calendar events (an ended scheme's
    schedule is left out); yield an error line for an id the calendar file already uses."""
    events = content.kinds.setdefault("calendar", {})
    rel = f"{content.root.name}/funding.yaml"
    for scheme in content.kinds.get("funding", {}).values():
        for ev in scheme.schedule:
            if ev.id in events:
                yield f"{rel}: funding.{scheme.id}.schedule.{ev.id}.id: the calendar already has this id"
                continue
            if scheme.ended:
                continue
            try:
                events[ev.id] = to_calendar_event(scheme, ev)
            except ValueError as exc:  # e.g. a todo for a role the event is not for
                yield f"{rel}: funding.{scheme.id}.schedule.{ev.id}: {exc}"
