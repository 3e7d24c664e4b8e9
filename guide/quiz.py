"""The myth quiz: one claim at a time, the user says what they believe, then sees the answer.

Pure state (no Streamlit): a :class:`Quiz` is immutable; every action returns a new one, so a
page keeps it in ``st.session_state`` under one key and nothing is lost on a rerun or when the
language changes. Every claim in chapter 6 of the booklet is a myth: the right answer to "is this
true?" is always ``"myth"``. "Not sure" is an honest answer, not a wrong one: it is counted as
answered but never scored as wrong (:data:`Outcome`), and the page says what the user got right in
one wording on every page (the UI strings ``quiz.verdict.<outcome>``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Literal, get_args

Answer = Literal["true", "myth", "unsure"]
ANSWERS: tuple[Answer, ...] = get_args(Answer)
CORRECT: Answer = "myth"
UNSURE: Answer = "unsure"
#: What an answer was: ``right`` (a myth recognised), ``wrong`` (believed true), ``unsure`` (not
#: scored either way) or ``unanswered``.
Outcome = Literal["right", "wrong", "unsure", "unanswered"]
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)


def outcome_of(answer: str | None) -> Outcome:
    """The outcome of an answer (``None``: not answered)."""
    if answer is None:
        return "unanswered"
    if answer == UNSURE:
        return "unsure"
    return "right" if answer == CORRECT else "wrong"


@dataclass(frozen=True)
class Score:
    correct: int  # answered "myth"
    answered: int
    total: int
    unsure: int = 0  # answered "not sure": answered, but neither right nor wrong


@dataclass(frozen=True)
class Quiz:
    """Where the user is in the quiz, what they answered and which answers they have seen.

    ``index == len(order)`` means the quiz is finished (the score is shown).
    """

    order: tuple[str, ...]
    index: int = 0
    answers: Mapping[str, Answer] = field(default_factory=lambda: MappingProxyType({}))
    revealed: frozenset[str] = frozenset()

    @classmethod
    def start(cls, ids: Iterable[str]) -> Quiz:
        order = tuple(ids)
        if not order:
            raise ValueError("ids: the quiz needs at least one myth")
        if len(set(order)) != len(order):
            raise ValueError("ids: a myth appears twice")
        return cls(order=order)

    # -- where we are ----------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self.order)

    @property
    def finished(self) -> bool:
        return self.index >= self.total

    @property
    def current(self) -> str | None:
        """The id of the myth shown now, or None when the quiz is finished."""
        return None if self.finished else self.order[self.index]

    def answer_of(self, myth_id: str) -> Answer | None:
        return self.answers.get(myth_id)

    def is_revealed(self, myth_id: str) -> bool:
        return myth_id in self.revealed

    # -- actions (each returns a new Quiz) ---------------------------------------------

    def _known(self, myth_id: str) -> None:
        if myth_id not in self.order:
            raise ValueError(f"myth_id: {myth_id!r} is not in this quiz")

    def answer(self, myth_id: str, answer: str) -> Quiz:
        """Record what the user believes about ``myth_id`` and reveal what the rules say.

        An answer can be changed only until it is revealed: after that the score would lie.
        """
        self._known(myth_id)
        if answer not in ANSWERS:
            raise ValueError(f"answer: {answer!r} is not one of {', '.join(ANSWERS)}")
        if myth_id in self.revealed and myth_id in self.answers:
            return self
        answers = dict(self.answers)
        answers[myth_id] = ANSWERS[ANSWERS.index(answer)]  # the checked answer, as an Answer
        return replace(self, answers=MappingProxyType(answers), revealed=self.revealed | {myth_id})

    def reveal(self, myth_id: str) -> Quiz:
        """Show the answer without recording a belief (the shared screen's "reveal")."""
        self._known(myth_id)
        return replace(self, revealed=self.revealed | {myth_id})

    def next(self) -> Quiz:
        return replace(self, index=min(self.index + 1, self.total))

    def previous(self) -> Quiz:
        return replace(self, index=max(self.index - 1, 0))

    def go_to(self, index: int) -> Quiz:
        if not 0 <= index <= self.total:
            raise ValueError(f"index: {index} is not between 0 and {self.total}")
        return replace(self, index=index)

    def restart(self) -> Quiz:
        return Quiz(order=self.order)

    def with_order(self, ids: Iterable[str]) -> Quiz:
        """The same quiz for a changed list of myths: answers to myths still there are kept."""
        order = tuple(ids)
        if order == self.order:
            return self
        fresh = Quiz.start(order)
        answers = {k: v for k, v in self.answers.items() if k in order}
        return replace(
            fresh, answers=MappingProxyType(answers),
            revealed=frozenset(x for x in self.revealed if x in order),
            index=min(self.index, len(order)),
        )

    # -- result ------------------------------------------------------------------------

    def score(self) -> Score:
        answered = [a for a in self.answers.values()]
        return Score(
            correct=sum(1 for a in answered if a == CORRECT), answered=len(answered), total=self.total,
            unsure=sum(1 for a in answered if a == UNSURE),
        )

    def outcome(self, myth_id: str) -> Outcome:
        return outcome_of(self.answers.get(myth_id))

    def is_correct(self, myth_id: str) -> bool | None:
        """True/False for a myth answered yes or no; None if not answered or answered "not sure"
        (never scored as wrong)."""
        return {"right": True, "wrong": False}.get(self.outcome(myth_id))
