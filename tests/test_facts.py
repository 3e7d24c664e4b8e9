"""Every fact traceable (guide/facts.py): a dated update cites the page that states it, not a home
page; every source in sources.yaml is cited; ``python -m guide facts`` lists the facts by how long
ago they were verified, oldest first."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from guide import content as content_mod
from guide import facts
from guide.__main__ import main
from tests.support.samples import copy_of_content

C = content_mod.default()
TODAY = dt.date(2026, 12, 7)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def errors_of(root: Path) -> list[str]:
    with pytest.raises(content_mod.ContentError) as err:
        content_mod.load(root)
    return err.value.errors


@pytest.mark.parametrize(
    ("url", "home"),
    [
        ("https://www.ks.no/", True),
        ("https://www.ks.no", True),
        ("http://anskaffelser.no/", True),
        ("https://www.regjeringen.no/sosentoff", False),
        ("https://www.stortinget.no/no/Saker-og-publikasjoner/Saker/Sak/?p=67738", False),
        ("https://www.ks.no/?id=12", False),  # a query names a page
        ("https://tilskudd.dfo.no/ordning/DT-0131", False),
    ],
)
def test_a_bare_home_page_is_one_with_no_path(url: str, home: bool) -> None:
    assert facts.is_home_page(url) is home


def test_the_real_content_passes() -> None:
    assert list(facts.check(C)) == []
    assert facts.check in content_mod.EXTRA_CHECKS  # python -m guide check runs it


def test_every_dated_update_cites_a_page_that_is_not_a_home_page() -> None:
    updates = [c for c in facts.citations(C) if c.update is not None]
    assert len(updates) >= 40  # the cases' and the myths' updates
    for c in updates:
        assert c.url is not None and not facts.is_home_page(c.url), (c.path, c.url)
    assert {c.file for c in updates} >= {"content/cases.yaml", "content/myths.yaml"}


def test_a_dated_update_citing_a_home_page_fails(tmp_path: Path) -> None:
    root = copy_of_content(tmp_path)
    # dfo_anskaffelser's address is anskaffelser.no's home page
    edit(root / "cases.yaml", "source: {ref: kmd_lardal_larvik_2016}", "source: {ref: dfo_anskaffelser}")
    errors = errors_of(root)
    assert (
        "content/cases.yaml: cases.larvik_kommune.updates.0.source: a dated update must cite the page "
        "that states it, not a home page (https://anskaffelser.no/)"
    ) in errors
    # the source it cited before is now cited by nothing: that is reported too
    assert "content/sources.yaml: sources.kmd_lardal_larvik_2016: nothing cites it; cite it where its " \
        "fact is stated, or remove it" in errors


def test_an_update_whose_own_address_is_a_home_page_fails(tmp_path: Path) -> None:
    root = copy_of_content(tmp_path)
    edit(root / "cases.yaml", "source: {ref: kmd_lardal_larvik_2016}",
         "source: {ref: kmd_lardal_larvik_2016, url: 'https://www.ks.no/'}")
    (line,) = [e for e in errors_of(root) if "larvik_kommune" in e]
    assert line.startswith("content/cases.yaml: cases.larvik_kommune.updates.0.source: ")
    assert line.endswith("not a home page (https://www.ks.no/)")


def test_a_source_nothing_cites_fails(tmp_path: Path) -> None:
    root = copy_of_content(tmp_path)
    with (root / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "  - id: unused_page\n"
            "    title: A page nothing cites\n"
            "    publisher: Someone\n"
            "    url: https://example.org/a/page\n"
            "    kind: web\n"
        )
    assert errors_of(root) == [
        "content/sources.yaml: sources.unused_page: nothing cites it; cite it where its fact is "
        "stated, or remove it"
    ]


def test_every_source_is_cited_by_the_real_content() -> None:
    cited = {c.ref for c in facts.citations(C)}
    assert set(C.sources) <= cited, sorted(set(C.sources) - cited)


def test_every_citation_made_in_code_is_registered() -> None:
    """A ``Source(ref=...)`` in guide/ counts as a citation only if its module is registered."""
    registered = {module for module, _ in facts.CODE_CITATIONS}
    found = set()
    for path in (content_mod.ROOT / "guide").rglob("*.py"):
        if re.search(r"Source\(ref=", path.read_text(encoding="utf-8")):
            rel = path.relative_to(content_mod.ROOT).with_suffix("")
            found.add(".".join(rel.parts))
    assert found == registered
    for _, source in facts.code_citations():
        assert source.ref in C.sources


def test_the_listing_is_ordered_oldest_first() -> None:
    every = facts.citations(C)
    ordered = facts.ordered(every)
    keys = [c.as_of for c in ordered if c.as_of is not None]
    assert keys == sorted(keys)
    assert [c for c in ordered if c.as_of is None] == ordered[: len(ordered) - len(keys)]

    lines = facts.report(C, TODAY)
    assert "today 2026-12-07" in lines[0]
    bands = [label for label, _ in facts.BANDS]
    headers = [i for i, line in enumerate(lines) if any(line.startswith(b + ":") for b in bands)]
    labels = [lines[i].split(":")[0] for i in headers]
    assert labels == [b for b in bands if b in labels]  # oldest band first
    end = next(i for i, line in enumerate(lines) if line.startswith("Updates marked"))
    rows = [line for line in lines[headers[0]:end] if line.startswith("  ")]
    dates = [dt.date.fromisoformat(line.split()[0]) for line in rows]
    assert dates == sorted(dates)
    assert len(rows) == len([c for c in every if c.as_of is not None and not c.booklet])
    for line, day in zip(rows, dates, strict=True):  # each row says how long ago, in days and years
        days = (TODAY - day).days
        assert f"{days} days ({days / 365.25:.1f} years)" in line
    # the oldest is in the oldest band, and every row names its file and path
    oldest = rows[0]
    assert facts.band(dates[0], TODAY) == lines[headers[0]].split(":")[0]
    assert re.search(r"  content/\S+\.yaml: \S+", oldest) or "guide/" in oldest


def test_the_listing_names_the_checks_and_the_booklet() -> None:
    text = "\n".join(facts.report(C, TODAY))
    booklet = sum(c.booklet for c in facts.citations(C))
    assert f"The booklet (February 2017): {booklet} citations" in text
    assert "cases.husbanken_bolig_for_velferd.updates.0.source" in text  # a 'check' citing the booklet


def test_ages_and_bands() -> None:
    assert facts.age(dt.date(2025, 12, 7), TODAY) == "365 days (1.0 years)"
    assert facts.band(dt.date(2017, 2, 1), TODAY) == "Verified more than 5 years ago"
    assert facts.band(dt.date(2024, 1, 1), TODAY) == "Verified 1 to 5 years ago"
    assert facts.band(TODAY, TODAY) == "Verified within the last year"


def test_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "--today", "2026-12-07"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == facts.report(C, TODAY)
    assert main(["facts", "--today", "7 December"]) == 2
    assert main(["facts", "a", "b"]) == 2
    assert main([]) == 2
    assert main(["check"]) == 0  # unchanged
    assert capsys.readouterr().out.startswith("OK ")
