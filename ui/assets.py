"""The map's front-end files (Leaflet, its plugins, Zichtbaar's layers), served by the app itself, never a CDN."""

from __future__ import annotations

from pathlib import Path

import streamlit.components.v1 as components

ASSETS_DIR = Path(__file__).parent / "assets"

# Declaring a component makes Streamlit serve this folder, with proper content types, under
# /component/<module>.zb_assets/ on the app's own origin. The component itself is never drawn.
_component = components.declare_component("zb_assets", path=str(ASSETS_DIR))

#: The folder's URL as seen from streamlit-folium's frame (/component/streamlit_folium.st_folium/index.html).
#: Relative, so it keeps working when the app is served under a path prefix (server.baseUrlPath).
ASSETS_URL = f"../{_component.name}"
