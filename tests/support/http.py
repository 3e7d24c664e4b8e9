"""The app's HTTP surface as a client sees it: fetch with a Host header, a static file's address,
the headers every response must carry, and a listener that records Content-Security-Policy
violations in a page."""

from __future__ import annotations

import re
import ssl
import urllib.error
import urllib.request

CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def fetch(url: str, *, host: str | None = None, cookie: str | None = None,
          context: ssl.SSLContext | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET ``url`` (with a ``Host`` and a ``Cookie`` header if given): status, headers (lower-case
    names) and body, whatever the status."""
    headers = {"Host": host} if host else {}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20, context=context) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def static_file(base: str, context: ssl.SSLContext | None = None) -> str:
    """The path of Streamlit's main script bundle, as the page names it."""
    _, _, body = fetch(f"{base}/", context=context)
    found = re.search(r'src="\./(static/js/index\.[^"]+\.js)"', body.decode())
    assert found, "the page names no script bundle"
    return "/" + found.group(1)


def assert_protected(headers: dict[str, str]) -> None:
    csp = headers.get("content-security-policy", "")
    assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp, csp
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers.get("referrer-policy") == "no-referrer"
