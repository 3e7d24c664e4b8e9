"""The myth quiz state (guide.quiz): answers, reveals, navigation and the score."""

from __future__ import annotations

import pytest

from guide import content as content_mod
from guide.quiz import ANSWERS, CORRECT, OUTCOMES, Quiz, Score, outcome_of

IDS = ("m1", "m2", "m3")


def test_a_new_quiz_starts_at_the_first_myth() -> None:
    q = Quiz.start(IDS)
    assert (q.index, q.current, q.total, q.finished) == (0, "m1", 3, False)
    assert q.score() == Score(correct=0, answered=0, total=3)
    assert not q.is_revealed("m1") and q.answer_of("m1") is None


def test_answering_records_the_belief_and_reveals_the_answer() -> None:
    q = Quiz.start(IDS).answer("m1", "myth")
    assert q.answer_of("m1") == "myth" and q.is_revealed("m1")
    assert q.is_correct("m1") is True
    q = q.next().answer("m2", "true")
    assert q.is_correct("m2") is False
    assert q.is_correct("m3") is None
    assert q.score() == Score(correct=1, answered=2, total=3)


def test_an_answer_cannot_be_changed_after_it_is_revealed() -> None:
    q = Quiz.start(IDS).answer("m1", "true").answer("m1", "myth")
    assert q.answer_of("m1") == "true"
    assert q.score().correct == 0


def test_the_shared_screen_can_reveal_without_an_answer_and_answer_later() -> None:
    q = Quiz.start(IDS).reveal("m1")
    assert q.is_revealed("m1") and q.answer_of("m1") is None
    assert q.score() == Score(0, 0, 3)
    q = q.answer("m1", "unsure")  # the room's answer, recorded after the reveal
    assert q.answer_of("m1") == "unsure" and q.score() == Score(0, 1, 3, unsure=1)


def test_navigation_stays_within_the_quiz_and_ends_with_the_score() -> None:
    q = Quiz.start(IDS).previous()
    assert q.index == 0
    q = q.next().next().next()
    assert q.finished and q.current is None
    assert q.next().index == 3
    assert q.previous().current == "m3"
    assert q.go_to(1).current == "m2"
    with pytest.raises(ValueError, match=r"^index: "):
        q.go_to(4)


def test_a_full_run_and_a_restart() -> None:
    q = Quiz.start(IDS)
    for answer in ("myth", "myth", "unsure"):
        assert q.current is not None
        q = q.answer(q.current, answer).next()
    assert q.finished
    assert q.score() == Score(correct=2, answered=3, total=3, unsure=1)
    fresh = q.restart()
    assert fresh == Quiz.start(IDS)


def test_the_state_is_immutable() -> None:
    q = Quiz.start(IDS)
    q2 = q.answer("m1", "myth")
    assert q.answer_of("m1") is None and q2 is not q
    with pytest.raises(TypeError):
        q2.answers["m2"] = "true"  # type: ignore[index]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda q: q.answer("nope", "myth"), "myth_id"),
        (lambda q: q.answer("m1", "maybe"), "answer"),
        (lambda q: q.reveal("nope"), "myth_id"),
    ],
)
def test_bad_actions_name_the_field(call: object, field: str) -> None:
    with pytest.raises(ValueError, match=rf"^{field}: "):
        call(Quiz.start(IDS))  # type: ignore[operator]


def test_start_needs_distinct_ids() -> None:
    with pytest.raises(ValueError, match=r"^ids: "):
        Quiz.start([])
    with pytest.raises(ValueError, match=r"^ids: "):
        Quiz.start(["a", "a"])


def test_a_changed_list_of_myths_keeps_the_answers_still_valid() -> None:
    q = Quiz.start(IDS).answer("m1", "myth").answer("m2", "true").next().next()
    assert q.with_order(IDS) is q
    q2 = q.with_order(("m2", "m4"))
    assert q2.order == ("m2", "m4")
    assert dict(q2.answers) == {"m2": "true"}
    assert q2.revealed == frozenset({"m2"})
    assert q2.index == 2 and q2.finished


def test_every_myth_in_the_content_is_a_myth() -> None:
    myths = content_mod.default().myths
    assert sorted(m.number for m in myths.values()) == [1, 2, 3, 4, 5, 6]
    q = Quiz.start(m.id for m in sorted(myths.values(), key=lambda m: m.number))
    for myth_id in q.order:
        q = q.answer(myth_id, CORRECT)
    assert q.score() == Score(correct=6, answered=6, total=6)
    assert CORRECT in ANSWERS


def test_not_sure_is_answered_but_never_scored_as_wrong() -> None:
    q = Quiz.start(IDS).answer("m1", "unsure").next().answer("m2", "true").next().answer("m3", "myth")
    assert [q.outcome(i) for i in IDS] == ["unsure", "wrong", "right"]
    assert q.is_correct("m1") is None, "not sure is neither right nor wrong"
    assert q.is_correct("m2") is False and q.is_correct("m3") is True
    assert q.score() == Score(correct=1, answered=3, total=3, unsure=1)
    assert Quiz.start(IDS).outcome("m1") == "unanswered"
    assert [outcome_of(a) for a in (None, "unsure", "true", "myth")] == [
        "unanswered", "unsure", "wrong", "right"]
    assert set(OUTCOMES) == {"unanswered", "unsure", "wrong", "right"}


def test_one_verdict_wording_per_outcome_and_no_verdict_that_reads_backwards() -> None:
    c = content_mod.default()
    for lang in ("nb", "nn", "en"):
        words = {o: c.t(f"quiz.verdict.{o}", lang) for o in OUTCOMES}  # type: ignore[arg-type]
        assert len(set(words.values())) == len(OUTCOMES), lang
        for m in c.myths.values():  # the claim is a myth: its verdict says what is true, not "Wrong –"
            first = m.verdict(lang).split()[0].rstrip(" –:").lower()
            assert first not in {"feil", "wrong", "riktig", "right"}, (m.id, lang)
