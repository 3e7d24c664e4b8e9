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
    for activity, group in groupby(numbered, key=lambda nr: ACTIVITY.get(nr[1].question.kind, "")):
        items = list(group)
        if activity:
            out.append(Heading(wq.set_label(activity, content, lang), min(level + 1, 6)))
        out.append(Table(head, _rows(items, content, lang), numeric=(0, 2, 4)))
    return tuple(out)


def document(s: Summary, *, content: Content, lang: Lang, today: dt.date | None = None) -> Document:
    """The session as a document (Markdown, PDF, Word): its title, date and summary."""
    day = today or dt.date.today()
    return Document(
        title=s.title, lang=lang, blocks=summary(s, content=content, lang=lang, level=2),
        dated=content.t("report.dated", lang, date=formats.date(day, lang)),
        footer=content.t("report.page", lang, n="{n}", total="{total}"),
    )
