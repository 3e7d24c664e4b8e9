"""Wrong join codes per client (guide.workshop.limits and Store.join(client=...))."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from guide import workshop as ws
from guide.workshop.limits import Attempts, client_of


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_failures_in_a_sliding_window() -> None:
    clock = Clock()
    a = Attempts(allowed=3, window_s=60, clock=clock)
    for _ in range(3):
        assert a.wait("10.0.0.1") == 0
        a.failed("10.0.0.1")
        clock.now += 10
    assert a.wait("10.0.0.1") == 30  # the first failure leaves the window at 60 s
    assert a.wait("10.0.0.2") == 0  # per client
    clock.now += 30
    assert a.wait("10.0.0.1") == 0


def test_the_table_of_clients_is_bounded() -> None:
    a = Attempts(allowed=1, window_s=60, clock=Clock(), max_clients=100)
    for n in range(1000):
        a.failed(f"c{n}")
    assert len(a._seen) == 100
    assert a.wait("c999") > 0 and a.wait("c0") == 0


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError):
        Attempts(allowed=0)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ws.Store]:
    s = ws.Store(f"sqlite:///{tmp_path / 'w.db'}")
    yield s
    s.dispose()


def test_guessing_codes_from_one_address_must_wait(store: ws.Store) -> None:
    w = store.create("Rom", pin="246813")
    guesses = [code for code in (ws.new_code() for _ in range(40)) if code != w.code][:20]
    for guess in guesses:
        with pytest.raises(ws.UnknownWorkshop):
            store.join(guess, client="203.0.113.9")
    with pytest.raises(ws.TooManyTries) as err:  # even the right code waits now
        store.join(w.code, client="203.0.113.9")
    assert 0 < err.value.params["seconds"] <= 60
    assert store.join(w.code, "Kari", client="198.51.100.7")  # another address is not held up
    assert store.join(w.code, "Ola")  # nor a call without an address


@pytest.mark.parametrize(("peer", "forwarded", "client"), [
    ("203.0.113.9", None, "203.0.113.9"),  # a phone straight on the app
    ("203.0.113.9", "198.51.100.1", "203.0.113.9"),  # a header from the phone itself is not believed
    (None, "10.0.0.7, 198.51.100.7", "198.51.100.7"),  # behind the balancer: the address it saw
    (None, None, None),  # the app opened on this machine: nothing is limited
    (None, " ", None),
])
def test_the_client_is_the_peer_or_what_the_balancer_saw(peer: str | None, forwarded: str | None,
                                                          client: str | None) -> None:
    assert client_of(peer, forwarded) == client
