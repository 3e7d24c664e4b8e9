"""Planning calendar (chapters 3-4): the year's events, what to do now, .ics, a personal plan."""

import datetime as dt

# plotly looks pandas up in sys.modules without importing it, and can find it half-imported when a
# rerun overlaps another thread's first import; importing it here waits for that import to finish.
import pandas  # noqa: F401
import streamlit as st

from guide import questionnaires as Q
from guide.calendar import presenter
from guide.calendar.model import FIRST_YEAR, LAST_YEAR
from guide.ui import answers
from guide.ui.blocks import draw
from guide.ui.common import content, lang, t, tx
from guide.ui.nav import by_slug
from guide.ui.present import presenting

c = content()
lg = lang()  # bound now: a widget's format_func may be called outside this run
today = dt.date.today()
this_year = presenter.start(today).year  # the year shown unless another is chosen
st.title(t("page.calendar.title"))
st.markdown(t("calendar.lead"))

# The personal inputs are the questions of the shared questionnaire content/questionnaires/calendar_plan.yaml.
qn = Q.get(presenter.QUESTIONNAIRE, c)
ask = {q.id: q for q in qn.questions}


def option_label(question: str, option: str) -> str:
    label = ask[question].option(option).label  # type: ignore[union-attr]
    return label(lg) if label is not None else option


col_role, col_year = st.columns([2, 1])
answers.widget(col_role.segmented_control, tx(ask["role"].text), ("calendar", "role"),
               options=[o.id for o in ask["role"].options], format_func=lambda r: option_label("role", r),
               required=True, key="cal_role")
answers.widget(col_year.selectbox, t("calendar.year"), ("calendar", "year"),
               options=list(range(FIRST_YEAR, LAST_YEAR + 1)),
               to_widget=lambda y: this_year if y is None else y,
               from_widget=lambda y: None if y == this_year else y, key="cal_year")

inputs = answers.get().calendar
draw(presenter.now(inputs, content=c, lang=lg, today=today), key="cal_now")
draw(presenter.year(inputs, content=c, lang=lg, today=today), key="cal_year_blocks")
if not presenting():  # a file to download is for the desk, not the shared screen
    year = presenter.shown_year(inputs, today)
    st.download_button(
        t("calendar.download", year=year), data=presenter.year_ics(inputs, content=c, lang=lg, today=today),
        file_name=f"veier-til-samarbeid-{year}.ics", mime="text/calendar",
        help=t("calendar.download.help"), icon=":material/download:", on_click="ignore", key="cal_download",
    )

# --- A personal plan for the next twelve months -----------------------------------------------
st.header(tx(qn.title))
st.markdown(tx(qn.intro))
answers.widget(st.pills, tx(ask["seeks"].text), ("calendar", "seeks"),
               options=[o.id for o in ask["seeks"].options], format_func=lambda o: option_label("seeks", o),
               selection_mode="multi", to_widget=list, from_widget=list, key="cal_seeks")
answers.widget(st.selectbox, t("calendar.plan.sector"), ("calendar", "sector"), options=list(c.sectors),
               format_func=lambda s: c.sectors[s].label(lg), placeholder=t("calendar.plan.sector.any"),
               key="cal_sector")
months_q = ask["expiry_months"]
if months_q.id in {q.id for q in Q.visible(qn, {"seeks": list(answers.get().calendar.seeks)})}:
    answers.widget(st.number_input, months_q.label(lg), ("calendar", "expiry_months"), step=1,
                   min_value=None if months_q.min is None else int(months_q.min),
                   max_value=None if months_q.max is None else int(months_q.max),
                   help=tx(months_q.help) if months_q.help is not None else None, key="cal_expiry_months")

inputs = answers.get().calendar
draw(presenter.personal(inputs, content=c, lang=lg, today=today, level=3), key="cal_plan")
if not presenting():
    ics = presenter.plan_ics(inputs, content=c, lang=lg, today=today)
    if ics is not None:
        st.download_button(
            t("calendar.plan.download"), data=ics, file_name="veier-til-samarbeid-plan.ics",
            mime="text/calendar", icon=":material/download:", on_click="ignore", key="cal_plan_download",
        )
st.page_link(by_slug("funding").path, label=t("calendar.plan.funding.link"), icon=":material/payments:")
