"""Home: what the app can do for each of its three users."""

import streamlit as st

from guide.ui.common import content, t
from guide.ui.nav import by_slug

st.title(t("home.title"))
st.markdown(t("home.lead"))

# What each user finds here: page slugs from the registry (guide/ui/nav.py).
USERS = {
    "public": ["background", "getting-started", "procurement", "first-steps", "cooperation-forms",
               "examples"],
    "entrepreneur": ["readiness", "form-matcher", "advice", "calendar", "funding", "sroi"],
    "facilitator": ["workshop", "myths", "examples"],
}

cols = st.columns(3)
for col, (user, pages) in zip(cols, USERS.items(), strict=True):
    with col, st.container(border=True):
        st.subheader(t(f"home.{user}.title"))
        st.markdown(t(f"home.{user}.body"))
        for slug in pages:
            page = by_slug(slug)
            st.page_link(page.path, label=t(f"page.{slug}.title"), icon=page.icon)

c = content()
st.divider()
st.markdown(
    t("home.counts", cases=len(c.cases), forms=len(c.forms), measures=len(c.measures),
      myths=len(c.myths), funding=len(c.funding))
)
st.caption(t("home.disclaimer"))
st.page_link(by_slug("accessibility").path, label=t("home.accessibility"), icon=by_slug("accessibility").icon)
