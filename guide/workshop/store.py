"""The live workshop store: workshops, their questions, participants and answers (SQLAlchemy 2).

One :class:`Store` per process talks to one database:

- by default a SQLite file (``data/workshops.db`` under the project root, or ``WORKSHOP_DB_PATH``)
  in WAL mode with a busy timeout: nothing to install;
- PostgreSQL when ``WORKSHOP_DATABASE_URL`` says so (``postgresql+psycopg://user@host/db``): then
  several app processes or machines share the same workshops.

The schema is created at start-up and its version recorded in ``workshop_schema``; a database
written by a newer version of the code is refused with :class:`SchemaTooNew`.

Security: every facilitator action needs the workshop's facilitator key or its PIN. The key is a
long random token handed out once, by :meth:`Store.create`, for the facilitator's secret link; it
is kept only as a SHA-256 hash (it is random, so a fast hash is enough) and wrong PINs never lock it
out. The PIN (at least six characters) is the way in by hand; it is kept only as a salted
``hashlib.scrypt`` hash, and repeated wrong PINs lock the PIN (not the key) for a growing time.
Each PIN attempt is counted, and the lock set, in one short write transaction before the slow hash
is checked, so parallel guesses cannot slip past the lockout.

Join codes are random (``secrets``) from an alphabet without look-alike characters.
A participant id is a random token that is valid only within its own workshop. Every text input
has a length limit. Errors are subclasses of :class:`WorkshopError` with a ``key`` (the UI string
``workshop.error.<key>``) and ``params`` for its placeholders.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import math
import os
import re
import secrets
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, get_args

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from guide.workshop import faults
from guide.workshop import questions as wq
from guide.workshop.limits import Attempts
from guide.workshop.questions import Question

ROOT = Path(__file__).resolve().parent.parent
ENV_URL = "WORKSHOP_DATABASE_URL"
ENV_PATH = "WORKSHOP_DB_PATH"
ENV_RETENTION = "WORKSHOP_RETENTION_DAYS"
ENV_MAX_PARTICIPANTS = "WORKSHOP_MAX_PARTICIPANTS"
DEFAULT_DB = ROOT / "data" / "workshops.db"
DEFAULT_RETENTION_DAYS = 30

SCHEMA_VERSION = 2  # 2: the facilitator key, open answers (workshop_texts), tables (group_id)

#: Join-code characters: no 0/O/Q, 1/I/L, 2/Z, 5/S, 6/G, 8/B.
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"
CODE_LENGTH = 6

MAX_TITLE = 120
MAX_NICKNAME = 40
MIN_PIN = 6
MAX_PIN = 64
MAX_CODE_INPUT = 32  # what a user may type as a code (spaces and dashes are dropped)
MAX_ID = 80  # question and option ids
MAX_PARTICIPANT_ID = 64
MAX_QUESTIONS = 100
MAX_OPTIONS = 50
KEY_BYTES = 32  # the facilitator key: 32 random bytes, 43 characters in the link
MAX_KEY = 128
#: A screen opened with the PIN holds a session key for this long (it never re-checks the PIN).
SESSION_KEY_S = 12 * 3600
SESSION_PREFIX = "s1."
#: Wrong PINs are forgotten only after this long without a lock in force (a right PIN forgets none).
PIN_QUIET_S = 3600
#: Retention runs inside the app at most this often (and at start-up).
PURGE_EVERY_S = 600


def _max_participants(environ: dict[str, str] | None = None) -> int:
    """``WORKSHOP_MAX_PARTICIPANTS`` (a whole number, at least 1), default 500."""
    env = os.environ if environ is None else environ
    raw = (env.get(ENV_MAX_PARTICIPANTS) or "").strip()
    if not raw:
        return 500
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ValueError(f"{ENV_MAX_PARTICIPANTS} must be a whole number, at least 1 (got {raw!r})")
    return value


#: How many participants a workshop takes (``WORKSHOP_MAX_PARTICIPANTS``, default 500).
MAX_PARTICIPANTS = _max_participants()

# scrypt: 16 MiB of memory, ~50 ms per check.
SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_LEN = 2**14, 8, 1, 32


# ---------------------------------------------------------------------------
# Errors


class WorkshopError(Exception):
    """Base of every error the store raises on purpose. ``key``: the UI string after ``workshop.error.``;
    ``keys``: every key an error of the class can carry (its ``key`` unless the class says more).
    ``python -m guide check`` requires each of them in content (:func:`error_keys`)."""

    key = "storage"
    keys: ClassVar[tuple[str, ...]] = ("storage",)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "keys" not in cls.__dict__:
            cls.keys = (cls.key,)

    def __init__(self, message: str, **params: Any):
        super().__init__(message)
        self.params = params


class UnknownWorkshop(WorkshopError):
    key = "unknown_code"


class WrongPin(WorkshopError):
    """A wrong PIN; ``wrong_pin_locked`` when the next try must wait (the message says how long)."""

    key = "wrong_pin"
    keys = ("wrong_pin", "wrong_pin_locked")


class PinLocked(WorkshopError):
    """Too many wrong PINs: facilitator actions are refused for ``retry_after`` seconds."""

    key = "pin_locked"

    @property
    def retry_after(self) -> int:
        return int(self.params["seconds"])


class WrongKey(WorkshopError):
    """The facilitator key does not open this workshop."""

    key = "wrong_key"


class NotOpen(WorkshopError):
    """An answer in words to a question with options (or the other way round)."""

    key = "not_open"


class UnknownText(WorkshopError):
    key = "unknown_question"


class WorkshopFull(WorkshopError):
    """The workshop has as many participants as it takes (``max``)."""

    key = "full"


class UnknownQuestion(WorkshopError):
    key = "unknown_question"


class UnknownOption(WorkshopError):
    key = "unknown_option"


class UnknownParticipant(WorkshopError):
    key = "unknown_participant"


class WorkshopClosed(WorkshopError):
    key = "closed"


class AnswerLocked(WorkshopError):
    """The question's answer has been revealed: answers to it can no longer change."""

    key = "answer_locked"


class TooManyTries(WorkshopError):
    """Too many wrong join codes from one client: it must wait ``seconds``."""

    key = "too_many_tries"


class NotShown(WorkshopError):
    """An answer to a question that is not the one on the shared screen now."""

    key = "not_shown"


class InvalidInput(WorkshopError, ValueError):
    """An input is empty, too long or malformed. ``field`` names the input, ``problem`` what is
    wrong with it; the key is ``<field>.<problem>``, one of :data:`PROBLEMS` (any other is a
    mistake in the code, refused here so that no key the content lacks is ever made)."""

    #: The problems each input can have.
    PROBLEMS: ClassVar[dict[str, tuple[str, ...]]] = {
        "title": ("invalid", "empty", "too_long"),
        "nickname": ("invalid", "too_long"),
        "text": ("invalid", "empty", "too_long"),
        "pin": ("invalid", "empty", "too_short", "too_long"),
        "code": ("too_long",),
        "question": ("too_long",),
        "option": ("too_long",),
        "participant": ("too_long",),
        "questions": ("invalid", "empty", "too_many", "duplicate"),
        "group": ("invalid",),
        "retention": ("invalid",),
        "max_participants": ("invalid",),
        "url": ("invalid",),
    }
    keys = tuple(f"{f}.{p}" for f, problems in PROBLEMS.items() for p in problems)

    def __init__(self, field: str, problem: str, message: str, **params: Any):
        if problem not in self.PROBLEMS.get(field, ()):
            raise TypeError(f"InvalidInput: {field}.{problem} is not among InvalidInput.PROBLEMS")
        super().__init__(message, **params)
        self.field = field
        self.problem = problem
        self.key = f"{field}.{problem}"


class SchemaTooNew(WorkshopError):
    key = "schema_too_new"


class StorageUnavailable(WorkshopError):
    """The database cannot be used; the key says what kind of fault (:mod:`guide.workshop.faults`)."""

    key = "storage"
    keys = get_args(faults.FaultKey)


def error_keys() -> frozenset[str]:
    """Every key a store error can carry (``workshop.error.<key>``), from the error classes."""
    out: set[str] = set()
    todo: list[type[WorkshopError]] = [WorkshopError]
    while todo:
        cls = todo.pop()
        out.update(cls.keys)
        todo += cls.__subclasses__()
    return frozenset(out)


# ---------------------------------------------------------------------------
# What the store returns


@dataclass(frozen=True)
class Workshop:
    code: str
    title: str
    created_at: dt.datetime  # UTC, naive
    closed: bool
    current: int  # index of the question shown now
    total: int  # number of questions
    participants: int
    revealed: frozenset[str]
    #: The facilitator's secret key: given only by :meth:`Store.create` (None everywhere else).
    facilitator_key: str | None = None


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    counts: dict[str, int]  # every option, in the question's order, zeros included
    answered: int
    revealed: bool

    @property
    def leading(self) -> list[str]:
        """The option(s) chosen most often (empty when nobody answered)."""
        if not self.answered:
            return []
        top = max(self.counts.values())
        return [o for o, n in self.counts.items() if n == top]

    @property
    def correct_share(self) -> float | None:
        """For a question with a right answer: the share (0–1) who chose it; None otherwise."""
        if self.question.correct is None or not self.answered:
            return None
        return self.counts.get(self.question.correct, 0) / self.answered


@dataclass(frozen=True)
class OpenAnswer:
    """One participant's answer in words, with the facilitator's decision (None: not yet)."""

    id: int
    question_id: str
    text: str
    approved: bool | None


@dataclass(frozen=True)
class Summary:
    code: str
    title: str
    created_at: dt.datetime
    closed: bool
    participants: int
    questions: list[QuestionResult]
    #: The approved answers in words, by open question, grouped and counted (most frequent first).
    open_answers: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    #: The answers by table: ``{question_id: {group: {option_id: count}}}`` (groups that answered).
    by_group: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)

    @property
    def answers(self) -> int:
        return sum(r.answered for r in self.questions)


# ---------------------------------------------------------------------------
# Schema

metadata = sa.MetaData()

schema_table = sa.Table(
    "workshop_schema", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)

workshops = sa.Table(
    "workshops", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("code", sa.String(16), nullable=False, unique=True),
    sa.Column("title", sa.String(MAX_TITLE), nullable=False),
    sa.Column("pin_hash", sa.String(200), nullable=False),
    sa.Column("key_hash", sa.String(64)),  # SHA-256 of the facilitator key (schema 2)
    sa.Column("created_at", sa.DateTime, nullable=False, index=True),
    sa.Column("closed_at", sa.DateTime),
    sa.Column("current_index", sa.Integer, nullable=False, server_default="0"),
    sa.Column("failed_pins", sa.Integer, nullable=False, server_default="0"),
    sa.Column("locked_until", sa.DateTime),
)

questions_table = sa.Table(
    "workshop_questions", metadata,
    sa.Column("workshop_id", sa.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("question_id", sa.String(MAX_ID), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("ref", sa.String(MAX_ID), nullable=False),
    sa.Column("options", sa.Text, nullable=False),  # option ids joined by ","
    sa.Column("correct", sa.String(MAX_ID)),
    sa.Column("revealed", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.UniqueConstraint("workshop_id", "question_id", name="uq_workshop_question"),
)

participants = sa.Table(
    "workshop_participants", metadata,
    sa.Column("id", sa.String(MAX_PARTICIPANT_ID), primary_key=True),
    sa.Column("workshop_id", sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("nickname", sa.String(MAX_NICKNAME)),
    sa.Column("group_id", sa.String(40)),  # the table the participant answers for (schema 2)
    sa.Column("joined_at", sa.DateTime, nullable=False),
)

answers = sa.Table(
    "workshop_answers", metadata,
    sa.Column("participant_id", sa.ForeignKey("workshop_participants.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("question_id", sa.String(MAX_ID), primary_key=True),
    sa.Column("workshop_id", sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False),
    sa.Column("option_id", sa.String(MAX_ID), nullable=False),
    sa.Column("answered_at", sa.DateTime, nullable=False),
    sa.Index("ix_workshop_answers_count", "workshop_id", "question_id", "option_id"),
)

texts_table = sa.Table(
    "workshop_texts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("workshop_id", sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False),
    sa.Column("question_id", sa.String(MAX_ID), nullable=False),
    sa.Column("participant_id", sa.ForeignKey("workshop_participants.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("text", sa.String(wq.MAX_OPEN), nullable=False),
    sa.Column("approved", sa.Boolean),  # None: waiting for the facilitator
    sa.Column("answered_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("participant_id", "question_id", name="uq_workshop_text"),
    sa.Index("ix_workshop_texts", "workshop_id", "question_id"),
)

_ADVISORY_KEY = 0x5EE1E2  # serialises schema creation across PostgreSQL clients


# ---------------------------------------------------------------------------
# Configuration


def default_url(environ: dict[str, str] | None = None) -> str:
    """``WORKSHOP_DATABASE_URL``, else a SQLite file at ``WORKSHOP_DB_PATH`` or ``data/workshops.db``."""
    env = os.environ if environ is None else environ
    url = (env.get(ENV_URL) or "").strip()
    if url:
        return url
    path = Path(env.get(ENV_PATH) or DEFAULT_DB)
    return f"sqlite:///{path}"


def default_retention_days(environ: dict[str, str] | None = None) -> int:
    """``WORKSHOP_RETENTION_DAYS`` (a whole number of days, at least 1), default 30."""
    env = os.environ if environ is None else environ
    raw = (env.get(ENV_RETENTION) or "").strip()
    if not raw:
        return DEFAULT_RETENTION_DAYS
    try:
        days = int(raw)
    except ValueError:
        days = 0
    if days < 1:
        raise InvalidInput("retention", "invalid",
                           f"{ENV_RETENTION} must be a whole number of days, at least 1 (got {raw!r})",
                           value=raw)
    return days


def _normalise_url(url: str) -> str:
    # psycopg 3 is the PostgreSQL driver we ship; a plain postgresql:// URL means it.
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


# ---------------------------------------------------------------------------
# Input checks


#: Controls and line breaks: a space in every text the store keeps (titles, nicknames, answers in
#: words). Direction marks and invisible characters (soft hyphen, combining grapheme joiner, Arabic
#: letter mark, Hangul fillers, Mongolian vowel separator, zero-width characters, word joiner and
#: invisible operators, the byte order mark, and the tag characters, which can hide text): removed.
#: Done here, in :func:`_clean`, and nowhere else.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\u3164\ufeff\uffa0\U000e0000-\U000e007f]")


def _clean(value: object, field: str, *, max_len: int, required: bool) -> str | None:
    """A one-line text: control and direction characters removed, whitespace collapsed, limited."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(field, "invalid", f"{field} must be text")
    s = unicodedata.normalize("NFC", value)
    s = " ".join(_INVISIBLE.sub("", _CONTROL.sub(" ", s)).split())
    if not s:
        if required:
            raise InvalidInput(field, "empty", f"{field} must not be empty")
        return None
    if len(s) > max_len:
        raise InvalidInput(field, "too_long", f"{field} is longer than {max_len} characters",
                           max=max_len)
    return s


def _check_pin_text(pin: object) -> str:
    if not isinstance(pin, str):
        raise InvalidInput("pin", "invalid", "the PIN must be text")
    pin = pin.strip()
    if len(pin) < MIN_PIN:
        raise InvalidInput("pin", "too_short", f"the PIN must have at least {MIN_PIN} characters",
                           min=MIN_PIN)
    if len(pin) > MAX_PIN:
        raise InvalidInput("pin", "too_long", f"the PIN must have at most {MAX_PIN} characters",
                           max=MAX_PIN)
    return pin


def normalise_code(code: object) -> str:
    """A join code as typed (any case, spaces and dashes allowed) in its stored form.

    Raises :class:`InvalidInput` if it is far too long and :class:`UnknownWorkshop` if it cannot be
    a code at all.
    """
    if not isinstance(code, str):
        raise UnknownWorkshop("the join code must be text", code="")
    if len(code) > MAX_CODE_INPUT:
        raise InvalidInput("code", "too_long", f"a join code has at most {MAX_CODE_INPUT} characters",
                           max=MAX_CODE_INPUT)
    c = re.sub(r"[\s\-]", "", code).upper()
    if not (CODE_LENGTH <= len(c) <= 16) or any(ch not in CODE_ALPHABET for ch in c):
        raise UnknownWorkshop(f"there is no workshop with the code {c!r}", code=c)
    return c


def new_code(length: int = CODE_LENGTH) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def _check_id(value: object, field: str, error: type[WorkshopError], max_len: int = MAX_ID) -> str:
    if not isinstance(value, str):
        raise error(f"{field} must be text", id="")
    if len(value) > max_len:
        raise InvalidInput(field, "too_long", f"{field} is longer than {max_len} characters",
                           max=max_len)
    return value


# ---------------------------------------------------------------------------
# PIN hashing


def hash_pin(pin: str) -> str:
    """``scrypt$N$r$p$salt$hash`` with a random 16-byte salt (hex)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                            dklen=SCRYPT_LEN)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def _by_group(rows: Sequence[Any], qs: list[tuple[Question, bool]]) -> dict[str, dict[str, dict[str, int]]]:
    """Counts by question, table and option (every option of a table that answered, zeros too)."""
    got: dict[str, dict[str, dict[str, int]]] = {}
    for qid, group, opt, n in rows:
        got.setdefault(qid, {}).setdefault(group, {})[opt] = int(n)
    out: dict[str, dict[str, dict[str, int]]] = {}
    for q, _ in qs:
        if q.id in got:
            out[q.id] = {g: {o: got[q.id][g].get(o, 0) for o in q.options}
                         for g in wq.GROUPS if g in got[q.id]}
    return out


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def verify_pin(pin: str, stored: str) -> bool:
    try:
        name, n, r, p, salt, digest = stored.split("$")
        if name != "scrypt":
            return False
        got = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(bytes.fromhex(digest)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


# ---------------------------------------------------------------------------
# The store


class Store:
    """All workshops in one database. Thread-safe; share one per process.

    ``url``: a SQLAlchemy URL (default :func:`default_url`). ``retention_days``: workshops older
    than this are deleted (default :func:`default_retention_days`). ``clock``: seconds since the epoch
    (tests move it). From the ``pin_free_attempts``-th wrong PIN in a row on, each wrong PIN locks
    the workshop's facilitator actions (for every client of the database) for
    ``pin_base_delay`` × 2^k seconds (k = 0, 1, 2 …), at most ``pin_max_delay``; the facilitator
    key is never locked. ``max_participants``: how many may join one workshop (default
    :data:`MAX_PARTICIPANTS`).
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        retention_days: int | None = None,
        clock: Callable[[], float] = time.time,
        pin_free_attempts: int = 3,
        pin_base_delay: float = 2.0,
        pin_max_delay: float = 300.0,
        pool_size: int = 10,
        max_overflow: int = 30,
        content: Any = None,
        max_participants: int | None = None,
    ):
        self.url = _normalise_url(url or default_url())
        self.retention_days = (retention_days if retention_days is not None
                               else default_retention_days())
        if self.retention_days < 1:
            raise InvalidInput("retention", "invalid", "retention_days must be at least 1",
                               value=self.retention_days)
        self._clock = clock
        self._pin_free = pin_free_attempts
        self._pin_base = pin_base_delay
        self._pin_max = pin_max_delay
        self._content = content
        self.max_participants = MAX_PARTICIPANTS if max_participants is None else int(max_participants)
        if self.max_participants < 1:
            raise InvalidInput("max_participants", "invalid", "max_participants must be at least 1",
                               value=max_participants)
        try:
            self.engine = self._make_engine(pool_size, max_overflow)
        except (sa.exc.NoSuchModuleError, ImportError, OSError) as exc:  # no driver; a folder not made
            raise faults.unavailable(exc, self.url) from exc
        except sa.exc.ArgumentError as exc:  # a malformed URL
            raise InvalidInput("url", "invalid", f"{ENV_URL} is not a database URL this app can use: {exc}",
                               detail=str(exc)) from exc
        self.dialect = self.engine.dialect.name
        self._write_lock: AbstractContextManager[Any] = (
            threading.RLock() if self.dialect == "sqlite" else contextlib.nullcontext())
        self._init_schema()
        self._purged_at = -math.inf
        #: Wrong join codes per client address (in this process).
        self.code_guesses = Attempts(allowed=20, window_s=60.0)
        self._purge_lock = threading.Lock()
        self.purge()

    # -- engine and transactions ------------------------------------------------------

    def _make_engine(self, pool_size: int, max_overflow: int) -> Engine:
        url = sa.make_url(self.url)
        if url.get_backend_name() == "sqlite":
            db = url.database or ""
            if db and db != ":memory:" and not db.startswith("file:"):
                Path(db).parent.mkdir(parents=True, exist_ok=True)
            engine = sa.create_engine(
                url, pool_size=pool_size, max_overflow=max_overflow, pool_timeout=60,
                connect_args={"timeout": faults.BUSY_TIMEOUT_S, "check_same_thread": False},
            )

            @sa.event.listens_for(engine, "connect")
            def _on_connect(dbapi_conn: Any, _record: Any) -> None:
                dbapi_conn.isolation_level = None  # transactions are begun below, not by the driver
                cur = dbapi_conn.cursor()
                for pragma in ("journal_mode=WAL", f"busy_timeout={int(faults.BUSY_TIMEOUT_S * 1000)}",
                               "foreign_keys=ON", "synchronous=NORMAL", "secure_delete=ON"):
                    cur.execute(f"PRAGMA {pragma}")
                cur.close()

            @sa.event.listens_for(engine, "begin")
            def _on_begin(conn: Connection) -> None:
                # Writers take the write lock at once (BEGIN IMMEDIATE), so that a transaction
                # that reads and then writes waits for the busy timeout instead of failing.
                mode = "IMMEDIATE" if conn.get_execution_options().get("write") else "DEFERRED"
                conn.exec_driver_sql(f"BEGIN {mode}")

            return engine
        return sa.create_engine(url, pool_size=pool_size, max_overflow=max_overflow, pool_timeout=60,
                                pool_pre_ping=True)

    @contextmanager
    def _tx(self, write: bool) -> Iterator[Connection]:
        # SQLite has one writer at a time. Writers of this process queue on a lock (handed over at
        # once) rather than in SQLite's busy handler (which sleeps and retries); other processes
        # still wait through the busy timeout.
        lock = self._write_lock if write else contextlib.nullcontext()
        try:
            with lock, self.engine.connect() as conn:
                if write:
                    conn.execution_options(write=True)
                with conn.begin():
                    yield conn
        except (sa.exc.IntegrityError, sa.exc.DataError):
            raise  # the store's own business (a join code taken)
        except (sa.exc.DBAPIError, OSError) as exc:  # cannot be read, written, reached; busy
            if faults.lost_schema(exc):  # the tables went away under the running app
                raise self._schema_lost(exc) from exc
            if isinstance(exc, sa.exc.ProgrammingError):
                raise
            raise faults.unavailable(exc, self.url) from exc

    def _schema_lost(self, exc: BaseException) -> WorkshopError:
        """Make the tables again and say so (the workshops that were in them are gone)."""
        try:
            self._init_schema()
        except WorkshopError as failed:
            return failed
        lost = StorageUnavailable("the workshop tables were lost and have been made again")
        lost.key = "schema_lost"
        faults.report(faults.Fault("schema_lost", f"{type(exc).__name__}: {exc}"), self.url)
        return lost

    def _read(self) -> AbstractContextManager[Connection]:
        return self._tx(False)

    def _write(self) -> AbstractContextManager[Connection]:
        """A write transaction (on SQLite it holds the write lock from its first statement)."""
        return self._tx(True)

    def _now(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self._clock(), dt.UTC).replace(tzinfo=None)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    # -- schema ------------------------------------------------------------------------

    def _init_schema(self) -> None:
        with self._write() as conn:
            if self.dialect == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ADVISORY_KEY})
            found = None
            if sa.inspect(conn).has_table(schema_table.name):
                found = conn.execute(
                    sa.select(schema_table.c.version).where(schema_table.c.id == 1)).scalar()
            if found is not None and found > SCHEMA_VERSION:
                raise SchemaTooNew(
                    f"The workshop database at {sa.make_url(self.url).render_as_string()} has schema "
                    f"version {found}, but this version of the app knows only up to version "
                    f"{SCHEMA_VERSION}. Update the app, or point {ENV_URL} at another database.",
                    found=found, known=SCHEMA_VERSION)
            if found is not None and found < 2:  # 1 -> 2: the facilitator key's hash
                have = sa.inspect(conn)
                if have.has_table("workshops"):
                    conn.execute(sa.text("ALTER TABLE workshops ADD COLUMN key_hash VARCHAR(64)"))
                if have.has_table("workshop_participants"):
                    conn.execute(sa.text("ALTER TABLE workshop_participants ADD COLUMN group_id VARCHAR(40)"))
            metadata.create_all(conn)
            if found is None:
                conn.execute(sa.insert(schema_table).values(id=1, version=SCHEMA_VERSION,
                                                            updated_at=self._now()))
            elif found < SCHEMA_VERSION:
                conn.execute(sa.update(schema_table).where(schema_table.c.id == 1)
                             .values(version=SCHEMA_VERSION, updated_at=self._now()))

    def schema_version(self) -> int:
        with self._read() as conn:
            return int(conn.execute(
                sa.select(schema_table.c.version).where(schema_table.c.id == 1)).scalar_one())

    # -- helpers -----------------------------------------------------------------------

    def _row(self, conn: Connection, code: str) -> sa.Row[Any]:
        row = conn.execute(sa.select(workshops).where(workshops.c.code == code)).first()
        if row is None:
            raise UnknownWorkshop(f"there is no workshop with the code {code!r}", code=code)
        return row

    def _questions(self, conn: Connection, workshop_id: int) -> list[tuple[Question, bool]]:
        q = questions_table.c
        rows = conn.execute(sa.select(questions_table).where(q.workshop_id == workshop_id)
                            .order_by(q.position)).all()
        return [
            (Question(id=r.question_id, kind=r.kind, options=r.options.split(",") if r.options else [],
                      ref=r.ref, correct=r.correct), bool(r.revealed))
            for r in rows
        ]

    def _authorise(self, code: object, pin: object = None, key: object = None) -> sa.Row[Any]:
        """The workshop row if ``key`` (the facilitator key, or a session key of
        :meth:`session_key`) or ``pin`` opens it.

        A key is checked first and never counted or locked. A PIN attempt is counted, and the lock
        set, in one write transaction *before* the slow hash is checked: ``pin_free_attempts``
        wrong PINs may be given; each one after that (and the one that reaches it) locks the PIN
        for a growing time. A right PIN does not wipe the count (so wrong guesses interleaved with
        right ones still lock, :class:`PinLocked`); the count is forgotten only after
        ``PIN_QUIET_S`` without a lock in force. While locked, no PIN is checked at all.
        """
        code = normalise_code(code)
        row: sa.Row[Any] | None
        if key is not None:
            with self._read() as conn:
                row = self._row(conn, code)
            if (isinstance(key, str) and 0 < len(key) <= MAX_KEY and row.key_hash
                    and (hmac.compare_digest(_key_hash(key), row.key_hash)
                         or self._session_ok(key, row))):
                return row
            raise WrongKey("the facilitator key does not open this workshop", code=code)
        if pin is None:
            raise InvalidInput("pin", "empty", "a facilitator action needs the PIN or the facilitator key")
        if not isinstance(pin, str) or len(pin) > MAX_PIN:
            pin = ""  # cannot be right; still counted as a wrong attempt
        w = workshops.c
        now = self._now()
        with self._write() as conn:
            row = conn.execute(sa.select(workshops).where(w.code == code).with_for_update()).first()
            if row is None:
                raise UnknownWorkshop(f"there is no workshop with the code {code!r}", code=code)
            if row.locked_until is not None and row.locked_until > now:
                wait = math.ceil((row.locked_until - now).total_seconds())
                raise PinLocked(f"too many wrong PINs: try again in {wait} s", seconds=wait)
            failed = int(row.failed_pins) + 1
            if row.locked_until is not None and now - row.locked_until > dt.timedelta(seconds=PIN_QUIET_S):
                failed = 1  # a quiet hour since the last lock: earlier wrong PINs are forgotten
            delay = 0.0
            if failed >= self._pin_free:
                delay = min(self._pin_base * 2 ** (failed - self._pin_free), self._pin_max)
            lock = now + dt.timedelta(seconds=delay) if delay else row.locked_until
            conn.execute(sa.update(workshops).where(w.id == row.id).values(
                failed_pins=failed, locked_until=lock))
        if verify_pin(pin.strip(), row.pin_hash):
            with self._write() as conn:  # a right PIN takes back its own count and lock, no more
                conn.execute(sa.update(workshops).where(w.id == row.id).values(
                    failed_pins=sa.case((w.failed_pins > 0, w.failed_pins - 1), else_=0)))
                if delay:  # unless a wrong PIN given meanwhile set a lock of its own
                    conn.execute(sa.update(workshops).where(w.id == row.id, w.locked_until == lock)
                                 .values(locked_until=row.locked_until))
            return row
        err = WrongPin("the PIN is wrong", failures=failed, seconds=math.ceil(delay))
        if delay:
            err.key = "wrong_pin_locked"  # the message says how long to wait
        raise err

    # -- facilitator -------------------------------------------------------------------

    def create(self, title: str, *, pin: str, questions: Sequence[Question | str] | None = None) -> Workshop:
        """A new workshop asking ``questions`` (default: every myth).

        Returns it with its join code and its ``facilitator_key`` (the only time the key is given:
        it is stored as a hash).
        """
        clean_title = _clean(title, "title", max_len=MAX_TITLE, required=True)
        assert clean_title is not None
        pin = _check_pin_text(pin)
        qs = self._resolve_questions(questions)
        pin_hash = hash_pin(pin)
        key = secrets.token_urlsafe(KEY_BYTES)
        now = self._now()
        self.purge()
        for _ in range(20):
            code = new_code()
            try:
                with self._write() as conn:
                    wid: int = conn.execute(sa.insert(workshops).values(
                        code=code, title=clean_title, pin_hash=pin_hash, key_hash=_key_hash(key),
                        created_at=now,
                        current_index=0, failed_pins=0).returning(workshops.c.id)).scalar_one()
                    conn.execute(sa.insert(questions_table), [
                        {"workshop_id": wid, "position": i, "question_id": q.id, "kind": q.kind,
                         "ref": q.ref, "options": ",".join(q.options), "correct": q.correct,
                         "revealed": False}
                        for i, q in enumerate(qs)
                    ])
            except sa.exc.IntegrityError:
                continue  # the code was taken: draw another
            return Workshop(code=code, title=clean_title, created_at=now, closed=False, current=0,
                            total=len(qs), participants=0, revealed=frozenset(), facilitator_key=key)
        raise StorageUnavailable("could not find a free join code")  # pragma: no cover

    def _resolve_questions(self, questions: Sequence[Question | str] | None) -> list[Question]:
        if questions is None or any(isinstance(q, str) for q in questions):
            from guide import content as content_mod

            c = self._content or content_mod.default()
            if questions is None:
                return wq.myths(c)
            known = wq.catalogue(c)
        else:
            known = {}
        if isinstance(questions, str | bytes):
            raise InvalidInput("questions", "invalid", "questions must be a list")
        out: list[Question] = []
        for q in questions:
            if isinstance(q, str):
                if q not in known:
                    raise UnknownQuestion(f"unknown question id {q[:MAX_ID]!r}", id=q[:MAX_ID])
                q = known[q]
            if not isinstance(q, Question):
                raise InvalidInput("questions", "invalid", "each question must be a Question or an id")
            if not wq.ID_PATTERN.match(q.id) or (not q.options and not q.open) or (q.open and q.options) \
                    or len(q.options) > MAX_OPTIONS:
                raise InvalidInput("questions", "invalid", f"question {q.id[:MAX_ID]!r} is malformed")
            if any(not wq.ID_PATTERN.match(o) for o in q.options) or len(set(q.options)) != len(q.options):
                raise InvalidInput("questions", "invalid", f"the options of {q.id!r} are malformed")
            if q.correct is not None and q.correct not in q.options:
                raise InvalidInput("questions", "invalid", f"the right option of {q.id!r} is not an option")
            if q.kind not in wq.KINDS or len(q.ref) > MAX_ID:
                raise InvalidInput("questions", "invalid", f"question {q.id!r} is malformed")
            out.append(q)
        if not out:
            raise InvalidInput("questions", "empty", "a workshop needs at least one question")
        if len(out) > MAX_QUESTIONS:
            raise InvalidInput("questions", "too_many", f"a workshop has at most {MAX_QUESTIONS} questions",
                               max=MAX_QUESTIONS)
        if len({q.id for q in out}) != len(out):
            raise InvalidInput("questions", "duplicate", "a question appears twice")
        return out

    def check_pin(self, code: str, *, pin: str | None = None, key: str | None = None) -> Workshop:
        """Raise :class:`WrongPin` / :class:`PinLocked` (or :class:`WrongKey`) unless ``pin`` (or
        ``key``) opens the workshop."""
        row = self._authorise(code, pin, key)
        return self.workshop(row.code)

    def session_key(self, code: str, *, pin: str | None = None, key: str | None = None) -> str:
        """A key for this screen's session, given once ``pin`` (or ``key``) opens the workshop.

        A screen opened with the PIN keeps this instead of the PIN and never checks the PIN again;
        it opens the workshop like the facilitator key for ``SESSION_KEY_S`` seconds, and stops
        working when the workshop's facilitator key changes. It is signed with the key's hash, so
        the store keeps nothing more."""
        row = self._authorise(code, pin, key)
        if not row.key_hash:
            raise WrongKey("this workshop has no facilitator key", code=row.code)
        expires = int(self._clock()) + SESSION_KEY_S
        return f"{SESSION_PREFIX}{expires}.{self._session_mac(row, expires)}"

    @staticmethod
    def _session_mac(row: sa.Row[Any], expires: int) -> str:
        msg = f"{row.code}.{expires}".encode()
        return hmac.new(row.key_hash.encode(), msg, hashlib.sha256).hexdigest()[:40]

    def _session_ok(self, key: str, row: sa.Row[Any]) -> bool:
        if not key.startswith(SESSION_PREFIX):
            return False
        expires_text, _, mac = key[len(SESSION_PREFIX):].partition(".")
        if not expires_text.isdigit() or int(expires_text) < self._clock():
            return False
        return hmac.compare_digest(mac, self._session_mac(row, int(expires_text)))

    def goto(self, code: str, index: int, *, pin: str | None = None, key: str | None = None) -> int:
        """Show question ``index`` (clamped to the questions there are). Returns the new index."""
        row = self._authorise(code, pin, key)
        with self._write() as conn:
            total = int(conn.execute(sa.select(sa.func.count()).select_from(questions_table)
                                     .where(questions_table.c.workshop_id == row.id)).scalar_one())
            new = max(0, min(int(index), total - 1))
            conn.execute(sa.update(workshops).where(workshops.c.id == row.id).values(current_index=new))
        return new

    def next(self, code: str, *, pin: str | None = None, key: str | None = None) -> int:
        return self._step(code, +1, pin, key)

    def previous(self, code: str, *, pin: str | None = None, key: str | None = None) -> int:
        return self._step(code, -1, pin, key)

    def _step(self, code: str, delta: int, pin: str | None, key: str | None) -> int:
        row = self._authorise(code, pin, key)
        w = workshops.c
        with self._write() as conn:
            total = int(conn.execute(sa.select(sa.func.count()).select_from(questions_table)
                                     .where(questions_table.c.workshop_id == row.id)).scalar_one())
            current = int(conn.execute(sa.select(w.current_index).where(w.id == row.id)
                                       .with_for_update()).scalar_one())
            new = max(0, min(current + delta, total - 1))
            conn.execute(sa.update(workshops).where(w.id == row.id).values(current_index=new))
        return new

    def reveal(self, code: str, question_id: str | None = None, *, pin: str | None = None,
               key: str | None = None) -> None:
        """Show the room's answers to ``question_id`` (default: the current question) and, if it has
        one, its right answer: until then the shared screen shows only how many have answered.

        From then on its answers cannot change (:class:`AnswerLocked`).
        """
        row = self._authorise(code, pin, key)
        q = questions_table.c
        with self._write() as conn:
            where = q.workshop_id == row.id
            if question_id is None:
                where = sa.and_(where, q.position == row.current_index)
            else:
                _check_id(question_id, "question", UnknownQuestion)
                where = sa.and_(where, q.question_id == question_id)
            found = conn.execute(sa.select(q.correct).where(where)).first()
            if found is None:
                raise UnknownQuestion(f"no question {question_id!r} in this workshop",
                                      id=question_id or "")
            conn.execute(sa.update(questions_table).where(where).values(revealed=True))

    def close(self, code: str, *, pin: str | None = None, key: str | None = None) -> None:
        """No more joins or answers; the results stay until the workshop is deleted."""
        row = self._authorise(code, pin, key)
        with self._write() as conn:
            conn.execute(sa.update(workshops).where(workshops.c.id == row.id)
                         .where(workshops.c.closed_at.is_(None)).values(closed_at=self._now()))

    def delete(self, code: str, *, pin: str | None = None, key: str | None = None) -> None:
        """Delete the workshop with its questions, participants and answers, at once."""
        row = self._authorise(code, pin, key)
        with self._write() as conn:
            self._delete_ids(conn, sa.select(sa.literal(row.id)))
        self._checkpoint()  # nothing of it stays in the write-ahead log

    def nicknames(self, code: str, *, pin: str | None = None, key: str | None = None) -> list[str]:
        """The nicknames participants gave, in the order they joined (plain text)."""
        row = self._authorise(code, pin, key)
        p = participants.c
        with self._read() as conn:
            return [r[0] for r in conn.execute(
                sa.select(p.nickname).where(p.workshop_id == row.id, p.nickname.is_not(None))
                .order_by(p.joined_at, p.id))]

    # -- retention ---------------------------------------------------------------------

    @staticmethod
    def _delete_ids(conn: Connection, ids: sa.Select[Any]) -> int:
        for table in (texts_table, answers, participants, questions_table):
            conn.execute(sa.delete(table).where(table.c.workshop_id.in_(ids)))
        return int(conn.execute(sa.delete(workshops).where(workshops.c.id.in_(ids))).rowcount)

    def purge(self) -> int:
        """Delete every workshop created more than ``retention_days`` ago. Returns how many.

        It runs at start-up, on every create and, inside a running app, at most every
        ``PURGE_EVERY_S`` seconds from the calls every screen makes (:meth:`workshop`,
        :meth:`join`). On SQLite the deleted rows are overwritten (``secure_delete``) and the
        write-ahead log is emptied into the file, so nothing deleted stays on disk."""
        self._purged_at = self._clock()
        cutoff = self._now() - dt.timedelta(days=self.retention_days)
        with self._read() as conn:
            old = conn.execute(sa.select(sa.func.count()).select_from(workshops)
                               .where(workshops.c.created_at < cutoff)).scalar_one()
        if not old:
            return 0
        with self._write() as conn:
            ids = sa.select(workshops.c.id).where(workshops.c.created_at < cutoff)
            gone = self._delete_ids(conn, ids)
        self._checkpoint()
        return gone

    def _due_purge(self) -> None:
        """Retention on a schedule: :meth:`purge` when ``PURGE_EVERY_S`` has passed (one caller
        runs it; the others go on at once)."""
        if self._clock() - self._purged_at < PURGE_EVERY_S or not self._purge_lock.acquire(blocking=False):
            return
        try:
            if self._clock() - self._purged_at >= PURGE_EVERY_S:
                self.purge()
        finally:
            self._purge_lock.release()

    def _checkpoint(self) -> None:
        """SQLite: move the write-ahead log into the database file and empty it."""
        if self.dialect != "sqlite":
            return
        with self._write_lock, self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    # -- anyone with the code ---------------------------------------------------------------

    def workshop(self, code: str) -> Workshop:
        code = normalise_code(code)
        self._due_purge()
        with self._read() as conn:
            row = self._row(conn, code)
            total = conn.execute(sa.select(sa.func.count()).select_from(questions_table)
                                 .where(questions_table.c.workshop_id == row.id)).scalar_one()
            people = conn.execute(sa.select(sa.func.count()).select_from(participants)
                                  .where(participants.c.workshop_id == row.id)).scalar_one()
            revealed: Sequence[str] = conn.execute(sa.select(questions_table.c.question_id).where(
                questions_table.c.workshop_id == row.id, questions_table.c.revealed)).scalars().all()
        return Workshop(code=row.code, title=row.title, created_at=row.created_at,
                        closed=row.closed_at is not None, current=int(row.current_index),
                        total=int(total), participants=int(people), revealed=frozenset(revealed))

    def questions(self, code: str) -> list[Question]:
        code = normalise_code(code)
        with self._read() as conn:
            row = self._row(conn, code)
            return [q for q, _ in self._questions(conn, row.id)]

    def results(self, code: str) -> dict[str, dict[str, int]]:
        """``{question_id: {option_id: count}}`` with every question and option, zeros included."""
        return {r.question.id: r.counts for r in self.summary(code).questions}

    def summary(self, code: str) -> Summary:
        code = normalise_code(code)
        a = answers.c
        with self._read() as conn:
            row = self._row(conn, code)
            qs = self._questions(conn, row.id)
            counts: Sequence[tuple[str, str, int]] = conn.execute(
                sa.select(a.question_id, a.option_id, sa.func.count())
                .where(a.workshop_id == row.id).group_by(a.question_id, a.option_id)).all()
            people = conn.execute(sa.select(sa.func.count()).select_from(participants)
                                  .where(participants.c.workshop_id == row.id)).scalar_one()
            grouped = conn.execute(
                sa.select(a.question_id, participants.c.group_id, a.option_id, sa.func.count())
                .select_from(answers.join(participants, participants.c.id == a.participant_id))
                .where(a.workshop_id == row.id, participants.c.group_id.is_not(None))
                .group_by(a.question_id, participants.c.group_id, a.option_id)).all()
            x = texts_table.c
            words: Sequence[tuple[str, str, bool | None]] = conn.execute(
                sa.select(x.question_id, x.text, x.approved)
                .where(x.workshop_id == row.id).order_by(x.id)).all()
        got: dict[str, dict[str, int]] = {}
        for qid, opt, n in counts:
            got.setdefault(qid, {})[opt] = int(n)
        given = Counter(qid for qid, _, _ in words)
        approved: dict[str, list[str]] = {}
        for qid, text, ok in words:
            if ok:
                approved.setdefault(qid, []).append(text)
        results = []
        for q, revealed in qs:
            c = {o: got.get(q.id, {}).get(o, 0) for o in q.options}
            results.append(QuestionResult(question=q, counts=c,
                                          answered=given[q.id] if q.open else sum(c.values()),
                                          revealed=revealed))
        return Summary(code=row.code, title=row.title, created_at=row.created_at,
                       closed=row.closed_at is not None, participants=int(people), questions=results,
                       open_answers={q.id: wq.group_texts(approved.get(q.id, [])) for q, _ in qs if q.open},
                       by_group=_by_group(grouped, qs))

    # -- participants ------------------------------------------------------------------

    def join(self, code: str, nickname: str | None = None, *, participant_id: str | None = None,
             group: str | None = None, client: str | None = None) -> str:
        """Join an open workshop; returns the participant id (a secret token: keep it private).

        With the ``participant_id`` of someone already in this workshop (the same browser coming
        back), that seat is returned (and its nickname changed if one is given): nobody gets two
        seats and two votes. Refused with :class:`WorkshopFull` when the workshop has
        ``max_participants`` (the count and the new seat in one transaction). ``group``: the table
        the participant answers for (one of :data:`guide.workshop.questions.GROUPS`), if any.
        ``client``: the address the request came from; after 20 wrong codes in a minute from one
        address it must wait (:class:`TooManyTries`).
        """
        if client is not None and (wait := self.code_guesses.wait(client)):
            raise TooManyTries(f"too many wrong codes from one client: wait {wait} s", seconds=wait)
        try:
            return self._join(code, nickname, participant_id=participant_id, group=group)
        except UnknownWorkshop:
            if client is not None:
                self.code_guesses.failed(client)
            raise

    def _join(self, code: str, nickname: str | None, *, participant_id: str | None,
              group: str | None) -> str:
        code = normalise_code(code)
        self._due_purge()
        nick = _clean(nickname, "nickname", max_len=MAX_NICKNAME, required=False)
        if group is not None and group not in wq.GROUPS:
            raise InvalidInput("group", "invalid", f"{str(group)[:40]!r} is not a table of the room")
        p = participants.c
        with self._write() as conn:
            row = conn.execute(sa.select(workshops).where(workshops.c.code == code)
                               .with_for_update()).first()
            if row is None:
                raise UnknownWorkshop(f"there is no workshop with the code {code!r}", code=code)
            if row.closed_at is not None:
                raise WorkshopClosed(f"the workshop {code} is closed", code=code)
            if isinstance(participant_id, str) and 0 < len(participant_id) <= MAX_PARTICIPANT_ID:
                seat = conn.execute(sa.select(p.id).where(p.id == participant_id,
                                                          p.workshop_id == row.id)).first()
                if seat is not None:
                    change = {k: v for k, v in (("nickname", nick), ("group_id", group)) if v is not None}
                    if change:
                        conn.execute(sa.update(participants).where(p.id == participant_id).values(**change))
                    return participant_id
            people = int(conn.execute(sa.select(sa.func.count()).select_from(participants)
                                      .where(p.workshop_id == row.id)).scalar_one())
            if people >= self.max_participants:
                raise WorkshopFull(f"the workshop {code} has {people} participants, as many as it takes",
                                   code=code, max=self.max_participants)
            pid = secrets.token_urlsafe(16)
            conn.execute(sa.insert(participants).values(id=pid, workshop_id=row.id, nickname=nick,
                                                        group_id=group, joined_at=self._now()))
        return pid

    def participant(self, code: str, participant_id: str) -> str | None:
        """The participant's nickname (None if they gave none); raises if they are not in this workshop."""
        code = normalise_code(code)
        pid = _check_id(participant_id, "participant", UnknownParticipant, MAX_PARTICIPANT_ID)
        p = participants.c
        with self._read() as conn:
            row = self._row(conn, code)
            found = conn.execute(sa.select(p.nickname).where(p.id == pid, p.workshop_id == row.id)).first()
        if found is None:
            raise UnknownParticipant("this participant is not in this workshop", code=code)
        return found.nickname

    def answer(self, code: str, participant_id: str, question_id: str, option_id: str) -> None:
        """Record the participant's answer; a new answer to the same question replaces the old one."""
        code = normalise_code(code)
        pid = _check_id(participant_id, "participant", UnknownParticipant, MAX_PARTICIPANT_ID)
        qid = _check_id(question_id, "question", UnknownQuestion)
        opt = _check_id(option_id, "option", UnknownOption)
        if not wq.ID_PATTERN.match(opt):  # e.g. two ids joined by a comma: exactly one option or none
            raise UnknownOption(f"{opt[:MAX_ID]!r} is not an option of {qid!r}", id=opt[:MAX_ID],
                                question=qid)
        now = self._now()
        with self._write() as conn:
            at_once = self.dialect in ("sqlite", "postgresql")
            if at_once and self._answer_at_once(conn, code, pid, qid, opt, now):
                return
            # Nothing was written: find out why (or, on other databases, check and write).
            w, p, q = workshops.c, participants.c, questions_table.c
            row = conn.execute(
                sa.select(w.id, w.closed_at, w.current_index, p.id.label("pid"), q.options,
                          q.revealed, q.position)
                .select_from(workshops
                             .outerjoin(participants, sa.and_(p.workshop_id == w.id, p.id == pid))
                             .outerjoin(questions_table, sa.and_(q.workshop_id == w.id,
                                                                 q.question_id == qid)))
                .where(w.code == code)).first()
            if row is None:
                raise UnknownWorkshop(f"there is no workshop with the code {code!r}", code=code)
            if row.closed_at is not None:
                raise WorkshopClosed(f"the workshop {code} is closed", code=code)
            if row.pid is None:
                raise UnknownParticipant("this participant is not in this workshop", code=code)
            if row.options is None:
                raise UnknownQuestion(f"no question {qid!r} in this workshop", id=qid)
            if opt not in row.options.split(","):
                raise UnknownOption(f"{opt!r} is not an option of {qid!r}", id=opt, question=qid)
            if row.revealed:
                raise AnswerLocked(f"the answer to {qid!r} has been revealed", id=qid)
            if row.position != row.current_index:
                raise NotShown(f"{qid!r} is not the question on the shared screen", id=qid)
            self._upsert(conn, {"participant_id": pid, "question_id": qid, "workshop_id": row.id,
                                "option_id": opt, "answered_at": now})

    def _answer_at_once(self, conn: Connection, code: str, pid: str, qid: str, opt: str,
                        now: dt.datetime) -> bool:
        """Check and write an answer in one statement (one round trip); False if nothing was written."""
        from sqlalchemy.dialects import postgresql, sqlite

        w, p, q = workshops.c, participants.c, questions_table.c
        listed = sa.literal(",") + q.options + sa.literal(",")
        wanted = sa.literal(",") + sa.literal(opt, sa.String) + sa.literal(",")
        find = sa.func.instr if self.dialect == "sqlite" else sa.func.strpos
        source = (
            sa.select(p.id, q.question_id, w.id, sa.literal(opt, sa.String),
                      sa.literal(now, sa.DateTime))
            .select_from(workshops.join(participants, p.workshop_id == w.id)
                         .join(questions_table, q.workshop_id == w.id))
            .where(w.code == code, w.closed_at.is_(None), p.id == pid, q.question_id == qid,
                   q.position == w.current_index, sa.not_(q.revealed), find(listed, wanted) > 0)
        )
        insert = sqlite.insert if self.dialect == "sqlite" else postgresql.insert
        stmt = insert(answers).from_select(
            ["participant_id", "question_id", "workshop_id", "option_id", "answered_at"], source)
        stmt = stmt.on_conflict_do_update(
            index_elements=[answers.c.participant_id, answers.c.question_id],
            set_={"option_id": stmt.excluded.option_id, "answered_at": stmt.excluded.answered_at})
        return conn.execute(stmt.returning(answers.c.participant_id)).first() is not None

    def _upsert(self, conn: Connection, values: dict[str, Any]) -> None:
        keys = [answers.c.participant_id, answers.c.question_id]
        change = {"option_id": values["option_id"], "answered_at": values["answered_at"]}
        if self.dialect in ("sqlite", "postgresql"):
            from sqlalchemy.dialects import postgresql, sqlite

            insert = sqlite.insert if self.dialect == "sqlite" else postgresql.insert
            stmt = insert(answers).values(**values)
            conn.execute(stmt.on_conflict_do_update(index_elements=keys, set_=change))
            return
        updated = conn.execute(sa.update(answers).where(
            answers.c.participant_id == values["participant_id"],
            answers.c.question_id == values["question_id"]).values(**change)).rowcount
        if not updated:
            conn.execute(sa.insert(answers).values(**values))

    def answers_of(self, code: str, participant_id: str) -> dict[str, str]:
        """The participant's own answers, ``{question_id: option_id}``."""
        code = normalise_code(code)
        pid = _check_id(participant_id, "participant", UnknownParticipant, MAX_PARTICIPANT_ID)
        a = answers.c
        with self._read() as conn:
            row = self._row(conn, code)
            rows: Iterable[tuple[str, str]] = conn.execute(
                sa.select(a.question_id, a.option_id).where(a.workshop_id == row.id, a.participant_id == pid))
            return {qid: opt for qid, opt in rows}

    # -- answers in words ---------------------------------------------------------------

    def answer_text(self, code: str, participant_id: str, question_id: str, text: str) -> None:
        """Record the participant's answer in words to an open question (a new one replaces the
        old and waits for the facilitator's approval again)."""
        code = normalise_code(code)
        pid = _check_id(participant_id, "participant", UnknownParticipant, MAX_PARTICIPANT_ID)
        qid = _check_id(question_id, "question", UnknownQuestion)
        words = _clean(text, "text", max_len=wq.MAX_OPEN, required=True)
        w, p, q, x = workshops.c, participants.c, questions_table.c, texts_table.c
        with self._write() as conn:
            row = conn.execute(
                sa.select(w.id, w.closed_at, w.current_index, p.id.label("pid"), q.kind, q.revealed,
                          q.position)
                .select_from(workshops
                             .outerjoin(participants, sa.and_(p.workshop_id == w.id, p.id == pid))
                             .outerjoin(questions_table,
                                        sa.and_(q.workshop_id == w.id, q.question_id == qid)))
                .where(w.code == code)).first()
            if row is None:
                raise UnknownWorkshop(f"there is no workshop with the code {code!r}", code=code)
            if row.closed_at is not None:
                raise WorkshopClosed(f"the workshop {code} is closed", code=code)
            if row.pid is None:
                raise UnknownParticipant("this participant is not in this workshop", code=code)
            if row.kind is None:
                raise UnknownQuestion(f"no question {qid!r} in this workshop", id=qid)
            if row.kind != "open":
                raise NotOpen(f"{qid!r} is answered with its options", id=qid)
            if row.revealed:
                raise AnswerLocked(f"the answers to {qid!r} have been shown", id=qid)
            if row.position != row.current_index:
                raise NotShown(f"{qid!r} is not the question on the shared screen", id=qid)
            updated = conn.execute(sa.update(texts_table).where(x.participant_id == pid, x.question_id == qid)
                                   .values(text=words, approved=None, answered_at=self._now())).rowcount
            if not updated:
                conn.execute(sa.insert(texts_table).values(
                    workshop_id=row.id, question_id=qid, participant_id=pid, text=words, approved=None,
                    answered_at=self._now()))

    def text_of(self, code: str, participant_id: str, question_id: str) -> str | None:
        """The participant's own answer in words to ``question_id`` (None if none)."""
        code = normalise_code(code)
        pid = _check_id(participant_id, "participant", UnknownParticipant, MAX_PARTICIPANT_ID)
        x = texts_table.c
        with self._read() as conn:
            row = self._row(conn, code)
            return conn.execute(sa.select(x.text).where(
                x.workshop_id == row.id, x.participant_id == pid, x.question_id == question_id)).scalar()

    def open_answers(self, code: str, question_id: str, *, pin: str | None = None,
                     key: str | None = None) -> list[OpenAnswer]:
        """Every answer in words to ``question_id``, in the order given, with its decision (for the
        facilitator: the room sees only the approved ones, through :meth:`summary`)."""
        row = self._authorise(code, pin, key)
        x = texts_table.c
        with self._read() as conn:
            rows = conn.execute(sa.select(x.id, x.question_id, x.text, x.approved).where(
                x.workshop_id == row.id, x.question_id == question_id).order_by(x.id)).all()
        return [OpenAnswer(id=int(r.id), question_id=r.question_id, text=r.text, approved=r.approved)
                for r in rows]

    def moderate(self, code: str, text_id: int, approved: bool, *, pin: str | None = None,
                 key: str | None = None) -> None:
        """Approve (or reject) one answer in words."""
        row = self._authorise(code, pin, key)
        if isinstance(text_id, bool) or not isinstance(text_id, int) or not isinstance(approved, bool):
            raise UnknownText("no such answer in this workshop", id=str(text_id)[:MAX_ID])
        x = texts_table.c
        with self._write() as conn:
            done = conn.execute(sa.update(texts_table).where(x.id == text_id, x.workshop_id == row.id)
                                .values(approved=bool(approved))).rowcount
        if not done:
            raise UnknownText("no such answer in this workshop", id=str(text_id))
