"""The report: everything the user has answered and what it gives, as Markdown, PDF and Word.

:func:`document` puts the presenters' blocks of each guide the user has answered under one
heading each: the questionnaires (the answers, then the result), the procurement route, the
calendar plan and the SROI result. Every block comes from the same presenter call the screen
draws, so screen and paper agree by construction. :func:`markdown`, :func:`pdf` (tagged
PDF/UA-1) and :func:`docx` render that one document.
"""

from __future__ import annotations

import datetime as dt

from guide import content as content_mod
from guide import formats
from guide.calendar import presenter as cal_presenter
from guide.content import Content
from guide.documents import docx as docx_renderer
from guide.documents import markdown as md
from guide.documents import pdf as pdf_renderer
from guide.documents.blocks import Block, Document, Heading, Paragraph
from guide.documents.escape import md_escape
from guide.impact import presenter as impact_presenter
from guide.model import Lang
from guide.procurement import estimate
from guide.procurement import presenter as proc_presenter
from guide.procurement import protocol as protocol_mod
from guide.questionnaires import presenter as qn_presenter
from guide.state import Answers, CalendarInputs, ProcurementInputs, SroiInputs
from guide.wording import Wording

__all__ = ["blocks", "document", "docx", "markdown", "md_escape", "pdf", "protocol_docx", "protocol_pdf"]

#: The order of the questionnaires in the report (others follow in content order).
ORDER = ("getting_started", "readiness", "form_matcher", "impact_method")


def blocks(answers: Answers, lang: Lang, *, today: dt.date, content: Content | None = None) -> list[Block]:
    """The report's body: one section per guide the user has answered."""
    c = content if content is not None else content_mod.default()
    out: list[Block] = []
    qids = [q for q in ORDER if q in answers.questionnaires]
    qids += [q for q in answers.questionnaires if q not in qids]
    for qid in qids:
        if qid not in c.questionnaires:
            continue
        qn = c.questionnaires[qid]
        given = dict(answers.questionnaires[qid].answers)
        out += [Heading(qn.title(lang), 2), Heading(c.t("report.answers", lang), 3),
                *qn_presenter.answers(qid, given, content=c, lang=lang),
                *qn_presenter.result(qid, given, content=c, lang=lang, today=today, level=3),
                Wording(c, lang).source(qn.source)]
    if answers.procurement != ProcurementInputs():
        p = answers.procurement
        helper = (estimate.blocks(p.estimate, content=c, lang=lang, level=3)
                  if isinstance(estimate.compute(p.estimate, c), estimate.Estimate) else ())
        out += [Heading(c.t("report.proc.title", lang), 2),
                *proc_presenter.inputs(p, content=c, lang=lang, today=today),
                *helper,  # how the value was estimated, when the helper was used
                *proc_presenter.route(p, content=c, lang=lang, today=today, level=3, paper=True)]
    if answers.calendar != CalendarInputs():
        out += [Heading(c.t("report.cal.title", lang), 2),
                *cal_presenter.plan(answers.calendar, content=c, lang=lang, today=today, level=3)]
    if answers.sroi != SroiInputs():
        out += [Heading(c.t("report.sroi.title", lang), 2),
                *impact_presenter.sroi(answers.sroi, content=c, lang=lang, level=3)]
    if not out:
        out.append(Paragraph(c.t("report.empty", lang)))
    return out


def document(answers: Answers, lang: Lang, *, today: dt.date | None = None, link: str | None = None,
             content: Content | None = None) -> Document:
    """The whole report as one document, dated ``today`` (default: today); ``link`` restores the
    answers and goes on the title page, with the case file's name and number and the disclaimer
    (so that no last page holds the disclaimer alone)."""
    c = content if content is not None else content_mod.default()
    day = today or dt.date.today()
    return Document(
        title=c.t("report.title", lang), lang=lang,
        blocks=tuple(blocks(answers, lang, today=day, content=c)),
        subtitle=c.t("report.intro", lang), dated=c.t("report.dated", lang, date=formats.date(day, lang)),
        link=link, link_label=c.t("report.link", lang) if link else None,
        footer=c.t("report.page", lang, n="{n}", total="{total}"),
        case=protocol_mod.case_lines(answers, lang, c), notice=c.t("report.disclaimer", lang),
    )


def markdown(answers: Answers, lang: Lang, *, today: dt.date | None = None, level: int = 1,
             link: str | None = None) -> str:
    """The report as Markdown; ``level`` is the level of its title (2 to sit under a page title)."""
    doc = document(answers, lang, today=today, link=link)
    if level == 1:
        return md.document(doc)
    head: list[Block] = [Paragraph(f"{k}: {v}") for k, v in doc.case]
    if doc.notice:
        head.append(Paragraph(doc.notice, "small"))
    return md.render([Heading(doc.title, 1), *head, *doc.blocks], level=level)


def pdf(answers: Answers, lang: Lang, *, today: dt.date | None = None, link: str | None = None) -> bytes:
    """The report as a tagged PDF (PDF/UA-1), in ``lang``."""
    return pdf_renderer.render(document(answers, lang, today=today, link=link))


def docx(answers: Answers, lang: Lang, *, today: dt.date | None = None, link: str | None = None) -> bytes:
    """The report as a Word document, in ``lang``."""
    return docx_renderer.render(document(answers, lang, today=today, link=link))


def protocol(answers: Answers, lang: Lang, *, today: dt.date | None = None, link: str | None = None,
             content: Content | None = None) -> Document | None:
    """The procurement protocol of the checker's purchase (None unless it follows Part I only)."""
    c = content if content is not None else content_mod.default()
    return protocol_mod.document(answers, lang, today=today or dt.date.today(), content=c, link=link)


def protocol_pdf(answers: Answers, lang: Lang, *, today: dt.date | None = None,
                 link: str | None = None) -> bytes | None:
    """The procurement protocol as a tagged PDF (PDF/UA-1); None unless the purchase follows Part I only."""
    doc = protocol(answers, lang, today=today, link=link)
    return pdf_renderer.render(doc) if doc is not None else None


def protocol_docx(answers: Answers, lang: Lang, *, today: dt.date | None = None,
                  link: str | None = None) -> bytes | None:
    """The procurement protocol as a Word document; None unless the purchase follows Part I only."""
    doc = protocol(answers, lang, today=today, link=link)
    return docx_renderer.render(doc) if doc is not None else None
