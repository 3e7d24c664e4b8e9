"""Charts readable on a desktop and on a phone: dark text, tick labels that never meet, band
names that do not depend on the chart's width."""

from __future__ import annotations

import datetime as dt
import itertools
import math

import plotly.graph_objects as go
import pytest

from guide import procurement as proc
from guide.ui import figures
from tests.support.colour import contrast
from tests.support.samples import chart

DAY = dt.date(2026, 3, 2)


def test_ticks_closer_than_the_gap_go_on_separate_lines() -> None:
    assert figures.tick_rows([100_000, 1_300_000, 1_490_000, 2_300_000]) == [0, 0, 1, 2]
    assert figures.tick_rows([100_000, 1_300_000, 14_000_000]) == [0, 0, 0]
    for values in ([1e5, 1.3e6, 1.49e6, 2.3e6, 1.4e7], [1.3e6, 1.49e6, 1.5e6]):
        rows = figures.tick_rows(values)
        for i, j in itertools.combinations(range(len(values)), 2):
            if rows[i] == rows[j]:
                assert abs(math.log10(values[j]) - math.log10(values[i])) >= figures.TICK_GAP


@pytest.mark.parametrize(
    ("buyer", "category"),
    [("municipal", "goods_services"), ("state", "goods_services"), ("municipal", "health_social")],
)
def test_the_procurement_chart_has_no_labels_that_meet_and_names_each_band(buyer: str, category: str) -> None:
    r = proc.route(1_500_000, buyer=buyer, category=category, on=DAY)  # type: ignore[arg-type]
    fig, _ = chart(r, "en")
    ticks = list(fig.layout.xaxis.tickvals)
    texts = list(fig.layout.xaxis.ticktext)
    rows = [t.count("<br>") for t in texts]
    for i, j in itertools.combinations(range(len(ticks)), 2):
        if rows[i] == rows[j]:
            assert abs(math.log10(ticks[j]) - math.log10(ticks[i])) >= figures.TICK_GAP, texts
    assert fig.layout.xaxis.tickangle == 0
    names = [t.name for t in fig.data if t.showlegend is not False]
    numbers = [a.text for a in fig.layout.annotations]
    assert len(names) == len(numbers) > 0
    for n, (name, number) in enumerate(zip(names, numbers, strict=True), 1):
        assert name.startswith(f"{n} ") and number == f"<b>{n}</b>"


def test_chart_text_is_dark_on_white_and_on_every_band() -> None:
    assert contrast(figures.INK, "#FFFFFF") >= 4.5
    for colour in figures.BAND_COLOURS.values():
        assert contrast(figures.INK, colour) >= 4.5, colour


def test_readable_makes_axis_titles_ticks_and_legend_dark() -> None:
    fig = figures.readable(go.Figure(go.Bar(x=[1], y=[2]), layout={"xaxis": {"title": {"text": "x"}}}))
    assert fig.layout.font.color == figures.INK and fig.layout.legend.font.color == figures.INK
    assert fig.layout.xaxis.title.font.color == figures.INK and fig.layout.xaxis.tickfont.color == figures.INK
    assert fig.layout.yaxis.tickfont.color == figures.INK
    assert figures.ferd_chart("en").layout.yaxis.title.font.color == figures.INK
