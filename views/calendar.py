"""Planning calendar (chapters 3-4): the year's events, what to do now, .ics, a personal plan."""

import datetime as dt

# plotly looks pandas up in sys.modules without importing it, and can find it half-imported when a
# rerun overlaps another thread's first import; importing it here waits for that import to finish.
import pandas  # noqa: F401
import streamlit as st

from guide import calendar as cal
from guide import questionnaires as Q
from guide.calendar_model import FIRST_YEAR, LAST_YEAR, ROLES
from guide.ui import figures
from guide.ui.common import content, lang, source_caption, t, tx
from guide.ui.nav import by_slug

c = content()
lg = lang()  # bound now: a widget's format_func may be called outside this run
today = cal.clamp(dt.date.today())
st.title(t("page.calendar.title"))
st.markdown(t("calendar.lead"))


def dates(e: cal.Event) -> str:
    return cal.format_span(e, lg, content=c)


# The personal inputs are the questions of the shared questionnaire content/questionnaires/calendar_plan.yaml.
qn = Q.get("calendar_plan", c)
ask = {q.id: q for q in qn.questions}


def option_label(question: str, option: str) -> str:
    label = ask[question].option(option).label  # type: ignore[union-attr]
    return label(lg) if label is not None else option


col_role, col_year = st.columns([2, 1])
role = col_role.segmented_control(
    tx(ask["role"].text), [o.id for o in ask["role"].options],
    format_func=lambda r: option_label("role", r), default=ROLES[0], required=True, key="cal_role",
)
years = list(range(FIRST_YEAR, LAST_YEAR + 1))
year = col_year.selectbox(t("calendar.year"), years, index=years.index(today.year), key="cal_year")

# --- What to do now ---------------------------------------------------------------------------
st.subheader(t("calendar.now.title"))
st.caption(t("calendar.now.today", date=cal.format_date(today, lg, content=c)))
now = cal.now(today, role=role, lang=lg, content=c)
if not any(e.contains(today) for e in now):
    st.info(t("calendar.now.none"))
for i, e in enumerate(now):
    if i % 2 == 0:
        cols = st.columns(2)
    with cols[i % 2], st.container(border=True):
        badge = t("calendar.now.current") if e.contains(today) else t("calendar.now.next")
        st.caption(f"**{badge}** · {dates(e)}")
        st.markdown(f"#### {e.title}")
        if e.todo:
            st.markdown(f"**{t('calendar.now.todo')}:** {e.todo}")
        st.caption(e.description)
        if e.source is not None:
            source_caption(e.source)

# --- The year ---------------------------------------------------------------------------------
items, fig, alt, ics = figures.calendar_year(year, role, lg, today)
st.subheader(t("calendar.timeline.title", year=year))
st.plotly_chart(fig, config={"displayModeBar": False}, key="cal_timeline",
                alt=t("calendar.timeline.title", year=year))
st.caption(alt)

st.download_button(
    t("calendar.download", year=year),
    data=ics,
    file_name=f"veier-til-samarbeid-{year}.ics", mime="text/calendar",
    help=t("calendar.download.help"), icon=":material/download:", on_click="ignore",
    key="cal_download",
)
with st.expander(t("calendar.details")):
    for e in items:
        st.markdown(f"**{e.title}** ({t(f'calendar.kind.{e.kind}')}) — {dates(e)}  \n{e.description}")
        if e.todo:
            st.markdown(f"*{t('calendar.now.todo')}:* {e.todo}")
        if e.source is not None:
            source_caption(e.source)

# --- A personal plan for the next twelve months -----------------------------------------------
st.subheader(tx(qn.title))
st.markdown(tx(qn.intro))
seeks = st.pills(
    tx(ask["seeks"].text), [o.id for o in ask["seeks"].options],
    format_func=lambda o: option_label("seeks", o), selection_mode="multi", key="cal_seeks",
)
sector = st.selectbox(
    t("calendar.plan.sector"), list(c.sectors), format_func=lambda s: c.sectors[s].label(lg),
    index=None, placeholder=t("calendar.plan.sector.any"), key="cal_sector",
)
answers: dict[str, object] = {"role": role, "seeks": list(seeks) or None}
expiry = None
expiry_ok = True
months_q = ask["expiry_months"]
if months_q.id in {q.id for q in Q.visible(qn, Q.normalise_all(qn, answers))}:
    unit = f" ({tx(months_q.unit)})" if months_q.unit is not None else ""
    months = st.number_input(
        tx(months_q.text) + unit, value=None, step=1, key="cal_expiry_months",
        help=tx(months_q.help) if months_q.help is not None else None,
    )
    expiry_ok = False
    if months is None:
        st.info(t("calendar.plan.expiry.missing"))
    else:
        try:
            answers["expiry_months"] = Q.normalise(months_q, months, qn.id)
            expiry = cal.add_months(today, int(months))
            expiry_ok = True
        except ValueError:
            st.error(t("calendar.plan.expiry.range", min=int(months_q.min or 0),
                       max=int(months_q.max or 0)))

if not seeks:
    st.info(t("calendar.plan.choose"))
else:
    # What to focus on, and why (the questionnaire engine), then the steps with dates (the calendar).
    result = Q.evaluate(qn.id, answers, c)
    own = Q.items(qn, c)
    st.markdown(f"**{t('calendar.plan.focus')}**")
    for rec in result.top(qn.top):
        item = own[rec.item_id]
        with st.expander(f"{tx(item.title)} — {tx(item.when)}"):
            st.markdown(tx(item.text))
            st.markdown("\n".join(f"- {tx(r.text)}" for r in rec.reasons))
            source_caption(item.source)
    # Without a usable expiry date the contract steps wait; the rest of the plan is shown.
    wanted = [s for s in seeks if s != "contract" or expiry_ok]
    steps = cal.plan(today, seeks=wanted, role=role, expiry=expiry, lang=lg, content=c)
    if not steps:
        if wanted:
            st.info(t("calendar.plan.none"))
    else:
        st.dataframe(
            [
                {
                    t("calendar.col.dates"): t("calendar.plan.late") if s.late else dates(s),
                    t("calendar.col.step"): s.title,
                    t("calendar.col.todo"): s.description,
                }
                for s in steps
            ],
            hide_index=True, width="stretch", key="cal_plan_table",
        )
        if "contract" in wanted:
            st.caption(t("calendar.plan.rule_of_thumb"))
        st.download_button(
            t("calendar.plan.download"),
            data=cal.to_ics(steps, name=t("calendar.plan.ics.name")),
            file_name="veier-til-samarbeid-plan.ics", mime="text/calendar",
            icon=":material/download:", on_click="ignore", key="cal_plan_download",
        )
    if "grant" in seeks:
        st.markdown(f"**{t('calendar.plan.funding')}**")
        found = cal.funding_sources(roles=[role], sectors=[sector] if sector else [], content=c)
        if not found:
            st.info(t("calendar.plan.funding.none"))
        for f in found:
            nxt = cal.upcoming(f.calendar_events, today, lang=lg, content=c)
            when = "; ".join(t("calendar.funding.item", title=e.title, dates=dates(e)) for e in nxt)
            st.markdown(f"- **{tx(f.title)}** — {when or tx(f.when)}")
        st.page_link(by_slug("funding").path, label=t("calendar.plan.funding.link"),
                     icon=":material/payments:")
