"""Accessibility statement: how well the guide meets WCAG 2.1 AA, its known breaches, how to complain."""

import streamlit as st

from guide.accessibility import presenter
from guide.ui.blocks import draw
from guide.ui.common import content, lang, t

st.title(t("page.accessibility.title"))
draw(presenter.statement(content(), lang()), key="accessibility")
