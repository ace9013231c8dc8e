"""Small Streamlit widgets shared by pages: the language switch, the demo banner, a load-error box."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo.dataset import Dataset
from geo.factsheet import map_mask, outline_layer
from geo.mapping import MapText, build_map, fit_view, legend_html, registrations_group, registrations_payload
from geo.schema import split_codes
from geo.viewstate import BASE_MAPS
from ui.assets import ASSETS_URL
from ui.i18n import LANGS, current_lang, t
from ui.loaders import map_layers

#: Keyboard focus always visible (WCAG 2.4.7): Streamlit's navigation and page links, checkboxes, and the
#: toolbars of tables and charts show no focus of their own. Primary blue: at least 3:1 against every background used.
FOCUS_CSS = """<style>
a:focus-visible, button:focus-visible, summary:focus-visible, [role="tab"]:focus-visible,
[role="button"]:focus-visible, [role="link"]:focus-visible {
  outline: 3px solid #01689B !important; outline-offset: 2px !important; border-radius: 4px;
}
/* Checkboxes and radios hide their input; ring the label instead. */
label:has(input[type="checkbox"]:focus-visible), label:has(input[type="radio"]:focus-visible) {
  outline: 3px solid #01689B; outline-offset: 2px; border-radius: 4px;
}
/* A table takes the focus on its canvas, which shows none: ring the table. */
[data-testid="stDataFrame"]:focus-within { outline: 3px solid #01689B; outline-offset: -1px; }
/* A table's or chart's toolbar shows on hover only; show it too while one of its buttons has the focus. */
[data-testid="stElementToolbar"]:focus-within { opacity: 1 !important; }
</style>"""


def page_css() -> None:
    """Styles every page shares (drawn once per run by dashboard.py)."""
    st.html(FOCUS_CSS)


def language_switch() -> None:
    st.segmented_control(
        t("lang.label"), options=list(LANGS), key="lang", required=True,
        format_func=lambda code: t(f"lang.{code}"), label_visibility="collapsed",
    )


def demo_banner(data: Dataset) -> None:
    """Every page that shows demo data says that it is fictional."""
    if data.is_demo:
        st.info(t("demo.banner"), icon=":material/info:")


def map_text() -> MapText:
    """Every text a map shows (legend, layers, base maps, controls) in the session's language."""
    return MapText(
        lang=current_lang(), base_names=tuple((c, t(f"map.base.{c}")) for c in BASE_MAPS),
        neighbourhoods=t("map.layer.neighbourhoods"), legend=t("map.legend"), legend_types=t("map.legend.types"),
        legend_purposes=t("map.legend.purposes"), legend_other=t("map.legend.other"), cone=t("map.legend.cone"),
        area=t("map.legend.area"), cluster=t("map.legend.cluster"), border=t("map.legend.border"),
        cluster_title=t("map.cluster.title"), fullscreen=t("map.fullscreen"), fullscreen_exit=t("map.fullscreen.exit"),
        skip_map=t("map.skip"),
    )


def neighbourhood_map(data: Dataset, facts, *, key: str, height: int, width_px: int) -> None:
    """One neighbourhood's map: its outline and its registrations over the city's borders (buurt and presentation)."""
    text = map_text()
    reg = facts.registrations
    legend = legend_html(text, sorted(reg["sensor_type"].unique()),
                         sorted({c for cell in reg["purpose"].unique() for c in split_codes(cell)}))
    points, areas, outlines = map_layers(data)
    base_map = build_map(assets=ASSETS_URL, text=text, outlines=outlines, legend=legend, height=height,
                         view=fit_view(facts.area.bounds, width_px=width_px, height_px=height, max_zoom=18))
    outline_layer(facts.area).add_to(base_map)
    group = registrations_group(registrations_payload(points, areas, map_mask(data, facts)), assets=ASSETS_URL,
                                text=text)
    st_folium(base_map, key=key, height=height, use_container_width=True, returned_objects=[],
              feature_group_to_add=group)
