"""Debian's headless Chromium, and the waits and checks of a page in it.

Without Chromium the browser tests skip with a message saying how to install it, except when
CI=true, where they fail: CI must run them.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

import pytest

from tests.support.server import SHOTS
from tests.support.words import ui

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
DESKTOP = {"width": 1280, "height": 900}
TIMEOUT_MS = 30_000


def need_browser() -> None:
    if Path(CHROMIUM).exists():
        return
    msg = (
        f"Chromium not found at {CHROMIUM}: install Debian's package with "
        "`sudo apt-get install chromium` to run the browser tests"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(msg)
    pytest.skip(msg)


def main(page: Any) -> Any:
    """The page's main area (not the sidebar)."""
    return page.locator('[data-testid="stMain"]')


def h1(page: Any) -> str:
    """The page's own title: the first h1 of its main area."""
    return str(main(page).locator("h1").first.inner_text()).strip()


def sidebar_visible(page: Any) -> bool:
    bars = page.locator('[data-testid="stSidebar"], [data-testid="stSidebarNav"]')
    return any(bars.nth(i).is_visible() for i in range(bars.count()))


def wait_ready(page: Any, *, text: str | None = None) -> None:
    """Wait for the page's own content (a title in the main area) and for reruns to finish."""
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=TIMEOUT_MS)
    if text is not None:
        page.get_by_text(text, exact=False).first.wait_for(timeout=TIMEOUT_MS)
    wait_idle(page)


def wait_idle(page: Any) -> None:
    """Wait until Streamlit reports no script running."""
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')""", timeout=TIMEOUT_MS
    )
    page.wait_for_timeout(300)


def assert_no_exception(page: Any) -> None:
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, boxes.first.inner_text()


def shot(page: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# ---------------------------------------------------------------------------
# Pages of the app as a user reaches them


def language_switch(page: object) -> object:
    """The app shell's language switch (a radio group labelled "Språk / Language")."""
    name = f"{ui('lang.label', 'nb')} / {ui('lang.label', 'en')}"
    return page.get_by_role("radiogroup", name=name, exact=True)  # type: ignore[attr-defined]


def switch_language(page: object, lang: str) -> None:
    """Click the language switch, as a user would."""
    radio = language_switch(page).get_by_role("radio", name=ui(f"lang.{lang}", lang), exact=True)  # type: ignore[attr-defined]
    for _ in range(3):  # a click during a rerun can be lost: check it took
        radio.click()
        wait_idle(page)
        if radio.get_attribute("aria-checked") == "true":
            break
    assert radio.get_attribute("aria-checked") == "true"
    page.locator('[data-testid="stMain"] h1').first.wait_for()  # type: ignore[attr-defined]


def open_app_page(page: object, server: str, slug: str, lang: str) -> None:
    """Open ``/<slug>?lang=<lang>``. If that deep link does not show the page in ``lang`` (the app
    shell's problem, not the page's), say so and get there as a user would: home, language, menu."""
    title = ui(f"page.{slug}.title", lang)
    page.goto(f"{server}/{slug}?lang={lang}")  # type: ignore[attr-defined]
    wait_ready(page)
    switch = language_switch(page)
    if h1(page) == title and switch.count() == 1:  # type: ignore[attr-defined]
        return
    warnings.warn(
        f"/{slug}?lang={lang} showed {h1(page)!r} (expected {title!r}) with {switch.count()} language "  # type: ignore[attr-defined]
        "switch(es): the app shell did not handle the deep link or its lang parameter; opening the "
        "page through the menu instead",
        stacklevel=2,
    )
    page.goto(f"{server}/")  # type: ignore[attr-defined]
    wait_ready(page)
    switch_language(page, lang)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=title).click()  # type: ignore[attr-defined]
    wait_ready(page, text=title)
    assert h1(page) == title


def value_box(page: object, lang: str) -> object:
    return page.get_by_role("textbox", name=ui("proc.input.value", lang), exact=True)  # type: ignore[attr-defined]


def type_value(page: object, lang: str, value: str) -> None:
    box = value_box(page, lang)
    box.fill(value)  # type: ignore[attr-defined]
    box.press("Enter")  # type: ignore[attr-defined]
    wait_idle(page)


def report_text(page: Any) -> str:
    """The report page's text once its charts are drawn, without the charts' own drawing (their
    tick labels depend on the drawn size); each chart's text alternative, with its figures, stays."""
    body = page.locator(".st-key-report_body")
    for n in range(body.locator('[data-testid="stPlotlyChart"]').count()):
        body.locator('[data-testid="stPlotlyChart"]').nth(n).locator("svg.main-svg").first.wait_for()
    wait_idle(page)
    return str(body.evaluate("""el => {
        const copy = el.cloneNode(true);
        copy.querySelectorAll('[data-testid="stPlotlyChart"]').forEach(c => c.remove());
        copy.style.position = "absolute"; copy.style.left = "-10000px";
        document.body.appendChild(copy);
        const text = copy.innerText;
        copy.remove();
        return text;
    }"""))
