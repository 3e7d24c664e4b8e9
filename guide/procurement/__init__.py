"""Procurement: which rules and procedures a purchase must follow.

``model`` (thresholds, rules, procedures in content), ``engine`` (the route on a date) and
``presenter`` (the route as blocks) side by side.
Public names (``guide.procurement.route``) are the engine's, imported on first use
(see ``guide._lazy``).
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same names, typed, for the type checker
    from guide.procurement.engine import *  # noqa: F403
else:
    from guide._lazy import engine_names

    __getattr__ = engine_names(__name__, "guide.procurement.engine", globals())
