"""The app's HTTP surface (server.py), driven as ASGI without a network: headers, hosts, closed
paths, the upload limit, the websocket's cache clearing, security.txt; and app.py's shape."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.testing.v1 import AppTest

import server
from guide.content import default
from guide.model import Lang
from tests.support.apptest import ROOT

Message = server.Message


def http(path: str, *, host: str = "localhost:8501", method: str = "GET",
         headers: dict[str, str] | None = None, query: str = "",
         max_upload: int = 1024 * 1024) -> tuple[int, dict[str, str], bool]:
    """One request through :class:`server.Guard` around an app that answers 200 "inner":
    (status, headers, whether the inner app was reached)."""
    reached = False

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        nonlocal reached
        reached = True
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/plain"), (b"x-frame-options", b"ALLOWALL")]})
        await send({"type": "http.response.body", "body": b"inner"})

    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    raw = [(b"host", host.encode())] + [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    scope = {"type": "http", "method": method, "path": path, "headers": raw, "scheme": "http",
             "query_string": query.encode()}
    guard = server.Guard(inner, hosts={"localhost", "127.0.0.1", "::1", ".kommune.example"},
                         max_upload_bytes=max_upload)
    asyncio.run(guard(scope, receive, send))
    start = sent[0]
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, reached


def test_every_response_carries_the_security_headers() -> None:
    status, headers, _ = http("/")
    assert status == 200
    csp = headers["content-security-policy"]
    for directive in ("default-src 'self'", "frame-ancestors 'self'", "object-src 'none'", "base-uri 'self'"):
        assert directive in csp
    assert "http" not in csp  # no third-party origin is allowed anywhere
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "SAMEORIGIN"  # the app's value replaces the inner one


def test_an_unknown_host_is_refused_before_the_app() -> None:
    status, headers, reached = http("/", host="evil.example")
    assert (status, reached) == (400, False)
    assert "content-security-policy" in headers  # refusals carry the headers too
    assert http("/", host="127.0.0.1:8501")[0] == 200
    assert http("/", host="[::1]:8501")[0] == 200
    assert http("/", host="veier.kommune.example")[0] == 200  # ".kommune.example" allows subdomains
    assert http("/", host="kommune.example.evil")[0] == 400
    assert http("/", host="")[0] == 400


@pytest.mark.parametrize("path", ["/_stcore/metrics", "/_stcore/metrics/"])
def test_metrics_are_closed(path: str) -> None:
    status, _, reached = http(path)
    assert (status, reached) == (404, False)


def test_an_upload_above_the_limit_is_refused_before_it_is_read() -> None:
    path = "/_stcore/upload_file/session/file"
    status, _, reached = http(path, method="PUT", headers={"content-length": str(2 * 1024 * 1024)})
    assert (status, reached) == (413, False)
    status, _, reached = http(path, method="PUT")  # no length: a chunked body of unknown size
    assert (status, reached) == (413, False)
    status, _, reached = http(path, method="PUT", headers={"content-length": "5000"})
    assert (status, reached) == (200, True)


def frame(kind: str) -> bytes:
    msg = BackMsg()
    if kind == "clear_cache":
        msg.clear_cache = True
    else:
        msg.rerun_script.query_string = "lang=nb"
    return msg.SerializeToString()


def test_a_browser_cannot_clear_every_users_cache() -> None:
    assert server.clears_cache(frame("clear_cache"))
    assert not server.clears_cache(frame("rerun"))
    assert not server.clears_cache(b"\xff\x00 not a message")
    got: list[Message] = []
    queue: list[Message] = [{"type": "websocket.connect"},
             {"type": "websocket.receive", "bytes": frame("clear_cache")},
             {"type": "websocket.receive", "bytes": frame("rerun")},
             {"type": "websocket.disconnect", "code": 1000}]

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            got.append(message)
            if message["type"] == "websocket.disconnect":
                return

    async def receive() -> Message:
        return queue.pop(0)

    async def send(message: Message) -> None:
        pass

    scope = {"type": "websocket", "path": "/_stcore/stream", "headers": [(b"host", b"localhost")]}
    asyncio.run(server.Guard(inner, hosts={"localhost"})(scope, receive, send))
    assert [m["type"] for m in got] == ["websocket.connect", "websocket.receive", "websocket.disconnect"]
    assert got[1]["bytes"] == frame("rerun")


def test_a_websocket_from_an_unknown_host_is_closed() -> None:
    sent: list[Message] = []

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("reached the app")

    async def receive() -> Message:
        return {"type": "websocket.connect"}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "websocket", "path": "/_stcore/stream", "headers": [(b"host", b"evil.example")]}
    asyncio.run(server.Guard(inner, hosts={"localhost"})(scope, receive, send))
    assert sent == [{"type": "websocket.close", "code": 1008}]


def test_allowed_hosts_come_from_the_environment() -> None:
    assert server.allowed_hosts({"VTS_ALLOWED_HOSTS": "veier.kommune.no, .example.org"}) == {
        "veier.kommune.no", ".example.org"}
    assert server.allowed_hosts({"VTS_ALLOWED_HOSTS": "a.no",
                                 "WORKSHOP_PUBLIC_URL": "https://Samarbeid.Kommune.no/"}) == {
        "a.no", "samarbeid.kommune.no"}
    default_hosts = server.allowed_hosts({})
    assert {"localhost", "127.0.0.1", "::1"} <= default_hosts


def test_security_txt_names_the_contact_and_expires() -> None:
    text = server.security_txt({"VTS_SECURITY_CONTACT": "sikkerhet@kommune.example",
                                "VTS_SECURITY_EXPIRES": "2027-06-30"})
    assert text == ("Contact: mailto:sikkerhet@kommune.example\nExpires: 2027-06-30T00:00:00Z\n"
                    "Preferred-Languages: nb, nn, en\n")
    text = server.security_txt({"VTS_SECURITY_CONTACT": "https://kommune.example/sikkerhet"})
    assert text is not None and text.startswith("Contact: https://kommune.example/sikkerhet\n")
    expires = dt.datetime.strptime(text.splitlines()[1], "Expires: %Y-%m-%dT%H:%M:%SZ")
    assert 0 < (expires - dt.datetime.now()).days <= 180  # RFC 9116: less than a year ahead


def test_app_py_serves_the_shell_through_st_app() -> None:
    from streamlit.web.server.app_discovery import discover_asgi_app

    found = discover_asgi_app(ROOT / "app.py")
    assert found.is_asgi_app and found.import_string == "app:app"
    assert (ROOT / "shell.py").is_file()


ERROR_SCRIPT = """
import streamlit as st
from guide.ui import common
from guide.ui.errors import on_script_error
st.session_state[common.LANG_KEY] = "{lang}"
st.session_state["suppressed"] = on_script_error(RuntimeError("SELECT secret FROM workshops"))
"""


def test_an_unexpected_error_is_said_in_the_pages_language(tmp_path: Path, lang: Lang) -> None:
    script = tmp_path / "error.py"
    script.write_text(ERROR_SCRIPT.format(lang=lang), encoding="utf-8")
    at = AppTest.from_file(str(script), default_timeout=60).run()
    assert at.session_state["suppressed"] is True
    assert [e.value for e in at.error] == [default().t("error.unexpected", lang)]
    assert "SELECT" not in "".join(str(e.value) for e in at.error)


def test_tracebacks_are_not_shown_and_uploads_are_capped_in_the_config() -> None:
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["maxUploadSize"] == 1


def test_the_facilitator_link_is_exchanged_for_an_httponly_cookie_and_a_link_without_the_key(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKSHOP_RETENTION_DAYS", raising=False)  # the cookie lasts as the workshop
    key = "k3y_-ABCdef0123456789"
    status, headers, reached = http("/workshop", query=f"ws=kmn-h34&key={key}&lang=nn")
    assert (status, reached) == (303, False)
    assert headers["location"] == "/workshop?ws=kmn-h34&lang=nn&ws_via=link"
    cookie = headers["set-cookie"]
    assert cookie.startswith(f"vts_fac_KMNH34={key};")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Max-Age=2592000" in cookie
    assert "Secure" not in cookie  # plain HTTP on this machine: a Secure cookie would be dropped
    assert headers["cache-control"] == "no-store"
    status, headers, _ = http("/workshop", query=f"ws=KMNH34&key={key}",
                              headers={"x-forwarded-proto": "https"})
    assert "Secure" in headers["set-cookie"]  # behind the TLS balancer


def test_a_link_whose_key_or_code_cannot_be_loses_the_key_and_sets_no_cookie() -> None:
    for query in ("ws=KMNH34&key=<script>", "ws=not-a-code!&key=abc", "key=abc"):
        status, headers, reached = http("/workshop", query=query)
        assert (status, reached) == (303, False), query
        assert "key=" not in headers["location"] and "set-cookie" not in headers, query


def test_the_facilitator_page_without_a_key_is_the_apps() -> None:
    assert http("/workshop", query="ws=KMNH34&lang=en")[2] is True
    assert http("/join", query="code=KMNH34&key=abc")[2] is True  # only the facilitator page


def test_the_network_url_streamlit_prints_is_allowed_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    import streamlit.net_util

    monkeypatch.setattr(streamlit.net_util, "get_internal_ip", lambda: "10.20.30.40")
    assert "10.20.30.40" in server.allowed_hosts({})
    assert "10.20.30.40" not in server.allowed_hosts({"VTS_ALLOWED_HOSTS": "samarbeid.kommune.no"})
