"""Pages run with Streamlit's AppTest, in any language, and what they show."""

from __future__ import annotations

import os
import re
from pathlib import Path

from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
os.chdir(ROOT)  # AppTest resolves page paths relative to the working directory
# The served app shows no traceback (client.showErrorDetails = "none" in .streamlit/config.toml);
# AppTest keeps the real error in ``at.exception``, so that a failing test says what went wrong.
st_config.set_option("client.showErrorDetails", "full")

__all__ = ["ROOT", "AppTest", "fresh", "no_exception", "open_page", "open_presenting", "texts",
           "unescape", "upload"]


def open_page(path: str, lang: str = "nb", *, timeout: float = 60, present: bool = False) -> AppTest:
    """Run the app shell (shell.py) in ``lang`` (opened by a link with ``?present=1`` when
    ``present``), switch
    to the page file ``path`` and run it."""
    at = AppTest.from_file(str(ROOT / "shell.py"), default_timeout=timeout)
    at.query_params["lang"] = lang
    if present:
        at.query_params["present"] = "1"
    at.run()
    if path != "views/home.py":
        at.switch_page(path)
        at.run()
    return at


def fresh(params: dict[str, str], path: str | None = None) -> AppTest:
    """A new session opened from a link with ``params``, on the page ``path`` if given."""
    at = AppTest.from_file(str(ROOT / "shell.py"), default_timeout=60)
    at.query_params.update(params)
    at.run()
    if path is not None:
        at.switch_page(path)
        at.run()
    return at


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    """Give the page's first file uploader a JSON file ``name`` holding ``data``; fails on an exception."""
    at.file_uploader[0].upload(name, data, "application/json").run()
    no_exception(at)
    return at


def open_presenting(path: str, lang: str) -> AppTest:
    """A fresh session opened by a link with ``?present=1``, then switched to the page ``path``;
    fails on an exception."""
    at = open_page(path, lang, present=True)
    no_exception(at)
    return at


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def unescape(md: str) -> str:
    """Markdown as a reader sees it: its backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", md)


def texts(at: AppTest) -> str:
    """All visible markdown, captions, titles and alerts of a run, joined (for assertions)."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "error", "success"):
        parts.extend(str(e.value) for e in getattr(at, kind))
    return "\n".join(parts)
