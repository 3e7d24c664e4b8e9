"""The accessibility statement: the fields uustatus asks for, in every language, claiming only
what a test in the project measures."""

from __future__ import annotations

import re

import pytest

from guide import content as content_mod
from guide.accessibility import presenter
from guide.accessibility.model import KEY, Statement
from guide.documents import blocks as b
from guide.model import LANGS
from tests.support.apptest import ROOT, open_page, texts

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def the_statement() -> Statement:
    items = list(content_mod.default().kinds[KEY].values())
    assert len(items) == 1, "one statement, for the whole solution"
    return items[0]


def test_every_method_names_a_test_file_that_exists() -> None:
    for m in the_statement().methods:
        path = ROOT / m.test
        assert path.is_file() and path.name.startswith("test_"), f"{m.id}: {m.test} is not a test file"


def test_every_breach_says_what_which_criterion_what_it_means_and_when_fixed() -> None:
    s = the_statement()
    assert s.status != "full" or not s.breaches, "a solution with breaches does not fully comply"
    for br in s.breaches:
        for lang in LANGS:
            assert br.name(lang) and br.what(lang) and br.impact(lang) and br.plan(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_statement_has_the_fields_uustatus_asks_for(lang: str) -> None:
    c = content_mod.default()
    s = the_statement()
    blocks = presenter.statement(c, lang)  # type: ignore[arg-type]
    heads = [text for _, text in b.headings(blocks)]
    for key in ("a11y.solution", "a11y.status", "a11y.breaches", "a11y.feedback", "a11y.complaint",
                "a11y.method"):
        assert c.t(key, lang) in heads  # type: ignore[arg-type]
    for br in s.breaches:
        assert any(br.criterion in h for h in heads), f"breach {br.id} has its criterion in its heading"
    words = "\n".join(b.texts(blocks))
    links = [blk.url for blk in b.walk(blocks) if isinstance(blk, b.Link)]
    assert s.complaint_url in links and s.supervision_url in links
    assert c.t("a11y.contact.missing", lang) in words if s.contact is None else s.contact in words  # type: ignore[arg-type]
    assert not ISO_DATE.search(words), "dates are written out, not ISO"
    assert str(s.tested_on.year) in words


def test_statement_page_renders(lang: str) -> None:
    at = open_page("views/accessibility.py", lang)
    assert not at.exception, [e.value for e in at.exception]
    c = content_mod.default()
    shown = texts(at)
    assert c.t("a11y.breaches", lang) in shown  # type: ignore[arg-type]
    assert the_statement().complaint(lang) in shown  # type: ignore[arg-type]
