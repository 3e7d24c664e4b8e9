"""Streamlit's own words in the page's language.

Streamlit writes some texts of its own in English whatever the page's language, and gives no way
to change them: the accessible names of the help icons ("Help for …"), of the heading links, of
the sidebar's buttons, of a multiselect's chips and buttons, of the data grid's toolbar, the skip
link, the file uploader's button and limits, the select boxes' placeholders ("Choose an option"),
the password field's eye ("Show password"), the hint under a text field ("Press Enter to apply")
and the table editor's buttons. A screen-reader user on a Norwegian page meets
them. :func:`apply` (called by the shell on every run) adds a small script that rewrites exactly
these texts, in accessible names, titles, placeholders and whole text nodes, with the UI strings
``st.*`` of ``content/ui/framework.yaml``: the English text of each is Streamlit's own and serves
as the pattern, the others are the translations. It keeps each original, so a switch back to
English restores it, and it follows what Streamlit draws later (a MutationObserver).

The script is fixed code; the only data in it are content's UI strings, JSON-encoded with ``<``
escaped, so nothing can end the script early.
"""

from __future__ import annotations

import json
import re

import streamlit as st

from guide import locales
from guide.content import Content
from guide.model import Lang

#: The keys of content/ui/framework.yaml: Streamlit's English text -> the page's language.
KEYS = (
    "st.skip",
    "st.sidebar",
    "st.sidebar.collapse",
    "st.sidebar.expand",
    "st.heading_link",
    "st.help_for",
    "st.select.clear",
    "st.select.open",
    "st.select.remove",
    "st.select.selected",
    "st.select.no_results",
    "st.select.placeholder",
    "st.select.placeholder_multi",
    "st.select.empty",
    "st.password.show",
    "st.password.hide",
    "st.input.apply",
    "st.input.submit",
    "st.textarea.apply",
    "st.textarea.submit",
    "st.editor.add_row",
    "st.editor.delete_rows",
    "st.grid.search",
    "st.grid.download",
    "st.grid.fullscreen",
    "st.grid.close_fullscreen",
    "st.grid.columns",
    "st.upload.input",
    "st.upload.button",
    "st.upload.drop",
    "st.upload.limit",
    "st.upload.add",
    "st.number.decrement",
    "st.number.increment",
    "st.date.choose",
    "st.date.clear",
    "st.clear_value",
    "st.main_menu",
    "st.close",
    "st.running",
)

_FIELD = re.compile(r"\{(\w+)\}")
_SPECIAL = re.compile(r"[.*+?^${}()|\[\]\\/]")


def _js_escape(s: str) -> str:
    """``s`` as a literal in a JavaScript regular expression."""
    return _SPECIAL.sub(lambda m: "\\" + m.group(), s)


def rules(c: Content, lang: Lang) -> list[tuple[str, str]]:
    """(JavaScript regex source, replacement) for each Streamlit text, in ``lang``; none in English.

    A ``{name}`` in a string stands for what Streamlit puts there (a widget's label, a size):
    in the pattern it becomes a group, in the replacement a back-reference to the same group.
    """
    if not locales.get(lang).translate_framework:
        return []
    out: list[tuple[str, str]] = []
    for key in KEYS:
        english, own = c.t(key, "en"), c.t(key, lang)
        names = _FIELD.findall(english)
        pattern = "".join(
            "(.+?)" if i % 2 else _js_escape(part) for i, part in enumerate(_FIELD.split(english))
        )
        replacement = own.replace("$", "$$")
        for n, name in enumerate(names, 1):
            replacement = replacement.replace("{" + name + "}", f"${n}")
        out.append((f"^{pattern}$", replacement))
    return out


SCRIPT = """
<script>
(() => {
  const RULES = %s;
  const I = window.__guideI18n || (window.__guideI18n = {rules: [], attrs: new WeakMap(),
                                                          texts: new WeakMap(), observer: null});
  const ATTRS = ["aria-label", "title", "placeholder"];
  const tr = (s) => {
    for (const [src, rep] of I.compiled) {
      if (src.test(s)) return s.replace(src, rep);
    }
    return s;
  };
  const fixAttr = (el, name) => {
    const now = el.getAttribute(name);
    if (now === null) return;
    let seen = I.attrs.get(el);
    if (!seen) { seen = {}; I.attrs.set(el, seen); }
    const rec = seen[name];
    const original = rec && rec.written === now ? rec.original : now;
    const out = tr(original);
    seen[name] = {original, written: out};
    if (out !== now) el.setAttribute(name, out);
  };
  const fixText = (node) => {
    const now = node.nodeValue;
    if (!now || !now.trim()) return;
    const rec = I.texts.get(node);
    const original = rec && rec.written === now ? rec.original : now;
    const out = tr(original.trim());
    const written = out === original.trim() ? original : out;
    I.texts.set(node, {original, written});
    if (written !== now) node.nodeValue = written;
  };
  const walk = (root) => {
    if (root.nodeType === Node.TEXT_NODE) { fixText(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    if (root.tagName === "SCRIPT" || root.tagName === "STYLE") return;
    for (const a of ATTRS) fixAttr(root, a);
    for (const el of root.querySelectorAll("[aria-label],[title],[placeholder]")) {
      for (const a of ATTRS) fixAttr(el, a);
    }
    const it = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = it.nextNode(); n; n = it.nextNode()) fixText(n);
  };
  I.rules = RULES;
  I.compiled = RULES.map(([src, rep]) => [new RegExp(src), rep]);
  if (!I.observer) {
    I.observer = new MutationObserver((changes) => {
      for (const ch of changes) {
        if (ch.type === "attributes") fixAttr(ch.target, ch.attributeName);
        else if (ch.type === "characterData") fixText(ch.target);
        else for (const n of ch.addedNodes) walk(n);
      }
    });
    I.observer.observe(document.body, {subtree: true, childList: true, characterData: true,
                                       attributes: true, attributeFilter: ATTRS});
  }
  walk(document.body);
})();
</script>
"""


def script(c: Content, lang: Lang) -> str:
    """The script for ``lang`` (its only data are content's strings, safely encoded)."""
    data = json.dumps(rules(c, lang), ensure_ascii=False).replace("<", "\\u003c")
    return SCRIPT % data


BOX = "framework_i18n"  # the key (and CSS class st-key-…) of the hidden box around the script
CSS = f"<style>.st-key-{BOX} {{ display: none; }}</style>"


def apply(c: Content, lang: Lang) -> None:
    """Add the script to the page, in a hidden box (it takes no space)."""
    st.html(CSS)
    with st.container(key=BOX):
        st.html(script(c, lang), unsafe_allow_javascript=True)
