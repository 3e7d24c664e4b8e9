"""Presenter mode: the app on a shared screen or in a video call.

Large type, high contrast, no sidebar and no navigation, one question or myth per screen with big
Previous / Next buttons, and the secondary details (examples lists, download buttons, progress
bars, hints) left out. The mode is a plain session key (like the language), taken from
``?present=1`` on a fresh session and written back to the link on every run, so it survives page
changes and a copied link. The shell switches it with a labelled toggle that stays on screen, so
there is always a visible way out.

The shell calls :func:`init`, :func:`toggle`, :func:`sync_query`, :func:`apply_css` and
:func:`nav_position`; the renderers ask :func:`presenting` what to leave out and use
:func:`progress`, :data:`QUESTION_BOX` and :func:`nav_columns` for the one-question screen.
"""

from __future__ import annotations

from typing import Any, Literal

import streamlit as st

from guide.ui.common import t

PRESENT_KEY = "present"  # the plain session key (survives reruns, page and language changes)
PARAM = "present"  # ?present=1
SWITCH_KEY = "present_switch"  # the toggle in the shell
QUESTION_BOX = "present_question"  # key (and CSS class st-key-…) of the box around the question
ON = frozenset({"1", "true", "yes", "on"})
PREVIOUS_KEY = "PageUp"  # keyboard shortcuts of the Previous / Next buttons while presenting
NEXT_KEY = "PageDown"

# High-contrast palette (WCAG 2.1 contrast against the colour each sits on, see tests/test_present.py).
TEXT = "#000000"  # on BACKGROUND: 21:1
BACKGROUND = "#FFFFFF"
MUTED = "#262626"  # captions on BACKGROUND: 15.1:1
PRIMARY = "#0B2F52"  # primary button face; BACKGROUND-coloured text on it: 13.6:1
PRIMARY_HOVER = "#000000"
DISABLED = "#595959"  # disabled button text on DISABLED_FACE: 6.3:1
DISABLED_FACE = "#F2F2F2"
FOCUS = "#000000"  # focus ring on BACKGROUND: 21:1
FOCUS_INNER = "#FFD400"  # the ring's inner band, between the ring and a dark button face

# Fixed CSS, from code only: never any user or content text.
CSS = f"""
<style>
html {{ font-size: 150%; }}
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stSidebarNav"],
[data-testid="stDecoration"] {{ display: none !important; }}
[data-testid="stHeader"] {{ background: transparent; }}
.stApp, [data-testid="stMain"] {{ background: {BACKGROUND}; color: {TEXT}; }}
[data-testid="stMain"] .block-container {{ max-width: 72rem; padding-top: 2.5rem; }}
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] label,
[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3,
[data-testid="stMain"] h4, [data-testid="stMain"] h5 {{ color: {TEXT}; }}
[data-testid="stMain"] h1 {{ font-size: 2.4rem; font-weight: 800; line-height: 1.2; }}
[data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stCaptionContainer"] p {{
  color: {MUTED}; font-size: 0.8rem; opacity: 1;
}}
[data-testid="stMain"] a {{ color: {PRIMARY}; text-decoration: underline; }}
.st-key-{QUESTION_BOX} [data-testid="stWidgetLabel"] p {{
  font-size: 1.9rem; font-weight: 700; line-height: 1.3; color: {TEXT};
}}
.st-key-{QUESTION_BOX} [role="radiogroup"] label p,
.st-key-{QUESTION_BOX} [role="radiogroup"] label div {{ font-size: 1.3rem; color: {TEXT}; }}
.st-key-{QUESTION_BOX} [role="radiogroup"] {{ gap: 0.6rem; }}
.st-key-{QUESTION_BOX} [data-testid="stRadioOption"] > div > div:first-child {{
  transform: scale(1.4); margin-right: 0.5rem;
}}
.st-key-{QUESTION_BOX} h1 {{ font-size: 2rem; }}
.st-key-{QUESTION_BOX} h2 {{ font-size: 1.6rem; }}
.st-key-{QUESTION_BOX} h3 {{ font-size: 1.4rem; }}
.st-key-{QUESTION_BOX} {{ border: 3px solid {TEXT} !important; border-radius: 0.5rem; }}
[data-testid="stMain"] [data-testid="stBaseButton-primary"],
[data-testid="stMain"] [data-testid="stBaseButton-secondary"] {{
  min-height: 3.2rem; padding: 0.5rem 1.6rem; font-size: 1.2rem; font-weight: 700;
  border: 3px solid {TEXT};
}}
[data-testid="stMain"] [data-testid="stBaseButton-primary"] p,
[data-testid="stMain"] [data-testid="stBaseButton-secondary"] p {{ font-size: 1.2rem; font-weight: 700; }}
[data-testid="stMain"] button [data-testid="stMarkdownContainer"],
[data-testid="stMain"] button [data-testid="stMarkdownContainer"] p {{
  white-space: normal; overflow: visible; text-overflow: clip;
}}
[data-testid="stMain"] button kbd {{ display: none; }}
[data-testid="stMain"] [data-testid="stBaseButton-primary"] {{
  background: {PRIMARY}; color: {BACKGROUND}; border-color: {PRIMARY};
}}
[data-testid="stMain"] [data-testid="stBaseButton-primary"] p {{ color: {BACKGROUND}; }}
[data-testid="stMain"] [data-testid="stBaseButton-primary"]:hover {{ background: {PRIMARY_HOVER}; }}
[data-testid="stMain"] [data-testid="stBaseButton-secondary"] {{ background: {BACKGROUND}; color: {TEXT}; }}
[data-testid="stMain"] [data-testid="stBaseButton-secondary"] p {{ color: {TEXT}; }}
[data-testid="stMain"] button:disabled {{
  background: {DISABLED_FACE} !important; color: {DISABLED} !important;
  border: 3px dashed {DISABLED} !important;
}}
[data-testid="stMain"] button:disabled p {{ color: {DISABLED} !important; }}
[data-testid="stMain"] button:focus-visible, [data-testid="stMain"] input:focus-visible,
[data-testid="stMain"] [role="radio"]:focus-visible, [data-testid="stMain"] a:focus-visible {{
  outline: 4px solid {FOCUS} !important; outline-offset: 3px;
  box-shadow: 0 0 0 3px {FOCUS_INNER} !important;
}}
[data-testid="stMain"] [data-testid="stBaseButton-primaryFormSubmit"] {{
  background: {PRIMARY}; color: {BACKGROUND}; border: 3px solid {PRIMARY};
  min-height: 3.2rem; padding: 0.5rem 1.6rem;
}}
[data-testid="stMain"] [data-testid="stBaseButton-primaryFormSubmit"] p {{
  color: {BACKGROUND}; font-size: 1.2rem; font-weight: 700;
}}
[data-testid="stMain"] [data-testid="stBaseButton-primaryFormSubmit"]:hover {{ background: {PRIMARY_HOVER}; }}
[data-testid="stMain"] [data-testid="stBaseButton-secondaryFormSubmit"] {{
  background: {BACKGROUND}; color: {TEXT}; border: 3px solid {TEXT};
}}
[data-testid="stMain"] [data-testid="stBaseButton-secondaryFormSubmit"] p {{ color: {TEXT}; }}
</style>
"""


# ---------------------------------------------------------------------------
# The mode (the shell)


def asked(value: Any) -> bool:
    """Whether a ``?present=`` value asks for presenter mode (``1``, ``true``, ``yes``, ``on``)."""
    return isinstance(value, str) and value.strip().lower() in ON


def init() -> None:
    """On a fresh session, take the mode from the link (``?present=1``); later the session wins."""
    if PRESENT_KEY not in st.session_state:
        st.session_state[PRESENT_KEY] = asked(st.query_params.get(PARAM))


def presenting() -> bool:
    """Whether this session is in presenter mode."""
    return st.session_state.get(PRESENT_KEY) is True


def sync_query() -> None:
    """Write the mode back to the link: ``?present=1`` while presenting, no parameter otherwise."""
    if presenting():
        if st.query_params.get(PARAM) != "1":
            st.query_params[PARAM] = "1"
    elif PARAM in st.query_params:
        del st.query_params[PARAM]


def _switched() -> None:
    st.session_state[PRESENT_KEY] = bool(st.session_state.get(SWITCH_KEY))


def toggle() -> None:
    """The labelled switch in and out of presenter mode (shown in both modes: the way out)."""
    st.toggle(
        t("present.toggle"), value=presenting(), key=SWITCH_KEY, on_change=_switched,
        help=t("present.toggle_help"),
    )


def apply_css() -> None:
    """In presenter mode, add the fixed presenter style sheet (it takes no space on the page)."""
    if presenting():
        st.html(CSS)


def nav_position() -> Literal["sidebar", "hidden"]:
    """Where ``st.navigation`` puts its menu: hidden while presenting (pages stay routable)."""
    return "hidden" if presenting() else "sidebar"


# ---------------------------------------------------------------------------
# The one-question screen (the renderers)


def progress(value: float, text: str) -> None:
    """A progress bar; while presenting, only its text, large (the bar is a detail)."""
    if presenting():
        st.markdown(f"**{text}**")
    else:
        st.progress(value, text=text)


def shortcut(direction: Literal["previous", "next"]) -> str | None:
    """The key of the Previous / Next button while presenting: Page Up / Page Down, the keys a
    presentation clicker sends (the buttons are reachable with Tab and Enter as well). The key's
    badge is hidden on the presenter screen; the toggle's help names the keys."""
    if not presenting():
        return None
    return PREVIOUS_KEY if direction == "previous" else NEXT_KEY


def nav_columns() -> tuple[Any, Any, Any]:
    """Three even columns for the big Previous, a middle button and Next on the presenter screen."""
    a, b, c = st.columns(3, gap="large")
    return a, b, c
