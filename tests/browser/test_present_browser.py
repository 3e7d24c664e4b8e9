"""Real browser: presenter mode in headless Chromium.

A link with ``?present=1`` opens the readiness guide with no sidebar and large type; the keyboard
alone (Tab, Enter, Page Down / Page Up) moves through the questions; the toggle is the visible way
out. The myth quiz in presenter mode reveals the answer on the shared screen.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from guide import content as content_mod
from guide import questionnaires as Q
from guide.questionnaires import presenter
from guide.ui import present
from tests.support.browser import assert_no_exception, shot, sidebar_visible, wait_idle, wait_ready
from tests.support.words import ui

pytestmark = pytest.mark.browser
DEFAULT_H1_PX = 44.0  # Streamlit's st.title at the normal 16 px root size (2.75rem)




def px(page: Any, selector: str, prop: str = "font-size") -> float:
    value = page.eval_on_selector(selector, f"e => getComputedStyle(e).getPropertyValue('{prop}')")
    return float(str(value).removesuffix("px"))


def focused_text(page: Any) -> str:
    """The label of the focused element (a button's own text, without its icon's name)."""
    return str(page.evaluate("""() => {
        const e = document.activeElement;
        if (!e) return '';
        const label = e.querySelector('[data-testid="stMarkdownContainer"]');
        return (label || e).innerText || '';
    }"""))


def unfocus(page: Any) -> None:
    """Click an empty spot of the page, so that Tab starts again from the top."""
    page.mouse.click(8, 400)


def tab_to(page: Any, label: str, *, limit: int = 40) -> None:
    """Press Tab until the focused element is the button labelled ``label``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_text(page).strip() == label:
            return
    raise AssertionError(f"Tab never reached {label!r}")


def progress_text(lang: str, n: int, total: int) -> str:
    """The progress of the readiness guide at question ``n`` (its total does not move)."""
    return presenter.progress_text(Q.get("readiness"), n, content=content_mod.default(), lang=lang)[1]


def test_readiness_by_link_with_keyboard_only(server: str, page: Any) -> None:
    lang = "en"
    questions = Q.visible(Q.get("readiness"), {})
    total = len(questions)
    page.goto(f"{server}/readiness?lang={lang}&present=1")
    wait_ready(page, text=progress_text(lang, 1, total))
    assert_no_exception(page)
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("h1").first.inner_text().strip() == ui("page.readiness.title", lang)

    # No sidebar, no navigation; large type; the question alone.
    assert not sidebar_visible(page)
    assert page.locator('[data-testid="stSidebar"] a').count() == 0
    h1 = px(page, '[data-testid="stMain"] h1')
    assert h1 >= 1.2 * DEFAULT_H1_PX, f"heading {h1}px"
    assert px(page, "html") >= 22
    label = f'.st-key-{present.QUESTION_BOX} [data-testid="stWidgetLabel"] p'
    assert px(page, label) >= 36, "the question is set large"
    assert main.get_by_text(questions[0].text(lang), exact=True).is_visible()
    assert main.locator('[data-testid="stWidgetLabel"]').filter(
        has_text=re.compile(re.escape(questions[1].text(lang)))).count() == 0
    assert not main.locator('[data-testid="stProgress"]').count()
    assert not main.locator('[data-testid="stDownloadButton"]').count()
    # The way out is on screen, labelled.
    switch = page.get_by_role("switch", name=ui("present.toggle", lang), exact=True)
    assert switch.is_checked()
    assert page.get_by_text(ui("present.toggle", lang), exact=True).is_visible()
    assert "present=1" in page.url
    shot(page, "present-readiness-q1-en")

    # Tab reaches Next; Enter moves on.
    nxt = ui("q.next", lang)
    tab_to(page, nxt)
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineWidth")
    assert float(str(outline).removesuffix("px")) >= 3, f"focus ring {outline}"
    shot(page, "present-readiness-focus-next-en")
    page.keyboard.press("Enter")
    wait_idle(page)
    main.get_by_text(progress_text(lang, 2, total), exact=True).wait_for()
    assert main.get_by_text(questions[1].text(lang), exact=True).is_visible()

    # Tab reaches Previous too; Enter goes back.
    unfocus(page)
    tab_to(page, ui("present.previous", lang))
    page.keyboard.press("Enter")
    wait_idle(page)
    main.get_by_text(progress_text(lang, 1, total), exact=True).wait_for()

    # Page Down / Page Up, as a presentation clicker sends them.
    unfocus(page)
    page.keyboard.press("PageDown")
    wait_idle(page)
    main.get_by_text(progress_text(lang, 2, total), exact=True).wait_for()
    page.keyboard.press("PageUp")
    wait_idle(page)
    main.get_by_text(progress_text(lang, 1, total), exact=True).wait_for()
    assert_no_exception(page)

    # Out of presenter mode by keyboard: Tab to the toggle, Space. The sidebar and the normal type
    # are back, and the link forgets the mode.
    unfocus(page)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == ui(
                "present.toggle", lang):
            break
    else:
        raise AssertionError("Tab never reached the presenter toggle")
    page.keyboard.press("Space")
    wait_idle(page)
    page.locator('[data-testid="stSidebar"] a').first.wait_for()
    assert sidebar_visible(page)
    assert px(page, '[data-testid="stMain"] h1') < h1
    page.wait_for_function("() => !location.search.includes('present=1')")
    shot(page, "present-readiness-off-en")


def test_myth_quiz_on_the_shared_screen_with_reveal(server: str, page: Any) -> None:
    lang = "nb"
    myths = sorted(content_mod.default().myths.values(), key=lambda m: m.number)
    page.goto(f"{server}/myths?lang={lang}&present=1")
    wait_ready(page, text=ui("quiz.question_shared", lang))
    assert_no_exception(page)
    main = page.locator('[data-testid="stMain"]')
    assert not sidebar_visible(page)
    assert px(page, '[data-testid="stMain"] h1') >= 1.2 * DEFAULT_H1_PX
    assert main.get_by_text(ui("quiz.lead", lang)[:40]).count() == 0
    claims = [m.claim.nb for m in myths]
    assert main.get_by_text(claims[0], exact=True).is_visible()
    assert all(main.get_by_text(c, exact=True).count() == 0 for c in claims[1:])
    shot(page, "present-myths-claim-nb")

    # Reveal, by keyboard: Tab to the button, Enter.
    tab_to(page, ui("quiz.reveal", lang))
    page.keyboard.press("Enter")
    wait_idle(page)
    main.get_by_text(ui("quiz.rules_say", lang), exact=True).wait_for()
    assert main.get_by_text(myths[0].verdict.nb, exact=True).is_visible()
    shot(page, "present-myths-revealed-nb")

    # Next myth with the big Next button.
    main.get_by_role("button", name=re.compile(re.escape(ui("quiz.next", lang)))).click()
    wait_idle(page)
    main.get_by_text(claims[1], exact=True).wait_for()
    assert main.get_by_text(claims[0], exact=True).count() == 0
    assert main.get_by_text(ui("quiz.progress", lang, n=2, total=len(myths)), exact=True).is_visible()
    assert_no_exception(page)
    shot(page, "present-myths-second-nb")
