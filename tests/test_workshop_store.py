"""The live workshop store (guide.workshop), on SQLite and — when TEST_DATABASE_URL is set — on
PostgreSQL: the same tests, through the ``url`` fixture.

PostgreSQL: set ``TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test``. The tests
make a database of their own on that server (``scratch_pg`` in tests/conftest.py) and empty it before
each test. Without the variable these tests skip with a message; with ``CI=true`` an unreachable
server fails them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from guide import content as content_mod
from guide import workshop as ws
from guide.workshop import Store
from guide.workshop import questions as wq

PIN = "246813"
PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "**b** [l](javascript:alert(1)) `c` # h",
    "Ås & Ørland <b>fet</b>",
]


class Clock:
    """A clock the tests move by hand (seconds since the epoch)."""

    def __init__(self, start: float = 1_800_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _empty(url: str) -> None:
    """Drop every table of the database (the store's and any other), so each test starts empty."""
    engine = sa.create_engine(ws._normalise_url(url))
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'workshops.db'}"
        return
    pg = request.getfixturevalue("scratch_pg")("store")
    _empty(pg)
    yield pg


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make(url: str, clock: Clock) -> Iterator[Callable[..., Store]]:
    """Make stores on the test database (all disposed at the end)."""
    made: list[Store] = []

    def _make(**kw: Any) -> Store:
        kw.setdefault("clock", clock)
        s = Store(url, **kw)
        made.append(s)
        return s

    yield _make
    for s in made:
        s.dispose()


@pytest.fixture
def store(make: Callable[..., Store]) -> Store:
    return make()


def rows(store: Store, table: sa.Table, code: str | None = None) -> int:
    """How many rows ``table`` holds (for the workshop ``code`` if given)."""
    with store.engine.connect() as conn:
        q = sa.select(sa.func.count()).select_from(table)
        if code is not None:
            col = table.c.id if table is ws.workshops else table.c.workshop_id
            wid = sa.select(ws.workshops.c.id).where(ws.workshops.c.code == code).scalar_subquery()
            q = q.where(col == wid)
        return int(conn.execute(q).scalar_one())


# ---------------------------------------------------------------------------
# The public API


def test_a_new_workshop_asks_every_myth_by_default(store: Store) -> None:
    w = store.create("Verksted", pin=PIN)
    c = content_mod.default()
    assert len(w.code) >= 6
    qs = store.questions(w.code)
    assert [q.id for q in qs] == [m.id for m in sorted(c.myths.values(), key=lambda m: m.number)]
    assert all(q.options == ["believe_true", "believe_false", "unsure"] for q in qs)
    assert store.results(w.code) == {q.id: {"believe_true": 0, "believe_false": 0, "unsure": 0}
                                     for q in qs}
    state = store.workshop(w.code)
    assert (state.title, state.current, state.total, state.participants, state.closed) == (
        "Verksted", 0, 6, 0, False)


def test_answers_are_counted_and_a_new_answer_replaces_the_old(store: Store) -> None:
    w = store.create("Quiz", pin=PIN)
    q1, q2 = (q.id for q in store.questions(w.code)[:2])
    a, b = store.join(w.code, "Ann"), store.join(w.code)
    assert a != b
    store.answer(w.code, a, q1, "believe_true")
    store.answer(w.code, b, q1, "believe_false")
    store.answer(w.code, a, q1, "believe_false")  # Ann changes her mind
    with pytest.raises(ws.NotShown):  # only the question on the shared screen takes answers
        store.answer(w.code, a, q2, "unsure")
    store.next(w.code, pin=PIN)
    store.answer(w.code, a, q2, "unsure")
    with pytest.raises(ws.NotShown):  # not the one before either
        store.answer(w.code, b, q1, "believe_true")
    res = store.results(w.code)
    assert res[q1] == {"believe_true": 0, "believe_false": 2, "unsure": 0}
    assert res[q2] == {"believe_true": 0, "believe_false": 0, "unsure": 1}
    assert store.answers_of(w.code, a) == {q1: "believe_false", q2: "unsure"}
    assert store.workshop(w.code).participants == 2
    assert rows(store, ws.answers, w.code) == 3


def test_codes_are_case_and_dash_insensitive(store: Store) -> None:
    w = store.create("Quiz", pin=PIN)
    typed = f" {w.code[:3].lower()}-{w.code[3:].lower()} "
    pid = store.join(typed)
    assert store.participant(w.code, pid) is None


def test_questions_can_be_chosen_from_content(store: Store) -> None:
    c = content_mod.default()
    chosen = wq.build(["vote_forms", "vote_measures"], c)
    w = store.create("Prioritering", pin=PIN, questions=chosen)
    qs = store.questions(w.code)
    assert [q.id for q in qs] == ["vote_forms", "vote_measures"]
    assert qs[0].options == list(c.forms) and qs[1].options == list(c.measures)
    # ids from the catalogue work too
    w2 = store.create("Myter", pin=PIN, questions=["myth_cannot_buy_pilot", "vote_forms"])
    assert [q.id for q in store.questions(w2.code)] == ["myth_cannot_buy_pilot", "vote_forms"]
    with pytest.raises(ws.UnknownQuestion):
        store.create("X", pin=PIN, questions=["no_such_question"])
    with pytest.raises(ws.InvalidInput) as err:
        store.create("X", pin=PIN, questions=[])
    assert err.value.field == "questions"


def test_unknown_ids_raise_clear_errors(store: Store) -> None:
    w = store.create("Quiz", pin=PIN)
    other = store.create("Other", pin=PIN)
    q = store.questions(w.code)[0].id
    pid = store.join(w.code)
    with pytest.raises(ws.UnknownWorkshop, match="no workshop"):
        store.join("AAAAAA")
    with pytest.raises(ws.UnknownWorkshop):
        store.results("not-a-code!")
    with pytest.raises(ws.UnknownQuestion, match="no question"):
        store.answer(w.code, pid, "myth_nope", "unsure")
    with pytest.raises(ws.UnknownOption, match="not an option"):
        store.answer(w.code, pid, q, "maybe")
    with pytest.raises(ws.UnknownParticipant):
        store.answer(w.code, "someone-else", q, "unsure")
    # A participant can write only into their own workshop.
    with pytest.raises(ws.UnknownParticipant):
        store.answer(other.code, pid, q, "unsure")
    with pytest.raises(ws.UnknownParticipant):
        store.participant(other.code, pid)
    assert store.results(other.code)[q]["unsure"] == 0
    with pytest.raises(ws.WrongPin, match="PIN is wrong"):
        store.close(w.code, pin="9999")
    assert not store.workshop(w.code).closed
    assert all(issubclass(e, ws.WorkshopError) for e in (
        ws.UnknownWorkshop, ws.UnknownQuestion, ws.UnknownOption, ws.UnknownParticipant, ws.WrongPin,
        ws.PinLocked, ws.WorkshopClosed, ws.InvalidInput, ws.SchemaTooNew))


def test_a_closed_workshop_takes_no_joins_or_answers_but_keeps_its_results(store: Store) -> None:
    w = store.create("Quiz", pin=PIN)
    q = store.questions(w.code)[0].id
    pid = store.join(w.code)
    store.answer(w.code, pid, q, "believe_false")
    store.close(w.code, pin=PIN)
    assert store.workshop(w.code).closed
    with pytest.raises(ws.WorkshopClosed):
        store.join(w.code)
    with pytest.raises(ws.WorkshopClosed):
        store.answer(w.code, pid, q, "unsure")
    assert store.results(w.code)[q]["believe_false"] == 1
    store.close(w.code, pin=PIN)  # closing twice is harmless


def test_moving_through_the_questions_and_revealing(store: Store) -> None:
    w = store.create("Quiz", pin=PIN)
    qs = store.questions(w.code)
    assert store.previous(w.code, pin=PIN) == 0  # cannot go before the first
    assert store.next(w.code, pin=PIN) == 1
    assert store.next(w.code, pin=PIN) == 2
    assert store.previous(w.code, pin=PIN) == 1
    assert store.goto(w.code, 99, pin=PIN) == len(qs) - 1
    assert store.next(w.code, pin=PIN) == len(qs) - 1  # nor after the last
    assert store.goto(w.code, 0, pin=PIN) == 0
    pid = store.join(w.code)
    store.answer(w.code, pid, qs[0].id, "believe_true")
    store.reveal(w.code, pin=PIN)  # the current question
    assert store.workshop(w.code).revealed == {qs[0].id}
    with pytest.raises(ws.AnswerLocked):
        store.answer(w.code, pid, qs[0].id, "believe_false")
    assert store.results(w.code)[qs[0].id]["believe_true"] == 1
    store.next(w.code, pin=PIN)
    store.answer(w.code, pid, qs[1].id, "believe_false")  # the next question is open
    summary = store.summary(w.code)
    assert summary.questions[0].revealed and summary.questions[0].correct_share == 0
    assert summary.questions[1].correct_share == 1
    assert summary.answers == 2 and summary.participants == 1
    # A vote has no right answer; revealing it shows the room's answers and locks them.
    votes = store.create("Vote", pin=PIN, questions=["vote_forms"])
    voter = store.join(votes.code)
    forms = wq.catalogue(content_mod.default())["vote_forms"].options
    store.answer(votes.code, voter, "vote_forms", forms[0])
    store.reveal(votes.code, pin=PIN)
    assert store.summary(votes.code).questions[0].revealed
    assert store.summary(votes.code).questions[0].correct_share is None
    with pytest.raises(ws.AnswerLocked):
        store.answer(votes.code, voter, "vote_forms", forms[1])


def test_delete_removes_the_workshop_and_all_its_answers_at_once(store: Store) -> None:
    keep = store.create("Keep", pin=PIN)
    w = store.create("Gone", pin=PIN)
    for code in (keep.code, w.code):
        pid = store.join(code, "x")
        store.answer(code, pid, store.questions(code)[0].id, "unsure")
    with pytest.raises(ws.WrongPin):
        store.delete(w.code, pin="0000")
    store.delete(w.code, pin=PIN)
    with pytest.raises(ws.UnknownWorkshop):
        store.workshop(w.code)
    for table in (ws.answers, ws.participants, ws.questions_table, ws.workshops):
        assert rows(store, table, w.code) == 0
    assert rows(store, ws.answers) == 1  # the other workshop's answer is untouched
    assert store.results(keep.code)[store.questions(keep.code)[0].id]["unsure"] == 1


def test_old_workshops_are_purged_after_the_retention_period(make: Callable[..., Store],
                                                             clock: Clock) -> None:
    s = make(retention_days=30)
    old = s.create("Old", pin=PIN)
    s.join(old.code, "x")
    clock.advance(20 * 86400)
    young = s.create("Young", pin=PIN)
    clock.advance(11 * 86400)  # old is 31 days, young 11 days
    s2 = make(retention_days=30)  # a restart purges
    with pytest.raises(ws.UnknownWorkshop):
        s2.workshop(old.code)
    assert s2.workshop(young.code).title == "Young"
    assert rows(s2, ws.participants) == 0
    clock.advance(20 * 86400)
    assert s2.purge() == 1
    assert rows(s2, ws.workshops) == 0


def test_retention_is_configurable_by_environment(monkeypatch: pytest.MonkeyPatch,
                                                  make: Callable[..., Store]) -> None:
    monkeypatch.delenv(ws.ENV_RETENTION, raising=False)
    assert ws.default_retention_days() == 30
    monkeypatch.setenv(ws.ENV_RETENTION, "7")
    assert make().retention_days == 7
    for bad in ("0", "-1", "soon"):
        monkeypatch.setenv(ws.ENV_RETENTION, bad)
        with pytest.raises(ws.InvalidInput, match="WORKSHOP_RETENTION_DAYS"):
            ws.default_retention_days()


def test_a_new_store_on_the_same_database_sees_everything(make: Callable[..., Store]) -> None:
    first = make()
    w = first.create("Restart", pin=PIN)
    qs = first.questions(w.code)
    pids = [first.join(w.code, f"p{i}") for i in range(5)]
    for i, pid in enumerate(pids):
        first.answer(w.code, pid, qs[0].id, ("believe_true", "believe_false")[i % 2])
    first.next(w.code, pin=PIN)
    first.goto(w.code, 0, pin=PIN)
    first.reveal(w.code, pin=PIN)
    first.next(w.code, pin=PIN)
    before = (first.workshop(w.code), first.summary(w.code), first.results(w.code))
    first.dispose()
    second = make()
    assert (second.workshop(w.code), second.summary(w.code), second.results(w.code)) == before
    assert second.answers_of(w.code, pids[0]) == {qs[0].id: "believe_true"}
    second.answer(w.code, pids[0], qs[1].id, "unsure")  # and it keeps working
    second.close(w.code, pin=PIN)
    assert second.workshop(w.code).closed


def test_the_schema_is_versioned_and_a_newer_one_is_refused(url: str, make: Callable[..., Store]) -> None:
    s = make()
    assert s.schema_version() == ws.SCHEMA_VERSION
    make()  # opening again is fine
    with s.engine.begin() as conn:
        conn.execute(sa.update(ws.schema_table).values(version=ws.SCHEMA_VERSION + 1))
    with pytest.raises(ws.SchemaTooNew) as err:
        Store(url)
    msg = str(err.value)
    assert f"schema version {ws.SCHEMA_VERSION + 1}" in msg and "Update the app" in msg
    assert err.value.params == {"found": ws.SCHEMA_VERSION + 1, "known": ws.SCHEMA_VERSION}


def test_twenty_threads_of_fifty_participants_lose_no_answer(store: Store) -> None:
    store.max_participants = 1000
    w = store.create("Load", pin=PIN)
    qid = store.questions(w.code)[0].id
    options = ["believe_true", "believe_false", "unsure"]
    start = threading.Barrier(20)

    def room(t: int) -> Counter[str]:
        chosen: Counter[str] = Counter()
        start.wait()
        for i in range(50):
            pid = store.join(w.code, f"t{t}-{i}")
            opt = options[(t * 50 + i) % 3]
            store.answer(w.code, pid, qid, opt)
            chosen[opt] += 1
        return chosen

    with ThreadPoolExecutor(20) as pool:
        expected = sum(pool.map(room, range(20)), Counter())
    assert sum(expected.values()) == 1000
    assert store.results(w.code)[qid] == dict(expected)
    assert rows(store, ws.answers, w.code) == 1000
    assert store.workshop(w.code).participants == 1000


# ---------------------------------------------------------------------------
# Security


def test_the_pin_is_stored_only_as_a_salted_scrypt_hash(store: Store) -> None:
    a = store.create("A", pin="kaffe-1234")
    b = store.create("B", pin="kaffe-1234")
    with store.engine.connect() as conn:
        stored = dict(conn.execute(sa.select(ws.workshops.c.code, ws.workshops.c.pin_hash)).all())
        dump = "\n".join(str(r) for r in conn.execute(sa.select(ws.workshops)).all())
    assert "kaffe-1234" not in dump
    assert stored[a.code].startswith("scrypt$") and stored[b.code].startswith("scrypt$")
    assert stored[a.code] != stored[b.code]  # salted
    assert ws.verify_pin("kaffe-1234", stored[a.code]) and not ws.verify_pin("kaffe-1235", stored[a.code])
    assert store.check_pin(a.code, pin="kaffe-1234").code == a.code


def test_repeated_wrong_pins_are_slowed_down(make: Callable[..., Store], clock: Clock) -> None:
    s = make(pin_free_attempts=3, pin_base_delay=2, pin_max_delay=60)
    w = s.create("Guarded", pin=PIN)
    other = s.create("Other", pin=PIN)
    for _ in range(2):
        with pytest.raises(ws.WrongPin) as err:
            s.close(w.code, pin="0000")
        assert err.value.key == "wrong_pin"
    with pytest.raises(ws.WrongPin) as err:  # the third wrong PIN locks for 2 s
        s.close(w.code, pin="0001")
    assert err.value.key == "wrong_pin_locked" and err.value.params["seconds"] == 2
    with pytest.raises(ws.PinLocked) as locked:  # even the right PIN waits
        s.close(w.code, pin=PIN)
    assert locked.value.retry_after == 2
    # The lock is in the database: another app process sees it too.
    with pytest.raises(ws.PinLocked):
        make().delete(w.code, pin=PIN)
    s.check_pin(other.code, pin=PIN)  # per workshop: the other one is not slowed
    clock.advance(2.5)
    with pytest.raises(ws.WrongPin) as err:  # the next wrong PIN doubles the wait
        s.close(w.code, pin="0002")
    assert err.value.params["seconds"] == 4
    clock.advance(4.5)
    s.close(w.code, pin=PIN)  # the right PIN works again, and sets no lock of its own
    assert s.workshop(w.code).closed
    s.check_pin(w.code, pin=PIN)
    with pytest.raises(ws.WrongPin) as err:  # but it wiped no wrong PIN: the next one waits longer
        s.check_pin(w.code, pin="0003")
    assert err.value.params["failures"] == 5 and err.value.params["seconds"] == 8
    clock.advance(8 + ws.PIN_QUIET_S + 1)  # a quiet hour after the last lock: forgotten
    with pytest.raises(ws.WrongPin) as err:
        s.check_pin(w.code, pin="0004")
    assert err.value.params["failures"] == 1 and err.value.key == "wrong_pin"


def test_wrong_pins_interleaved_with_right_ones_still_lock(make: Callable[..., Store],
                                                           clock: Clock) -> None:
    """A screen that gives the right PIN between a stranger's guesses does not keep the door open."""
    s = make(pin_free_attempts=3, pin_base_delay=2, pin_max_delay=300)
    w = s.create("Guarded", pin=PIN)
    guesses = 0
    with pytest.raises(ws.PinLocked):
        for n in range(20):
            s.check_pin(w.code, pin=PIN)
            for _ in range(2):
                with contextlib.suppress(ws.WrongPin):
                    guesses += 1
                    s.check_pin(w.code, pin=f"{n:06d}")
            clock.advance(1)
    assert guesses <= 4
    assert s.check_pin(w.code, key=w.facilitator_key).code == w.code  # the key is never locked


def test_a_screen_opened_with_the_pin_holds_a_session_key(make: Callable[..., Store],
                                                          clock: Clock) -> None:
    s = make()
    w = s.create("Keyed", pin=PIN)
    other = s.create("Other", pin=PIN)
    session = s.session_key(w.code, pin=PIN)
    assert PIN not in session and (w.facilitator_key or "") not in session
    assert s.next(w.code, key=session) == 1  # it opens the workshop like the facilitator key
    with pytest.raises(ws.WrongKey):
        s.check_pin(other.code, key=session)  # and only this one
    with pytest.raises(ws.WrongKey):
        s.check_pin(w.code, key=session[:-1] + ("0" if session[-1] != "0" else "1"))
    with pytest.raises(ws.WrongPin):
        s.session_key(w.code, pin="000000")
    clock.advance(ws.SESSION_KEY_S + 1)
    with pytest.raises(ws.WrongKey):  # it ends
        s.check_pin(w.code, key=session)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_nicknames_and_titles_come_back_as_the_plain_text_given(store: Store, payload: str) -> None:
    w = store.create(payload, pin=PIN)
    pid = store.join(w.code, payload)
    assert store.participant(w.code, pid) == payload
    assert store.workshop(w.code).title == payload
    assert store.nicknames(w.code, pin=PIN) == [payload]


def test_text_inputs_are_cleaned(store: Store) -> None:
    w = store.create("  Line\none\x00 \u202etwo  ", pin=f"  {PIN}  ")
    assert store.workshop(w.code).title == "Line one two"
    store.check_pin(w.code, pin=PIN)  # the PIN's surrounding spaces are dropped
    assert store.participant(w.code, store.join(w.code, "   ")) is None
    assert store.participant(w.code, store.join(w.code, "\tKari\r\n")) == "Kari"


def test_every_input_has_a_length_limit(store: Store) -> None:
    w = store.create("x" * ws.MAX_TITLE, pin="p" * ws.MAX_PIN)
    pid = store.join(w.code, "n" * ws.MAX_NICKNAME)
    q = store.questions(w.code)[0].id
    cases: list[tuple[Callable[[], object], str]] = [
        (lambda: store.create("x" * (ws.MAX_TITLE + 1), pin=PIN), "title"),
        (lambda: store.create("", pin=PIN), "title"),
        (lambda: store.create("ok", pin="123"), "pin"),
        (lambda: store.create("ok", pin="p" * (ws.MAX_PIN + 1)), "pin"),
        (lambda: store.join(w.code, "n" * (ws.MAX_NICKNAME + 1)), "nickname"),
        (lambda: store.join("A" * (ws.MAX_CODE_INPUT + 1)), "code"),
        (lambda: store.answer(w.code, pid, "q" * (ws.MAX_ID + 1), "unsure"), "question"),
        (lambda: store.answer(w.code, pid, q, "o" * (ws.MAX_ID + 1)), "option"),
        (lambda: store.answer(w.code, "p" * (ws.MAX_PARTICIPANT_ID + 1), q, "unsure"), "participant"),
    ]
    for call, field in cases:
        with pytest.raises(ws.InvalidInput) as err:
            call()
        assert err.value.field == field, field
    assert rows(store, ws.workshops) == 1 and rows(store, ws.answers) == 0
    with pytest.raises(ws.InvalidInput):
        store.create("ok", pin=PIN, questions=["vote_forms"] * (ws.MAX_QUESTIONS + 1))


def test_join_codes_are_random_from_an_alphabet_without_look_alikes(store: Store) -> None:
    for ch in "0O1IL2Z5S8B":
        assert ch not in ws.CODE_ALPHABET
    codes = [ws.new_code() for _ in range(2000)]
    assert all(len(c) >= 6 and set(c) <= set(ws.CODE_ALPHABET) for c in codes)
    assert len(set(codes)) > 1990  # random, not a sequence
    used = Counter(ch for c in codes for ch in c)
    assert set(used) == set(ws.CODE_ALPHABET)  # every character is drawn
    made = {store.create(f"W{i}", pin=PIN).code for i in range(5)}
    assert len(made) == 5 and all(len(c) == ws.CODE_LENGTH and set(c) <= set(ws.CODE_ALPHABET)
                                  for c in made)


# ---------------------------------------------------------------------------
# Configuration (no database needed)


def test_the_database_url_comes_from_the_environment(tmp_path: Path) -> None:
    assert ws.default_url({}) == f"sqlite:///{ws.ROOT / 'data' / 'workshops.db'}"
    assert ws.default_url({ws.ENV_PATH: str(tmp_path / "w.db")}) == f"sqlite:///{tmp_path / 'w.db'}"
    pg = "postgresql+psycopg://u@db:5432/w"
    assert ws.default_url({ws.ENV_URL: pg, ws.ENV_PATH: "x.db"}) == pg
    assert ws._normalise_url("postgresql://u@db/w") == "postgresql+psycopg://u@db/w"
    s = Store(f"sqlite:///{tmp_path / 'sub' / 'dir' / 'w.db'}")  # creates the folder
    try:
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            # a locked database waits a few seconds, and answers "busy" within 5 s
            assert 1000 <= int(conn.exec_driver_sql("PRAGMA busy_timeout").scalar()) < 5000
    finally:
        s.dispose()


def test_a_bad_database_url_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ws.InvalidInput, match="WORKSHOP_DATABASE_URL") as err:
        Store("not a url")
    assert err.value.field == "url"
    with pytest.raises(ws.StorageUnavailable) as missing:  # a driver that is not installed
        Store("mysql+nosuchdriver://u@h/db")
    assert missing.value.key == "storage_driver"
    with pytest.raises(ws.StorageUnavailable):  # nobody listens on port 9
        Store("postgresql+psycopg://postgres@127.0.0.1:9/none?connect_timeout=2")


def test_the_clock_stores_utc(store: Store, clock: Clock) -> None:
    w = store.create("When", pin=PIN)
    assert w.created_at == dt.datetime(2027, 1, 15, 8, 0)
    assert store.workshop(w.code).created_at == w.created_at
    assert clock() == 1_800_000_000.0


# ---------------------------------------------------------------------------
# The facilitator key, the lockout under parallel guesses, the cap, the seat


def test_the_facilitator_key_opens_every_action_and_is_stored_only_as_a_hash(store: Store) -> None:
    w = store.create("Keyed", pin=PIN)
    key = w.facilitator_key
    assert key is not None and len(key) >= 40
    assert store.workshop(w.code).facilitator_key is None  # handed out once, by create
    with store.engine.connect() as conn:
        dump = "\n".join(str(r) for r in conn.execute(sa.select(ws.workshops)).all())
    assert key not in dump
    assert store.check_pin(w.code, key=key).code == w.code
    assert store.next(w.code, key=key) == 1
    assert store.previous(w.code, key=key) == 0
    assert store.goto(w.code, 2, key=key) == 2
    store.reveal(w.code, key=key)
    store.join(w.code, "Kari")
    assert store.nicknames(w.code, key=key) == ["Kari"]
    store.close(w.code, key=key)
    assert store.workshop(w.code).closed
    with pytest.raises(ws.WrongKey):
        store.close(w.code, key=key[:-1] + ("A" if key[-1] != "A" else "B"))
    other = store.create("Other", pin=PIN)
    with pytest.raises(ws.WrongKey):  # a key opens its own workshop only
        store.delete(other.code, key=key)
    with pytest.raises(ws.InvalidInput):  # neither PIN nor key
        store.close(other.code)
    store.delete(w.code, key=key)
    with pytest.raises(ws.UnknownWorkshop):
        store.workshop(w.code)


def test_wrong_pins_never_lock_out_the_key(make: Callable[..., Store]) -> None:
    s = make(pin_free_attempts=3, pin_base_delay=60, pin_max_delay=300)
    w = s.create("Guarded", pin=PIN)
    for _ in range(5):
        with pytest.raises((ws.WrongPin, ws.PinLocked)):
            s.next(w.code, pin="000000")
    with pytest.raises(ws.PinLocked):
        s.next(w.code, pin=PIN)
    assert s.next(w.code, key=w.facilitator_key) == 1  # the key holder is not locked out
    with pytest.raises(ws.PinLocked):
        s.next(w.code, pin=PIN)  # and using the key does not unlock the PIN for a guesser


def test_parallel_wrong_pins_cannot_race_past_the_lockout(make: Callable[..., Store]) -> None:
    s = make(pin_free_attempts=3, pin_base_delay=60, pin_max_delay=300)
    w = s.create("Raced", pin=PIN)
    start = threading.Barrier(40)

    def guess(i: int) -> str:
        start.wait()
        try:
            s.check_pin(w.code, pin=f"{100000 + i}")
        except ws.WrongPin:
            return "checked"
        except ws.PinLocked:
            return "locked"
        return "opened"

    with ThreadPoolExecutor(40) as pool:
        got = Counter(pool.map(guess, range(40)))
    assert got["opened"] == 0
    assert got["checked"] <= 3, got  # only the free attempts reached the hash
    assert got["checked"] + got["locked"] == 40


def test_pins_have_at_least_six_characters(store: Store) -> None:
    assert ws.MIN_PIN >= 6
    with pytest.raises(ws.InvalidInput) as err:
        store.create("Short", pin="12345")
    assert err.value.key == "pin.too_short" and err.value.params == {"min": ws.MIN_PIN}
    assert store.create("Six", pin="123456").code


def test_a_workshop_takes_max_participants_and_says_so(make: Callable[..., Store]) -> None:
    assert ws.MAX_PARTICIPANTS == 500 or os.environ.get(ws.ENV_MAX_PARTICIPANTS)
    s = make(max_participants=3)
    w = s.create("Small room", pin=PIN)
    seats = [s.join(w.code) for _ in range(3)]
    with pytest.raises(ws.WorkshopFull) as err:
        s.join(w.code, "Nr 4")
    assert err.value.params == {"code": w.code, "max": 3}
    assert s.join(w.code, participant_id=seats[0]) == seats[0]  # someone already in comes back in
    assert s.workshop(w.code).participants == 3


def test_a_whole_room_joins_in_the_same_instant_up_to_the_cap(make: Callable[..., Store]) -> None:
    s = make(max_participants=50)
    w = s.create("Rush", pin=PIN)
    start = threading.Barrier(20)

    def rush(i: int) -> int:
        start.wait()
        joined = 0
        for _ in range(4):
            try:
                s.join(w.code)
                joined += 1
            except ws.WorkshopFull:
                pass
        return joined

    with ThreadPoolExecutor(20) as pool:
        assert sum(pool.map(rush, range(20))) == 50
    assert s.workshop(w.code).participants == 50


def test_the_same_browser_gets_the_same_seat_and_one_vote(store: Store) -> None:
    w = store.create("Seats", pin=PIN)
    qid = store.questions(w.code)[0].id
    pid = store.join(w.code, "Ola")
    store.answer(w.code, pid, qid, "believe_true")
    again = store.join(w.code, "Ola N.", participant_id=pid)
    assert again == pid and store.participant(w.code, pid) == "Ola N."
    store.answer(w.code, again, qid, "believe_false")
    assert store.results(w.code)[qid] == {"believe_true": 0, "believe_false": 1, "unsure": 0}
    assert store.workshop(w.code).participants == 1
    other = store.create("Other", pin=PIN)
    assert store.join(other.code, participant_id=pid) != pid  # a seat is valid in its own workshop only


@pytest.mark.parametrize("option", ["believe_true,believe_false", "believe_true,", ",unsure", "Unsure",
                                    "believe_true ", ""])
def test_the_store_refuses_an_option_that_is_not_exactly_one_of_the_questions(store: Store,
                                                                               option: str) -> None:
    w = store.create("Options", pin=PIN)
    qid = store.questions(w.code)[0].id
    pid = store.join(w.code)
    with pytest.raises(ws.UnknownOption):
        store.answer(w.code, pid, qid, option)
    assert store.answers_of(w.code, pid) == {}


def test_a_schema_1_database_is_migrated_and_keeps_its_workshops(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(
            "CREATE TABLE workshops (id INTEGER PRIMARY KEY, code VARCHAR(16) NOT NULL UNIQUE, "
            "title VARCHAR(120) NOT NULL, pin_hash VARCHAR(200) NOT NULL, created_at DATETIME NOT NULL, "
            "closed_at DATETIME, current_index INTEGER NOT NULL DEFAULT 0, "
            "failed_pins INTEGER NOT NULL DEFAULT 0, locked_until DATETIME)"))
        conn.execute(sa.text(
            "CREATE TABLE workshop_participants (id VARCHAR(64) PRIMARY KEY, workshop_id INTEGER NOT NULL "
            "REFERENCES workshops(id), nickname VARCHAR(40), joined_at DATETIME NOT NULL)"))
        conn.execute(sa.text("CREATE TABLE workshop_schema (id INTEGER PRIMARY KEY, "
                             "version INTEGER NOT NULL, updated_at DATETIME NOT NULL)"))
        conn.execute(sa.text("INSERT INTO workshop_schema VALUES (1, 1, :now)"),
                     {"now": dt.datetime.now(dt.UTC).replace(tzinfo=None)})
        conn.execute(sa.text("INSERT INTO workshops (code, title, pin_hash, created_at) "
                             "VALUES ('ACDEFH', 'Old', :h, :now)"),
                     {"h": ws.hash_pin(PIN), "now": dt.datetime.now(dt.UTC).replace(tzinfo=None)})
    engine.dispose()
    s = Store(url)
    assert s.schema_version() == ws.SCHEMA_VERSION
    assert s.check_pin("ACDEFH", pin=PIN).title == "Old"
    with pytest.raises(ws.WrongKey):  # made before keys: only the PIN opens it
        s.check_pin("ACDEFH", key="x" * 43)
    assert s.create("New", pin=PIN).facilitator_key
    pid = s.join("ACDEFH", "Kari", group="entrepreneur")  # the new column is there
    assert s.participant("ACDEFH", pid) == "Kari"
    s.dispose()


def test_open_answers_wait_for_approval_and_are_grouped_and_counted(store: Store) -> None:
    w = store.create("Open", pin=PIN, questions=["open_obstacle", "vote_forms"])
    key = w.facilitator_key
    seats = [store.join(w.code) for _ in range(4)]
    for pid, text in zip(seats, ["Tid", "tid.", "  Regelverket ", "<b>spam</b>"], strict=True):
        store.answer_text(w.code, pid, "open_obstacle", text)
    assert store.summary(w.code).open_answers == {"open_obstacle": []}, "nothing shown before approval"
    assert store.summary(w.code).questions[0].answered == 4
    given = store.open_answers(w.code, "open_obstacle", key=key)
    assert [a.text for a in given] == ["Tid", "tid.", "Regelverket", "<b>spam</b>"]
    assert all(a.approved is None for a in given)
    for a in given:
        store.moderate(w.code, a.id, a.text != "<b>spam</b>", key=key)
    assert store.summary(w.code).open_answers["open_obstacle"] == [("Tid", 2), ("Regelverket", 1)]
    # A new answer replaces the old one and waits again.
    store.answer_text(w.code, seats[2], "open_obstacle", "Tid")
    assert store.summary(w.code).open_answers["open_obstacle"] == [("Tid", 2)]
    assert store.text_of(w.code, seats[2], "open_obstacle") == "Tid"
    with pytest.raises(ws.NotOpen):
        store.answer_text(w.code, seats[0], "vote_forms", "Tid")
    with pytest.raises(ws.UnknownOption):
        store.answer(w.code, seats[0], "open_obstacle", "")
    with pytest.raises(ws.InvalidInput):
        store.answer_text(w.code, seats[0], "open_obstacle", "x" * (wq.MAX_OPEN + 1))
    with pytest.raises(ws.WrongPin):
        store.moderate(w.code, given[0].id, False, pin="999999")
    with pytest.raises(ws.UnknownText):
        store.moderate(w.code, 10**9, True, key=key)
    store.reveal(w.code, "open_obstacle", key=key)
    with pytest.raises(ws.AnswerLocked):
        store.answer_text(w.code, seats[3], "open_obstacle", "Penger")
    csv_text = wq.csv_export(store.summary(w.code), content_mod.default(), "nb")
    assert "Tid" in csv_text and "spam" not in csv_text
    store.delete(w.code, key=key)


def test_a_room_split_into_tables_gets_each_tables_answers_side_by_side(store: Store) -> None:
    w = store.create("Bord", pin=PIN, questions=["vote_forms"])
    forms = store.questions(w.code)[0].options
    town = store.join(w.code, "Kommunebordet", group="municipality")
    firms = store.join(w.code, group="entrepreneur")
    solo = store.join(w.code)
    store.answer(w.code, town, "vote_forms", forms[0])
    store.answer(w.code, firms, "vote_forms", forms[1])
    store.answer(w.code, solo, "vote_forms", forms[1])
    by = store.summary(w.code).by_group["vote_forms"]
    assert list(by) == ["municipality", "entrepreneur"]  # in the order of GROUPS; no table: not there
    assert by["municipality"][forms[0]] == 1 and sum(by["municipality"].values()) == 1
    assert by["entrepreneur"][forms[1]] == 1 and sum(by["entrepreneur"].values()) == 1
    assert store.results(w.code)["vote_forms"][forms[1]] == 2  # the room's count includes everyone
    with pytest.raises(ws.InvalidInput) as err:
        store.join(w.code, group="kommune")
    assert err.value.key == "group.invalid"
    assert store.join(w.code, participant_id=solo, group="other") == solo  # a seat may take a table
    assert list(store.summary(w.code).by_group["vote_forms"]) == ["municipality", "entrepreneur", "other"]


def test_retention_runs_on_a_schedule_inside_a_running_app(make: Callable[..., Store],
                                                           clock: Clock) -> None:
    s = make(retention_days=1)
    old = s.create("Old", pin=PIN)
    clock.advance(86_400 - 60)
    s.workshop(old.code)  # a day less a minute: retention ran (it was due) and kept it
    clock.advance(120)
    s.workshop(old.code)  # a day and a minute: retention is not due again yet
    clock.advance(ws.PURGE_EVERY_S)
    with pytest.raises(ws.UnknownWorkshop):  # a screen's next look runs it: the workshop is gone
        s.workshop(old.code)
    with pytest.raises(ws.UnknownWorkshop):
        s.join(old.code, "late")


@pytest.mark.parametrize("hidden", ["\u00ad", "\u034f", "\u061c", "\u115f", "\u200b", "\u2060", "\u2064",
                                    "\u3164", "\ufeff", "\U000e0041", "\U000e007f"])
def test_invisible_characters_are_removed_from_every_text_kept(store: Store, hidden: str) -> None:
    w = store.create(f"Tit{hidden}tel", pin=PIN, questions=["open_obstacle"])
    assert store.workshop(w.code).title == "Tittel"
    pid = store.join(w.code, f"A{hidden}nne")
    assert store.participant(w.code, pid) == "Anne"
    store.answer_text(w.code, pid, "open_obstacle", f"Mangler{hidden} tid")
    assert store.text_of(w.code, pid, "open_obstacle") == "Mangler tid"


def test_a_lost_schema_is_made_again_and_said_plainly(make: Callable[..., Store]) -> None:
    s = make()
    w = s.create("Gone", pin=PIN)
    with s.engine.begin() as conn:
        for table in reversed(ws.metadata.sorted_tables):
            conn.execute(sa.text(f"DROP TABLE {table.name}"))
    with pytest.raises(ws.StorageUnavailable) as err:
        s.workshop(w.code)
    assert err.value.key == "schema_lost"
    with pytest.raises(ws.UnknownWorkshop):  # the tables are back, empty
        s.workshop(w.code)
    assert s.create("New", pin=PIN).code
