"""The one Streamlit renderer of blocks: every result on the screen and on the shared screen.

Presenters (``guide.<domain>.presenter``) return blocks; pages draw them with :func:`draw`.
Presenter mode draws the same blocks, larger (``guide.ui.present``'s styles). Text is escaped
once, by the Markdown renderer's own escaping (``guide.documents.escape``); a paragraph in another
language than the page's (``Paragraph.lang``) is drawn on its own as HTML with that ``lang``, its
text escaped for HTML, as the PDF and Word renderers mark it too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import streamlit as st

from guide.documents import blocks as b
from guide.documents import markdown as md
from guide.documents.escape import css_string, md_escape, md_url
from guide.ui import figures
from guide.ui.common import lang
from guide.ui.present import presenting

#: A language tag a paragraph may carry (nb, nn, en, en-GB …); anything else is not drawn as one.
_LANG = re.compile(r"[a-z]{2,3}(-[A-Za-z]{2})?")

#: How each kind of callout is drawn: Streamlit's alert and its icon.
CALLOUTS: dict[str, tuple[str, str]] = {
    "success": ("success", ":material/check_circle:"),
    "info": ("info", ":material/info:"),
    "warning": ("warning", ":material/warning:"),
    "error": ("error", ":material/error:"),
    "law_changed": ("info", ":material/update:"),
    "pending_change": ("warning", ":material/pending:"),
    "our_estimate": ("info", ":material/calculate:"),
    "booklet": ("info", ":material/menu_book:"),
}


def _text(p: b.Paragraph) -> str:
    text = md_escape(p.text, line_start=p.style == "normal" and not p.lead)
    text = f"**{text}**" if p.style == "strong" else text
    return f"**{md_escape(p.lead, line_start=False)}** {text}" if p.lead else text


def _other_lang(block: b.Block) -> str | None:
    """The language of a paragraph written in another language than the page's, else None."""
    if isinstance(block, b.Paragraph) and block.lang and _LANG.fullmatch(block.lang):
        return None if block.lang.split("-")[0] == lang() else block.lang
    return None


def _text_of(block: b.Block) -> tuple[str, str] | None:
    """A block drawn as text: ("markdown" | "caption", its Markdown); None for any other block."""
    if _other_lang(block) is not None:
        return None  # drawn on its own, with its language (see _draw)
    if isinstance(block, b.Heading):
        return "markdown", f"{'#' * block.level} {md_escape(block.text, line_start=False)}"
    if isinstance(block, b.Paragraph):
        if block.style == "small":
            return "caption", _text(b.Paragraph(block.text, "normal", lead=block.lead))
        return "markdown", _text(block)
    if isinstance(block, b.SourceLine):
        url = f" — [{md_url(block.url)}]({block.url})" if block.url else ""  # copied, the address works
        return "caption", md_escape(block.text) + url
    if isinstance(block, b.Link):
        return "markdown", f"[{md_escape(block.label, line_start=False)}]({block.url})"
    if isinstance(block, b.Bullets | b.Table):  # a table's caption is a bold line above it
        return "markdown", md.render([block]).rstrip("\n")
    return None


def draw(blocks: Iterable[b.Block], *, key: str = "blocks", fit_tables: bool = False) -> None:
    """Draw ``blocks`` in the current container; ``key`` keeps chart keys unique on a page.

    Text blocks in a row are drawn as one element (one Markdown, one caption), a heading always
    starting a new one: a page of results is then a few dozen elements, not a few hundred, and a
    rerun costs that much less. With ``fit_tables`` each table is drawn by :func:`fitted_table`,
    to fit the page's width on any screen."""
    kind = ""
    run: list[str] = []

    def flush() -> None:
        if run:
            (st.caption if kind == "caption" else st.markdown)("\n\n".join(run))
            run.clear()

    for n, block in enumerate(blocks):
        if fit_tables and isinstance(block, b.Table):
            flush()
            kind = ""
            fitted_table(block, key=f"{key}_table_{n}".replace(".", "_"))
            continue
        text = _text_of(block)
        if text is None:
            flush()
            _draw(block, f"{key}.{n}")
            continue
        if text[0] != kind or isinstance(block, b.Heading):
            flush()
            kind = text[0]
        run.append(text[1])
    flush()


def _draw(block: b.Block, key: str) -> None:
    if isinstance(block, b.Paragraph):  # in another language: HTML with its lang, text escaped
        text = html.escape(block.text)
        if block.style == "strong":
            text = f"<strong>{text}</strong>"
        if block.lead:
            text = f"<strong>{html.escape(block.lead)}</strong> {text}"
        draw_as = st.caption if block.style == "small" else st.markdown
        draw_as(f'<p lang="{_other_lang(block)}">{text}</p>', unsafe_allow_html=True)
    elif isinstance(block, b.Figure):
        if block.title:
            st.markdown(f"#### {md_escape(block.title, line_start=False)}")
        fig = figures.build(block.chart, block.data, lang())
        st.plotly_chart(fig, width="stretch", config={"displayModeBar": False}, key=key,
                        alt=block.title or block.alt)
        st.caption(md_escape(block.alt))
    elif isinstance(block, b.Callout) and block.kind == "answer":  # the answer: a box of its own
        with st.container(border=True, key=f"answer_{key}".replace(".", "_")):
            if block.title:
                st.markdown(f"**{md_escape(block.title, line_start=False)}**")
            draw(block.body, key=key)
    elif isinstance(block, b.Callout):
        kind, icon = CALLOUTS[block.kind]
        head = [b.Paragraph(block.title, "strong")] if block.title else []
        getattr(st, kind)(md.render([*head, *block.body]), icon=icon)
    elif isinstance(block, b.Details):
        with st.expander(block.title):
            draw(block.body, key=key)
    elif isinstance(block, b.Aside):
        if not presenting():  # reading material is for a personal screen, not for the room
            draw(block.body, key=key)
    elif isinstance(block, b.Card):
        with st.container(border=True):
            draw(block.body, key=key)


#: Below this width a fitted table shows each row as a box of its own, one labelled line a cell.
NARROW_PX = 640


def fitted_table_css(key: str, header: tuple[str, ...]) -> str:
    """The style sheet that fits the table in the container ``key`` to its width: its text wraps
    at spaces (inside a word only where one word is wider than its column), the cells are padded
    less than a plain table's, and on a narrow screen each row is a box whose every cell starts
    with its column's name. Fixed rules, with the column names as escaped CSS strings."""
    box = f".st-key-{key}"
    labels = "\n".join(
        f"  {box} td:nth-child({n})::before {{ content: {css_string(h + ': ')}; font-weight: 600; }}"
        for n, h in enumerate(header, 1)
    )
    return f"""<style>
{box} table {{ width: 100%; }}
{box} th, {box} td {{ vertical-align: top; overflow-wrap: break-word; padding: 0.5rem; }}
@media (max-width: {NARROW_PX}px) {{
  {box} table, {box} tbody, {box} tr, {box} td {{ display: block; width: 100%; }}
  {box} thead {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }}
  {box} tr {{ border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; margin-bottom: 0.75rem;
    padding: 0.25rem 0.75rem; }}
  {box} td {{ border: none; padding: 0.15rem 0; }}
{labels}
}}
</style>"""


def fitted_table(table: b.Table, *, key: str) -> None:
    """Draw ``table`` so that it fits the page's width on any screen (see :func:`fitted_table_css`)."""
    if not key.replace("_", "").isalnum():
        raise ValueError(f"key {key!r} must be letters, digits and _")
    with st.container(key=key):
        st.markdown(fitted_table_css(key, table.header), unsafe_allow_html=True)
        draw([table], key=key)
