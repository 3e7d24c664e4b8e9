"""Procurement path checker: which rules a purchase must follow, by value, buyer, category and date."""

import datetime as dt

import streamlit as st

from guide import procurement as proc
from guide import procurement_model as pm
from guide.model import Source
from guide.text import source_url
from guide.ui import figures
from guide.ui.common import cite, content, lang, nok, source_caption, t, tx
from guide.ui.nav import by_slug

ANSKAFFELSER_URL = "https://anskaffelser.no/"

c = content()
st.title(t("page.procurement.title"))
st.markdown(t("proc.lead"))


def error_by(where: object, err: proc.InputError) -> None:
    where.error(t(f"proc.error.{err.field}.{err.code}", **err.params), icon=":material/error:")  # type: ignore[attr-defined]


def status_label(status: str) -> str:
    return t(f"proc.status.{status}")


def threshold_name(th: proc.Threshold) -> str:
    name = t(f"proc.threshold.{th.name}")
    return f"{name} ({t(f'proc.eea_key.{th.key}')})" if th.key else name


def source_md(source: Source) -> str:
    url = source_url(c, source)
    text = cite(source)
    return f"[{text}]({url})" if url else text


def cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def choice(where: object, name: str, options: tuple[str, ...], default: str) -> str:
    """A selectbox whose choice survives a language switch.

    The labels change with the language, and Streamlit matches a selectbox's state by its label,
    so each language gets its own widget key; the choice itself lives under ``proc_<name>``.
    """
    code = lang()
    plain, wkey = f"proc_{name}", f"proc_{name}_{code}"
    current = st.session_state.get(plain, default)
    if current not in options:
        current = default

    def keep() -> None:
        st.session_state[plain] = st.session_state[wkey]

    value: str = where.selectbox(  # type: ignore[attr-defined]
        t(f"proc.input.{name}"), options, index=options.index(current), key=wkey, on_change=keep,
        format_func=lambda x: c.t(f"proc.{name}.{x}", code), help=t(f"proc.input.{name}_help"),
    )
    st.session_state[plain] = value
    return value


# --- Inputs -----------------------------------------------------------------------------------
first = proc.first_date(c)
with st.container(border=True):
    left, right = st.columns(2)
    raw = left.text_input(
        t("proc.input.value"), key="proc_value", help=t("proc.input.value_help"),
        placeholder=t("proc.input.value_placeholder"), max_chars=40,
    )
    value: float | None = None
    if raw.strip():
        try:
            value = proc.parse_value(raw)
        except proc.InputError as exc:
            error_by(left, exc)
    buyer = choice(right, "buyer", pm.BUYERS, "municipal")
    category = choice(left, "category", pm.CATEGORIES, "goods_services")
    on = right.date_input(
        t("proc.input.on"), value=dt.date.today(), min_value=first, max_value=dt.date(2100, 12, 31),
        key="proc_on", help=t("proc.input.on_help"), format="YYYY-MM-DD",
    )

result: proc.Route | None = None
if value is not None:
    try:
        result = proc.route(value, buyer=buyer, category=category, on=on)
    except proc.InputError as exc:
        error_by({"value_nok": left, "category": left}.get(exc.field, right), exc)
elif not raw.strip():
    st.info(t("proc.enter_value"), icon=":material/edit:")


def rules_short(rule: str) -> str:
    return t(f"proc.rules_short.{rule}")


def show_result(r: proc.Route) -> None:
    info = c.procurement_rules[r.rules]
    with st.container(border=True):
        st.subheader(t("proc.result.heading", value=nok(r.value_nok)))
        st.markdown(f"### {tx(info.title)}")
        st.markdown(tx(info.summary))
        if r.must_announce:
            where = f" {t('proc.result.and')} ".join(t(f"proc.channel.{ch}") for ch in r.announce_in)
            st.markdown(f"**{t('proc.result.announce_in', where=where)}**")
        else:
            st.markdown(f"**{t('proc.result.announce_none')}**")
        st.caption(t("proc.result.on", date=r.on.isoformat()) + " · " + t("proc.result.rules_note"))
        source_caption(info.source)
    show_warnings(r)
    show_chart(r)
    show_used(r)


def show_warnings(r: proc.Route) -> None:
    for w in r.warnings:
        th = w.threshold
        if w.code == "eea_stale":
            body = t("proc.warning.eea_stale", valid_from=th.valid_from.isoformat() if th.valid_from else "",
                     on=r.on.isoformat())
        elif w.code == "pending_change":
            date = (th.valid_from or r.on).isoformat()
            body = t(f"proc.warning.pending.{th.status}", name=threshold_name(th), value=nok(th.value),
                     date=date)
        else:
            body = t("proc.warning.approximate", name=threshold_name(th), value=nok(th.value),
                     date=th.valid_from.isoformat() if th.valid_from else "")
        parts = [body]
        if th.note is not None and w.code != "eea_stale":
            parts.append(tx(th.note))
        if w.code != "eea_stale":
            parts.append(
                t("proc.warning.regime_if", rules=t(f"proc.rules_short.{w.regime_if}"))
                if w.regime_if else t("proc.warning.regime_same")
            )
        parts.append(f"_{t('cite.source', text=source_md(th.source))}_")
        st.warning("\n\n".join(parts), icon=":material/warning:")


def show_chart(r: proc.Route) -> None:
    st.markdown(f"#### {t('proc.chart.heading')}")
    fig, alt = figures.procurement_chart(r, (r.value_nok, r.buyer, r.category, r.on), lang())
    # The figure is named by its heading (role="figure"); the caption after it gives the figures.
    st.plotly_chart(fig, width="stretch", config={"displayModeBar": False}, alt=t("proc.chart.heading"))
    st.caption(alt)


def show_used(r: proc.Route) -> None:
    st.markdown(f"#### {t('proc.used.heading')}")
    head = [t("proc.col.threshold"), t("proc.col.amount"), t("proc.col.valid_from"), t("proc.col.status"),
            t("proc.col.source")]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for th in r.thresholds:
        rows.append("| " + " | ".join(cell(x) for x in [
            threshold_name(th), nok(th.value), th.valid_from.isoformat() if th.valid_from else "–",
            status_label(th.status), source_md(th.source),
        ]) + " |")
    st.markdown("\n".join(rows))
    notes = [th for th in r.thresholds if th.note is not None]
    for th in notes:
        st.caption(f"{threshold_name(th)}: {tx(th.note)}")


def show_practice(r: proc.Route) -> None:
    st.markdown(f"#### {t('proc.steps.heading')}")
    for i, sid in enumerate(r.steps, 1):
        step = c.procurement_steps[sid]
        st.markdown(f"{i}. **{tx(step.title)}** – {tx(step.text)}")
        source_caption(step.source)
    if r.procedures:
        st.markdown(f"#### {t('proc.procedures.heading')}")
        for pid in r.procedures:
            p = c.procurement_procedures[pid]
            st.markdown(f"- **{tx(p.title)}** – {tx(p.text)}")
            source_caption(p.source)


def show_allowed(r: proc.Route | None) -> None:
    st.markdown(f"### {t('proc.allowed.heading')}")
    st.markdown(t("proc.allowed.lead"))
    ids = r.allowed if r is not None else tuple(c.procurement_allowed)
    myths_page = by_slug("myths")
    for aid in ids:
        a = c.procurement_allowed[aid]
        with st.expander(tx(a.title)):
            st.markdown(tx(a.text))
            if a.law:
                st.markdown(t("proc.allowed.law", law=a.law))
            if a.myth and a.myth in c.myths:
                st.page_link(myths_page.path, label=t("proc.allowed.myth", n=c.myths[a.myth].number),
                             icon=myths_page.icon)
            source_caption(a.source)


def show_history() -> None:
    with st.expander(t("proc.history.heading")):
        st.markdown(t("proc.history.lead"))
        head = [t("proc.col.series"), t("proc.col.amount"), t("proc.col.valid_from"), t("proc.col.status"),
                t("proc.col.source")]
        rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for p in proc.history(c):
            if p.series == "eea":
                assert p.eea is not None
                amount = "; ".join(f"{t(f'proc.eea_key.{k}')}: {nok(p.eea.get(k))}" for k in pm.EEA_KEYS)
            else:
                amount = nok(p.figure())
            valid = (p.valid_from.isoformat() if p.valid_from
                     else t("proc.valid_from.none", date=p.announced.isoformat() if p.announced else "–"))
            rows.append("| " + " | ".join(cell(x) for x in [
                t(f"proc.threshold.{p.series}"), amount, valid, status_label(p.status), source_md(p.source),
            ]) + " |")
        st.markdown("\n".join(rows))
        for p in proc.history(c):
            if p.note is not None:
                st.caption(f"**{t(f'proc.threshold.{p.series}')} · {status_label(p.status)}"
                           f"{' · ' + p.valid_from.isoformat() if p.valid_from else ''}:** {tx(p.note)}")


if result is not None:
    show_result(result)
    show_practice(result)
show_allowed(result)
show_history()

st.markdown(f"### {t('proc.more.heading')}")
st.link_button(t("proc.more.link"), ANSKAFFELSER_URL, icon=":material/open_in_new:")
st.markdown(f"[{ANSKAFFELSER_URL}]({ANSKAFFELSER_URL})")
st.info(t("proc.disclaimer"), icon=":material/gavel:")
