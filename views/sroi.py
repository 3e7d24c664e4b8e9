"""SROI calculator (chapter 5): investment and outcomes in, present value, ratio and sensitivity out."""

# plotly looks pandas up in sys.modules without importing it, and can find it half-imported when a
# rerun overlaps another thread's first import; importing it here waits for that import to finish.
import pandas  # noqa: F401
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from guide import impact
from guide.model import Source
from guide.ui.common import content, lang, nok, source_caption, t
from guide.ui.nav import by_slug

c = content()
st.title(t("page.sroi.title"))
st.markdown(t("sroi.lead"))
with st.expander(t("sroi.formula.title")):
    st.markdown(t("sroi.formula"))

problems: list[str] = []  # widget keys whose value was not accepted
missing: list[str] = []  # widget keys still empty


def field(column: DeltaGenerator, name: str, key: str, *, percent: bool = False,
          **kwargs: object) -> float | None:
    """A number input whose value is checked by the calculator; the message shows by the field."""
    value = column.number_input(t(f"sroi.field.{name}"), key=key, help=t(f"sroi.term.{name}"), **kwargs)
    if value is None:
        missing.append(key)
        return None
    try:
        return impact.check(name, value / 100 if percent else value)
    except impact.InputError:
        column.error(t(f"sroi.error.{name}"), icon=":material/error:")
        problems.append(key)
        return None


st.subheader(t("sroi.inputs.title"))
col_inv, col_rate = st.columns(2)
investment = field(col_inv, "investment", "sroi_investment", value=None, step=10_000.0, format="%.0f")
rate = field(col_rate, "discount_rate", "sroi_discount_rate", percent=True,
             value=impact.DEFAULT_DISCOUNT_RATE * 100, step=0.5, format="%.1f")

st.subheader(t("sroi.outcomes.title"))
count = st.number_input(t("sroi.outcomes.count"), min_value=1, max_value=6, value=1, step=1,
                        key="sroi_count")
rows: list[dict[str, object]] = []
for i in range(int(count)):
    with st.container(border=True):
        st.markdown(f"**{t('sroi.outcome.title', n=i + 1)}**")
        name = st.text_input(t("sroi.field.name"), key=f"sroi_name_{i}", max_chars=80,
                             placeholder=t("sroi.field.name.placeholder"))
        a, b, d = st.columns(3)
        row: dict[str, object] = {
            "name": name.strip() or t("sroi.unnamed", n=i + 1),
            "quantity": field(a, "quantity", f"sroi_quantity_{i}", value=None, step=1.0, format="%.0f"),
            "proxy": field(b, "proxy", f"sroi_proxy_{i}", value=None, step=1_000.0, format="%.0f"),
            "duration_years": field(d, "duration_years", f"sroi_duration_{i}", value=1, step=1),
        }
        for col, rate_name in zip(st.columns(4), impact.RATE_FIELDS, strict=True):
            row[rate_name] = field(col, rate_name, f"sroi_{rate_name}_{i}", percent=True,
                                   value=0.0, step=5.0, format="%.1f")
        rows.append(row)

with st.expander(t("sroi.terms.title")):
    terms = ["investment", "quantity", "proxy", "duration_years", *impact.RATE_FIELDS, "discount_rate",
             "present_value", "net_present_value", "ratio"]
    st.markdown("\n".join(f"- {t(f'sroi.term.{term}')}" for term in terms))

st.subheader(t("sroi.result.title"))
if problems:
    st.error(t("sroi.error.fix"), icon=":material/error:")
elif missing or investment is None or rate is None:
    st.info(t("sroi.missing"))
else:
    outcomes = [impact.Outcome(**r) for r in rows]  # type: ignore[arg-type]
    res = impact.sroi(investment, outcomes, rate)
    ratio = impact.decimal(res.ratio, lang())
    m1, m2, m3 = st.columns(3)
    m1.metric(t("sroi.metric.present_value"), nok(res.present_value))
    m2.metric(t("sroi.metric.net_present_value"), nok(res.net_present_value))
    m3.metric(t("sroi.metric.ratio"), t("sroi.ratio.value", ratio=ratio))
    st.markdown(t("sroi.ratio.sentence", ratio=ratio, pv=nok(res.present_value),
                  investment=nok(res.investment)))

    # From investment to present value.
    st.markdown(f"**{t('sroi.waterfall.title')}**")
    fig = go.Figure(go.Waterfall(
        x=[t("sroi.waterfall.investment"), t("sroi.waterfall.net"), t("sroi.waterfall.present_value")],
        measure=["absolute", "relative", "total"],
        y=[res.investment, res.net_present_value, 0],
        text=[nok(res.investment), nok(res.net_present_value), nok(res.present_value)],
        textposition="outside",
        increasing_marker_color="#548235", decreasing_marker_color="#c00000",
        totals_marker_color="#1f4e79", connector_line_color="#7f7f7f",
    ))
    fig.update_layout(height=340, margin=dict(l=10, r=10, t=30, b=10), showlegend=False)
    st.plotly_chart(fig, config={"displayModeBar": False}, key="sroi_waterfall",
                    alt=t("sroi.waterfall.title"))
    st.caption(t("sroi.waterfall.alt", investment=nok(res.investment), net=nok(res.net_present_value),
                 pv=nok(res.present_value)))

    # From gross value to present value, term by term.
    st.markdown(f"**{t('sroi.breakdown.title')}**")
    st.caption(t("sroi.breakdown.lead"))
    steps = impact.breakdown(outcomes, rate)
    labels = [t(f"sroi.breakdown.{s.term}") for s in steps] + [t("sroi.waterfall.present_value")]
    amounts = [steps[0].amount] + [-s.amount for s in steps[1:]]
    fig = go.Figure(go.Waterfall(
        x=labels, measure=["absolute"] + ["relative"] * (len(steps) - 1) + ["total"],
        y=[*amounts, 0], text=[nok(abs(a)) for a in amounts] + [nok(res.present_value)],
        textposition="outside", decreasing_marker_color="#c55a11", totals_marker_color="#1f4e79",
        increasing_marker_color="#548235", connector_line_color="#7f7f7f",
    ))
    fig.update_layout(height=360, margin=dict(l=10, r=10, t=30, b=10), showlegend=False)
    st.plotly_chart(fig, config={"displayModeBar": False}, key="sroi_breakdown",
                    alt=t("sroi.breakdown.title"))
    st.caption(t("sroi.breakdown.alt", items="; ".join(
        t("sroi.breakdown.alt_item", term=label, amount=nok(abs(a)))
        for label, a in zip(labels, [*amounts, res.present_value], strict=True))))

    # Value by year.
    st.markdown(f"**{t('sroi.years.title')}**")
    years = [t("sroi.years.year", n=y.year) for y in res.by_year]
    fig = go.Figure([
        go.Bar(name=str(r["name"]), x=years, y=[y.by_outcome[i] for y in res.by_year])
        for i, r in enumerate(rows)
    ])
    fig.update_layout(barmode="stack", height=320, margin=dict(l=10, r=10, t=30, b=10),
                      yaxis_title=t("sroi.years.axis"), legend_orientation="h")
    st.plotly_chart(fig, config={"displayModeBar": False}, key="sroi_years",
                    alt=t("sroi.years.title"))
    st.caption(t("sroi.years.alt", items="; ".join(
        t("sroi.years.alt_item", n=y.year, pv=nok(y.present_value)) for y in res.by_year)))
    st.dataframe(
        [
            {
                t("sroi.years.col.year"): y.year,
                t("sroi.years.col.value"): nok(y.value),
                t("sroi.years.col.present_value"): nok(y.present_value),
            }
            for y in res.by_year
        ],
        hide_index=True, width="stretch", key="sroi_years_table",
    )

    # Sensitivity: deadweight and attribution ± 10 points.
    st.markdown(f"**{t('sroi.sensitivity.title')}**")
    st.caption(t("sroi.sensitivity.lead"))

    def change(delta: float) -> str:
        if abs(delta) < 1e-12:
            return t("sroi.sensitivity.as_entered")
        return t("sroi.sensitivity.points", sign="+" if delta > 0 else "−", n=round(abs(delta) * 100))

    st.dataframe(
        [
            {
                t("sroi.sensitivity.col.term"): t(f"sroi.term_name.{s.field}"),
                t("sroi.sensitivity.col.change"): change(s.delta),
                t("sroi.metric.present_value"): nok(s.present_value),
                t("sroi.metric.net_present_value"): nok(s.net_present_value),
                t("sroi.metric.ratio"): t("sroi.ratio.value", ratio=impact.decimal(s.ratio, lang())),
                t("sroi.sensitivity.col.note"): t("sroi.sensitivity.clamped") if s.clamped else "",
            }
            for s in impact.sensitivity(investment, outcomes, rate)
        ],
        hide_index=True, width="stretch", key="sroi_sensitivity",
    )

source_caption(c.impact_methods["sroi"].source)
source_caption(Source(ref="social_value_uk"))
st.page_link(by_slug("impact").path, label=t("sroi.back"), icon=":material/monitoring:")
