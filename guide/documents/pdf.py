"""The blocks as a tagged PDF (PDF/UA-1), typeset by Typst.

The template ``report.typ`` (next to this file) reads the whole document as JSON from
``sys.inputs`` and builds every element from that data, so no text is ever parsed as Typst
markup: what a user typed is shown as typed. Python only prepares the data: it removes bidi and
zero-width controls, puts a visible "□" for every character DejaVu Sans lacks (an emoji would
otherwise vanish), checks the link targets, keeps the heading levels free of gaps (PDF/UA-1 needs
that) and splits the footer pattern into text and page fields.

Typst tags the result (headings, paragraphs, lists, tables with header cells, figures with their
text alternative and caption), sets the document's language and title, and embeds DejaVu Sans
from ``assets/fonts`` (no system font, so every machine gives the same PDF).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import typst
from fontTools.ttLib import TTFont

from guide import locales
from guide.documents.blocks import (
    Aside,
    Block,
    Bullets,
    Callout,
    Card,
    Details,
    Document,
    Figure,
    Heading,
    Link,
    Paragraph,
    SourceLine,
    Table,
    walk,
)
from guide.documents.escape import plain, safe_url

TEMPLATE = Path(__file__).with_name("report.typ")
FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
#: Shown for a character the font lacks (DejaVu Sans has it).
MISSING = "□"

#: The title of a document that has none, and the text alternative of a figure that has none
#: (PDF/UA-1 needs both).
UNTITLED = {"nb": "Dokument", "nn": "Dokument", "en": "Document"}
FIGURE = {"nb": "Figur", "nn": "Figur", "en": "Figure"}

#: The colours of the page (hex); each text colour has a contrast of at least 4.5:1 on the
#: background it is drawn on (``tests/test_documents.py`` checks it).
PALETTE: dict[str, str] = {
    "ink": "#1a1a1a",  # body text
    "heading": "#13365c",  # headings
    "muted": "#4a4a4a",  # small text, source lines, date line, footer
    "link": "#0b4f8a",  # links
    "accent": "#1f5f99",  # the title page's rule
    "rule": "#b8bec6",  # table row lines
    "header_rule": "#44505c",  # the line under a table's header row
    "header_fill": "#e9edf2",  # a table's header row
    "card": "#c3c9d0",  # a card's border
    "figure_fill": "#f4f6f8",  # a figure described in words
}

#: A callout's colours by kind: the bar on its left, its tint and the colour of its title.
CALLOUTS: dict[str, dict[str, str]] = {
    "answer": {"bar": "#1f5f99", "tint": "#e8f1fa", "title": "#123f6b"},
    "info": {"bar": "#4a7fb5", "tint": "#eef4fa", "title": "#1d4a78"},
    "success": {"bar": "#2e7d32", "tint": "#ebf5ec", "title": "#1b5e20"},
    "warning": {"bar": "#c77700", "tint": "#fdf3e3", "title": "#6e4200"},
    "error": {"bar": "#b3261e", "tint": "#fbeceb", "title": "#8a1c16"},
    "law_changed": {"bar": "#6a3d9a", "tint": "#f3eef9", "title": "#4b2a70"},
    "pending_change": {"bar": "#9a7b00", "tint": "#fbf6e1", "title": "#574500"},
    "our_estimate": {"bar": "#00796b", "tint": "#e6f4f2", "title": "#00483f"},
    "booklet": {"bar": "#7a6a58", "tint": "#f4f1ed", "title": "#4a3f33"},
}

#: A callout or card of about this many lines or fewer is kept on one page.
KEEP_LINES = 16

# Dropped, not replaced: variation selectors, emoji skin-tone modifiers and tag characters only
# change how the character before them looks (that one is replaced already).
_DROP = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f\u00ad]")
_NEWLINES = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_LANG = re.compile(r"^([a-z]{2,3})(?:[-_]([A-Za-z]{2}))?$")


@cache
def coverage() -> frozenset[int]:
    """The code points both DejaVu Sans faces draw (read once per process)."""
    sets = [set(TTFont(FONTS / name, lazy=True).getBestCmap()) for name in FONT_FILES]
    return frozenset(set.intersection(*sets))


def clean(text: str, *, one_line: bool = False) -> str:
    """``text`` ready for the PDF: no bidi or zero-width control, no soft hyphen (the PDF never
    hyphenates), no other control character, and "□" for every character the font lacks."""
    text = _DROP.sub("", plain(text))
    text = _NEWLINES.sub("\n", text)
    if one_line:
        text = text.replace("\n", " ")
    covered = coverage()
    out = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
        elif ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs"):
            continue
        elif ord(ch) in covered:
            out.append(ch)
        else:
            out.append(MISSING)
    return "".join(out)


def _lang(code: str | None) -> dict[str, str | None]:
    m = _LANG.match(code or "")
    if not m:
        return {"lang": None, "region": None}
    return {"lang": m.group(1), "region": m.group(2).upper() if m.group(2) else None}


class _Levels:
    """Heading levels without gaps: the title is level 1 and no heading goes more than one level
    below the one before it (PDF/UA-1 refuses a skipped level)."""

    def __init__(self) -> None:
        self.last = 1

    def __call__(self, level: int) -> int:
        self.last = min(level, self.last + 1)
        return self.last


def _link(label: str, url: str | None) -> dict[str, Any]:
    target = safe_url(url) if url else None
    return {"label": clean(label or url or "", one_line=True), "url": target,
            "shown": clean(url or "", one_line=True)}


def _para(p: Paragraph) -> dict[str, Any]:
    return {"t": "para", "text": clean(p.text), "style": p.style, "lead": clean(p.lead) if p.lead else None,
            **_lang(p.lang)}


def _table(t: Table) -> dict[str, Any]:
    return {
        "t": "table",
        "header": [clean(c, one_line=True) for c in t.header],
        "rows": [[clean(c, one_line=True) for c in r] for r in t.rows],
        "caption": clean(t.caption, one_line=True) if t.caption else None,
        "numeric": [i for i in t.numeric if 0 <= i < len(t.header)],
        "form": t.form,
    }


def _blocks(blocks: tuple[Block, ...], levels: _Levels, lang: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for b in blocks:
        if isinstance(b, Aside):  # reading material: printed in place
            out += _blocks(b.body, levels, lang)
        elif (d := _block(b, levels, lang)) is not None:
            out.append(d)
    return out


def _block(b: Block, levels: _Levels, lang: str) -> dict[str, Any] | None:
    if isinstance(b, Heading):
        text = clean(b.text, one_line=True)
        if not text.strip():
            return None  # PDF/UA-1 refuses an empty heading, and it says nothing
        return {"t": "heading", "level": levels(b.level), "text": text}
    if isinstance(b, Paragraph):
        return _para(b)
    if isinstance(b, Link):
        return {"t": "link", **_link(b.label, b.url)}
    if isinstance(b, SourceLine):
        return {"t": "source", "text": clean(b.text), "url": safe_url(b.url) if b.url else None,
                "shown": clean(b.url, one_line=True) if b.url else None}
    if isinstance(b, Bullets):
        return {"t": "bullets", "numbered": b.numbered, "items": [_para(p) for p in b.items]}
    if isinstance(b, Table):
        return _table(b)
    if isinstance(b, Figure):
        title = clean(b.title or "", one_line=True).strip() or None
        alt = clean(b.alt) if clean(b.alt).strip() else None
        if alt is None and b.table is None:  # PDF/UA-1 needs a text alternative
            alt = title or FIGURE[lang]
        return {"t": "figure", "title": title, "alt": alt,
                "table": _table(b.table) if b.table is not None else None}
    if isinstance(b, Callout):
        return {"t": "callout", "kind": b.kind if b.kind in CALLOUTS else "info",
                "title": clean(b.title, one_line=True) if b.title else None,
                "body": _blocks(b.body, levels, lang), "keep": _lines(b.body) <= KEEP_LINES}
    if isinstance(b, Details):
        return {"t": "details", "title": clean(b.title, one_line=True),
                "body": _blocks(b.body, levels, lang)}
    if isinstance(b, Card):
        return {"t": "card", "body": _blocks(b.body, levels, lang),
                "keep": _lines(b.body) <= KEEP_LINES}
    raise TypeError(f"not a block: {b!r}")


def _lines(blocks: tuple[Block, ...]) -> int:
    """About how many lines ``blocks`` take (to keep a short box on one page)."""
    n = 0
    for b in walk(blocks):
        if isinstance(b, Table):
            n += 2 + len(b.rows)
        elif isinstance(b, Figure):
            n += 3 + (2 + len(b.table.rows) if b.table is not None else len(b.alt) // 80)
        elif isinstance(b, Bullets):
            n += sum(1 + len(p.text) // 80 for p in b.items)
        elif isinstance(b, Heading | Paragraph | SourceLine):
            n += 2 + len(b.text) // 80
        elif isinstance(b, Link | Callout | Details):
            n += 2
    return n


def _footer(pattern: str) -> list[dict[str, str]]:
    parts = re.split(r"(\{n\}|\{total\})", pattern)
    return [{"field": p[1:-1]} if p in ("{n}", "{total}") else {"text": clean(p, one_line=True)}
            for p in parts if p]


def data(doc: Document) -> dict[str, Any]:
    """The document as the template reads it (plain JSON data, every text cleaned)."""
    locale = locales.get(doc.lang)  # Typst's lang and region: the PDF's /Lang is "nb-NO" etc.
    lang, region = locale.language, locale.region
    levels = _Levels()
    title = clean(doc.title, one_line=True)
    return {
        "title": title if title.strip() else UNTITLED[locale.code],
        "lang": lang,
        "region": region,
        "subtitle": clean(doc.subtitle) if doc.subtitle else None,
        "dated": clean(doc.dated, one_line=True) if doc.dated else None,
        "link": _link(doc.link_label or doc.link, doc.link) if doc.link else None,
        "case": [{"label": clean(k, one_line=True), "value": clean(v, one_line=True)} for k, v in doc.case],
        "notice": clean(doc.notice) if doc.notice else None,
        "compact": doc.compact,
        "footer": _footer(doc.footer),
        "palette": PALETTE,
        "callouts": CALLOUTS,
        "blocks": _blocks(doc.blocks, levels, lang),
    }


def render(doc: Document) -> bytes:
    """``doc`` as a tagged, PDF/UA-1 PDF on A4."""
    out = typst.compile(
        str(TEMPLATE),
        font_paths=[str(FONTS)],
        ignore_system_fonts=True,
        sys_inputs={"data": json.dumps(data(doc), ensure_ascii=False)},
        pdf_standards=["ua-1"],
    )
    if not isinstance(out, bytes):
        raise TypeError(f"typst gave {type(out).__name__}, not the PDF's bytes")
    return out
