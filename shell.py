"""Veier til samarbeid — the app shell (the script `app.py` serves): page config, language, navigation.
Nothing else."""

from __future__ import annotations

from pathlib import Path

import pandas  # noqa: F401  (imported once up front: plotly's lazy import of it is not thread-safe)
import streamlit as st

from guide.content import ContentError
from guide.model import LANGS
from guide.ui import address, answers, common, framework, layout, present
from guide.ui.nav import GROUP_ORDER, PAGES, document_lang, sidebar

PHONE_PAGE = "join"

ICON = Path(__file__).resolve().parent / "assets" / "icon.png"  # served by the app, not a font host
st.set_page_config(page_title="Veier til samarbeid", page_icon=ICON, layout="wide")

def _error_page(errors: list[str]) -> None:
    # Without content there are no UI strings: the page says it in all three languages, bokmål first.
    document_lang("nb")
    st.title("Innholdet kunne ikke lastes / Innhaldet kunne ikkje lastast / The content could not be loaded")
    st.error(
        "Innholdet i `content/` har feil, så appen kan ikke vises. "
        "Rett feilene under og last siden på nytt (kjør `python -m guide check`).\n\n"
        "Innhaldet i `content/` har feil, så appen kan ikkje visast. "
        "Rett feila nedanfor og last sida på nytt (køyr `python -m guide check`).\n\n"
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
    if asked is not None and asked not in LANGS:
        st.session_state[common.LANG_NOTICE] = asked
present.init()  # presenter mode (?present=1): a plain session key too, the link wins on a fresh session
present.apply_css()


def _switch_language() -> None:
    chosen = st.session_state.get("lang_switch")
    if chosen in LANGS:
        st.session_state[common.LANG_KEY] = chosen
        st.session_state.pop(common.LANG_NOTICE, None)


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
# The participant's phone page has no sidebar and no presenter toggle: only the question.
phone_page = current.url_path == PHONE_PAGE

with st.container(horizontal=True, horizontal_alignment="right", vertical_alignment="bottom",
                  key="lang_bar"):
    if not phone_page:  # on a phone hidden unless presenting (then it is the way out)
        box = f"{layout.TOGGLE_BOX}_{'on' if present.presenting() else 'off'}"
        with st.container(key=box, width="content"):
            present.toggle()
    st.segmented_control(
        " / ".join(dict.fromkeys(content.t("lang.label", code) for code in LANGS)),
        options=list(LANGS),
        format_func=lambda code: content.t(f"lang.{code}", code),
        key="lang_switch",
        default=common.lang(),
        required=True,
        on_change=_switch_language,
    )
common.lang_notice()  # an unknown language asked for in the link, until a language is chosen
address.apply()  # a change of the link's query replaces the history entry (Back leaves the page)
document_lang(common.lang())  # <html lang> follows the chosen language on every page and switch
framework.apply(content, common.lang())  # Streamlit's own English texts in the page's language
layout.apply(content, common.lang())  # the page on a phone: no sideways scroll, the sidebar closes
present.sync_query()
answers.load()  # the answers: read from the link on a fresh session, kept across pages

if present.nav_position() == "sidebar" and not phone_page:
    sidebar(nav)
current.run()
# The language written to the link after the page, so that the script above is in place by then
# (a first write before it would still add a history entry).
st.query_params[common.LANG_KEY] = common.lang()
answers.sync()  # the answers written back to the link when they changed
common.freeze_heap()  # keeps Streamlit's collection after each run cheap (see its docstring)
