"""The UI keys the code asks for, and a check that the content has each of them in every language
with the placeholders the code fills.

:func:`scan` reads the project's Python files (``app.py``, ``shell.py``, ``server.py``, ``views/``,
``guide/``) and collects every call ``t("key", …)`` / ``….t("key", lang, …)``: a literal key (or a
choice of literal keys, ``"a" if x else "b"``) with the names the call fills (``n=…``); a computed key
(``f"page.{slug}.title"``, ``"role." + r``) as a pattern with ``*`` for what is computed. Every
pattern the code makes must be declared in :data:`COMPUTED` with the values it takes (or ``None``:
at least one key of that shape must exist), a key passed on by a helper (``t(key)``) in
:data:`FORWARDED`, and the keys such a variable holds in :data:`DATA_KEYS`, or, where the code
keeps them in a table or builds them from its own classes, in :func:`derived` (the keys of the
store's errors, ``workshop.error.<key>``, from the error classes; the messages of the answers'
ranges from ``guide.answers.model.RANGED``); ``tests/test_ui_keys.py`` checks that the
declarations are complete.

:func:`check` is run by ``python -m guide check``: a key the code asks for that is missing in
some language, a placeholder the code fills that a text lacks, and a placeholder in a text that the
code does not fill each give one line naming the file and the key.
"""

from __future__ import annotations

import ast
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import get_args

import yaml

from guide import content as content_mod
from guide.amounts import AmountCode
from guide.answers.model import RANGED, ErrorCode
from guide.calendar.model import ROLES
from guide.model import LANGS, SourceDoc
from guide.procurement.model import BUYERS, CATEGORIES, STATUSES, EventStatus
from guide.quiz import OUTCOMES
from guide.workshop import store as workshop_store
from guide.workshop.questions import GROUPS
from guide.workshop.tally import NO_TABLE

ROOT = Path(__file__).resolve().parent.parent
#: Where the code that asks for UI keys lives.
CODE = ("app.py", "shell.py", "server.py", "views", "guide")
LANGS_CHECKED: tuple[str, ...] = ("nb", "nn", "en")

#: The pages' slugs (``guide.ui.nav.PAGES``) and navigation groups (``GROUP_ORDER``), repeated here
#: because ``guide`` does not import Streamlit; ``tests/test_ui_keys.py`` checks they agree.
PAGE_SLUGS: tuple[str, ...] = (
    "home", "report", "background", "getting-started", "first-steps", "procurement", "law-changes",
    "readiness",
    "form-matcher", "advice", "funding", "calendar", "sroi", "examples", "cooperation-forms", "myths",
    "workshop", "join", "impact", "impact-method", "sources", "accessibility", "privacy",
)
NAV_GROUPS: tuple[str, ...] = ("start", "public", "entrepreneur", "facilitator", "knowledge")
MONTHS = tuple(str(m) for m in range(1, 13))

#: Every computed key the code makes, as a pattern (``*`` for the computed part), with the values
#: of ``*`` where they are known (every one must then have a key), or None (some key of that shape
#: must exist: its values come from content or a page's own list).
COMPUTED: dict[str, tuple[str, ...] | None] = {
    "page.*.title": PAGE_SLUGS,
    "nav.group.*": NAV_GROUPS,
    "lang.*": tuple(LANGS),
    "proc.buyer.*": BUYERS,
    "proc.category.*": CATEGORIES,
    "proc.choose.answer.*": ("unknown", "yes", "no"),
    "role.*": ROLES,
    "calendar.month.*": MONTHS,
    "q.month.*": MONTHS,
    "effort.*": None,
    "quiz.answer.*": None,
    "quiz.verdict.*": OUTCOMES,
    "quiz.result.*": OUTCOMES,
    "quiz.mode.*": None,
    "home.*.title": None,
    "home.*.body": None,
    "soimpact.col.*": None,
    "soimpact.level.*": None,
    "examples.view.*": None,
    "chapter.*": None,
    "sroi.field.*": None,
    "sroi.term.*": None,
    "sroi.waterfall.*": None,
    "sroi.breakdown.*": None,
    "sroi.term_name.*": None,
    "source.kind.*": get_args(SourceDoc.model_fields["kind"].annotation),
    "checklist.*": None,
    "procurement.*": None,
    "update.status.*": None,
    "q.*": None,
    "actor.*": None,
    "initiator.*": None,
    "maturity.*": None,
    "funding_model.*": None,
    "proc.threshold.*": None,
    "proc.warning.pending.*": None,
    "proc.rules_short.*": None,
    "proc.status.*": STATUSES,
    "law.status.*": get_args(EventStatus),
    "law.col.*": ("date", "change", "status", "sources"),
    "proc.col.*": None,
    "forms.glance.col.*": None,
    "proc.error.*.*": None,
    "proc.channel.*": None,
    "proc.eea_key.*": None,
    "workshop.set.*": None,
    "workshop.prompt.*": None,
    "workshop.q.*": None,
    "workshop.opt.*": None,
    "workshop.csv.*": None,
    "workshop.summary.col.*": None,
    "calendar.col.*": None,
    "calendar.kind.*": None,
    "q.proc.assume.*": None,
    "q.proc.regime.*": None,
    "q.proc.threshold.*": None,
    "examples.col.*": None,
    "funding.change.*": None,
    "funding.col.*": None,
    "funding.status.*": None,
    "workshop.export.*": None,
    "workshop.group.*": (*GROUPS, NO_TABLE),
    "a11y.status.*": None,
    "amount.error.*": (*get_args(AmountCode), "out_of_range"),
    "estimate.error.*": ("per_year", "years", "extension_years", "other", "total"),
    "estimate.value.col.*": ("part", "how", "amount"),
    "protocol.field.*": ("name", "number", "buyer", "category", "date", "value", "estimate", "procedure",
                         "suppliers", "offers", "chosen", "reason", "contract_value", "other",
                         "impartiality", "place_date", "name_role", "signature"),
    "funding.open.*": ("before", "during", "after"),
}

#: Keys the code asks for through a variable (see :data:`FORWARDED`): kept in data (an error's
#: code) or chosen before the call. Checked like the computed ones.
DATA_KEYS: dict[str, tuple[str, ...] | None] = {
    "state.error.*": (*get_args(ErrorCode), "unexpected"),
    "sroi.error.*": None,
    "funding.checked.last_found": None,
    "funding.checked.main": None,
    "st.*": None,  # Streamlit's own texts in the page's language (guide/ui/framework.py KEYS)
}



def derived() -> dict[str, tuple[str, ...]]:
    """The keys the code builds from its own classes and tables, by pattern (``*``: each value),
    read when the check runs: a new error class or range is checked with no list to update."""
    return {"workshop.error.*": tuple(sorted(workshop_store.error_keys()))}


def table_uses() -> dict[str, list[Use]]:
    """The keys the code takes from a table, with the placeholders it fills: the message of a
    number outside its range (``{min}``, ``{max}``, and ``{field}`` where it names the field, the
    field's name then a key of its own)."""
    out: dict[str, list[Use]] = {}
    where = "guide/answers/model.py (RANGED)"
    for ranged in RANGED.values():
        fills = {"min", "max"} | ({"field"} if ranged.label is not None else set())
        out.setdefault(ranged.key, []).append(Use(where, frozenset(fills)))
        if ranged.label is not None:
            out.setdefault(ranged.label, []).append(Use(where, frozenset()))
    return out


#: The functions that fetch a UI string by its key (first argument).
TEXT_FUNCTIONS = frozenset({"t", "_ics_text"})

#: The calls whose key is a variable, ``file: names``: helpers that pass a key on (their callers
#: are scanned), or keys kept in data (declared above by their pattern).
FORWARDED: dict[str, frozenset[str]] = {
    "guide/wording.py": frozenset({"key"}),
    "guide/answers/files.py": frozenset({"key"}),
    "guide/answers/model.py": frozenset({"ranged.key", "ranged.label"}),
    "guide/ui/common.py": frozenset({"key"}),
    "guide/ui/workshop.py": frozenset({"key"}),
    "guide/workshop/presenter.py": frozenset({"key"}),
    "guide/questionnaires/presenter.py": frozenset({"key"}),
    "guide/impact/presenter.py": frozenset({"k", "self.message_key"}),
    "guide/calendar/engine.py": frozenset({"key"}),
    "guide/funding/presenter.py": frozenset({"key"}),
    "guide/ui/framework.py": frozenset({"key"}),
}


@dataclass
class Use:
    """Where the code asks for a key: the file and line, and the placeholders it fills (None when
    it passes ``**names`` on: not known here)."""

    where: str
    fills: frozenset[str] | None


@dataclass
class Scan:
    literal: dict[str, list[Use]] = field(default_factory=dict)  # key -> uses
    patterns: dict[str, list[str]] = field(default_factory=dict)  # pattern -> where
    variables: dict[str, set[str]] = field(default_factory=dict)  # file -> names of keys passed on


def _keys(node: ast.expr) -> set[str] | None:
    """The keys an expression can give, with ``*`` for a computed part; None if it is a name."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.JoinedStr):
        out = [""]
        for part in node.values:
            if isinstance(part, ast.Constant):
                out = [o + str(part.value) for o in out]
            else:
                out = [o + "*" for o in out]
        return set(out)
    if isinstance(node, ast.IfExp):
        a, b = _keys(node.body), _keys(node.orelse)
        return None if a is None or b is None else a | b
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _keys(node.left), _keys(node.right)
        left = {"*"} if left is None else left
        right = {"*"} if right is None else right
        return {a + b for a in left for b in right}
    return None


def _calls(tree: ast.AST) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        fn = node.func
        name = fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else ""
        if name in TEXT_FUNCTIONS:
            yield node


def files(root: Path = ROOT) -> list[Path]:
    out: list[Path] = []
    for name in CODE:
        path = root / name
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return out


def scan(root: Path = ROOT) -> Scan:
    """Every UI key the code at ``root`` asks for."""
    found = Scan()
    for path in files(root):
        rel = path.relative_to(root).as_posix()
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"), filename=rel)):
            where = f"{rel}:{call.lineno}"
            keys = _keys(call.args[0])
            if keys is None:
                found.variables.setdefault(rel, set()).add(ast.unparse(call.args[0]))
                continue
            spread = any(k.arg is None for k in call.keywords)
            fills = None if spread else frozenset(k.arg for k in call.keywords if k.arg)
            for key in keys:
                if "*" in key:
                    found.patterns.setdefault(key, []).append(where)
                else:
                    found.literal.setdefault(key, []).append(Use(where, fills))
    return found


@cache
def project_scan() -> Scan:
    return scan(ROOT)


def _fields(text: str) -> set[str]:
    try:
        return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return {"(a broken placeholder)"}


def _origins(content: content_mod.Content) -> dict[str, str]:
    """The file of each UI key (``content/ui/shell.yaml``), read from the folder again."""
    folder = content.root / content.files.get("ui", "ui")
    out: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            continue
        if isinstance(data, dict):
            for key in data:
                out.setdefault(str(key), f"content/ui/{path.name}")
    return out


def _match(pattern: str, key: str) -> bool:
    if "*" not in pattern:
        return key == pattern
    parts = pattern.split("*")
    if not key.startswith(parts[0]) or not key.endswith(parts[-1]):
        return False
    pos = len(parts[0])
    for middle in parts[1:-1]:
        found = key.find(middle, pos)
        if found < 0:
            return False
        pos = found + len(middle)
    return len(key) - len(parts[-1]) >= pos


def check(content: content_mod.Content, found: Scan | None = None) -> Iterable[str]:
    """One line per key the code asks for that the content lacks in some language, and per
    placeholder that the code and a text do not agree on."""
    found = found if found is not None else project_scan()
    ui = content.kinds.get("ui", {})
    origin = _origins(content)
    langs = [lg for lg in LANGS_CHECKED if lg in LANGS or lg == "nn"]

    def missing(key: str, where: str) -> Iterator[str]:
        text = ui.get(key)
        if text is None:
            yield f"content/ui/: {key}: missing, asked for in {where}"
            return
        for lg in langs:
            if lg == "nn" and getattr(text, "nn", None) is None:
                continue  # nynorsk is optional for now (the content check lists it)
            if not text(lg):
                yield f"{origin.get(key, 'content/ui/')}: {key}.{lg}: missing, asked for in {where}"

    literal = dict(found.literal)
    for key, uses in table_uses().items():
        literal[key] = [*literal.get(key, []), *uses]
    for key, uses in sorted(literal.items()):
        yield from missing(key, uses[0].where)
        text = ui.get(key)
        if text is None:
            continue
        for use in uses:
            if use.fills is None:
                continue
            for lg in langs:
                if lg == "nn" and getattr(text, "nn", None) is None:
                    continue
                have = _fields(text(lg))
                file = origin.get(key, "content/ui/")
                for name in sorted(have - use.fills):
                    yield (f"{file}: {key}.{lg}: placeholder {{{name}}} is not filled by the code "
                           f"({use.where} fills {', '.join(sorted(use.fills)) or 'nothing'})")
                for name in sorted(use.fills - have):
                    yield f"{file}: {key}.{lg}: placeholder {{{name}}} is missing ({use.where} fills it)"
    declared = {**COMPUTED, **DATA_KEYS, **derived()}
    for pattern in sorted(set(found.patterns) | set(declared)):
        where = found.patterns.get(pattern, ["the code (a key kept in data)"])[0]
        values = declared.get(pattern)
        if values is None:
            if not any(_match(pattern, k) for k in ui):
                yield f"content/ui/: {pattern}: no key of this shape, asked for in {where}"
            continue
        for value in values:
            yield from missing(pattern.replace("*", value, 1), where)
