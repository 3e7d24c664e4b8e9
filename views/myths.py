"""The procurement myths of chapter 6 as a quiz: alone, on a shared screen, or all at once.

The quiz state is one :class:`guide.quiz.Quiz` under a plain session key, so nothing is lost when
the language or the view changes.
"""

import streamlit as st

from guide.model import Myth
from guide.quiz import ANSWERS, Quiz
from guide.ui import focus
from guide.ui.common import content, lang, source_caption, t, tx, updates_notice
from guide.ui.nav import by_slug
from guide.ui.present import QUESTION_BOX, presenting, progress, shortcut

QUIZ_KEY = "myths_quiz"  # the Quiz (plain key: survives reruns, language and page changes)
MODE_KEY = "myths_mode_value"  # the chosen view, kept when the page is left and opened again
MODES = ("alone", "shared", "overview")
MOVED_KEY = "myths_moved"  # how many times the user moved (Next, Previous, Restart)

c = content()
myths: list[Myth] = sorted(c.myths.values(), key=lambda m: m.number)
by_id = {m.id: m for m in myths}

st.title(t("page.myths.title"))
if not presenting():
    st.markdown(t("quiz.lead"))


def get_quiz() -> Quiz:
    ids = [m.id for m in myths]
    q = st.session_state.get(QUIZ_KEY)
    q = q.with_order(ids) if isinstance(q, Quiz) else Quiz.start(ids)
    st.session_state[QUIZ_KEY] = q
    return q


def act(action: str, *args: object) -> None:
    """Button callback: apply a Quiz action and store the new state (a move is counted, so that the
    new myth is brought into view, focused and announced)."""
    q: Quiz = st.session_state[QUIZ_KEY]
    st.session_state[QUIZ_KEY] = getattr(q, action)(*args)
    if action in ("next", "previous", "restart"):
        st.session_state[MOVED_KEY] = int(st.session_state.get(MOVED_KEY, 0)) + 1


# The view's labels change with the language and Streamlit matches the widget's state by its label,
# so each language has its own widget key; the chosen view lives under MODE_KEY.
code = lang()
MODE_WIDGET = f"myths_mode_{code}"


def keep_mode() -> None:
    st.session_state[MODE_KEY] = st.session_state[MODE_WIDGET]


if presenting():  # presenter mode is the shared screen, without the choice (the chosen view is kept)
    mode = "shared"
else:
    mode = st.segmented_control(
        t("quiz.mode"), MODES, format_func=lambda m: c.t(f"quiz.mode.{m}", code), key=MODE_WIDGET,
        default=st.session_state.get(MODE_KEY, "alone"), required=True, on_change=keep_mode,
        help=t("quiz.mode_help"),
    ) or "alone"
    st.session_state[MODE_KEY] = mode
quiz = get_quiz()
shared = mode == "shared"


#: How each outcome is shown: right in green with a tick, wrong in red; "not sure" is not wrong.
VERDICT_BOX = {
    "right": (st.success, ":material/check_circle:"),
    "wrong": (st.error, ":material/cancel:"),
    "unsure": (st.info, ":material/lightbulb:"),
    "unanswered": (st.info, ":material/info:"),
}


def show_answer(myth: Myth, q: Quiz) -> None:
    """What the rules say: verdict, explanation, points, later changes and the source."""
    chosen = q.answer_of(myth.id)
    outcome = q.outcome(myth.id)
    verdict = t(f"quiz.verdict.{outcome}")  # one wording: what the answer got right, then the truth
    if chosen is not None:
        said = t("quiz.room_answer" if shared else "quiz.your_answer", answer=t(f"quiz.answer.{chosen}"))
        verdict = f"{said} — {verdict}"
    box, icon = VERDICT_BOX[outcome]
    box(verdict, icon=icon)
    st.markdown(f"{'## ' if shared else '#### '}{t('quiz.rules_say')}")
    st.markdown(f"{'### ' if shared else '**'}{tx(myth.verdict)}{'' if shared else '**'}")
    st.markdown(tx(myth.explanation))
    if myth.points:
        st.markdown("\n".join(f"- {tx(p)}" for p in myth.points))
    updates_notice(myth.updates)
    source_caption(myth.source)


def show_one(q: Quiz) -> None:
    myth_id = q.current
    assert myth_id is not None
    myth = by_id[myth_id]
    progress((q.index + 1) / q.total, t("quiz.progress", n=q.index + 1, total=q.total))
    with st.container(border=True, key=QUESTION_BOX):
        if shared:
            st.markdown(f"# {tx(myth.claim)}")
            st.markdown(f"### {t('quiz.question_shared')}")
        else:
            st.markdown(f"### {tx(myth.claim)}")
            st.markdown(t("quiz.question"))
        if not q.is_revealed(myth_id):
            cols = st.columns(len(ANSWERS) + (1 if shared else 0))
            for col, answer in zip(cols, ANSWERS, strict=False):
                col.button(
                    t(f"quiz.answer.{answer}"), key=f"quiz_{myth_id}_{answer}", width="stretch",
                    on_click=act, args=("answer", myth_id, answer),
                )
            if shared:
                cols[-1].button(
                    t("quiz.reveal"), key=f"quiz_{myth_id}_reveal", type="primary", width="stretch",
                    on_click=act, args=("reveal", myth_id), icon=":material/visibility:",
                )
        else:
            show_answer(myth, q)
    moved = int(st.session_state.get(MOVED_KEY, 0))
    if moved:  # after Next or Previous: the new myth in view, focused and announced
        step = t("quiz.progress", n=q.index + 1, total=q.total)
        focus.bring_into_view(QUESTION_BOX, token=moved, focus="box" if presenting() else "control",
                              announce=f"{step}. {tx(myth.claim)}")
    prev_col, _, next_col = st.columns([1, 2, 1])
    prev_col.button(
        t("quiz.previous"), key="quiz_prev", disabled=q.index == 0, on_click=act, args=("previous",),
        icon=":material/arrow_back:", width="stretch", shortcut=shortcut("previous"),
    )
    last = q.index == q.total - 1
    next_col.button(
        t("quiz.finish" if last else "quiz.next"), key="quiz_next", on_click=act, args=("next",),
        type="primary" if q.is_revealed(myth_id) else "secondary", icon=":material/arrow_forward:",
        width="stretch", shortcut=shortcut("next"),
    )


def show_score(q: Quiz) -> None:
    score = q.score()
    st.header(t("quiz.score.heading"))
    text = t("quiz.score", correct=score.correct, total=score.total, answered=score.answered)
    if score.unsure:
        text += " " + t("quiz.score.unsure", n=score.unsure)
    st.markdown(f"{'# ' if shared else '### '}{text}")
    if score.correct == score.total:
        st.success(t("quiz.score.all"), icon=":material/celebration:")
    else:
        st.info(t("quiz.score.some"), icon=":material/lightbulb:")
    head = [t("quiz.col.number"), t("quiz.col.claim"), t("quiz.col.answer"), t("quiz.col.result")]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for m in myths:
        a = q.answer_of(m.id)
        result = t(f"quiz.result.{q.outcome(m.id)}")
        answer = t(f"quiz.answer.{a}") if a else "–"
        rows.append(f"| {m.number} | {tx(m.claim).replace('|', '/')} | {answer} | {result} |")
    st.markdown("\n".join(rows))
    cols = st.columns(2)
    cols[0].button(t("quiz.previous"), key="quiz_back", on_click=act, args=("previous",),
                   icon=":material/arrow_back:")
    cols[1].button(t("quiz.restart"), key="quiz_restart", on_click=act, args=("restart",),
                   icon=":material/restart_alt:", type="primary")


def show_overview() -> None:
    for m in myths:
        with st.container(border=True):
            st.caption(t("quiz.overview.myth", n=m.number))
            st.markdown(f"### {tx(m.claim)}")
            st.markdown(f"**{tx(m.verdict)}**")
            with st.expander(t("quiz.rules_say")):
                st.markdown(tx(m.explanation))
                if m.points:
                    st.markdown("\n".join(f"- {tx(p)}" for p in m.points))
                updates_notice(m.updates)
            source_caption(m.source)


if mode == "overview":
    show_overview()
elif quiz.finished:
    show_score(quiz)
else:
    show_one(quiz)

if not presenting():
    checker = by_slug("procurement")
    st.page_link(checker.path, label=t("quiz.link.checker"), icon=checker.icon)
