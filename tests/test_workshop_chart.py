"""The shared screen's chart of the room's answers: one chart counts everyone (by table, those
without a table, and in total), its legend sits clear of the axis title, and a vote with many
options draws only those chosen while its text alternative names them all."""

from __future__ import annotations

from guide import content as content_mod
from guide.ui import workshop as wui
from guide.workshop import questions as wq
from guide.workshop.tally import NO_TABLE, Tally

C = content_mod.default()


def vote() -> wq.Question:
    return wq.vote_forms(C)[0]


def split(q: wq.Question) -> Tally:
    o = q.options
    town = {x: int(x == o[0]) for x in o}
    nobody = {x: int(x in (o[0], o[3])) for x in o}
    total = {x: town[x] + nobody[x] for x in o}
    return Tally(tuple(o), total, (("municipality", town), (NO_TABLE, nobody)))


def test_by_table_the_bars_are_stacked_and_add_up_to_the_total_written_at_their_end() -> None:
    q = vote()
    tl = split(q)
    fig, _, _ = wui.results_chart(q, tl, revealed=True, large=True)
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == [wq.group_label("municipality", C, "nb"),
                                         wq.group_label(NO_TABLE, C, "nb")]
    shown = list(fig.data[0].y)
    totals = {a.y: int(a.text.strip("<b>/")) for a in fig.layout.annotations}
    for i, label in enumerate(shown):
        assert sum(trace.x[i] for trace in fig.data) == totals[label]
    assert sum(totals.values()) == tl.answered == 3


def test_the_legend_sits_above_the_plot_clear_of_the_axis_title_at_the_bottom() -> None:
    q = vote()
    fig, _, _ = wui.results_chart(q, split(q), revealed=True, large=True)
    legend = fig.layout.legend
    assert legend.yanchor == "bottom" and legend.y >= 1 and legend.orientation == "h"
    assert fig.layout.xaxis.title.text == C.t("workshop.chart.axis", "nb")
    assert fig.layout.margin.t >= 40, "room above the plot for the legend"


def test_a_vote_with_many_options_draws_only_those_chosen_and_says_so() -> None:
    q = vote()
    assert len(q.options) > wui.MANY
    fig, alt, left_out = wui.results_chart(q, split(q), revealed=True, large=True)
    assert left_out and len(fig.data[0].y) == 2
    for o in q.options:  # the text alternative still names every option
        assert wq.option_label(q, o, C, "nb") in alt
    nobody_yet = Tally(tuple(q.options), dict.fromkeys(q.options, 0))
    fig, _, left_out = wui.results_chart(q, nobody_yet, revealed=True)
    assert not left_out and len(fig.data[0].y) == len(q.options)


def test_the_text_alternative_counts_each_table_those_without_one_and_everyone() -> None:
    q = vote()
    _, alt, _ = wui.results_chart(q, split(q), revealed=True)
    first = wq.option_label(q, q.options[0], C, "nb")
    town, nobody = wq.group_label("municipality", C, "nb"), wq.group_label(NO_TABLE, C, "nb")
    assert f"{first}: 2 ({town} 1, {nobody} 1)" in alt
    assert alt.endswith(C.t("workshop.chart.alt_total", "nb", n=3))


def test_without_tables_one_bar_per_option_and_the_right_answer_in_green() -> None:
    [myth] = wq.myths(C)[:1]
    tl = Tally(tuple(myth.options), {"believe_true": 1, "believe_false": 2, "unsure": 0})
    fig, alt, left_out = wui.results_chart(myth, tl, revealed=True)
    assert len(fig.data) == 1 and not left_out and not fig.layout.showlegend
    colours = dict(zip(myth.options, fig.data[0].marker.color, strict=True))
    assert colours["believe_false"] == wui.RIGHT and colours["believe_true"] == wui.PLAIN
    assert alt.startswith(C.t("workshop.chart.alt", "nb", items="")[:20])
