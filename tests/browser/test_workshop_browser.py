"""Real browser: a facilitator's shared screen and two participants' phones in one live workshop.

The participants answer on their phones; the shared screen shows the counts within 5 s.
"""

from __future__ import annotations

import re
import time

import pytest

from guide import content as content_mod
from tests.support.browser import assert_no_exception, shot, wait_ready
from tests.support.words import in_lang

pytestmark = pytest.mark.browser

PIN = "573195"
PHONE = {"width": 390, "height": 844}


t = in_lang("nb")


def test_two_phones_answer_and_the_shared_screen_counts_within_5_s(server: str,
                                                                   browser) -> None:  # type: ignore[no-untyped-def]
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900})]
    contexts += [browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True) for _ in range(2)]
    try:
        screen, *phones = [ctx.new_page() for ctx in contexts]
        for p in (screen, *phones):
            p.set_default_timeout(30_000)

        # The facilitator creates a workshop and gets its code.
        screen.goto(f"{server}/workshop")
        wait_ready(screen, text=t("workshop.new.submit"))
        screen.get_by_label(t("workshop.new.title"), exact=True).fill("Myteverksted i Bodø")
        screen.get_by_label(t("workshop.new.pin"), exact=True).fill(PIN)
        screen.get_by_role("button", name=t("workshop.new.submit")).click()
        heading = screen.get_by_role("heading", name=re.compile(re.escape(t("workshop.code", code=""))))
        heading.wait_for()
        code = heading.inner_text().strip().split()[-1]
        assert re.fullmatch(r"[A-Z0-9]{6}", code), code
        screen.get_by_text(t("workshop.answered", n=0, total=0)).wait_for()
        qr = screen.locator('[data-testid="stImage"] img').first
        qr.wait_for()  # the QR code is shown, large enough to scan
        assert qr.evaluate("img => img.complete && img.naturalWidth >= 200")
        shot(screen, "workshop-shared-screen-empty")

        # Two participants open the join link on their phones, with the code filled in.
        first = content_mod.default().myths["myth_all_to_tender"]
        choices = [t("workshop.opt.believe_false"), t("workshop.opt.believe_true")]
        for i, phone in enumerate(phones):
            phone.goto(f"{server}/join?code={code.lower()}")
            wait_ready(phone, text=t("join.lead")[:30])
            assert phone.get_by_label(t("join.code"), exact=True).input_value() == code.lower()
            phone.get_by_label(t("join.nickname"), exact=True).fill(f"<b>deltaker {i}</b>")
            phone.get_by_role("button", name=t("join.submit")).click()
            phone.get_by_text(first.claim.nb).wait_for()
            phone.get_by_text(f"<b>deltaker {i}</b>", exact=True).wait_for()  # shown as plain text
            no_sideways = phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
            assert no_sideways, "the join page fits a phone's width"
        for phone, choice in zip(phones, choices, strict=True):
            phone.get_by_role("button", name=choice).click()
        answered = time.monotonic()
        for phone, choice in zip(phones, choices, strict=True):
            phone.get_by_text(t("join.your_answer", answer=choice)).wait_for()
        shot(phones[0], "workshop-phone-answered")

        # The shared screen shows both answers within 5 s, without anyone touching it.
        screen.get_by_text(t("workshop.answered", n=2, total=2)).wait_for(timeout=5_000)
        screen.get_by_text(t("workshop.participants", n=2), exact=True).wait_for(timeout=5_000)
        assert time.monotonic() - answered < 5
        shot(screen, "workshop-shared-screen-answers")

        # The facilitator reveals the answer: the room's answers and the verdict show; the phones
        # show the verdict, then follow to the next.
        screen.get_by_role("button", name=t("workshop.reveal")).click()
        screen.get_by_text(first.verdict.nb).first.wait_for()
        alt = screen.get_by_text(t("workshop.chart.alt", items="")[:20]).first.inner_text()
        for choice in choices:
            assert t("workshop.chart.alt_item", option=choice, n=1) in alt
        for phone in phones:
            phone.get_by_text(first.verdict.nb).wait_for(timeout=5_000)
            assert phone.get_by_role("button", name=choices[0]).is_disabled()
        shot(screen, "workshop-shared-screen-revealed")
        screen.get_by_role("button", name=t("workshop.next")).click()
        second = content_mod.default().myths["myth_announce_over_100k"]
        for phone in phones:
            phone.get_by_text(second.claim.nb).wait_for(timeout=5_000)
        for p in (screen, *phones):
            assert_no_exception(p)
    finally:
        for ctx in contexts:
            ctx.close()
