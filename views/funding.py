"""Funding as it stands (chapter 3): each scheme's current name, owner, who may apply, for what and
when, when and against what it was last verified, and its dates in the planning calendar."""

import datetime as dt

import streamlit as st

from guide import calendar as cal
from guide.funding import presenter
from guide.ui import kept
from guide.ui.blocks import draw
from guide.ui.common import content, lang, t
from guide.ui.nav import by_slug

c = content()
lg = lang()  # bound now: a widget's format_func may be called outside this run
st.title(t("page.funding.title"))
st.markdown(t("funding.lead.current"))
st.page_link(by_slug("calendar").path, label=t("calendar.link"), icon=":material/calendar_month:")
col1, col2 = st.columns(2)
roles = kept.widget(  # kept: drawn in the page's language, still set when the user comes back
    col1.multiselect, t("funding.filter.role"), "funding_roles", fallback=[],
    options=["entrepreneur", "public_body"], format_func=lambda r: c.t(f"role.{r}", lg),
    placeholder=t("examples.filter.any"), select_all=False,
)
used = sorted({s for f in c.funding.values() for s in f.sectors}, key=list(c.sectors).index)
sectors = kept.widget(
    col2.multiselect, t("funding.filter.sector"), "funding_sectors", fallback=[], options=used,
    format_func=lambda s: c.sectors[s].label(lg), placeholder=t("examples.filter.any"), select_all=False,
)
shown = cal.funding_sources(roles=roles, sectors=sectors, content=c)
st.markdown(t("funding.count", n=len(shown), total=len(c.funding)))
draw(presenter.page(shown, content=c, lang=lg, today=dt.date.today()), key="funding")
