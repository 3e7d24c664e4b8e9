"""Real browser: answers written to the link replace the history entry, so Back leaves the page.

Three values typed in the procurement checker each change the link (the answers live in it); the
browser's history must not grow with them, and one Back must return to the page the user came
from, in every language.
"""

from __future__ import annotations

import pytest

from tests.support.browser import assert_no_exception, wait_idle, wait_ready
from tests.support.words import ui

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_back_after_three_values_in_the_checker_leaves_the_page(server: str, page: object, lang: str) -> None:
    home = ui("page.home.title", lang)
    checker = ui("page.procurement.title", lang)
    page.goto(f"{server}/?lang={lang}")  # type: ignore[attr-defined]
    wait_ready(page)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=checker).click()  # type: ignore[attr-defined]
    wait_ready(page, text=checker)
    box = page.get_by_role("textbox", name=ui("proc.input.value", lang), exact=True)  # type: ignore[attr-defined]
    box.wait_for()
    entries = page.evaluate("history.length")  # type: ignore[attr-defined]
    links = []
    for value in ("1500000", "2400000", "8000000"):
        box.fill(value)
        box.press("Enter")
        wait_idle(page)
        page.wait_for_function("(before) => location.href !== before", arg=links[-1] if links else "")  # type: ignore[attr-defined]
        links.append(page.url)  # type: ignore[attr-defined]
    assert_no_exception(page)
    assert len(set(links)) == 3, "each value changes the link (the answers live in it)"
    assert "/procurement" in links[-1]
    assert page.evaluate("history.length") == entries, "the link is updated in place, not pushed"  # type: ignore[attr-defined]
    page.go_back()  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "(t) => [...document.querySelectorAll('[data-testid=\"stMain\"] h1')]"
        ".some(h => h.innerText.trim() === t)",
        arg=home,
    )
    assert "/procurement" not in page.url  # type: ignore[attr-defined]
    page.go_forward()  # the checker again, with the last value (the link kept it)
    wait_ready(page, text=checker)
    assert page.url == links[-1]  # type: ignore[attr-defined]
