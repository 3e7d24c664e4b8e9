"""The room's answers to one question, counted by table and in total, in one place.

A room may split into tables (a participant answers for the municipality's table, the
entrepreneurs' table …; :data:`guide.workshop.questions.GROUPS`) while others choose no table.
:func:`tally` gives the answers by table, with those who chose no table as a row of their own
(:data:`NO_TABLE`), and the total; the rows always add up to the total, so the shared screen's
count, its chart, the chart's text alternative and the report agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from guide.workshop import questions as wq

if TYPE_CHECKING:  # pragma: no cover
    from guide.workshop.store import QuestionResult, Summary

#: The row of those who chose no table (its label: ``workshop.group.none``).
NO_TABLE = "none"


@dataclass(frozen=True)
class Tally:
    """One question's answers: ``total`` by option (every option, zeros too) and ``rows``, one per
    table that answered (in the order of ``GROUPS``), then :data:`NO_TABLE` if anyone without a
    table answered. Without any table, ``rows`` is empty."""

    options: tuple[str, ...]
    total: dict[str, int]
    rows: tuple[tuple[str, dict[str, int]], ...] = ()

    @property
    def answered(self) -> int:
        return sum(self.total.values())

    @property
    def by_table(self) -> bool:
        """Whether at least one table answered (then the rows are worth showing)."""
        return any(group != NO_TABLE for group, _ in self.rows)

    def row_total(self, group: str) -> int:
        return sum(dict(self.rows).get(group, {}).values())

    def chosen(self) -> list[str]:
        """The options someone chose, most chosen first (ties: in the question's order)."""
        return sorted((o for o in self.options if self.total.get(o, 0)), key=lambda o: -self.total[o])


def tally(r: QuestionResult, summary: Summary) -> Tally:
    """The answers to ``r``'s question by table (no table as a row of its own) and in total."""
    options = tuple(r.question.options)
    total = {o: r.counts.get(o, 0) for o in options}
    by = summary.by_group.get(r.question.id) or {}
    rows = [(g, {o: by[g].get(o, 0) for o in options}) for g in wq.GROUPS if g in by]
    if rows:
        rest = {o: max(0, total[o] - sum(counts[o] for _, counts in rows)) for o in options}
        if any(rest.values()):
            rows.append((NO_TABLE, rest))
    return Tally(options=options, total=total, rows=tuple(rows))


def groups(summary: Summary) -> list[str]:
    """The rows any question of the session has, in order (tables, then no table)."""
    seen: dict[str, None] = {}
    for r in summary.questions:
        for g, _ in tally(r, summary).rows:
            seen.setdefault(g, None)
    order = (*wq.GROUPS, NO_TABLE)
    return [g for g in order if g in seen]
