"""The workshop's summary as blocks: the shared screen's summary and the session's report.

:func:`summary` gives, per question, how many answered, the leading answer and the share that
was right; :func:`document` the whole session as a document for the report renderers.
"""

from __future__ import annotations

import datetime as dt

from guide import formats
from guide.content import Content
from guide.documents.blocks import Block, Document, Heading, Paragraph, Table
from guide.model import Lang
from guide.workshop import questions as wq
from guide.workshop.store import Summary


def summary(s: Summary, *, content: Content, lang: Lang, level: int = 2) -> tuple[Block, ...]:
    """The room's answers to every question, as one table with its totals."""
    def t(key: str, **fmt: object) -> str:
        return content.t(key, lang, **fmt)

    none = t("workshop.summary.none")
    rows = []
    for n, r in enumerate(s.questions, start=1):
        share = r.correct_share
        rows.append((
            str(n), wq.question_text(r.question, content, lang), formats.number(r.answered, lang),
            ", ".join(wq.option_label(r.question, o, content, lang) for o in r.leading) or none,
            none if share is None else formats.percent(round(100 * share), lang),
        ))
    cols = ("number", "question", "answered", "leading", "correct")
    head = tuple(t(f"workshop.summary.col.{k}") for k in cols)
    return (
        Heading(t("workshop.summary"), level),
        Paragraph(t("workshop.summary.total", participants=s.participants, answers=s.answers,
                    questions=len(s.questions))),
        Table(head, tuple(rows), numeric=(0, 2, 4)),
    )


def document(s: Summary, *, content: Content, lang: Lang, today: dt.date | None = None) -> Document:
    """The session as a document (Markdown, PDF, Word): its title, date and summary."""
    day = today or dt.date.today()
    return Document(
        title=s.title, lang=lang, blocks=summary(s, content=content, lang=lang, level=2),
        dated=content.t("report.dated", lang, date=formats.date(day, lang)),
        footer=content.t("report.page", lang, n="{n}", total="{total}"),
    )
