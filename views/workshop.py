"""Live workshop, the facilitator's screen: create a workshop, show its code and QR code, watch the
room's answers arrive, move through the questions, reveal the myths' answers, close, export, delete.

The workshop lives in the store (guide.workshop); this session remembers only its code and the PIN
the facilitator typed, under plain keys, so nothing is lost on a rerun or a language change.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from guide import workshop as ws
from guide.ui.blocks import draw
from guide.ui.common import content, lang, source_caption, t, tx
from guide.ui.present import presenting, progress, shortcut
from guide.ui.workshop import error_text, join_url, plain, qr_png, results_chart, store
from guide.workshop import presenter
from guide.workshop import questions as wq

CODE_KEY = "ws_fac_code"  # the workshop shown on this screen
PIN_KEY = "ws_fac_pin"  # the PIN typed when it was created or opened
FLASH_KEY = "ws_fac_flash"  # (kind, message) to show once
REFRESH_S = 2

c = content()
st.title(t("page.workshop.title"))


def flash() -> None:
    msg = st.session_state.pop(FLASH_KEY, None)
    if msg:
        getattr(st, msg[0])(msg[1])


def forget() -> None:
    for key in (CODE_KEY, PIN_KEY):
        st.session_state.pop(key, None)


def field_error(boxes: dict[str, Any], exc: ws.WorkshopError, default: str) -> None:
    """Show the error by the input it is about."""
    field = exc.field if isinstance(exc, ws.InvalidInput) else default
    boxes.get(field, boxes[default]).error(error_text(exc))


# ---------------------------------------------------------------------------
# No workshop on this screen yet: create one or open one


def create_or_open() -> None:
    st.markdown(t("workshop.lead"))
    new_tab, open_tab = st.tabs([t("workshop.tab.new"), t("workshop.tab.open")])
    with new_tab:
        sets = wq.available_sets(c)
        labels = {s: wq.set_label(s, c, lang()) for s in sets}
        with st.form("ws_new_form", border=False):
            title = st.text_input(t("workshop.new.title"), key="ws_new_title", max_chars=ws.MAX_TITLE,
                                  help=t("workshop.new.title_help", max=ws.MAX_TITLE))
            boxes = {"title": st.container()}
            chosen = st.multiselect(t("workshop.new.sets"), sets, default=["myths"], key="ws_new_sets",
                                    format_func=labels.__getitem__, select_all=False,
                                    help=t("workshop.new.sets_help"))
            boxes["questions"] = st.container()
            if wq.READINESS_ID not in c.questionnaires:
                st.caption(t("workshop.new.readiness_missing"))
            pin = st.text_input(t("workshop.new.pin"), key="ws_new_pin", type="password",
                                max_chars=ws.MAX_PIN,
                                help=t("workshop.new.pin_help", min=ws.MIN_PIN, max=ws.MAX_PIN))
            boxes["pin"] = st.container()
            submitted = st.form_submit_button(t("workshop.new.submit"), type="primary")
            boxes["storage"] = st.container()
        try:
            days = ws.default_retention_days()
        except ws.InvalidInput as exc:
            st.error(error_text(exc))
            return
        st.caption(t("workshop.new.retention", days=days))
        if submitted:
            try:
                made = store().create(title, pin=pin, questions=wq.build(chosen, c))
            except ws.WorkshopError as exc:
                field_error(boxes, exc, "storage")
            else:
                st.session_state[CODE_KEY] = made.code
                st.session_state[PIN_KEY] = pin.strip()
                st.rerun()
    with open_tab:
        st.markdown(t("workshop.open.lead"))
        with st.form("ws_open_form", border=False):
            code = st.text_input(t("workshop.open.code"), key="ws_open_code", max_chars=ws.MAX_CODE_INPUT)
            boxes = {"code": st.container()}
            opin = st.text_input(t("workshop.open.pin"), key="ws_open_pin", type="password",
                                 max_chars=ws.MAX_PIN)
            boxes["pin"] = st.container()
            opened = st.form_submit_button(t("workshop.open.submit"))
        if opened:
            try:
                found = store().check_pin(code, pin=opin)
            except (ws.WrongPin, ws.PinLocked) as exc:
                boxes["pin"].error(error_text(exc))
            except ws.WorkshopError as exc:
                field_error(boxes, exc, "code")
            else:
                st.session_state[CODE_KEY] = found.code
                st.session_state[PIN_KEY] = opin.strip()
                st.rerun()


# ---------------------------------------------------------------------------
# A workshop on the shared screen


def act(action: str, *args: Any) -> None:
    """Button callback: a facilitator action with the PIN of this session."""
    try:
        getattr(store(), action)(st.session_state[CODE_KEY], *args, pin=st.session_state[PIN_KEY])
    except ws.UnknownWorkshop as exc:
        forget()
        st.session_state[FLASH_KEY] = ("warning", error_text(exc))
    except ws.WorkshopError as exc:
        st.session_state[FLASH_KEY] = ("error", error_text(exc))


def delete() -> None:
    code = st.session_state[CODE_KEY]
    try:
        store().delete(code, pin=st.session_state[PIN_KEY])
    except ws.WorkshopError as exc:
        st.session_state[FLASH_KEY] = ("error", error_text(exc))
        return
    forget()
    st.session_state.pop("ws_del_confirm", None)
    st.session_state[FLASH_KEY] = ("success", t("workshop.deleted", code=code))


def show_reveal(r: ws.QuestionResult) -> None:
    q = r.question
    found = wq.reveal(q, c)
    if found is None:
        return
    verdict, explanation = found
    st.success(tx(verdict))
    share = r.correct_share
    if share is not None:
        st.markdown(t("workshop.room_knew", pct=round(100 * share)))
    with st.expander(t("workshop.rules_say")):
        st.markdown(tx(explanation))
        src = wq.source(q, c)
        if src is not None:
            source_caption(src)


@st.fragment(run_every=REFRESH_S)
def live(code: str) -> None:
    """The current question and the room's answers, refreshed every few seconds."""
    flash()
    try:
        w = store().workshop(code)
        summary = store().summary(code)
    except ws.WorkshopError as exc:
        st.error(error_text(exc))
        return
    st.markdown(t("workshop.participants", n=summary.participants))  # live: people keep joining
    if w.closed:
        st.info(t("workshop.is_closed"))
    r = summary.questions[w.current]
    q = r.question
    if presenting():
        progress((w.current + 1) / w.total, t("workshop.progress", n=w.current + 1, total=w.total))
    else:
        st.caption(t("workshop.progress", n=w.current + 1, total=w.total))
    st.markdown(f"### {wq.question_text(q, c, lang())}")
    st.markdown(wq.question_prompt(q, c, lang()))
    fig, alt = results_chart(q, r.counts, revealed=r.revealed)
    st.plotly_chart(fig, key="ws_live_chart", config={"displayModeBar": False, "staticPlot": True})
    st.caption(alt)
    st.markdown(t("workshop.answered", n=r.answered, total=summary.participants))
    if r.revealed:
        show_reveal(r)
    left, mid, right = st.columns(3)
    left.button(t("workshop.prev"), key="ws_prev", on_click=act, args=("previous",),
                disabled=w.current == 0, icon=":material/arrow_back:", width="stretch",
                shortcut=shortcut("previous"))
    if q.revealable and not r.revealed:
        mid.button(t("workshop.reveal"), key="ws_reveal", on_click=act, args=("reveal", q.id),
                   type="primary", icon=":material/visibility:", width="stretch")
    right.button(t("workshop.next"), key="ws_next", on_click=act, args=("next",),
                 disabled=w.current >= w.total - 1, icon=":material/arrow_forward:", width="stretch",
                 shortcut=shortcut("next"))
    if presenting():  # the table and the download are for the facilitator, not the room
        return
    with st.expander(t("workshop.summary")):
        show_summary(summary)


def show_summary(summary: ws.Summary) -> None:
    draw(presenter.summary(summary, content=c, lang=lang(), level=4), key="ws_summary")
    st.download_button(
        t("workshop.download"), wq.csv_export(summary, c, lang()), key="ws_csv",
        file_name=f"workshop-{summary.code}.csv", mime="text/csv", icon=":material/download:",
        on_click="ignore",
    )


def shared_screen(code: str) -> None:
    try:
        w = store().workshop(code)
    except ws.UnknownWorkshop as exc:
        forget()
        st.warning(error_text(exc))
        create_or_open()
        return
    except ws.WorkshopError as exc:
        st.error(error_text(exc))
        return
    st.subheader(plain(w.title))
    link = join_url(w.code)
    left, right = st.columns([3, 2])
    with left:
        st.header(t("workshop.code", code=w.code))
        st.markdown(t("workshop.join_help", url=link.split("?")[0]))
        st.caption(t("workshop.join_link"))
        st.code(link, language=None)
    with right:
        st.image(qr_png(link), caption=t("workshop.qr_alt", url=link), width=260)
    live(w.code)
    if presenting():  # managing the workshop happens out of presenter mode
        return

    st.divider()
    st.subheader(t("workshop.manage"))
    left, right = st.columns(2)
    left.button(t("workshop.close"), key="ws_close", on_click=act, args=("close",),
                disabled=w.closed, help=t("workshop.close_help"), icon=":material/lock:")
    right.button(t("workshop.leave"), key="ws_leave", on_click=forget, help=t("workshop.leave_help"),
                 icon=":material/logout:")
    with st.container(border=True):
        confirm = st.checkbox(t("workshop.delete_confirm"), key="ws_del_confirm")
        st.button(t("workshop.delete"), key="ws_delete", on_click=delete, disabled=not confirm,
                  icon=":material/delete:")
    with st.expander(t("workshop.nicknames")):
        try:
            names = store().nicknames(w.code, pin=st.session_state[PIN_KEY])
        except ws.WorkshopError as exc:
            st.error(error_text(exc))
        else:
            if not names:
                st.caption(t("workshop.no_nicknames"))
            for name in names:
                st.text(name)  # plain text, never markdown or HTML


flash()
if st.session_state.get(CODE_KEY):
    shared_screen(st.session_state[CODE_KEY])
else:
    create_or_open()
