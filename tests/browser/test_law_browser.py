"""Real browser: the law as it stands today in the checker, and a link saved before it changed.

Each case opens the checker from a link that holds the purchase (as a shared or saved link does),
in every language, and reads what a municipal buyer reads: the rules on today's date with how sure
the figures are, what a reported figure would change, and for a link saved on 1 March 2026 what
changed since.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl, urlencode

import pytest

from guide import formats
from guide.state import Answers
from tests.support.browser import assert_no_exception, shot, wait_idle, wait_ready
from tests.support.words import ui

pytestmark = pytest.mark.browser
LANGS = ("nb", "nn", "en")
SAVED = dt.date(2026, 3, 1)




def link(server: str, lang: str, **procurement: object) -> str:
    a = Answers.model_validate({"lang": lang, "procurement": procurement})
    return f"{server}/procurement?{urlencode(a.to_query())}"


def main_text(page: object) -> str:
    return str(page.locator('[data-testid="stMain"]').inner_text())  # type: ignore[attr-defined]


def flat(s: str) -> str:
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.mark.parametrize("lang", LANGS)
def test_450_000_of_health_and_social_services_is_outside_the_act_today(
    server: str, page: object, lang: str,
) -> None:
    page.goto(link(server, lang, value="450 000", category="health_social"))  # type: ignore[attr-defined]
    wait_ready(page, text=ui("proc.rules_short.outside_act", lang))
    assert_no_exception(page)
    text = flat(main_text(page))
    assert ui("proc.status.adopted", lang) in text  # how sure the 500 000 is, beside the answer
    assert formats.nok(500_000, lang).replace("\u00a0", " ") in text
    assert "300 000" not in text and "300,000" not in text  # the overtaken proposal is not warned of
    shot(page, f"law-450000-health-{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_2_400_000_municipal_goods_says_what_the_reported_figures_would_change(
    server: str, page: object, lang: str,
) -> None:
    page.goto(link(server, lang, value="2 400 000"))  # type: ignore[attr-defined]
    wait_ready(page, text=ui("proc.rules_short.part3", lang))
    assert_no_exception(page)
    text = flat(main_text(page))
    lead = ui("proc.warning.pending.unconfirmed", lang, name="", value="", date="").split("**")[1]
    assert lead in text
    assert ui("proc.warning.regime_if", lang, rules=ui("proc.rules_short.part2", lang)) in text
    shot(page, f"law-2400000-municipal-{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_saved_before_1_july_2026_says_what_changed_since(
    server: str, page: object, lang: str,
) -> None:
    page.goto(link(server, lang, value="450 000", category="health_social", as_of=SAVED.isoformat()))  # type: ignore[attr-defined]
    title = ui("proc.since.title", lang, date=formats.date(SAVED, lang))
    wait_ready(page, text=title)
    assert_no_exception(page)
    text = flat(main_text(page))
    then = ui("proc.since.then", lang, date=formats.date(SAVED, lang),
              rules=ui("proc.rules_short.part1_health_social", lang))
    assert then in text
    assert ui("proc.since.now", lang, date=formats.date(dt.date.today(), lang),
              rules=ui("proc.rules_short.outside_act", lang)) in text
    shot(page, f"law-saved-2026-03-01-{lang}")
    # Seen: the result as of today, and the link no longer carries the old date.
    page.get_by_role("button", name=ui("proc.since.seen", lang)).click()  # type: ignore[attr-defined]
    wait_idle(page)
    assert title not in flat(main_text(page))
    query = dict(parse_qsl(str(page.url).split("?", 1)[1]))  # type: ignore[attr-defined]
    assert Answers.from_query(query).procurement.as_of == dt.date.today()


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_of_rule_changes_lists_the_law_of_2026(server: str, page: object, lang: str) -> None:
    page.goto(f"{server}/law-changes?lang={lang}")  # type: ignore[attr-defined]
    wait_ready(page, text="HR-2025-2425-A")
    assert_no_exception(page)
    text = flat(main_text(page))
    assert formats.nok(500_000, lang).replace("\u00a0", " ") in text
    assert ui("proc.status.adopted", lang) in text and ui("proc.status.unconfirmed", lang) in text
    shot(page, f"law-changes-{lang}")
