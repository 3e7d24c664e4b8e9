"""The background page as blocks: chapter 1 of the booklet, section by section.

Each section is a heading, its paragraphs, then its list (the five characteristics, the
organisation forms), its table of terms, the reports it points to, the booklet's quotations and
its source. A quotation stays in the booklet's words and language (its paragraph carries that
language when the page is in another), in the language's quote marks, with its speaker; in
English its gist follows in the project's own words. A source line is not repeated where a
quotation or a point has the section's own source.
"""

from __future__ import annotations

from guide.background.model import BookletQuote, Section
from guide.content import Content
from guide.documents.blocks import Block, Bullets, Card, Heading, Link, Paragraph, Table
from guide.model import Lang
from guide.text import quoted
from guide.wording import Wording


def page(*, content: Content, lang: Lang, level: int = 2) -> tuple[Block, ...]:
    """Every section of ``content/background.yaml`` in ``lang``; headings at ``level``."""
    x = Wording(content, lang)
    out: list[Block] = []
    for section in content.background.values():
        out += _section(x, section, level)
    return tuple(out)


def _section(x: Wording, s: Section, level: int) -> list[Block]:
    lg = x.lang
    out: list[Block] = [Heading(s.title(lg), level), *(Paragraph(p(lg)) for p in s.body)]
    if s.points:
        if s.points_lead is not None:
            out.append(Paragraph(s.points_lead(lg)))
        out.append(Bullets.of(p.text(lg) for p in s.points))
        out += [x.source(p.source) for p in s.points if p.source is not None and p.source != s.source]
    if s.terms:
        out.append(
            Table(
                (x.t("background.col.term"), x.t("background.col.meaning")),
                tuple((t.term(lg), t.meaning(lg)) for t in s.terms),
            )
        )
    for rid in s.reports:
        r = x.c.reports[rid]
        label = x.t("background.report", author=r.author, year=r.year, title=r.title)
        out.append(Link(label, r.url) if r.url else Paragraph(label))
    out += [_quote(x, q, same_source=q.source == s.source) for q in s.quotes]
    out.append(x.source(s.source))
    return out


def _quote(x: Wording, q: BookletQuote, *, same_source: bool) -> Card:
    """A quotation in a box of its own: the words as printed, the speaker, the gist in English."""
    role = q.role(x.lang) if q.role is not None else None
    by = (
        x.t("background.quote.by", speaker=q.speaker, role=role)
        if role and role != q.speaker
        else x.t("background.quote.by_alone", speaker=q.speaker)
    )
    body: list[Block] = [
        Paragraph(x.t("background.quote.label"), "small"),
        Paragraph(quoted(q.text, q.lang), lang=q.lang if q.lang != x.lang else None),
        Paragraph(by, "small"),
    ]
    if x.lang == "en" and q.gist:
        body.append(Paragraph(q.gist, "small", lead=x.t("background.quote.gist")))
    if not same_source:
        body.append(x.source(q.source))
    return Card(tuple(body))
