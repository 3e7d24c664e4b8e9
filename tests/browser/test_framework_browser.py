"""Real browser: no English words of Streamlit's own on nynorsk and bokmål pages, also those it
shows only while the user acts: the hint under a text field while typing ("Press Enter to
apply"), a select box's empty search ("No results") and placeholder ("Choose an option"), the
password field's eye ("Show password") and the table editor's buttons ("Add row")."""

from __future__ import annotations

import re
from typing import Any

import pytest

from guide import content as content_mod
from guide.ui import framework
from tests.support.browser import assert_no_exception, wait_idle, wait_ready
from tests.support.server import SHOTS
from tests.support.words import ui

pytestmark = pytest.mark.browser

TEXTS = """() => {
  const out = [];
  const it = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = it.nextNode(); n; n = it.nextNode()) {
    const pe = n.parentElement;
    if (!pe || pe.closest('script, style, noscript')) continue;
    const s = n.nodeValue.trim();
    if (s) out.push(s);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    for (const a of ['aria-label', 'title', 'placeholder']) {
      const v = el.getAttribute(a);
      if (v) out.push(v.trim());
    }
  }
  return out;
}"""


def english() -> list[tuple[str, re.Pattern[str]]]:
    """Each of Streamlit's texts the app rewrites, as a pattern of its English wording."""
    c = content_mod.default()
    out = []
    for key in framework.KEYS:
        en = c.t(key, "en")
        parts = re.split(r"\{\w+\}", en)
        out.append((key, re.compile("^" + "(.+?)".join(re.escape(p) for p in parts) + "$")))
    return out


def leftovers(page: Any) -> list[str]:
    seen = page.evaluate(TEXTS)
    return sorted({f"{key}: {s!r}" for s in seen for key, rx in english() if rx.match(s)})


def open_slug(page: Any, server: str, slug: str, lang: str) -> Any:
    page.goto(f"{server}/{slug}?lang={lang}")
    wait_ready(page)
    return page.locator('[data-testid="stMain"]')


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_no_english_framework_words_while_the_user_acts(server: str, page: Any, lang: str) -> None:
    found: dict[str, list[str]] = {}
    # The checker: typing in the value field (the hint under it), searching a select box in vain.
    main = open_slug(page, server, "procurement", lang)
    box = main.get_by_role("textbox", name=ui("proc.input.value", lang), exact=True)
    box.click()
    box.press_sequentially("1234")
    page.locator('[data-testid="InputInstructions"]').first.wait_for()
    page.wait_for_timeout(300)
    found["procurement: typing"] = leftovers(page)
    hint = page.locator('[data-testid="InputInstructions"]').first.inner_text()
    assert ui("st.input.apply", lang) in hint, hint
    box.press("Enter")
    wait_idle(page)
    main.get_by_role("combobox", name=ui("proc.input.buyer", lang)).click()
    page.keyboard.type("qqqzzz")
    page.get_by_text(ui("st.select.no_results", lang), exact=True).first.wait_for()
    found["procurement: select search"] = leftovers(page)
    page.keyboard.press("Escape")
    page.screenshot(path=str(SHOTS / f"framework-{lang}-procurement.png"))
    # The facilitator's PIN (a password field with its eye), the phone's table choice, the editor.
    open_slug(page, server, "workshop", lang)
    page.locator('input[type="password"]').first.wait_for()
    found["workshop"] = leftovers(page)
    open_slug(page, server, "join", lang)
    found["join"] = leftovers(page)
    open_slug(page, server, "impact", lang)
    found["impact"] = leftovers(page)
    assert_no_exception(page)
    assert not any(found.values()), found


def test_the_check_can_see_streamlits_english() -> None:
    """The patterns match Streamlit's own texts (so the test above can fail)."""
    texts = ["Press Enter to apply", "Choose an option", "Show password", "No results",
             "Press Ctrl+Enter to apply", "Add row"]
    matched = {s for s in texts for _, rx in english() if rx.match(s)}
    assert matched == set(texts)
