"""Debian's headless Chromium, and the waits and checks of a page in it.

Without Chromium the browser tests skip with a message saying how to install it, except when
CI=true, where they fail: CI must run them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.support.server import SHOTS

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
