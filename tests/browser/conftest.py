"""Real-browser fixtures: the app served on a free port, driven in Debian's headless Chromium.

Without /usr/bin/chromium these tests skip with a message saying how to install it, except
when CI=true, where they fail: CI must run them.
"""

from __future__ import annotations

import contextlib
import os
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
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SHOTS = ROOT / "tests" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def _need_browser() -> None:
    if Path(CHROMIUM).exists():
        return
    msg = (
        f"Chromium not found at {CHROMIUM}: install Debian's package with "
        "`sudo apt-get install chromium` to run the browser tests"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(msg)
    pytest.skip(msg)


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(env: dict[str, str] | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``streamlit run app.py`` on a free port; return the process and base URL."""
    port = _free_port()
    log = open(ROOT / "tests" / "screenshots" / f"server-{port}.log", "wb")  # noqa: SIM115
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
    SHOTS.mkdir(parents=True, exist_ok=True)  # the server's log goes there
    proc, base = start_server(env)
    try:
        yield proc, base
    finally:
        stop_server(proc)


def make_certificate(folder: Path) -> Path:
    """A self-signed certificate for 127.0.0.1 and localhost, valid for a day, made now (with the
    ``cryptography`` package when it is installed, else ``openssl``): one PEM file holding the
    certificate and then its key, as HAProxy wants it. Also the CA file a client trusts."""
    pem = folder / "tls.pem"
    try:
        import datetime as dt
        import ipaddress

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        key = folder / "tls.key"
        crt = folder / "tls.crt"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=localhost",
                        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-days", "1",
                        "-keyout", str(key), "-out", str(crt)], check=True, capture_output=True)
        pem.write_bytes(crt.read_bytes() + key.read_bytes())
        return pem
    key_obj = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key_obj.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                        x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key_obj, hashes.SHA256()))
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM) + key_obj.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
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
    import shutil

    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(haproxy).exists():
        pytest.skip("HAProxy is not installed (sudo apt-get install haproxy)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    servers: list[tuple[subprocess.Popen[bytes], str]] = []
    balancer = None
    try:
        servers = [start_server(env), start_server(env)]
        port = _free_port()
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


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    _need_browser()
    with serving() as (_, base):
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)  # type: ignore[attr-defined]
    p = context.new_page()
    p.set_default_timeout(30_000)
    yield p
    context.close()


def wait_ready(page: object, *, text: str | None = None) -> None:
    """Wait for the page's own content (a title in the main area) and for reruns to finish."""
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=30_000)  # type: ignore[attr-defined]
    if text is not None:
        page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)  # type: ignore[attr-defined]
    wait_idle(page)


def wait_idle(page: object) -> None:
    """Wait until Streamlit reports no script running."""
    page.wait_for_function(  # type: ignore[attr-defined]
        """() => !document.querySelector('[data-testid="stStatusWidget"]')""", timeout=30_000
    )
    page.wait_for_timeout(300)  # type: ignore[attr-defined]


def assert_no_exception(page: object) -> None:
    boxes = page.locator('[data-testid="stException"]')  # type: ignore[attr-defined]
    assert boxes.count() == 0, boxes.first.inner_text()


def shot(page: object, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path
