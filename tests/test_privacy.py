"""The privacy notice for workshop participants: every language, the retention in force, and
linked from the join page and the accessibility statement."""

from __future__ import annotations

import pytest

from guide import content as content_mod
from tests.support.apptest import open_page, texts

C = content_mod.default()


def test_the_notice_says_what_is_kept_how_long_and_who_sees_it(
        lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_RETENTION_DAYS", "14")
    at = open_page("views/privacy.py", lang)
    assert not at.exception
    shown = texts(at)
    assert at.title[0].value == C.t("page.privacy.title", lang)
    for key in ("privacy.what", "privacy.who", "privacy.cookies", "privacy.logs", "privacy.rights"):
        assert C.t(key, lang) in shown, key
    assert C.t("privacy.how_long", lang, days=14) in shown  # the retention in force, not a fixed 30


@pytest.mark.parametrize("page", ["views/join.py", "views/accessibility.py"])
def test_the_join_page_and_the_accessibility_statement_link_to_it(page: str, lang: str) -> None:
    at = open_page(page, lang)
    links = {p.proto.label: p.proto.page for p in at.get("page_link")}
    label = C.t("join.privacy" if page == "views/join.py" else "a11y.privacy", lang)
    assert label in links, links
    assert links[label] == "privacy"
