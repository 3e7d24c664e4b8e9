"""Plain language in the questionnaire results: why in words, ties explained, a steady progress."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from guide import content as content_mod
from guide import questionnaires as Q
from guide.documents import blocks as b
from guide.model import LANGS, Lang
from guide.questionnaires import presenter
from tests.support.samples import scenario

SCENARIOS = Path(__file__).parent / "scenarios"
GUIDES = ("getting_started", "form_matcher", "readiness")
CASES = [(qid, p.stem) for qid in GUIDES for p in sorted((SCENARIOS / qid).glob("*.yaml"))]
TODAY = dt.date(2026, 12, 1)
POINTS = re.compile(r"\([+−-]\d|Poeng: |Score: |Trekker (opp|ned)|Raises it|Lowers it")


def words(qid: str, answers: dict[str, object], lang: Lang) -> str:
    c = content_mod.default()
    return "\n".join(b.texts(presenter.result(qid, answers, content=c, lang=lang, today=TODAY)))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("qid", "name"), CASES)
def test_a_result_says_why_in_words_not_in_points(qid: str, name: str, lang: Lang) -> None:
    c = content_mod.default()
    answers = scenario(qid, name)["answers"]
    text = words(qid, answers, lang)
    assert not POINTS.search(text), POINTS.search(text)
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), "dates written out, not ISO"
    res = Q.evaluate(qid, answers)
    top = res.top()
    if not top:
        return
    qn = Q.get(qid)
    first = top[0] if not qn.dimensions else Q.plan(qid, res)[0].steps[0]
    best = max((r for r in first.reasons if r.points > 0), key=lambda r: r.points)
    q = qn.question(best.question_id)
    assert q is not None
    key = "q.result.because.step" if qn.dimensions else "q.result.because.first"
    because = c.t(key, lang, question=q.text(lang), answer=Q.reason_answer(q, best, c, lang))
    assert because in text, "the first recommendation says why it comes first, with the answer"


@pytest.mark.parametrize("lang", LANGS)
def test_a_tie_is_explained(lang: Lang) -> None:
    c = content_mod.default()
    tied = 0
    for qid, name in CASES:
        if Q.get(qid).dimensions:  # the action plan: ordered by area (see the next test)
            continue
        answers = scenario(qid, name)["answers"]
        top = Q.evaluate(qid, answers).top()
        scores = [round(r.score, 9) for r in top[: Q.get(qid).top]]
        text = words(qid, answers, lang)
        tie_words = c.t("q.result.tie", lang, others="").split(".")[1].strip()
        if len(set(scores)) < len(scores):
            tied += 1
            assert tie_words in text, f"{qid}/{name}: a tie among the first is explained"
    assert tied, "some scenario has a tie (else this test tests nothing)"


def test_equal_areas_in_the_plan_are_explained() -> None:
    c = content_mod.default()
    found = 0
    for qid, name in CASES:
        if qid != "readiness":
            continue
        answers = scenario(qid, name)["answers"]
        groups = Q.plan(qid, Q.evaluate(qid, answers))
        scores = [g.score for g in groups if g.score is not None]
        text = words(qid, answers, "nb")
        if len(set(scores)) < len(scores):
            found += 1
            assert c.t("q.plan.tie", "nb") in text
        else:
            assert c.t("q.plan.tie", "nb") not in text
    assert found


@pytest.mark.parametrize("qid", [*GUIDES, "calendar_plan", "impact_method"])
def test_the_progress_total_does_not_move_while_answering(qid: str) -> None:
    c = content_mod.default()
    qn = Q.get(qid)
    totals = set()
    for n in range(1, len(qn.questions) + 1):
        _, text = presenter.progress_text(qn, n, content=c, lang="en")
        totals.add(text.rsplit(" ", 1)[1])
        if any(q.show_if is not None for q in qn.questions):
            assert "at most" in text, "a total that depends on the answers says so"
    assert len(totals) == 1
    for path in (SCENARIOS / qid).glob("*.yaml"):  # never fewer than the questions asked
        shown = Q.visible(qn, Q.normalise_all(qn, scenario(qid, path.stem)["answers"]))
        assert int(next(iter(totals))) >= len(shown)


@pytest.mark.parametrize("lang", LANGS)
def test_a_refused_date_is_written_out_not_iso(lang: Lang) -> None:
    from guide import formats
    from guide import procurement as proc
    from guide.procurement import presenter as proc_presenter

    c = content_mod.default()
    with pytest.raises(proc.InputError) as caught:
        proc.route(1_000_000, buyer="municipal", category="goods_services", on=dt.date(1990, 1, 1))
    text = "\n".join(b.texts([proc_presenter.error(caught.value, c, lang)]))
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
    assert formats.date(proc.first_date(c), lang) in text
