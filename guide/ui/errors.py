"""An error nobody expected, said in the page's language (``st.App(on_script_error=...)`` in app.py).

With ``client.showErrorDetails = "none"`` Streamlit would show its own English sentence; this
handler shows the app's instead, in the session's language, and keeps the traceback in the
server's log only (Streamlit logs it before calling the handler).
"""

from __future__ import annotations

import streamlit as st

from guide.ui import common


def on_script_error(exc: Exception) -> bool:
    """Show the translated message; True tells Streamlit not to show its own."""
    try:
        st.error(common.t("error.unexpected"), icon=":material/error:")
    except Exception:  # no content or no session: Streamlit's generic message
        return False
    return True
