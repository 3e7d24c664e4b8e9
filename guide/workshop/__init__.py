"""The live workshop: its store, its questions and its summary.

``store`` (workshops, participants and answers in a database), ``questions`` (what the room
answers, from content) and ``presenter`` (the shared screen's summary as blocks) side by side.
Public names (``guide.workshop.Store``) are the engine's, imported on first use:
the content loader imports the content model from here, and the engine imports the content loader.
"""

from __future__ import annotations

import importlib
from typing import Any

_ENGINE = "guide.workshop.store"


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
