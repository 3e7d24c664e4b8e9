"""Stored regression artefacts: the rendered outcome of a scenario, kept beside it for review."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

UPDATE = os.environ.get("UPDATE_ARTEFACTS") == "1"


def check(scenario: Path, rendered: str, test_file: str) -> None:
    """``rendered`` must equal the artefact stored beside ``scenario`` (its ``.txt``). A missing
    artefact is written and fails the test once; ``UPDATE_ARTEFACTS=1`` rewrites them all."""
    artefact = scenario.with_suffix(".txt")
    if UPDATE or not artefact.exists():
        artefact.write_text(rendered, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{artefact.name} was missing and has been written: review it and run again")
    assert rendered == artefact.read_text(encoding="utf-8"), (
        f"the rendered outcome of {scenario.name} changed; if intended, run UPDATE_ARTEFACTS=1 pytest "
        f"{test_file} and review the diff"
    )
