"""The table of locale settings (guide.locales): one row a language, and the formatters, documents
and page follow it."""

from __future__ import annotations

import datetime as dt

from guide import formats, locales, text
from guide.documents import docx as word
from guide.documents import pdf
from guide.documents.blocks import Document, Paragraph
from guide.model import LANGS


def test_every_language_has_one_row_and_no_other() -> None:
    assert tuple(locales.LOCALES) == LANGS
    for code, row in locales.LOCALES.items():
        assert row.code == code
        assert row.babel.split("_")[0] == row.language
        assert row.tag == f"{row.language}-{row.region}"
        assert "{n}" in row.amount and "{n}" in row.percent


def test_an_unknown_code_gets_the_first_language() -> None:
    assert locales.get("xx") is locales.LOCALES[LANGS[0]]


def test_the_formatters_follow_the_table() -> None:
    assert formats.nok(1_300_000, "nb") == "1\u00a0300\u00a0000\u00a0kr"
    assert formats.nok(1_300_000, "en") == "NOK\u00a01,300,000"
    assert formats.percent(3.5, "nn") == "3,5\u00a0%"
    assert formats.percent(3.5, "en") == "3.5%"
    assert formats.date(dt.date(2026, 7, 1), "nb", year=False) == "1. juli"
    assert formats.date(dt.date(2026, 7, 1), "en", year=False) == "1 July"
    assert text.quoted("«x»", "en") == "“x”"
    assert text.quoted("“x”", "nn") == "«x»"


def test_the_documents_carry_the_tag_of_the_table() -> None:
    for code, row in locales.LOCALES.items():
        doc = Document(title="T", lang=code, blocks=(Paragraph(text="x"),))
        data = pdf.data(doc)
        assert (data["lang"], data["region"]) == (row.language, row.region)
        assert word._word_lang(code) == row.tag
