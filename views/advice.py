"""The social entrepreneur's meeting with the municipality (chapter 4)."""

import streamlit as st

from guide.ui.cards import case_list, quotes
from guide.ui.common import content, source_caption, t, tx

c = content()
st.title(t("page.advice.title"))
st.markdown(t("advice.lead"))
st.page_link("views/procurement.py", label=t("proc.link.from_advice"), icon=":material/gavel:")

tab_advice, tab_check, tab_plan = st.tabs(
    [t("advice.tab.advice"), t("advice.tab.checklist"), t("advice.tab.planning")]
)
with tab_advice:
    for a in c.advice.values():
        with st.container(border=True):
            st.markdown(f"### {tx(a.title)}")
            st.markdown(tx(a.text))
            quotes(a.quotes)
            if a.cases:
                case_list([c.cases[i] for i in a.cases])
            source_caption(a.source)
with tab_check:
    for kind in ("prepare", "map"):
        st.subheader(t(f"checklist.{kind}"))
        for item in c.checklist.values():
            if item.kind == kind:
                st.checkbox(tx(item.text), key=f"check_{item.id}")
    first = next(iter(c.checklist.values()), None)
    if first is not None:
        source_caption(first.source)
with tab_plan:
    for p in c.planning.values():
        with st.container(border=True):
            st.markdown(f"### {tx(p.title)}")
            st.caption(tx(p.when))
            st.markdown(tx(p.text))
            source_caption(p.source)
