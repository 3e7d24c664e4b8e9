"""Shared helpers for pages: content (parsed once per process), language, texts, sources."""

from __future__ import annotations

from typing import Any

import streamlit as st

from guide import content as content_mod
from guide import text as text_mod
from guide.model import LANGS, Lang, Source, Text

LANG_KEY = "lang"


@st.cache_resource(show_spinner=False)
def content() -> content_mod.Content:
    """The validated content, parsed once per process (raises ContentError if broken)."""
    return content_mod.default()


def lang() -> Lang:
    value = st.session_state.get(LANG_KEY)
    return value if value in LANGS else "nb"


def t(key: str, **fmt: Any) -> str:
    """A UI string from ``content/ui/`` in the current language."""
    return content().t(key, lang(), **fmt)


def tx(text: Text | None) -> str:
    """A content text in the current language ('' for None)."""
    return "" if text is None else text(lang())


def cite(source: Source) -> str:
    return text_mod.cite(content(), source, lang())


def source_caption(source: Source) -> None:
    """Render a source as a caption, with a link where there is one."""
    url = text_mod.source_url(content(), source)
    label = t("cite.source", text=cite(source))
    if url:
        st.caption(f"{label} — [{url}]({url})")
    else:
        st.caption(label)


def updates_notice(updates: list[Any]) -> None:
    """Show what has changed since the booklet, each with its date, status and source."""
    for u in updates:
        status = t(f"update.status.{u.status}")
        source = t("cite.source", text=cite(u.source))
        body = f"**{status} ({u.date.isoformat()})** — {tx(u.text)}\n\n_{source}_"
        if u.status == "in_force":
            st.info(body, icon=":material/update:")
        else:
            st.warning(body, icon=":material/warning:")


def nok(value: float) -> str:
    return text_mod.nok(value, lang())
