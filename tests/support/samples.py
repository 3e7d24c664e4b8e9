"""Answers and results that several tests start from."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import yaml

from guide import content as content_mod
from guide import procurement as proc
from guide.state import Answers
from tests.support.apptest import ROOT

STATE = ROOT / "tests" / "fixtures" / "state"
SCENARIOS = ROOT / "tests" / "scenarios"


def full() -> Answers:
    """A fully answered session: every guide, every part."""
    return Answers.from_json((STATE / "v2_expected.json").read_text(encoding="utf-8"))


def copy_of_content(tmp_path: Path) -> Path:
    """A copy of the project's content/ under ``tmp_path``, to break in a test."""
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    return root


def scenario(qid: str, name: str) -> dict[str, Any]:
    """A stored answer path (tests/scenarios/<qid>/<name>.yaml): its answers and what it expects."""
    data: dict[str, Any] = yaml.safe_load((SCENARIOS / qid / f"{name}.yaml").read_text(encoding="utf-8"))
    return data


def chart(r: proc.Route, lang: str) -> tuple[go.Figure, str]:
    """The procurement presenter's figure block for ``r``, drawn by its registered builder: the
    Plotly figure and its text alternative."""
    from guide.documents.blocks import Figure
    from guide.procurement import presenter
    from guide.ui import figures

    p = presenter._P(content_mod.default(), lang)  # type: ignore[arg-type]  # a test's language string
    [fig_block] = [b for b in presenter._chart(r, p, 2) if isinstance(b, Figure)]
    return figures.build(fig_block.chart, fig_block.data, lang), fig_block.alt
