"""Streamlit-side helpers shared by pages: translations, URL state, cached loaders, widgets.

Importing this package also makes sure dashboard.py is the app's entry point on every run. Streamlit
treats a folder named `pages/` as a legacy multipage app until `st.navigation` has run once in the
process: if the very first request after a server start is for a page URL (say /buurt), Streamlit runs
that page script directly, without dashboard.py (no navigation, no language switch), and stays in that
mode for every later visitor. Every page imports `ui`, so the first such run switches the legacy mode
off here and starts the run again, this time through dashboard.py.
"""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

if PagesManager.uses_pages_directory:
    PagesManager.uses_pages_directory = False
    st.rerun()
