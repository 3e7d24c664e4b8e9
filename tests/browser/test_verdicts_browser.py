"""Real browser: the myth quiz says in one wording what the user got right, and "not sure" is
never shown as wrong; the claim's verdict says what is true (no "Wrong –" after a "Right")."""

from __future__ import annotations

import pytest

from guide import content as content_mod
from tests.support.browser import assert_no_exception, open_app_page, shot, wait_idle
from tests.support.words import ui

pytestmark = pytest.mark.browser
KINDS = ("Success", "Error", "Info", "Warning")


def alerts(main: object) -> dict[str, list[str]]:
    """The alert boxes on the page, by kind: {"Success": [texts], ...}."""
    out = {}
    for kind in KINDS:
        boxes = main.locator(  # type: ignore[attr-defined]
            f'[data-testid="stAlertContent{kind}"] [data-testid="stMarkdownContainer"]')
        out[kind] = [t.strip() for t in boxes.all_inner_texts()]
    return out


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_verdict_says_what_the_user_got_right(server: str, page: object, lang: str) -> None:
    myths = sorted(content_mod.default().myths.values(), key=lambda m: m.number)
    open_app_page(page, server, "myths", lang)
    main = page.locator('[data-testid="stMain"]')  # type: ignore[attr-defined]
    # answer, the box it must be in (and no other), the wording
    steps = (("unsure", "Info", "unsure"), ("true", "Error", "wrong"), ("myth", "Success", "right"))
    for n, (answer, kind, outcome) in enumerate(steps):
        myth = myths[n]
        main.get_by_text(myth.claim(lang)).first.wait_for()
        main.get_by_role("button", name=ui(f"quiz.answer.{answer}", lang), exact=True).click()
        wait_idle(page)
        main.get_by_text(myth.verdict(lang)).first.wait_for()
        said = ui("quiz.your_answer", lang, answer=ui(f"quiz.answer.{answer}", lang))
        expected = f"{said} — {ui(f'quiz.verdict.{outcome}', lang)}"
        boxes = alerts(main)
        verdicts = {k: [x for x in texts if x.startswith(said)] for k, texts in boxes.items()}
        assert verdicts[kind] == [expected], boxes  # one box, of its kind, in the one wording
        assert all(not v for k, v in verdicts.items() if k != kind), boxes
        if outcome != "wrong":
            assert not boxes["Error"], boxes  # "not sure" is never shown as wrong
        verdict = main.get_by_text(myth.verdict(lang)).first.inner_text()
        assert not verdict.lower().startswith(("feil", "wrong")), "the verdict says what is true"
        shot(page, f"verdict-{outcome}-{lang}")
        main.get_by_role("button", name=ui("quiz.next", lang)).click()
        wait_idle(page)
    assert_no_exception(page)
