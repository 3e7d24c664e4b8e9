"""Examples library: browse and filter every case of the booklet, as a table or as cards."""

import streamlit as st

from guide import library
from guide.ui.blocks import fitted_table
from guide.ui.cards import case_card
from guide.ui.common import content, lang, t

c = content()
lg = lang()  # bound now: a widget's format_func may be called outside this run
st.title(t("page.examples.title"))
st.markdown(t("examples.lead"))

with st.container(border=True):
    col1, col2 = st.columns(2)
    sectors = col1.multiselect(
        t("examples.filter.sector"), list(c.sectors), format_func=lambda i: c.sectors[i].label(lg),
        key="ex_sectors", placeholder=t("examples.filter.any"),
    )
    forms = col2.multiselect(
        t("examples.filter.form"), list(c.forms), format_func=lambda i: c.forms[i].title(lg),
        key="ex_forms", placeholder=t("examples.filter.any"),
    )
    col3, col4, col5 = st.columns(3)
    places = col3.multiselect(
        t("examples.filter.place"), library.places(c, lang()), key="ex_places",
        placeholder=t("examples.filter.any"),
    )
    chapters = col4.multiselect(
        t("examples.filter.chapter"), library.chapters(c),
        format_func=lambda n: c.t(f"chapter.{n}", lg), key="ex_chapters",
        placeholder=t("examples.filter.any"),
    )
    query = col5.text_input(t("examples.filter.search"), key="ex_query", max_chars=100)

found = library.filter_cases(
    c, lang(), sectors=sectors, forms=forms, places=places, chapters=chapters, query=query
)
view = st.segmented_control(
    t("examples.view"), ["cards", "table"], format_func=lambda v: c.t(f"examples.view.{v}", lg),
    default="cards", required=True, key="ex_view",
)
st.markdown(t("examples.count", n=len(found), total=len(c.cases)))

if not found:
    st.info(t("examples.none"))
elif view == "table":
    fitted_table(library.table(found, content=c, lang=lg), key="examples_table")
else:
    cols = st.columns(2)
    for i, case in enumerate(found):
        with cols[i % 2]:
            case_card(case)
