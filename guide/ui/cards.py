"""Renderers for content items, shared by every page that shows them."""

from __future__ import annotations

import datetime as dt
import html

import streamlit as st

from guide import library
from guide import text as text_mod
from guide.model import Case, CooperationForm, Measure, Quote
from guide.procurement.presenter import form_by_value
from guide.ui.common import content, lang, nok, source_caption, t, tx, updates_notice


def quotes(items: list[Quote]) -> None:
    """Each quotation as a block quote with the speaker; one kept in bokmål on a nynorsk or English
    page carries ``lang="nb"``, so that a screen reader reads it with the right voice. Its text is
    escaped for HTML (it is content, never user input, and still goes through ``html.escape``)."""
    for q in items:
        who = q.speaker + (f", {tx(q.role)}" if q.role and tx(q.role) != q.speaker else "")
        said = q.lang_of(lang())
        text = html.escape(text_mod.quoted(tx(q.text), lang()))
        st.markdown(
            f'<blockquote lang="{said}"><p>{text}</p><p lang="{lang()}">— {html.escape(who)}</p>'
            "</blockquote>",
            unsafe_allow_html=True,
        )


def labels(kind: str, ids: list[str]) -> str:
    """Comma-separated titles/labels of items of ``kind``."""
    items = getattr(content(), kind)
    out = []
    for i in ids:
        item = items[i]
        text = getattr(item, "title", None) or getattr(item, "label", None)
        out.append(tx(text))
    return ", ".join(out)


def case_card(case: Case, *, expanded: bool = True) -> None:
    with st.container(border=True):
        st.markdown(f"#### {case.title(lang())}")
        st.caption(
            f"{tx(case.place)} · {t('actor.' + case.actor_type)} · {labels('sectors', case.sectors)}"
        )
        st.markdown(tx(case.what))
        if case.outcome:
            st.markdown(f"**{t('case.outcome')}:** {tx(case.outcome)}")
        if case.partners:
            st.markdown(f"**{t('case.partners')}:** {', '.join(case.partners)}")
        if case.forms:
            st.markdown(f"**{t('case.forms')}:** {labels('forms', case.forms)}")
        if case.measures:
            st.markdown(f"**{t('case.measures')}:** {labels('measures', case.measures)}")
        if case.funding:
            st.markdown(f"**{t('case.funding')}:** {labels('funding', case.funding)}")
        quotes(case.quotes)
        updates_notice(case.updates, same_as=case.source)
        source_caption(case.source)


def case_list(cases: list[Case]) -> None:
    """Compact: a line per case with an expander for the whole story."""
    for case in cases:
        with st.expander(f"{case.title(lang())} — {tx(case.place)}"):
            st.markdown(tx(case.what))
            if case.outcome:
                st.markdown(f"**{t('case.outcome')}:** {tx(case.outcome)}")
            quotes(case.quotes)
            source_caption(case.source)


def form_card(form: CooperationForm) -> None:
    c = content()
    with st.container(border=True):
        st.markdown(f"### {tx(form.title)}")
        st.markdown(tx(form.summary))
        cols = st.columns(3)
        v = form.typical_value
        value = (
            t("form.value_range", lo=nok(v.min_nok), hi=nok(v.max_nok))
            if v.max_nok is not None
            else t("form.value_from", lo=nok(v.min_nok))
        )
        d = form.typical_duration
        duration = (
            t("form.duration_range", lo=d.min_months, hi=d.max_months)
            if d.max_months is not None
            else t("form.duration_from", lo=d.min_months)
        )
        cols[0].markdown(f"**{t('form.typical_value')}**  \n{value}")
        cols[1].markdown(f"**{t('form.typical_duration')}**  \n{duration}")
        cols[2].markdown(f"**{t('form.initiator')}**  \n{t('initiator.' + form.initiator)}")
        st.caption(t("estimate.forms"))
        st.markdown(
            f"**{t('form.procurement')}:** {t('procurement.' + form.procurement)} — "
            f"{tx(form.procurement_note)}"
        )
        st.caption("  \n".join(form_by_value(form, content=content(), lang=lang(), on=dt.date.today())))
        st.markdown(
            f"**{t('form.maturity')}:** {', '.join(t('maturity.' + x) for x in form.maturity)}  \n"
            f"**{t('form.funding_models')}:** "
            f"{', '.join(t('funding_model.' + x) for x in form.funding_models)}"
        )
        if form.funding:
            st.markdown(f"**{t('form.funding')}:** {labels('funding', form.funding)}")
        if form.next_steps:
            st.markdown(f"**{t('form.next_steps')}:**")
            st.markdown("\n".join(f"{i}. {tx(s)}" for i, s in enumerate(form.next_steps, 1)))
        examples = library.cases_for(c, "forms", form.id)
        if examples:
            st.markdown(f"**{t('form.examples')}:**")
            case_list(examples)
        source_caption(form.source)


def measure_card(measure: Measure) -> None:
    with st.container(border=True):
        st.markdown(f"### {tx(measure.title)}")
        st.caption(f"{t('measure.effort')}: {t('effort.' + measure.effort)}")
        st.markdown(tx(measure.summary))
        st.markdown("\n".join(f"{i}. {tx(s)}" for i, s in enumerate(measure.how, 1)))
        examples = library.cases_for(content(), "measures", measure.id)
        if examples:
            st.markdown(f"**{t('measure.examples')}:**")
            case_list(examples)
        source_caption(measure.source)
