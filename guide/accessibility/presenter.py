"""The accessibility statement as blocks, in one language (drawn by ``views/accessibility.py``)."""

from __future__ import annotations

from guide.accessibility.model import KEY, Statement
from guide.content import Content
from guide.documents.blocks import Block, Bullets, Callout, Card, Heading, Link, Paragraph
from guide.model import Lang
from guide.wording import Wording


class _W(Wording):
    pass

    pass


def statement(c: Content, lang: Lang, *, level: int = 2) -> tuple[Block, ...]:
    """The accessibility statement in ``lang`` as blocks (its title is the page's)."""
    x = _W(c, lang)
    s: Statement = next(iter(c.kinds[KEY].values()))
    out: list[Block] = [
        Paragraph(x.t("a11y.lead")),
        Heading(x.t("a11y.solution"), level),
        Paragraph(s.solution(lang)),
        Paragraph(s.owner(lang), lead=x.t("a11y.owner") + ":"),
    ]
    if s.url:
        out.append(Link(s.url, s.url))
    out += [
        Heading(x.t("a11y.status"), level),
        Callout(
            "success" if s.status == "full" else "warning",
            (
                Paragraph(x.t(f"a11y.status.{s.status}"), "strong"),
                Paragraph(s.summary(lang)),
                Paragraph(s.standard(lang), "small"),
            ),
        ),
        Heading(x.t("a11y.breaches"), level),
    ]
    if not s.breaches:
        out.append(Paragraph(x.t("a11y.breaches.none")))
    else:
        out.append(Paragraph(x.t("a11y.breaches.lead", n=len(s.breaches))))
    for b in s.breaches:
        when = b.plan(lang)
        if b.fix_by is not None:
            when = x.t("a11y.breach.fix_by", date=x.date(b.fix_by)) + " " + when
        out.append(
            Card(
                (
                    Heading(x.t("a11y.breach.title", criterion=b.criterion, name=b.name(lang)), level + 1),
                    Paragraph(b.what(lang), lead=x.t("a11y.breach.what") + ":"),
                    Paragraph(b.impact(lang), lead=x.t("a11y.breach.impact") + ":"),
                    Paragraph(when, lead=x.t("a11y.breach.plan") + ":"),
                )
            )
        )
    if s.untested:
        out += [
            Heading(x.t("a11y.untested"), level),
            Paragraph(x.t("a11y.untested.lead")),
            Bullets.of(u(lang) for u in s.untested),
        ]
    out += [
        Heading(x.t("a11y.feedback"), level),
        Paragraph(s.feedback(lang)),
    ]
    if s.contact:
        target = s.contact if s.contact.startswith(("http://", "https://")) else f"mailto:{s.contact}"
        out.append(Link(s.contact, target))
    else:
        out.append(Callout("info", (Paragraph(x.t("a11y.contact.missing")),)))
    out += [
        Heading(x.t("a11y.complaint"), level),
        Paragraph(s.complaint(lang)),
        Link(x.t("a11y.complaint.link"), s.complaint_url),
        Paragraph(s.supervision(lang)),
        Link(x.t("a11y.supervision.link"), s.supervision_url),
        Heading(x.t("a11y.method"), level),
        Paragraph(x.t("a11y.method.lead", date=x.date(s.tested_on))),
        Bullets.of(m.text(lang) for m in s.methods),
        x.source(s.source),
    ]
    return tuple(out)
