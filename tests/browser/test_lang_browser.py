"""Real browser: ``<html lang>`` is the page's language (nb, nn or en) on every page opened from a
link, after moving between pages and after every language switch (WCAG 2.1, 3.1.1)."""

from __future__ import annotations

import pytest

from guide import content as content_mod
from guide.model import LANGS
from tests.support.browser import assert_no_exception, shot, wait_idle, wait_ready

pytestmark = pytest.mark.browser

#: A page of each kind: the start page, a questionnaire, a calculator, a knowledge page.
SLUGS = ("home", "readiness", "procurement", "calendar", "myths")


def html_lang(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.evaluate("() => document.documentElement.lang"))


def wait_lang(page, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The attribute is set by a script the page runs: wait for it, then read it."""
    page.wait_for_function("(l) => document.documentElement.lang === l", arg=lang, timeout=15_000)


def title(slug: str, lang: str) -> str:
    c = content_mod.default()
    return c.t("home.title" if slug == "home" else f"page.{slug}.title", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_opens_each_page_in_its_language(server: str, page, lang: str) -> None:  # type: ignore[no-untyped-def]
    for slug in SLUGS:
        path = "" if slug == "home" else slug
        page.goto(f"{server}/{path}?lang={lang}")
        wait_ready(page, text=title(slug, lang))
        wait_lang(page, lang)
        assert html_lang(page) == lang, slug
        assert_no_exception(page)
        if slug in ("home", "readiness", "procurement"):
            shot(page, f"lang-{slug}-{lang}")


def test_the_language_follows_navigation_and_every_switch(server: str, page) -> None:  # type: ignore[no-untyped-def]
    c = content_mod.default()
    page.goto(f"{server}/?lang=nn")
    wait_ready(page, text=c.t("home.lead", "nn")[:40])
    wait_lang(page, "nn")
    nav = page.locator('[data-testid="stSidebar"]')
    bar = page.locator(".st-key-lang_bar")
    # Moving between pages keeps it.
    for slug in ("readiness", "myths", "home"):
        nav.get_by_role("link", name=c.t(f"page.{slug}.title", "nn"), exact=True).click()
        page.get_by_role("heading", name=title(slug, "nn")).first.wait_for()
        wait_idle(page)
        assert html_lang(page) == "nn", slug
    # Every switch, in every order, changes it; and the page that follows keeps it.
    nav.get_by_role("link", name=c.t("page.procurement.title", "nn"), exact=True).click()
    page.get_by_role("heading", name=title("procurement", "nn")).first.wait_for()
    for lang in ("en", "nb", "nn", "en", "nn", "nb"):
        bar.get_by_text(c.t(f"lang.{lang}", lang), exact=True).click()
        page.get_by_role("heading", name=title("procurement", lang)).first.wait_for()
        wait_idle(page)
        wait_lang(page, lang)
        assert f"lang={lang}" in page.url
        nav.get_by_role("link", name=c.t("page.calendar.title", lang), exact=True).click()
        page.get_by_role("heading", name=title("calendar", lang)).first.wait_for()
        wait_idle(page)
        assert html_lang(page) == lang
        nav.get_by_role("link", name=c.t("page.procurement.title", lang), exact=True).click()
        page.get_by_role("heading", name=title("procurement", lang)).first.wait_for()
        wait_idle(page)
        assert html_lang(page) == lang
    # A reload of the page keeps the language from the link.
    page.reload()
    wait_ready(page, text=title("procurement", "nb"))
    wait_lang(page, "nb")
    assert_no_exception(page)


def test_a_quotation_kept_in_bokmal_is_marked_on_a_nynorsk_page(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/advice?lang=nn")
    wait_ready(page, text=title("advice", "nn"))
    wait_lang(page, "nn")
    quotes = page.locator('[data-testid="stMain"] blockquote[lang="nb"]')
    assert quotes.count() > 0
    # the speaker's line is in the page's language again
    assert quotes.first.locator('p[lang="nn"]').count() == 1
    assert page.evaluate(
        """() => [...document.querySelectorAll('blockquote[lang="nb"]')]
                 .every(q => q.closest('[data-testid="stMarkdown"]'))""")


@pytest.mark.parametrize("lang", LANGS)
def test_presenter_mode_and_the_phone_page_have_the_language(server: str, page, lang: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/myths?lang={lang}&present=1")
    wait_ready(page, text=title("myths", lang))
    wait_lang(page, lang)
    page.goto(f"{server}/join?lang={lang}")
    wait_ready(page, text=title("join", lang))
    wait_lang(page, lang)
    assert_no_exception(page)
