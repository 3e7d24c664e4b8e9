"""Escaping, one function per medium, in one place.

Every text in a block is plain text (``guide.documents.blocks``): a renderer passes it through the
function for its medium before it puts it in markup. Markdown: :func:`md_escape` (an address shown
as a link's label: :func:`md_url`); Plotly's text
(trace names, titles, hover, ticks, annotations): :func:`plotly_text`; link targets:
:func:`safe_url`; every document: :func:`plain` (no controls, numbers kept whole). The PDF never
needs escaping: its
template reads the texts as data (``guide.documents.pdf``), and Word gets text, not XML.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

# ---------------------------------------------------------------------------
# Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<|~$]|&(?=#?\w+;))")
#: What GitHub-flavoured Markdown (and so Streamlit) turns into a link or an icon without any
#: markup: a bare URL (``https://…``, ``mailto:…``), a name after ``www.``, an address
#: (``post@example.org``) and a shortcode (``:material/home:``, ``:smile:``). These are found in the
#: text after the Markdown is parsed, so a backslash does not stop them; an invisible combining
#: grapheme joiner (U+034F) in the one place the pattern needs does, and the text looks as typed.
_MD_AUTOLINK = re.compile(
    r"(?<=[A-Za-z0-9])(?=://)"  # https://, ftp://
    r"|(?<=\bmailto)(?=:)|(?<=\bxmpp)(?=:)"  # mailto:, xmpp:
    r"|(?<=\bwww)(?=\.)"  # www.example.org
    r"|(?<=[\w.+-])(?=@[\w-])"  # post@example.org
    r"|(?<=:)(?=[\w/+-]+:)",  # :smile:, :material/home:
    re.IGNORECASE,
)
#: Put where a Markdown renderer would find a link or a shortcode (see :data:`_MD_AUTOLINK`).
NO_LINK = "\u034f"


def md_escape(text: str, *, line_start: bool = True) -> str:
    """``text`` as literal Markdown: every character Markdown (or Streamlit) could read as markup
    is escaped, a bare URL, address or shortcode is not made a link or an icon (:data:`NO_LINK`),
    and bidi and zero-width controls are removed (:func:`strip_controls`); with ``line_start``
    (text that begins a line) it cannot start a list, a heading or a quote either."""
    out = _MD_SPECIAL.sub(r"\\\1", plain(text).replace("\r", " ").replace("\n", " "))
    out = _MD_AUTOLINK.sub(NO_LINK, out)
    if not line_start:
        return out
    out = re.sub(r"^(\s*)([-+=#>])", r"\1\\\2", out)
    return re.sub(r"^(\s*)(\d+)([.)])", r"\1\2\\\3", out)


_URL_LABEL_SPECIAL = re.compile(r"([\\`*_\[\]<|~$]|&(?=#?\w+;))")


def md_url(url: str) -> str:
    """An address shown as the label of a Markdown link to itself (``[label](url)``): Markdown's
    special characters escaped, and nothing added inside it. A link's label is never made a link
    again, so the address needs no :data:`NO_LINK`, and a copied address works."""
    return _URL_LABEL_SPECIAL.sub(r"\\\1", strip_controls(url).replace("\r", "").replace("\n", ""))


# ---------------------------------------------------------------------------
# Plotly

#: What Plotly reads as markup in a text: ``<`` opens a tag (``<b>``, ``<a href>``, ``<br>``),
#: ``&`` an entity, two ``$`` a TeX formula (typeset when MathJax is present) and ``%{…}`` a
#: template variable (hover and text templates). Plotly decodes numeric entities after it has
#: looked for TeX and filled in templates, so each of them is shown as the character itself.
_PLOTLY_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "$": "&#36;", "%": "&#37;"}
_PLOTLY_SPECIAL = re.compile("[&<>$%]")


def plotly_text(s: str) -> str:
    """``s`` as literal Plotly text: no tag, link, entity, formula or template variable in it
    is read as such; Plotly shows exactly ``s``, without bidi and zero-width controls."""
    return _PLOTLY_SPECIAL.sub(lambda m: _PLOTLY_ENTITIES[m.group()], strip_controls(s))


# ---------------------------------------------------------------------------
# Documents

#: Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make a text
#: read in another order than it is stored, and the zero-width characters (U+200B–U+200D, U+2060,
#: U+FEFF), which hide inside words and numbers.
CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]")


def strip_controls(text: str) -> str:
    """``text`` without bidi override, embedding and isolate controls and zero-width characters."""
    return CONTROLS.sub("", text)


#: A space between digit groups ("216 000", "1 300 000"): a line must not break there.
_DIGIT_GROUP = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
NBSP = "\u00a0"


def keep_numbers(text: str) -> str:
    """``text`` with the spaces inside numbers written in groups ("216 000") made no-break spaces,
    as the formatter writes its own numbers, so that no line breaks inside an amount."""
    return _DIGIT_GROUP.sub(NBSP, text)


def plain(text: str) -> str:
    """A text as every medium shows it: without controls (:func:`strip_controls`) and with its
    numbers kept whole (:func:`keep_numbers`)."""
    return keep_numbers(strip_controls(text))


#: The schemes a document links to; any other (``javascript:``, ``data:``, ``file:``…) is shown
#: as text, never made a link.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
#: Kept as they are in a link target: RFC 3986's reserved and unreserved characters and ``%``
#: (already percent-encoded); everything else (spaces, ``( ) < > " \\``, non-ASCII) is encoded.
_URL_SAFE = "!#$%&'*+,/:;=?@[]~-._"


def safe_url(url: str) -> str | None:
    """``url`` percent-safe for every medium (no space, bracket, quote or angle bracket that could
    end it in Markdown), or ``None`` when it is not one a document may link to."""
    url = strip_controls(url).strip()
    if not url or any(ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    if scheme and scheme not in LINK_SCHEMES:
        return None
    return quote(url, safe=_URL_SAFE)


def css_string(text: str) -> str:
    """``text`` as a CSS string literal (with its quotes), for ``content:`` in a style sheet: no
    character can end the string, the rule or the ``<style>`` element it stands in."""
    out = []
    for ch in strip_controls(text).replace("\n", " "):
        if ch.isalnum() or ch in " .,:;!?()–-'":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):x} ")
    return '"' + "".join(out) + '"'
