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
from tests.conftest import ROOT


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
