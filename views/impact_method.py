"""Impact-method chooser (chapter 5): a questionnaire on the shared engine, ranking the four methods."""

import streamlit as st

from guide.ui.common import t
from guide.ui.nav import by_slug
from guide.ui.questionnaire import run


def tools() -> None:
    """After the ranking: the app's own tools for the methods."""
    st.subheader(t("impact_method.tools"))
    st.page_link(by_slug("sroi").path, label=t("sroi.link"), icon=":material/calculate:")
    st.page_link(by_slug("impact").path, label=t("impact_method.planner"), icon=":material/monitoring:")


run("impact_method", title=t("page.impact-method.title"), after=tools)
