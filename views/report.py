"""Report, save and share: the report of every answer, its downloads, a saved file, the link."""

import datetime as dt
import logging

import streamlit as st

from guide import report
from guide.documents.escape import md_escape
from guide.procurement import protocol
from guide.state import MAX_UPLOAD_BYTES, StateError
from guide.ui import answers as answers_state
from guide.ui import casefile, copy
from guide.ui.blocks import draw
from guide.ui.common import content, lang, t

UPLOAD_COUNT = "report.upload_n"  # a new key for the uploader after each file: it starts empty again
MESSAGE = "report.upload_message"  # (kind, text, detail) of the last file loaded or refused
LINK = "report_link"

# Fixed CSS, from code only (never any user text): on paper, only the report itself. And while
# the uploader holds a file the browser refused (too large, wrong type; the server never hears of
# it), the message of the file before is hidden: it would name a file that is no longer there.
PRINT_CSS = """
<style>
.st-key-report_upload:has([data-testid="stFileChip"]) .st-key-report_upload_message { display: none; }
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stStatusWidget"], .st-key-lang_bar,
  .st-key-report_tools, .st-key-state_notice { display: none !important; }
  [data-testid="stMain"] .block-container { max-width: 100%; padding: 0; }
  .st-key-report_body { font-size: 11pt; }
  .st-key-report_body table { page-break-inside: auto; }
  .st-key-report_body tr { page-break-inside: avoid; }
}
</style>
"""

log = logging.getLogger(__name__)


def uploaded(key: str) -> None:
    """The uploader's callback: load the file into the session, or say why not (and touch nothing)."""
    file = st.session_state.get(key)
    if file is None:
        return
    name = md_escape(str(file.name)[:80], line_start=False)
    try:
        left_out = answers_state.load_file(file.getvalue())
        if left_out:  # numbers outside their range: the rest is loaded, and what to fill in again is said
            lines = "".join(f"\n- {md_escape(m, line_start=False)}" for m in left_out)
            st.session_state[MESSAGE] = ("warning", t("report.load.left_out", name=name) + lines, "")
        else:
            st.session_state[MESSAGE] = ("success", t("report.load.ok", name=name), "")
    except StateError as exc:
        reason = answers_state.error_text(exc)
        detail = t("report.load.detail", detail=md_escape(exc.detail, line_start=False))
        st.session_state[MESSAGE] = ("error", t("report.load.refused", name=name, reason=reason), detail)
    except Exception:  # never a traceback: say the file could not be read
        log.exception("loading an uploaded file failed")
        reason = t("state.error.unexpected")
        st.session_state[MESSAGE] = ("error", t("report.load.refused", name=name, reason=reason), "")
    st.session_state[UPLOAD_COUNT] = st.session_state.get(UPLOAD_COUNT, 0) + 1


answers = answers_state.get()
lg = lang()
today = dt.date.today()
stem = f"veier-til-samarbeid-{today.isoformat()}"

st.markdown(PRINT_CSS, unsafe_allow_html=True)
st.title(t("page.report.title"))
st.markdown(t("report.lead"))

with st.container(key="report_tools"):
    # --- The case file: the purchase's name and case number -----------------------------------
    st.header(t("report.case.title"))
    st.markdown(t("report.case.lead"))
    casefile.fields(key="case")
    answers = answers_state.get()  # with what was just typed

    # --- Share ---------------------------------------------------------------------------------
    st.header(t("report.share.title"))
    url = answers_state.share_url(answers)
    st.session_state[LINK] = url  # always the current link (whatever was typed into the field)
    st.text_input(t("report.share.label"), key=LINK, help=t("report.share.help"))
    copy.button(url, label=t("report.share.copy"), done=t("report.share.copied"),
                failed=t("report.share.copy_failed"), key="report_link")
    st.caption(t("report.share.privacy", n=len(url)))

    # --- Downloads -----------------------------------------------------------------------------
    st.header(t("report.download.title"))
    left, middle, right = st.columns(3)
    left.download_button(
        t("report.download.pdf"), data=lambda: report.pdf(answers, lg, today=today, link=url),
        file_name=f"{stem}-{lg}.pdf", mime="application/pdf", on_click="ignore",
        icon=":material/picture_as_pdf:", key="report_pdf", width="stretch",
    )
    middle.download_button(
        t("report.download.docx"), data=lambda: report.docx(answers, lg, today=today, link=url),
        file_name=f"{stem}-{lg}.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document", on_click="ignore",
        icon=":material/article:", key="report_docx", width="stretch",
    )
    right.download_button(
        t("report.download.md"), data=lambda: report.markdown(answers, lg, today=today, link=url),
        file_name=f"{stem}-{lg}.md", mime="text/markdown", on_click="ignore",
        icon=":material/description:", key="report_md", width="stretch",
    )
    st.caption(t("report.print"))
    if protocol.applies(protocol.route_of(answers, today, content())):  # a Part I purchase: its protocol
        st.markdown(f"**{t('protocol.heading')}** – {t('protocol.lead')}")
        casefile.protocol_downloads(answers, today=today, link=url, key="report_protocol")

    # --- Save and load -------------------------------------------------------------------------
    st.header(t("report.save.title"))
    st.markdown(t("report.save.lead"))
    st.download_button(
        t("report.save.json"), data=answers.to_json(), file_name=f"{stem}.json",
        mime="application/json", on_click="ignore", icon=":material/save:", key="report_json",
    )
    upload_key = f"report_upload_{st.session_state.get(UPLOAD_COUNT, 0)}"
    with st.container(key="report_upload"):
        st.file_uploader(
            t("report.load.label"), type=["json"], key=upload_key, on_change=uploaded, args=(upload_key,),
            help=t("report.load.help", max_kb=MAX_UPLOAD_BYTES // 1024),
            max_upload_size=1,  # MB: the browser stops anything far too big; the app refuses over 100 KB
        )
        message = st.session_state.get(MESSAGE)
        if message:
            kind, text, detail = message
            with st.container(key="report_upload_message"):
                if kind == "success":
                    st.success(text, icon=":material/check_circle:")
                elif kind == "warning":
                    st.warning(text, icon=":material/warning:")
                else:
                    st.error(text, icon=":material/error:")
                    if detail:
                        st.caption(detail)

# --- The report (what is printed) -------------------------------------------------------------
with st.container(key="report_body", border=True):
    doc = report.document(answers, lg, today=today, link=url)
    st.markdown(f"## {md_escape(doc.title, line_start=False)}")
    for label, value in doc.case:
        st.markdown(f"**{md_escape(label, line_start=False)}:** {md_escape(value, line_start=False)}")
    if doc.dated:
        st.caption(md_escape(doc.dated))
    if doc.notice:
        st.caption(md_escape(doc.notice))
    draw(doc.blocks, key="report")
