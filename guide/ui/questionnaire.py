"""The one Streamlit renderer for every questionnaire guide.

One question per step with a progress bar; "Back" keeps every later answer; a "check your
answers" summary with a change button per answer; then the result: the ranked items with their
reasons and the booklet's examples, a profile chart with a text alternative where the
questionnaire has dimensions, and an action plan (weakest dimension first) where it has its own
action steps.

The answers live in ``st.session_state["qn.<qid>"]`` (not in widget state, which Streamlit drops
when a widget is not shown), so that going back, changing page or switching language mid-way
loses nothing. Pages call :func:`run` and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from guide import explain
from guide import questionnaires as Q
from guide.model import Case, Lang
from guide.questionnaire_model import ActionStep, Question, Questionnaire
from guide.ui.cards import case_list, labels
from guide.ui.common import content, lang, nok, source_caption, t, tx
from guide.ui.nav import PAGES
from guide.ui.present import QUESTION_BOX, nav_columns, presenting, progress, shortcut

PREFIX = "qn"
Extra = Callable[[Questionnaire, Q.Result, dict[str, Any]], None]


# ---------------------------------------------------------------------------
# State


def state_key(qid: str) -> str:
    return f"{PREFIX}.{qid}"


def widget_key(qid: str, question_id: str) -> str:
    return f"{PREFIX}.{qid}.w.{question_id}"


def _state(qid: str) -> dict[str, Any]:
    key = state_key(qid)
    s = st.session_state.get(key)
    if not isinstance(s, dict):
        s = {"answers": {}, "current": None, "phase": "ask", "return_to_check": False}
        st.session_state[key] = s
    return s


def _qn(qid: str) -> Questionnaire:
    return Q.get(qid, content())


def _canon(qn: Questionnaire, s: dict[str, Any]) -> dict[str, Any]:
    """The stored answers, checked; any that no longer fit the questions are dropped."""
    try:
        return Q.normalise_all(qn, s["answers"])
    except ValueError as exc:
        kept: dict[str, Any] = {}
        for key, value in s["answers"].items():
            q = qn.question(key)
            if q is None:
                continue
            try:
                v = Q.normalise(q, value, qn.id)
            except ValueError:
                continue
            if v is not None:
                kept[key] = value
        s["answers"] = kept
        st.warning(t("q.error.answers", detail=str(exc)))
        return Q.normalise_all(qn, kept)


def _from_widget(q: Question, raw: Any) -> Any:
    if raw is None:
        return None
    if q.kind == "yesno":
        return raw == "yes"
    if q.kind == "multi":
        return list(raw) or None
    return raw


def _store(s: dict[str, Any], q: Question, raw: Any) -> None:
    value = _from_widget(q, raw)
    if value is None:
        s["answers"].pop(q.id, None)
    else:
        s["answers"][q.id] = value


def _save_current(qid: str) -> None:
    s = _state(qid)
    q = _qn(qid).question(s["current"] or "")
    key = widget_key(qid, q.id) if q is not None else ""
    if q is not None and key in st.session_state:
        _store(s, q, st.session_state[key])


def _go(qid: str, delta: int) -> None:
    """Callback of Back (-1) and Next (+1): keep the answer, move to the neighbouring question."""
    _save_current(qid)
    s = _state(qid)
    qn = _qn(qid)
    ids = [q.id for q in Q.visible(qn, Q.normalise_all(qn, s["answers"]))]
    i = ids.index(s["current"]) if s["current"] in ids else 0
    if delta > 0 and (s["return_to_check"] or i + 1 >= len(ids)):
        s["phase"], s["return_to_check"] = "check", False
        return
    s["current"] = ids[max(0, min(len(ids) - 1, i + delta))]


def _change(qid: str, question_id: str) -> None:
    s = _state(qid)
    s["current"], s["phase"], s["return_to_check"] = question_id, "ask", True


def _phase(qid: str, phase: str) -> None:
    _state(qid)["phase"] = phase


def _reset(qid: str) -> None:
    st.session_state[state_key(qid)] = {
        "answers": {}, "current": None, "phase": "ask", "return_to_check": False,
    }


# ---------------------------------------------------------------------------
# One question


def _scale_label(q: Question, value: int, lg: Lang) -> str:
    c = content()
    if value == q.min and q.low_label is not None:
        return c.t("q.scale.value", lg, value=value, label=q.low_label(lg))
    if value == q.max and q.high_label is not None:
        return c.t("q.scale.value", lg, value=value, label=q.high_label(lg))
    return str(value)


def _option_label(q: Question, option_id: str, lg: Lang) -> str:
    """An option's label in ``lg`` (bound when the widget is drawn, not when the label is used)."""
    opt = q.option(option_id)
    if opt is not None and opt.label is not None:
        return opt.label(lg)
    if option_id in ("yes", "no"):
        return content().t(f"q.{option_id}", lg)
    return option_id


def _whole(x: float | None) -> bool:
    return x is None or float(x) == int(x)


def _widget(qid: str, q: Question, answer: Any) -> Any:
    """Render the input of one question (labelled with the question) and return its raw value."""
    key = widget_key(qid, q.id)
    lg = lang()
    label = tx(q.text)
    help_text = tx(q.help) if q.help is not None else None
    if q.kind in ("single", "yesno"):
        ids = [o.id for o in q.options]
        if q.kind == "yesno":
            ids = ["yes", "no"]
            current = None if answer is None else ("yes" if answer else "no")
        else:
            current = answer
        return st.radio(
            label, ids, index=ids.index(current) if current in ids else None,
            format_func=lambda i: _option_label(q, i, lg), key=key, help=help_text,
            horizontal=q.kind == "yesno",
        )
    if q.kind == "multi":
        return st.multiselect(
            label, [o.id for o in q.options], default=list(answer or []),
            format_func=lambda i: _option_label(q, i, lg), key=key, help=help_text,
            placeholder=t("q.choose"),
        )
    if q.kind == "scale":
        assert q.min is not None and q.max is not None
        values = list(range(int(q.min), int(q.max) + 1))
        scale_help = None
        if q.low_label is not None and q.high_label is not None:
            scale_help = t("q.scale.help", low=tx(q.low_label), max=int(q.max), high=tx(q.high_label))
        return st.radio(
            label, values, index=values.index(answer) if answer in values else None,
            format_func=lambda v: _scale_label(q, v, lg), key=key, horizontal=True,
            help=help_text or scale_help,
        )
    integral = _whole(q.min) and _whole(q.max) and _whole(q.step)

    def num(x: float | None) -> int | float | None:
        return None if x is None else int(x) if integral else float(x)

    unit = tx(q.unit) if q.unit is not None else None
    return st.number_input(
        label + (f" ({unit})" if unit else ""), min_value=num(q.min), max_value=num(q.max),
        value=num(answer), step=num(q.step) or (1 if integral else None),
        format="%d" if integral else None, key=key, help=help_text,
    )


def _ask(qid: str, qn: Questionnaire, s: dict[str, Any], shown: list[Question]) -> None:
    ids = [q.id for q in shown]
    if s["current"] not in ids:
        s["current"] = ids[0]
    i = ids.index(s["current"])
    q = shown[i]
    big = presenting()  # presenter mode: the question alone, large, with big Previous / Next
    if i == 0 and not s["return_to_check"] and not big:
        st.markdown(tx(qn.intro))
    progress(i / len(ids), t("q.progress", n=i + 1, total=len(ids)))
    with st.container(border=True, key=QUESTION_BOX):
        raw = _widget(qid, q, s["answers"].get(q.id))
        _store(s, q, raw)
        if q.id not in s["answers"] and not big:
            st.caption(t("q.skip_hint"))
        source_caption(q.source)
    if big:
        back_col, _, next_col = nav_columns()
    else:
        cols = st.columns([1, 2, 3])
        back_col, next_col = cols[0], cols[1]
    back_col.button(
        t("present.previous" if big else "q.back"), key=f"{PREFIX}.{qid}.back", on_click=_go,
        args=(qid, -1), disabled=i == 0, icon=":material/arrow_back:", width="stretch" if big else "content",
        shortcut=shortcut("previous"),
    )
    if s["return_to_check"]:
        label = t("q.return_to_check")
    elif i + 1 == len(ids):
        label = t("q.to_check")
    else:
        label = t("q.next")
    next_col.button(
        label, key=f"{PREFIX}.{qid}.next", on_click=_go, args=(qid, 1), type="primary",
        icon=":material/arrow_forward:", icon_position="right", width="stretch" if big else "content",
        shortcut=shortcut("next"),
    )


# ---------------------------------------------------------------------------
# Check your answers


def _check(qid: str, qn: Questionnaire, canon: dict[str, Any], shown: list[Question]) -> None:
    c = content()
    progress(1.0, t("q.answered", n=sum(q.id in canon for q in shown), total=len(shown)))
    st.subheader(t("q.check.title"))
    st.markdown(t("q.check.lead"))
    for q in shown:
        answer = Q.answer_text(q, canon[q.id], c, lang()) if q.id in canon else t("q.answer.none")
        with st.container(border=True):
            left, right = st.columns([3, 2], vertical_alignment="center")
            left.markdown(f"**{tx(q.short)}**  \n{answer}")
            right.button(
                t("q.change", question=tx(q.short)), key=f"{PREFIX}.{qid}.change.{q.id}",
                on_click=_change, args=(qid, q.id), icon=":material/edit:",
            )
    cols = st.columns([2, 2, 3])
    cols[0].button(
        t("q.see_result"), key=f"{PREFIX}.{qid}.result", type="primary", on_click=_phase,
        args=(qid, "result"), icon=":material/check:",
    )
    cols[1].button(t("q.start_over"), key=f"{PREFIX}.{qid}.reset", on_click=_reset, args=(qid,))


# ---------------------------------------------------------------------------
# Result


def _points(x: float) -> str:
    return Q.fmt_number(x, lang())


def _reasons(qn: Questionnaire, reasons: list[Q.Reason]) -> None:
    lines = [f"- **{r.tag}** · {r.question}: {r.answer} — {r.text}"
             for r in explain.reason_lines(qn, reasons, content(), lang())]
    if lines:
        st.markdown(f"**{t('q.result.why')}:**")
        st.markdown("\n".join(lines))


def _examples(cases: list[Case]) -> None:
    if presenting():  # a list of examples is a detail on the shared screen
        return
    st.markdown(f"**{t('q.result.examples')}:**")
    if cases:
        case_list(cases)
    else:
        st.caption(t("q.result.no_examples"))


def _unique(cases: list[Case]) -> list[Case]:
    seen: set[str] = set()
    out = []
    for case in cases:
        if case.id not in seen:
            seen.add(case.id)
            out.append(case)
    return out


def _months(months: list[int]) -> str:
    if len(months) == 12:
        return t("q.plan.all_year")
    return ", ".join(t(f"q.month.{m}") for m in months)


def _own_details(item: ActionStep) -> list[Case]:
    c = content()
    st.markdown(tx(item.text))
    st.markdown(f"**{t('q.result.next_steps')}:**")
    st.markdown("\n".join(f"{i}. {tx(s)}" for i, s in enumerate(item.steps, 1)))
    st.markdown(
        f"**{t('q.plan.when')}:** {tx(item.when)}  \n"
        f"{t('q.plan.months', months=_months(item.months))}"
    )
    if item.planning:
        st.markdown(f"**{t('q.plan.planning')}:** {labels('planning', item.planning)}")
    if item.advice:
        st.markdown(f"**{t('q.plan.advice')}:** {labels('advice', item.advice)}")
    if item.impact_methods:
        st.markdown(f"**{t('q.plan.methods')}:** {labels('impact_methods', item.impact_methods)}")
    cases = [c.cases[i] for i in item.cases]
    for a in item.advice:
        cases += [c.cases[i] for i in c.advice[a].cases]
    return _unique(cases)


def _numbered(steps: tuple[str, ...]) -> str:
    return "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1))


def _item_details(kind: str, item: Any) -> list[Case]:
    """Render what the item is and how to do it; return the booklet's examples of it."""
    if isinstance(item, ActionStep):
        return _own_details(item)
    d = explain.item_details(kind, item, content(), lang())
    if d.summary is not None:
        st.markdown(d.summary)
    if d.effort is not None:
        st.caption(f"{t('q.result.effort')}: {d.effort}")
    if d.how:
        st.markdown(f"**{t('q.result.how')}:**")
        st.markdown(_numbered(d.how))
    if d.procurement is not None:
        st.markdown(f"**{t('q.result.procurement')}:** {d.procurement} — {d.procurement_note}")
    if d.funding:
        st.markdown(f"**{t('q.result.funding')}:** {d.funding}")
    if d.next_steps:
        st.markdown(f"**{t('q.result.next_steps')}:**")
        st.markdown(_numbered(d.next_steps))
    return list(d.cases)


def _card(
    qn: Questionnaire, rec: Q.Recommendation, n: int, all_items: dict[str, Any], level: int = 4
) -> None:
    item = all_items[rec.item_id]
    with st.container(border=True):
        st.markdown(f"{'#' * level} {t('q.result.rank', n=n, title=Q.item_title(item, lang()))}")
        if not presenting():
            st.caption(t("q.result.score", score=_points(rec.score)))
        _reasons(qn, rec.reasons)
        examples = _item_details(rec.kind, item)
        _examples(examples)
        source_caption(item.source)


def _profile(qid: str, qn: Questionnaire, result: Q.Result) -> None:
    dims = [d for d in qn.dimensions if d.id in result.profile]
    st.subheader(t("q.profile.title"))
    if dims:
        names = [tx(d.label) for d in dims]
        scores = [result.profile[d.id] for d in dims]
        fig = go.Figure(
            go.Bar(
                x=scores, y=names, orientation="h", text=[str(s) for s in scores],
                textposition="auto", marker_color="#1F4E79",
                hovertemplate="%{y}: %{x}/100<extra></extra>",
            )
        )
        fig.update_layout(
            height=80 + 48 * len(dims), margin=dict(l=10, r=10, t=10, b=40),
            xaxis=dict(range=[0, 100], title=t("q.profile.axis")), yaxis=dict(autorange="reversed"),
        )
        st.plotly_chart(fig, config={"displayModeBar": False}, key=f"{PREFIX}.{qid}.profile")
        items = "; ".join(t("q.profile.item", label=n, score=s) for n, s in zip(names, scores, strict=True))
        st.caption(t("q.profile.alt", items=items))
    missing = [tx(d.label) for d in qn.dimensions if d.id not in result.profile]
    if missing:
        st.caption(t("q.profile.missing", labels=", ".join(missing)))


def _plan(qid: str, qn: Questionnaire, result: Q.Result, all_items: dict[str, Any]) -> None:
    st.subheader(t("q.plan.title"))
    groups = Q.plan(qid, result, content())
    if not groups:
        st.success(t("q.plan.none"))
        return
    st.markdown(t("q.plan.lead"))
    n = 0
    dims = {d.id: d for d in qn.dimensions}
    for g in groups:
        dim = dims.get(g.dimension or "")
        head = (
            t("q.plan.area", label=tx(dim.label), score=g.score)
            if dim is not None and g.score is not None
            else tx(dim.label) if dim is not None else t("q.plan.other")
        )
        st.markdown(f"#### {head}")
        for rec in g.steps:
            n += 1
            _card(qn, rec, n, all_items, level=5)


def _ranking(qn: Questionnaire, result: Q.Result, all_items: dict[str, Any]) -> None:
    st.subheader(t("q.result.ranking"))
    top = result.top()
    if not top:
        st.info(t("q.result.none"))
        return
    for n, rec in enumerate(top[: qn.top], 1):
        _card(qn, rec, n, all_items)
    rest = top[qn.top:]
    if rest and not presenting():
        with st.expander(t("q.result.more")):
            for n, rec in enumerate(rest, qn.top + 1):
                st.markdown(
                    f"**{n}. {Q.item_title(all_items[rec.item_id], lang())}** "
                    f"({t('q.result.score', score=_points(rec.score))})"
                )
                _reasons(qn, rec.reasons)


def _excluded(qn: Questionnaire, result: Q.Result, all_items: dict[str, Any]) -> None:
    if not result.excluded or presenting():
        return
    with st.expander(t("q.result.excluded")):
        for ex in result.excluded:
            st.markdown(f"**{Q.item_title(all_items[ex.item_id], lang())}**")
            _reasons(qn, ex.reasons)


def _result(
    qid: str, qn: Questionnaire, s: dict[str, Any], shown: list[Question], extra: Extra | None
) -> None:
    c = content()
    result = Q.evaluate(qid, s["answers"], c)
    all_items = Q.items(qn, c)
    st.subheader(t("q.result.title"))
    if qn.result_intro is not None:
        st.markdown(tx(qn.result_intro))
    if len(result.answered) < len(shown):
        st.info(t("q.result.partial", n=len(result.answered), total=len(shown)))
    if qn.dimensions:
        _profile(qid, qn, result)
    if qn.items and qn.dimensions:
        _plan(qid, qn, result, all_items)
    else:
        _ranking(qn, result, all_items)
    if extra is not None:
        extra(qn, result, s["answers"])
    _excluded(qn, result, all_items)
    cols = st.columns([2, 2, 3])
    cols[0].button(
        t("q.change_answers"), key=f"{PREFIX}.{qid}.to_check", on_click=_phase, args=(qid, "check"),
        icon=":material/edit:",
    )
    cols[1].button(t("q.start_over"), key=f"{PREFIX}.{qid}.reset", on_click=_reset, args=(qid,))
    if presenting():  # no downloads on the shared screen
        return
    cols[2].download_button(
        t("q.result.download"), data=Q.render_text(qid, s["answers"], lang(), c),
        file_name=f"{qid}-{lang()}.txt", mime="text/plain", key=f"{PREFIX}.{qid}.download",
        on_click="ignore", icon=":material/download:",
    )


# ---------------------------------------------------------------------------
# The procurement consequence (questionnaires with a ``procurement`` hook)


def procurement_section(qn: Questionnaire, result: Q.Result, answers: dict[str, Any]) -> None:
    """What the value given means under the procurement rules (the form matcher's extra)."""
    c = content()
    st.subheader(t("q.proc.title"))
    inp = Q.procurement_input(qn.id, answers, c)
    if inp is None:
        st.info(t("q.proc.no_value"))
        return
    if inp.yearly_nok == 0:
        st.info(t("q.proc.zero"))
        return
    st.markdown(
        t("q.proc.value", total=nok(inp.value_nok), yearly=nok(inp.yearly_nok),
          months=Q.fmt_number(inp.months, lang()))
    )
    assumed = [t(f"q.proc.assume.{a}") for a in inp.assumed if a != "months"]
    if "months" in inp.assumed:
        st.caption(t("q.proc.assumed_months"))
    if assumed:
        st.caption(t("q.proc.assumed", what="; ".join(assumed)))
    try:
        route = Q.procurement_route(inp)
    except ValueError as exc:  # the calculator rejects the input: say so, keep the rest
        st.error(t("q.proc.error", detail=str(exc)))
        route = None
    if route is not None:
        rules = c.kinds.get("procurement_rules", {})
        title = tx(rules[route.rules].title) if route.rules in rules else route.rules
        st.markdown(f"**{t('q.proc.route', title=title)}**")
        if f"q.proc.regime.{route.rules}" in c.ui:
            st.markdown(t(f"q.proc.regime.{route.rules}"))
        figures = "; ".join(
            f"{t('q.proc.threshold.' + th.name)} {nok(th.value)}" for th in route.thresholds
        )
        st.caption(t("q.proc.thresholds", date=route.on.isoformat(), items=figures))
        if route.warnings:
            st.warning(t("q.proc.warnings"))
    else:
        st.markdown(t("q.proc.fallback"))
        forms = Q.items(qn, c)
        st.markdown(
            "\n".join(
                "- " + t("q.proc.per_form", form=Q.item_title(forms[r.item_id], lang()),
                         note=tx(getattr(forms[r.item_id], "procurement_note", None)))
                for r in result.top(qn.top)
                if getattr(forms[r.item_id], "procurement_note", None) is not None
            )
        )
    for p in PAGES:
        if p.slug == "procurement":
            st.page_link(p.path, label=t("q.proc.link"), icon=":material/gavel:")
    st.caption(t("q.proc.disclaimer"))


# ---------------------------------------------------------------------------
# The page


def run(qid: str, *, title: str | None = None, extra: Extra | None = None) -> None:
    """Render questionnaire ``qid``: the question of the current step, the check page or the result.

    ``title`` is the page's title (default: the questionnaire's own); ``extra`` renders a section
    after the ranking (the form matcher's procurement consequence).
    """
    qn = _qn(qid)
    s = _state(qid)
    st.title(title or tx(qn.title))
    canon = _canon(qn, s)
    shown = Q.visible(qn, canon)
    if s["phase"] == "check":
        _check(qid, qn, canon, shown)
    elif s["phase"] == "result":
        _result(qid, qn, s, shown, extra)
    else:
        _ask(qid, qn, s, shown)
    source_caption(qn.source)
