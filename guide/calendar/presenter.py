"""The planning calendar as blocks: the one source of the calendar's result on screen and paper.

:func:`plan` gives the whole result for the calendar's inputs (what a document shows): the
inputs in brief, what to do now (:func:`now`), the year's timeline with its events and sources
(:func:`year`), and the personal twelve-month plan (:func:`personal`): what to focus on and why
(the ``calendar_plan`` questionnaire), the dated steps, and the funding that fits when a grant is
sought. The page draws the same sections between its inputs. The calendar files come from here
too (:func:`year_ics`, :func:`plan_ics`), so a file holds exactly the events the page shows.

One rule lives here and nowhere else: the contract steps count back from the date the buyer's
current agreement expires, so while that date is missing (or the months given cannot be used)
the contract steps wait and the rest of the plan is shown, with a message that says why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from guide import calendar as cal
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


def shown_year(inputs: CalendarInputs, today: dt.date) -> int:
    """The year the timeline shows: the one chosen, else this year."""
    return inputs.year if inputs.year is not None else start(today).year


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
    items = [x.t("calendar.summary.role", role=x.option("role", inputs.role)),
             x.t("calendar.summary.year", year=shown_year(inputs, today))]
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


def year_events(inputs: CalendarInputs, *, content: Content, lang: Lang, today: dt.date) -> list[cal.Event]:
    """The events of the year shown, for the role."""
    return cal.events(shown_year(inputs, today), role=inputs.role, lang=lang, content=content)


def timeline(events: list[cal.Event], year: int, *, content: Content, lang: Lang,
             today: dt.date) -> Figure:
    """The year's events as a timeline chart (``calendar_timeline``) with its text alternative."""
    x = _P(content, lang)
    day = start(today)
    alt = x.t("calendar.timeline.alt", items="; ".join(
        x.t("calendar.timeline.alt_item", title=e.title, dates=x.span(e)) for e in events))
    marks_today = day.year == year
    if marks_today:
        alt += " " + x.t("calendar.timeline.alt_today", date=x.date(day))
    data = {
        "year": year,
        "events": [{"title": e.title, "start": e.start.isoformat(), "end": e.end.isoformat(), "kind": e.kind,
                    "dates": x.span(e)} for e in events],
        "kinds": [[k, x.t(f"calendar.kind.{k}")] for k in KINDS],
        "months": [x.t(f"calendar.month.{m}")[:3] for m in range(1, 13)],
        "today": day.isoformat() if marks_today else None,
        "today_label": x.t("calendar.timeline.today"),
    }
    return Figure("calendar_timeline", alt, data)


def year(inputs: CalendarInputs, *, content: Content, lang: Lang, today: dt.date,
         level: int = 2) -> tuple[Block, ...]:
    """The year shown: its timeline, and the same events as a table with what to do and sources."""
    x = _P(content, lang)
    shown = shown_year(inputs, today)
    events = year_events(inputs, content=content, lang=lang, today=today)
    rows = tuple(
        (x.span(e), e.title, x.t(f"calendar.kind.{e.kind}"), e.todo or e.description,
         x.cite(e.source) if e.source is not None else "")
        for e in events
    )
    head = tuple(x.t(f"calendar.col.{k}") for k in ("dates", "title", "kind", "todo", "source"))
    return (
        Heading(x.t("calendar.timeline.title", year=shown), level),
        timeline(events, shown, content=content, lang=lang, today=today),
        Details(x.t("calendar.details"), (Table(head, rows),)),
    )


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
        nxt = cal.upcoming(f.calendar_events, st.start, lang=x.lang, content=x.c)
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
        *year(inputs, content=content, lang=lang, today=today, level=level),
        Heading(qn.title(lang), level),
        *personal(inputs, content=content, lang=lang, today=today, level=level + 1),
    )


# ---------------------------------------------------------------------------
# The calendar files


def year_ics(inputs: CalendarInputs, *, content: Content, lang: Lang, today: dt.date) -> bytes:
    """The year shown as an iCalendar file: the same events as the timeline."""
    events = year_events(inputs, content=content, lang=lang, today=today)
    return cal.to_ics(events, name=content.t("calendar.ics.name", lang, year=shown_year(inputs, today)))


def plan_ics(inputs: CalendarInputs, *, content: Content, lang: Lang, today: dt.date) -> bytes | None:
    """The plan's steps as an iCalendar file (None while the plan has no steps)."""
    if not inputs.seeks:
        return None
    steps = state(inputs, content=content, lang=lang, today=today).steps
    if not steps:
        return None
    return cal.to_ics(steps, name=content.t("calendar.plan.ics.name", lang))
