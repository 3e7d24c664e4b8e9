"""Small pure helpers that turn content into display strings (no Streamlit)."""

from __future__ import annotations

import functools

from guide import formats, locales
from guide.content import Content
from guide.model import Lang, Source


@functools.lru_cache(maxsize=4096)
def cite(content: Content, source: Source, lang: Lang) -> str:
    """A one-line citation, e.g. ``Veier til samarbeid (KMD, 2017), kap. 3, s. 14``."""
    doc = content.sources[source.ref]
    parts = [doc.title if doc.year is None else f"{doc.title} ({doc.year})"]
    if source.chapter is not None:
        parts.append(content.t("cite.chapter", lang, n=source.chapter))
    if source.page is not None:
        parts.append(content.t("cite.page", lang, n=source.page))
    if source.section:
        parts.append(source.section)
    as_of = source.as_of or (doc.as_of if doc.kind != "booklet" else None)
    if as_of is not None:
        parts.append(content.t("cite.as_of", lang, date=formats.date(as_of, lang)))
    return ", ".join(parts)


def source_url(content: Content, source: Source) -> str | None:
    return source.url or content.sources[source.ref].url


def nok(value: float, lang: Lang) -> str:
    """Format an amount in NOK the Norwegian way (``1 300 000 kr``) or the English way."""
    return formats.nok(value, lang)


def quoted(text: str, lang: Lang) -> str:
    """Wrap a quotation in the language's quote marks (« » in bokmål, “ ” in English),
    whatever marks the content already has."""
    inner = text.strip().strip('«»"“”')
    start, end = locales.get(lang).quotes
    return f"{start}{inner}{end}"
