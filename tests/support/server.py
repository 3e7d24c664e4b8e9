"""The app served on a free port (``streamlit run app.py``), alone or as two replicas behind HAProxy,
for the browser tests and the benches."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "screenshots"  # screenshots, and the servers' logs (git-ignored)


def free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(env: dict[str, str] | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``streamlit run app.py`` on a free port; return the process and base URL."""
    SHOTS.mkdir(parents=True, exist_ok=True)  # the server's log goes there
    port = free_port()
    log = open(SHOTS / f"server-{port}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
    )
    base = f"http://127.0.0.1:{port}"
    if healthy(base, proc, 60):
        return proc, base
    proc.kill()
    raise RuntimeError("the Streamlit server did not start within 60 s")


def healthy(base: str, proc: subprocess.Popen[bytes], seconds: float,
            context: ssl.SSLContext | None = None) -> bool:
    """Whether ``base`` answers Streamlit's health check within ``seconds`` (False at once if
    ``proc``, the process that should serve it, has ended); ``context`` for an https ``base``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2, context=context) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """End a server started here: politely, then by force after 10 s."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextlib.contextmanager
def serving(env: dict[str, str] | None = None) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """The app on a free port for the duration of a ``with`` block: (process, base URL)."""
    proc, base = start_server(env)
    try:
        yield proc, base
    finally:
        stop_server(proc)


def make_certificate(folder: Path) -> Path:
    """A self-signed certificate for 127.0.0.1 and localhost, valid for a day, made now with
    ``openssl``: one PEM file holding the certificate and then its key, as HAProxy wants it (also
    the CA file a client trusts)."""
    pem = folder / "tls.pem"
    key = folder / "tls.key"
    crt = folder / "tls.crt"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-days", "1",
                    "-keyout", str(key), "-out", str(crt)], check=True, capture_output=True)
    pem.write_bytes(crt.read_bytes() + key.read_bytes())
    return pem


def balancer_files(base: str) -> tuple[Path, Path]:
    """The log file and the certificate (a client's CA file) of the balancer at ``base``."""
    port = base.rsplit(":", 1)[1]
    return SHOTS / f"haproxy-{port}.log", SHOTS / f"tls-{port}" / "tls.pem"


def tls_context(base: str) -> ssl.SSLContext:
    """An SSL context that trusts the test certificate of the balancer at ``base`` (and nothing else)."""
    return ssl.create_default_context(cafile=str(balancer_files(base)[1]))


@contextlib.contextmanager
def balanced(env: dict[str, str] | None = None) -> Iterator[tuple[list[subprocess.Popen[bytes]], str]]:
    """Two app processes behind HAProxy with sticky sessions (``deploy/haproxy.cfg``), for the
    duration of a ``with`` block: (the two app processes, the balancer's https base URL). The
    balancer terminates TLS with a certificate made for the test (:func:`balancer_files`; browsers
    need ``ignore_https_errors``). ``env`` should point both at one PostgreSQL
    (``WORKSHOP_DATABASE_URL``)."""
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(haproxy).exists():
        pytest.skip("HAProxy is not installed (sudo apt-get install haproxy)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    servers: list[tuple[subprocess.Popen[bytes], str]] = []
    balancer = None
    try:
        servers = [start_server(env), start_server(env)]
        port = free_port()
        base = f"https://127.0.0.1:{port}"
        log_path, cert_path = balancer_files(base)
        cert_path.parent.mkdir(parents=True, exist_ok=True)
        make_certificate(cert_path.parent)
        henv = {**os.environ, "VTS_BIND": f"127.0.0.1:{port}", "VTS_TLS_CERT": str(cert_path),
                "VTS_REPLICA_A": servers[0][1].removeprefix("http://"),
                "VTS_REPLICA_B": servers[1][1].removeprefix("http://")}
        log = open(log_path, "wb")  # noqa: SIM115
        balancer = subprocess.Popen([haproxy, "-db", "-f", str(ROOT / "deploy" / "haproxy.cfg")],
                                    env=henv, stdout=log, stderr=subprocess.STDOUT)
        if not healthy(base, balancer, 30, tls_context(base)):
            raise RuntimeError("the balancer did not start within 30 s")
        yield [p for p, _ in servers], base
    finally:
        if balancer is not None:
            balancer.terminate()
            balancer.wait(timeout=10)
        for proc, _ in servers:
            stop_server(proc)
