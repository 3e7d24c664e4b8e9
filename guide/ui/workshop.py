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
from guide.workshop import Store, WorkshopError, links
from guide.workshop import questions as wq
from guide.workshop.limits import client_of
from guide.workshop.tally import NO_TABLE, Tally

ENV_PUBLIC_URL = links.ENV_PUBLIC_URL
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


#: The facilitator's screen: the count of answers large, yet smaller than the question above it
#: (an ``###`` heading on the page, ``##`` on the projector); Previous / Reveal / Next with room for
#: their words (never broken inside one). Fixed CSS, from code only.
SCREEN_CSS = """<style>
.st-key-ws_count p { font-size: 1.35rem; font-weight: 700; line-height: 1.3; margin: 0; }
.st-key-ws_nav button { padding-left: 0.75rem !important; padding-right: 0.75rem !important; }
.st-key-ws_nav button p { overflow-wrap: normal !important; word-break: normal !important; }
</style>"""


def screen_style() -> None:
    """The facilitator's screen's own style (it takes no space on the page)."""
    st.html(SCREEN_CSS)


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


@st.cache_data(ttl=60, show_spinner=False)
def _network_address() -> str | None:
    return links.network_address()


def public_base() -> links.PublicBase:
    """Where phones reach the app (:func:`guide.workshop.links.public_base`): ``WORKSHOP_PUBLIC_URL``,
    else the address the browser used, with localhost replaced by this machine's network address."""
    try:
        url = st.context.url or ""
    except Exception:  # no request context (tests, bare runs)
        url = ""
    return links.public_base(url, configured=os.environ.get(ENV_PUBLIC_URL),
                             listening=str(st.get_option("server.address") or ""),
                             network=_network_address)


def client_address() -> str | None:
    """The address this session's phone or browser connected from (see
    :func:`guide.workshop.limits.client_of`); None on this machine itself."""
    try:
        peer = st.context.ip_address
        forwarded = st.context.headers.get("X-Forwarded-For")
    except Exception:  # no request context (tests, bare runs)
        return None
    return client_of(peer, forwarded)


def base_url() -> str:
    """The app's address as participants reach it."""
    return public_base().url


def address_hint(*, short: bool = False) -> None:
    """When the app was opened as localhost, say where the phones reach it, or how to tell it
    (``short``: on the projector, under the QR code, only a warning when phones cannot reach it)."""
    base = public_base()
    if short:
        if base.kind == "local":
            st.warning(t("workshop.address.local_short", env=ENV_PUBLIC_URL), icon=":material/wifi_off:")
        return
    if base.kind == "network":
        st.info(t("workshop.address.network", url=base.url, env=ENV_PUBLIC_URL, port=base.port or 8501),
                icon=":material/wifi:")
    elif base.kind == "local":
        st.warning(t("workshop.address.local", env=ENV_PUBLIC_URL, port=base.port or 8501),
                   icon=":material/wifi_off:")


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


MANY = 6  # a vote with more options than this draws only those chosen (the text names them all)


def _wrap(label: str, width: int = 26) -> str:
    """A long option label on lines of its own in a chart (content text: Plotly's <br> only)."""
    return "<br>".join(textwrap.wrap(label, width)) or label


GROUP_COLOURS = ("#2c5d8f", "#8a4b08", "#1b7a3d", "#5b3a8c")  # dark enough for white labels (≥ 4.5:1)
NO_TABLE_COLOUR = "#5f6368"  # those who chose no table: grey, white labels 6.3:1
RIGHT, PLAIN = "#1b7a3d", "#2c5d8f"  # the right answer of a myth, and every other bar


def results_chart(q: wq.Question, tl: Tally, *, revealed: bool,
                  large: bool = False) -> tuple[go.Figure, str, bool]:
    """The room's answers to ``q`` as horizontal bars, with the chart's text alternative and
    whether options were left out of the chart.

    One chart for the counts by table *and* in total (:func:`guide.workshop.tally.tally`): when
    a table answered, each bar is split by table (those who chose no table in grey) and its total
    is written at its end, so the bars count everyone who answered; otherwise one bar per option,
    the right answer of a myth in green once revealed. ``large``: for a projector, large dark
    labels. A vote with many options draws only those chosen, most first; the text alternative
    always names every option, its total and, by table, its parts, and the total of answers.
    """
    c, lg = content(), lang()
    label = {o: wq.option_label(q, o, c, lg) for o in tl.options}
    shown = list(tl.options)
    if len(shown) > MANY and tl.answered:
        shown = tl.chosen()
    left_out = len(shown) < len(tl.options)
    size = 24 if large else 18
    ticks = [_wrap(("✓ " if revealed and o == q.correct and tl.by_table else "") + label[o]) for o in shown]
    fig = go.Figure()
    if tl.by_table:
        for group, counts in tl.rows:  # each table its own colour, whichever others answered
            colour = (NO_TABLE_COLOUR if group == NO_TABLE
                      else GROUP_COLOURS[wq.GROUPS.index(group) % len(GROUP_COLOURS)])
            values = [counts.get(o, 0) for o in shown]
            fig.add_trace(go.Bar(
                x=values, y=ticks, orientation="h", name=wq.group_label(group, c, lg), marker_color=colour,
                text=[v or "" for v in values], textposition="inside", insidetextanchor="middle",
                textfont={"color": "#ffffff"}, hovertemplate="%{y}: %{x}<extra></extra>"))
    else:
        values = [tl.total.get(o, 0) for o in shown]
        fig.add_trace(go.Bar(
            x=values, y=ticks, orientation="h", text=values, textposition="auto",
            marker_color=[RIGHT if revealed and o == q.correct else PLAIN for o in shown],
            hovertemplate="%{y}: %{x}<extra></extra>"))
    top = max((tl.total.get(o, 0) for o in shown), default=0)
    lines = sum(tick.count("<br>") + 1 for tick in ticks)
    layout: dict[str, object] = {}
    if tl.by_table:  # the total at the end of each bar; the legend above the chart, clear of the axis title
        layout = {
            "barmode": "stack", "showlegend": True,
            "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                       "traceorder": "normal", "font": {"size": size - 2}, "title": {"text": ""}},
            "annotations": [{"x": tl.total.get(o, 0), "y": tick, "text": f"<b>{tl.total.get(o, 0)}</b>",
                             "showarrow": False, "xanchor": "left", "xshift": 6,
                             "font": {"size": size, "color": "#111111"}} for o, tick in zip(shown, ticks,
                                                                                           strict=True)],
        }
    # legend lines: beside the question on the projector an entry a line; across the page, a few
    rows = (len(tl.rows) if large else 1 + len(tl.rows) // 4) if tl.by_table else 0
    legend = (size + 10) * rows
    fig.update_layout(
        height=max(220, (48 if large else 30) * lines + 24 * len(shown) + 70 + legend),
        margin={"l": 10, "r": 10, "t": 10 + legend, "b": 10},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": size, "color": "#111111"}},
        xaxis={"title": {"text": t("workshop.chart.axis"), "standoff": 8}, "automargin": True,
               "range": [0, max(1, top) * 1.15], "dtick": 1 if top <= 10 else None},
        font={"size": size - 2, "color": "#111111"}, uniformtext={"minsize": 14, "mode": "show"},
        **layout,
    )
    return figures.readable(fig), chart_text(q, tl), left_out


def chart_text(q: wq.Question, tl: Tally) -> str:
    """The text alternative of :func:`results_chart`: every option with its count (by table, its
    parts: each table and those without one), then the total of answers."""
    c, lg = content(), lang()
    items = []
    for o in tl.options:
        item = t("workshop.chart.alt_item", option=wq.option_label(q, o, c, lg), n=tl.total.get(o, 0))
        parts = [t("workshop.chart.alt_part", group=wq.group_label(g, c, lg), n=counts[o])
                 for g, counts in tl.rows if counts.get(o)]
        if tl.by_table and parts:
            item = t("workshop.chart.alt_parts", item=item, parts=", ".join(parts))
        items.append(item)
    key = "workshop.chart.alt_by_table" if tl.by_table else "workshop.chart.alt"
    return f"{t(key, items='; '.join(items))} {t('workshop.chart.alt_total', n=tl.answered)}"
