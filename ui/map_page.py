"""The map page's moving parts: which registration is chosen (from the URL, a click on the map or the list), where
the map looks, the detail panel, and the table tab. pages/kaart.py only puts them in order."""

from __future__ import annotations

import html
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.dataset import Dataset
from geo.export import display_table, to_csv, to_geojson
from geo.filters import Filters
from geo.mapping import (
    CLUSTER_MAX_ZOOM,
    LAYER_COLUMNS,
    MAX_ZOOM,
    build_map,
    fit_view,
    id_from_tooltip,
    registration_card,
    registration_summary,
    registrations_group,
    registrations_payload,
    view_payload,
)
from geo.principles import FLAG_REASONS, flag_frame
from geo.store import is_lean, position_of, rows, total_bounds
from geo.text import DEFAULT_LANG as REGISTER_LANG
from geo.text import foreign
from geo.viewgrid import Anchors, ViewBox, view_draw
from geo.viewstate import MapView
from ui import state, styles
from ui.assets import ASSETS_URL
from ui.filters import clear, seed
from ui.i18n import current_lang, t
from ui.loaders import (
    algorithm_register,
    large_map,
    map_anchors,
    map_ids,
    map_index,
    map_layers,
    map_outlines,
    register_legend,
)
from ui.report_form import report_form

MAP_KEY = "zb_map"
MAP_HEIGHT = 620
#: Zoom level for a chosen registration: close enough that it stands alone, outside any cluster.
SELECTED_ZOOM = 18
#: The table tab shows at most this many rows (sent to the browser whole); its downloads hold every one.
TABLE_MAX = 5000
#: The "choose a registration" list holds at most this many (it is sent to the browser on every run).
CHOOSE_MAX = 2000
# Session keys: the chosen registration, the view the map opened with, a view to move to, the base map, the
# neighbourhood filter last followed, and the last click handled.
SEL, VIEW0, GOTO, BASE, NB_PREV, CLICK, CHOOSE = (
    "map_sel", "map_view0", "map_goto", "map_base", "map_nb_prev", "map_click", "map_choose")


@dataclass(frozen=True)
class MapData:
    """The register as the map page uses it: the shared filter index and the pieces of the map layer."""

    data: Dataset
    index: object
    nb_codes: pd.Series
    outlines: dict
    #: Every registration's id, in memory; None for a lean register (geo.store.lean), which the store looks up.
    ids: np.ndarray | None
    nb_names: dict[str, str]
    #: The pieces of the whole layer (geo.mapping.point_fragments, area_fragments), for a register the browser
    #: clusters itself; None for a large one (geo.viewgrid.server_clusters), which is sent one view at a time.
    points: np.ndarray | None = None
    areas: np.ndarray | None = None
    anchors: Anchors | None = None

    @classmethod
    def of(cls, data: Dataset) -> MapData:
        index, nb_codes = map_index(data)
        nb = data.neighbourhoods
        names = dict(zip(nb["code"].astype(str), nb["name"].astype(str), strict=True))
        ids = None if is_lean(data) else map_ids(data)
        if large_map(data):
            return cls(data, index, nb_codes, map_outlines(data), ids, names, anchors=map_anchors(data))
        points, areas, outlines = map_layers(data)
        return cls(data, index, nb_codes, outlines, ids, names, points, areas)

    def position_of(self, reg_id: str | None) -> int | None:
        if self.ids is None:
            return position_of(self.data, reg_id)
        hits = np.flatnonzero(self.ids == reg_id) if reg_id else []
        return int(hits[0]) if len(hits) else None

    def rows(self, positions: np.ndarray, columns: tuple[str, ...] | None = None) -> gpd.GeoDataFrame:
        """The registrations at `positions`, in that order: every column, or `columns` (geo.store.rows)."""
        return rows(self.data, positions, columns)

    def location_of(self, pos: int) -> tuple[float, float]:
        point = self.rows(np.array([pos])).geometry.iloc[0].representative_point()
        return point.y, point.x


def start(m: MapData) -> None:
    """On the first run of the page in a session, take the filters, the choice and the view from the URL."""
    ss = st.session_state
    url = state.map_state()
    seed(url.filters, m.index)
    if SEL in ss:
        return
    ss[SEL] = url.selected if m.position_of(url.selected) is not None else None
    ss[BASE] = url.base
    first = m.position_of(ss[SEL])
    if url.view is not None:
        ss[VIEW0] = url.view
    elif first is not None:
        ss[VIEW0] = MapView(*m.location_of(first), SELECTED_ZOOM)
    else:
        ss[VIEW0] = fit_view(total_bounds(m.data), width_px=640, height_px=MAP_HEIGHT)
    ss[NB_PREV] = url.filters.neighbourhood


def choose(m: MapData, reg_id: str | None, centre: bool) -> None:
    """Make `reg_id` the chosen registration; `centre` moves the map to it (a choice from the list)."""
    st.session_state[SEL] = reg_id
    pos = m.position_of(reg_id)
    if centre and pos is not None:
        st.session_state[GOTO] = MapView(*m.location_of(pos), SELECTED_ZOOM)


def follow_neighbourhoods(m: MapData, filters: Filters) -> None:
    """Choosing neighbourhoods in the filters moves the map to them."""
    ss = st.session_state
    if filters.neighbourhood == ss.get(NB_PREV):
        return
    ss[NB_PREV] = filters.neighbourhood
    nb = m.data.neighbourhoods
    chosen = nb[nb["code"].astype(str).isin(filters.neighbourhood)]
    if len(chosen):
        ss[GOTO] = fit_view(tuple(chosen.total_bounds), width_px=640, height_px=MAP_HEIGHT)


def flag_notice(filters: Filters) -> None:
    """Someone who followed a link from the principles check sees why the map holds only these (the sidebar,
    where the filter also is, starts closed on a phone)."""
    if not filters.flag:
        return
    notice, clear_col = st.columns([3, 1], vertical_alignment="center")
    notice.info(t("map.flag.notice", principles=", ".join(f"‘{t(f'principle.{c}')}’" for c in filters.flag)),
                icon=":material/policy:")
    clear_col.button(t("map.flag.clear"), key="map_flag_clear", on_click=clear, args=("flag",),
                     icon=":material/close:")


def draw_map(m: MapData, mask: np.ndarray) -> None:
    """The map with the registrations in `mask`; a click on one of them chooses it."""
    ss = st.session_state
    lang = current_lang()
    bounds = total_bounds(m.data)
    # The map fills the window under the page's slim header and is fitted to that real size (on a first visit
    # without a view or a choice in the address).
    base_map = build_map(assets=ASSETS_URL, lang=lang, view=ss[VIEW0], base=ss[BASE], outlines=m.outlines,
                         legend=register_legend(m.data, lang), height=MAP_HEIGHT, fill=True,
                         fit=None if ss.get(SEL) else bounds)
    goto = ss.get(GOTO)
    clicks = ["last_object_clicked_tooltip", "last_object_clicked_count"]
    if m.anchors is None:
        payload = registrations_payload(m.points, m.areas, mask)
        returned = clicks  # only clicks on registrations rerun the app; panning and zooming do not
    else:
        # A large register: the browser gets the view it shows, and every pan or zoom asks for the next one.
        draw = view_draw(m.anchors, mask, _view_box(ss.get(MAP_KEY), goto or ss[VIEW0]), CLUSTER_MAX_ZOOM)
        payload = view_payload(m.rows(draw.singles, tuple(c for c in LAYER_COLUMNS if c != "geometry")), draw)
        returned = [*clicks, "bounds", "zoom"]
    group = registrations_group(payload, assets=ASSETS_URL, lang=lang)
    value = st_folium(
        base_map, key=MAP_KEY, height=MAP_HEIGHT, use_container_width=True, returned_objects=returned,
        feature_group_to_add=group,
        center=(goto.lat, goto.lon) if goto else None, zoom=goto.zoom if goto else None,
    ) or {}
    click = (value.get("last_object_clicked_count"), value.get("last_object_clicked_tooltip"))
    if click != ss.get(CLICK):
        ss[CLICK] = click
        clicked = id_from_tooltip(click[1]) if click[0] else None
        if clicked is not None and m.position_of(clicked) is not None:
            choose(m, clicked, centre=False)


def _view_box(value: object, fallback: MapView) -> ViewBox:
    """The view the map last reported (st_folium's bounds and zoom), or the one it is about to show."""
    try:
        sw, ne = value["bounds"]["_southWest"], value["bounds"]["_northEast"]  # type: ignore[index]
        zoom = min(max(int(value["zoom"]), 0), MAX_ZOOM)  # type: ignore[index]  # what a browser sends: bounded
        box = ViewBox(float(sw["lng"]), float(sw["lat"]), float(ne["lng"]), float(ne["lat"]), zoom)
        if box.east > box.west and box.north > box.south:  # NaN fails this too
            return box.padded(0)
    except (KeyError, TypeError, ValueError, OverflowError):
        pass
    return ViewBox.around(fallback.lat, fallback.lon, int(fallback.zoom), 1280, MAP_HEIGHT)


def detail(m: MapData, mask: np.ndarray) -> None:
    """The chosen registration, over the map: a side panel on a screen, a sheet from the bottom on a phone. It leads
    with what a resident wants to know (name, status, what, why, who, personal data); the rest is behind "more"."""
    ss = st.session_state
    lang = current_lang()
    pos = m.position_of(ss[SEL])
    if pos is None:
        return
    one = m.rows(np.array([pos]))
    row = one.iloc[0]
    with st.container(key="map-detail"):
        head, close = st.columns([5, 2], vertical_alignment="top")
        head.html(f'<h2 class="zb-title">{foreign(html.escape(str(row["name"])), lang, REGISTER_LANG)}</h2>')
        close.button(t("map.detail.close"), key="map_close", on_click=choose, args=(m, None, False),
                     icon=":material/close:", width="stretch")
        flags = flag_frame(one).iloc[0]
        raised = [t(f"reason.{r}") for r in FLAG_REASONS if bool(flags[r])]
        if raised:
            st.error(f"**{t('map.detail.flags')}:** " + " · ".join(raised), icon=":material/warning:")
        if not mask[pos]:
            st.info(t("map.detail.filtered_out"), icon=":material/filter_alt:")
        register = algorithm_register()
        algorithm = register.entry_for(row["algorithm_register_url"]) if register is not None else None
        st.html(styles.style(styles.DETAIL) + registration_summary(row.to_dict(), lang))
        st.page_link(state.SENSOR, label=t("sensor.link"), icon=":material/arrow_forward:",
                     query_params=state.sensor_link(str(row["id"])))
        with st.expander(t("map.detail.more")):
            st.html(styles.style(styles.DETAIL) + registration_card(
                row.to_dict(), lang, m.nb_names.get(str(m.nb_codes.iloc[pos]), ""), algorithm))
        report_form(str(row["id"]), *m.location_of(pos), key="map.report", name=str(row["name"]))


def choose_list(m: MapData, mask: np.ndarray) -> None:
    """The keyboard's and the list reader's way to a registration: the registrations shown, by name."""
    ss = st.session_state
    kept = np.flatnonzero(mask)
    listed = kept[:CHOOSE_MAX]
    pos = m.position_of(ss[SEL])
    if pos is not None and pos not in set(listed.tolist()):
        listed = np.append(listed, pos)
    found = m.rows(listed, ("id", "name"))
    options = found["id"].astype(str).tolist()
    name_of = dict(zip(options, found["name"].astype(str).tolist(), strict=False))
    ss[CHOOSE] = ss[SEL] if ss[SEL] in name_of else None
    st.selectbox(t("map.detail.choose"), options=options, key=CHOOSE,
                 on_change=lambda: choose(m, st.session_state.get(CHOOSE), centre=True),
                 format_func=lambda i: f"{name_of.get(i, i)} ({i})", placeholder=t("map.detail.choose.placeholder"))
    if len(kept) > CHOOSE_MAX:
        st.caption(t("map.detail.choose.limited", n=CHOOSE_MAX))


def table(m: MapData, mask: np.ndarray) -> None:
    """The same registrations as a table, with safe downloads (formula cells neutralised)."""
    st.subheader(t("map.table.heading"))
    st.caption(t("map.table.help"))
    n_kept = int(mask.sum())
    # A national register's table on the page shows its first rows; the downloads hold every one.
    shown = np.flatnonzero(mask)[:TABLE_MAX]
    names = [m.nb_names.get(str(c), "") for c in m.nb_codes.iloc[shown].tolist()]
    st.dataframe(display_table(m.rows(shown), current_lang(), names), hide_index=True,
                 width="stretch", height=480)
    if n_kept > TABLE_MAX:
        st.caption(t("map.table.limited", n=TABLE_MAX, total=n_kept))
    st.caption(t("map.download.help"))
    left, right = st.columns(2)
    left.download_button(t("map.download.csv"), data=lambda: to_csv(m.rows(np.flatnonzero(mask))),
                         file_name="zichtbaar-register.csv",
                         mime="text/csv", on_click="ignore", icon=":material/download:", key="map_csv")
    right.download_button(t("map.download.geojson"), data=lambda: to_geojson(m.rows(np.flatnonzero(mask))),
                          file_name="zichtbaar-register.geojson", mime="application/geo+json",
                          on_click="ignore", icon=":material/download:", key="map_geojson")
