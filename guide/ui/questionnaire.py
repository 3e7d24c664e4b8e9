"""The one Streamlit renderer for every questionnaire guide.

One question per step with a progress bar; "Back" keeps every later answer; a "check your
answers" summary with a change button per answer; then the result, drawn from the
questionnaire presenter's blocks (``guide.questionnaires.presenter``), the same blocks the report
prints.

The answers and the phase (asking, checking, result) live in the session's ``Answers``
(``guide.ui.answers``); only which question is on screen is kept beside them, so that going back,
changing page or switching language mid-way loses nothing. Pages call :func:`run` and nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from guide import questionnaires as Q
from guide.model import Lang
from guide.questionnaires import presenter
from guide.questionnaires.model import Question, Questionnaire
from guide.ui import answers, focus
from guide.ui.blocks import draw
from guide.ui.common import content, lang, source_caption, t, tx
from guide.ui.present import QUESTION_BOX, nav_columns, presenting, progress, shortcut

PREFIX = "qn"
CHECK_BOX = "qn_check_head"  # the box around the check page's heading (brought into view)


# ---------------------------------------------------------------------------
# State: the answers and phase in Answers; the question on screen beside them


def _nav(qid: str) -> dict[str, Any]:
    """Which question is on screen, and whether Next returns to the check page."""
    key = f"{PREFIX}.{qid}.nav"
    nav = st.session_state.get(key)
    if not isinstance(nav, dict):
        nav = {"current": None, "return_to_check": False}
        st.session_state[key] = nav
    return nav


def _given(qid: str) -> dict[str, Any]:
    qa = answers.get().questionnaires.get(qid)
    return dict(qa.answers) if qa is not None else {}


def _phase_of(qid: str) -> str:
    qa = answers.get().questionnaires.get(qid)
    return qa.phase if qa is not None else "ask"


def _qn(qid: str) -> Questionnaire:
    return Q.get(qid, content())


def _to_widget(q: Question) -> Any:
    def convert(value: Any) -> Any:
        if q.kind == "yesno":
            return None if value is None else ("yes" if value else "no")
        if q.kind == "multi":
            return list(value or [])
        return value

    return convert


def _from_widget(q: Question) -> Any:
    def convert(raw: Any) -> Any:
        if raw is None:
            return None
        if q.kind == "yesno":
            return raw == "yes"
        if q.kind == "multi":
            return list(raw) or None
        return raw

    return convert


def _moved(qid: str) -> None:
    """Count a move (Next, Back, Change): the page then brings the new step into view and focus."""
    key = f"{PREFIX}.{qid}.moved"
    st.session_state[key] = int(st.session_state.get(key, 0)) + 1


def _go(qid: str, delta: int) -> None:
    """Callback of Back (-1) and Next (+1): move to the neighbouring question."""
    _moved(qid)
    nav = _nav(qid)
    qn = _qn(qid)
    ids = [q.id for q in Q.visible(qn, Q.normalise_all(qn, _given(qid)))]
    i = ids.index(nav["current"]) if nav["current"] in ids else 0
    if delta > 0 and (nav["return_to_check"] or i + 1 >= len(ids)):
        nav["return_to_check"] = False
        _phase(qid, "check")
        return
    nav["current"] = ids[max(0, min(len(ids) - 1, i + delta))]


def _change(qid: str, question_id: str) -> None:
    _moved(qid)
    nav = _nav(qid)
    nav["current"], nav["return_to_check"] = question_id, True
    _phase(qid, "ask")


def _phase(qid: str, phase: str) -> None:
    answers.set_value(("questionnaires", qid, "phase"), phase)


def _reset(qid: str) -> None:
    a = answers.get()
    answers.replace(
        a.model_copy(update={"questionnaires": {k: v for k, v in a.questionnaires.items() if k != qid}})
    )
    st.session_state[f"{PREFIX}.{qid}.nav"] = {"current": None, "return_to_check": False}


# ---------------------------------------------------------------------------
# One question


def _scale_label(q: Question, value: int, lg: Lang) -> str:
    c = content()
    if value == q.min and q.low_label is not None:
        return c.t("q.scale.value", lg, value=value, label=q.low_label(lg))
    if value == q.max and q.high_label is not None:
        return c.t("q.scale.value", lg, value=value, label=q.high_label(lg))
    return str(value)


def _option_label(q: Question, option_id: str, lg: Lang) -> str:
    """An option's label in ``lg`` (bound when the widget is drawn, not when the label is used)."""
    opt = q.option(option_id)
    if opt is not None and opt.label is not None:
        return opt.label(lg)
    if option_id in ("yes", "no"):
        return content().t(f"q.{option_id}", lg)
    return option_id


def _whole(x: float | None) -> bool:
    return x is None or float(x) == int(x)


def _widget(qid: str, q: Question) -> Any:
    """Render the input of one question (labelled with the question), bound to its answer."""
    lg = lang()
    label = tx(q.text)
    help_text = tx(q.help) if q.help is not None else None
    path = ("questionnaires", qid, "answers", q.id)
    bind = {"to_widget": _to_widget(q), "from_widget": _from_widget(q), "key": f"{PREFIX}.{qid}.w.{q.id}"}
    if q.kind in ("single", "yesno"):
        ids = ["yes", "no"] if q.kind == "yesno" else [o.id for o in q.options]
        return answers.widget(
            st.radio,
            label,
            path,
            options=ids,
            format_func=lambda i: _option_label(q, i, lg),
            help=help_text,
            horizontal=q.kind == "yesno",
            **bind,
        )
    if q.kind == "multi":
        # A key per language: a multiselect keeps its chips' labels as drawn, so after a switch
        # it starts afresh from the answers, in the new language. No English "Select all".
        bind["key"] = f"{bind['key']}.{lg}"
        return answers.widget(
            st.multiselect,
            label,
            path,
            options=[o.id for o in q.options],
            format_func=lambda i: _option_label(q, i, lg),
            help=help_text,
            placeholder=t("q.choose"),
            select_all=False,
            **bind,
        )
    if q.kind == "scale":
        assert q.min is not None and q.max is not None
        values = list(range(int(q.min), int(q.max) + 1))
        scale_help = None
        if q.low_label is not None and q.high_label is not None:
            scale_help = t("q.scale.help", low=tx(q.low_label), max=int(q.max), high=tx(q.high_label))
        return answers.widget(
            st.radio,
            label,
            path,
            options=values,
            format_func=lambda v: _scale_label(q, v, lg),
            horizontal=True,
            help=help_text or scale_help,
            **bind,
        )
    if q.amount:  # typed as text, as people write amounts
        assert q.min is not None and q.max is not None
        return answers.amount(st, q.label(lg), path, key=bind["key"], help=help_text,
                              placeholder=t("q.amount.placeholder"), bounds=(q.min, q.max))
    integral = _whole(q.min) and _whole(q.max) and _whole(q.step)

    def num(x: float | None) -> int | float | None:
        return None if x is None else int(x) if integral else float(x)

    return answers.widget(
        st.number_input,
        q.label(lg),
        path,
        min_value=num(q.min),
        max_value=num(q.max),
        step=num(q.step) or (1 if integral else None),
        format="%d" if integral else None,
        help=help_text,
        **bind,
    )


def _ask(qid: str, qn: Questionnaire, canon: dict[str, Any], shown: list[Question]) -> None:
    s = _nav(qid)
    ids = [q.id for q in shown]
    if s["current"] not in ids:
        s["current"] = ids[0]
    i = ids.index(s["current"])
    q = shown[i]
    big = presenting()  # presenter mode: the question alone, large, with big Previous / Next
    if i == 0 and not s["return_to_check"] and not big:
        st.markdown(tx(qn.intro))
    step = presenter.progress_text(qn, i + 1, content=content(), lang=lang())
    progress(*step)
    with st.container(border=True, key=QUESTION_BOX):
        _widget(qid, q)
        if q.id not in _given(qid) and not big:
            st.caption(t("q.skip_hint"))
        source_caption(q.source)
    moved = int(st.session_state.get(f"{PREFIX}.{qid}.moved", 0))
    if moved:  # after Next, Back or Change: the new question in view, focused and announced
        focus.bring_into_view(QUESTION_BOX, token=moved, focus="box" if big else "control",
                              announce=f"{step[1]}. {tx(q.text)}")
    if big:
        back_col, _, next_col = nav_columns()
    else:
        cols = st.columns([1, 2, 3])
        back_col, next_col = cols[0], cols[1]
    back_col.button(
        t("present.previous" if big else "q.back"),
        key=f"{PREFIX}.{qid}.back",
        on_click=_go,
        args=(qid, -1),
        disabled=i == 0,
        icon=":material/arrow_back:",
        width="stretch" if big else "content",
        shortcut=shortcut("previous"),
    )
    if s["return_to_check"]:
        label = t("q.return_to_check")
    elif i + 1 == len(ids):
        label = t("q.to_check")
    else:
        label = t("q.next")
    next_col.button(
        label,
        key=f"{PREFIX}.{qid}.next",
        on_click=_go,
        args=(qid, 1),
        type="primary",
        icon=":material/arrow_forward:",
        icon_position="right",
        width="stretch" if big else "content",
        shortcut=shortcut("next"),
    )


# ---------------------------------------------------------------------------
# Check your answers


def _check(qid: str, qn: Questionnaire, canon: dict[str, Any], shown: list[Question]) -> None:
    c = content()
    progress(1.0, t("q.answered", n=sum(q.id in canon for q in shown), total=len(shown)))
    with st.container(key=CHECK_BOX):
        st.subheader(t("q.check.title"))
        st.markdown(t("q.check.lead"))
    moved = int(st.session_state.get(f"{PREFIX}.{qid}.moved", 0))
    if moved:  # after the last Next: the check page in view and announced, the focus on its first button
        focus.bring_into_view(CHECK_BOX, token=moved, focus="box", announce=t("q.check.title"))
    for q in shown:
        answer = Q.answer_text(q, canon[q.id], c, lang()) if q.id in canon else t("q.answer.none")
        with st.container(border=True):
            left, right = st.columns([3, 2], vertical_alignment="center")
            left.markdown(f"**{tx(q.text)}**  \n{answer}")  # the whole question, then the answer
            right.button(
                t("q.change", question=tx(q.short)),
                key=f"{PREFIX}.{qid}.change.{q.id}",
                on_click=_change,
                args=(qid, q.id),
                icon=":material/edit:",
            )
    cols = st.columns([2, 2, 3])
    cols[0].button(
        t("q.see_result"),
        key=f"{PREFIX}.{qid}.result",
        type="primary",
        on_click=_phase,
        args=(qid, "result"),
        icon=":material/check:",
    )
    cols[1].button(t("q.start_over"), key=f"{PREFIX}.{qid}.reset", on_click=_reset, args=(qid,))


# ---------------------------------------------------------------------------
# Result


def _result(qid: str, qn: Questionnaire, canon: dict[str, Any], after: Callable[[], None] | None) -> None:
    blocks = presenter.result(qid, canon, content=content(), lang=lang(), today=dt.date.today(), level=2)
    draw(blocks, key=f"{PREFIX}.{qid}.result")
    if after is not None:
        after()
    cols = st.columns([2, 2, 3])
    cols[0].button(
        t("q.change_answers"),
        key=f"{PREFIX}.{qid}.to_check",
        on_click=_phase,
        args=(qid, "check"),
        icon=":material/edit:",
    )
    cols[1].button(t("q.start_over"), key=f"{PREFIX}.{qid}.reset", on_click=_reset, args=(qid,))
    if presenting():  # no downloads on the shared screen
        return
    from guide.documents import markdown as md  # only for the download

    cols[2].download_button(
        t("q.result.download"),
        data=md.render(blocks),
        file_name=f"{qid}-{lang()}.md",
        mime="text/markdown",
        key=f"{PREFIX}.{qid}.download",
        on_click="ignore",
        icon=":material/download:",
    )


# ---------------------------------------------------------------------------
# The page


def run(qid: str, *, title: str | None = None, after: Callable[[], None] | None = None) -> None:
    """Render questionnaire ``qid``: the question of the current step, the check page or the result;
    ``after`` draws the page's own links after the result."""
    qn = _qn(qid)
    st.title(title or tx(qn.title))
    canon = Q.normalise_all(qn, _given(qid))
    shown = Q.visible(qn, canon)
    phase = _phase_of(qid)
    if phase == "check":
        _check(qid, qn, canon, shown)
    elif phase == "result":
        _result(qid, qn, canon, after)
    else:
        _ask(qid, qn, canon, shown)
    source_caption(qn.source)
