"""Real browser: the examples library's table and the forms at a glance fit the page on a wide screen
and on a phone, their last column too."""

from __future__ import annotations

import pytest

from guide import content as content_mod
from guide import library
from tests.support.browser import assert_no_exception, shot, wait_idle, wait_ready

pytestmark = pytest.mark.browser

SCREENS = {"wide": {"width": 1366, "height": 2400}, "phone": {"width": 390, "height": 844}}

MEASURE = """(key) => {
  const box = document.querySelector('.st-key-' + key);
  const table = box.querySelector('table');
  const cells = [...table.querySelectorAll('tbody td')];
  return {
    box: box.getBoundingClientRect().width,
    table: table.getBoundingClientRect().width,
    scroll: table.scrollWidth,
    widest: Math.max(...cells.map(td => td.getBoundingClientRect().right - box.getBoundingClientRect().left)),
    labels: [...table.querySelectorAll('tbody tr:first-child td')].map(
      td => getComputedStyle(td, '::before').content),
  };
}"""


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_table_view_fits_the_screen(browser, server: str, lang: str, screen: str) -> None:  # type: ignore[no-untyped-def]
    c = content_mod.default()
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{server}/examples?lang={lang}")
        wait_ready(page, text=c.t("examples.lead", lang)[:30])
        main = page.locator('[data-testid="stMain"]')
        main.get_by_text(c.t("examples.view.table", lang), exact=True).click()
        page.wait_for_selector(".st-key-examples_table table tbody tr")
        wait_idle(page)
        assert_no_exception(page)
        rows = page.locator(".st-key-examples_table tbody tr")
        assert rows.count() == len(c.cases)
        first = next(iter(c.cases.values()))
        assert rows.first.locator("td").first.inner_text().strip() == first.title(lang)  # type: ignore[arg-type]
        m = page.evaluate(MEASURE, "examples_table")
        # the whole table, its last column too, lies inside the page's column
        assert m["table"] <= m["box"] + 0.5 and m["scroll"] <= m["box"] + 0.5, m
        assert m["widest"] <= m["box"] + 0.5, m
        header = [c.t(f"examples.col.{k}", lang) for k in library.COLUMNS]
        if screen == "phone":  # a row is a box of lines, each cell named by its column
            assert m["labels"] == [f'"{h}: "' for h in header], m["labels"]
        else:  # a table with its header row
            assert m["labels"] == ["none"] * len(header), m["labels"]
            shown = page.locator(".st-key-examples_table thead th").all_inner_texts()
            assert [s.strip() for s in shown] == header
        page.locator(".st-key-examples_table table").scroll_into_view_if_needed()
        shot(page, f"examples-table-{screen}-{lang}")
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_forms_at_a_glance_fit_the_screen(browser, server: str, lang: str, screen: str) -> None:  # type: ignore[no-untyped-def]
    c = content_mod.default()
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{server}/cooperation-forms?lang={lang}")
        wait_ready(page, text=c.t("forms.glance.heading", lang))
        box = "forms_glance_table_1"  # the presenter's second block
        page.wait_for_selector(f".st-key-{box} table tbody tr")
        wait_idle(page)
        assert_no_exception(page)
        assert page.locator(f".st-key-{box} tbody tr").count() == len(c.forms)
        m = page.evaluate(MEASURE, box)
        assert m["table"] <= m["box"] + 0.5 and m["scroll"] <= m["box"] + 0.5, m
        assert m["widest"] <= m["box"] + 0.5, m
        value = c.t("forms.glance.col.value", lang)  # the guide's estimate, named as such
        if screen == "phone":
            assert f'"{value}: "' in m["labels"], m["labels"]
        else:
            assert value in [s.strip() for s in page.locator(f".st-key-{box} thead th").all_inner_texts()]
        page.locator(f".st-key-{box} table").scroll_into_view_if_needed()
        shot(page, f"forms-glance-{screen}-{lang}")
    finally:
        context.close()
