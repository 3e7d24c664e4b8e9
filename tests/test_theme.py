"""The theme's text colours pass WCAG 2.1 AA contrast (4.5:1) on the backgrounds they sit on."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

CONFIG = tomllib.loads((Path(__file__).resolve().parent.parent / ".streamlit/config.toml").read_text())
THEME = CONFIG["theme"]


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


TEXT_KEYS = [k for k in THEME if k.endswith("TextColor") or k in ("textColor", "linkColor", "primaryColor")]


@pytest.mark.parametrize("key", TEXT_KEYS)
@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
def test_text_colour_passes_aa(key: str, background: str) -> None:
    ratio = contrast(THEME[key], THEME[background])
    assert ratio >= 4.5, f"{key} {THEME[key]} on {background} {THEME[background]}: {ratio:.2f}:1"
