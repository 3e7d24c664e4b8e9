"""Hostile input in a real browser: what Streamlit's Markdown would make a link stays text, and a
file the browser refuses leaves no message naming the file before it."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from guide.documents.escape import NO_LINK
from guide.state import Answers, ProcurementInputs, SroiInputs, SroiOutcome
from tests.support.browser import assert_no_exception, shot, wait_idle, wait_ready
from tests.support.words import ui as t


def test_a_refused_upload_no_longer_names_the_file_before(server: str, page: Any, tmp_path: Path) -> None:
    page.goto(f"{server}/report?lang=nb")
    wait_ready(page, text=t("page.report.title"))
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    good = tmp_path / "forrige-svar.json"
    good.write_text(Answers().to_json(), encoding="utf-8")
    uploader.set_input_files(str(good))
    message = page.get_by_text(t("report.load.ok", name="forrige-svar.json"))
    message.wait_for()
    wait_idle(page)
    wrong = tmp_path / "notat.txt"  # a type the uploader does not take: the browser refuses it
    wrong.write_text("hei", encoding="utf-8")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(wrong))
    page.locator('[data-testid="stFileChip"][aria-invalid="true"]').wait_for()  # the browser's refusal
    wait_idle(page)
    shot(page, "upload-refused-type-nb")
    assert not message.is_visible(), "the message under the uploader still names the file before"
    assert_no_exception(page)
    # a file too large for the browser (over 1 MB): refused there too, and no old message
    page.reload()
    wait_ready(page, text=t("page.report.title"))
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(good))
    message.wait_for()
    big = tmp_path / "stor.json"
    big.write_bytes(b" " * (1024 * 1024 + 10))
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(big))
    page.locator('[data-testid="stFileChip"][aria-invalid="true"]').wait_for()
    wait_idle(page)
    assert not message.is_visible()
    # removing the refused file brings the uploader back; a good file then says so again
    page.locator('[data-testid="stFileChipDeleteBtn"] button').first.click()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(good))
    message.wait_for()


NAME = "https://evil.example/x www.evil.example post@evil.example"
VALUE = "[Logg inn](https://evil.example)"


def test_bare_urls_and_markup_from_a_link_are_text_on_the_page(server: str, page: Any) -> None:
    outcome = SroiOutcome(name=NAME, quantity=10, proxy=20_000)
    sroi = SroiInputs(investment=100_000, outcomes=[outcome])
    a = Answers(sroi=sroi, procurement=ProcurementInputs(value=VALUE))
    query = urlencode(a.to_query())
    page.goto(f"{server}/sroi?{query}")
    wait_ready(page, text=t("page.sroi.title"))
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text("evil.example/x", exact=False).first.wait_for(state="attached")  # the inputs' table
    main.locator('[data-testid="stPlotlyChart"] svg.main-svg').first.wait_for()
    wait_idle(page)
    assert main.locator('a[href*="evil"]').count() == 0, "a link made of what the link carried"
    cell = main.locator("td").filter(has_text="evil.example/x").first.text_content() or ""
    assert cell.replace(NO_LINK, "") == NAME  # shown as typed (the joiner is invisible)
    page.goto(f"{server}/procurement?{query}")
    wait_ready(page, text=t("page.procurement.title"))
    main.get_by_text("Logg inn](https", exact=False).first.wait_for()  # in the error by the field, as typed
    wait_idle(page)
    assert main.locator('a[href*="evil"]').count() == 0
    assert_no_exception(page)
