"""The lazy public names of the domain packages (``guide.procurement``, ``guide.calendar`` …).

The content loader imports each package's content model, and each engine imports the content
loader; so a package cannot import its engine when it is first imported. Its ``__getattr__``
(PEP 562) looks a name up on first use instead: a submodule of the package (``model``,
``presenter``) or else a name of its engine, then keeps it as an ordinary module attribute.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, MutableMapping
from typing import Any


def engine_names(package: str, engine: str, namespace: MutableMapping[str, Any]) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package``: its submodules, else the names of module ``engine``."""

    def __getattr__(name: str) -> Any:
        if name.startswith("__"):  # the import system's own questions (__path__, __wrapped__ …)
            raise AttributeError(name)
        try:  # ``from guide.x import model`` looks the name up here before importing the submodule
            value: Any = importlib.import_module(f"{package}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{package}.{name}":
                raise
            value = getattr(importlib.import_module(engine), name)
        namespace[name] = value  # the next look-up is an ordinary module attribute
        return value

    return __getattr__
