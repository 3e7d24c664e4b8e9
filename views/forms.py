"""Cooperation forms (chapter 3) with their procurement consequence and examples."""

import datetime as dt

import streamlit as st

from guide.procurement import presenter
from guide.ui.blocks import draw
from guide.ui.cards import form_card
from guide.ui.common import content, lang, t

c = content()
lg = lang()  # bound now: a widget's format_func may be called outside this run
st.title(t("page.cooperation-forms.title"))
st.markdown(t("forms.lead"))
draw(presenter.forms_at_a_glance(content=c, lang=lg, today=dt.date.today()), key="forms_glance",
     fit_tables=True)
choice = st.selectbox(
    t("forms.jump"), ["all", *c.forms], key="forms_pick",
    format_func=lambda i: c.t("forms.all", lg) if i == "all" else c.forms[i].title(lg),
)
for form in c.forms.values():
    if choice in ("all", form.id):
        form_card(form)
