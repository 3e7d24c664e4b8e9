"""Figures (and other derived things) built once and reused by every rerun and session.

A page script runs again on every rerun, so a ``st.cache_resource`` defined in it is made anew
each time (Streamlit reads the function's source to key it: a few ms a run). Defined here, in a
module imported once, the caches cost nothing until used, and a rerun whose inputs did not change
gets the figure it built before. Every function takes the language explicitly and reads texts with
``content().t(key, lang)``: a cached result must not depend on the session that built it.

The figures are ``plotly.graph_objects`` built in one go from plain lists and dicts (one
validation pass; no ``add_vline``/``add_shape`` calls, each of which validates again).
"""

from __future__ import annotations

import datetime as dt
import math

import plotly.graph_objects as go
import streamlit as st

from guide import calendar as cal
from guide import procurement as proc
from guide import text as text_mod
from guide.content import source_uses
from guide.ui.common import content

#: Colours of the calendar's kinds of event.
KIND_COLOURS = {
    "budget": "#1f4e79", "plan": "#5b9bd5", "state": "#7f7f7f", "grant": "#c55a11",
    "procurement": "#548235",
}


@st.cache_resource(show_spinner=False)
def cited() -> dict[str, int]:
    """How often each source is cited: a walk over all content, so once per process."""
    return source_uses(content())


BAND_COLOURS = {
    "outside_act": "#e8eef3", "part1": "#d6e9d5", "part1_health_social": "#d6e9d5",
    "part2": "#fbe3b8", "part3": "#f6c6c0", "special_eea": "#f6c6c0",
}


@st.cache_resource(show_spinner=False, max_entries=512)
def procurement_chart(_r: proc.Route, key: tuple[float, str, str, dt.date], lg: str) -> tuple[go.Figure, str]:
    """The route's chart and its text alternative in ``lg``, built once per route and language.

    ``key`` (value, buyer, category, date) determines the route; ``_r`` is not hashed. The figure
    is built in one go from plain dicts (one validation, no ``add_vline``), and a rerun with the
    same inputs reuses it.
    """
    r = _r

    def tr(k: str, **fmt: object) -> str:
        return content().t(k, lg, **fmt)  # type: ignore[arg-type]

    def kr(v: float) -> str:
        return text_mod.nok(v, lg)  # type: ignore[arg-type]

    def short(rule: str) -> str:
        return tr(f"proc.rules_short.{rule}")

    bands = proc.bands(r)
    cuts = [b[0] for b in bands if b[0] > 0]
    lo_x = min([*cuts, max(r.value_nok, 1)]) / 5
    hi_x = max([*cuts, r.value_nok]) * 5
    shapes: list[dict[str, object]] = []
    notes: list[dict[str, object]] = []
    for i, (lo, hi, rule) in enumerate(bands):
        x0 = max(lo, lo_x)
        x1 = hi if hi is not None else hi_x
        shapes.append({"type": "rect", "x0": x0, "x1": x1, "y0": 0, "y1": 1, "xref": "x", "yref": "y",
                       "fillcolor": BAND_COLOURS[rule], "line": {"width": 0}, "layer": "below"})
        mid = math.sqrt(x0 * x1)  # the middle of the band on the log scale
        notes.append({"x": math.log10(mid), "y": 0.88 if i % 2 == 0 else 0.72, "text": short(rule),
                      "showarrow": False, "font": {"size": 12}})
    for th in r.thresholds:
        shapes.append({"type": "line", "x0": th.value, "x1": th.value, "y0": 0, "y1": 1, "xref": "x",
                       "yref": "paper", "line": {"width": 1, "dash": "dot", "color": "#555"}})
    shown = max(r.value_nok, lo_x)
    ticks = sorted({th.value for th in r.thresholds})
    fig = go.Figure(
        data=[go.Scatter(
            x=[shown], y=[0.4], mode="markers+text",
            marker={"size": 16, "color": "#1f4e79", "symbol": "diamond"},
            text=[f"{tr('proc.chart.value')}: {kr(r.value_nok)}"], textposition="bottom center",
            hovertemplate="%{text}<extra></extra>", showlegend=False,
        )],
        layout={
            "shapes": shapes, "annotations": notes, "height": 240,
            "margin": {"l": 10, "r": 10, "t": 10, "b": 50},
            "xaxis": {"type": "log", "range": [math.log10(lo_x), math.log10(hi_x)], "tickvals": ticks,
                      "ticktext": [kr(v) for v in ticks], "title": {"text": tr("proc.chart.axis")}},
            "yaxis": {"visible": False, "range": [0, 1]},
        },
    )
    parts = []
    for lo, hi, rule in bands:
        if lo == 0 and hi is not None:
            parts.append(tr("proc.chart.band_below", rules=short(rule), hi=kr(hi)))
        else:
            parts.append(tr("proc.chart.band_from", rules=short(rule), lo=kr(lo)))
    alt = tr("proc.chart.alt", value=kr(r.value_nok), bands="; ".join(parts), rules=short(r.rules))
    return fig, alt


@st.cache_resource(show_spinner=False, max_entries=256)
def calendar_year(
    year: int, role: str, lg: str, today: dt.date
) -> tuple[list[cal.Event], go.Figure, str, bytes]:
    """The year's events, their timeline chart, its text alternative and the .ics file.

    Built once per (year, role, language, day) and shared by every rerun and session: a rerun that
    changed none of these redraws from the cache.
    """

    def tr(key: str, **fmt: object) -> str:
        return content().t(key, lg, **fmt)  # type: ignore[arg-type]

    def span(e: cal.Event) -> str:
        return cal.format_span(e, lg, content=content())  # type: ignore[arg-type]

    items = cal.events(year, role=role, lang=lg, content=content())  # type: ignore[arg-type]
    order = [e.title for e in items]
    traces: list[go.Bar | go.Scatter] = []
    for kind, colour in KIND_COLOURS.items():
        rows = [e for e in items if e.kind == kind]
        if not rows:
            continue
        traces.append(go.Bar(
            name=tr(f"calendar.kind.{kind}"), orientation="h", marker_color=colour,
            y=[e.title for e in rows],
            base=[e.start.isoformat() for e in rows],
            x=[((e.end - e.start).days + 1) * 86_400_000 for e in rows],
            customdata=[span(e) for e in rows],
            hovertemplate="%{y}<br>%{customdata}<extra></extra>",
        ))
        days = [e for e in rows if e.start == e.end]  # a single day: a marker, so it can be seen
        if days:
            traces.append(go.Scatter(
                x=[f"{e.start.isoformat()} 12:00" for e in days], y=[e.title for e in days], mode="markers",
                marker=dict(symbol="diamond", size=14, color=colour), showlegend=False, cliponaxis=False,
                customdata=[span(e) for e in days], hovertemplate="%{y}<br>%{customdata}<extra></extra>",
            ))
    layout: dict[str, object] = dict(
        height=120 + 34 * len(items), margin=dict(l=10, r=10, t=30, b=10), barmode="overlay",
        legend=dict(orientation="h", y=-0.08),
        xaxis=dict(type="date", range=[f"{year}-01-01", f"{year + 1}-01-01"],
                   tickvals=[f"{year}-{m:02d}-01" for m in range(1, 13)],
                   ticktext=[tr(f"calendar.month.{m}")[:3] for m in range(1, 13)]),
        yaxis=dict(categoryorder="array", categoryarray=order[::-1], automargin=True),
    )
    if today.year == year:
        layout["shapes"] = [dict(type="line", x0=today.isoformat(), x1=today.isoformat(), y0=0, y1=1,
                                 yref="paper", line=dict(color="#c00000", width=2, dash="dash"))]
        layout["annotations"] = [dict(x=today.isoformat(), y=1, yref="paper",
                                      text=tr("calendar.timeline.today"), showarrow=False,
                                      yanchor="bottom", font=dict(color="#c00000"))]
    fig = go.Figure(data=traces, layout=layout)
    alt = tr("calendar.timeline.alt", items="; ".join(
        tr("calendar.timeline.alt_item", title=e.title, dates=span(e)) for e in items))
    if today.year == year:
        alt += " " + tr("calendar.timeline.alt_today", date=cal.format_date(today, lg, content=content()))  # type: ignore[arg-type]
    ics = cal.to_ics(items, name=tr("calendar.ics.name", year=year))
    return items, fig, alt, ics


@st.cache_resource(show_spinner=False)
def ferd_chart(lg: str) -> go.Figure:
    """Ferd's measured examples as stacked bars, built once per language (content is fixed)."""
    ex = list(content().ferd_examples.values())
    return go.Figure(
        [
            go.Bar(name=content().t("impact.ferd.col.high", lg), x=[e.name for e in ex],  # type: ignore[arg-type]
                   y=[e.high_contact or 0 for e in ex], marker_color="#1f4e79"),
            go.Bar(name=content().t("impact.ferd.col.low", lg), x=[e.name for e in ex],  # type: ignore[arg-type]
                   y=[e.low_contact or 0 for e in ex], marker_color="#c55a11"),
        ],
        layout=dict(barmode="stack", height=320, margin=dict(l=10, r=10, t=30, b=10),
                    yaxis=dict(title=dict(text=content().t("impact.ferd.axis", lg))),  # type: ignore[arg-type]
                    legend=dict(orientation="h")),
    )
