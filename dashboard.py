"""Zichtbaar: the frame. Page config, language switch, navigation; each page draws itself."""

from pathlib import Path

import streamlit as st

from ui.i18n import t
from ui.state import init_lang, write_lang
from ui.widgets import language_switch

HERE = Path(__file__).parent

st.set_page_config(page_title="Zichtbaar", page_icon=str(HERE / "ui" / "favicon.png"), layout="wide",
                   initial_sidebar_state="auto")
init_lang()

pages = [
    st.Page(HERE / "pages" / "home.py", title=t("nav.home"), icon=":material/home:", default=True),
]
page = st.navigation(pages, position="top")

head, switch = st.columns([5, 1], vertical_alignment="center")
with switch:
    language_switch()
write_lang()
page.run()
