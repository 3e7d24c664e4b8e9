"""The answers model (guide/state.py) and its session glue (guide/ui/state.py).

Round trips through the link and the file; fuzzing of both readers (nothing but ValueError ever
escapes); garbled and tampered links keep what can be read; older versions are migrated; every
malformed upload in tests/fixtures/uploads/ is refused with its message and the session is left
exactly as it was.
"""

from __future__ import annotations

import base64
import contextlib
import json
import zlib
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from guide import amounts, procurement
from guide import content as content_mod
from guide.answers import files
from guide.answers.model import value_at, with_value
from guide.calendar.model import FIRST_YEAR, LAST_YEAR, ROLES, SEEKS
from guide.model import LANGS
from guide.procurement.model import BUYERS, CATEGORIES
from guide.questionnaires.model import Question
from guide.state import (
    LAST_DATE,
    MAX_UPLOAD_BYTES,
    PHASES,
    ZDICT_V2,
    Answers,
    StateError,
    decode_part,
    encode_part,
    read_query,
)
from tests.support.samples import full

ROOT = Path(__file__).resolve().parent
UPLOADS = ROOT / "fixtures" / "uploads"
STATE = ROOT / "fixtures" / "state"
EXPECTED = yaml.safe_load((UPLOADS / "expected.yaml").read_text(encoding="utf-8"))
C = content_mod.default()
FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def link_params(path: Path) -> dict[str, str]:
    """The query parameters of the link stored in ``path`` (comment lines skipped)."""
    url = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("http"))
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


# ---------------------------------------------------------------------------
# Strategies: valid answers built from the content


def answer_for(q: Question) -> st.SearchStrategy[Any]:
    ids = [o.id for o in q.options]
    if q.kind == "single":
        return st.sampled_from(ids)
    if q.kind == "multi":
        return st.lists(st.sampled_from(ids), unique=True)
    if q.kind == "yesno":
        return st.booleans()
    lo = q.min if q.min is not None else -1e9
    hi = q.max if q.max is not None else 1e9
    if q.kind == "scale":
        return st.integers(int(lo), int(hi))
    return st.one_of(st.integers(int(lo), int(hi)),
                     st.floats(lo, hi, allow_nan=False, allow_infinity=False))


@st.composite
def questionnaire_parts(draw: st.DrawFn) -> dict[str, Any]:
    out = {}
    for qid, qn in C.questionnaires.items():
        if draw(st.booleans()):
            chosen = draw(st.lists(st.sampled_from(qn.questions), unique_by=lambda q: q.id, max_size=8))
            out[qid] = {"answers": {q.id: draw(answer_for(q)) for q in chosen},
                        "phase": draw(st.sampled_from(PHASES))}
    return out


TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)


def number(range_id: str) -> st.SearchStrategy[float | None]:
    """None or a number within its plausible range (``content/inputs.yaml``)."""
    b = C.input_ranges[range_id]
    return st.one_of(st.none(), st.floats(b.min, b.max, allow_nan=False, allow_infinity=False))


def _not_out_of_range(text: str) -> bool:
    try:
        return C.input_ranges["procurement_value"].holds(amounts.parse(text))
    except amounts.AmountError:
        return True


@st.composite
def valid_answers(draw: st.DrawFn) -> Answers:
    first = procurement.first_date(C)
    outcome = st.fixed_dictionaries({}, optional={
        "name": TEXT, "quantity": number("sroi_quantity"), "proxy": number("sroi_proxy"),
        "duration_years": st.one_of(st.none(), st.integers(0, 50)),
        **dict.fromkeys(("deadweight", "displacement", "attribution", "drop_off"), number("sroi_rate")),
    })
    data = {
        "version": 2,
        "lang": draw(st.sampled_from(LANGS)),
        "questionnaires": draw(questionnaire_parts()),
        "procurement": draw(st.fixed_dictionaries({}, optional={
            "value": TEXT.filter(_not_out_of_range), "buyer": st.sampled_from(BUYERS),
            "category": st.sampled_from(CATEGORIES),
            "on": st.one_of(st.none(), st.dates(first, LAST_DATE)),
        })),
        "sroi": draw(st.fixed_dictionaries({}, optional={
            "investment": number("sroi_investment"), "discount_rate": number("sroi_discount_rate"),
            "outcomes": st.lists(outcome, min_size=1, max_size=6),
        })),
        "calendar": draw(st.fixed_dictionaries({}, optional={
            "role": st.sampled_from(ROLES),
            "year": st.one_of(st.none(), st.integers(FIRST_YEAR, LAST_YEAR)),
            "start": st.one_of(st.none(), st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31))),
            "months": st.one_of(st.none(), st.integers(1, 36)),
            "seeks": st.lists(st.sampled_from(SEEKS), unique=True),
            "sector": st.one_of(st.none(), st.sampled_from(list(C.sectors))),
            "expiry_months": st.one_of(st.none(), st.integers(0, 60)),
        })),
    }
    return Answers.model_validate(data)


# ---------------------------------------------------------------------------
# Round trips


@FUZZ
@given(valid_answers())
def test_a_good_model_survives_the_file_unchanged(a: Answers) -> None:
    # unchanged but for the date of the procurement result, which the file records
    assert Answers.from_json(a.to_json()) == a.dated()
    assert Answers.from_json(a.to_json().encode("utf-8")) == a.dated()


@FUZZ
@given(valid_answers())
def test_a_good_model_survives_the_link_unchanged(a: Answers) -> None:
    params = a.to_query()
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in params.items())
    assert Answers.from_query(params) == a.dated()  # the link records the result's date too
    answers, problems = read_query(params)
    assert problems == [] and answers == a.dated()
    # what a browser does with it: through a URL and back
    assert Answers.from_query(dict(parse_qsl(urlencode(params)))) == a.dated()


def test_the_full_session_round_trips_and_its_link_is_short() -> None:
    a = full()
    assert set(a.questionnaires) == {"getting_started", "readiness", "form_matcher", "impact_method"}
    url = "https://veier.example.no/report?" + urlencode(a.to_query())
    assert len(url) < 1100, len(url)  # short enough for a chat message or an e-mail
    assert Answers.from_query(dict(parse_qsl(urlsplit(url).query))) == a.dated()


def test_an_empty_model_gives_a_bare_link() -> None:
    assert Answers().to_query() == {"lang": "nb"}
    assert Answers(lang="en").to_query() == {"lang": "en"}
    assert Answers(lang="nn").to_query() == {"lang": "nn"}
    assert Answers.from_query({"lang": "nn"}) == Answers(lang="nn")  # a nynorsk link stays nynorsk
    assert Answers.from_query({}) == Answers()
    assert Answers.from_query({"lang": "en", "present": "1", "code": "ABC"}) == Answers(lang="en")


def test_answers_are_kept_in_canonical_form() -> None:
    a = Answers.model_validate({"questionnaires": {
        "form_matcher": {"answers": {"target": ["housing", "elderly", "housing"]}},
        "readiness": {"answers": {}, "phase": "ask"},
    }})
    assert a.questionnaires["form_matcher"].answers["target"] == ["elderly", "housing"]
    assert "readiness" not in a.questionnaires  # nothing in it: left out, as the link leaves it out


# ---------------------------------------------------------------------------
# The stored links: the format must not change under a version


def test_a_stored_version_2_link_still_opens_to_the_same_answers() -> None:
    expected = full()
    assert Answers.from_query(link_params(STATE / "v2_link.txt")) == expected


def test_the_link_dictionary_of_version_2_is_frozen() -> None:
    # Editing ZDICT_V2 breaks every version 2 link: make version 3 (with a migration) instead.
    assert zlib.crc32(ZDICT_V2) == 2510469836 and len(ZDICT_V2) == 2150


def test_a_newer_or_unknown_version_is_refused() -> None:
    with pytest.raises(StateError) as exc:
        Answers.from_json(json.dumps({"version": 3}))
    assert exc.value.code == "newer_version" and exc.value.params == {"version": 3, "current": 2}
    answers, problems = read_query({"lang": "en", "v": "3", "proc": encode_part({"value": "5"})})
    assert answers == Answers(lang="en") and [p.code for p in problems] == ["newer_version"]
    answers, problems = read_query({"v": "two", "proc": "x"})
    assert [p.code for p in problems] == ["unknown_version"]
    answers, problems = read_query({"proc": encode_part({"value": "5"})})
    assert [p.code for p in problems] == ["no_version"] and answers == Answers()


# ---------------------------------------------------------------------------
# Garbled and tampered links: whatever can be read, plus what could not


def test_a_cut_off_link_keeps_the_parts_before_the_cut() -> None:
    a = full()
    params = a.to_query()
    params["sroi"] = params["sroi"][: len(params["sroi"]) // 2]
    answers, problems = read_query(params)
    assert [p.code for p in problems] == ["link"] and "sroi" in problems[0].detail
    assert answers.questionnaires == a.questionnaires
    assert answers.procurement == a.dated().procurement and answers.calendar == a.calendar
    assert answers.sroi == Answers().sroi
    with pytest.raises(StateError, match="sroi"):
        Answers.from_query(params)


def test_a_tampered_part_fails_its_checksum_and_only_that_part_is_lost() -> None:
    a = full()
    params = a.to_query()
    value = params["qn.readiness"]
    i = len(value) // 2
    params["qn.readiness"] = value[:i] + ("A" if value[i] != "A" else "B") + value[i + 1:]
    answers, problems = read_query(params)
    assert len(problems) == 1 and problems[0].code == "link"
    assert "readiness" not in answers.questionnaires
    assert answers.questionnaires["form_matcher"] == a.questionnaires["form_matcher"]


def test_an_answer_that_does_not_fit_is_left_out_and_the_others_kept() -> None:
    params = {"lang": "en", "v": "2",
              "qn.readiness": encode_part({"answers": {"stage": "bogus", "killed_idea": 4, "plans": 9},
                                           "phase": "result"}),
              "sroi": encode_part({"investment": "lots", "discount_rate": 4.0, "outcomes": [
                  {"name": "A", "quantity": "x", "proxy": 10.0}, {"name": "B"}]}),
              "cal": encode_part({"role": "public_body", "sector": "space", "seeks": ["grant"]})}
    answers, problems = read_query(params)
    assert {p.detail.split(":")[0] for p in problems} == {"qn.readiness", "sroi", "cal"}
    assert answers.questionnaires["readiness"].answers == {"killed_idea": 4}
    assert answers.questionnaires["readiness"].phase == "result"
    assert answers.sroi.investment is None and answers.sroi.discount_rate == 4.0
    outcomes = [(o.name, o.quantity, o.proxy) for o in answers.sroi.outcomes]
    assert outcomes == [("A", None, 10.0), ("B", None, None)]
    k = answers.calendar
    assert (k.role, k.sector, k.seeks) == ("public_body", None, ["grant"])


def test_unknown_parts_and_a_bad_language_are_named() -> None:
    answers, problems = read_query({"lang": "xx", "v": "2", "qn.taxes": encode_part({"answers": {}}),
                                    "proc": encode_part([1, 2])})
    assert answers == Answers()
    details = " ".join(p.detail for p in problems)
    assert "lang" in details and "qn.taxes" in details and "proc" in details


def test_a_zip_bomb_in_the_link_is_refused() -> None:
    bomb = base64.urlsafe_b64encode(zlib.compress(b'"' + b"a" * 5_000_000 + b'"', 9)).decode().rstrip("=")
    assert len(bomb) < 16_000
    with pytest.raises(StateError, match="KB of data"):
        decode_part(bomb, "proc")
    answers, problems = read_query({"v": "2", "proc": bomb})
    assert answers == Answers() and problems[0].code == "link"


# ---------------------------------------------------------------------------
# Fuzzing: nothing but ValueError escapes


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=30,
)
KEYS = st.sampled_from(["lang", "v", "a", "proc", "sroi", "cal", "qn.readiness", "qn.form_matcher", "qn.x",
                        "present"])


def _only_value_error(fn: Any, arg: Any) -> None:
    with contextlib.suppress(ValueError):  # anything else fails the test
        fn(arg)


@FUZZ
@given(st.one_of(st.text(), st.binary(), JSON.map(json.dumps)))
def test_from_json_raises_nothing_but_value_error(text: str | bytes) -> None:
    _only_value_error(Answers.from_json, text)


@st.composite
def mutated_answer_files(draw: st.DrawFn) -> str:
    """A valid saved file with one value replaced by arbitrary JSON."""
    data = json.loads(draw(valid_answers()).to_json())
    node: Any = data
    path = []
    while isinstance(node, dict | list) and node and draw(st.booleans()):
        key = draw(st.sampled_from(list(node) if isinstance(node, dict) else list(range(len(node)))))
        path.append(key)
        if isinstance(node[key], dict | list):
            node = node[key]
        else:
            break
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    if path:
        target[path[-1]] = draw(JSON)
    else:
        data[draw(st.text(max_size=10))] = draw(JSON)
    return json.dumps(data)


@FUZZ
@given(mutated_answer_files())
def test_from_json_on_mutated_files_raises_nothing_but_value_error(text: str) -> None:
    _only_value_error(Answers.from_json, text)


PART_VALUES = st.one_of(
    st.text(max_size=60),
    st.binary(max_size=60).map(lambda b: base64.urlsafe_b64encode(b).decode().rstrip("=")),
    st.binary(max_size=60).map(lambda b: base64.urlsafe_b64encode(zlib.compress(b)).decode()),
    JSON.map(encode_part),
    JSON.map(lambda v: base64.urlsafe_b64encode(json.dumps(v).encode()).decode()),
)


@FUZZ
@given(st.one_of(
    st.dictionaries(st.text(max_size=12), st.text(max_size=40), max_size=6),
    st.dictionaries(KEYS, PART_VALUES, max_size=8),
    st.dictionaries(KEYS, st.lists(st.text(max_size=10), max_size=3), max_size=4),
))
def test_from_query_raises_nothing_but_value_error(params: dict[str, Any]) -> None:
    _only_value_error(Answers.from_query, params)
    answers, problems = read_query(params)  # and the lenient reader never raises
    assert isinstance(answers, Answers) and all(isinstance(p, StateError) for p in problems)


@st.composite
def tampered_links(draw: st.DrawFn) -> dict[str, str]:
    params = draw(valid_answers()).to_query()
    parts = [k for k in params if k not in ("lang", "v")]
    if not parts:
        return params
    key = draw(st.sampled_from(parts))
    value = params[key]
    how = draw(st.sampled_from(["cut", "flip", "insert", "delete"]))
    i = draw(st.integers(0, max(0, len(value) - 1)))
    ch = draw(st.sampled_from("ABCxyz019-_=%+/ "))
    if how == "cut":
        value = value[:i]
    elif how == "flip":
        value = value[:i] + ch + value[i + 1:]
    elif how == "insert":
        value = value[:i] + ch + value[i:]
    else:
        value = value[:i] + value[i + 1:]
    params[key] = value
    return params


@FUZZ
@given(tampered_links())
def test_a_tampered_link_gives_what_can_be_read(params: dict[str, str]) -> None:
    _only_value_error(Answers.from_query, params)
    answers, _ = read_query(params)
    assert isinstance(answers, Answers)
    # what was read is valid answers: it survives its own link
    assert Answers.from_query(answers.to_query()) == answers


# ---------------------------------------------------------------------------
# Malformed uploads: each refused with its message, the session untouched


def test_there_are_at_least_30_malformed_uploads() -> None:
    files = sorted(p.name for p in UPLOADS.glob("*.json"))
    assert len(files) >= 30 and files == sorted(EXPECTED)
    assert {e["code"] for e in EXPECTED.values()} >= {
        "too_large", "not_text", "not_json", "too_deep", "not_object", "no_version", "unknown_version",
        "newer_version", "schema",
    }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_malformed_upload_is_refused_with_a_worded_reason(name: str) -> None:
    expected = EXPECTED[name]
    data = (UPLOADS / name).read_bytes()
    with pytest.raises(StateError) as exc:
        Answers.from_json(data)
    assert exc.value.code == expected["code"], exc.value
    assert expected["detail"] in exc.value.detail
    for lang in LANGS:  # a message in every language that says what is wrong
        text = files.message(exc.value, C, lang)
        assert text and text != C.t("state.error.unexpected", lang)
        assert "{" not in text


def test_an_oversized_upload_is_refused_before_it_is_read() -> None:
    data = b"{" + b" " * MAX_UPLOAD_BYTES + b"}"
    with pytest.raises(StateError) as exc:
        Answers.from_json(data)
    assert exc.value.code == "too_large" and exc.value.params["max_kb"] == 100
    assert "101 KB" in files.message(exc.value, C, "en")


# ---------------------------------------------------------------------------
# One answer at a path: what every widget writes


def test_an_answer_is_read_and_written_at_its_path() -> None:
    a = full()
    assert value_at(a, ("procurement", "value")) == a.procurement.value
    assert value_at(a, ("sroi", "outcomes", 0, "name")) == a.sroi.outcomes[0].name
    assert value_at(a, ("sroi", "outcomes", 99, "name")) is None
    b = with_value(a, ("procurement", "value"), "2 mill")
    assert b.procurement.value == "2 mill" and b.sroi == a.sroi
    b = with_value(Answers(), ("questionnaires", "readiness", "answers", "stage"), "idea")
    assert b.questionnaires["readiness"].answers == {"stage": "idea"}
    assert with_value(b, ("questionnaires", "readiness", "answers", "stage"), None) == Answers()
    c = with_value(a, ("sroi", "outcomes", 1, "name"), "B")
    assert c.sroi.outcomes[1].name == "B" and c.sroi.outcomes[0] == a.sroi.outcomes[0]


def test_an_answer_that_does_not_fit_is_refused_and_nothing_changes() -> None:
    a = full()
    for path, value in [(("procurement", "buyer"), "bogus"), (("calendar", "year"), 1990),
                        (("calendar", "months"), 37), (("calendar", "months"), 0),
                        (("calendar", "start"), date(2016, 12, 31)),
                        (("questionnaires", "readiness", "answers", "stage"), "nonsense"),
                        (("sroi", "investment"), float("nan")), (("procurement", "value"), "x" * 41)]:
        with pytest.raises(ValidationError):
            with_value(a, path, value)
    assert a == full()


def test_an_older_link_with_a_calendar_year_starts_the_window_on_its_1_january() -> None:
    a = Answers.model_validate({"calendar": {"year": 2024, "role": "public_body"}})
    assert a.calendar.start == date(2024, 1, 1) and a.calendar.year is None
    b = Answers.model_validate({"calendar": {"year": 2024, "start": "2025-03-01"}})
    assert b.calendar.start == date(2025, 3, 1) and b.calendar.year is None  # a chosen start wins


def test_the_link_and_the_file_record_the_date_of_the_procurement_result() -> None:
    import datetime as dt

    a = Answers.model_validate({"procurement": {"value": "450 000", "category": "health_social"}})
    today = dt.date.today()
    assert Answers.from_query(a.to_query()).procurement.as_of == today
    assert Answers.from_json(a.to_json()).procurement.as_of == today
    # a date already recorded is kept: opening an old link later keeps its date
    p = a.procurement.model_copy(update={"as_of": dt.date(2026, 3, 1)})
    saved = a.model_copy(update={"procurement": p})
    assert Answers.from_query(saved.to_query()).procurement.as_of == dt.date(2026, 3, 1)
    assert Answers.from_json(saved.to_json()).procurement.as_of == dt.date(2026, 3, 1)
    # an empty checker has no result to date
    assert "proc" not in Answers().to_query()
    with pytest.raises(ValidationError):
        Answers.model_validate({"procurement": {"value": "1", "as_of": "2016-12-31"}})
