"""Measuring effect (chapter 5): the methods, Ferd's model, measured examples, the SoImpact planner."""

import streamlit as st

from guide import impact, library
from guide.impact import presenter as impact_presenter
from guide.ui import figures
from guide.ui.blocks import draw
from guide.ui.cards import case_list
from guide.ui.common import content, lang, source_caption, t, tx
from guide.ui.nav import by_slug

c = content()
st.title(t("page.impact.title"))
st.markdown(t("impact.lead"))
st.page_link(by_slug("impact-method").path, label=t("impact_method.link"), icon=":material/quiz:")
st.page_link(by_slug("sroi").path, label=t("sroi.link"), icon=":material/calculate:")

for method in c.impact_methods.values():
    with st.container(border=True):
        st.markdown(f"### {tx(method.title)}")
        st.caption(method.owner)
        st.markdown(tx(method.summary))
        st.markdown(f"**{t('impact.good_for')}:**")
        st.markdown("\n".join(f"- {tx(g)}" for g in method.good_for))
        if method.steps:
            st.markdown(f"**{t('impact.steps')}:**")
            st.markdown("\n".join(f"{i}. {tx(s)}" for i, s in enumerate(method.steps, 1)))
        examples = library.cases_for(c, "impact_methods", method.id)
        if examples:
            st.markdown(f"**{t('impact.examples')}:**")
            case_list(examples)
        if method.url:
            st.markdown(f"[{method.url}]({method.url})")
        source_caption(method.source)

st.subheader(t("impact.ferd.title"))
st.markdown(t("impact.ferd.lead"))
ferd = list(c.ferd_examples.values())
rows = [
    {
        t("impact.ferd.col.name"): e.name,
        t("impact.ferd.col.activity"): tx(e.activity),
        # text in every cell of a column (numbers mixed with "–" make Streamlit convert the column
        # again on every rerun, with a logged traceback)
        t("impact.ferd.col.high"): str(e.high_contact) if e.high_contact is not None else "–",
        t("impact.ferd.col.low"): str(e.low_contact) if e.low_contact is not None else "–",
        t("impact.ferd.col.criterion"): tx(e.success_criterion),
        t("impact.ferd.col.percent"): f"{e.success_percent:g} %",
    }
    for e in ferd
]


if ferd:
    fig = figures.ferd_chart(lang())
    st.plotly_chart(fig, config={"displayModeBar": False}, alt=t("impact.ferd.title"))
    st.caption(t("impact.ferd.alt", items="; ".join(
        t("impact.ferd.alt_item", name=e.name, high=e.high_contact or 0, low=e.low_contact or 0,
          pct=f"{e.success_percent:g}") for e in ferd)))
    st.dataframe(rows, hide_index=True, width="stretch")
    source_caption(ferd[0].source)

# --- SoImpact: the seven steps as a planner, step 4 an editable indicator table -----------------
soimpact = c.impact_methods.get("soimpact")
if soimpact is not None and soimpact.steps:
    st.subheader(t("soimpact.title"))
    st.markdown(t("soimpact.lead"))
    columns = {k: t(f"soimpact.col.{k}") for k in impact.INDICATOR_COLUMNS}
    levels: dict[str, str] = {lv: t(f"soimpact.level.{lv}") for lv in impact.LEVELS}
    for n, step in enumerate(soimpact.steps, 1):
        st.markdown(f"**{t('soimpact.step', n=n, text=tx(step))}**")
        if n != 4:
            st.text_area(t("soimpact.notes", n=n), key=f"soimpact_notes_{n}", height=80,
                         label_visibility="collapsed", placeholder=t("soimpact.notes", n=n))
            continue
        st.markdown(t("soimpact.levels"))
        table = st.data_editor(
            [{"level": lv, **{k: "" for k in impact.INDICATOR_COLUMNS[1:]}} for lv in impact.LEVELS],
            num_rows="dynamic", hide_index=True, width="stretch", key="soimpact_indicators",
            column_config={
                "level": st.column_config.SelectboxColumn(
                    columns["level"], options=list(impact.LEVELS),
                    format_func=lambda lv: levels.get(str(lv), str(lv)), required=True, default="result"),
                **{k: st.column_config.TextColumn(columns[k]) for k in impact.INDICATOR_COLUMNS[1:]},
            },
        )
        st.caption(t("soimpact.table.help"))
        draw(impact_presenter.impact_plan(table, content=c, lang=lang(), level=4), key="soimpact_plan")
        st.download_button(
            t("soimpact.download"), data=impact_presenter.indicators_csv(table, content=c, lang=lang()),
            file_name=t("soimpact.file"), mime="text/csv", icon=":material/download:",
            on_click="ignore", key="soimpact_download",
        )
    source_caption(soimpact.source)
