"""guide.ui.figures: figures built once per input and language, reused by every rerun."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from guide import calendar as cal
from guide import content as content_mod
from guide import procurement as proc
from guide.text import nok
from guide.ui import figures
from tests.support.samples import chart

DAY = dt.date(2026, 3, 2)


def route(value: float) -> proc.Route:
    return proc.route(value, buyer="municipal", category="goods_services", on=DAY)


def test_the_procurement_chart_is_built_once_per_route_and_language() -> None:
    r = route(1_500_000)
    fig, alt = chart(r, "nb")
    assert isinstance(fig, go.Figure)
    again, _ = chart(route(1_500_000), "nb")
    assert again is fig  # the rerun with the same inputs reuses the figure
    en, alt_en = chart(r, "en")
    assert en is not fig and alt_en != alt
    other, _ = chart(route(80_000), "nb")
    assert other is not fig


def test_the_procurement_chart_and_its_alternative_say_the_same() -> None:
    r = route(1_500_000)
    fig, alt = chart(r, "en")
    assert nok(1_500_000, "en") in alt
    marker = fig.data[0]
    assert marker.x[0] == 1_500_000 and nok(1_500_000, "en") in marker.text[0]
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert sorted(s.x0 for s in lines) == sorted(th.value for th in r.thresholds)
    assert fig.layout.xaxis.type == "log"


def calendar_window(
    start: dt.date, role: str, lang: str, today: dt.date
) -> tuple[list[cal.Event], go.Figure, str, bytes]:
    """The window's events, the timeline figure the page draws, its text alternative and the .ics."""
    from guide.answers.model import CalendarInputs
    from guide.calendar import presenter

    inputs = CalendarInputs(role=role, start=start)  # type: ignore[arg-type]
    c = content_mod.default()
    items = presenter.window_events(inputs, content=c, lang=lang, today=today)  # type: ignore[arg-type]
    end = cal.window_end(start, 12)
    block = presenter.timeline(items, start, end, content=c, lang=lang, today=today)  # type: ignore[arg-type]
    ics = presenter.window_ics(inputs, content=c, lang=lang, today=today)  # type: ignore[arg-type]
    return items, figures.build(block.chart, block.data, lang), block.alt, ics


def test_the_calendar_window_is_built_once_per_window_role_language_and_day() -> None:
    start = dt.date(2026, 12, 1)
    items, fig, alt, ics = calendar_window(start, "entrepreneur", "nb", start)
    assert items == cal.window(start, role="entrepreneur", lang="nb")
    assert ics.startswith(b"BEGIN:VCALENDAR")
    assert all(e.title in alt for e in items)
    assert {t.name for t in fig.data if t.type == "bar"} <= {
        content_mod.default().t(f"calendar.kind.{k}", "nb") for k in figures.KIND_COLOURS
    }
    assert list(fig.layout.xaxis.range) == ["2026-12-01", "2027-12-01"]
    assert fig.layout.xaxis.ticktext[0] == "des 2026" and "jan 2027" in fig.layout.xaxis.ticktext
    assert len(fig.layout.shapes) == 1  # the line for today
    again = calendar_window(start, "entrepreneur", "nb", start)
    assert again[1] is fig
    later = calendar_window(dt.date(2027, 12, 1), "entrepreneur", "nb", start)
    assert later[1] is not fig and len(later[1].layout.shapes) == 0  # today is not in that window


def test_ferd_chart_per_language() -> None:
    nb, en = figures.ferd_chart("nb"), figures.ferd_chart("en")
    assert nb is figures.ferd_chart("nb") and nb is not en
    c = content_mod.default()
    assert [b.name for b in en.data] == [c.t("impact.ferd.col.high", "en"), c.t("impact.ferd.col.low", "en")]
    assert list(en.data[0].x) == [e.name for e in c.ferd_examples.values()]


def test_cited_counts_every_source_once_per_process() -> None:
    counts = figures.cited()
    assert counts is figures.cited()
    assert counts == content_mod.source_uses(content_mod.default())
    assert counts["booklet"] > 0
