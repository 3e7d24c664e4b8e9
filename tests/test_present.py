"""Presenter mode: ``?present=1`` and the shell's toggle; one question or myth per screen, large
Previous / Next, no secondary details; every guide, the myth quiz and the workshop's shared screen,
in every language. The high-contrast palette is checked against WCAG 2.1."""

from __future__ import annotations

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from guide import content as content_mod
from guide import questionnaires as Q
from guide import workshop as ws
from guide.questionnaires import presenter
from guide.state import Answers
from guide.ui import answers, present
from tests.conftest import ROOT, open_page, texts

GUIDES = {
    "getting_started": "views/getting_started.py",
    "readiness": "views/readiness.py",
    "form_matcher": "views/matcher.py",
    "impact_method": "views/impact_method.py",
}
NYBY = yaml.safe_load((ROOT / "tests/scenarios/readiness/nyby_timing.yaml").read_text(encoding="utf-8"))
INPUTS = ("radio", "multiselect", "number_input", "selectbox", "slider", "checkbox", "text_input",
          "text_area", "date_input")


def t(key: str, lang: str, **fmt: object) -> str:
    return content_mod.default().t(key, lang, **fmt)  # type: ignore[arg-type]


def open_presenting(path: str, lang: str) -> AppTest:
    """A fresh session opened by a link with ``?present=1``, then switched to the page ``path``."""
    at = AppTest.from_file(str(ROOT / "shell.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["present"] = "1"
    at.run()
    if path != "views/home.py":
        at.switch_page(path)
        at.run()
    ok(at)
    return at


def ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def inputs(at: AppTest) -> list[object]:
    """Every input widget on the page except the shell's own (language control, presenter toggle)."""
    return [w for kind in INPUTS for w in getattr(at, kind)]


def button_keys(at: AppTest) -> set[str]:
    return {b.key for b in at.button if b.key}


def click(at: AppTest, key: str) -> None:
    at.button(key=key).click().run()
    ok(at)


# ---------------------------------------------------------------------------
# The mode: link, session, toggle


@pytest.mark.parametrize("value", ["1", "true", "yes", "on", " ON "])
def test_asked_accepts_the_usual_ways_of_saying_yes(value: str) -> None:
    assert present.asked(value)


@pytest.mark.parametrize("value", [None, "", "0", "false", "no", "off", "2", ["1"]])
def test_asked_refuses_anything_else(value: object) -> None:
    assert not present.asked(value)


def test_present_1_in_the_link_turns_presenter_mode_on(lang: str) -> None:
    at = open_presenting("views/home.py", lang)
    assert at.session_state[present.PRESENT_KEY] is True
    assert at.toggle(key=present.SWITCH_KEY).value is True
    assert at.toggle(key=present.SWITCH_KEY).label == t("present.toggle", lang)
    assert at.query_params["present"] == "1"


def test_without_the_parameter_the_mode_is_off_and_the_link_stays_clean(lang: str) -> None:
    at = open_page("views/home.py", lang)
    ok(at)
    assert at.session_state[present.PRESENT_KEY] is False
    assert at.toggle(key=present.SWITCH_KEY).value is False
    assert "present" not in at.query_params


def test_the_mode_survives_a_page_switch_and_stays_in_the_link(lang: str) -> None:
    at = open_presenting("views/readiness.py", lang)
    for path in ("views/myths.py", "views/home.py", "views/matcher.py"):
        at.switch_page(path)
        at.run()
        ok(at)
        assert at.session_state[present.PRESENT_KEY] is True, path
        assert at.toggle(key=present.SWITCH_KEY).value is True, path
        assert at.query_params["present"] == "1", path


def test_the_toggle_switches_the_mode_off_and_on_again(lang: str) -> None:
    at = open_presenting("views/readiness.py", lang)
    assert at.button(key="qn.readiness.back").label == t("present.previous", lang)
    assert not at.get("progress")
    at.toggle(key=present.SWITCH_KEY).set_value(False).run()
    ok(at)
    assert at.session_state[present.PRESENT_KEY] is False
    assert "present" not in at.query_params
    assert at.button(key="qn.readiness.back").label == t("q.back", lang)
    assert at.get("progress"), "out of presenter mode the progress bar is back"
    at.toggle(key=present.SWITCH_KEY).set_value(True).run()
    ok(at)
    assert at.session_state[present.PRESENT_KEY] is True
    assert at.query_params["present"] == "1"


def test_once_the_session_has_decided_a_stale_link_does_not_override_it(lang: str) -> None:
    at = open_presenting("views/home.py", lang)
    at.toggle(key=present.SWITCH_KEY).set_value(False).run()
    at.query_params["present"] = "1"  # e.g. the old link sent again by the browser
    at.run()
    ok(at)
    assert at.session_state[present.PRESENT_KEY] is False


# ---------------------------------------------------------------------------
# The guides: one question per screen, big Previous / Next


@pytest.mark.parametrize("qid", list(GUIDES))
def test_each_guide_shows_one_question_per_screen_with_previous_and_next(qid: str, lang: str) -> None:
    at = open_presenting(GUIDES[qid], lang)
    qn = Q.get(qid)
    questions = Q.visible(qn, {})
    assert len(questions) >= 2
    assert qn.intro is None or qn.intro(lang) not in texts(at), "the intro is a detail"  # type: ignore[arg-type]
    back, nxt = f"qn.{qid}.back", f"qn.{qid}.next"
    for i, q in enumerate(questions):
        shown = inputs(at)
        assert len(shown) == 1, (i, [getattr(w, "label", w) for w in shown])
        assert getattr(shown[0], "label", "").startswith(q.text(lang)), (i, q.id)  # type: ignore[arg-type]
        assert presenter.progress_text(qn, i + 1, content=content_mod.default(), lang=lang)[1] in texts(at)
        assert not at.get("progress"), "no progress bar: only its text"
        assert t("q.skip_hint", lang) not in texts(at)
        assert {back, nxt} <= button_keys(at)
        assert at.button(key=back).label == t("present.previous", lang)
        assert at.button(key=back).disabled is (i == 0)
        assert at.button(key=nxt).disabled is False
        if i < len(questions) - 1:
            click(at, nxt)
    click(at, back)  # and back again, one question at a time
    assert getattr(inputs(at)[0], "label", "").startswith(questions[-2].text(lang))  # type: ignore[arg-type]


def test_the_same_guide_out_of_presenter_mode_shows_the_details(lang: str) -> None:
    """The counterpart of the test above: what presenter mode leaves out is there normally."""
    at = open_page("views/readiness.py", lang)
    ok(at)
    qn = Q.get("readiness")
    assert qn.intro is not None and qn.intro(lang) in texts(at)  # type: ignore[arg-type]
    assert at.get("progress")
    assert t("q.skip_hint", lang) in texts(at)
    assert at.button(key="qn.readiness.back").label == t("q.back", lang)


def test_the_result_on_the_shared_screen_has_no_downloads_and_no_examples(lang: str) -> None:
    def result(at: AppTest) -> AppTest:
        at.session_state[answers.KEY] = Answers.model_validate(
            {"questionnaires": {"readiness": {"answers": dict(NYBY["answers"]), "phase": "result"}}})
        at.run()
        ok(at)
        return at

    normal = result(open_page("views/readiness.py", lang))
    assert normal.get("download_button")
    assert t("q.result.examples", lang) in texts(normal)

    shown = result(open_presenting("views/readiness.py", lang))
    assert t("q.result.title", lang) in texts(shown)
    assert not shown.get("download_button")
    assert t("q.result.examples", lang) not in texts(shown)
    assert {"qn.readiness.to_check", "qn.readiness.reset"} <= button_keys(shown)


# ---------------------------------------------------------------------------
# The myth quiz: the shared-screen view, one myth per screen


def claims_shown(at: AppTest, lang: str) -> list[str]:
    body = texts(at)
    return [m.id for m in content_mod.default().myths.values() if m.claim(lang) in body]  # type: ignore[arg-type]


def test_the_myth_quiz_presents_one_myth_per_screen_with_reveal(lang: str) -> None:
    at = open_presenting("views/myths.py", lang)
    body = texts(at)
    assert t("quiz.lead", lang) not in body
    assert t("quiz.question_shared", lang) in body, "presenter mode uses the shared-screen view"
    assert not [g for g in at.get("button_group") if str(g.key).startswith("myths_mode")], \
        "no choice of view on the shared screen"
    assert not at.get("page_link")
    assert not at.get("progress")
    myths = sorted(content_mod.default().myths.values(), key=lambda m: m.number)
    for i, myth in enumerate(myths):
        assert claims_shown(at, lang) == [myth.id], i
        assert t("quiz.progress", lang, n=i + 1, total=len(myths)) in texts(at)
        keys = button_keys(at)
        assert {"quiz_prev", "quiz_next", f"quiz_{myth.id}_reveal"} <= keys
        assert at.button(key="quiz_prev").disabled is (i == 0)
        if i == 0:
            click(at, f"quiz_{myth.id}_reveal")
            body = texts(at)
            assert myth.verdict(lang) in body  # type: ignore[arg-type]
            assert claims_shown(at, lang) == [myth.id]
        click(at, "quiz_next")
    assert t("quiz.score.heading", lang) in texts(at)


def test_presenter_mode_keeps_the_view_chosen_for_the_quiz(lang: str) -> None:
    at = open_presenting("views/myths.py", lang)
    at.session_state["myths_mode_value"] = "overview"
    at.run()
    ok(at)
    assert len(claims_shown(at, lang)) == 1, "presenting: one myth, whatever view was chosen"
    at.toggle(key=present.SWITCH_KEY).set_value(False).run()
    ok(at)
    assert len(claims_shown(at, lang)) == len(content_mod.default().myths), "the overview is back"


# ---------------------------------------------------------------------------
# The workshop's shared screen


MANAGE = {"ws_close", "ws_leave", "ws_delete"}
SLIDE = {"ws_close", "ws_delete", "ws_back"}  # the summary slide, in presenter mode too
EXPORTS = {"ws_export_pdf", "ws_export_docx", "ws_export_md", "ws_export_csv"}


def test_the_workshop_shared_screen_shows_the_question_and_not_the_management(
    lang: str, database: ws.Store
) -> None:
    made = database.create("Verksted", pin="864209")

    def screen(at: AppTest) -> AppTest:
        at.session_state["ws_fac_code"] = made.code
        at.session_state["ws_fac_pin"] = "864209"
        at.run()
        ok(at)
        return at

    normal = screen(open_page("views/workshop.py", lang))
    assert {"ws_leave", "ws_goto_summary"} <= button_keys(normal)

    at = screen(open_presenting("views/workshop.py", lang))
    keys = button_keys(at)
    assert {"ws_prev", "ws_next", "ws_reveal"} <= keys
    assert not MANAGE & keys, "the question slides show the question, not the management"
    assert not at.get("download_button")
    assert t("workshop.code", lang, code=made.code) in texts(at)
    assert t("workshop.progress", lang, n=1, total=made.total) in texts(at)
    assert len(claims_shown(at, lang)) == 1
    click(at, "ws_next")
    assert t("workshop.progress", lang, n=2, total=made.total) in texts(at)
    # The last question leads to the summary slide: Close, Export and Delete in presenter mode too.
    database.goto(made.code, made.total - 1, key=made.facilitator_key)
    at.run()
    assert "ws_next" not in button_keys(at)
    click(at, "ws_to_summary")
    assert button_keys(at) >= SLIDE
    assert {b.key for b in at.get("download_button")} == EXPORTS
    assert t("workshop.summary", lang) in texts(at)


# ---------------------------------------------------------------------------
# The style sheet: fixed, and high contrast


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(
    ("fore", "back", "minimum"),
    [
        (present.TEXT, present.BACKGROUND, 7.0),  # AAA
        (present.MUTED, present.BACKGROUND, 7.0),  # captions: AAA
        (present.PRIMARY, present.BACKGROUND, 7.0),  # links
        (present.BACKGROUND, present.PRIMARY, 7.0),  # primary button label
        (present.BACKGROUND, present.PRIMARY_HOVER, 7.0),
        (present.TEXT, present.BACKGROUND, 7.0),  # secondary button label
        (present.DISABLED, present.DISABLED_FACE, 4.5),  # disabled button: AA even so
        (present.FOCUS, present.BACKGROUND, 3.0),  # focus ring (non-text, 1.4.11)
        (present.FOCUS_INNER, present.PRIMARY, 3.0),  # the ring's inner band on a dark button
    ],
)
def test_presenter_colours_pass_wcag(fore: str, back: str, minimum: float) -> None:
    assert contrast(fore, back) >= minimum, f"{fore} on {back}: {contrast(fore, back):.2f}:1"


def test_the_style_sheet_is_one_fixed_style_block() -> None:
    css = present.CSS.strip()
    assert css.startswith("<style>") and css.endswith("</style>")
    assert css.count("<") == 2 and css.count(">") >= 2  # nothing but the style element
    assert "{{" not in css and "}}" not in css  # every f-string brace resolved
    assert css.count("{") == css.count("}")
    for rule in ('[data-testid="stSidebar"]', "html { font-size:", f".st-key-{present.QUESTION_BOX}",
                 ":focus-visible"):
        assert rule in css, rule
