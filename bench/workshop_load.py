"""Load on the live workshop store: a whole room answering at once.

300 participants (threads) join a workshop, wait at a barrier, then answer 10 questions, each while
it is on the shared screen (the facilitator moves on when all have answered) — 300 answers arriving
together, ten times. Measured per backend:

- answers per second (3,000 / wall time from the barrier to the last answer),
- write latency of one answer (median, p95, max, including the wait for a pooled connection),
- the time of the results query the shared screen runs every 2 s (median of 20, after the load),
- answers lost: expected minus stored, per question and option (must be 0), and errors raised.

Backends: a fresh SQLite file (WAL) always; PostgreSQL when reachable at ``--pg-url`` (default
``TEST_DATABASE_URL``, else ``postgresql+psycopg://postgres@127.0.0.1:5432/test``). The benchmark's
workshop is deleted afterwards; the tables stay.

Run: ``.venv/bin/python bench/workshop_load.py`` (``--participants``, ``--answers``, ``--pg-url``,
``--no-pg``). Exits 1 if any answer was lost.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa

from guide import workshop as ws
from guide.workshop.questions import Question

PIN = "bench-0000"
OPTIONS = ["a", "b", "c", "d"]
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@dataclass
class Row:
    backend: str
    answers: int
    wall_s: float
    per_s: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    results_ms: float
    errors: int
    lost: int
    join_s: float


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def run(backend: str, url: str, participants: int, answers: int) -> Row:
    store = ws.Store(url, pool_size=20, max_overflow=40)
    questions = [Question(id=f"bench_q{i}", kind="vote_forms", options=list(OPTIONS))
                 for i in range(answers)]
    w = store.create("Benchmark", pin=PIN, questions=questions)
    t0 = time.perf_counter()
    pids = [store.join(w.code, f"p{i}") for i in range(participants)]
    join_s = time.perf_counter() - t0

    expected: Counter[tuple[str, str]] = Counter()
    for p in range(participants):
        for i, q in enumerate(questions):
            expected[(q.id, OPTIONS[(p + i) % len(OPTIONS)])] += 1

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(participants + 1)
    session = store.session_key(w.code, pin=PIN)
    # The room answers the question on the shared screen; when all have, the facilitator moves on.
    next_question = threading.Barrier(participants, action=lambda: store.next(w.code, key=session))

    def participant(p: int) -> None:
        mine: list[float] = []
        barrier.wait()
        for i, q in enumerate(questions):
            if i:
                next_question.wait()
            start = time.perf_counter()
            try:
                store.answer(w.code, pids[p], q.id, OPTIONS[(p + i) % len(OPTIONS)])
            except Exception as exc:  # counted and reported, never hidden
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}")
                continue
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=participant, args=(p,)) for p in range(participants)]
    for th in threads:
        th.start()
    barrier.wait()
    start = time.perf_counter()
    for th in threads:
        th.join()
    wall = time.perf_counter() - start

    timings = []
    for _ in range(20):
        t = time.perf_counter()
        results = store.results(w.code)
        timings.append(time.perf_counter() - t)
    stored = Counter({(q, o): n for q, opts in results.items() for o, n in opts.items() if n})
    lost = sum((expected - stored).values()) + sum((stored - expected).values())
    store.delete(w.code, pin=PIN)
    store.dispose()
    if errors:
        print(f"  {backend}: {len(errors)} errors, first: {errors[0]}", file=sys.stderr)
    total = participants * answers
    return Row(backend, total, wall, total / wall, 1000 * statistics.median(latencies),
               1000 * pct(latencies, 95), 1000 * max(latencies), 1000 * statistics.median(timings),
               len(errors), lost, join_s)


def pg_reachable(url: str) -> str | None:
    try:
        engine = sa.create_engine(ws._normalise_url(url))
        with engine.connect() as conn:
            version = str(conn.execute(sa.text("SHOW server_version")).scalar())
        engine.dispose()
        return version
    except sa.exc.SQLAlchemyError as exc:
        print(f"PostgreSQL at {url} is not reachable, skipped: {exc.__class__.__name__}", file=sys.stderr)
        return None


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--participants", type=int, default=300)
    ap.add_argument("--answers", type=int, default=10, help="answers per participant")
    ap.add_argument("--pg-url", default=os.environ.get("TEST_DATABASE_URL") or DEFAULT_PG)
    ap.add_argument("--no-pg", action="store_true", help="SQLite only")
    args = ap.parse_args()

    print(f"Workshop store under load — {dt.date.today().isoformat()}, {os.cpu_count()} cores "
          f"({cpu_model()}), Python {platform.python_version()}, SQLAlchemy {sa.__version__}")
    print(f"{args.participants} participants × {args.answers} answers, all at once "
          f"(one thread per participant, pool 20 + 40 overflow)")
    print("load average before: {:.2f} {:.2f} {:.2f}\n".format(*os.getloadavg()))
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(run("SQLite (WAL)", f"sqlite:///{tmp}/bench.db", args.participants, args.answers))
    if not args.no_pg:
        version = pg_reachable(args.pg_url)
        if version:
            rows.append(run(f"PostgreSQL {version.split()[0]}", args.pg_url, args.participants,
                            args.answers))

    head = ("backend", "answers", "wall s", "answers/s", "p50 ms", "p95 ms", "max ms",
            "results ms", "errors", "lost")
    table = [head] + [
        (r.backend, f"{r.answers}", f"{r.wall_s:.2f}", f"{r.per_s:.0f}", f"{r.p50_ms:.1f}",
         f"{r.p95_ms:.1f}", f"{r.max_ms:.1f}", f"{r.results_ms:.2f}", f"{r.errors}", f"{r.lost}")
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    for n, row in enumerate(table):
        print("| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                for i, (c, w) in enumerate(zip(row, widths, strict=True))) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print()
    for r in rows:
        print(f"{r.backend}: {args.participants} joins took {r.join_s:.2f} s one after another "
              f"({args.participants / r.join_s:.0f} joins/s)")
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    lost = sum(r.lost + r.errors for r in rows)
    print("\nAnswers lost: " + ("none" if not lost else f"{lost} — FAILED"))
    return 1 if lost else 0


if __name__ == "__main__":
    raise SystemExit(main())
