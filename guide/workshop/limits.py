"""Limits per client inside one app process: how many wrong join codes one address may try.

A join code has 23^6 (about 148 million) values; without a limit one client could try some twenty
a second. :class:`Attempts` keeps, per client, the times of its recent failures in a sliding window
and says how long the client must wait once it has used them up. It is in memory and per process
(each replica counts its own clients; the balancer's sticky sessions keep a client on one), bounded
in size, and thread-safe.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable


def client_of(peer: str | None, forwarded: str | None) -> str | None:
    """The address a request came from, for :class:`Attempts`: the peer's own address, or, when the
    peer is this machine (a balancer in front, as in deploy/haproxy.cfg, which adds the address it
    saw as the last one of ``X-Forwarded-For``), that last forwarded address. None when neither is
    known (the app opened on this machine itself): then nothing is limited, so that a room behind
    one balancer never shares one count."""
    if peer:
        return peer
    last = (forwarded or "").split(",")[-1].strip()
    return last[:64] or None


class Attempts:
    """At most ``allowed`` failures per ``window_s`` seconds for each client."""

    def __init__(self, allowed: int = 20, window_s: float = 60.0, *,
                 clock: Callable[[], float] = time.monotonic, max_clients: int = 10_000):
        if allowed < 1 or window_s <= 0:
            raise ValueError("allowed must be at least 1 and window_s more than 0")
        self.allowed, self.window_s = allowed, window_s
        self._clock = clock
        self._max_clients = max_clients
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        times = self._seen.get(client)
        if times is None:
            return deque()
        while times and now - times[0] >= self.window_s:
            times.popleft()
        return times

    def wait(self, client: str) -> int:
        """Seconds ``client`` must wait before its next try (0: it may try now)."""
        with self._lock:
            now = self._clock()
            times = self._recent(client, now)
            if len(times) < self.allowed:
                return 0
            return max(1, math.ceil(self.window_s - (now - times[0])))

    def failed(self, client: str) -> None:
        """Count a failure of ``client``."""
        with self._lock:
            now = self._clock()
            times = self._recent(client, now)
            times.append(now)
            self._seen[client] = times
            self._seen.move_to_end(client)
            while len(self._seen) > self._max_clients:  # the longest quiet clients are forgotten
                self._seen.popitem(last=False)
