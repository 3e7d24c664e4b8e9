"""The background page (chapter 1): its content, its presenter and the page in every language."""

from __future__ import annotations

import typing

import pytest

from guide import content as content_mod
from guide.background import model as bg_m
from guide.background import presenter
from guide.documents.blocks import Bullets, Card, Heading, Paragraph, SourceLine, Table, texts
from guide.model import LANGS, Lang, Text
from guide.text import quoted
from guide.wording import Wording
from tests.support.apptest import open_page, unescape
from tests.support.words import ui as t

ALL_LANGS: tuple[Lang, ...] = typing.get_args(Lang)


def c() -> content_mod.Content:
    return content_mod.default()




def sections() -> list[bg_m.Section]:
    return list(c().background.values())


def section(sid: str) -> bg_m.Section:
    return c().background[sid]


def _texts(obj: object) -> typing.Iterator[Text]:
    if isinstance(obj, Text):
        yield obj
    elif isinstance(obj, bg_m.Strict):
        for name in type(obj).model_fields:
            yield from _texts(getattr(obj, name))
    elif isinstance(obj, list):
        for x in obj:
            yield from _texts(x)


def _split(blocks: tuple[object, ...]) -> dict[str, list[object]]:
    """The page's blocks under each section heading."""
    out: dict[str, list[object]] = {}
    current = ""
    for b in blocks:
        if isinstance(b, Heading):
            current = b.text
            out[current] = []
        else:
            out[current].append(b)
    return out


# ---------------------------------------------------------------------------
# Content


def test_the_chapter_is_covered_from_its_own_pages() -> None:
    ids = [s.id for s in sections()]
    for needed in ("what_is", "organisation", "voluntary_sector", "cocreation", "voices"):
        assert needed in ids
    for s in sections():
        assert s.source.ref == "booklet" and s.source.chapter == 1, s.id
        assert s.source.page is not None and 4 <= s.source.page <= 8, s.id
        for q in s.quotes:
            assert q.source.ref == "booklet" and q.source.page is not None, (s.id, q.speaker)


def test_every_text_is_written_in_bokmal_nynorsk_and_english() -> None:
    found = [x for s in sections() for x in _texts(s)]
    assert len(found) > 40
    for x in found:
        assert x.nb and x.nn and x.en, x
    long = [x for x in found if len(x.nb) > 60]
    assert all(x.nb != x.nn and x.nb != x.en for x in long), [x.nb[:40] for x in long if x.nb == x.nn]


def test_the_nordic_council_gives_five_characteristics() -> None:
    s = section("what_is")
    assert len(s.points) == 5
    assert "nordic_council_2015" in s.reports
    for lang in ALL_LANGS:
        assert "5" in s.points_lead(lang) or "fem" in s.points_lead(lang) or "five" in s.points_lead(lang)


def test_quotations_keep_the_booklet_s_words_and_their_speakers() -> None:
    quotes = [q for s in sections() for q in s.quotes]
    assert len(quotes) >= 5
    speakers = {q.speaker for q in quotes}
    assert {"Trude Sletteland", "Johan H. Andresen", "Ann Kristin Tveøy"} <= speakers
    for q in quotes:
        assert q.lang == "nb"  # the booklet's language
        assert q.text[0] not in "«»\"“”" and q.text[-1] not in "«»\"“”"  # marks come from the page
        assert q.gist is not None and q.gist != q.text


def test_a_section_pointing_at_an_unknown_report_is_an_error(tmp_path, monkeypatch) -> None:
    import shutil

    root = tmp_path / "content"
    shutil.copytree(content_mod.CONTENT_DIR, root)
    path = root / "background.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[rokkan_2016]", "[no_such_report]"),
                    encoding="utf-8")
    with pytest.raises(content_mod.ContentError) as err:
        content_mod.load(root)
    assert any("background.field.reports: unknown reports id 'no_such_report'" in e for e in err.value.errors)


# ---------------------------------------------------------------------------
# Presenter


@pytest.mark.parametrize("lang", ALL_LANGS)
def test_every_section_is_a_heading_with_its_text_and_one_source_line(lang: Lang) -> None:
    blocks = presenter.page(content=c(), lang=lang, level=2)
    parts = _split(blocks)
    assert list(parts) == [s.title(lang) for s in sections()]
    for s in sections():
        body = parts[s.title(lang)]
        paragraphs = [b.text for b in body if isinstance(b, Paragraph)]
        for p in s.body:
            assert p(lang) in paragraphs
        lines = [b for b in body if isinstance(b, SourceLine)]
        nested = [x for b in body if isinstance(b, Card) for x in b.body if isinstance(x, SourceLine)]
        assert len(lines) == 1, s.id
        assert lines[0].text == t("cite.source", lang, text=Wording(c(), lang).cite(s.source))
        assert not nested, f"{s.id}: a quotation repeats its section's source"


@pytest.mark.parametrize("lang", ALL_LANGS)
def test_lists_and_terms_are_blocks_of_their_own(lang: Lang) -> None:
    parts = _split(presenter.page(content=c(), lang=lang))
    what = parts[section("what_is").title(lang)]
    bullets = [b for b in what if isinstance(b, Bullets)]
    assert len(bullets) == 1 and [p.text for p in bullets[0].items] == [
        p.text(lang) for p in section("what_is").points
    ]
    terms = [b for b in parts[section("voluntary_sector").title(lang)] if isinstance(b, Table)]
    assert len(terms) == 1
    assert terms[0].header == (t("background.col.term", lang), t("background.col.meaning", lang))
    assert [r[0] for r in terms[0].rows] == [x.term(lang) for x in section("voluntary_sector").terms]


@pytest.mark.parametrize("lang", ALL_LANGS)
def test_a_quotation_is_marked_with_its_speaker_in_the_booklet_s_language(lang: Lang) -> None:
    blocks = presenter.page(content=c(), lang=lang)
    cards = [b for b in blocks if isinstance(b, Card)]
    quotes = [q for s in sections() for q in s.quotes]
    assert len(cards) == len(quotes)
    for card, q in zip(cards, quotes, strict=True):
        label, words, by, *rest = card.body
        assert isinstance(label, Paragraph) and label.text == t("background.quote.label", lang)
        assert isinstance(words, Paragraph)
        assert words.text == quoted(q.text, "nb") and words.text.startswith("«")
        assert words.lang == (None if lang == "nb" else "nb")
        assert isinstance(by, Paragraph) and q.speaker in by.text and by.style == "small"
        if lang == "en":
            assert [p.text for p in rest if isinstance(p, Paragraph)] == [q.gist]
        else:
            assert rest == []


def test_the_quotations_are_the_same_words_in_every_language() -> None:
    quotes = {quoted(q.text, "nb") for s in sections() for q in s.quotes}
    for lang in ALL_LANGS:
        assert quotes <= set(texts(presenter.page(content=c(), lang=lang)))


# ---------------------------------------------------------------------------
# The page, in every language of the app


@pytest.mark.parametrize("lang", LANGS)
def test_the_background_page_shows_the_chapter(lang: str) -> None:
    at = open_page("views/background.py", lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t("page.background.title", lang)
    shown = unescape("\n".join(str(e.value) for e in [*at.markdown, *at.caption]))
    for s in sections():
        assert f"## {s.title(lang)}" in shown
        for p in s.points:
            assert p.text(lang) in shown
        for q in s.quotes:
            assert quoted(q.text, "nb") in shown
            assert q.speaker in shown
    assert t("background.lead", lang) in shown
    links = [p.label for p in at.get("page_link")]
    for slug in ("getting-started", "cooperation-forms", "examples"):
        assert t(f"page.{slug}.title", lang) in links


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_links_municipal_staff_to_the_background(lang: str) -> None:
    at = open_page("views/home.py", lang)
    assert not at.exception
    links = [p.label for p in at.get("page_link")]
    assert t("page.background.title", lang) in links
    # in the column for public bodies, before the getting-started guide
    assert links.index(t("page.background.title", lang)) < links.index(t("page.getting-started.title", lang))
