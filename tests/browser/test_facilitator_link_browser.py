"""Real browser: the facilitator link (``/workshop?ws=<code>&key=<key>``) is exchanged once for an
HttpOnly, SameSite=Strict cookie by the server (server.py), so the key is in neither the address
bar nor the history: Back never shows it. A reload opens the workshop from the cookie, and leaving
the workshop on that screen deletes the cookie."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from guide import content as content_mod
from guide import workshop as ws
from tests.support.browser import wait_ready
from tests.support.http import CSP_LISTENER
from tests.support.server import serving

pytestmark = pytest.mark.browser

C = content_mod.default()


def t(key: str, **fmt: object) -> str:
    return C.t(key, "nb", **fmt)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, browser: object) -> Iterator[tuple[str, ws.Store]]:
    db: Path = tmp_path_factory.mktemp("facilitator") / "workshops.db"
    with serving({"WORKSHOP_DB_PATH": str(db), "WORKSHOP_DATABASE_URL": ""}) as (_, base):
        store = ws.Store(f"sqlite:///{db}")
        try:
            yield base, store
        finally:
            store.dispose()


def test_the_key_never_stays_in_the_address_or_the_history(served, browser) -> None:  # type: ignore[no-untyped-def]
    base, store = served
    made = store.create("Lenketest", pin="582046")
    code, key = made.code, made.facilitator_key
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        context.add_init_script(CSP_LISTENER)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{base}/workshop?ws={code}&key={key}&lang=nb")
        page.get_by_text(t("workshop.resumed", code=code)).wait_for()
        wait_ready(page)
        assert "key=" not in page.url and key not in page.url
        cookie = next(c for c in context.cookies() if c["name"] == f"vts_fac_{code}")
        assert cookie["value"] == key
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        assert page.evaluate("document.cookie").find(key) == -1  # the page's scripts cannot read it
        page.locator('[data-testid="stImage"] img').first.wait_for()  # the QR code
        assert page.evaluate("window.__csp") == []  # the facilitator's screen passes the CSP too

        # Back, as far as the history goes: no entry holds the key.
        seen = [page.url]
        for _ in range(int(page.evaluate("history.length")) - 1):  # the first entry is the blank tab
            try:
                went = page.go_back(wait_until="commit")
            except PlaywrightError:  # back to the blank tab the context opened with: the end
                break
            if went is None and page.url in seen[-1:]:
                break
            seen.append(page.url)
        assert not [u for u in seen if "key=" in u or key in u], seen

        # A reload of the workshop's address opens it from the cookie.
        page.goto(f"{base}/workshop?ws={code}&lang=nb")
        page.get_by_role("heading", name=t("workshop.code", code=code)).wait_for()
        wait_ready(page)

        # Leaving the workshop on this screen deletes the cookie the page could not touch.
        page.get_by_role("button", name=t("workshop.leave")).click()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(c["name"] == f"vts_fac_{code}" for c in context.cookies()):
            time.sleep(0.2)
        assert not [c for c in context.cookies() if c["name"] == f"vts_fac_{code}"]
    finally:
        context.close()
