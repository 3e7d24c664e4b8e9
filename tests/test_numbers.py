"""Numbers a user enters: a plausible range for each in content, enforced by the schema, the widgets
and the results; never ``inf`` or ``nan``; amounts read as Norwegian users write them."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import shutil
import zlib
from pathlib import Path

import pytest

from guide import amounts, formats, procurement
from guide import content as content_mod
from guide.answers.link import ZDICT_V2, encode_part, read_query
from guide.content import ContentError
from guide.model import INPUT_RANGES
from guide.procurement import presenter as proc_presenter
from guide.state import Answers, ProcurementInputs, StateError
from tests.support.apptest import ROOT

HUGE = "9" * 5000


def test_a_5000_digit_number_in_a_file_gives_a_plain_message() -> None:
    text = Answers().to_json().replace('"investment": null', f'"investment": {HUGE}')
    with pytest.raises(StateError) as exc:
        Answers.from_json(text)
    assert "sys." not in exc.value.detail and "set_int_max_str_digits" not in exc.value.detail
    assert exc.value.code == "too_many_digits"
    assert "digits" in exc.value.detail and len(exc.value.detail) < 120


def test_a_5000_digit_number_in_the_link_gives_a_plain_notice() -> None:
    part = encode_part({"investment": 12345, "discount_rate": 4})
    raw = json.dumps({"investment": 12345, "discount_rate": 4}, separators=(",", ":")).replace("12345", HUGE)
    packer = zlib.compressobj(9, zlib.DEFLATED, 15, zdict=ZDICT_V2)
    part = base64.urlsafe_b64encode(packer.compress(raw.encode()) + packer.flush()).decode().rstrip("=")
    answers, problems = read_query({"v": "2", "sroi": part})
    assert answers.sroi.investment is None
    assert problems and all("set_int_max_str_digits" not in p.detail for p in problems)


# ---------------------------------------------------------------------------
# Amounts typed as text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 500 000", 1_500_000), ("1\u00a0500\u00a0000", 1_500_000), ("1\u202f500\u202f000", 1_500_000),
        ("1500000", 1_500_000), ("1.500.000", 1_500_000), ("1,500,000", 1_500_000),
        ("1,5 mill", 1_500_000), ("1,5 mill.", 1_500_000), ("1.5 million", 1_500_000),
        ("2,5 millioner", 2_500_000), ("1,5 mill kr", 1_500_000), ("ca. 1,5 mill", 1_500_000),
        ("3 mrd", 3_000_000_000), ("250k", 250_000), ("250 tusen", 250_000),
        ("kr 250 000,-", 250_000), ("250 000,-", 250_000), ("NOK 1,300,000", 1_300_000),
        ("1 300 000 kr", 1_300_000), ("250.000", 250_000), ("1 500,50", 1500.5), ("1500.50", 1500.5),
        ("12,5", 12.5), ("0", 0), ("+100", 100), ("1.500,50", 1500.5), ("1,500.50", 1500.5),
    ],
)
def test_amounts_as_norwegian_users_write_them(text: str, value: float) -> None:
    assert amounts.parse(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"), ("   ", "empty"), ("abc", "not_a_number"), ("1 5OO", "not_a_number"),
        ("1e9", "not_a_number"), ("12,34,5", "not_a_number"), ("1.2.3", "not_a_number"),
        ("1,250 mill", "ambiguous"), ("1.250 mill", "ambiguous"), ("1,500.000", "ambiguous"),
        ("-5", "negative"), ("kr -250 000", "negative"), ("inf", "not_finite"), ("NaN", "not_finite"),
        ("9" * 5000, "too_many_digits"), ("1" * 19, "too_many_digits"),
    ],
)
def test_what_is_not_an_amount_says_why(text: str, code: str) -> None:
    with pytest.raises(amounts.AmountError) as exc:
        amounts.parse(text)
    assert exc.value.code == code


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize(
    ("text", "code"),
    [("1,250 mill", "ambiguous"), ("9" * 40, "too_many_digits"), ("10^20", "not_a_number"),
     ("100 000 000 000 000 000", "out_of_range"), ("200 mrd", "out_of_range"), ("-5", "negative")],
)
def test_a_procurement_value_outside_its_range_gets_a_message(text: str, code: str, lang: str) -> None:
    c = content_mod.default()
    if code == "out_of_range":  # the answers refuse it; the engine too, if a caller bypasses them
        with pytest.raises(ValueError, match="value"):
            ProcurementInputs(value=text)
        inputs = ProcurementInputs.model_construct(value=text)
    else:
        inputs = ProcurementInputs(value=text)
    r = proc_presenter.compute(inputs, dt.date(2026, 5, 4), c)
    assert isinstance(r, procurement.InputError) and r.code == code
    message = proc_presenter.error(r, c, lang).body[0].text  # type: ignore[union-attr]
    assert "{" not in message
    if code == "out_of_range":
        bounds = c.input_ranges["procurement_value"]
        assert formats.nok(bounds.min, lang) in message and formats.nok(bounds.max, lang) in message


def test_the_procurement_value_at_its_range_is_routed() -> None:
    c = content_mod.default()
    top = c.input_ranges["procurement_value"].max
    typed = formats.number(top, "nb", decimals=0)
    r = proc_presenter.compute(ProcurementInputs(value=typed), dt.date(2026, 5, 4))
    assert isinstance(r, procurement.Route)


# ---------------------------------------------------------------------------
# Ranges in content


def test_every_range_the_code_asks_for_is_in_content() -> None:
    c = content_mod.default()
    assert set(INPUT_RANGES) <= set(c.input_ranges)


def test_a_missing_or_reversed_range_fails_the_content_check(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    text = (root / "inputs.yaml").read_text(encoding="utf-8")
    text = text.replace("  - {id: sroi_proxy, min: 0, max: 10000000, unit: nok}\n", "")
    text = text.replace("{id: sroi_quantity, min: 0, max: 10000000", "{id: sroi_quantity, min: 10, max: 1")
    (root / "inputs.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        content_mod.load(root)
    lines = "\n".join(exc.value.errors)
    assert "inputs.yaml: input_ranges.sroi_proxy: is required" in lines or "sroi_quantity" in lines
    assert "min must not be above max" in lines


def test_a_number_question_without_a_range_fails_the_content_check(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    path = root / "questionnaires" / "calendar_plan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    min: 0\n    max: 60\n", "    min: 0\n", 1),
                    encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        content_mod.load(root)
    assert any("needs min and max" in e for e in exc.value.errors)


# ---------------------------------------------------------------------------
# Units once


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_number_questions_label_names_its_unit_once(lang: str) -> None:
    c = content_mod.default()
    seen = 0
    for qn in c.questionnaires.values():
        for q in qn.questions:
            if q.kind != "number" or q.unit is None:
                continue
            seen += 1
            label = q.label(lang)  # type: ignore[arg-type]
            unit = q.unit(lang)  # type: ignore[arg-type]
            words = {"kr": ("kr", "kroner", "nok"), "NOK": ("nok", "kroner")}.get(unit, (unit,))
            count = sum(len(re.findall(rf"(?<!\w){re.escape(w)}(?!\w)", label, re.IGNORECASE)) for w in words)
            assert count == 1, label
    assert seen >= 3


def test_the_calendars_span_in_content_is_the_one_window_accepts() -> None:
    from guide import calendar as cal
    from guide import content as content_mod

    span = content_mod.default().input_ranges["calendar_months"]
    assert (span.min, span.max) == (cal.engine.MIN_MONTHS, cal.engine.MAX_MONTHS)
