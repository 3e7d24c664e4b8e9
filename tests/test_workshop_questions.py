"""Workshop questions built from content (guide.workshop.questions): sets, texts, CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from guide import content as content_mod
from guide.model import LANGS
from guide.workshop import QuestionResult, Summary
from guide.workshop import questions as wq


@pytest.fixture(scope="module")
def c() -> content_mod.Content:
    return content_mod.default()


def test_the_myths_are_the_default_set_in_booklet_order(c: content_mod.Content) -> None:
    qs = wq.myths(c)
    assert [q.ref for q in qs] == [m.id for m in sorted(c.myths.values(), key=lambda m: m.number)]
    assert all(q.options == ["believe_true", "believe_false", "unsure"] for q in qs)
    assert all(q.correct == "believe_false" and q.revealable for q in qs)
    verdict, explanation = wq.reveal(qs[0], c) or (None, None)
    assert verdict == c.myths[qs[0].ref].verdict and explanation == c.myths[qs[0].ref].explanation
    assert wq.source(qs[0], c) == c.myths[qs[0].ref].source


def test_priority_votes_offer_every_form_and_every_measure(c: content_mod.Content) -> None:
    [forms] = wq.vote_forms(c)
    [measures] = wq.vote_measures(c)
    assert forms.options == list(c.forms) and measures.options == list(c.measures)
    assert not forms.revealable and wq.reveal(forms, c) is None
    for lang in LANGS:
        assert wq.option_label(forms, "pilot_agreement", c, lang) == c.forms["pilot_agreement"].title(lang)
        assert wq.question_text(measures, c, lang) == c.t("workshop.q.vote_measures", lang)


def test_readiness_statements_come_from_the_questionnaire_when_it_exists(c: content_mod.Content) -> None:
    if wq.READINESS_ID not in c.questionnaires:
        assert "readiness" not in wq.available_sets(c)
        with pytest.raises(ValueError, match="unknown question set"):
            wq.build(["readiness"], c)
        return
    qn = c.questionnaires[wq.READINESS_ID]
    qs = wq.build(["readiness"], c)
    scale = [q for q in qn.questions if q.kind == "scale"]
    assert [q.ref for q in qs] == [q.id for q in scale] and qs
    first = qs[0]
    assert first.options == [str(v) for v in range(int(scale[0].min or 1), int(scale[0].max or 5) + 1)]
    assert wq.question_text(first, c, "en") == scale[0].text.en
    assert wq.option_label(first, first.options[0], c, "nb").endswith(scale[0].low_label.nb)  # type: ignore[union-attr]
    assert wq.option_label(first, "3", c, "nb") == "3"


def test_questionnaire_questions_of_other_kinds_can_be_voted_on(c: content_mod.Content) -> None:
    qn = c.questionnaires["form_matcher"]
    singles = wq.from_questionnaire(qn, kinds=("single", "yesno"))
    expected = [q for q in qn.questions if q.kind in ("single", "yesno")]
    assert [q.ref for q in singles] == [q.id for q in expected]
    assert singles[0].options == [o.id for o in expected[0].options]
    assert wq.from_questionnaire(qn, kinds=("number", "multi")) == []


def test_build_keeps_the_order_and_each_set_once(c: content_mod.Content) -> None:
    qs = wq.build(["vote_forms", "myths", "vote_forms"], c)
    assert [q.id for q in qs] == ["vote_forms", *(m.id for m in wq.myths(c))]
    assert set(wq.catalogue(c)) >= {q.id for q in qs}
    assert all(wq.ID_PATTERN.match(q.id) for q in wq.catalogue(c).values())
    with pytest.raises(ValueError):
        wq.build(["nope"], c)


def test_every_set_has_a_label_and_every_kind_a_prompt_in_every_language(c: content_mod.Content) -> None:
    for lang in LANGS:
        labels = [wq.set_label(s, c, lang) for s in wq.available_sets(c)]
        assert all(labels) and len(set(labels)) == len(labels)
        for q in wq.catalogue(c).values():
            assert wq.question_prompt(q, c, lang)
            assert all(wq.option_label(q, o, c, lang) for o in q.options)


def test_the_csv_export_has_counts_shares_and_no_formulas(c: content_mod.Content) -> None:
    q = wq.myths(c)[0]
    summary = Summary(
        code="ACDEFH", title="=HYPERLINK(\"http://x\")", created_at=dt.datetime(2027, 1, 1),
        closed=False, participants=4,
        questions=[QuestionResult(question=q, counts={"believe_true": 1, "believe_false": 3, "unsure": 0},
                                  answered=4, revealed=True)],
    )
    for lang in LANGS:
        rows = list(csv.reader(io.StringIO(wq.csv_export(summary, c, lang))))
        assert rows[0][0] == c.t("workshop.csv.workshop", lang)
        assert len(rows) == 1 + len(q.options)
        body = rows[1:]
        assert [r[5] for r in body] == q.options
        assert [int(r[7]) for r in body] == [1, 3, 0] and [int(r[8]) for r in body] == [25, 75, 0]
        assert all(r[0].startswith("'=") for r in body), "a formula in the title is neutralised"
        assert [r[11] for r in body] == [c.t(f"workshop.csv.{x}", lang) for x in ("no", "yes", "no")]
        assert body[1][4] == c.myths[q.ref].claim(lang)
