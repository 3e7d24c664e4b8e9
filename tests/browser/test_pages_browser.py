"""Real browser: open every page from the navigation in every language; no exception box anywhere."""

from __future__ import annotations

import pytest

from guide import content as content_mod
from guide.model import LANGS
from guide.ui.nav import PAGES
from tests.support.browser import assert_no_exception, shot, wait_ready

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_from_the_navigation(server: str, page, lang: str) -> None:  # type: ignore[no-untyped-def]
    c = content_mod.default()
    page.goto(f"{server}/?lang={lang}")
    wait_ready(page, text=c.t("home.lead", lang)[:40])
    assert_no_exception(page)
    nav = page.locator('[data-testid="stSidebar"]')
    for p in PAGES:
        title = c.t(f"page.{p.slug}.title", lang)
        nav.get_by_role("link", name=title, exact=True).click()
        page.wait_for_url(f"**/{'' if p.slug == 'home' else p.slug}*")
        wait_ready(page)
        # The language chosen survives the page change.
        assert page.locator('[data-testid="stMain"] h1').first.inner_text().strip() in (
            title, c.t("home.title", lang))
        assert_no_exception(page)
        shot(page, f"page-{p.slug}-{lang}")
        if p.slug == "join":  # the phone's page has no navigation: back to the others by the link
            assert nav.count() == 0 or not nav.is_visible(), "the join page shows no sidebar"
            page.goto(f"{server}/?lang={lang}")
            wait_ready(page, text=c.t("home.lead", lang)[:40])


def test_language_switch_keeps_the_page(server: str, page) -> None:  # type: ignore[no-untyped-def]
    c = content_mod.default()
    page.goto(f"{server}/examples")
    wait_ready(page, text=c.t("page.examples.title", "nb"))
    page.locator(".st-key-lang_bar").get_by_text("English", exact=True).click()
    page.get_by_role("heading", name=c.t("page.examples.title", "en")).wait_for()
    assert "lang=en" in page.url
    assert "/examples" in page.url
    assert_no_exception(page)
