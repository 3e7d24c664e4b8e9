"""Real-browser fixtures: one app server and one Chromium for each worker of the run (the whole run
without ``-n``), a fresh browser context for each test. The helpers are in ``tests/support``.

Without /usr/bin/chromium these tests skip with a message saying how to install it, except
when CI=true, where they fail: CI must run them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, DESKTOP, TIMEOUT_MS, need_browser
from tests.support.server import serving


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app's base URL, with its live workshops in a SQLite file of this run's own (never the
    project's data/): the pages and the workshops of every browser test of a worker share it."""
    need_browser()
    db = tmp_path_factory.mktemp("workshops") / "workshops.db"
    with serving({"WORKSHOP_DB_PATH": str(db), "WORKSHOP_DATABASE_URL": ""}) as (_, base):
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    p = context.new_page()
    p.set_default_timeout(TIMEOUT_MS)
    yield p
    context.close()
