"""Small Streamlit widgets shared by pages: the language switch, the demo banner, a load-error box."""

from __future__ import annotations

import streamlit as st

from geo.dataset import Dataset
from geo.mapping import MapText
from geo.viewstate import BASE_MAPS
from ui.i18n import LANGS, current_lang, t


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
    )
