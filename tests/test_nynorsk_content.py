"""Nynorsk is written, not copied: every text of the finished kinds has its own ``nn``, and the
numbers, section references and placeholders a user acts on are the same as in bokmål."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from guide.content import load
from guide.model import Text

#: Kinds whose nynorsk is still being written elsewhere; empty it as they are finished.
PENDING = {"ui", "calendar", "plan_steps", "funding"}


def _texts(obj: Any, path: str) -> Iterator[tuple[str, Text]]:
    if isinstance(obj, Text):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _texts(getattr(obj, name), f"{path}.{name}")
    elif isinstance(obj, list | tuple):
        for n, x in enumerate(obj):
            yield from _texts(x, f"{path}.{n}")
    elif isinstance(obj, dict):
        for k, x in obj.items():
            yield from _texts(x, f"{path}.{k}")


@pytest.fixture(scope="module")
def finished() -> list[tuple[str, Text]]:
    c = load()
    return [pt for kind, items in c.kinds.items() if kind not in PENDING for pt in _texts(items, kind)]


def test_every_text_of_the_finished_kinds_has_nynorsk(finished: list[tuple[str, Text]]) -> None:
    assert finished
    missing = [path for path, t in finished if t.nn is None]
    assert not missing, missing


#: Texts whose every word is the same in both written standards (checked one by one).
SAME_IN_BOTH = {
    "cases.grunerlokka_working_group.name",  # Bydel Grünerløkka – arbeidsgruppe for sosialt …
    "cases.kokebok_dialogue.place",  # Oslo (dialogsamling på Sentralen) og nettbasert (…)
    "planning.annual_budget.when",  # Gjennom året – rammer i første halvår, forslag før oktober, …
    "questionnaires.readiness.items.11.when",  # September–desember – forslag før oktober, …
}


def test_long_nynorsk_texts_are_not_copies_of_bokmal(finished: list[tuple[str, Text]]) -> None:
    # A quotation stays as it was said; everything else is written in nynorsk.
    long = [(p, t) for p, t in finished if t.nn is not None and len(t.nb) > 60]
    copies = [p for p, t in long if t.nn == t.nb and ".quotes." not in p
              and not t.nb.startswith("«") and p not in SAME_IN_BOTH]
    assert not copies, copies


FIGURES = re.compile(r"\{[a-z_]+\}|§ ?\d+(?:-\d+)?[a-z]?|\d[\d  ]*(?:,\d+)?")


def test_figures_sections_and_placeholders_are_as_in_bokmal(finished: list[tuple[str, Text]]) -> None:
    def figures(s: str) -> list[str]:
        return sorted(re.sub(r"\s", "", f) for f in FIGURES.findall(s))

    differ = [p for p, t in finished if t.nn is not None and figures(t.nn) != figures(t.nb)]
    assert not differ, differ


def test_the_county_governor_has_its_nynorsk_name() -> None:
    """Since 1 January 2021 the office is «statsforvalteren» in bokmål and «statsforvaltaren» in
    nynorsk (royal decree of 18 December 2020); a source's title keeps the name it was published
    under, and a note may name both forms."""
    c = load()
    wrong = [path for kind, items in c.kinds.items() if kind != "sources"
             for path, t in _texts(items, kind) if re.search(r"\b[Ss]tatsforvalteren\b", t.nn)]
    assert not wrong, wrong
