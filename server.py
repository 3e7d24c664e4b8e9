"""The app's own HTTP surface, around Streamlit's ASGI application (``st.App`` in ``app.py``).

Plain ASGI middleware and Starlette routes, no Streamlit script code (so it lives beside
``app.py``, not in ``guide/``, which knows no web server, nor in ``guide/ui/``, which runs inside a
script run). What it holds:

- security headers on every HTTP response (:data:`HEADERS`, with :data:`CSP`);
- a host allow-list (``VTS_ALLOWED_HOSTS``; by default this machine's names and addresses);
- paths closed to everyone (:data:`CLOSED`: Streamlit's metrics) and the websocket's "clear every
  cache" message dropped (one visitor could empty every user's caches);
- uploads refused on the server above ``server.maxUploadSize`` (``.streamlit/config.toml``);
- the facilitator link (``/workshop?ws=<code>&key=<key>``) exchanged once for a cookie the page's
  scripts cannot read (HttpOnly, SameSite=Strict, Secure behind TLS), by a redirect to the same
  address without the key: the key never reaches the page, its address bar or its history;
- routes: ``/health``, ``/.well-known/security.txt`` and ``/facilitator/forget`` (deletes that
  cookie when the facilitator leaves the workshop on a screen).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import socket
from collections.abc import Awaitable, Callable, Iterable, Mapping, MutableMapping
from typing import Any

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOG = logging.getLogger("veier.server")

ENV_HOSTS = "VTS_ALLOWED_HOSTS"
ENV_PUBLIC_URL = "WORKSHOP_PUBLIC_URL"  # the join link's base: its host is allowed too
ENV_SECURITY_CONTACT = "VTS_SECURITY_CONTACT"
ENV_SECURITY_EXPIRES = "VTS_SECURITY_EXPIRES"

#: The Content-Security-Policy of every response. Only this origin: no third-party script, style,
#: font, image or connection. 'unsafe-inline' for scripts because Streamlit's own page and the
#: app's small ``st.html`` scripts (the page's language, Streamlit's strings, the phone layout) are
#: inline; 'wasm-unsafe-eval' because Streamlit's page compiles WebAssembly of its own bundle (never
#: plain eval); styles because Streamlit's components style themselves inline. Images may be data: and
#: blob: URLs (the QR code, charts); frames only this origin (Streamlit's component iframes);
#: nothing may frame the app but itself.
CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' data: blob:",
    "worker-src 'self' blob:",
    "frame-src 'self' blob: data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
))

#: Sent with every HTTP response (HSTS is the TLS terminator's: ``deploy/haproxy.cfg``).
HEADERS: dict[str, str] = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}

#: Paths nobody outside the process needs: answered 404.
CLOSED = ("/_stcore/metrics",)

UPLOAD_PREFIX = "/_stcore/upload_file/"
FACILITATOR_PAGE = "/workshop"  # views/workshop.py; its link carries ?ws=<code>&key=<key>
KEY_PARAM, CODE_PARAM, VIA_PARAM = "key", "ws", "ws_via"  # ws_via=link: the page says it was opened


# ---------------------------------------------------------------------------------------------
# Hosts

def _host_of(header: str) -> str:
    """The host part of a Host header, lower-case, without port or IPv6 brackets."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value[1:]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def machine_hosts() -> set[str]:
    """localhost and this machine's names and addresses (what a default install answers to),
    including the network address Streamlit prints as the "Network URL"."""
    hosts = {"localhost", "127.0.0.1", "::1"}
    with contextlib.suppress(Exception):  # no network: the names below still count
        from streamlit.net_util import get_internal_ip

        internal = get_internal_ip()
        if internal:
            hosts.add(internal.lower())
    for name in {socket.gethostname(), socket.getfqdn()}:
        if not name:
            continue
        hosts.add(name.lower())
        with contextlib.suppress(OSError):  # a name that does not resolve adds no address
            hosts.update(str(info[4][0]).split("%")[0].lower() for info in socket.getaddrinfo(name, None))
    return hosts


def allowed_hosts(env: Mapping[str, str] | None = None) -> set[str]:
    """The hosts the app answers to: ``VTS_ALLOWED_HOSTS`` (comma-separated; ``.example.org``
    allows its subdomains too; ``*`` allows any) if set, else :func:`machine_hosts`; the host of
    ``WORKSHOP_PUBLIC_URL`` is added either way."""
    env = os.environ if env is None else env
    raw = (env.get(ENV_HOSTS) or "").strip()
    hosts = {_host_of(h) if not h.strip().startswith(".") else h.strip().lower()
             for h in raw.split(",") if h.strip()} if raw else machine_hosts()
    public = (env.get(ENV_PUBLIC_URL) or "").strip()
    if public:
        from urllib.parse import urlsplit

        name = urlsplit(public).hostname
        if name:
            hosts.add(name.lower())
    return hosts


def host_allowed(header: str, hosts: Iterable[str]) -> bool:
    host = _host_of(header)
    if not host:
        return False
    for allowed in hosts:
        if allowed == "*" or allowed == host:
            return True
        if allowed.startswith(".") and (host.endswith(allowed) or host == allowed[1:]):
            return True
    return False


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return ""


# ---------------------------------------------------------------------------------------------
# Middleware (plain ASGI, so websockets and streamed responses pass untouched)

async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, text: str) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    await PlainTextResponse(text, status_code=status)(scope, receive, send)


class Guard:
    """Every check of :mod:`server` in one middleware, outermost in the app: the security headers
    on every HTTP response (refusals included), the host allow-list, closed paths, the websocket's
    cache clearing, the facilitator link's exchange and the upload limit."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str] | None = None,
                 max_upload_bytes: int | None = None) -> None:
        self.app = app
        self.hosts = frozenset(allowed_hosts() if hosts is None else hosts)
        self.max_upload_bytes = max_upload_bytes

    def _upload_limit(self) -> int:
        if self.max_upload_bytes is not None:
            return self.max_upload_bytes
        from streamlit import config

        return int(config.get_option("server.maxUploadSize")) * 1024 * 1024

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        send = _with_headers(send) if scope["type"] == "http" else send
        host = _header(scope, b"host")
        if not host_allowed(host, self.hosts):
            LOG.warning("refused a request for the host %r: add it to %s if it is this app's",
                        host[:100], ENV_HOSTS)
            await _refuse(scope, receive, send, 400, "Unknown host.\n")
            return
        path = str(scope.get("path", ""))
        if any(path == closed or path.startswith(closed + "/") for closed in CLOSED):
            await _refuse(scope, receive, send, 404, "Not found.\n")
            return
        if scope["type"] == "websocket":
            await self.app(scope, _without_cache_clearing(receive), send)
            return
        if path == FACILITATOR_PAGE and scope.get("method") in ("GET", "HEAD"):
            exchange = facilitator_exchange(scope)
            if exchange is not None:
                await exchange(scope, receive, send)
                return
        if path.startswith(UPLOAD_PREFIX) and scope.get("method") == "PUT":
            limit = self._upload_limit() + 64 * 1024  # the multipart framing around the file
            length = _header(scope, b"content-length")
            if not length.isdigit() or int(length) > limit:
                # No length (a chunked body) or too long: refused before a byte is read.
                await _refuse(scope, receive, send, 413, "The file is too large.\n")
                return
        await self.app(scope, receive, send)


def _with_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [(k, v) for k, v in message.get("headers", [])
                       if bytes(k).decode("latin-1").lower() not in _HEADER_NAMES]
            headers += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in HEADERS.items()]
            message = {**message, "headers": headers}
        await send(message)

    return sending


_HEADER_NAMES = frozenset(k.lower() for k in HEADERS)


def clears_cache(data: bytes | None) -> bool:
    """Whether a websocket frame from a browser is Streamlit's "clear cache" message."""
    if not data:
        return False
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    try:
        msg.ParseFromString(data)
    except Exception:  # not a BackMsg: Streamlit itself will say so
        return False
    return msg.WhichOneof("type") == "clear_cache"


def _without_cache_clearing(receive: Receive) -> Receive:
    async def receiving() -> Message:
        while True:
            message = await receive()
            if message["type"] == "websocket.receive" and clears_cache(message.get("bytes")):
                LOG.warning("dropped a browser's request to clear every cache")
                continue
            return message

    return receiving


def facilitator_exchange(scope: Scope) -> Response | None:
    """For a request of the facilitator page whose query holds a key: a 303 redirect to the same
    address without the key, setting the key as the workshop's facilitator cookie (the one
    ``guide.ui.workshop.recall("fac", code)`` reads). None when there is no key to take out."""
    from urllib.parse import parse_qsl, urlencode

    query = parse_qsl(bytes(scope.get("query_string", b"")).decode("latin-1"), keep_blank_values=True)
    if not any(name == KEY_PARAM for name, _ in query):
        return None
    key = next((v for n, v in reversed(query) if n == KEY_PARAM), "")
    linked = next((v for n, v in reversed(query) if n == CODE_PARAM), "")
    rest = [(n, v) for n, v in query if n not in (KEY_PARAM, VIA_PARAM)] + [(VIA_PARAM, "link")]
    location = f"{FACILITATOR_PAGE}?{urlencode(rest)}"
    response = Response(status_code=303, headers={"Location": location, "Cache-Control": "no-store"})
    cookie = facilitator_cookie(linked, key)
    if cookie is not None:
        name, value, days = cookie
        secure = (scope.get("scheme") == "https"
                  or _header(scope, b"x-forwarded-proto").lower() == "https")
        response.set_cookie(name, value, max_age=days * 86400, path="/", secure=secure, httponly=True,
                            samesite="strict")
    return response


def facilitator_cookie(linked: str, key: str) -> tuple[str, str, int] | None:
    """(name, value, days) of the facilitator cookie for a link's code and key, or None when they
    cannot be a workshop's (the page then asks for the PIN, the code filled in)."""
    from guide import workshop as ws
    from guide.ui.workshop import COOKIE_VALUE, cookie_name

    try:
        code = ws.normalise_code(linked)
        days = ws.default_retention_days()
    except ws.WorkshopError:
        return None
    if not COOKIE_VALUE.match(key) or len(key) > ws.MAX_KEY:
        return None
    return cookie_name("fac", code), key, days


# ---------------------------------------------------------------------------------------------
# Routes

async def health(request: Request) -> Response:
    """200 "ok" when the content loads (the pages can be drawn), else 503 with the reason."""
    from guide.content import ContentError, default

    try:
        default()
    except ContentError as exc:
        return PlainTextResponse(f"content has {len(exc.errors)} error(s)\n", status_code=503,
                                 headers={"Cache-Control": "no-store"})
    return PlainTextResponse("ok\n", headers={"Cache-Control": "no-store"})


_STARTED = dt.datetime.now(dt.UTC).replace(microsecond=0)


def security_txt(env: Mapping[str, str] | None = None) -> str | None:
    """The text of ``/.well-known/security.txt`` (RFC 9116), or None while no contact is set.
    The contact is ``VTS_SECURITY_CONTACT`` (an e-mail address or an https URL), else the
    accessibility statement's feedback contact; it expires after ``VTS_SECURITY_EXPIRES`` (an ISO
    date) or 180 days after the process started."""
    env = os.environ if env is None else env
    contact = (env.get(ENV_SECURITY_CONTACT) or "").strip()
    if not contact:
        try:
            from guide.accessibility.model import KEY
            from guide.content import default

            contact = (next(iter(default().kinds[KEY].values())).contact or "").strip()
        except Exception:  # no content, no fallback contact
            contact = ""
    if not contact:
        return None
    if not contact.startswith(("https://", "mailto:", "tel:")):
        contact = f"mailto:{contact}"
    raw = (env.get(ENV_SECURITY_EXPIRES) or "").strip()
    expires = (dt.datetime.fromisoformat(raw).replace(tzinfo=dt.UTC) if raw
               else _STARTED + dt.timedelta(days=180))
    return (f"Contact: {contact}\n"
            f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}\n"
            "Preferred-Languages: nb, nn, en\n")


FORGET_ROUTE = "/facilitator/forget"  # POST ?ws=<code>: guide.ui.workshop.remember(..., None) calls it


async def forget_facilitator(request: Request) -> Response:
    """Delete a workshop's facilitator cookie (a script cannot: it is HttpOnly). Same-origin only:
    the cookie is SameSite=Strict, and a request from another site is refused."""
    from guide import workshop as ws
    from guide.ui.workshop import cookie_name

    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return PlainTextResponse("Refused.\n", status_code=403)
    try:
        code = ws.normalise_code(request.query_params.get(CODE_PARAM, ""))
    except ws.WorkshopError:
        return PlainTextResponse("No such workshop code.\n", status_code=400)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.delete_cookie(cookie_name("fac", code), path="/", httponly=True, samesite="strict",
                           secure=request.url.scheme == "https"
                           or request.headers.get("x-forwarded-proto", "") == "https")
    return response


async def security(request: Request) -> Response:
    text = security_txt()
    if text is None:
        return PlainTextResponse("No security contact is set (VTS_SECURITY_CONTACT).\n", status_code=404)
    return PlainTextResponse(text)


def routes() -> list[BaseRoute]:
    return [
        Route("/health", health, methods=["GET", "HEAD"]),
        Route("/.well-known/security.txt", security, methods=["GET", "HEAD"]),
        Route(FORGET_ROUTE, forget_facilitator, methods=["POST"]),
    ]


def middleware() -> list[Middleware]:
    return [Middleware(Guard)]
