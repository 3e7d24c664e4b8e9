"""The room's answers by table and in total, in one place: those without a table are a row of
their own, and the rows always add up to the count everyone sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide import content as content_mod
from guide.documents import markdown as md_doc
from guide.workshop import Store, presenter
from guide.workshop import questions as wq
from guide.workshop.tally import NO_TABLE, groups, tally

PIN = "864209"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'w.db'}")


def test_without_tables_there_are_no_rows_only_the_total(store: Store) -> None:
    w = store.create("Rom", pin=PIN, questions=["vote_forms"])
    forms = store.questions(w.code)[0].options
    for pick in (forms[0], forms[0], forms[1]):
        store.answer(w.code, store.join(w.code), "vote_forms", pick)
    s = store.summary(w.code)
    tl = tally(s.questions[0], s)
    assert tl.rows == () and not tl.by_table
    assert tl.answered == 3 == s.questions[0].answered
    assert tl.total[forms[0]] == 2 and tl.chosen() == [forms[0], forms[1]]
    assert groups(s) == []


def test_with_tables_those_without_one_are_counted_and_every_option_adds_up(store: Store) -> None:
    w = store.create("Bord", pin=PIN, questions=wq.build(["myths"], content_mod.default()))
    first = store.questions(w.code)[0]
    seats = [("municipality", "believe_false"), ("entrepreneur", "believe_true"), (None, "believe_false"),
             (None, "unsure"), ("municipality", "believe_false")]
    for group, pick in seats:
        store.answer(w.code, store.join(w.code, group=group), first.id, pick)
    s = store.summary(w.code)
    tl = tally(s.questions[0], s)
    assert [g for g, _ in tl.rows] == ["municipality", "entrepreneur", NO_TABLE]
    assert tl.by_table and tl.answered == 5 == s.questions[0].answered == s.participants
    for o in first.options:
        assert sum(counts[o] for _, counts in tl.rows) == tl.total[o], o
    assert dict(tl.rows)[NO_TABLE] == {"believe_true": 0, "believe_false": 1, "unsure": 1}
    assert tl.row_total("municipality") == 2 and tl.row_total(NO_TABLE) == 2
    assert groups(s) == ["municipality", "entrepreneur", NO_TABLE]
    later = tally(s.questions[1], s)  # nobody has answered the next question yet
    assert later.answered == 0 and later.rows == ()


def test_when_everyone_sits_at_a_table_there_is_no_empty_no_table_row(store: Store) -> None:
    w = store.create("Bord", pin=PIN, questions=["vote_measures"])
    options = store.questions(w.code)[0].options
    store.answer(w.code, store.join(w.code, group="state"), "vote_measures", options[3])
    s = store.summary(w.code)
    assert [g for g, _ in tally(s.questions[0], s).rows] == ["state"]


def test_the_report_names_the_tables_and_those_without_one(store: Store) -> None:
    c = content_mod.default()
    w = store.create("Bord", pin=PIN, questions=["vote_forms"])
    forms = store.questions(w.code)[0].options
    store.answer(w.code, store.join(w.code, group="municipality"), "vote_forms", forms[0])
    store.answer(w.code, store.join(w.code), "vote_forms", forms[2])
    for lang in ("nb", "nn", "en"):
        md = md_doc.render(presenter.summary(store.summary(w.code), content=c, lang=lang))
        header = next(line for line in md.splitlines() if wq.group_label("municipality", c, lang) in line)
        assert wq.group_label(NO_TABLE, c, lang) in header
        assert f"{c.forms[forms[2]].title(lang)} (1)" in md
