"""The case file (guide/): the estimated-value helper (FOA § 5-4), the procurement protocol of a
Part I purchase as Word and tagged PDF, and the report made for a case file (amounts the
language's way, A4, the purchase's name and case number, no screen instruction, no lone
disclaimer page, addresses that survive a copy)."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pytest
from pdfua import validate
from pypdf import PdfReader

from guide import content as content_mod
from guide import formats, report
from guide.answers.model import EstimateInputs
from guide.documents import markdown as md
from guide.documents.blocks import Callout, Link, SourceLine, Table, texts, walk
from guide.documents.escape import NO_LINK, md_url
from guide.procurement import estimate, protocol
from guide.state import Answers
from guide.ui.blocks import _text_of
from tests.support.apptest import ROOT
from tests.support.journeys import pdf_text
from tests.support.samples import full
from tests.support.words import ui

C = content_mod.default()
DAY = dt.date(2026, 12, 8)
NAME = "Arbeidstrening for unge – pilot"
NUMBER = "2026/1234"


def flat(s: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", s)


def part_one(**estimate_: float) -> Answers:
    return Answers.model_validate({
        "procurement": {"value": "900 000", "buyer": "municipal", "category": "goods_services",
                        "estimate": estimate_},
        "case": {"name": NAME, "number": NUMBER}})


# ---------------------------------------------------------------------------
# The estimate


def test_the_estimate_counts_the_whole_period_with_extensions_and_options() -> None:
    est = estimate.compute(EstimateInputs(per_year=250_000, years=2, extension_years=2, other=50_000), C)
    assert isinstance(est, estimate.Estimate)
    assert (est.base, est.extensions, est.total) == (500_000, 500_000, 1_050_000)
    half = estimate.compute(EstimateInputs(per_year=400_000, years=1.5), C)
    assert isinstance(half, estimate.Estimate) and half.total == 600_000  # 18 months


def test_the_estimate_waits_for_the_value_per_year_and_the_period() -> None:
    assert estimate.compute(EstimateInputs(), C) is None
    assert estimate.compute(EstimateInputs(per_year=100_000), C) is None
    assert estimate.compute(EstimateInputs(years=3), C) is None


@pytest.mark.parametrize(("given", "field"), [
    ({"per_year": 100_000, "years": 51}, "years"),
    ({"per_year": 100_000, "years": 1, "extension_years": -1}, "extension_years"),
    ({"per_year": -5, "years": 1}, "per_year"),
    ({"per_year": 90_000_000_000, "years": 2}, "total"),
])
def test_an_estimate_input_outside_its_range_is_named(given: dict[str, float], field: str) -> None:
    if field != "total":  # the answers refuse it, with the page's message by the field
        with pytest.raises(ValueError, match=field):
            EstimateInputs(**given)
    r = estimate.compute(EstimateInputs.model_construct(**given), C)  # the helper too, if bypassed
    assert isinstance(r, estimate.EstimateError) and r.field == field


def test_the_estimate_says_the_rule_the_split_ban_and_its_source(lang: str) -> None:
    blocks = estimate.blocks(EstimateInputs(per_year=300_000, years=2, extension_years=1), content=C,
                             lang=lang)
    shown = "\n".join(texts(blocks))
    assert ui("estimate.value.result", lang, value=formats.nok(900_000, lang)) in shown
    assert ui("estimate.value.rule", lang) in shown and ui("estimate.value.split", lang) in shown
    assert ui("estimate.value.limits", lang) in shown  # what the helper does not cover
    (table,) = [b for b in blocks if isinstance(b, Table)]
    assert table.rows[-1][-1] == formats.nok(900_000, lang)
    assert [b for b in blocks if isinstance(b, SourceLine) and "§ 5-4" in b.text]
    assert estimate.value_text(estimate.Estimate(300_000, 2, 1), lang) == formats.number(900_000, lang)


def test_the_estimate_inputs_travel_in_the_link_and_the_file() -> None:
    a = part_one(per_year=300_000, years=2, extension_years=1)
    again = Answers.from_query(a.to_query())
    assert again.procurement.estimate == a.procurement.estimate and again.case == a.case
    assert Answers.from_json(a.to_json()).case.number == NUMBER


# ---------------------------------------------------------------------------
# The protocol


@pytest.mark.parametrize(("value", "category", "applies"), [
    ("900 000", "goods_services", True),  # Part I only
    ("2 000 000", "health_social", True),  # the act and Part I (health and social services)
    ("1 500 000", "goods_services", False),  # Part II
    ("100 000", "goods_services", False),  # below the act's lower limit
])
def test_the_protocol_is_for_part_one_purchases_only(value: str, category: str, applies: bool) -> None:
    a = Answers.model_validate({"procurement": {"value": value, "category": category}})
    assert (protocol.document(a, "nb", today=DAY, content=C) is not None) is applies


def test_the_protocol_is_filled_in_from_the_answers(lang: str) -> None:
    a = part_one(per_year=300_000, years=2, extension_years=1)
    doc = protocol.document(a, lang, today=DAY, content=C)  # type: ignore[arg-type]
    assert doc is not None and doc.title == ui("protocol.title", lang) and doc.compact
    assert doc.case == ((ui("report.case.name", lang), NAME), (ui("report.case.number", lang), NUMBER))
    first = next(b for b in doc.blocks if isinstance(b, Table))
    filled = dict(first.rows)
    assert filled[ui("protocol.field.name", lang)] == NAME
    assert filled[ui("protocol.field.number", lang)] == NUMBER
    assert filled[ui("protocol.field.value", lang)] == formats.nok(900_000, lang)
    assert filled[ui("protocol.field.buyer", lang)] == ui("proc.buyer.municipal", lang)
    assert formats.nok(600_000, lang) in filled[ui("protocol.field.estimate", lang)]  # how it was estimated
    to_fill = [b for b in doc.blocks if isinstance(b, Table)][1]
    assert [r[0] for r in to_fill.rows] == [ui(f"protocol.field.{k}", lang) for k in protocol.TO_FILL]
    assert all(t.form for t in doc.blocks if isinstance(t, Table))
    shown = "\n".join(texts(doc.blocks))
    assert C.procurement_rules["part1"].title(lang) in shown  # the rules, from the checker's presenter
    about = next(b for b in walk(doc.blocks)
                 if isinstance(b, Callout) and b.title == ui("protocol.about.title", lang))
    assert "§ 7-1" in "\n".join(texts(about.body))  # and says its fields are the guide's suggestion
    assert [b for b in walk(about.body) if isinstance(b, SourceLine) and b.url and "regjeringen.no" in b.url]


def test_the_protocol_without_a_case_name_leaves_the_fields_to_fill_in() -> None:
    a = Answers.model_validate({"procurement": {"value": "900 000"}})
    doc = protocol.document(a, "nb", today=DAY, content=C)
    assert doc is not None and doc.case == ()
    filled = dict(next(b for b in doc.blocks if isinstance(b, Table)).rows)
    assert filled[ui("protocol.field.name", "nb")] == protocol.BLANK


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_protocol_as_tagged_pdf_and_as_word_on_a4(lang: str) -> None:
    a = part_one(per_year=300_000, years=2, extension_years=1)
    data = report.protocol_pdf(a, lang, today=DAY, link="https://example.org/?lang=nb&v=2")  # type: ignore[arg-type]
    assert data is not None
    path = ROOT / "tests" / "screenshots" / f"protocol-{lang}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    result = validate(str(path))
    assert result.exit_code == 0, [(f.rule_id, f.message) for f in result.findings]
    text = flat(pdf_text(data))
    assert ui("protocol.title", lang) in text and NAME in text and NUMBER in text
    assert formats.nok(900_000, lang).replace("\u00a0", " ") in text
    word = docx.Document(io.BytesIO(report.protocol_docx(a, lang, today=DAY) or b""))  # type: ignore[arg-type]
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    assert NAME in cells and NUMBER in cells and ui("protocol.field.signature", lang) in cells


# ---------------------------------------------------------------------------
# The report made for a case file


def test_the_report_writes_the_value_the_languages_way_in_every_format(lang: str) -> None:
    a = Answers.model_validate({"procurement": {"value": "8000000", "category": "goods_services"}})
    want = ui("report.proc.value", lang, value=formats.nok(8_000_000, lang))
    assert flat(want) in flat(report.markdown(a, lang, today=DAY))  # type: ignore[arg-type]
    assert "8000000" not in report.markdown(a, lang, today=DAY)  # type: ignore[arg-type]
    assert flat(want) in flat(pdf_text(report.pdf(a, lang, today=DAY)))  # type: ignore[arg-type]
    word = docx.Document(io.BytesIO(report.docx(a, lang, today=DAY)))  # type: ignore[arg-type]
    assert flat(want) in flat("\n".join(p.text for p in word.paragraphs))


def test_a_value_that_is_not_an_amount_is_shown_as_typed() -> None:
    a = Answers.model_validate({"procurement": {"value": "mange penger"}})
    assert "«mange penger»" in report.markdown(a, "nb", today=DAY)


def test_the_report_in_word_is_a4_with_the_pdfs_margins() -> None:
    word = docx.Document(io.BytesIO(report.docx(full(), "nb", today=DAY)))
    for s in word.sections:
        assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
        assert round(s.left_margin.cm, 1) == 2.4 and round(s.bottom_margin.cm, 1) == 2.6


def test_the_report_carries_no_screen_instruction(lang: str) -> None:
    a = full()
    text = report.markdown(a, lang, today=DAY)  # type: ignore[arg-type]
    assert flat(ui("proc.choose.lead", lang)) not in flat(text)
    assert flat(ui("proc.choose.lead_paper", lang)) in flat(text)


def test_the_case_file_and_the_disclaimer_are_on_the_title_page(lang: str) -> None:
    a = Answers.model_validate({**full().model_dump(), "case": {"name": NAME, "number": NUMBER}})
    data = report.pdf(a, lang, today=DAY)  # type: ignore[arg-type]
    pages = [flat(p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]
    disclaimer = flat(ui("report.disclaimer", lang))
    assert NAME in pages[0] and NUMBER in pages[0] and disclaimer in pages[0]
    assert all(disclaimer not in p for p in pages[1:])
    last = pages[-1].replace(flat(ui("report.page", lang, n=len(pages), total=len(pages))), "").strip()
    assert len(last) > 200  # the last page holds more than a line
    md_text = report.markdown(a, lang, today=DAY)  # type: ignore[arg-type]
    head = md_text.split("\n## ", 1)[0]
    assert NAME in head and NUMBER in head and flat(ui("report.disclaimer", lang)) in flat(head)
    word = docx.Document(io.BytesIO(report.docx(a, lang, today=DAY)))  # type: ignore[arg-type]
    paras = [p.text for p in word.paragraphs]
    first_heading = next(i for i, p in enumerate(word.paragraphs) if p.style.name.startswith("Heading"))
    assert any(NUMBER in p for p in paras[:first_heading])
    assert ui("report.disclaimer", lang) in paras[:first_heading]


def test_an_address_shown_as_a_link_has_no_hidden_joiner() -> None:
    url = "https://lovdata.no/dokument/SF/forskrift/2016-08-12-974"
    assert md_url(url) == url and NO_LINK not in md_url("https://www.example.org/a_b")
    assert md_url("https://x.org/a_b*c") == "https://x.org/a\\_b\\*c"  # still literal Markdown
    kind, shown = _text_of(SourceLine("Kilde: Lovdata", url))  # type: ignore[misc]
    assert kind == "caption" and f"[{url}]({url})" in shown and NO_LINK not in shown
    assert md.render([Link(url, url)]).strip() == f"[{url}]({url})"


def test_no_ui_file_gives_a_key_twice() -> None:
    """YAML keeps the last of two equal keys without a word: a UI file must not repeat one."""
    for path in sorted((ROOT / "content" / "ui").glob("*.yaml")):
        keys = [line.split(":", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()
                if line and not line.startswith((" ", "#", "-"))]
        assert len(keys) == len(set(keys)), (path.name, sorted({k for k in keys if keys.count(k) > 1}))


def test_the_report_shows_how_the_value_was_estimated(lang: str) -> None:
    a = part_one(per_year=300_000, years=2, extension_years=1)
    text = flat(report.markdown(a, lang, today=DAY))  # type: ignore[arg-type]
    assert flat(ui("estimate.value.heading", lang)) in text
    assert flat(ui("estimate.value.result", lang, value=formats.nok(900_000, lang))) in text
    plain = Answers.model_validate({"procurement": {"value": "900 000"}})
    assert flat(ui("estimate.value.heading", lang)) not in flat(report.markdown(plain, lang, today=DAY))  # type: ignore[arg-type]
