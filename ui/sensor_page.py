"""The sensor page's moving parts (/sensor?id=...): the search for an unknown id, the small map with the view cone
or area, and the whole entry. pages/sensor.py only puts them in order; the words and HTML come from geo.sensor."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.dataset import Dataset
from geo.mapping import build_map, fit_view, registration_card, registrations_group
from geo.sensor import SEARCH_LIMIT, contact_html, objection_html, reasons
from geo.store import position_of, search_named
from geo.viewstate import MapView
from ui import state, styles
from ui.assets import ASSETS_URL
from ui.i18n import current_lang, t
from ui.loaders import algorithm_register, layer_payload, map_index, map_outlines

MAP_KEY, MAP_HEIGHT = "sensor.map", 260
#: Zoom level for one point: close enough to see the street and a camera's cone.
POINT_ZOOM = 18


def not_found(data: Dataset, asked: bool) -> None:
    """No registration by that id: say so in plain words and offer the search and the map."""
    st.html(styles.style(styles.SENSOR))
    if asked:  # a wrong or hostile id in a link: say so, never show it back
        st.title(t("sensor.unknown.title"))
        st.warning(t("sensor.unknown"), icon=":material/help:")
    else:
        st.title(t("nav.sensor"))
        st.write(t("sensor.choose"))
    query = st.text_input(t("sensor.search"), key="sensor.search", max_chars=200)
    found = search_named(data, query, SEARCH_LIMIT)
    for reg_id, name in found:
        st.page_link(state.SENSOR, label=f"{name} ({reg_id})", query_params=state.sensor_link(reg_id))
    if query.strip() and not found:
        st.info(t("sensor.search.none"))
    st.page_link(state.MAP, label=t("sensor.to_map"), icon=":material/map:", query_params=state.link())


def small_map(data: Dataset, pos: int, one: pd.DataFrame) -> None:
    """The registration alone on a small map: a camera with its view cone, an area with its outline. `one`: its
    row (geo.store.rows)."""
    lang = current_lang()
    geom = one.geometry.iloc[0]
    if geom.geom_type == "Point":
        view = MapView(geom.y, geom.x, POINT_ZOOM)
    else:
        view = fit_view(tuple(geom.bounds), width_px=360, height_px=MAP_HEIGHT)
    base_map = build_map(assets=ASSETS_URL, lang=lang, view=view, outlines=map_outlines(data), height=MAP_HEIGHT,
                         url_sync=False, legend="")
    mask = np.zeros(len(data.registrations), dtype=bool)
    mask[pos] = True
    group = registrations_group(layer_payload(data, mask), assets=ASSETS_URL, lang=lang,
                                cluster=False, cones_always=True)
    st_folium(base_map, key=MAP_KEY, height=MAP_HEIGHT, use_container_width=True, returned_objects=[],
              feature_group_to_add=group)
    st.caption(t("sensor.map.area" if geom.geom_type != "Point" else "sensor.map.cone"))


def everything(data: Dataset, pos: int, one: pd.DataFrame) -> None:
    """The rest of the entry, its flags, whom to ask, and how to object or complain. `one`: its row."""
    lang = current_lang()
    record = one.iloc[0].to_dict()
    _, nb_codes = map_index(data)
    names = dict(zip(data.neighbourhoods["code"].astype(str), data.neighbourhoods["name"].astype(str), strict=True))
    register = algorithm_register()
    algorithm = register.entry_for(record["algorithm_register_url"]) if register is not None else None

    st.subheader(t("sensor.flags"))
    raised = reasons(one)
    if raised:
        st.warning("\n".join(f"- {t(f'reason.{r}')}" for r in raised), icon=":material/warning:")
    else:
        st.success(t("sensor.flags.none"), icon=":material/check_circle:")
    st.subheader(t("sensor.contact"))
    st.html(f'<div class="zb-sensor-more">{contact_html(record, lang)}</div>')
    st.subheader(t("sensor.object"))
    st.html(f'<div class="zb-sensor-more">{objection_html(record, lang)}</div>')
    st.subheader(t("sensor.more"))
    st.html(styles.style(styles.DETAIL) + '<div class="zb-sensor-more">' + registration_card(
        record, lang, names.get(str(nb_codes.iloc[pos]), ""), algorithm) + "</div>")


class Known:
    """The register's ids as geo.viewstate.parse_sensor asks (`id in known`), each looked up once (geo.store.
    position_of: a lean register's database is asked); `position` then says where the asked one is."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.found: dict[str, int | None] = {}

    def __contains__(self, reg_id: object) -> bool:
        return self.position(str(reg_id)) is not None

    def position(self, reg_id: str | None) -> int | None:
        if not reg_id:
            return None
        if reg_id not in self.found:
            self.found[reg_id] = position_of(self.data, reg_id)
        return self.found[reg_id]
