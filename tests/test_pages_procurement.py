"""AppTest: the procurement checker and the myth quiz, in every language."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from guide import content as content_mod
from guide import formats
from guide.text import nok
from guide.ui.nav import by_slug
from tests.support.apptest import open_page, texts
from tests.support.words import ui

PROC = "views/procurement.py"
MYTHS = "views/myths.py"


def c() -> content_mod.Content:
    return content_mod.default()


def set_lang(at: AppTest, lang: str) -> AppTest:
    """Switch the language as the sidebar switch does (its session key), keeping the page."""
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_in(path: str, lang: str) -> AppTest:
    """``open_page`` in ``lang``; if the URL parameter did not take, switch like the sidebar does."""
    at = open_page(path, lang)
    if at.session_state["lang"] != lang:
        set_lang(at, lang)
    assert at.session_state["lang"] == lang
    assert not at.exception, [e.value for e in at.exception]
    return at




def select(at: AppTest, name: str) -> Any:
    """The buyer/category selectbox (one widget key per language: see views/procurement.py)."""
    return at.selectbox(key=f"proc_{name}_{at.session_state['lang']}")


def mode(at: AppTest) -> Any:
    """The quiz's view switch (one widget key per language)."""
    return at.segmented_control(key=f"myths_mode_{at.session_state['lang']}")


def enter(at: AppTest, value: str) -> AppTest:
    at.text_input(key="proc_value").set_value(value).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def column_with(at: AppTest, key: str) -> object:
    """The column block that holds the widget ``key``."""
    for col in at.columns:
        if any(getattr(w, "key", None) == key for w in list(col.text_input) + list(col.selectbox)):
            return col
    raise AssertionError(f"no column holds {key}")


# --- The checker -------------------------------------------------------------------------------


def test_checker_asks_for_a_value_first(lang: str) -> None:
    at = open_in(PROC, lang)
    assert at.title[0].value == ui("page.procurement.title", lang)
    assert ui("proc.enter_value", lang) in texts(at)
    assert not at.error
    # The guidance and the links are there even before a value is entered.
    body = texts(at)
    assert ui("proc.disclaimer", lang) in body
    assert "https://anskaffelser.no/" in body
    assert ui("proc.allowed.heading", lang) in body
    labels = [w.label for kind in ("text_input", "selectbox", "date_input") for w in getattr(at, kind)]
    assert ui("proc.input.value", lang) in labels and ui("proc.input.on", lang) in labels


def test_checker_shows_regime_figure_sources_and_chart(lang: str) -> None:
    at = open_in(PROC, lang)
    at.date_input(key="proc_on").set_value(dt.date(2024, 6, 1)).run()
    enter(at, "1 500 000")
    body = texts(at)
    rules = c().procurement_rules
    assert rules["part2"].title(lang) in body  # municipality, goods: Parts I and II
    assert ui("proc.result.announce_in", lang, where="Doffin") in body
    # The thresholds used, with their valid-from dates and sources.
    assert nok(1_300_000, lang) in body and nok(2_300_000, lang) in body
    days = ("2018-04-06", "2024-03-14", "2017-01-01")
    assert all(formats.date(dt.date.fromisoformat(d), lang) in body for d in days)
    assert "https://www.regjeringen.no/no/aktuelt/justerer-opp-terskelverdier/id2596319/" in body
    # The chart and its text alternative.
    assert len(at.get("plotly_chart")) == 1
    alt = [e.value for e in at.caption if nok(1_500_000, lang) in e.value]
    assert alt and ui("proc.rules_short.part2", lang) in alt[0]
    # The steps of Part II and its procedures (the chooser's).
    assert c().procurement_steps["announce_doffin"].title(lang) in body
    assert c().procedure_choices["part2_open"].title(lang) in body  # the chooser, ranked
    assert not at.warning  # 2024: no stale or pending figures


def test_checker_changes_with_buyer_category_and_date(lang: str) -> None:
    at = open_in(PROC, lang)
    at.date_input(key="proc_on").set_value(dt.date(2024, 6, 1)).run()
    enter(at, "1 500 000")
    select(at, "buyer").set_value("state").run()
    assert c().procurement_rules["part3"].title(lang) in texts(at)
    select(at, "category").set_value("health_social").run()
    body = texts(at)
    assert c().procurement_rules["part1_health_social"].title(lang) in body
    assert ui("proc.result.announce_none", lang) in body
    at.date_input(key="proc_on").set_value(dt.date(2018, 1, 1)).run()
    assert nok(6_300_000, lang) in texts(at)  # the 2017 EEA figure for special services


def flat(text: str) -> str:
    """A rendered text with its numbers' no-break spaces read as spaces."""
    return text.replace("\u00a0", " ")


def test_checker_warns_when_the_figures_may_be_out_of_date(lang: str) -> None:
    day = dt.date(2026, 4, 1)  # the EEA figures two years old, the 500 000 adopted but not in force
    at = open_in(PROC, lang)
    at.date_input(key="proc_on").set_value(day).run()
    enter(at, "200 000")
    warnings = texts(at)  # what does not change this result is in the collapsed "what may change"
    assert ui("proc.warning.eea_stale", lang, valid_from=formats.date(dt.date(2024, 3, 14), lang),
              on=formats.date(day, lang)) in warnings
    assert nok(500_000, lang) in warnings  # adopted 2026-02-05, in force 2026-07-01
    assert ui("proc.warning.regime_from", lang, rules=ui("proc.rules_short.outside_act", lang)) in warnings
    # Still decided by the lower limit in force on the day.
    assert c().procurement_rules["part1"].title(lang) in texts(at)


@pytest.mark.parametrize(("raw", "code", "params"), [
    ("abc", "not_a_number", {"value": "abc"}),
    ("-5", "negative", {}),
    ("NaN", "not_finite", {}),
    ("200 mrd", "out_of_range", {}),
])
def test_bad_values_show_a_message_by_the_field_and_keep_the_other_inputs(
    lang: str, raw: str, code: str, params: dict[str, str]
) -> None:
    at = open_in(PROC, lang)
    select(at, "buyer").set_value("state").run()
    select(at, "category").set_value("works").run()
    at.date_input(key="proc_on").set_value(dt.date(2019, 3, 1)).run()
    enter(at, "1 400 000")  # a result first: a value refused must not leave it standing
    assert at.get("plotly_chart")
    enter(at, raw)
    if code == "out_of_range":  # refused by the answers themselves, with the range in the page's words
        bounds = c().input_ranges["procurement_value"]
        params = {"min": nok(bounds.min, lang), "max": nok(bounds.max, lang)}
    message = flat(ui(f"proc.error.value_nok.{code}", lang, **params))
    assert [flat(e.value) for e in at.error] == [message]
    col = column_with(at, "proc_value")
    assert [flat(e.value) for e in col.error] == [message]  # type: ignore[attr-defined]
    assert at.text_input(key="proc_value").value == raw
    assert select(at, "buyer").value == "state"
    assert select(at, "category").value == "works"
    assert at.date_input(key="proc_on").value == dt.date(2019, 3, 1)
    assert not at.get("plotly_chart")
    # Correcting the value gives the result for the inputs kept.
    enter(at, "51 000 000")
    assert not at.error
    assert c().procurement_rules["part3"].title(lang) in texts(at)  # works, EEA 51 M from 2018-04-06


def test_inputs_survive_a_language_switch() -> None:
    at = open_in(PROC, "nb")
    select(at, "category").set_value("works").run()
    at.date_input(key="proc_on").set_value(dt.date(2019, 3, 1)).run()
    enter(at, "1 400 000")
    set_lang(at, "en")
    assert at.text_input(key="proc_value").value == "1 400 000"
    assert select(at, "category").value == "works"
    assert at.date_input(key="proc_on").value == dt.date(2019, 3, 1)
    assert c().procurement_rules["part2"].title("en") in texts(at)


def test_advice_page_links_to_the_checker(lang: str) -> None:
    at = open_in("views/advice.py", lang)
    links = [e for e in at.get("page_link") if e.proto.page == PROC or "procurement" in e.proto.page]
    assert links and links[0].proto.label == ui("proc.link.from_advice", lang)


def test_the_pages_are_registered_where_their_users_look() -> None:
    assert by_slug("procurement").group == "public"
    assert by_slug("myths").group == "facilitator"
    assert by_slug("myths").path == MYTHS


# --- The myth quiz -----------------------------------------------------------------------------


def myth_ids() -> list[str]:
    return [m.id for m in sorted(c().myths.values(), key=lambda m: m.number)]


def test_quiz_alone_one_myth_at_a_time_with_a_score(lang: str) -> None:
    at = open_in(MYTHS, lang)
    assert at.title[0].value == ui("page.myths.title", lang)
    ids = myth_ids()
    first = c().myths[ids[0]]
    assert first.claim(lang) in texts(at)
    assert first.verdict(lang) not in texts(at)  # not before the user answers
    assert c().myths[ids[1]].claim(lang) not in texts(at)
    answers = ["myth", "true", "myth", "unsure", "myth", "myth"]
    for myth_id, answer in zip(ids, answers, strict=True):
        at.button(key=f"quiz_{myth_id}_{answer}").click().run()
        assert not at.exception
        body = texts(at)
        myth = c().myths[myth_id]
        assert myth.verdict(lang) in body
        outcome = {"myth": "right", "true": "wrong", "unsure": "unsure"}[answer]
        assert ui(f"quiz.verdict.{outcome}", lang) in body  # one wording: what the answer got right
        # red only for a wrong answer: "not sure" is never scored as wrong
        assert [outcome == "wrong"] == [bool(at.error)], [e.value for e in at.error]
        assert not myth.verdict(lang).startswith(("Feil", "Wrong")), "the verdict says what is true"
        assert any(str(myth.source.page) in e.value for e in at.caption)  # the booklet page
        at.button(key="quiz_next").click().run()
    body = texts(at)
    assert ui("quiz.score", lang, correct=4, total=6, answered=6) in body
    assert ui("quiz.score.unsure", lang, n=1) in body
    outcomes = ["right", "wrong", "right", "unsure", "right", "right"]
    for n, outcome in enumerate(outcomes, 1):  # the score table: "not sure" is not "wrong"
        assert f"| {ui(f'quiz.result.{outcome}', lang)} |" in body.split(f"| {n} |", 1)[1].split("\n")[0], n
    at.button(key="quiz_restart").click().run()
    assert first.claim(lang) in texts(at) and first.verdict(lang) not in texts(at)


def test_quiz_shared_screen_reveals_on_click_in_large_type(lang: str) -> None:
    at = open_in(MYTHS, lang)
    mode(at).set_value("shared").run()
    first = c().myths[myth_ids()[0]]
    assert f"# {first.claim(lang)}" in [e.value for e in at.markdown]  # large type
    assert first.verdict(lang) not in texts(at)
    at.button(key=f"quiz_{first.id}_reveal").click().run()
    assert first.verdict(lang) in texts(at)
    assert ui("quiz.verdict.unanswered", lang) in texts(at)


def test_quiz_overview_lists_every_myth(lang: str) -> None:
    at = open_in(MYTHS, lang)
    mode(at).set_value("overview").run()
    body = texts(at)
    for m in c().myths.values():
        assert m.claim(lang) in body and m.verdict(lang) in body


def test_quiz_state_survives_a_language_and_view_switch() -> None:
    at = open_in(MYTHS, "nb")
    ids = myth_ids()
    at.button(key=f"quiz_{ids[0]}_myth").click().run()
    at.button(key="quiz_next").click().run()
    at.button(key=f"quiz_{ids[1]}_true").click().run()
    set_lang(at, "en")
    second = c().myths[ids[1]]
    body = texts(at)
    assert second.claim("en") in body and second.verdict("en") in body
    assert ui("quiz.progress", "en", n=2, total=6) in [e.proto.text for e in at.get("progress")]
    mode(at).set_value("overview").run()
    mode(at).set_value("alone").run()
    at.button(key="quiz_next").click().run()
    for myth_id in ids[2:]:
        at.button(key=f"quiz_{myth_id}_myth").click().run()
        at.button(key="quiz_next").click().run()
    assert ui("quiz.score", "en", correct=5, total=6, answered=6) in texts(at)
