"""Numbers, amounts and dates as each language writes them (Babel), with non-breaking separators.

Every formatter of the app is here; an amount never breaks across lines (U+00A0 between the
groups and before the currency). Each is cached: a page formats the same few figures on every
rerun, and Babel's formatting costs some 0.1 ms a call.
"""

from __future__ import annotations

import datetime as dt
import functools
import math

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from guide import locales
from guide.model import Lang

NBSP = locales.NBSP
#: How every date field shows a date (a Streamlit ``date_input`` format): 07.12.2026, as Norwegian
#: is written and as British English reads it too; one format in every language, so a field keeps
#: its value when the language changes.
DATE_FIELD = "DD.MM.YYYY"


def locale(lang: Lang | str) -> str:
    """Babel's locale of ``lang`` (the table in :mod:`guide.locales`)."""
    return locales.get(lang).babel


@functools.lru_cache(maxsize=8192)
def number(value: float, lang: Lang | str, *, decimals: int = 2) -> str:
    """``1 300 000`` / ``1,300,000``; ``2,5`` / ``2.5`` (at most ``decimals`` decimals)."""
    if not math.isfinite(value):
        raise ValueError("number: not a finite number")
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale(lang)).replace("\u202f", NBSP)


@functools.lru_cache(maxsize=8192)
def nok(value: float, lang: Lang | str) -> str:
    """An amount in whole kroner: ``1 300 000 kr`` / ``NOK 1,300,000``, never broken."""
    return locales.get(lang).amount.format(n=number(round(value), lang, decimals=0))


@functools.lru_cache(maxsize=8192)
def percent(value: float, lang: Lang | str) -> str:
    """A percentage given in percent: ``3,5 %`` / ``3.5%``."""
    return locales.get(lang).percent.format(n=number(value, lang))


@functools.lru_cache(maxsize=8192)
def date(day: dt.date, lang: Lang | str, *, year: bool = True) -> str:
    """``1. desember 2026`` / ``1 December 2026`` (without the year: ``1. desember``)."""
    if year:
        return _babel_date(day, "long", locale=locale(lang))
    return _babel_date(day, locales.get(lang).day_month, locale=locale(lang))


@functools.lru_cache(maxsize=8192)
def fixed(value: float, lang: Lang | str, places: int = 2) -> str:
    """A number with exactly ``places`` decimals: ``1,41`` / ``1.41``."""
    if not math.isfinite(value):
        raise ValueError("number: not a finite number")
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=locale(lang)).replace("\u202f", NBSP)
