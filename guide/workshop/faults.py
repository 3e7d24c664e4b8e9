"""Storage faults in a few words: what went wrong with the workshop database, for the page and for
the server's log.

:func:`classify` maps an exception raised while opening or using the database to one of a few
kinds, each a UI string ``workshop.error.<key>`` that says what it means for the user (no path,
no driver message, no traceback):

- ``storage_unreadable``: the database cannot be read (not a database, damaged, does not exist);
- ``storage_cannot_create``: it cannot be created or written here (a read-only folder or file);
- ``storage_driver``: the driver for the database URL is not installed;
- ``storage_busy``: it is busy (locked by another writer) — try again;
- ``storage_full``: the disk it is on is full — whoever runs the app must free space;
- ``storage``: anything else (the server does not answer) — wait and try again.

A table that went away under a running app (:func:`lost_schema`) is made again by the store, which
says so with ``schema_lost``.

:func:`unavailable` gives the store's :class:`~guide.workshop.store.StorageUnavailable` with that
key, and logs the real cause on the server once (the same fault again is logged at debug level,
so a page that retries on every rerun does not fill the log).
"""

from __future__ import annotations

import errno
import logging
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import sqlalchemy as sa

if TYPE_CHECKING:
    from guide.workshop.store import StorageUnavailable

log = logging.getLogger("guide.workshop.storage")

#: How long a connection waits for a locked SQLite database before it says "busy" (seconds).
BUSY_TIMEOUT_S = 4.0

#: The kinds of storage fault (``workshop.error.<kind>``).
FaultKey = Literal["storage", "storage_unreadable", "storage_cannot_create", "storage_driver", "storage_busy",
                   "storage_full", "schema_lost"]

#: Driver messages (lower case) and the kind of fault they mean.
_MESSAGES: tuple[tuple[str, FaultKey], ...] = (
    ("database or disk is full", "storage_full"),  # SQLite
    ("no space left on device", "storage_full"),  # PostgreSQL, the file system
    ("could not extend file", "storage_full"),  # PostgreSQL
    ("database is locked", "storage_busy"),
    ("database table is locked", "storage_busy"),
    ("database schema is locked", "storage_busy"),
    ("database is busy", "storage_busy"),
    ("could not obtain lock", "storage_busy"),
    ("lock timeout", "storage_busy"),
    ("file is not a database", "storage_unreadable"),
    ("database disk image is malformed", "storage_unreadable"),
    ("file is encrypted", "storage_unreadable"),
    ("does not exist", "storage_unreadable"),  # PostgreSQL: database "x" does not exist
    ("attempt to write a readonly database", "storage_cannot_create"),
    ("readonly database", "storage_cannot_create"),
    ("read-only file system", "storage_cannot_create"),
    ("unable to open database file", "storage_cannot_create"),
    ("permission denied", "storage_cannot_create"),
)
_CREATE_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOTDIR, errno.EEXIST})


@dataclass(frozen=True)
class Fault:
    """A storage fault: ``key`` (``workshop.error.<key>``), ``cause`` (the driver's words, for the
    log only) and ``driver`` (the URL's driver, for the driver message)."""

    key: FaultKey
    cause: str
    driver: str = ""


def driver_of(url: str) -> str:
    """The backend and driver of a database URL (``postgresql+psycopg``), never its password."""
    try:
        name = sa.make_url(url).drivername
    except Exception:  # not a URL at all
        name = url.split(":", 1)[0]
    return re.sub(r"[^A-Za-z0-9_+.-]", "", name)[:40]


def classify(exc: BaseException, url: str = "") -> Fault:
    """The kind of storage fault ``exc`` is (``storage`` when it is none of the known ones)."""
    orig = getattr(exc, "orig", None) or exc
    cause = f"{type(orig).__name__}: {orig}"
    if isinstance(exc, sa.exc.NoSuchModuleError | ImportError):
        return Fault("storage_driver", cause, driver_of(url))
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return Fault("storage_full", cause)
    if isinstance(exc, OSError) and not isinstance(exc, ConnectionError) and exc.errno in _CREATE_ERRNOS:
        return Fault("storage_cannot_create", cause)
    text = str(orig).lower()
    for words, key in _MESSAGES:
        if words in text:
            return Fault(key, cause)
    return Fault("storage", cause)


def lost_schema(exc: BaseException) -> bool:
    """Whether ``exc`` says that a table of the store is not there (dropped under a running app)."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    return (type(orig).__name__ == "UndefinedTable" or "no such table" in text
            or ("relation" in text and "does not exist" in text))


_logged: set[tuple[str, str]] = set()
_logged_lock = threading.Lock()


def report(fault: Fault, url: str) -> None:
    """Log ``fault`` with its real cause, once per process for the same fault and database."""
    where = driver_of(url)
    with _logged_lock:
        first = (fault.key, fault.cause) not in _logged
        _logged.add((fault.key, fault.cause))
    (log.error if first else log.debug)("workshop database (%s): %s: %s", where, fault.key, fault.cause)


def unavailable(exc: BaseException, url: str) -> StorageUnavailable:
    """The store's error for ``exc`` (its key the kind of fault), logged on the server."""
    from guide.workshop.store import StorageUnavailable

    fault = classify(exc, url)
    report(fault, url)
    err = StorageUnavailable(f"the workshop database is not available ({fault.key}): {fault.cause}",
                             **({"driver": fault.driver} if fault.key == "storage_driver" else {}))
    err.key = fault.key
    return err
