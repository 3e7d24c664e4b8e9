"""Display helpers: citations, amounts, quotations."""

from __future__ import annotations

from guide import text
from guide.content import default
from guide.model import Quote, Source, Text


def test_cite_booklet_with_chapter_and_page() -> None:
    c = default()
    src = Source(ref="booklet", chapter=3, page=14)
    assert text.cite(c, src, "nb").endswith("(2017), kap. 3, s. 14")
    assert text.cite(c, src, "en").endswith("(2017), ch. 3, p. 14")


def test_cite_official_source_shows_its_date() -> None:
    c = default()
    src = Source(ref="anskaffelsesloven")
    assert "1. november 2026" in text.cite(c, src, "nb")  # the date the page was true, as words


def test_nok_formats_per_language() -> None:
    assert text.nok(1_300_000, "nb") == "1\u00a0300\u00a0000\u00a0kr"
    assert text.nok(1_300_000, "en") == "NOK\u00a01,300,000"  # never broken after "NOK"


def test_quoted_normalises_quote_marks() -> None:
    assert text.quoted("«Hei»", "nb") == "«Hei»"
    assert text.quoted('"Hello …"', "en") == "“Hello …”"
    assert text.quoted("Hei", "nb") == "«Hei»"


def test_a_quotation_kept_in_bokmal_is_marked_as_bokmal() -> None:
    kept = Quote(text=Text(nb="«Hei»", nn="«Hei»", en='"Hello"'), speaker="Kari")
    assert kept.lang_of("nb") == "nb"
    assert kept.lang_of("nn") == "nb"  # nynorsk keeps the quotation as it was said
    assert kept.lang_of("en") == "en"  # English translates it
    written = Quote(text=Text(nb="«Ikke»", nn="«Ikkje»", en='"Not"'), speaker="Kari")
    assert written.lang_of("nn") == "nn"
