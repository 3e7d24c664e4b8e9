"""Universal design (WCAG 2.1 AA): axe-core finds no serious or critical violation.

axe-core (the npm package, pinned in package-lock.json) is injected by Playwright into every page
of the navigation in both languages, in presenter mode (``?present=1``), and on the results a
user reaches: the procurement check with a value, the examples as a table. The whole document is
checked, Streamlit's own parts included: what a screen-reader user meets is the whole page.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from guide.model import LANGS
from guide.ui.nav import PAGES
from tests.support.axe import blocking, describe, need_axe, run_axe, wait_charts
from tests.support.browser import assert_no_exception, shot, wait_idle, wait_ready
from tests.support.words import ui

pytestmark = pytest.mark.browser




def url(server: str, slug: str, query: str) -> str:
    return f"{server}/{'' if slug == 'home' else slug}?{query}"


def check_pages(page: Any, server: str, query: str, label: str) -> None:
    """Open every page of the navigation with ``query``; collect the blocking violations of all."""
    need_axe()
    found: list[str] = []
    for p in PAGES:
        page.goto(url(server, p.slug, query))
        wait_ready(page)
        wait_charts(page)
        assert_no_exception(page)
        bad = blocking(run_axe(page))
        if bad:
            found.append(describe(f"{p.slug} ({label})", bad))
            shot(page, f"a11y-{p.slug}-{label}")
    assert not found, "axe found serious or critical violations:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_no_serious_violation(server: str, page: Any, lang: str) -> None:
    check_pages(page, server, f"lang={lang}", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_presenter_mode_has_no_serious_violation(server: str, page: Any, lang: str) -> None:
    check_pages(page, server, f"lang={lang}&present=1", f"present-{lang}")
    # The mode really was on: the presenter toggle is there and checked.
    toggle = page.get_by_role("switch", name=ui("present.toggle", lang))
    assert toggle.is_checked()


@pytest.mark.parametrize("lang", LANGS)
def test_results_have_no_serious_violation(server: str, page: Any, lang: str) -> None:
    """What appears after input: the procurement route with its chart and tables, the examples table."""
    need_axe()
    found: list[str] = []
    page.goto(url(server, "procurement", f"lang={lang}"))
    wait_ready(page)
    field = page.get_by_role("textbox", name=ui("proc.input.value", lang), exact=True)
    field.fill("1500000")
    field.press("Enter")
    page.get_by_role("heading", name=re.compile(re.escape(ui("proc.chart.heading", lang)))).wait_for()
    wait_idle(page)
    wait_charts(page)
    assert_no_exception(page)
    found += [describe(f"procurement result ({lang})", blocking(run_axe(page)))]

    page.goto(url(server, "examples", f"lang={lang}"))
    wait_ready(page)
    page.get_by_role("radio", name=ui("examples.view.table", lang), exact=True).click()
    page.locator(".st-key-examples_table table").first.wait_for()
    wait_idle(page)
    found += [describe(f"examples table ({lang})", blocking(run_axe(page)))]
    found = [f for f in found if f]
    assert not found, "axe found serious or critical violations:\n" + "\n".join(found)
