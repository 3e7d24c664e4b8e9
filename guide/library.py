"""The examples library: filter the booklet's cases, and the table of them (pure; the page only
renders)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from guide.content import Content
from guide.documents.blocks import Table
from guide.model import Case, Lang

#: The table's columns, in order (UI strings ``examples.col.<column>``).
COLUMNS = ("name", "place", "sectors", "forms", "measures", "source")


def places(content: Content, lang: Lang) -> list[str]:
    """Every place named by a case, as its key (the place as written in bokmål, the same in every
    language), sorted by the place's name in ``lang``."""
    names = {c.place("nb"): c.place(lang) for c in content.cases.values()}
    return sorted(names, key=lambda k: names[k].casefold())


def place_label(content: Content, key: str, lang: Lang) -> str:
    """The name in ``lang`` of the place with key ``key`` (see :func:`places`)."""
    return next((c.place(lang) for c in content.cases.values() if c.place("nb") == key), key)


def chapters(content: Content) -> list[int]:
    return sorted({c.source.chapter for c in content.cases.values() if c.source.chapter})


def filter_cases(
    content: Content,
    lang: Lang,
    *,
    sectors: Iterable[str] = (),
    forms: Iterable[str] = (),
    measures: Iterable[str] = (),
    chapters: Iterable[int] = (),
    places: Iterable[str] = (),
    query: str = "",
) -> list[Case]:
    """Cases matching every given filter; within a filter any of the values matches.

    ``places`` are keys from :func:`places`; ``query`` matches the name, place, partners and
    texts in ``lang``, case-insensitively.
    """
    sec, frm, mea = set(sectors), set(forms), set(measures)
    chs, pls = set(chapters), set(places)
    q = query.strip().casefold()
    out: list[Case] = []
    for case in content.cases.values():
        if sec and not sec & set(case.sectors):
            continue
        if frm and not frm & set(case.forms):
            continue
        if mea and not mea & set(case.measures):
            continue
        if chs and case.source.chapter not in chs:
            continue
        if pls and case.place("nb") not in pls:
            continue
        if q:
            hay = " ".join(
                [case.title(lang), case.place(lang), case.what(lang), *case.partners]
                + ([case.outcome(lang)] if case.outcome else [])
            ).casefold()
            if q not in hay:
                continue
        out.append(case)
    return out


def cases_for(content: Content, attr: str, item_id: str) -> list[Case]:
    """Cases that show a given form, measure, funding source or impact method."""
    return [c for c in content.cases.values() if item_id in getattr(c, attr)]


def _titles(content: Content, kind: str, ids: Iterable[str], lang: Lang) -> str:
    items = content.kinds[kind]
    out = []
    for i in ids:
        text = getattr(items[i], "title", None) or items[i].label
        out.append(text(lang))
    return ", ".join(out)


def _where(content: Content, case: Case, lang: Lang) -> str:
    """Where in the booklet: "kap. 3, s. 14", or only the page for the foreword's cases."""
    src = case.source
    if src.chapter is None:
        return content.t("examples.source.page", lang, page=src.page or "–")
    return content.t("cite.short", lang, chapter=src.chapter, page=src.page or "–")


def table(cases: Sequence[Case], *, content: Content, lang: Lang) -> Table:
    """The cases as one table: name, place, sectors, forms, measures and where in the booklet."""
    rows = tuple(
        (
            case.title(lang),
            case.place(lang),
            _titles(content, "sectors", case.sectors, lang),
            _titles(content, "forms", case.forms, lang) or "–",
            _titles(content, "measures", case.measures, lang) or "–",
            _where(content, case, lang),
        )
        for case in cases
    )
    return Table(tuple(content.t(f"examples.col.{k}", lang) for k in COLUMNS), rows)
