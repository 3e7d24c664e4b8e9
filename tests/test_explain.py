"""guide.explain: a recommendation's reasons and its item's details, the same on screen and on paper."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from guide import content as content_mod
from guide import explain
from guide import questionnaires as Q
from guide.model import Lang

SCENARIOS = Path(__file__).parent / "scenarios"


@pytest.fixture(params=["nb", "en"])
def lang(request: pytest.FixtureRequest) -> Lang:
    return request.param  # type: ignore[no-any-return]


def test_reason_lines_say_for_or_against_in_words_with_the_whole_question(lang: Lang) -> None:
    c = content_mod.default()
    scenario = SCENARIOS / "getting_started" / "first_contact.yaml"
    answers = yaml.safe_load(scenario.read_text("utf-8"))["answers"]
    qn = Q.get("getting_started")
    top = Q.evaluate("getting_started", answers).top(1)[0]
    lines = explain.reason_lines(qn, top.reasons, c, lang)
    scoring = [r for r in top.reasons if qn.question(r.question_id) is not None]
    assert len(lines) == len(scoring) > 0
    for line, r in zip(lines, scoring, strict=True):
        q = qn.question(r.question_id)
        assert q is not None
        assert line.question == q.text(lang) and line.text == r.text(lang)
        assert line.weight == abs(r.points)
        assert line.direction == ("for" if r.points > 0 else "against" if r.points < 0 else "rules_out")
    best = explain.strongest(lines)
    assert best is not None and best.weight == max(r.points for r in scoring)


def test_a_reason_of_a_question_no_longer_asked_is_left_out(lang: Lang) -> None:
    qn = Q.get("getting_started")
    gone = Q.Reason(question_id="no_such_question", answer="x", answer_label=None, points=1.0,
                    text=qn.questions[0].text)
    assert explain.reason_lines(qn, [gone], content_mod.default(), lang) == []


def test_a_form_has_its_procurement_consequence_funding_steps_and_examples(lang: Lang) -> None:
    c = content_mod.default()
    form = c.forms["pilot_agreement"]
    d = explain.item_details("forms", form, c, lang)
    assert d.summary == form.summary(lang)
    assert d.procurement == c.t(f"procurement.{form.procurement}", lang)
    assert d.procurement_note == form.procurement_note(lang)
    assert d.funding == ", ".join(c.funding[f].title(lang) for f in form.funding)
    assert d.next_steps == tuple(s(lang) for s in form.next_steps)
    assert {case.id for case in d.cases} == {case.id for case in c.cases.values() if form.id in case.forms}
    assert d.effort is None and d.how == ()


def test_a_measure_has_its_effort_and_how(lang: Lang) -> None:
    c = content_mod.default()
    m = c.measures["innovation_strategy"]
    d = explain.item_details("measures", m, c, lang)
    assert d.effort == c.t(f"effort.{m.effort}", lang)
    assert d.how == tuple(s(lang) for s in m.how) and len(d.how) == 3
    assert d.procurement is None and d.next_steps == () and d.funding is None
