"""AppTest of the case file, in every language: the purchase's name and case number on the report
page (kept in the answers and the link), the share link's copy button, the estimated-value helper
feeding the checker, the procurement protocol of a Part I purchase, and whether the main grant is
open now on the funding page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from streamlit.testing.v1 import AppTest

from guide import content as content_mod
from guide import formats
from guide.state import Answers
from guide.ui import answers as glue
from tests.support.apptest import open_page, texts
from tests.support.words import ui

C = content_mod.default()
REPORT = "views/report.py"
PROC = "views/procurement.py"
NAME = "Arbeidstrening for unge – pilot «2027»"
NUMBER = "2026/1234"


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def answers(at: AppTest) -> Answers:
    a = at.session_state[glue.KEY]
    assert isinstance(a, Answers)
    return a


def htmls(at: AppTest) -> str:
    return "\n".join(str(h.proto.body) for h in at.get("html"))


def test_the_case_file_fields_reach_the_answers_the_link_and_the_report(lang: str) -> None:
    at = ok(open_page(REPORT, lang))
    name, number = at.text_input(key="case_name"), at.text_input(key="case_number")
    assert name.label == ui("report.case.name", lang) and number.label == ui("report.case.number", lang)
    name.set_value(NAME)
    ok(at.run())
    at.text_input(key="case_number").set_value(NUMBER)
    ok(at.run())
    assert answers(at).case.name == NAME and answers(at).case.number == NUMBER
    link = at.text_input(key="report_link").value
    restored = Answers.from_query({k: v[-1] for k, v in parse_qs(urlsplit(link).query).items()})
    assert (restored.case.name, restored.case.number) == (NAME, NUMBER)
    assert '"case"' in answers(at).to_json() and NUMBER in answers(at).to_json()
    shown = texts(at)
    assert f"{ui('report.case.number', lang)}:** {NUMBER}" in shown  # on the report's title lines
    assert ui("report.disclaimer", lang) in shown


def test_the_share_link_has_a_copy_button_with_the_current_link(lang: str) -> None:
    at = ok(open_page(REPORT, lang))
    at.text_input(key="case_number").set_value(NUMBER)
    ok(at.run())
    body = htmls(at)
    link = at.text_input(key="report_link").value
    assert f">{ui('report.share.copy', lang)}</button>" in body
    assert f'data-copy="{link.replace("&", "&amp;")}"' in body
    assert 'role="status"' in body


def test_hidden_characters_in_the_case_number_are_refused_and_said(lang: str) -> None:
    at = ok(open_page(REPORT, lang))
    at.text_input(key="case_number").set_value("2026/\u202e1234")
    ok(at.run())
    assert answers(at).case.number == ""
    assert ui("state.error.hidden_characters", lang) in [e.value for e in at.error]


def test_the_estimate_helper_adds_up_the_whole_period_and_feeds_the_checker(lang: str) -> None:
    at = ok(open_page(PROC, lang))
    at.text_input(key="est_per_year").set_value("300 000")
    ok(at.run())
    at.number_input(key="est_years").set_value(2.0)
    ok(at.run())
    at.number_input(key="est_extension_years").set_value(1.0)
    ok(at.run())
    shown = texts(at)
    total = formats.nok(900_000, lang)
    assert ui("estimate.value.result", lang, value=total) in shown
    assert ui("estimate.value.split", lang) in shown
    use = at.button(key="est_use")
    assert use.label == ui("estimate.value.use", lang, value=total)
    use.click()
    ok(at.run())
    assert answers(at).procurement.value == formats.number(900_000, lang, decimals=0)
    assert at.text_input(key="proc_value").value == formats.number(900_000, lang, decimals=0)
    assert ui("proc.result.heading", lang, value=total) in texts(at)
    assert ui("estimate.value.used", lang, value=total) in [s.value for s in at.success]


def test_a_part_one_purchase_offers_its_protocol_and_others_do_not(lang: str) -> None:
    at = ok(open_page(PROC, lang))
    at.text_input(key="proc_value").set_value("900 000")
    ok(at.run())
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [ui("protocol.download.docx", lang), ui("protocol.download.pdf", lang)]
    at.text_input(key="proc_case_number").set_value(NUMBER)
    ok(at.run())
    assert answers(at).case.number == NUMBER
    at.text_input(key="proc_value").set_value("5 000 000")
    ok(at.run())
    assert not at.get("download_button")
    assert ui("protocol.not_part_one", lang) in [i.value for i in at.info]


def test_the_funding_page_says_whether_the_main_grant_is_open_now(lang: str) -> None:
    at = ok(open_page("views/funding.py", lang))
    shown = texts(at)
    title = C.funding["grant_social_entrepreneurship"].title(lang)  # type: ignore[arg-type]
    assert ui("funding.open.title", lang) in shown
    assert ui("funding.open.unknown", lang, title=title) in shown
    assert ui("funding.col.open", lang) in shown


def test_the_report_page_offers_the_protocol_of_a_part_one_purchase(lang: str) -> None:
    at = ok(open_page(PROC, lang))
    at.text_input(key="proc_value").set_value("900 000")
    ok(at.run())
    at.switch_page(REPORT)
    ok(at.run())
    labels = [b.proto.label for b in at.get("download_button")]
    assert ui("protocol.download.docx", lang) in labels and ui("protocol.download.pdf", lang) in labels
