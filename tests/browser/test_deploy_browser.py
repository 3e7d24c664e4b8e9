"""The deployment recipe (deploy/haproxy.cfg) with two app processes: TLS with a certificate made
for the test, HSTS and the app's headers through the balancer, a log without query strings, and a
request sent to the other replica at once when one dies."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.browser import wait_ready
from tests.support.http import CSP_LISTENER, assert_protected, fetch, static_file
from tests.support.server import balanced, balancer_files, tls_context

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def deployed(browser: object) -> Iterator[tuple[list[object], str]]:
    with tempfile.TemporaryDirectory() as tmp, \
            balanced({"WORKSHOP_DB_PATH": str(Path(tmp) / "workshops.db"),
                      "VTS_SECURITY_CONTACT": "sikkerhet@kommune.example"}) as (procs, base):
        yield procs, base  # type: ignore[misc]


def through_balancer(base: str, path: str, *, cookie: str | None = None) -> tuple[int, dict[str, str], bytes]:
    return fetch(base + path, cookie=cookie, context=tls_context(base))


def test_the_balancer_speaks_tls_and_sends_hsts_and_the_apps_headers(deployed) -> None:  # type: ignore[no-untyped-def]
    _, base = deployed
    assert base.startswith("https://")
    for path in ("/", "/health", static_file(base, context=tls_context(base))):
        status, headers, _ = through_balancer(base, path)
        assert status == 200, path
        assert headers.get("strict-transport-security", "").startswith("max-age="), path
        assert_protected(headers)
    status, headers, body = through_balancer(base, "/.well-known/security.txt")
    assert status == 200 and headers.get("strict-transport-security")
    assert body.decode().startswith("Contact: mailto:sikkerhet@kommune.example\nExpires: ")
    cookie = through_balancer(base, "/")[1].get("set-cookie", "")
    assert "VTS_REPLICA=" in cookie and "Secure" in cookie and "HttpOnly" in cookie


def test_a_page_works_over_tls_without_a_csp_violation(deployed, browser) -> None:  # type: ignore[no-untyped-def]
    _, base = deployed
    context = browser.new_context(ignore_https_errors=True)  # the test's own certificate
    try:
        context.add_init_script(CSP_LISTENER)
        page = context.new_page()
        page.goto(f"{base}/join?lang=en")
        wait_ready(page)
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()


def test_the_balancers_log_holds_paths_without_query_strings(deployed) -> None:  # type: ignore[no-untyped-def]
    _, base = deployed
    through_balancer(base, "/join?code=QX7TR2&p=seat-token-4471&lang=nb")
    through_balancer(base, "/workshop?ws=QX7TR2&key=facilitator-key-9931")
    log_path, _ = balancer_files(base)
    deadline = time.monotonic() + 10
    text = ""
    while time.monotonic() < deadline and "GET /workshop " not in text:
        time.sleep(0.2)
        text = log_path.read_text(encoding="utf-8", errors="replace")
    assert "GET /join " in text and "GET /workshop " in text  # the requests are logged ...
    for secret in ("key=", "p=", "code=", "ws=", "QX7TR2", "seat-token", "facilitator-key"):
        assert secret not in text, secret  # ... without their query strings


def test_a_replica_that_dies_is_replaced_at_once(deployed) -> None:  # type: ignore[no-untyped-def]
    """Last in the module: it ends replica a. A browser pinned to it is served by b at once."""
    procs, base = deployed
    procs[0].terminate()
    procs[0].wait(timeout=15)
    answers = [through_balancer(base, "/health", cookie="VTS_REPLICA=a")[0] for _ in range(5)]
    assert answers == [200] * 5
