"""Real browser: what a live workshop's room sees, in nb, nn and en.

- The room with tables and without: every phone is counted — the tables, those who chose no
  table, and the total — in the count, the chart and the chart's text alternative.
- Opened as localhost, the facilitator's page says where the phones reach the app (this machine's
  network address) or how to set WORKSHOP_PUBLIC_URL; the QR code never points at localhost when
  the app can be reached on the network.
- The projector at 1920×1080: Next above the fold on the first question before the reveal, the
  statement not smaller than the count, "1 participant" in the singular, the vote chart's legend
  clear of its axis title and only the chosen options drawn, the open question's own instruction
  on the phone, and a summary slide that opens on its results and comes back after a reload.

The workshops are made through the store on the server's own database file (as the facilitator's
page does); the phones join through the join page.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from guide import content as content_mod
from guide.workshop import Store, links
from guide.workshop import questions as wq
from guide.workshop.tally import NO_TABLE
from tests.support.axe import blocking, describe, need_axe, run_axe
from tests.support.browser import assert_no_exception, shot, wait_ready
from tests.support.server import ROOT, SHOTS, free_port, healthy, serving, stop_server
from tests.support.words import ui

pytestmark = pytest.mark.browser

PIN = "551937"
PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
C = content_mod.default()


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory, browser: object) -> Iterator[tuple[str, Store]]:
    """The app on a free port (listening on 127.0.0.1 only) with the workshops in a SQLite file of
    its own, and a store on that file."""
    db: Path = tmp_path_factory.mktemp("room") / "workshops.db"
    with serving({"WORKSHOP_DB_PATH": str(db), "WORKSHOP_DATABASE_URL": ""}) as (_, base):
        store = Store(f"sqlite:///{db}")
        yield base, store
        store.dispose()


def in_view(page: Any, locator: Any) -> bool:
    """The element is on screen without scrolling, top to bottom."""
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


def px(locator: Any) -> float:
    return float(locator.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def projector(browser: Any, base: str, code: str, key: str, lang: str) -> tuple[Any, Any]:
    ctx = browser.new_context(viewport=PROJECTOR, accept_downloads=True)
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{base}/workshop?ws={code}&key={key}&present=1&lang={lang}")
    page.get_by_role("heading", name=ui("workshop.code", lang, code=code)).wait_for()
    return ctx, page


def join(browser: Any, base: str, code: str, lang: str, group: str | None) -> tuple[Any, Any]:
    """A phone joins through the join link, choosing a table (or none)."""
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    phone = ctx.new_page()
    phone.set_default_timeout(30_000)
    phone.goto(f"{base}/join?code={code}&lang={lang}")
    wait_ready(phone, text=ui("join.lead", lang)[:25])
    if group is not None:
        phone.get_by_role("combobox", name=ui("join.group", lang)).click()
        phone.get_by_role("option", name=wq.group_label(group, C, lang)).click()
    phone.get_by_role("button", name=ui("join.submit", lang)).click()
    phone.get_by_role("button", name=ui("join.leave", lang)).wait_for()
    return ctx, phone


def chart_text(page: Any, lang: str) -> str:
    """The chart's text alternative (folded on the projector: unfolded here)."""
    page.get_by_text(ui("workshop.chart.as_text", lang), exact=True).click()
    alt = page.locator('[data-testid="stExpander"]').filter(has_text=ui("workshop.chart.as_text", lang))
    return str(alt.locator('[data-testid="stCaptionContainer"]').first.inner_text())


# ---------------------------------------------------------------------------
# The room with tables and without


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_room_with_tables_counts_those_without_a_table_in_the_chart_and_its_text(
        room: tuple[str, Store], browser: Any, lang: str) -> None:
    base, store = room
    made = store.create("Bord og salen", pin=PIN, questions=["vote_forms"])
    forms = store.questions(made.code)[0].options
    seats = [("municipality", forms[0]), ("entrepreneur", forms[1]), (None, forms[1])]
    ctx, screen = projector(browser, base, made.code, str(made.facilitator_key), lang)
    phones = [join(browser, base, made.code, lang, group) for group, _ in seats]
    try:
        for (_, phone), (_, pick) in zip(phones, seats, strict=True):
            phone.get_by_role("button", name=C.forms[pick].title(lang), exact=True).click()
            phone.get_by_text(ui("join.your_answer", lang, answer=C.forms[pick].title(lang))).wait_for()
        screen.get_by_text(ui("workshop.answered", lang, n=3, total=3)).wait_for(timeout=10_000)
        screen.get_by_role("button", name=ui("workshop.show_results", lang)).click()
        chart = screen.locator('[data-testid="stPlotlyChart"]')
        chart.first.wait_for()
        assert chart.count() == 1, "one chart for the tables and the total"
        screen.get_by_role("heading", name=ui("workshop.by_group", lang)).wait_for()
        legend = [e.strip() for e in chart.locator(".legendtext").all_text_contents()]
        town, firms, nobody = (wq.group_label(g, C, lang) for g in ("municipality", "entrepreneur", NO_TABLE))
        assert legend == [town, firms, nobody], legend
        totals = [int(x) for x in chart.locator(".annotation-text").all_text_contents()]
        assert sum(totals) == 3, f"the bars count everyone who answered: {totals}"
        alt = chart_text(screen, lang)
        first, second = (C.forms[o].title(lang) for o in forms[:2])
        part = lambda g, n: ui("workshop.chart.alt_part", lang, group=g, n=n)  # noqa: E731
        item = lambda o, n: ui("workshop.chart.alt_item", lang, option=o, n=n)  # noqa: E731
        assert ui("workshop.chart.alt_parts", lang, item=item(first, 1), parts=part(town, 1)) in alt
        assert ui("workshop.chart.alt_parts", lang, item=item(second, 2),
                  parts=f"{part(firms, 1)}, {part(nobody, 1)}") in alt, alt
        for o in forms[2:]:
            assert item(C.forms[o].title(lang), 0) in alt, "every option is named"
        assert alt.endswith(ui("workshop.chart.alt_total", lang, n=3)), alt
        shot(screen, f"room-{lang}-tables-and-no-table")
        assert_no_exception(screen)
    finally:
        for c, _ in phones:
            c.close()
        ctx.close()


def test_a_room_without_tables_has_one_bar_per_option_and_the_total_in_its_text(
        room: tuple[str, Store], browser: Any) -> None:
    base, store = room
    lang = "nb"
    made = store.create("Uten bord", pin=PIN, questions=wq.build(["myths"], C))
    first = store.questions(made.code)[0]
    ctx, screen = projector(browser, base, made.code, str(made.facilitator_key), lang)
    phones = [join(browser, base, made.code, lang, None) for _ in range(2)]
    try:
        picks = ("believe_false", "unsure")
        for (_, phone), pick in zip(phones, picks, strict=True):
            label = ui(f"workshop.opt.{pick}", lang)
            phone.get_by_role("button", name=label).click()
            phone.get_by_text(ui("join.your_answer", lang, answer=label)).wait_for()
        screen.get_by_text(ui("workshop.answered", lang, n=2, total=2)).wait_for(timeout=10_000)
        screen.get_by_role("button", name=ui("workshop.reveal", lang)).click()
        chart = screen.locator('[data-testid="stPlotlyChart"]')
        chart.first.wait_for()
        assert not chart.locator(".legendtext").count(), "no tables, no legend"
        assert not screen.get_by_role("heading", name=ui("workshop.by_group", lang)).count()
        alt = chart_text(screen, lang)
        items = "; ".join(ui("workshop.chart.alt_item", lang, option=ui(f"workshop.opt.{o}", lang),
                             n=int(o in picks)) for o in first.options)
        total = ui("workshop.chart.alt_total", lang, n=2)
        assert alt == f"{ui('workshop.chart.alt', lang, items=items)} {total}", "every option and the total"
        assert_no_exception(screen)
    finally:
        for c, _ in phones:
            c.close()
        ctx.close()


# ---------------------------------------------------------------------------
# Opened as localhost


def test_opened_as_localhost_on_a_server_only_this_machine_reaches_the_page_says_how_to_set_the_address(
        room: tuple[str, Store], page: Any) -> None:
    base, _ = room  # this server listens on 127.0.0.1 only
    port = int(base.rsplit(":", 1)[1])
    page.goto(f"{base}/workshop?lang=en")
    wait_ready(page, text=ui("workshop.new.submit", "en"))
    hint = page.get_by_text(re.compile(re.escape(ui("workshop.address.local", "en", env="X", port=0)[:40])))
    hint.wait_for()
    text = hint.inner_text()
    assert f"WORKSHOP_PUBLIC_URL=http://192.168.1.20:{port} PORT={port} make run" in text
    shot(page, "room-en-address-local")


@contextlib.contextmanager
def on_every_interface(env: dict[str, str]) -> Iterator[str]:
    """The app listening on every interface (as ``make run`` starts it), opened as localhost."""
    port = free_port()
    SHOTS.mkdir(parents=True, exist_ok=True)
    log = open(SHOTS / f"server-{port}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "0.0.0.0",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **env})
    try:
        if not healthy(f"http://127.0.0.1:{port}", proc, 60):
            raise RuntimeError("the Streamlit server did not start within 60 s")
        yield f"http://localhost:{port}"
    finally:
        stop_server(proc)


def test_opened_as_localhost_the_qr_code_uses_the_machines_network_address_and_says_so(
        tmp_path: Path, browser: Any) -> None:
    ip = links.network_address()
    if ip is None:
        pytest.skip("this machine has no network address: the hint for WORKSHOP_PUBLIC_URL is tested above")
    db = tmp_path / "workshops.db"
    with on_every_interface({"WORKSHOP_DB_PATH": str(db), "WORKSHOP_DATABASE_URL": "",
                             "WORKSHOP_PUBLIC_URL": ""}) as base:
        port = int(base.rsplit(":", 1)[1])
        made = Store(f"sqlite:///{db}").create("Fra en bærbar", pin=PIN, questions=["vote_forms"])
        ctx = browser.new_context(viewport={"width": 1366, "height": 900})
        try:
            page = ctx.new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{base}/workshop?ws={made.code}&key={made.facilitator_key}&lang=nb")
            page.get_by_role("heading", name=ui("workshop.code", "nb", code=made.code)).wait_for()
            expected = f"http://{ip}:{port}"
            start = ui("workshop.address.network", "nb", url="X", env="Y", port=0)[:40]
            hint = page.get_by_text(re.compile(re.escape(start)))
            hint.wait_for()
            assert expected in hint.inner_text()
            caption = page.locator('[data-testid="stImage"]').first.inner_text()
            assert f"{expected}/join?code={made.code}" in caption, caption
            assert "localhost" not in caption and "127.0.0.1" not in caption
            assert expected in page.locator('[data-testid="stCode"]').first.inner_text()
            shot(page, "room-nb-address-network")
        finally:
            ctx.close()


# ---------------------------------------------------------------------------
# The projector at 1920×1080


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_projector_slides_fit_1920x1080(room: tuple[str, Store], browser: Any, lang: str) -> None:
    base, store = room
    made = store.create("Samarbeid i Bodø", pin=PIN,
                        questions=wq.build(["myths", "vote_forms", "open_obstacle"], C))
    code, key = made.code, str(made.facilitator_key)
    qs = store.questions(code)
    seat = store.join(code)  # one participant so far: the singular
    ctx, screen = projector(browser, base, code, key, lang)
    phone_ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        # The first question before the reveal: Next above the fold, the statement the largest.
        count = screen.get_by_text(ui("workshop.answered", lang, n=0, total=1))
        count.wait_for(timeout=10_000)
        assert re.search(r"\b1 (participant|deltaker|deltakar)\b", count.inner_text()), count.inner_text()
        screen.get_by_text(ui("workshop.participants", lang, n=1), exact=True).wait_for()
        body = screen.locator('[data-testid="stMain"]').inner_text()
        assert not re.search(r"\b1 (participants|deltakere|deltakarar)\b", body)
        nxt = screen.get_by_role("button", name=ui("workshop.next", lang))
        assert in_view(screen, nxt), f"Next above the fold: {nxt.bounding_box()}"
        statement = screen.locator(".st-key-ws_statement h2")
        assert statement.inner_text().strip() == C.myths[qs[0].ref].claim(lang)
        number = screen.locator(".st-key-ws_count p").first
        assert px(statement) >= px(number), (px(statement), px(number))
        qr = screen.locator('[data-testid="stImage"] img').first
        qr.evaluate("img => img.complete ? img.naturalWidth : new Promise(r => img.onload = () => r(1))")
        screen.wait_for_function("el => el.getBoundingClientRect().height > 0", arg=qr.element_handle())
        assert in_view(screen, qr) and qr.bounding_box()["height"] >= PROJECTOR["height"] / 3
        local = ui("workshop.address.local_short", lang, env="WORKSHOP_PUBLIC_URL").replace("`", "")
        warning = screen.get_by_text(local)
        warning.wait_for()  # this server listens on 127.0.0.1 only: the slide says so, under the QR code
        assert warning.bounding_box()["y"] < PROJECTOR["height"], "the warning starts above the fold"
        shot(screen, f"room-{lang}-projector-first-question")
        need_axe()
        bad = blocking(run_axe(screen))
        assert not bad, describe("the first slide", bad)

        store.answer(code, seat, qs[0].id, "believe_false")
        screen.get_by_role("button", name=ui("workshop.reveal", lang)).click()
        screen.locator('[data-testid="stPlotlyChart"]').first.wait_for()
        assert in_view(screen, screen.get_by_role("button", name=ui("workshop.next", lang)))
        shot(screen, f"room-{lang}-projector-first-revealed")

        # The vote, split by tables: the legend clear of the axis title, only the chosen drawn.
        for _ in range(len(C.myths)):
            store.next(code, key=key)
        vote = qs[len(C.myths)]
        forms = vote.options
        store.answer(code, seat, vote.id, forms[0])
        for group, pick in (("municipality", forms[0]), ("entrepreneur", forms[4]), ("state", forms[4])):
            store.answer(code, store.join(code, group=group), vote.id, pick)
        screen.get_by_text(ui("workshop.answered", lang, n=4, total=4)).wait_for(timeout=10_000)
        screen.get_by_role("button", name=ui("workshop.show_results", lang)).click()
        chart = screen.locator('[data-testid="stPlotlyChart"]').first
        chart.wait_for()
        screen.wait_for_timeout(1_500)  # the chart settles
        legend, axis = chart.locator("g.legend").bounding_box(), chart.locator("text.xtitle").bounding_box()
        assert legend and axis and not overlap(legend, axis), (legend, axis)
        ticks = [e.strip() for e in chart.locator(".ytick text").all_text_contents() if e.strip()]
        assert len(ticks) == 2 < len(forms), f"only the chosen options are drawn: {ticks}"
        screen.get_by_text(ui("workshop.chart.only_chosen", lang)).wait_for()
        assert in_view(screen, screen.get_by_role("button", name=ui("workshop.next", lang)))
        shot(screen, f"room-{lang}-projector-vote")
        bad = blocking(run_axe(screen))
        assert not bad, describe("the vote's slide", bad)

        # The open question: the phone is told to write and send, not to tap.
        store.next(code, key=key)
        phone = phone_ctx.new_page()
        phone.set_default_timeout(30_000)
        phone.goto(f"{base}/join?code={code}&p={seat}&lang={lang}")
        phone.get_by_text(ui("workshop.q.open_obstacle", lang)).wait_for()
        write = ui("join.open.write", lang, button=ui("join.open.send", lang))
        phone.get_by_text(write, exact=False).wait_for()
        assert not phone.get_by_text(ui("join.choose", lang)[:15]).count(), "no 'Tap your answer'"
        shot(phone, f"room-{lang}-phone-open-question")

        # The summary slide opens on its results; a reload comes back to it.
        screen.get_by_text(ui("workshop.q.open_obstacle", lang)).first.wait_for(timeout=10_000)
        screen.get_by_role("button", name=ui("workshop.to_summary", lang)).click()
        results = screen.locator(".st-key-ws_summary_results table").first
        results.wait_for()
        heading = screen.get_by_role("heading", name=ui("workshop.summary", lang), exact=True)
        back = screen.get_by_role("button", name=ui("workshop.back_to_questions", lang))
        assert in_view(screen, heading) and in_view(screen, back)
        assert results.bounding_box()["y"] < PROJECTOR["height"] * 0.6, "the results open the slide"
        total = ui("workshop.summary.total", lang, participants=4, answers=5, questions=len(qs))
        screen.get_by_text(total).wait_for()
        shot(screen, f"room-{lang}-projector-summary")
        bad = blocking(run_axe(screen))
        assert not bad, describe("the summary slide", bad)
        screen.reload()
        screen.locator(".st-key-ws_summary_results table").first.wait_for()
        assert "ws_view=summary" in screen.url
        assert not screen.get_by_role("button", name=ui("workshop.next", lang)).count()
        screen.get_by_role("button", name=ui("workshop.back_to_questions", lang)).wait_for()
        assert_no_exception(screen)
        assert_no_exception(phone)
    finally:
        phone_ctx.close()
        ctx.close()
