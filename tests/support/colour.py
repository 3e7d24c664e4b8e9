"""Contrast of two colours as WCAG 2.2 defines it (relative luminance of sRGB)."""

from __future__ import annotations

RGB = tuple[float, float, float]


def rgb(colour: str | RGB) -> RGB:
    """``#RRGGBB`` (or an (r, g, b) triple of 0–255 already) as an (r, g, b) triple of 0–255."""
    if not isinstance(colour, str):
        return colour
    h = colour.lstrip("#")
    return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))


def luminance(colour: str | RGB) -> float:
    """The relative luminance of a colour (0 for black, 1 for white)."""
    srgb = [v / 255 for v in rgb(colour)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in srgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str | RGB, b: str | RGB) -> float:
    """The contrast ratio of two colours, from 1 to 21, whichever is the lighter."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def blend(fore: str | RGB, back: str | RGB, opacity: float) -> RGB:
    """The colour seen when ``fore`` is drawn with ``opacity`` on ``back``."""
    f, b = rgb(fore), rgb(back)
    return (f[0] * opacity + b[0] * (1 - opacity), f[1] * opacity + b[1] * (1 - opacity),
            f[2] * opacity + b[2] * (1 - opacity))
