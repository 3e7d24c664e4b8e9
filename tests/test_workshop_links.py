"""Where phones reach the app: a join link never points at localhost when the machine has a
network address the app listens on; otherwise the page can say how to set WORKSHOP_PUBLIC_URL."""

from __future__ import annotations

import pytest

from guide.workshop import links


def lan() -> str | None:
    return "192.168.1.20"


def offline() -> str | None:
    return None


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "127.0.1.1", "[::1]", "app.localhost"])
def test_a_local_address_becomes_the_machines_network_address(host: str) -> None:
    base = links.public_base(f"http://{host}:8501/workshop", network=lan)
    assert base == links.PublicBase("http://192.168.1.20:8501", "network", 8501)


def test_the_port_and_a_path_prefix_are_kept() -> None:
    base = links.public_base("http://localhost:8600/veier/workshop?ws=ABC", network=lan)
    assert base.url == "http://192.168.1.20:8600/veier" and base.port == 8600


def test_without_a_network_address_or_listening_only_locally_the_link_stays_local() -> None:
    assert links.public_base("http://localhost:8501/workshop", network=offline).kind == "local"
    for listening in ("127.0.0.1", "localhost", "::1"):
        base = links.public_base("http://127.0.0.1:8501/workshop", listening=listening, network=lan)
        assert base == links.PublicBase("http://127.0.0.1:8501", "local", 8501)
    for listening in ("", "0.0.0.0", "::", "192.168.1.20"):
        base = links.public_base("http://localhost:8501/w", listening=listening, network=lan)
        assert base.kind == "network"


def test_an_address_others_can_reach_and_the_configured_one_are_used_as_they_are() -> None:
    assert links.public_base("https://veier.example.no/workshop", network=lan) == links.PublicBase(
        "https://veier.example.no", "request", None)
    assert links.public_base("http://10.0.0.5:8501/workshop", network=lan).url == "http://10.0.0.5:8501"
    base = links.public_base("http://localhost:8501/workshop", configured=" https://x.example/app/ ",
                             network=lan)
    assert base == links.PublicBase("https://x.example/app", "configured")


def test_no_request_address_at_all_is_local() -> None:
    assert links.public_base("", network=lan).kind == "local"


def test_is_local() -> None:
    assert links.is_local("LOCALHOST") and links.is_local("127.0.0.1") and links.is_local("[::1]")
    assert not links.is_local("192.168.1.20") and not links.is_local("veier.example.no")


def test_the_network_address_of_this_machine_is_none_or_not_a_loopback() -> None:
    ip = links.network_address()
    assert ip is None or not links.is_local(ip)
