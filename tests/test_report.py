"""The report (guide/report.py): what each guide contributes, in both languages, as Markdown and PDF."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from guide import calendar as cal
from guide import content as content_mod
from guide import impact, procurement, report
from guide import questionnaires as Q
from guide.state import Answers
from tests.test_state import full

C = content_mod.default()
DAY = dt.date(2026, 5, 4)
LETTERS = "æøåÆØÅ«»–"
NAME = "Ærlige Østlendinger på Åsen"


def ui(key: str, lang: str, **fmt: object) -> str:
    return C.t(key, lang, **fmt)  # type: ignore[arg-type]


def only(**parts: object) -> Answers:
    return Answers.model_validate(parts)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def plain(md: str) -> str:
    """Markdown with its escapes removed, for comparing with texts."""
    return re.sub(r"\\(.)", r"\1", md)


# ---------------------------------------------------------------------------
# PDF


@pytest.fixture(scope="module")
def full_pdf() -> bytes:
    a = full()
    outcomes = list(a.sroi.outcomes)
    outcomes[0] = outcomes[0].model_copy(update={"name": NAME})
    a = a.model_copy(update={"sroi": a.sroi.model_copy(update={"outcomes": outcomes})})
    return report.pdf(a, "nb", today=DAY)


def test_the_pdf_text_has_the_norwegian_letters_exactly(full_pdf: bytes) -> None:
    assert full_pdf.startswith(b"%PDF-")
    text = pdf_text(full_pdf)
    for ch in LETTERS:
        assert ch in text, ch
    assert NAME in text  # typed by the user: Æ Ø Å
    assert "«Veier til samarbeid»" in text  # « » from the content
    assert "Veier til samarbeid – rapport" in text  # the en dash
    assert "Laget 4. mai 2026" in text  # dated


def test_the_pdf_embeds_the_dejavu_font_with_unicode_mapping(full_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(full_pdf))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = [str(fonts[f].get_object()["/BaseFont"]) for f in fonts]
    assert names and all("DejaVuSans" in n for n in names), names
    assert all("/ToUnicode" in fonts[f].get_object() for f in fonts)
    assert len(reader.pages) > 5
    assert "Side 1 av" in reader.pages[0].extract_text()
    assert reader.metadata is not None and reader.metadata.title == "Veier til samarbeid – rapport"


def test_the_pdf_in_english() -> None:
    text = pdf_text(report.pdf(full().model_copy(update={"lang": "en"}), "en", today=DAY))
    assert "Paths to cooperation – report" in text and "Made on 4 May 2026" in text
    assert "Page 1 of" in text
    assert Q.get("readiness").title("en") in text


def test_an_empty_report_says_so_in_both_formats() -> None:
    for lang in ("nb", "en"):
        md = plain(report.markdown(Answers(), lang, today=DAY))
        assert ui("report.empty", lang) in md
        assert ui("report.dated", lang, date=cal.format_date(DAY, lang)) in md  # type: ignore[arg-type]
        assert ui("report.empty", lang) in pdf_text(report.pdf(Answers(), lang, today=DAY)).replace("\n", " ")


# ---------------------------------------------------------------------------
# Markdown: each guide


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_readiness_profile_and_action_plan(lang: str) -> None:
    a = full()
    qa = a.questionnaires["readiness"]
    md = plain(report.markdown(only(questionnaires={"readiness": qa.model_dump()}), lang, today=DAY))
    qn = Q.get("readiness")
    result = Q.evaluate("readiness", qa.answers)
    assert f"## {qn.title(lang)}" in md
    assert f"### {ui('report.answers', lang)}" in md
    for q in Q.visible(qn, qa.answers):
        assert f"- {q.short(lang)}: {Q.answer_text(q, qa.answers[q.id], C, lang)}" in md  # type: ignore[arg-type]
    # the profile as a table, every dimension
    assert f"| {ui('report.col.area', lang)} | {ui('report.col.score', lang)} |" in md
    for d in qn.dimensions:
        assert f"| {d.label(lang)} | {ui('report.score', lang, score=result.profile[d.id])} |" in md
    # the action plan, weakest dimension first, with the steps and why
    assert f"### {ui('q.plan.title', lang)}" in md
    groups = Q.plan("readiness", result)
    first = groups[0]
    dim = next(d for d in qn.dimensions if d.id == first.dimension)
    assert f"#### {ui('q.plan.area', lang, label=dim.label(lang), score=first.score)}" in md
    step = Q.items(qn)[first.steps[0].item_id]
    assert f"**{ui('report.step', lang, title='1. ' + step.title(lang), when=step.when(lang))}**" in md
    assert step.steps[0](lang) in md
    reason = first.steps[0].reasons[0]
    assert reason.text(lang) in md


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_first_steps_with_reasons_examples_and_sources(lang: str) -> None:
    qa = full().questionnaires["getting_started"]
    md = plain(report.markdown(only(questionnaires={"getting_started": qa.model_dump()}), lang, today=DAY))
    result = Q.evaluate("getting_started", qa.answers)
    top = result.top()[0]
    measure = C.measures[top.item_id]
    rank = ui("report.rank", lang, n=1, title=measure.title(lang), score=Q.fmt_number(top.score, lang))
    assert f"#### {rank}" in md
    assert measure.how[0](lang) in md
    for r in top.reasons:
        assert r.text(lang) in md
    cases = [c for c in C.cases.values() if measure.id in c.measures]
    assert cases and ui("report.example", lang, name=cases[0].name, place=cases[0].place(lang)) in md
    assert "<https://www.regjeringen.no/sosentoff>" in md
    excluded = result.excluded[0]
    assert f"**{C.measures[excluded.item_id].title(lang)}**" in md


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_cooperation_forms_with_the_procurement_consequence(lang: str) -> None:
    qa = full().questionnaires["form_matcher"]
    md = plain(report.markdown(only(questionnaires={"form_matcher": qa.model_dump()}), lang, today=DAY))
    result = Q.evaluate("form_matcher", qa.answers)
    for n, rec in enumerate(result.top()[:3], 1):
        form = C.forms[rec.item_id]
        assert ui("report.rank", lang, n=n, title=form.title(lang), score=Q.fmt_number(rec.score, lang)) in md
        assert form.procurement_note(lang) in md
        if form.next_steps:
            assert form.next_steps[0](lang) in md
    inp = Q.procurement_input("form_matcher", qa.answers)
    assert inp is not None
    route = Q.procurement_route(inp, on=DAY)
    assert f"### {ui('q.proc.title', lang)}" in md
    assert ui("report.proc.rules", lang, title=C.procurement_rules[route.rules].title(lang)) in md
    assert ui("q.proc.value", lang, total=report.nok(inp.value_nok, lang),
              yearly=report.nok(inp.yearly_nok, lang), months=Q.fmt_number(inp.months, lang)) in md


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_impact_method_ranking(lang: str) -> None:
    qa = full().questionnaires["impact_method"]
    md = plain(report.markdown(only(questionnaires={"impact_method": qa.model_dump()}), lang, today=DAY))
    top = Q.evaluate("impact_method", qa.answers).top()[0]
    assert C.impact_methods[top.item_id].title(lang) in md


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_procurement_route_with_thresholds_and_sources(lang: str) -> None:
    p = full().procurement
    md = plain(report.markdown(only(procurement=p.model_dump()), lang, today=DAY))
    r = procurement.route(procurement.parse_value(p.value), buyer=p.buyer, category=p.category, on=p.on)
    assert f"## {ui('report.proc.title', lang)}" in md
    assert f"### {ui('report.proc.rules', lang, title=C.procurement_rules[r.rules].title(lang))}" in md
    assert ui("report.proc.value", lang, value=p.value) in md
    for th in r.thresholds:
        assert f"| {report.nok(th.value, lang)} | {th.valid_from.isoformat()} |" in md  # type: ignore[union-attr]
    assert "<https://anskaffelser.no/>" in md and "<https://lovdata.no/" in md
    bad = plain(report.markdown(only(procurement={"value": "mange penger"}), lang, today=DAY))
    assert ui("report.proc.bad_value", lang, value="mange penger") in bad


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_calendar_items_ahead_and_the_plan(lang: str) -> None:
    ci = full().calendar
    md = plain(report.markdown(only(calendar=ci.model_dump()), lang, today=DAY))
    assert f"## {ui('report.cal.title', lang)}" in md
    end = cal.add_months(DAY, 12) - dt.timedelta(days=1)
    start, stop = cal.format_date(DAY, lang), cal.format_date(end, lang)  # type: ignore[arg-type]
    assert ui("report.cal.ahead", lang, start=start, end=stop) in md
    ahead = [e for y in (2026, 2027) for e in cal.events(y, role=ci.role, lang=lang)  # type: ignore[arg-type]
             if e.end >= DAY and e.start <= end]
    assert ahead
    for e in ahead:
        assert f"| {cal.format_span(e, lang)} | {e.title} |" in md  # type: ignore[arg-type]
    assert not any(e.end < DAY for y in (2026,) for e in cal.events(y, lang=lang)  # type: ignore[arg-type]
                   if f"| {cal.format_span(e, lang)} | {e.title} |" in md)  # type: ignore[arg-type]
    steps = cal.plan(DAY, seeks=ci.seeks, role=ci.role, expiry=cal.add_months(DAY, ci.expiry_months or 0),
                     lang=lang)  # type: ignore[arg-type]
    assert steps and all(s.title in md for s in steps)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_sroi_result_and_its_tables(lang: str) -> None:
    s = full().sroi
    md = plain(report.markdown(only(sroi=s.model_dump()), lang, today=DAY))
    outcomes = [impact.Outcome(quantity=o.quantity, proxy=o.proxy, duration_years=o.duration_years,  # type: ignore[arg-type]
                               **{f: getattr(o, f) / 100 for f in impact.RATE_FIELDS}) for o in s.outcomes]
    res = impact.sroi(s.investment, outcomes, s.discount_rate / 100)  # type: ignore[arg-type, operator]
    ratio = impact.decimal(res.ratio, lang)
    assert f"{ui('sroi.metric.ratio', lang)}: {ui('sroi.ratio.value', lang, ratio=ratio)}" in md
    assert f"{ui('sroi.metric.present_value', lang)}: {report.nok(res.present_value, lang)}" in md
    for y in res.by_year:  # the chart of value by year, as a table
        assert f"| {y.year} | {report.nok(y.value, lang)} | {report.nok(y.present_value, lang)} |" in md
    for o in s.outcomes:
        assert f"| {o.name} |" in md
    missing = plain(report.markdown(only(sroi={"investment": 1000.0}), lang, today=DAY))
    assert ui("report.sroi.incomplete", lang) in missing


def test_the_report_follows_the_language() -> None:
    a = full()
    nb = report.markdown(a, "nb", today=DAY)
    en = report.markdown(a, "en", today=DAY)
    assert ui("report.title", "nb") in nb and ui("report.title", "en") not in nb
    assert ui("report.title", "en") in en and "Svarene dine" not in en
    assert report.markdown(a, "nb", today=DAY, level=2).startswith("## ")


def test_text_the_user_typed_is_never_read_as_markup() -> None:
    evil = "<script>alert(1)</script> **x** [y](javascript:z) $a$ | ~"
    a = only(sroi={"outcomes": [{"name": evil}]}, procurement={"value": "1. [x](y)"})
    md = report.markdown(a, "en", today=DAY)
    assert not re.search(r"(?<!\\)<script>", md)
    assert "[y](javascript" not in md and "**x**" not in md and "$a$" not in md
    assert report.md_escape(evil, line_start=False) in md
    assert plain(report.md_escape(evil)) == evil
    assert evil in pdf_text(report.pdf(a, "en", today=DAY)).replace("\n", " ")


def test_md_escape_stops_lists_headings_and_quotes_at_the_start_of_a_line() -> None:
    for text in ("1. one", "- dash", "+ plus", "# hash", "> quote", "= eq"):
        escaped = report.md_escape(text)
        assert escaped != text and plain(escaped) == text
    assert report.md_escape("a & b (c)") == "a & b (c)"  # nothing needless
    assert report.md_escape("&amp;") == "\\&amp;"
