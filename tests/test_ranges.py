"""The plausible ranges of ``content/inputs.yaml`` hold everywhere: the answers refuse a number
outside with the page's message in the page's language, the link and the saved file name it and keep
every other answer, and the engines refuse it with a ``ValueError`` naming the field, so that no
result is ever ``inf`` or ``nan``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from guide import calendar as cal
from guide import content as content_mod
from guide import impact, procurement
from guide.answers import files
from guide.answers.model import RANGED, Answers, StateError, range_message, range_problems
from guide.impact import engine
from guide.model import INPUT_RANGES
from guide.state import encode_part, read_query
from guide.wording import Wording

C = content_mod.default()
LANGS = ("nb", "nn", "en")
#: A number of the answers at each path with a range (an outcome's index put in).
PATHS: dict[tuple[str, ...], tuple[str | int, ...]] = {
    p: (*p[:2], 0, p[2]) if p[:2] == ("sroi", "outcomes") else p for p in RANGED}


def with_at(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """Answers data with ``value`` at ``path`` (and one outcome)."""
    data: dict[str, Any] = {"version": 2, "sroi": {"outcomes": [{"name": "Flere i arbeid", "quantity": 10}]}}
    node: Any = data
    for part in path[:-1]:
        node = node[part] if isinstance(part, int) else node.setdefault(part, {})
    node[path[-1]] = value
    return data


def outside(ranged_path: tuple[str, ...]) -> Any:
    """A value just above the range of the number at ``ranged_path`` (as its field takes it)."""
    b = C.input_ranges[RANGED[ranged_path].range]
    if ranged_path == ("procurement", "value"):
        return f"{int(b.max) + 1}"
    return int(b.max) + 1 if b.whole else b.max * 1.01 + 1


def message(ranged_path: tuple[str, ...], lang: str) -> str:
    """The page's message for the number at ``ranged_path``, written out here from content."""
    r = RANGED[ranged_path]
    b = C.input_ranges[r.range]
    w = Wording(C, lang)  # type: ignore[arg-type]
    fmt = {"min": w.bound(b.min, b.unit), "max": w.bound(b.max, b.unit)}
    if r.label is not None:
        fmt["field"] = C.t(r.label, lang)  # type: ignore[arg-type]
    return C.t(r.key, lang, **fmt)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# The answers


def test_the_issues_example_is_refused() -> None:
    with pytest.raises(ValueError, match="investment"):
        Answers.model_validate({"sroi": {"investment": 1e300, "outcomes": [{"name": "x", "quantity": 1,
                                                                            "proxy": 1}]}})


def test_every_range_of_the_content_is_held_by_the_answers_and_required_by_the_check() -> None:
    held = {r.range for r in RANGED.values()}
    assert held == set(C.input_ranges) == set(INPUT_RANGES)
    assert held == set(engine.RANGES.values()) | {"procurement_value", "calendar_months", "contract_years"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ranged_path", list(RANGED), ids=".".join)
def test_a_number_outside_its_range_is_refused_with_the_pages_message(
        ranged_path: tuple[str, ...], lang: str) -> None:
    path = PATHS[ranged_path]
    with pytest.raises(ValidationError) as exc:
        Answers.model_validate(with_at(path, outside(ranged_path)), context={"lang": lang})
    [problem] = range_problems(exc.value)
    assert problem.path == path
    assert problem.message == message(ranged_path, lang) == range_message(RANGED[ranged_path], lang)  # type: ignore[arg-type]
    assert exc.value.errors()[0]["ctx"]["range"] == RANGED[ranged_path].range


@pytest.mark.parametrize("ranged_path", list(RANGED), ids=".".join)
def test_the_ends_of_a_range_are_accepted(ranged_path: tuple[str, ...]) -> None:
    b = C.input_ranges[RANGED[ranged_path].range]
    for end in (b.min, b.max):
        value: Any = int(end) if b.whole else end
        if ranged_path == ("procurement", "value"):
            value = str(int(end))
        a = Answers.model_validate(with_at(PATHS[ranged_path], value))
        assert a.model_dump()  # and kept
    if ranged_path != ("procurement", "value"):  # the lower end too (an amount is never negative)
        below = int(b.min) - 1 if b.whole else b.min - 0.5
        with pytest.raises(ValidationError):
            Answers.model_validate(with_at(PATHS[ranged_path], below))


def test_without_a_language_the_message_is_bokmal() -> None:
    with pytest.raises(ValidationError) as exc:
        Answers.model_validate(with_at(("calendar", "months"), 99))
    assert range_problems(exc.value)[0].message == message(("calendar", "months"), "nb")


def test_a_procurement_value_that_is_no_amount_is_kept_for_the_page_to_word() -> None:
    assert Answers.model_validate(with_at(("procurement", "value"), "abc")).procurement.value == "abc"


# ---------------------------------------------------------------------------
# The link and the saved file


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_with_a_number_out_of_range_keeps_every_other_answer(lang: str) -> None:
    params = {"lang": lang, "v": "2",
              "sroi": encode_part({"investment": 250_000, "outcomes": [
                  {"name": "Flere i arbeid", "quantity": 1e300, "proxy": 20_000, "duration_years": 3}]}),
              "proc": encode_part({"value": "1 400 000", "buyer": "state"}),
              "cal": encode_part({"months": 99, "role": "public_body"})}
    answers, problems = read_query(params)
    o = answers.sroi.outcomes[0]
    assert (answers.sroi.investment, o.name, o.quantity, o.proxy, o.duration_years) == (
        250_000, "Flere i arbeid", None, 20_000, 3)
    assert (answers.procurement.value, answers.procurement.buyer) == ("1 400 000", "state")
    assert (answers.calendar.months, answers.calendar.role) == (None, "public_body")
    assert [p.code for p in problems] == ["out_of_range", "out_of_range"]
    words = [files.message(p, C, lang) for p in problems]  # type: ignore[arg-type]
    left_out = [("sroi", "outcomes", "quantity"), ("calendar", "months")]
    for ranged_path, said in zip(left_out, words, strict=True):
        assert message(ranged_path, lang) in said and "{" not in said


@pytest.mark.parametrize("lang", LANGS)
def test_a_saved_file_with_a_number_out_of_range_keeps_every_other_answer(lang: str) -> None:
    data = {"version": 2, "sroi": {"investment": 20e9, "discount_rate": 4, "outcomes": [
        {"name": "Flere i arbeid", "quantity": 10, "proxy": 20_000, "attribution": 150}]},
        "procurement": {"value": "1 400 000", "buyer": "state"}}
    text = json.dumps(data)
    # refused by the strict reader, as a ValueError with the page's message
    with pytest.raises(StateError) as exc:
        Answers.from_json(text)
    assert exc.value.code == "out_of_range" and isinstance(exc.value, ValueError)
    assert exc.value.params["message"] == message(("sroi", "investment"), "nb")
    # the page's reader leaves out the numbers and keeps the rest
    answers, problems = files.read_keeping(text.encode("utf-8"), lang)  # type: ignore[arg-type]
    assert answers.sroi.investment is None and answers.sroi.discount_rate == 4
    o = answers.sroi.outcomes[0]
    assert (o.name, o.quantity, o.proxy, o.attribution) == ("Flere i arbeid", 10, 20_000, 0)
    assert (answers.procurement.value, answers.procurement.buyer) == ("1 400 000", "state")
    assert [p.params["message"] for p in problems] == [
        message(("sroi", "investment"), lang), message(("sroi", "outcomes", "attribution"), lang)]


def test_a_saved_file_with_anything_else_wrong_is_still_refused_as_a_whole() -> None:
    data = {"version": 2, "sroi": {"investment": 20e9, "colour": "red"}}
    with pytest.raises(StateError) as exc:
        files.read_keeping(json.dumps(data))
    assert exc.value.code == "schema"
    # also when the other problem shows only once the numbers fit
    data = {"version": 2, "sroi": {"investment": 20e9}, "calendar": {"sector": "no_such_sector"}}
    with pytest.raises(StateError) as exc:
        files.read_keeping(json.dumps(data))
    assert exc.value.code == "schema"


# ---------------------------------------------------------------------------
# The engines: any input is either refused naming its field, or gives finite results

ANY_NUMBER = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**20), 10**20),
    st.sampled_from([0, 1, 1e-300, 1e300, 1e308, -0.0, 10_000_000, 10_000_001, 10**10, 50, 51, 0.2, 0.21]),
)
OUTCOME_FIELDS = ("quantity", "proxy", "duration_years", *engine.RATE_FIELDS)
FIELDS = {"investment", "discount_rate", "outcomes", *OUTCOME_FIELDS}


def within(field: str) -> st.SearchStrategy[Any]:
    """A value within ``field``'s range as the calculator takes it (rates as fractions)."""
    b = C.input_ranges[engine.RANGES[field]]
    scale = 100 if b.unit == "percent" else 1
    return st.integers(int(b.min), int(b.max)) if b.whole else st.floats(b.min / scale, b.max / scale)


def number_for(field: str) -> st.SearchStrategy[Any]:
    """Mostly a value within ``field``'s range, else anything at all."""
    return st.one_of(*[within(field)] * 12, ANY_NUMBER)


def finite(x: object) -> bool:
    """Every number in ``x`` (a result, its rows and tuples) is finite."""
    if isinstance(x, float | int) and not isinstance(x, bool):
        return math.isfinite(x)
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return all(finite(getattr(x, f.name)) for f in dataclasses.fields(x))
    if isinstance(x, list | tuple):
        return all(finite(v) for v in x)
    return True


@st.composite
def outcome_args(draw: st.DrawFn) -> dict[str, Any]:
    return {f: draw(number_for(f)) for f in OUTCOME_FIELDS}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(investment=number_for("investment"), rate=number_for("discount_rate"),
       outcomes=st.lists(outcome_args(), min_size=0, max_size=6))
def test_the_sroi_calculator_refuses_naming_the_field_or_gives_finite_results(
        investment: float, rate: float, outcomes: list[dict[str, Any]]) -> None:
    try:
        items = [impact.Outcome(**o) for o in outcomes]
        result = impact.sroi(investment, items, rate)
        rows = impact.engine.sensitivity(investment, items, rate)
        steps = impact.engine.breakdown(items, rate)
    except ValueError as exc:
        assert isinstance(exc, engine.InputError) and exc.field in FIELDS, exc
        assert str(exc).startswith(f"{exc.field}: ")
        return
    assert finite(result) and finite(rows) and finite(steps)
    event("a result")  # (hypothesis --hypothesis-show-statistics shows how often)


@settings(max_examples=200, deadline=None)
@given(investment=within("investment"), rate=within("discount_rate"),
       outcomes=st.lists(st.fixed_dictionaries({f: within(f) for f in OUTCOME_FIELDS}), max_size=6))
def test_within_the_ranges_the_sroi_calculator_always_gives_finite_results(
        investment: float, rate: float, outcomes: list[dict[str, Any]]) -> None:
    items = [impact.Outcome(**o) for o in outcomes]
    assert finite(impact.sroi(investment, items, rate))
    assert finite(impact.engine.sensitivity(investment, items, rate))
    assert finite(impact.engine.breakdown(items, rate))


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(ANY_NUMBER, st.floats(0, 1e11), st.text(max_size=30)),
       on=st.dates(dt.date(2017, 1, 1), dt.date(2100, 12, 31)))
def test_the_procurement_route_refuses_naming_the_field_or_gives_a_finite_value(value: object,
                                                                                on: dt.date) -> None:
    try:
        r = procurement.route(value, buyer="municipal", category="goods_services", on=on)
    except ValueError as exc:
        assert isinstance(exc, procurement.InputError) and exc.field in ("value_nok", "on"), exc
        return
    b = C.input_ranges["procurement_value"]
    assert math.isfinite(r.value_nok) and b.min <= r.value_nok <= b.max


@settings(max_examples=200, deadline=None)
@given(months=st.one_of(st.integers(-(10**6), 10**6), st.floats(allow_nan=True, allow_infinity=True)))
def test_the_calendar_window_refuses_a_span_outside_its_range_naming_it(months: Any) -> None:
    span = C.input_ranges["calendar_months"]
    try:
        events = cal.window(dt.date(2026, 5, 4), months)
    except ValueError as exc:
        assert "months" in str(exc)
        assert not (isinstance(months, int) and span.holds(months))
        return
    assert isinstance(months, int) and span.holds(months) and isinstance(events, list)


def test_the_issues_engine_example_is_refused_not_infinite() -> None:
    with pytest.raises(ValueError, match="quantity"):
        impact.sroi(1000.0, [impact.Outcome(name="x", quantity=1e308, proxy=1e308, duration_years=1)])
