"""The live workshop: its store, its questions and its summary.

``store`` (workshops, participants and answers in a database), ``questions`` (what the room
answers, from content) and ``presenter`` (the shared screen's summary as blocks) side by side.
Public names (``guide.workshop.Store``) are the engine's, imported on first use
(see ``guide._lazy``).
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same names, typed, for the type checker
    from guide.workshop.store import *  # noqa: F403
else:
    from guide._lazy import engine_names

    __getattr__ = engine_names(__name__, "guide.workshop.store", globals())
