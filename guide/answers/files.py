"""The saved file: the whole :class:`~guide.answers.model.Answers` as readable JSON.

Reading is hardened: a file over 100 KB, not UTF-8, not JSON, nested too deep, with NaN,
Infinity or a key given twice, of an unknown or newer version, or off the schema is refused as a
whole with a :class:`~guide.answers.model.StateError`. A number outside its plausible range
(``content/inputs.yaml``) is refused too (code ``out_of_range``) by :func:`read`;
:func:`read_keeping`, what the page uses, leaves such a number out and keeps every other answer,
with the page's message for each number left out.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from guide.answers.model import CURRENT_VERSION, Answers, StateError, range_problems
from guide.content import Content
from guide.model import Lang

MAX_UPLOAD_BYTES = 100 * 1024  # a saved file larger than this is refused
MAX_DEPTH = 12  # nesting of JSON arrays and objects (the model needs 5)
MAX_DETAILS = 3  # schema errors named in one message
MAX_DIGITS = 30  # a number written with more digits is refused before it is read (no answer needs it)


def message(exc: StateError, content: Content, lang: Lang) -> str:
    """What is wrong, worded in content (``state.error.<code>``) in ``lang``."""
    key = f"state.error.{exc.code}"
    if key not in content.ui:
        return content.t("state.error.unexpected", lang)
    try:
        return content.t(key, lang, **{"max_kb": MAX_UPLOAD_BYTES // 1024, **exc.params})
    except (KeyError, IndexError):
        return content.t("state.error.unexpected", lang)


def read(text: str | bytes) -> Answers:
    """The answers of a saved file (see :meth:`Answers.from_json`)."""
    return validate(_data(text))


def read_keeping(text: str | bytes, lang: Lang = "nb") -> tuple[Answers, list[StateError]]:
    """The answers of a saved file, with a number outside its plausible range left out (its
    default kept) and every other answer kept; the problems name each number left out (code
    ``out_of_range``, its message in ``lang``). Anything else wrong refuses the file as a whole
    (:class:`StateError`, as :func:`read`)."""
    return validate_keeping(_data(text), lang)


def _data(text: str | bytes) -> dict[str, Any]:
    """The current-version data of a saved file, before its schema is checked."""
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
    version_of(data)
    return data


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


class _TooManyDigits(ValueError):
    pass


def _number(text: str) -> int | float:
    """A JSON number, refused before it is read when it has more than :data:`MAX_DIGITS` digits
    (Python would otherwise refuse a 5000-digit integer with advice meant for programmers)."""
    digits = sum(ch.isdigit() for ch in text)
    if digits > MAX_DIGITS:
        raise _TooManyDigits(f"a number has {digits} digits; at most {MAX_DIGITS} are allowed")
    return int(text) if text.lstrip("-").isdigit() else float(text)


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
        return json.loads(text, parse_constant=_no_constant, object_pairs_hook=_no_duplicates,
                          parse_int=_number, parse_float=_number)
    except _TooManyDigits as exc:
        raise StateError("too_many_digits", str(exc), max=MAX_DIGITS) from None
    except json.JSONDecodeError as exc:
        raise StateError("not_json", f"{exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except (ValueError, RecursionError) as exc:
        raise StateError("not_json", str(exc)[:200]) from None


def _quote(key: Any, limit: int = 40) -> str:
    s = str(key)
    return repr(s if len(s) <= limit else s[:limit] + "…")


def version_of(data: Mapping[str, Any]) -> int:
    """The version of saved data (``version``), checked."""
    if "version" in data:
        v = data["version"]
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
    if v != CURRENT_VERSION:
        raise StateError("unknown_version", f"there is no version {v}", version=str(v))
    return v


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


def _json(data: dict[str, Any]) -> str:
    try:
        return json.dumps(data)
    except (TypeError, ValueError) as exc:  # not JSON data (only from Python callers)
        raise StateError("schema", str(exc)[:200]) from None


def _out_of_range(exc: ValidationError) -> list[StateError] | None:
    """Each number outside its range as a problem, if that is all that is wrong (else None)."""
    problems = range_problems(exc)
    if not problems or len(problems) != exc.error_count():
        return None
    return [StateError("out_of_range", f"{'.'.join(map(str, p.path))}: {p.message}", message=p.message)
            for p in problems]


def validate(data: dict[str, Any], lang: Lang = "nb") -> Answers:
    """The current-version data as :class:`Answers` (:class:`StateError` if it does not fit: a
    number outside its range is ``out_of_range``, its message in ``lang``)."""
    text = _json(data)
    try:
        return Answers.model_validate_json(text, strict=True, context={"lang": lang})
    except ValidationError as exc:
        ranges = _out_of_range(exc)
        raise (ranges[0] if ranges else _schema_error(exc)) from None


def _without(data: Any, path: tuple[str | int, ...]) -> None:
    """``data`` with the entry at ``path`` removed (its default applies)."""
    node = data
    for part in path[:-1]:
        node = node[part]
    if isinstance(node, dict):
        node.pop(path[-1], None)


def validate_keeping(data: dict[str, Any], lang: Lang = "nb") -> tuple[Answers, list[StateError]]:
    """As :func:`validate`, but a number outside its range is left out and named (see
    :func:`read_keeping`)."""
    text = _json(data)
    try:
        return Answers.model_validate_json(text, strict=True, context={"lang": lang}), []
    except ValidationError as exc:
        ranges = _out_of_range(exc)
        if not ranges:
            raise _schema_error(exc) from None
        kept = json.loads(text)
        for p in range_problems(exc):
            _without(kept, p.path)
    try:
        return Answers.model_validate_json(json.dumps(kept), strict=True, context={"lang": lang}), ranges
    except ValidationError as exc:  # something else, checked only once the fields fit
        raise _schema_error(exc) from None
