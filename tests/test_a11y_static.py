"""Universal design without a browser: every chart has a text alternative, every input a label,
captions keep their contrast, and no page uses plotly.express.

Two layers: a scan of the source (views/ and guide/ui/, so code paths no test reaches are covered
too) and AppTest over every page of the navigation in every language, plus the states where the
charts appear (a procurement value, a questionnaire result, an SROI calculation).
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from guide import content as content_mod
from guide.model import LANGS
from guide.state import Answers
from guide.ui import answers as ui_answers
from guide.ui.nav import PAGES
from tests.support.apptest import ROOT, open_page
from tests.support.colour import blend, contrast

SOURCES = sorted([*(ROOT / "views").glob("*.py"), *(ROOT / "guide" / "ui").glob("*.py")])
#: Streamlit calls that give a chart its text alternative (a sentence with the figures, or a table).
ALTERNATIVES = {"caption", "markdown", "dataframe", "table", "write"}
#: How many statements after the chart the alternative may come (it may need a loop to build).
WINDOW = 4
#: Streamlit calls that draw an input, and where their label is.
WIDGETS = {
    "text_input", "text_area", "number_input", "date_input", "time_input", "selectbox",
    "multiselect", "radio", "checkbox", "toggle", "slider", "select_slider", "segmented_control",
    "pills", "color_picker", "file_uploader", "camera_input", "audio_input", "feedback",
    "button", "download_button", "form_submit_button", "link_button", "page_link", "chat_input",
}


# ---------------------------------------------------------------------------
# The source


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


def calls(node: ast.AST) -> Iterator[ast.Call]:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute):
            yield sub


def bodies(tree: ast.AST) -> Iterator[list[ast.stmt]]:
    """Every statement list of the module (module, function, with, if, for, try bodies)."""
    for node in ast.walk(tree):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield block


def chart_problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    for block in bodies(tree):
        for i, stmt in enumerate(block):
            if isinstance(stmt, ast.Expr | ast.Assign) and any(
                c.func.attr == "plotly_chart" for c in calls(stmt)  # type: ignore[attr-defined]
            ):
                after = block[i + 1 : i + 1 + WINDOW]
                if not any(c.func.attr in ALTERNATIVES for s in after for c in calls(s)):  # type: ignore[attr-defined]
                    problems.append(f"{rel(path)}:{stmt.lineno}: st.plotly_chart with no caption or "
                                    f"table within the next {WINDOW} statements")
    return problems


def empty_label(call: ast.Call) -> bool:
    label = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "label"), None)
    if call.func.attr == "page_link" and label is None:  # type: ignore[attr-defined]
        return False  # st.page_link(page): the page's own title is the label
    if label is None:
        return True
    return isinstance(label, ast.Constant) and (not isinstance(label.value, str) or not label.value.strip())


def label_problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{rel(path)}:{c.lineno}: {c.func.attr} without a label"  # type: ignore[attr-defined]
        for c in calls(tree)
        if c.func.attr in WIDGETS and empty_label(c)  # type: ignore[attr-defined]
    ]


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import streamlit as st\n"
        "st.plotly_chart(fig)\nx = 1\ny = 2\nz = 3\nw = 4\nst.caption('late')\n"
        "st.text_input('')\nst.button(label=' ')\nst.selectbox(key='k', options=[1])\n"
        "st.page_link(page)\n",
        encoding="utf-8",
    )
    good = tmp_path / "good.py"
    good.write_text(
        "import streamlit as st\n"
        "def f():\n    st.plotly_chart(fig)\n    parts = []\n    for p in x:\n        parts.append(p)\n"
        "    st.caption('; '.join(parts))\n"
        "st.text_input(t('label'), label_visibility='collapsed')\n",
        encoding="utf-8",
    )
    assert len(chart_problems(bad)) == 1
    assert len(label_problems(bad)) == 3
    assert chart_problems(good) == [] and label_problems(good) == []


@pytest.mark.parametrize("path", SOURCES, ids=rel)
def test_every_chart_in_the_code_is_followed_by_a_text_alternative(path: Path) -> None:
    assert chart_problems(path) == []


@pytest.mark.parametrize("path", SOURCES, ids=rel)
def test_every_input_in_the_code_has_a_label(path: Path) -> None:
    assert label_problems(path) == []


def test_no_plotly_express() -> None:
    """Charts use plotly.graph_objects: plotly.express costs ~17 ms a call on every rerun."""
    users = [rel(p) for p in [*SOURCES, *(ROOT / "guide").glob("*.py"), ROOT / "shell.py"]
             if re.search(r"plotly\.express|from plotly import express", p.read_text(encoding="utf-8"))]
    assert users == []


# ---------------------------------------------------------------------------
# The theme: captions are drawn at 60 % opacity (Streamlit's theme.opacities.secondary), links in them too


THEME = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
CAPTION_OPACITY = 0.6


def faded_contrast(fg: str, bg: str, opacity: float) -> float:
    """The contrast of ``fg`` drawn with ``opacity`` on ``bg`` (as a caption's text is)."""
    return contrast(blend(fg, bg, opacity), bg)


def test_faded_contrast_matches_what_axe_measured() -> None:
    # axe-core measured #1F4E79 links in a caption on white as #7995AF, 3.11:1 (before the fix).
    assert faded_contrast("#1F4E79", "#FFFFFF", CAPTION_OPACITY) == pytest.approx(3.13, abs=0.03)


@pytest.mark.parametrize("key", ["textColor", "linkColor"])
@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
def test_caption_text_and_links_pass_aa(key: str, background: str) -> None:
    ratio = faded_contrast(THEME[key], THEME[background], CAPTION_OPACITY)
    assert ratio >= 4.5, f"{key} in a caption on {background}: {ratio:.2f}:1"


# ---------------------------------------------------------------------------
# Every page, as AppTest renders it


def nodes(block: Any) -> Iterator[tuple[Any, list[Any]]]:
    """Every element with the list of its siblings (in order)."""
    children = getattr(block, "children", None)
    if not children:
        return
    ordered = [children[k] for k in sorted(children)]
    for node in ordered:
        yield node, ordered
        yield from nodes(node)


def label_of(node: Any) -> str | None:
    """The label of a labelled element (widgets, expanders, page links); None if it has none."""
    proto = getattr(node, "proto", None)
    if proto is None or "label" not in getattr(proto.DESCRIPTOR, "fields_by_name", {}):
        return None
    return str(proto.label)


def page_problems(at: AppTest, where: str) -> list[str]:
    problems = []
    for root in (at.main, at.sidebar):
        for node, siblings in nodes(root):
            kind = getattr(node, "type", "")
            label = label_of(node)
            if label is not None and not label.strip() and kind not in ("tab", "column", "form", "vertical"):
                problems.append(f"{where}: a {kind} without a label")
            if kind == "plotly_chart":
                after = siblings[siblings.index(node) + 1 :][:2]
                if not any(getattr(n, "type", "") in ALTERNATIVES and
                           (getattr(n, "type", "") != "caption" or re.search(r"\d", str(n.value)))
                           for n in after):
                    problems.append(f"{where}: a chart with no caption with figures or table after it")
    return problems


def charts(at: AppTest) -> int:
    return sum(getattr(n, "type", "") == "plotly_chart" for root in (at.main,) for n, _ in nodes(root))


@pytest.mark.parametrize("path", [p.path for p in PAGES])
def test_every_page_labels_its_inputs_and_describes_its_charts(path: str, lang: str) -> None:
    at = open_page(path, lang)
    assert not at.exception, [e.value for e in at.exception]
    assert page_problems(at, f"{path} ({lang})") == []


def test_procurement_result_chart_has_its_alternative(lang: str) -> None:
    at = open_page("views/procurement.py", lang)
    at.text_input(key="proc_value").input("1500000").run()
    assert not at.exception
    assert charts(at) == 1
    assert page_problems(at, f"procurement result ({lang})") == []


def test_questionnaire_profile_chart_has_its_alternative(lang: str) -> None:
    answers = yaml.safe_load(
        (ROOT / "tests" / "scenarios" / "readiness" / "nyby_timing.yaml").read_text(encoding="utf-8")
    )["answers"]
    at = open_page("views/readiness.py", lang)
    at.session_state[ui_answers.KEY] = Answers.model_validate(
        {"questionnaires": {"readiness": {"answers": answers, "phase": "result"}}}
    )
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert charts(at) == 1
    assert page_problems(at, f"readiness result ({lang})") == []


def test_sroi_charts_have_their_alternatives(lang: str) -> None:
    at = open_page("views/sroi.py", lang)
    at.text_input(key="sroi_investment").set_value("500 000")
    at.number_input(key="sroi_quantity_0").set_value(10)
    at.text_input(key="sroi_proxy_0").set_value("100 000")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert charts(at) == 3
    assert page_problems(at, f"sroi result ({lang})") == []


def test_the_page_check_finds_a_chart_without_words() -> None:
    at = AppTest.from_string(
        "import plotly.graph_objects as go\nimport streamlit as st\n"
        "st.plotly_chart(go.Figure(go.Bar(x=[1], y=[2])))\nst.caption('A bar chart')\n"
        "st.text_input('Name')\nst.selectbox(' ', [1, 2])\n"
    )
    at.run()
    problems = page_problems(at, "demo")
    assert any("chart" in p for p in problems)
    assert any("selectbox without a label" in p for p in problems)
    assert len(problems) == 2


def test_content_has_the_chart_alternatives_in_every_language() -> None:
    c = content_mod.default()
    for key in ("impact.ferd.alt", "proc.chart.alt", "q.profile.alt", "calendar.timeline.alt",
                "sroi.waterfall.alt", "sroi.breakdown.alt", "sroi.years.alt"):
        assert key in c.ui and all(c.ui[key](lang).strip() for lang in LANGS), key
