"""Veier til samarbeid — the app shell: page config, language, navigation. Nothing else."""

from __future__ import annotations

import pandas  # noqa: F401  (imported once up front: plotly's lazy import of it is not thread-safe)
import streamlit as st

from guide.content import ContentError
from guide.model import LANGS
from guide.ui import answers, common, framework, layout, present
from guide.ui.nav import GROUP_ORDER, PAGES, sidebar

st.set_page_config(page_title="Veier til samarbeid", page_icon=":material/handshake:", layout="wide")

def _error_page(errors: list[str]) -> None:
    st.title("Innholdet kunne ikke lastes / The content could not be loaded")
    st.error(
        "Innholdet i `content/` har feil, så appen kan ikke vises. "
        "Rett feilene under og last siden på nytt (kjør `python -m guide check`).\n\n"
        "The files in `content/` have errors, so the app cannot be shown. "
        "Fix the errors below and reload the page (run `python -m guide check`)."
    )
    st.code("\n".join(errors), language=None)


try:
    content = common.content()
except ContentError as exc:
    errors = exc.errors
    st.navigation([st.Page(lambda: _error_page(errors), title="Feil / Error", url_path="error")]).run()
    st.stop()

# The language lives in the link (?lang=en) and in the session; the link wins on a fresh session.
if common.LANG_KEY not in st.session_state:
    asked = st.query_params.get(common.LANG_KEY)
    st.session_state[common.LANG_KEY] = asked if asked in LANGS else "nb"
present.init()  # presenter mode (?present=1): a plain session key too, the link wins on a fresh session
present.apply_css()


def _switch_language() -> None:
    chosen = st.session_state.get("lang_switch")
    if chosen in LANGS:
        st.session_state[common.LANG_KEY] = chosen


with st.container(horizontal=True, horizontal_alignment="right", vertical_alignment="bottom",
                  key="lang_bar"):
    with st.container(key=f"{layout.TOGGLE_BOX}_{'on' if present.presenting() else 'off'}", width="content"):
        present.toggle()  # hidden on a phone unless presenting (then it is the way out)
    st.segmented_control(
        content.t("lang.label", "nb") + " / " + content.t("lang.label", "en"),
        options=list(LANGS),
        format_func=lambda code: content.t(f"lang.{code}", code),
        key="lang_switch",
        default=common.lang(),
        required=True,
        on_change=_switch_language,
    )
st.query_params[common.LANG_KEY] = common.lang()
framework.apply(content, common.lang())  # Streamlit's own English texts in the page's language
layout.apply(content, common.lang())  # the page on a phone: no sideways scroll, the sidebar closes
present.sync_query()
answers.load()  # the answers: read from the link on a fresh session, kept across pages

lang = common.lang()
nav: dict[str, list[st.Page]] = {}
for group in GROUP_ORDER:
    pages = [
        st.Page(p.path, title=content.t(f"page.{p.slug}.title", lang), url_path=p.slug, icon=p.icon,
                default=(p.slug == "home"))
        for p in PAGES
        if p.group == group
    ]
    if pages:
        nav[content.t(f"nav.group.{group}", lang)] = pages
current = st.navigation(nav, position="hidden")
if present.nav_position() == "sidebar":
    sidebar(nav)
current.run()
answers.sync()  # the answers written back to the link when they changed
common.freeze_heap()  # keeps Streamlit's collection after each run cheap (see its docstring)
