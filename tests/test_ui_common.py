"""guide.ui.common: the language is read once per run of a page's body, and still follows every
change the shell makes before the page runs; content() is the one parsed content."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from guide import content as content_mod

SHELL = """
import streamlit as st
from guide.ui import common

st.session_state.setdefault("lang", "nb")
first = common.lang()
if st.session_state.get("switch"):
    st.session_state["lang"] = "en"  # as the shell does with a language from a saved link
st.session_state["shell"] = [first, common.lang(), common._page_run() is not None]
st.navigation([st.Page({page!r}, default=True)]).run()
"""

PAGE = """
import streamlit as st
from guide.ui import common

a = common.lang()
b = common.lang()
st.markdown(f"{a} {b} {common.t('lang.label')} {common._page_run() is not None}")
st.session_state["same_content"] = common.content() is common.content()
"""


@pytest.fixture
def app(tmp_path: Path) -> AppTest:
    page = tmp_path / "page.py"
    page.write_text(PAGE, encoding="utf-8")
    shell = tmp_path / "app.py"
    shell.write_text(SHELL.format(page=str(page)), encoding="utf-8")
    at = AppTest.from_file(str(shell), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_page_reads_the_language_once_per_run(app: AppTest) -> None:
    assert app.markdown[0].value == "nb nb Språk True"  # cached in the page's body
    assert app.session_state["shell"] == ["nb", "nb", False]  # never cached in the shell
    assert app.session_state["same_content"] is True


def test_a_change_between_runs_is_seen(app: AppTest) -> None:
    app.session_state["lang"] = "en"
    app.run()
    assert app.markdown[0].value == "en en Language True"
    app.session_state["lang"] = "nb"
    app.run()
    assert app.markdown[0].value == "nb nb Språk True"


def test_a_change_the_shell_makes_before_the_page_is_seen(app: AppTest) -> None:
    app.session_state["switch"] = True
    app.run()
    assert app.session_state["shell"] == ["nb", "en", False]
    assert app.markdown[0].value == "en en Language True"


def test_an_unknown_language_falls_back_to_norwegian(app: AppTest) -> None:
    app.session_state["lang"] = "xx"
    app.run()
    assert app.markdown[0].value == "nb nb Språk True"


def test_content_is_the_one_parsed_once_per_process() -> None:
    from guide.ui import common

    before = content_mod.LOAD_COUNT
    assert common.content() is content_mod.default()
    common.content()
    assert before == content_mod.LOAD_COUNT


def test_freeze_heap_moves_the_loaded_modules_out_of_the_collectors_way(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import gc
    import sys

    from guide.ui import common

    calls: list[str] = []
    monkeypatch.setattr(common, "_frozen_at", 0)
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append("collect") or 0)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    common.freeze_heap()
    assert calls == ["collect", "freeze"]
    common.freeze_heap()  # nothing new imported: nothing to do
    assert calls == ["collect", "freeze"]
    monkeypatch.setitem(sys.modules, "veier_test_new_module", object())  # type: ignore[arg-type]
    common.freeze_heap()  # a page imported more: freeze again
    assert calls == ["collect", "freeze"] * 2
