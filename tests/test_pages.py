"""AppTest: every page of the navigation renders in every language without an exception."""

from __future__ import annotations

import html
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from guide import content as content_mod
from guide import text
from guide.documents.escape import md_escape
from guide.ui.nav import PAGES
from tests.support.apptest import ROOT, open_page, texts


@pytest.mark.parametrize("page", [p.path for p in PAGES])
def test_page_renders_in_every_language(page: str, lang: str) -> None:
    at = open_page(page, lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, f"{page} has no title"
    c = content_mod.default()
    slug = next(p.slug for p in PAGES if p.path == page)
    # The page title in the navigation is the content's, in the chosen language.
    expected = c.t(f"page.{slug}.title", lang)
    if page != "views/home.py":
        assert at.title[0].value == expected


def test_language_switch_changes_the_texts() -> None:
    nb = texts(open_page("views/home.py", "nb"))
    en = texts(open_page("views/home.py", "en"))
    c = content_mod.default()
    assert c.t("home.lead", "nb") in nb
    assert c.t("home.lead", "en") in en
    assert c.t("home.lead", "en") not in nb


def test_unknown_language_falls_back_to_norwegian() -> None:
    at = open_page("views/home.py", "xx")
    assert not at.exception
    assert content_mod.default().t("home.lead", "nb") in texts(at)


@pytest.mark.parametrize("asked", ["xx", "<b>de</b>", "https://evil.example"])
def test_an_unknown_language_in_the_link_is_said_in_both_languages(asked: str) -> None:
    c = content_mod.default()
    at = open_page("views/home.py", asked)
    assert not at.exception
    notice = [str(e.value) for e in at.info]
    shown = md_escape(asked, line_start=False)
    assert any(c.t("lang.unknown", "nb", code=shown) in n and c.t("lang.unknown", "en", code=shown) in n
               for n in notice), notice
    assert at.query_params["lang"] in ("nb", ["nb"])
    # a language chosen ends the notice
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert not any(c.t("lang.unknown", "en", code=shown) in str(e.value) for e in at.info)
    assert c.t("home.lead", "en") in texts(at)


def test_a_known_language_in_the_link_gives_no_notice() -> None:
    at = open_page("views/home.py", "en")
    c = content_mod.default()
    assert not any(c.t("lang.unknown", "en", code="en")[:12] in str(e.value) for e in at.info)


@pytest.fixture
def broken_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    (root / "myths.yaml").write_text("myths: [ {id: 1", encoding="utf-8")
    monkeypatch.setenv(content_mod.ENV_DIR, str(root))
    content_mod.default.cache_clear()
    st.cache_resource.clear()
    yield
    monkeypatch.delenv(content_mod.ENV_DIR)
    content_mod.default.cache_clear()
    st.cache_resource.clear()


def test_broken_content_shows_an_error_page_not_a_traceback(broken_content: None) -> None:
    at = AppTest.from_file(str(ROOT / "shell.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert at.error, "an error message is shown"
    assert "content/myths.yaml" in at.code[0].value
    assert "not valid YAML" in at.code[0].value


def test_examples_library_filters(lang: str) -> None:
    at = open_page("views/examples.py", lang)
    c = content_mod.default()
    total = len(c.cases)
    at.multiselect(key=f"ex_forms.{lang}").set_value(["pilot_agreement"]).run()
    shown = [e for e in at.markdown if e.value.startswith("#### ")]
    names = {e.value[5:] for e in shown}
    expected = {x.title(lang) for x in c.cases.values() if "pilot_agreement" in x.forms}
    assert names == expected and 0 < len(names) < total
    at.segmented_control(key=f"ex_view.{lang}").set_value("table").run()
    assert any(str(e.value).startswith("| ") for e in at.markdown), "the table view shows a table"
    assert not at.exception


def test_a_quotation_kept_in_bokmal_carries_its_own_language(lang: str) -> None:
    at = open_page("views/advice.py", lang)
    assert not at.exception
    quotes = [e.value for e in at.markdown if e.value.startswith("<blockquote")]
    assert quotes, "the advice page shows its quotations"
    said = [q.split('lang="', 1)[1].split('"', 1)[0] for q in quotes]
    # A quotation kept word for word as said in bokmål is marked nb on a nynorsk or English
    # page; a translated one is in the page's language.
    c = content_mod.default()
    every = [q for a in c.advice.values() for q in a.quotes]
    every += [q for case in c.cases.values() for q in case.quotes]
    expected = {html.escape(text.quoted(q.text(lang), lang)): q.lang_of(lang) for q in every}
    for q, got in zip(quotes, said, strict=True):
        shown = q.split("<p>", 1)[1].split("</p>", 1)[0]
        assert expected[shown] == got, shown
    if lang == "nn":
        assert "nb" in said  # the booklet's quotations are kept in bokmål
    assert all("<script" not in q for q in quotes)


def test_examples_filters_follow_a_language_switch_and_are_kept_across_pages() -> None:
    c = content_mod.default()
    at = open_page("views/examples.py", "nb")
    place = next(x.place for x in c.cases.values() if x.place.nb != x.place.en)
    at.multiselect(key="ex_sectors.nb").set_value(["elderly_care"]).run()
    at.multiselect(key="ex_places.nb").set_value([place.nb]).run()
    at.text_input(key="ex_query.nb").input("a").run()
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert not at.exception
    chips = at.multiselect(key="ex_sectors.en")
    assert chips.value == ["elderly_care"], "the filter is kept after the switch"
    assert chips.format_func("elderly_care") == c.sectors["elderly_care"].label("en"), "drawn in English"
    assert at.multiselect(key="ex_places.en").format_func(place.nb) == place.en
    at.switch_page("views/home.py").run()
    at.switch_page("views/examples.py").run()
    assert at.multiselect(key="ex_sectors.en").value == ["elderly_care"], "kept after leaving the page"
    assert at.multiselect(key="ex_places.en").value == [place.nb]
    assert at.text_input(key="ex_query.en").value == "a"
