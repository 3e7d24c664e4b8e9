"""The procurement law said in the hand-written content agrees with the calculator.

``guide.procurement.route`` is the one place that knows which rules apply. The texts around it
(the forms' procurement notes, the myths' verdicts) are written by hand, so they are checked
against it here, on today's date:

- every form of cooperation with a typical case (``procurement_case``, the app's own estimate) is
  run through ``route``; its stated consequence (``procurement``) must agree with the route, and
  its note must name the thresholds that decide that case;
- every myth whose verdict states an announcement rule carries ``claims``; each claim must be
  what ``route`` says, and the verdict must name the threshold from which announcement starts.

A text that states an announcement rule that ``route`` contradicts fails here; so does a note or
verdict left with old figures when the dated table in ``content/procurement.yaml`` changes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from guide import content as content_mod
from guide import procurement as proc
from guide.model import AnnouncementClaim, CooperationForm, Myth, RouteInput, Text

TODAY = dt.date.today()

#: What each consequence of a form means for the route of its typical case.
#: ``outside_act`` (not a purchase) has no typical case: a value would mean nothing.
AGREES: dict[str, tuple[str, Callable[[proc.Route], bool]]] = {
    "below_threshold": (
        "Part I or below the lower limit, without announcement",
        lambda r: not r.must_announce and r.regime in ("outside_act", "part1"),
    ),
    "competition": ("a route that must announce", lambda r: r.must_announce),
    "innovative": ("a procurement within the act", lambda r: r.regime != "outside_act"),
    # The paid part is a purchase within the act; whether it is announced is the route's to say.
    "depends": ("a procurement within the act (the paid part)", lambda r: r.regime != "outside_act"),
}
#: Forms that are a purchase (or may be) but have no typical case, and why.
WITHOUT_CASE = {"joint_development": "the booklet's example involves no payment at all"}


def content() -> content_mod.Content:
    return content_mod.default()


def forms() -> list[CooperationForm]:
    return list(content().forms.values())


def route_of(case: RouteInput, on: dt.date | None = None) -> proc.Route:
    return proc.route(case.value_nok, buyer=case.buyer, category=case.category, on=on or TODAY)


def spellings(value: int, lang: str) -> tuple[str, ...]:
    """How the content writes an amount: ``1 300 000`` / ``1,3 millioner`` (nb, nn) and
    ``1,300,000`` / ``1.3 million`` (en)."""
    if lang == "en":
        out = [f"{value:,}"]
        if value >= 1_000_000:
            out.append(f"{value / 1_000_000:g} million")
    else:
        out = [f"{value:,}".replace(",", " ")]
        if value >= 1_000_000:
            millions = f"{value / 1_000_000:g}".replace(".", ",")
            out += [f"{millions} millioner", f"{millions} millionar"]
    return tuple(out)


def names(text: str, value: int, lang: str) -> bool:
    plain = re.sub(r"[\u00a0\u202f]", " ", text)
    return any(s in plain for s in spellings(value, lang))


def texts_of(text: Text) -> Iterator[tuple[str, str]]:
    yield "nb", text.nb
    yield "en", text.en
    if text.nn is not None:
        yield "nn", text.nn


# --- Forms of cooperation --------------------------------------------------------------------


def test_the_mapping_covers_every_consequence() -> None:
    from typing import get_args

    from guide.model import ProcurementConsequence

    assert set(AGREES) | {"outside_act"} == set(get_args(ProcurementConsequence))


@pytest.mark.parametrize("form", forms(), ids=lambda f: f.id)
def test_a_form_has_a_typical_case_exactly_when_it_is_a_purchase(form: CooperationForm) -> None:
    if form.procurement == "outside_act":
        assert form.procurement_case is None, f"{form.id} is not a purchase: a typical case means nothing"
    elif form.id not in WITHOUT_CASE:
        assert form.procurement_case is not None, (
            f"{form.id} ({form.procurement}) needs a procurement_case so that route can check it"
        )


CASES = [f for f in forms() if f.procurement_case is not None]


def test_the_typical_cases_include_the_health_and_social_exception() -> None:
    # The partnership agreement (the booklet's nursing-home example) is a health or social
    # service above 1.3 M: no duty to announce.
    case = content().forms["partnership_agreement"].procurement_case
    assert case is not None and case.category == "health_social" and case.value_nok > 1_300_000
    assert route_of(case).must_announce is False


@pytest.mark.parametrize("form", CASES, ids=lambda f: f.id)
def test_the_consequence_of_a_form_agrees_with_the_route_of_its_typical_case(
    form: CooperationForm,
) -> None:
    assert form.procurement_case is not None
    r = route_of(form.procurement_case)
    meaning, agrees = AGREES[form.procurement]
    assert agrees(r), (
        f"{form.id}: procurement '{form.procurement}' means {meaning}, but route gives "
        f"{r.rules} (must_announce={r.must_announce}) for {form.procurement_case}"
    )


@pytest.mark.parametrize("form", forms(), ids=lambda f: f.id)
def test_a_forms_rules_by_value_come_from_the_table_and_its_note_repeats_no_figure(
    form: CooperationForm,
) -> None:
    from guide import formats
    from guide.procurement import presenter
    from guide.procurement.model import EEA_KEYS

    c = content()
    figures = {p.figure(k) for p in c.procurement_thresholds.values()
               for k in (EEA_KEYS if p.series == "eea" else (None,))}
    for lang, text in texts_of(form.procurement_note):
        named = [v for v in figures if names(text, v, lang)]
        assert not named, f"{form.id}.procurement_note.{lang} repeats {named}: the rules by value say it"
    case = form.procurement_case
    buyer = case.buyer if case is not None else "municipal"
    category = case.category if case is not None else "goods_services"
    r = proc.route(1, buyer=buyer, category=category, on=TODAY)
    for lang in ("nb", "nn", "en"):
        lines = presenter.form_by_value(form, content=c, lang=lang, on=TODAY)  # type: ignore[arg-type]
        for th in r.thresholds:
            assert formats.nok(th.value, lang) in lines[0], (form.id, lang, th)  # type: ignore[arg-type]
        if category != "health_social":
            eea = proc.route(1, buyer=buyer, category="health_social", on=TODAY).threshold("eea")
            assert eea is not None and formats.nok(eea.value, lang) in lines[1]  # type: ignore[arg-type]


# --- Myths -----------------------------------------------------------------------------------

#: A verdict that says when something must (not) be announced, or names an amount.
STATES_A_RULE = re.compile(
    r"kunngjøre|kunngjøring|duty to announce|must be announced|\d[\d  ,.]*\s*(kroner|millioner)|NOK\s*\d",
    re.IGNORECASE,
)


def myths() -> list[Myth]:
    return sorted(content().myths.values(), key=lambda m: m.number)


@pytest.mark.parametrize("myth", myths(), ids=lambda m: m.id)
def test_a_myth_whose_verdict_states_an_announcement_rule_has_checked_claims(myth: Myth) -> None:
    states = any(STATES_A_RULE.search(text) for _, text in texts_of(myth.verdict))
    if states:
        assert myth.claims, f"{myth.id}: its verdict states a rule; give it `claims` route can check"


def test_the_two_procurement_myths_have_claims() -> None:
    c = content()
    assert c.myths["myth_all_to_tender"].claims
    claims = c.myths["myth_announce_over_100k"].claims
    # The verdict's exception: health and social services above 1.3 M need no announcement.
    assert any(k.category == "health_social" and k.value_nok > 1_300_000 and not k.must_announce
               for k in claims)


CLAIMS = [(m, i, k) for m in myths() for i, k in enumerate(m.claims)]


@pytest.mark.parametrize(("myth", "i", "claim"), CLAIMS, ids=[f"{m.id}-{i}" for m, i, _ in CLAIMS])
def test_each_claim_of_a_myth_is_what_route_says(myth: Myth, i: int, claim: AnnouncementClaim) -> None:
    r = route_of(claim, claim.date)
    assert r.must_announce is claim.must_announce, (
        f"{myth.id}.claims.{i}: {claim} says must_announce={claim.must_announce}, but route gives "
        f"{r.rules} on {r.on}"
    )


def announce_from(claim: AnnouncementClaim) -> int:
    """The lowest threshold from which a purchase like ``claim`` must be announced today."""
    r = route_of(claim)
    return min(
        t.value for t in r.thresholds
        if proc.route(t.value, buyer=claim.buyer, category=claim.category, on=TODAY).must_announce
    )


@pytest.mark.parametrize(
    ("myth", "i", "claim"),
    [(m, i, k) for m, i, k in CLAIMS if k.must_announce and k.date is None],
    ids=lambda x: getattr(x, "id", str(x)),
)
def test_the_verdict_names_the_threshold_from_which_announcement_starts(
    myth: Myth, i: int, claim: AnnouncementClaim
) -> None:
    value = announce_from(claim)
    for lang, text in texts_of(myth.verdict):
        assert names(text, value, lang), (
            f"{myth.id}.verdict.{lang} does not name {value:,}, from which a purchase like "
            f"claims.{i} must be announced today"
        )


# --- Texts that must not drift ---------------------------------------------------------------


def all_texts() -> Iterator[tuple[str, Text]]:
    def walk(obj: Any, path: str) -> Iterator[tuple[str, Text]]:
        if isinstance(obj, Text):
            yield path, obj
        elif isinstance(obj, BaseModel):
            for name in type(obj).model_fields:
                yield from walk(getattr(obj, name), f"{path}.{name}")
        elif isinstance(obj, list | tuple):
            for n, x in enumerate(obj):
                yield from walk(x, f"{path}.{n}")
        elif isinstance(obj, dict):
            for k, x in obj.items():
                yield from walk(x, f"{path}.{k}")

    for kind, items in content().kinds.items():
        yield from walk(items, kind)


def test_asking_three_suppliers_is_always_labelled_as_the_booklets_advice_of_2017() -> None:
    three = re.compile(r"tre leverandør|three supplier", re.IGNORECASE)
    unlabelled = [
        f"{path}.{lang}" for path, text in all_texts() for lang, s in texts_of(text)
        if three.search(s) and "2017" not in s
    ]
    assert not unlabelled, f"'ask three suppliers' shown as a rule, not as the booklet's advice: {unlabelled}"


def test_the_500_000_from_july_2026_is_traced_to_independent_sources() -> None:
    c = content()
    period = c.procurement_thresholds["lower_limit_2026"]
    assert (period.status, period.value, period.valid_from) == ("adopted", 500_000, dt.date(2026, 7, 1))
    publishers = {c.sources[s.ref].publisher for s in period.all_sources()}
    assert len(publishers) >= 2
    assert all(c.sources[s.ref].url for s in period.all_sources())
    assert period.open_questions is not None and "§ 4" in period.open_questions.nb


def test_prop_147_l_is_described_identically_wherever_it_is_mentioned() -> None:
    c = content()
    threshold = c.procurement_thresholds["lower_limit_prop_147_l"].note
    update = next(u for u in c.myths["myth_all_to_tender"].updates if u.source.ref == "prop_147_l_2024_2025")
    source = c.sources["prop_147_l_2024_2025"].note
    assert threshold is not None and source is not None

    def same(s: str) -> str:
        return " ".join(s.split())

    never = {"nb": "aldri gjeldende lov", "nn": "aldri gjeldande lov", "en": "never became law"}
    for lang in ("nb", "nn", "en"):
        texts = {same(getattr(t, lang) or "") for t in (threshold, update.text, source)}
        assert len(texts) == 1, (lang, texts)
        (text,) = texts
        for part in ("300", "§ 4", "Innst. 38 L (2025–2026)", "Prop. 147 L (2024–2025)"):
            assert part in text, (lang, part)
        assert ("15 May 2025" if lang == "en" else "15. mai 2025") in text
        assert never[lang] in text
        assert ("5 February 2026" if lang == "en" else "5. februar 2026") in text
    # Every text a user reads as a description of the proposal is one of these (the notes of
    # other sources, such as a law firm's summary, only say what they are).
    mentions = {
        path for path, text in all_texts() if "147 L" in text.nb and not path.startswith("sources.")
    }
    assert mentions == {
        "procurement_thresholds.lower_limit_prop_147_l.note",
        "myths.myth_all_to_tender.updates.0.text",
        # what is still unconfirmed about the adopted limit: which parts of the bill were adopted
        "procurement_thresholds.lower_limit_2026.open_questions",
    }, mentions
