"""The planning calendar: budget phases, grant calls and contract steps by date.

``model`` (the calendar's content), ``engine`` (events by rule, now, plan, .ics) and
``presenter`` (the plan as blocks) side by side.
Public names (``guide.calendar.events``) are the engine's, imported on first use
(see ``guide._lazy``).
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same names, typed, for the type checker
    from guide.calendar.engine import *  # noqa: F403
else:
    from guide._lazy import engine_names

    __getattr__ = engine_names(__name__, "guide.calendar.engine", globals())
