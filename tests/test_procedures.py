"""The procedure that fits (guide.procurement.procedures, content/procedures.yaml): the API, its
refusals, and stored scenarios whose rendered advice in every language is a reviewed artefact."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from guide import content as content_mod
from guide import procurement as proc
from guide.documents import markdown as md
from guide.model import LANGS
from guide.procurement import model as pm
from guide.procurement import presenter
from tests.support import artefacts

SCENARIOS = Path(__file__).resolve().parent / "scenarios" / "procedures"
C = content_mod.default()
DAY = dt.date(2026, 12, 1)


def route(value: float, category: str = "goods_services", buyer: str = "municipal") -> proc.Route:
    return proc.route(value, buyer=buyer, category=category, on=DAY)


def _scenarios() -> list[Path]:
    return sorted(SCENARIOS.glob("*.yaml"))


def _load(path: Path) -> tuple[proc.Route, dict[str, Any], dict[str, Any]]:
    s = yaml.safe_load(path.read_text(encoding="utf-8"))
    p = s["purchase"]
    on = dt.date.fromisoformat(p["on"])
    r = proc.route(p["value_nok"], buyer=p["buyer"], category=p["category"], on=on)
    return r, s["needs"], s["expect"]


def test_every_procedure_and_question_is_in_the_content() -> None:
    assert list(C.procedure_choices) == list(pm.PROCEDURE_IDS)
    assert list(C.procedure_questions) == list(pm.NEEDS)


def test_the_advice_is_sorted_best_first_and_says_why() -> None:
    advice = proc.procedures(route(12_000_000), {"development_needed": True, "market_has_solution": False})
    assert advice[0].id == "innovation_partnership"
    keys = [(not a.allowed, not a.recommended, -a.score) for a in advice]
    assert keys == sorted(keys)
    for a in advice:
        assert not a.recommended or (a.allowed and a.reasons)
        assert a.source is not None
        assert all(k in C.procedure_choices[a.id].reasons for k in (*a.reasons, *a.against))
        assert a.allowed or a.why_not in ("route", "answers")


def test_missing_answers_mean_not_known() -> None:
    open_ = [a.id for a in proc.procedures(route(12_000_000), {}) if a.allowed]
    assert set(open_) == {"open_tender", "restricted_tender", "negotiated", "competitive_dialogue",
                          "innovation_partnership", "pre_commercial", "market_dialogue"}


@pytest.mark.parametrize(("needs", "word"), [
    ({"price_matters": True}, "price_matters"),
    ({"dialogue_first": 1}, "dialogue_first"),
    ({"need_specifiable": "yes"}, "need_specifiable"),
    ({"market_has_solution": None}, "market_has_solution"),
])
def test_unknown_keys_and_non_booleans_are_refused_by_name(needs: dict[str, Any], word: str) -> None:
    with pytest.raises(ValueError, match=word):
        proc.procedures(route(1_500_000), needs)


def test_the_conditions_of_the_regulation_rule_procedures_out() -> None:
    specified = {"need_specifiable": True, "market_has_solution": True, "development_needed": False}
    by_id = {a.id: a for a in proc.procedures(route(12_000_000), specified)}
    assert not by_id["negotiated"].allowed and by_id["negotiated"].why_not == "answers"  # § 13-2
    assert not by_id["innovation_partnership"].allowed  # a solution exists: § 13-1 (3)
    assert by_id["open_tender"].recommended
    not_reserved = {"reserve_for_non_profits": False}
    health = {a.id: a for a in proc.procedures(route(2_000_000, "health_social"), not_reserved)}
    assert not health["reserved_non_profit"].allowed and health["part1_competition"].recommended
    goods = {a.id: a for a in proc.procedures(route(2_000_000), {"reserve_for_non_profits": True})}
    assert not goods["reserved_non_profit"].allowed and goods["reserved_non_profit"].why_not == "route"


def _render(r: proc.Route, needs: dict[str, Any]) -> str:
    return "\n".join(f"[{lang}] {r.rules}\n" + md.render(presenter.procedures(r, needs, content=C, lang=lang))
                     for lang in LANGS)


@pytest.mark.parametrize("path", _scenarios(), ids=lambda p: p.stem)
def test_scenario(path: Path) -> None:
    r, needs, expect = _load(path)
    advice = proc.procedures(r, needs)
    best = [a.id for a in advice if a.recommended]
    assert (best[0] if best else None) == expect["first"]
    assert set(expect.get("recommended", [])) <= set(best)
    artefacts.check(path, _render(r, needs), "tests/test_procedures.py")


def test_the_scenarios_cover_every_procedure_as_recommended_and_as_not_allowed() -> None:
    recommended: set[str] = set()
    closed: set[str] = set()
    for path in _scenarios():
        r, needs, _ = _load(path)
        for a in proc.procedures(r, needs):
            (recommended if a.recommended else closed if not a.allowed else set()).add(a.id)
    assert recommended == set(pm.PROCEDURE_IDS)
    assert closed == set(pm.PROCEDURE_IDS)


ISSUE_PURCHASES = [(1_500_000, "municipal"), (2_400_000, "municipal"), (8_000_000, "municipal"),
                   (1_600_000, "state")]
NEEDS = [{}, {"development_needed": True}, {"dialogue_first": True},
         {"need_specifiable": True, "market_has_solution": True}]


@pytest.mark.parametrize("value,buyer", ISSUE_PURCHASES)
@pytest.mark.parametrize("category", pm.CATEGORIES)
@pytest.mark.parametrize("needs", NEEDS)
def test_one_procedure_is_recommended_and_the_others_that_fit_say_why_they_rank_lower(
    value: int, buyer: str, category: str, needs: dict[str, bool]
) -> None:
    r = route(value, category, buyer)
    advice = proc.procedures(r, needs)
    fits = [a for a in advice if a.recommended]
    assert fits, "some procedure fits every purchase under the act"
    for lang in LANGS:
        text = md.render(presenter.procedures(r, needs, content=C, lang=lang))
        assert text.count(C.t("proc.choose.recommended", lang)) == 1, (lang, [a.id for a in fits])
        best = C.procedure_choices[fits[0].id].title(lang)
        assert text.index(best) < text.index(C.t("proc.choose.recommended", lang))
        for rank, a in enumerate(fits[1:], 2):  # each alternative, in rank order, with why it is lower
            title = C.t("proc.choose.alternative", lang, n=rank, title=C.procedure_choices[a.id].title(lang))
            why = C.t("proc.choose.rank.tie" if a.score >= fits[0].score else "proc.choose.rank.lower",
                      lang, best=best)
            assert f"**{title}**\n\n**{why}**" in text, (lang, a.id)
        if len(fits) == 1:
            assert C.t("proc.choose.alternatives", lang) not in text
