"""Whole journeys in a real browser, as the app's three users meet them, each in bokmål and English.

- The facilitator: presenter mode switched on in the top bar, the myth quiz on the shared screen
  with the room's answer and a reveal, then a live workshop answered on two phones (browser contexts
  of their own) while the shared screen counts the answers and reveals.
- The social entrepreneur: the readiness self-assessment through to the action plan, the
  cooperation-form matcher, the planning calendar (.ics downloads), the report (PDF download), and
  the saved link opened in a new browser context with the same answers.
- The municipal staff member: the getting-started guide, the procurement check for three values
  (one per regime band of the regulation), the forms of cooperation, and the examples library
  filtered by their sector.

The answers come from the stored scenarios (tests/scenarios/); every expected outcome is computed by
the guide's own engines (guide/), so a content change moves the test with it. Screenshots of each
step go to tests/screenshots/ (git-ignored): journey-<user>-<lang>-<nn>-<step>.png.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import icalendar
import pytest
from playwright.sync_api import expect

from guide import calendar as cal
from guide import content as content_mod
from guide import library
from guide import procurement as proc
from guide import questionnaires as Q
from guide.documents.escape import keep_numbers
from guide.text import nok
from guide.workshop import questions as wq
from tests.support.browser import assert_no_exception, report_text, shot, sidebar_visible, wait_idle
from tests.support.journeys import (
    answer_questionnaire,
    check_answers,
    flat,
    go,
    h1,
    main,
    new_page,
    open_url,
    pdf_text,
    pick,
    presenter_switch,
    rank_heading,
    select,
    set_presenter,
    ui,
    wait_title,
)
from tests.support.samples import scenario

pytestmark = pytest.mark.browser
LANGS = ("nb", "nn", "en")  # nynorsk walks the bokmål paths, in its own words
REFRESH_S = 2  # the live parts of the workshop pages refresh this often (views/workshop.py, join.py)


class Shots:
    """Numbered screenshots of one journey: journey-<user>-<lang>-<nn>-<step>.png."""

    def __init__(self, user: str, lang: str) -> None:
        self.prefix, self.n = f"journey-{user}-{lang}", 0

    def __call__(self, page: Any, step: str, focus: Any = None) -> None:
        """Check for an exception box and take the screenshot, with ``focus`` (a locator) scrolled
        into view: Streamlit scrolls inside its main area, so only what is in view is in the shot."""
        self.n += 1
        assert_no_exception(page)
        if focus is not None:
            focus.first.scroll_into_view_if_needed()
        shot(page, f"{self.prefix}-{self.n:02d}-{step}")


def ics_events(data: bytes) -> list[Any]:
    parsed = icalendar.Calendar.from_ical(data)
    return list(parsed.walk("VEVENT"))


def download(page: Any, button_name: str) -> tuple[str, bytes]:
    """Click the download button named ``button_name``; the file's suggested name and bytes."""
    with page.expect_download() as info:
        main(page).get_by_role("button", name=button_name, exact=True).click()
    d = info.value
    return d.suggested_filename, Path(d.path()).read_bytes()


# =================================================================================================
# The facilitator


def quiz_myths(page: Any, lang: str, snap: Shots) -> None:
    """The myth quiz on the shared screen: the room's answer to the first myth, a reveal of the next."""
    c = content_mod.default()
    myths = sorted(c.myths.values(), key=lambda m: m.number)
    m = main(page)
    # Presenter mode is the shared screen: the claim large, no choice of view, no lead text.
    m.locator("h1").filter(has_text=keep_numbers(myths[0].claim(lang))).wait_for()
    assert m.get_by_text(ui("quiz.question_shared", lang), exact=True).is_visible()
    assert m.get_by_role("radiogroup", name=ui("quiz.mode", lang)).count() == 0
    assert m.get_by_text(keep_numbers(myths[0].verdict(lang)), exact=True).count() == 0
    assert m.get_by_text(ui("quiz.progress", lang, n=1, total=len(myths)), exact=True).is_visible()
    snap(page, "quiz-claim")

    # The room says "a myth": its answer, right, and what the rules say.
    m.get_by_role("button", name=ui("quiz.answer.myth", lang), exact=True).click()
    m.get_by_text(ui("quiz.rules_say", lang), exact=True).wait_for()
    room = ui("quiz.room_answer", lang, answer=ui("quiz.answer.myth", lang))
    m.get_by_text(f"{room} — {ui('quiz.verdict.right', lang)}", exact=True).wait_for()
    m.get_by_text(keep_numbers(myths[0].verdict(lang)), exact=True).wait_for()
    wait_idle(page)
    snap(page, "quiz-answered", m.get_by_text(keep_numbers(myths[0].verdict(lang)), exact=True))

    # The next myth, revealed without an answer from the room.
    m.get_by_role("button", name=ui("quiz.next", lang), exact=True).click()
    m.locator("h1").filter(has_text=keep_numbers(myths[1].claim(lang))).wait_for()
    assert m.get_by_text(ui("quiz.progress", lang, n=2, total=len(myths)), exact=True).is_visible()
    assert m.get_by_text(keep_numbers(myths[1].verdict(lang)), exact=True).count() == 0
    m.get_by_role("button", name=ui("quiz.reveal", lang), exact=True).click()
    m.get_by_text(keep_numbers(myths[1].verdict(lang)), exact=True).wait_for()
    m.get_by_text(ui("quiz.verdict.unanswered", lang), exact=True).wait_for()
    assert m.get_by_role("button", name=ui("quiz.reveal", lang), exact=True).count() == 0
    wait_idle(page)
    snap(page, "quiz-revealed", m.get_by_text(keep_numbers(myths[1].verdict(lang)), exact=True))


@pytest.mark.parametrize("lang", LANGS)
def test_facilitator_presents_the_quiz_and_runs_a_live_workshop(
        server: str, browser: Any, lang: str) -> None:
    c = content_mod.default()
    snap = Shots("facilitator", lang)
    screen = new_page(browser)
    phones = [new_page(browser, phone=True) for _ in range(2)]
    try:
        # --- Presenter mode from the top bar, on the home page --------------------------------
        open_url(screen, f"{server}/?lang={lang}", ui("home.title", lang))
        switch = presenter_switch(screen, lang)
        assert not switch.is_checked() and sidebar_visible(screen)
        set_presenter(screen, lang, True)
        assert not sidebar_visible(screen)
        assert screen.locator('[data-testid="stSidebar"] a').count() == 0
        assert float(screen.eval_on_selector("html", "e => parseFloat(getComputedStyle(e).fontSize)")) >= 22
        snap(screen, "presenter-home")

        # --- The myth quiz, reached from the home page's own link ------------------------------
        main(screen).get_by_role("link", name=ui("page.myths.title", lang), exact=True).click()
        wait_title(screen, ui("page.myths.title", lang))
        assert "present=1" in screen.url and "/myths" in screen.url
        quiz_myths(screen, lang, snap)

        # --- The workshop is set up outside presenter mode --------------------------------------
        set_presenter(screen, lang, False)
        go(screen, "workshop", lang)
        m = main(screen)
        m.get_by_label(ui("workshop.new.title", lang), exact=True).fill(f"Verksted {lang} <i>Bodø</i>")
        m.get_by_label(ui("workshop.new.pin", lang), exact=True).fill("482193")
        m.get_by_role("button", name=ui("workshop.new.submit", lang), exact=True).click()
        code_prefix = re.escape(ui("workshop.code", lang, code=""))
        heading = m.get_by_role("heading", name=re.compile(f"^{code_prefix}"))
        heading.wait_for()
        code = heading.inner_text().strip().split()[-1]
        assert re.fullmatch(r"[A-Z0-9]{6}", code), code
        m.get_by_text(ui("workshop.manage", lang), exact=True).wait_for()  # managing: not in presenter mode
        wait_idle(screen)

        # --- … and shown to the room in presenter mode -------------------------------------------
        set_presenter(screen, lang, True)
        heading.wait_for()  # the same workshop: the session kept it
        assert heading.inner_text().strip().endswith(code)
        assert m.get_by_text(ui("workshop.manage", lang), exact=True).count() == 0
        # On the projector the join link is the QR code's caption (and the code in large type).
        caption = m.locator('[data-testid="stImage"]').first.inner_text()
        link = re.search(r"https?://\S+", caption).group(0)  # type: ignore[union-attr]
        query = dict(parse_qsl(urlsplit(link).query))
        assert urlsplit(link).path.endswith("/join") and query == {"code": code, "lang": lang}, link
        qr = m.locator('[data-testid="stImage"] img').first
        qr.wait_for()
        assert qr.evaluate("img => img.complete && img.naturalWidth >= 200")
        questions = wq.build(["myths"], c)
        first, second = questions[0], questions[1]
        m.get_by_text(wq.question_text(first, c, lang), exact=True).wait_for()
        m.get_by_text(ui("workshop.answered", lang, n=0, total=0), exact=True).wait_for()
        snap(screen, "workshop-shared-empty")

        # --- Two phones join with the link on the screen and answer -----------------------------
        choices = [wq.option_label(first, o, c, lang) for o in ("believe_false", "believe_true")]
        for i, phone in enumerate(phones):
            phone.goto(link)
            wait_title(phone, ui("page.join.title", lang))
            pm = main(phone)
            # the link fills in the code (the field can be drawn a moment before its value)
            expect(pm.get_by_label(ui("join.code", lang), exact=True)).to_have_value(code)
            pm.get_by_label(ui("join.nickname", lang), exact=True).fill(f"deltaker {i + 1}")
            pm.get_by_role("button", name=ui("join.submit", lang), exact=True).click()
            pm.get_by_text(wq.question_text(first, c, lang), exact=True).wait_for()
            assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        for phone, choice in zip(phones, choices, strict=True):
            main(phone).get_by_role("button", name=choice, exact=True).click()
        answered = time.monotonic()
        for phone, choice in zip(phones, choices, strict=True):
            main(phone).get_by_text(ui("join.your_answer", lang, answer=choice)).wait_for()
        snap(phones[0], "workshop-phone-answered")

        # The shared screen counts both answers within 5 s, untouched.
        m.get_by_text(ui("workshop.answered", lang, n=2, total=2), exact=True).wait_for(timeout=5_000)
        assert time.monotonic() - answered < 5
        assert m.locator('[data-testid="stPlotlyChart"]').count() == 0, "hidden until shown"
        snap(screen, "workshop-shared-answers")

        # Reveal on the shared screen: the verdict there and on both phones; then the next myth.
        found = wq.reveal(first, c)
        assert found is not None
        verdict = found[0](lang)  # type: ignore[arg-type]
        m.get_by_role("button", name=ui("workshop.reveal", lang), exact=True).click()
        m.get_by_text(verdict).first.wait_for()
        m.get_by_text(ui("workshop.room_knew", lang, pct=50), exact=True).wait_for()
        m.locator('[data-testid="stPlotlyChart"]').first.wait_for()  # the room's answers, shown now
        m.get_by_text(ui("workshop.chart.as_text", lang), exact=True).click()  # folded on the projector
        alt = m.get_by_text(ui("workshop.chart.alt", lang, items="")[:15]).first.inner_text()
        for choice in choices:
            assert ui("workshop.chart.alt_item", lang, option=choice, n=1) in alt, alt
        for phone in phones:
            main(phone).get_by_text(verdict).first.wait_for(timeout=5_000)
            expect(main(phone).get_by_role("button", name=choices[0], exact=True)).to_be_disabled()
        snap(screen, "workshop-shared-revealed")
        snap(phones[1], "workshop-phone-revealed")
        m.get_by_role("button", name=ui("workshop.next", lang), exact=True).click()
        m.get_by_text(wq.question_text(second, c, lang), exact=True).wait_for()
        for phone in phones:
            main(phone).get_by_text(wq.question_text(second, c, lang), exact=True).wait_for(timeout=5_000)
        for p in (screen, *phones):
            assert_no_exception(p)
        assert "present=1" in screen.url and not sidebar_visible(screen)

        # The shared screen says how many have joined, refreshed with the live part of the page.
        m.get_by_text(ui("workshop.participants", lang, n=2), exact=True).wait_for(
            timeout=3 * REFRESH_S * 1000)
    finally:
        for p in (screen, *phones):
            p.context.close()


# =================================================================================================
# The social entrepreneur

ENTREPRENEUR = {  # language -> (readiness scenario, form-matcher scenario, what the calendar plan seeks)
    "nb": ("nyby_timing", "kjor_for_livet_operating", ("budget_priority", "grant")),
    "nn": ("nyby_timing", "kjor_for_livet_operating", ("budget_priority", "grant")),
    "en": ("bua_networks", "jodacare_pilot", ("grant",)),
}


def readiness_step(page: Any, name: str, lang: str, snap: Shots) -> tuple[str, dict[str, Any]]:
    """The self-assessment through to the action plan; returns the first step's title."""
    data = scenario("readiness", name)
    answers = data["answers"]
    qn = Q.get("readiness")
    page.locator('[data-testid="stProgress"]').first.wait_for()
    answer_questionnaire(page, "readiness", answers, lang)
    result = Q.evaluate("readiness", answers)
    groups = Q.plan("readiness", result)
    assert groups[0].dimension == data["expect"]["weakest"]
    assert groups[0].steps[0].item_id == data["expect"]["first_step"]
    step = Q.items(qn)[groups[0].steps[0].item_id]
    m = main(page)
    m.get_by_text(ui("q.plan.title", lang), exact=True).wait_for()
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    dims = [d for d in qn.dimensions if d.id in result.profile]
    alt = ui("q.profile.alt", lang, items="; ".join(
        ui("q.profile.item", lang, label=d.label(lang), score=result.profile[d.id]) for d in dims))
    m.get_by_text(alt, exact=True).wait_for()  # the chart's text alternative, with every score
    rank_heading(page, 1, step.title(lang), lang).wait_for()
    m.get_by_text(step.when(lang), exact=False).first.wait_for()
    m.get_by_text(groups[0].steps[0].reasons[0].text(lang), exact=False).first.wait_for()
    wait_idle(page)
    snap(page, "readiness-plan", rank_heading(page, 1, step.title(lang), lang))
    return step.title(lang), answers


def matcher_step(page: Any, name: str, lang: str, snap: Shots) -> tuple[str, dict[str, Any]]:
    """The cooperation-form matcher: the ranking and the procurement consequence of the value."""
    data = scenario("form_matcher", name)
    answers = data["answers"]
    answer_questionnaire(page, "form_matcher", answers, lang)
    result = Q.evaluate("form_matcher", answers)
    first = result.top(1)[0]
    assert first.item_id == data["expect"]["first"]
    c = content_mod.default()
    title = c.forms[first.item_id].title(lang)
    rank_heading(page, 1, title, lang).wait_for()
    m = main(page)
    m.get_by_text(first.reasons[0].text(lang), exact=False).first.wait_for()
    inp = Q.procurement_input("form_matcher", answers)
    assert inp is not None
    route = Q.procurement_route(inp)
    m.get_by_text(ui("q.proc.title", lang), exact=True).wait_for()
    rules = c.procurement_rules[route.rules].title(lang)
    m.get_by_text(ui("q.proc.route", lang, title=rules), exact=True).wait_for()
    value = ui("q.proc.value", lang, total=nok(inp.value_nok, lang), yearly=nok(inp.yearly_nok, lang),
               months=Q.fmt_number(inp.months, lang))
    m.get_by_text(value, exact=True).wait_for()
    wait_idle(page)
    snap(page, "matcher-result", m.get_by_text(ui("q.proc.title", lang), exact=True))
    return title, answers


def calendar_step(page: Any, lang: str, seeks: tuple[str, ...], snap: Shots) -> list[str]:
    """The calendar: the next 12 months' .ics, then a personal plan and its .ics; the plan's titles."""
    today = cal.clamp(dt.date.today())
    m = main(page)
    m.get_by_text(ui("calendar.now.title", lang), exact=True).wait_for()
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    wait_idle(page)

    name, data = download(page, ui("calendar.window.download", lang))
    assert name == f"veier-til-samarbeid-{today.isoformat()}-12m.ics"
    expected = cal.window(today, 12, role="entrepreneur", lang=lang)  # type: ignore[arg-type]
    got = ics_events(data)
    want = sorted((day, summary) for e in expected for _, day, summary in cal.ics_items(e))
    assert sorted((v.decoded("DTSTART"), str(v["SUMMARY"])) for v in got) == want
    assert [v.decoded("DTSTART") for v in got] == sorted(v.decoded("DTSTART") for v in got)
    calendar_name = str(icalendar.Calendar.from_ical(data)["X-WR-CALNAME"])
    assert calendar_name.startswith(ui("calendar.window.ics.name", lang, start="", end="").split("–")[0])

    qn = Q.get("calendar_plan")
    ask = qn.question("seeks")
    assert ask is not None
    m.get_by_text(ui("calendar.plan.choose", lang), exact=True).wait_for()
    for s in seeks:
        pill = m.get_by_role("button", name=ask.option(s).label(lang), exact=True)  # type: ignore[union-attr]
        pill.click()
        expect(pill).to_have_attribute("aria-pressed", "true")
        wait_idle(page)
    steps = cal.plan(today, seeks=list(seeks), role="entrepreneur", lang=lang)  # type: ignore[arg-type]
    assert steps, "the plan for these choices has steps"
    m.get_by_text(ui("calendar.plan.focus", lang), exact=True).wait_for()
    table = m.locator("table").filter(has_text=steps[0].title).first  # the plan's dated steps
    table.wait_for()
    wait_idle(page)
    snap(page, "calendar-plan", table)
    name, data = download(page, ui("calendar.plan.download", lang))
    assert name == "veier-til-samarbeid-plan.ics"
    got = ics_events(data)
    want = sorted((day, summary) for s in steps for _, day, summary in cal.ics_items(s))
    assert sorted((v.decoded("DTSTART"), str(v["SUMMARY"])) for v in got) == want
    return [s.title for s in steps]


@pytest.mark.parametrize("lang", LANGS)
def test_entrepreneur_from_self_assessment_to_a_shared_report(server: str, browser: Any, page: Any,
                                                              lang: str) -> None:
    snap = Shots("entrepreneur", lang)
    readiness, matcher, seeks = ENTREPRENEUR[lang]

    # --- Readiness self-assessment -> action plan ------------------------------------------------
    open_url(page, f"{server}/readiness?lang={lang}", ui("page.readiness.title", lang))
    step_title, readiness_answers = readiness_step(page, readiness, lang, snap)

    # --- Cooperation-form matcher -------------------------------------------------------------------
    go(page, "form-matcher", lang)
    form_title, matcher_answers = matcher_step(page, matcher, lang, snap)

    # --- Calendar: the year and a personal plan as .ics ---------------------------------------------
    go(page, "calendar", lang)
    plan_titles = calendar_step(page, lang, seeks, snap)

    # --- Report: everything in one place, as PDF ----------------------------------------------------
    go(page, "report", lang)
    body = report_text(page)
    c = content_mod.default()
    stage = Q.get("readiness").question("stage")
    assert stage is not None
    expected_in_report = [
        Q.get("readiness").title(lang), step_title,
        ui("report.answer", lang, question=stage.short(lang),
           answer=Q.answer_text(stage, readiness_answers["stage"], c, lang)),  # type: ignore[arg-type]
        Q.get("form_matcher").title(lang), form_title, ui("report.cal.title", lang), plan_titles[0],
    ]
    for text in expected_in_report:
        assert text in body, f"{text!r} is not in the report"
    field = page.get_by_label(ui("report.share.label", lang), exact=True)
    expect(field).to_have_value(re.compile("^" + re.escape(server)))  # once the page has written it
    link = field.input_value()
    query = dict(parse_qsl(urlsplit(link).query))
    assert link.startswith(server) and query.get("lang") == lang
    assert "qn.readiness" in query and "qn.form_matcher" in query
    snap(page, "report")
    name, pdf = download(page, ui("report.download.pdf", lang))
    assert name.endswith(f"-{lang}.pdf")
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    for expected in [ui("report.title", lang), *expected_in_report]:
        assert flat(expected) in text, f"{expected!r} is not in the PDF"

    # --- The saved link, opened in a new browser context ---------------------------------------------
    later = new_page(browser)
    try:
        open_url(later, link, ui("page.report.title", lang))
        assert report_text(later) == body
        snap(later, "link-report", later.locator(".st-key-report_body"))
        go(later, "readiness", lang)  # the plan, as it was left
        rank_heading(later, 1, step_title, lang).wait_for()
        main(later).get_by_text(ui("q.plan.title", lang), exact=True).wait_for()
        go(later, "form-matcher", lang)  # the same answers on "check your answers"
        rank_heading(later, 1, form_title, lang).wait_for()
        main(later).get_by_role("button", name=ui("q.change_answers", lang), exact=True).click()
        check_answers(later, "form_matcher", matcher_answers, lang)
        snap(later, "link-matcher-answers")
    finally:
        later.context.close()


# =================================================================================================
# The municipal staff member

MUNICIPAL = {  # language -> getting-started scenario
    "nb": "first_contact",
    "nn": "first_contact",
    "en": "arendal_meeting_place",
}
# The service area asked in the getting-started guide -> the sector of the examples library.
SECTOR_OF_AREA = {
    "health_care": "health", "children_youth": "children_youth", "work_inclusion": "work_inclusion",
    "housing_poverty": "poverty",
}
PURCHASES = (500_000, 1_500_000, 3_000_000)  # one value in each of Part I, Part II and Part III
FORM_OF_INTEREST = "pilot_agreement"


def procurement_value(page: Any, value: int, lang: str, snap: Shots) -> None:
    """Type ``value`` into the checker; assert the rules, the duty to announce and the chart's text."""
    c = content_mod.default()
    route = proc.route(value, buyer="municipal", category="goods_services")
    m = main(page)
    box = m.get_by_role("textbox", name=ui("proc.input.value", lang), exact=True)
    box.fill(f"{value:,}".replace(",", " "))
    box.press("Enter")
    heading = m.get_by_role("heading", name=ui("proc.result.heading", lang, value=nok(value, lang)))
    heading.wait_for()
    answer = m.locator('[class*="st-key-answer_"]').first  # the answer box under the heading
    answer.get_by_text(c.procurement_rules[route.rules].title(lang), exact=True).wait_for()
    if route.must_announce:
        channels = [ui(f"proc.channel.{ch}", lang) for ch in route.announce_in]
        where = f" {ui('proc.result.and', lang)} ".join(channels)
        m.get_by_text(ui("proc.result.announce_in", lang, where=where), exact=True).wait_for()
    else:
        m.get_by_text(ui("proc.result.announce_none", lang), exact=True).wait_for()
    alt = m.get_by_text(ui("proc.chart.alt", lang, value=nok(value, lang), bands="", rules="")[:25]).first
    assert ui(f"proc.rules_short.{route.rules}", lang) in alt.inner_text()
    wait_idle(page)
    snap(page, f"procurement-{value}", heading)


@pytest.mark.parametrize("lang", LANGS)
def test_municipal_staff_from_getting_started_to_examples(server: str, page: Any, lang: str) -> None:
    c = content_mod.default()
    snap = Shots("municipal", lang)
    data = scenario("getting_started", MUNICIPAL[lang])
    answers = data["answers"]

    # --- Getting started ------------------------------------------------------------------------
    open_url(page, f"{server}/getting-started?lang={lang}", ui("page.getting-started.title", lang))
    answer_questionnaire(page, "getting_started", answers, lang)
    first = Q.evaluate("getting_started", answers).top(1)[0]
    assert first.item_id == data["expect"]["first"]
    title = Q.item_title(Q.items(Q.get("getting_started"))[first.item_id], lang)  # type: ignore[arg-type]
    rank_heading(page, 1, title, lang).wait_for()
    main(page).get_by_text(first.reasons[0].text(lang), exact=False).first.wait_for()
    wait_idle(page)
    snap(page, "getting-started-result", rank_heading(page, 1, title, lang))

    # --- Procurement check: three values, three regimes ---------------------------------------------
    go(page, "procurement", lang)
    main(page).get_by_text(ui("proc.enter_value", lang), exact=True).wait_for()
    regimes = [proc.route(v, buyer="municipal", category="goods_services").rules for v in PURCHASES]
    assert regimes == ["part1", "part2", "part3"], regimes
    for value in PURCHASES:
        procurement_value(page, value, lang, snap)

    # --- Forms of cooperation: the one of interest, with its procurement consequence ----------------
    go(page, "cooperation-forms", lang)
    m = main(page)
    for form in c.forms.values():  # every form, until one is chosen
        m.locator("h3").filter(has_text=re.compile(f"^{re.escape(form.title(lang))}$")).wait_for()
    form = c.forms[FORM_OF_INTEREST]
    select(page, m.get_by_role("combobox", name=ui("forms.jump", lang)), form.title(lang))
    expect(m.locator("h3")).to_have_count(1)  # only the chosen form is left
    expect(m.locator("h3")).to_have_text(form.title(lang))
    consequence = f"{ui('form.procurement', lang)}: {ui('procurement.' + form.procurement, lang)} — "
    m.get_by_text(consequence + flat(form.procurement_note(lang)), exact=True).wait_for()
    wait_idle(page)
    snap(page, "form", m.locator("h3"))

    # --- Examples library, filtered by their sector --------------------------------------------------
    go(page, "examples", lang)
    sector = SECTOR_OF_AREA[answers["service_area"]]
    found = library.filter_cases(c, lang, sectors=[sector])  # type: ignore[arg-type]
    assert 0 < len(found) < len(c.cases)
    m.get_by_text(ui("examples.count", lang, n=len(c.cases), total=len(c.cases)), exact=True).wait_for()
    sectors = m.locator('[data-testid="stMultiSelect"]').filter(
        has=page.get_by_text(ui("examples.filter.sector", lang), exact=True))
    pick(page, sectors, c.sectors[sector].label(lang))
    m.get_by_text(ui("examples.count", lang, n=len(found), total=len(c.cases)), exact=True).wait_for()
    wait_idle(page)
    shown = [s.strip() for s in m.locator("h4").all_inner_texts()]
    assert sorted(shown) == sorted(case.title(lang) for case in found)
    snap(page, "examples-sector", m.locator("h4"))
    assert h1(page) == ui("page.examples.title", lang)
