"""The user's answers to every guide, in one versioned model (the schema).

:class:`Answers` holds the answers of the questionnaires, the inputs of the procurement path
checker, of the SROI calculator and of the planning calendar, and the language. It is validated
against the content: an unknown questionnaire, question or option is an error, like a value of the
wrong type. Every number a user types must lie within its plausible range (``content/inputs.yaml``,
:data:`RANGED`): a value outside is a validation error of type ``out_of_range`` whose message is
the one the page shows by the field, in the language of the validation context (``context={"lang":
"en"}``; bokmål without one), and whose context names the range. The link
(:mod:`guide.answers.link`) and the saved file (:mod:`guide.answers.files`) are codecs of this
model; every problem is a :class:`StateError` (a ``ValueError``) with a ``code`` and parameters that
a page words in the user's language (UI key ``state.error.<code>``).

Version history: 2 is the first version issued (rates in percent as the calculator's inputs show
them; the questionnaire's phase kept; calendar inputs in full). A newer or unknown version is
refused.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Final, Literal, cast

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from guide import amounts, impact, procurement
from guide import content as content_mod
from guide import questionnaires as Q
from guide.calendar.model import FIRST_YEAR, LAST_YEAR, ROLES, Role, Seek
from guide.documents.escape import CONTROLS
from guide.model import LANGS, Lang, Slug
from guide.procurement.model import Buyer, Category, NeedKey

CURRENT_VERSION: Final = 2
MAX_OUTCOMES = 6  # as the SROI calculator's page allows
LAST_DATE = dt.date(2100, 12, 31)  # the procurement date input's upper bound
MAX_WHOLE = 10**15  # larger whole numbers are refused (no answer needs them)
SROI_RATES: tuple[str, ...] = ("deadweight", "displacement", "attribution", "drop_off")
PHASES: tuple[str, ...] = ("ask", "check", "result")

ErrorCode = Literal[
    "too_large", "not_text", "not_json", "too_deep", "not_object", "no_version", "unknown_version",
    "newer_version", "schema", "link", "params", "too_many_digits", "out_of_range",
]


class StateError(ValueError):
    """Answers that cannot be read. ``code`` says what kind of problem (UI key
    ``state.error.<code>``), ``detail`` where, in a few words (English, for the curious)."""

    def __init__(self, code: ErrorCode, detail: str, **params: Any) -> None:
        self.code = code
        self.detail = detail
        self.params = params
        super().__init__(f"{code}: {detail}")


# ---------------------------------------------------------------------------
# Field types


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a number")
    try:
        x = float(value)
    except OverflowError:
        raise ValueError("is too large") from None
    if not math.isfinite(x):
        raise ValueError("must be a finite number")
    return x


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a whole number")
    if abs(value) > MAX_WHOLE:
        raise ValueError("is too large")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text")
    if any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or 0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise ValueError("must not contain control characters")
    if CONTROLS.search(value):  # they make a name read in another order, or hide inside it
        raise ValueError("must not contain bidi or zero-width characters")
    return value


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError("must be a date (YYYY-MM-DD)")
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("must be a date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError("must be a date (YYYY-MM-DD)") from None


_OPTION_ID = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


def _answer(value: Any) -> Any:
    """The shape of one questionnaire answer (the content check comes later)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, int):
        return _whole(value)
    if isinstance(value, str):
        if not _OPTION_ID.match(value):
            raise ValueError("must be an option id")
        return value
    if isinstance(value, list):
        if len(value) > 60 or not all(isinstance(v, str) and _OPTION_ID.match(v) for v in value):
            raise ValueError("must be a list of option ids")
        return value
    raise ValueError("must be an option id, a list of option ids, true/false or a number")


Number = Annotated[float, BeforeValidator(_number)]
Whole = Annotated[int, BeforeValidator(_whole)]
Day = Annotated[dt.date, BeforeValidator(_date)]
AnswerValue = Annotated[Any, BeforeValidator(_answer)]


ShortText = Annotated[str, BeforeValidator(_text), Field(max_length=40)]
NameText = Annotated[str, BeforeValidator(_text), Field(max_length=80)]
TitleText = Annotated[str, BeforeValidator(_text), Field(max_length=160)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=False)


# ---------------------------------------------------------------------------
# Plausible ranges


@dataclass(frozen=True)
class Ranged:
    """A number of the answers with a plausible range: ``range`` (its id in
    ``content/inputs.yaml``), ``key`` (the UI string that says a value is outside, with ``{min}``
    and ``{max}``) and ``label`` (the UI string of the field's name, ``{field}``, where the message
    names it)."""

    range: str
    key: str
    label: str | None = None


def _sroi(name: str) -> Ranged:
    from guide.impact.engine import RANGES  # the calculator's own table

    return Ranged(RANGES[name], "sroi.error.out_of_range", f"sroi.field.{name}")


#: Every number of the answers with a plausible range, by its path (an outcome's index left out).
RANGED: dict[tuple[str, ...], Ranged] = {
    ("sroi", "investment"): _sroi("investment"),
    ("sroi", "discount_rate"): _sroi("discount_rate"),
    **{("sroi", "outcomes", f): _sroi(f) for f in ("quantity", "proxy", "duration_years", *SROI_RATES)},
    ("procurement", "value"): Ranged("procurement_value", "proc.error.value_nok.out_of_range"),
    ("calendar", "months"): Ranged("calendar_months", "calendar.error.months.out_of_range"),
    **{("procurement", "estimate", f): Ranged(r, f"estimate.error.{f}")
       for f, r in (("per_year", "procurement_value"), ("other", "procurement_value"),
                    ("years", "contract_years"), ("extension_years", "contract_years"))},
}


def range_message(ranged: Ranged, lang: Lang, content: content_mod.Content | None = None) -> str:
    """What the page says of a value outside ``ranged``'s range, in ``lang``: the range in its unit
    (and the field's name where the message names it)."""
    from guide.wording import Wording

    c = content if content is not None else content_mod.default()
    b = c.input_ranges[ranged.range]
    w = Wording(c, lang)
    params = {"min": w.bound(b.min, b.unit), "max": w.bound(b.max, b.unit)}
    if ranged.label is not None:
        params["field"] = w.t(ranged.label)
    return w.t(ranged.key, **params)


def _lang(info: ValidationInfo) -> Lang:
    ctx = info.context
    lang = ctx.get("lang") if isinstance(ctx, Mapping) else None
    return next((lg for lg in LANGS if lg == lang), "nb")


def _in_range(path: tuple[str, ...], value: float | None, info: ValidationInfo) -> None:
    """Nothing if ``value`` is None or within the range of the number at ``path``; else the
    validation error ``out_of_range`` with the page's message (in the context's language)."""
    if value is None:
        return
    ranged = RANGED[path]
    bounds = content_mod.default().input_ranges[ranged.range]
    if not bounds.holds(value):
        message = range_message(ranged, _lang(info))
        raise PydanticCustomError("out_of_range", message,
                                  {"range": ranged.range, "min": bounds.min, "max": bounds.max})


@dataclass(frozen=True)
class RangeProblem:
    """A number outside its plausible range: where (the answer's path) and the page's message."""

    path: tuple[str | int, ...]
    message: str


def range_problems(exc: ValidationError) -> list[RangeProblem]:
    """The numbers outside their plausible range among ``exc``'s errors (the others left out)."""
    return [RangeProblem(tuple(e["loc"]), e["msg"]) for e in exc.errors() if e["type"] == "out_of_range"]


# ---------------------------------------------------------------------------
# The parts


class QuestionnaireAnswers(_Model):
    """One questionnaire: its answers (``{question id: answer}``) and where the user was."""

    answers: dict[Slug, AnswerValue] = Field(default_factory=dict, max_length=200)
    phase: Literal["ask", "check", "result"] = "ask"


class EstimateInputs(_Model):
    """The estimated-value helper's inputs (kroner excluding VAT; periods in years): the value of
    one year, the fixed period, the extensions the buyer may use (options to extend), and other
    options and one-off amounts. None: not given."""

    per_year: Number | None = None
    years: Number | None = None
    extension_years: Number | None = None
    other: Number | None = None

    @field_validator("per_year", "years", "extension_years", "other")
    @classmethod
    def _in_range(cls, value: float | None, info: ValidationInfo) -> float | None:
        _in_range(("procurement", "estimate", str(info.field_name)), value, info)
        return value


class CaseFile(_Model):
    """The purchase as the buyer's case file knows it: its name and its case number, printed on
    the report and the procurement protocol."""

    name: TitleText = ""
    number: ShortText = ""


class ProcurementInputs(_Model):
    """The procurement path checker's inputs. ``value`` is the amount as typed (it may not parse:
    the page then says so by the field); ``on`` None means today. ``as_of`` is the date of the
    result a link or a saved file recorded (the codecs write today's date when it is None); the
    page then shows what changed in the law since that date."""

    value: ShortText = ""
    buyer: Buyer = "municipal"
    category: Category = "goods_services"
    on: Day | None = None
    needs: dict[NeedKey, bool] = Field(default_factory=dict)  # the procedure chooser's answers
    as_of: Day | None = None
    estimate: EstimateInputs = Field(default_factory=EstimateInputs)  # the estimated-value helper

    @field_validator("value")
    @classmethod
    def _value_in_range(cls, value: str, info: ValidationInfo) -> str:
        """An amount outside its plausible range is refused (a text that is not an amount is kept:
        the page says why by the field)."""
        try:
            amount = amounts.parse(value)
        except amounts.AmountError:
            return value
        _in_range(("procurement", "value"), amount, info)
        return value

    def dated(self, today: dt.date) -> ProcurementInputs:
        """These inputs with the date of their result: ``as_of`` kept, else ``today`` once there
        is a value (an empty checker has no result to date)."""
        if self.as_of is not None or not self.value.strip():
            return self
        return self.model_copy(update={"as_of": today})


class SroiOutcome(_Model):
    """One outcome of the SROI calculator; rates in percent, as the page shows them."""

    name: NameText = ""
    quantity: Number | None = None
    proxy: Number | None = None
    duration_years: Whole | None = 1
    deadweight: Number | None = 0.0
    displacement: Number | None = 0.0
    attribution: Number | None = 0.0
    drop_off: Number | None = 0.0

    @field_validator("quantity", "proxy", "duration_years", *SROI_RATES)
    @classmethod
    def _in_range(cls, value: float | None, info: ValidationInfo) -> float | None:
        _in_range(("sroi", "outcomes", str(info.field_name)), value, info)
        return value


def _one_outcome() -> list[SroiOutcome]:
    return [SroiOutcome()]


class SroiInputs(_Model):
    """The SROI calculator's inputs; the discount rate in percent."""

    investment: Number | None = None
    discount_rate: Number | None = round(impact.DEFAULT_DISCOUNT_RATE * 100, 9)
    outcomes: list[SroiOutcome] = Field(default_factory=_one_outcome, min_length=1, max_length=MAX_OUTCOMES)

    @field_validator("investment", "discount_rate")
    @classmethod
    def _in_range(cls, value: float | None, info: ValidationInfo) -> float | None:
        _in_range(("sroi", str(info.field_name)), value, info)
        return value


class CalendarInputs(_Model):
    """The planning calendar's inputs: role, the window shown (its first day, None: today; its
    span in months, None: 12), what the user seeks, sector, and months until the buyer's current
    agreement expires. ``year`` is kept for older links: the window then starts on 1 January."""

    role: Role = ROLES[0]
    start: Day | None = None
    months: Whole | None = None
    year: Whole | None = Field(default=None, ge=FIRST_YEAR, le=LAST_YEAR)
    seeks: list[Seek] = Field(default_factory=list, max_length=3)
    sector: Slug | None = None
    expiry_months: Whole | None = None

    @field_validator("months")
    @classmethod
    def _months_in_range(cls, value: int | None, info: ValidationInfo) -> int | None:
        _in_range(("calendar", "months"), value, info)
        return value


# ---------------------------------------------------------------------------
# The model


class Answers(_Model):
    """Every answer of every guide. Compare with ``==``; an empty model is ``Answers()``."""

    version: Literal[2] = CURRENT_VERSION
    lang: Lang = "nb"
    questionnaires: dict[Slug, QuestionnaireAnswers] = Field(default_factory=dict, max_length=50)
    procurement: ProcurementInputs = Field(default_factory=ProcurementInputs)
    sroi: SroiInputs = Field(default_factory=SroiInputs)
    calendar: CalendarInputs = Field(default_factory=CalendarInputs)
    case: CaseFile = Field(default_factory=CaseFile)

    @model_validator(mode="after")
    def _against_content(self) -> Answers:
        """Check the answers against the content and put them in canonical form."""
        c = content_mod.default()
        canon: dict[str, QuestionnaireAnswers] = {}
        for qid, qa in self.questionnaires.items():
            if qid not in c.questionnaires:
                raise ValueError(f"questionnaires.{qid}: unknown questionnaire")
            try:
                answers = Q.normalise_all(c.questionnaires[qid], qa.answers)
            except ValueError as exc:
                raise ValueError(f"questionnaires.{qid}.answers: {exc}") from None
            if answers or qa.phase != "ask":
                canon[qid] = QuestionnaireAnswers(answers=answers, phase=qa.phase)
        order = {qid: n for n, qid in enumerate(c.questionnaires)}
        self.questionnaires = dict(sorted(canon.items(), key=lambda kv: order[kv[0]]))
        cal = self.calendar
        if cal.sector is not None and cal.sector not in c.sectors:
            raise ValueError(f"calendar.sector: unknown sector '{cal.sector}'")
        if cal.expiry_months is not None:
            plan_qn = c.questionnaires.get("calendar_plan")
            q = plan_qn.question("expiry_months") if plan_qn is not None else None
            if q is not None:
                try:
                    Q.normalise(q, cal.expiry_months, "calendar_plan")
                except ValueError as exc:
                    raise ValueError(f"calendar.expiry_months: {exc}") from None
        if cal.start is not None and not FIRST_YEAR <= cal.start.year <= LAST_YEAR:
            raise ValueError(f"calendar.start: must be in {FIRST_YEAR}–{LAST_YEAR}")
        if cal.year is not None:  # an older link's year: the window starts on its 1 January
            if cal.start is None:
                cal.start = dt.date(cal.year, 1, 1)
            cal.year = None
        if len(set(cal.seeks)) != len(cal.seeks):
            raise ValueError("calendar.seeks: an option is given twice")
        first = procurement.first_date(c)
        for name in ("on", "as_of"):
            day = getattr(self.procurement, name)
            if day is not None and not first <= day <= LAST_DATE:
                raise ValueError(
                    f"procurement.{name}: {day.isoformat()} is outside "
                    f"{first.isoformat()}–{LAST_DATE.isoformat()}"
                )
        return self

    def dated(self, today: dt.date | None = None) -> Answers:
        """The answers as a link or a file records them: the procurement result with its date."""
        p = self.procurement.dated(today or dt.date.today())
        return self if p is self.procurement else self.model_copy(update={"procurement": p})

    # --- the link -----------------------------------------------------------------------------

    # --- the codecs (guide.answers.link, guide.answers.files) --------------------------------

    def to_query(self) -> dict[str, str]:
        """The answers as query parameters: ``lang``, and ``v`` plus one parameter per part
        that holds anything."""
        from guide.answers import link

        return link.to_query(self.dated())

    @classmethod
    def from_query(cls, params: Mapping[str, Any]) -> Answers:
        """The answers of a link's query parameters. Raises :class:`StateError` (a
        ``ValueError``) if any part cannot be read; ``guide.answers.link.read_query`` keeps what
        can be."""
        from guide.answers import link

        answers, problems = link.read_query(params)
        if problems:
            first = problems[0]
            detail = "; ".join(p.detail for p in problems)
            raise StateError(first.code, detail, **first.params)
        return answers

    def to_json(self) -> str:
        """The whole model as readable JSON (what the download gives), the procurement result with
        its date."""
        return json.dumps(self.dated().model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> Answers:
        """The answers of a saved file. Raises :class:`StateError` (a ``ValueError``) if it is
        over 100 KB, not UTF-8 text, not JSON, nested too deep, of an unknown or newer version,
        or does not match the schema."""
        from guide.answers import files

        return files.read(text)


# ---------------------------------------------------------------------------
# One answer at a path: what every widget reads and writes

Path = Sequence[str | int]
#: The mappings of answers in which "not answered" is no entry (a questionnaire's ``answers``, the
#: procedure chooser's ``needs``): None at a key there removes the key.
FREE_MAPS: frozenset[tuple[str | int, ...]] = frozenset(
    {("questionnaires", "answers"), ("procurement", "needs")})


def _free_map(parent: Path) -> bool:
    """Whether ``parent`` is a mapping of answers (a questionnaire's id left out of the path)."""
    key = tuple(parent)
    if key[:1] == ("questionnaires",) and len(key) == 3:
        key = ("questionnaires", key[2])
    return key in FREE_MAPS


def value_at(a: Answers, path: Path) -> Any:
    """The answer at ``path`` (e.g. ``("sroi", "outcomes", 0, "name")``), None where there is none."""
    node: Any = a
    for part in path:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list):
            node = node[part] if isinstance(part, int) and part < len(node) else None
        else:
            node = getattr(node, str(part), None)
        if node is None:
            return None
    return node


def with_value(a: Answers, path: Path, value: Any, *, lang: Lang | None = None) -> Answers:
    """``a`` with ``value`` at ``path`` (None removes a questionnaire answer), validated;
    raises ``ValidationError`` if the result does not fit (a number outside its range with the
    page's message in ``lang``, default ``a.lang``: see :func:`range_problems`)."""
    data = a.model_dump()
    node: Any = data
    for part in path[:-1]:  # a list's part is an index
        node = node[cast(int, part)] if isinstance(node, list) else node.setdefault(part, {})
    last = path[-1]
    if value is None and _free_map(path[:-1]):
        node.pop(last, None)  # an answer left open in a mapping of answers: no entry
    else:
        node[last] = value
    return Answers.model_validate(data, context={"lang": lang or a.lang})
