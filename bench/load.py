"""Load: many people using the app at once, each in a browser of their own.

``--users`` (default 40) concurrent Chromium contexts against one ``streamlit run app.py`` on this
machine. The users open the app one by one (``--stagger`` s apart; loading Streamlit's JavaScript
in 40 tabs at once on two cores takes minutes and is not what is measured), wait until all are
there, then all at once do what a municipal employee would: the procurement check for three
values, then the getting-started guide through to its result (answers of
tests/scenarios/getting_started/first_contact.yaml, clicked with the mouse). Every click or Enter
that should change what is shown is timed until the new content is on screen:

- procurement: Enter in the value field -> the result heading with that value;
- guide: the sidebar link -> the first question; Next -> the next question's progress text;
  "Check your answers" -> the summary; "See result" -> the first recommendation.

Before the users, one untimed user warms the server up (first imports and compiles).

Prints p50 / p95 / max of those times and the errors (a step that timed out or showed an
exception; a screenshot of what that user saw goes to tests/screenshots/load-user<n>-<step>.png);
the goal is p95 <= 1.5 s and no errors. Also the server's CPU time, to see how the two
cores were shared between the server and the browsers. Exits 1 if any user had an error.

Note: the 40 browsers run on the same two cores as the server, so the times include the
browsers' own rendering under that contention (the server's CPU share is printed to show it).

Run: ``.venv/bin/python bench/load.py`` (``--users``, ``--stagger``, ``--timeout``, ``--lang``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
import yaml  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from guide import content as content_mod  # noqa: E402
from guide import questionnaires as Q  # noqa: E402
from guide.text import nok  # noqa: E402
from tests.support.browser import CHROMIUM  # noqa: E402
from tests.support.server import SHOTS, serving  # noqa: E402

DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}

VALUES = (80_000, 1_500_000, 12_000_000)
QID = "getting_started"
SCENARIO = ROOT / "tests" / "scenarios" / QID / "first_contact.yaml"
GOAL_P95 = 1.5
MAIN = '[data-testid="stMain"]'


@dataclass
class User:
    n: int
    samples: dict[str, list[float]] = field(default_factory=lambda: {"procurement": [], "guide": []})
    server: dict[str, list[float]] = field(default_factory=lambda: {"procurement": [], "guide": []})
    errors: list[str] = field(default_factory=list)
    finished: list[float] = field(default_factory=list)  # when each successful run's end arrived

    def on_frame(self, payload: Any) -> None:
        """A websocket frame from the server: note when a script run's end arrives."""
        if not isinstance(payload, bytes | bytearray):
            return
        msg = ForwardMsg()
        try:
            msg.ParseFromString(bytes(payload))
        except Exception:
            return
        if msg.WhichOneof("type") == "script_finished" and msg.script_finished in DONE:
            self.finished.append(time.perf_counter())

    async def run_ended_after(self, t0: float, timeout_s: float) -> float:
        """The arrival time of the first successful run end after ``t0``."""
        deadline = time.perf_counter() + timeout_s
        while time.perf_counter() < deadline:
            later = [t for t in self.finished if t > t0]
            if later:
                return later[0]
            await asyncio.sleep(0.01)
        raise TimeoutError("no script run ended")

    async def timed(self, kind: str, t0: float) -> None:
        """Record a click: on screen now; at the server when the end of its run arrives."""
        self.samples[kind].append(time.perf_counter() - t0)
        self.server[kind].append(await self.run_ended_after(t0, 60) - t0)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


async def wait_ready(page: Any) -> None:
    await page.wait_for_selector(f"{MAIN} h1")
    await page.wait_for_function("""() => !document.querySelector('[data-testid="stStatusWidget"]')""")


async def no_exception(page: Any, user: User, where: str) -> None:
    if await page.locator('[data-testid="stException"]').count():
        user.errors.append(f"user {user.n}: exception shown at {where}")


class Gate:
    """Everyone waits here until all the users have arrived (also those whose page failed)."""

    def __init__(self, n: int) -> None:
        self.n, self.count, self.open = n, 0, asyncio.Event()

    async def arrive(self) -> None:
        self.count += 1
        if self.count >= self.n:
            self.open.set()
        await self.open.wait()


async def open_app(page: Any, base: str, lang: str, user: User) -> None:
    """Load the app on the procurement page (untimed: the browser's own start-up)."""
    await page.goto(f"{base}/procurement?lang={lang}")
    await wait_ready(page)


async def procurement(page: Any, base: str, lang: str, user: User) -> None:
    c = content_mod.default()
    box = page.get_by_role("textbox", name=c.t("proc.input.value", lang), exact=True)  # type: ignore[arg-type]
    for value in VALUES:
        heading = c.t("proc.result.heading", lang, value=nok(value, lang))  # type: ignore[arg-type]
        await box.fill(str(value))
        t0 = time.perf_counter()
        await box.press("Enter")
        await page.locator(MAIN).get_by_text(heading, exact=True).first.wait_for()
        await user.timed("procurement", t0)
        await no_exception(page, user, f"procurement {value}")


async def guide(page: Any, base: str, lang: str, user: User) -> None:
    c = content_mod.default()

    def ui(key: str, **fmt: object) -> str:
        return c.t(key, lang, **fmt)  # type: ignore[arg-type]

    answers = yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))["answers"]
    qn = Q.get(QID)
    shown = Q.visible(qn, Q.normalise_all(qn, answers))
    main = page.locator(MAIN)
    # To the guide by the link in the sidebar, as a user would (the app is not loaded again).
    t0 = time.perf_counter()
    await page.locator('[data-testid="stSidebar"] a[href$="getting-started"]').first.click()
    await main.get_by_text(shown[0].text(lang), exact=True).first.wait_for()  # type: ignore[arg-type]
    await user.timed("guide", t0)
    given: dict[str, Any] = {}
    for n, q in enumerate(shown):
        await main.get_by_text(q.text(lang), exact=True).first.wait_for()  # type: ignore[arg-type]
        value = answers[q.id]
        given[q.id] = value
        if q.kind in ("single", "yesno"):
            index = (0 if value else 1) if q.kind == "yesno" else [o.id for o in q.options].index(value)
            clicked = time.perf_counter()
            await main.locator('[data-testid="stRadio"] [role="radiogroup"] label').nth(index).click()
            await main.locator('[data-testid="stRadio"] input:checked').first.wait_for()
            await user.run_ended_after(clicked, 60)  # the answer's own rerun (untimed) is over
        last = n + 1 == len(shown)
        t0 = time.perf_counter()
        name = ui("q.to_check" if last else "q.next")
        await main.get_by_role("button", name=name, exact=True).first.click()
        if last:
            await main.get_by_text(ui("q.check.title"), exact=True).wait_for()
        else:
            total = len(Q.visible(qn, Q.normalise_all(qn, given)))
            await main.get_by_text(ui("q.progress", n=n + 2, total=total), exact=True).first.wait_for()
        await user.timed("guide", t0)
    first = Q.evaluate(QID, answers).top(1)[0]
    title = Q.item_title(Q.items(qn)[first.item_id], lang)  # type: ignore[arg-type]
    t0 = time.perf_counter()
    await main.get_by_role("button", name=ui("q.see_result"), exact=True).first.click()
    await main.get_by_text(ui("q.result.rank", n=1, title=title)).first.wait_for()
    await user.timed("guide", t0)
    await no_exception(page, user, "guide result")


async def one_user(browser: Any, base: str, lang: str, n: int, timeout_s: float,
                   gate: Gate | None = None, stagger_s: float = 0.0) -> User:
    """One person: open the app (staggered, untimed), wait for everyone, then the timed steps."""
    user = User(n)
    await asyncio.sleep(n * stagger_s)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(timeout_s * 1000)
    page.on("websocket", lambda ws: ws.on("framereceived", user.on_frame))
    try:
        steps = [("open", open_app), ("gate", None), ("procurement", procurement), ("guide", guide)]
        opened = True
        for name, step in steps:
            if step is None:
                if gate is not None:
                    await gate.arrive()
                continue
            if not opened:
                continue
            try:
                await step(page, base, lang, user)
            except Exception as exc:  # a timeout or a broken page: count it, go on with the next step
                first = str(exc).splitlines()[0][:160] if str(exc) else ""
                user.errors.append(f"user {n}: {name}: {type(exc).__name__}: {first}")
                opened = name != "open"
                with contextlib.suppress(Exception):  # what the user saw, for the reader of the errors
                    await page.screenshot(path=str(SHOTS / f"load-user{n}-{name}.png"))
    finally:
        await context.close()
    return user


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


async def run(users: int, lang: str, timeout_s: float, base: str, pid: int,
              stagger_s: float) -> tuple[list[User], float, float]:
    """The users, all at once after one untimed warm-up user; with the wall and server CPU time."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update"],
        )
        try:
            # One user first, untimed: the server's first run of each page imports plotly and
            # pandas and compiles the pages, which a server that has been up a while has done.
            warm = await one_user(browser, base, lang, -1, timeout_s)
            if warm.errors:
                print("warm-up:", *warm.errors, sep="\n- ")
            gate = Gate(users)
            cpu: dict[str, float] = {}

            async def start_clock() -> None:
                await gate.open.wait()
                cpu["cpu0"], cpu["t0"] = cpu_seconds(pid), time.perf_counter()

            clock = asyncio.create_task(start_clock())
            done = await asyncio.gather(*(one_user(browser, base, lang, i, timeout_s, gate, stagger_s)
                                          for i in range(users)))
            await clock
            return list(done), time.perf_counter() - cpu["t0"], cpu_seconds(pid) - cpu["cpu0"]
        finally:
            await browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--users", type=int, default=40)
    ap.add_argument("--lang", default="nb", choices=["nb", "en"])
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds one step may take")
    ap.add_argument("--stagger", type=float, default=2.0,
                    help="seconds between two users opening the app (the opening is not timed)")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"no Chromium at {CHROMIUM}: sudo apt-get install chromium")
    load = os.getloadavg()
    print(f"# Load: {args.users} concurrent browser contexts\n\n{dt.date.today().isoformat()} · "
          f"{platform.machine()} · {len(os.sched_getaffinity(0))} cores usable · "
          f"Streamlit {st.__version__} · load average before {load[0]:.1f}")
    with serving() as (proc, base):
        users, wall, cpu = asyncio.run(run(args.users, args.lang, args.timeout, base, proc.pid,
                                           args.stagger))
    print("\nOn screen: from the click to the new content shown. At the server: from the click to the")
    print("end of the run it started arriving at the browser (the browsers' own drawing left out).\n")
    print("| step | measured | clicks | p50 s | p95 s | max s |")
    print("|---|---|---:|---:|---:|---:|")
    every: list[float] = []
    for kind in ("procurement", "guide", "all"):
        for label, attr in (("on screen", "samples"), ("at the server", "server")):
            kinds = ("procurement", "guide") if kind == "all" else (kind,)
            xs = [x for u in users for k in kinds for x in getattr(u, attr)[k]]
            if kind == "all" and attr == "samples":
                every = xs
            if xs:
                print(f"| {kind} | {label} | {len(xs)} | {statistics.median(xs):.2f} | {pct(xs, 95):.2f} | "
                      f"{max(xs):.2f} |")
    p95 = pct(every, 95) if every else float("nan")
    errors = [e for u in users for e in u.errors]
    failed = sum(bool(u.errors) for u in users)
    print(f"\nErrors: {len(errors)} (users with an error: {failed} of {len(users)})")
    for e in errors[:20]:
        print(f"- {e}")
    print(f"\nTimed phase (everyone clicking at once) {wall:.1f} s; the server used {cpu:.1f} s of CPU "
          f"({cpu / wall:.2f} cores on average), the browsers the rest.")
    print(f"Load average after: {os.getloadavg()[0]:.1f} (other work on the machine skews the figures).")
    if every:
        verdict = "met" if p95 <= GOAL_P95 and not errors else "missed"
        print(f"Goal p95 <= {GOAL_P95} s and 0 errors: {verdict} (p95 on screen {p95:.2f} s, "
              f"{len(errors)} errors).")
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
