"""Real browser: the readiness self-assessment answered through to the action plan in headless Chromium.

Half-way the language is switched to Norwegian and back: the answers given so far must stay.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from guide import content as content_mod
from guide import questionnaires as Q
from guide.questionnaires import presenter
from tests.support.browser import assert_no_exception, shot, wait_idle, wait_ready
from tests.support.words import ui

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
QID = "readiness"




def choose(page: Any, qid: str, question_id: str, value: Any) -> None:
    """Click the radio option for ``value`` of the question on screen."""
    q = Q.get(qid).question(question_id)
    assert q is not None
    if q.kind == "scale":
        assert q.min is not None
        index = int(value - q.min)
    elif q.kind == "yesno":
        index = 0 if value else 1
    else:
        index = [o.id for o in q.options].index(value)
    main = page.locator('[data-testid="stMain"]')
    main.locator('[data-testid="stRadio"] [role="radiogroup"] label').nth(index).click()
    wait_idle(page)


def press_language(page: Any, lang: str) -> None:
    """Press the app's language button (Bokmål / Nynorsk / English)."""
    name = re.compile(f"^{ui(f'lang.{lang}', lang)}$")
    page.locator('[data-testid="stButtonGroup"] button').filter(has_text=name).first.click()
    wait_idle(page)


def heading(page: Any) -> str:
    return str(page.locator('[data-testid="stMain"] h1').first.inner_text()).strip()


def open_in(page: Any, server: str, lang: str) -> None:
    """Open the readiness page in ``lang`` by its URL.

    Where the shell does not apply ``?lang=`` to a page opened directly (a fresh server may serve
    the first request from ``pages/`` without the shell), go through the app's own navigation:
    the page link in the sidebar and, if needed, the language control.
    """
    title = ui("page.readiness.title", lang)
    page.goto(f"{server}/readiness?lang={lang}")
    wait_ready(page)
    if heading(page) == title:
        return
    page.goto(f"{server}/?lang={lang}")
    wait_ready(page)
    page.locator('[data-testid="stSidebar"] a[href$="/readiness"]').first.click()
    wait_ready(page)
    if heading(page) != title:
        press_language(page, lang)
    page.locator('[data-testid="stMain"] h1').filter(has_text=title).wait_for()


def test_readiness_through_to_the_action_plan(server: str, page: Any) -> None:
    lang = "en"
    qn = Q.get(QID)
    answers = yaml.safe_load(
        (ROOT / "tests" / "scenarios" / QID / "nyby_timing.yaml").read_text(encoding="utf-8")
    )["answers"]
    shown = Q.visible(qn, Q.normalise_all(qn, answers))
    open_in(page, server, lang)
    wait_ready(page, text=shown[0].text(lang))
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("h1").first.inner_text().strip() == ui("page.readiness.title", lang)
    page.locator('[data-testid="stProgress"]').first.wait_for()

    given: dict[str, Any] = {}
    for n, q in enumerate(shown):
        _, progress = presenter.progress_text(qn, n + 1, content=content_mod.default(), lang=lang)
        main.get_by_text(progress).wait_for()  # the same total on every question
        given[q.id] = answers[q.id]
        main.get_by_text(q.text(lang)).first.wait_for()
        choose(page, QID, q.id, answers[q.id])
        if n == 2:  # switch language mid-way (bokmål, nynorsk): the chosen answer and the earlier ones stay
            for other in ("nb", "nn"):
                press_language(page, other)
                main.get_by_text(q.text(other)).first.wait_for()
                checked = main.locator('[data-testid="stRadio"] input:checked')
                assert checked.count() == 1
                page.wait_for_function("(l) => document.documentElement.lang === l", arg=other)
            press_language(page, "en")
            main.get_by_text(q.text(lang)).first.wait_for()
        last = n + 1 == len(shown)
        main.get_by_role("button", name=ui("q.to_check" if last else "q.next", lang)).click()
        wait_idle(page)

    main.get_by_text(ui("q.check.title", lang), exact=True).wait_for()
    for q in shown:
        main.get_by_text(q.text(lang), exact=True).first.wait_for()  # the whole question
    assert main.get_by_role("button", name=ui("q.change", lang, question=shown[1].short(lang))).count() == 1
    shot(page, "readiness-check-en")
    main.get_by_role("button", name=ui("q.see_result", lang)).click()
    wait_idle(page)

    result = Q.evaluate(QID, answers)
    first = Q.plan(QID, result)[0]
    step = Q.items(qn)[first.steps[0].item_id]
    main.get_by_text(ui("q.plan.title", lang), exact=True).wait_for()
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    dim = next(d for d in qn.dimensions if d.id == first.dimension)
    main.get_by_text(ui("q.profile.item", lang, label=dim.label(lang), score=result.profile[dim.id]),
                     exact=False).first.wait_for()
    main.get_by_text(ui("q.result.rank", lang, n=1, title=step.title(lang))).first.wait_for()
    main.get_by_text(step.when(lang), exact=False).first.wait_for()
    main.get_by_text(first.steps[0].reasons[0].text(lang), exact=False).first.wait_for()
    assert_no_exception(page)
    shot(page, "readiness-result-en")
