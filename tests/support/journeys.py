"""The steps of the whole-journey browser tests (tests/browser/test_journeys.py).

Every step is taken as a user takes it: a link in the sidebar, a click on an option, a button.
Every wait is for the content the step should bring (a question, a heading, a result), never for
time alone.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect
from pypdf import PdfReader

from guide import content as content_mod
from guide import questionnaires as Q
from guide.questionnaires import presenter
from guide.ui.present import QUESTION_BOX
from tests.support.browser import DESKTOP, TIMEOUT_MS, h1, main, wait_idle, wait_ready
from tests.support.words import ui

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}


def new_page(browser: Any, *, phone: bool = False) -> Any:
    """A page in a browser context of its own (another person, another device)."""
    if phone:
        ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, accept_downloads=True)
    else:
        ctx = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    p = ctx.new_page()
    p.set_default_timeout(TIMEOUT_MS)
    return p


def wait_title(page: Any, title: str) -> None:
    """Wait until the page's own title (its h1) is ``title`` and no script is running."""
    main(page).locator("h1").filter(has_text=re.compile(f"^{re.escape(title)}$")).first.wait_for()
    wait_idle(page)
    assert h1(page) == title, f"the page shows {h1(page)!r}, not {title!r}"


def open_url(page: Any, url: str, title: str) -> None:
    """Open ``url`` (a fresh session) and wait for the page titled ``title``."""
    page.goto(url)
    wait_ready(page)
    wait_title(page, title)


def go(page: Any, slug: str, lang: str) -> None:
    """Change page as a user does: the link in the sidebar (the session, and its answers, stay)."""
    title = ui(f"page.{slug}.title", lang)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=title, exact=True).click()
    page.wait_for_url(re.compile(rf"/{re.escape(slug)}(\?|$)"))
    wait_title(page, title)


def presenter_switch(page: Any, lang: str) -> Any:
    return page.get_by_role("switch", name=ui("present.toggle", lang), exact=True)


def set_presenter(page: Any, lang: str, on: bool) -> None:
    """Turn presenter mode on or off with the labelled switch in the top bar."""
    switch = presenter_switch(page, lang)
    if switch.is_checked() != on:  # a click on the switch's visible label, as a user does
        page.locator(".st-key-lang_bar").get_by_text(ui("present.toggle", lang), exact=True).click()
    if on:
        page.wait_for_function("() => location.search.includes('present=1')", timeout=TIMEOUT_MS)
        page.wait_for_function(
            """() => { const s = document.querySelector('[data-testid="stSidebar"]');
                       return !s || getComputedStyle(s).display === 'none'; }""", timeout=TIMEOUT_MS)
    else:
        page.wait_for_function("() => !location.search.includes('present=1')", timeout=TIMEOUT_MS)
        page.locator('[data-testid="stSidebar"] a').first.wait_for()
    wait_idle(page)
    assert switch.is_checked() == on


# ---------------------------------------------------------------------------
# Questionnaires (one renderer for every guide: guide/ui/questionnaire.py)


def _box(page: Any) -> Any:
    return page.locator(f".st-key-{QUESTION_BOX}")


def _option_index(q: Any, value: Any) -> int:
    if q.kind == "scale":
        return int(value - q.min)
    if q.kind == "yesno":
        return 0 if value else 1
    return [o.id for o in q.options].index(value)


def _widget(page: Any, testid: str, label: str) -> Any:
    """The widget (``data-testid``) labelled ``label`` in the question box. Scoped by its label: a
    widget of the question before can linger in the page until the run that replaced it ends."""
    name = page.locator('[data-testid="stWidgetLabel"]').filter(has_text=re.compile(f"^{re.escape(label)}"))
    return _box(page).locator(f'[data-testid="{testid}"]').filter(has=name)


def pick(page: Any, multiselect: Any, option: str) -> None:
    """Choose ``option`` in a multi-select (its ``stMultiSelect`` element) and close the list.

    As in a long list a user would, type the start of the option to narrow the list first: the
    list is drawn lazily, and a click on an option that had to be scrolled to can land on another.
    """
    field = multiselect.locator("input").first
    field.click()
    field.press_sequentially(option[:12])
    listbox = page.get_by_role("listbox")
    listbox.get_by_role("option", name=option, exact=True).click()
    multiselect.get_by_text(option, exact=True).first.wait_for()  # the chosen option's chip
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()


def select(page: Any, combobox: Any, option: str) -> None:
    """Choose ``option`` in a select box (its combobox), typing its start first as in :func:`pick`."""
    combobox.click()
    combobox.press_sequentially(option[:12])
    page.get_by_role("listbox").get_by_role("option", name=option, exact=True).click()
    expect(combobox).to_have_value(option)


def answer_question(page: Any, q: Any, value: Any, lang: str) -> None:
    """Answer the question on screen (it must be ``q``) with ``value``, as a user does."""
    text = q.text(lang)
    if q.kind in ("single", "yesno", "scale"):
        radio = _widget(page, "stRadio", text)
        index = _option_index(q, value)
        radio.locator('[role="radiogroup"] label').nth(index).click()
        expect(radio.locator('input[type="radio"]').nth(index)).to_be_checked()
    elif q.kind == "multi":
        box = _widget(page, "stMultiSelect", text)
        for v in value:
            pick(page, box, q.option(v).label(lang))
    elif q.kind == "number":
        field = _widget(page, "stTextInput" if q.amount else "stNumberInput", text).locator("input")
        field.fill(str(int(value) if float(value) == int(value) else value))
        field.press("Enter")
    else:  # pragma: no cover - a new kind of question needs a new step here
        raise AssertionError(f"no browser step for a {q.kind!r} question")
    wait_idle(page)


def answer_questionnaire(page: Any, qid: str, answers: dict[str, Any], lang: str) -> list[Any]:
    """Answer every question shown, check the answers, and open the result. Returns the questions
    that were shown (a question can appear once an earlier one is answered)."""
    qn = Q.get(qid)
    canon = Q.normalise_all(qn, answers)
    shown = Q.visible(qn, canon)
    m = main(page)
    given: dict[str, Any] = {}
    for n, q in enumerate(shown):
        _, progress = presenter.progress_text(qn, n + 1, content=content_mod.default(), lang=lang)
        m.get_by_text(progress, exact=True).wait_for()
        answer_question(page, q, answers[q.id], lang)
        given[q.id] = canon[q.id]
        last = n + 1 == len(shown)
        m.get_by_role("button", name=ui("q.to_check" if last else "q.next", lang), exact=True).click()
        if not last:
            nxt = shown[n + 1]
            _box(page).locator('[data-testid="stWidgetLabel"]').filter(has_text=nxt.text(lang)).first.wait_for()
    check_answers(page, qid, answers, lang)
    m.get_by_role("button", name=ui("q.see_result", lang), exact=True).click()
    m.locator("h2").filter(has_text=re.compile(f"^{re.escape(ui('q.result.title', lang))}$")).wait_for()
    wait_idle(page)
    return shown


def check_answers(page: Any, qid: str, answers: dict[str, Any], lang: str) -> None:
    """On "check your answers": each question shown is listed with its answer, and nothing else."""
    qn = Q.get(qid)
    canon = Q.normalise_all(qn, answers)
    shown = Q.visible(qn, canon)
    m = main(page)
    m.get_by_role("button", name=ui("q.see_result", lang), exact=True).wait_for()
    wait_idle(page)
    c = content_mod.default()
    rows: dict[str, list[str]] = {}  # each answer's box: its whole question, then the answer
    for text in m.locator('[data-testid="stMarkdownContainer"]:has(> p > strong)').all_inner_texts():
        head, _, rest = text.strip().partition("\n")
        rows.setdefault(head.strip(), []).append(flat(rest))
    for q in shown:
        assert rows.get(q.text(lang)) == [flat(Q.answer_text(q, canon[q.id], c, lang))], (
            f"{q.id}: {rows.get(q.text(lang))!r}")
    changes = m.get_by_role("button", name=re.compile("^" + re.escape(ui("q.change", lang, question="X"))
                                                     .replace("X", ".+") + "$"))
    expect(changes).to_have_count(len(shown))


def rank_heading(page: Any, n: int, title: str, lang: str) -> Any:
    """The heading of the n-th recommendation on a questionnaire's result."""
    return main(page).get_by_role("heading", name=ui("q.result.rank", lang, n=n, title=title))


# ---------------------------------------------------------------------------
# Files


def pdf_text(data: bytes) -> str:
    """The text of a PDF, with runs of white space made one space (lines wrap anywhere)."""
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def flat(text: str) -> str:
    return " ".join(text.split())
