"""Shared helpers for pages: content (parsed once per process), language, texts, sources."""

from __future__ import annotations

import gc
import sys
import threading
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from guide import content as content_mod
from guide import formats
from guide import text as text_mod
from guide.documents.escape import md_escape
from guide.model import LANGS, Lang, Source, Text

try:  # Streamlit internals, used only to know when a page's own body runs (see _page_run)
    from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState
except ImportError:  # pragma: no cover - another Streamlit: lang() just reads the session each time
    ThreadState = None  # type: ignore[assignment,misc]  # fallback: this Streamlit lacks the class

LANG_KEY = "lang"
LANG_NOTICE = "lang.unknown"  # the language code asked for in the link that the app does not have
#: The languages an unknown language is told of in: the default, and the one most read abroad.
NOTICE_LANGS: tuple[Lang, ...] = ("nb", "en")


def content() -> content_mod.Content:
    """The validated content, parsed once per process (raises ContentError if broken).

    ``guide.content.default()`` is a ``functools.cache``: a call costs ~0.1 µs, where going
    through ``st.cache_resource`` cost ~11 µs, and pages call this hundreds of times a run.
    """
    return content_mod.default()


_frozen_at = 0  # len(sys.modules) when the heap was last frozen


def freeze_heap() -> None:
    """Keep the garbage collector off the process's long-lived objects.

    After every script run Streamlit calls ``gc.collect(2)`` (option ``runner.postScriptGC``),
    which walks every tracked object: with pandas, Plotly, pydantic and the content loaded that
    is ~170 000 objects and ~130 ms of CPU on every click, more than the page itself. Once the
    modules a page needs are imported, this collects once and moves what survives into the
    permanent generation (``gc.freeze``); the collection after each run then only walks what
    that run allocated. It does the work again only when new modules were imported (the first
    visit of a page in this process), so it runs a handful of times per process.
    """
    global _frozen_at
    modules = len(sys.modules)
    if modules == _frozen_at:
        return
    _frozen_at = modules
    gc.collect()
    gc.freeze()


_run_lang = threading.local()  # (token of the run, language) per script thread


def _page_run() -> object | None:
    """A token of this script run while a page's own body runs, else None.

    The shell may still set the language (from the link, or from saved answers) before it runs
    the page; once the page's body runs, the language is fixed for the rest of the run. The
    token is the run's own ``cursors`` dict, which Streamlit makes anew for every run.
    """
    if ThreadState is None:
        return None
    try:
        ctx = get_script_run_ctx(suppress_warning=True)
        if ctx is None or ThreadState.get().active_script_hash == ctx.pages_manager.main_script_hash:
            return None
        return ctx.cursors
    except Exception:  # internals changed: fall back to reading the session every time
        return None


def lang() -> Lang:
    """The language of this session (one of ``LANGS``; "nb" unless another was chosen).

    Read from the session once per run of a page's body (a read costs ~7 µs, and a page asks for
    it hundreds of times); in the shell it is read every time, since the shell may change it.
    """
    token = _page_run()
    if token is not None:
        cached = getattr(_run_lang, "value", None)
        if cached is not None and cached[0] is token:
            return cached[1]
    value = st.session_state.get(LANG_KEY)
    result: Lang = value if value in LANGS else "nb"
    if token is not None:
        _run_lang.value = (token, result)
    return result


def lang_notice() -> None:
    """Say, in bokmål and English, that the language asked for in the link is not one the app
    has (shown until a language is chosen)."""
    asked = st.session_state.get(LANG_NOTICE)
    if not isinstance(asked, str):
        return
    code = md_escape(asked[:20], line_start=False)
    st.info("\n\n".join(content().t("lang.unknown", lg, code=code) for lg in NOTICE_LANGS),
            icon=":material/translate:")


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


def updates_notice(updates: list[Any], *, same_as: Source | None = None) -> None:
    """Show what has changed since the booklet, each with its date, status and source; a source
    that is ``same_as`` (the item's own, shown under it) is not repeated in the notice."""
    for u in updates:
        status = t(f"update.status.{u.status}")
        body = f"**{status} ({formats.date(u.date, lang())})** — {tx(u.text)}"
        if u.source != same_as:
            body += f"\n\n_{t('cite.source', text=cite(u.source))}_"
        if u.status == "in_force":
            st.info(body, icon=":material/update:")
        else:
            st.warning(body, icon=":material/warning:")


def nok(value: float) -> str:
    return text_mod.nok(value, lang())
