"""The blocks as Markdown: for the screen's Markdown export and the downloadable ``.md`` file.

Every text is escaped with :func:`~guide.documents.escape.md_escape`, so what a user typed is
shown as typed, never read as Markdown or HTML; every link target passes
:func:`~guide.documents.escape.safe_url`.
"""

from __future__ import annotations

from collections.abc import Iterable

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
from guide.documents.escape import md_escape, md_url, safe_url


def _esc(text: str, *, line_start: bool = True) -> str:
    return md_escape(text, line_start=line_start)


def _para(p: Paragraph) -> str:
    if p.lead:
        rest = _para(Paragraph(p.text, p.style, p.lang))
        return f"**{_esc(p.lead, line_start=False)}** {rest}".rstrip()
    if p.style == "strong":
        return f"**{_esc(p.text, line_start=False)}**" if p.text.strip() else ""
    if p.style == "small":
        return f"*{_esc(p.text, line_start=False)}*" if p.text.strip() else ""
    return _esc(p.text)


def _link(label: str, url: str) -> str:
    target = safe_url(url)
    shown = label if label.strip() else url
    if target is None:
        return _esc(shown)
    label = md_url(shown) if shown == url else _esc(shown, line_start=False)  # an address: copied whole
    return f"[{label}]({target})"


def _source(s: SourceLine) -> str:
    text = f"*{_esc(s.text, line_start=False)}*" if s.text.strip() else ""
    if s.url:
        target = safe_url(s.url)
        url = f"<{target}>" if target is not None else _esc(s.url, line_start=False)
        text = f"{text} {url}" if text else url
    return text


def _table(t: Table) -> str:
    def row(cells: Iterable[str]) -> str:
        return "| " + " | ".join(_esc(c, line_start=False) for c in cells) + " |"

    rule = "|" + "".join(" ---: |" if i in t.numeric else " --- |" for i in range(len(t.header)))
    lines = [row(t.header), rule, *(row(r) for r in t.rows)]
    if t.caption:
        lines.insert(0, f"**{_esc(t.caption, line_start=False)}**\n")
    return "\n".join(lines)


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


def _block(b: Block, shift: int) -> str:
    if isinstance(b, Heading):
        return f"{'#' * min(6, max(1, b.level + shift))} {_esc(b.text, line_start=False)}"
    if isinstance(b, Paragraph):
        return _para(b)
    if isinstance(b, Link):
        return _link(b.label, b.url)
    if isinstance(b, SourceLine):
        return _source(b)
    if isinstance(b, Bullets):
        return "\n".join(f"{f'{i}.' if b.numbered else '-'} {_para(p)}" for i, p in enumerate(b.items, 1))
    if isinstance(b, Table):
        return _table(b) if b.header else ""
    if isinstance(b, Figure):
        parts = [f"**{_esc(b.title, line_start=False)}**"] if b.title else []
        parts.append(_esc(b.alt))
        if b.table is not None and b.table.header:
            parts.append(_table(b.table))
        return "\n\n".join(p for p in parts if p)
    if isinstance(b, Callout):
        body = _blocks(b.body, shift)
        if b.title:
            body = f"**{_esc(b.title, line_start=False)}**" + (f"\n\n{body}" if body else "")
        return _quote(body)
    if isinstance(b, Details):
        body = _blocks(b.body, shift)
        title = f"**{_esc(b.title, line_start=False)}**"
        return f"{title}\n\n{body}" if body else title
    if isinstance(b, Card | Aside):
        return _blocks(b.body, shift)
    raise TypeError(f"not a block: {b!r}")


def _blocks(blocks: Iterable[Block], shift: int) -> str:
    return "\n\n".join(s for s in (_block(b, shift) for b in blocks) if s)


def render(blocks: Iterable[Block], *, level: int = 1) -> str:
    """Markdown of ``blocks``; every heading is shifted by ``level - 1`` (``level=2`` puts a level-1
    heading at ``##``, to sit under a page title)."""
    return _blocks(blocks, level - 1) + "\n"


def document(doc: Document) -> str:
    """The whole document: its title as ``#``, the subtitle, the date line, the restore link,
    then the blocks (whose level-2 headings come out as ``##``)."""
    head = [f"# {_esc(doc.title, line_start=False)}"]
    if doc.subtitle:
        head.append(f"**{_esc(doc.subtitle, line_start=False)}**")
    if doc.case:
        head.append("  \n".join(f"**{_esc(k, line_start=False)}:** {_esc(v, line_start=False)}"
                                 for k, v in doc.case))
    if doc.dated:
        head.append(_esc(doc.dated))
    if doc.link:
        head.append(_link(doc.link_label or doc.link, doc.link))
    if doc.notice:
        head.append(f"*{_esc(doc.notice, line_start=False)}*")
    return "\n\n".join(head) + "\n\n" + render(doc.blocks)
