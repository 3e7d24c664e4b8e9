"""Hostile text: what a user typed or a link carried is shown as typed in every medium.

Each hostile string goes in through every input that takes text (an SROI outcome's name and the
procurement value, typed or in the link; a saved file) and is looked for in every output that
shows it: the page's Markdown, captions and alerts, the chart's JSON, the Markdown report, the
PDF's text and the Word file. It must be there as text, never as a tag, a link, a colour, a
formula or an icon; bidi and zero-width controls are refused where a name is typed.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile

import pikepdf
import pytest
from docx import Document as WordDocument
from pydantic import ValidationError
from pypdf import PdfReader

from guide import report
from guide.documents.escape import CONTROLS, NO_LINK, md_escape, plotly_text
from guide.state import Answers, ProcurementInputs, SroiInputs, SroiOutcome
from tests.support.apptest import ROOT, AppTest

DAY = dt.date(2026, 5, 4)

#: Text that some medium would read as markup (each at most 40 characters: the procurement value's
#: limit), with a word of it found nowhere else on a page (:func:`only_escaped`).
MARKED: dict[str, str] = {
    '<a href="https://evil.example">klikk</a>': "klikk",
    "<b>fet</b> <span style='color:red'>x</span>"[:40]: "color:red",
    "<script>alert(1)</script>": "alert",
    "[Logg inn](https://evil.example/login)": "Logg inn",
    "![bilde](https://evil.example/x.png)": "bilde",
    ":red[rød tekst] :material/home:": "rød tekst",
    "$$x^2$$ og $y$": "x^2",
    "https://evil.example/login": "evil",
    "se www.evil.example nå": "evil",
    "skriv til post@evil.example": "evil",
    "**fet** _kursiv_ `kode` ~~strek~~": "kursiv",
    "# Overskrift": "Overskrift",
    "%{x} &amp; &lt;b&gt;": "&amp;",
}
HOSTILE: tuple[str, ...] = tuple(MARKED)
#: Bidi overrides and isolates and zero-width characters: refused in a name.
INVISIBLE: tuple[str, ...] = (
    "abc\u202edcba",
    "a\u2066b\u2069",
    "a\u200bb",
    "a\u200db",
    "\ufeffa",
    "a\u2060b",
)

#: What must never appear in an output: a tag, a link target, a colour, a formula, an icon, a
#: bare URL or address left for Markdown to link.
MARKUP_MD = re.compile(
    r"(?<!\\)<[a-z/!]|(?<!\\)\]\(|(?<!\\):red(?!\\)\[|(?<!\\)\$(?!\\)|(?<![\\\u034f])://|"
    r"\bwww\.|(?<=[\w.+-])@(?=\w)|:material/|:smile:"
)
MARKUP_PLOTLY = re.compile(r"<(?!br>|extra>|/extra>)|\$\$|&(?!amp;|lt;|gt;|#36;|#37;)")


def md_markup(text: str) -> list[str]:
    """What in ``text`` (Markdown) would be read as markup."""
    return [m.group() for m in MARKUP_MD.finditer(text)]


def only_escaped(shown: list[str], s: str) -> None:
    """``s`` appears in the Markdown ``shown`` only escaped (and escaped it has no markup)."""
    forms = (md_escape(s), md_escape(s, line_start=False))
    for form in forms:
        assert not md_markup(form), form
    for m in shown:
        rest = m
        for form in forms:
            rest = rest.replace(form, "")
        assert MARKED[s] not in rest, m


def name_answers(name: str, value: str = "") -> Answers:
    return Answers(
        sroi=SroiInputs(investment=100_000, outcomes=[SroiOutcome(name=name, quantity=10, proxy=20_000)]),
        procurement=ProcurementInputs(value=value),
    )


def open_with(a: Answers, page: str, lang: str = "nb") -> AppTest:
    at = AppTest.from_file(str(ROOT / "shell.py"), default_timeout=60)
    for k, v in a.model_copy(update={"lang": lang}).to_query().items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page)
    at.run()
    return at


def shown_markdown(at: AppTest) -> list[str]:
    out = []
    for kind in ("markdown", "caption", "error", "warning", "info", "success"):
        out += [str(e.value) for e in getattr(at, kind)]
    return out


def figure_texts(at: AppTest) -> str:
    return "\n".join(json.dumps(json.loads(c.proto.spec)) for c in at.get("plotly_chart"))


def plotly_strings(spec: object) -> list[str]:
    """Every string of a figure's data and layout, but the hover templates (the code's own)."""
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict):
        return [s for k, v in spec.items() if k != "hovertemplate" for s in plotly_strings(v)]
    if isinstance(spec, list):
        return [s for v in spec for s in plotly_strings(v)]
    return []


# ---------------------------------------------------------------------------
# The escaping functions themselves


@pytest.mark.parametrize("s", HOSTILE + INVISIBLE)
def test_md_escape_leaves_no_markup(s: str) -> None:
    out = md_escape(s)
    assert not md_markup(out), out
    assert not CONTROLS.search(out)
    assert re.sub(r"\\(.)", r"\1", out).replace(NO_LINK, "") == CONTROLS.sub("", s)


@pytest.mark.parametrize("s", HOSTILE + INVISIBLE)
def test_plotly_text_leaves_no_markup(s: str) -> None:
    out = plotly_text(s)
    assert not MARKUP_PLOTLY.search(out), out
    assert not CONTROLS.search(out)


# ---------------------------------------------------------------------------
# Inputs: controls are refused in names and in the procurement value


@pytest.mark.parametrize("s", INVISIBLE)
def test_bidi_and_zero_width_characters_are_refused_in_a_name(s: str) -> None:
    with pytest.raises(ValidationError):
        SroiOutcome(name=s)
    with pytest.raises(ValidationError):
        ProcurementInputs(value=s)
    data = name_answers("x").model_dump(mode="json")
    data["sroi"]["outcomes"][0]["name"] = s
    with pytest.raises(ValueError):
        Answers.from_json(json.dumps(data))


@pytest.mark.parametrize("s", INVISIBLE)
def test_a_name_or_value_typed_with_hidden_characters_is_refused_with_a_reason(s: str) -> None:
    from guide import content as content_mod

    reason = content_mod.default().t("state.error.hidden_characters", "nb")
    at = open_with(name_answers("Flere i arbeid"), "views/sroi.py")
    at.text_input(key="sroi_name_0").input(s).run()
    assert not at.exception
    assert reason in [str(e.value) for e in at.error]
    assert at.session_state["answers"].sroi.outcomes[0].name == "Flere i arbeid"  # the answer is kept
    at = open_with(Answers(), "views/procurement.py")
    at.text_input(key="proc_value").input("1 000\u202e000").run()
    assert reason in [str(e.value) for e in at.error]


def test_a_name_keeps_letters_emoji_and_ordinary_punctuation() -> None:
    for s in ("Ærlige Østlendinger på Åsen", "Kafé 🦄 & venner", "Arbeid – «inkludering»", "عربي"):
        assert SroiOutcome(name=s).name == s


# ---------------------------------------------------------------------------
# The pages: from the link, and typed into the field


@pytest.mark.parametrize("s", HOSTILE)
def test_a_hostile_outcome_name_in_the_link_is_text_on_the_sroi_page(s: str) -> None:
    at = open_with(name_answers(s), "views/sroi.py")
    assert not at.exception
    shown = shown_markdown(at)
    assert any(md_escape(s, line_start=False) in m for m in shown), "the name is shown"
    only_escaped(shown, s)
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    strings = [x for spec in specs for x in plotly_strings(spec)]
    assert plotly_text(s) in strings, "the name is the legend's"
    for x in strings:
        assert not MARKUP_PLOTLY.search(x), x


@pytest.mark.parametrize("s", HOSTILE)
def test_a_hostile_outcome_name_typed_is_text_on_the_sroi_page(s: str) -> None:
    at = open_with(name_answers("x"), "views/sroi.py")
    at.text_input(key="sroi_name_0").input(s).run()
    assert not at.exception
    only_escaped(shown_markdown(at), s)
    assert plotly_text(s) in figure_texts(at) or json.dumps(plotly_text(s))[1:-1] in figure_texts(at)


@pytest.mark.parametrize("s", HOSTILE)
def test_a_hostile_procurement_value_is_text_in_the_error(s: str) -> None:
    at = open_with(name_answers("x", s), "views/procurement.py")
    assert not at.exception
    errors = [str(e.value) for e in at.error]
    assert errors and any(md_escape(s, line_start=False) in e for e in errors), errors
    only_escaped(shown_markdown(at), s)


@pytest.mark.parametrize("s", HOSTILE[:4] + HOSTILE[7:10])
def test_a_hostile_procurement_value_typed_is_text_in_the_error(s: str) -> None:
    at = open_with(Answers(), "views/procurement.py")
    at.text_input(key="proc_value").input(s).run()
    assert not at.exception
    errors = [str(e.value) for e in at.error]
    assert errors and any(md_escape(s, line_start=False) in e for e in errors), errors
    only_escaped(shown_markdown(at), s)


@pytest.mark.parametrize("s", HOSTILE)
def test_the_report_page_shows_hostile_names_as_text(s: str) -> None:
    at = open_with(name_answers(s, s), "views/report.py")
    assert not at.exception
    only_escaped(shown_markdown(at), s)


# ---------------------------------------------------------------------------
# The documents, from a saved file


def from_file(name: str, value: str = "") -> Answers:
    return Answers.from_json(name_answers(name, value).to_json().encode())


@pytest.mark.parametrize("s", HOSTILE)
def test_a_hostile_name_from_a_file_is_text_in_the_markdown_report(s: str) -> None:
    md = report.markdown(from_file(s, s), "nb", today=DAY)
    assert md_escape(s, line_start=False) in md
    only_escaped(md.split("\n"), s)


@pytest.fixture(scope="module")
def hostile_files() -> tuple[bytes, bytes]:
    name = " ".join(HOSTILE[:2] + HOSTILE[3:4] + HOSTILE[7:8])[:80]
    a = from_file(name, HOSTILE[3])
    return report.pdf(a, "nb", today=DAY), report.docx(a, "nb", today=DAY)


def test_hostile_names_are_text_in_the_pdf(hostile_files: tuple[bytes, bytes]) -> None:
    data = hostile_files[0]
    # compared without spaces: a table cell breaks the long name where it likes
    text = re.sub(r"\s+", "", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    assert '<ahref="https://evil.example">klikk</a>' in text
    assert "<b>fet</b><span" in text
    assert "[Logginn](https://evil.example/login)" in text
    with pikepdf.open(io.BytesIO(data)) as pdf:  # no link to what a user typed
        for page in pdf.pages:
            for annot in page.get("/Annots", []):
                uri = str(annot.get("/A", {}).get("/URI", ""))
                assert "evil" not in uri, uri


def test_hostile_names_are_text_in_the_word_file(hostile_files: tuple[bytes, bytes]) -> None:
    data = hostile_files[1]
    doc = WordDocument(io.BytesIO(data))
    words = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert '<a href="https://evil.example">klikk</a>' in words
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert "evil" not in rels  # no hyperlink to what a user typed


def test_emoji_the_pdf_font_lacks_are_shown_as_a_substitute_not_dropped() -> None:
    a = from_file("Glade 🦄 barn 👩🏽‍💻"[:12], "🦄💰")  # the procurement value is not an amount
    data = report.pdf(a, "nb", today=DAY)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "«□□»" in text, "the value the user typed, each emoji a visible □"
    assert "«»" not in text
    assert "Glade□barn" in re.sub(r"\s+", "", text)  # in a table cell, broken where it likes
