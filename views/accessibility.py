"""Accessibility statement: how well the guide meets WCAG 2.1 AA, its known breaches, how to complain."""

import streamlit as st

from guide.accessibility import presenter
from guide.ui.blocks import draw
from guide.ui.common import content, lang, t
from guide.ui.nav import by_slug

st.title(t("page.accessibility.title"))
draw(presenter.statement(content(), lang()), key="accessibility")
st.page_link(by_slug("privacy").path, label=t("a11y.privacy"), icon=by_slug("privacy").icon)
