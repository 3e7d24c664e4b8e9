"""Content model: the pydantic schema of everything under ``content/``.

Every text a user reads is a :class:`Text` (bokmål, nynorsk and English side by side); every
fact carries a :class:`Source`. Cross-references between files are checked by
:mod:`guide.content`, not here: a model only knows its own file.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

Lang = Literal["nb", "nn", "en"]
LANGS: tuple[Lang, ...] = ("nb", "nn", "en")

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Strict(BaseModel):
    """Base for every content model: unknown keys are errors, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in bokmål, nynorsk and English, all three required and none empty: the Language Act
    (språklova § 14) asks for bokmål and nynorsk at the same time, and ``python -m guide check``
    names each file and key (or item id and field) where one is missing."""

    nb: NonEmpty
    nn: NonEmpty
    en: NonEmpty

    def __call__(self, lang: Lang) -> str:
        return str(getattr(self, lang)) if lang in LANGS else self.nb


class Source(Strict):
    """Where a fact comes from: a reference to ``sources.yaml`` plus a locator."""

    ref: Slug
    chapter: int | None = Field(default=None, ge=1, le=6)
    page: int | None = Field(default=None, ge=1, le=40)
    section: str | None = None
    url: str | None = None
    as_of: dt.date | None = None

    @field_validator("url")
    @classmethod
    def _http(cls, v: str | None) -> str | None:
        if v is not None and not v.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return v


class Item(Strict):
    """Anything with a stable id and a source."""

    id: Slug
    source: Source


class InputRange(Strict):
    """The plausible range of a number a user types (``content/inputs.yaml``): a value outside is
    refused with a message that says the range. ``unit`` says how the range is written."""

    id: Slug
    min: float
    max: float
    unit: Literal["nok", "number", "percent", "years", "months"]
    whole: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> InputRange:
        if not (math.isfinite(self.min) and math.isfinite(self.max)):
            raise ValueError("min and max must be finite numbers")
        if self.min > self.max:
            raise ValueError("min must not be above max")
        if self.whole and (self.min != int(self.min) or self.max != int(self.max)):
            raise ValueError("a range of whole numbers needs whole min and max")
        return self

    def holds(self, value: float) -> bool:
        return self.min <= value <= self.max


#: The ranges the code asks for (``python -m guide check`` requires each in ``content/inputs.yaml``).
INPUT_RANGES: tuple[str, ...] = (
    "sroi_investment", "sroi_discount_rate", "sroi_quantity", "sroi_proxy", "sroi_duration_years",
    "sroi_rate", "procurement_value", "calendar_months",
    "contract_years",
)


class Label(Strict):
    """An entry of a taxonomy (sector, actor type …)."""

    id: Slug
    label: Text


class Quote(Strict):
    """A short quotation, always with the speaker's name."""

    text: Text
    speaker: NonEmpty
    role: Text | None = None

    def lang_of(self, lang: Lang) -> Lang:
        """The language the quotation is written in on a page in ``lang``: a quotation is kept as
        it was said, so where a language's text is the bokmål original word for word (nynorsk
        keeps it), it is bokmål; else it is the page's language (a translation)."""
        if lang != "nb" and self.text(lang) == self.text.nb:
            return "nb"
        return lang


class SourceDoc(Strict):
    """An entry in ``sources.yaml``: a document or web page that content cites."""

    id: Slug
    title: NonEmpty
    publisher: NonEmpty
    year: int | None = None
    url: str | None = None
    as_of: dt.date | None = None
    kind: Literal["booklet", "law", "regulation", "guidance", "report", "web", "proposal", "judgment"]
    note: Text | None = None


class Update(Strict):
    """A change since 2017 that the app must point out, with its date and source.

    ``in_force``: law or organisation changed on ``date``; ``proposed`` / ``unconfirmed``: shown
    as such, never used as law; ``check``: the booklet's information may be out of date.
    """

    date: dt.date
    status: Literal["in_force", "proposed", "unconfirmed", "check"]
    text: Text
    source: Source


# ---------------------------------------------------------------------------
# Chapter 1–3: cases, measures, cooperation forms (funding: guide.funding.model)


ActorType = Literal[
    "municipality",
    "city_district",
    "county",
    "state_agency",
    "social_entrepreneur",
    "voluntary_org",
    "programme",
    "research",
    "partnership",
]


class Case(Item):
    """A real example from the booklet: who did what, where, and what came of it.

    ``name`` is a proper name, the same in every language ("Kjør for livet AS"), or a text where
    the name describes ("Larvik kommune" / "Larvik municipality"): :meth:`title` gives it in a
    language."""

    name: NonEmpty | Text
    actor_type: ActorType
    place: Text
    sectors: list[Slug] = Field(min_length=1)
    partners: list[NonEmpty] = []
    what: Text
    outcome: Text | None = None
    forms: list[Slug] = []
    measures: list[Slug] = []
    funding: list[Slug] = []
    impact_methods: list[Slug] = []
    quotes: list[Quote] = []
    url: str | None = None
    updates: list[Update] = []  # what has changed since the booklet (mergers, renamed bodies)

    def title(self, lang: Lang) -> str:
        """The case's name in ``lang``."""
        return self.name if isinstance(self.name, str) else self.name(lang)


class Measure(Item):
    """Something a public body can do to get started (chapter 2)."""

    title: Text
    summary: Text
    how: list[Text] = Field(min_length=1)
    effort: Literal["low", "medium", "high"]
    for_buyer: list[Literal["municipal", "state", "county"]] = Field(min_length=1)


class ValueRange(Strict):
    min_nok: int = Field(ge=0)
    max_nok: int | None = Field(default=None, ge=0)


class DurationRange(Strict):
    min_months: int = Field(ge=0)
    max_months: int | None = Field(default=None, ge=0)


ProcurementConsequence = Literal[
    "outside_act",  # not a purchase (grant, partnership without payment, co-creation without money)
    "below_threshold",  # a purchase, usually small enough for Part I only
    "competition",  # a purchase that needs a competition, announced above the national threshold
    "innovative",  # an innovative procurement (dialogue, innovation partnership, pre-commercial)
    "depends",  # depends on whether money changes hands and for what
]


class RouteInput(Strict):
    """What :func:`guide.procurement.route` needs to decide the rules for one purchase: its value
    (NOK excluding VAT, whole contract period), who buys and what is bought. ``buyer`` and
    ``category`` are checked against :data:`guide.procurement.model.BUYERS` and ``CATEGORIES``
    (imported when a value is checked: that module imports this one)."""

    value_nok: int = Field(gt=0)
    buyer: NonEmpty
    category: NonEmpty

    @field_validator("buyer")
    @classmethod
    def _buyer(cls, v: str) -> str:
        from guide.procurement.model import BUYERS

        if v not in BUYERS:
            raise ValueError(f"'{v}' is not one of {', '.join(BUYERS)}")
        return v

    @field_validator("category")
    @classmethod
    def _category(cls, v: str) -> str:
        from guide.procurement.model import CATEGORIES

        if v not in CATEGORIES:
            raise ValueError(f"'{v}' is not one of {', '.join(CATEGORIES)}")
        return v


class ProcurementCase(RouteInput):
    """A typical purchase under a form of cooperation, so that the form's procurement
    consequence can be computed by :func:`guide.procurement.route` rather than only written.
    The figures are the app's own estimate of a typical case, never a rule."""


class AnnouncementClaim(RouteInput):
    """An announcement rule a text states, as a case :func:`guide.procurement.route` can check:
    a purchase of ``value_nok`` by ``buyer`` of ``category`` on ``date`` (None: the day the check
    runs) must be announced, or not (``tests/test_procurement_content.py``). The field is not
    called ``on``: YAML reads an unquoted ``on`` key as ``true``."""

    must_announce: bool
    date: dt.date | None = None


Maturity = Literal["idea", "prototype", "proven"]
Initiator = Literal["public", "entrepreneur", "either"]
FundingModel = Literal[
    "public_purchase", "grant", "co_funding", "own_funds", "external_project_funds",
    "outcome_based", "user_fees", "in_kind",
]


class CooperationForm(Item):
    """A form of cooperation (chapter 3) with what a matcher needs to know."""

    title: Text
    summary: Text
    procurement: ProcurementConsequence
    procurement_note: Text
    # A typical purchase under this form (the app's own estimate), for guide.procurement.route.
    procurement_case: ProcurementCase | None = None
    typical_value: ValueRange
    typical_duration: DurationRange
    initiator: Initiator
    maturity: list[Maturity] = Field(min_length=1)
    funding_models: list[FundingModel] = Field(min_length=1)
    funding: list[Slug] = []
    next_steps: list[Text] = []


# ---------------------------------------------------------------------------
# Chapter 4: the entrepreneur's meeting with the municipality


class Advice(Item):
    """A piece of advice to the social entrepreneur, with the cases behind it."""

    title: Text
    text: Text
    cases: list[Slug] = []
    quotes: list[Quote] = []


class ChecklistItem(Item):
    """An item of the preparation checklist: something to have, or to map."""

    kind: Literal["prepare", "map"]
    text: Text


class PlanningProcess(Item):
    """A municipal planning process and when in the year it happens."""

    title: Text
    text: Text
    when: Text
    months: list[int] = Field(min_length=1)

    @field_validator("months")
    @classmethod
    def _months(cls, v: list[int]) -> list[int]:
        bad = [m for m in v if not 1 <= m <= 12]
        if bad:
            raise ValueError(f"month {bad[0]} is not between 1 and 12")
        return v


# ---------------------------------------------------------------------------
# Chapter 5: measuring effect


class ImpactMethod(Item):
    title: Text
    owner: NonEmpty
    summary: Text
    good_for: list[Text] = Field(min_length=1)
    steps: list[Text] = []
    url: str | None = None


class FerdExample(Item):
    """A row of the figure showing Ferd's measurement model (booklet figure 2)."""

    name: NonEmpty
    activity: Text
    high_contact: int | None = Field(default=None, ge=0)
    low_contact: int | None = Field(default=None, ge=0)
    success_criterion: Text
    success_percent: float = Field(ge=0, le=100)
    year: int


# ---------------------------------------------------------------------------
# Chapter 6: myths, and the reports the booklet lists


class Myth(Item):
    number: int = Field(ge=1, le=6)
    claim: Text
    verdict: Text
    explanation: Text
    points: list[Text] = []
    updates: list[Update] = []
    # The announcement rules the verdict states, checked against guide.procurement.route.
    claims: list[AnnouncementClaim] = []


class Report(Item):
    author: NonEmpty
    year: int
    title: NonEmpty
    summary: Text | None = None
    url: str | None = None


def __getattr__(name: str) -> object:
    """``FundingSource`` lives in :mod:`guide.funding.model` (it uses the calendar's date rules);
    it is still importable from here."""
    if name == "FundingSource":
        from guide.funding.model import FundingSource

        return FundingSource
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
