"""Funding as it stands (content/funding.yaml, guide/funding): every scheme says when and against
what it was last verified, what changed and what could not be verified; the calendar's grant
events are the schemes' own."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from guide import calendar as cal
from guide import content as content_mod
from guide.documents import markdown as md
from guide.documents.blocks import Callout, Link, SourceLine, texts, walk
from guide.funding import presenter
from guide.funding.model import VERIFICATION_STATUSES
from tests.support.words import ui as t

C = content_mod.default()
DAY = dt.date(2026, 12, 1)




def test_every_scheme_has_its_verification_with_date_and_sources() -> None:
    assert len(C.funding) == 10
    for f in C.funding.values():
        v = f.verification
        assert v.status in VERIFICATION_STATUSES
        assert dt.date(2026, 1, 1) <= v.checked <= DAY  # read this year, not in the future
        for s in v.sources:
            assert s.url.startswith("https://") and s.title
            assert s.dated is None or s.dated <= v.checked  # a source's own date is not after it was read
        if v.status != "unverified":
            assert v.sources and f.url, f.id  # verified against something, with the scheme's own page
        if v.status != "verified":
            assert v.not_verified is not None, f.id  # says what could not be verified
        for ch in f.changes:
            assert ch.date <= v.checked and ch.source.url.startswith("https://")


def test_the_texts_are_in_every_language_nynorsk_included() -> None:
    from guide.model import Text

    def every_text(obj: object) -> list[Text]:
        if isinstance(obj, Text):
            return [obj]
        if isinstance(obj, BaseModel):
            return [x for name in type(obj).model_fields for x in every_text(getattr(obj, name))]
        if isinstance(obj, list | tuple):
            return [x for item in obj for x in every_text(item)]
        if isinstance(obj, dict):
            return [x for item in obj.values() for x in every_text(item)]
        return []

    found = [x for f in C.funding.values() for x in every_text(f)]
    found += [x for ev in C.calendar.values() for x in every_text(ev)]
    found += [x for s in C.plan_steps.values() for x in every_text(s)]
    assert len(found) > 150
    missing = [x.nb for x in found if x.nn is None]
    assert not missing, missing[:3]


def test_the_schemes_names_are_written_in_nynorsk() -> None:
    """A scheme's name is a description, not a proper name: nynorsk writes it in nynorsk (tilskot,
    tenester, entreprenørar), the booklet's name of it too."""
    bokmal = re.compile(r"\b(Tilskudd|tilskudd|tjenester|entreprenører|kontorene)\b")
    names = [t for f in C.funding.values() for t in (f.title, f.booklet_name) if t is not None]
    assert [t.nn for t in names if bokmal.search(t.nn)] == []
    assert C.funding["grant_social_entrepreneurship"].title.nn == (
        "Tilskot til sosialt entreprenørskap og sosiale entreprenørar")


@pytest.mark.parametrize(
    ("model", "data", "message"),
    [
        ("Verification", {"status": "verified", "checked": "2026-12-01"}, "names the sources"),
        ("Verification", {"status": "partly_verified", "checked": "2026-12-01",
                          "sources": [{"url": "https://example.org/", "title": "x"}]}, "not_verified"),
        ("Verification", {"status": "unverified"}, "checked"),
        ("CheckedSource", {"url": "example.org", "title": "x"}, "http"),
    ],
)
def test_a_verification_must_say_what_it_rests_on(model: str, data: dict, message: str) -> None:  # type: ignore[type-arg]
    from pydantic import ValidationError

    from guide.funding import model as fm

    with pytest.raises(ValidationError, match=message):
        getattr(fm, model).model_validate(data)


def test_a_verified_scheme_without_its_page_is_an_error(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(content_mod.ROOT / "content", root)
    path = root / "funding.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["funding"][0]["url"]
    del data["funding"][1]["verification"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(content_mod.ContentError) as err:
        content_mod.load(root)
    text = "\n".join(err.value.errors)
    assert "funding.grant_social_entrepreneurship: value error, a verified scheme links to its own" in text
    assert "funding.grant_nav_social_services.verification: is required" in text


def test_the_calendar_grant_events_are_the_schemes_dates() -> None:
    grants = [e for e in cal.window(DAY) if e.kind == "grant"]
    assert [(e.id, e.start) for e in grants] == [("grant_call_announced", dt.date(2027, 10, 1)),
                                                  ("grant_deadline", dt.date(2027, 11, 19))]
    own = {ev.id for f in C.funding.values() for ev in f.schedule}
    assert {e.id for e in grants} <= own
    deadline = next(e for e in grants if e.id == "grant_deadline")
    assert deadline.deadline and "19. november 2020" in deadline.description  # says whose dates they are
    assert "2. desember 2016" in deadline.description
    scheme = C.funding["grant_social_entrepreneurship"]
    (event,) = [ev for ev in scheme.schedule if ev.id == "grant_deadline"]
    assert C.sources[event.source.ref].url.startswith("https://www.nav.no/")  # the call that said it


# ---------------------------------------------------------------------------
# The page's blocks


def test_each_scheme_shows_its_status_the_day_its_sources_were_read_and_each_source(lang: str) -> None:
    for f in C.funding.values():
        blocks = presenter.scheme(f, content=C, lang=lang, today=DAY)  # type: ignore[arg-type]
        shown = "\n".join(texts(blocks))
        v = f.verification
        assert presenter.status_line(f, content=C, lang=lang) in shown  # type: ignore[arg-type]
        assert cal.format_date(v.checked, lang) in shown  # type: ignore[arg-type]
        assert t(f"funding.status.{v.status}", lang) in shown
        lines = [b for b in walk(blocks) if isinstance(b, SourceLine)]
        for s in v.sources:  # every source, with its address and its own date (or that it has none)
            own = [x.text for x in lines if x.url == s.url]
            if s.dated is not None:
                assert t("funding.source.dated", lang, title=s.title,
                         date=cal.format_date(s.dated, lang)) in own  # type: ignore[arg-type]
            else:
                assert t("funding.source.undated", lang, title=s.title) in own
        if v.not_verified is not None:  # what could not be verified, plainly, in a callout
            calls = [b for b in walk(blocks) if isinstance(b, Callout)]
            assert any(v.not_verified(lang) in "\n".join(texts(c.body)) for c in calls)  # type: ignore[arg-type]
        links = [b for b in walk(blocks) if isinstance(b, Link)]
        assert [x.url for x in links] == ([f.url] if f.url else [])
        for ch in f.changes:
            assert t(f"funding.change.{ch.kind}", lang, date=cal.format_date(ch.date, lang)) in shown  # type: ignore[arg-type]


def test_a_source_of_an_unverified_scheme_is_not_worded_as_verifying_it(lang: str) -> None:
    f = C.funding["grant_nav_social_services"]
    lines = [b.text for b in walk(presenter.scheme(f, content=C, lang=lang, today=DAY))  # type: ignore[arg-type]
             if isinstance(b, SourceLine)]
    first = f.verification.sources[0]
    assert first.dated is not None
    worded = t("funding.source.dated", lang, title=first.title, date=cal.format_date(first.dated, lang))  # type: ignore[arg-type]
    assert t("funding.checked.last_found", lang, source=worded) in lines
    assert not [x for x in lines if x.startswith(t("funding.checked.main", lang, source=""))]


def test_an_unverified_scheme_is_never_worded_as_verified(lang: str) -> None:
    f = C.funding["welfare_bonds"]
    blocks = presenter.scheme(f, content=C, lang=lang, today=DAY)  # type: ignore[arg-type]
    shown = "\n".join(texts(blocks))
    assert t("funding.status.unverified", lang) in shown
    assert t("funding.status.verified", lang) + " ·" not in shown
    assert t("funding.checked.none", lang, date=cal.format_date(DAY, lang)) in shown  # type: ignore[arg-type]
    (warning,) = [b for b in walk(blocks) if isinstance(b, Callout)]
    assert warning.kind == "warning"


def test_the_next_calendar_dates_of_a_scheme_are_on_its_card(lang: str) -> None:
    f = C.funding["grant_social_entrepreneurship"]
    shown = "\n".join(texts(presenter.scheme(f, content=C, lang=lang, today=DAY)))  # type: ignore[arg-type]
    for e in cal.upcoming(f.calendar_events, DAY, lang=lang):  # type: ignore[arg-type]
        assert t("calendar.funding.item", lang, title=e.title, dates=cal.format_span(e, lang)) in shown  # type: ignore[arg-type]


def test_the_overview_lists_every_scheme_shown_with_its_dates(lang: str) -> None:
    schemes = list(C.funding.values())
    blocks = presenter.overview(schemes, content=C, lang=lang)  # type: ignore[arg-type]
    table = blocks[1]
    assert [r[0] for r in table.rows] == [f.title(lang) for f in schemes]  # type: ignore[attr-defined, arg-type]
    for f, row in zip(schemes, table.rows, strict=True):  # type: ignore[attr-defined]
        v = f.verification
        # open now: never claimed; "not known" for a scheme with calls in the calendar
        assert row[2] == t("funding.open.ended" if f.ended else
                           "funding.open.short" if f.schedule else "funding.open.no_calls", lang)
        assert row[3] == (v.sources[0].title if v.sources else t("funding.col.source.none", lang))
        latest = f.verification.latest
        assert row[4] == (cal.format_date(latest, lang) if latest else t("funding.col.latest.none", lang))  # type: ignore[arg-type]
    assert "| " + t("funding.col.scheme", lang) in md.render(blocks)
    assert table.caption == t("funding.overview.read", lang, dates=cal.format_date(DAY, lang))  # type: ignore[attr-defined, arg-type]


@pytest.mark.parametrize(("day", "when"), [
    (dt.date(2026, 9, 1), "before"), (dt.date(2026, 11, 10), "during"), (dt.date(2026, 12, 8), "after")])
def test_whether_the_main_grant_is_open_now_is_said_plainly(lang: str, day: dt.date, when: str) -> None:
    """No source gives this year's call: the card says it is not known, and where the day stands
    against the earliest known deadline (never that the grant is open or closed)."""
    f = C.funding["grant_social_entrepreneurship"]
    blocks = presenter.scheme(f, content=C, lang=lang, today=day)  # type: ignore[arg-type]
    (box,) = [b for b in walk(blocks) if isinstance(b, Callout) and b.title == t("funding.open.title", lang)]
    said = "\n".join(texts(box.body))
    assert t("funding.open.unknown", lang, title=f.title(lang)) in said  # type: ignore[arg-type]
    due = cal.format_date(dt.date(day.year, 11, 19), lang)  # type: ignore[arg-type]
    call = cal.format_date(dt.date(day.year, 10, 1), lang)  # type: ignore[arg-type]
    assert t(f"funding.open.{when}", lang, date=due, call=call) in said


def test_the_next_dates_are_in_date_order(lang: str) -> None:
    """On 25 November the call of this autumn is still under way and the next deadline is next
    year's: this year's comes first."""
    f = C.funding["grant_social_entrepreneurship"]
    shown = "\n".join(texts(presenter.scheme(f, content=C, lang=lang, today=dt.date(2026, 11, 25))))  # type: ignore[arg-type]
    line = next(s for s in shown.splitlines() if s.startswith(t("funding.calendar.next", lang, items="")))
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", line)]
    assert years == sorted(years) and years[0] == 2026
