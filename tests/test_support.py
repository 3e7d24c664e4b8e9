"""The test helpers live in one place (tests/support): no test or bench imports a test module, and
no module defines a helper again that tests/support has. The slow tests named exist; the helpers'
own arithmetic is right."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support.apptest import ROOT
from tests.support.colour import blend, contrast
from tests.support.schedule import SLOW

SUPPORT = ROOT / "tests" / "support"
MODULES = sorted([*(ROOT / "tests").rglob("*.py"), *(ROOT / "bench").glob("*.py")])
#: Names common enough that a module may use them for a function of its own (a bench's ``main``).
OWN = {"main", "flat", "check", "select", "go", "describe"}
#: The helpers defined in tests/support: a module elsewhere that defines one again is a copy.
HELPERS = {
    name
    for path in SUPPORT.glob("*.py")
    for name in (n.name for n in ast.parse(path.read_text(encoding="utf-8")).body
                 if isinstance(n, ast.FunctionDef))
} - OWN


def test_the_modules_and_the_helpers_are_found() -> None:
    assert len(MODULES) > 50 and {"ui", "open_page", "serving", "contrast", "wait_ready"} <= HELPERS


def imported(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def is_test_module(name: str) -> bool:
    """A test file (``test_*``) or a conftest: pytest's to load, not another module's to import."""
    last = name.split(".")[-1]
    return name.startswith("tests.") and (last.startswith("test_") or last == "conftest"
                                          or name.startswith("tests.browser"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_imports_a_test_module(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = sorted(n for n in imported(tree) if is_test_module(n) or n == "conftest")
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}: move what it needs to tests/support"


@pytest.mark.parametrize("path", [p for p in MODULES if SUPPORT not in p.parents],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_defines_a_helper_of_tests_support_again(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    again = sorted(defined & HELPERS)
    assert not again, f"{path.relative_to(ROOT)} defines {again} again: import them from tests/support"


@pytest.mark.parametrize("entry", SLOW)
def test_each_slow_test_named_exists(entry: str) -> None:
    file, _, function = entry.partition("::")
    path = ROOT / file
    assert path.is_file(), f"{entry}: no such file"
    if function:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert function in {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}, (
            f"{entry}: no such test function")


def test_the_contrast_of_known_pairs() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast("#1F4E79", "#1F4E79") == pytest.approx(1.0)


def test_a_colour_at_full_opacity_is_itself_and_at_none_the_background() -> None:
    assert blend("#1F4E79", "#FFFFFF", 1.0) == (0x1F, 0x4E, 0x79)
    assert blend("#1F4E79", "#FFFFFF", 0.0) == (255, 255, 255)
