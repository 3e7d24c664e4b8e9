"""Privacy notice for workshop participants: what is kept, for how long, who sees it."""

import streamlit as st

from guide import workshop as ws
from guide.ui.common import t


def part(title: str, body: str) -> None:
    st.subheader(title, anchor=False)
    st.markdown(body)


st.title(t("page.privacy.title"))
st.markdown(t("privacy.lead"))
part(t("privacy.what.title"), t("privacy.what"))
part(t("privacy.how_long.title"), t("privacy.how_long", days=ws.default_retention_days()))
part(t("privacy.who.title"), t("privacy.who"))
part(t("privacy.cookies.title"), t("privacy.cookies"))
part(t("privacy.logs.title"), t("privacy.logs"))
part(t("privacy.rights.title"), t("privacy.rights"))
st.link_button(t("privacy.complaint.link"), t("privacy.complaint.url"))
