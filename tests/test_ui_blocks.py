"""guide.ui.blocks: a paragraph in another language than the page's is drawn with its own lang."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from guide.model import LANGS

PAGE = """
import streamlit as st
from guide.documents import blocks as b
from guide.ui import blocks

st.session_state["lang"] = {lang!r}
blocks.draw([
    b.Paragraph("Vanleg tekst på sida."),
    b.Paragraph("«Det er lett å bli forelsket i egen idé» <b>", lang="nb"),
    b.Paragraph("Social Return on Investment", "small", lang="en", lead="Namn:"),
    b.Paragraph("Ein tekst på sida sitt eige språk.", lang={lang!r}),
    b.Paragraph("Ikkje eit språk.", lang="<x>"),
])
"""


@pytest.mark.parametrize("lang", LANGS)
def test_a_paragraph_in_another_language_carries_its_lang(tmp_path: Path, lang: str) -> None:
    page = tmp_path / "page.py"
    page.write_text(PAGE.format(lang=lang), encoding="utf-8")
    at = AppTest.from_file(str(page), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    html = [e.value for e in [*at.markdown, *at.caption] if e.value.startswith("<p lang=")]
    tagged = {v.split('"', 2)[1] for v in html}
    assert tagged == {"nb", "en"} - {lang}  # only what differs from the page's language
    assert all("<b>" not in v for v in html)  # the text is escaped, never read as markup
    if lang != "nb":
        assert any("&lt;b&gt;" in v for v in html)
    if lang != "en":
        caption = next(e.value for e in at.caption if e.value.startswith("<p lang="))
        assert caption == '<p lang="en"><strong>Namn:</strong> Social Return on Investment</p>'
    shown = "\n".join(e.value for e in at.markdown)
    assert "Ikkje eit språk." in shown and 'lang="<x>"' not in shown
