"""Cooperation forms (chapter 3) with their procurement consequence and examples."""

import streamlit as st

from guide.ui.cards import form_card
from guide.ui.common import content, t, tx

c = content()
st.title(t("page.cooperation-forms.title"))
st.markdown(t("forms.lead"))
choice = st.selectbox(
    t("forms.jump"), ["all", *c.forms], key="forms_pick",
    format_func=lambda i: t("forms.all") if i == "all" else tx(c.forms[i].title),
)
for form in c.forms.values():
    if choice in ("all", form.id):
        form_card(form)
