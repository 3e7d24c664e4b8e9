"""Load and validate everything under ``content/``.

``load()`` reads every YAML file, validates it against :mod:`guide.model` and checks the
cross-references between files. Any problem raises :class:`ContentError`, whose ``errors``
are lines of the form ``content/FILE.yaml: path.to.field: what is wrong``.

``default()`` returns the content of the project's own ``content/`` folder, parsed once per
process: every calculator in ``guide/`` reads through it.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from guide import facts, plurals
from guide import model as m
from guide.accessibility import model as a11y_m
from guide.background import model as bg_m
from guide.calendar import model as cal_m
from guide.funding import model as fund_m
from guide.procurement import model as pm
from guide.questionnaires import model as qm

ROOT = Path(__file__).resolve().parent.parent
#: libyaml's safe loader when PyYAML has it (several times faster on a cold start), else the
#: pure-Python one; a file that fails is parsed again with the latter for its clearer message.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CONTENT_DIR = ROOT / "content"
ENV_DIR = "GUIDE_CONTENT_DIR"

#: How many times content has been parsed in this process (the benchmark reads it).
LOAD_COUNT = 0


class ContentError(Exception):
    """Content failed validation; ``errors`` holds one line per problem."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


# ---------------------------------------------------------------------------
# What lives where. A file maps its top-level keys to the model of each entry.
# Keys whose value is a mapping of id -> Text (the UI strings) use ``Text`` and kind "map".


@dataclass(frozen=True)
class Kind:
    key: str  # top-level key in the file, and attribute name on Content
    model: type[BaseModel]
    file: str  # file name under content/
    is_map: bool = False  # {id: model} instead of [model with id]
    is_dir: bool = False  # ``file`` is a folder; each *.yaml in it is one entry, id = file stem


KINDS: list[Kind] = [
    Kind("sources", m.SourceDoc, "sources.yaml"),
    Kind("sectors", m.Label, "taxonomy.yaml"),
    Kind("cases", m.Case, "cases.yaml"),
    Kind("measures", m.Measure, "measures.yaml"),
    Kind("forms", m.CooperationForm, "forms.yaml"),
    Kind("funding", fund_m.FundingSource, "funding.yaml"),
    Kind("advice", m.Advice, "entrepreneur.yaml"),
    Kind("checklist", m.ChecklistItem, "entrepreneur.yaml"),
    Kind("planning", m.PlanningProcess, "entrepreneur.yaml"),
    Kind("impact_methods", m.ImpactMethod, "impact.yaml"),
    Kind("ferd_examples", m.FerdExample, "impact.yaml"),
    Kind("myths", m.Myth, "myths.yaml"),
    Kind("reports", m.Report, "reports.yaml"),
    Kind(bg_m.K_SECTIONS, bg_m.Section, bg_m.FILE),
    Kind("input_ranges", m.InputRange, "inputs.yaml"),
    Kind(pm.K_THRESHOLDS, pm.ThresholdPeriod, pm.FILE),
    Kind(pm.K_RULES, pm.RuleInfo, pm.FILE),
    Kind(pm.K_STEPS, pm.Step, pm.FILE),
    Kind(pm.K_PROCEDURES, pm.Procedure, pm.FILE),
    Kind(pm.K_ALLOWED, pm.Allowed, pm.FILE),
    Kind(pm.K_EVENTS, pm.LawEvent, pm.FILE),
    Kind(pm.K_NEED_QUESTIONS, pm.NeedQuestion, pm.PROCEDURES_FILE),
    Kind(pm.K_PROCEDURE_CHOICES, pm.ProcedureChoice, pm.PROCEDURES_FILE),
    Kind("ui", m.Text, "ui", is_map=True, is_dir=True),
    Kind("questionnaires", qm.Questionnaire, "questionnaires", is_dir=True),
    Kind("calendar", cal_m.CalendarEvent, "calendar.yaml"),
    Kind("plan_steps", cal_m.PlanStep, "calendar.yaml"),
    Kind(a11y_m.KEY, a11y_m.Statement, a11y_m.FILE),
]


#: Cross-references: (kind, attribute on its items, kind the ids must exist in).
REFS: list[tuple[str, str, str]] = [
    ("cases", "sectors", "sectors"),
    ("cases", "forms", "forms"),
    ("cases", "measures", "measures"),
    ("cases", "funding", "funding"),
    ("cases", "impact_methods", "impact_methods"),
    ("forms", "funding", "funding"),
    ("funding", "sectors", "sectors"),
    ("advice", "cases", "cases"),
    ("calendar", "planning", "planning"),
    ("calendar", "checklist", "checklist"),
]

#: Content derived from other content once every file is read, before references are checked
#: (each adds to the content and yields error lines).
DERIVED: list[Callable[[Content], Iterable[str]]] = []
DERIVED.append(fund_m.calendar_events)  # the schemes' calls and deadlines join the calendar

#: Extra whole-content checks other modules register (each yields error lines).
EXTRA_CHECKS: list[Callable[[Content], Iterable[str]]] = []
EXTRA_CHECKS.append(pm.check)  # procurement: every series dated, figures ordered, myth refs
EXTRA_CHECKS.append(qm.check)  # questionnaires: item ids, show_if, option ids
EXTRA_CHECKS.append(cal_m.check)  # calendar: dates resolve in order, plan steps name events
EXTRA_CHECKS.append(bg_m.check)  # background: the reports a section points to exist
EXTRA_CHECKS.append(facts.check)  # dated updates cite a page, not a home page; every source cited
EXTRA_CHECKS.append(plurals.check)  # UI texts: plural forms, as many as the language has


def _check_ranges(content: Content) -> Iterable[str]:
    """Every number the code lets a user type has its range (``content/inputs.yaml``)."""
    have = content.kinds.get("input_ranges", {})
    for ident in m.INPUT_RANGES:
        if ident not in have:
            yield f"{content.root.name}/inputs.yaml: input_ranges.{ident}: is required (a field asks for it)"


EXTRA_CHECKS.append(_check_ranges)


@dataclass(eq=False)  # one object per load: compared and hashed by identity (the caches key on it)
class Content:
    """All content, each kind as an ordered ``{id: item}`` mapping."""

    root: Path
    kinds: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # kind key -> file name
    raw: dict[str, dict[str, Any]] = field(default_factory=dict)  # file name -> parsed YAML
    # ids of entries that failed validation: references to them are not reported again
    invalid: set[tuple[str, str]] = field(default_factory=set)

    def __getattr__(self, name: str) -> dict[str, Any]:
        kinds = self.__dict__.get("kinds", {})
        if name in kinds:
            return kinds[name]
        raise AttributeError(name)

    def t(self, key: str, lang: m.Lang, **fmt: Any) -> str:
        """A UI string in ``lang``, formatted with ``fmt`` (a placeholder with plural forms,
        ``{n:deltaker|deltakere}``, takes the one that fits: :mod:`guide.plurals`). Unknown keys
        raise KeyError."""
        text: m.Text = self.kinds["ui"][key]
        s = text(lang)
        return plurals.format_text(s, lang, **fmt) if fmt else s

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.kinds.items()}


# ---------------------------------------------------------------------------
# Error formatting


_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "unknown field",
    "string_too_short": "must not be empty",
    "too_short": "must have at least one entry",
    "string_pattern_mismatch": "must be a snake_case id (a-z, 0-9, _), starting with a letter",
}


def _loc(prefix: list[str], loc: Iterable[Any], data: Any) -> str:
    """Dotted path; list indices become the item's id where it has one."""
    parts = list(prefix)
    node = data
    for p in loc:
        if isinstance(p, int) and isinstance(node, list) and 0 <= p < len(node):
            item = node[p]
            ident = item.get("id") if isinstance(item, dict) else None
            parts.append(str(ident) if isinstance(ident, str) and ident else str(p))
            node = item
        else:
            parts.append(str(p))
            node = node.get(p) if isinstance(node, dict) else None
    return ".".join(parts)


def _message(err: Any) -> str:
    kind = err["type"]
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    msg = str(err["msg"])
    return msg[:1].lower() + msg[1:]


def _rel(root: Path, name: str) -> str:
    """How a file is named in messages: relative to the project, or to the folder's parent."""
    return f"{root.name}/{name}"


# ---------------------------------------------------------------------------
# Loading


def _read_yaml(path: Path, rel: str, errors: list[str]) -> dict[str, Any] | None:
    if not path.exists():
        errors.append(f"{rel}: (file): the file is missing")
        return None
    try:
        text = path.read_text(encoding="utf-8")
        try:
            data = yaml.load(text, Loader=_LOADER)
        except yaml.YAMLError:  # parse again with the pure-Python loader: its messages are clearer
            data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}" if mark is not None else "(file)"
        errors.append(f"{rel}: {where}: not valid YAML: {exc.problem}")
        return None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        errors.append(f"{rel}: (file): not valid YAML: {exc}")
        return None
    if not isinstance(data, dict):
        errors.append(f"{rel}: (file): must be a mapping of kinds at the top level")
        return None
    return data


def _validate_kind(
    kind: Kind, data: Any, rel: str, errors: list[str], invalid: set[tuple[str, str]] | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if kind.is_map:
        if not isinstance(data, dict):
            errors.append(f"{rel}: {kind.key}: must be a mapping of id to entry")
            return out
        for key, value in data.items():
            try:
                out[str(key)] = kind.model.model_validate(value)
            except ValidationError as exc:
                for err in exc.errors():
                    where = _loc([str(key)], err["loc"], value)
                    errors.append(f"{rel}: {where}: {_message(err)}")
        return out
    if not isinstance(data, list):
        errors.append(f"{rel}: {kind.key}: must be a list of entries")
        return out
    seen: dict[str, int] = {}
    for i, entry in enumerate(data):
        try:
            obj = kind.model.model_validate(entry)
        except ValidationError as exc:
            for err in exc.errors():
                where = _loc([kind.key], [i, *err["loc"]], data)
                errors.append(f"{rel}: {where}: {_message(err)}")
            if invalid is not None and isinstance(entry, dict) and isinstance(entry.get("id"), str):
                invalid.add((kind.key, entry["id"]))
            continue
        ident = obj.id  # type: ignore[attr-defined]  # every list kind's model has an id
        if ident in seen:
            errors.append(f"{rel}: {kind.key}.{ident}.id: duplicate id (entries {seen[ident]} and {i})")
            continue
        seen[ident] = i
        out[ident] = obj
    return out


def walk_sources(obj: Any, path: str) -> Iterator[tuple[str, m.Source]]:
    if isinstance(obj, m.Source):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from walk_sources(getattr(obj, name), f"{path}.{name}")
    elif isinstance(obj, list | tuple):
        for i, x in enumerate(obj):
            sub = getattr(x, "id", None) if isinstance(x, BaseModel) else None
            yield from walk_sources(x, f"{path}.{sub if isinstance(sub, str) else i}")


def source_uses(content: Content) -> dict[str, int]:
    """How many times each source is cited across all content."""
    uses = {ref: 0 for ref in content.kinds.get("sources", {})}
    for kind, items in content.kinds.items():
        for ident, item in items.items():
            for _, src in walk_sources(item, f"{kind}.{ident}"):
                uses[src.ref] = uses.get(src.ref, 0) + 1
    return uses


def _check_refs(content: Content, rel: Callable[[str], str], errors: list[str]) -> None:
    for kind_key, attr, target in REFS:
        items = content.kinds.get(kind_key, {})
        targets = content.kinds.get(target, {})
        for ident, item in items.items():
            for ref in getattr(item, attr):
                if ref not in targets and (target, ref) not in content.invalid:
                    errors.append(
                        f"{rel(kind_key)}: {kind_key}.{ident}.{attr}: "
                        f"unknown {target} id '{ref}'"
                    )
    sources = content.kinds.get("sources", {})
    for kind_key, items in content.kinds.items():
        for ident, item in items.items():
            for path, src in walk_sources(item, f"{kind_key}.{ident}"):
                if src.ref not in sources:
                    errors.append(f"{rel(kind_key)}: {path}.ref: unknown source '{src.ref}'")


def _load_dir(kind: Kind, root: Path, errors: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    folder = root / kind.file
    if not folder.is_dir():
        errors.append(f"{_rel(root, kind.file)}/: (folder): the folder is missing")
        return out
    origin: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        rel = _rel(root, f"{kind.file}/{path.name}")
        data = _read_yaml(path, rel, errors)
        if data is None:
            continue
        if kind.is_map:  # every file is a mapping of key -> entry, merged into one
            for key, entry in _validate_kind(kind, data, rel, errors).items():
                if key in origin:
                    errors.append(f"{rel}: {key}: duplicate key (also in {origin[key]})")
                    continue
                origin[key] = rel
                out[key] = entry
            continue
        if data.get("id") != path.stem:
            errors.append(f"{rel}: id: must be the file name without .yaml ('{path.stem}')")
            continue
        try:
            out[path.stem] = kind.model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                errors.append(f"{rel}: {_loc([], err['loc'], data)}: {_message(err)}")
    return out


def load(path: str | os.PathLike[str] | None = None) -> Content:
    """Parse and validate the content folder at ``path`` (default: the project's own).

    Raises :class:`ContentError` listing every problem found.
    """
    global LOAD_COUNT
    LOAD_COUNT += 1
    root = Path(path) if path is not None else Path(os.environ.get(ENV_DIR) or CONTENT_DIR)
    root = root.resolve()
    errors: list[str] = []
    content = Content(root=root)
    files: dict[str, dict[str, Any] | None] = {}
    for kind in KINDS:
        rel = _rel(root, kind.file)
        if kind.is_dir:
            content.files[kind.key] = kind.file
            content.kinds[kind.key] = _load_dir(kind, root, errors)
            continue
        if kind.file not in files:
            files[kind.file] = _read_yaml(root / kind.file, rel, errors)
        data = files[kind.file]
        content.files[kind.key] = kind.file
        if data is None:
            content.kinds[kind.key] = {}
            continue
        if kind.key not in data:
            errors.append(f"{rel}: {kind.key}: is required")
            content.kinds[kind.key] = {}
            continue
        content.kinds[kind.key] = _validate_kind(kind, data[kind.key], rel, errors, content.invalid)
    for name, data in files.items():
        if data is None:
            continue
        content.raw[name] = data
        known = {k.key for k in KINDS if k.file == name}
        for key in data:
            if key not in known:
                errors.append(f"{_rel(root, name)}: {key}: unknown kind")

    def rel_of(kind_key: str) -> str:
        return _rel(root, content.files.get(kind_key, kind_key + ".yaml"))

    for derive in DERIVED:
        errors.extend(derive(content))
    _check_refs(content, rel_of, errors)
    if not errors:
        for check in EXTRA_CHECKS:
            errors.extend(check(content))
    if errors:
        raise ContentError(errors)
    return content


@functools.cache
def default() -> Content:
    """The project's own content, parsed once per process."""
    return load()
