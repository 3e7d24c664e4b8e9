"""The user's answers to every guide, in one versioned model: in the session, in the link, in a file.

:class:`Answers` holds the answers of the questionnaires (``qn.<qid>`` in the session), the
inputs of the procurement path checker, of the SROI calculator and of the planning calendar, and
the language. It is validated against the content: an unknown questionnaire, question or option
is an error, like a value of the wrong type.

**In the link** (:meth:`Answers.to_query`) every part is its own query parameter, so that a
garbled or cut-off link loses only the part that is broken (:func:`read_query` keeps the rest)::

    ?lang=nb&v=2&qn.readiness=<b64>&proc=<b64>&sroi=<b64>&cal=<b64>

``v`` is the format version; each ``<b64>`` is base64url (no padding) of zlib of the part's
minimal JSON (defaults left out), compressed with a preset dictionary of the schema's keys and the
content's ids (:data:`ZDICT_V2`). zlib's checksum makes a tampered part fail as a whole.

**In a file** (:meth:`Answers.to_json`) the whole model is plain, readable JSON with a
``version``. Older versions are migrated (:data:`MIGRATIONS`); a newer or unknown one is refused.

Every problem is a :class:`StateError` (a ``ValueError``) with a ``code`` a page can turn into a
message in the user's language and a ``detail`` naming the field that was wrong.

Version history:

- 1: ``{"v": 1, "lang", "answers": {qid: {question: answer}}, "procurement": {"value_nok",
  "buyer", "category"}, "sroi": {"investment", "discount_rate", "outcomes"}, "calendar_role"}``,
  rates as fractions 0–1; in the link as ``?v=1&a=<base64url of the JSON>`` (not compressed).
- 2: this module's :class:`Answers`; rates in percent as the calculator's inputs show them; the
  questionnaire's phase (asking, checking the answers, result) kept; calendar inputs in full.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
import re
import zlib
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from guide import content as content_mod
from guide import impact, procurement
from guide import questionnaires as Q
from guide.calendar_model import FIRST_YEAR, LAST_YEAR, ROLES, Role, Seek
from guide.model import LANGS, Lang, Slug
from guide.procurement_model import Buyer, Category

CURRENT_VERSION = 2
MAX_UPLOAD_BYTES = 100 * 1024  # a saved file larger than this is refused
MAX_PARAM_CHARS = 16_000  # one part of the link
MAX_DECODED_BYTES = 100 * 1024  # one part of the link once decompressed (a zip bomb stops here)
MAX_DEPTH = 12  # nesting of JSON arrays and objects (the model needs 5)
MAX_OUTCOMES = 6  # as the SROI calculator's page allows
MAX_DETAILS = 3  # schema errors named in one message
LAST_DATE = dt.date(2100, 12, 31)  # the procurement date input's upper bound
MAX_WHOLE = 10**15  # larger whole numbers are refused (no answer needs them)

LANG_PARAM = "lang"
VERSION_PARAM = "v"
QN_PREFIX = "qn."
#: The link parameter of each part besides the questionnaires.
SECTION_PARAMS: dict[str, str] = {"procurement": "proc", "sroi": "sroi", "calendar": "cal"}
V1_PARAM = "a"
SROI_RATES: tuple[str, ...] = ("deadweight", "displacement", "attribution", "drop_off")
PHASES: tuple[str, ...] = ("ask", "check", "result")

ErrorCode = Literal[
    "too_large", "not_text", "not_json", "too_deep", "not_object", "no_version", "unknown_version",
    "newer_version", "schema", "link", "params",
]


#: The preset dictionary of zlib for version 2 links: the schema's keys and the content's ids as
#: they were when version 2 was made. It only makes links shorter (ids added to the content later
#: are encoded in full); a link can only be read with the same dictionary, so it is frozen: never
#: edit it, make a new version instead (tests/test_state.py pins its checksum).
ZDICT_V2: bytes = (
    '"elderly_care""health""children_youth""education""work_inclusion""housing""poverty""substance_abuse"'
    '"refugees_integration""leisure_culture""criminal_justice""urban_development""business_development""i'
    'nnovation""environment""entrepreneur""public_body""budget_priority""grant""contract""state""municipa'
    'l""other""goods_services""works""health_social""special_services""role":"entrepreneur""public_body""'
    'seeks":"budget_priority""grant""contract""expiry_months":"offer":"digital_tool""shared_service""ongo'
    'ing_service""course_activity""jobs""meeting_place""place_development""new_solution""maturity":"idea"'
    '"prototype""proven""pilot":"need":"need_and_solution""need_only""challenge_only""unknown""buyer":"mu'
    'nicipality""county""state""social_service":"yearly_value":"duration_months":"target":"elderly""child'
    'ren_youth""outside_work""substance""families_poverty""housing""everyone""who_pays":"public_buys""gra'
    'nts""wage_support""shared""users_pay""investors""none_yet""several_parties":"body_type":"municipalit'
    'y""city_district""county""state_agency""mandate":"political_decision""admin_interest""none""strategy'
    '":"contact_person":"website":"challenge":"defined""several""none""service_area":"health_care""childr'
    'en_youth""work_inclusion""housing_poverty""other""resources":"little""staff_time""budget""goals":"be'
    'tter_services""jobs_business""competence""know_field""long_term""premises":"partners":"known_entrepr'
    'eneurs":"none""some""many""who":"small_entrepreneur""public_body""programme""investor""aims":"money_'
    'value""double_bottom_line""reach_depth""improve_practice""communicate""stage":"planned""ongoing""com'
    'pleted""capacity":"little""some""dedicated""data":"stage":"idea""tested""running""killed_idea":"two_'
    'sentences":"supplement":"plans":"local_needs":"value_shown":"effect_measured":"who_decides":"contact'
    '":"networks":"budget_year":"agreements":"competitions":{"role":""year":20"seeks":[""sector":""expiry'
    '_months":{"value":""buyer":""category":""on":"20{"investment":"discount_rate":"outcomes":[{"name":""'
    'quantity":"proxy":"duration_years":"deadweight":"displacement":"attribution":"drop_off":{"answers":{'
    '"phase":"check"}"phase":"result"}falsetrue000.0.0,'
).encode("ascii")


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


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=False)


# ---------------------------------------------------------------------------
# The parts


class QuestionnaireAnswers(_Model):
    """One questionnaire: its answers (``{question id: answer}``) and where the user was."""

    answers: dict[Slug, AnswerValue] = Field(default_factory=dict, max_length=200)
    phase: Literal["ask", "check", "result"] = "ask"


class ProcurementInputs(_Model):
    """The procurement path checker's inputs. ``value`` is the amount as typed (it may not parse:
    the page then says so by the field); ``on`` None means today."""

    value: ShortText = ""
    buyer: Buyer = "municipal"
    category: Category = "goods_services"
    on: Day | None = None


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


def _one_outcome() -> list[SroiOutcome]:
    return [SroiOutcome()]


class SroiInputs(_Model):
    """The SROI calculator's inputs; the discount rate in percent."""

    investment: Number | None = None
    discount_rate: Number | None = round(impact.DEFAULT_DISCOUNT_RATE * 100, 9)
    outcomes: list[SroiOutcome] = Field(default_factory=_one_outcome, min_length=1, max_length=MAX_OUTCOMES)


class CalendarInputs(_Model):
    """The planning calendar's inputs: role, year shown (None: this year), what the user seeks,
    sector, and months until the buyer's current agreement expires."""

    role: Role = ROLES[0]
    year: Whole | None = Field(default=None, ge=FIRST_YEAR, le=LAST_YEAR)
    seeks: list[Seek] = Field(default_factory=list, max_length=3)
    sector: Slug | None = None
    expiry_months: Whole | None = None


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
        if len(set(cal.seeks)) != len(cal.seeks):
            raise ValueError("calendar.seeks: an option is given twice")
        on = self.procurement.on
        if on is not None:
            first = procurement.first_date(c)
            if not first <= on <= LAST_DATE:
                raise ValueError(
                    f"procurement.on: {on.isoformat()} is outside {first.isoformat()}–{LAST_DATE.isoformat()}"
                )
        return self

    # --- the link -----------------------------------------------------------------------------

    def to_query(self) -> dict[str, str]:
        """The answers as query parameters: ``lang``, and ``v`` plus one parameter per part
        that holds anything."""
        out: dict[str, str] = {LANG_PARAM: self.lang}
        parts: dict[str, str] = {}
        for qid, qa in self.questionnaires.items():
            data = qa.model_dump(mode="json", exclude_defaults=True)
            if data:
                parts[QN_PREFIX + qid] = encode_part(data)
        for name, param in SECTION_PARAMS.items():
            data = getattr(self, name).model_dump(mode="json", exclude_defaults=True)
            if data:
                parts[param] = encode_part(data)
        if parts:
            out[VERSION_PARAM] = str(CURRENT_VERSION)
            out.update(parts)
        return out

    @classmethod
    def from_query(cls, params: Mapping[str, Any]) -> Answers:
        """The answers of a link's query parameters. Raises :class:`StateError` (a
        ``ValueError``) if any part cannot be read; :func:`read_query` keeps what can be."""
        answers, problems = read_query(params)
        if problems:
            first = problems[0]
            detail = "; ".join(p.detail for p in problems)
            raise StateError(first.code, detail, **first.params)
        return answers

    # --- the file -----------------------------------------------------------------------------

    def to_json(self) -> str:
        """The whole model as readable JSON (what the download gives)."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> Answers:
        """The answers of a saved file. Raises :class:`StateError` (a ``ValueError``) if it is
        over 100 KB, not UTF-8 text, not JSON, nested too deep, of an unknown or newer version,
        or does not match the schema."""
        if isinstance(text, bytes | bytearray):
            if len(text) > MAX_UPLOAD_BYTES:
                raise _too_large(len(text))
            try:
                text = bytes(text).decode("utf-8-sig")
            except UnicodeDecodeError:
                raise StateError("not_text", "the file is not UTF-8 text") from None
        if not isinstance(text, str):
            raise StateError("not_text", f"expected text, not {type(text).__name__}")
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError:
            raise StateError("not_text", "the text is not valid Unicode") from None
        if size > MAX_UPLOAD_BYTES:
            raise _too_large(size)
        data = loads(text.removeprefix("\ufeff"))
        if not isinstance(data, dict):
            raise StateError("not_object", f"expected a JSON object, not {_json_type(data)}")
        return validate(migrate(data))


def _too_large(size: int) -> StateError:
    kb = math.ceil(size / 1024)  # never "100 KB is more than 100 KB"
    return StateError(
        "too_large", f"{kb} KB is more than {MAX_UPLOAD_BYTES // 1024} KB", size_kb=kb,
        max_kb=MAX_UPLOAD_BYTES // 1024,
    )


# ---------------------------------------------------------------------------
# JSON


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _depth(text: str) -> int:
    """The deepest nesting of arrays and objects in a JSON text (strings skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key {_quote(key)} is given twice")
        out[key] = value
    return out


def loads(text: str) -> Any:
    """Parse JSON, refusing deep nesting, NaN/Infinity and duplicate keys (:class:`StateError`)."""
    if not text.strip():
        raise StateError("not_json", "the text is empty")
    deepest = _depth(text)
    if deepest > MAX_DEPTH:
        raise StateError("too_deep", f"nested {deepest} levels deep; at most {MAX_DEPTH} are allowed")
    try:
        return json.loads(text, parse_constant=_no_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise StateError("not_json", f"{exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except (ValueError, RecursionError) as exc:
        raise StateError("not_json", str(exc)[:200]) from None


def _quote(key: Any, limit: int = 40) -> str:
    s = str(key)
    return repr(s if len(s) <= limit else s[:limit] + "…")


# ---------------------------------------------------------------------------
# Versions


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 (one flat answers object per questionnaire, rates as fractions) to version 2."""

    def part(name: str) -> dict[str, Any]:
        value = data.get(name)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise StateError("schema", f"{name}: expected an object (version 1)")
        return value

    def percent(value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            return round(float(value) * 100, 10)
        return value

    known = {"v", "lang", "answers", "procurement", "sroi", "calendar_role"}
    extra = [k for k in data if k not in known]
    if extra:
        raise StateError("schema", f"{_quote(extra[0])}: unknown field (version 1)")
    out: dict[str, Any] = {"version": 2}
    if "lang" in data:
        out["lang"] = data["lang"]
    qns = {}
    for qid, answers in part("answers").items():
        if not isinstance(answers, dict):
            raise StateError("schema", f"answers.{qid}: expected an object (version 1)")
        qns[qid] = {"answers": answers, "phase": "result" if answers else "ask"}
    out["questionnaires"] = qns
    proc = dict(part("procurement"))
    if "value_nok" in proc:
        value = proc.pop("value_nok")
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            proc["value"] = str(int(value)) if float(value) == int(value) else repr(float(value))
        elif value is not None:
            raise StateError("schema", "procurement.value_nok: must be a number (version 1)")
    out["procurement"] = proc
    sroi = dict(part("sroi"))
    if "discount_rate" in sroi:
        sroi["discount_rate"] = percent(sroi["discount_rate"])
    if isinstance(sroi.get("outcomes"), list):
        moved = []
        for o in sroi["outcomes"]:
            if isinstance(o, dict):
                o = {k: percent(v) if k in SROI_RATES else v for k, v in o.items()}
            moved.append(o)
        sroi["outcomes"] = moved
    out["sroi"] = sroi
    if data.get("calendar_role") is not None:
        out["calendar"] = {"role": data["calendar_role"]}
    return out


#: How to bring data of version ``n`` up to version ``n + 1``.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def version_of(data: Mapping[str, Any]) -> int:
    """The version of saved data (``version``; ``v`` in version 1), checked."""
    if "version" in data:
        v = data["version"]
    elif "v" in data:
        v = data["v"]
    else:
        raise StateError("no_version", "the data has no 'version'")
    if isinstance(v, bool) or not isinstance(v, int):
        raise StateError(
            "unknown_version", f"version {_quote(v, 20)} is not a version number", version=str(v)[:20]
        )
    if v > CURRENT_VERSION:
        raise StateError(
            "newer_version", f"version {v} is newer than this app's ({CURRENT_VERSION})",
            version=v, current=CURRENT_VERSION,
        )
    if v != CURRENT_VERSION and v not in MIGRATIONS:
        raise StateError("unknown_version", f"there is no version {v}", version=str(v))
    return v


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Saved data of any known version brought up to the current version."""
    v = version_of(data)
    while v < CURRENT_VERSION:
        data = MIGRATIONS[v](data)
        v += 1
    return data


def _schema_error(exc: ValidationError) -> StateError:
    details = []
    for err in exc.errors()[:MAX_DETAILS]:
        loc = ".".join(_quote(p) if not re.fullmatch(r"[A-Za-z0-9_]{1,60}", str(p)) else str(p)
                       for p in err["loc"])
        msg = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown field"
        details.append(f"{loc}: {msg}" if loc else msg)
    more = exc.error_count() - len(details)
    if more > 0:
        details.append(f"and {more} more")
    return StateError("schema", "; ".join(details))


def validate(data: dict[str, Any]) -> Answers:
    """The current-version data as :class:`Answers` (:class:`StateError` if it does not fit)."""
    try:
        text = json.dumps(data)
    except (TypeError, ValueError) as exc:  # not JSON data (only from Python callers)
        raise StateError("schema", str(exc)[:200]) from None
    try:
        return Answers.model_validate_json(text, strict=True)
    except ValidationError as exc:
        raise _schema_error(exc) from None


# ---------------------------------------------------------------------------
# The link


def encode_part(data: Any) -> str:
    """base64url (no padding) of zlib (with :data:`ZDICT_V2`) of the minimal JSON of ``data``."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packer = zlib.compressobj(9, zlib.DEFLATED, 15, zdict=ZDICT_V2)
    packed = packer.compress(raw) + packer.flush()
    return base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


_B64 = re.compile(r"[A-Za-z0-9_-]*={0,2}")


def _b64(value: str, what: str) -> bytes:
    if len(value) > MAX_PARAM_CHARS:
        raise StateError("link", f"{what}: {len(value)} characters is too long")
    if not _B64.fullmatch(value):
        raise StateError("link", f"{what}: not base64url text")
    body = value.rstrip("=")
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise StateError("link", f"{what}: cut off or garbled") from None


def decode_part(value: str, what: str = "part") -> Any:
    """The JSON data of one link part (:class:`StateError` ``link`` if garbled)."""
    raw = _b64(value, what)
    d = zlib.decompressobj(zdict=ZDICT_V2)
    try:
        out = d.decompress(raw, MAX_DECODED_BYTES)
    except zlib.error:
        raise StateError("link", f"{what}: garbled") from None
    if d.unconsumed_tail:
        raise StateError("link", f"{what}: more than {MAX_DECODED_BYTES // 1024} KB of data")
    if not d.eof:
        raise StateError("link", f"{what}: cut off")
    if d.unused_data:
        raise StateError("link", f"{what}: has extra characters at the end")
    return _part_json(out, what)


def _part_json(raw: bytes, what: str) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise StateError("link", f"{what}: not text") from None
    try:
        return loads(text)
    except StateError as exc:
        raise StateError("link", f"{what}: {exc.detail}") from None


def _fits(data: dict[str, Any]) -> bool:
    try:
        Answers.model_validate_json(json.dumps(data), strict=True)
    except ValidationError:
        return False
    return True


def _with(base: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    """A copy of ``base`` with ``value`` at ``path`` (intermediate objects copied or created)."""
    out = dict(base)
    node = out
    for key in path[:-1]:
        child = dict(node.get(key) or {})
        node[key] = child
        node = child
    node[path[-1]] = value
    return out


def _salvage(base: dict[str, Any], path: tuple[str, ...], part: Any) -> tuple[dict[str, Any], bool]:
    """``base`` with as much of ``part`` (an object at ``path``) as fits; True if all of it did."""
    whole = _with(base, path, part)
    if _fits(whole):
        return whole, True
    if not isinstance(part, dict):
        return base, False
    kept = base
    for key, value in part.items():
        if not isinstance(key, str):
            continue
        if path[0] == "questionnaires" and key == "answers" and isinstance(value, dict):
            for qkey, answer in value.items():
                trial = _with(kept, (*path, "answers", qkey), answer)
                if _fits(trial):
                    kept = trial
            continue
        if path == ("sroi",) and key == "outcomes" and isinstance(value, list):
            outcomes: list[Any] = []
            for o in value[:MAX_OUTCOMES]:
                trial = _with(kept, (*path, "outcomes"), [*outcomes, o])
                if _fits(trial):
                    outcomes.append(o)
                elif isinstance(o, dict):
                    fields = {k: v for k, v in o.items()
                              if _fits(_with(kept, (*path, "outcomes"), [*outcomes, {k: v}]))}
                    outcomes.append(fields)
            if outcomes:
                kept = _with(kept, (*path, "outcomes"), outcomes)
            continue
        trial = _with(kept, (*path, key), value)
        if _fits(trial):
            kept = trial
    return kept, False


def _params(params: Any) -> tuple[dict[str, str], list[StateError]]:
    if not isinstance(params, Mapping):
        return {}, [StateError("params", f"expected query parameters, not {type(params).__name__}")]
    out: dict[str, str] = {}
    problems: list[StateError] = []
    for key, value in params.items():
        if isinstance(value, list | tuple):
            value = value[-1] if value else ""
        if not isinstance(key, str) or not isinstance(value, str):
            problems.append(StateError("params", f"parameter {_quote(key)} is not text"))
            continue
        out[key] = value
    return out, problems


def _is_part(key: str) -> bool:
    return key.startswith(QN_PREFIX) or key in SECTION_PARAMS.values() or key == V1_PARAM


def read_query(params: Mapping[str, Any]) -> tuple[Answers, list[StateError]]:
    """The answers of a link's query parameters, keeping whatever can be read, and what could not.

    Never raises for any input: a garbled part is left out (and named in the problems), an
    answer or field that does not fit is left out of its part, the rest is kept.
    """
    qp, problems = _params(params)
    lang = qp.get(LANG_PARAM, "nb")
    if lang not in LANGS:
        problems.append(StateError("link", f"lang: {_quote(lang, 20)} is not a language"))
        lang = "nb"
    base: dict[str, Any] = {"version": CURRENT_VERSION, "lang": lang}
    parts = {k: v for k, v in qp.items() if _is_part(k)}
    version = qp.get(VERSION_PARAM)
    if version is None:
        if parts:
            problems.append(StateError("no_version", "the link has answers but no version (v)"))
        return Answers.model_validate(base), problems
    if not re.fullmatch(r"[0-9]{1,6}", version):
        problems.append(StateError("unknown_version", f"v: {_quote(version, 20)} is not a version",
                                   version=version[:20]))
        return Answers.model_validate(base), problems
    v = int(version)
    if v == 1:
        return _read_v1(qp, base, problems)
    if v != CURRENT_VERSION:
        try:
            version_of({"version": v})
        except StateError as exc:
            problems.append(exc)
        return Answers.model_validate(base), problems
    for key, value in parts.items():
        if key == V1_PARAM:
            problems.append(StateError("link", f"{key}: not a part of a version {v} link"))
            continue
        try:
            data = decode_part(value, key)
        except StateError as exc:
            problems.append(exc)
            continue
        if key.startswith(QN_PREFIX):
            qid = key.removeprefix(QN_PREFIX)
            if qid not in content_mod.default().questionnaires:
                problems.append(StateError("link", f"{_quote(key)}: unknown questionnaire"))
                continue
            path: tuple[str, ...] = ("questionnaires", qid)
        else:
            path = (next(name for name, p in SECTION_PARAMS.items() if p == key),)
        if not isinstance(data, dict):
            problems.append(StateError("link", f"{key}: expected an object, not {_json_type(data)}"))
            continue
        base, whole = _salvage(base, path, data)
        if not whole:
            problems.append(StateError("link", f"{key}: some answers did not fit and were left out"))
    return Answers.model_validate_json(json.dumps(base), strict=True), problems


def _read_v1(
    qp: dict[str, str], base: dict[str, Any], problems: list[StateError]
) -> tuple[Answers, list[StateError]]:
    """A version 1 link: ``?v=1&a=<base64url of the JSON>``, migrated part by part."""
    value = qp.get(V1_PARAM)
    if value is None:
        return Answers.model_validate(base), problems
    try:
        data = _part_json(_b64(value, V1_PARAM), V1_PARAM)
        if not isinstance(data, dict):
            raise StateError("link", f"{V1_PARAM}: expected an object, not {_json_type(data)}")
        data = migrate({**data, "v": 1})
    except StateError as exc:
        problems.append(exc)
        return Answers.model_validate(base), problems
    for name in ("questionnaires", *SECTION_PARAMS):
        section = data.get(name)
        if name == "questionnaires" and isinstance(section, dict):
            for qid, qa in section.items():
                if qid not in content_mod.default().questionnaires:
                    problems.append(StateError("link", f"{V1_PARAM}: unknown questionnaire {_quote(qid)}"))
                    continue
                base, whole = _salvage(base, ("questionnaires", qid), qa)
                if not whole:
                    problems.append(StateError("link", f"{V1_PARAM}: some answers of {qid} were left out"))
        elif isinstance(section, dict) and section:
            base, whole = _salvage(base, (name,), section)
            if not whole:
                problems.append(StateError("link", f"{V1_PARAM}: some of {name} was left out"))
    if data.get("lang") in LANGS and LANG_PARAM not in qp:
        base["lang"] = data["lang"]
    return Answers.model_validate_json(json.dumps(base), strict=True), problems


def query_keys(params: Mapping[str, Any]) -> list[str]:
    """The parameters of ``params`` that belong to the answers (not ``lang``): the ones to remove
    before writing new answers to a link."""
    return [k for k in params if isinstance(k, str) and (_is_part(k) or k == VERSION_PARAM)]
