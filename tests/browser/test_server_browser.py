"""The app's HTTP surface, served for real (`streamlit run app.py`, which serves shell.py through
st.App): the headers of a page, the health route and a static file; closed paths; the upload
limit; and every page in Chromium without a Content-Security-Policy violation or a request to
another host."""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

import pytest

from guide.ui.nav import PAGES
from tests.support.browser import wait_ready
from tests.support.http import CSP_LISTENER, assert_protected, fetch, static_file

pytestmark = pytest.mark.browser

#: Collects every CSP violation of the page and its frames (Chromium also logs them).
def test_a_page_the_health_route_and_a_static_file_carry_the_headers(server: str) -> None:
    for path in ("/", "/workshop", "/health", static_file(server)):
        status, headers, _ = fetch(server + path)
        assert status == 200, path
        assert_protected(headers)
    status, _, body = fetch(server + "/health")
    assert body == b"ok\n"


def test_metrics_and_unknown_hosts_are_refused(server: str) -> None:
    status, headers, _ = fetch(server + "/_stcore/metrics")
    assert status == 404
    assert_protected(headers)
    status, _, _ = fetch(server + "/", host="evil.example")
    assert status == 400
    assert fetch(server + "/health", host="localhost")[0] == 200


def test_an_upload_above_one_megabyte_is_refused_by_the_server(server: str) -> None:
    """Sent straight to the upload route (the browser's own check is not there): refused with 413
    from the length alone, before the body is read."""
    parts = urlsplit(server)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=20)
    try:
        conn.putrequest("PUT", "/_stcore/upload_file/some-session/some-file")
        conn.putheader("Content-Type", "multipart/form-data; boundary=x")
        conn.putheader("Content-Length", str(50 * 1024 * 1024))
        conn.endheaders()
        conn.send(b"--x\r\n")  # the rest never comes: the answer must not wait for it
        response = conn.getresponse()
        assert response.status == 413
    finally:
        conn.close()


def test_no_page_breaks_the_content_security_policy(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    """Every page of the navigation, in one tab: no CSP violation (event or console) and no
    request to another host (the page icon is the app's own)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.add_init_script(CSP_LISTENER)
        page = context.new_page()
        page.set_default_timeout(30_000)
        logged: list[str] = []
        foreign: list[str] = []
        page.on("console", lambda m: logged.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("request", lambda r: None if r.url.startswith((server, "data:", "blob:", "about:"))
                else foreign.append(r.url))
        for p in PAGES:
            page.goto(f"{server}/{'' if p.slug == 'home' else p.slug}")
            wait_ready(page)
            assert page.evaluate("window.__csp") == [], p.slug
        icon = page.evaluate("document.querySelector(\"link[rel='shortcut icon']\").href")
        assert icon.startswith(server), icon
        assert logged == []
        assert foreign == []
    finally:
        context.close()
