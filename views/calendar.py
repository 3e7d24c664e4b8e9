"""Planning calendar (chapters 3-4): what to do now, the months ahead with an .ics, a personal plan."""

import datetime as dt

# plotly looks pandas up in sys.modules without importing it, and can find it half-imported when a
# rerun overlaps another thread's first import; importing it here waits for that import to finish.
import pandas  # noqa: F401
import streamlit as st

from guide import formats
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
first_day = presenter.start(today)  # the window starts here unless another day is chosen
st.title(t("page.calendar.title"))
st.markdown(t("calendar.lead"))

# The personal inputs are the questions of the shared questionnaire content/questionnaires/calendar_plan.yaml.
qn = Q.get(presenter.QUESTIONNAIRE, c)
ask = {q.id: q for q in qn.questions}


def option_label(question: str, option: str) -> str:
    opt = ask[question].option(option)
    return opt.label(lg) if opt is not None and opt.label is not None else option


answers.widget(st.segmented_control, tx(ask["role"].text), ("calendar", "role"),
               options=[o.id for o in ask["role"].options], format_func=lambda r: option_label("role", r),
               required=True, key="cal_role")

# What is going on now and what comes next: at the top, before the choice of period.
draw(presenter.now(answers.get().calendar, content=c, lang=lg, today=today), key="cal_now")

MONTHS = c.input_ranges["calendar_months"]  # the span's plausible range, from content
col_start, col_months = st.columns([2, 1])
answers.widget(col_start.date_input, t("calendar.window.start"), ("calendar", "start"),
               min_value=dt.date(FIRST_YEAR, 1, 1), max_value=dt.date(LAST_YEAR, 12, 31),
               format=formats.DATE_FIELD,
               to_widget=lambda d: presenter.shown_start(answers.get().calendar, today) if d is None else d,
               from_widget=lambda d: None if d == first_day else d, key="cal_start")
answers.widget(col_months.selectbox, t("calendar.window.months"), ("calendar", "months"),
               options=list(range(int(MONTHS.min), int(MONTHS.max) + 1)),
               help=t("calendar.window.months.help"),
               to_widget=lambda m: presenter.DEFAULT_MONTHS if m is None else m,
               from_widget=lambda m: None if m == presenter.DEFAULT_MONTHS else m, key="cal_months")

inputs = answers.get().calendar
draw(presenter.window(inputs, content=c, lang=lg, today=today), key="cal_window_blocks")
if not presenting():  # a file to download is for the desk, not the shared screen
    st.download_button(
        t("calendar.window.download"), data=presenter.window_ics(inputs, content=c, lang=lg, today=today),
        file_name=presenter.window_file_name(inputs, today), mime="text/calendar",
        help=t("calendar.window.download.help"), icon=":material/download:", on_click="ignore",
        key="cal_download",
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
