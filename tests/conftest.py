"""Shared fixtures: AppTest helpers for every page in every language."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from guide.model import LANGS

ROOT = Path(__file__).resolve().parent.parent
os.chdir(ROOT)  # AppTest resolves page paths relative to the working directory


def open_page(path: str, lang: str = "nb", *, timeout: float = 60) -> AppTest:
    """Run the app shell in ``lang``, switch to the page file ``path`` and run it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.query_params["lang"] = lang
    at.run()
    if path != "views/home.py":
        at.switch_page(path)
        at.run()
    return at


def texts(at: AppTest) -> str:
    """All visible markdown, captions, titles and alerts of a run, joined (for assertions)."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "error", "success"):
        parts.extend(str(e.value) for e in getattr(at, kind))
    return "\n".join(parts)


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Point the workshop pages at a fresh SQLite file; yield a ``guide.workshop.Store`` on the
    same file for the checks."""
    from guide import workshop as ws
    from guide.ui import workshop as wui

    monkeypatch.delenv(ws.ENV_URL, raising=False)
    monkeypatch.delenv(ws.ENV_RETENTION, raising=False)
    monkeypatch.setenv(ws.ENV_PATH, str(tmp_path / "workshops.db"))
    store = ws.Store(ws.default_url())
    yield store
    store.dispose()
    wui._store.clear()


@pytest.fixture(params=LANGS)
def lang(request: pytest.FixtureRequest) -> str:
    return request.param
