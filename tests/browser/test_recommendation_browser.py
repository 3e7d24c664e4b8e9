"""Real browser: the procurement checker recommends one procedure, and lists the others that fit as
ranked alternatives, for the purchases users tried (1.5 M, 2.4 M and 8 M for a municipality, 1.6 M
for a state body)."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from guide import content as content_mod
from guide import formats
from guide import procurement as proc
from tests.support.browser import assert_no_exception, open_app_page, shot, type_value, wait_idle
from tests.support.words import ui

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_one_recommended_procedure_with_ranked_alternatives(server: str, page: object, lang: str) -> None:
    open_app_page(page, server, "procurement", lang)
    main = page.locator('[data-testid="stMain"]')  # type: ignore[attr-defined]
    label = ui("proc.choose.recommended", lang)
    c = content_mod.default()
    for value, buyer in (("1500000", None), ("2400000", None), ("8000000", None), ("1600000", "state")):
        if buyer is not None:
            main.get_by_role("combobox", name=ui("proc.input.buyer", lang)).click()
            page.get_by_role("option", name=ui(f"proc.buyer.{buyer}", lang), exact=True).click()  # type: ignore[attr-defined]
            wait_idle(page)
        type_value(page, lang, value)
        main.get_by_text(ui("proc.result.heading", lang, value=formats.nok(int(value), lang)),
                         exact=True).wait_for()
        main.get_by_text(ui("proc.choose.heading", lang), exact=True).first.wait_for()
        r = proc.route(int(value), buyer=buyer or "municipal", category="goods_services", on=dt.date.today())
        fits = [a for a in proc.procedures(r, {}) if a.recommended]
        best = c.procedure_choices[fits[0].id].title(lang)
        deadline = time.monotonic() + 15  # the chooser under the new result may still be arriving
        while (best not in (text := main.inner_text()) or text.count(label) != 1) \
                and time.monotonic() < deadline:
            time.sleep(0.2)
        assert text.count(label) == 1, (value, buyer, text.count(label))
        assert text.index(best) < text.index(label), "the recommended one, named first"
        alternatives = ui("proc.choose.alternatives", lang)
        assert (alternatives in text) == (len(fits) > 1)
        for rank, a in enumerate(fits[1:], 2):  # the others that fit, after it, ranked, folded
            title = ui("proc.choose.alternative", lang, n=rank, title=c.procedure_choices[a.id].title(lang))
            summary = main.locator('[data-testid="stExpander"] summary').filter(has_text=title)
            assert summary.count() == 1, title
            assert text.index(label) < text.index(alternatives) < text.index(title)
    assert_no_exception(page)
    shot(page, f"procurement-one-recommendation-{lang}")
