"""Content: the real content validates; broken content gives exact, useful messages."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from guide import content as content_mod
from guide.content import ContentError, load
from guide.model import LANGS, Text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = yaml.safe_load((ROOT / "tests/fixtures/broken_content.yaml").read_text(encoding="utf-8"))


def test_real_content_is_valid() -> None:
    c = load()
    counts = c.counts()
    # The booklet's whole inventory is present.
    assert counts["myths"] == 6
    assert counts["cases"] >= 40
    assert counts["measures"] >= 16
    assert counts["forms"] >= 14
    assert counts["funding"] >= 8
    assert counts["reports"] == 9
    assert counts["impact_methods"] == 4
    assert counts["ferd_examples"] == 3
    assert counts["checklist"] == 10


def test_check_command_prints_ok_with_counts() -> None:
    out = subprocess.run([sys.executable, "-m", "guide", "check"], cwd=ROOT, capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("OK ")
    assert "cases=" in out.stdout and "myths=6" in out.stdout


def _walk_texts(obj: Any) -> list[Text]:
    from pydantic import BaseModel

    if isinstance(obj, Text):
        return [obj]
    if isinstance(obj, BaseModel):
        return [t for name in type(obj).model_fields for t in _walk_texts(getattr(obj, name))]
    if isinstance(obj, list | tuple):
        return [t for x in obj for t in _walk_texts(x)]
    return []


def test_every_text_has_every_language_and_they_differ_somewhere() -> None:
    c = load()
    texts = [t for items in c.kinds.values() for item in items.values() for t in _walk_texts(item)]
    assert texts
    for t in texts:
        for lang in LANGS:
            assert t(lang).strip()
    # English is a translation, not a copy: most long texts differ between the languages.
    long = [t for t in texts if len(t.nb) > 60]
    same = [t.nb for t in long if t.nb == t.en]
    assert len(same) <= len(long) // 20, same[:5]


def test_nynorsk_is_written_not_copied_from_bokmal() -> None:
    """Every UI string has its nynorsk, and nynorsk is a language of its own: nearly every longer
    text differs from the bokmål one (a proper name or a formula may be the same)."""
    c = load()
    ui = c.ui
    assert all(t.nn for t in ui.values())
    long = [(k, t) for k, t in ui.items() if len(t.nb) > 40]
    same = [k for k, t in long if t.nn == t.nb]
    assert len(same) <= len(long) // 50, same[:5]
    # Words a nynorsk writer does not use, as whole words, in the UI strings ("òg", not "også",
    # as in the rest of the content).
    bokmal = re.compile(r"\b(ikke|hva|hvem|hvordan|hvilke|hvis|noen|eksempler|tilskudd|virksomhet|"
                        r"virksomheter|kilde|kilder|fra|etter hvert|også|mulig|veiledning)\b",
                        re.IGNORECASE)
    found = [(k, m.group(0)) for k, t in ui.items() if (m := bokmal.search(t.nn)) is not None]
    assert not found, found[:10]


def test_one_english_name_for_the_labour_and_welfare_directorate() -> None:
    """Arbeids- og velferdsdirektoratet is «the Norwegian Labour and Welfare Directorate» in every
    English text (Arbeids- og velferdsetaten, the agency, is «the Labour and Welfare
    Administration»)."""
    c = load()
    texts = [t for items in c.kinds.values() for item in items.values() for t in _walk_texts(item)]
    naming = [t for t in texts if re.search(r"[Aa]rbeids- og velferdsdirektorat", t.nb)]
    assert len(naming) >= 10
    for t in naming:
        assert re.search(r"Norwegian\s+Labour\s+and\s+Welfare\s+Directorate", t.en), t.en
    other = re.compile(r"Directorate\s+of\s+Labour|(?<!Norwegian)\s+Labour\s+and\s+Welfare\s+Directorate")
    assert [t.en for t in texts if other.search(t.en)] == []


def test_every_item_has_a_source() -> None:
    c = load()
    for kind, items in c.kinds.items():
        if kind in ("ui", "sources", "sectors", "input_ranges"):  # input ranges: the app's own limits
            continue
        for ident, item in items.items():
            has = getattr(item, "source", None) is not None or any(
                True for _ in content_mod.walk_sources(item, ident)
            )
            assert has, f"{kind}.{ident} has no source"


def test_booklet_sources_point_at_real_pages() -> None:
    c = load()
    for kind, items in c.kinds.items():
        for ident, item in items.items():
            for path, src in content_mod.walk_sources(item, f"{kind}.{ident}"):
                if src.ref == "booklet":
                    assert src.page is not None, f"{path}: booklet source without a page"
                    assert 2 <= src.page <= 37, path


def _select(node: Any, step: Any) -> Any:
    if isinstance(step, dict):
        matches = [x for x in node if isinstance(x, dict) and x.get("id") == step["id"]]
        assert matches, f"fixture refers to missing id {step['id']}"
        return matches[0]
    return node[step]


def _apply(root: Path, fx: dict[str, Any]) -> None:
    path = root / fx["file"]
    if fx["op"] == "remove_file":
        path.unlink()
        return
    if fx["op"] == "replace_text":
        path.write_text(fx["value"], encoding="utf-8")
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    *head, last = fx["path"]
    node = data
    for step in head:
        node = _select(node, step)
    if fx["op"] == "set":
        node[last] = fx["value"]
    elif fx["op"] == "delete":
        del node[last]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("fx", FIXTURES, ids=[f["name"] for f in FIXTURES])
def test_broken_content_gives_exact_message(fx: dict[str, Any], tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    _apply(root, fx)
    with pytest.raises(ContentError) as exc:
        load(root)
    assert exc.value.errors == fx["expect"]


def test_check_command_reports_errors_and_exits_1(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    _apply(root, FIXTURES[0])
    out = subprocess.run([sys.executable, "-m", "guide", "check", str(root)], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    assert out.returncode == 1
    assert out.stdout.splitlines() == FIXTURES[0]["expect"]


def test_enough_broken_fixtures() -> None:
    assert len(FIXTURES) >= 10


def test_default_is_parsed_once_per_process() -> None:
    content_mod.default.cache_clear()
    before = content_mod.LOAD_COUNT
    a = content_mod.default()
    b = content_mod.default()
    assert a is b
    assert before + 1 == content_mod.LOAD_COUNT


def test_every_content_file_loads_with_the_pure_python_yaml_parser() -> None:
    # The app reads content with libyaml where PyYAML has it; without it (some platforms' wheels,
    # a source build) the pure-Python parser must read every file the same way.
    for path in sorted((ROOT / "content").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=yaml.SafeLoader) == yaml.load(
            text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), path
