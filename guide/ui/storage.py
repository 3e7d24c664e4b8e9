"""Waiting for the workshop database: a spinner while a store call takes longer than a moment.

A busy (locked) SQLite database makes a call wait up to ``guide.workshop.faults.BUSY_TIMEOUT_S``
before it answers "busy"; Streamlit shows a spinner only after half a second, so wrapping every
store call costs nothing when the database answers at once::

    with waiting():
        made = store().create(title, pin=pin, questions=qs)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from guide.ui.common import t


@contextmanager
def waiting() -> Iterator[None]:
    """Show "waiting for the workshop database" while the block runs (after half a second)."""
    with st.spinner(t("workshop.storage.waiting")):
        yield
