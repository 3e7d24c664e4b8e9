"""Every fact traceable: which page each dated update cites, which sources nothing cites, and how
long ago each fact was verified.

``check(content)`` yields an error line (``content/FILE.yaml: path.to.field: what is wrong``, as
every content check does) for a dated update (:class:`guide.model.Update`) whose address is a bare
home page or missing (the update's own ``url`` if set, else its ``sources.yaml`` entry's), and for
an entry of ``sources.yaml`` that nothing cites. ``citations(content)`` lists every fact-bearing
citation with the day it was last verified; ``report(content, today)`` words that list, oldest
first, for ``python -m guide facts``.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pydantic import BaseModel

from guide import model as m
from guide.funding import model as fund_m

if TYPE_CHECKING:
    from guide.content import Content

#: Citations made in code rather than in content: (module, attribute holding ``Source`` objects).
#: A source cited only there is still cited (``tests/test_facts.py`` keeps this list complete).
CODE_CITATIONS: tuple[tuple[str, str], ...] = (
    ("guide.impact.presenter", "SOURCES"), ("guide.procurement.protocol", "SOURCES"),
    ("guide.procurement.estimate", "SOURCES"),
)

#: Age bands of the listing, oldest first: (label, at least this many days old).
BANDS: tuple[tuple[str, int], ...] = (
    ("Verified more than 5 years ago", 5 * 365),
    ("Verified 1 to 5 years ago", 365),
    ("Verified within the last year", 0),
)


@dataclass(frozen=True)
class Citation:
    """One fact-bearing citation: where it is (file and path), what it cites and since when.

    ``ref`` is the ``sources.yaml`` id (None for a page named in place, as a funding scheme's
    checked sources are); ``as_of`` is the day the fact was last verified (the citation's own,
    else its source's; for a funding scheme's sources, the day they were read); ``update`` is
    the status of the dated update the citation belongs to, if any."""

    file: str
    path: str
    ref: str | None
    url: str | None
    as_of: dt.date | None
    booklet: bool = False
    update: str | None = None
    dated: dt.date | None = None  # a checked source's own date, where it shows one


def is_home_page(url: str) -> bool:
    """A bare home page: no path beyond ``/`` (and no query or fragment that names a page)."""
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query and not parts.fragment


# ---------------------------------------------------------------------------
# Walking the content


def _walk(obj: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every model reachable from ``obj`` with its dotted path; list indices become the item's
    id where it has one (as the loader's messages name them)."""
    if isinstance(obj, BaseModel):
        yield path, obj
        for name in type(obj).model_fields:
            yield from _walk(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, list | tuple):
        for i, x in enumerate(obj):
            ident = getattr(x, "id", None) if isinstance(x, BaseModel) else None
            yield from _walk(x, f"{path}.{ident if isinstance(ident, str) else i}")


def _items(content: Content) -> Iterator[tuple[str, str, Any]]:
    """(file, path prefix, item) for every item of the content, as the loader names its files:
    ``content/cases.yaml`` and ``cases.<id>``, or ``content/questionnaires/<id>.yaml`` and no
    prefix for a folder of files. Calendar events that a funding scheme's schedule adds are
    left to the scheme (they are its citations)."""
    from guide.content import KINDS

    root = content.root.name
    folders = {k.key for k in KINDS if k.is_dir}
    scheduled = {ev.id for f in content.kinds.get("funding", {}).values() for ev in f.schedule}
    for kind, items in content.kinds.items():
        if kind == "sources":
            continue
        name = content.files.get(kind, f"{kind}.yaml")
        for ident, item in items.items():
            if kind == "calendar" and ident in scheduled:
                continue
            if kind in folders:
                yield f"{root}/{name}/{ident}.yaml", "", item
            else:
                yield f"{root}/{name}", f"{kind}.{ident}", item


def _as_of(content: Content, source: m.Source) -> dt.date | None:
    doc = content.kinds.get("sources", {}).get(source.ref)
    return source.as_of or (doc.as_of if doc is not None else None)


def _url(content: Content, source: m.Source) -> str | None:
    doc = content.kinds.get("sources", {}).get(source.ref)
    return source.url or (doc.url if doc is not None else None)


def _is_booklet(content: Content, source: m.Source) -> bool:
    doc = content.kinds.get("sources", {}).get(source.ref)
    return doc is not None and doc.kind == "booklet"


def code_citations() -> Iterator[tuple[str, m.Source]]:
    """(module:attribute, source) for every citation made in code (:data:`CODE_CITATIONS`)."""
    for module, attr in CODE_CITATIONS:
        for source in getattr(importlib.import_module(module), attr):
            yield f"{module}.{attr}", source


def citations(content: Content) -> list[Citation]:
    """Every fact-bearing citation of the content and of the code, in content order."""
    out: list[Citation] = []
    for file, prefix, item in _items(content):
        updates: dict[int, str] = {}  # id(source) -> the status of the update it belongs to
        for path, node in _walk(item, prefix):
            if isinstance(node, m.Update):
                updates[id(node.source)] = node.status
            elif isinstance(node, m.Source):
                out.append(Citation(
                    file, path, node.ref, _url(content, node), _as_of(content, node),
                    booklet=_is_booklet(content, node), update=updates.get(id(node)),
                ))
            elif isinstance(node, fund_m.FundingSource):
                read = node.verification.checked
                for i, checked in enumerate(node.verification.sources):
                    out.append(Citation(file, f"{path}.verification.sources.{i}", None,
                                        checked.url, read, dated=checked.dated))
                for i, change in enumerate(node.changes):
                    out.append(Citation(file, f"{path}.changes.{i}.source", None,
                                        change.source.url, read, dated=change.source.dated))
    for where, source in code_citations():
        module, _, attr = where.rpartition(".")
        out.append(Citation(module.replace(".", "/") + ".py", attr, source.ref,
                            _url(content, source), _as_of(content, source),
                            booklet=_is_booklet(content, source)))
    return out


# ---------------------------------------------------------------------------
# The check


def check(content: Content) -> Iterable[str]:
    """A dated update whose address is a bare home page (or none), and a source nothing cites."""
    sources = content.kinds.get("sources", {})
    cited: set[str] = set()
    for c in citations(content):
        if c.ref is not None:
            cited.add(c.ref)
        if c.update is None:
            continue
        if c.url is None:
            yield (f"{c.file}: {c.path}: a dated update must cite the page that states it; "
                   "its source has no address")
        elif is_home_page(c.url):
            yield (f"{c.file}: {c.path}: a dated update must cite the page that states it, "
                   f"not a home page ({c.url})")
    rel = f"{content.root.name}/{content.files.get('sources', 'sources.yaml')}"
    for ident in sources:
        if ident not in cited:
            yield f"{rel}: sources.{ident}: nothing cites it; cite it where its fact is stated, or remove it"


# ---------------------------------------------------------------------------
# The listing


def age(as_of: dt.date, today: dt.date) -> str:
    """How long ago ``as_of`` was, in days and years: ``"1 402 days (3.8 years)"``."""
    days = (today - as_of).days
    return f"{days} days ({days / 365.25:.1f} years)"


def band(as_of: dt.date, today: dt.date) -> str:
    """The label of the age band ``as_of`` falls in on ``today`` (:data:`BANDS`)."""
    days = (today - as_of).days
    return next(label for label, least in BANDS if days >= least or least == 0)


def ordered(items: Iterable[Citation]) -> list[Citation]:
    """Oldest first: undated citations, then by ``as_of``, then by file and path."""
    return sorted(items, key=lambda c: (c.as_of is not None, c.as_of or dt.date.min, c.file, c.path))


def _row(c: Citation, today: dt.date) -> str:
    what = c.ref if c.ref is not None else (c.url or "?")
    notes = []
    if c.update is not None:
        notes.append(f"update: {c.update}")
    if c.dated is not None:
        notes.append(f"source dated {c.dated.isoformat()}")
    tail = f"  [{'; '.join(notes)}]" if notes else ""
    if c.booklet:
        when = "the booklet (February 2017)"
    else:
        when = f"{c.as_of.isoformat()}  {age(c.as_of, today)}" if c.as_of else "no date"
    return f"  {when}  {what}  {c.file}: {c.path}{tail}"


def report(content: Content, today: dt.date) -> list[str]:
    """The listing of ``python -m guide facts``: every fact-bearing citation with the day it was
    last verified and its age on ``today``, grouped by age, oldest first. The booklet's
    citations are counted, not listed: they state what the booklet said in February 2017."""
    every = citations(content)
    booklet = [c for c in every if c.booklet]
    rest = ordered(c for c in every if not c.booklet)
    lines = [f"Facts by the day they were last verified, oldest first (today {today.isoformat()})."]
    undated = [c for c in rest if c.as_of is None]
    if undated:
        lines += ["", f"Not dated: {len(undated)} (no as_of on the citation or its source)"]
        lines += [_row(c, today) for c in undated]
    bands: dict[str, list[Citation]] = {label: [] for label, _ in BANDS}
    for c in rest:
        if c.as_of is not None:
            bands[band(c.as_of, today)].append(c)
    for label, rows in bands.items():
        if rows:
            lines += ["", f"{label}: {len(rows)}"]
            lines += [_row(c, today) for c in rows]
    checks = ordered(c for c in every if c.update == "check")
    if checks:
        lines += ["", f"Updates marked 'check' (what the booklet said may be out of date): {len(checks)}"]
        lines += [_row(c, today) for c in checks]
    lines += ["", f"The booklet (February 2017): {len(booklet)} citations of what it said then, "
              "not listed one by one; an update beside the item says what has changed."]
    return lines
