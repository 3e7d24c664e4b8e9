"""Live workshop, the participant's phone: join with the code (``?code=`` in the link fills it in),
an optional nickname, then answer the question the facilitator shows now.

The participant id is kept in the session and in the link (``?p=``), so reloading the page on the
phone keeps the participant and their answers.
"""

from __future__ import annotations

import streamlit as st

from guide import workshop as ws
from guide.ui.common import content, lang, t, tx
from guide.ui.workshop import error_text, plain, store
from guide.workshop import questions as wq

JOINED_KEY = "ws_join"  # (code, participant id)
FLASH_KEY = "ws_join_flash"
REFRESH_S = 2

c = content()
st.title(t("page.join.title"))
qp = st.query_params


def leave() -> None:
    st.session_state.pop(JOINED_KEY, None)
    for key in ("p",):
        if key in st.query_params:
            del st.query_params[key]


def answer(code: str, pid: str, question_id: str, option_id: str) -> None:
    try:
        store().answer(code, pid, question_id, option_id)
    except ws.WorkshopError as exc:
        st.session_state[FLASH_KEY] = error_text(exc)


@st.fragment(run_every=REFRESH_S)
def current(code: str, pid: str) -> None:
    """The question shown on the shared screen now, with this participant's answer."""
    msg = st.session_state.pop(FLASH_KEY, None)
    if msg:
        st.error(msg)
    try:
        w = store().workshop(code)
        if w.closed:
            st.subheader(plain(w.title))
            st.info(t("join.closed"))
            return
        q = store().questions(code)[w.current]
        mine = store().answers_of(code, pid).get(q.id)
    except ws.WorkshopError as exc:
        st.error(error_text(exc))
        return
    st.subheader(plain(w.title))
    st.caption(t("workshop.progress", n=w.current + 1, total=w.total))
    st.markdown(f"### {wq.question_text(q, c, lang())}")
    revealed = q.id in w.revealed
    st.markdown(wq.question_prompt(q, c, lang()) + (" " + t("join.choose") if not revealed else ""))
    for opt in q.options:
        st.button(wq.option_label(q, opt, c, lang()), key=f"ws_opt_{q.id}_{opt}",
                  type="primary" if opt == mine else "secondary", width="stretch", disabled=revealed,
                  on_click=answer, args=(code, pid, q.id, opt),
                  icon=":material/check_circle:" if opt == mine else None)
    if mine is not None:
        st.markdown(t("join.your_answer", answer=wq.option_label(q, mine, c, lang())))
    else:
        st.caption(t("join.no_answer"))
    if revealed:
        st.info(t("join.revealed"))
        found = wq.reveal(q, c)
        if found is not None:
            st.success(tx(found[0]))


def join_form() -> None:
    st.markdown(t("join.lead"))
    linked = str(qp.get("code") or "")[: ws.MAX_CODE_INPUT]
    if linked and st.session_state.get("ws_join_linked") != linked:  # a (new) link fills in the code
        st.session_state["ws_join_linked"] = linked
        st.session_state["ws_join_code"] = linked
    with st.form("ws_join_form", border=False):
        code = st.text_input(t("join.code"), key="ws_join_code", max_chars=ws.MAX_CODE_INPUT,
                             help=t("join.code_help"))
        code_box = st.container()
        nickname = st.text_input(t("join.nickname"), key="ws_join_nick", max_chars=ws.MAX_NICKNAME,
                                 help=t("join.nickname_help", max=ws.MAX_NICKNAME))
        nick_box = st.container()
        submitted = st.form_submit_button(t("join.submit"), type="primary", width="stretch")
    if not submitted:
        return
    try:
        pid = store().join(code, nickname or None)
    except ws.InvalidInput as exc:
        (nick_box if exc.field == "nickname" else code_box).error(error_text(exc))
        return
    except ws.WorkshopError as exc:
        code_box.error(error_text(exc))
        return
    norm = ws.normalise_code(code)
    st.session_state[JOINED_KEY] = (norm, pid)
    st.query_params["code"] = norm
    st.query_params["p"] = pid
    st.rerun()


# Coming back with the participant's own link (a reload on the phone).
if JOINED_KEY not in st.session_state and qp.get("code") and qp.get("p"):
    st.session_state[JOINED_KEY] = (str(qp.get("code")), str(qp.get("p")))

joined = st.session_state.get(JOINED_KEY)
nickname: str | None = None
if joined:
    try:
        nickname = store().participant(*joined)
    except ws.WorkshopError as exc:
        leave()
        st.warning(error_text(exc))
        joined = None

if not joined:
    join_form()
else:
    code, pid = joined
    if nickname:
        st.caption(t("join.joined_as"))
        st.text(nickname)  # plain text, never markdown or HTML
    else:
        st.caption(t("join.anonymous"))
    current(code, pid)
    st.button(t("join.leave"), key="ws_join_leave", on_click=leave, icon=":material/logout:")
