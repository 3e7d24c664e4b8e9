"""A button that copies a text (the share link) to the clipboard, in the page's language.

Drawn with ``st.html`` in the app's own document (no iframe, so the Clipboard API may be used),
with a fallback for a browser that refuses it (an address over plain HTTP on the local network):
a hidden text area copied with ``document.execCommand``. A status line (``role="status"``) says
whether the copy worked, so a screen reader hears it too. Every text reaches the page as an
escaped HTML attribute or element text, never as markup or script.
"""

from __future__ import annotations

import html

import streamlit as st

CSS = """
<style>
.copy-text { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; margin: 0 0 0.5rem; }
.copy-text button {
  font: inherit; font-size: 1rem; min-height: 2.5rem; padding: 0.25rem 0.9rem; cursor: pointer;
  color: inherit; background: transparent; border: 1px solid rgba(49, 51, 63, 0.35); border-radius: 0.5rem;
}
.copy-text button:hover { border-color: #0b4f8a; color: #0b4f8a; }
.copy-text button:focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }
.copy-text [role="status"] { font-size: 0.95rem; }
</style>
"""

SCRIPT = """
<script>
(() => {
  for (const button of document.querySelectorAll("button[data-copy]:not([data-bound])")) {
    button.dataset.bound = "1";
    button.addEventListener("click", async () => {
      const text = button.dataset.copy;
      const status = button.parentElement.querySelector("[role=status]");
      let done = false;
      try {
        await navigator.clipboard.writeText(text);
        done = true;
      } catch (e) {
        const area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        try { done = document.execCommand("copy"); } catch (e2) { done = false; }
        area.remove();
        button.focus();
      }
      status.textContent = done ? button.dataset.done : button.dataset.failed;
    });
  }
})();
</script>
"""


def markup(text: str, *, label: str, done: str, failed: str, key: str) -> str:
    """The button's HTML: ``text`` to copy, the button's ``label``, the status when it worked
    (``done``) or not (``failed``); ``key`` names its container (class ``copy-<key>``)."""
    attr = html.escape
    return (
        f'<div class="copy-text copy-{attr(key)}">'
        f'<button type="button" data-copy="{attr(text)}" data-done="{attr(done)}" '
        f'data-failed="{attr(failed)}">{attr(label)}</button>'
        '<span role="status" aria-live="polite"></span></div>'
    )


def button(text: str, *, label: str, done: str, failed: str, key: str) -> None:
    """Draw the button (see :func:`markup`)."""
    st.html(CSS + markup(text, label=label, done=done, failed=failed, key=key) + SCRIPT,
            unsafe_allow_javascript=True)
