"""The map: every registration with filters, the chosen one's details, and the same set as a table and downloads."""

import html

import numpy as np
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.codes import label
from geo.export import to_csv, to_geojson
from geo.filters import apply
from geo.flags import FLAGS, flag_frame
from geo.mapping import (
    CARD_WORDS,
    build_map,
    fit_view,
    id_from_tooltip,
    legend_html,
    registration_card,
    registrations_group,
    registrations_payload,
)
from geo.schema import FIELD_BY_NAME, split_codes
from geo.viewstate import MapView
from ui.assets import ASSETS_URL
from ui.filters import clear, current, seed, sidebar, url_state, write_url
from ui.i18n import current_lang, fmt_number, t
from ui.loaders import dataset, map_index, map_layers
from ui.widgets import demo_banner, map_text

MAP_KEY = "zb_map"
MAP_HEIGHT = 620
#: Zoom level for a chosen registration: close enough that it stands alone, outside any cluster.
SELECTED_ZOOM = 18
#: The "choose a registration" list holds at most this many (it is sent to the browser on every run).
CHOOSE_MAX = 2000
CARD_CSS = """<style>
/* The class twice: Streamlit's own rules for dl/dt/dd inside st.html are more specific than one class. */
dl.zb-detail.zb-detail { margin: 0; padding: 0; font-size: 0.95rem; }
.zb-detail.zb-detail dt { font-weight: 700; margin: 0.6rem 0 0 0; padding: 0; }
.zb-detail.zb-detail dd { margin: 0.1rem 0 0 0; padding: 0; overflow-wrap: anywhere; }
.zb-detail.zb-detail a { color: #01689B; text-decoration: underline; }
.zb-detail-unknown { color: #555; font-style: italic; }
.zb-title.zb-title { margin: 0 0 0.2rem 0; padding: 0; font-size: 1.35rem; line-height: 1.3; overflow-wrap: anywhere; }
.zb-subtitle.zb-subtitle { margin: 0; color: #333; }
</style>"""

lang = current_lang()
data = dataset()
reg = data.registrations
index, nb_codes = map_index(data)
points, areas, outlines = map_layers(data)
nb_names = dict(zip(data.neighbourhoods["code"].astype(str), data.neighbourhoods["name"].astype(str), strict=True))
ids = reg["id"].astype(str).to_numpy()
ss = st.session_state


def position_of(reg_id: str | None) -> int | None:
    hits = np.flatnonzero(ids == reg_id) if reg_id else []
    return int(hits[0]) if len(hits) else None


def location_of(pos: int) -> tuple[float, float]:
    point = reg.geometry.iloc[pos].representative_point()
    return point.y, point.x


def choose(reg_id: str | None, centre: bool) -> None:
    """Make `reg_id` the selected registration; `centre` moves the map to it (a choice from the list)."""
    ss["map_sel"] = reg_id
    pos = position_of(reg_id)
    if centre and pos is not None:
        lat, lon = location_of(pos)
        ss["map_goto"] = MapView(lat, lon, SELECTED_ZOOM)


def on_choose() -> None:
    choose(ss.get("map_choose"), centre=True)


# --- state from the URL on the first run of this page in a session (a shared link) ---
state = url_state()
seed(state.filters, index)
if "map_sel" not in ss:
    ss["map_sel"] = state.selected if position_of(state.selected) is not None else None
    ss["map_base"] = state.base
    first_pos = position_of(ss["map_sel"])
    if state.view is not None:
        ss["map_view0"] = state.view
    elif first_pos is not None:
        lat0, lon0 = location_of(first_pos)
        ss["map_view0"] = MapView(lat0, lon0, SELECTED_ZOOM)
    else:
        ss["map_view0"] = fit_view(tuple(reg.total_bounds) if len(reg) else tuple(data.neighbourhoods.total_bounds),
                                 width_px=640, height_px=MAP_HEIGHT)
    ss["map_nb_prev"] = state.filters.neighbourhood

# The filters as the widgets hold them; the widgets themselves are drawn after the map, so that the map's
# (larger) message leaves first.
filters = current()
mask = apply(reg, filters, index=index)

# Choosing neighbourhoods moves the map to them.
if filters.neighbourhood != ss.get("map_nb_prev"):
    ss["map_nb_prev"] = filters.neighbourhood
    chosen_nb = data.neighbourhoods[data.neighbourhoods["code"].astype(str).isin(filters.neighbourhood)]
    if len(chosen_nb):
        ss["map_goto"] = fit_view(tuple(chosen_nb.total_bounds), width_px=640, height_px=MAP_HEIGHT)

st.title(t("map.title"))
demo_banner(data)
shown = int(mask.sum())
count_text = t("map.count", shown=fmt_number(shown), total=fmt_number(len(reg)))
if shown:
    st.markdown(count_text)
else:
    st.warning(t("map.count.none"), icon=":material/filter_alt_off:")
if filters.flag:
    # Someone who followed a link from the principles check sees why the map holds only these (the sidebar,
    # where the filter also is, starts closed on a phone).
    notice, clear_col = st.columns([3, 1], vertical_alignment="center")
    notice.info(t("map.flag.notice", principles=", ".join(f"‘{t(f'policy.principle.{c}')}’" for c in filters.flag)),
                icon=":material/policy:")
    clear_col.button(t("map.flag.clear"), key="map_flag_clear", on_click=clear, args=("flag",),
                     icon=":material/close:")

tab_map, tab_table = st.tabs([t("map.tab.map"), t("map.tab.table")], key="map_tab", on_change="rerun")

with tab_map:
    map_col, detail_col = st.columns([2, 1], gap="medium")
    with map_col:
        text = map_text()
        present_purposes = sorted({c for cell in reg["purpose"].unique() for c in split_codes(cell)})
        legend = legend_html(text, sorted(reg["sensor_type"].unique()), present_purposes)
        base_map = build_map(assets=ASSETS_URL, text=text, view=ss["map_view0"], base=ss["map_base"],
                             outlines=outlines, legend=legend, height=MAP_HEIGHT)
        group = registrations_group(registrations_payload(points, areas, mask), assets=ASSETS_URL, text=text)
        goto = ss.get("map_goto")
        value = st_folium(
            base_map, key=MAP_KEY, height=MAP_HEIGHT, use_container_width=True,
            # Only clicks on registrations rerun the app; panning and zooming do not.
            returned_objects=["last_object_clicked_tooltip", "last_object_clicked_count"],
            feature_group_to_add=group,
            center=(goto.lat, goto.lon) if goto else None, zoom=goto.zoom if goto else None,
        ) or {}
        st.caption(t("map.intro") + " " + t("map.caption"))
    click = (value.get("last_object_clicked_count"), value.get("last_object_clicked_tooltip"))
    if click != ss.get("map_click"):
        ss["map_click"] = click
        clicked = id_from_tooltip(click[1]) if click[0] else None
        if clicked is not None and position_of(clicked) is not None:
            choose(clicked, centre=False)
            st.toast(t("map.detail.toast"), icon=":material/info:")

    with detail_col:
        st.subheader(t("map.detail.heading"), anchor=False)
        pos = position_of(ss["map_sel"])
        if pos is None:
            st.caption(t("map.detail.empty"))
        else:
            row = reg.iloc[pos]
            st.html(f'{CARD_CSS}<h3 class="zb-title">{html.escape(str(row["name"]))}</h3>'
                    f'<p class="zb-subtitle">{html.escape(label("sensor_type", str(row["sensor_type"]), lang))}'
                    f" \u00b7 {html.escape(str(row['id']))}</p>")
            flags = flag_frame(reg.iloc[[pos]]).iloc[0]
            raised = [nl if lang == "nl" else en for key, (nl, en) in FLAGS.items() if bool(flags[key])]
            if raised:
                st.error(f"**{t('map.detail.flags')}:** " + " · ".join(raised), icon=":material/warning:")
            if not mask[pos]:
                st.info(t("map.detail.filtered_out"), icon=":material/filter_alt:")
            words = {k: t(f"map.detail.{k}") for k in CARD_WORDS}
            st.html(CARD_CSS + registration_card(row.to_dict(), lang, words, nb_names.get(str(nb_codes.iloc[pos]), ""),
                                                 tuple(t("map.compass").split("|"))))
            st.button(t("map.detail.close"), key="map_close", on_click=choose, args=(None, False),
                      icon=":material/close:")
        # The keyboard way to the same details: a list of the registrations shown.
        kept = np.flatnonzero(mask)
        listed = kept[:CHOOSE_MAX]
        if pos is not None and pos not in set(listed.tolist()):
            listed = np.append(listed, pos)
        names = reg["name"].astype(str).to_numpy()
        options = ids[listed].tolist()
        name_of = dict(zip(options, names[listed].tolist(), strict=True))
        ss["map_choose"] = ss["map_sel"] if ss["map_sel"] in name_of else None
        st.selectbox(t("map.detail.choose"), options=options, key="map_choose", on_change=on_choose,
                     format_func=lambda i: f"{name_of.get(i, i)} ({i})", placeholder=t("map.detail.choose.placeholder"))
        if len(kept) > CHOOSE_MAX:
            st.caption(t("map.detail.choose.limited", n=fmt_number(CHOOSE_MAX)))

with tab_table:
    if tab_table.open:
        st.subheader(t("map.table.heading"))
        st.caption(t("map.table.help"))
        kept_reg = reg[mask]
        cols = {
            "id": kept_reg["id"],
            "name": kept_reg["name"],
            "sensor_type": kept_reg["sensor_type"].map(lambda c: label("sensor_type", c, lang)),
            "purpose": kept_reg["purpose"].map(lambda v: ", ".join(label("purpose", c, lang) for c in split_codes(v))),
            "owner": kept_reg["owner"],
            "personal_data": kept_reg["personal_data"].map({True: t("filters.yes"), False: t("filters.no")}),
            "legal_basis": kept_reg["legal_basis"].map(lambda c: label("legal_basis", c, lang) if c else ""),
            "status": kept_reg["status"].map(lambda c: label("status", c, lang) if c else ""),
            "active_from": kept_reg["active_from"].dt.date,
            "active_until": kept_reg["active_until"].dt.date,
        }
        table = pd.DataFrame({getattr(FIELD_BY_NAME[k], lang): v.to_numpy() for k, v in cols.items()})
        table[t("filters.neighbourhood")] = [nb_names.get(str(c), "") for c in nb_codes[mask].tolist()]
        st.dataframe(table, hide_index=True, width="stretch", height=480)
        st.caption(t("map.download.help"))
        left, right = st.columns(2)
        left.download_button(t("map.download.csv"), data=lambda: to_csv(kept_reg), file_name="zichtbaar-register.csv",
                             mime="text/csv", on_click="ignore", icon=":material/download:", key="map_csv")
        right.download_button(t("map.download.geojson"), data=lambda: to_geojson(kept_reg),
                              file_name="zichtbaar-register.geojson", mime="application/geo+json",
                              on_click="ignore", icon=":material/download:", key="map_geojson")

sidebar(index, nb_names, reg, mask)
write_url(filters, ss["map_sel"])
