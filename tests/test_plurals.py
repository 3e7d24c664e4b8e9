"""Plural forms in UI texts: ``{n:one|other}`` takes the form the language's rule asks for, and
``python -m guide check`` names a text whose forms do not fit its language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from guide import content as content_mod
from guide import plurals
from guide.model import Text


@pytest.mark.parametrize(("lang", "forms"), [("nb", ("deltaker", "deltakere")),
                                             ("nn", ("deltakar", "deltakarar")),
                                             ("en", ("participant", "participants"))])
def test_one_and_many_take_their_own_form(lang: str, forms: tuple[str, str]) -> None:
    text = f"{{n}} {{n:{forms[0]}|{forms[1]}}}"
    assert plurals.categories(lang) == ("one", "other")
    assert plurals.format_text(text, lang, n=1) == f"1 {forms[0]}"
    for n in (0, 2, 5, 21, 300):
        assert plurals.format_text(text, lang, n=n) == f"{n} {forms[1]}"


def test_the_workshop_counts_read_right_for_one_participant() -> None:
    c = content_mod.default()
    assert c.t("workshop.participants", "en", n=1) == "1 participant has joined."
    assert c.t("workshop.participants", "en", n=3) == "3 participants have joined."
    assert c.t("workshop.participants", "nb", n=1) == "1 deltaker har blitt med."
    assert c.t("workshop.participants", "nn", n=1) == "1 deltakar har vorte med."
    assert c.t("workshop.answered", "en", n=1, total=1) == "1 of 1 participant has answered."
    assert c.t("workshop.answered", "en", n=2, total=3) == "2 of 3 participants have answered."
    assert c.t("workshop.answered", "en", n=0, total=1) == "0 of 1 participant has answered."
    assert c.t("workshop.answered", "nb", n=0, total=1) == "0 av 1 deltaker har svart."
    assert c.t("workshop.answered", "nn", n=2, total=2) == "2 av 2 deltakarar har svara."
    assert c.t("workshop.summary.total", "en", participants=1, answers=1, questions=1) == (
        "1 participant, 1 answer to 1 question.")
    for lang in ("nb", "nn", "en"):
        assert "{" not in c.t("workshop.participants", lang, n=1)


def test_texts_without_forms_format_as_before_and_any_placeholder_name_works() -> None:
    assert plurals.format_text("{text} ({n})", "nb", text="Tid", n=2) == "Tid (2)"
    assert plurals.format_text("{n:>3}|{x}", "en", n=7, x="a") == "  7|a"  # a bar outside braces
    assert plurals.format_text("{n:one|many}", "en", n=1.0) == "one"


def test_a_wrong_number_of_forms_or_a_value_that_is_no_number_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"plural forms given; nb has 2"):
        plurals.format_text("{n:a|b|c}", "nb", n=1)
    with pytest.raises(TypeError):
        plurals.format_text("{n:a|b}", "nb", n="1")
    assert list(plurals.problems("{n:a|b}", "nb")) == []
    assert list(plurals.problems("{n:a|b|c}", "en")) == ["{n:…} has 3 plural forms; en needs 2 (one | other)"]


@dataclass
class _Content:
    kinds: dict[str, Any] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=lambda: {"ui": "ui"})


def test_the_content_check_names_the_key_and_language_with_wrong_forms() -> None:
    fake = _Content({"ui": {
        "good": Text(nb="{n} {n:dag|dager}", nn="{n} {n:dag|dagar}", en="{n} {n:day|days}"),
        "bad": Text(nb="{n} {n:dag}", nn="{n} {n:dag|dagar|dagar}", en="{n} {n:day|days|dayz}"),
    }})
    lines = sorted(plurals.check(fake))  # type: ignore[arg-type]
    assert lines == ["content/ui/: bad.en: {n:…} has 3 plural forms; en needs 2 (one | other)",
                     "content/ui/: bad.nn: {n:…} has 3 plural forms; nn needs 2 (one | other)"]


def test_every_ui_text_of_the_project_has_forms_that_fit() -> None:
    assert list(plurals.check(content_mod.default())) == []
