"""The funding page as blocks: each scheme as it stands, and how far that is known.

:func:`overview` is a table of every scheme shown with its status and dates; :func:`scheme` is
one scheme: its current name (and the booklet's), owner, who may apply, for what and when, its
next calls and deadlines in the planning calendar, a link to its own page, what has changed
since the booklet (dated), and when and against which sources it was last checked, with what
could not be verified said plainly. Nothing unverified is worded as current fact: the status
stands at the top of each scheme.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from guide import calendar as cal
from guide.content import Content
from guide.documents.blocks import (
    Block,
    Bullets,
    Callout,
    CalloutKind,
    Card,
    Details,
    Heading,
    Link,
    Paragraph,
    SourceLine,
    Table,
)
from guide.funding.model import CheckedSource, FundingSource
from guide.model import Lang
from guide.wording import Wording


class _P(Wording):
    def status(self, f: FundingSource) -> str:
        key = "ended" if f.ended else f.verification.status
        return self.t(f"funding.status.{key}")

    def open_short(self, f: FundingSource) -> str:
        """Whether it is open now, in a word: ended, not known (a scheme with calls), or no calls known."""
        if f.ended:
            return self.t("funding.open.ended")
        return self.t("funding.open.short" if f.schedule else "funding.open.no_calls")

    def latest(self, f: FundingSource) -> str:
        day = f.verification.latest
        return self.date(day) if day is not None else self.t("funding.col.latest.none")

    def checked_source(self, s: CheckedSource) -> str:
        if s.dated is not None:
            return self.t("funding.source.dated", title=s.title, date=self.date(s.dated))
        return self.t("funding.source.undated", title=s.title)


def status_line(f: FundingSource, *, content: Content, lang: Lang) -> str:
    """The status, the day the sources were read and the newest date a source bears:
    ``Delvis kontrollert · kildene lest 1. desember 2026 · nyeste kildedato: 16. januar 2024``."""
    x = _P(content, lang)
    return x.t("funding.status.line", status=x.status(f), date=x.date(f.verification.checked),
               latest=x.latest(f))


def overview(schemes: Iterable[FundingSource], *, content: Content, lang: Lang,
             level: int = 2) -> tuple[Block, ...]:
    """Every scheme with its status, the source it was verified against and the newest date a
    source bears; the caption says when the sources were read."""
    x = _P(content, lang)
    schemes = list(schemes)
    rows = tuple(
        (f.title(lang), x.status(f), x.open_short(f),
         f.verification.sources[0].title if f.verification.sources else x.t("funding.col.source.none"),
         x.latest(f))
        for f in schemes
    )
    head = tuple(x.t(f"funding.col.{k}") for k in ("scheme", "status", "open", "source", "latest"))
    days = sorted({f.verification.checked for f in schemes})
    caption = x.t("funding.overview.read", dates=", ".join(x.date(d) for d in days)) if days else None
    return (Heading(x.t("funding.overview.title"), level), Table(head, rows, caption=caption))


def open_now(f: FundingSource, *, content: Content, lang: Lang, today: dt.date) -> tuple[Block, ...]:
    """Whether the scheme is open on ``today``, said plainly: no source the guide has read gives
    this year's call, so it is not known; where the scheme's calendar has a deadline that is not
    confirmed, where ``today`` stands against it (before the usual call, in it, or after the
    earliest known deadline of this year). Nothing for a scheme that has ended or has no calls in
    the calendar (the overview says so)."""
    if f.ended or not f.schedule:
        return ()
    x = _P(content, lang)
    body: list[Block] = [Paragraph(x.t("funding.open.unknown", title=f.title(lang)), "strong")]
    day = cal.clamp(today)
    calls = [e for e in f.schedule if not e.deadline]
    for ev in (e for e in f.schedule if e.deadline and not e.confirmed):
        due = ev.start.resolve(day.year)
        call = calls[0].start.resolve(day.year) if calls else None
        when = "after" if day > due else "during" if call is not None and day >= call else "before"
        said = x.t(f"funding.open.{when}", date=x.date(due), call=x.date(call) if call else "–")
        body.append(Paragraph(said))
    return (Callout("warning", tuple(body), title=x.t("funding.open.title")),)


def _main_source(f: FundingSource, x: _P) -> list[Block]:
    """The source the scheme was verified against first, in view on its card (for a scheme not
    verified: the latest source found, worded as confirming nothing about today)."""
    v = f.verification
    if not v.sources:
        return [Paragraph(x.t("funding.checked.none", date=x.date(v.checked)), "small")]
    first = v.sources[0]
    key = "funding.checked.last_found" if v.status == "unverified" else "funding.checked.main"
    return [SourceLine(x.t(key, source=x.checked_source(first)), first.url)]


def _verification(f: FundingSource, x: _P) -> list[Block]:
    """Every source read, with its own date and what it showed (folded away on screen)."""
    v = f.verification
    if not v.sources:
        return []
    body: list[Block] = [Paragraph(x.t("funding.checked", date=x.date(v.checked)))]
    for s in v.sources:
        body.append(SourceLine(x.checked_source(s), s.url))
        if s.shows is not None:
            body.append(Paragraph(x.t("funding.source.shows", text=s.shows(x.lang)), "small"))
    return [Details(x.t("funding.checked.title", n=len(v.sources)), tuple(body))]


def scheme(f: FundingSource, *, content: Content, lang: Lang, today: dt.date,
           level: int = 3) -> tuple[Block, ...]:
    """One scheme as a card (see the module's docstring)."""
    x = _P(content, lang)
    v = f.verification
    body: list[Block] = [Heading(f.title(lang), level),
                         Paragraph(status_line(f, content=content, lang=lang), "strong"),
                         *_main_source(f, x)]
    body += open_now(f, content=content, lang=lang, today=today)
    if f.booklet_name is not None and f.booklet_name(lang) != f.title(lang):
        body.append(Paragraph(x.t("funding.booklet_name", name=f.booklet_name(lang)), "small"))
    if v.not_verified is not None:
        kind: CalloutKind = "warning" if v.status == "unverified" else "info"
        body.append(Callout(kind, (Paragraph(v.not_verified(lang), lead=x.t("funding.not_verified")),)))
    body.append(Bullets((
        Paragraph(f.administrator(lang), lead=x.t("funding.administrator") + ":"),
        Paragraph(f.who_can_apply(lang), lead=x.t("funding.who") + ":"),
        Paragraph(f.for_what(lang), lead=x.t("funding.for_what") + ":"),
        Paragraph(f.when(lang), lead=x.t("funding.when") + ":"),
    )))
    if f.calendar_events and not f.ended:
        nxt = sorted(cal.upcoming(f.calendar_events, cal.clamp(today), lang=lang, content=content),
                     key=lambda e: (e.start, e.end))  # in date order: this year's before next year's
        items = "; ".join(x.t("calendar.funding.item", title=e.title, dates=cal.format_span(e, lang))
                          for e in nxt)
        if items:
            body.append(Paragraph(x.t("funding.calendar.next", items=items)))
    for ch in f.changes:
        body.append(Callout("info", (
            Paragraph(ch.text(lang), lead=x.t(f"funding.change.{ch.kind}", date=x.date(ch.date))),
            SourceLine(x.t("funding.change.source", title=ch.source.title), ch.source.url),
        )))
    if f.url is not None:
        body.append(Link(x.t("funding.link"), f.url))
    roles = ", ".join(x.t(f"role.{r}") for r in f.roles)
    sectors = ", ".join(content.sectors[s].label(lang) for s in f.sectors)
    body.append(Paragraph(f"{x.t('funding.roles')}: {roles} · {sectors}", "small"))
    body += _verification(f, x)
    body.append(x.source(f.source))
    return (Card(tuple(body)),)


def page(schemes: list[FundingSource], *, content: Content, lang: Lang, today: dt.date,
         level: int = 2) -> tuple[Block, ...]:
    """The schemes shown: how verification is meant, the overview table, then each scheme."""
    x = _P(content, lang)
    out: list[Block] = [Paragraph(x.t("funding.method"), "small")]
    out += overview(schemes, content=content, lang=lang, level=level)
    for f in schemes:
        out += scheme(f, content=content, lang=lang, today=today, level=level + 1)
    return tuple(out)
