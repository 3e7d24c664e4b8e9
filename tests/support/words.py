"""The interface's words, looked up in the content as the app does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from guide import content as content_mod
from guide.model import Lang


def ui(key: str, lang: str = "nb", **fmt: Any) -> str:
    """The interface text ``key`` in ``lang``, with ``fmt`` filled in."""
    return content_mod.default().t(key, cast(Lang, lang), **fmt)


def in_lang(lang: str) -> Callable[..., str]:
    """:func:`ui` with the language fixed: ``t = in_lang("en")``, then ``t(key, **fmt)``."""

    def t(key: str, **fmt: Any) -> str:
        return ui(key, lang, **fmt)

    return t
