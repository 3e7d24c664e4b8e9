"""AppTest: every page of the navigation renders in both languages without an exception."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from guide import content as content_mod
from guide.ui.nav import PAGES
from tests.conftest import ROOT, open_page, texts


@pytest.mark.parametrize("page", [p.path for p in PAGES])
def test_page_renders_in_both_languages(page: str, lang: str) -> None:
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
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
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
    expected = {x.name for x in c.cases.values() if "pilot_agreement" in x.forms}
    assert names == expected and 0 < len(names) < total
    at.segmented_control(key=f"ex_view.{lang}").set_value("table").run()
    assert at.dataframe, "the table view shows a table"
    assert not at.exception


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
