"""The questionnaire engine: schema and content checks, evaluation, the scenario artefacts.

Scenario files (``tests/scenarios/<guide>/*.yaml``) hold answers written from the booklet's own
cases and the expected outcome; each has a stored rendering (``*.txt``, every language) that a
content edit must not change unnoticed. Regenerate them with ``UPDATE_ARTEFACTS=1 pytest
tests/test_questionnaires.py`` and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide import content as content_mod
from guide import questionnaires as Q
from guide.content import Content, ContentError
from guide.model import LANGS
from guide.questionnaires.model import ActionStep, Question, Questionnaire
from tests.support import artefacts

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "tests" / "scenarios"
GUIDES = ("getting_started", "readiness", "form_matcher")


@pytest.fixture(scope="module")
def content() -> Content:
    return content_mod.default()


# ---------------------------------------------------------------------------
# Schema and content checks


def test_the_three_guides_are_loaded(content: Content) -> None:
    assert set(GUIDES) <= set(Q.ids(content))
    for qid in GUIDES:
        qn = Q.get(qid, content)
        assert isinstance(qn, Questionnaire)
        assert qn.id == qid
        assert (ROOT / "content" / "questionnaires" / f"{qid}.yaml").exists()


@pytest.mark.parametrize("qid", GUIDES)
def test_every_question_and_option_has_a_source_and_both_languages(content: Content, qid: str) -> None:
    qn = Q.get(qid, content)
    for q in qn.questions:
        assert q.source.ref in content.sources
        assert q.text.nb and q.text.en and q.short.nb and q.short.en
        for choice in q.choices():
            assert choice.source.ref in content.sources, (q.id, choice)
            for e in choice.effects:
                assert e.reason.nb and e.reason.en
        if q.kind in ("single", "multi"):
            assert all(o.label is not None for o in q.options)
        if q.kind == "scale":
            assert (q.min, q.max) == (1, 5)


@pytest.mark.parametrize("qid", GUIDES)
def test_show_if_only_refers_to_an_earlier_question(content: Content, qid: str) -> None:
    qn = Q.get(qid, content)
    position = {q.id: i for i, q in enumerate(qn.questions)}
    conditional = [q for q in qn.questions if q.show_if is not None]
    assert conditional, f"{qid} has no conditional question to exercise show_if"
    for q in conditional:
        assert q.show_if is not None
        assert position[q.show_if.question] < position[q.id]


@pytest.mark.parametrize("qid", GUIDES)
def test_every_weight_target_exists_and_every_item_can_be_raised(content: Content, qid: str) -> None:
    qn = Q.get(qid, content)
    items = Q.items(qn, content)
    raised: set[str] = set()
    for q in qn.questions:
        for choice in q.choices():
            for e in choice.effects:
                assert set(e.items) <= set(items), (q.id, e.items)
                if e.points > 0:
                    raised.update(e.items)
            for x in choice.exclude:
                assert set(x.items) <= set(items)
    assert raised == set(items), f"never recommended: {sorted(set(items) - raised)}"


def test_readiness_steps_say_when_in_the_year_and_cover_every_dimension(content: Content) -> None:
    qn = Q.get("readiness", content)
    dims = {d.id for d in qn.dimensions}
    assert {i.dimension for i in qn.items} == dims
    for item in qn.items:
        assert isinstance(item, ActionStep)
        assert item.when.nb and item.when.en and item.months
        assert item.steps
    for q in qn.questions:
        if q.kind == "scale":
            assert q.dimension in dims


def _broken(tmp_path: Path, qid: str, change: Any) -> list[str]:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    path = root / "questionnaires" / f"{qid}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        content_mod.load(root)
    return exc.value.errors


def _question(data: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for q in data["questions"] if q["id"] == qid)


def test_a_show_if_that_looks_forward_is_an_error(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        _question(data, "stage")["show_if"] = {"question": "killed_idea", "min": 3}

    assert _broken(tmp_path, "readiness", change) == [
        "content/questionnaires/readiness.yaml: questions.stage.show_if.question: 'killed_idea' is a "
        "later question or itself; show_if may only refer to an earlier question"
    ]


def test_a_show_if_on_an_unknown_option_is_an_error(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        _question(data, "pilot")["show_if"] = {"question": "maturity", "any_of": ["tested"]}

    assert _broken(tmp_path, "form_matcher", change) == [
        "content/questionnaires/form_matcher.yaml: questions.pilot.show_if.any_of: "
        "unknown option id 'tested' of question 'maturity'"
    ]


def test_an_unknown_weight_target_is_an_error(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        _question(data, "offer")["options"][0]["effects"][0]["items"] = ["pilot_agreemnt"]

    assert _broken(tmp_path, "form_matcher", change) == [
        "content/questionnaires/form_matcher.yaml: questions.offer.options.digital_tool.effects: "
        "unknown forms id 'pilot_agreemnt'"
    ]


def test_an_unknown_own_item_and_its_references_are_errors(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        _question(data, "budget_year")["bands"][0]["effects"][0]["items"] = ["no_such_step"]
        data["items"][0]["advice"] = ["no_such_advice"]

    errors = _broken(tmp_path, "readiness", change)
    assert (
        "content/questionnaires/readiness.yaml: items.kill_the_idea.advice: "
        "unknown advice id 'no_such_advice'" in errors
    )
    assert (
        "content/questionnaires/readiness.yaml: questions.budget_year.bands.0.effects: "
        "unknown items id 'no_such_step'" in errors
    )


def test_duplicate_option_ids_are_an_error(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        options = _question(data, "resources")["options"]
        options[1]["id"] = options[0]["id"]

    assert _broken(tmp_path, "getting_started", change) == [
        "content/questionnaires/getting_started.yaml: questions.resources.options.little.id: "
        "duplicate option id"
    ]


def test_the_file_name_must_be_the_id(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["id"] = "matcher"

    assert _broken(tmp_path, "form_matcher", change) == [
        "content/questionnaires/form_matcher.yaml: id: must be the file name without .yaml ('form_matcher')"
    ]


def test_a_scale_question_with_options_fails_validation(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        _question(data, "plans")["options"] = [
            {"id": "a", "label": {"nb": "a", "nn": "a", "en": "a"}, "source": {"ref": "booklet"}}
        ]

    errors = _broken(tmp_path, "readiness", change)
    assert errors == [
        "content/questionnaires/readiness.yaml: questions.plans: value error, "
        "a scale question has bands, not options"
    ]


def test_a_bad_procurement_hook_is_an_error(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["procurement"]["buyer_map"] = {"municipality": "municipal"}

    errors = _broken(tmp_path, "form_matcher", change)
    assert errors == [
        "content/questionnaires/form_matcher.yaml: procurement.buyer_map: option 'county' of question "
        "'buyer' is not mapped",
        "content/questionnaires/form_matcher.yaml: procurement.buyer_map: option 'state' of question "
        "'buyer' is not mapped",
    ]


# ---------------------------------------------------------------------------
# Unknown ids and bad answers


def test_unknown_questionnaire_raises_naming_it() -> None:
    with pytest.raises(ValueError, match="no_such_guide"):
        Q.evaluate("no_such_guide", {})


@pytest.mark.parametrize(
    ("qid", "answers", "named"),
    [
        ("form_matcher", {"offerr": "digital_tool"}, "offerr"),
        ("form_matcher", {"offer": "robot"}, "robot"),
        ("form_matcher", {"target": ["elderly", "martians"]}, "martians"),
        ("readiness", {"stage": "done"}, "done"),
        ("getting_started", {"goals": ["fame"]}, "fame"),
    ],
)
def test_unknown_question_or_option_id_raises_naming_it(
    qid: str, answers: dict[str, Any], named: str
) -> None:
    with pytest.raises(ValueError, match=f"'{named}'"):
        Q.evaluate(qid, answers)


@pytest.mark.parametrize(
    "answers",
    [
        {"killed_idea": 6},
        {"killed_idea": 0},
        {"killed_idea": 2.5},
        {"killed_idea": True},
        {"killed_idea": "3"},
        {"stage": ["idea"]},
    ],
)
def test_answers_of_the_wrong_shape_raise_naming_the_question(answers: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=f"'{next(iter(answers))}'"):
        Q.evaluate("readiness", answers)


def test_number_and_yesno_answers_are_checked() -> None:
    with pytest.raises(ValueError, match="duration_months"):
        Q.evaluate("form_matcher", {"duration_months": 0})
    with pytest.raises(ValueError, match="yearly_value"):
        Q.evaluate("form_matcher", {"yearly_value": float("nan")})
    with pytest.raises(ValueError, match="pilot"):
        Q.evaluate("form_matcher", {"pilot": "maybe"})
    with pytest.raises(ValueError, match="target"):
        Q.evaluate("form_matcher", {"target": "elderly"})


# ---------------------------------------------------------------------------
# Evaluation


def test_no_answers_give_no_recommendation_and_no_profile() -> None:
    for qid in GUIDES:
        result = Q.evaluate(qid, {})
        assert result.top() == []
        assert result.profile == {}
        assert all(r.score == 0 for r in result.recommendations)


def test_a_reason_names_the_answer_that_raised_the_item() -> None:
    result = Q.evaluate("form_matcher", {"pilot": True, "maturity": "prototype"})
    first = result.recommendations[0]
    assert first.item_id == "pilot_agreement"
    assert first.kind == "forms"
    assert first.score == 7
    assert [(r.question_id, r.answer, r.points) for r in first.reasons] == [
        ("maturity", "prototype", 3),
        ("pilot", True, 4),
    ]
    assert "myth 5" in first.reasons[1].text("en")


def test_lowering_reasons_are_kept_with_the_item() -> None:
    result = Q.evaluate("getting_started", {"contact_person": True})
    rec = next(r for r in result.recommendations if r.item_id == "named_contact_person")
    assert rec.score == -3
    assert rec.reasons[0].points == -3
    assert rec not in result.top()


def test_a_hidden_question_does_not_count_but_its_answer_is_kept() -> None:
    answers = {"maturity": "idea", "pilot": True}
    result = Q.evaluate("form_matcher", answers)
    assert "pilot" not in result.answered  # shown only for a prototype or a proven solution
    assert answers == {"maturity": "idea", "pilot": True}
    assert "pilot_agreement" not in {r.item_id for r in result.top()}
    shown = Q.evaluate("form_matcher", {**answers, "maturity": "prototype"})
    assert "pilot" in shown.answered


def test_an_exclusion_rules_the_item_out_with_its_reason() -> None:
    result = Q.evaluate("form_matcher", {"maturity": "proven", "pilot": False})
    assert "pilot_agreement" not in {r.item_id for r in result.recommendations}
    (ex,) = [e for e in result.excluded if e.item_id == "pilot_agreement"]
    assert ex.reasons[0].question_id == "pilot"
    assert "test period" in ex.reasons[0].text("en")


def test_multi_answers_add_each_chosen_option() -> None:
    one = Q.evaluate("form_matcher", {"target": ["outside_work"]})
    two = Q.evaluate("form_matcher", {"target": ["outside_work", "substance"]})
    score = {r.item_id: r.score for r in two.recommendations}
    assert score["recruitment_agreement"] == 2 and score["shared_operation"] == 2
    assert "shared_operation" not in {r.item_id for r in one.top()}


def test_number_bands_choose_by_value() -> None:
    def scores(value: int) -> dict[str, float]:
        result = Q.evaluate("form_matcher", {"yearly_value": value})
        return {r.item_id: r.score for r in result.recommendations}

    small, large = scores(5000), scores(2_000_000)
    assert small["subscription"] == 3
    assert large["subscription"] == -3
    assert large["innovative_procurement"] == 3


def test_ties_keep_the_content_order() -> None:
    result = Q.evaluate("form_matcher", {"target": ["elderly"]})
    tied = [r.item_id for r in result.top()]
    forms = list(content_mod.default().forms)
    assert tied == sorted(tied, key=forms.index)
    assert tied == ["pilot_agreement", "joint_review", "partnership_agreement"]


def test_profile_is_the_average_of_the_dimension_scaled_to_100() -> None:
    answers = {"killed_idea": 1, "two_sentences": 5, "supplement": 3, "budget_year": 4}
    result = Q.evaluate("readiness", answers)
    assert result.profile == {"idea": 50, "timing": 75}


def test_plan_starts_with_the_weakest_dimension() -> None:
    answers = {"killed_idea": 2, "plans": 1, "local_needs": 1, "budget_year": 3}
    result = Q.evaluate("readiness", answers)
    groups = Q.plan("readiness", result)
    assert [g.dimension for g in groups] == ["local", "idea", "timing"]
    assert [g.score for g in groups] == [0, 25, 50]
    assert [s.item_id for s in groups[0].steps] == ["read_plans", "dig_into_needs"]


def test_procurement_input_multiplies_the_yearly_value_by_the_duration() -> None:
    inp = Q.procurement_input(
        "form_matcher",
        {"yearly_value": 400_000, "duration_months": 18, "buyer": "state", "social_service": False},
    )
    assert inp is not None
    assert (inp.value_nok, inp.buyer, inp.category, inp.assumed) == (600_000, "state", "goods_services", ())
    guessed = Q.procurement_input("form_matcher", {"yearly_value": 100_000})
    assert guessed is not None
    assert guessed.value_nok == 100_000
    assert guessed.assumed == ("months", "buyer", "category")
    assert Q.procurement_input("form_matcher", {}) is None
    assert Q.procurement_input("readiness", {"stage": "idea"}) is None


def test_procurement_route_follows_the_value() -> None:
    small = Q.procurement_input("form_matcher", {"yearly_value": 50_000, "duration_months": 12})
    big = Q.procurement_input(
        "form_matcher", {"yearly_value": 1_500_000, "duration_months": 36, "social_service": False}
    )
    assert small is not None and big is not None
    assert Q.procurement_route(small).regime == "outside_act"
    assert Q.procurement_route(big).regime in ("part2", "part3")


# ---------------------------------------------------------------------------
# Property: any valid answers


def _value(q: Question) -> st.SearchStrategy[Any]:
    if q.kind == "single":
        return st.sampled_from([o.id for o in q.options])
    if q.kind == "multi":
        return st.lists(st.sampled_from([o.id for o in q.options]), unique=True)
    if q.kind == "yesno":
        return st.booleans()
    if q.kind == "scale":
        assert q.min is not None and q.max is not None
        return st.integers(int(q.min), int(q.max))
    lo = q.min if q.min is not None else -1e9
    hi = q.max if q.max is not None else 1e9
    return st.one_of(st.integers(int(lo), int(hi)), st.floats(lo, hi, allow_nan=False))


def _answers(qn: Questionnaire) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional={q.id: st.one_of(st.none(), _value(q)) for q in qn.questions})


@pytest.mark.parametrize("qid", GUIDES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_valid_answers_give_a_sorted_ranking_with_reasons(qid: str, data: st.DataObject) -> None:
    c = content_mod.default()
    qn = Q.get(qid, c)
    answers = data.draw(_answers(qn))
    result = Q.evaluate(qid, answers, c)
    scores = [r.score for r in result.recommendations]
    assert scores == sorted(scores, reverse=True)
    order = list(Q.items(qn, c))
    for a, b in zip(result.recommendations, result.recommendations[1:], strict=False):
        if a.score == b.score:
            assert order.index(a.item_id) < order.index(b.item_id)
    shown = {q.id for q in Q.visible(qn, Q.normalise_all(qn, answers))}
    for rec in result.recommendations:
        if rec.score > 0:
            assert rec.reasons, rec.item_id
        assert sum(r.points for r in rec.reasons) == pytest.approx(rec.score)
        assert {r.question_id for r in rec.reasons} <= shown
    excluded = {e.item_id for e in result.excluded}
    assert excluded.isdisjoint(r.item_id for r in result.recommendations)
    assert excluded | {r.item_id for r in result.recommendations} == set(order)
    assert all(0 <= v <= 100 for v in result.profile.values())
    assert set(result.answered) <= shown
    for lang in LANGS:
        assert Q.render_text(qid, answers, lang, c)


# ---------------------------------------------------------------------------
# Scenarios and their stored artefacts


def _scenarios() -> list[tuple[str, Path]]:
    return [(g, p) for g in GUIDES for p in sorted((SCENARIOS / g).glob("*.yaml"))]


def test_at_least_eight_scenarios_per_guide() -> None:
    for guide in GUIDES:
        assert len(list((SCENARIOS / guide).glob("*.yaml"))) >= 8, guide


def _render(guide: str, answers: dict[str, Any], c: Content) -> str:
    return "\n".join(Q.render_text(guide, answers, lang, c) for lang in LANGS)


@pytest.mark.parametrize(("guide", "path"), _scenarios(), ids=lambda x: getattr(x, "stem", x))
def test_scenario(content: Content, guide: str, path: Path) -> None:
    scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert scenario["case"] in content.cases, "a scenario is written from one of the booklet's cases"
    answers = scenario["answers"]
    expect = scenario["expect"]
    result = Q.evaluate(guide, answers, content)
    if guide == "readiness":
        groups = Q.plan(guide, result, content)
        assert groups[0].dimension == expect["weakest"]
        assert groups[0].steps[0].item_id == expect["first_step"]
        assert min(result.profile.values()) == result.profile[expect["weakest"]]
    else:
        assert result.top()[0].item_id == expect["first"]
    artefacts.check(path, _render(guide, answers, content), "tests/test_questionnaires.py")


def test_no_stale_artefacts() -> None:
    for guide in GUIDES:
        for txt in (SCENARIOS / guide).glob("*.txt"):
            assert txt.with_suffix(".yaml").exists(), f"{txt} has no scenario"
