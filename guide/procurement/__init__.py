"""Procurement: which rules and procedures a purchase must follow.

``model`` (thresholds, rules, procedures in content), ``engine`` (the route on a date) and
``presenter`` (the route as blocks) side by side.
Public names (``guide.procurement.route``) are the engine's, imported on first use:
the content loader imports the content model from here, and the engine imports the content loader.
"""

from __future__ import annotations

import importlib
from typing import Any

_ENGINE = "guide.procurement.engine"


def __getattr__(name: str) -> Any:
    if name.startswith("_"):
        raise AttributeError(name)
    try:  # a submodule (``from guide.x import model``) is looked up here before it is imported
        value: Any = importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{name}":
            raise
        value = getattr(importlib.import_module(_ENGINE), name)
    globals()[name] = value  # the next look-up is an ordinary module attribute
    return value
