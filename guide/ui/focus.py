"""Bring what changed into view: the keyboard focus, the scroll position and a screen reader.

Streamlit redraws a page after every click and leaves the focus where it was (or, when the
button pressed is gone, at the top of the page), and never scrolls to what a click changed. After
Next in a questionnaire the new question was then neither focused nor announced, and on a phone
the result of the checker stayed below the fold after Enter.

:func:`bring_into_view` adds a small script, once per ``token`` (a number the page increases when
the user acts), that scrolls the container with the given key into view, can move the keyboard
focus to its first control, and can announce a text in a polite live region (one per page, kept
outside Streamlit's own elements so a rerun does not remove it). The script is fixed code; its
only data are the key, the flags and the text, JSON-encoded with ``<`` escaped.
"""

from __future__ import annotations

import json
from typing import Literal

import streamlit as st

BOX = "focus_script"  # the key prefix (and CSS class st-key-…) of the hidden box around a script
CSS = f'<style>[class*="st-key-{BOX}_"] {{ display: none; }}</style>'

SCRIPT = """
<script>
(() => {
  const ARGS = %s;
  const seen = window.__guideFocus || (window.__guideFocus = {});
  if (seen[ARGS.key] === ARGS.token) return;  // once per user action, not on every redraw
  seen[ARGS.key] = ARGS.token;
  const live = () => {
    let el = document.getElementById("guide-live");
    if (!el) {
      el = document.createElement("div");
      el.id = "guide-live";
      el.setAttribute("role", "status");
      el.setAttribute("aria-live", "polite");
      el.style.cssText = "position:absolute;width:1px;height:1px;overflow:hidden;"
                       + "clip:rect(0 0 0 0);white-space:nowrap;";
      document.body.appendChild(el);
    }
    return el;
  };
  const FOCUSABLE = 'input:not([disabled]):not([type="hidden"]), textarea:not([disabled]), '
                  + 'button:not([disabled]), [tabindex="0"]';
  let tries = 0;
  const run = () => {
    const box = document.querySelector(".st-key-" + ARGS.key);
    if (!box) { if (tries++ < 40) setTimeout(run, 50); return; }
    const top = box.getBoundingClientRect().top;
    if (ARGS.always || top < 0 || top > window.innerHeight * ARGS.below) {
      box.style.scrollMarginTop = "4.5rem";  // below Streamlit's fixed header
      box.scrollIntoView({block: "start", behavior: "instant"});
    }
    if (ARGS.focus) {
      const checked = box.querySelector('input[type="radio"]:checked:not([disabled])');
      const field = box.querySelector('input:not([disabled]):not([type="hidden"]), textarea:not([disabled])');
      let target = ARGS.focus === "box" ? null : checked || field || box.querySelector(FOCUSABLE);
      if (!target) { box.setAttribute("tabindex", "-1"); target = box; }  // the box itself
      target.focus({preventScroll: true});
    }
    if (ARGS.announce) {
      const el = live();
      el.textContent = "";
      setTimeout(() => { el.textContent = ARGS.announce; }, 100);
    }
  };
  setTimeout(run, 0);
})();
</script>
"""


def bring_into_view(
    key: str, *, token: int, focus: Literal["control", "box"] | None = None, announce: str | None = None,
    below: float = 0.0,
) -> None:
    """Once per ``token``: scroll the container ``key`` into view (only when its top is above the
    window or lower than ``below`` of the window's height, if ``below`` is given), move the focus
    to its first control (``focus="control"``: the chosen option, else the first field, else the
    first button) or to the box itself (``"box"``: keys like Page Down then still reach the page's
    shortcuts, as a presentation clicker needs), and announce ``announce`` to a screen reader."""
    if not key.replace("_", "").isalnum():
        raise ValueError(f"key {key!r} must be letters, digits and _")
    args = {"key": key, "token": token, "focus": focus, "announce": announce or "",
            "always": below <= 0, "below": below}
    data = json.dumps(args, ensure_ascii=False).replace("<", "\\u003c")
    st.html(CSS)
    with st.container(key=f"{BOX}_{key}"):
        st.html(SCRIPT % data, unsafe_allow_javascript=True)
