"""Where the participants' phones reach the app: the base of the join link and the QR code.

A phone cannot open ``localhost``: that names the phone itself. When the facilitator opened the
app as ``localhost`` (or ``127.0.0.1``, ``[::1]``), as ``make run`` suggests on a laptop, the join
link uses this machine's address on the network instead, if the app listens there; otherwise the
facilitator is told to set ``WORKSHOP_PUBLIC_URL``. The kinds of :class:`PublicBase` say which
case it is, so that the page can say so in words.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

ENV_PUBLIC_URL = "WORKSHOP_PUBLIC_URL"  # e.g. https://veier.example.no behind a proxy
FALLBACK = "http://localhost:8501"

#: configured: ``WORKSHOP_PUBLIC_URL``; request: the address the browser used (not this machine's
#: own); network: the browser used localhost, and the link has this machine's network address
#: instead; local: the browser used localhost and no network address can serve phones.
BaseKind = Literal["configured", "request", "network", "local"]


@dataclass(frozen=True)
class PublicBase:
    url: str  # scheme://host[:port][/path], no trailing slash
    kind: BaseKind
    port: int | None = None  # the port the browser used (for the hint's example)


def is_local(host: str) -> bool:
    """Whether ``host`` (a URL's host name, without brackets) names only the machine itself."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def listens_on_network(address: str | None) -> bool:
    """Whether a server bound to ``address`` (Streamlit's ``server.address``; empty: every
    interface) can be reached from other machines."""
    address = (address or "").strip().strip("[]")
    if address in ("", "0.0.0.0", "::"):
        return True
    return not is_local(address)


def network_address() -> str | None:
    """This machine's IPv4 address on its network (the one it would use to reach the internet),
    or None when it has none. No packet is sent: a UDP socket is only pointed at an address."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1 (RFC 5737): never routed anywhere
            ip = str(s.getsockname()[0])
    except OSError:
        return None
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        return None
    return None if addr.is_loopback or addr.is_unspecified else ip


def public_base(request_url: str, *, configured: str | None = None, listening: str | None = "",
                network: Callable[[], str | None] = network_address) -> PublicBase:
    """The base of the join link, from ``WORKSHOP_PUBLIC_URL`` (``configured``), else the address
    the browser used (``request_url``, the page's own path dropped), with a local host replaced by
    this machine's ``network()`` address when the server ``listening`` there can be reached."""
    env = (configured or "").strip().rstrip("/")
    if env:
        return PublicBase(env, "configured")
    parts = urllib.parse.urlsplit(request_url or "")
    if not parts.scheme or not parts.netloc:
        return PublicBase(FALLBACK, "local", 8501)
    path = parts.path.rstrip("/")
    path = path.rsplit("/", 1)[0] if "/" in path else ""  # drop this page's own path
    try:
        port = parts.port
    except ValueError:
        port = None
    host = parts.hostname or ""
    if not is_local(host):
        return PublicBase(f"{parts.scheme}://{parts.netloc}{path}", "request", port)
    ip = network() if listens_on_network(listening) else None
    if ip is None:
        return PublicBase(f"{parts.scheme}://{parts.netloc}{path}", "local", port)
    netloc = ip if port is None else f"{ip}:{port}"
    return PublicBase(f"{parts.scheme}://{netloc}{path}", "network", port)
