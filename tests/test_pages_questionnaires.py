"""AppTest of the three questionnaire guides: one question per step, check your answers, result.

Each guide is answered through to the result in every language with a scenario written from the
booklet; the result must show the top recommendation with its reasons and its examples.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from guide import content as content_mod
from guide import formats, library
from guide import questionnaires as Q
from guide.ui.answers import KEY as ANSWERS_KEY
from tests.support.apptest import open_page, texts
from tests.support.samples import scenario

ROOT = Path(__file__).resolve().parent.parent
GUIDES = {
    "getting_started": ("views/getting_started.py", "getting-started", "nav_nordstrand_challenge"),
    "readiness": ("views/readiness.py", "readiness", "nyby_timing"),
    "form_matcher": ("views/matcher.py", "form-matcher", "jodacare_pilot"),
}


#: The language each test session is in. The shell keeps it in its language control, which
#: AppTest cannot operate; so every run states it again, as a browser would send it back.
LANGUAGE: dict[int, str] = {}


def set_language(at: AppTest, lang: str) -> None:
    LANGUAGE[id(at)] = lang
    at.session_state["lang"] = lang


def start(qid: str, lang: str) -> AppTest:
    at = open_page(GUIDES[qid][0], lang)
    set_language(at, lang)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == content_mod.default().t(f"page.{GUIDES[qid][1]}.title", lang)  # type: ignore[arg-type]
    return at


def state(at: AppTest, qid: str) -> dict[str, Any]:
    """The questionnaire's answers and phase (in the session's Answers) and the question on screen."""
    a = at.session_state[ANSWERS_KEY]
    qa = a.questionnaires.get(qid)
    nav = at.session_state.get(f"qn.{qid}.nav", {})
    return {"answers": dict(qa.answers) if qa else {}, "phase": qa.phase if qa else "ask",
            "current": nav.get("current")}


def answer(at: AppTest, qid: str, question_id: str, value: Any) -> None:
    q = Q.get(qid).question(question_id)
    assert q is not None
    key = f"qn.{qid}.w.{question_id}"
    if q.kind == "multi":  # a key per language (see guide/ui/questionnaire.py)
        at.multiselect(key=f"{key}.{LANGUAGE[id(at)]}").set_value(value)
    elif q.kind == "number" and q.amount:  # typed as text
        at.text_input(key=key).input(str(value))
    elif q.kind == "number":
        at.number_input(key=key).set_value(value)
    elif q.kind == "yesno":
        at.radio(key=key).set_value("yes" if value else "no")
    else:
        at.radio(key=key).set_value(value)


def click(at: AppTest, key: str) -> None:
    at.session_state["lang"] = LANGUAGE[id(at)]
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]


def walk(at: AppTest, qid: str, answers: dict[str, Any]) -> list[str]:
    """Answer the current question (if in ``answers``) and press Next until the summary."""
    seen: list[str] = []
    for _ in range(60):
        s = state(at, qid)
        if s["phase"] != "ask":
            break
        current = s["current"]
        seen.append(current)
        if current in answers:
            answer(at, qid, current, answers[current])
        click(at, f"qn.{qid}.next")
    assert state(at, qid)["phase"] == "check"
    return seen


@pytest.mark.parametrize("qid", list(GUIDES))
def test_guide_through_to_the_result(qid: str, lang: str) -> None:
    c = content_mod.default()
    qn = Q.get(qid)
    sc = scenario(qid, GUIDES[qid][2])
    at = start(qid, lang)
    assert at.title[0].value == c.t(f"page.{GUIDES[qid][1]}.title", lang)
    assert at.get("progress"), "a progress bar"
    assert qn.intro(lang) in texts(at)
    # every input is labelled with its question
    assert at.radio[0].label == qn.questions[0].text(lang)

    seen = walk(at, qid, sc["answers"])
    assert seen == [q.id for q in Q.visible(qn, Q.normalise_all(qn, sc["answers"]))]
    summary = texts(at)
    assert c.t("q.check.title", lang) in summary
    for q in Q.visible(qn, Q.normalise_all(qn, sc["answers"])):
        assert q.text(lang) in summary, "each question in full, with its answer"
        assert at.button(key=f"qn.{qid}.change.{q.id}").label == c.t("q.change", lang, question=q.short(lang))

    click(at, f"qn.{qid}.result")
    out = texts(at)
    result = Q.evaluate(qid, sc["answers"])
    items = Q.items(qn)
    if qid == "readiness":
        first = Q.plan(qid, result)[0].steps[0]
        assert c.t("q.plan.title", lang) in out
        assert at.get("plotly_chart"), "the profile chart"
        dim = next(d for d in qn.dimensions if d.id == sc["expect"]["weakest"])
        alt = c.t("q.profile.item", lang, label=dim.label(lang), score=result.profile[dim.id])
        assert alt in out, "the chart's text alternative"
        step = items[first.item_id]
        assert step.when(lang) in out
        assert f"#### {c.t('q.plan.area', lang, label=dim.label(lang), score=result.profile[dim.id])}" in out
    else:
        first = result.top()[0]
        attr = "measures" if qid == "getting_started" else "forms"
        cases = library.cases_for(c, attr, first.item_id)
        assert cases
        assert any(e.label.startswith(cases[0].title(lang)) for e in at.expander), "the booklet's example"
    title = Q.item_title(items[first.item_id], lang)
    heading = "#####" if qid == "readiness" else "####"  # under the plan's area, or the ranking
    assert f"{heading} {c.t('q.result.rank', lang, n=1, title=title)}" in out
    for r in first.reasons:
        assert r.text(lang) in out
    assert c.t("q.result.for", lang) in out
    assert "Poeng:" not in out and "Score:" not in out, "why in words, not in points"


def test_matcher_shows_the_procurement_route_for_the_value(lang: str) -> None:
    c = content_mod.default()
    sc = scenario("form_matcher", "kjor_for_livet_operating")
    at = start("form_matcher", lang)
    walk(at, "form_matcher", sc["answers"])
    click(at, "qn.form_matcher.result")
    out = texts(at)
    assert c.t("q.proc.title", lang) in out
    inp = Q.procurement_input("form_matcher", sc["answers"])
    assert inp is not None
    route = Q.procurement_route(inp)
    rules = c.kinds["procurement_rules"][route.rules]
    assert c.t("q.proc.route", lang, title=rules.title(lang)) in out
    nok = "4,500,000" if lang == "en" else "4 500 000"
    assert nok in out.replace("\u00a0", " ")
    # the funding options of the forms shown
    assert c.t("q.result.funding", lang) in out


def test_back_keeps_later_answers_and_change_returns_to_the_summary() -> None:
    at = start("readiness", "en")
    answer(at, "readiness", "stage", "running")
    click(at, "qn.readiness.next")
    answer(at, "readiness", "killed_idea", 2)
    click(at, "qn.readiness.next")
    answer(at, "readiness", "two_sentences", 4)
    click(at, "qn.readiness.back")
    click(at, "qn.readiness.back")
    assert state(at, "readiness")["current"] == "stage"
    assert at.radio(key="qn.readiness.w.stage").value == "running"
    click(at, "qn.readiness.next")
    assert at.radio(key="qn.readiness.w.killed_idea").value == 2
    click(at, "qn.readiness.next")
    assert at.radio(key="qn.readiness.w.two_sentences").value == 4
    assert state(at, "readiness")["answers"] == {"stage": "running", "killed_idea": 2, "two_sentences": 4}

    walk(at, "readiness", {})
    out = texts(at)
    assert "2 of 5" in out and "Not answered" in out
    click(at, "qn.readiness.change.killed_idea")
    assert state(at, "readiness")["current"] == "killed_idea"
    assert at.button(key="qn.readiness.next").label == "Save and return to the summary"
    answer(at, "readiness", "killed_idea", 5)
    click(at, "qn.readiness.next")
    assert state(at, "readiness")["phase"] == "check"
    assert "5 of 5" in texts(at)


def test_show_if_adds_and_removes_a_question() -> None:
    at = start("form_matcher", "en")
    answer(at, "form_matcher", "offer", "digital_tool")
    click(at, "qn.form_matcher.next")
    answer(at, "form_matcher", "maturity", "idea")
    click(at, "qn.form_matcher.next")
    assert state(at, "form_matcher")["current"] == "need"  # no pilot question for an idea
    click(at, "qn.form_matcher.back")
    answer(at, "form_matcher", "maturity", "prototype")
    click(at, "qn.form_matcher.next")
    assert state(at, "form_matcher")["current"] == "pilot"
    assert at.radio(key="qn.form_matcher.w.pilot").label == Q.get("form_matcher").questions[2].text("en")


def test_switching_language_mid_way_loses_nothing() -> None:
    at = start("getting_started", "nb")
    answer(at, "getting_started", "body_type", "municipality")
    click(at, "qn.getting_started.next")
    answer(at, "getting_started", "mandate", "admin_interest")
    set_language(at, "en")
    at.run()
    assert not at.exception
    q = Q.get("getting_started").question("mandate")
    assert q is not None
    radio = at.radio(key="qn.getting_started.w.mandate")
    assert radio.label == q.text("en")
    assert radio.value == "admin_interest"
    assert state(at, "getting_started")["answers"] == {
        "body_type": "municipality", "mandate": "admin_interest",
    }
    click(at, "qn.getting_started.back")
    assert at.radio(key="qn.getting_started.w.body_type").value == "municipality"


def test_skipping_every_question_gives_a_clear_empty_result() -> None:
    at = start("form_matcher", "en")
    walk(at, "form_matcher", {})
    click(at, "qn.form_matcher.result")
    out = texts(at)
    c = content_mod.default()
    assert c.t("q.result.none", "en") in out
    assert c.t("q.proc.no_value", "en") in out


def test_start_again_clears_the_answers() -> None:
    at = start("readiness", "en")
    answer(at, "readiness", "stage", "idea")
    click(at, "qn.readiness.next")
    walk(at, "readiness", {})
    click(at, "qn.readiness.reset")
    s = state(at, "readiness")
    assert (s["answers"], s["phase"], s["current"]) == ({}, "ask", "stage")
    assert at.radio(key="qn.readiness.w.stage").value is None


def test_the_yearly_value_is_typed_as_people_write_amounts(lang: str) -> None:
    qid = "form_matcher"
    sc = scenario(qid, GUIDES[qid][2])
    at = start(qid, lang)
    for _ in range(30):  # to the yearly value, answering what comes before it as the scenario does
        current = state(at, qid)["current"]
        if current == "yearly_value":
            break
        if current in sc["answers"]:
            answer(at, qid, current, sc["answers"][current])
        click(at, f"qn.{qid}.next")
    assert state(at, qid)["current"] == "yearly_value"
    q = Q.get(qid).question("yearly_value")
    assert q is not None and q.amount
    key = f"qn.{qid}.w.yearly_value"
    field = at.text_input(key=key)
    assert field.label == q.label(lang)  # type: ignore[arg-type]
    c = content_mod.default()
    # too much: the range, by the field; nothing is kept
    field.input("2 mrd").run()
    assert not at.exception
    top = formats.nok(q.max, lang)  # type: ignore[arg-type]
    assert c.t("amount.error.out_of_range", lang, min=formats.nok(0, lang), max=top) in [  # type: ignore[arg-type]
        str(e.value) for e in at.error]
    assert "yearly_value" not in state(at, qid)["answers"]
    # ambiguous: why, by the field
    at.text_input(key=key).input("1,250 mill").run()
    assert any("1,250 mill" in str(e.value) for e in at.error)
    # as people write it
    at.text_input(key=key).input("1,5 mill").run()
    assert not at.error
    assert state(at, qid)["answers"]["yearly_value"] == 1_500_000
