"""Every page in every language, on a desktop (1366×768) and on a phone (390×844).

For each page of the navigation, in each language of ``guide.model.LANGS``, at both sizes:

- the document's language (``<html lang>``) is the page's;
- the page does not scroll sideways: the document and Streamlit's scroll container are no wider
  than the window (a wide table scrolls inside its own box);
- no UI string of another language is on the page: every visible text, accessible name, title
  and placeholder is compared with the UI strings of ``content/ui/`` in the other languages that
  differ from the page's own (Streamlit's own English texts are UI strings too, in
  ``content/ui/framework.yaml``);
- axe-core finds no serious or critical violation.

One browser and one server for all of it; one test per size and language, each visiting every
page in one browser tab, so that a failure names the size and the language and lists every page.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest

from guide import content as content_mod
from guide.model import LANGS
from guide.ui.nav import PAGES
from tests.support.axe import blocking, describe, need_axe, run_axe, wait_charts
from tests.support.browser import assert_no_exception, shot, wait_ready

pytestmark = pytest.mark.browser

SIZES = {"desktop": (1366, 768), "phone": (390, 844)}
#: Keys whose text is the same on every page by design: the names of the languages in the switch.
SAME_EVERYWHERE = re.compile(r"^lang\.")
MIN_LITERAL = 6  # a string with fields must have this many fixed characters to be looked for

#: The document and Streamlit's scroll containers; none may be wider than its box.
OVERFLOW = """() => {
  const els = [document.documentElement, document.body,
    ...document.querySelectorAll('[data-testid="stAppViewContainer"], [data-testid="stMain"]')];
  const W = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= W + 1) continue;
    let p = el.parentElement, inBox = false;
    while (p && p.getAttribute('data-testid') !== 'stMain') {
      const o = getComputedStyle(p).overflowX;
      if (o !== 'visible' && p.getBoundingClientRect().right <= W + 1) { inBox = true; break; }
      p = p.parentElement;
    }
    if (!inBox) wide.push(`${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') || ''}] `
                          + `${Math.round(r.right)}px: ${(el.textContent || '').trim().slice(0, 40)}`);
  }
  return {
    over: els.filter(e => e.scrollWidth > e.clientWidth + 1)
             .map(e => `${e.tagName.toLowerCase()}[${e.getAttribute('data-testid') || ''}] `
                       + `${e.scrollWidth} > ${e.clientWidth}`),
    wide: wide.slice(0, 5),
  };
}"""

#: What a user meets on the page: text nodes and whole texts of elements that are shown, and the
#: accessible names, titles and placeholders. Hidden parts (aria-hidden, display: none) are left
#: out: an icon's ligature ("home") is not text.
TEXTS = """() => {
  const out = new Set();
  const hidden = (el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      if (e.getAttribute('aria-hidden') === 'true') return true;
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden') return true;
    }
    return false;
  };
  const add = (s) => {
    for (const line of (s || '').split('\\n')) { const t = line.trim(); if (t) out.add(t); }
  };
  const it = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = it.nextNode(); n; n = it.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('script, style') || hidden(el)) continue;
    add(n.nodeValue);
  }
  const whole = 'p, li, h1, h2, h3, h4, h5, h6, label, button, a, th, td, summary';
  for (const el of document.querySelectorAll(whole)) {
    if (!hidden(el)) add(el.innerText);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    if (el.closest('[aria-hidden="true"]')) continue;
    for (const a of ['aria-label', 'title', 'placeholder', 'alt']) add(el.getAttribute(a));
  }
  return [...out];
}"""


def url(server: str, slug: str, lang: str) -> str:
    return f"{server}/{'' if slug == 'home' else slug}?lang={lang}"


def _pattern(s: str) -> re.Pattern[str] | None:
    """A UI string as a pattern for a whole text: its fields (``{n}``) match anything; None if it
    has too few fixed characters to say anything."""
    parts = re.split(r"\{[^{}]*\}", s)
    if sum(len(p.strip()) for p in parts) < MIN_LITERAL:
        return None
    return re.compile(r"^" + r".+?".join(re.escape(p) for p in parts) + r"$", re.DOTALL)


@cache
def foreign(lang: str) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(key, text, pattern) of each UI string in another language that must not be on a page in
    ``lang``: it differs from the string in ``lang`` and is not a string of ``lang`` anyway."""
    c = content_mod.default()
    own = {text(lang) for text in c.ui.values()}  # type: ignore[arg-type]
    out: dict[str, tuple[str, str, re.Pattern[str]]] = {}
    for key, text in c.ui.items():
        if SAME_EVERYWHERE.match(key):
            continue
        mine = text(lang)  # type: ignore[arg-type]
        for other in LANGS:
            s = text(other)  # type: ignore[arg-type]
            if other == lang or s == mine or s in own or s in out:
                continue
            pattern = _pattern(s)
            if pattern is not None:
                out[s] = (key, s, pattern)
    return tuple(out.values())


def untranslated(lang: str, texts: list[str]) -> list[str]:
    found = []
    for t in texts:
        for key, s, pattern in foreign(lang):
            if pattern.match(t):
                found.append(f"{t!r} (is {key} of another language: {s!r})")
                break
    return found


def test_the_check_finds_a_string_of_another_language() -> None:
    c = content_mod.default()
    assert untranslated("nb", [c.t("page.sources.title", "en")]), "an English title on a Norwegian page"
    assert untranslated("nb", [c.t("st.help_for", "en", label="Presentasjonsmodus")]), "Streamlit's English"
    assert not untranslated("nb", [c.t("page.sources.title", "nb"), "Bærum kommune"])
    assert untranslated("en", [c.t("q.result.for", "nb")])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_fits_is_in_its_language_and_has_no_serious_violation(
    server: str, browser: Any, size: str, lang: str
) -> None:
    need_axe()
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems: list[str] = []
    try:
        for p in PAGES:
            where = f"{p.slug} ({lang}, {size} {width}×{height})"
            page.goto(url(server, p.slug, lang))
            wait_ready(page)
            wait_charts(page)
            assert_no_exception(page)
            bad = blocking(run_axe(page))  # waits for the page to settle first
            said = page.evaluate("document.documentElement.lang")
            if said != lang:
                problems.append(f"{where}: the document says its language is {said!r}")
            if bad:
                problems.append(describe(where, bad))
            fit = page.evaluate(OVERFLOW)
            if fit["over"]:
                problems.append(f"{where}: the page scrolls sideways: {fit['over']}; too wide: {fit['wide']}")
            wrong = untranslated(lang, page.evaluate(TEXTS))
            if wrong:
                problems.append(f"{where}: not in the page's language: " + "; ".join(wrong[:8]))
            if bad or fit["over"] or wrong or said != lang:
                shot(page, f"lang-phone-{p.slug}-{lang}-{size}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
