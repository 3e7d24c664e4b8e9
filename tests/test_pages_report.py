"""The report page and the answers in the link, through the app shell (AppTest), in every language."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from guide import content as content_mod
from guide import formats
from guide import questionnaires as Q
from guide.documents.escape import md_escape
from guide.state import Answers, encode_part
from guide.ui import answers as glue
from tests.conftest import ROOT, open_page, texts
from tests.test_state import full

C = content_mod.default()
UPLOADS = Path(__file__).resolve().parent / "fixtures" / "uploads"
EXPECTED = yaml.safe_load((UPLOADS / "expected.yaml").read_text(encoding="utf-8"))
ANSWER_KEYS = ("qn.", "proc_", "sroi_", "cal_", glue.KEY)


def ui(key: str, lang: str, **fmt: object) -> str:
    return C.t(key, lang, **fmt)  # type: ignore[arg-type]


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def answers_in(at: AppTest) -> dict[str, Any]:
    """Everything the session holds of the user's answers (a deep copy)."""
    state = at.session_state.to_dict()
    return copy.deepcopy({k: v for k, v in state.items() if k.startswith(ANSWER_KEYS)})


def fresh(params: dict[str, str], path: str | None = None) -> AppTest:
    """A new session opened from a link with ``params``, on the page ``path`` if given."""
    at = AppTest.from_file(str(ROOT / "shell.py"), default_timeout=60)
    at.query_params.update(params)
    at.run()
    if path is not None:
        at.switch_page(path)
        at.run()
    return at


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader[0].upload(name, data, "application/json").run()
    no_exception(at)
    return at


def test_the_report_page_in_both_languages(lang: str) -> None:
    at = open_page("views/report.py", lang)
    no_exception(at)
    assert at.title[0].value == ui("page.report.title", lang)
    link = at.text_input(key="report_link")
    assert link.label == ui("report.share.label", lang)
    assert link.value == f"?lang={lang}"  # nothing answered yet: a bare link
    assert [b.proto.label for b in at.get("download_button")] == [
        ui("report.download.pdf", lang), ui("report.download.docx", lang), ui("report.download.md", lang),
        ui("report.save.json", lang)]
    assert at.file_uploader[0].label == ui("report.load.label", lang)
    assert ui("report.empty", lang) in texts(at)
    assert ui("report.print", lang) in texts(at)


def test_a_saved_file_loads_and_the_report_and_link_follow(lang: str) -> None:
    at = open_page("views/report.py", lang)
    a = full()
    upload(at, "svar.json", a.to_json().encode())
    assert [s.value for s in at.success] == [ui("report.load.ok", lang, name="svar.json")]
    loaded = a.dated().model_copy(update={"lang": lang})  # the session keeps its language; the file its date
    assert at.session_state[glue.KEY] == loaded
    body = texts(at)
    for qid in a.questionnaires:
        assert Q.get(qid).title(lang) in body  # type: ignore[arg-type]
    assert ui("report.sroi.title", lang) in body and ui("report.cal.title", lang) in body
    # the link: in the address bar and in the field, and it opens the same answers
    assert at.query_params["v"] == "2" and at.query_params["lang"] == lang
    assert Answers.from_query(at.query_params) == loaded
    field = at.text_input(key="report_link").value
    assert field.startswith(f"?lang={lang}&v=2&") and len(field) < 1000


@pytest.mark.parametrize("fixture", ["truncated.json", "unknown_option.json", "too_large.json",
                                     "version_newer.json", "script_tag_key.json", "binary.json"])
def test_a_refused_upload_says_why_and_keeps_the_session(fixture: str, lang: str) -> None:
    at = open_page("views/report.py", lang)
    upload(at, "svar.json", full().to_json().encode())
    before = answers_in(at)
    upload(at, fixture, (UPLOADS / fixture).read_bytes())
    assert not at.success
    [error] = [e.value for e in at.error]
    name = md_escape(fixture, line_start=False)  # shown as typed, never read as markup
    assert error.startswith(ui("report.load.refused", lang, name=name, reason="").split(":")[0])
    code = EXPECTED[fixture]["code"]
    params = {"version": 3, "current": 2, "size_kb": 102, "max_kb": 100}
    assert ui(f"state.error.{code}", lang, **params) in error
    assert answers_in(at) == before  # nothing the user had is lost
    assert Answers.from_query(at.query_params) == full().dated().model_copy(update={"lang": lang})


def test_a_link_opens_the_same_answers_in_a_fresh_session(lang: str) -> None:
    at = open_page("views/report.py", lang)
    upload(at, "svar.json", full().to_json().encode())
    link = dict(at.query_params)
    other = "en" if lang == "nb" else "nb"
    # the colleague's browser: another session, opened on the readiness page from the link
    colleague = fresh(link, "views/readiness.py")
    no_exception(colleague)
    assert colleague.session_state["lang"] == lang  # the language of the link
    assert colleague.session_state[glue.KEY] == full().dated().model_copy(update={"lang": lang})
    assert ui("q.plan.title", lang) in texts(colleague)
    # a link from a session in the other language opens in that language
    link["lang"] = other
    assert fresh(link).session_state["lang"] == other


def test_answers_given_on_a_page_reach_the_link_and_survive_leaving_it(lang: str) -> None:
    at = open_page("views/sroi.py", lang)
    at.text_input(key="sroi_investment").input("250 000").run()
    at.text_input(key="sroi_name_0").set_value("Flere i jobb – Ås").run()
    no_exception(at)
    assert Answers.from_query(at.query_params).sroi.investment == 250_000.0
    at.switch_page("views/report.py")
    at.run()
    assert "Flere i jobb – Ås" in texts(at)
    at.switch_page("views/calendar.py")
    at.run()
    at.switch_page("views/sroi.py")
    at.run()
    no_exception(at)
    assert at.text_input(key="sroi_investment").value == formats.number(250_000, lang)  # type: ignore[arg-type]
    assert at.text_input(key="sroi_name_0").value == "Flere i jobb – Ås"


def test_a_garbled_link_opens_with_a_notice_and_what_could_be_read(lang: str) -> None:
    good = full().to_query()
    params = {"lang": lang, "v": "2", "proc": good["proc"], "sroi": good["sroi"][:40],
              "qn.readiness": "not*base64", "cal": encode_part({"role": "public_body", "year": 1066})}
    at = fresh(params, "views/procurement.py")
    no_exception(at)
    [warning] = [w.value for w in at.warning if ui("state.notice.link", lang) in w.value]
    assert "sroi" in warning and "qn.readiness" in warning
    assert at.text_input(key="proc_value").value == full().procurement.value
    kept = at.session_state[glue.KEY]
    assert kept.calendar.role == "public_body" and kept.calendar.year is None
    at.button(key="state_notice_dismiss").click().run()
    assert not [w for w in at.warning if ui("state.notice.link", lang) in w.value]
    assert at.text_input(key="proc_value").value == full().procurement.value


def test_a_broken_link_never_breaks_the_page() -> None:
    for params in ({"v": "999", "proc": "x"}, {"v": "2", "qn.readiness": "A" * 20_000},
                   {"lang": "<script>", "v": "2", "cal": "%%%"}, {"a": "x", "v": "1"}):
        at = fresh(params, "views/report.py")
        no_exception(at)
        assert at.title[0].value == ui("page.report.title", at.session_state["lang"])
