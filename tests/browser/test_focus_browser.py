"""Real browser: after Next in a questionnaire the keyboard focus is on the new question and a
screen reader hears it (a polite live region says the step and the question), in every language;
after the last Next the focus is on the check page's heading."""

from __future__ import annotations

from typing import Any

import pytest

from guide import content as content_mod
from guide import questionnaires as Q
from tests.support.browser import assert_no_exception, shot, wait_idle, wait_ready
from tests.support.words import ui

pytestmark = pytest.mark.browser
QID = "readiness"

FOCUS = """() => {
  const el = document.activeElement;
  const box = el && el.closest('.st-key-present_question');
  const group = box && box.querySelector('[data-testid="stWidgetLabel"]');
  return {inQuestion: !!box, tag: el ? el.tagName : null,
          label: group ? group.innerText.trim() : null};
}"""


def live(page: Any) -> str:
    return str(page.evaluate("() => (document.getElementById('guide-live') || {}).textContent || ''"))


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_after_next_the_focus_is_on_the_new_question_and_it_is_announced(
    server: str, page: Any, lang: str
) -> None:
    qn = Q.get(QID)
    questions = Q.visible(qn, {})
    page.goto(f"{server}/readiness?lang={lang}")
    wait_ready(page, text=questions[0].text(lang)[:30])
    main = page.locator('[data-testid="stMain"]')
    assert not page.evaluate(FOCUS)["inQuestion"], "nothing is focused before the user acts"
    for n in range(1, 4):  # Next three times, by keyboard: the focus follows each new question
        question = questions[n].text(lang)
        main.get_by_role("button", name=ui("q.next", lang)).focus()
        page.keyboard.press("Enter")
        wait_idle(page)
        main.get_by_text(question, exact=True).first.wait_for()
        page.wait_for_function("() => !!(document.activeElement && "
                               "document.activeElement.closest('.st-key-present_question'))")
        got = page.evaluate(FOCUS)
        assert got["inQuestion"] and got["tag"] == "INPUT", got
        assert question in got["label"], got
        page.wait_for_function("(q) => ((document.getElementById('guide-live') || {}).textContent || '')"
                               ".includes(q)", arg=question)
        assert live(page).endswith(question)
    # Back: the focus returns to the question before
    main.get_by_role("button", name=ui("q.back", lang)).click()
    wait_idle(page)
    page.wait_for_function("(q) => ((document.getElementById('guide-live') || {}).textContent || '')"
                           ".includes(q)", arg=questions[2].text(lang))
    assert questions[2].text(lang) in page.evaluate(FOCUS)["label"]
    # Arrow keys now answer the focused question (the radio group has the focus)
    page.keyboard.press("ArrowDown")
    wait_idle(page)
    assert page.evaluate(FOCUS)["inQuestion"]
    assert_no_exception(page)
    shot(page, f"focus-after-next-{lang}")


@pytest.mark.parametrize("lang", ["nn"])
def test_after_next_myth_the_focus_is_on_the_new_claims_answers(server: str, page: Any, lang: str) -> None:
    myths = sorted(content_mod.default().myths.values(), key=lambda m: m.number)
    page.goto(f"{server}/myths?lang={lang}")
    wait_ready(page, text=myths[0].claim(lang)[:20])
    main = page.locator('[data-testid="stMain"]')
    main.get_by_role("button", name=ui("quiz.answer.myth", lang), exact=True).click()
    wait_idle(page)
    main.get_by_role("button", name=ui("quiz.next", lang)).focus()
    page.keyboard.press("Enter")
    wait_idle(page)
    main.get_by_text(myths[1].claim(lang)).first.wait_for()
    page.wait_for_function("(q) => ((document.getElementById('guide-live') || {}).textContent || '')"
                           ".includes(q)", arg=myths[1].claim(lang))
    focused = page.evaluate("() => { const el = document.activeElement; return {"
                            "box: !!el.closest('.st-key-present_question'), text: el.innerText.trim()}; }")
    assert focused["box"] and focused["text"] == ui("quiz.answer.true", lang), focused
    assert_no_exception(page)
