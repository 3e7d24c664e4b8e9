"""Real browser: a whole session in presenter mode at 1920×1080 with three phones, in nb and en.

Create; three phones join by the QR code's link; three activities (a myth, the vote on the forms,
the vote on the first steps), each hidden until the facilitator shows it; the right/wrong message
on each phone; a reload of the projector and Back-then-reload on a phone in the middle; the
summary slide with export, close and delete.
"""

from __future__ import annotations

import re

import pytest

from guide import content as content_mod
from guide.workshop import questions as wq
from tests.support.browser import assert_no_exception, shot, wait_ready
from tests.support.words import in_lang

pytestmark = pytest.mark.browser

PIN = "864213"
PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
C = content_mod.default()


def in_view(page, locator) -> bool:  # type: ignore[no-untyped-def]
    """The element is on screen without scrolling: inside the viewport, top to bottom."""
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_whole_session_in_presenter_mode_with_three_phones(server: str, browser,  # type: ignore[no-untyped-def]
                                                             lang: str) -> None:
    t = in_lang(lang)

    projector_ctx = browser.new_context(viewport=PROJECTOR, accept_downloads=True)
    phone_ctxs = [browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True) for _ in range(3)]
    try:
        screen = projector_ctx.new_page()
        phones = [ctx.new_page() for ctx in phone_ctxs]
        for p in (screen, *phones):
            p.set_default_timeout(30_000)

        # Create, in presenter mode: the myths, then the two votes.
        screen.goto(f"{server}/workshop?present=1&lang={lang}")
        wait_ready(screen, text=t("workshop.new.submit"))
        screen.get_by_label(t("workshop.new.title"), exact=True).fill("Samarbeid i Bodø")
        sets = screen.get_by_label(t("workshop.new.sets"), exact=True)
        for s in ("vote_forms", "vote_measures"):
            sets.click()
            screen.get_by_role("option", name=wq.set_label(s, C, lang)).click()
        screen.keyboard.press("Escape")
        screen.get_by_label(t("workshop.new.pin"), exact=True).fill(PIN)
        screen.get_by_role("button", name=t("workshop.new.submit")).click()
        code_heading = screen.get_by_role("heading", name=re.compile(re.escape(t("workshop.code", code=""))))
        code_heading.wait_for()
        code = code_heading.inner_text().strip().split()[-1]

        # The projector at 1920×1080: code, QR code (at least a third of the height), question and
        # live count without scrolling.
        qr = screen.locator('[data-testid="stImage"] img').first
        qr.wait_for()
        assert qr.bounding_box()["height"] >= PROJECTOR["height"] / 3
        first = sorted(C.myths.values(), key=lambda m: m.number)[0]
        count = screen.get_by_text(t("workshop.answered", n=0, total=0))
        shot(screen, f"session-{lang}-projector-start")
        for el in (code_heading, qr, screen.get_by_text(first.claim(lang)).first, count):
            assert in_view(screen, el), "the projector's slide fits without scrolling"

        # Three phones join through the QR code's link (its text is the image's caption).
        caption = screen.locator('[data-testid="stImage"]').first.inner_text()
        link = re.search(r"https?://\S+", caption).group(0)  # type: ignore[union-attr]
        assert f"code={code}" in link
        for i, phone in enumerate(phones):
            phone.goto(link)
            wait_ready(phone, text=t("join.lead")[:30])
            assert not phone.locator('[data-testid="stSidebar"]').count(), "no sidebar on the phone"
            assert not phone.get_by_text(t("present.toggle"), exact=True).count(), "no presenter toggle"
            phone.get_by_label(t("join.nickname"), exact=True).fill(f"Bord {i + 1}")
            phone.get_by_role("button", name=t("join.submit")).click()
            phone.get_by_text(first.claim(lang)).wait_for()
        screen.get_by_text(t("workshop.participants", n=3)).wait_for(timeout=5_000)

        # Activity 1, the myth: two right, one wrong; hidden until revealed.
        right, wrong = t("workshop.opt.believe_false"), t("workshop.opt.believe_true")
        for phone, choice in zip(phones, (right, right, wrong), strict=True):
            phone.get_by_role("button", name=choice).click()
            phone.get_by_text(t("join.your_answer", answer=choice)).wait_for()
        screen.get_by_text(t("workshop.answered", n=3, total=3)).wait_for(timeout=5_000)
        assert not screen.locator('[data-testid="stPlotlyChart"]').count(), "hidden until shown"
        shot(screen, f"session-{lang}-projector-answered-hidden")

        # The projector is reloaded in the middle: it comes back to the same slide.
        screen.reload()
        wait_ready(screen, text=first.claim(lang))
        screen.get_by_text(t("workshop.answered", n=3, total=3)).wait_for(timeout=10_000)

        # The facilitator link opens the same workshop on another machine (the key is the one this
        # browser remembered), and leaves no key in the address bar.
        key = next(c["value"] for c in projector_ctx.cookies() if c["name"] == f"vts_fac_{code}")
        laptop_ctx = browser.new_context(viewport={"width": 1366, "height": 900})
        laptop = laptop_ctx.new_page()
        laptop.goto(f"{server}/workshop?ws={code}&key={key}&lang={lang}")
        laptop.get_by_text(t("workshop.resumed", code=code)).wait_for()
        laptop.get_by_text(t("workshop.answered", n=3, total=3)).wait_for()
        assert "key=" not in laptop.url
        laptop_ctx.close()

        screen.get_by_role("button", name=t("workshop.reveal")).click()
        screen.get_by_text(first.verdict(lang)).first.wait_for()
        screen.locator('[data-testid="stPlotlyChart"]').first.wait_for()
        shot(screen, f"session-{lang}-projector-revealed")
        assert in_view(screen, screen.get_by_role("button", name=t("workshop.next"))), "Next in sight"
        for phone in phones[:2]:
            phone.get_by_text(t("join.right")).wait_for(timeout=5_000)
        phones[2].get_by_text(t("join.wrong", mine=wrong, right=right)).wait_for(timeout=5_000)
        assert not phones[2].get_by_text(t("join.right")).count(), "a wrong answer is not told it is right"
        shot(phones[0], f"session-{lang}-phone-right")
        shot(phones[2], f"session-{lang}-phone-wrong")

        # A phone presses Back (the seat in the link was written in place, so Back leaves the page),
        # comes forward again and reloads: it keeps its seat and its answer.
        phones[2].go_back()
        assert "/join" not in phones[2].url
        phones[2].go_forward()
        phones[2].reload()
        wait_ready(phones[2], text=first.claim(lang))
        phones[2].get_by_text(t("join.wrong", mine=wrong, right=right)).wait_for(timeout=10_000)
        assert not phones[2].get_by_role("button", name=t("join.submit")).count()

        # Activities 2 and 3, the votes: go to the last myth and on to the votes.
        total = len(C.myths) + 2
        for n in range(2, len(C.myths) + 1):
            screen.get_by_role("button", name=t("workshop.next")).click()
            screen.get_by_text(t("workshop.progress", n=n, total=total)).first.wait_for(timeout=10_000)
        screen.get_by_role("button", name=t("workshop.next")).click()
        forms, measures = list(C.forms), list(C.measures)
        for q_key, picks in (("vote_forms", [forms[0], forms[0], forms[1]]),
                             ("vote_measures", [measures[0], measures[1], measures[1]])):
            if q_key == "vote_measures":
                screen.get_by_role("button", name=t("workshop.next")).click()
                screen.get_by_text(t("workshop.progress", n=total, total=total)).first.wait_for()
            for phone in phones:
                phone.get_by_text(t(f"workshop.q.{q_key}")).wait_for(timeout=10_000)
            kind = C.forms if q_key == "vote_forms" else C.measures
            for phone, pick in zip(phones, picks, strict=True):
                phone.get_by_role("button", name=kind[pick].title(lang), exact=True).click()
                phone.get_by_text(t("join.your_answer", answer=kind[pick].title(lang))).wait_for()
            screen.get_by_text(t("workshop.answered", n=3, total=3)).wait_for(timeout=5_000)
            assert not screen.locator('[data-testid="stPlotlyChart"]').count()
            screen.get_by_role("button", name=t("workshop.show_results")).click()
            screen.locator('[data-testid="stPlotlyChart"]').first.wait_for()
            for phone in phones:
                phone.get_by_text(t("join.results_shown")).wait_for(timeout=5_000)
            shot(screen, f"session-{lang}-projector-{q_key}")

        # The summary slide: the figures per activity, export, close, delete.
        screen.get_by_role("button", name=t("workshop.to_summary")).click()
        screen.get_by_text(t("workshop.summary.total", participants=3, answers=9,
                             questions=len(C.myths) + 2)).wait_for()
        for s in ("myths", "vote_forms", "vote_measures"):
            screen.get_by_role("heading", name=wq.set_label(s, C, lang)).wait_for()
        shot(screen, f"session-{lang}-projector-summary")
        with screen.expect_download() as got:
            screen.get_by_role("button", name=t("workshop.export.pdf")).click()
        pdf = got.value.path().read_bytes()
        assert pdf.startswith(b"%PDF")
        screen.get_by_role("button", name=t("workshop.close")).click()
        screen.get_by_text(t("workshop.closed_no_join")).wait_for()
        for phone in phones:
            phone.get_by_text(t("join.closed")).wait_for(timeout=5_000)
        screen.get_by_role("button", name=t("workshop.back_to_questions")).click()
        screen.get_by_text(t("workshop.is_closed")).wait_for()
        assert not screen.locator('[data-testid="stImage"]').count(), "after closing, no QR code"
        screen.get_by_role("button", name=t("workshop.to_summary")).click()
        screen.get_by_text(t("workshop.delete_confirm")).click()
        screen.get_by_role("button", name=t("workshop.delete")).click()
        screen.get_by_text(t("workshop.deleted", code=code)).wait_for()
        for p in (screen, *phones):
            assert_no_exception(p)
    finally:
        for ctx in (projector_ctx, *phone_ctxs):
            ctx.close()
