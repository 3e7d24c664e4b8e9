"""Procurement path checker: which rules a purchase must follow, by value, buyer, category and date,
and then the procedure that fits.

The inputs and the result run as a fragment: a click reruns only the checker, not the shell, and
the fragment writes the answers to the link itself (the shell's write runs only on a full rerun).
"""

import datetime as dt

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from guide import formats
from guide import procurement as proc
from guide.procurement import estimate, presenter, protocol
from guide.procurement import model as pm
from guide.ui import answers, casefile, focus
from guide.ui.blocks import draw
from guide.ui.common import content, lang, t

c = content()
lg = lang()
st.title(t("page.procurement.title"))
st.markdown(t("proc.lead"))
NEED_OPTIONS = ("unknown", "yes", "no")
DRAWN_FOR = "proc_allowed_for"  # the category the list of what the rules allow was drawn for
RESULT_BOX = "proc_result"  # the box around the result's head (brought into view after a new value)
SEEN_VALUE = "proc_seen_value"  # the value the result was last drawn for
MOVED = "proc_value_changes"  # how many times the user gave a new value


def _on(value: dt.date | None) -> dt.date:
    return value or dt.date.today()


def _inputs() -> tuple[DeltaGenerator, DeltaGenerator]:
    with st.container(border=True):
        left, right = st.columns(2)
        answers.widget(left.text_input, t("proc.input.value"), ("procurement", "value"),
                       help=t("proc.input.value_help"), placeholder=t("proc.input.value_placeholder"),
                       max_chars=40, key="proc_value", invalid=t("state.error.hidden_characters"))
        answers.widget(right.selectbox, t("proc.input.buyer"), ("procurement", "buyer"), options=pm.BUYERS,
                       format_func=lambda x: c.t(f"proc.buyer.{x}", lg), help=t("proc.input.buyer_help"),
                       key=f"proc_buyer_{lg}")
        answers.widget(left.selectbox, t("proc.input.category"), ("procurement", "category"),
                       options=pm.CATEGORIES, format_func=lambda x: c.t(f"proc.category.{x}", lg),
                       help=t("proc.input.category_help"), key=f"proc_category_{lg}")
        answers.widget(right.date_input, t("proc.input.on"), ("procurement", "on"), to_widget=_on,
                       from_widget=lambda d: None if d == dt.date.today() else d,
                       min_value=proc.first_date(c),
                       max_value=dt.date(2100, 12, 31), help=t("proc.input.on_help"),
                       format=formats.DATE_FIELD, key="proc_on")
    return left, right


def _needs() -> None:
    """The judgement questions of the procedure chooser, each yes, no or not known."""
    with st.container(border=True, key="proc_needs"):
        for q in c.procedure_questions.values():
            answers.widget(
                st.segmented_control, q.text(lg), ("procurement", "needs", q.id), options=NEED_OPTIONS,
                format_func=lambda o: c.t(f"proc.choose.answer.{o}", lg), key=f"proc_need_{q.id}_{lg}",
                to_widget=lambda v: "unknown" if v is None else "yes" if v else "no",
                from_widget=lambda o: None if o in (None, "unknown") else o == "yes",
                help=q.help(lg) if q.help is not None else None,
            )


def _move_on() -> None:
    """From a saved result's date to today's rules."""
    answers.set_value(("procurement", "as_of"), None)


def _use_estimate(value: str) -> None:
    """The helper's total as the checker's value; the value field starts again from the answers."""
    answers.set_value(("procurement", "value"), value)
    st.session_state.pop("proc_value", None)


def _estimate() -> None:
    """The estimated-value helper: the whole contract period, options and extensions (FOA § 5-4)."""
    given = answers.get().procurement.estimate
    with st.expander(t("estimate.value.open"), icon=":material/calculate:",
                     expanded=given.per_year is not None, key="proc_estimate"):
        st.markdown(t("estimate.value.lead"))
        left, right = st.columns(2)
        answers.amount(left, t("estimate.value.per_year"), ("procurement", "estimate", "per_year"),
                       key="est_per_year")
        answers.amount(right, t("estimate.value.other"), ("procurement", "estimate", "other"),
                       key="est_other")
        for col, field, label in ((left, "years", t("estimate.value.years")),
                                  (right, "extension_years", t("estimate.value.extension_years"))):
            answers.widget(col.number_input, label, ("procurement", "estimate", field),
                           key=f"est_{field}", min_value=0.0, max_value=50.0, step=0.5, format="%.1f",
                           help=t("estimate.value.years_help"))
        inputs = answers.get().procurement.estimate
        draw(estimate.blocks(inputs, content=c, lang=lg, level=3), key="proc_estimate_result")
        est = estimate.compute(inputs, c)
        if isinstance(est, estimate.Estimate):
            value = estimate.value_text(est, lg)
            if proc_value_is(est):
                st.success(t("estimate.value.used", value=formats.nok(est.total, lg)),
                           icon=":material/check:")
            else:
                st.button(t("estimate.value.use", value=formats.nok(est.total, lg)), key="est_use",
                          icon=":material/input:", on_click=_use_estimate, args=(value,), type="primary")


def proc_value_is(est: estimate.Estimate) -> bool:
    """Whether the checker's value is the helper's total already."""
    try:
        return round(proc.parse_value(answers.get().procurement.value)) == round(est.total)
    except proc.InputError:
        return False


def _protocol(result: proc.Route) -> None:
    """The procurement protocol of a Part I purchase, with the case file's name and number."""
    st.markdown(f"### {t('protocol.heading')}")
    if not protocol.applies(result):
        st.info(t("protocol.not_part_one"), icon=":material/info:")
        return
    st.markdown(t("protocol.lead"))
    casefile.fields(key="proc_case")
    a = answers.get()
    casefile.protocol_downloads(a, today=dt.date.today(), link=answers.share_url(a), key="proc_protocol")


def _count_new_value(value: str) -> None:
    """Count each new value the user gives (not the first draw, which may come from a link)."""
    if SEEN_VALUE not in st.session_state:
        st.session_state[SEEN_VALUE] = value
    elif st.session_state[SEEN_VALUE] != value:
        st.session_state[SEEN_VALUE] = value
        st.session_state[MOVED] = int(st.session_state.get(MOVED, 0)) + 1


@st.fragment
def checker() -> None:
    left, right = _inputs()
    inputs = answers.get().procurement
    _count_new_value(inputs.value)
    result = presenter.compute(inputs, dt.date.today())
    if answers.refused(("procurement",)):
        pass  # a value outside its range: its message stands by the field, and no result is shown
    elif isinstance(result, proc.InputError):  # by the field it is about
        with left if result.field in ("value_nok", "category") else right:
            draw([presenter.error(result, c, lg)], key="proc_error")
    elif result is None:
        draw(presenter.route(inputs, content=c, lang=lg, today=dt.date.today()), key="proc")
    else:
        reference = presenter.reference_date(inputs, dt.date.today())
        with st.container(key=RESULT_BOX):
            draw(presenter.head(result, content=c, lang=lg, reference=reference), key="proc_head")
        if st.session_state.get(MOVED):  # after Enter: the result in view (on a phone it was below the fold)
            focus.bring_into_view(RESULT_BOX, token=int(st.session_state[MOVED]), below=0.75)
        if inputs.as_of is not None and inputs.as_of != result.on:  # a saved result: the user may move on
            st.button(t("proc.since.seen"), key="proc_since_seen", icon=":material/today:",
                      on_click=_move_on)
        draw(presenter.choose_head(result, content=c, lang=lg), key="proc_choose_head")
        if result.rules != "outside_act":  # below the act's lower limit there is nothing to choose
            _needs()
        draw(presenter.procedures(result, dict(inputs.needs), content=c, lang=lg), key="proc_choose")
        draw(presenter.tail(result, content=c, lang=lg), key="proc_tail", fit_tables=True)
        _protocol(result)
    answers.sync()  # a fragment rerun does not reach the shell's write
    if inputs.category != st.session_state.get(DRAWN_FOR):
        st.rerun()  # what the rules allow for the category is drawn outside the fragment: draw it again


st.session_state[DRAWN_FOR] = category = answers.get().procurement.category
_estimate()
checker()
draw(presenter.allowed(category, content=c, lang=lg, level=3), key="proc_allowed")
draw(presenter.history(content=c, lang=lg), key="proc_history", fit_tables=True)

st.markdown(f"### {t('proc.more.heading')}")
st.link_button(t("proc.more.link"), presenter.ANSKAFFELSER_URL, icon=":material/open_in_new:")
st.markdown(f"[{presenter.ANSKAFFELSER_URL}]({presenter.ANSKAFFELSER_URL})")
st.info(t("proc.disclaimer"), icon=":material/gavel:")
