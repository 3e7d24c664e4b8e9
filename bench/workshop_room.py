"""A room of 300 at the server: participants' phones through Streamlit's websocket protocol.

``--participants`` (default 300) sessions, each speaking Streamlit's own protocol as the browser
does (``bench/load_ws.py``'s client), join one workshop of ten questions through the join page
(spread over ``--join-window`` seconds, a room arriving), then answer each question as the
facilitator moves on. Like the phone's browser, every session reruns its question fragment every
2 s (the page's ``run_every``) to see the question change, and answers ``--spread`` seconds or less
after it sees the new question (at random). A facilitator session shows the shared screen (through
the facilitator link) and reruns its live fragment every second, as the projector's browser does; the
facilitator moves on (through the store) once every answer of a question is in.

Measured: from a click on an answer to the end of its fragment's run arriving with "your answer"
(goal p95 <= 1.5 s), joins (the form's submit to the first question), how long after the last
answer the shared screen showed the full count (goal <= 3 s), answers lost (the store's counts
against the clicks acknowledged; goal 0), and the server's memory per participant (resident size
after everyone joined, less before, divided by the participants).

``--replicas 2`` runs two app processes behind HAProxy (``deploy/haproxy.cfg``, sticky sessions) on
one PostgreSQL (``--database``, default ``$TEST_DATABASE_URL`` or the local ``test`` database); with
one replica the app uses a SQLite file of its own unless ``--database`` is given.

Run: ``.venv/bin/python bench/workshop_room.py`` (``--participants``, ``--replicas``, ``--lang``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import platform
import random
import ssl
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402
from websockets.typing import Origin  # noqa: E402

from bench.load import cpu_seconds, pct  # noqa: E402
from bench.load_ws import SUBPROTOCOLS, Session, StepError  # noqa: E402
from guide import content as content_mod  # noqa: E402
from guide import workshop as ws  # noqa: E402
from guide.model import Lang  # noqa: E402
from guide.workshop import questions as wq  # noqa: E402
from tests.support.server import balanced, serving, tls_context  # noqa: E402

POLL_S = 3.0  # the join page's run_every (a phone)
SCREEN_POLL_S = 1.0  # the workshop page's (the shared screen)
GOAL_CLICK_P95 = 1.5
GOAL_COUNT_S = 3.0
PIN = "bench-room-0000"


def questions(c: content_mod.Content) -> list[wq.Question]:
    """Ten questions: the six myths, the two votes and two statements of the readiness pulse."""
    out = wq.myths(c) + wq.vote_forms(c) + wq.vote_measures(c)
    if wq.READINESS_ID in c.questionnaires:
        out += wq.from_questionnaire(c.questionnaires[wq.READINESS_ID])[:2]
    return out[:10]


@dataclass
class Room:
    code: str
    key: str
    questions: list[wq.Question]
    lang: Lang
    c: content_mod.Content
    current: int = -1  # the question the facilitator shows (-1: not started)
    alive: int = 0  # participants who joined and have had no error
    joined: int = 0  # participants who joined
    shown_at: float = 0.0
    acked: Counter[str] = field(default_factory=Counter)  # answers acknowledged, by question
    expected: dict[str, Counter[str]] = field(default_factory=dict)
    last_ack: dict[str, float] = field(default_factory=dict)

    def ui(self, key: str, **fmt: object) -> str:
        return self.c.t(key, self.lang, **fmt)


@dataclass
class Phone:
    n: int
    clicks: list[float] = field(default_factory=list)
    polls: list[float] = field(default_factory=list)
    join_s: float | None = None
    errors: list[str] = field(default_factory=list)


def _url(base: str) -> str:
    return f"ws{base.removeprefix('http')}/_stcore/stream"


def _tls(base: str) -> ssl.SSLContext | None:
    """The balancer's test certificate for a wss:// connection (None for plain ws://)."""
    return tls_context(base) if base.startswith("https") else None


def arrived(everyone: list[Phone], joined: asyncio.Event) -> None:
    """Everyone has joined (or failed to): the facilitator may start."""
    if all(x.join_s is not None or x.errors for x in everyone):
        joined.set()


async def phone(base: str, room: Room, p: Phone, delay: float, timeout: float, spread: float,
                joined: asyncio.Event, done: asyncio.Event, everyone: list[Phone]) -> None:
    await asyncio.sleep(delay)
    try:
        async with connect(_url(base), subprotocols=SUBPROTOCOLS, origin=Origin(base), max_size=None,
                           ssl=_tls(base), ping_interval=None, open_timeout=timeout) as conn:
            s = Session(conn, base, room.lang)
            s.query = f"code={room.code}&lang={room.lang}"
            run = await s.rerun(timeout, page_name="join")
            run.check("open the join link", room.ui("join.lead"))
            submit, _ = s.find("button", room.ui("join.submit"))
            t0 = time.perf_counter()
            run = await s.rerun(timeout, trigger=submit)
            if not (run.has(room.ui("join.anonymous")) or run.has(room.ui("join.joined_as"))):
                run.check("join")
                raise StepError(f"join: not joined ({run.texts[:3]})")
            p.join_s = time.perf_counter() - t0
            arrived(everyone, joined)
            answered: set[int] = set()
            fragment = ""
            while not done.is_set():
                index = room.current
                if index >= 0 and index not in answered:
                    q = room.questions[index]
                    text = wq.question_text(q, room.c, room.lang)
                    if not run.has(text, exact=False):  # not on this phone yet: wait for the next poll
                        pass
                    else:
                        await asyncio.sleep(random.uniform(0, spread))
                        opt = q.options[(p.n + index) % len(q.options)]
                        label = wq.option_label(q, opt, room.c, room.lang)
                        wid, _ = s.find("button", label)
                        fragment = s.fragment_of(wid)
                        run = await s.rerun(timeout, trigger=wid, fragment_id=fragment)
                        mine = room.ui("join.your_answer", answer=label)
                        run.check(f"answer {q.id}", mine, exact=False)
                        p.clicks.append(run.seconds)
                        answered.add(index)
                        room.acked[q.id] += 1
                        room.expected.setdefault(q.id, Counter())[opt] += 1
                        room.last_ack[q.id] = time.perf_counter()
                        continue
                await asyncio.sleep(POLL_S)
                if fragment or s.widgets:
                    frag = fragment or next((v[3] for v in s.widgets.values() if v[3]), "")
                    run = await s.rerun(timeout, fragment_id=frag)
                    p.polls.append(run.seconds)
                    run.check("poll")
    except Exception as exc:  # counted, the others go on
        p.errors.append(f"phone {p.n}: {type(exc).__name__}: {str(exc)[:160]}")
        arrived(everyone, joined)


async def projector(base: str, room: Room, timeout: float, counts: dict[str, float],
                    done: asyncio.Event, errors: list[str]) -> None:
    """The shared screen: the facilitator link, then its live fragment every second."""
    try:
        async with connect(_url(base), subprotocols=SUBPROTOCOLS, origin=Origin(base), max_size=None,
                           ssl=_tls(base), ping_interval=None, open_timeout=timeout) as conn:
            s = Session(conn, base, room.lang)
            s.query = f"ws={room.code}&key={room.key}&lang={room.lang}"
            run = await s.rerun(timeout, page_name="workshop")
            run.check("open the shared screen")
            while not done.is_set():
                await asyncio.sleep(SCREEN_POLL_S)
                frag = next((v[3] for v in s.widgets.values() if v[3]), "")
                run = await s.rerun(timeout, fragment_id=frag)
                if room.current >= 0:
                    q = room.questions[room.current]
                    total = room.ui("workshop.answered", n=room.acked[q.id], total=room.joined)
                    full = room.acked[q.id] >= room.alive and q.id in room.last_ack
                    if full and q.id not in counts and run.has(total, exact=False):
                        counts[q.id] = time.perf_counter() - room.last_ack[q.id]
    except Exception as exc:
        errors.append(f"projector: {type(exc).__name__}: {str(exc)[:160]}")


async def warm_up(base: str, room: Room, timeout: float) -> None:
    """One untimed visit of each page first: the server's first run imports and compiles them, which
    a server that has been up a while has done (kept out of the memory per participant)."""
    for page, query in (("join", f"lang={room.lang}"), ("workshop", f"lang={room.lang}")):
        async with connect(_url(base), subprotocols=SUBPROTOCOLS, origin=Origin(base), max_size=None,
                           ssl=_tls(base), ping_interval=None, open_timeout=timeout) as conn:
            s = Session(conn, base, room.lang)
            s.query = query
            (await s.rerun(timeout, page_name=page)).check(f"warm-up {page}")


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def session(base: str, pids: list[int], store: ws.Store, room: Room, n: int, join_window: float,
                  spread: float, timeout: float) -> dict[str, object]:
    joined, done = asyncio.Event(), asyncio.Event()
    phones = [Phone(i) for i in range(n)]
    counts: dict[str, float] = {}
    proj_errors: list[str] = []
    await warm_up(base, room, timeout)
    rss0 = sum(rss_kib(p) for p in pids)
    cpu0 = sum(cpu_seconds(p) for p in pids)
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(phone(base, room, p, random.uniform(0, join_window), timeout, spread,
                                       joined, done, phones)) for p in phones]
    tasks.append(asyncio.create_task(projector(base, room, timeout, counts, done, proj_errors)))
    await asyncio.wait_for(joined.wait(), join_window + 4 * timeout)
    rss1 = sum(rss_kib(p) for p in pids)
    room.joined = sum(p.join_s is not None for p in phones)
    room.alive = sum(not p.errors for p in phones)
    for i, q in enumerate(room.questions):
        if i:
            store.next(room.code, key=room.key)
        room.current = i
        room.shown_at = time.perf_counter()
        deadline = time.perf_counter() + spread + 3 * POLL_S + timeout
        while room.acked[q.id] < room.alive and time.perf_counter() < deadline:
            await asyncio.sleep(0.1)
        # Let the shared screen show the full count (it polls every 2 s), at most 6 s.
        wait_until = time.perf_counter() + 6
        while q.id not in counts and time.perf_counter() < wait_until:
            await asyncio.sleep(0.1)
        room.alive = sum(not p.errors for p in phones)
    wall = time.perf_counter() - t0
    done.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    cpu = sum(cpu_seconds(p) for p in pids) - cpu0
    results = store.results(room.code)
    lost = sum(max(0, room.expected.get(q.id, Counter())[o] - results[q.id].get(o, 0))
               for q in room.questions for o in q.options)
    extra = sum(max(0, results[q.id].get(o, 0) - room.expected.get(q.id, Counter())[o])
                for q in room.questions for o in q.options)
    return {"phones": phones, "counts": counts, "proj_errors": proj_errors, "lost": lost, "extra": extra,
            "rss_kib": rss1 - rss0, "cpu": cpu, "wall": wall}


def report(res: dict[str, object], n: int, replicas: int) -> bool:
    phones: list[Phone] = res["phones"]  # type: ignore[assignment]
    clicks = [x for p in phones for x in p.clicks]
    joins = [p.join_s for p in phones if p.join_s is not None]
    polls = [x for p in phones for x in p.polls]
    counts: dict[str, float] = res["counts"]  # type: ignore[assignment]
    errors = [e for p in phones for e in p.errors] + res["proj_errors"]  # type: ignore[operator]
    print("\n| step | n | p50 s | p95 s | max s |\n|---|---:|---:|---:|---:|")
    for label, xs in (("answer: click to acknowledgement", clicks), ("join: submit to joined", joins),
                      ("poll: the question fragment every 3 s", polls)):
        if xs:
            print(f"| {label} | {len(xs)} | {statistics.median(xs):.2f} | {pct(xs, 95):.2f} "
                  f"| {max(xs):.2f} |")
    worst = max(counts.values()) if counts else float("nan")
    print(f"\nShared screen: the full count shown {len(counts)} of 10 questions, at most {worst:.1f} s after "
          f"the last answer (it reruns every {SCREEN_POLL_S:g} s).")
    print(f"Answers acknowledged: {len(clicks)}; lost: {res['lost']}; counted but not acknowledged: "
          f"{res['extra']}.")
    rss = int(res["rss_kib"])  # type: ignore[call-overload]
    print(f"Server memory: +{rss / 1024:.0f} MiB for {n} participants ({rss / max(1, n):.0f} KiB each, "
          f"{replicas} process{'es' if replicas > 1 else ''}).")
    wall, cpu = float(res["wall"]), float(res["cpu"])  # type: ignore[arg-type]
    print(f"The session took {wall:.0f} s; the server{'s' if replicas > 1 else ''} used {cpu:.0f} s of CPU "
          f"({cpu / wall:.2f} cores on average). Load average after: {os.getloadavg()[0]:.1f}.")
    print(f"\nErrors: {len(errors)}")
    for e in errors[:15]:
        print(f"- {e}")
    p95 = pct(clicks, 95) if clicks else float("inf")
    met = p95 <= GOAL_CLICK_P95 and worst <= GOAL_COUNT_S and res["lost"] == 0 and not errors
    print(f"\nGoals (answer p95 <= {GOAL_CLICK_P95} s, full count <= {GOAL_COUNT_S} s after the last answer, "
          f"0 lost, 0 errors): {'met' if met else 'missed'} (p95 {p95:.2f} s).")
    return not met


@contextlib.contextmanager
def servers(replicas: int, database: str | None) -> Iterator[tuple[list[int], str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        url = database or f"sqlite:///{Path(tmp) / 'room.db'}"
        env = {"WORKSHOP_DATABASE_URL": url, "WORKSHOP_MAX_PARTICIPANTS": "1000"}
        if replicas == 1:
            with serving(env) as (proc, base):
                yield [proc.pid], base, url
        else:
            with balanced(env) as (procs, base):
                yield [p.pid for p in procs], base, url


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--participants", type=int, default=300)
    ap.add_argument("--replicas", type=int, default=1, choices=[1, 2])
    ap.add_argument("--database", default=None, help="a SQLAlchemy URL (two replicas: PostgreSQL)")
    ap.add_argument("--lang", default="nb", choices=["nb", "en"])
    ap.add_argument("--join-window", type=float, default=30.0, help="seconds over which the room joins")
    ap.add_argument("--spread", type=float, default=5.0, help="seconds within which a question is answered")
    ap.add_argument("--timeout", type=float, default=60.0)
    args = ap.parse_args()
    database = args.database
    if args.replicas > 1 and not database:
        database = os.environ.get("TEST_DATABASE_URL") or "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    c = content_mod.default()
    print(f"# A room of {args.participants} ({args.lang}), {args.replicas} app process(es)\n\n"
          f"{dt.date.today().isoformat()} · {platform.machine()} · {len(os.sched_getaffinity(0))} cores · "
          f"Python {platform.python_version()} · Streamlit {st.__version__} · load average before "
          f"{os.getloadavg()[0]:.1f} · join window {args.join_window:g} s · answers within "
          f"{args.spread:g} s")
    with servers(args.replicas, database) as (pids, base, url):
        store = ws.Store(url, max_participants=args.participants + 10)
        qs = questions(c)
        made = store.create("Benchmark room", pin=PIN, questions=qs)
        assert made.facilitator_key is not None
        room = Room(made.code, made.facilitator_key, qs, args.lang, c)
        try:
            res = asyncio.run(session(base, pids, store, room, args.participants, args.join_window,
                                      args.spread, args.timeout))
        finally:
            store.delete(made.code, key=made.facilitator_key)
            store.dispose()
    if report(res, args.participants, args.replicas):
        sys.exit(1)


if __name__ == "__main__":
    main()
