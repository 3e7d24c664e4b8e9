"""Live workshop, the participant's phone: join with the code (``?code=`` in the link fills it in),
an optional nickname, then answer the question the facilitator shows now.

The participant's seat is kept in the session, in the link (``?p=``) and in a cookie of this
browser for this workshop, so a reload, Back then reload, a language change, or leaving and joining
again from the same browser all keep the same seat and its answers (one seat, one vote). The page
is a phone page: no sidebar and no presenter toggle (the shell leaves them out here), large answer
buttons, and a click reruns only the question's fragment.
"""

from __future__ import annotations

import streamlit as st

from guide import workshop as ws
from guide.ui.common import content, lang, t, tx
from guide.ui.nav import by_slug
from guide.ui.storage import waiting
from guide.ui.workshop import client_address, error_text, plain, recall, remember, room_state, store
from guide.workshop import questions as wq

JOINED_KEY = "ws_join"  # (code, participant id)
FLASH_KEY = "ws_join_flash"
MINE_KEY = "ws_join_mine"  # this seat's answers, read from the store once, then kept up to date
LEFT_KEY = "ws_join_left"  # this session left: do not take the seat back until they join again
SEATS_KEY = "ws_join_seats"  # {code: seat} this session has held (the cookie is read only at load)
REFRESH_S = 3  # a phone sees the next question within this (plus a second of the shared read)

c = content()
st.title(t("page.join.title"))
qp = st.query_params
st.html("""<style>
/* The phone's page: no navigation, also when it was reached from another page of the app. */
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"] { display: none; }
.st-key-ws_options button { min-height: 3.75rem; font-size: 1.25rem; }
.st-key-ws_options button p { font-size: 1.25rem; }
.st-key-ws_join_submit button { min-height: 3.25rem; }
</style>""")


def leave() -> None:
    """Leave on this phone. The browser keeps the seat: joining again gets it back, not a second one
    (from the cookie after a reload, from this session's own memory in the same tab)."""
    held = st.session_state.pop(JOINED_KEY, None)
    if held:
        st.session_state.setdefault(SEATS_KEY, {})[held[0]] = held[1]
    st.session_state[LEFT_KEY] = True
    for key in ("p",):
        if key in st.query_params:
            del st.query_params[key]


def answer(code: str, pid: str, question_id: str, option_id: str) -> None:
    try:
        store().answer(code, pid, question_id, option_id)
    except ws.WorkshopError as exc:
        st.session_state[FLASH_KEY] = error_text(exc)
        st.session_state.pop(MINE_KEY, None)  # read the answers again from the store
    else:
        mine = st.session_state.get(MINE_KEY)
        if isinstance(mine, dict):
            mine[question_id] = option_id


@st.fragment(run_every=REFRESH_S)
def current(code: str, pid: str) -> None:
    """The question shown on the shared screen now, with this participant's answer."""
    msg = st.session_state.pop(FLASH_KEY, None)
    if msg:
        st.error(msg)
    try:
        w, questions = room_state(code)
        if w.closed:
            st.subheader(plain(w.title))
            st.info(t("join.closed"))
            return
        q = questions[w.current]
        mine_all = st.session_state.get(MINE_KEY)
        if not isinstance(mine_all, dict) or mine_all.get("_seat") != (code, pid):  # once per seat
            mine_all = {"_seat": (code, pid), **store().answers_of(code, pid)}
            st.session_state[MINE_KEY] = mine_all
        mine = mine_all.get(q.id)
    except ws.WorkshopError as exc:
        st.error(error_text(exc))
        return
    st.subheader(plain(w.title))
    st.caption(t("workshop.progress", n=w.current + 1, total=w.total))
    st.markdown(f"### {wq.question_text(q, c, lang())}")
    revealed = q.id in w.revealed
    instruction = (t("join.open.write", button=t("join.open.send")) if q.open  # words to write and send
                   else t("join.choose"))  # an answer to tap
    st.markdown(wq.question_prompt(q, c, lang()) + (" " + instruction if not revealed else ""))
    if revealed and q.correct is not None:  # first, at a glance: was this phone's answer right?
        right = wq.option_label(q, q.correct, c, lang())
        outcome = wq.outcome(q, mine)
        if outcome == "right":
            st.success(t("join.right"), icon=":material/check_circle:")
        elif outcome == "wrong":
            st.warning(t("join.wrong", mine=wq.option_label(q, str(mine), c, lang()), right=right),
                       icon=":material/info:")
        elif outcome == "unsure":  # an honest "not sure" is not wrong
            st.info(t("join.unsure", mine=wq.option_label(q, str(mine), c, lang()), right=right),
                    icon=":material/lightbulb:")
        else:
            st.info(t("join.missed", right=right))
        found = wq.reveal(q, c)
        if found is not None:
            st.markdown(tx(found[0]))
    if q.open:
        open_answer(code, pid, q, revealed, mine_all)
        return
    with st.container(key="ws_options"):
        for opt in q.options:
            st.button(wq.option_label(q, opt, c, lang()), key=f"ws_opt_{q.id}_{opt}",
                      type="primary" if opt == mine else "secondary", width="stretch", disabled=revealed,
                      on_click=answer, args=(code, pid, q.id, opt),
                      icon=":material/check_circle:" if opt == mine else None)
    if revealed:
        if q.correct is None:  # a vote: its results are on the shared screen
            st.info(t("join.results_shown"))
    elif mine is not None:
        yours = t("join.your_answer", answer=wq.option_label(q, str(mine), c, lang()))
        st.markdown(f"**:material/check: {yours}**")
    else:
        st.caption(t("join.no_answer"))


def send_text(code: str, pid: str, question_id: str) -> None:
    text = st.session_state.get(f"ws_text_{question_id}", "")
    try:
        store().answer_text(code, pid, question_id, text)
    except ws.WorkshopError as exc:
        st.session_state[FLASH_KEY] = error_text(exc)
        return
    mine = st.session_state.get(MINE_KEY)
    if isinstance(mine, dict):
        mine[f"text:{question_id}"] = " ".join(text.split())


def open_answer(code: str, pid: str, q: wq.Question, revealed: bool, mine_all: dict[str, object]) -> None:
    """An open question on the phone: a few words, sent to the facilitator for approval."""
    slot = f"text:{q.id}"
    if slot not in mine_all:  # read once per question, then kept
        mine_all[slot] = store().text_of(code, pid, q.id)
    sent = mine_all.get(slot)
    if revealed:
        st.info(t("join.results_shown"))
    else:
        with st.form(f"ws_open_{q.id}", border=False):
            st.text_input(t("join.open.label"), key=f"ws_text_{q.id}", max_chars=wq.MAX_OPEN)
            st.form_submit_button(t("join.open.send"), type="primary", width="stretch",
                                  on_click=send_text, args=(code, pid, q.id))
    if sent:
        st.caption(t("join.open.sent"))
        st.text(str(sent))  # plain text, never markdown or HTML


def join_form() -> None:
    st.markdown(t("join.lead"))
    st.page_link(by_slug("privacy").path, label=t("join.privacy"), icon=by_slug("privacy").icon)
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
        lg = lang()
        group = st.selectbox(t("join.group"), (None, *wq.GROUPS), key=f"ws_join_group_{lg}",
                             format_func=lambda g: c.t("join.group.none", lg) if g is None
                             else wq.group_label(g, c, lg), help=t("join.group_help"))
        with st.container(key="ws_join_submit"):
            submitted = st.form_submit_button(t("join.submit"), type="primary", width="stretch")
    if not submitted:
        return
    try:
        norm = ws.normalise_code(code)
        with waiting():
            seat = recall("seat", norm) or st.session_state.get(SEATS_KEY, {}).get(norm)
            pid = store().join(norm, nickname or None, participant_id=seat, group=group,
                               client=client_address())
    except ws.InvalidInput as exc:
        (nick_box if exc.field == "nickname" else code_box).error(error_text(exc))
        return
    except ws.WorkshopError as exc:
        code_box.error(error_text(exc))
        return
    st.session_state[JOINED_KEY] = (norm, pid)
    st.session_state.pop(LEFT_KEY, None)
    st.query_params["code"] = norm
    st.query_params["p"] = pid
    st.rerun()


def seat_from_browser() -> tuple[str, str] | None:
    """Coming back: the participant's own link (a reload), else this browser's seat (Back, then
    reload; or the join link opened again)."""
    linked = str(qp.get("code") or "")[: ws.MAX_CODE_INPUT]
    if not linked:
        return None
    if qp.get("p"):
        return linked, str(qp.get("p"))[: ws.MAX_PARTICIPANT_ID]
    try:
        code = ws.normalise_code(linked)
    except ws.WorkshopError:
        return None
    seat = recall("seat", code)
    return (code, seat) if seat else None


if JOINED_KEY not in st.session_state and not st.session_state.get(LEFT_KEY):
    back = seat_from_browser()
    if back is not None:
        st.session_state[JOINED_KEY] = back

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
    if qp.get("p") != pid:
        qp["code"], qp["p"] = code, pid
    if st.session_state.get("ws_join_cookie") != (code, pid):  # this browser keeps the seat
        remember("seat", code, pid, days=store().retention_days)
        st.session_state["ws_join_cookie"] = (code, pid)
    if nickname:
        st.caption(t("join.joined_as"))
        st.text(nickname)  # plain text, never markdown or HTML
    else:
        st.caption(t("join.anonymous"))
    current(code, pid)
    st.button(t("join.leave"), key="ws_join_leave", on_click=leave, icon=":material/logout:")
