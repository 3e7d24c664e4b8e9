"""What a live workshop can ask the room, built from content.

A workshop question is small and storable: an ``id``, a ``kind`` that says where it comes from,
the content id it refers to (``ref``), the option ids a participant can choose, and for a myth the
option that is right. Its texts are never stored: they are looked up in content, in the reader's
language, when a page shows the question (so a workshop started in Norwegian can be shown in
English).

Question sets a facilitator can choose:

- ``myths``: the six procurement myths of chapter 6; options ``believe_true`` / ``believe_false``
  / ``unsure``; the reveal is the myth's verdict and explanation.
- ``readiness``: the statements of the readiness self-assessment
  (``content/questionnaires/readiness.yaml``), offered only when that questionnaire exists.
- ``vote_forms``: one priority vote — which form of cooperation to try first (chapter 3).
- ``vote_measures``: one priority vote — which first step to take (chapter 2).
- ``open_obstacle``, ``open_need``: an open question the room answers in a few words; the
  facilitator approves each answer before the room sees it, and the approved answers are then
  grouped (the same words, whatever the case and punctuation) and counted, most frequent first.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, get_args

from guide.content import Content
from guide.model import Lang, Source, Text
from guide.quiz import Outcome

if TYPE_CHECKING:  # pragma: no cover
    from guide.questionnaires.model import Question as QnQuestion
    from guide.questionnaires.model import Questionnaire
    from guide.workshop.store import Summary

QuestionKind = Literal["myth", "readiness", "vote_forms", "vote_measures", "open"]
KINDS: tuple[QuestionKind, ...] = get_args(QuestionKind)
SetId = Literal["myths", "readiness", "vote_forms", "vote_measures", "open_obstacle", "open_need"]
SETS: tuple[SetId, ...] = get_args(SetId)

MYTH_OPTIONS: tuple[str, ...] = ("believe_true", "believe_false", "unsure")
MYTH_CORRECT = "believe_false"  # every claim in chapter 6 is a myth
MYTH_UNSURE = "unsure"  # "not sure": answered, never scored as wrong
#: The tables a room can split into (a participant may join as one; labels: workshop.group.<id>),
#: as the booklet's meetings pair the municipality and the state with social entrepreneurs.
GROUPS: tuple[str, ...] = ("municipality", "state", "entrepreneur", "other")
READINESS_ID = "readiness"
READINESS_PREFIX = "readiness__"  # question ids of readiness statements: readiness__<question id>
OPEN_SETS: tuple[SetId, ...] = ("open_obstacle", "open_need")  # one open question each
MAX_OPEN = 140  # characters of an open answer

#: What a question or option id may look like (the store checks it too).
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,79}$")


@dataclass(frozen=True)
class Question:
    """One question of a workshop. ``options`` is the list of option ids, in display order."""

    id: str
    kind: QuestionKind
    options: list[str] = field(default_factory=list)
    ref: str = ""  # the content id it comes from (myth id, questionnaire question id); "" for votes
    correct: str | None = None  # the right option, for questions that can be revealed

    @property
    def revealable(self) -> bool:
        return self.correct is not None

    @property
    def open(self) -> bool:
        """Answered in the participant's own words (no options)."""
        return self.kind == "open"


# ---------------------------------------------------------------------------
# Building questions from content


def myths(c: Content) -> list[Question]:
    """Every myth of chapter 6, in the booklet's order."""
    ordered = sorted(c.myths.values(), key=lambda m: m.number)
    return [
        Question(id=m.id, kind="myth", options=list(MYTH_OPTIONS), ref=m.id, correct=MYTH_CORRECT)
        for m in ordered
    ]


def _questionnaire_options(q: QnQuestion) -> list[str] | None:
    """The option ids of a questionnaire question a room can vote on, or None if it cannot."""
    if q.kind in ("single", "yesno"):
        return [o.id for o in q.options]
    if q.kind == "scale" and q.min is not None and q.max is not None:
        return [str(v) for v in range(int(q.min), int(q.max) + 1)]
    return None  # multi and number questions do not fit one vote per person


def from_questionnaire(qn: Questionnaire, kinds: Sequence[str] = ("scale",)) -> list[Question]:
    """The questions of ``qn`` of the given kinds that a room can answer with one vote each.

    By default its statements rated on a scale (the readiness statements); ``single``, ``yesno``
    and ``scale`` are possible.
    """
    out: list[Question] = []
    for q in qn.questions:
        options = _questionnaire_options(q) if q.kind in kinds else None
        if options:
            out.append(Question(id=f"{READINESS_PREFIX}{q.id}", kind="readiness", options=options,
                                ref=q.id))
    return out


def vote_forms(c: Content) -> list[Question]:
    return [Question(id="vote_forms", kind="vote_forms", options=list(c.forms))]


def vote_measures(c: Content) -> list[Question]:
    return [Question(id="vote_measures", kind="vote_measures", options=list(c.measures))]


def open_question(set_id: str) -> Question:
    """The open question of an open set: its text is the UI string ``workshop.q.<set id>``."""
    return Question(id=set_id, kind="open", options=[], ref=set_id)


def group_label(group: str, c: Content, lang: Lang) -> str:
    return c.t(f"workshop.group.{group}", lang)


def group_texts(texts: Iterable[str]) -> list[tuple[str, int]]:
    """Approved open answers grouped and counted, most frequent first (ties: first given first).

    Answers that differ only in case, spacing or punctuation at the ends are one group, shown as
    the first way it was written.
    """
    first: dict[str, str] = {}
    counts: dict[str, int] = {}
    for text in texts:
        key = " ".join(text.casefold().strip(" .,;:!?«»\"'()").split())
        if key:
            first.setdefault(key, text.strip())
            counts[key] = counts.get(key, 0) + 1
    return sorted(((first[k], n) for k, n in counts.items()), key=lambda g: -g[1])  # stable: ties keep order


def available_sets(c: Content) -> list[SetId]:
    """The question sets this content offers (``readiness`` only if its questionnaire exists)."""
    return [s for s in SETS if s != "readiness" or READINESS_ID in c.questionnaires]


def build(sets: Iterable[str], c: Content) -> list[Question]:
    """The questions of the chosen sets, in the order given. Unknown sets raise ValueError."""
    out: list[Question] = []
    for s in dict.fromkeys(sets):  # each set once, order kept
        if s not in available_sets(c):
            raise ValueError(f"unknown question set '{s}'")
        if s == "myths":
            out += myths(c)
        elif s == "readiness":
            out += from_questionnaire(c.questionnaires[READINESS_ID])
        elif s == "vote_forms":
            out += vote_forms(c)
        elif s in OPEN_SETS:
            out.append(open_question(s))
        else:
            out += vote_measures(c)
    return out


def set_label(s: str, c: Content, lang: Lang) -> str:
    """What a question set is called in the facilitator's list."""
    if s == "readiness" and READINESS_ID in c.questionnaires:
        return c.t("workshop.set.readiness", lang, title=c.questionnaires[READINESS_ID].title(lang))
    return c.t(f"workshop.set.{s}", lang)


def catalogue(c: Content) -> dict[str, Question]:
    """Every question any set offers, by id."""
    return {q.id: q for q in build(available_sets(c), c)}


# ---------------------------------------------------------------------------
# Texts (looked up in content, in the reader's language)


def _readiness_question(q: Question, c: Content) -> QnQuestion | None:
    qn = c.questionnaires.get(READINESS_ID)
    return None if qn is None else qn.question(q.ref)


def question_text(q: Question, c: Content, lang: Lang) -> str:
    if q.kind == "myth" and q.ref in c.myths:
        return str(c.myths[q.ref].claim(lang))
    if q.kind == "readiness":
        rq = _readiness_question(q, c)
        if rq is not None:
            return rq.text(lang)
    if q.kind in ("vote_forms", "vote_measures"):
        return c.t(f"workshop.q.{q.kind}", lang)
    if q.kind == "open" and q.ref in OPEN_SETS:
        return c.t(f"workshop.q.{q.ref}", lang)
    return c.t("workshop.q.missing", lang, id=q.id)


def question_prompt(q: Question, c: Content, lang: Lang) -> str:
    """The short instruction under the question ("Is this true?", "Choose one")."""
    return c.t(f"workshop.prompt.{q.kind}", lang)


def option_label(q: Question, option: str, c: Content, lang: Lang) -> str:
    if q.kind == "myth":
        return c.t(f"workshop.opt.{option}", lang)
    if q.kind == "vote_forms" and option in c.forms:
        return str(c.forms[option].title(lang))
    if q.kind == "vote_measures" and option in c.measures:
        return str(c.measures[option].title(lang))
    if q.kind == "readiness":
        rq = _readiness_question(q, c)
        if rq is not None:
            opt = rq.option(option)
            if opt is not None and opt.label is not None:
                return opt.label(lang)
            if rq.kind == "yesno":
                return c.t(f"workshop.opt.{option}", lang)
            if rq.kind == "scale":
                ends = {str(int(rq.min or 1)): rq.low_label, str(int(rq.max or 5)): rq.high_label}
                end = ends.get(option)
                return f"{option} – {end(lang)}" if end is not None else option
    return option


def outcome(q: Question, option: str | None) -> Outcome:
    """What a participant's answer to a myth was, as the quiz words it (``unsure`` is not wrong)."""
    if option is None:
        return "unanswered"
    if option == MYTH_UNSURE:
        return "unsure"
    return "right" if option == q.correct else "wrong"


def reveal(q: Question, c: Content) -> tuple[Text, Text] | None:
    """The verdict and the explanation shown when a myth is revealed (None for other kinds)."""
    if q.kind == "myth" and q.ref in c.myths:
        m = c.myths[q.ref]
        return m.verdict, m.explanation
    return None


def source(q: Question, c: Content) -> Source | None:
    if q.kind == "myth" and q.ref in c.myths:
        return c.myths[q.ref].source
    if q.kind == "readiness":
        rq = _readiness_question(q, c)
        return None if rq is None else rq.source
    return None


# ---------------------------------------------------------------------------
# Export


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    s = str(value)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


def csv_export(summary: Summary, c: Content, lang: Lang) -> str:
    """The results as CSV: one row per question and option, with counts and shares."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    cols: Sequence[str] = ("workshop", "code", "number", "question_id", "question", "option_id",
                           "option", "count", "share", "answered", "participants", "correct")
    w.writerow([c.t(f"workshop.csv.{col}", lang) for col in cols])
    for n, r in enumerate(summary.questions, start=1):
        q = r.question
        for opt in q.options:
            count = r.counts.get(opt, 0)
            share = round(100 * count / r.answered) if r.answered else 0
            correct = "" if q.correct is None else c.t(
                "workshop.csv.yes" if opt == q.correct else "workshop.csv.no", lang)
            w.writerow([_cell(summary.title), summary.code, n, q.id, _cell(question_text(q, c, lang)),
                        opt, _cell(option_label(q, opt, c, lang)), count, share, r.answered,
                        summary.participants, correct])
    for n, r in enumerate(summary.questions, start=1):  # the approved answers in words
        q = r.question
        for text, count in summary.open_answers.get(q.id, []):
            share = round(100 * count / r.answered) if r.answered else 0
            w.writerow([_cell(summary.title), summary.code, n, q.id, _cell(question_text(q, c, lang)), "",
                        _cell(text), count, share, r.answered, summary.participants, ""])
    return buf.getvalue()
