"""The page on a phone (390 px wide) as well as on a desktop: fixed CSS and one small script.

- Nothing makes the page scroll sideways: a wide table scrolls inside its own box (which gets a
  keyboard focus and a name, so a keyboard user can scroll it too), long words in headings wrap,
  and the titles are smaller on a narrow screen.
- The sidebar closes after a page is chosen in it on a narrow screen (Streamlit leaves it open
  over the page when its navigation is drawn with page links).
- A date field reads 07.12.2026, its parts without gaps (Streamlit pads each part of the date).
- Presenter mode's toggle is hidden on a narrow screen unless presenter mode is on (then it is
  the way out): the mode is for a shared screen, and the toggle took the top of every page.

The shell calls :func:`apply` on every run. The CSS and the script are fixed code; the only data
are the page's own UI string for a table box's name, JSON-encoded with ``<`` escaped.
"""

from __future__ import annotations

import json

import streamlit as st

from guide.content import Content
from guide.model import Lang

NARROW = 640  # px: below this width the phone rules apply (Streamlit's own breakpoint)
BOX = "layout_script"  # the key (and CSS class st-key-…) of the hidden box around the script
TOGGLE_BOX = "present_box"  # the box around presenter mode's toggle: st-key-present_box_on / _off

CSS = f"""
<style>
.st-key-{BOX} {{ display: none; }}
[data-testid="stMain"] [data-testid="stMarkdownContainer"]:has(> table),
[data-testid="stMain"] [data-testid="stTable"] {{ overflow-x: auto; max-width: 100%; }}
[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3 {{
  overflow-wrap: break-word; hyphens: auto;
}}
[data-testid="stMain"] [data-testid="stPlotlyChart"] {{ max-width: 100%; overflow: hidden; }}
[data-testid="stDateInputField"] [data-type] {{ padding-left: 0; padding-right: 0; }}
@media (max-width: {NARROW}px) {{
  [data-testid="stMain"] h1 {{ font-size: 2rem; }}
  [data-testid="stMain"] h2 {{ font-size: 1.5rem; }}
  [data-testid="stMain"] h3 {{ font-size: 1.25rem; }}
  [data-testid="stMain"] .block-container {{ padding-left: 1rem; padding-right: 1rem; }}
  .st-key-{TOGGLE_BOX}_off {{ display: none; }}
}}
</style>
"""

SCRIPT = """
<script>
(() => {
  const NAME = %s;
  const NARROW = %d;
  const L = window.__guideLayout || (window.__guideLayout = {observer: null});
  L.name = NAME;
  const boxes = () => {
    const sel = '[data-testid="stMain"] [data-testid="stMarkdownContainer"], '
              + '[data-testid="stMain"] [data-testid="stTable"]';
    for (const box of document.querySelectorAll(sel)) {
      if (!box.querySelector(':scope > table, table')) continue;
      const wide = box.scrollWidth > box.clientWidth + 1;
      if (wide && box.getAttribute("tabindex") !== "0") {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        const cap = box.querySelector("caption");
        box.setAttribute("aria-label", cap ? cap.textContent : L.name);
      } else if (!wide && box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      } else if (wide) {
        const cap = box.querySelector("caption");
        box.setAttribute("aria-label", cap ? cap.textContent : L.name);
      }
    }
  };
  if (!L.observer) {
    let queued = false;
    L.observer = new MutationObserver(() => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => { queued = false; boxes(); });
    });
    L.observer.observe(document.body, {subtree: true, childList: true});
    window.addEventListener("resize", boxes);
    document.addEventListener("click", (ev) => {
      const link = ev.target.closest && ev.target.closest('[data-testid="stSidebar"] a[href]');
      if (!link || window.innerWidth > NARROW) return;
      const close = document.querySelector('[data-testid="stSidebar"] button[aria-expanded="true"]');
      if (close) setTimeout(() => close.click(), 0);
    }, true);
  }
  boxes();
})();
</script>
"""


def script(c: Content, lang: Lang) -> str:
    name = json.dumps(c.t("layout.table_box", lang), ensure_ascii=False).replace("<", "\\u003c")
    return SCRIPT % (name, NARROW)


def apply(c: Content, lang: Lang) -> None:
    """Add the phone CSS and the script to the page, in a hidden box (they take no space)."""
    st.html(CSS)
    with st.container(key=BOX):
        st.html(script(c, lang), unsafe_allow_javascript=True)
