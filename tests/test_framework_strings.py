"""Streamlit's own English texts rewritten in the page's language (guide/ui/framework.py)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import streamlit

from guide import content as content_mod
from guide.model import LANGS
from guide.ui import framework

STATIC = Path(streamlit.__file__).parent / "static" / "static" / "js"


@functools.cache
def bundle() -> str:
    """Streamlit's frontend code, as installed."""
    return "".join(p.read_text("utf-8", errors="ignore") for p in STATIC.glob("*.js"))


#: Texts Streamlit composes from parts: the parts as its code holds them.
COMPOSED = {
    "st.input.apply": ["Press Enter to ${e}", "`apply`"],
    "st.input.submit": ["Press Enter to ${e}", "`submit form`"],
    "st.textarea.apply": ["+Enter to ${e}", "`apply`", "`Ctrl`"],
    "st.textarea.submit": ["+Enter to ${e}", "`submit form`", "`Ctrl`"],
}


def js_to_python(replacement: str) -> str:
    return re.sub(r"\$(\d)", r"\\\1", replacement).replace("$$", "$")


@pytest.mark.parametrize("key", framework.KEYS)
def test_each_text_is_streamlits_own_and_translated_with_the_same_fields(key: str) -> None:
    c = content_mod.default()
    english = c.t(key, "en")
    fields = set(re.findall(r"\{(\w+)\}", english))
    literal = COMPOSED.get(key) or [part for part in re.split(r"\{\w+\}", english) if part.strip()]
    for part in literal:  # still Streamlit's text in the installed version
        assert part.strip() in bundle(), f"{key}: {part!r} is not in Streamlit's frontend any more"
    for lang in LANGS:
        own = c.t(key, lang)
        assert set(re.findall(r"\{(\w+)\}", own)) == fields, (key, lang)


@pytest.mark.parametrize("lang", [lg for lg in LANGS if lg != "en"])
def test_the_rules_turn_streamlits_english_into_the_language(lang: str) -> None:
    c = content_mod.default()
    rules = framework.rules(c, lang)  # type: ignore[arg-type]
    assert len(rules) == len(framework.KEYS)
    compiled = [(re.compile(src), js_to_python(rep)) for src, rep in rules]

    def tr(s: str) -> str:
        for src, rep in compiled:
            if src.search(s):
                return src.sub(rep, s)
        return s

    assert tr("Help for Presentasjonsmodus") == c.t("st.help_for", lang, label="Presentasjonsmodus")  # type: ignore[arg-type]
    assert tr("1MB per file") == c.t("st.upload.limit", lang, size="1MB")  # type: ignore[arg-type]
    assert tr("Skip to main content") == c.t("st.skip", lang)  # type: ignore[arg-type]
    assert tr("Search the examples") == "Search the examples", "only whole texts are rewritten"


def test_english_pages_keep_streamlits_texts_and_the_script_cannot_be_ended_early() -> None:
    c = content_mod.default()
    assert framework.rules(c, "en") == []
    script = framework.script(c, "nb")
    assert script.count("</script>") == 1 and script.strip().endswith("</script>")
