"""Examples library: browse and filter every case of the booklet, as a table or as cards.

The filters are kept widgets (``guide.ui.kept``): they hold option ids, are drawn in the page's
language after a switch, and are still set when the user comes back to the page.
"""

import streamlit as st

from guide import library
from guide.ui import kept
from guide.ui.blocks import fitted_table
from guide.ui.cards import case_card
from guide.ui.common import content, lang, t

c = content()
lg = lang()  # bound now: a widget's format_func may be called outside this run
st.title(t("page.examples.title"))
st.markdown(t("examples.lead"))

with st.container(border=True):
    col1, col2 = st.columns(2)
    sectors = kept.widget(
        col1.multiselect, t("examples.filter.sector"), "ex_sectors", fallback=[], options=list(c.sectors),
        format_func=lambda i: c.sectors[i].label(lg), placeholder=t("examples.filter.any"),
        select_all=False,
    )
    forms = kept.widget(
        col2.multiselect, t("examples.filter.form"), "ex_forms", fallback=[], options=list(c.forms),
        format_func=lambda i: c.forms[i].title(lg), placeholder=t("examples.filter.any"),
        select_all=False,
    )
    col3, col4, col5 = st.columns(3)
    places = kept.widget(
        col3.multiselect, t("examples.filter.place"), "ex_places", fallback=[],
        options=library.places(c, lg), format_func=lambda k: library.place_label(c, k, lg),
        placeholder=t("examples.filter.any"), select_all=False,
    )
    chapters = kept.widget(
        col4.multiselect, t("examples.filter.chapter"), "ex_chapters", fallback=[],
        options=library.chapters(c), format_func=lambda n: c.t(f"chapter.{n}", lg),
        placeholder=t("examples.filter.any"), select_all=False,
    )
    query = kept.widget(col5.text_input, t("examples.filter.search"), "ex_query", fallback="", max_chars=100)

found = library.filter_cases(
    c, lg, sectors=sectors, forms=forms, places=places, chapters=chapters, query=query or ""
)
view = kept.widget(
    st.segmented_control, t("examples.view"), "ex_view", fallback="cards", options=["cards", "table"],
    format_func=lambda v: c.t(f"examples.view.{v}", lg), required=True,
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
