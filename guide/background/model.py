"""The content model of ``content/background.yaml``: the sections of the background page.

A section is written in the project's own words, with the booklet's facts and the page each comes
from. The booklet's quotations stay in the booklet's words and language, each with its speaker.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field

from guide.model import Item, Lang, NonEmpty, Slug, Source, Strict, Text

if TYPE_CHECKING:  # guide.content imports this module
    from guide.content import Content

FILE = "background.yaml"
K_SECTIONS = "background"


class Point(Strict):
    """A point of a list (one of the five characteristics, an organisation form …)."""

    text: Text
    source: Source | None = None  # where it differs from its section's


class Term(Strict):
    """A term and what it means: a row of a section's table (activity, actors, effects)."""

    term: Text
    meaning: Text


class BookletQuote(Strict):
    """A quotation from the booklet, in the booklet's words and language, with its speaker.

    ``gist`` says in English what it says, for a reader without Norwegian: the project's own
    words, never shown as the quotation."""

    text: NonEmpty
    lang: Lang = "nb"
    speaker: NonEmpty
    role: Text | None = None
    gist: NonEmpty | None = None
    source: Source


class Section(Item):
    """A section of the background page: its heading, its paragraphs, then an optional list, table
    and quotations."""

    title: Text
    body: list[Text] = Field(min_length=1)
    points_lead: Text | None = None
    points: list[Point] = Field(default_factory=list)
    terms: list[Term] = Field(default_factory=list)
    quotes: list[BookletQuote] = Field(default_factory=list)
    reports: list[Slug] = Field(default_factory=list)  # ids in reports.yaml the section points to


def check(content: Content) -> Iterator[str]:
    """Every report a section points to is in ``reports.yaml``."""
    reports = content.kinds.get("reports", {})
    for sid, s in content.kinds.get(K_SECTIONS, {}).items():
        for rid in s.reports:
            if rid not in reports:
                yield f"{content.root.name}/{FILE}: {K_SECTIONS}.{sid}.reports: unknown reports id '{rid}'"
