"""Impact: the SROI calculator and the impact plan.

``engine`` (SROI, sensitivity) and ``presenter`` (the results as blocks) side by side.
Public names (``guide.impact.sroi``) are the engine's, imported on first use
(see ``guide._lazy``).
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same names, typed, for the type checker
    from guide.impact.engine import *  # noqa: F403
else:
    from guide._lazy import engine_names

    __getattr__ = engine_names(__name__, "guide.impact.engine", globals())
