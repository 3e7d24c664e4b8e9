"""Pages: a saved file or a link with a number outside its plausible range loads every other answer
and says, in the page's language, which number was left out and its range; never a traceback."""

from __future__ import annotations

import json

from guide import content as content_mod
from guide.answers.model import RANGED, range_message
from guide.state import encode_part
from guide.ui import answers as glue
from tests.support.apptest import fresh, no_exception, open_page, upload
from tests.support.words import ui

C = content_mod.default()


def test_a_saved_file_with_a_number_out_of_range_loads_the_rest_and_says_so(lang: str) -> None:
    at = open_page("views/report.py", lang)
    data = {"version": 2, "lang": "nb",
            "sroi": {"investment": 250_000, "outcomes": [{"name": "Flere i arbeid", "quantity": 1e300,
                                                          "proxy": 20_000}]},
            "procurement": {"value": "1 400 000", "buyer": "state"}, "calendar": {"months": 99}}
    upload(at, "svar.json", json.dumps(data).encode())
    assert not at.error and not at.success
    [warning] = [w.value for w in at.warning if ui("report.load.left_out", lang, name="svar.json") in w.value]
    for path in (("sroi", "outcomes", "quantity"), ("calendar", "months")):
        assert range_message(RANGED[path], lang) in warning  # type: ignore[arg-type]
    a = at.session_state[glue.KEY]
    assert a.sroi.investment == 250_000 and a.sroi.outcomes[0].name == "Flere i arbeid"
    assert a.sroi.outcomes[0].quantity is None and a.sroi.outcomes[0].proxy == 20_000
    assert (a.procurement.value, a.procurement.buyer, a.calendar.months) == ("1 400 000", "state", None)


def test_a_link_with_a_number_out_of_range_opens_the_rest_with_a_notice_that_names_it(lang: str) -> None:
    params = {"lang": lang, "v": "2", "proc": encode_part({"value": "500 mrd", "buyer": "state"}),
              "sroi": encode_part({"investment": 250_000, "discount_rate": 4})}
    at = fresh(params, "views/procurement.py")
    no_exception(at)
    [warning] = [w.value for w in at.warning if ui("state.notice.link", lang) in w.value]
    assert range_message(RANGED[("procurement", "value")], lang) in warning  # type: ignore[arg-type]
    a = at.session_state[glue.KEY]
    assert (a.procurement.value, a.procurement.buyer) == ("", "state")
    assert (a.sroi.investment, a.sroi.discount_rate) == (250_000, 4)


def test_a_refused_number_is_worded_in_the_language_switched_to() -> None:
    at = open_page("views/sroi.py", "nb")
    at.text_input(key="sroi_investment").input("20 mrd").run()
    at.number_input(key="sroi_attribution_0").set_value(150).run()
    no_exception(at)
    errors = [e.value for e in at.error]
    for lang in ("nb", "en"):
        if lang == "en":
            at.session_state["lang"] = "en"
            at.run()
            no_exception(at)
            errors = [e.value for e in at.error]
        for path in (("sroi", "investment"), ("sroi", "outcomes", "attribution")):
            assert range_message(RANGED[path], lang) in errors  # type: ignore[arg-type]
    assert not [e for e in errors if range_message(RANGED[("sroi", "investment")], "nb") in e]
