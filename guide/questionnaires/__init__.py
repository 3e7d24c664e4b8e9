"""Questionnaires: the one engine that runs every guide written in YAML.

``model`` (questions, options, weights in content), ``engine`` (visibility, scoring, ranking, plan)
and ``presenter`` (a result as blocks) side by side.
Public names (``guide.questionnaires.evaluate``) are the engine's, imported on first use
(see ``guide._lazy``).
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same names, typed, for the type checker
    from guide.questionnaires.engine import *  # noqa: F403
else:
    from guide._lazy import engine_names

    __getattr__ = engine_names(__name__, "guide.questionnaires.engine", globals())
