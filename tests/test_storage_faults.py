"""Storage faults: a corrupt, read-only, locked or driverless workshop database gives one of a few
clear, translated messages (no path, no traceback), logged once on the server with the real cause;
a locked SQLite database answers within 5 s."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from guide import content as content_mod
from guide import workshop as ws
from guide.workshop import faults

PIN = "246810"
KEYS = ("storage_unreadable", "storage_cannot_create", "storage_driver", "storage_busy")


@pytest.fixture(autouse=True)
def fresh_log() -> None:
    faults._logged.clear()


def open_store(url: str) -> ws.Store:
    return ws.Store(url, retention_days=30)


def refused(url: str) -> ws.StorageUnavailable:
    with pytest.raises(ws.StorageUnavailable) as exc:
        store = open_store(url)
        try:  # opened (it should not have): a write must fail then
            store.create("Test", pin=PIN, questions=None)
        finally:
            store.dispose()
    return exc.value


def corrupt(path: Path) -> Path:
    path.write_bytes(b"this is not a database\n" * 200)
    return path


def malformed(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x TEXT)")
    con.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    con.commit()
    con.close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page after its header, damaged
    path.write_bytes(bytes(data))
    return path


def test_every_storage_message_exists_in_every_language_without_a_path() -> None:
    c = content_mod.default()
    for key in KEYS:
        for lang in ("nb", "nn", "en"):
            text = c.t(f"workshop.error.{key}", lang, driver="mysql+pymysql")  # type: ignore[arg-type]
            assert text and "/" not in text.replace("+", "") and "Traceback" not in text


def test_a_corrupt_sqlite_file_cannot_be_read(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = corrupt(tmp_path / "workshops.db")
    with caplog.at_level(logging.DEBUG, logger="guide.workshop.storage"):
        err = refused(f"sqlite:///{path}")
        assert err.key == "storage_unreadable"
        again = refused(f"sqlite:///{path}")  # the page retries on every rerun
        assert again.key == "storage_unreadable"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, "logged once"
    assert "file is not a database" in errors[0].getMessage()  # the real cause, on the server


def test_a_malformed_sqlite_file_cannot_be_read(tmp_path: Path) -> None:
    path = malformed(tmp_path / "workshops.db")
    assert refused(f"sqlite:///{path}").key == "storage_unreadable"


def test_a_data_folder_that_cannot_be_made_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert refused(f"sqlite:///{blocker / 'sub' / 'workshops.db'}").key == "storage_cannot_create"


def test_a_read_only_database_cannot_be_written_here(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    assert refused(f"sqlite:///file:{path}?mode=ro&uri=true").key == "storage_cannot_create"


def test_a_read_only_file_system_says_it_cannot_be_created(monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    assert refused(f"sqlite:///{tmp_path / 'new' / 'workshops.db'}").key == "storage_cannot_create"


@pytest.mark.parametrize("url", ["postgresql+nosuchdriver://u@localhost/db", "mysql+pymysql://u@localhost/db",
                                 "nosuchdb://u@localhost/db"])
def test_a_url_whose_driver_is_not_installed_names_the_driver(url: str,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="guide.workshop.storage"):
        err = refused(url)
    assert err.key == "storage_driver"
    assert err.params["driver"] == url.split("://")[0]
    message = content_mod.default().t("workshop.error.storage_driver", "en", **err.params)
    assert url.split("://")[0] in message and "localhost" not in message
    assert len(caplog.records) == 1


def test_a_locked_sqlite_database_answers_busy_within_5_seconds(tmp_path: Path) -> None:
    path = tmp_path / "workshops.db"
    store = open_store(f"sqlite:///{path}")
    made = store.create("Låst", pin=PIN, questions=None)
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")  # another process writing, and not letting go
    try:
        other = open_store  # a second store (another app process) on the same file
        started = time.monotonic()
        with pytest.raises(ws.StorageUnavailable) as exc:
            second = other(f"sqlite:///{path}")
            second.join(made.code, nickname="x")
        took = time.monotonic() - started
        assert exc.value.key == "storage_busy"
        assert took < 5.0, f"answered after {took:.1f} s"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    store.join(made.code, nickname="etterpå")  # free again: the store works
    store.dispose()


def test_a_lock_released_in_time_is_waited_for(tmp_path: Path) -> None:
    path = tmp_path / "workshops.db"
    store = open_store(f"sqlite:///{path}")
    made = store.create("Kort lås", pin=PIN, questions=None)
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    threading.Timer(1.0, lambda: (holder.execute("ROLLBACK"), holder.close())).start()
    store.join(made.code, nickname="venter")  # waits a second, then goes through
    store.dispose()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_workshop_page_shows_the_message_not_a_traceback(lang: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from guide.ui import workshop as wui
    from tests.support.apptest import open_page

    path = corrupt(tmp_path / "workshops.db")
    monkeypatch.delenv(ws.ENV_URL, raising=False)
    monkeypatch.setenv(ws.ENV_PATH, str(path))
    wui._store.clear()
    try:
        at = open_page("views/workshop.py", lang)
        at.text_input(key="ws_new_title").input("Verksted")
        at.text_input(key="ws_new_pin").input(PIN)
        submit = content_mod.default().t("workshop.new.submit", lang)  # type: ignore[arg-type]
        [button] = [b for b in at.button if b.proto.is_form_submitter and b.label == submit]
        button.click().run()
        assert not at.exception, [e.value for e in at.exception]
        errors = [str(e.value) for e in at.error]
        assert content_mod.default().t("workshop.error.storage_unreadable", lang) in errors  # type: ignore[arg-type]
        shown = "\n".join(str(e.value) for e in (*at.error, *at.warning, *at.markdown, *at.caption))
        assert str(tmp_path) not in shown and "Traceback" not in shown
    finally:
        wui._store.clear()


def test_a_missing_postgresql_database_cannot_be_read() -> None:
    import os

    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("TEST_DATABASE_URL is not set")
    import sqlalchemy as sa

    url = sa.make_url(base).set(database="no_such_workshop_database").render_as_string(hide_password=False)
    err = refused(url)
    assert err.key == "storage_unreadable"  # permanent: not "wait and try again"


def test_postgresql_that_does_not_answer_is_still_wait_and_try_again() -> None:
    err = refused("postgresql+psycopg://postgres@127.0.0.1:9/none?connect_timeout=2")
    assert err.key == "storage"


def test_waiting_runs_the_block_under_the_spinner() -> None:
    from streamlit.testing.v1 import AppTest

    def page() -> None:
        import time

        import streamlit as st

        from guide.ui.storage import waiting

        with waiting():
            time.sleep(0.7)
        st.write("done")

    at = AppTest.from_function(page, default_timeout=30)
    at.run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["done"]


def test_a_full_disk_has_its_own_message(tmp_path: Path) -> None:
    import errno

    import sqlalchemy as sa

    assert faults.classify(OSError(errno.ENOSPC, "No space left on device")).key == "storage_full"
    store = open_store(f"sqlite:///{tmp_path / 'workshops.db'}")
    try:
        store.engine.dispose()

        @sa.event.listens_for(store.engine, "connect")
        def _no_room(dbapi_conn: Any, _record: object) -> None:
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

        with pytest.raises(ws.StorageUnavailable) as err:
            for n in range(200):  # until the file would have to grow
                store.create(f"Verksted {n} " + "x" * 100, pin=PIN)
        assert err.value.key == "storage_full"
        assert content_mod.default().t("workshop.error.storage_full", "nn")
    finally:
        store.dispose()
