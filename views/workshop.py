"""Live workshop, the facilitator's screen: create a workshop, show its code and QR code, watch the
room's answers arrive, move through the questions, reveal the myths' answers, end on a summary
slide with Close, Export and Delete, in presenter mode too.

The workshop lives in the store (guide.workshop). This session remembers its code and the
facilitator key (or the PIN typed to open it); the link holds the code (``?ws=``) and whether the
summary is shown (``?ws_view=summary``), and the browser remembers the key in a cookie, so a reload
of the projector comes back to the same screen. The facilitator link (``?ws=<code>&key=<key>``)
opens it on another machine; the server (server.py) exchanges the key for an HttpOnly cookie
before the page loads, so the key stays in neither the address bar nor the history.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

import streamlit as st

from guide import workshop as ws
from guide.documents import docx as docx_doc
from guide.documents import markdown as md_doc
from guide.documents import pdf as pdf_doc
from guide.model import Lang
from guide.ui.blocks import draw
from guide.ui.common import content, lang, source_caption, t, tx
from guide.ui.present import presenting, progress, shortcut
from guide.ui.storage import waiting
from guide.ui.workshop import (
    address_hint,
    base_url,
    error_text,
    join_url,
    plain,
    qr_png,
    recall,
    remember,
    results_chart,
    room_state,
    screen_style,
    store,
)
from guide.workshop import presenter
from guide.workshop import questions as wq
from guide.workshop.tally import tally

CODE_KEY = "ws_fac_code"  # the workshop shown on this screen
SESSION_KEY = "ws_fac_session"  # opened by hand: the store's session key for the PIN typed once
FAC_KEY = "ws_fac_key"  # the facilitator key (made by this browser, or from the facilitator link)
SHOWN_KEY = "ws_fac_key_shown"  # the facilitator link may be shown (this session created or got it)
COOKIE_KEY = "ws_fac_cookie"  # the code whose key this session has written to the cookie
FLASH_KEY = "ws_fac_flash"  # (kind, message) to show once
WS_PARAM, KEY_PARAM, VIEW_PARAM, VIA_PARAM = "ws", "key", "ws_view", "ws_via"
REFRESH_S = 1  # the shared screen: a count within a second (one session, so cheap)

c = content()
qp = st.query_params


def flash() -> None:
    msg = st.session_state.pop(FLASH_KEY, None)
    if msg:
        getattr(st, msg[0])(msg[1])


def forget() -> None:
    """Leave the workshop on this screen (it goes on; the key is forgotten by this browser)."""
    code = st.session_state.get(CODE_KEY)
    for key in (CODE_KEY, SESSION_KEY, FAC_KEY, SHOWN_KEY, COOKIE_KEY):
        st.session_state.pop(key, None)
    for param in (WS_PARAM, KEY_PARAM, VIEW_PARAM):
        if param in st.query_params:
            del st.query_params[param]
    if code:
        st.session_state["ws_fac_forget_cookie"] = code


def creds() -> dict[str, str]:
    """What opens the workshop for this session: the facilitator key, else the session key that
    the PIN gave (a live screen never checks the PIN again)."""
    return {"key": st.session_state.get(FAC_KEY) or st.session_state.get(SESSION_KEY) or ""}


def resume() -> None:
    """A reload, or the facilitator link: open the workshop in the link with its key."""
    if st.session_state.get(CODE_KEY) or not qp.get(WS_PARAM):
        return
    linked = str(qp.get(WS_PARAM))[: ws.MAX_CODE_INPUT]
    key = str(qp.get(KEY_PARAM) or "")[: ws.MAX_KEY] or None
    via_link = qp.get(VIA_PARAM) == "link"  # server.py took the key out of the link into a cookie
    for param in (KEY_PARAM, VIA_PARAM):
        if param in qp:
            del qp[param]  # the key is a secret: never left in the address bar
    try:
        code = ws.normalise_code(linked)
    except ws.WorkshopError:
        del qp[WS_PARAM]
        return
    from_link = key is not None or via_link
    key = key or recall("fac", code)
    if key is None:  # a reload where this browser has no key: open by hand, the code filled in
        st.session_state["ws_open_code"] = code
        del qp[WS_PARAM]
        return
    try:
        found = store().check_pin(code, key=key)
    except ws.WorkshopError as exc:
        st.session_state[FLASH_KEY] = ("warning", error_text(exc))
        del qp[WS_PARAM]
        return
    st.session_state[CODE_KEY] = found.code
    st.session_state[FAC_KEY] = key
    st.session_state[SHOWN_KEY] = True
    if from_link:
        st.session_state[FLASH_KEY] = ("success", t("workshop.resumed", code=found.code))


def field_error(boxes: dict[str, Any], exc: ws.WorkshopError, default: str) -> None:
    """Show the error by the input it is about."""
    field = exc.field if isinstance(exc, ws.InvalidInput) else default
    boxes.get(field, boxes[default]).error(error_text(exc))


# ---------------------------------------------------------------------------
# No workshop on this screen yet: create one or open one


def create_or_open() -> None:
    st.markdown(t("workshop.lead"))
    address_hint()  # opened as localhost: where the phones will reach it, or how to tell it
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
                with waiting():
                    made = store().create(title, pin=pin, questions=wq.build(chosen, c))
            except ws.WorkshopError as exc:
                field_error(boxes, exc, "storage")
            else:
                st.session_state[CODE_KEY] = made.code
                st.session_state[FAC_KEY] = made.facilitator_key
                st.session_state[SHOWN_KEY] = True
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
                with waiting():
                    session = store().session_key(code, pin=opin)
            except (ws.WrongPin, ws.PinLocked) as exc:
                boxes["pin"].error(error_text(exc))
            except ws.WorkshopError as exc:
                field_error(boxes, exc, "code")
            else:
                st.session_state[CODE_KEY] = ws.normalise_code(code)
                st.session_state[SESSION_KEY] = session
                st.session_state.pop(FAC_KEY, None)
                st.rerun()


# ---------------------------------------------------------------------------
# A workshop on the shared screen


def act(action: str, *args: Any) -> None:
    """Button callback: a facilitator action with the key (or PIN) of this session."""
    try:
        getattr(store(), action)(st.session_state[CODE_KEY], *args, **creds())
        room_state.clear()  # the phones served by this process see it at their next poll
    except ws.UnknownWorkshop as exc:
        forget()
        st.session_state[FLASH_KEY] = ("warning", error_text(exc))
    except ws.WorkshopError as exc:
        st.session_state[FLASH_KEY] = ("error", error_text(exc))


def delete() -> None:
    code = st.session_state[CODE_KEY]
    try:
        store().delete(code, **creds())
        room_state.clear()
    except ws.WorkshopError as exc:
        st.session_state[FLASH_KEY] = ("error", error_text(exc))
        return
    forget()
    st.session_state.pop("ws_del_confirm", None)
    st.session_state[FLASH_KEY] = ("success", t("workshop.deleted", code=code))


def show_reveal(r: ws.QuestionResult) -> None:
    """The revealed answer, large and first; the explanation folded so that Next stays in sight."""
    q = r.question
    found = wq.reveal(q, c)
    if found is None:
        return
    verdict, explanation = found
    with st.container(border=True, key="ws_reveal_box"):
        st.markdown(f"### {t('quiz.verdict.unanswered')} {tx(verdict)}")  # the one verdict wording
        share = r.correct_share
        if share is not None:
            st.markdown(f"**{t('workshop.room_knew', pct=round(100 * share))}**")
    with st.expander(t("workshop.rules_say")):
        st.markdown(tx(explanation))
        src = wq.source(q, c)
        if src is not None:
            source_caption(src)


def moderate(text_id: int, approved: bool) -> None:
    act("moderate", text_id, approved)


def open_results(code: str, q: wq.Question, r: ws.QuestionResult, summary: ws.Summary) -> None:
    """An open question: moderation off the projector, then the approved answers ranked."""
    try:
        given = store().open_answers(code, q.id, **creds())
    except ws.WorkshopError as exc:
        st.error(error_text(exc))
        return
    pending = [a for a in given if a.approved is None]
    st.markdown(t("workshop.open.pending", n=len(pending)))
    if presenting():  # the room must not see answers before they are approved
        if pending:
            st.caption(t("workshop.open.moderate_elsewhere"))
    elif pending:
        st.caption(t("workshop.open.moderate"))
        with st.container(border=True, key="ws_moderation"):
            for a in pending:
                words, yes, no = st.columns([6, 1, 1], vertical_alignment="center")
                words.text(a.text)  # plain text, never markdown or HTML
                yes.button(t("workshop.open.approve"), key=f"ws_ok_{a.id}", on_click=moderate,
                           args=(a.id, True), icon=":material/check:")
                no.button(t("workshop.open.reject"), key=f"ws_no_{a.id}", on_click=moderate,
                          args=(a.id, False), icon=":material/close:")
    if not r.revealed:
        return
    ranked = summary.open_answers.get(q.id, [])
    st.markdown(f"### {t('workshop.open.ranked')}")
    if not ranked:
        st.caption(t("workshop.open.none_approved"))
    with st.container(key="ws_open_ranked"):
        for text, n in ranked:
            st.markdown(f"#### {t('workshop.open.item', text=plain(text), n=n)}")


def to_summary() -> None:
    st.query_params[VIEW_PARAM] = "summary"


def to_questions() -> None:
    if VIEW_PARAM in st.query_params:
        del st.query_params[VIEW_PARAM]


@st.fragment(run_every=REFRESH_S)
def live(code: str, slide: bool = False) -> None:
    """The current question and the room's answers, refreshed every second.

    ``slide``: the projector's one slide at 1920×1080 — the workshop's title with the code beside
    it; below, the question, the count and the buttons on the left, and on the right the QR code
    until the answers are shown, then the room's answers in its place.
    """
    flash()
    try:
        w = store().workshop(code)
        summary = store().summary(code)
    except ws.WorkshopError as exc:
        st.error(error_text(exc))
        return
    r = summary.questions[w.current]
    if slide:
        head, code_box = st.columns([3, 2], gap="large", vertical_alignment="bottom")
        head.title(plain(w.title))
        code_box.header(t("workshop.code", code=w.code))
        main, side = st.columns([3, 2], gap="large")
        with main:
            live_question(code, w, summary, r)
        with side:
            if r.revealed:
                results(code, r.question, r, summary)
            elif r.question.open:  # how many answers wait; never the answers themselves
                open_results(code, r.question, r, summary)
            else:
                link = join_url(w.code)
                st.image(qr_png(link), caption=t("workshop.qr_alt", url=link), width=380,
                         alt=t("workshop.qr_alt", url=link))
                address_hint(short=True)  # a QR code only this machine can open: say so
                st.markdown(t("workshop.join_help", url=link.split("?")[0]))
        return
    live_question(code, w, summary, r)
    results(code, r.question, r, summary)
    if presenting():  # the nicknames are for the facilitator, not the room
        return
    with st.expander(t("workshop.nicknames")):
        try:
            names = store().nicknames(code, **creds())
        except ws.WorkshopError as exc:
            st.error(error_text(exc))
        else:
            if not names:
                st.caption(t("workshop.no_nicknames"))
            for name in names:
                st.text(name)  # plain text, never markdown or HTML


def live_question(code: str, w: ws.Workshop, summary: ws.Summary, r: ws.QuestionResult) -> None:
    """The question, how many have answered, and the buttons to move on. The question is the
    largest text; the count (which also says how many have joined) is smaller, the buttons below."""
    slide = presenting() and not w.closed
    joined = f"**{t('workshop.participants', n=summary.participants)}**"  # live: people keep joining
    step = t("workshop.progress", n=w.current + 1, total=w.total)
    q = r.question
    if slide:  # one line: where the session is, and how many have joined
        where, who = st.columns(2)
        with where:
            progress((w.current + 1) / w.total, step)
        who.markdown(joined)
    else:
        st.markdown(joined)
        if w.closed:
            st.info(t("workshop.is_closed"))
        if presenting():
            progress((w.current + 1) / w.total, step)
        else:
            st.caption(step)
    with st.container(key="ws_statement"):
        st.markdown(f"{'##' if slide else '###'} {wq.question_text(q, c, lang())}")
    st.markdown(wq.question_prompt(q, c, lang()))
    with st.container(key="ws_count"):
        st.markdown(f"**{t('workshop.answered', n=r.answered, total=summary.participants)}**")
    if not r.revealed:
        st.caption(t("workshop.hidden"))
    with st.container(key="ws_nav"):  # Previous narrower: "To the summary" fits without a broken word
        left, mid, right = st.columns([0.8, 1.1, 1.1])
    left.button(t("workshop.prev"), key="ws_prev", on_click=act, args=("previous",),
                disabled=w.current == 0, icon=":material/arrow_back:", width="stretch",
                shortcut=shortcut("previous"))
    if not r.revealed:
        mid.button(t("workshop.reveal" if q.revealable else "workshop.show_results"), key="ws_reveal",
                   on_click=act, args=("reveal", q.id), type="primary", icon=":material/visibility:",
                   width="stretch")
    if w.current >= w.total - 1:  # the last question: Next leads to the summary slide
        if right.button(t("workshop.to_summary"), key="ws_to_summary", icon=":material/summarize:",
                        width="stretch", shortcut=shortcut("next"),
                        type="secondary" if not r.revealed else "primary"):
            to_summary()
            st.rerun()
    else:
        right.button(t("workshop.next"), key="ws_next", on_click=act, args=("next",),
                     icon=":material/arrow_forward:", width="stretch", shortcut=shortcut("next"))


def results(code: str, q: wq.Question, r: ws.QuestionResult, summary: ws.Summary) -> None:
    """Below the buttons (so that Next stays in sight), or beside them on the projector: the answer,
    then the room's answers — hidden until the facilitator shows them."""
    if q.open:
        open_results(code, q, r, summary)
    elif r.revealed:
        show_reveal(r)
    if r.revealed and not q.open:  # one chart counts everyone: by table (no table too) and in total
        tl = tally(r, summary)
        if tl.by_table:
            st.markdown(f"#### {t('workshop.by_group')}")
        fig, alt, left_out = results_chart(q, tl, revealed=True, large=presenting())
        st.plotly_chart(fig, key="ws_live_chart", config={"displayModeBar": False, "staticPlot": True})
        if left_out:
            st.caption(t("workshop.chart.only_chosen"))
        with figure_box():
            st.caption(alt)


def figure_box() -> Any:
    """Where a chart's text alternative goes: under it, or folded on the projector (where the room
    reads the chart and the list of every option would crowd the slide)."""
    return st.expander(t("workshop.chart.as_text")) if presenting() else st.container()


@st.cache_data(show_spinner=False, max_entries=32)
def _exports(summary: ws.Summary, lg: Lang) -> tuple[bytes, bytes, str, str]:
    doc = presenter.document(summary, content=c, lang=lg)
    return (pdf_doc.render(doc), docx_doc.render(doc), md_doc.document(doc),
            wq.csv_export(summary, c, lg))


def exports(summary: ws.Summary) -> None:
    """The session's report: PDF, Word, Markdown (the report renderers) and the CSV of figures."""
    st.markdown(f"#### {t('workshop.export.heading')}")
    st.caption(t("workshop.export.lead"))
    lg = lang()
    name = f"workshop-{summary.code}"
    kinds = (("pdf", "application/pdf", 0), ("docx", "application/vnd.openxmlformats-officedocument."
                                                     "wordprocessingml.document", 1),
             ("md", "text/markdown", 2), ("csv", "text/csv", 3))
    for ext, mime, i in kinds:
        def data(i: int = i) -> bytes | str:  # made on the click
            return _exports(summary, lg)[i]

        st.download_button(t(f"workshop.export.{ext}"), data,
                           file_name=f"{name}.{ext}", mime=mime, key=f"ws_export_{ext}",
                           icon=":material/download:", on_click="ignore", width="stretch")


def summary_slide(code: str) -> None:
    """The last slide: it opens on the room's answers per activity; Back, Close, the report and
    Delete beside them, in reach without hiding them."""
    flash()
    try:
        summary = store().summary(code)
    except ws.WorkshopError as exc:
        st.error(error_text(exc))
        return
    results_box, actions = st.columns([3, 1], gap="large")
    with results_box, st.container(key="ws_summary_results"):
        draw(presenter.summary(summary, content=c, lang=lang(), level=3), key="ws_summary")
    with actions, st.container(key="ws_summary_actions"):
        st.button(t("workshop.back_to_questions"), key="ws_back", on_click=to_questions,
                  icon=":material/arrow_back:", width="stretch", shortcut=shortcut("previous"))
        st.button(t("workshop.close"), key="ws_close", on_click=act, args=("close",),
                  disabled=summary.closed, help=t("workshop.close_help"), icon=":material/lock:",
                  width="stretch", type="primary" if not summary.closed else "secondary")
        if summary.closed:
            st.caption(t("workshop.closed_no_join"))
        exports(summary)
        with st.container(border=True):
            confirm = st.checkbox(t("workshop.delete_confirm"), key="ws_del_confirm")
            st.button(t("workshop.delete"), key="ws_delete", on_click=delete, disabled=not confirm,
                      icon=":material/delete:", width="stretch")


def join_panel(w: ws.Workshop) -> None:
    """The code, the join link and a QR code large enough to scan from the back of the room."""
    link = join_url(w.code)
    address_hint()
    left, right = st.columns([3, 2])
    with left:
        st.header(t("workshop.code", code=w.code))
        st.markdown(t("workshop.join_help", url=link.split("?")[0]))
        st.caption(t("workshop.join_link"))
        st.code(link, language=None)
    with right:
        st.image(qr_png(link), caption=t("workshop.qr_alt", url=link), width=300,
                 alt=t("workshop.qr_alt", url=link))


def facilitator_link(code: str) -> None:
    with st.expander(t("workshop.key.heading"), icon=":material/key:"):
        key = st.session_state.get(FAC_KEY)
        if not (key and st.session_state.get(SHOWN_KEY)):
            st.caption(t("workshop.key.gone"))
            return
        st.markdown(t("workshop.key.lead"))
        query = urllib.parse.urlencode({WS_PARAM: code, KEY_PARAM: key, "lang": lang()})
        st.code(f"{base_url()}/workshop?{query}", language=None)


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
    if qp.get(WS_PARAM) != w.code:
        qp[WS_PARAM] = w.code  # a reload comes back here
    key = st.session_state.get(FAC_KEY)
    if key and st.session_state.get(COOKIE_KEY) != w.code:
        remember("fac", w.code, key, days=store().retention_days)
        st.session_state[COOKIE_KEY] = w.code
    on_summary = qp.get(VIEW_PARAM) == "summary"
    title = plain(w.title)
    if on_summary:
        (st.title if presenting() else st.header)(t("workshop.slide.summary", title=title))
        summary_slide(w.code)
    else:
        if presenting() and not w.closed:  # one slide: title and code; question left, QR or results right
            live(w.code, slide=True)
        else:
            (st.title if presenting() else st.subheader)(title)
            if not w.closed:  # after closing, the join link and the QR code are gone
                join_panel(w)
            live(w.code)
    if presenting():  # managing the workshop happens on the summary slide in presenter mode
        return
    st.divider()
    st.subheader(t("workshop.manage"))
    facilitator_link(w.code)
    left, right = st.columns(2)
    if not on_summary:
        left.button(t("workshop.to_summary"), key="ws_goto_summary", on_click=to_summary,
                    icon=":material/summarize:")
    right.button(t("workshop.leave"), key="ws_leave", on_click=forget, help=t("workshop.leave_help"),
                 icon=":material/logout:")


gone = st.session_state.pop("ws_fac_forget_cookie", None)
if gone:
    remember("fac", gone, None)  # this browser forgets the key of the workshop it left
resume()
screen_style()
if not (presenting() and st.session_state.get(CODE_KEY)):  # on the projector the workshop's title heads it
    st.title(t("page.workshop.title"))
flash()
if st.session_state.get(CODE_KEY):
    shared_screen(st.session_state[CODE_KEY])
else:
    create_or_open()
