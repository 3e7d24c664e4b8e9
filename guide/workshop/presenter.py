"""The workshop's summary as blocks: the shared screen's summary slide and the session's report.

:func:`summary` gives the room's answers activity by activity (the myth quiz, the votes, the pulse
of the readiness areas): per question how many answered, the leading answer and, where there is a
right answer, the share that was right; :func:`document` the whole session as a document for the
report renderers (Markdown, PDF, Word). Nothing personal: no nicknames, only counts.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from guide import formats
from guide.content import Content
from guide.documents.blocks import Block, Document, Heading, Paragraph, Table
from guide.model import Lang
from guide.workshop import questions as wq
from guide.workshop import tally as tally_m
from guide.workshop.store import QuestionResult, Summary

#: The activity a question belongs to, by its kind (the question sets of guide.workshop.questions).
ACTIVITY = {"myth": "myths", "readiness": "readiness", "vote_forms": "vote_forms",
            "vote_measures": "vote_measures"}


def _rows(results: list[tuple[int, QuestionResult]], content: Content,
          lang: Lang) -> tuple[tuple[str, ...], ...]:
    none = content.t("workshop.summary.none", lang)
    rows = []
    for n, r in results:
        share = r.correct_share
        leading = ", ".join(wq.option_label(r.question, o, content, lang) for o in r.leading) or none
        if r.leading and r.answered:
            top = r.counts[r.leading[0]]
            leading += f" ({formats.number(top, lang)})"
        rows.append((
            str(n), wq.question_text(r.question, content, lang), formats.number(r.answered, lang), leading,
            none if share is None else formats.percent(round(100 * share), lang),
        ))
    return tuple(rows)


def summary(s: Summary, *, content: Content, lang: Lang, level: int = 2) -> tuple[Block, ...]:
    """The room's answers, one table per activity in the order the session ran them."""
    def t(key: str, **fmt: object) -> str:
        return content.t(key, lang, **fmt)

    cols = ("number", "question", "answered", "leading", "correct")
    head = tuple(t(f"workshop.summary.col.{k}") for k in cols)
    out: list[Block] = [
        Heading(t("workshop.summary"), level),
        Paragraph(t("workshop.summary.total", participants=s.participants, answers=s.answers,
                    questions=len(s.questions))),
    ]
    numbered = list(enumerate(s.questions, start=1))
    def activity_of(nr: tuple[int, QuestionResult]) -> str:
        return ACTIVITY.get(nr[1].question.kind, nr[1].question.ref)  # an open question: its set

    for activity, group in groupby(numbered, key=activity_of):
        items = list(group)
        if activity:
            out.append(Heading(wq.set_label(activity, content, lang), min(level + 1, 6)))
        if items[0][1].question.open:
            out += _open(items, s, content, lang)
        else:
            out.append(Table(head, _rows(items, content, lang), numeric=(0, 2, 4)))
    if s.by_group:
        out += _tables(s, content, lang, level)
    return tuple(out)


def _tables(s: Summary, content: Content, lang: Lang, level: int) -> list[Block]:
    """The answers table by table (those without a table as one more column): per question, each
    one's most chosen answer, from the same tally as the shared screen's chart."""
    groups = tally_m.groups(s)
    none = content.t("workshop.summary.none", lang)
    rows = []
    for n, r in enumerate(s.questions, start=1):
        tl = tally_m.tally(r, s)
        if not tl.by_table:
            continue
        by = dict(tl.rows)
        cells = []
        for g in groups:
            counts = by.get(g, {})
            top = max(counts.values(), default=0)
            leading = [wq.option_label(r.question, o, content, lang)
                       for o, k in counts.items() if k == top and top]
            cells.append(f"{', '.join(leading)} ({formats.number(top, lang)})" if leading else none)
        rows.append((str(n), wq.question_text(r.question, content, lang), *cells))
    head = (content.t("workshop.summary.col.number", lang), content.t("workshop.summary.col.question", lang),
            *(wq.group_label(g, content, lang) for g in groups))
    return [Heading(content.t("workshop.by_group", lang), min(level + 1, 6)),
            Table(head, tuple(rows), numeric=(0,))]


def _open(items: list[tuple[int, QuestionResult]], s: Summary, content: Content, lang: Lang) -> list[Block]:
    """An open question: its approved answers, grouped and counted, the most frequent first."""
    out: list[Block] = []
    head = (content.t("workshop.summary.col.answer", lang), content.t("workshop.summary.col.count", lang))
    for _, r in items:
        out.append(Paragraph(wq.question_text(r.question, content, lang)))
        ranked = s.open_answers.get(r.question.id, [])
        if ranked:
            rows = tuple((text, formats.number(n, lang)) for text, n in ranked)
            out.append(Table(head, rows, numeric=(1,)))
        else:
            out.append(Paragraph(content.t("workshop.open.none_approved", lang)))
    return out


def document(s: Summary, *, content: Content, lang: Lang, today: dt.date | None = None) -> Document:
    """The session as a document (Markdown, PDF, Word): its title, date and summary."""
    day = today or dt.date.today()
    return Document(
        title=s.title, lang=lang, blocks=summary(s, content=content, lang=lang, level=2),
        dated=content.t("report.dated", lang, date=formats.date(day, lang)),
        footer=content.t("report.page", lang, n="{n}", total="{total}"),
    )
