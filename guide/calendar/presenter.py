"""The planning calendar as blocks: the one source of the calendar's result on screen and paper.

:func:`plan` gives the whole result for the calendar's inputs (what a document shows): the
inputs in brief, what to do now and what comes next (:func:`now`), the rolling window of months
ahead with its events and sources (:func:`window`: from today, 12 months unless another start or
span is chosen), and the personal twelve-month plan (:func:`personal`): what to focus on and why
(the ``calendar_plan`` questionnaire), the dated steps, and the funding that fits when a grant is
sought. The page draws the same sections between its inputs. The calendar files come from here
too (:func:`window_ics`, :func:`plan_ics`), so a file holds exactly the events the page shows.

One rule lives here and nowhere else: the contract steps count back from the date the buyer's
current agreement expires, so while that date is missing (or the months given cannot be used)
the contract steps wait and the rest of the plan is shown, with a message that says why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from guide import calendar as cal
from guide import formats
from guide import questionnaires as Q
from guide.answers.model import CalendarInputs
from guide.content import Content
from guide.documents.blocks import (
    Block,
    Bullets,
    Callout,
    Card,
    Details,
    Figure,
    Heading,
    Paragraph,
    Table,
)
from guide.model import Lang
from guide.wording import Wording

QUESTIONNAIRE = "calendar_plan"
#: The kinds of calendar event, in the order of the timeline's legend.
KINDS: tuple[str, ...] = ("budget", "plan", "state", "grant", "procurement")
ExpiryProblem = Literal["missing", "range"]


class _P(Wording):
    def span(self, e: cal.Event) -> str:
        return cal.format_span(e, self.lang)

    def option(self, question: str, option: str) -> str:
        """The label of an option of the plan questionnaire (its id if the content has none)."""
        qn = self.c.questionnaires.get(QUESTIONNAIRE)
        q = qn.question(question) if qn is not None else None
        opt = q.option(option) if q is not None else None
        return opt.label(self.lang) if opt is not None and opt.label is not None else option


# ---------------------------------------------------------------------------
# What the inputs mean (the one place of the plan's rules)


def start(today: dt.date) -> dt.date:
    """The day the calendar counts from: ``today`` held within the years it covers."""
    return cal.clamp(today)


#: The window's span when none is chosen, in months.
DEFAULT_MONTHS = 12


def shown_start(inputs: CalendarInputs, today: dt.date) -> dt.date:
    """The first day of the window shown: the one chosen, else 1 January of a year chosen in an
    older link, else today (each held within the years the calendar covers)."""
    if inputs.start is not None:
        return cal.clamp(inputs.start)
    if inputs.year is not None:
        return dt.date(inputs.year, 1, 1)
    return start(today)


def shown_months(inputs: CalendarInputs) -> int:
    """The window's span in months: the one chosen, else :data:`DEFAULT_MONTHS`."""
    return inputs.months if inputs.months is not None else DEFAULT_MONTHS


def shown_span(inputs: CalendarInputs, today: dt.date) -> tuple[dt.date, dt.date]:
    """The window's first and last day (the last inclusive)."""
    first = shown_start(inputs, today)
    return first, cal.window_end(first, shown_months(inputs)) - dt.timedelta(days=1)


@dataclass(frozen=True)
class PlanState:
    """What the personal plan is made of: the day it starts, the expiry of the buyer's agreement
    (None while it is missing or cannot be used, and then why), what the plan covers (the
    contract steps wait without an expiry), the questionnaire's answers and the dated steps."""

    start: dt.date
    seeks: tuple[str, ...]
    expiry: dt.date | None
    expiry_problem: ExpiryProblem | None
    wanted: tuple[str, ...]
    answers: dict[str, Any]
    steps: tuple[cal.Event, ...]


def _expiry_range(c: Content) -> tuple[int, int]:
    qn = c.questionnaires.get(QUESTIONNAIRE)
    q = qn.question("expiry_months") if qn is not None else None
    lo = int(q.min) if q is not None and q.min is not None else 0
    hi = int(q.max) if q is not None and q.max is not None else 60
    return lo, hi


def state(inputs: CalendarInputs, *, content: Content, lang: Lang, today: dt.date) -> PlanState:
    """The plan's parts for ``inputs`` from ``today``. The contract steps need the date the
    buyer's agreement expires: without a usable one they wait, and the rest is planned."""
    day = start(today)
    seeks = tuple(inputs.seeks)
    expiry: dt.date | None = None
    problem: ExpiryProblem | None = None
    answers: dict[str, Any] = {"role": inputs.role, "seeks": list(seeks)}
    if "contract" in seeks:
        months = inputs.expiry_months
        lo, hi = _expiry_range(content)
        if months is None:
            problem = "missing"
        elif not lo <= months <= hi:
            problem = "range"
        else:
            expiry = cal.add_months(day, months)
            answers["expiry_months"] = months
    wanted = tuple(s for s in seeks if s != "contract" or expiry is not None)
    steps = tuple(cal.plan(day, seeks=wanted, role=inputs.role, expiry=expiry, lang=lang, content=content)
                  if wanted else ())
    return PlanState(day, seeks, expiry, problem, wanted, answers, steps)


# ---------------------------------------------------------------------------
# The sections


def summary(inputs: CalendarInputs, *, content: Content, lang: Lang, today: dt.date) -> tuple[Block, ...]:
    """The calendar's inputs in brief, for a document (the page shows them as its inputs)."""
    x = _P(content, lang)
    first, last = shown_span(inputs, today)
    items = [x.t("calendar.summary.role", role=x.option("role", inputs.role)),
             x.t("calendar.summary.window", start=x.date(first), end=x.date(last))]
    if inputs.seeks:
        sought = ", ".join(x.option("seeks", s) for s in inputs.seeks)
        items.append(x.t("calendar.summary.seeks", items=sought))
    if inputs.sector is not None and inputs.sector in content.sectors:
        items.append(x.t("calendar.summary.sector", sector=content.sectors[inputs.sector].label(lang)))
    return (Bullets.of(items),)


def now(inputs: CalendarInputs, *, content: Content, lang: Lang, today: dt.date,
        level: int = 2) -> tuple[Block, ...]:
    """What is going on today for the role, and what comes next."""
    x = _P(content, lang)
    day = start(today)
    events = cal.now(day, role=inputs.role, lang=lang, content=content)
    out: list[Block] = [Heading(x.t("calendar.now.title"), level),
                        Paragraph(x.t("calendar.now.today", date=x.date(day)), "small")]
    if not any(e.contains(day) for e in events):
        out.append(Callout("info", (Paragraph(x.t("calendar.now.none")),)))
    for e in events:
        badge = x.t("calendar.now.current") if e.contains(day) else x.t("calendar.now.next")
        body: list[Block] = [Paragraph(f"{badge} · {x.span(e)}", "small"),
                             Heading(e.title, min(level + 2, 5))]
        if e.todo:
            body.append(Paragraph(x.t("calendar.now.todo_line", todo=e.todo)))
        body.append(Paragraph(e.description, "small"))
        if e.source is not None:
            body.append(x.source(e.source))
        out.append(Card(tuple(body)))
    return tuple(out)


def window_events(inputs: CalendarInputs, *, content: Content, lang: Lang, today: dt.date) -> list[cal.Event]:
    """The events of the window shown, for the role, in date order."""
    return cal.window(shown_start(inputs, today), shown_months(inputs), role=inputs.role, lang=lang,
                      content=content)


def _ticks(first: dt.date, end: dt.date, x: _P) -> list[list[str]]:
    """A tick on the first of each month in the window (every third beyond 18 months), labelled
    with the month, and with the year at the first tick and wherever the year changes."""
    months = (end.year - first.year) * 12 + end.month - first.month
    step = 3 if months > 18 else 1
    out: list[list[str]] = []
    day = dt.date(first.year, first.month, 1)
    if day < first:
        day = cal.add_months(day, 1)
    while day < end:
        label = x.t(f"calendar.month.{day.month}")[:3]
        if not out or out[-1][0][:4] != str(day.year):
            label += f" {day.year}"
        out.append([day.isoformat(), label])
        day = cal.add_months(day, step)
    return out


def timeline(events: list[cal.Event], first: dt.date, end: dt.date, *, content: Content, lang: Lang,
             today: dt.date) -> Figure:
    """The window's events as a timeline chart (``calendar_timeline``) with its text alternative;
    ``end`` is the first day after the window."""
    x = _P(content, lang)
    day = start(today)
    alt = x.t("calendar.timeline.alt", items="; ".join(
        x.t("calendar.timeline.alt_item", title=e.title, dates=x.span(e)) for e in events))
    marks_today = first <= day < end
    if marks_today:
        alt += " " + x.t("calendar.timeline.alt_today", date=x.date(day))
    data = {
        "start": first.isoformat(),
        "end": end.isoformat(),
        "events": [{"title": e.title, "start": max(e.start, first).isoformat(),
                    "end": min(e.end, end).isoformat(), "kind": e.kind, "dates": x.span(e)}
                   for e in events],
        "kinds": [[k, x.t(f"calendar.kind.{k}")] for k in KINDS],
        "ticks": _ticks(first, end, x),
        "today": day.isoformat() if marks_today else None,
        "today_label": x.t("calendar.timeline.today"),
    }
    return Figure("calendar_timeline", alt, data)


def window(inputs: CalendarInputs, *, content: Content, lang: Lang, today: dt.date,
           level: int = 2) -> tuple[Block, ...]:
    """The window shown: its timeline, and the same events as a table with what to do and sources."""
    x = _P(content, lang)
    first, last = shown_span(inputs, today)
    events = window_events(inputs, content=content, lang=lang, today=today)
    rows = tuple(
        (x.span(e), e.title, x.t(f"calendar.kind.{e.kind}"), e.todo or e.description,
         x.cite(e.source) if e.source is not None else "")
        for e in events
    )
    head = tuple(x.t(f"calendar.col.{k}") for k in ("dates", "title", "kind", "todo", "source"))
    out: list[Block] = [
        Heading(x.t("calendar.window.title", start=x.date(first), end=x.date(last)), level),
        timeline(events, first, last + dt.timedelta(days=1), content=content, lang=lang, today=today),
    ]
    if any(e.start < first for e in events):
        out.append(Paragraph(x.t("calendar.window.under_way", start=x.date(first)), "small"))
    out.append(Details(x.t("calendar.details"), (Table(head, rows),)))
    return tuple(out)


def _focus(st: PlanState, x: _P, level: int) -> list[Block]:
    qn = Q.get(QUESTIONNAIRE, x.c)
    result = Q.evaluate(qn.id, st.answers, x.c)
    own = Q.items(qn, x.c)
    out: list[Block] = [Heading(x.t("calendar.plan.focus"), level)]
    for rec in result.top(qn.top):
        item = own[rec.item_id]
        body: list[Block] = [Paragraph(item.text(x.lang))]
        if rec.reasons:
            body.append(Bullets.of(r.text(x.lang) for r in rec.reasons))
        body.append(x.source(item.source))
        out.append(Details(f"{item.title(x.lang)} — {item.when(x.lang)}", tuple(body)))
    return out


def _funding(inputs: CalendarInputs, st: PlanState, x: _P, level: int) -> list[Block]:
    sectors = [inputs.sector] if inputs.sector is not None and inputs.sector in x.c.sectors else []
    found = cal.funding_sources(roles=[inputs.role], sectors=sectors, content=x.c)
    out: list[Block] = [Heading(x.t("calendar.plan.funding"), level)]
    if not found:
        out.append(Paragraph(x.t("calendar.plan.funding.none")))
    for f in found:
        nxt = sorted(cal.upcoming(f.calendar_events, st.start, lang=x.lang, content=x.c),
                     key=lambda e: (e.start, e.end))  # in date order: this year's before next year's
        when = "; ".join(x.t("calendar.funding.item", title=e.title, dates=x.span(e)) for e in nxt)
        line = x.t("calendar.plan.funding.item", title=f.title(x.lang), when=when or f.when(x.lang))
        out += [Paragraph(line), x.source(f.source)]
    return out


def personal(inputs: CalendarInputs, *, content: Content, lang: Lang, today: dt.date,
             level: int = 2) -> tuple[Block, ...]:
    """The personal plan for the next twelve months (without its heading: the page puts the
    plan's questions between the heading and this)."""
    x = _P(content, lang)
    if not inputs.seeks:
        return (Callout("info", (Paragraph(x.t("calendar.plan.choose")),)),)
    st = state(inputs, content=content, lang=lang, today=today)
    out: list[Block] = []
    if st.expiry_problem == "missing":
        out.append(Callout("info", (Paragraph(x.t("calendar.plan.expiry.missing")),)))
    elif st.expiry_problem == "range":
        lo, hi = _expiry_range(content)
        out.append(Callout("error", (Paragraph(x.t("calendar.plan.expiry.range", min=lo, max=hi)),)))
    elif st.expiry is not None:
        out.append(Paragraph(x.t("calendar.plan.expiry.date", date=x.date(st.expiry)), "small"))
    out += _focus(st, x, level)
    if st.steps:
        head = tuple(x.t(f"calendar.col.{k}") for k in ("dates", "step", "todo"))
        rows = tuple((x.t("calendar.plan.late") if s.late else x.span(s), s.title, s.description)
                     for s in st.steps)
        out += [Heading(x.t("calendar.plan.steps"), level), Table(head, rows)]
        if "contract" in st.wanted:
            out.append(Paragraph(x.t("calendar.plan.rule_of_thumb"), "small"))
    elif st.wanted:
        out.append(Callout("info", (Paragraph(x.t("calendar.plan.none")),)))
    if "grant" in st.seeks:
        out += _funding(inputs, st, x, level)
    return tuple(out)


def plan(inputs: CalendarInputs, *, content: Content, lang: Lang, today: dt.date,
         level: int = 2) -> tuple[Block, ...]:
    """The calendar's whole result for ``inputs`` on ``today``: the inputs in brief, what to do
    now, the year shown and the personal plan. ``level`` is the level of the sections' headings
    (their parts one below)."""
    qn = Q.get(QUESTIONNAIRE, content)
    return (
        *summary(inputs, content=content, lang=lang, today=today),
        *now(inputs, content=content, lang=lang, today=today, level=level),
        *window(inputs, content=content, lang=lang, today=today, level=level),
        Heading(qn.title(lang), level),
        *personal(inputs, content=content, lang=lang, today=today, level=level + 1),
    )


# ---------------------------------------------------------------------------
# The calendar files


def window_ics(inputs: CalendarInputs, *, content: Content, lang: Lang, today: dt.date) -> bytes:
    """The window shown as an iCalendar file: the same events as the timeline, from its first day
    on (deadlines with reminders, phases as start and end markers)."""
    first, last = shown_span(inputs, today)
    events = window_events(inputs, content=content, lang=lang, today=today)
    name = content.t("calendar.window.ics.name", lang, start=formats.date(first, lang),
                     end=formats.date(last, lang))
    return cal.to_ics(events, name=name, lang=lang)


def window_file_name(inputs: CalendarInputs, today: dt.date) -> str:
    """The calendar file's name: its first day and span."""
    return f"veier-til-samarbeid-{shown_start(inputs, today).isoformat()}-{shown_months(inputs)}m.ics"


def plan_ics(inputs: CalendarInputs, *, content: Content, lang: Lang, today: dt.date) -> bytes | None:
    """The plan's steps as an iCalendar file (None while the plan has no steps)."""
    if not inputs.seeks:
        return None
    steps = state(inputs, content=content, lang=lang, today=today).steps
    if not steps:
        return None
    return cal.to_ics(steps, name=content.t("calendar.plan.ics.name", lang), lang=lang)
