"""The report: everything the user has answered and what it gives, as Markdown and as PDF.

:func:`build` turns :class:`~guide.state.Answers` into a list of plain blocks (headings,
paragraphs, lists, tables) in the chosen language: the answers of each questionnaire with the
readiness profile and action plan, the recommended first steps and cooperation forms with their
reasons and the booklet's examples, the procurement route with its thresholds and sources, the
calendar items ahead and the personal plan, and the SROI result. Charts are given as tables.
:func:`markdown` and :func:`pdf` render the same blocks; the PDF embeds DejaVu Sans
(``assets/fonts``) so that æ ø å Æ Ø Å « » – come out right.

Every text comes from ``content/`` (``content/ui/report.yaml`` and the guides' own UI strings);
text the user typed is escaped in Markdown and never read as markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from guide import calendar as cal
from guide import content as content_mod
from guide import explain, impact, procurement
from guide import questionnaires as Q
from guide.calendar_model import LAST_YEAR
from guide.content import Content
from guide.model import Case, Lang, Source
from guide.questionnaire_model import ActionStep, Questionnaire
from guide.state import Answers, CalendarInputs, ProcurementInputs, QuestionnaireAnswers, SroiInputs
from guide.text import cite, nok, source_url

FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"
FONT = "DejaVu"
#: The order of the questionnaires in the report (others follow in content order).
ORDER = ("getting_started", "readiness", "form_matcher", "impact_method")


# ---------------------------------------------------------------------------
# Blocks


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1–4


@dataclass(frozen=True)
class Para:
    text: str
    url: str | None = None  # a link shown after the text
    small: bool = False  # a note or a source
    strong: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[Para, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Para | Bullets | Table


class _Doc:
    def __init__(self, c: Content, lang: Lang, today: dt.date) -> None:
        self.c = c
        self.lang = lang
        self.today = today
        self.blocks: list[Block] = []

    def t(self, key: str, **fmt: Any) -> str:
        return self.c.t(key, self.lang, **fmt)

    def h(self, level: int, text: str) -> None:
        self.blocks.append(Heading(text, level))

    def p(self, text: str, url: str | None = None, *, small: bool = False, strong: bool = False) -> None:
        self.blocks.append(Para(text, url, small, strong))

    def ul(self, items: Iterable[str | Para], *, numbered: bool = False) -> None:
        paras = tuple(i if isinstance(i, Para) else Para(i) for i in items)
        if paras:
            self.blocks.append(Bullets(paras, numbered))

    def table(self, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
        body = tuple(tuple(r) for r in rows)
        if body:
            self.blocks.append(Table(tuple(header), body))

    def source(self, source: Source) -> None:
        self.p(self.t("cite.source", text=cite(self.c, source, self.lang)), source_url(self.c, source),
               small=True)

    def date(self, day: dt.date) -> str:
        return cal.format_date(day, self.lang, content=self.c)

    def num(self, value: float) -> str:
        return Q.fmt_number(value, self.lang)

    def nok(self, value: float) -> str:
        return nok(value, self.lang)


# ---------------------------------------------------------------------------
# The questionnaires


def _reasons(d: _Doc, qn: Questionnaire, reasons: Sequence[Q.Reason]) -> list[str]:
    return [d.t("report.reason", tag=r.tag, question=r.question, answer=r.answer, reason=r.text)
            for r in explain.reason_lines(qn, reasons, d.c, d.lang)]


def _examples(d: _Doc, cases: Sequence[Case]) -> None:
    seen: set[str] = set()
    names = []
    for case in cases:
        if case.id not in seen:
            seen.add(case.id)
            names.append(d.t("report.example", name=case.name, place=case.place(d.lang)))
    if names:
        d.p(d.t("report.examples", items="; ".join(names)))
    else:
        d.p(d.t("q.result.no_examples"))


def _labels(d: _Doc, kind: str, ids: Sequence[str]) -> str:
    return explain.titles(d.c, kind, ids, d.lang)


def _item(d: _Doc, kind: str, item: Any) -> None:
    """What a recommended item is and how to do it, and the booklet's examples of it."""
    x = explain.item_details(kind, item, d.c, d.lang)
    if x.summary is not None:
        d.p(x.summary)
    if x.effort is not None:
        d.p(f"{d.t('q.result.effort')}: {x.effort}")
    if x.how:
        d.p(f"{d.t('q.result.how')}:")
        d.ul(x.how, numbered=True)
    if x.procurement is not None:
        d.p(f"{d.t('q.result.procurement')}: {x.procurement} – {x.procurement_note}")
    if x.funding:
        d.p(f"{d.t('q.result.funding')}: {x.funding}")
    if x.next_steps:
        d.p(f"{d.t('q.result.next_steps')}:")
        d.ul(x.next_steps, numbered=True)
    if kind in explain.WITH_EXAMPLES:
        _examples(d, x.cases)


def _ranking(d: _Doc, qn: Questionnaire, result: Q.Result, all_items: dict[str, Any]) -> None:
    d.h(3, d.t("q.result.ranking"))
    top = result.top()
    if not top:
        d.p(d.t("q.result.none"))
        return
    for n, rec in enumerate(top[: qn.top], 1):
        item = all_items[rec.item_id]
        d.h(4, d.t("report.rank", n=n, title=Q.item_title(item, d.lang), score=d.num(rec.score)))
        d.p(f"{d.t('q.result.why')}:")
        d.ul(_reasons(d, qn, rec.reasons))
        _item(d, rec.kind, item)
        d.source(item.source)
    rest = top[qn.top:]
    if rest:
        d.p(d.t("report.more", items="; ".join(
            f"{n}. {Q.item_title(all_items[r.item_id], d.lang)}" for n, r in enumerate(rest, qn.top + 1))))


def _months(d: _Doc, months: Sequence[int]) -> str:
    if len(months) == 12:
        return d.t("q.plan.all_year")
    return ", ".join(d.t(f"q.month.{m}") for m in months)


def _plan(d: _Doc, qn: Questionnaire, result: Q.Result, all_items: dict[str, Any]) -> None:
    d.h(3, d.t("q.plan.title"))
    groups = Q.plan(qn.id, result, d.c)
    if not groups:
        d.p(d.t("q.plan.none"))
        return
    d.p(d.t("q.plan.lead"))
    dims = {dim.id: dim for dim in qn.dimensions}
    n = 0
    for g in groups:
        dim = dims.get(g.dimension or "")
        if dim is not None and g.score is not None:
            head = d.t("q.plan.area", label=dim.label(d.lang), score=g.score)
        else:
            head = dim.label(d.lang) if dim is not None else d.t("q.plan.other")
        d.h(4, head)
        for rec in g.steps:
            n += 1
            item: ActionStep = all_items[rec.item_id]
            d.p(d.t("report.step", title=f"{n}. {item.title(d.lang)}", when=item.when(d.lang)), strong=True)
            d.p(item.text(d.lang))
            d.ul([s(d.lang) for s in item.steps], numbered=True)
            d.p(d.t("q.plan.months", months=_months(d, item.months)))
            if item.advice:
                d.p(f"{d.t('q.plan.advice')}: {_labels(d, 'advice', item.advice)}")
            if item.planning:
                d.p(f"{d.t('q.plan.planning')}: {_labels(d, 'planning', item.planning)}")
            if item.impact_methods:
                d.p(f"{d.t('q.plan.methods')}: {_labels(d, 'impact_methods', item.impact_methods)}")
            d.p(f"{d.t('q.result.why')}:")
            d.ul(_reasons(d, qn, rec.reasons))
            cases = [d.c.cases[i] for i in item.cases if i in d.c.cases]
            for a in item.advice:
                if a in d.c.advice:
                    cases += [d.c.cases[i] for i in d.c.advice[a].cases if i in d.c.cases]
            _examples(d, cases)
            d.source(item.source)


def _thresholds(d: _Doc, r: procurement.Route) -> None:
    d.h(4, d.t("report.proc.thresholds"))
    rows = []
    for th in r.thresholds:
        name = d.t(f"proc.threshold.{th.name}")
        if th.key:
            name = f"{name} ({d.t(f'proc.eea_key.{th.key}')})"
        rows.append((name, d.nok(th.value), th.valid_from.isoformat() if th.valid_from else "–",
                     d.t(f"proc.status.{th.status}"), cite(d.c, th.source, d.lang)))
    d.table([d.t(f"proc.col.{k}") for k in ("threshold", "amount", "valid_from", "status", "source")], rows)


def _consequence(d: _Doc, qn: Questionnaire, answers: dict[str, Any]) -> None:
    """The form matcher's procurement consequence: the rules for the value given."""
    d.h(3, d.t("q.proc.title"))
    inp = Q.procurement_input(qn.id, answers, d.c)
    if inp is None:
        d.p(d.t("q.proc.no_value"))
        return
    if inp.yearly_nok == 0:
        d.p(d.t("q.proc.zero"))
        return
    d.p(d.t("q.proc.value", total=d.nok(inp.value_nok), yearly=d.nok(inp.yearly_nok),
            months=d.num(inp.months)))
    if "months" in inp.assumed:
        d.p(d.t("q.proc.assumed_months"), small=True)
    assumed = [d.t(f"q.proc.assume.{a}") for a in inp.assumed if a != "months"]
    if assumed:
        d.p(d.t("q.proc.assumed", what="; ".join(assumed)), small=True)
    try:
        route = Q.procurement_route(inp, on=max(d.today, procurement.first_date(d.c)))
    except ValueError as exc:
        d.p(d.t("report.proc.error", detail=str(exc)))
        return
    rules = d.c.procurement_rules
    title = rules[route.rules].title(d.lang) if route.rules in rules else route.rules
    d.p(d.t("report.proc.rules", title=title), strong=True)
    if f"q.proc.regime.{route.rules}" in d.c.ui:
        d.p(d.t(f"q.proc.regime.{route.rules}"))
    _thresholds(d, route)
    d.p(d.t("q.proc.disclaimer"), small=True)


def _questionnaire(d: _Doc, qid: str, qa: QuestionnaireAnswers) -> None:
    c, lg = d.c, d.lang
    qn = Q.get(qid, c)
    canon = Q.normalise_all(qn, qa.answers)
    shown = Q.visible(qn, canon)
    result = Q.evaluate(qid, canon, c)
    all_items = Q.items(qn, c)
    d.h(2, qn.title(lg))
    d.p(d.t("q.answered", n=sum(q.id in canon for q in shown), total=len(shown)))
    d.h(3, d.t("report.answers"))
    d.ul([
        d.t("report.answer", question=q.short(lg),
            answer=Q.answer_text(q, canon[q.id], c, lg) if q.id in canon else d.t("q.answer.none"))
        for q in shown
    ])
    if qn.dimensions:
        d.h(3, d.t("q.profile.title"))
        d.table(
            [d.t("report.col.area"), d.t("report.col.score")],
            [(dim.label(lg), d.t("report.score", score=result.profile[dim.id]) if dim.id in result.profile
              else d.t("q.profile.not_assessed")) for dim in qn.dimensions],
        )
    if qn.items and qn.dimensions:
        _plan(d, qn, result, all_items)
    else:
        _ranking(d, qn, result, all_items)
    if qn.procurement is not None:
        _consequence(d, qn, canon)
    if result.excluded:
        d.h(3, d.t("q.result.excluded"))
        for ex in result.excluded:
            d.p(Q.item_title(all_items[ex.item_id], lg), strong=True)
            d.ul(_reasons(d, qn, ex.reasons))
    d.source(qn.source)


# ---------------------------------------------------------------------------
# The procurement path checker


def _procurement(d: _Doc, p: ProcurementInputs) -> None:
    c = d.c
    d.h(2, d.t("report.proc.title"))
    on = p.on or d.today
    when = d.date(on) if p.on is not None else f"{d.t('report.proc.today')} ({d.date(on)})"
    d.ul([
        d.t("report.proc.value", value=p.value.strip() or "–"),
        d.t("report.proc.buyer", buyer=d.t(f"proc.buyer.{p.buyer}")),
        d.t("report.proc.category", category=d.t(f"proc.category.{p.category}")),
        d.t("report.proc.on", date=when),
    ])
    if not p.value.strip():
        d.p(d.t("proc.enter_value"))
        return
    try:
        value = procurement.parse_value(p.value)
    except ValueError:
        d.p(d.t("report.proc.bad_value", value=p.value.strip()))
        return
    try:
        r = procurement.route(value, buyer=p.buyer, category=p.category, on=on)
    except ValueError as exc:
        d.p(d.t("report.proc.error", detail=str(exc)))
        return
    info = c.procurement_rules[r.rules]
    d.h(3, d.t("report.proc.rules", title=info.title(d.lang)))
    d.p(info.summary(d.lang))
    if r.must_announce:
        where = f" {d.t('proc.result.and')} ".join(d.t(f"proc.channel.{ch}") for ch in r.announce_in)
        d.p(d.t("proc.result.announce_in", where=where), strong=True)
    else:
        d.p(d.t("proc.result.announce_none"), strong=True)
    _thresholds(d, r)
    for w in r.warnings:
        th = w.threshold
        if w.code == "eea_stale":
            d.p(d.t("report.proc.eea_stale", date=th.valid_from.isoformat() if th.valid_from else "–"),
                small=True)
        else:
            name, status = d.t(f"proc.threshold.{th.name}"), d.t(f"proc.status.{th.status}")
            if th.valid_from is None:
                d.p(d.t("report.proc.pending_undated", name=name, value=d.nok(th.value), status=status),
                    small=True)
            else:
                d.p(d.t("report.proc.pending", name=name, value=d.nok(th.value),
                        date=th.valid_from.isoformat(), status=status), small=True)
    steps = [c.procurement_steps[s] for s in r.steps]
    if steps:
        d.h(4, d.t("proc.steps.heading"))
        d.ul([f"{s.title(d.lang)}: {s.text(d.lang)}" for s in steps], numbered=True)
    d.h(4, d.t("report.proc.sources"))
    sources: list[Source] = [info.source, *(th.source for th in r.thresholds), *(s.source for s in steps)]
    seen: set[str] = set()
    items = []
    for s in sources:
        text = cite(c, s, d.lang)
        if text not in seen:
            seen.add(text)
            items.append(Para(text, source_url(c, s)))
    d.ul(items)


# ---------------------------------------------------------------------------
# The calendar


def _option(d: _Doc, question: str, option: str) -> str:
    qn = d.c.questionnaires.get("calendar_plan")
    q = qn.question(question) if qn is not None else None
    opt = q.option(option) if q is not None else None
    return opt.label(d.lang) if opt is not None and opt.label is not None else option


def _calendar(d: _Doc, ci: CalendarInputs) -> None:
    c, lg = d.c, d.lang
    start = cal.clamp(d.today)
    end = cal.add_months(start, 12) - dt.timedelta(days=1)
    d.h(2, d.t("report.cal.title"))
    d.p(d.t("report.cal.role", role=_option(d, "role", ci.role)))
    d.h(3, d.t("report.cal.ahead", start=d.date(start), end=d.date(end)))
    ahead = [
        e for year in range(start.year, min(end.year, LAST_YEAR) + 1)
        for e in cal.events(year, role=ci.role, lang=lg, content=c)
        if e.end >= start and e.start <= end
    ]
    d.table(
        [d.t("calendar.col.dates"), d.t("calendar.col.title"), d.t("calendar.col.todo")],
        [(cal.format_span(e, lg, content=c), e.title, e.todo or e.description) for e in ahead],
    )
    if not ci.seeks:
        return
    d.h(3, d.t("report.cal.plan"))
    d.p(d.t("report.cal.seeks", items=", ".join(_option(d, "seeks", s) for s in ci.seeks)))
    if ci.sector is not None and ci.sector in c.sectors:
        d.p(d.t("report.cal.sector", sector=c.sectors[ci.sector].label(lg)))
    expiry = None
    answers: dict[str, Any] = {"role": ci.role, "seeks": list(ci.seeks)}
    if "contract" in ci.seeks and ci.expiry_months is not None:
        expiry = cal.add_months(start, ci.expiry_months)
        answers["expiry_months"] = ci.expiry_months
        d.p(d.t("report.cal.expiry", n=ci.expiry_months, date=d.date(expiry)))
    try:
        qn = Q.get("calendar_plan", c)
        result = Q.evaluate(qn.id, answers, c)
        own = Q.items(qn, c)
        d.h(4, d.t("report.cal.focus"))
        d.ul([d.t("report.step", title=own[r.item_id].title(lg), when=own[r.item_id].when(lg))
              for r in result.top(qn.top)])
    except ValueError:
        pass
    wanted = [s for s in ci.seeks if s != "contract" or expiry is not None]
    try:
        steps = cal.plan(start, seeks=wanted, role=ci.role, expiry=expiry, lang=lg, content=c)
    except ValueError:
        steps = []
    d.table(
        [d.t("calendar.col.dates"), d.t("calendar.col.step"), d.t("calendar.col.todo")],
        [(d.t("calendar.plan.late") if s.late else cal.format_span(s, lg, content=c), s.title, s.description)
         for s in steps],
    )
    if "grant" in ci.seeks:
        d.h(4, d.t("report.cal.funding"))
        found = cal.funding_sources(roles=[ci.role], sectors=[ci.sector] if ci.sector else [], content=c)
        items = []
        for f in found:
            nxt = cal.upcoming(f.calendar_events, start, lang=lg, content=c)
            when = "; ".join(f"{e.title} ({cal.format_span(e, lg, content=c)})" for e in nxt)
            items.append(d.t("report.cal.funding_item", title=f.title(lg), when=when or f.when(lg)))
        d.ul(items)
        if not items:
            d.p(d.t("calendar.plan.funding.none"))


# ---------------------------------------------------------------------------
# SROI


def _pct(d: _Doc, value: float | None) -> str:
    return "–" if value is None else f"{d.num(round(value, 2))} %"


def _sroi(d: _Doc, s: SroiInputs) -> None:
    d.h(2, d.t("report.sroi.title"))
    d.h(3, d.t("report.sroi.inputs"))
    missing = d.t("report.sroi.missing")
    d.ul([
        d.t("report.sroi.investment", value=d.nok(s.investment) if s.investment is not None else missing),
        d.t("report.sroi.discount",
            value=d.num(round(s.discount_rate, 2)) if s.discount_rate is not None else missing),
    ])
    fields = ("name", "quantity", "proxy", "duration_years", *impact.RATE_FIELDS)
    rows = []
    for i, o in enumerate(s.outcomes):
        rows.append((
            o.name.strip() or d.t("sroi.unnamed", n=i + 1),
            "–" if o.quantity is None else d.num(o.quantity),
            "–" if o.proxy is None else d.nok(o.proxy),
            "–" if o.duration_years is None else str(o.duration_years),
            *(_pct(d, getattr(o, f)) for f in impact.RATE_FIELDS),
        ))
    d.table([d.t(f"sroi.field.{f}") for f in fields], rows)
    try:
        investment = impact.check("investment", s.investment)
        rate = impact.check("discount_rate", None if s.discount_rate is None else s.discount_rate / 100)
        outcomes = [
            impact.Outcome(
                quantity=o.quantity, proxy=o.proxy, duration_years=o.duration_years,  # type: ignore[arg-type]
                name=o.name.strip() or d.t("sroi.unnamed", n=i + 1),
                **{f: None if getattr(o, f) is None else getattr(o, f) / 100 for f in impact.RATE_FIELDS},
            )
            for i, o in enumerate(s.outcomes)
        ]
        res = impact.sroi(investment, outcomes, rate)
        sens = impact.sensitivity(investment, outcomes, rate)
    except (ValueError, TypeError):
        d.p(d.t("report.sroi.incomplete"))
        return
    ratio = impact.decimal(res.ratio, d.lang)
    d.h(3, d.t("report.sroi.result"))
    d.ul([
        f"{d.t('sroi.metric.present_value')}: {d.nok(res.present_value)}",
        f"{d.t('sroi.metric.net_present_value')}: {d.nok(res.net_present_value)}",
        f"{d.t('sroi.metric.ratio')}: {d.t('sroi.ratio.value', ratio=ratio)}",
    ])
    d.p(d.t("sroi.ratio.sentence", ratio=ratio, pv=d.nok(res.present_value),
            investment=d.nok(res.investment)))
    d.h(4, d.t("report.sroi.years"))
    d.table(
        [d.t("sroi.years.col.year"), d.t("sroi.years.col.value"), d.t("sroi.years.col.present_value")],
        [(str(y.year), d.nok(y.value), d.nok(y.present_value)) for y in res.by_year],
    )
    d.h(4, d.t("report.sroi.sensitivity"))

    def change(delta: float) -> str:
        if abs(delta) < 1e-12:
            return d.t("sroi.sensitivity.as_entered")
        return d.t("sroi.sensitivity.points", sign="+" if delta > 0 else "−", n=round(abs(delta) * 100))

    d.table(
        [d.t("sroi.sensitivity.col.term"), d.t("sroi.sensitivity.col.change"),
         d.t("sroi.metric.present_value"), d.t("sroi.metric.ratio")],
        [(d.t(f"sroi.term_name.{r.field}"), change(r.delta), d.nok(r.present_value),
          d.t("sroi.ratio.value", ratio=impact.decimal(r.ratio, d.lang))) for r in sens],
    )
    d.source(d.c.impact_methods["sroi"].source)


# ---------------------------------------------------------------------------
# The whole report


def build(answers: Answers, lang: Lang, *, today: dt.date | None = None,
          content: Content | None = None) -> list[Block]:
    """The report as blocks, in ``lang``, dated ``today`` (default: today)."""
    c = content if content is not None else content_mod.default()
    d = _Doc(c, lang, today or dt.date.today())
    d.h(1, d.t("report.title"))
    d.p(d.t("report.dated", date=d.date(d.today)))
    d.p(d.t("report.intro"))
    anything = False
    qids = [q for q in ORDER if q in answers.questionnaires]
    qids += [q for q in answers.questionnaires if q not in qids]
    for qid in qids:
        if qid in c.questionnaires:
            _questionnaire(d, qid, answers.questionnaires[qid])
            anything = True
    if answers.procurement != ProcurementInputs():
        _procurement(d, answers.procurement)
        anything = True
    if answers.calendar != CalendarInputs():
        _calendar(d, answers.calendar)
        anything = True
    if answers.sroi != SroiInputs():
        _sroi(d, answers.sroi)
        anything = True
    if not anything:
        d.p(d.t("report.empty"))
    d.p(d.t("report.disclaimer"), small=True)
    return d.blocks


# ---------------------------------------------------------------------------
# Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<|~$]|&(?=#?\w+;))")


def md_escape(text: str, *, line_start: bool = True) -> str:
    """``text`` as literal Markdown: every character Markdown (or Streamlit) could read as markup
    is escaped; with ``line_start`` (text that begins a line) it cannot start a list, a heading or a
    quote either."""
    out = _MD_SPECIAL.sub(r"\\\1", text.replace("\r", " ").replace("\n", " "))
    if not line_start:
        return out
    out = re.sub(r"^(\s*)([-+=#>])", r"\1\\\2", out)
    return re.sub(r"^(\s*)(\d+)([.)])", r"\1\2\\\3", out)


def _md_para(p: Para) -> str:
    text = md_escape(p.text, line_start=not (p.strong or p.small))
    if p.strong:
        text = f"**{text}**"
    elif p.small:
        text = f"*{text}*"
    if p.url:
        text += f" <{p.url}>"
    return text


def render_markdown(blocks: Sequence[Block], *, level: int = 1) -> str:
    """Markdown of ``blocks``; ``level`` is the level of the top heading (2 to sit under a page title)."""
    out: list[str] = []
    shift = level - 1
    for b in blocks:
        if isinstance(b, Heading):
            out.append(f"{'#' * min(6, b.level + shift)} {md_escape(b.text, line_start=False)}")
        elif isinstance(b, Para):
            out.append(_md_para(b))
        elif isinstance(b, Bullets):
            out.append("\n".join(
                f"{f'{i}.' if b.numbered else '-'} {_md_para(p)}" for i, p in enumerate(b.items, 1)))
        else:
            def row(cells: Sequence[str]) -> str:
                return "| " + " | ".join(md_escape(x, line_start=False) for x in cells) + " |"
            out.append("\n".join([row(b.header), "|" + " --- |" * len(b.header), *(row(r) for r in b.rows)]))
    return "\n\n".join(out) + "\n"


def markdown(answers: Answers, lang: Lang, *, today: dt.date | None = None, level: int = 1) -> str:
    """The report as Markdown, in ``lang``, dated ``today`` (default: today)."""
    return render_markdown(build(answers, lang, today=today), level=level)


# ---------------------------------------------------------------------------
# PDF

_SIZES = {1: 18.0, 2: 14.5, 3: 12.0, 4: 10.5}
_TEXT = 9.5
_SMALL = 8.0
_GREY = (90, 90, 90)


class _Pdf(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", _SMALL)
        self.set_text_color(*_GREY)
        self.cell(0, 5, self.footer_text.replace("{n}", str(self.page_no())), align="C")
        self.set_text_color(0, 0, 0)


def _col_widths(t: Table) -> tuple[float, ...]:
    lengths = []
    for i in range(len(t.header)):
        cells = [t.header[i], *(r[i] for r in t.rows if i < len(r))]
        longest_word = max((len(w) for cell in cells for w in cell.split()), default=1)
        average = sum(len(c) for c in cells) / len(cells)
        lengths.append(max(longest_word * 0.9, min(average, 60), 4))
    return tuple(lengths)


def render_pdf(blocks: Sequence[Block], *, title: str, lang: Lang, footer: str) -> bytes:
    """A PDF of ``blocks`` (A4, DejaVu Sans); ``footer`` has ``{n}`` for the page number and
    ``{nb}`` for the number of pages."""
    pdf = _Pdf(format="A4")
    pdf.footer_text = footer
    pdf.set_title(title)
    pdf.set_lang("nb-NO" if lang == "nb" else "en-GB")
    pdf.set_creator("Veier til samarbeid")
    pdf.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(18, 16, 18)
    pdf.add_page()
    width = pdf.epw

    def text(s: str, size: float, *, bold: bool = False, grey: bool = False, indent: float = 0,
             link: str | None = None, h: float | None = None) -> None:
        pdf.set_font(FONT, "B" if bold else "", size)
        pdf.set_text_color(*(_GREY if grey else (0, 0, 0)))
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(width - indent, h or size * 0.5, s, align="L", new_x="LMARGIN", new_y="NEXT",
                       link=link or None)
        pdf.set_text_color(0, 0, 0)

    for b in blocks:
        if isinstance(b, Heading):
            pdf.ln(3 if b.level > 2 else 5)
            text(b.text, _SIZES.get(b.level, _TEXT), bold=True)
            pdf.ln(1)
        elif isinstance(b, Para):
            size = _SMALL if b.small else _TEXT
            text(b.text, size, bold=b.strong, grey=b.small)
            if b.url:
                text(b.url, _SMALL, grey=True, link=b.url)
            pdf.ln(1.5)
        elif isinstance(b, Bullets):
            for i, p in enumerate(b.items, 1):
                mark = f"{i}." if b.numbered else "•"
                y = pdf.get_y()
                pdf.set_font(FONT, "", _TEXT)
                pdf.set_xy(pdf.l_margin + 2, y)
                pdf.cell(6, _TEXT * 0.5, mark)
                pdf.set_y(y)
                text(p.text, _SMALL if p.small else _TEXT, bold=p.strong, indent=8)
                if p.url:
                    text(p.url, _SMALL, grey=True, indent=8, link=p.url)
                pdf.ln(0.5)
            pdf.ln(1.5)
        else:
            pdf.set_font(FONT, "", _SMALL)
            with pdf.table(
                col_widths=_col_widths(b), text_align="LEFT", line_height=_SMALL * 0.55,
                headings_style=FontFace(emphasis="BOLD", fill_color=(230, 236, 242)),
                padding=1, width=width,
            ) as table:
                for cells in (b.header, *b.rows):
                    row = table.row()
                    for cell in cells:
                        row.cell(cell)
            pdf.ln(3)
    return bytes(pdf.output())


def pdf(answers: Answers, lang: Lang, *, today: dt.date | None = None) -> bytes:
    """The report as a PDF, in ``lang``, dated ``today`` (default: today)."""
    c = content_mod.default()
    blocks = build(answers, lang, today=today, content=c)
    footer = c.t("report.page", lang, n="{n}", total="{nb}")
    return render_pdf(blocks, title=c.t("report.title", lang), lang=lang, footer=footer)
