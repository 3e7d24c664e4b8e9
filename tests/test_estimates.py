"""The guide's own estimates are shown as estimates, with how they were made: the forms' typical
values and durations (forms page cards and the forms at a glance) and the questionnaires' points
(every result, on screen and in the report)."""

from __future__ import annotations

import datetime as dt
import re
import typing

import pytest

from guide import content as content_mod
from guide import report
from guide.documents.blocks import Callout, Card, Paragraph, walk
from guide.model import LANGS, Lang
from guide.procurement import presenter as proc_presenter
from guide.questionnaires import presenter as qn_presenter
from guide.state import Answers
from tests.support.apptest import ROOT, open_page
from tests.support.samples import scenario

ALL_LANGS: tuple[Lang, ...] = typing.get_args(Lang)
TODAY = dt.date(2026, 12, 1)
SCENARIOS = ROOT / "tests" / "scenarios"
IMPACT_ANSWERS = {
    "who": "small_entrepreneur", "aims": ["money_value"], "stage": "ongoing", "capacity": "some",
    "data": "yes",
}


def c() -> content_mod.Content:
    return content_mod.default()


def estimates(blocks: typing.Iterable[object]) -> list[Callout]:
    return [b for b in walk(blocks) if isinstance(b, Callout) and b.kind == "our_estimate"]  # type: ignore[arg-type]


def _one_scenario(guide: str) -> str:
    return sorted(p.stem for p in (SCENARIOS / guide).glob("*.yaml"))[0]


# ---------------------------------------------------------------------------
# Questionnaire points


@pytest.mark.parametrize("lang", ALL_LANGS)
@pytest.mark.parametrize("qid", ["form_matcher", "getting_started", "readiness", "impact_method"])
def test_a_result_with_points_says_they_are_the_guide_s_estimate(qid: str, lang: Lang) -> None:
    given = scenario(qid, _one_scenario(qid))["answers"] if (SCENARIOS / qid).is_dir() else IMPACT_ANSWERS
    blocks = qn_presenter.result(qid, given, content=c(), lang=lang, today=TODAY)
    cards = [i for i, b in enumerate(blocks) if isinstance(b, Card)]
    assert cards, f"{qid}: the answers give a ranking"
    [est] = estimates(blocks)
    assert est.title == c().t("estimate.title", lang)
    assert est.body == (Paragraph(c().t("estimate.weights", lang)),)
    assert blocks.index(est) < cards[0], "the estimate is said before the first score"


@pytest.mark.parametrize("lang", ALL_LANGS)
def test_a_result_without_points_has_no_estimate_callout(lang: Lang) -> None:
    blocks = qn_presenter.result("form_matcher", {}, content=c(), lang=lang, today=TODAY)
    assert not [b for b in blocks if isinstance(b, Card)]
    assert not estimates(blocks)


@pytest.mark.parametrize("lang", ALL_LANGS)
def test_the_report_says_the_points_are_the_guide_s_estimate(lang: Lang) -> None:
    given = scenario("form_matcher", "bua_subscription")["answers"]
    a = Answers(questionnaires={"form_matcher": {"answers": given}})
    blocks = report.blocks(a, lang, today=TODAY)
    assert [e.title for e in estimates(blocks)] == [c().t("estimate.title", lang)]
    md = re.sub(r"\\(.)", r"\1", report.markdown(a, lang, today=TODAY))
    assert c().t("estimate.weights", lang) in " ".join(md.split())


# ---------------------------------------------------------------------------
# Typical values and durations of the forms


@pytest.mark.parametrize("lang", ALL_LANGS)
def test_the_forms_at_a_glance_label_their_figures_as_the_guide_s_estimate(lang: Lang) -> None:
    blocks = proc_presenter.forms_at_a_glance(content=c(), lang=lang, today=TODAY)
    [est] = estimates(blocks)
    assert est.title == c().t("estimate.title", lang)
    table = next(b for b in blocks if type(b).__name__ == "Table")
    for col in ("value", "duration"):
        assert c().t(f"forms.glance.col.{col}", lang) in table.header  # type: ignore[attr-defined]


def test_the_texts_say_how_the_estimates_were_made() -> None:
    for lang in ALL_LANGS:
        forms, weights = c().t("estimate.forms", lang), c().t("estimate.weights", lang)
        assert c().ui["estimate.forms"].nn and c().ui["estimate.weights"].nn
        for text in (forms, weights):
            assert re.search(r"heftet|the booklet", text), text  # what it was made from
    assert "estimate" in c().t("forms.lead", "en") and "does not give" in c().t("forms.lead", "en")
    assert "anslag" in c().t("forms.lead", "nb") and "oppgir dem ikke" in c().t("forms.lead", "nb")


@pytest.mark.parametrize("lang", LANGS)
def test_every_form_card_says_its_figures_are_the_guide_s_estimate(lang: str) -> None:
    at = open_page("views/forms.py", lang)
    assert not at.exception
    note = c().t("estimate.forms", lang)  # type: ignore[arg-type]
    assert [str(e.value) for e in at.caption].count(note) == len(c().forms)
    label = c().t("form.typical_value", lang)  # type: ignore[arg-type]
    assert sum(str(e.value).startswith(f"**{label}**") for e in at.markdown) == len(c().forms)
    assert c().t("estimate.title", lang) in "\n".join(str(i.value) for i in at.info)  # type: ignore[arg-type]
    # the table at a glance fits a phone too, its estimated columns included
    assert any(str(e.value).startswith("<style>") and ".st-key-forms_glance_table_1" in str(e.value)
               for e in at.markdown)

