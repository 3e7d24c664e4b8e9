"""Shared fixtures: AppTest helpers for every page in every language."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from guide.model import LANGS

ROOT = Path(__file__).resolve().parent.parent
# The served app shows no traceback (client.showErrorDetails = "none" in .streamlit/config.toml);
# AppTest keeps the real error in ``at.exception``, so that a failing test says what went wrong.
st_config.set_option("client.showErrorDetails", "full")
os.chdir(ROOT)  # AppTest resolves page paths relative to the working directory


def open_page(path: str, lang: str = "nb", *, timeout: float = 60) -> AppTest:
    """Run the app shell in ``lang``, switch to the page file ``path`` and run it."""
    at = AppTest.from_file(str(ROOT / "shell.py"), default_timeout=timeout)
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


@pytest.fixture(scope="session")
def scratch_pg() -> Iterator[Callable[[str], str]]:
    """A factory of PostgreSQL databases of this test run's own, one per label and worker, made
    empty on the server of ``TEST_DATABASE_URL`` and dropped at the end. Tests that run at the same
    time (the store's tests, the two replicas) never share tables, and whatever an earlier run left
    in the database of ``TEST_DATABASE_URL`` does not matter. Skips when no server is set or
    reachable (fails on CI, where one must be)."""
    import sqlalchemy as sa

    from guide import workshop as ws

    base = os.environ.get("TEST_DATABASE_URL", "").strip()
    made: list[str] = []
    server: sa.engine.Engine | None = None

    def make(label: str) -> str:
        nonlocal server
        if not base.startswith("postgresql"):
            pytest.skip("TEST_DATABASE_URL is not a PostgreSQL URL: the PostgreSQL tests are skipped "
                        "(set it to e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
        url = sa.engine.make_url(ws._normalise_url(base))
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        name = re.sub(r"[^a-z0-9_]", "_", f"{url.database or 'test'}_{label}_{worker}".lower())
        try:
            if server is None:
                server = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
            with server.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        except sa.exc.SQLAlchemyError as exc:
            msg = f"TEST_DATABASE_URL={base} is not reachable: {exc}"
            if os.environ.get("CI") == "true":
                pytest.fail(msg)
            pytest.skip(msg)
        made.append(name)
        return url.set(database=name).render_as_string(hide_password=False)

    yield make
    if server is not None:
        with server.connect() as conn:
            for name in made:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()
