"""Background (chapter 1): what a social entrepreneur is, for those meeting the field for the first time."""

import streamlit as st

from guide.background import presenter
from guide.ui.blocks import draw
from guide.ui.common import content, lang, t
from guide.ui.nav import by_slug

st.title(t("page.background.title"))
st.markdown(t("background.lead"))
draw(presenter.page(content=content(), lang=lang()), key="background")

st.subheader(t("background.read_on"), anchor=False)
for slug in ("getting-started", "cooperation-forms", "examples"):
    page = by_slug(slug)
    st.page_link(page.path, label=t(f"page.{slug}.title"), icon=page.icon)
