"""Streamlit helpers of the live workshop pages: the store (one per process), links, QR code,
texts for errors, the results chart."""

from __future__ import annotations

import io
import os
import re
import urllib.parse

import plotly.graph_objects as go
import segno
import streamlit as st

from guide import workshop as ws
from guide.ui import figures
from guide.ui.common import content, lang, t
from guide.workshop import Store, WorkshopError
from guide.workshop import questions as wq

ENV_PUBLIC_URL = "WORKSHOP_PUBLIC_URL"  # e.g. https://veier.example.no behind a proxy
JOIN_SLUG = "join"


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return Store(url)


def store() -> Store:
    """The workshop store of this process (created on first use, for the configured database)."""
    return _store(ws.default_url())


def error_text(exc: WorkshopError) -> str:
    """The message for a store error, in the user's language."""
    key = f"workshop.error.{exc.key}"
    try:
        return t(key, **exc.params)
    except KeyError:
        return t("workshop.error.storage")


def plain(text: str) -> str:
    """User text made safe to show inside markdown: every markdown and HTML character escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~&:$=\"'])", r"\\\1", text)


def base_url() -> str:
    """The app's address as participants reach it (``WORKSHOP_PUBLIC_URL``, else this request's)."""
    env = (os.environ.get(ENV_PUBLIC_URL) or "").strip().rstrip("/")
    if env:
        return env
    url = ""
    try:
        url = st.context.url or ""
    except Exception:  # no request context (tests, bare runs)
        url = ""
    parts = urllib.parse.urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return "http://localhost:8501"
    path = parts.path.rstrip("/")
    path = path.rsplit("/", 1)[0] if "/" in path else ""  # drop this page's own path
    return f"{parts.scheme}://{parts.netloc}{path}"


def join_url(code: str) -> str:
    query = urllib.parse.urlencode({"code": code, "lang": lang()})
    return f"{base_url()}/{JOIN_SLUG}?{query}"


@st.cache_data(show_spinner=False, max_entries=64)
def qr_png(link: str) -> bytes:
    """The link as a QR code (PNG), large enough to scan from the back of a room."""
    buf = io.BytesIO()
    segno.make(link, error="m").save(buf, kind="png", scale=10, border=2)
    return buf.getvalue()


def results_chart(q: wq.Question, counts: dict[str, int], *, revealed: bool) -> tuple[go.Figure, str]:
    """A horizontal bar chart of the answers to ``q`` and its text alternative."""
    c = content()
    labels = [wq.option_label(q, o, c, lang()) for o in q.options]
    values = [counts.get(o, 0) for o in q.options]
    colours = [
        "#1b7a3d" if revealed and o == q.correct else "#2c5d8f" for o in q.options
    ]
    fig = go.Figure(go.Bar(
        x=values, y=labels, orientation="h", marker_color=colours, text=values,
        textposition="auto", hovertemplate="%{y}: %{x}<extra></extra>",
    ))
    fig.update_layout(
        height=max(220, 48 * len(labels) + 60), margin={"l": 10, "r": 10, "t": 10, "b": 30},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 20}},
        xaxis={"title": t("workshop.chart.axis"), "rangemode": "tozero", "dtick": 1 if max(
            values, default=0) <= 10 else None},
        font={"size": 18, "color": "#1A1A1A"}, uniformtext={"minsize": 16, "mode": "show"},
    )
    items = "; ".join(t("workshop.chart.alt_item", option=lbl, n=n) for lbl, n in zip(labels, values,
                                                                                       strict=True))
    return figures.readable(fig), t("workshop.chart.alt", items=items)
