"""Wat wordt hier gemeten?: a resident picks a place and sees what is measured around it, nearest first.

The place lives in the URL (lat, lon, r) so that it can be shared, and in this session's memory; it is never
logged or stored, and an address goes only to the geocoder (PDOK's Locatieserver) when the resident searches.
"""

import html
import re

import folium
import numpy as np
import streamlit as st
from streamlit_folium import st_folium

from geo.crs import in_nl
from geo.geocode import GeocoderUnavailable, Place, lookup, search
from geo.mapping import UrlSync, build_map, fit_view, legend_html, registrations_group, registrations_payload
from geo.nearby import (
    CARD_CSS,
    DEFAULT_RADIUS,
    RADII,
    Spot,
    card,
    card_html,
    looking_views,
    nearby,
    neighbourhood_at,
    parse_place,
    place_params,
    spot_group,
    spot_view,
    summarise_nearby,
    summary_text,
)
from geo.schema import split_codes
from ui.assets import ASSETS_URL
from ui.geolocation import geolocation_button
from ui.i18n import current_lang, t
from ui.loaders import dataset, map_layers
from ui.widgets import demo_banner, map_text

#: The map's height in pixels: the circle and some street around it on a phone, with the list in reach.
MAP_HEIGHT = 380
#: Cards shown at once; "show more" adds as many again (a phone scrolls through 20 comfortably).
PAGE = 20
# Session keys: short-lived UI state only (the place itself is in the URL).
SPOT, LABEL, NOTICE, SUGGESTIONS, SHOWN, RADIUS, QUERY, MAP, LOCATE = (
    "near.spot", "near.label", "near.notice", "near.suggestions", "near.shown", "near.radius", "near.query",
    "near.map", "near.locate")

# Tap targets of at least 44 px on a phone (WCAG 2.5.5), scoped by widget key to this page's widgets.
PAGE_CSS = """
.st-key-near-radius button { min-height: 44px; min-width: 76px; }
.st-key-near-query [data-baseweb="input"] { min-height: 48px; }
[class*="st-key-FormSubmitter-near-search"] button, .st-key-near-more button { min-height: 48px; }
[class*="st-key-near-pick"] button { min-height: 48px; }
.st-key-near-neighbourhood a { min-height: 48px; display: flex; align-items: center; }
"""

lang = current_lang()
data = dataset()


def choose(spot: Spot | None, label: str = "") -> None:
    """Make `spot` the chosen place: in the URL to share it, in this session to come back to it."""
    if spot is None or not in_nl(spot.lat, spot.lon):
        st.session_state[NOTICE] = t("near.outside")
        return
    st.session_state[SPOT] = spot
    st.session_state[LABEL] = label
    st.session_state[SHOWN] = PAGE
    st.query_params.update(place_params(spot, st.session_state.get(RADIUS, DEFAULT_RADIUS)))


def found_place(place: Place | None) -> None:
    if place is None:
        st.session_state[NOTICE] = t("near.search.none")
    else:
        choose(Spot.rounded(place.lat, place.lon), place.label)


def on_search() -> None:
    st.session_state[SUGGESTIONS] = []
    try:
        place, suggestions = search(st.session_state.get(QUERY, ""))
    except GeocoderUnavailable as exc:
        st.session_state[NOTICE] = exc.message(lang)
        return
    st.session_state[SUGGESTIONS] = [(s.id, s.label) for s in suggestions[1:]]
    found_place(place)


def on_pick(place_id: str) -> None:
    try:
        found_place(lookup(place_id))
    except GeocoderUnavailable as exc:
        st.session_state[NOTICE] = exc.message(lang)


def take_new_position() -> None:
    """A position from the location button or a tap on the map, each taken once (their values persist)."""
    located = st.session_state.get(LOCATE)
    if isinstance(located, dict) and located.get("at") != st.session_state.get("near.located_seen"):
        st.session_state["near.located_seen"] = located.get("at")
        st.session_state[SUGGESTIONS] = []
        choose(_spot(located.get("lat"), located.get("lon")))
    clicked = (st.session_state.get(MAP) or {}).get("last_clicked")
    if isinstance(clicked, dict) and clicked != st.session_state.get("near.clicked_seen"):
        st.session_state["near.clicked_seen"] = clicked
        st.session_state[SUGGESTIONS] = []
        choose(_spot(clicked.get("lat"), clicked.get("lng")))


def on_radius() -> None:
    st.session_state[SHOWN] = PAGE
    st.query_params["r"] = str(st.session_state[RADIUS])


def on_more() -> None:
    st.session_state[SHOWN] = st.session_state.get(SHOWN, PAGE) + PAGE


def draw_map(spot: Spot | None, radius: int, found) -> None:
    """The map: the register's icons within the circle, the circle, the spot; a tap chooses a new spot."""
    text = map_text()
    reg = data.registrations
    purposes = sorted({c for cell in reg["purpose"].unique() for c in split_codes(cell)})
    # The base map stays the same whatever the spot (the city's view), so the map's frame is not reloaded;
    # the spot moves it through `center` and `zoom`, and the layers are swapped in place.
    home = fit_view(tuple(data.neighbourhoods.total_bounds), 360, MAP_HEIGHT)
    base_map = build_map(assets=ASSETS_URL, text=text, view=home, height=MAP_HEIGHT,
                         legend=legend_html(text, sorted(reg["sensor_type"].unique()), purposes))
    # Two parts of the main map are taken off here. Its URL sync writes the map's centre into lat/lon,
    # which here mean the chosen spot. And OpenStreetMap's tiles would tell a third party where the
    # resident looks: the page promises that only PDOK (the geocoder's own service) sees that.
    for name, child in list(base_map._children.items()):
        if isinstance(child, UrlSync) or (isinstance(child, folium.TileLayer) and "openstreetmap" in child.tiles):
            del base_map._children[name]
    layers = []
    view = home
    if spot is not None:
        points, areas, _ = map_layers(data)
        mask = np.zeros(len(reg), dtype=bool)
        mask[reg.index.get_indexer(found.index)] = True
        layers = [registrations_group(registrations_payload(points, areas, mask), assets=ASSETS_URL, text=text),
                  spot_group(spot, radius, looking_views(found))]
        view = spot_view(spot, radius, 360, MAP_HEIGHT)
    st_folium(base_map, key=MAP, height=MAP_HEIGHT, use_container_width=True, returned_objects=["last_clicked"],
              feature_group_to_add=layers or None, center=(view.lat, view.lon), zoom=view.zoom)


def _md_literal(text: str) -> str:
    """A name from a file or the geocoder, shown literally inside a Markdown label."""
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~:$])", r"\\\1", text)


def _spot(lat: object, lon: object) -> Spot | None:
    spot, _ = parse_place({"lat": lat, "lon": lon})
    return spot


# ---------------------------------------------------------------- where: a new position, the URL, this session

take_new_position()
spot, radius = parse_place(st.query_params)
if spot is None and isinstance(st.session_state.get(SPOT), Spot):
    # Back from another page: the navigation dropped the query string, this session still knows the place.
    spot = st.session_state[SPOT]
    st.query_params.update(place_params(spot, st.session_state.get(RADIUS, radius)))
elif spot is not None and spot != st.session_state.get(SPOT):
    # A shared link or an edited address bar: the URL wins.
    st.session_state[SPOT], st.session_state[LABEL] = spot, ""
    st.session_state[RADIUS] = radius
if RADIUS not in st.session_state or st.session_state[RADIUS] not in RADII:
    st.session_state[RADIUS] = radius
radius = st.session_state[RADIUS]
if st.session_state.get(SPOT):
    # One spelling per place in the address bar (r snapped, five decimals), so a copied link is clean.
    wanted = place_params(st.session_state[SPOT], radius)
    if any(st.query_params.get(k) != v for k, v in wanted.items()):
        st.query_params.update(wanted)

# ---------------------------------------------------------------- the page

st.html(f"<style>{PAGE_CSS}{CARD_CSS}</style>")
st.title(t("nav.near"))
demo_banner(data)
spot = st.session_state.get(SPOT)
found = nearby(data.registrations, spot, radius) if spot else None

if spot is None:
    st.write(t("near.intro"))
else:
    # The answer first: a shared link opens on what is measured there.
    # The label comes from the geocoder and the name from the neighbourhood file: both shown literally.
    if st.session_state.get(LABEL):
        st.text(t("near.place", place=st.session_state[LABEL]))
    st.html(f'<p class="zb-summary">{html.escape(summary_text(summarise_nearby(found, radius), lang))}</p>')
    st.caption(t("near.share"))
    where = neighbourhood_at(data.neighbourhoods, spot)
    if where:
        code, name = where
        with st.container(key="near-neighbourhood"):
            st.page_link("pages/buurt.py", label=t("near.neighbourhood", name=_md_literal(name)),
                         icon=":material/arrow_forward:", query_params={"code": code, "lang": lang}, width="stretch")

with st.form("near.search", clear_on_submit=False, border=False, enter_to_submit=True):
    st.text_input(t("near.search.label"), key=QUERY, placeholder=t("near.search.placeholder"),
                  max_chars=120, autocomplete="street-address")
    st.form_submit_button(t("near.search.button"), on_click=on_search, icon=":material/search:", width="stretch")
geolocation_button(LOCATE, label=t("near.locate.label"), busy=t("near.locate.busy"), denied=t("near.locate.denied"),
                   unavailable=t("near.locate.unavailable"), timeout=t("near.locate.timeout"),
                   unsupported=t("near.locate.unsupported"), lang=lang)
notice = st.session_state.pop(NOTICE, None)
if notice:
    st.warning(notice, icon=":material/info:")
if st.session_state.get(SUGGESTIONS):
    st.caption(t("near.search.others"))
    for place_id, label in st.session_state[SUGGESTIONS]:
        st.button(_md_literal(label), key=f"near.pick.{place_id}", on_click=on_pick, args=(place_id,),
                  width="stretch")

st.segmented_control(t("near.radius"), options=list(RADII), key=RADIUS, required=True,
                     format_func=lambda r: f"{r} m", on_change=on_radius)
if spot is None:
    st.info(t("near.pick"), icon=":material/touch_app:")
st.caption(t("near.map.hint"))
draw_map(spot, radius, found)

if found is not None and len(found):
    st.subheader(t("near.list"), anchor=False)
    shown = st.session_state.get(SHOWN, PAGE)
    st.html("".join(card_html(card(row, lang)) for _, row in found.head(shown).iterrows()))
    if len(found) > shown:
        st.button(t("near.more", shown=shown, total=len(found)), key="near.more", on_click=on_more, width="stretch")

st.caption(t("near.privacy"))
