"""Keyboard only: the getting-started guide answered through to its result without the mouse.

Every step is Tab / Shift+Tab to reach a control, the arrow keys or Space to choose in a radio
group, typing and Enter in the multi-select, and Enter on a button. The scenario's answers
(tests/scenarios/getting_started/first_contact.yaml) must give the same first recommendation as
the engine, and axe-core must find no serious or critical violation on the result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from guide import questionnaires as Q
from tests.support.axe import blocking, describe, run_axe, wait_charts
from tests.support.browser import assert_no_exception, shot, wait_idle, wait_ready
from tests.support.words import ui

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
QID = "getting_started"
SCENARIO = ROOT / "tests" / "scenarios" / QID / "first_contact.yaml"
MAX_TABS = 120  # more than every focusable element of the page (sidebar links included)




def focused(page: Any, js_test: str, arg: object) -> bool:
    """Whether the focused element passes ``js_test`` (a JS function of (element, arg))."""
    script = f"(arg) => {{ const el = document.activeElement; return !!el && ({js_test})(el, arg); }}"
    return bool(page.evaluate(script, arg))


def tab_to(page: Any, js_test: str, arg: object, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element passes ``js_test``."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        if focused(page, js_test, arg):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{key} never reached the element ({js_test} with {arg!r})")


IN_QUESTION = """(el, label) => {
    const box = el.closest('[data-testid="stRadio"], [data-testid="stMultiSelect"]');
    if (!box) return false;
    const lab = box.querySelector('[data-testid="stWidgetLabel"]');
    return !!lab && lab.innerText.trim() === label;
}"""
BUTTON = """(el, name) => {
    if (el.tagName !== 'BUTTON') return false;
    const text = el.querySelector('[data-testid="stMarkdownContainer"]');  // not the icon's ligature
    return !!text && text.innerText.trim() === name;
}"""


def reach(page: Any, js_test: str, arg: object) -> None:
    """Reach a control from wherever the focus is: first backwards (it is usually just before
    the button pressed last), then forwards through the whole page."""
    try:
        tab_to(page, js_test, arg, backwards=True)
    except AssertionError:
        tab_to(page, js_test, arg)


def choose_radio(page: Any, index: int) -> None:
    """In the focused radio group: Space picks the focused option, each arrow key the next one."""
    current = page.evaluate(
        """() => { const el = document.activeElement;
                   const all = [...el.closest('[role="radiogroup"]').querySelectorAll('input[type="radio"]')];
                   return all.indexOf(el); }"""
    )
    assert current >= 0, "the focus is not on a radio option"
    if current == index:
        page.keyboard.press("Space")
    else:
        step = "ArrowRight" if index > current else "ArrowLeft"
        for _ in range(abs(index - current)):
            page.keyboard.press(step)
    wait_idle(page)


def choose_multi(page: Any, labels: list[str]) -> None:
    """In the focused multi-select: type the start of each option's label and press Enter."""
    for label in labels:
        page.keyboard.type(label[:12])
        page.keyboard.press("Enter")
        wait_idle(page)
    page.keyboard.press("Escape")


def answer(page: Any, q: Any, value: Any, lang: str) -> None:
    reach(page, IN_QUESTION, q.text(lang))
    if q.kind == "multi":
        choose_multi(page, [q.option(v).label(lang) for v in value])
    elif q.kind == "yesno":
        choose_radio(page, 0 if value else 1)
    else:
        choose_radio(page, [o.id for o in q.options].index(value))
    checked = page.locator('[data-testid="stMain"] [data-testid="stRadio"] input:checked')
    if q.kind != "multi":
        assert checked.count() == 1, f"{q.id}: no option chosen by the keyboard"


def press_button(page: Any, name: str) -> None:
    reach(page, BUTTON, name)
    page.keyboard.press("Enter")
    wait_idle(page)


@pytest.mark.parametrize("lang", ["en", "nb", "nn"])
def test_getting_started_by_keyboard_only(server: str, page: Any, lang: str) -> None:
    scenario = yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))
    answers: dict[str, Any] = scenario["answers"]
    qn = Q.get(QID)
    shown = Q.visible(qn, Q.normalise_all(qn, answers))
    page.goto(f"{server}/getting-started?lang={lang}")
    wait_ready(page, text=shown[0].text(lang))
    main = page.locator('[data-testid="stMain"]')

    for n, q in enumerate(shown):
        main.get_by_text(q.text(lang), exact=True).first.wait_for()
        answer(page, q, answers[q.id], lang)
        last = n + 1 == len(shown)
        press_button(page, ui("q.to_check" if last else "q.next", lang))
        assert_no_exception(page)

    main.get_by_text(ui("q.check.title", lang), exact=True).wait_for()
    for q in shown:  # every question answered by keyboard is on the check page, in full
        main.get_by_text(q.text(lang), exact=True).first.wait_for()
    press_button(page, ui("q.see_result", lang))

    result = Q.evaluate(QID, answers)
    first = result.top(1)[0]
    assert first.item_id == scenario["expect"]["first"]
    title = Q.item_title(Q.items(qn)[first.item_id], lang)  # type: ignore[arg-type]
    main.get_by_text(ui("q.result.title", lang), exact=True).wait_for()
    main.get_by_text(ui("q.result.rank", lang, n=1, title=title)).first.wait_for()
    assert_no_exception(page)
    wait_charts(page)
    shot(page, f"keyboard-getting-started-{lang}")
    bad = blocking(run_axe(page))
    assert not bad, describe(f"getting-started result ({lang})", bad)
