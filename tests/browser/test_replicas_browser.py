"""Real browser: two app processes behind HAProxy (deploy/haproxy.cfg) on one PostgreSQL.

The shared screen is pinned to one replica and a participant's phone to the other (the balancer's
sticky-session cookie names the replica); the participant's answer shows on the shared screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest

from guide import content as content_mod
from tests.support.browser import assert_no_exception, shot, wait_ready
from tests.support.server import SHOTS, balanced
from tests.support.words import in_lang

pytestmark = pytest.mark.browser

PIN = "731904"
C = content_mod.default()


t = in_lang("nb")


@pytest.fixture(scope="module")
def replicas(browser: object, scratch_pg: Callable[[str], str]) -> Iterator[tuple[list[object], str]]:
    url = scratch_pg("replicas")
    with balanced({"WORKSHOP_DATABASE_URL": url}) as (procs, base):
        yield procs, base


def test_a_participant_on_one_replica_shows_on_the_shared_screen_of_the_other(replicas, browser) -> None:  # type: ignore[no-untyped-def]
    _, base = replicas
    host = re.sub(r"^https?://", "", base).split(":")[0]
    # The balancer speaks TLS with a certificate made for the test.
    screen_ctx = browser.new_context(viewport={"width": 1280, "height": 900}, ignore_https_errors=True)
    phone_ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                    ignore_https_errors=True)
    try:
        for ctx, replica in ((screen_ctx, "a"), (phone_ctx, "b")):
            ctx.add_cookies([{"name": "VTS_REPLICA", "value": replica, "domain": host, "path": "/"}])
        screen, phone = screen_ctx.new_page(), phone_ctx.new_page()
        for p in (screen, phone):
            p.set_default_timeout(30_000)
        screen.goto(f"{base}/workshop")
        wait_ready(screen, text=t("workshop.new.submit"))
        screen.get_by_label(t("workshop.new.title"), exact=True).fill("To maskiner")
        screen.get_by_label(t("workshop.new.pin"), exact=True).fill(PIN)
        screen.get_by_role("button", name=t("workshop.new.submit")).click()
        heading = screen.get_by_role("heading", name=re.compile(re.escape(t("workshop.code", code=""))))
        heading.wait_for()
        code = heading.inner_text().strip().split()[-1]
        # The QR code is a media file of replica a: the sticky session brings it from there.
        loaded = "img => new Promise(r => img.complete ? r(img.naturalWidth) : img.onload = () => r(1))"
        assert screen.locator('[data-testid="stImage"] img').first.evaluate(loaded)

        phone.goto(f"{base}/join?code={code}")
        wait_ready(phone, text=t("join.lead")[:30])
        phone.get_by_role("button", name=t("join.submit")).click()
        first = sorted(C.myths.values(), key=lambda m: m.number)[0]
        phone.get_by_text(first.claim.nb).wait_for()
        choice = t("workshop.opt.believe_false")
        phone.get_by_role("button", name=choice).click()
        phone.get_by_text(t("join.your_answer", answer=choice)).wait_for()

        screen.get_by_text(t("workshop.answered", n=1, total=1)).wait_for(timeout=5_000)
        shot(screen, "replicas-shared-screen")
        for ctx, replica in ((screen_ctx, "a"), (phone_ctx, "b")):
            got = {c["name"]: c["value"] for c in ctx.cookies()}
            assert got.get("VTS_REPLICA") == replica, "each browser stayed on its own replica"
        # The balancer's log names the replica of every request: both served a session's websocket.
        log = (SHOTS / f"haproxy-{base.rsplit(':', 1)[1]}.log").read_text(errors="replace")
        streams = [line for line in log.splitlines() if "/_stcore/stream" in line]
        assert any("replicas/a" in line for line in streams), log[-2000:]
        assert any("replicas/b" in line for line in streams), log[-2000:]
        for p in (screen, phone):
            assert_no_exception(p)
    finally:
        screen_ctx.close()
        phone_ctx.close()
