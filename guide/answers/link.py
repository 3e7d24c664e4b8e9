"""The link: the answers as query parameters, one per part, so that a garbled or cut-off link
loses only the part that is broken (:func:`read_query` keeps the rest)::

    ?lang=nb&v=2&qn.readiness=<b64>&proc=<b64>&sroi=<b64>&cal=<b64>&case=<b64>

``v`` is the format version; each ``<b64>`` is base64url (no padding) of zlib of the part's
minimal JSON (defaults left out), compressed with a preset dictionary of the schema's keys and the
content's ids (:data:`ZDICT_V2`). zlib's checksum makes a tampered part fail as a whole.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from guide import content as content_mod
from guide.answers.files import _json_type, _out_of_range, _quote, loads, version_of
from guide.answers.model import CURRENT_VERSION, MAX_OUTCOMES, Answers, StateError
from guide.model import LANGS

MAX_PARAM_CHARS = 16_000  # one part of the link
MAX_DECODED_BYTES = 100 * 1024  # one part of the link once decompressed (a zip bomb stops here)
LANG_PARAM = "lang"
VERSION_PARAM = "v"
QN_PREFIX = "qn."
#: The link parameter of each part besides the questionnaires.
SECTION_PARAMS: dict[str, str] = {"procurement": "proc", "sroi": "sroi", "calendar": "cal", "case": "case"}


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


def to_query(answers: Answers) -> dict[str, str]:
    """The answers as query parameters: ``lang``, and ``v`` plus one parameter per part that
    holds anything."""
    out: dict[str, str] = {LANG_PARAM: answers.lang}
    parts: dict[str, str] = {}
    for qid, qa in answers.questionnaires.items():
        data = qa.model_dump(mode="json", exclude_defaults=True)
        if data:
            parts[QN_PREFIX + qid] = encode_part(data)
    for name, param in SECTION_PARAMS.items():
        data = getattr(answers, name).model_dump(mode="json", exclude_defaults=True)
        if data:
            parts[param] = encode_part(data)
    if parts:
        out[VERSION_PARAM] = str(CURRENT_VERSION)
        out.update(parts)
    return out


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


def _ranges(data: dict[str, Any], lang: str) -> list[StateError]:
    """If all that keeps ``data`` from fitting is numbers outside their plausible range: each of
    them (code ``out_of_range``, with the page's message in ``lang``); else nothing."""
    try:
        Answers.model_validate_json(json.dumps(data), strict=True, context={"lang": lang})
    except ValidationError as exc:
        return _out_of_range(exc) or []
    return []


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
    return key.startswith(QN_PREFIX) or key in SECTION_PARAMS.values()


def read_query(params: Mapping[str, Any]) -> tuple[Answers, list[StateError]]:
    """The answers of a link's query parameters, keeping whatever can be read, and what could not.

    Never raises for any input: a garbled part is left out (and named in the problems), an
    answer or field that does not fit is left out of its part, the rest is kept. A number outside
    its plausible range is named by its own problem (``out_of_range``, with the page's message
    in the link's language).
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
    if v != CURRENT_VERSION:
        try:
            version_of({"version": v})
        except StateError as exc:
            problems.append(exc)
        return Answers.model_validate(base), problems
    for key, value in parts.items():
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
        ranges = _ranges(_with(base, path, data), lang)
        base, whole = _salvage(base, path, data)
        if not whole:
            problems += ranges or [StateError("link", f"{key}: some answers did not fit and were left out")]
    return Answers.model_validate_json(json.dumps(base), strict=True), problems


def query_keys(params: Mapping[str, Any]) -> list[str]:
    """The parameters of ``params`` that belong to the answers (not ``lang``): the ones to remove
    before writing new answers to a link."""
    return [k for k in params if isinstance(k, str) and (_is_part(k) or k == VERSION_PARAM)]
