"""Small Streamlit widgets shared by pages: the language switch, the demo banner, a load-error box."""

from __future__ import annotations

import streamlit as st

from geo.dataset import Dataset
from ui.i18n import LANGS, t


def language_switch() -> None:
    st.segmented_control(
        t("lang.label"), options=list(LANGS), key="lang", required=True,
        format_func=lambda code: t(f"lang.{code}"), label_visibility="collapsed",
    )


def demo_banner(data: Dataset) -> None:
    """Every page that shows demo data says that it is fictional."""
    if data.is_demo:
        st.info(t("demo.banner"), icon=":material/info:")
