"""Load at the server: many people using the app at once, each through a websocket session of their own.

``--users`` (default 40) concurrent sessions against one ``streamlit run app.py`` on this machine, each
driven by a small client that speaks Streamlit's own websocket protocol (the ``BackMsg`` and
``ForwardMsg`` protobufs of ``streamlit.proto``) instead of a browser. Every user does the steps of
``bench/load.py``: open the procurement page (untimed), wait until all are there, then all at once
check three procurement values and answer the getting-started guide through to its result (answers of
tests/scenarios/getting_started/first_contact.yaml). A timed step runs from sending the
``BackMsg`` to the arrival of its run's end (``script_finished``, finished successfully), which must
bring the text a person would look for:

- procurement: the value typed and Enter -> the result heading with that value;
- guide: the sidebar link -> the first question; Next -> the next question's progress text;
  "Check your answers" -> the summary; "See result" -> the first recommendation.

Answering a question (a radio, or the multiselect) reruns the page as well; those reruns are timed
too but reported on a row of their own, outside "all" (``bench/load.py`` does not time them).
Before the users, one untimed user warms the server up (first imports and compiles).

Why next to ``bench/load.py``: there 40 Chromium contexts share the two cores with the server, so
their times include the browsers' own drawing under that contention (the server used 0.3 of a
core while p95 was 34 s). Here a client costs a few protobuf parses per message, so the times are
the server's own answer time under 40 users at once, with the same work per click: the client
sends what the browser sends (every current widget value on each rerun, the clicked button as a
trigger, the link's query string, the page's script hash on a page change) and declares the
``ForwardMsg`` hashes it holds, as the browser's message cache does, so the server sends the same
references. What this does not measure: the browser's drawing and the static files of a first load.

Prints p50 / p95 / max per kind of step, the errors (an exception element, a timeout, an expected
text missing), and the CPU time of the server and of this client in the timed phase; the goal is
p95 <= 1.5 s and no errors. Exits 1 if any user had an error.

Run: ``.venv/bin/python bench/load_ws.py`` (``--users``, ``--lang``, ``--timeout``, ``--think``).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import statistics
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
import yaml  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402
from websockets.asyncio.client import ClientConnection, connect  # noqa: E402
from websockets.typing import Origin, Subprotocol  # noqa: E402

from bench.load import Gate, cpu_seconds, pct  # noqa: E402
from guide import content as content_mod  # noqa: E402
from guide import questionnaires as Q  # noqa: E402
from guide.model import Lang  # noqa: E402
from guide.questionnaires.model import Question  # noqa: E402
from guide.text import nok  # noqa: E402
from tests.support.server import serving  # noqa: E402

VALUES = (80_000, 1_500_000, 12_000_000)
QID = "getting_started"
GUIDE_SLUG = "getting-started"
SCENARIO = ROOT / "tests" / "scenarios" / QID / "first_contact.yaml"
GOAL_P95 = 1.5
# What the browser offers when it opens the websocket: the protocol name, then its XSRF token (or
# this placeholder when it has none), then the id of a session to resume (none here).
SUBPROTOCOLS = [Subprotocol("streamlit"), Subprotocol("PLACEHOLDER_AUTH_TOKEN")]
KINDS = ("procurement", "guide")


class StepError(Exception):
    """A step that showed an exception or lacked the text it should have brought."""


@dataclass
class Run:
    """What one script run sent: its texts, any exception, and how long it took."""

    texts: list[str] = field(default_factory=list)
    exception: str | None = None
    seconds: float = 0.0

    def has(self, text: str, *, exact: bool = True) -> bool:
        return any(t == text if exact else text in t for t in self.texts)

    def check(self, where: str, text: str | None = None, *, exact: bool = True) -> None:
        if self.exception is not None:
            raise StepError(f"exception shown at {where}: {self.exception}")
        if text is not None and not self.has(text, exact=exact):
            raise StepError(f"{where}: expected text missing: {text!r}")


def _has(msg: Any, name: str) -> bool:
    try:
        return bool(msg.HasField(name))
    except ValueError:  # not an optional field
        return False


def initial_state(kind: str, el: Any) -> WidgetState | None:
    """The value the browser holds for a widget it has just drawn: the one the server set, or its
    default (None when it has none, or for a kind this client does not fill in)."""
    ws = WidgetState(id=el.id)
    if kind in ("text_input", "text_area"):
        if el.set_value:
            ws.string_value = el.value
        elif _has(el, "default"):
            ws.string_value = el.default
        else:
            return None
    elif kind == "checkbox":
        ws.bool_value = el.value if el.set_value else el.default
    elif kind in ("radio", "selectbox"):
        if el.set_value:
            if not _has(el, "raw_value"):
                return None
            ws.string_value = el.raw_value
        elif _has(el, "default") and 0 <= el.default < len(el.options):
            ws.string_value = el.options[el.default]
        else:
            return None
    elif kind == "button_group":
        chosen = list(el.raw_values) if el.set_value else [el.options[i].content for i in el.default]
        ws.string_array_value.data.extend(chosen)
    elif kind == "multiselect":
        chosen = list(el.raw_values) if el.set_value else [el.options[i] for i in el.default]
        ws.string_array_value.data.extend(chosen)
    elif kind == "date_input":
        ws.string_array_value.data.extend(list(el.value) if el.set_value else list(el.default))
    elif kind == "number_input":
        if el.set_value:
            ws.double_value = el.value
        elif _has(el, "default"):
            ws.double_value = el.default
        else:
            return None
    else:
        return None
    return ws


class Session:
    """One user's websocket session with the server, keeping what the browser would keep.

    - ``values``: the current value of every widget drawn (the browser sends them all on each
      rerun), by widget id: first the widget's default or the value the server set, then what
      the user chose;
    - ``widgets``: the widgets of the latest run, by id: (kind, script hash that drew it, element);
    - ``cache``: every cacheable ``ForwardMsg`` received, by hash, with the run it was last used in;
      its hashes go with every rerun and the server then sends references (``ref_hash``) instead
      of those messages, which are resolved here. Entries unused for more than the server's
      ``max_cached_message_age`` finished runs are dropped, as the browser drops them;
    - the query string the server last set (``page_info_changed``), the pages of the navigation by
      URL path, the hash of the page shown (``navigation``) and the main script's hash.
    """

    def __init__(self, ws: ClientConnection, base: str, lang: Lang) -> None:
        self.ws, self.base, self.lang = ws, base, lang
        self.query = f"lang={lang}"
        self.path = ""
        self.main_hash = ""
        self.page_hash = ""
        self.pages: dict[str, str] = {}
        self.values: dict[str, WidgetState] = {}
        self.widgets: dict[str, tuple[str, str, Any, str]] = {}  # kind, script hash, element, fragment
        self.fragment = ""  # the fragment the rerun under way reruns ("": the whole script)
        self.cache: dict[str, tuple[ForwardMsg, int]] = {}
        self.max_age = 2
        self.finished_runs = 0
        self.received = {"messages": 0, "bytes": 0, "references": 0}

    # -- what the user does --------------------------------------------------------------------

    def find(self, kind: str | Iterable[str], label: str) -> tuple[str, Any]:
        """The id and element of the widget of that kind and label drawn in the latest run."""
        kinds = {kind} if isinstance(kind, str) else set(kind)
        for wid, (k, _, el, _) in self.widgets.items():
            if k in kinds and el.label == label:
                return wid, el
        raise StepError(f"no {'/'.join(sorted(kinds))} labelled {label!r} on the page")

    def set(self, state: WidgetState) -> None:
        self.values[state.id] = state

    def fragment_of(self, wid: str) -> str:
        """The fragment a widget was drawn in ("" outside any): a change to it reruns only that."""
        return self.widgets[wid][3]

    async def rerun(self, timeout_s: float, *, trigger: str | None = None, page_name: str = "",
                    page_hash: str | None = None, fragment_id: str = "") -> Run:
        """Send a rerun as the browser does and wait for its end; ``trigger`` is a clicked button,
        ``page_hash`` a page to change to, ``page_name`` the page of a first load, ``fragment_id``
        the fragment of the widget that changed (the browser then reruns only that fragment)."""
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.fragment_id = self.fragment = fragment_id
        if page_name:  # a first load names the page by its URL path
            cs.page_name = self.path = page_name
        else:  # afterwards the browser sends the current page's hash, or the one to change to
            cs.page_script_hash = page_hash or self.page_hash
        keep = self.widgets
        if page_hash is not None:
            self.path = next((p for p, h in self.pages.items() if h == page_hash), self.path)
            # On a page change the browser keeps only the widgets of the main script (the shell).
            keep = {w: v for w, v in self.widgets.items() if v[1] == self.main_hash}
        states = [self.values[w] for w in keep if w in self.values]
        if trigger is not None:
            states = [s for s in states if s.id != trigger] + [WidgetState(id=trigger, trigger_value=True)]
        cs.widget_states.widgets.extend(states)
        cs.cached_message_hashes.extend(self.cache)
        ci = cs.context_info
        ci.timezone, ci.timezone_offset = "Europe/Oslo", -60
        ci.locale, ci.color_scheme = ("nb-NO" if self.lang == "nb" else "en-GB"), "light"
        ci.url = f"{self.base}/{self.path}?{self.query}"
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        run = await self._until_finished(t0 + timeout_s)
        run.seconds = time.perf_counter() - t0
        return run

    # -- what the server sends ----------------------------------------------------------------

    async def _until_finished(self, deadline: float) -> Run:
        run = Run()
        started = False
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError("no end of the run within the timeout")
            try:
                data = await asyncio.wait_for(self.ws.recv(), left)
            except TimeoutError:
                raise TimeoutError("no end of the run within the timeout") from None
            raw = data if isinstance(data, bytes) else data.encode()
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            self.received["messages"] += 1
            self.received["bytes"] += len(raw)
            if kind == "ref_hash":
                self.received["references"] += 1
                cached = self.cache.get(msg.ref_hash)
                if cached is None:
                    raise StepError(f"reference to a message not in the cache: {msg.ref_hash}")
                full = ForwardMsg()
                full.CopyFrom(cached[0])
                full.metadata.CopyFrom(msg.metadata)  # the reference carries the delta path
                self.cache[msg.ref_hash] = (cached[0], self.finished_runs)
                msg, kind = full, full.WhichOneof("type")
            elif msg.metadata.cacheable and msg.hash:
                self.cache[msg.hash] = (msg, self.finished_runs)
            if kind == "new_session":  # every run starts with one
                started = True
                run = Run()
                # A fragment's run redraws only the fragment: the other widgets stay on the page.
                self.widgets = ({w: v for w, v in self.widgets.items() if v[3] != self.fragment}
                                if self.fragment else {})
                self.main_hash = msg.new_session.main_script_hash
                if msg.new_session.config.max_cached_message_age:
                    self.max_age = msg.new_session.config.max_cached_message_age
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
                self.page_hash = msg.navigation.page_script_hash  # the page this run shows
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "delta" and started:
                self._delta(msg, run)
            elif kind == "session_event" and msg.session_event.HasField("script_compilation_exception"):
                exc = msg.session_event.script_compilation_exception
                run.exception = f"{exc.type}: {exc.message}"
            elif kind == "script_finished":
                self.finished_runs += 1
                self.cache = {h: v for h, v in self.cache.items()
                              if self.finished_runs - v[1] <= self.max_age}
                if not started:
                    continue  # the end of an earlier run
                if msg.script_finished in (ForwardMsg.FINISHED_SUCCESSFULLY,
                                           ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    return run
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    run.exception = run.exception or "the script did not compile"
                    return run
                started = False  # ended early for a rerun: the next run follows

    def _delta(self, msg: ForwardMsg, run: Run) -> None:
        if msg.delta.WhichOneof("type") != "new_element":
            return
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if kind is None:
            return
        el = getattr(element, kind)
        if kind == "exception":
            run.exception = f"{el.type}: {el.message}"
        fields = el.DESCRIPTOR.fields_by_name
        for name in ("body", "label", "text"):
            if name in fields and fields[name].type == fields[name].TYPE_STRING:
                value = getattr(el, name)
                if value:
                    run.texts.append(value)
        wid = getattr(el, "id", "") if "id" in fields else ""
        if wid:
            self.widgets[wid] = (kind, msg.metadata.active_script_hash, el, msg.delta.fragment_id)
            state = initial_state(kind, el)
            if getattr(el, "set_value", False):
                if state is None:
                    self.values.pop(wid, None)
                else:
                    self.values[wid] = state
            elif state is not None and wid not in self.values:
                self.values[wid] = state


# ---------------------------------------------------------------------------------------------
# The user


@dataclass
class User:
    n: int
    samples: dict[str, list[float]] = field(default_factory=lambda: {"procurement": [], "guide": [],
                                                                     "answer": []})
    errors: list[str] = field(default_factory=list)
    clicks: int = 0
    received: dict[str, int] = field(default_factory=dict)  # by the session, from the first load on


class Plan:
    """The user's steps and the texts each should bring, in one language."""

    def __init__(self, lang: Lang, timeout_s: float, think_s: float) -> None:
        self.lang, self.timeout_s, self.think_s = lang, timeout_s, think_s
        self.c = content_mod.default()
        self.answers: dict[str, Any] = yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))["answers"]
        self.qn = Q.get(QID)
        self.shown: list[Question] = Q.visible(self.qn, Q.normalise_all(self.qn, self.answers))
        first = Q.evaluate(QID, self.answers).top(1)[0]
        self.top_title = Q.item_title(Q.items(self.qn)[first.item_id], self.lang)

    def ui(self, key: str, **fmt: object) -> str:
        return self.c.t(key, self.lang, **fmt)


def answer_state(q: Question, value: Any, wid: str, el: Any) -> WidgetState:
    """The widget value of an answer, as the browser sends it: the option's label as drawn."""
    ws = WidgetState(id=wid)
    ids = [o.id for o in q.options]
    if q.kind == "yesno":
        ws.string_value = el.options[0 if value else 1]
    elif q.kind == "single":
        ws.string_value = el.options[ids.index(value)]
    elif q.kind == "scale":
        assert q.min is not None
        ws.string_value = el.options[int(value) - int(q.min)]
    elif q.kind == "multi":
        ws.string_array_value.data.extend(el.options[ids.index(v)] for v in value)
    else:
        ws.double_value = float(value)
    return ws


async def click(s: Session, user: User, plan: Plan, **kw: Any) -> Run:
    """One rerun of the timed phase, after the user's pause between two clicks (``--think``)."""
    if user.clicks and plan.think_s:
        await asyncio.sleep(plan.think_s)
    user.clicks += 1
    return await s.rerun(plan.timeout_s, **kw)


async def procurement(s: Session, user: User, plan: Plan) -> None:
    for value in VALUES:
        wid, _ = s.find("text_input", plan.ui("proc.input.value"))
        s.set(WidgetState(id=wid, string_value=str(value)))  # typed, then Enter
        run = await click(s, user, plan, fragment_id=s.fragment_of(wid))
        run.check(f"procurement {value}", plan.ui("proc.result.heading", value=nok(value, plan.lang)),
                  exact=False)  # a heading: "## …" in its Markdown
        user.samples["procurement"].append(run.seconds)


async def guide(s: Session, user: User, plan: Plan) -> None:
    lang, qn, shown = plan.lang, plan.qn, plan.shown
    if GUIDE_SLUG not in s.pages:
        raise StepError(f"no page {GUIDE_SLUG!r} in the navigation")
    run = await click(s, user, plan, page_hash=s.pages[GUIDE_SLUG])  # the link in the sidebar
    run.check("guide: open", shown[0].text(lang))
    user.samples["guide"].append(run.seconds)
    given: dict[str, Any] = {}
    for n, q in enumerate(shown):
        value = plan.answers[q.id]
        given[q.id] = value
        wid, el = s.find(("radio", "multiselect", "number_input"), q.text(lang))
        s.set(answer_state(q, value, wid, el))
        run = await click(s, user, plan)
        run.check(f"guide: answer {q.id}")
        user.samples["answer"].append(run.seconds)
        last = n + 1 == len(shown)
        button, _ = s.find("button", plan.ui("q.to_check" if last else "q.next"))
        run = await click(s, user, plan, trigger=button)
        if last:
            run.check("guide: check your answers", plan.ui("q.check.title"))
        else:
            total = len(Q.visible(qn, Q.normalise_all(qn, given)))
            run.check(f"guide: next after {q.id}", plan.ui("q.progress", n=n + 2, total=total))
        user.samples["guide"].append(run.seconds)
    button, _ = s.find("button", plan.ui("q.see_result"))
    run = await click(s, user, plan, trigger=button)
    run.check("guide: result", plan.ui("q.result.rank", n=1, title=plan.top_title), exact=False)
    user.samples["guide"].append(run.seconds)


def describe(exc: BaseException) -> str:
    first = str(exc).splitlines()[0][:160] if str(exc) else ""
    return f"{type(exc).__name__}: {first}" if not isinstance(exc, StepError) else first


async def one_user(base: str, plan: Plan, n: int, gate: Gate | None = None) -> User:
    """One person: open the procurement page (untimed), wait for everyone, then the timed steps."""
    user = User(n)
    arrived = False

    async def arrive() -> None:
        nonlocal arrived
        if gate is not None and not arrived:
            arrived = True
            await gate.arrive()

    try:
        async with connect(f"ws{base.removeprefix('http')}/_stcore/stream", subprotocols=SUBPROTOCOLS,
                           origin=Origin(base), max_size=None, ping_interval=None,
                           open_timeout=plan.timeout_s) as ws:
            s = Session(ws, base, plan.lang)
            user.received = s.received
            try:
                run = await s.rerun(plan.timeout_s, page_name="procurement")
                run.check("open", plan.ui("page.procurement.title"))
            except Exception as exc:
                user.errors.append(f"user {n}: open: {describe(exc)}")
                await arrive()
                return user
            await arrive()
            for name, step in (("procurement", procurement), ("guide", guide)):
                try:
                    await step(s, user, plan)
                except Exception as exc:  # count it, go on with the next step
                    user.errors.append(f"user {n}: {name}: {describe(exc)}")
    except Exception as exc:  # the connection itself failed
        user.errors.append(f"user {n}: connection: {describe(exc)}")
    finally:
        await arrive()
    return user


# ---------------------------------------------------------------------------------------------
# The run


@dataclass
class Result:
    users: list[User]
    wall_s: float
    server_cpu_s: float
    client_cpu_s: float
    warm_errors: list[str]


async def run(users: int, plan: Plan, base: str, pid: int) -> Result:
    """The users, all at once after one untimed warm-up user; with the wall and CPU times."""
    # One user first, untimed: the server's first run of each page imports plotly and pandas and
    # compiles the pages, which a server that has been up a while has done.
    warm = await one_user(base, plan, -1)
    gate = Gate(users)
    clock: dict[str, float] = {}

    async def start_clock() -> None:
        await gate.open.wait()
        clock["t0"], clock["server"], clock["client"] = (time.perf_counter(), cpu_seconds(pid),
                                                         time.process_time())

    started = asyncio.create_task(start_clock())
    done = await asyncio.gather(*(one_user(base, plan, i, gate) for i in range(users)))
    await started
    return Result(list(done), time.perf_counter() - clock["t0"], cpu_seconds(pid) - clock["server"],
                  time.process_time() - clock["client"], warm.errors)


def report(res: Result, users: int) -> bool:
    """Print the table and the verdict; True if there were errors."""
    print("\nFrom sending the BackMsg to the arrival of its run's end (script_finished) with the")
    print("expected text among the run's elements.\n")
    print("| step | clicks | p50 s | p95 s | max s |")
    print("|---|---:|---:|---:|---:|")
    every: list[float] = []
    rows = (("procurement", ("procurement",)), ("guide", ("guide",)), ("all", KINDS),
            ("answer (radio / multiselect; not in all)", ("answer",)))
    for label, kinds in rows:
        xs = [x for u in res.users for k in kinds for x in u.samples[k]]
        if label == "all":
            every = xs
        if xs:
            print(f"| {label} | {len(xs)} | {statistics.median(xs):.2f} | {pct(xs, 95):.2f} | "
                  f"{max(xs):.2f} |")
    errors = [e for u in res.users for e in u.errors]
    failed = sum(bool(u.errors) for u in res.users)
    got = {k: sum(u.received.get(k, 0) for u in res.users) for k in ("messages", "bytes", "references")}
    print(f"\nReceived from the server (first loads included): {got['messages']:,} messages, "
          f"{got['bytes'] / 1e6:.1f} MB, of which {got['references']:,} references to cached messages.")
    print(f"\nErrors: {len(errors)} (users with an error: {failed} of {users})")
    for e in errors[:20]:
        print(f"- {e}")
    if res.warm_errors:
        print("Warm-up user (not counted):", *res.warm_errors, sep="\n- ")
    wall = res.wall_s
    print(f"\nTimed phase (everyone clicking at once) {wall:.1f} s; the server used "
          f"{res.server_cpu_s:.1f} s of CPU ({res.server_cpu_s / wall:.2f} cores on average), this "
          f"client {res.client_cpu_s:.1f} s ({res.client_cpu_s / wall:.2f} cores).")
    print(f"Load average after: {os.getloadavg()[0]:.1f} (other work on the machine skews the figures).")
    if every:
        p95 = pct(every, 95)
        verdict = "met" if p95 <= GOAL_P95 and not errors else "missed"
        print(f"Goal p95 <= {GOAL_P95} s and 0 errors: {verdict} (p95 {p95:.2f} s, {len(errors)} errors).")
    return bool(errors)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--users", type=int, default=40)
    ap.add_argument("--lang", default="nb", choices=["nb", "en"])
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds one step may take")
    ap.add_argument("--think", type=float, default=0.0,
                    help="seconds of pause between two clicks of a user (default 0)")
    args = ap.parse_args()
    plan = Plan(args.lang, args.timeout, args.think)
    load = os.getloadavg()
    print(f"# Load at the server: {args.users} concurrent websocket sessions ({args.lang})\n\n"
          f"{dt.date.today().isoformat()} · {platform.machine()} · {len(os.sched_getaffinity(0))} cores "
          f"usable · Python {platform.python_version()} · Streamlit {st.__version__} · think "
          f"{args.think:g} s · load average before {load[0]:.1f}")
    with serving() as (proc, base):
        res = asyncio.run(run(args.users, plan, base, proc.pid))
    if report(res, args.users):
        sys.exit(1)


if __name__ == "__main__":
    main()
