"""SROI calculator (chapter 5): investment and outcomes in, present value, ratio and sensitivity out."""

from typing import Any

# plotly looks pandas up in sys.modules without importing it, and can find it half-imported when a
# rerun overlaps another thread's first import; importing it here waits for that import to finish.
import pandas  # noqa: F401
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from guide.impact import engine, presenter
from guide.state import MAX_OUTCOMES, Answers, SroiOutcome
from guide.ui import answers
from guide.ui.blocks import draw
from guide.ui.common import content, lang, t
from guide.ui.nav import by_slug

c = content()
lg = lang()
st.title(t("page.sroi.title"))
st.markdown(t("sroi.lead"))
with st.expander(t("sroi.formula.title")):
    st.markdown(t("sroi.formula"))

inputs = answers.get().sroi  # the callbacks of this run's changes have run: these are the answers now
errors = presenter.field_errors(inputs, content=c, lang=lg)


AMOUNTS = ("investment", "proxy")  # typed as text, as people write amounts


def field(column: DeltaGenerator, name: str, key: str, outcome: int | None = None, **kwargs: Any) -> None:
    """An input bound to the answer ``name`` (of outcome ``outcome``): a text field for an amount,
    else a number input; what is wrong with it shows by the field."""
    path = ("sroi", name) if outcome is None else ("sroi", "outcomes", outcome, name)
    if name in AMOUNTS:
        answers.amount(column, t(f"sroi.field.{name}"), path, help=t(f"sroi.term.{name}"), key=key,
                       placeholder=t("sroi.field.amount.placeholder"))
    else:
        answers.widget(column.number_input, t(f"sroi.field.{name}"), path, help=t(f"sroi.term.{name}"),
                       key=key, **kwargs)
    if path in errors:
        column.error(errors[path], icon=":material/error:")


def outcomes_changed(outcomes: list[SroiOutcome]) -> None:
    """New answers with ``outcomes`` (the widgets of every outcome start afresh from them)."""
    a = answers.get()
    data = a.model_dump()
    data["sroi"]["outcomes"] = [o.model_dump() for o in outcomes]
    answers.replace(Answers.model_validate(data))


def add() -> None:
    outcomes_changed([*answers.get().sroi.outcomes, SroiOutcome()])


def remove(i: int) -> None:
    outcomes_changed([o for n, o in enumerate(answers.get().sroi.outcomes) if n != i])


st.header(t("sroi.inputs.title"))
col_inv, col_rate = st.columns(2)
field(col_inv, "investment", "sroi_investment")
field(col_rate, "discount_rate", "sroi_discount_rate", step=0.5, format="%.1f")

st.header(t("sroi.outcomes.title"))
for i in range(len(inputs.outcomes)):
    with st.container(border=True):
        st.markdown(f"**{t('sroi.outcome.title', n=i + 1)}**")
        answers.widget(st.text_input, t("sroi.field.name"), ("sroi", "outcomes", i, "name"), max_chars=80,
                       placeholder=t("sroi.field.name.placeholder"), key=f"sroi_name_{i}",
                       invalid=t("state.error.hidden_characters"))
        a, b, d = st.columns(3)
        field(a, "quantity", f"sroi_quantity_{i}", i, step=1.0, format="%.0f")
        field(b, "proxy", f"sroi_proxy_{i}", i)
        field(d, "duration_years", f"sroi_duration_{i}", i, step=1)
        for col, rate_name in zip(st.columns(4), engine.RATE_FIELDS, strict=True):
            field(col, rate_name, f"sroi_{rate_name}_{i}", i, step=5.0, format="%.1f")
        if len(inputs.outcomes) > 1:
            st.button(t("sroi.outcome.remove", n=i + 1), key=f"sroi_remove_{i}", on_click=remove, args=(i,),
                      icon=":material/delete:")
st.button(t("sroi.outcome.add"), key="sroi_add", on_click=add, icon=":material/add:",
          disabled=len(inputs.outcomes) >= MAX_OUTCOMES)

draw(presenter.terms(content=c, lang=lg), key="sroi_terms")
draw(presenter.sroi(inputs, content=c, lang=lg, refused=answers.refused(("sroi",))), key="sroi")
st.page_link(by_slug("impact").path, label=t("sroi.back"), icon=":material/monitoring:")
