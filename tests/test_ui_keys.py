"""guide.ui_keys: ``python -m guide check`` knows every UI key the code asks for, and the placeholders
it fills; the declared computed keys are complete."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guide import content as content_mod
from guide import ui_keys
from guide.ui.nav import GROUP_ORDER, PAGES
from tests.support.apptest import ROOT


def test_every_computed_key_the_code_makes_is_declared() -> None:
    found = ui_keys.scan()
    undeclared = {p: w for p, w in found.patterns.items() if p not in ui_keys.COMPUTED}
    assert not undeclared, f"declare these patterns in guide.ui_keys.COMPUTED: {undeclared}"
    for file, names in found.variables.items():
        assert names <= ui_keys.FORWARDED.get(file, frozenset()), (
            f"{file} asks for a key it does not write out ({names}): add it to guide.ui_keys.FORWARDED "
            "and declare the keys it can be")
    unused = set(ui_keys.COMPUTED) - set(found.patterns)
    assert not unused, f"declared but no longer made by the code: {unused}"


def test_the_declared_pages_and_groups_are_the_navigations() -> None:
    assert tuple(p.slug for p in PAGES) == ui_keys.PAGE_SLUGS
    assert tuple(GROUP_ORDER) == ui_keys.NAV_GROUPS


def test_the_scan_sees_literal_keys_with_what_they_fill() -> None:
    found = ui_keys.scan()
    assert "page.home.title" not in found.literal  # computed: f"page.{slug}.title"
    uses = found.literal["workshop.code"]
    assert any(u.fills == frozenset({"code"}) for u in uses)
    assert "sroi.lead" in found.literal
    assert {"state.error.widget", "lang.unknown"} <= set(found.literal)


def test_the_project_passes() -> None:
    assert list(ui_keys.check(content_mod.default())) == []


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "guide", "check", str(root)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_a_missing_computed_key_fails_the_check(copy: Path) -> None:
    edit(copy / "ui" / "shell.yaml",
         "page.home.title: {nb: Veier til samarbeid, nn: Vegar til samarbeid, en: Paths to cooperation}\n",
         "")
    out = check(copy)
    assert out.returncode == 1
    assert "page.home.title: missing, asked for in shell.py:" in out.stdout


def test_a_missing_literal_key_and_language_fail_the_check(copy: Path) -> None:
    text = (copy / "ui" / "shell.yaml").read_text(encoding="utf-8")
    assert "\nlang.unknown:\n" in text
    edit(copy / "ui" / "shell.yaml", "lang.unknown:\n", "lang.unknown_renamed:\n")
    out = check(copy)
    assert out.returncode == 1
    assert "content/ui/: lang.unknown: missing, asked for in guide/ui/common.py:" in out.stdout


def test_a_renamed_placeholder_fails_the_check_naming_file_key_and_language(copy: Path) -> None:
    edit(copy / "ui" / "workshop.yaml", '{nb: "Kode: {code}"', '{nb: "Kode: {kode}"')
    out = check(copy)
    where = "content/ui/workshop.yaml: workshop.code.nb"
    assert out.returncode == 1
    assert f"{where}: placeholder {{kode}} is not filled by the code" in out.stdout
    assert f"{where}: placeholder {{code}} is missing" in out.stdout
    assert "workshop.code.en" not in out.stdout


def test_a_placeholder_removed_in_english_fails_the_check(copy: Path) -> None:
    edit(copy / "ui" / "workshop.yaml", 'en: "Code: {code}"', 'en: "Code"')
    out = check(copy)
    assert out.returncode == 1
    assert "content/ui/workshop.yaml: workshop.code.en: placeholder {code} is missing" in out.stdout


def test_a_missing_data_key_fails_the_check(copy: Path) -> None:
    edit(copy / "ui" / "report.yaml", "state.error.link:", "state.error.link_gone:")
    out = check(copy)
    assert out.returncode == 1
    assert "state.error.link: missing" in out.stdout


# ---------------------------------------------------------------------------
# Keys the code builds from its own classes and tables


def drop_key(path: Path, key: str) -> None:
    """``path`` (a UI file) without ``key`` (on one line, or a block of indented lines)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    end = start + 1
    while end < len(lines) and lines[end].startswith("  "):
        end += 1
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


@pytest.mark.parametrize(("file", "key"), [
    ("workshop.yaml", "workshop.error.answer_locked"),  # a store error's own key
    ("workshop.yaml", "workshop.error.wrong_pin_locked"),  # a second key of an error class
    ("workshop.yaml", "workshop.error.questions.duplicate"),  # an invalid input: field and problem
    ("workshop.yaml", "workshop.error.storage_busy"),  # a kind of storage fault
])
def test_a_missing_store_error_key_fails_the_check(copy: Path, file: str, key: str) -> None:
    drop_key(copy / "ui" / file, key)
    out = check(copy)
    assert out.returncode == 1
    assert f"content/ui/: {key}: missing" in out.stdout


def test_a_missing_range_message_fails_the_check(copy: Path) -> None:
    drop_key(copy / "ui" / "calendar.yaml", "calendar.error.months.out_of_range")
    edit(copy / "ui" / "sroi.yaml", "{field}: enter a number from {min} to {max}.",
         "Enter a number from {min} to {max}.")
    out = check(copy)
    assert out.returncode == 1
    assert "content/ui/: calendar.error.months.out_of_range: missing" in out.stdout
    assert "content/ui/sroi.yaml: sroi.error.out_of_range.en: placeholder {field} is missing" in out.stdout


def test_the_store_error_keys_come_from_the_error_classes(monkeypatch: pytest.MonkeyPatch) -> None:
    from guide.workshop import store

    def subclasses(cls: type[store.WorkshopError]) -> set[type[store.WorkshopError]]:
        return {cls} | {s for sub in cls.__subclasses__() for s in subclasses(sub)}

    keys = store.error_keys()
    for cls in subclasses(store.WorkshopError):
        assert cls.keys and set(cls.keys) <= keys
    assert {"answer_locked", "wrong_pin_locked", "title.too_long", "storage_busy"} <= keys
    # a key an error class gains is asked of the content at once, with no list to update
    monkeypatch.setattr(store.AnswerLocked, "keys", ("answer_locked", "answer_frozen"))
    lines = list(ui_keys.check(content_mod.default()))
    assert "content/ui/: workshop.error.answer_frozen: missing, asked for in the code (a key kept in data)" \
        in lines
    # and an invalid input the class does not declare is a mistake in the code, not a missing text
    with pytest.raises(TypeError, match=r"title\.too_short"):
        store.InvalidInput("title", "too_short", "a title that is too short")
