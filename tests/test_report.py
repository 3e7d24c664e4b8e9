"""The report (guide/report.py): what each guide contributes, in every language, as Markdown, PDF and
Word, and that the screen, the Markdown, the PDF and the Word file say the same."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pikepdf
import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as WordParagraph
from pdfua import validate
from pypdf import PdfReader

from guide import content as content_mod
from guide import formats, procurement, report
from guide import questionnaires as Q
from guide.documents.blocks import headings, texts
from guide.documents.escape import md_escape
from guide.model import LANGS
from guide.procurement import presenter as proc_presenter
from guide.questionnaires import presenter as qn_presenter
from guide.state import Answers
from tests.support.apptest import ROOT
from tests.support.samples import full
from tests.support.words import ui

C = content_mod.default()
DAY = dt.date(2026, 5, 4)
LETTERS = "æøåÆØÅ«»–"
NAME = "Ærlige Østlendinger på Åsen"
AMOUNT = re.compile(r"(?:NOK\s)?\d{1,3}(?:[\s,]\d{3})+(?:\skr)?")




def only(**parts: object) -> Answers:
    return Answers.model_validate(parts)


def pdf_pages(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(s: str) -> str:
    """Text with every kind of space made one plain space (for comparing extracted text)."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", s)


def plain(md: str) -> str:
    """Markdown with its escapes removed, for comparing with texts."""
    return re.sub(r"\\(.)", r"\1", md)


@pytest.fixture(scope="module")
def named() -> Answers:
    a = full()
    outcomes = list(a.sroi.outcomes)
    outcomes[0] = outcomes[0].model_copy(update={"name": NAME})
    return a.model_copy(update={"sroi": a.sroi.model_copy(update={"outcomes": outcomes})})


@pytest.fixture(scope="module")
def full_pdf(named: Answers) -> bytes:
    return report.pdf(named, "nb", today=DAY, link="https://example.org/?lang=nb&v=2")


# ---------------------------------------------------------------------------
# PDF


def test_the_pdf_is_tagged_pdf_ua_in_the_reports_language(full_pdf: bytes) -> None:
    path = ROOT / "tests" / "screenshots" / "report-nb.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(full_pdf)
    result = validate(str(path))
    assert result.exit_code == 0, [(f.rule_id, f.message) for f in result.findings]
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang).startswith("nb")
        assert "/StructTreeRoot" in pdf.Root and bool(pdf.Root.MarkInfo.Marked)
        assert str(pdf.docinfo.get("/Title")) == ui("report.title", "nb")


def test_the_pdf_text_has_the_title_page_letters_and_every_amount_whole(
    named: Answers, full_pdf: bytes
) -> None:
    text = pdf_pages(full_pdf)
    for ch in LETTERS:
        assert ch in text, ch
    assert NAME in flat(text)  # typed by the user: Æ Ø Å
    assert ui("report.title", "nb") in text and "Laget 4. mai 2026" in text
    assert "https://example.org/?lang=nb&v=2" in flat(text).replace(" ", "")
    md = report.markdown(named, "nb", today=DAY)
    amounts = {flat(a) for a in AMOUNT.findall(plain(md)) if len(a) > 6}
    assert amounts
    whole = flat(text)
    missing = [a for a in amounts if a not in whole]
    assert not missing, missing
    assert len(PdfReader(io.BytesIO(full_pdf)).pages) > 5


def test_the_pdf_in_english() -> None:
    text = pdf_pages(report.pdf(full(), "en", today=DAY))
    assert "Paths to cooperation – report" in text and "Made on 4 May 2026" in text
    assert Q.get("readiness").title("en") in text


def test_the_report_in_nynorsk_in_every_format() -> None:
    data = report.pdf(full(), "nn", today=DAY)
    text = flat(pdf_pages(data))
    assert ui("report.title", "nn") in text and "Laga 4. mai 2026" in text
    assert str(PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"]) == "nn-NO"
    md = report.markdown(full(), "nn", today=DAY)
    assert ui("report.answers", "nn") in md and ui("report.answers", "nb") not in md
    word = docx.Document(io.BytesIO(report.docx(full(), "nn", today=DAY)))
    assert word.core_properties.language == "nn-NO"
    assert ui("report.title", "nn") in "\n".join(p.text for p in word.paragraphs)


def test_an_empty_report_says_so_in_every_format() -> None:
    for lang in LANGS:
        md = plain(report.markdown(Answers(), lang, today=DAY))
        assert ui("report.empty", lang) in md
        assert ui("report.dated", lang, date=formats.date(DAY, lang)) in md
        assert ui("report.empty", lang) in flat(pdf_pages(report.pdf(Answers(), lang, today=DAY)))


# ---------------------------------------------------------------------------
# Markdown: each guide


@pytest.mark.parametrize("lang", LANGS)
def test_readiness_answers_profile_and_action_plan(lang: str) -> None:
    qa = full().questionnaires["readiness"]
    md = plain(report.markdown(only(questionnaires={"readiness": qa.model_dump()}), lang, today=DAY))
    qn = Q.get("readiness")
    result = Q.evaluate("readiness", qa.answers)
    assert f"## {qn.title(lang)}" in md and f"### {ui('report.answers', lang)}" in md
    for q in Q.visible(qn, qa.answers):
        assert f"- {q.short(lang)}: {Q.answer_text(q, qa.answers[q.id], C, lang)}" in md  # type: ignore[arg-type]
    for d in qn.dimensions:  # the profile figure as a table
        assert f"| {d.label(lang)} | {ui('report.score', lang, score=result.profile[d.id])} |" in md
    first = Q.plan("readiness", result)[0]
    step = Q.items(qn)[first.steps[0].item_id]
    assert step.steps[0](lang) in md and first.steps[0].reasons[0].text(lang) in md


@pytest.mark.parametrize("lang", LANGS)
def test_cooperation_forms_with_the_procurement_consequence_from_the_route(lang: str) -> None:
    qa = full().questionnaires["form_matcher"]
    md = plain(report.markdown(only(questionnaires={"form_matcher": qa.model_dump()}), lang, today=DAY))
    for rec in Q.evaluate("form_matcher", qa.answers).top()[:3]:
        assert C.forms[rec.item_id].title(lang) in md
    inp = Q.procurement_input("form_matcher", qa.answers)
    assert inp is not None
    route = Q.procurement_route(inp, on=DAY)
    assert ui("q.proc.route", lang, title=C.procurement_rules[route.rules].title(lang)) in md


@pytest.mark.parametrize("lang", LANGS)
def test_the_procurement_route_with_its_answer_thresholds_and_sources(lang: str) -> None:
    p = full().procurement
    md = plain(report.markdown(only(procurement=p.model_dump()), lang, today=DAY))
    r = procurement.route(procurement.parse_value(p.value), buyer=p.buyer, category=p.category, on=p.on)
    assert f"## {ui('report.proc.title', lang)}" in md
    assert C.procurement_rules[r.rules].title(lang) in md
    value = formats.nok(procurement.parse_value(p.value), lang)  # as the language writes amounts
    assert flat(ui("report.proc.value", lang, value=value)) in flat(md)  # its numbers kept whole
    for th in r.thresholds:
        assert f"| {formats.nok(th.value, lang)} | {formats.date(th.valid_from, lang)} |" in md  # type: ignore[arg-type]
    assert "<https://lovdata.no/" in md
    bad = plain(report.markdown(only(procurement={"value": "mange penger"}), lang, today=DAY))
    assert flat(ui("proc.error.value_nok.not_a_number", lang, value="mange penger")) in flat(bad)


@pytest.mark.parametrize("lang", LANGS)
def test_the_calendar_and_the_sroi_sections(lang: str) -> None:
    a = full()
    md = plain(
        report.markdown(only(calendar=a.calendar.model_dump(), sroi=a.sroi.model_dump()), lang, today=DAY)
    )
    assert f"## {ui('report.cal.title', lang)}" in md and f"## {ui('report.sroi.title', lang)}" in md
    for o in a.sroi.outcomes:
        assert o.name in md


def test_the_report_follows_the_language() -> None:
    a = full()
    nb, en = report.markdown(a, "nb", today=DAY), report.markdown(a, "en", today=DAY)
    assert ui("report.title", "nb") in nb and ui("report.title", "en") not in nb
    assert ui("report.title", "en") in en and "Svarene dine" not in en
    assert report.markdown(a, "nb", today=DAY, level=2).startswith("## ")


def test_text_the_user_typed_is_never_read_as_markup() -> None:
    evil = "<script>alert(1)</script> **x** [y](javascript:z) $a$ | ~ #set text(red)"
    a = only(sroi={"outcomes": [{"name": evil}]}, procurement={"value": "1. [x](y)"})
    md = report.markdown(a, "en", today=DAY)
    assert not re.search(r"(?<!\\)<script>", md)
    assert "[y](javascript" not in md and "**x**" not in md and "$a$" not in md
    assert md_escape(evil, line_start=False) in md
    assert evil in flat(pdf_pages(report.pdf(a, "en", today=DAY)))


def test_md_escape_stops_lists_headings_and_quotes_at_the_start_of_a_line() -> None:
    for text in ("1. one", "- dash", "+ plus", "# hash", "> quote", "= eq"):
        escaped = md_escape(text)
        assert escaped != text and plain(escaped) == text
    assert md_escape("a & b (c)") == "a & b (c)"  # nothing needless
    assert md_escape("&amp;") == "\\&amp;"


# ---------------------------------------------------------------------------
# Screen and paper agree by construction


def _md_headings(md: str) -> list[str]:
    return [plain(m.group(2)) for m in re.finditer(r"^(#{1,6}) (.+)$", md, re.M)]


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_pdf_and_word_carry_the_same_headings_and_figures(named: Answers, lang: str) -> None:
    doc = report.document(named, lang, today=DAY)  # type: ignore[arg-type]
    md = report.markdown(named, lang, today=DAY)  # type: ignore[arg-type]
    want = [doc.title, *(text for _, text in headings(doc.blocks))]
    assert _md_headings(md) == want
    word = WordDocument(io.BytesIO(report.docx(named, lang, today=DAY)))  # type: ignore[arg-type]
    every = [WordParagraph(p, word.part) for p in word.element.body.iter(qn("w:p"))]  # in tables too
    got = [p.text for p in every if p.style is not None and p.style.name.startswith(("Title", "Heading"))]
    assert got == want
    pdf = flat(pdf_pages(report.pdf(named, lang, today=DAY)))  # type: ignore[arg-type]
    for text in want:
        assert flat(text) in pdf, text
    for amount in {flat(a) for t in texts(doc.blocks) for a in AMOUNT.findall(t) if len(a) > 6}:
        assert amount in pdf, amount


@pytest.mark.parametrize("lang", LANGS)
def test_the_screen_draws_the_same_headings_as_the_report(lang: str) -> None:
    from streamlit.testing.v1 import AppTest

    a = full()
    at = AppTest.from_file(str(ROOT / "shell.py"), default_timeout=60)
    at.query_params.update({**a.model_copy(update={"lang": lang}).to_query()})
    at.run()
    for page, section in (("views/procurement.py", "procurement"), ("views/readiness.py", "readiness")):
        at.switch_page(page)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        screen = [plain(h) for m in at.markdown for h in re.findall(r"^#{2,6} (.+)$", m.value, re.M)]
        if section == "procurement":
            blocks = proc_presenter.route(a.procurement, content=C, lang=lang, today=dt.date.today())  # type: ignore[arg-type]
        else:
            given = dict(a.questionnaires["readiness"].answers)
            blocks = qn_presenter.result("readiness", given, content=C, lang=lang, today=dt.date.today())  # type: ignore[arg-type]
        wanted = [t for _, t in headings(blocks)]
        assert [h for h in screen if h in wanted] == wanted
