"""The accessibility statement (tilgjengelighetserklæring): its content model.

The statement follows the fields Digdir's uustatus asks for: the solution and who owns it, how far
it complies with WCAG 2.1 AA, each known breach (what, which success criterion, what it means for
the user, when it will be fixed), where to give feedback, how to complain, and how and when it was
tested. It lives in ``content/accessibility.yaml``; ``guide.accessibility.presenter.statement``
words it as blocks for the page (``views/accessibility.py``).

Each test method names the test file that measures it, so that the statement claims only what a
test in the project checks (``tests/test_accessibility.py`` verifies the files exist).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from guide.model import NonEmpty, Slug, Source, Strict, Text

Compliance = Literal["full", "partial", "none"]


class Breach(Strict):
    """A known breach of one WCAG 2.1 success criterion."""

    id: Slug
    criterion: str = Field(pattern=r"^[1-4]\.[1-9]\.[0-9]{1,2}$")  # e.g. "3.1.1"
    name: Text  # the success criterion's name
    what: Text  # what on the pages breaks it
    impact: Text  # what it means for the user
    plan: Text  # what will be done about it
    fix_by: dt.date | None = None  # when it will be fixed, where a date is known


class Method(Strict):
    """One way the solution is tested, and the test file that does it."""

    id: Slug
    text: Text
    test: NonEmpty  # a path relative to the project (a test file)


class Statement(Strict):
    id: Slug
    solution: Text  # what the solution is
    url: str | None = None  # where it is published (set by the publishing body)
    owner: Text  # who owns it (the publishing body)
    standard: Text  # the requirements it is measured against
    status: Compliance
    summary: Text  # the status in a sentence
    breaches: list[Breach] = Field(min_length=0)
    untested: list[Text] = Field(default_factory=list)  # what the tests cannot see
    methods: list[Method] = Field(min_length=1)
    tested_on: dt.date
    feedback: Text
    contact: str | None = None  # e-mail address or URL of the feedback channel, once set
    complaint: Text
    complaint_url: str
    supervision: Text
    supervision_url: str
    source: Source


FILE = "accessibility.yaml"
KEY = "accessibility"
