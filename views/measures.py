"""First steps for public bodies (chapter 2): the measures and the examples behind them."""

import streamlit as st

from guide.ui.cards import measure_card
from guide.ui.common import content, lang, t

c = content()
lg = lang()  # bound now: a widget's format_func may be called outside this run
st.title(t("page.first-steps.title"))
st.markdown(t("measures.lead"))
effort = st.segmented_control(
    t("measures.effort_filter"), ["low", "medium", "high"],
    format_func=lambda e: c.t(f"effort.{e}", lg), selection_mode="multi", key="measures_effort",
)
for measure in c.measures.values():
    if not effort or measure.effort in effort:
        measure_card(measure)
