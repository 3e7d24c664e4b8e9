"""The table of locale settings: one row a language.

Everything that differs between the app's languages and is not a text of ``content/`` is a field of
a :class:`Locale` here: the Babel locale, the BCP 47 tag of the page and the documents, how an amount,
a percentage, a day and a quotation are written, and whether Streamlit's own (English) strings must be
put into the language. A fourth language is its texts in ``content/`` plus one row below (and its code
in :data:`guide.model.LANGS`).
"""

from __future__ import annotations

from dataclasses import dataclass

from guide.model import LANGS, Lang

NBSP = "\u00a0"


@dataclass(frozen=True)
class Locale:
    code: Lang
    #: Babel's locale name (numbers, dates, month names).
    babel: str
    #: The language and region of the page's ``<html lang>``, the PDF's /Lang and Word's language.
    language: str
    region: str
    #: An amount in whole kroner; ``{n}`` is the grouped number.
    amount: str
    #: A percentage; ``{n}`` is the number.
    percent: str
    #: A day and month without the year, as a Babel pattern.
    day_month: str
    #: The quotation marks around a quotation.
    quotes: tuple[str, str]
    #: Whether Streamlit's own strings (written in English) are put into this language on the page.
    translate_framework: bool

    @property
    def tag(self) -> str:
        """The BCP 47 tag: ``nb-NO``."""
        return f"{self.language}-{self.region}"


LOCALES: dict[str, Locale] = {
    "nb": Locale("nb", "nb_NO", "nb", "NO", f"{{n}}{NBSP}kr", f"{{n}}{NBSP}%", "d. MMMM", ("«", "»"), True),
    "nn": Locale("nn", "nn_NO", "nn", "NO", f"{{n}}{NBSP}kr", f"{{n}}{NBSP}%", "d. MMMM", ("«", "»"), True),
    "en": Locale("en", "en_GB", "en", "GB", f"NOK{NBSP}{{n}}", "{n}%", "d MMMM", ("“", "”"), False),
}
assert tuple(LOCALES) == LANGS, "one row of locale settings for each language of guide.model.LANGS"

DEFAULT: Lang = LANGS[0]


def get(lang: str) -> Locale:
    """The settings of ``lang``; the first language's for a code the app does not have."""
    return LOCALES.get(lang, LOCALES[DEFAULT])
