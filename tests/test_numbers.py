"""Numbers a user enters: a plausible range for each in content, enforced by the schema, the widgets
and the results; never ``inf`` or ``nan``; amounts read as Norwegian users write them."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

from guide.answers.link import ZDICT_V2, encode_part, read_query
from guide.state import Answers, StateError

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
