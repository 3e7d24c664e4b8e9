"""Real browser, a 390×844 phone: the procurement checker after Enter shows its result without
scrolling, the table of thresholds fits the screen with its Status and Source, and the date field
reads 08.12.2026 (no gaps between its parts)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.support.browser import assert_no_exception, wait_idle, wait_ready
from tests.support.server import SHOTS
from tests.support.words import ui

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}

DATE = """() => {
  const parts = [...document.querySelectorAll('[data-testid="stDateInput"] [data-type]')];
  const gaps = [];
  for (let i = 1; i < parts.length; i++) {
    gaps.push(parts[i].getBoundingClientRect().left - parts[i - 1].getBoundingClientRect().right);
  }
  return {text: parts.map(p => p.textContent).join(''), gaps};
}"""

TABLE = """(header) => {
  const main = document.querySelector('[data-testid="stMain"]');
  const table = [...main.querySelectorAll('table')].find(t =>
      [...t.querySelectorAll('thead th')].map(th => th.innerText.trim()).join('|') === header.join('|'));
  if (!table) return null;
  const box = main.querySelector('.block-container').getBoundingClientRect();
  const row = table.querySelector('tbody tr');
  row.scrollIntoView({block: 'center'});
  const cells = [...row.querySelectorAll('td')];
  return {
    right: Math.max(...cells.map(td => td.getBoundingClientRect().right)), edge: box.right,
    labels: cells.map(td => getComputedStyle(td, '::before').content),
    hidden: cells.filter(td => td.getBoundingClientRect().width < 20).length,
  };
}"""


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_checker_on_a_phone(browser: Any, server: str, lang: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{server}/procurement?lang={lang}")
        wait_ready(page)
        page.locator('[data-testid="stDateInput"] [data-type="year"]').wait_for()
        date = page.evaluate(DATE)
        assert date["text"] == dt.date.today().strftime("%d.%m.%Y"), date
        assert all(g <= 1 for g in date["gaps"]), date  # not "2026 - 12 - 08"
        box = page.get_by_role("textbox", name=ui("proc.input.value", lang), exact=True)
        box.fill("2400000")
        box.press("Enter")
        wait_idle(page)
        page.locator(".st-key-proc_result").get_by_text(ui("proc.result.heading", lang, value="")).wait_for()
        page.wait_for_function(
            "() => { const h = document.querySelector('.st-key-proc_result');"
            " const r = h.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight * 0.5; }")
        page.screenshot(path=str(SHOTS / f"phone-checker-after-enter-{lang}.png"))
        columns = ("threshold", "amount", "valid_from", "status", "source")
        header = [ui(f"proc.col.{k}", lang) for k in columns]
        m = page.evaluate(TABLE, header)
        assert m is not None, "the table of the thresholds used"
        assert m["right"] <= m["edge"] + 0.5, m  # no column cut off at the right
        assert m["labels"] == [f'"{h}: "' for h in header], m  # each cell named: Status, Source too
        assert m["hidden"] == 0, m
        page.screenshot(path=str(SHOTS / f"phone-checker-thresholds-{lang}.png"))
        assert_no_exception(page)
    finally:
        context.close()
