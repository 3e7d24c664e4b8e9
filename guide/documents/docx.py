"""The blocks as a Word document (``.docx``), with python-docx.

Word's own styles carry the structure, so a screen reader, the navigation pane and a later PDF
export from Word all see it: ``Title`` for the document's title, ``Heading 1``–``Heading 5`` for
the headings, ``List Bullet`` and ``List Number`` for lists, ``Caption`` for table and figure
captions; tables have their header row marked as a header that repeats on every page, links are
real hyperlinks. The document's language (core properties, the document defaults and the
``Normal`` style) is nb-NO, nn-NO or en-GB. Texts are inserted as text (python-docx escapes the
XML), without bidi or zero-width controls.
"""

from __future__ import annotations

import io
import re
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

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
)
from guide.documents.escape import plain, safe_url
from guide.documents.pdf import CALLOUTS, PALETTE

#: The document's language as Word's ``w:lang`` values.
#: The style of a source line (a smaller, grey paragraph style added to the document).
SOURCE_STYLE = "Source"
HYPERLINK_STYLE = "Hyperlink"

Container = WordDocument | _Cell
# Characters XML 1.0 forbids (python-docx refuses them); tab and line feed stay.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LANG = re.compile(r"^([a-z]{2,3})(?:[-_]([A-Za-z]{2}))?$")


def _text(text: str, *, one_line: bool = False) -> str:
    text = _NOT_XML.sub("", plain(text).replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\n", " ") if one_line else text


def _hex(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _word_lang(code: str | None) -> str | None:
    if code in locales.LOCALES:
        return locales.get(code).tag
    m = _LANG.match(code or "")
    if not m:
        return None
    return f"{m.group(1)}-{m.group(2).upper()}" if m.group(2) else m.group(1)


def _set_lang(rpr: Any, lang: str) -> None:
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), lang)


def _setup(d: WordDocument, lang: str) -> None:
    """Language, the source and hyperlink styles, a calmer Normal style."""
    defaults = d.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _set_lang(rpr, lang)
    normal = d.styles["Normal"]
    _set_lang(normal.element.get_or_add_rPr(), lang)
    normal.font.size = Pt(11)
    source = d.styles.add_style(SOURCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    source.base_style = normal
    source.font.size = Pt(9)
    source.font.color.rgb = _hex(PALETTE["muted"])
    link = d.styles.add_style(HYPERLINK_STYLE, WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = _hex(PALETTE["link"])
    link.font.underline = True


def _run(p: WordParagraph, text: str, *, bold: bool = False, lang: str | None = None) -> Run:
    run = p.add_run(_text(text))
    if bold:
        run.bold = True
    if lang:
        _set_lang(run._r.get_or_add_rPr(), lang)
    return run


def _hyperlink(p: WordParagraph, label: str, url: str | None) -> None:
    """A real hyperlink (``w:hyperlink`` with an external relationship); plain text when the
    target is not one a document may link to."""
    target = safe_url(url) if url else None
    run = p.add_run(_text(label or url or "", one_line=True))
    if target is None:
        return
    run.style = HYPERLINK_STYLE
    h = OxmlElement("w:hyperlink")
    h.set(qn("r:id"), p.part.relate_to(target, RT.HYPERLINK, is_external=True))
    p._p.append(h)
    h.append(run._r)


def _para(box: Container, p: Paragraph, *, style: str | None = None) -> WordParagraph:
    out = box.add_paragraph(style=style)
    if p.lead:
        lead = _run(out, p.lead + " ", bold=True, lang=_word_lang(p.lang))
        if p.style == "small":
            lead.font.size = Pt(9)
    run = _run(out, p.text, bold=p.style == "strong", lang=_word_lang(p.lang))
    if p.style == "small":
        run.font.size = Pt(9)
        run.font.color.rgb = _hex(PALETTE["muted"])
    return out


class _Numbers:
    """Each numbered list starts at 1: a new ``w:num`` on the ``List Number`` numbering."""

    def __init__(self, d: WordDocument) -> None:
        self.d = d

    def new(self) -> str | None:
        style = self.d.styles["List Number"].element
        num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_pr is None:
            return None
        numbering = self.d.part.numbering_part.element
        base = next((n for n in numbering.findall(qn("w:num"))
                     if n.get(qn("w:numId")) == num_pr.get(qn("w:val"))), None)
        if base is None:
            return None
        abstract = base.find(qn("w:abstractNumId"))
        if abstract is None:
            return None
        num_id = str(1 + max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))))
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), num_id)
        ab = OxmlElement("w:abstractNumId")
        ab.set(qn("w:val"), abstract.get(qn("w:val")))
        num.append(ab)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
        numbering.append(num)
        return num_id


def _number(p: WordParagraph, num_id: str) -> None:
    num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = int(num_id)


def _shade(cell: _Cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill.lstrip("#").upper())
    cell._tc.get_or_add_tcPr().append(shd)


def _borders(cell: _Cell, **sides: tuple[str, int] | None) -> None:
    """Cell borders: ``side=(colour, eighths of a point)`` or ``None`` for none."""
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        spec = sides.get(side)
        if spec is None:
            el.set(qn("w:val"), "nil")
        else:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), str(spec[1]))
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), spec[0].lstrip("#").upper())
        borders.append(el)
    tc_pr.append(borders)


def _width(t: WordTable, kind: str, value: int) -> None:
    """The table's and its cells' preferred width: ``("auto", 0)`` lets Word fit the columns to
    their content, ``("pct", 5000)`` is the full width."""
    tbl_w = t._tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        t._tbl.tblPr.append(tbl_w)
    tbl_w.set(qn("w:type"), kind)
    tbl_w.set(qn("w:w"), str(value))
    for tc in t._tbl.iter(qn("w:tc")):
        tc_w = tc.get_or_add_tcPr().find(qn("w:tcW"))
        if tc_w is not None:
            tc_w.set(qn("w:type"), kind)
            tc_w.set(qn("w:w"), str(value))


def _box(box: Container, *, fill: str | None, left: tuple[str, int], edge: tuple[str, int] | None) -> _Cell:
    """A one-cell table (a callout or a card); returns its cell, emptied."""
    t = box.add_table(rows=1, cols=1)
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    _width(t, "pct", 5000)  # the full width
    cell = t.cell(0, 0)
    _borders(cell, top=edge, bottom=edge, right=edge, left=left)
    if fill:
        _shade(cell, fill)
    return cell


def _finish_box(cell: _Cell) -> None:
    """Drop the empty paragraph a new cell starts with (a cell must keep one paragraph)."""
    first = cell.paragraphs[0]
    if not first.text and len(cell._tc) > 2:
        first._p.getparent().remove(first._p)


def _table(box: Container, t: Table, caption: str | None = None) -> None:
    if not t.header:
        return
    caption = caption or t.caption
    if caption:
        box.add_paragraph(_text(caption, one_line=True), style="Caption")
    out: WordTable = box.add_table(rows=1 + len(t.rows), cols=len(t.header))
    out.style = "Table Grid"
    out.autofit = True
    _width(out, "auto", 0)
    for y, row in enumerate(out.rows):
        texts = t.header if y == 0 else t.rows[y - 1]
        for x, cell in enumerate(row.cells):
            p = cell.paragraphs[0]
            if not (t.form and not texts[x].strip()):  # a field to fill in stays empty, ready to type in
                _run(p, _text(texts[x], one_line=True), bold=y == 0)
            if x in t.numeric:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if y == 0:
                _shade(cell, PALETTE["header_fill"])
    if t.form:  # the full width, and room to write in an empty cell
        _width(out, "pct", 5000)
        for y, row in enumerate(out.rows[1:]):
            if not any(c.strip() for c in t.rows[y]) or not t.rows[y][-1].strip():
                row.height = Cm(1.1)
                row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    tr_pr = out.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    # A paragraph after every table: a cell must end with one, and two tables in a row would
    # merge into one when Word opens the file.
    box.add_paragraph()


def _block(box: Container, b: Block, numbers: _Numbers) -> None:
    if isinstance(b, Heading):
        box.add_paragraph(_text(b.text, one_line=True), style=f"Heading {b.level}")
    elif isinstance(b, Paragraph):
        _para(box, b)
    elif isinstance(b, Link):
        _hyperlink(box.add_paragraph(), b.label, b.url)
    elif isinstance(b, SourceLine):
        p = box.add_paragraph(style=SOURCE_STYLE)
        _run(p, b.text)
        if b.url:
            if b.text:
                p.add_run(" ")
            _hyperlink(p, b.url, b.url)
    elif isinstance(b, Bullets):
        num_id = numbers.new() if b.numbered else None
        for item in b.items:
            p = _para(box, item, style="List Number" if b.numbered else "List Bullet")
            if num_id is not None:
                _number(p, num_id)
    elif isinstance(b, Table):
        _table(box, b)
    elif isinstance(b, Figure):
        if b.title:
            box.add_paragraph(_text(b.title, one_line=True), style="Caption")
        box.add_paragraph(_text(b.alt))
        if b.table is not None:
            _table(box, b.table)
    elif isinstance(b, Callout):
        look = CALLOUTS.get(b.kind, CALLOUTS["info"])
        cell = _box(box, fill=look["tint"], left=(look["bar"], 24), edge=None)
        if b.title:
            run = _run(cell.add_paragraph(), b.title, bold=True)
            run.font.color.rgb = _hex(look["title"])
        for c in b.body:
            _block(cell, c, numbers)
        _finish_box(cell)
        box.add_paragraph()
    elif isinstance(b, Details):
        _run(box.add_paragraph(), b.title, bold=True)
        for c in b.body:
            _block(box, c, numbers)
    elif isinstance(b, Aside):  # reading material: printed in place
        for c in b.body:
            _block(box, c, numbers)
    elif isinstance(b, Card):
        edge = (PALETTE["card"], 6)
        cell = _box(box, fill=None, left=edge, edge=edge)
        for c in b.body:
            _block(cell, c, numbers)
        _finish_box(cell)
        box.add_paragraph()
    else:
        raise TypeError(f"not a block: {b!r}")


def _field(p: WordParagraph, code: str) -> None:
    f = OxmlElement("w:fldSimple")
    f.set(qn("w:instr"), f" {code} ")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    f.append(r)
    p._p.append(f)


def _footer(d: WordDocument, pattern: str) -> None:
    """The page line: ``{n}`` as a PAGE field, ``{total}`` as NUMPAGES."""
    section = d.sections[0]
    section.different_first_page_header_footer = False
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for part in re.split(r"(\{n\}|\{total\})", pattern):
        if part == "{n}":
            _field(p, "PAGE")
        elif part == "{total}":
            _field(p, "NUMPAGES")
        elif part:
            p.add_run(_text(part, one_line=True))


#: The page: A4 (210 × 297 mm), with the PDF's margins.
PAGE_MM = (210, 297)
MARGIN_CM = {"left": 2.4, "right": 2.4, "top": 2.4, "bottom": 2.6}


def _a4(d: WordDocument) -> None:
    """A4 paper and the PDF's margins (python-docx's own template is US Letter)."""
    for section in d.sections:
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        section.left_margin, section.right_margin = Cm(MARGIN_CM["left"]), Cm(MARGIN_CM["right"])
        section.top_margin, section.bottom_margin = Cm(MARGIN_CM["top"]), Cm(MARGIN_CM["bottom"])


def render(doc: Document) -> bytes:
    """``doc`` as a Word document (``.docx``)."""
    d = docx.Document()
    lang = locales.get(doc.lang).tag
    _setup(d, lang)
    d.core_properties.title = _text(doc.title, one_line=True)
    d.core_properties.language = lang
    _a4(d)
    d.add_paragraph(_text(doc.title, one_line=True), style="Title")
    if doc.subtitle:
        d.add_paragraph(_text(doc.subtitle), style="Subtitle")
    for label, value in doc.case:
        p = d.add_paragraph()
        _run(p, _text(label, one_line=True) + ": ", bold=True)
        _run(p, _text(value, one_line=True))
    if doc.dated:
        d.add_paragraph(_text(doc.dated, one_line=True))
    if doc.link:
        _hyperlink(d.add_paragraph(), doc.link_label or doc.link, doc.link)
    if doc.notice:
        _para(d, Paragraph(doc.notice, "small"))
    if doc.blocks and not doc.compact:
        d.add_page_break()  # the title page on its own, as in the PDF
    numbers = _Numbers(d)
    for b in doc.blocks:
        _block(d, b, numbers)
    _footer(d, doc.footer)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()
