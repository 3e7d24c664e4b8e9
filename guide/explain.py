"""What a recommendation says, in plain strings: its reasons and the recommended item's details.

The questionnaire presenter (``guide/questionnaires/presenter.py``) words a recommendation from
these facts; the screen and every document draw its blocks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from guide import library
from guide import questionnaires as Q
from guide.content import Content
from guide.model import Case, Lang
from guide.procurement import presenter as proc_presenter
from guide.questionnaires.model import Questionnaire

#: The kinds of item whose booklet examples are listed with them.
WITH_EXAMPLES = ("measures", "forms", "funding", "impact_methods")


Direction = Literal["for", "against", "rules_out"]


@dataclass(frozen=True)
class ReasonLine:
    """One reason behind a recommendation: whether it speaks for or against it (or rules it out),
    how much it counted (to order the reasons; never shown as a number), the question, the answer
    and why."""

    direction: Direction
    weight: float  # the points it gave, as a positive number (0 for one that rules out)
    question: str
    answer: str
    text: str


def reason_lines(qn: Questionnaire, reasons: Iterable[Q.Reason], c: Content, lang: Lang) -> list[ReasonLine]:
    """The reasons of a recommendation in ``lang`` (those of questions no longer asked are left out)."""
    out = []
    for r in reasons:
        q = qn.question(r.question_id)
        if q is None:
            continue
        direction: Direction = "for" if r.points > 0 else "against" if r.points < 0 else "rules_out"
        answer = Q.reason_answer(q, r, c, lang)
        out.append(ReasonLine(direction, abs(r.points), q.text(lang), answer, r.text(lang)))
    return out


def strongest(lines: Iterable[ReasonLine]) -> ReasonLine | None:
    """The reason that spoke most for a recommendation (the first of equals), if any did."""
    best: ReasonLine | None = None
    for line in lines:
        if line.direction == "for" and (best is None or line.weight > best.weight):
            best = line
    return best


def titles(c: Content, kind: str, ids: Iterable[str], lang: Lang) -> str:
    """The titles (or labels) of items of ``kind``, comma-separated."""
    items = c.kinds.get(kind, {})
    return ", ".join(Q.item_title(items[i], lang) for i in ids if i in items)


@dataclass(frozen=True)
class ItemDetails:
    """What a recommended measure, form, funding source or impact method is, and how to go on."""

    summary: str | None = None
    effort: str | None = None  # measures: the effort's label
    how: tuple[str, ...] = ()  # measures: the steps
    procurement: str | None = None  # forms: the procurement consequence's label ...
    procurement_note: str | None = None  # ... and what it means for this form
    by_value: tuple[str, ...] = ()  # forms: the rules by value on the day, from the dated table
    funding: str | None = None  # forms: the funding sources' titles
    next_steps: tuple[str, ...] = ()  # forms
    cases: tuple[Case, ...] = ()  # the booklet's examples of it


def item_details(kind: str, item: Any, c: Content, lang: Lang, on: dt.date | None = None) -> ItemDetails:
    """The details of ``item`` (of content kind ``kind``) in ``lang``; a form's rules by value are
    those in force ``on`` (default today)."""
    summary = getattr(item, "summary", None) or getattr(item, "text", None)
    fields: dict[str, Any] = {"summary": summary(lang) if summary is not None else None}
    if kind == "measures":
        fields["effort"] = c.t(f"effort.{item.effort}", lang)
        fields["how"] = tuple(s(lang) for s in item.how)
    if kind == "forms":
        fields["procurement"] = c.t(f"procurement.{item.procurement}", lang)
        fields["procurement_note"] = item.procurement_note(lang)
        day = on or dt.date.today()
        fields["by_value"] = proc_presenter.form_by_value(item, content=c, lang=lang, on=day)
        fields["funding"] = titles(c, "funding", item.funding, lang) or None
        fields["next_steps"] = tuple(s(lang) for s in item.next_steps)
    if kind in WITH_EXAMPLES:
        fields["cases"] = tuple(library.cases_for(c, kind, item.id))
    return ItemDetails(**fields)
