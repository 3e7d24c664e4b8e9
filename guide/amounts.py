"""Amounts in kroner typed as text, read as Norwegian users write them.

Read: groups of digits with spaces (``1 500 000``, also no-break and thin spaces), with dots or
commas between groups of three (``1.500.000``, ``1,500,000``), a decimal comma or dot with one or
two digits (``1 500,50``, ``12.5``), a currency before or after (``kr 250 000,-``, ``NOK 1,300,000``,
``250 000 kr``), a multiplier (``1,5 mill``, ``2,5 millioner``, ``250k``, ``3 mrd``) and ``ca.``
before it. A separator followed by exactly three digits is a thousands separator (no amount in
kroner has three decimals), except before a multiplier: ``1,250 mill`` may mean 1,25 or 1 250
million, and is refused as ambiguous, like ``1,500.000``. Every refusal is an :class:`AmountError`
with a code the page words (``empty``, ``not_a_number``, ``ambiguous``, ``negative``,
``not_finite``, ``too_many_digits``).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any, Literal

AmountCode = Literal["empty", "not_a_number", "ambiguous", "negative", "not_finite", "too_many_digits"]

MULTIPLIERS: dict[str, int] = {
    "mrd": 1_000_000_000, "mrd.": 1_000_000_000, "milliard": 1_000_000_000, "milliarder": 1_000_000_000,
    "billion": 1_000_000_000, "bn": 1_000_000_000,
    "mill": 1_000_000, "mill.": 1_000_000, "mil": 1_000_000, "million": 1_000_000, "millioner": 1_000_000,
    "millions": 1_000_000, "mnok": 1_000_000, "m": 1_000_000,
    "k": 1_000, "tusen": 1_000, "thousand": 1_000,
}
CURRENCY = ("nok", "kr.", "kr")
ABOUT = ("ca.", "ca", "cirka", "omtrent", "about", "around", "approx.", "~")
#: More digits than this are refused before they are read (no amount needs them).
MAX_DIGITS = 18
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009_']+")


class AmountError(ValueError):
    """A text that is not an amount: ``code`` says why, ``params`` what the message shows."""

    def __init__(self, code: AmountCode, message: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(message)


def _strip(s: str) -> tuple[str, bool]:
    """``s`` without currency, ``,-``, ``ca.`` and sign; and whether it was negative."""
    negative = False
    for _ in range(3):  # "kr -5", "-kr 5", "5 kr", "NOK 5,-", "ca. 5 mill kr"
        for about in ABOUT:
            s = s.removeprefix(about)
        for suffix in (",-", ".-", ",\u2013", ".\u2013"):
            s = s.removesuffix(suffix)
        for cur in CURRENCY:
            s = s.removeprefix(cur).removesuffix(cur)
        if s.startswith(("-", "+")):
            negative = negative or s[0] == "-"
            s = s[1:]
    return s, negative


def parse(raw: str) -> float:
    """The amount in kroner that ``raw`` says, or :class:`AmountError`."""
    s = _SPACES.sub("", raw.strip().lower().replace("\u2212", "-").replace("\u2013", "-"))
    if not s:
        raise AmountError("empty", "an amount is required")
    s, negative = _strip(s)
    if s in ("nan", "inf", "infinity", "\u221e"):
        raise AmountError("not_finite", "must be a finite number", value=raw)
    factor = 1
    match = re.fullmatch(r"([0-9.,]+)([a-z.]+)", s)
    if match and match.group(2) in MULTIPLIERS:
        s, factor = match.group(1), MULTIPLIERS[match.group(2)]
    if not s or not re.fullmatch(r"[0-9.,]+", s) or not re.search(r"\d", s):
        raise AmountError("not_a_number", f"{raw!r} is not an amount (write e.g. 1 300 000)", value=raw)
    digits = sum(ch.isdigit() for ch in s)
    if digits > MAX_DIGITS:
        raise AmountError("too_many_digits", f"{digits} digits is more than {MAX_DIGITS}", value=raw,
                          max=MAX_DIGITS)
    ambiguous = AmountError("ambiguous", f"{raw!r} can be read in two ways", value=raw)
    if "," in s and "." in s:  # the last separator is the decimal mark
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        group = "." if dec == "," else ","
        if not re.fullmatch(rf"\d{{1,3}}(\{group}\d{{3}})*\{dec}\d+", s):
            raise AmountError("not_a_number", f"{raw!r} is not an amount", value=raw)
        if len(s) - s.rfind(dec) - 1 == 3:
            raise ambiguous  # 1,500.000: thousands or decimals?
        s = s.replace(group, "").replace(dec, ".")
    elif "," in s or "." in s:
        sep = "," if "," in s else "."
        if re.fullmatch(rf"\d{{1,3}}(\{sep}\d{{3}})+", s):  # 1.500.000, 1,500, 250.000
            if factor != 1 and s.count(sep) == 1:
                raise ambiguous  # 1,250 mill: 1,25 million or 1 250 million?
            s = s.replace(sep, "")
        elif re.fullmatch(rf"\d*\{sep}\d+", s):
            s = s.replace(sep, ".")
        else:
            raise AmountError("not_a_number", f"{raw!r} is not an amount", value=raw)
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", s):
        raise AmountError("not_a_number", f"{raw!r} is not an amount", value=raw)
    number = float(Decimal(s) * factor)
    if not math.isfinite(number):
        raise AmountError("not_finite", "must be a finite number", value=raw)
    if negative and number:
        raise AmountError("negative", "must not be negative", value=raw)
    return number
