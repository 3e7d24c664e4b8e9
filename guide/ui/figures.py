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
import json
import math
from collections.abc import Callable, Mapping
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from guide.content import source_uses
from guide.documents.escape import plotly_text
from guide.model import Lang
from guide.ui.common import content

#: The builders of the charts that presenters name in a ``Figure`` block: chart kind ->
#: ``(data, lang) -> go.Figure``. ``data`` is the block's plain data (JSON-able).
CHARTS: dict[str, Callable[[Mapping[str, Any], str], go.Figure]] = {}


def chart(kind: str) -> Callable[[Callable[[Mapping[str, Any], str], go.Figure]], Callable[..., go.Figure]]:
    """Register the builder of a chart kind."""

    def register(fn: Callable[[Mapping[str, Any], str], go.Figure]) -> Callable[..., go.Figure]:
        CHARTS[kind] = fn
        return fn

    return register


INK = "#1a1a1a"  # chart text: dark on every band and on white (17.4:1 on white)


def readable(fig: go.Figure) -> go.Figure:
    """Dark text everywhere in ``fig`` (Streamlit's chart theme makes axis titles, ticks and
    legends pale grey, under 4.5:1 on white): ticks, axis titles, legend, bar texts."""
    fig.update_layout(font_color=INK, legend_font_color=INK)
    fig.update_xaxes(tickfont_color=INK, title_font_color=INK)
    fig.update_yaxes(tickfont_color=INK, title_font_color=INK)
    fig.update_traces(textfont_color=INK, selector={"type": "waterfall"})
    fig.update_traces(outsidetextfont_color=INK, selector={"type": "bar"})
    return fig


@st.cache_resource(show_spinner=False, max_entries=1024)
def _built(kind: str, data_json: str, lg: str) -> go.Figure:
    return readable(CHARTS[kind](json.loads(data_json), lg))


def build(kind: str, data: Mapping[str, Any], lg: str) -> go.Figure:
    """The figure of a ``Figure`` block, built once per (kind, data, language) in this process."""
    if kind not in CHARTS:
        raise KeyError(f"no chart builder for {kind!r}")
    return _built(kind, json.dumps(data, sort_keys=True, default=str), lg)


#: Colours of the calendar's kinds of event.
KIND_COLOURS = {
    "budget": "#1f4e79",
    "plan": "#5b9bd5",
    "state": "#7f7f7f",
    "grant": "#c55a11",
    "procurement": "#548235",
}


@st.cache_resource(show_spinner=False)
def cited() -> dict[str, int]:
    """How often each source is cited: a walk over all content, so once per process."""
    return source_uses(content())


BAND_COLOURS = {
    "outside_act": "#e8eef3",
    "part1": "#d6e9d5",
    "part1_health_social": "#d6e9d5",
    "part2": "#fbe3b8",
    "part3": "#f6c6c0",
    "special_eea": "#f6c6c0",
}


#: Ticks closer than this on the log scale (in decades) go on different lines: a tick label
#: ("NOK 1,300,000") is ~90 px wide, and a phone draws about one decade in 90 px.
TICK_GAP = 1.0


def tick_rows(values: list[float], gap: float = TICK_GAP) -> list[int]:
    """The line (0, 1, 2 …) of each tick's label, so that labels closer than ``gap`` decades on
    the same line never meet: each goes on the first line whose last label is far enough away."""
    last: list[float] = []  # log10 of the last label on each line
    rows: list[int] = []
    for v in values:
        x = math.log10(v)
        row = next((i for i, at in enumerate(last) if x - at >= gap), len(last))
        if row == len(last):
            last.append(x)
        else:
            last[row] = x
        rows.append(row)
    return rows


@chart("procurement_bands")
def procurement_bands(data: Mapping[str, Any], lg: str) -> go.Figure:
    """The rule bands on a log scale with the purchase's value marked (data from the procurement
    presenter: value, its label, bands [lo, hi, rule, label], ticks [value, label], axis title).

    Each band carries its number, and the legend under the chart names it: a band's name does not
    fit inside a narrow band on a phone. Tick labels that would meet go on separate lines.
    """
    value = float(data["value"])
    bands = data["bands"]
    cuts = [b[0] for b in bands if b[0] > 0]
    lo_x = min([*cuts, max(value, 1)]) / 5
    hi_x = max([*cuts, value]) * 5
    shapes: list[dict[str, object]] = []
    notes: list[dict[str, object]] = []
    legend: list[go.Scatter] = []
    for i, (lo, hi, rule, label) in enumerate(bands, 1):
        x0 = max(lo, lo_x)
        x1 = hi if hi is not None else hi_x
        shapes.append(
            {
                "type": "rect",
                "x0": x0,
                "x1": x1,
                "y0": 0,
                "y1": 1,
                "xref": "x",
                "yref": "y",
                "fillcolor": BAND_COLOURS[rule],
                "line": {"width": 0},
                "layer": "below",
            }
        )
        mid = math.sqrt(x0 * x1)  # the middle of the band on the log scale
        notes.append(
            {
                "x": math.log10(mid),
                "y": 0.85,
                "text": f"<b>{i}</b>",
                "showarrow": False,
                "font": {"size": 15, "color": INK},
            }
        )
        legend.append(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"size": 14, "symbol": "square", "color": BAND_COLOURS[rule],
                        "line": {"width": 1, "color": INK}},
                name=f"{i} {plotly_text(label)}",
                hoverinfo="skip",
            )
        )
    ticks = [float(v) for v, _ in data["ticks"]]
    for tick in ticks:
        shapes.append(
            {
                "type": "line",
                "x0": tick,
                "x1": tick,
                "y0": 0,
                "y1": 1,
                "xref": "x",
                "yref": "paper",
                "line": {"width": 1, "dash": "dot", "color": "#555"},
            }
        )
    rows = tick_rows(ticks)
    shown = max(value, lo_x)
    return go.Figure(
        data=[
            go.Scatter(
                x=[shown],
                y=[0.45],
                mode="markers+text",
                marker={"size": 16, "color": "#1f4e79", "symbol": "diamond"},
                text=[plotly_text(data["value_label"])],
                textposition="bottom center",
                textfont={"color": INK},
                hovertemplate="%{text}<extra></extra>",
                showlegend=False,
            ),
            *legend,
        ],
        layout={
            "shapes": shapes,
            "annotations": notes,
            "height": 300 + 16 * max(rows, default=0),
            "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
            "font": {"color": INK},
            "showlegend": True,
            "legend": {"orientation": "h", "yanchor": "top", "y": -0.3 - 0.08 * max(rows, default=0),
                       "x": 0, "font": {"color": INK}},
            "xaxis": {
                "type": "log",
                "range": [math.log10(lo_x), math.log10(hi_x)],
                "tickvals": ticks,
                "ticktext": [
                    "<br>" * row + plotly_text(label)
                    for row, (_, label) in zip(rows, data["ticks"], strict=True)
                ],
                "tickangle": 0,
                "title": {"text": plotly_text(data["axis"]), "font": {"color": INK}},
                "tickfont": {"color": INK},
                "automargin": True,
            },
            "yaxis": {"visible": False, "range": [0, 1], "fixedrange": True},
        },
    )


TIMELINE_BASE, TIMELINE_ROW = 110, 46  # px: the timeline's height is base + a row per title


@chart("calendar_timeline")
def calendar_timeline(data: Mapping[str, Any], lg: str) -> go.Figure:
    """The window's events on a timeline, one row each, coloured by kind, with a line for today
    (data from the calendar presenter: start and end (ISO dates, the end exclusive), events
    [{title, start, end, kind, dates}], kinds [[kind, label]], ticks [[ISO date, label]], today
    (ISO date or None), today_label)."""
    events = data["events"]
    labels = dict(data["kinds"])
    traces: list[go.Bar | go.Scatter] = []
    for kind, colour in KIND_COLOURS.items():
        rows = [e for e in events if e["kind"] == kind]
        if not rows:
            continue
        starts = [dt.date.fromisoformat(e["start"]) for e in rows]
        ends = [dt.date.fromisoformat(e["end"]) for e in rows]
        traces.append(
            go.Bar(
                name=plotly_text(labels.get(kind, kind)),
                orientation="h",
                marker_color=colour,
                y=[plotly_text(e["title"]) for e in rows],
                base=[s.isoformat() for s in starts],
                x=[((e - s).days + 1) * 86_400_000 for s, e in zip(starts, ends, strict=True)],
                customdata=[plotly_text(e["dates"]) for e in rows],
                hovertemplate="%{y}<br>%{customdata}<extra></extra>",
            )
        )
        days = [e for e in rows if e["start"] == e["end"]]  # a single day: a marker, so it can be seen
        if days:
            traces.append(
                go.Scatter(
                    x=[f"{e['start']} 12:00" for e in days],
                    y=[plotly_text(e["title"]) for e in days],
                    mode="markers",
                    marker={"symbol": "diamond", "size": 14, "color": colour},
                    showlegend=False,
                    cliponaxis=False,
                    customdata=[plotly_text(e["dates"]) for e in days],
                    hovertemplate="%{y}<br>%{customdata}<extra></extra>",
                )
            )
    titles = list(dict.fromkeys(plotly_text(e["title"]) for e in events))  # a row per title
    # Each row's title above its bars, not as the y axis's labels: on a phone the labels took
    # most of the width and the months were squeezed into an unreadable heap.
    notes: list[dict[str, object]] = [
        {
            "x": data["start"],
            "y": title,
            "xref": "x",
            "yref": "y",
            "xanchor": "left",
            "yanchor": "bottom",
            "yshift": 9,
            "showarrow": False,
            "text": title,
            "font": {"size": 12, "color": INK},
        }
        for title in titles
    ]
    layout: dict[str, object] = {
        "height": TIMELINE_BASE + TIMELINE_ROW * len(titles),  # a year's repeat shares its row
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "barmode": "overlay",
        "bargap": 0.55,
        "legend": {"orientation": "h", "y": -0.06},
        "xaxis": {
            "type": "date",
            "range": [data["start"], data["end"]],
            "tickvals": [day for day, _ in data["ticks"]],
            "ticktext": [plotly_text(label) for _, label in data["ticks"]],
            "tickangle": 0,
            "tickfont": {"size": 10},
        },
        "yaxis": {
            "categoryorder": "array",
            "categoryarray": titles[::-1],
            "showticklabels": False,
        },
        "annotations": notes,
    }
    today = data.get("today")
    if today:
        layout["shapes"] = [
            {
                "type": "line",
                "x0": today,
                "x1": today,
                "y0": 0,
                "y1": 1,
                "yref": "paper",
                "line": {"color": "#c00000", "width": 2, "dash": "dash"},
            }
        ]
        layout["annotations"] = [
            *notes,
            {
                "x": today,
                "y": 1,
                "yref": "paper",
                "showarrow": False,
                "yanchor": "bottom",
                "text": plotly_text(data["today_label"]),
                "font": {"color": "#c00000"},
            }
        ]
    return go.Figure(data=traces, layout=layout)


_SROI_LAYOUT: dict[str, Any] = {"margin": {"l": 10, "r": 10, "t": 30, "b": 10}, "showlegend": False}


def _waterfall(data: Mapping[str, Any], steps: list[float], *, falling: str, height: int) -> go.Figure:
    """A waterfall from a first amount through ``steps`` to their total (drawn as the last bar)."""
    return go.Figure(
        go.Waterfall(
            x=[plotly_text(s) for s in data["labels"]],
            measure=["absolute"] + ["relative"] * (len(steps) - 1) + ["total"],
            y=[*steps, 0],
            text=[plotly_text(s) for s in data["texts"]],
            textposition="outside",
            increasing_marker_color="#548235",
            decreasing_marker_color=falling,
            totals_marker_color="#1f4e79",
            connector_line_color="#7f7f7f",
        ),
        layout={**_SROI_LAYOUT, "height": height},
    )


@chart("sroi_waterfall")
def sroi_waterfall(data: Mapping[str, Any], lg: str) -> go.Figure:
    """From the investment to the present value (data from the impact presenter: labels of the
    three bars, values [investment, net present value], texts of the three bars)."""
    return _waterfall(data, list(data["values"]), falling="#c00000", height=340)


@chart("sroi_breakdown")
def sroi_breakdown(data: Mapping[str, Any], lg: str) -> go.Figure:
    """From the gross value to the present value, term by term (data: labels of the terms and of
    the total, amounts [gross, −each reduction], texts of every bar and the total)."""
    return _waterfall(data, list(data["amounts"]), falling="#c55a11", height=360)


@chart("sroi_years")
def sroi_years(data: Mapping[str, Any], lg: str) -> go.Figure:
    """The present value of each year, stacked by outcome (data: years (labels), series [{name,
    values}], axis title)."""
    years = [plotly_text(y) for y in data["years"]]
    return go.Figure(
        [go.Bar(name=plotly_text(s["name"]), x=years, y=list(s["values"])) for s in data["series"]],
        layout={
            "barmode": "stack",
            "height": 320,
            "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
            "yaxis": {"title": {"text": plotly_text(data["axis"])}},
            "legend": {"orientation": "h"},
        },
    )


@st.cache_resource(show_spinner=False)
def ferd_chart(lg: Lang) -> go.Figure:
    """Ferd's measured examples as stacked bars, built once per language (content is fixed)."""
    ex = list(content().ferd_examples.values())
    return readable(go.Figure(
        [
            go.Bar(
                name=content().t("impact.ferd.col.high", lg),
                x=[e.name for e in ex],
                y=[e.high_contact or 0 for e in ex],
                marker_color="#1f4e79",
            ),
            go.Bar(
                name=content().t("impact.ferd.col.low", lg),
                x=[e.name for e in ex],
                y=[e.low_contact or 0 for e in ex],
                marker_color="#c55a11",
            ),
        ],
        layout=dict(
            barmode="stack",
            height=320,
            margin=dict(l=10, r=10, t=30, b=10),
            yaxis=dict(title=dict(text=content().t("impact.ferd.axis", lg))),
            legend=dict(orientation="h"),
        ),
    ))


@chart("profile_bars")
def profile_bars(data: Mapping[str, Any], lg: str) -> go.Figure:
    """A questionnaire's profile: one horizontal bar per area, 0–100 (data: names, scores, axis)."""
    names = [plotly_text(n) for n in data["names"]]
    scores = list(data["scores"])
    return go.Figure(
        go.Bar(
            x=scores,
            y=names,
            orientation="h",
            text=[str(s) for s in scores],
            textposition="auto",
            marker_color="#1F4E79",
            hovertemplate="%{y}: %{x}/100<extra></extra>",
        ),
        layout={
            "height": 80 + 48 * len(names),
            "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
            "font": {"color": INK},
            "xaxis": {"range": [0, 100], "title": {"text": plotly_text(data["axis"])}},
            "yaxis": {"autorange": "reversed", "automargin": True},
        },
    )
