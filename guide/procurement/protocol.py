"""The procurement protocol (anskaffelsesprotokoll) of a Part I purchase, pre-filled from the answers.

A buyer must keep a protocol of a purchase under Part I of the procurement regulation (§ 7-1;
regjeringen.no names §§ 7-1, 10-5, 25-5 and 30-1 as the protocol rules). :func:`document` gives
one for the checker's purchase: what the answers already say (the purchase's name and case
number, buyer, what is bought, date, estimated value and how it was estimated, the rules that
apply with their sources and what is not confirmed about them), then the fields the buyer fills
in (the suppliers asked, the offers, the choice and why, impartiality, signature). The fields are
the guide's own suggestion, said so in the document; the regulation's text decides. The document
is drawn by the project's renderers (Word and tagged PDF), like the report.
"""

from __future__ import annotations

import datetime as dt

from guide import formats
from guide import procurement as proc
from guide.answers.model import Answers
from guide.content import Content
from guide.documents.blocks import Block, Callout, Document, Heading, Link, Paragraph, Table
from guide.model import Lang, Source
from guide.procurement import estimate
from guide.procurement import presenter as pp
from guide.wording import Wording

#: The rule sets whose purchases follow Part I only: the protocol is for them.
PART_ONE: frozenset[str] = frozenset({"part1", "part1_health_social"})
#: The fields the buyer fills in, in order (UI keys ``protocol.field.<id>``).
TO_FILL: tuple[str, ...] = ("procedure", "suppliers", "offers", "chosen", "reason", "contract_value",
                            "other", "impartiality")
SIGN: tuple[str, ...] = ("place_date", "name_role", "signature")
SOURCES: tuple[Source, ...] = (
    Source(ref="regjeringen_protokoller"),
    Source(ref="anskaffelsesforskriften", section="§ 7-1"),
)
#: What an empty field holds: a no-break space, so that the row keeps a line's height.
BLANK = "\u00a0"


def case_lines(answers: Answers, lang: Lang, content: Content) -> tuple[tuple[str, str], ...]:
    """The purchase's name and case number as a title page prints them (each only when given)."""
    given = ((content.t("report.case.name", lang), answers.case.name),
             (content.t("report.case.number", lang), answers.case.number))
    return tuple((label, value.strip()) for label, value in given if value.strip())


def route_of(answers: Answers, today: dt.date, content: Content) -> proc.Route | None:
    """The checker's route for the answers (None without a value that can be read)."""
    r = pp.compute(answers.procurement, today, content)
    return r if isinstance(r, proc.Route) else None


def applies(r: proc.Route | None) -> bool:
    """Whether the purchase follows Part I only (the protocol this module makes is for those)."""
    return r is not None and r.rules in PART_ONE


def _estimate_text(answers: Answers, r: proc.Route, x: Wording) -> str:
    """How the value was estimated, when the helper's total is the checker's value."""
    est = estimate.compute(answers.procurement.estimate, x.c)
    if not isinstance(est, estimate.Estimate) or round(est.total) != round(r.value_nok):
        return BLANK
    return "; ".join(f"{part}: {how + ' = ' if how else ''}{amount}"
                     for part, how, amount in estimate.rows(est, x)[:-1])


def _suggested(answers: Answers, r: proc.Route, x: Wording) -> str:
    """The procedure the guide recommends from the chooser's answers, if it recommends one."""
    best = [a for a in proc.procedures(r, dict(answers.procurement.needs), content=x.c) if a.recommended]
    if len(best) != 1:
        return BLANK
    return x.t("protocol.suggested", procedure=x.c.procedure_choices[best[0].id].title(x.lang))


def blocks(answers: Answers, r: proc.Route, *, content: Content, lang: Lang) -> tuple[Block, ...]:
    """The protocol's body (see the module's docstring)."""
    x = Wording(content, lang)
    p, case = answers.procurement, answers.case
    field, entry = x.t("protocol.col.field"), x.t("protocol.col.entry")
    purchase = (
        (x.t("protocol.field.name"), case.name.strip() or BLANK),
        (x.t("protocol.field.number"), case.number.strip() or BLANK),
        (x.t("protocol.field.buyer"), x.t(f"proc.buyer.{p.buyer}")),
        (x.t("protocol.field.category"), x.t(f"proc.category.{p.category}")),
        (x.t("protocol.field.date"), x.date(r.on)),
        (x.t("protocol.field.value"), x.nok(r.value_nok)),
        (x.t("protocol.field.estimate"), _estimate_text(answers, r, x)),
    )
    fill = tuple((x.t(f"protocol.field.{k}"), _suggested(answers, r, x) if k == "procedure" else BLANK)
                 for k in TO_FILL)
    sign = tuple((x.t(f"protocol.field.{k}"), BLANK) for k in SIGN)
    return (
        Heading(x.t("protocol.purchase"), 2),
        Table((field, entry), purchase, form=True),
        Heading(x.t("protocol.rules"), 2),
        *pp.head(r, content=content, lang=lang, level=3),
        Heading(x.t("protocol.competition"), 2),
        Paragraph(x.t("protocol.competition.lead")),
        Table((field, entry), fill, form=True),
        Heading(x.t("protocol.sign"), 2),
        Table((field, entry), sign, form=True),
        Callout("our_estimate", (
            Paragraph(x.t("protocol.about")),
            *(x.source(s) for s in SOURCES),
            Link(x.t("proc.more.link"), pp.ANSKAFFELSER_URL),
        ), title=x.t("protocol.about.title")),
    )


def document(answers: Answers, lang: Lang, *, today: dt.date, content: Content,
             link: str | None = None) -> Document | None:
    """The protocol of the checker's purchase, dated ``today``; None when the purchase does not
    follow Part I only (or has no value yet)."""
    r = route_of(answers, today, content)
    if r is None or not applies(r):
        return None
    return Document(
        title=content.t("protocol.title", lang), lang=lang,
        blocks=blocks(answers, r, content=content, lang=lang),
        subtitle=content.t("protocol.subtitle", lang),
        dated=content.t("report.dated", lang, date=formats.date(today, lang)),
        link=link, link_label=content.t("report.link", lang) if link else None,
        footer=content.t("report.page", lang, n="{n}", total="{total}"),
        case=case_lines(answers, lang, content), notice=content.t("report.disclaimer", lang), compact=True,
    )
