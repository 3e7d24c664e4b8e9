"""The procurement route as blocks: the one source of the checker's result on every screen and paper.

:func:`route` gives the result for the checker's inputs: first one box with the answer (the
rules that apply on that date, whether and where to announce), then only the changes that would
change *this* result, then the chart, the thresholds used, what it means in practice, and the
rest of what may change in one collapsed section. :func:`history` gives the table of every
threshold since 2017; :func:`allowed` what the rules allow that many think they do not.
Every figure and rule carries its source and date.
"""

from __future__ import annotations

import datetime as dt
import re

from guide import content as content_mod
from guide import formats
from guide import procurement as proc
from guide.answers.model import ProcurementInputs
from guide.content import Content
from guide.documents.blocks import (
    Block,
    Bullets,
    Callout,
    Card,
    Details,
    Figure,
    Heading,
    Link,
    Paragraph,
    Table,
)
from guide.model import CooperationForm, Lang, Source, Text
from guide.procurement import model as pm
from guide.text import cite
from guide.wording import Wording

ANSKAFFELSER_URL = "https://anskaffelser.no/"
LOVDATA_ACT_URL = "https://lovdata.no/dokument/NL/lov/2016-06-17-73"


class _P(Wording):
    def threshold_name(self, th: proc.Threshold) -> str:
        name = self.t(f"proc.threshold.{th.name}")
        return f"{name} ({self.t(f'proc.eea_key.{th.key}')})" if th.key else name

    def rules(self, rules: str) -> str:
        return self.t(f"proc.rules_short.{rules}")

    def publishers(self, sources: tuple[Source, ...]) -> str:
        """Who reports a figure: the publishers of its sources, each once, in order."""
        names = dict.fromkeys(self.c.sources[s.ref].publisher for s in sources)
        return ", ".join(names)


def _worded(value: object, lang: Lang) -> object:
    """A parameter of an input error as the user reads it: an ISO date written out by Babel."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return formats.date(dt.date.fromisoformat(value), lang)
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def error(exc: proc.InputError, c: Content, lang: Lang) -> Callout:
    """An input the checker refused, worded in the page's language (dates written out, the range as
    amounts)."""
    params = {k: _worded(v, lang) for k, v in exc.params.items()}
    if exc.code == "out_of_range":
        params = {"min": formats.nok(exc.params["min"], lang), "max": formats.nok(exc.params["max"], lang)}
    return Callout("error", (Paragraph(c.t(f"proc.error.{exc.field}.{exc.code}", lang, **params)),))


def compute(
    p: ProcurementInputs, today: dt.date, content: Content | None = None,
) -> proc.Route | proc.InputError | None:
    """The route of the inputs (None while no value is given), or the input error (a value
    outside the plausible range of ``content/inputs.yaml`` too)."""
    if not p.value.strip():
        return None
    c = content if content is not None else content_mod.default()
    try:
        return proc.route_in(c, p.value, buyer=p.buyer, category=p.category, on=p.on or today)
    except proc.InputError as exc:
        return exc


def route(
    p: ProcurementInputs,
    *,
    content: Content,
    lang: Lang,
    today: dt.date,
    level: int = 2,
    computed: proc.Route | proc.InputError | None = None,
    paper: bool = False,
) -> tuple[Block, ...]:
    """The checker's result for ``p`` on ``p.on`` (None: ``today``); ``computed`` is
    :func:`compute`'s answer if the caller has it already; ``paper``: for a document, without the
    screen's instructions."""
    x = _P(content, lang)
    r = computed if computed is not None else compute(p, today)
    if r is None:
        return (Callout("info", (Paragraph(x.t("proc.enter_value")),)),)
    if isinstance(r, proc.InputError):
        return (error(r, content, lang),)
    return (
        *head(r, content=content, lang=lang, level=level, reference=reference_date(p, today)),
        *choose_head(r, content=content, lang=lang, level=level + 1, paper=paper),
        *procedures(r, dict(p.needs), content=content, lang=lang, level=level + 1),
        *tail(r, content=content, lang=lang, level=level),
    )


def head(
    r: proc.Route, *, content: Content, lang: Lang, level: int = 2, reference: dt.date | None = None,
) -> tuple[Block, ...]:
    """The answer first (with how sure its figures are), what is not confirmed about them, then
    only the changes that would change this result, and what changed since ``reference`` (the
    date of a saved result, or today when another date is chosen)."""
    x = _P(content, lang)
    return (*answer(r, x, level), *open_questions(r, x), *changes(r, x), *since(r, reference, x))


def reference_date(p: ProcurementInputs, today: dt.date) -> dt.date | None:
    """The date a result is compared with: the date it was saved (from a link or a file), else
    today when the user chose another date; None when there is nothing to compare."""
    if p.as_of is not None:
        return p.as_of
    return today if p.on is not None and p.on != today else None


def tail(r: proc.Route, *, content: Content, lang: Lang, level: int = 2) -> tuple[Block, ...]:
    """The figures behind the answer: the chart, the thresholds used, what it means in practice,
    and, collapsed, the rest of what may change."""
    x = _P(content, lang)
    return (*_chart(r, x, level), *used(r, x, level), *practice(r, x, level), *may_change(r, x))


def choose_head(r: proc.Route, *, content: Content, lang: Lang, level: int = 3,
                paper: bool = False) -> tuple[Block, ...]:
    """The heading of the procedure chooser and what it does (its questions follow on screen;
    below the act's lower limit there are none to answer); ``paper``: what a document says
    instead of asking for answers."""
    heading = Heading(content.t("proc.choose.heading", lang), level)
    if r.rules == "outside_act":
        return (heading,)
    return (heading, Paragraph(content.t("proc.choose.lead_paper" if paper else "proc.choose.lead", lang)))


def answer(r: proc.Route, x: _P, level: int) -> list[Block]:
    info = x.c.procurement_rules[r.rules]
    if r.must_announce:
        where = f" {x.t('proc.result.and')} ".join(x.t(f"proc.channel.{ch}") for ch in r.announce_in)
        announce = x.t("proc.result.announce_in", where=where)
    else:
        announce = x.t("proc.result.announce_none")
    body: tuple[Block, ...] = (
        Paragraph(info.title(x.lang), "strong"),
        Paragraph(info.summary(x.lang)),
        Paragraph(announce, "strong"),
        *basis(r, x),
        Paragraph(x.t("proc.result.on", date=x.date(r.on)) + " · " + x.t("proc.result.rules_note"), "small"),
        x.source(info.source),
    )
    return [Heading(x.t("proc.result.heading", value=x.nok(r.value_nok)), level), Callout("answer", body)]


def basis(r: proc.Route, x: _P) -> list[Block]:
    """How sure the figures are that decide this answer (the one at or below the value and the
    next above it): each with its date, its status and who reports it."""
    out: list[Block] = []
    for th in (t for t in r.band() if t is not None):
        out.append(Paragraph(
            x.t("proc.basis.line", name=x.threshold_name(th), value=x.nok(th.value),
                date=x.date(th.valid_from), status=x.t(f"proc.status.{th.status}"),
                publishers=x.publishers(th.all_sources())),
            "small",
        ))
    return out


def open_questions(r: proc.Route, x: _P) -> list[Block]:
    """What the sources leave unconfirmed about the figures of this answer, said once, with the
    places to check; nothing for a purchase it cannot concern."""
    out: list[Block] = []
    for pid in r.open_questions:
        period = x.c.procurement_thresholds[pid]
        assert period.open_questions is not None
        body: list[Block] = [Paragraph(period.open_questions(x.lang))]
        body += [Link(x.t("proc.link.lovdata"), LOVDATA_ACT_URL),
                 Link(x.t("proc.more.link"), ANSKAFFELSER_URL)]
        body += [x.source(s) for s in period.all_sources()]
        out.append(Callout("pending_change", tuple(body), title=x.t("proc.open.title")))
    return out


def _warning_text(w: proc.RouteWarning, r: proc.Route, x: _P) -> list[Block]:
    th = w.threshold
    if w.code == "eea_stale":
        return [
            Paragraph.of(x.t("proc.warning.eea_stale", valid_from=x.date(th.valid_from), on=x.date(r.on))),
            x.source(th.source),
        ]
    if w.code == "pending_change":
        body = x.t(
            f"proc.warning.pending.{th.status}",
            name=x.threshold_name(th),
            value=x.nok(th.value),
            date=x.date(th.valid_from or r.on),
        )
    elif w.code == "scheduled_change":
        body = x.t(
            "proc.warning.scheduled",
            name=x.threshold_name(th),
            value=x.nok(th.value),
            date=x.date(th.valid_from),
            adopted=x.date(th.announced),
        )
    else:
        body = x.t(
            "proc.warning.approximate",
            name=x.threshold_name(th),
            value=x.nok(th.value),
            date=x.date(th.valid_from),
        )
    out: list[Block] = [Paragraph.of(body)]
    if th.note is not None:
        out.append(Paragraph(th.note(x.lang)))
    out.append(
        Paragraph(
            x.t("proc.warning.regime_from" if w.code == "scheduled_change" else "proc.warning.regime_if",
                rules=x.rules(w.rules_if or w.regime_if))
            if w.regime_if
            else x.t("proc.warning.regime_same")
        )
    )
    out += [x.source(s) for s in th.all_sources()]
    return out


def changes(r: proc.Route, x: _P) -> list[Block]:
    """The changes that would change this result, each computed for this purchase: an adopted
    change from a later date, and a proposed or reported figure never used as law."""
    return [
        Callout("law_changed" if w.code == "scheduled_change" else "pending_change",
                tuple(_warning_text(w, r, x)))
        for w in r.warnings if w.regime_if
    ]


def since(r: proc.Route, reference: dt.date | None, x: _P) -> list[Block]:
    """What changed in the law between ``reference`` and the route's date, and what each change
    does to this purchase ("saved 1 March 2026: then Part I; since 1 July 2026 outside the act")."""
    if reference is None or reference == r.on:
        return []
    try:
        then = proc.route(r.value_nok, buyer=r.buyer, category=r.category, on=reference)
    except proc.InputError:
        return []  # the reference is before the table: there is nothing to compare
    found = proc.changes_between(r.value_nok, buyer=r.buyer, category=r.category, since=reference, until=r.on,
                                 content=x.c)
    lead = x.t("proc.since.then", date=x.date(reference), rules=x.rules(then.rules))
    body: list[Block] = [Paragraph(lead, "strong")]
    if not found:
        a, b = sorted((reference, r.on))
        body.append(Paragraph(x.t("proc.since.none", a=x.date(a), b=x.date(b))))
    items: list[Paragraph] = []
    for ch in found:
        effect = (
            x.t("proc.since.effect", before=x.rules(ch.rules_before), after=x.rules(ch.rules_after))
            if ch.changes_rules else x.t("proc.since.no_effect")
        )
        if ch.kind == "event":
            event = x.c.procurement_law_events[ch.item_id]
            items.append(Paragraph(f"{event.title(x.lang)}. {effect}", lead=x.date(ch.date) + ":"))
        else:
            th = ch.threshold
            assert th is not None
            fmt = {"name": x.threshold_name(th), "value": x.nok(th.value),
                   "status": x.t(f"proc.status.{th.status}"), "effect": effect}
            said = (x.t("proc.since.reported", **fmt) if ch.kind == "reported"
                    else x.t("proc.since.threshold", **fmt))
            items.append(Paragraph(said, lead=x.date(ch.date) + ":"))
    if items:
        body.append(Bullets(tuple(items)))
    body.append(Paragraph(x.t("proc.since.now", date=x.date(r.on), rules=x.rules(r.rules)), "strong"))
    title = x.t("proc.since.title", date=x.date(reference))
    return [Callout("law_changed", tuple(body), title=title)]


def may_change(r: proc.Route, x: _P) -> list[Block]:
    """Everything else that may change, in one collapsed section."""
    rest = [w for w in r.warnings if not w.regime_if]
    if not rest:
        return []
    body: list[Block] = []
    for w in rest:
        body.extend(_warning_text(w, r, x))
    return [Details(x.t("proc.may_change.heading"), tuple(body))]


def _chart(r: proc.Route, x: _P, level: int) -> list[Block]:
    bands = proc.bands(r)
    parts = []
    for lo, hi, rule in bands:
        short = x.t(f"proc.rules_short.{rule}")
        parts.append(
            x.t("proc.chart.band_below", rules=short, hi=x.nok(hi))
            if lo == 0 and hi is not None
            else x.t("proc.chart.band_from", rules=short, lo=x.nok(lo))
        )
    alt = x.t(
        "proc.chart.alt",
        value=x.nok(r.value_nok),
        bands="; ".join(parts),
        rules=x.t(f"proc.rules_short.{r.rules}"),
    )
    data = {
        "value": r.value_nok,
        "value_label": f"{x.t('proc.chart.value')}: {x.nok(r.value_nok)}",
        "bands": [[lo, hi, rule, x.t(f"proc.rules_short.{rule}")] for lo, hi, rule in bands],
        "ticks": [[v, x.nok(v)] for v in sorted({th.value for th in r.thresholds})],
        "axis": x.t("proc.chart.axis"),
    }
    return [Heading(x.t("proc.chart.heading"), level + 1), Figure("procurement_bands", alt, data)]


def used(r: proc.Route, x: _P, level: int) -> list[Block]:
    rows = tuple(
        (
            x.threshold_name(th),
            x.nok(th.value),
            x.date(th.valid_from),
            x.t(f"proc.status.{th.status}"),
            cite(x.c, th.source, x.lang),
        )
        for th in r.thresholds
    )
    out: list[Block] = [
        Heading(x.t("proc.used.heading"), level + 1),
        Table(
            tuple(x.t(f"proc.col.{k}") for k in ("threshold", "amount", "valid_from", "status", "source")),
            rows,
            numeric=(1,),
        ),
    ]
    out += [
        Paragraph(f"{x.threshold_name(th)}: {th.note(x.lang)}", "small")
        for th in r.thresholds
        if th.note is not None
    ]
    seen: set[str] = set()
    for th in r.thresholds:  # each source once, with its link
        line = x.source(th.source)
        if line.text not in seen:
            seen.add(line.text)
            out.append(line)
    return out


def practice(r: proc.Route, x: _P, level: int) -> list[Block]:
    out: list[Block] = []
    if r.steps:
        out.append(Heading(x.t("proc.steps.heading"), level + 1))
        for i, sid in enumerate(r.steps, 1):
            step = x.c.procurement_steps[sid]
            out += [Paragraph(f"{i}. {step.title(x.lang)} – {step.text(x.lang)}"), x.source(step.source)]
    return out


def _procedure(
    a: proc.Advice, x: _P, content: Content, lang: Lang, level: int | None, standing: str
) -> tuple[Block, ...]:
    """One procedure that fits: its title (when ``level`` is given), where it stands
    (``standing``: recommended, or why it ranks lower), what it is, why, what speaks against it,
    its conditions, its legal basis and its source."""
    p = content.procedure_choices[a.id]
    body: list[Block] = [Heading(p.title(lang), level)] if level is not None else []
    body += [
        Paragraph(standing, "small" if level is not None else "strong"),
        Paragraph(p.summary(lang)),
        Paragraph(x.t("proc.choose.why"), "strong"),
        Bullets.of(p.reasons[k](lang) for k in a.reasons),
    ]
    if a.against:
        body.append(Paragraph(x.t("proc.choose.against"), "strong"))
        body.append(Bullets.of(p.reasons[k](lang) for k in a.against))
    body += [
        Paragraph(p.conditions(lang), lead=x.t("proc.choose.conditions")),
        Paragraph(p.law, "small", lead=x.t("proc.choose.law")),
        x.source(p.source),
    ]
    return tuple(body)


def procedures(
    r: proc.Route, needs: dict[pm.NeedKey, bool], *, content: Content, lang: Lang, level: int = 3
) -> tuple[Block, ...]:
    """The procedures open on route ``r``, ranked by the answers ``needs``: one recommended
    procedure, with why, its conditions, its legal basis and its source; the others that fit as
    ranked alternatives, each saying why it stands below the first; then what else is open, and
    what is not, with the reason. ``level`` is the level of the chooser's heading."""
    x = _P(content, lang)
    out: list[Block] = []
    if r.rules == "outside_act":
        return (*out, Callout("info", (Paragraph(x.t("proc.choose.outside_act")),)))
    advice = proc.procedures(r, needs, content=content)
    choices = content.procedure_choices
    fits = [a for a in advice if a.recommended]  # ranked best first
    if not fits:
        out.append(Callout("info", (Paragraph(x.t("proc.choose.none")),)))
    else:  # one recommendation; the others that fit are alternatives, each with why it ranks lower
        best, best_title = fits[0], choices[fits[0].id].title(lang)
        out.append(Card(_procedure(best, x, content, lang, level + 1, x.t("proc.choose.recommended"))))
        if len(fits) > 1:
            out.append(Heading(x.t("proc.choose.alternatives"), level + 1))
            for rank, a in enumerate(fits[1:], 2):
                p = choices[a.id]
                lower = x.t("proc.choose.rank.tie" if a.score >= best.score else "proc.choose.rank.lower",
                            best=best_title)
                out.append(Details(
                    x.t("proc.choose.alternative", n=rank, title=p.title(lang)),
                    _procedure(a, x, content, lang, None, lower),
                ))
    also = [a for a in advice if a.allowed and not a.recommended]
    if also:
        body: list[Block] = []
        for a in also:
            p = choices[a.id]
            body += [
                Paragraph(p.summary(lang), lead=p.title(lang) + ":"),
                Paragraph(p.conditions(lang), "small", lead=x.t("proc.choose.conditions")),
                x.source(p.source),
            ]
        out.append(Details(x.t("proc.choose.also"), tuple(body)))
    closed = [a for a in advice if not a.allowed]
    if closed:
        out.append(
            Details(
                x.t("proc.choose.not_here"),
                tuple(
                    Paragraph(
                        (choices[a.id].why_not_here(r.rules) if a.why_not == "route"
                         else choices[a.id].ruled_out)(lang),
                        lead=choices[a.id].title(lang) + ":",
                    )
                    for a in closed
                ),
            )
        )
    out.append(Paragraph(x.t("proc.choose.estimate"), "small"))
    return tuple(out)


def allowed(
    category: pm.Category | None, *, content: Content, lang: Lang, level: int = 2
) -> tuple[Block, ...]:
    """What the rules allow for purchases of ``category`` (every item without one)."""
    x = _P(content, lang)
    ids = proc.allowed_for(category, content) if category is not None else tuple(content.procurement_allowed)
    out: list[Block] = [Heading(x.t("proc.allowed.heading"), level), Paragraph(x.t("proc.allowed.lead"))]
    for aid in ids:
        a = content.procurement_allowed[aid]
        body: list[Block] = [Paragraph(a.text(lang))]
        if a.law:
            body.append(Paragraph(x.t("proc.allowed.law", law=a.law)))
        if a.myth and a.myth in content.myths:
            body.append(Paragraph(x.t("proc.allowed.myth", n=content.myths[a.myth].number)))
        body.append(x.source(a.source))
        out.append(Details(a.title(lang), tuple(body)))
    return tuple(out)


def history(*, content: Content, lang: Lang) -> tuple[Block, ...]:
    """Every threshold since 2017, with its status, date and source (one collapsed section)."""
    x = _P(content, lang)
    rows = []
    notes: list[Block] = []
    for p in proc.history(content):
        if p.series == "eea":
            assert p.eea is not None
            amount = "; ".join(f"{x.t(f'proc.eea_key.{k}')}: {x.nok(p.eea.get(k))}" for k in pm.EEA_KEYS)
        else:
            amount = x.nok(p.figure())
        valid = (
            x.date(p.valid_from) if p.valid_from else x.t("proc.valid_from.none", date=x.date(p.announced))
        )
        status = x.t(f"proc.status.{p.status}")
        rows.append((x.t(f"proc.threshold.{p.series}"), amount, valid, status, cite(content, p.source, lang)))
        if p.note is not None:
            when = f" · {x.date(p.valid_from)}" if p.valid_from else ""
            notes.append(
                Paragraph(f"{x.t(f'proc.threshold.{p.series}')} · {status}{when}: {p.note(lang)}", "small")
            )
    head = tuple(x.t(f"proc.col.{k}") for k in ("series", "amount", "valid_from", "status", "source"))
    return (
        Details(
            x.t("proc.history.heading"),
            (Paragraph(x.t("proc.history.lead")), Table(head, tuple(rows), numeric=(1,)), *notes),
        ),
    )


def _amounts(p: pm.ThresholdPeriod, x: _P) -> str:
    if p.series == "eea":
        assert p.eea is not None
        return "; ".join(f"{x.t(f'proc.eea_key.{k}')}: {x.nok(p.eea.get(k))}" for k in pm.EEA_KEYS)
    return x.nok(p.figure())


def law_changes(*, content: Content, lang: Lang, today: dt.date, level: int = 2) -> tuple[Block, ...]:
    """Every change of the procurement rules from 2017 to today (and those adopted for later), in
    date order: the figures of the dated table and the dated events, each with its status and
    sources, and what each says."""
    x = _P(content, lang)
    first = proc.first_date(content)
    rows: list[tuple[dt.date, tuple[str, ...], tuple[Text, ...]]] = []
    for p in proc.history(content):
        if p.valid_from == first:
            continue  # where the table starts: not a change
        day = p.valid_from or p.known_from
        if p.status == "adopted" and p.announced is not None:
            when = x.t("law.when.adopted", date=x.date(day), adopted=x.date(p.announced))
        elif p.valid_from is None:
            when = x.t("proc.valid_from.none", date=x.date(p.known_from))
        else:
            when = x.date(day)
        if p.valid_from is not None and p.valid_from > today and p.in_force:
            when = f"{when} ({x.t('law.ahead')})"
        what = f"{x.t(f'proc.threshold.{p.series}')}: {_amounts(p, x)}"
        cites = "; ".join(cite(content, s, lang) for s in p.all_sources())
        notes: tuple[Text, ...] = (p.note,) if p.note is not None else ()
        rows.append((day, (when, what, x.t(f"proc.status.{p.status}"), cites), notes))
    for e in content.procurement_law_events.values():
        cites = "; ".join(cite(content, s, lang) for s in e.all_sources())
        cells: tuple[str, ...] = (x.date(e.date), e.title(lang), x.t(f"law.status.{e.status}"), cites)
        rows.append((e.date, cells, (e.text,)))
    rows.sort(key=lambda r: r[0])
    head = tuple(x.t(f"law.col.{k}") for k in ("date", "change", "status", "sources"))
    details: list[Block] = []
    for _, cells, notes in rows:
        for note in notes:
            details.append(Paragraph(note(lang), lead=f"{cells[0]} – {cells[1]}:"))
    return (
        Paragraph(x.t("law.lead", first=x.date(first), today=x.date(today))),
        Table(head, tuple(cells for _, cells, _ in rows), caption=x.t("law.caption", today=x.date(today))),
        Heading(x.t("law.details.heading"), level),
        *details,
        Paragraph(x.t("proc.disclaimer"), "small"),
    )


def inputs(p: ProcurementInputs, *, content: Content, lang: Lang, today: dt.date) -> tuple[Block, ...]:
    """The checker's inputs as a list, for a document (the screen shows them as its widgets)."""
    x = _P(content, lang)
    when = x.date(p.on) if p.on is not None else f"{x.t('report.proc.today')} ({x.date(today)})"
    return (
        Bullets.of(
            [
                x.t("report.proc.value", value=value_text(p.value, lang)),
                x.t("report.proc.buyer", buyer=x.t(f"proc.buyer.{p.buyer}")),
                x.t("report.proc.category", category=x.t(f"proc.category.{p.category}")),
                x.t("report.proc.on", date=when),
                *(
                    f"{content.procedure_questions[k].text(lang)} "
                    f"{x.t('proc.choose.answer.' + ('yes' if v else 'no'))}"
                    for k, v in p.needs.items()
                ),
            ]
        ),
    )


def value_text(typed: str, lang: Lang) -> str:
    """The value as typed, written as the language writes amounts (``8 000 000 kr`` /
    ``NOK 8,000,000``); a text that is not an amount stays as typed, in quotes."""
    if not typed.strip():
        return "–"
    try:
        return formats.nok(proc.parse_value(typed), lang)
    except proc.InputError:
        return f"«{typed.strip()}»" if lang != "en" else f"“{typed.strip()}”"


def by_value(buyer: pm.Buyer, category: pm.Category, *, content: Content, lang: Lang, on: dt.date) -> str:
    """The rules by value on ``on`` for a purchase by ``buyer`` of ``category``, in one sentence
    computed from the dated table ("… outside the act below 500 000 kr; the act and Part I from
    500 000 kr; …"), so no hand-written text has to repeat a figure."""
    x = _P(content, lang)
    r = proc.route(0, buyer=buyer, category=category, on=on)
    parts = [
        x.t("proc.chart.band_below", rules=x.rules(rule), hi=x.nok(hi))
        if lo == 0 and hi is not None else x.t("proc.chart.band_from", rules=x.rules(rule), lo=x.nok(lo))
        for lo, hi, rule in proc.bands(r)
    ]
    return x.t("forms.rules.by_value", date=x.date(on), buyer=x.t(f"proc.buyer.{buyer}"),
               category=x.t(f"proc.category.{category}"), bands="; ".join(parts))


def form_by_value(form: CooperationForm, *, content: Content, lang: Lang, on: dt.date) -> tuple[str, ...]:
    """The rules by value that a form's procurement note points to: for the buyer and category of
    its typical purchase (a municipality buying goods or services where it has none), and for
    health and social services, whose rules differ."""
    case = form.procurement_case
    buyer: pm.Buyer = case.buyer if case is not None else "municipal"  # type: ignore[assignment]  # checked by RouteInput
    category: pm.Category = case.category if case is not None else "goods_services"  # type: ignore[assignment]  # checked by RouteInput
    out = [by_value(buyer, category, content=content, lang=lang, on=on)]
    if category != "health_social":
        out.append(by_value(buyer, "health_social", content=content, lang=lang, on=on))
    return tuple(out)


def forms_at_a_glance(*, content: Content, lang: Lang, today: dt.date, level: int = 2) -> tuple[Block, ...]:
    """Every form of cooperation in one table: its procurement consequence, computed by the route
    for the form's typical case on ``today`` (the content's label where it has no case), its
    typical value and duration (the app's own estimates) and how many of the booklet's examples
    it has."""
    from guide import library

    x = _P(content, lang)
    rows = []
    for form in content.forms.values():
        case = form.procurement_case
        if case is None:
            consequence = x.t(f"procurement.{form.procurement}")
        else:
            r = proc.route(case.value_nok, buyer=case.buyer, category=case.category, on=today)
            announce = x.t("forms.glance.announce" if r.must_announce else "forms.glance.no_announce")
            consequence = x.t(
                "forms.glance.case",
                rules=x.t(f"proc.rules_short.{r.rules}"),
                announce=announce,
                value=x.nok(case.value_nok),
                category=x.t(f"proc.category.{case.category}"),
            )
        v, d = form.typical_value, form.typical_duration
        value = (
            x.t("form.value_range", lo=x.nok(v.min_nok), hi=x.nok(v.max_nok))
            if v.max_nok is not None
            else x.t("form.value_from", lo=x.nok(v.min_nok))
        )
        duration = (
            x.t("form.duration_range", lo=d.min_months, hi=d.max_months)
            if d.max_months is not None
            else x.t("form.duration_from", lo=d.min_months)
        )
        examples = library.cases_for(content, "forms", form.id)
        names = ", ".join(c.title(lang) for c in examples) or "–"
        rows.append((form.title(lang), consequence, value, duration, names))
    head = tuple(
        x.t(f"forms.glance.col.{k}") for k in ("form", "procurement", "value", "duration", "examples")
    )
    return (
        Heading(x.t("forms.glance.heading"), level),
        Table(head, tuple(rows), caption=x.t("forms.glance.caption", date=x.date(today))),
        Callout("our_estimate", (Paragraph(x.t("forms.glance.estimate")),), title=x.t("estimate.title")),
    )
