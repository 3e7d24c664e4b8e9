"""What every presenter words the same way: UI strings, numbers, amounts, dates and sources in
one language. Presenters subclass :class:`Wording` for the words of their own domain."""

from __future__ import annotations

import datetime as dt
from typing import Any

from guide import formats
from guide.content import Content
from guide.documents.blocks import SourceLine
from guide.model import Lang, Source
from guide.text import cite, source_url


class Wording:
    def __init__(self, c: Content, lang: Lang) -> None:
        self.c, self.lang = c, lang

    def t(self, key: str, **fmt: Any) -> str:
        """A UI string from content in this language."""
        return self.c.t(key, self.lang, **fmt)

    def num(self, v: float) -> str:
        return formats.number(v, self.lang)

    def nok(self, v: float) -> str:
        return formats.nok(v, self.lang)

    def bound(self, v: float, unit: str) -> str:
        """One end of a range (``content/inputs.yaml``) written in its unit: ``10 000 000 kr``,
        ``20 %``, ``50``."""
        if unit == "nok":
            return self.nok(v)
        if unit == "percent":
            return formats.percent(v, self.lang)
        return formats.number(v, self.lang)

    def date(self, day: dt.date | None) -> str:
        """The date as the language writes it ("–" for none)."""
        return formats.date(day, self.lang) if day is not None else "–"

    def cite(self, s: Source) -> str:
        return cite(self.c, s, self.lang)

    def source(self, s: Source) -> SourceLine:
        """The source line of a fact, with its link where it has one."""
        return SourceLine(self.t("cite.source", text=self.cite(s)), source_url(self.c, s))
