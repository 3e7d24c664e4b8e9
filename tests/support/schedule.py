"""Which tests are slow: one list, read by tests/conftest.py to mark and order the run."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: The tests of many seconds, in one place: `make check` leaves them out (`-m "not slow"`), and every
#: run starts them first, so that no worker is left with a long one at the end. Each is a file, or a
#: file and a test function (all its parameters); tests/test_support.py checks that it exists.
SLOW = (
    "tests/browser/test_journeys.py",
    "tests/browser/test_state_browser.py",
    "tests/browser/test_workshop_session_browser.py",
    "tests/test_a11y_static.py::test_every_page_labels_its_inputs_and_describes_its_charts",
    "tests/test_content.py::test_broken_content_gives_exact_message",
    "tests/test_pages_calendar_sroi.py::test_sroi_bad_input_is_shown_by_the_field",
    "tests/test_report.py::test_markdown_pdf_and_word_carry_the_same_headings_and_figures",
    "tests/test_state.py::test_a_good_model_survives_the_file_unchanged",
    "tests/test_state.py::test_a_good_model_survives_the_link_unchanged",
    "tests/test_state.py::test_a_tampered_link_gives_what_can_be_read",
    "tests/test_state.py::test_from_json_raises_nothing_but_value_error",
    "tests/test_state.py::test_from_json_on_mutated_files_raises_nothing_but_value_error",
)


def slow(path: Path, function: str) -> bool:
    """Whether the test ``function`` of the file ``path`` is in :data:`SLOW`."""
    file = path.resolve().relative_to(ROOT).as_posix()
    return file in SLOW or f"{file}::{function}" in SLOW
