"""Shareable view state in the URL: the language here, filters and selections through geo.viewstate."""

from __future__ import annotations

import streamlit as st

from ui.i18n import DEFAULT_LANG, LANGS


def init_lang() -> str:
    """Take the language from the URL on a session's first run; afterwards the switch decides."""
    if st.session_state.get("lang") not in LANGS:
        wanted = st.query_params.get("lang")
        st.session_state["lang"] = wanted if wanted in LANGS else DEFAULT_LANG
    return st.session_state["lang"]


def write_lang() -> None:
    """Keep `lang` in the URL on every page, so that a copied link opens in the same language."""
    if st.query_params.get("lang") != st.session_state["lang"]:
        st.query_params["lang"] = st.session_state["lang"]
