"""The planning calendar: budget phases, grant calls and contract steps by date.

``model`` (the calendar's content), ``engine`` (events by rule, now, plan, .ics) and
``presenter`` (the plan as blocks) side by side.
Public names (``guide.calendar.events``) are the engine's, imported on first use:
the content loader imports the content model from here, and the engine imports the content loader.
"""

from __future__ import annotations

import importlib
from typing import Any

_ENGINE = "guide.calendar.engine"


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
