"""Zichtbaar: the frame. Page config, language switch, navigation; each page draws itself."""

from pathlib import Path

import streamlit as st

from ui.i18n import t
from ui.state import init_lang, write_lang
from ui.widgets import language_switch, page_css

HERE = Path(__file__).parent

st.set_page_config(page_title="Zichtbaar", page_icon=str(HERE / "ui" / "favicon.png"), layout="wide",
                   initial_sidebar_state="auto")
init_lang()

# Page files are named after their URL path: Streamlit's legacy pages/ mode (see ui/__init__.py)
# then finds the right page even on a server's very first request.
pages = [
    st.Page(HERE / "pages" / "home.py", title=t("nav.home"), icon=":material/home:", default=True),
    st.Page(HERE / "pages" / "kaart.py", title=t("nav.map"), icon=":material/map:", url_path="kaart"),
    st.Page(HERE / "pages" / "hier.py", title=t("nav.near"), icon=":material/location_on:", url_path="hier"),
    st.Page(HERE / "pages" / "buurten.py", title=t("nav.overview"), icon=":material/apartment:", url_path="buurten"),
    st.Page(HERE / "pages" / "beleid.py", title=t("nav.policy"), icon=":material/policy:", url_path="beleid"),
    st.Page(HERE / "pages" / "controle.py", title=t("nav.check"), icon=":material/fact_check:", url_path="controle"),
    st.Page(HERE / "pages" / "buurt.py", title=t("nav.buurt"), url_path="buurt", visibility="hidden"),
    st.Page(HERE / "pages" / "presentatie.py", title=t("nav.present"), url_path="presentatie", visibility="hidden"),
]
page = st.navigation(pages, position="top")
page_css()

head, switch = st.columns([2, 1], vertical_alignment="center")  # room for both language names beside a sidebar
with switch:
    language_switch()
write_lang()
page.run()
