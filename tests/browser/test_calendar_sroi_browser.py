"""Real browser: download the year's .ics from the calendar, and compute an SROI, in English."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import icalendar
import pytest

from guide import calendar as cal
from guide import content as content_mod
from guide import impact
from guide.text import nok
from tests.support.browser import assert_no_exception, h1, shot, wait_idle, wait_ready
from tests.support.words import in_lang

pytestmark = pytest.mark.browser


t = in_lang("en")


def open_in_english(page, server: str, slug: str) -> None:  # type: ignore[no-untyped-def]
    """Open ``/<slug>?lang=en``. If the deep link does not show the page in English (the app
    shell's job, not the page's), warn and get there as a user would: home, English, menu."""
    title = t(f"page.{slug}.title")
    page.goto(f"{server}/{slug}?lang=en")
    wait_ready(page)
    if h1(page) == title:
        return
    warnings.warn(
        f"/{slug}?lang=en showed {h1(page)!r}, not {title!r}: the app shell did not handle the deep "
        "link or its lang parameter; opening the page through the menu instead",
        stacklevel=2,
    )
    page.goto(f"{server}/?lang=en")
    wait_ready(page)
    if h1(page) != t("home.title"):
        page.get_by_role("radio", name=t("lang.en"), exact=True).first.click()  # the language switch
    page.get_by_role("heading", name=t("home.title")).wait_for()
    wait_idle(page)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=title).click()
    wait_ready(page, text=title)
    assert h1(page) == title


def test_calendar_ics_download(server: str, page) -> None:  # type: ignore[no-untyped-def]
    today = cal.clamp(dt.date.today())
    open_in_english(page, server, "calendar")
    wait_ready(page, text=t("calendar.now.title"))
    assert_no_exception(page)
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    shot(page, "calendar-en")
    button = page.get_by_role("button", name=t("calendar.window.download"))
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == f"veier-til-samarbeid-{today.isoformat()}-12m.ics"
    data = Path(download.path()).read_bytes()
    parsed = icalendar.Calendar.from_ical(data)
    vevents = list(parsed.walk("VEVENT"))
    expected = cal.window(today, 12, role="entrepreneur", lang="en")
    want = sorted((day, summary) for e in expected for _, day, summary in cal.ics_items(e))
    got = [(v.decoded("DTSTART"), str(v["SUMMARY"])) for v in vevents]
    assert sorted(got) == want and [d for d, _ in got] == sorted(d for d, _ in got)
    assert all(v.decoded("DTEND") > today for v in vevents)  # nothing that is over
    doubted = t("calendar.ics.unconfirmed").split(".")[0]
    for v in vevents:
        alarms = [a for a in v.subcomponents if a.name == "VALARM"]
        said = " ".join(str(v["DESCRIPTION"]).split())
        if "deadline" in [str(c) for c in v["CATEGORIES"].cats]:  # reminders only on a trusted date
            assert bool(alarms) != (doubted in said)
        else:
            assert not alarms
    assert str(parsed["X-WR-CALNAME"]).startswith("Paths to cooperation")


def number(page, label: str, value: str) -> None:  # type: ignore[no-untyped-def]
    box = page.get_by_label(label, exact=True)
    box.fill(value)
    box.press("Enter")
    wait_idle(page)


def out_of_range(field: str) -> str:
    """The message by a field whose value is outside its range (content/inputs.yaml), in English."""
    from guide.impact import presenter
    from guide.wording import Wording

    c = content_mod.default()
    b = c.input_ranges[presenter.RANGES[field]]
    w = Wording(c, "en")
    return t("sroi.error.out_of_range", field=t(f"sroi.field.{field}"), min=w.bound(b.min, b.unit),
             max=w.bound(b.max, b.unit))


def test_sroi_is_computed_and_bad_input_is_shown_by_the_field(server: str, page) -> None:  # type: ignore[no-untyped-def]
    open_in_english(page, server, "sroi")
    wait_ready(page, text=t("sroi.missing"))
    assert_no_exception(page)
    number(page, t("sroi.field.investment"), "100000")
    number(page, t("sroi.field.quantity"), "10")
    number(page, t("sroi.field.proxy"), "20000")
    number(page, t("sroi.field.duration_years"), "3")
    number(page, t("sroi.field.deadweight"), "20")
    # 10 × 20 000 × 0.8 = 160 000 a year for 3 years at 3.5 %: PV 448 262, ratio 4.48
    res = impact.sroi(100_000, [impact.Outcome(10, 20_000, 3, deadweight=0.2)])
    main = page.locator('[data-testid="stMain"]')
    box = main.locator('[class*="st-key-answer_"]').first  # the result's answer box
    box.get_by_text("4.48 : 1").first.wait_for()
    assert nok(res.present_value, "en") in box.inner_text()
    assert main.locator('[data-testid="stPlotlyChart"]').count() == 3  # waterfall, breakdown, by year
    assert_no_exception(page)
    shot(page, "sroi-en")

    # A bad attribution: the message stands in the attribution field's column; the rest is kept.
    number(page, t("sroi.field.attribution"), "150")
    column = main.locator('[data-testid="stColumn"]').filter(
        has=page.get_by_label(t("sroi.field.attribution"), exact=True))
    column.last.get_by_text(out_of_range("attribution")).wait_for()
    assert main.locator('[class*="st-key-answer_"]').count() == 0
    assert page.get_by_label(t("sroi.field.investment"), exact=True).input_value() == "100000"
    assert page.get_by_label(t("sroi.field.proxy"), exact=True).input_value() == "20000"
    assert_no_exception(page)
    number(page, t("sroi.field.attribution"), "10")
    # attribution 10 %: PV × 0.9 → ratio 4.03
    box.get_by_text("4.03 : 1").first.wait_for()  # in the answer box
