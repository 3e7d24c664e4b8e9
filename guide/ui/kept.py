"""Widgets whose value is kept in the session across page changes and language switches.

Streamlit forgets a widget's value when its page is left, and a multiselect or segmented control
keeps the labels of its chosen options as they were drawn: after a language switch the chips stay
in the old language. A kept widget holds its value (option ids, never labels) in a plain session
key, ``kept.<name>``, and is drawn under a key of its own per language, starting from the kept
value: so the chips are always drawn in the page's language, and the filters are still there when
the user comes back to the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from guide.ui.common import lang

PREFIX = "kept."
#: The parameter that gives each widget its starting value.
START = {"text_input": "value", "multiselect": "default", "segmented_control": "default"}


def key_of(name: str, lg: str | None = None) -> str:
    """The widget key of kept widget ``name`` in language ``lg`` (the page's by default)."""
    return f"{name}.{lg or lang()}"


def value(name: str, fallback: Any = None) -> Any:
    """The kept value of ``name`` (``fallback`` before it was first set)."""
    return st.session_state.get(PREFIX + name, fallback)


def widget(fn: Callable[..., Any], label: str, name: str, *, fallback: Any = None, **kwargs: Any) -> Any:
    """Draw ``fn`` (``st.multiselect``, ``st.segmented_control``, ``st.text_input``, or a
    column's) under the key ``<name>.<lang>``, starting from the kept value; return its value."""
    key = key_of(name)
    kind = getattr(fn, "__name__", "")
    if kind not in START:
        raise ValueError(f"no kept widget for {kind!r}")
    start = value(name, fallback)
    if kind == "multiselect" and "options" in kwargs:
        allowed = list(kwargs["options"])
        start = [v for v in (start or []) if v in allowed]
    elif kind == "segmented_control" and "options" in kwargs and start not in list(kwargs["options"]):
        start = fallback

    def changed() -> None:
        st.session_state[PREFIX + name] = st.session_state.get(key)

    got = fn(label, key=key, on_change=changed, **{START[kind]: start}, **kwargs)
    if PREFIX + name not in st.session_state:
        st.session_state[PREFIX + name] = got
    return got
