"""Zichtbaar: the frame. Page config, language switch, navigation; each page draws itself."""

from pathlib import Path

import streamlit as st

from ui import state
from ui.chrome import chrome
from ui.i18n import t
from ui.loaders import give_back_memory
from ui.styles import menu_css
from ui.widgets import language_switch, page_css

HERE = Path(__file__).parent

st.set_page_config(page_title="Zichtbaar", page_icon=str(HERE / "ui" / "favicon.png"), layout="wide",
                   initial_sidebar_state="collapsed")
state.init_lang()

# Page files are named after their URL path: Streamlit's legacy pages/ mode (see ui/__init__.py)
# then finds the right page even on a server's very first request.
pages = [
    st.Page(HERE / state.HOME, title=t("nav.home"), icon=":material/home:", default=True),
    st.Page(HERE / state.MAP, title=t("nav.map"), icon=":material/map:", url_path="kaart"),
    st.Page(HERE / state.NEAR, title=t("nav.near"), icon=":material/location_on:", url_path="hier"),
    st.Page(HERE / state.OVERVIEW, title=t("nav.overview"), icon=":material/apartment:", url_path="buurten"),
    st.Page(HERE / state.POLICY, title=t("nav.policy"), icon=":material/policy:", url_path="beleid"),
    st.Page(HERE / state.CHECK, title=t("nav.check"), icon=":material/fact_check:", url_path="controle"),
    st.Page(HERE / state.BUURT, title=t("nav.buurt"), url_path="buurt", visibility="hidden"),
    st.Page(HERE / state.PRESENT, title=t("nav.present"), url_path="presentatie", visibility="hidden"),
    st.Page(HERE / state.REPORT, title=t("nav.report"), url_path="melding", visibility="hidden"),
    st.Page(HERE / state.SENSOR, title=t("nav.sensor"), url_path="sensor", visibility="hidden"),
]
page = st.navigation(pages, position="top")
page_css()
# The sidebar's button: on the map page it opens the filters (on a phone the menu too), elsewhere the menu.
on_map = page.url_path == "kaart"
chrome(state.lang(), menu_css(t("filters.button" if on_map else "menu.label")),
       opens=t("filters.open" if on_map else "menu.open"))

with st.container(key="lang-switch"):  # in the top bar, beside the navigation (ui.styles.FOCUS)
    language_switch()
state.write_lang()
try:
    page.run()
finally:
    give_back_memory()  # what this run took for a while (a large register's pages), back to the system
