"""The address bar: answers written to the link replace the history entry, they do not add one.

Every answer lives in the link (``guide.ui.answers.sync``), and Streamlit pushes a new history
entry for every change of the link's query (``st.query_params``), with no way to ask for a
replacement. Three values typed in the checker then left four entries that change only the
address, and the browser's Back did nothing four times. The script added here makes a change of
the query alone on the same page a replacement (as ``history.replaceState``); a move to another
page (another path) still adds an entry, so Back returns to the page before.

The shell calls :func:`apply` on every run; the script is fixed code and installs itself once.
"""

from __future__ import annotations

import streamlit as st

BOX = "address_script"  # the key (and CSS class st-key-…) of the hidden box around the script
CSS = f"<style>.st-key-{BOX} {{ display: none; }}</style>"

SCRIPT = """
<script>
(() => {
  if (window.__guideAddress) return;
  window.__guideAddress = true;
  const push = window.history.pushState.bind(window.history);
  const replace = window.history.replaceState.bind(window.history);
  window.history.pushState = (state, title, url) => {
    if (url !== undefined && url !== null) {
      const to = new URL(String(url), window.location.href);
      if (to.origin === window.location.origin && to.pathname === window.location.pathname) {
        return replace(state, title, url);  // the same page, another query: the link updated in place
      }
    }
    return push(state, title, url);
  };
})();
</script>
"""


def apply() -> None:
    """Add the script to the page, in a hidden box (it takes no space)."""
    st.html(CSS)
    with st.container(key=BOX):
        st.html(SCRIPT, unsafe_allow_javascript=True)
