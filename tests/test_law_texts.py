"""Every content text that states a threshold names its date, and agrees with the dated table.

``guide.procurement.route`` is the one place that knows which figure was in force on a day. A text
written by hand that names a threshold amount ("1,3 millioner kroner", "NOK 500,000") must name
the date or year it speaks of in the same sentence, and the table must give that amount on that
day (or, for a change "from A to B", the day before); "since D" must be the day the figure began.
So when the table changes, a text left with an old figure fails here, not in a meeting.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from guide import content as content_mod
from guide import model as m
from guide import procurement as proc
from guide.model import Text
from guide.procurement import model as pm

C = content_mod.default()
FIRST = proc.first_date(C)
MONTHS = {
    "januar": 1, "februar": 2, "mars": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8,
    "september": 9, "oktober": 10, "november": 11, "desember": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10,
    "december": 12,
}
_MONTH = "|".join(MONTHS)
DATE = re.compile(rf"\b(\d{{1,2}})\.? ({_MONTH}) (\d{{4}})\b|\b(\d{{4}})-(\d{{2}})-(\d{{2}})\b", re.I)
YEAR = re.compile(r"(?<![\d.,])(20[12]\d)(?!\d|[.,]\d|-\d)")
GROUPED = re.compile(r"(?<![\d,.])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d{1,3}(?:,\d{3})+)(?![\d])")
MILLIONS = re.compile(
    r"(?<![\d])(\d+(?:[,.]\d+)?)(?=(?:(?:,| og| and| or| eller)? \d+(?:[,.]\d+)?)* (?:mill|million))", re.I)
SINCE = re.compile(r"\b(?:siden|sidan|since)\s*$", re.I)
SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÆØÅ«\"])")


Context = tuple[tuple[dt.date, ...], tuple[int, ...]]  # the dates and years a text is set in


def _context(obj: BaseModel, outer: Context) -> Context:
    """The dates a text inside ``obj`` speaks of when it names none itself: an update's date, a
    period's date, a source's year, and the booklet's year for the booklet's own texts."""
    days, years = outer
    for name in ("date", "valid_from", "announced"):
        value = getattr(obj, name, None)
        if isinstance(value, dt.date):
            days = (*days, value)
    if isinstance(obj, m.SourceDoc) and obj.year is not None:
        years = (*years, obj.year)
    source = getattr(obj, "source", None)
    if isinstance(source, m.Source) and source.ref == "booklet":
        years = (*years, 2017)
    return days, years


def all_texts() -> Iterator[tuple[str, Text, Context]]:
    def walk(obj: Any, path: str, ctx: Context) -> Iterator[tuple[str, Text, Context]]:
        if isinstance(obj, Text):
            yield path, obj, ctx
        elif isinstance(obj, BaseModel):
            inner = _context(obj, ctx)
            for name in type(obj).model_fields:
                yield from walk(getattr(obj, name), f"{path}.{name}", inner)
        elif isinstance(obj, list | tuple):
            for n, x in enumerate(obj):
                yield from walk(x, f"{path}.{getattr(x, 'id', n)}", ctx)
        elif isinstance(obj, dict):
            for k, x in obj.items():
                yield from walk(x, f"{path}.{k}", ctx)

    for kind, items in C.kinds.items():
        yield from walk(items, kind, ((), ()))


def figures_on(day: dt.date) -> set[int]:
    """Every figure of the table in force on ``day`` (any series, any column)."""
    if day < FIRST:
        return set()
    out: set[int] = set()
    for series in pm.SERIES:
        p = pm.in_force_on(C, series, day)
        if p is None:
            continue
        out |= {p.figure(k) for k in pm.EEA_KEYS} if series == "eea" else {p.figure()}
    return out


def pending_by(day: dt.date) -> set[int]:
    """The proposed and reported figures known by ``day`` (a text may tell of them, as such)."""
    out: set[int] = set()
    for p in C.procurement_thresholds.values():
        if not p.in_force and p.known_from <= day:
            out |= {p.figure(k) for k in pm.EEA_KEYS} if p.series == "eea" else {p.figure()}
    return out


def figures_in(year: int) -> set[int]:
    days = {dt.date(year, 1, 1), dt.date(year, 12, 31)}
    days |= {p.valid_from for p in C.procurement_thresholds.values()
             if p.in_force and p.valid_from and p.valid_from.year == year}
    return set().union(*(figures_on(d) for d in days))


ALL_FIGURES = {f for p in C.procurement_thresholds.values()
               for f in ({p.figure(k) for k in pm.EEA_KEYS} if p.series == "eea" else {p.figure()})}


def amounts(sentence: str, lang: str) -> list[tuple[int, int]]:
    """(amount, position) of every threshold figure the sentence names."""
    out: list[tuple[int, int]] = []
    for g in GROUPED.finditer(sentence):
        value = int(re.sub(r"\D", "", g.group(1)))
        out.append((value, g.start()))
    if "mill" in sentence.lower():
        for g in MILLIONS.finditer(sentence):
            raw = g.group(1)
            number = raw.replace(",", ".") if lang != "en" else raw
            try:
                value = round(float(number) * 1_000_000)
            except ValueError:
                continue
            out.append((value, g.start()))
    return [(v, at) for v, at in out if v in ALL_FIGURES]


def dates(sentence: str) -> list[tuple[dt.date, int]]:
    out: list[tuple[dt.date, int]] = []
    for g in DATE.finditer(sentence):
        if g.group(1):
            out.append((dt.date(int(g.group(3)), MONTHS[g.group(2).lower()], int(g.group(1))), g.start()))
        else:
            out.append((dt.date(int(g.group(4)), int(g.group(5)), int(g.group(6))), g.start()))
    return out


#: After an amount: it is the old figure of a change ("from A to B", "A before").
OLD_VALUE = re.compile(
    r"^[\d\s\u00a0,.]*(?:kroner\s+|millioner\s+|millionar\s+|million\s+)?(?:til|to)\s+(?:NOK\s+)?\d"
    r"|^[^.;]{0,30}\b(?:før|before)\b", re.I)


#: Before an amount: it is the figure before a change ("før: 100 000", "before: NOK 100,000").
OLD_BEFORE = re.compile(r"\b(?:før|before)\b[:\s]*(?:NOK\s*)?$", re.I)


def explained(value: int, at: int, sentence: str, days: list[dt.date], years: set[int]) -> bool:
    """Whether the table gives ``value`` on a date or in a year the sentence speaks of."""
    old = bool(OLD_VALUE.search(sentence[at:]) or OLD_BEFORE.search(sentence[:at]))
    for d in days:
        known = figures_on(d) | pending_by(d)
        if old:
            before = d - dt.timedelta(days=1)
            known |= figures_on(before) if before >= FIRST else {value}  # no table before 2017
        if value in known:
            return True
    return any(value in figures_in(y) | pending_by(dt.date(y, 12, 31)) for y in years)


def problems_of(text: str, lang: str, context: Context = ((), ())) -> list[str]:
    out: list[str] = []
    last: tuple[list[dt.date], set[int]] = (list(context[0]), set(context[1]))
    for sentence in SENTENCE.split(re.sub(r"\s+", " ", text)):
        found_days = dates(sentence)
        in_dates = [m.span() for m in DATE.finditer(sentence)]
        found_years = {int(m.group(1)) for m in YEAR.finditer(sentence)
                       if not any(a <= m.start() < b for a, b in in_dates)}
        if found_days or found_years:  # a sentence with dates sets them for the ones that follow
            last = ([d for d, _ in found_days], found_years)
        found = amounts(sentence, lang)
        if not found:
            continue
        days, years = last
        if not days and not years:
            out.append(f"names {sorted({v for v, _ in found})} without a date: «{sentence}»")
            continue
        for value, at in found:
            if not explained(value, at, sentence, days, years):
                out.append(f"{value:,} is not a figure of the table on the dates it names: «{sentence}»")
            # "since D": the figure must have begun on D
            for d, pos in found_days:
                since = pos > at and SINCE.search(sentence[at:pos]) and len(sentence[at:pos]) < 80
                if since and value in figures_on(d) and value in figures_on(d - dt.timedelta(days=1)):
                    out.append(f"{value:,} did not begin on {d} (in force the day before): «{sentence}»")
    return out


#: Texts that show how to write an amount in a field, not a rule: their figures are examples.
EXAMPLES = {
    "ui.proc.input.value_help", "ui.proc.input.value_placeholder", "ui.proc.error.value_nok.not_a_number",
    "ui.proc.error.value_nok.too_many_digits", "ui.q.amount.placeholder", "ui.report.proc.bad_value",
}
TEXTS = [(path, lang, getattr(text, lang), ctx) for path, text, ctx in all_texts()
         if path not in EXAMPLES for lang in ("nb", "nn", "en")]


def test_the_scan_finds_the_texts_that_state_figures() -> None:
    stating = [(p, lg) for p, lg, s, _ in TEXTS if amounts(s, lg)]
    assert len(stating) >= 20  # myths, cases, procedures, the table's notes, sources
    assert amounts("under 1,3 millioner kroner", "nb") == [(1_300_000, 6)]
    assert amounts("NOK 1.3 million", "en") == [(1_300_000, 4)]
    assert [v for v, _ in amounts("1,63, 2,5, 62,9 og 8,7 millioner kroner", "nb")] == [
        1_630_000, 2_500_000, 62_900_000, 8_700_000]
    assert problems_of("Kjøp under 100 000 kroner er unntatt.", "nb")  # no date
    assert problems_of("7,8 millioner kroner (siden 14. mars 2024).", "nb")  # began in 2022
    assert not problems_of("7,8 millioner kroner (siden 23. mars 2022).", "nb")
    assert problems_of("Fra 1. juli 2026 gjelder loven fra 100 000 kroner.", "nb")


KINDS = sorted({path.split(".")[0] for path, *_ in TEXTS})


@pytest.mark.parametrize("kind", KINDS)
def test_a_text_that_names_a_threshold_names_its_date_and_agrees_with_the_table(kind: str) -> None:
    problems = [
        f"{path}.{lang}: {problem}"
        for path, lang, text, context in TEXTS if path.split(".")[0] == kind
        for problem in problems_of(text, lang, context)
    ]
    assert not problems, "\n".join(problems)
