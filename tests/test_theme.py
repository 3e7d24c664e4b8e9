"""The theme's text colours pass WCAG 2.1 AA contrast (4.5:1) on the backgrounds they sit on."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.support.colour import contrast

CONFIG = tomllib.loads((Path(__file__).resolve().parent.parent / ".streamlit/config.toml").read_text())
THEME = CONFIG["theme"]


TEXT_KEYS = [k for k in THEME if k.endswith("TextColor") or k in ("textColor", "linkColor", "primaryColor")]


@pytest.mark.parametrize("key", TEXT_KEYS)
@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
def test_text_colour_passes_aa(key: str, background: str) -> None:
    ratio = contrast(THEME[key], THEME[background])
    assert ratio >= 4.5, f"{key} {THEME[key]} on {background} {THEME[background]}: {ratio:.2f}:1"
