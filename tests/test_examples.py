"""The examples library: every title in every language, one source line a fact, a table that fits."""

from __future__ import annotations

import re
import typing

import pytest

from guide import content as content_mod
from guide import library
from guide.documents.escape import css_string
from guide.model import LANGS, Case, Lang, Text
from guide.text import cite
from guide.ui.blocks import fitted_table_css
from tests.support.apptest import open_page, unescape

ALL_LANGS: tuple[Lang, ...] = typing.get_args(Lang)

#: Norwegian words that are no part of a proper name among the cases: an English title holding
#: one of them (outside a quoted name) is still Norwegian.
NORWEGIAN = {
    "kommune", "kommunes", "bydel", "fylkeskommune", "og", "i", "med", "mot", "til", "nasjonal",
    "nasjonalt", "undersøkelsen", "prosjekt", "arbeidsgruppe", "fadderordning", "politisk",
    "bestilling", "effektmåling", "nye", "digitalt", "læringsverktøy", "strategi", "boligsosialt",
    "arbeid", "universitetet", "senter", "entreprenørskap", "næringsutvikling", "tjenesteutvikling",
    "forsknings", "innovasjonsfond", "innovasjonsskole", "kommunesektoren", "leverandørutvikling",
    "velferdsobligasjoner", "tilbakefall", "kriminalitet", "dialogprosess", "blogg", "kmds",
}
QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")


def c() -> content_mod.Content:
    return content_mod.default()


def cases() -> list[Case]:
    return list(c().cases.values())


def words(title: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", QUOTED.sub(" ", title))}


# ---------------------------------------------------------------------------
# Titles


def test_every_case_has_a_title_in_every_language() -> None:
    for case in cases():
        for lang in ALL_LANGS:
            assert case.title(lang).strip(), (case.id, lang)
        if isinstance(case.name, Text):
            assert case.name.nn is not None, f"{case.id}: the title has no nynorsk"


def test_no_english_title_is_norwegian() -> None:
    norwegian = {case.id: words(case.title("en")) & NORWEGIAN for case in cases()}
    assert not {k: v for k, v in norwegian.items() if v}


def test_the_check_finds_a_norwegian_title() -> None:
    assert words("Larvik kommune") & NORWEGIAN
    assert words("Steinkjer kommune og Noen AS") & NORWEGIAN
    assert not words("Larvik municipality") & NORWEGIAN
    assert not words("“Sjef i eget liv” (a digital learning tool)") & NORWEGIAN  # a quoted name stays


def test_proper_names_stay_and_described_names_are_translated() -> None:
    cs = c().cases
    assert cs["kjor_for_livet"].name == "Kjør for livet AS"  # a proper name: one string
    assert {cs["kjor_for_livet"].title(lang) for lang in ALL_LANGS} == {"Kjør for livet AS"}
    assert cs["larvik_kommune"].title("nb") == "Larvik kommune"
    assert cs["larvik_kommune"].title("en") == "Larvik municipality"
    assert "Moving Mamas AS" in cs["nordre_aker_moving_mamas"].title("en")


@pytest.mark.parametrize("lang", ALL_LANGS)
def test_the_search_finds_a_case_by_its_title_in_the_language(lang: Lang) -> None:
    larvik = c().cases["larvik_kommune"]
    query = larvik.title(lang).split()[-1]  # "kommune" or "municipality"
    found = library.filter_cases(c(), lang, query=query)
    assert larvik in found
    assert all(query.casefold() in " ".join([x.title(lang), x.place(lang), x.what(lang), *x.partners,
                                             x.outcome(lang) if x.outcome else ""]).casefold()
               for x in found)


# ---------------------------------------------------------------------------
# The table


@pytest.mark.parametrize("lang", ALL_LANGS)
def test_the_table_has_a_row_per_case_with_its_title_and_where_in_the_booklet(lang: Lang) -> None:
    table = library.table(cases(), content=c(), lang=lang)
    assert table.header == tuple(c().t(f"examples.col.{k}", lang) for k in library.COLUMNS)
    assert [r[0] for r in table.rows] == [x.title(lang) for x in cases()]
    for case, row in zip(cases(), table.rows, strict=True):
        where = row[-1]
        assert "–" not in where, (case.id, where)  # never "ch. –": the foreword's cases give a page
        assert str(case.source.page) in where
        if case.source.chapter is None:
            assert where == c().t("examples.source.page", lang, page=case.source.page)


def test_a_narrow_screen_labels_every_cell_with_its_column() -> None:
    css = fitted_table_css("examples_table", ("Navn", "Kilde i heftet"))
    assert ".st-key-examples_table table { width: 100%; }" in css
    assert "@media (max-width: 640px)" in css
    assert "td:nth-child(1)::before { content: \"Navn: \"" in css
    assert "td:nth-child(2)::before { content: \"Kilde i heftet: \"" in css


def test_a_column_name_cannot_break_out_of_the_style_sheet() -> None:
    s = css_string('a"b</style><script>\\x\n}')
    assert s.startswith('"') and s.endswith('"')
    inner = s[1:-1]
    assert '"' not in inner and "<" not in inner and "}" not in inner and "\n" not in inner
    assert inner == r"a\22 b\3c \2f style\3e \3c script\3e \5c x \7d "  # escapes; newline: space
    assert css_string("Kilde i heftet: ") == '"Kilde i heftet: "'


# ---------------------------------------------------------------------------
# The page


@pytest.mark.parametrize("lang", LANGS)
def test_the_cards_show_every_title_in_the_page_s_language(lang: str) -> None:
    at = open_page("views/examples.py", lang)
    assert not at.exception
    shown = [unescape(e.value[5:]) for e in at.markdown if e.value.startswith("#### ")]
    assert sorted(shown) == sorted(x.title(lang) for x in cases())  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", LANGS)
def test_an_update_from_the_case_s_own_source_gives_one_source_line(lang: str) -> None:
    at = open_page("views/examples.py", lang)
    at.text_input(key=f"ex_query.{lang}").set_value("Bolig for velferd").run()
    case = c().cases["husbanken_bolig_for_velferd"]
    [update] = case.updates
    assert update.source == case.source and update.status == "check"
    line = c().t("cite.source", lang, text=cite(c(), case.source, lang))  # type: ignore[arg-type]
    notices = [str(w.value) for w in at.warning]
    assert any(c().t("update.status.check", lang) in n for n in notices)  # type: ignore[arg-type]
    assert not any(line in unescape(n) for n in notices)
    captions = [unescape(str(e.value)) for e in at.caption]
    assert sum(line in x for x in captions) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_an_update_from_another_source_keeps_its_source_line(lang: str) -> None:
    at = open_page("views/examples.py", lang)
    case = c().cases["larvik_kommune"]
    at.text_input(key=f"ex_query.{lang}").set_value(case.title(lang)).run()  # type: ignore[arg-type]
    line = c().t("cite.source", lang, text=cite(c(), case.updates[0].source, lang))  # type: ignore[arg-type]
    assert any(line in unescape(str(i.value)) for i in at.info)


@pytest.mark.parametrize("lang", LANGS)
def test_the_table_view_is_a_table_that_fits_the_page(lang: str) -> None:
    at = open_page("views/examples.py", lang)
    at.segmented_control(key=f"ex_view.{lang}").set_value("table").run()
    assert not at.exception
    assert not at.dataframe  # a grid of fixed columns cut the last one off
    md = [str(e.value) for e in at.markdown]
    css = [m for m in md if m.startswith("<style>") and ".st-key-examples_table" in m]
    assert len(css) == 1
    [table] = [m for m in md if m.startswith("| ")]
    header = table.splitlines()[0]
    for k in library.COLUMNS:
        assert c().t(f"examples.col.{k}", lang) in unescape(header)  # type: ignore[arg-type]
    body = unescape(table)
    for case in cases():
        assert f"| {case.title(lang)} |" in body  # type: ignore[arg-type]
