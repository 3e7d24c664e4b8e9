"""Real browser: answers carried by the link and by a saved file, and the report downloads.

Answer some questions, copy the link, open it in a fresh browser context (another person) and
see the same answers; download the PDF and the JSON; upload the JSON into a fresh session.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from guide import questionnaires as Q
from guide.documents.escape import keep_numbers
from guide.state import Answers
from tests.support.browser import assert_no_exception, h1, report_text, shot, wait_idle, wait_ready
from tests.support.words import in_lang

pytestmark = pytest.mark.browser
LANG = "nb"
VALUE = "1 700 000"


t = in_lang(LANG)


def open_at(page: Any, url: str, slug: str) -> None:
    page.goto(url)
    wait_ready(page, text=t(f"page.{slug}.title"))
    assert h1(page) == t(f"page.{slug}.title")
    assert_no_exception(page)


def go(page: Any, slug: str) -> None:
    """Change page as a user does: the link in the sidebar."""
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=t(f"page.{slug}.title")).click()
    wait_ready(page, text=t(f"page.{slug}.title"))
    page.locator('[data-testid="stMain"] h1').filter(has_text=t(f"page.{slug}.title")).wait_for()
    wait_idle(page)


def choose(page: Any, question_id: str, option: Any) -> None:
    """Answer the readiness question on screen, then go on."""
    q = Q.get("readiness").question(question_id)
    assert q is not None
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text(q.text(LANG), exact=False).first.wait_for()
    index = [o.id for o in q.options].index(option) if q.kind == "single" else int(option - (q.min or 1))
    main.locator('[data-testid="stRadio"] [role="radiogroup"] label').nth(index).click()
    wait_idle(page)
    main.get_by_role("button", name=t("q.next")).click()
    wait_idle(page)


def test_link_file_and_report_carry_the_answers(server: str, browser: Any, page: Any, tmp_path: Path) -> None:
    # --- someone answers a few questions in two guides --------------------------------------------
    open_at(page, f"{server}/readiness?lang={LANG}", "readiness")
    choose(page, "stage", "tested")
    choose(page, "killed_idea", 4)
    go(page, "procurement")
    box = page.get_by_label(t("proc.input.value"), exact=True)
    box.fill(VALUE)
    box.press("Enter")
    wait_idle(page)
    heading = t("proc.result.heading", value="1\u00a0700\u00a0000\u00a0kr")
    page.get_by_text(heading, exact=False).first.wait_for()
    page.wait_for_url(re.compile(r"[?&]proc="))  # the fragment writes the link once its run ends
    address = page.url
    query = dict(parse_qsl(urlsplit(address).query))
    assert query["lang"] == LANG and query["v"] == "2" and "qn.readiness" in query and "proc" in query
    go(page, "report")
    body = report_text(page)
    assert f"{Q.get('readiness').question('stage').short(LANG)}: " in body  # type: ignore[union-attr]
    assert keep_numbers(VALUE) in body  # numbers kept whole: no-break spaces between the groups
    field = page.get_by_label(t("report.share.label"), exact=True)
    expect(field).to_have_value(re.compile("^" + re.escape(server)))  # once the page has written it
    link = field.input_value()
    assert link.startswith(server) and "v=2" in link and "qn.readiness" in link
    shot(page, "state-report-nb")
    page.emulate_media(media="print")  # print-friendly: on paper, only the report
    assert page.locator(".st-key-report_body").is_visible()
    for chrome in (".st-key-report_tools", '[data-testid="stSidebar"]', ".st-key-lang_bar"):
        assert not page.locator(chrome).is_visible(), chrome
    page.emulate_media(media="screen")

    # --- the copied link, opened by a colleague in another browser --------------------------------
    colleague = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    try:
        other = colleague.new_page()
        other.set_default_timeout(30_000)
        open_at(other, link, "report")
        assert report_text(other) == body
        go(other, "readiness")
        main = other.locator('[data-testid="stMain"]')
        checked = main.locator('[data-testid="stRadio"] input[type="radio"]:checked')
        # the question on screen is answered as before (the questionnaire resumes where it was)
        assert checked.count() == 1
        go(other, "procurement")
        assert other.get_by_label(t("proc.input.value"), exact=True).input_value() == VALUE
        assert_no_exception(other)
    finally:
        colleague.close()

    # --- downloads: the PDF and the JSON ------------------------------------------------------------
    with page.expect_download() as info:
        page.get_by_role("button", name=t("report.download.pdf")).click()
    pdf = Path(info.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert t("report.title") in text and "æ" in text and "ø" in text and "å" in text
    assert Q.get("readiness").title(LANG) in text and VALUE in text.replace("\u00a0", " ")
    with page.expect_download() as info:
        page.get_by_role("button", name=t("report.save.json")).click()
    saved = Path(info.value.path()).read_text(encoding="utf-8")
    assert json.loads(saved)["version"] == 2
    answers = Answers.from_json(saved)
    assert answers == Answers.from_query(query)
    assert answers.questionnaires["readiness"].answers == {"stage": "tested", "killed_idea": 4}
    assert answers.procurement.value == VALUE

    # --- the saved file, uploaded into a fresh session ----------------------------------------------
    later = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        fresh = later.new_page()
        fresh.set_default_timeout(30_000)
        open_at(fresh, f"{server}/report?lang={LANG}", "report")
        assert t("report.empty") in report_text(fresh)
        file = tmp_path / "svar.json"
        file.write_text(saved, encoding="utf-8")
        fresh.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(file))
        fresh.get_by_text(t("report.load.ok", name="svar.json")).wait_for()
        wait_idle(fresh)
        assert report_text(fresh) == body
        assert "qn.readiness" in fresh.url and "proc=" in fresh.url
        # a broken file is refused and the answers stay
        bad = tmp_path / "broken.json"
        bad.write_text(saved[: len(saved) // 2], encoding="utf-8")
        fresh.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(bad))
        fresh.get_by_text(t("state.error.not_json"), exact=False).wait_for()
        wait_idle(fresh)
        assert report_text(fresh) == body
        assert_no_exception(fresh)
        shot(fresh, "state-upload-refused-nb")
    finally:
        later.close()
