"""The page registry: which pages exist, for whom, and under which URL. Titles live in content/ui."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from guide.model import LANGS


@dataclass(frozen=True)
class PageDef:
    path: str  # file, relative to the project root
    slug: str  # url path; the title is the UI string ``page.<slug>.title``
    icon: str
    group: str  # nav.group.<group>


PAGES: list[PageDef] = [
    PageDef("views/home.py", "home", ":material/home:", "start"),
    PageDef("views/report.py", "report", ":material/summarize:", "start"),
    PageDef("views/background.py", "background", ":material/diversity_3:", "public"),
    PageDef("views/getting_started.py", "getting-started", ":material/rocket_launch:", "public"),
    PageDef("views/measures.py", "first-steps", ":material/flag:", "public"),
    PageDef("views/procurement.py", "procurement", ":material/gavel:", "public"),
    PageDef("views/law_changes.py", "law-changes", ":material/history:", "public"),
    PageDef("views/readiness.py", "readiness", ":material/checklist:", "entrepreneur"),
    PageDef("views/matcher.py", "form-matcher", ":material/join_inner:", "entrepreneur"),
    PageDef("views/advice.py", "advice", ":material/tips_and_updates:", "entrepreneur"),
    PageDef("views/funding.py", "funding", ":material/payments:", "entrepreneur"),
    PageDef("views/calendar.py", "calendar", ":material/calendar_month:", "entrepreneur"),
    PageDef("views/sroi.py", "sroi", ":material/calculate:", "entrepreneur"),
    PageDef("views/examples.py", "examples", ":material/library_books:", "knowledge"),
    PageDef("views/forms.py", "cooperation-forms", ":material/handshake:", "knowledge"),
    PageDef("views/myths.py", "myths", ":material/help:", "facilitator"),
    PageDef("views/workshop.py", "workshop", ":material/groups:", "facilitator"),
    PageDef("views/join.py", "join", ":material/smartphone:", "facilitator"),
    PageDef("views/impact.py", "impact", ":material/monitoring:", "knowledge"),
    PageDef("views/impact_method.py", "impact-method", ":material/quiz:", "knowledge"),
    PageDef("views/sources.py", "sources", ":material/menu_book:", "knowledge"),
    PageDef("views/accessibility.py", "accessibility", ":material/accessibility_new:", "knowledge"),
    PageDef("views/privacy.py", "privacy", ":material/privacy_tip:", "knowledge"),
]

GROUP_ORDER = ["start", "public", "entrepreneur", "facilitator", "knowledge"]


def by_slug(slug: str) -> PageDef:
    for p in PAGES:
        if p.slug == slug:
            return p
    raise KeyError(slug)


def sidebar(nav: Mapping[str, Sequence[Any]]) -> None:
    """Draw the navigation in the sidebar: a heading per group, then a link per page.

    The shell calls ``st.navigation(nav, position="hidden")`` and then this: Streamlit's own
    sidebar navigation puts each group's header as a ``<div>`` straight inside its ``<ul>``, which
    axe reports as serious violations (rules ``list`` and ``listitem``); headings and links do not.
    """
    with st.sidebar:
        for group, pages in nav.items():
            st.subheader(group, anchor=False)
            for page in pages:
                st.page_link(page)


#: Sets ``<html lang>`` of the app's document, and keeps it: Streamlit writes ``lang="en"`` in its
#: page and never changes it, so a screen reader would read Norwegian with an English voice
#: (WCAG 2.1, 3.1.1). The observer puts the language back should anything reset the attribute;
#: the style keeps the element that carries the script out of the layout (no gap above the page).
_LANG_SCRIPT = """<style>[data-testid="stElementContainer"]:has(.guide-doc-lang) {{display: none}}</style>
<span class="guide-doc-lang"></span><script>
(function () {{
  var root = document.documentElement;
  window.guideLang = "{lang}";
  root.setAttribute("lang", window.guideLang);
  if (!window.guideLangObserver) {{
    window.guideLangObserver = new MutationObserver(function () {{
      if (root.getAttribute("lang") !== window.guideLang) root.setAttribute("lang", window.guideLang);
    }});
    window.guideLangObserver.observe(root, {{attributes: true, attributeFilter: ["lang"]}});
  }}
}})();
</script>"""


def document_lang(lang: str) -> None:
    """Set the document's language to ``lang`` (a code of ``LANGS``) on every run of the shell.

    The script runs in the app's own document (``st.html`` with JavaScript allowed, no iframe);
    its text changes with the language, so Streamlit runs it again after every switch.
    """
    if lang not in LANGS:
        raise ValueError(f"not a language: {lang!r}")
    st.html(_LANG_SCRIPT.format(lang=lang), unsafe_allow_javascript=True)
