"""Plural forms inside a UI text, chosen by the language's plural rule (Babel, CLDR).

A placeholder with forms after its colon, separated by ``|``, becomes the form that fits the
number: ``"{n} {n:deltaker|deltakere} har blitt med."`` gives "1 deltaker har blitt med." and
"3 deltakere har blitt med."; ``"{n} {n:participant has|participants have} joined."`` gives
"1 participant has joined.". The forms are written in the order of the language's plural
categories (CLDR: zero, one, two, few, many, other — those the language has); bokmål, nynorsk and
English have two, *one* and *other*. ``python -m guide check`` names every text whose forms do
not match its language (:func:`check`).
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from babel import Locale

from guide import formats

if TYPE_CHECKING:  # pragma: no cover
    from guide.content import Content

SEPARATOR = "|"
#: The plural categories in CLDR's order.
ORDER: tuple[str, ...] = ("zero", "one", "two", "few", "many", "other")


@functools.cache
def categories(lang: str) -> tuple[str, ...]:
    """The plural categories of ``lang``, in the order its forms are written (``one``, ``other``)."""
    tags = Locale.parse(formats.locale(lang)).plural_form.tags
    return tuple(c for c in ORDER if c in tags or c == "other")


def category(n: float, lang: str) -> str:
    """The plural category of the number ``n`` in ``lang``."""
    return str(Locale.parse(formats.locale(lang)).plural_form(n))


def choose(forms: list[str], n: Any, lang: str) -> str:
    """The form of ``forms`` (in the order of :func:`categories`) that fits ``n``."""
    if isinstance(n, bool) or not isinstance(n, int | float):
        raise TypeError(f"a plural form needs a number, not {type(n).__name__}")
    names = categories(lang)
    if len(forms) != len(names):
        raise ValueError(f"{len(forms)} plural forms given; {lang} has {len(names)} ({', '.join(names)})")
    return forms[names.index(category(n, lang))]


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if SEPARATOR in format_spec:
            return choose(format_spec.split(SEPARATOR), value, self.lang)
        return str(super().format_field(value, format_spec))


def has_forms(text: str) -> bool:
    """Whether ``text`` holds a placeholder with plural forms (a cheap test before formatting)."""
    return SEPARATOR in text and ":" in text


def format_text(text: str, lang: str, /, **fmt: Any) -> str:
    """``text.format(**fmt)``, with each ``{n:one|other}`` replaced by the form that fits ``n``."""
    if not has_forms(text):
        return text.format(**fmt)
    return _Formatter(lang).format(text, **fmt)


def problems(text: str, lang: str) -> Iterator[str]:
    """What is wrong with the plural forms of ``text`` in ``lang`` (nothing if they are right)."""
    if not has_forms(text):
        return
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError as exc:
        yield f"a broken placeholder ({exc})"
        return
    names = categories(lang)
    for _, name, spec, _ in fields:
        if name is None or not spec or SEPARATOR not in spec:
            continue
        forms = spec.split(SEPARATOR)
        if len(forms) != len(names):
            yield (f"{{{name}:…}} has {len(forms)} plural forms; {lang} needs {len(names)} "
                   f"({' | '.join(names)})")


def check(content: Content) -> Iterable[str]:
    """One line per UI text whose plural forms do not fit its language."""
    folder = content.files.get("ui", "ui")
    for key, text in content.kinds.get("ui", {}).items():
        for lang in ("nb", "nn", "en"):
            value = getattr(text, lang, None)
            if isinstance(value, str):
                for problem in problems(value, lang):
                    yield f"content/{folder}/: {key}.{lang}: {problem}"
