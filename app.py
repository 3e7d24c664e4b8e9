"""Veier til samarbeid — the entry point: Streamlit's ASGI application around the app shell.

`streamlit run app.py` (and `make run`) finds ``app`` below and serves ``shell.py`` through it, so
the app's own HTTP surface (``server.py``: security headers, host allow-list, closed paths, upload
limit, health and security.txt routes) is in front of every page. ``python app.py`` does the same.
"""

from __future__ import annotations

import streamlit as st

import server
from guide.ui.errors import on_script_error

app = st.App(
    "shell.py",
    routes=server.routes(),
    middleware=server.middleware(),
    on_script_error=on_script_error,
)

if __name__ == "__main__":
    app.run()
