"""The changes to the procurement rules since 2017: the dated table and the dated events, each with
its status and sources (one presenter, ``guide.procurement.presenter.law_changes``)."""

import datetime as dt

import streamlit as st

from guide.procurement import presenter
from guide.ui.blocks import draw
from guide.ui.common import content, lang, t

st.title(t("page.law-changes.title"))
draw(presenter.law_changes(content=content(), lang=lang(), today=dt.date.today()), key="law")
