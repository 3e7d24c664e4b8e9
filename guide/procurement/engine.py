"""The procurement path checker: which rules a purchase must follow, chosen by value and date.

``route(value_nok, buyer=..., category=..., on=...)`` picks the thresholds in force on the date
from the dated table in ``content/procurement.yaml`` and says which rules apply, whether and where
the purchase must be announced, and which steps and procedures the page shows. Only confirmed and
approximate figures are used; proposed and unconfirmed changes come back as ``warnings`` (with
what the result would be if they were law), never as the rule.

A value at or above a threshold falls in the higher regime. Bad input raises :class:`InputError`
(a ``ValueError``) whose message starts with the name of the field.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, TypeVar, get_args

from guide import amounts
from guide import content as content_mod
from guide.model import Source, Text
from guide.procurement import model as pm
from guide.procurement.model import BUYERS, CATEGORIES, Buyer, Category, EeaKey, RuleSet, Status

Regime = Literal["outside_act", "part1", "part2", "part3"]
Channel = Literal["doffin", "ted"]
ThresholdName = Literal["lower_limit", "national", "eea"]
WarningCode = Literal["eea_stale", "pending_change", "scheduled_change", "approximate_date"]

REGIMES: tuple[Regime, ...] = get_args(Regime)

#: The regime (tier of the rules) of each rule set. Health and social and other special services at
#: or above their EEA threshold are at the EEA tier ("part3") but follow the special rules of
#: Part IV ch. 30 (``Route.rules == "special_eea"``).
REGIME_OF: dict[RuleSet, Regime] = {
    "outside_act": "outside_act",
    "part1": "part1",
    "part1_health_social": "part1",
    "part2": "part2",
    "part3": "part3",
    "special_eea": "part3",
}
ANNOUNCE_IN: dict[RuleSet, tuple[Channel, ...]] = {
    "outside_act": (),
    "part1": (),
    "part1_health_social": (),
    "part2": ("doffin",),
    "part3": ("doffin", "ted"),
    "special_eea": ("doffin", "ted"),
}
#: EEA figures are revised every second year: older than this on the date, they may be out of date.
EEA_MAX_AGE_YEARS = 2


#: The value's plausible range in ``content/inputs.yaml``: a value outside is refused.
VALUE_RANGE = "procurement_value"


class InputError(ValueError):
    """Bad input to the checker. ``field`` names the input; ``code`` and ``params`` let a page
    show the message in the user's language (UI key ``proc.error.<field>.<code>``)."""

    def __init__(self, field: str, code: str, message: str, **params: Any):
        self.field = field
        self.code = code
        self.params = params
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class Threshold:
    """A figure the checker used (or a pending one it warns about), with its date and source."""

    name: ThresholdName
    value: int
    valid_from: dt.date | None
    source: Source
    status: Status
    period_id: str
    key: EeaKey | None = None  # for EEA figures: which column of the table
    note: Text | None = None
    sources: tuple[Source, ...] = ()  # further sources reporting the same figure
    announced: dt.date | None = None  # when it was put forward (proposed) or adopted

    def all_sources(self) -> tuple[Source, ...]:
        return (self.source, *self.sources)


@dataclass(frozen=True)
class RouteWarning:
    """Something the user must know about the figures used.

    - ``eea_stale``: the EEA figures are more than two years past their valid-from date on ``on``,
      and no newer figure has been reported.
    - ``pending_change``: a proposed or unconfirmed figure (``threshold``) would give this purchase
      another regime, ``regime_if``, if it were law. A figure that cannot change the regime of this
      purchase gives no warning.
    - ``scheduled_change``: an adopted figure in force from a date after ``on`` would give this
      purchase ``regime_if`` from that date.
    - ``approximate_date``: the date from which ``threshold`` applies is approximate, and ``on``
      falls in that year.
    """

    code: WarningCode
    threshold: Threshold
    regime_if: Regime | None = None
    rules_if: RuleSet | None = None  # the rule set behind ``regime_if``


@dataclass(frozen=True)
class Route:
    """Which rules a purchase must follow, and why."""

    value_nok: float
    buyer: Buyer
    category: Category
    on: dt.date
    regime: Regime
    rules: RuleSet
    must_announce: bool
    announce_in: tuple[Channel, ...]
    thresholds: tuple[Threshold, ...]  # lower limit, national (not for health/social), EEA
    steps: tuple[str, ...]  # ids in procurement_steps
    procedures: tuple[str, ...]  # ids in procurement_procedures
    allowed: tuple[str, ...]  # ids in procurement_allowed
    warnings: list[RouteWarning] = field(default_factory=list)
    #: ids of the periods used whose open questions concern this purchase (its rule set)
    open_questions: tuple[str, ...] = ()

    def threshold(self, name: ThresholdName) -> Threshold | None:
        return next((t for t in self.thresholds if t.name == name), None)

    def band(self) -> tuple[Threshold | None, Threshold | None]:
        """The highest threshold at or below the value, and the lowest one above it."""
        below = [t for t in self.thresholds if t.value <= self.value_nok]
        above = [t for t in self.thresholds if t.value > self.value_nok]
        return (
            max(below, key=lambda t: t.value) if below else None,
            min(above, key=lambda t: t.value) if above else None,
        )


# ---------------------------------------------------------------------------
# Input


def _parse_text(raw: str) -> float:
    try:
        return amounts.parse(raw)
    except amounts.AmountError as exc:
        raise InputError("value_nok", exc.code, str(exc), **exc.params) from None


def parse_value(value: object) -> float:
    """The amount in NOK from a number or a text like ``"1 300 000"``, ``"1,3 mill"`` or
    ``"kr 250 000,-"`` (read by :func:`guide.amounts.parse`). Raises :class:`InputError` for
    ``value_nok`` when it is empty, not a number, ambiguous, too long, not finite, or negative.
    """
    if isinstance(value, bool) or value is None:
        raise InputError("value_nok", "not_a_number", f"{value!r} is not an amount in NOK",
                         value=str(value))
    if isinstance(value, int | float | Decimal):
        number = float(value)
    elif isinstance(value, str):
        number = _parse_text(value)
    else:
        raise InputError("value_nok", "not_a_number", f"{type(value).__name__} is not an amount",
                         value=str(value))
    if math.isnan(number) or math.isinf(number):
        raise InputError("value_nok", "not_finite", "must be a finite number", value=str(value))
    if number < 0:
        raise InputError("value_nok", "negative", "must not be negative", value=str(value))
    return number


_Choice = TypeVar("_Choice", bound=str)


def _check_choice(name: str, value: object, allowed: tuple[_Choice, ...]) -> _Choice:
    if not isinstance(value, str) or value not in allowed:
        raise InputError(
            name, "unknown", f"{value!r} is not one of {', '.join(allowed)}",
            value=str(value), allowed=", ".join(allowed),
        )
    return allowed[allowed.index(value)]


def first_date(content: content_mod.Content | None = None) -> dt.date:
    """The first date the table covers: every series has a period in force from then."""
    c = content or content_mod.default()
    starts = []
    for series in pm.SERIES:
        dates = [p.valid_from for p in pm.periods(c, series) if p.in_force and p.valid_from]
        starts.append(min(dates))
    return max(starts)


def _check_date(on: object, content: content_mod.Content) -> dt.date:
    if on is None:
        return dt.date.today()
    if isinstance(on, dt.datetime):
        on = on.date()
    if not isinstance(on, dt.date):
        raise InputError("on", "not_a_date", f"{on!r} is not a date", value=str(on))
    first = first_date(content)
    if on < first:
        raise InputError(
            "on", "before_table", f"{on.isoformat()} is before {first.isoformat()}, where the "
            "table of thresholds starts", value=on.isoformat(), first=first.isoformat(),
        )
    return on


# ---------------------------------------------------------------------------
# The rules


def eea_key(buyer: Buyer, category: Category) -> EeaKey:
    """Which column of the EEA table applies to this buyer and category."""
    if category == "goods_services":
        return "state_goods_services" if buyer == "state" else "other_goods_services"
    if category == "works":
        return "works"
    return "special_services"


def rules_for(value: float, category: Category, lower: int, national: int, eea: int) -> RuleSet:
    """The rule set for a value, given the three figures (at or above a figure: the higher one)."""
    if value < lower:
        return "outside_act"
    if category == "health_social":
        return "special_eea" if value >= eea else "part1_health_social"
    if value >= eea:
        return "special_eea" if category == "special_services" else "part3"
    if value >= national:
        return "part2"
    return "part1"


def _threshold(period: pm.ThresholdPeriod, key: EeaKey | None) -> Threshold:
    name: ThresholdName = period.series
    return Threshold(
        name=name, value=period.figure(key if name == "eea" else None), valid_from=period.valid_from,
        source=period.source, status=period.status, period_id=period.id,
        key=key if name == "eea" else None, note=period.note, sources=tuple(period.sources),
        announced=period.announced,
    )


def _add_years(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return date.replace(year=date.year + years, day=28)


def _next_in_force(content: content_mod.Content, period: pm.ThresholdPeriod) -> pm.ThresholdPeriod | None:
    later = [
        p for p in pm.periods(content, period.series)
        if p.in_force and p.valid_from and period.valid_from and p.valid_from > period.valid_from
    ]
    return min(later, key=lambda p: p.valid_from or dt.date.max) if later else None


def _superseded(content: content_mod.Content, p: pm.ThresholdPeriod, on: dt.date) -> bool:
    """Whether ``p`` was overtaken by ``on``: another period of its series became known after it
    (a proposal by the law adopted, a reported figure by a newer one)."""
    return any(
        q is not p and p.known_from < q.known_from <= on
        for q in pm.periods(content, p.series)
    )


def pending(content: content_mod.Content, series: pm.Series, on: dt.date) -> list[pm.ThresholdPeriod]:
    """The proposed and unconfirmed periods of ``series`` that stand on ``on``: known by then,
    not overtaken by a later period of the series, and newer than the period in force."""
    used = pm.in_force_on(content, series, on)
    out = []
    for p in pm.periods(content, series):
        if p.in_force or p.relevant_from > on or _superseded(content, p, on):
            continue
        if used is not None and used.valid_from and p.relevant_from <= used.valid_from:
            continue  # superseded by the period in force since
        out.append(p)
    return out


def scheduled(content: content_mod.Content, series: pm.Series, on: dt.date) -> list[pm.ThresholdPeriod]:
    """The periods of ``series`` known (adopted) by ``on`` that come into force after it."""
    return [
        p for p in pm.periods(content, series)
        if p.in_force and p.valid_from is not None and p.valid_from > on and p.known_from <= on
    ]


def _warnings(
    content: content_mod.Content, on: dt.date, value: float, category: Category, key: EeaKey,
    used: dict[str, pm.ThresholdPeriod], figures: dict[str, int], rules: RuleSet,
) -> list[RouteWarning]:
    out: list[RouteWarning] = []
    regime = REGIME_OF[rules]

    def rules_with(series: str, period: pm.ThresholdPeriod) -> RuleSet | None:
        """The rule set if ``period``'s figure applied instead; None when the regime is the same."""
        alt = dict(figures)
        alt[series] = period.figure(key if series == "eea" else None)
        other = rules_for(value, category, alt["lower_limit"], alt["national"], alt["eea"])
        return other if REGIME_OF[other] != regime else None

    def warning(code: WarningCode, series: str, p: pm.ThresholdPeriod, compare: bool = True) -> RouteWarning:
        other = rules_with(series, p) if compare else None
        return RouteWarning(code, _threshold(p, key), regime_if=REGIME_OF[other] if other else None,
                            rules_if=other)

    eea = used["eea"]
    assert eea.valid_from is not None
    if on > _add_years(eea.valid_from, EEA_MAX_AGE_YEARS) and not pending(content, "eea", on):
        out.append(RouteWarning("eea_stale", _threshold(eea, key)))
    for series, period in used.items():
        nxt = _next_in_force(content, period)
        for p in (period, nxt):
            if p is not None and p.status == "approximate" and p.valid_from and p.valid_from.year == on.year:
                out.append(warning("approximate_date", series, p, compare=p is nxt))
        s: pm.Series = period.series
        for p in (*scheduled(content, s, on), *pending(content, s, on)):
            w = warning("scheduled_change" if p.in_force else "pending_change", series, p)
            if w.regime_if is not None:
                out.append(w)
    return out


def _open_questions(used: dict[str, pm.ThresholdPeriod], rules: RuleSet) -> tuple[str, ...]:
    return tuple(p.id for p in used.values() if p.open_questions is not None and rules in p.open_for)


def bands(r: Route) -> list[tuple[float, float | None, RuleSet]]:
    """The scale the value sits on: ``(from, to, rule set)`` for each step of the thresholds used,
    from 0 up (``to`` None for the top band). The value's own band has ``r.rules``."""
    figures = {t.name: t.value for t in r.thresholds}
    lower = figures["lower_limit"]
    eea = figures["eea"]
    national = figures.get("national", eea)
    cuts = sorted({0, *figures.values()})
    out: list[tuple[float, float | None, RuleSet]] = []
    for i, lo in enumerate(cuts):
        hi = cuts[i + 1] if i + 1 < len(cuts) else None
        rule = rules_for(lo, r.category, lower, national, eea)
        if out and out[-1][2] == rule:  # merge equal neighbours
            out[-1] = (out[-1][0], hi, rule)
        else:
            out.append((lo, hi, rule))
    return out


def route_in(
    content: content_mod.Content, value_nok: object, *, buyer: object, category: object,
    on: object = None,
) -> Route:
    """:func:`route` on a given content (tests use it with a modified table)."""
    value = parse_value(value_nok)
    bounds = content.input_ranges.get(VALUE_RANGE)
    if bounds is not None and not bounds.holds(value):
        raise InputError("value_nok", "out_of_range", f"{value:g} is outside {bounds.min:g}–{bounds.max:g}",
                         min=bounds.min, max=bounds.max)
    b: Buyer = _check_choice("buyer", buyer, BUYERS)
    cat: Category = _check_choice("category", category, CATEGORIES)
    date = _check_date(on, content)
    key = eea_key(b, cat)
    used: dict[str, pm.ThresholdPeriod] = {}
    for series in pm.SERIES:
        period = pm.in_force_on(content, series, date)
        assert period is not None  # the date is not before the table (checked above)
        used[series] = period
    figures = {s: p.figure(key if s == "eea" else None) for s, p in used.items()}
    rules = rules_for(value, cat, figures["lower_limit"], figures["national"], figures["eea"])
    shown = [s for s in pm.SERIES if not (s == "national" and cat == "health_social")]
    thresholds = tuple(_threshold(used[s], key) for s in shown)
    steps = tuple(s.id for s in content.kinds[pm.K_STEPS].values() if rules in s.rules)
    procedures = tuple(p.id for p in content.kinds[pm.K_PROCEDURES].values() if rules in p.rules)
    allowed = allowed_for(cat, content)
    shown_used: dict[str, pm.ThresholdPeriod] = {s: used[s] for s in shown}
    warnings = _warnings(content, date, value, cat, key, shown_used, figures, rules)
    return Route(
        value_nok=value, buyer=b, category=cat, on=date, regime=REGIME_OF[rules], rules=rules,
        must_announce=bool(ANNOUNCE_IN[rules]), announce_in=ANNOUNCE_IN[rules],
        thresholds=thresholds, steps=steps, procedures=procedures, allowed=allowed,
        warnings=warnings, open_questions=_open_questions(shown_used, rules),
    )


ChangeKind = Literal["threshold", "event", "reported"]


@dataclass(frozen=True)
class RuleChange:
    """A change of the law between two dates and what it changes for one purchase.

    ``threshold``: a figure of this purchase's column in force from ``date`` (``rules_before`` the
    day before with the old figure, ``rules_after`` with the new one); ``event``: a dated change
    that is not a figure (a judgment, an amendment; the rules are the route's on each side);
    ``reported``: a proposed or unconfirmed figure reported in between that would give this
    purchase other rules (``rules_after``: the rules if it applied).
    """

    date: dt.date
    kind: ChangeKind
    item_id: str
    rules_before: RuleSet
    rules_after: RuleSet
    threshold: Threshold | None = None

    @property
    def changes_rules(self) -> bool:
        return self.rules_before != self.rules_after


def changes_between(
    value_nok: object, *, buyer: object, category: object, since: dt.date, until: dt.date,
    content: content_mod.Content | None = None,
) -> list[RuleChange]:
    """Every change of the law between ``since`` and ``until`` (in either order; the later day
    included, the earlier not) that concerns a purchase of ``value_nok`` by ``buyer`` of
    ``category``, in date order: each new figure of its column of the table, each dated event of
    its category, and each pending figure reported in between that would change its rules."""
    c = content or content_mod.default()
    first = first_date(c)
    a, b = sorted((max(since, first), max(until, first)))
    if a == b:
        return []
    value = parse_value(value_nok)
    cat: Category = _check_choice("category", category, CATEGORIES)
    r_b = route_in(c, value, buyer=buyer, category=cat, on=b)
    key = eea_key(r_b.buyer, cat)
    out: list[RuleChange] = []
    series_used: list[pm.Series] = [s for s in pm.SERIES if not (s == "national" and cat == "health_social")]
    for series in series_used:
        for p in pm.periods(c, series):
            if not p.in_force or p.valid_from is None or not a < p.valid_from <= b:
                continue
            before = pm.in_force_on(c, series, p.valid_from - dt.timedelta(days=1))
            k = key if series == "eea" else None
            if before is not None and before.figure(k) == p.figure(k):
                continue  # this purchase's figure did not change
            eve = p.valid_from - dt.timedelta(days=1)
            day_before = route_in(c, value, buyer=r_b.buyer, category=cat, on=eve)
            figures = {t.name: t.value for t in day_before.thresholds}
            figures.setdefault("national", _national_on(c, eve))
            figures[series] = p.figure(k)
            after = rules_for(value, cat, figures["lower_limit"], figures["national"], figures["eea"])
            out.append(RuleChange(p.valid_from, "threshold", p.id, day_before.rules, after, _threshold(p, k)))
    r_a = route_in(c, value, buyer=r_b.buyer, category=cat, on=a)
    for e in c.kinds.get(pm.K_EVENTS, {}).values():
        if a < e.date <= b and (not e.categories or cat in e.categories):
            out.append(RuleChange(e.date, "event", e.id, r_a.rules, r_b.rules))
    for w in r_b.warnings:
        th = w.threshold
        known = th.announced or th.valid_from
        if w.code == "pending_change" and known is not None and a < known <= b and w.regime_if:
            alt = {t.name: t.value for t in r_b.thresholds}
            alt.setdefault("national", _national_on(c, b))
            alt[th.name] = th.value
            after = rules_for(value, cat, alt["lower_limit"], alt["national"], alt["eea"])
            out.append(RuleChange(known, "reported", th.period_id, r_b.rules, after, th))
    return sorted(out, key=lambda ch: ch.date)


def _national_on(content: content_mod.Content, on: dt.date) -> int:
    period = pm.in_force_on(content, "national", on)
    assert period is not None
    return period.figure()


def allowed_for(category: Category, content: content_mod.Content | None = None) -> tuple[str, ...]:
    """The ids of what the rules allow for purchases of ``category`` (``procurement_allowed``)."""
    c = content or content_mod.default()
    return tuple(a.id for a in c.kinds[pm.K_ALLOWED].values() if not a.categories or category in a.categories)


def route(value_nok: object, *, buyer: object, category: object, on: object = None) -> Route:
    """Which rules apply to a purchase of ``value_nok`` (NOK excl. VAT, whole contract period).

    ``buyer`` ∈ {"state", "municipal", "other"}; ``category`` ∈ {"goods_services", "works",
    "health_social", "special_services"}; ``on`` a ``datetime.date`` (default today). Raises
    :class:`InputError` (a ``ValueError`` naming the field) for bad input, a value outside its
    plausible range (``content/inputs.yaml``) too.
    """
    return route_in(content_mod.default(), value_nok, buyer=buyer, category=category, on=on)


def history(content: content_mod.Content | None = None) -> list[pm.ThresholdPeriod]:
    """Every period of the table, in force or not, ordered by series and date."""
    c = content or content_mod.default()
    order = {s: i for i, s in enumerate(pm.SERIES)}
    return sorted(
        c.kinds[pm.K_THRESHOLDS].values(),
        key=lambda p: (order[p.series], p.relevant_from),
    )


# ---------------------------------------------------------------------------
# The procedure that fits (content/procedures.yaml)


@dataclass(frozen=True)
class Advice:
    """One procedure for a route and the answers to the judgement questions.

    ``reasons`` are the keys of the reasons that speak for it (``base``, ``<need>.yes|no``; the
    texts are the procedure's ``reasons`` in content), non-empty when it is ``recommended``;
    ``against`` those that speak against it; ``why_not`` says why it is not allowed: ``route``
    (it does not belong to these rules) or ``answers`` (the answers rule it out).
    """

    id: pm.ProcedureId
    allowed: bool
    recommended: bool
    reasons: tuple[str, ...]
    source: Source
    score: int = 0
    against: tuple[str, ...] = ()
    why_not: Literal["route", "answers"] | None = None


def check_needs(needs: object) -> dict[pm.NeedKey, bool]:
    """The answers to the judgement questions, checked: only known keys, only booleans (a key
    left out means "not known"). Raises ``ValueError`` naming the key."""
    if not isinstance(needs, dict):
        raise ValueError(f"needs: expected a mapping of {', '.join(pm.NEEDS)} to true/false")
    out: dict[pm.NeedKey, bool] = {}
    for key, value in needs.items():
        if key not in pm.NEEDS:
            raise ValueError(f"needs: unknown key {key!r} (known: {', '.join(pm.NEEDS)})")
        if not isinstance(value, bool):
            raise ValueError(f"needs.{key}: must be true or false, not {value!r}")
        out[key] = value
    return out


def _ruled_out(p: pm.ProcedureChoice, rules: RuleSet, needs: dict[pm.NeedKey, bool]) -> bool:
    if any(needs.get(k) is v for k, v in p.ruled_out_when_any.items()):
        return True
    applies = not p.conditions_on or rules in p.conditions_on
    return applies and bool(p.ruled_out_when_all) and all(
        needs.get(k) is v for k, v in p.ruled_out_when_all.items())


def procedures(r: Route, needs: object, *, content: content_mod.Content | None = None) -> list[Advice]:
    """The procedures of ``content/procedures.yaml`` for route ``r`` and the answers ``needs``,
    best first: the allowed before the others, the recommended first among them, then by score.

    A procedure is allowed where it belongs to the route's rules (and, for one bound to a
    category, to the purchase's category) and the answers do not rule it out; it is recommended
    when it is allowed and the reasons for it outweigh those against it.
    """
    c = content or content_mod.default()
    known = check_needs(dict(needs) if isinstance(needs, Mapping) else needs)
    out: list[tuple[tuple[int, int, int, int], Advice]] = []
    for n, p in enumerate(c.procedure_choices.values()):
        on_route = r.rules in p.routes
        allowed = on_route and not _ruled_out(p, r.rules, known)
        pro: list[str] = ["base"] if p.base > 0 else []
        con: list[str] = []
        score = p.base
        for need, by in p.weights.items():
            if need not in known or not by.get(known[need]):
                continue
            points = by[known[need]]
            score += points
            (pro if points > 0 else con).append(pm.reason_key(need, known[need]))
        recommended = allowed and score > 0 and bool(pro)
        why_not: Literal["route", "answers"] | None = (
            None if allowed else "route" if not on_route else "answers")
        advice = Advice(p.id, allowed, recommended, tuple(pro), p.source, score if on_route else 0,
                        tuple(con), why_not)
        out.append(((not allowed, not recommended, -advice.score, n), advice))
    return [a for _, a in sorted(out, key=lambda x: x[0])]
