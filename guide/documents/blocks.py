"""The block model: what a result says, independent of where it is shown.

A presenter returns a tuple of blocks; the screen (``guide.ui.blocks``), the shared screen and
every document (``guide.documents.markdown``, ``.pdf``, ``.docx``) draw the same blocks, so screen
and paper agree by construction. Every text in a block is plain text, never markup: each renderer
escapes it for its medium (``guide.documents.escape``). Figures carry their data, their text
alternative and, where it helps, a table of the same figures; the screen draws the chart, a
document shows the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

_LEAD = re.compile(r"^\*\*(.+?)\*\*\s*(.*)$", re.S)

#: A callout's kind. ``answer`` is the one clear answer of a result; ``law_changed``: the law has
#: changed since the booklet; ``pending_change``: a proposal or an unconfirmed change, never used
#: as law; ``our_estimate``: a figure or weight the app itself estimated; ``booklet``: the 2017
#: booklet's advice, kept as history.
CalloutKind = Literal[
    "answer", "info", "success", "warning", "error", "law_changed", "pending_change", "our_estimate",
    "booklet",
]
ParagraphStyle = Literal["normal", "strong", "small"]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2  # 1 (the document's title) to 6

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 6:
            raise ValueError(f"heading level {self.level} is not 1–6")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``lead`` is a bold lead-in before the text ("Proposed change – not used:")."""

    text: str
    style: ParagraphStyle = "normal"
    lang: str | None = None  # set when the text is in another language than the document's
    lead: str | None = None

    @classmethod
    def of(cls, worded: str, style: ParagraphStyle = "normal") -> Paragraph:
        """A paragraph of a text worded in content, where a bold lead-in is written ``**…**`` at
        the start; any other ``**`` is dropped (content texts carry no other markup here)."""
        m = _LEAD.match(worded)
        if m is None:
            return cls(worded.replace("**", ""), style)
        return cls(m.group(2).replace("**", "").strip(), style, lead=m.group(1).strip())


@dataclass(frozen=True)
class Link:
    """A link on its own line: ``label`` is what the user reads, ``url`` where it goes."""

    label: str
    url: str


@dataclass(frozen=True)
class SourceLine:
    """Where a fact comes from (already worded, e.g. "Kilde: Veier til samarbeid, kap. 3, s. 14")."""

    text: str
    url: str | None = None


@dataclass(frozen=True)
class Bullets:
    items: tuple[Paragraph, ...]
    numbered: bool = False

    @classmethod
    def of(cls, items: Iterable[str | Paragraph], *, numbered: bool = False) -> Bullets:
        return cls(tuple(i if isinstance(i, Paragraph) else Paragraph(i) for i in items), numbered)


@dataclass(frozen=True)
class Table:
    """A table with one header row. ``numeric`` names the columns that hold amounts or counts
    (right-aligned, never broken inside a number); an empty cell of a ``form`` is one to fill in
    (a cell holding only whitespace)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None
    numeric: tuple[int, ...] = ()
    form: bool = False  # a form to fill in: the page's full width, room to write in an empty cell

    def __post_init__(self) -> None:
        for r in self.rows:
            if len(r) != len(self.header):
                raise ValueError(f"a table row has {len(r)} cells for {len(self.header)} columns")


@dataclass(frozen=True)
class Figure:
    """A chart: ``chart`` names its kind (the screen's builder in ``guide.ui.figures``), ``data``
    is plain data for it, ``alt`` its text alternative; ``table`` the same figures as a table."""

    chart: str
    alt: str
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    title: str | None = None
    table: Table | None = None


@dataclass(frozen=True)
class Callout:
    """A box that stands out: the answer, a change in the law, a pending change, an estimate."""

    kind: CalloutKind
    body: tuple[Block, ...]
    title: str | None = None


@dataclass(frozen=True)
class Details:
    """A section the screen shows collapsed (an expander); a document shows it in full."""

    title: str
    body: tuple[Block, ...]


@dataclass(frozen=True)
class Card:
    """Blocks that belong together (a recommended item), drawn in a bordered box on screen."""

    body: tuple[Block, ...]


@dataclass(frozen=True)
class Aside:
    """Reading material beside a result (the booklet's examples of a recommendation): drawn on a
    personal screen and printed in documents; the shared screen of a room leaves it out."""

    body: tuple[Block, ...]


Block = Heading | Paragraph | Link | SourceLine | Bullets | Table | Figure | Callout | Details | Card | Aside


@dataclass(frozen=True)
class Document:
    """A whole document: its title, language, date line and restore link for the title page."""

    title: str
    lang: str
    blocks: tuple[Block, ...]
    subtitle: str | None = None
    dated: str | None = None  # the date line, worded ("1. desember 2026")
    link: str | None = None  # the link that restores the answers
    link_label: str | None = None
    footer: str = "{n} / {total}"  # the page line: {n} this page, {total} the number of pages
    case: tuple[tuple[str, str], ...] = ()  # (label, value) of the case file: the purchase's name, case no.
    notice: str | None = None  # a note for the title page (the disclaimer): never alone on a last page
    compact: bool = False  # a form: the blocks follow the title on its page (no title page of its own)


def walk(blocks: Iterable[Block]) -> Iterator[Block]:
    """Every block, depth first, the containers before what they hold."""
    for b in blocks:
        yield b
        if isinstance(b, Callout | Details | Card | Aside):
            yield from walk(b.body)


def headings(blocks: Iterable[Block]) -> list[tuple[int, str]]:
    """The (level, text) of every heading, in order: what screen and paper must agree on."""
    return [(b.level, b.text) for b in walk(blocks) if isinstance(b, Heading)]


def texts(blocks: Iterable[Block]) -> Iterator[str]:
    """Every text a reader sees, in order (a figure gives its alternative and its table)."""
    for b in walk(blocks):
        if isinstance(b, Paragraph):
            yield f"{b.lead} {b.text}" if b.lead else b.text
        elif isinstance(b, Heading | SourceLine):
            yield b.text
        elif isinstance(b, Link):
            yield b.label
        elif isinstance(b, Bullets):
            yield from (p.text for p in b.items)
        elif isinstance(b, Table):
            yield from _table_texts(b)
        elif isinstance(b, Figure):
            if b.title:
                yield b.title
            yield b.alt
            if b.table is not None:
                yield from _table_texts(b.table)
        elif isinstance(b, Callout | Details) and b.title:
            yield b.title


def _table_texts(t: Table) -> Iterator[str]:
    if t.caption:
        yield t.caption
    yield from t.header
    for r in t.rows:
        yield from r
