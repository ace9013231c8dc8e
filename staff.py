"""Zichtbaar for staff: residents' reports behind a real log-in. A separate entry point, never part of the public app:

    streamlit run staff.py --server.port 8502 --server.address 127.0.0.1

See docs/deploy.md for the log-in (Streamlit's OIDC, or nginx with its own log-in passing a trusted header).
"""

from pathlib import Path

import streamlit as st

from ui import staff, state
from ui.widgets import language_switch

HERE = Path(__file__).parent

st.set_page_config(page_title="Zichtbaar · meldingen", page_icon=str(HERE / "ui" / "favicon.png"), layout="wide")
state.init_lang()
language_switch()
# One page and no menu: st.navigation keeps Streamlit from offering the public pages/ folder here as well.
st.navigation([st.Page(staff.show, title="Zichtbaar", url_path="staff", default=True)], position="hidden").run()
state.write_lang()
