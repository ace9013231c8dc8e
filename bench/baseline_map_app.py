"""The benchmark's baseline: one folium.Marker (with a tooltip) per registration, a selectbox that halves them.

Run by bench/bench_map.py only. `?n=0` draws no markers (a warm-up that just loads the register).
"""

import html
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo.mapping import LocalMap, fit_view
from ui.assets import ASSETS_URL
from ui.loaders import dataset

reg = dataset().registrations
choice = st.selectbox("personal data", ["alle", "nee"], key="pd")
kept = reg if choice == "alle" else reg[~reg["personal_data"]]
if st.query_params.get("n") == "0":
    kept = kept.iloc[:0]
view = fit_view(tuple(reg.total_bounds), 900, 620)
m = LocalMap(ASSETS_URL, location=[view.lat, view.lon], zoom_start=view.zoom, tiles=None)
for point, name in zip(kept.geometry.representative_point(), kept["name"], strict=True):
    # A tooltip, not a popup: folium's popups need jQuery, which the app does not load.
    folium.Marker([point.y, point.x], tooltip=html.escape(str(name))).add_to(m)
st_folium(m, returned_objects=[], height=620, use_container_width=True)
