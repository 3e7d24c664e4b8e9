"""Sources: every document the content cites, and the reports the booklet lists."""

import streamlit as st

from guide import formats
from guide.ui import figures
from guide.ui.common import content, lang, t, tx

c = content()
st.title(t("page.sources.title"))
st.markdown(t("sources.lead"))

uses = figures.cited()

st.subheader(t("sources.cited"))
for doc in c.sources.values():
    with st.container(border=True):
        title = f"**{doc.title}**" + (f" ({doc.year})" if doc.year else "")
        st.markdown(f"{title}  \n{doc.publisher} · {t('source.kind.' + doc.kind)}")
        if doc.url:
            st.markdown(f"[{doc.url}]({doc.url})")
        if doc.note:
            st.markdown(tx(doc.note))
        meta = t("sources.uses", n=uses.get(doc.id, 0))
        if doc.as_of:
            meta += " · " + t("cite.as_of", date=formats.date(doc.as_of, lang()))
        st.caption(meta)

st.subheader(t("sources.reports"))
st.markdown(t("sources.reports_lead"))
for r in c.reports.values():
    line = f"**{r.author} ({r.year}).** _{r.title}_"
    if r.summary:
        line += f"  \n{tx(r.summary)}"
    if r.url:
        line += f"  \n[{r.url}]({r.url})"
    st.markdown(line)
