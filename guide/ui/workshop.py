"""Streamlit helpers of the live workshop pages: the store (one per process), links, QR code,
texts for errors, the results chart, and the two things a browser remembers across reloads.

What a browser remembers: the facilitator key of a workshop it runs, and the participant's seat
in a workshop it joined, each in a cookie of its own (``vts_fac_<code>``, ``vts_seat_<code>``;
first-party, ``SameSite=Strict``, kept as long as a workshop is kept). The server reads them from
the request (``st.context.cookies``); they are written by a zero-height script, since Streamlit
has no API to set a cookie, except the key of a facilitator link, which server.py sets HttpOnly
(and deletes on request: ``FORGET_URL``).
"""

from __future__ import annotations

import io
import os
import re
import textwrap
import urllib.parse

import plotly.graph_objects as go
import segno
import streamlit as st
import streamlit.components.v1 as components

from guide import workshop as ws
from guide.documents.escape import md_escape
from guide.ui import figures
from guide.ui.common import content, lang, t
from guide.workshop import Store, WorkshopError
from guide.workshop import questions as wq

ENV_PUBLIC_URL = "WORKSHOP_PUBLIC_URL"  # e.g. https://veier.example.no behind a proxy
JOIN_SLUG = "join"
FORGET_URL = "/facilitator/forget"  # server.FORGET_ROUTE: deletes the HttpOnly facilitator cookie


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return Store(url)


def store() -> Store:
    """The workshop store of this process (created on first use, for the configured database)."""
    return _store(ws.default_url())


@st.cache_data(ttl=1.0, show_spinner=False, max_entries=256)
def room_state(code: str) -> tuple[ws.Workshop, list[wq.Question]]:
    """What every phone in a workshop polls (the workshop and its questions), read once a second
    for all of them: a room of 300 phones rerunning every few seconds then costs the database one
    read a second, not 100. (The facilitator's screen reads the store itself, so its own click
    shows at once.) Errors are not cached."""
    return store().workshop(code), store().questions(code)


def error_text(exc: WorkshopError) -> str:
    """The message for a store error, in the user's language."""
    key = f"workshop.error.{exc.key}"
    try:
        return t(key, **exc.params)
    except KeyError:
        return t("workshop.error.storage")


def plain(text: str) -> str:
    """User text (a workshop's title, an open answer) made safe to show inside Markdown: no markup,
    no link from a bare URL or address, no icon from a shortcode (``md_escape``)."""
    return md_escape(text)


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


COOKIE_VALUE = re.compile(r"^[A-Za-z0-9_-]{1,128}$")  # codes, keys and seats are URL-safe tokens


def cookie_name(kind: str, code: str) -> str:
    return f"vts_{kind}_{code}"


def recall(kind: str, code: str) -> str | None:
    """What this browser remembered for the workshop ``code`` (``fac`` or ``seat``), if anything."""
    try:
        value = st.context.cookies.get(cookie_name(kind, code))
    except Exception:  # no request context (tests, bare runs)
        return None
    return value if isinstance(value, str) and COOKIE_VALUE.match(value) else None


def remember(kind: str, code: str, value: str | None, days: int = 30) -> None:
    """Make this browser remember ``value`` for the workshop ``code`` (None: forget it)."""
    if value is not None and not COOKIE_VALUE.match(value):
        raise ValueError("a remembered value is a URL-safe token")
    name = cookie_name(kind, code)
    if not COOKIE_VALUE.match(name.replace("vts_", "", 1)):
        raise ValueError("a workshop code is a URL-safe token")
    age = 0 if value is None else days * 86400
    cookie = f"{name}={value or ''}; path=/; max-age={age}; SameSite=Strict"
    # The facilitator link's cookie is HttpOnly (server.py sets it): only the server can delete it.
    forget = (f"fetch({FORGET_URL!r} + '?ws=' + {code!r}, {{method: 'POST'}});"
              if value is None and kind == "fac" else "")
    components.html(f"<script>document.cookie = {cookie!r};{forget}</script>", height=0)


def join_url(code: str) -> str:
    query = urllib.parse.urlencode({"code": code, "lang": lang()})
    return f"{base_url()}/{JOIN_SLUG}?{query}"


@st.cache_data(show_spinner=False, max_entries=64)
def qr_png(link: str) -> bytes:
    """The link as a QR code (PNG), large enough to scan from the back of a room."""
    buf = io.BytesIO()
    segno.make(link, error="m").save(buf, kind="png", scale=10, border=2)
    return buf.getvalue()


MANY = 6  # a vote with more options than this shows, on the projector, only those chosen


def _wrap(label: str, width: int = 26) -> str:
    """A long option label on lines of its own in a chart (content text: Plotly's <br> only)."""
    return "<br>".join(textwrap.wrap(label, width)) or label


def results_chart(q: wq.Question, counts: dict[str, int], *, revealed: bool,
                  large: bool = False) -> tuple[go.Figure, str]:
    """A horizontal bar chart of the answers to ``q`` and its text alternative (``large``: for a
    projector, with large dark labels; a vote with many options shows those chosen, most first).
    The text alternative always names every option."""
    c = content()
    labels = [wq.option_label(q, o, c, lang()) for o in q.options]
    values = [counts.get(o, 0) for o in q.options]
    shown = list(range(len(q.options)))
    if large and len(shown) > MANY and any(values):
        shown = sorted((i for i in shown if values[i]), key=lambda i: -values[i])[:MANY]
    colours = ["#1b7a3d" if revealed and q.options[i] == q.correct else "#2c5d8f" for i in shown]
    fig = go.Figure(go.Bar(
        x=[values[i] for i in shown], y=[_wrap(labels[i]) for i in shown], orientation="h",
        marker_color=colours, text=[values[i] for i in shown], textposition="auto",
        hovertemplate="%{y}: %{x}<extra></extra>",
    ))
    size = 24 if large else 20
    lines = sum(_wrap(labels[i]).count("<br>") + 1 for i in shown)
    fig.update_layout(
        height=max(220, (40 if large else 30) * lines + 24 * len(shown) + 60),
        margin={"l": 10, "r": 10, "t": 10, "b": 30},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": size, "color": "#111111"}},
        xaxis={"title": t("workshop.chart.axis"), "rangemode": "tozero", "dtick": 1 if max(
            values, default=0) <= 10 else None},
        font={"size": size - 2, "color": "#111111"}, uniformtext={"minsize": 16, "mode": "show"},
    )
    items = "; ".join(t("workshop.chart.alt_item", option=lbl, n=n) for lbl, n in zip(labels, values,
                                                                                       strict=True))
    return figures.readable(fig), t("workshop.chart.alt", items=items)


GROUP_COLOURS = ("#2c5d8f", "#8a4b08", "#1b7a3d", "#5b3a8c")  # dark enough for white labels (≥ 4.5:1)


def group_chart(q: wq.Question, by: dict[str, dict[str, int]], *,
                large: bool = False) -> tuple[go.Figure, str]:
    """The tables' answers to ``q`` side by side (one bar per table and option) and its text alternative."""
    c = content()
    labels = [wq.option_label(q, o, c, lang()) for o in q.options]
    size = 24 if large else 18
    fig = go.Figure()
    alts = []
    for i, (group, counts) in enumerate(by.items()):
        name = wq.group_label(group, c, lang())
        values = [counts.get(o, 0) for o in q.options]
        fig.add_trace(go.Bar(x=values, y=[_wrap(lbl) for lbl in labels], orientation="h", name=name,
                             text=values,
                             textposition="auto", marker_color=GROUP_COLOURS[i % len(GROUP_COLOURS)],
                             hovertemplate="%{y}: %{x}<extra></extra>"))
        items = "; ".join(t("workshop.chart.alt_item", option=lbl, n=n) for lbl, n in zip(labels, values,
                                                                                          strict=True))
        alts.append(t("workshop.by_group.alt", group=name, items=items))
    fig.update_layout(
        barmode="group", height=max(240, (40 * len(by) + 24) * len(labels) + 90),
        margin={"l": 10, "r": 10, "t": 10, "b": 30}, legend={"orientation": "h", "y": -0.15},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": size, "color": "#111111"}},
        xaxis={"title": t("workshop.chart.axis"), "rangemode": "tozero"},
        font={"size": size - 2, "color": "#111111"},
    )
    return figures.readable(fig), " ".join(alts)
