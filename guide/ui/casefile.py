"""The case file on screen: the purchase's name and case number bound to the answers, and the
procurement protocol's downloads (Word and tagged PDF) for a purchase under Part I only."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from guide import report
from guide.state import Answers
from guide.ui import answers as answers_state
from guide.ui.common import lang, t


def fields(*, key: str) -> None:
    """The purchase's name and its case number, side by side (``key`` prefixes the widget keys)."""
    left, right = st.columns([2, 1])
    answers_state.widget(left.text_input, t("report.case.name"), ("case", "name"), key=f"{key}_name",
                         max_chars=160, help=t("report.case.name_help"),
                         invalid=t("state.error.hidden_characters"))
    answers_state.widget(right.text_input, t("report.case.number"), ("case", "number"),
                         key=f"{key}_number", max_chars=40, help=t("report.case.number_help"),
                         invalid=t("state.error.hidden_characters"))


def protocol_downloads(a: Answers, *, today: dt.date, link: str, key: str) -> None:
    """The protocol as Word and as PDF, made when a button is pressed (``key`` prefixes the keys)."""
    lg = lang()
    stem = f"anskaffelsesprotokoll-{today.isoformat()}-{lg}"
    word, pdf = st.columns(2)
    word.download_button(
        t("protocol.download.docx"), data=lambda: report.protocol_docx(a, lg, today=today, link=link) or b"",
        file_name=f"{stem}.docx", on_click="ignore", icon=":material/article:", key=f"{key}_docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document", width="stretch",
    )
    pdf.download_button(
        t("protocol.download.pdf"), data=lambda: report.protocol_pdf(a, lg, today=today, link=link) or b"",
        file_name=f"{stem}.pdf", mime="application/pdf", on_click="ignore", icon=":material/picture_as_pdf:",
        key=f"{key}_pdf", width="stretch",
    )
