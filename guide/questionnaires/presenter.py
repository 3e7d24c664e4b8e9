"""A questionnaire's result as blocks: the one source of every guide's result, on screen and paper.

:func:`result` gives the result of any questionnaire for its answers: the profile (a figure with
its text alternative and a table) where the questionnaire has dimensions, the action plan
(weakest area first) or the ranked recommendations, each with its reasons in words (their points
are the guide's own estimate, and a callout above them says so), the item's details and the
booklet's examples, the procurement consequence where the questionnaire has one, and what the
answers ruled out. :func:`answers` lists each question with its answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from guide import explain, formats, procurement
from guide import questionnaires as Q
from guide.content import Content
from guide.documents.blocks import (
    Aside,
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
from guide.model import Case, Lang
from guide.procurement import presenter as proc_presenter
from guide.questionnaires.model import ActionStep, Questionnaire
from guide.wording import Wording

_P = Wording


def answers(qid: str, given: dict[str, Any], *, content: Content, lang: Lang) -> tuple[Block, ...]:
    """Each question asked, with the answer given (or "not answered")."""
    x = _P(content, lang)
    qn = Q.get(qid, content)
    canon = Q.normalise_all(qn, given)
    shown = Q.visible(qn, canon)
    return (
        Paragraph(x.t("q.answered", n=sum(q.id in canon for q in shown), total=len(shown))),
        Bullets.of(
            x.t(
                "report.answer",
                question=q.short(lang),
                answer=Q.answer_text(q, canon[q.id], content, lang)
                if q.id in canon
                else x.t("q.answer.none"),
            )
            for q in shown
        ),
    )


def progress_text(qn: Questionnaire, n: int, *, content: Content, lang: Lang) -> tuple[float, str]:
    """The progress while answering question ``n`` (1-based): the bar's value and its text.

    The total does not move while the user answers: where a question is asked only after some
    answers (``show_if``), it counts every question the guide can ask and says "at most".
    """
    x = _P(content, lang)
    conditional = any(q.show_if is not None for q in qn.questions)
    total = len(qn.questions) if conditional else len(Q.visible(qn, {}))
    key = "q.progress.at_most" if conditional else "q.progress"
    return (n - 1) / total, x.t(key, n=n, total=total)


def result(
    qid: str, given: dict[str, Any], *, content: Content, lang: Lang, today: dt.date, level: int = 2
) -> tuple[Block, ...]:
    """The result of questionnaire ``qid`` for the answers ``given``."""
    x = _P(content, lang)
    qn = Q.get(qid, content)
    canon = Q.normalise_all(qn, given)
    shown = Q.visible(qn, canon)
    res = Q.evaluate(qid, canon, content)
    items = Q.items(qn, content)
    out: list[Block] = [Heading(x.t("q.result.title"), level)]
    if qn.result_intro is not None:
        out.append(Paragraph(qn.result_intro(lang)))
    if len(res.answered) < len(shown):
        out.append(
            Callout("info", (Paragraph(x.t("q.result.partial", n=len(res.answered), total=len(shown))),))
        )
    if qn.dimensions:
        out += _profile(x, qn, res, level + 1)
    if qn.items and qn.dimensions:
        out += _plan(x, qn, res, items, level + 1)
    else:
        out += _ranking(x, qn, res, items, level + 1)
    if qn.procurement is not None:
        out += _consequence(x, qn, res, canon, items, today, level + 1)
    if res.excluded:
        body: list[Block] = []
        for ex in res.excluded:
            body += [Paragraph(Q.item_title(items[ex.item_id], lang), "strong"), *_reasons(x, qn, ex.reasons)]
        out.append(Details(x.t("q.result.excluded"), tuple(body)))
    return tuple(out)


def _reason(x: _P, r: explain.ReasonLine) -> str:
    return x.t("q.reason.line", question=r.question, answer=r.answer, reason=r.text)


def _reasons(x: _P, qn: Questionnaire, reasons: Sequence[Q.Reason]) -> list[Block]:
    """The reasons in words: what spoke for it, what against it, or what ruled it out; the
    reasons that counted most first."""
    lines = explain.reason_lines(qn, reasons, x.c, x.lang)
    out: list[Block] = []
    for direction, key in (("for", "q.result.for"), ("against", "q.result.against"),
                           ("rules_out", "q.result.rules_out")):
        mine = sorted((r for r in lines if r.direction == direction), key=lambda r: -r.weight)
        if mine:
            out += [Paragraph(x.t(key), "strong"), Bullets.of(_reason(x, r) for r in mine)]
    return out


def _why(x: _P, qn: Questionnaire, rec: Q.Recommendation, n: int, above: Q.Recommendation | None,
         equals: Sequence[str], *, in_plan: bool) -> list[Block]:
    """Why a recommendation stands where it does, in a sentence; and what decides the order when
    others have as much for them."""
    best = explain.strongest(explain.reason_lines(qn, rec.reasons, x.c, x.lang))
    out: list[Block] = []
    if best is not None:
        if in_plan:
            key = "q.result.because.step"
        elif n == 1:
            key = "q.result.because.first"
        elif above is not None and round(above.score, 9) == round(rec.score, 9):
            key = "q.result.because.equal"
        else:
            key = "q.result.because.place"
        out.append(Paragraph(x.t(key, n=n, question=best.question, answer=best.answer)))
    if equals:
        out.append(Paragraph(x.t("q.result.tie", others=_joined(x, equals)), "small"))
    return out


def _joined(x: _P, words: Sequence[str]) -> str:
    quoted = [x.t("q.result.quoted", title=w) for w in words]
    if len(quoted) == 1:
        return quoted[0]
    return x.t("q.result.and", first=", ".join(quoted[:-1]), last=quoted[-1])


def _equals(
    x: _P, rec: Q.Recommendation, among: Sequence[Q.Recommendation], items: dict[str, Any]
) -> list[str]:
    """The titles of the others in ``among`` with the same score as ``rec``."""
    return [
        Q.item_title(items[o.item_id], x.lang)
        for o in among
        if o is not rec and round(o.score, 9) == round(rec.score, 9)
    ]


def _examples(x: _P, cases: Sequence[Case]) -> list[Block]:
    seen: set[str] = set()
    out: list[Block] = []
    for case in cases:
        if case.id in seen:
            continue
        seen.add(case.id)
        body: list[Block] = [Paragraph(case.what(x.lang))]
        if case.outcome is not None:
            body.append(Paragraph(case.outcome(x.lang), lead=x.t("case.outcome") + ":"))
        body.append(x.source(case.source))
        out.append(Details(f"{case.title(x.lang)} — {case.place(x.lang)}", tuple(body)))
    if not out:
        return [Aside((Paragraph(x.t("q.result.no_examples"), "small"),))]
    return [Aside((Paragraph(x.t("q.result.examples"), "strong"), *out))]


def _details(x: _P, kind: str, item: Any) -> list[Block]:
    """What a recommended item is and how to do it, and the booklet's examples of it."""
    if isinstance(item, ActionStep):
        return _step(x, item)
    d = explain.item_details(kind, item, x.c, x.lang)
    out: list[Block] = []
    if d.summary is not None:
        out.append(Paragraph(d.summary))
    if d.effort is not None:
        out.append(Paragraph(d.effort, "small", lead=x.t("q.result.effort") + ":"))
    if d.how:
        out += [Paragraph(x.t("q.result.how"), "strong"), Bullets.of(d.how, numbered=True)]
    if d.procurement is not None:
        out.append(
            Paragraph(f"{d.procurement} – {d.procurement_note}", lead=x.t("q.result.procurement") + ":")
        )
        out += [Paragraph(line, "small") for line in d.by_value]
    if d.funding:
        out.append(Paragraph(d.funding, lead=x.t("q.result.funding") + ":"))
    if d.next_steps:
        out += [Paragraph(x.t("q.result.next_steps"), "strong"), Bullets.of(d.next_steps, numbered=True)]
    if kind in explain.WITH_EXAMPLES:
        out += _examples(x, d.cases)
    return out


def _months(x: _P, months: Sequence[int]) -> str:
    if len(months) == 12:
        return x.t("q.plan.all_year")
    return ", ".join(x.t(f"q.month.{m}") for m in months)


def _step(x: _P, item: ActionStep) -> list[Block]:
    lg = x.lang
    out: list[Block] = [
        Paragraph(item.text(lg)),
        Paragraph(x.t("q.result.next_steps"), "strong"),
        Bullets.of([s(lg) for s in item.steps], numbered=True),
        Paragraph(item.when(lg), lead=x.t("q.plan.when") + ":"),
        Paragraph(x.t("q.plan.months", months=_months(x, item.months))),
    ]
    for field, key in (
        ("planning", "q.plan.planning"),
        ("advice", "q.plan.advice"),
        ("impact_methods", "q.plan.methods"),
    ):
        ids = getattr(item, field)
        if ids:
            out.append(Paragraph(explain.titles(x.c, field, ids, lg), lead=x.t(key) + ":"))
    cases = [x.c.cases[i] for i in item.cases if i in x.c.cases]
    for a in item.advice:
        if a in x.c.advice:
            cases += [x.c.cases[i] for i in x.c.advice[a].cases if i in x.c.cases]
    return out + _examples(x, cases)


def _card(
    x: _P,
    qn: Questionnaire,
    rec: Q.Recommendation,
    n: int,
    items: dict[str, Any],
    level: int,
    *,
    among: Sequence[Q.Recommendation],
    in_plan: bool = False,
) -> Card:
    """A recommendation: its place and why, in words, then what it is and the booklet's examples.
    ``among`` are the recommendations it is ranked with (for the one above it and its equals)."""
    item = items[rec.item_id]
    i = next((k for k, o in enumerate(among) if o is rec), 0)
    above = among[i - 1] if i > 0 else None
    return Card(
        (
            Heading(x.t("q.result.rank", n=n, title=Q.item_title(item, x.lang)), level),
            *_why(x, qn, rec, n, above, _equals(x, rec, among, items), in_plan=in_plan),
            *_reasons(x, qn, rec.reasons),
            *_details(x, rec.kind, item),
            x.source(item.source),
        )
    )


def _weights(x: _P) -> Callout:
    """The points behind a ranking are the guide's own estimate: how they were made."""
    return Callout("our_estimate", (Paragraph(x.t("estimate.weights")),), title=x.t("estimate.title"))


def _profile(x: _P, qn: Questionnaire, res: Q.Result, level: int) -> list[Block]:
    dims = [d for d in qn.dimensions if d.id in res.profile]
    out: list[Block] = [Heading(x.t("q.profile.title"), level)]
    if dims:
        names = [d.label(x.lang) for d in dims]
        scores = [res.profile[d.id] for d in dims]
        items = "; ".join(x.t("q.profile.item", label=n, score=s) for n, s in zip(names, scores, strict=True))
        table = Table(
            (x.t("report.col.area"), x.t("report.col.score")),
            tuple((n, x.t("report.score", score=s)) for n, s in zip(names, scores, strict=True)),
            numeric=(1,),
        )
        out.append(
            Figure(
                "profile_bars",
                x.t("q.profile.alt", items=items),
                {"names": names, "scores": scores, "axis": x.t("q.profile.axis")},
                table=table,
            )
        )
    missing = [d.label(x.lang) for d in qn.dimensions if d.id not in res.profile]
    if missing:
        out.append(Paragraph(x.t("q.profile.missing", labels=", ".join(missing)), "small"))
    return out


def _plan(x: _P, qn: Questionnaire, res: Q.Result, items: dict[str, Any], level: int) -> list[Block]:
    out: list[Block] = [Heading(x.t("q.plan.title"), level)]
    groups = Q.plan(qn.id, res, x.c)
    if not groups:
        return [*out, Callout("success", (Paragraph(x.t("q.plan.none")),))]
    out += [Paragraph(x.t("q.plan.lead")), _weights(x)]
    scores = [g.score for g in groups if g.score is not None]
    if len(set(scores)) < len(scores):
        out.append(Paragraph(x.t("q.plan.tie"), "small"))
    dims = {d.id: d for d in qn.dimensions}
    n = 0
    for g in groups:
        dim = dims.get(g.dimension or "")
        if dim is not None and g.score is not None:
            head = x.t("q.plan.area", label=dim.label(x.lang), score=g.score)
        else:
            head = dim.label(x.lang) if dim is not None else x.t("q.plan.other")
        out.append(Heading(head, level + 1))
        for rec in g.steps:
            n += 1
            out.append(_card(x, qn, rec, n, items, level + 2, among=g.steps, in_plan=True))
    return out


def _ranking(x: _P, qn: Questionnaire, res: Q.Result, items: dict[str, Any], level: int) -> list[Block]:
    out: list[Block] = [Heading(x.t("q.result.ranking"), level)]
    top = res.top()
    if not top:
        return [*out, Callout("info", (Paragraph(x.t("q.result.none")),))]
    out.append(_weights(x))
    out += [_card(x, qn, rec, n, items, level + 1, among=top) for n, rec in enumerate(top[: qn.top], 1)]
    rest = top[qn.top :]
    if rest:
        body: list[Block] = []
        for n, rec in enumerate(rest, qn.top + 1):
            title = Q.item_title(items[rec.item_id], x.lang)
            above = top[n - 2]
            body += [
                Paragraph(x.t("q.result.rank", n=n, title=title), "strong"),
                *_why(x, qn, rec, n, above, _equals(x, rec, top, items), in_plan=False),
                *_reasons(x, qn, rec.reasons),
            ]
        out.append(Details(x.t("q.result.more"), tuple(body)))
    return out


def _consequence(
    x: _P,
    qn: Questionnaire,
    res: Q.Result,
    answers: dict[str, Any],
    items: dict[str, Any],
    today: dt.date,
    level: int,
) -> list[Block]:
    """What the value given means under the procurement rules, computed by the route."""
    out: list[Block] = [Heading(x.t("q.proc.title"), level)]
    inp = Q.procurement_input(qn.id, answers, x.c)
    if inp is None:
        return [*out, Callout("info", (Paragraph(x.t("q.proc.no_value")),))]
    if inp.yearly_nok == 0:
        return [*out, Callout("info", (Paragraph(x.t("q.proc.zero")),))]
    out.append(
        Paragraph(
            x.t(
                "q.proc.value",
                total=formats.nok(inp.value_nok, x.lang),
                yearly=formats.nok(inp.yearly_nok, x.lang),
                months=x.num(inp.months),
            )
        )
    )
    if "months" in inp.assumed:
        out.append(Paragraph(x.t("q.proc.assumed_months"), "small"))
    assumed = [x.t(f"q.proc.assume.{a}") for a in inp.assumed if a != "months"]
    if assumed:
        out.append(Paragraph(x.t("q.proc.assumed", what="; ".join(assumed)), "small"))
    try:
        route = Q.procurement_route(inp, on=max(today, procurement.first_date(x.c)))
    except procurement.InputError as exc:
        return [*out, proc_presenter.error(exc, x.c, x.lang)]
    title = x.c.procurement_rules[route.rules].title(x.lang)
    body: list[Block] = [Paragraph(x.t("q.proc.route", title=title), "strong")]
    if f"q.proc.regime.{route.rules}" in x.c.ui:
        body.append(Paragraph.of(x.t(f"q.proc.regime.{route.rules}")))
    figures = "; ".join(
        f"{x.t('q.proc.threshold.' + th.name)} {formats.nok(th.value, x.lang)}" for th in route.thresholds
    )
    body.append(
        Paragraph(x.t("q.proc.thresholds", date=formats.date(route.on, x.lang), items=figures), "small")
    )
    out.append(Callout("answer", tuple(body)))
    if route.warnings:
        out.append(Callout("pending_change", (Paragraph.of(x.t("q.proc.warnings")),)))
    out.append(Paragraph(x.t("q.proc.link"), "small"))
    out.append(Paragraph(x.t("q.proc.disclaimer"), "small"))
    return out
