"""Real browser: the case file on the report page, in every language.

Type the purchase's name and case number, copy the share link with the copy button (the
clipboard then holds exactly the link, with the case in it), open that link as another person and
find the case again; and an address shown on a page copies whole (no hidden joiner in it).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import expect

from guide import content as content_mod
from guide.documents.escape import NO_LINK
from guide.model import LANGS
from guide.state import Answers
from tests.support.browser import assert_no_exception, shot, wait_idle, wait_ready

pytestmark = pytest.mark.browser
NAME = "Arbeidstrening for unge – pilot"
NUMBER = "2026/1234"


def t(key: str, lang: str, **fmt: object) -> str:
    return content_mod.default().t(key, lang, **fmt)  # type: ignore[arg-type]


def typed(page: Any, label: str, value: str) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(value)
    box.press("Enter")
    wait_idle(page)


@pytest.mark.parametrize("lang", list(LANGS))
def test_the_case_number_and_the_copy_button(browser: Any, server: str, lang: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{server}/report?lang={lang}")
        wait_ready(page, text=t("report.case.title", lang))
        assert_no_exception(page)
        typed(page, t("report.case.name", lang), NAME)
        typed(page, t("report.case.number", lang), NUMBER)
        main = page.locator('[data-testid="stMain"]')
        expect(main.get_by_text(NUMBER, exact=False).last).to_be_visible()  # on the report's title lines
        button = page.get_by_role("button", name=t("report.share.copy", lang), exact=True)
        button.focus()
        page.keyboard.press("Enter")  # by keyboard, as anyone may
        expect(page.get_by_role("status").filter(has_text=t("report.share.copied", lang))).to_be_visible()
        copied = str(page.evaluate("navigator.clipboard.readText()"))
        assert copied == page.get_by_label(t("report.share.label", lang), exact=True).input_value()
        assert NO_LINK not in copied and copied.startswith(server)
        restored = Answers.from_query(dict(parse_qsl(urlsplit(copied).query)))
        assert (restored.case.name, restored.case.number) == (NAME, NUMBER)
        shot(page, f"casefile-report-{lang}")
        other = context.new_page()
        other.goto(copied)
        wait_ready(other, text=t("report.case.title", lang))
        expect(other.get_by_label(t("report.case.number", lang), exact=True)).to_have_value(NUMBER)
        expect(other.get_by_label(t("report.case.name", lang), exact=True)).to_have_value(NAME)
        assert_no_exception(other)
    finally:
        context.close()


def test_addresses_shown_on_a_page_copy_whole(page: Any, server: str) -> None:
    page.goto(f"{server}/funding?lang=nb")
    wait_ready(page, text=t("page.funding.title", "nb"))
    links = page.locator('[data-testid="stMain"] a[href^="http"]')
    shown = [str(s) for s in links.all_inner_texts()]
    addresses = [s for s in shown if s.startswith(("http", "www"))]
    assert addresses  # the sources' addresses are shown as links
    assert not [s for s in shown if NO_LINK in s]
