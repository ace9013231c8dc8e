"""Near-me's moving parts: where the chosen spot comes from (the URL, an address search, the device's location, a
tap on the map), kept in this session only, and the map around it. pages/hier.py only puts them in order.

The spot lives in the URL (so that it can be shared) and in this session's memory; it is never logged or stored,
and an address goes only to the geocoder (PDOK's Locatieserver) when the resident searches.
"""

from __future__ import annotations

import re

import numpy as np
import streamlit as st
from streamlit_folium import st_folium

from geo.crs import in_nl
from geo.dataset import Dataset
from geo.geocode import GeocoderUnavailable, Place, lookup, search
from geo.mapping import build_map, fit_view, legend_html, registrations_group
from geo.nearby import looking_views, spot_group, spot_view
from geo.viewstate import DEFAULT_RADIUS, RADII, NearState, Spot
from ui import state
from ui.assets import ASSETS_URL
from ui.geolocation import geolocation_button
from ui.i18n import current_lang, t
from ui.loaders import layer_payload, register_legend

#: The map's height in pixels: the circle and some street around it on a phone, with the list in reach.
MAP_HEIGHT = 380
#: Cards shown at once; "show more" adds as many again (a phone scrolls through 20 comfortably).
PAGE = 20
# Session keys: short-lived UI state only (the place itself is in the URL).
SPOT, LABEL, NOTICE, SUGGESTIONS, SHOWN, RADIUS, QUERY, MAP, LOCATE, CHOSEN = (
    "near.spot", "near.label", "near.notice", "near.suggestions", "near.shown", "near.radius", "near.query",
    "near.map", "near.locate", "near.chosen")
#: Base maps offered here: the page promises that only PDOK (the geocoder's own service) sees where a resident
#: looks, so OpenStreetMap's tiles are not among them.
BASES = ("brt", "none")


def choose(spot: Spot | None, label: str = "") -> None:
    """Make `spot` the chosen place: in the URL to share it, in this session to come back to it."""
    ss = st.session_state
    if spot is None or not in_nl(spot.lat, spot.lon):
        ss[NOTICE] = t("near.outside")
        return
    ss[SPOT], ss[LABEL], ss[SHOWN], ss[CHOSEN] = spot, label, PAGE, True
    state.write_near(NearState(spot, ss.get(RADIUS, DEFAULT_RADIUS)))


def _found(place: Place | None) -> None:
    if place is None:
        st.session_state[NOTICE] = t("near.search.none")
    else:
        choose(Spot.rounded(place.lat, place.lon), place.label)


def on_search() -> None:
    """The search form's callback: the first place found is chosen, the others offered."""
    st.session_state[SUGGESTIONS] = []
    try:
        place, suggestions = search(st.session_state.get(QUERY, ""))
    except GeocoderUnavailable as exc:
        st.session_state[NOTICE] = exc.message(current_lang())
        return
    st.session_state[SUGGESTIONS] = [(s.id, s.label) for s in suggestions[1:]]
    _found(place)


def on_pick(place_id: str) -> None:
    try:
        _found(lookup(place_id))
    except GeocoderUnavailable as exc:
        st.session_state[NOTICE] = exc.message(current_lang())


def on_radius() -> None:
    ss = st.session_state
    ss[SHOWN] = PAGE
    if isinstance(ss.get(SPOT), Spot):
        state.write_near(NearState(ss[SPOT], ss[RADIUS]))


def on_more() -> None:
    st.session_state[SHOWN] = st.session_state.get(SHOWN, PAGE) + PAGE


def _take_new_position() -> None:
    """A position from the location button or a tap on the map, each taken once (their values persist)."""
    ss = st.session_state
    located = ss.get(LOCATE)
    if isinstance(located, dict) and located.get("at") != ss.get("near.located_seen"):
        ss["near.located_seen"] = located.get("at")
        ss[SUGGESTIONS] = []
        choose(Spot.of(located.get("lat"), located.get("lon")))
    clicked = (ss.get(MAP) or {}).get("last_clicked")
    if isinstance(clicked, dict) and clicked != ss.get("near.clicked_seen"):
        ss["near.clicked_seen"] = clicked
        ss[SUGGESTIONS] = []
        choose(Spot.of(clicked.get("lat"), clicked.get("lng")))


def where() -> tuple[Spot | None, int]:
    """The spot and radius of this run: a new position first, then the URL, then this session's memory."""
    ss = st.session_state
    _take_new_position()
    ss.pop(CHOSEN, None)
    url = state.near_state()
    if url.spot is not None and url.spot != ss.get(SPOT):
        # A shared link or an edited address bar: the URL wins.
        ss[SPOT], ss[LABEL], ss[RADIUS] = url.spot, "", url.radius
    if ss.get(RADIUS) not in RADII:
        ss[RADIUS] = url.radius
    spot = ss.get(SPOT) if isinstance(ss.get(SPOT), Spot) else None
    if spot is not None:
        # Back from another page (the navigation dropped the query string), or a link spelt another way:
        # one spelling per place in the address bar.
        state.write_near(NearState(spot, ss[RADIUS]))
    return spot, ss[RADIUS]


def place_search(lang: str) -> None:
    """The ways to a place: an address or postcode, the device's location, or (on near-me) a tap on the map."""
    with st.form("near.search", clear_on_submit=False, border=False, enter_to_submit=True):
        st.text_input(t("near.search.label"), key=QUERY, placeholder=t("near.search.placeholder"),
                      max_chars=120, autocomplete="street-address")
        st.form_submit_button(t("near.search.button"), on_click=on_search, icon=":material/search:",
                              width="stretch")
    geolocation_button(LOCATE, label=t("near.locate.label"), busy=t("near.locate.busy"),
                       denied=t("near.locate.denied"), unavailable=t("near.locate.unavailable"),
                       timeout=t("near.locate.timeout"), unsupported=t("near.locate.unsupported"), lang=lang)
    if st.session_state.get(SUGGESTIONS):
        st.caption(t("near.search.others"))
        for place_id, label in st.session_state[SUGGESTIONS]:
            st.button(md_literal(label), key=f"near.pick.{place_id}", on_click=on_pick, args=(place_id,),
                      width="stretch")


def open_when_chosen() -> None:
    """On the start page: once a place is chosen (an address found, the device's location), near-me opens there."""
    ss = st.session_state
    _take_new_position()
    if ss.pop(CHOSEN, False) and isinstance(ss.get(SPOT), Spot):
        st.switch_page(state.NEAR, query_params=state.near_link(NearState(ss[SPOT],
                                                                          ss.get(RADIUS, DEFAULT_RADIUS))))


def notice() -> str | None:
    """The message a callback left for this run (a place not found, a location outside the Netherlands)."""
    return st.session_state.pop(NOTICE, None)


def md_literal(text: str) -> str:
    """A name from a file or the geocoder, shown literally inside a Markdown label."""
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~:$])", r"\\\1", text)


def draw_map(data: Dataset, spot: Spot | None, radius: int, found) -> None:
    """The map: the register's icons within the circle, the circle, the spot; a tap chooses a new spot."""
    lang = current_lang()
    # The base map stays the same whatever the spot (the city's view), so the map's frame is not reloaded;
    # the spot moves it through `center` and `zoom`, and the layers are swapped in place. Its view is not
    # written into the address bar: there, the spot has its own names.
    home = fit_view(tuple(data.neighbourhoods.total_bounds), 360, MAP_HEIGHT)
    legend = legend_html(lang, found) if found is not None else register_legend(data, lang)
    base_map = build_map(assets=ASSETS_URL, lang=lang, view=home, height=MAP_HEIGHT, bases=BASES, url_sync=False,
                         legend=legend, fill=True, phone_share=0.5, cards=True)
    layers, view = [], home
    if spot is not None:
        mask = np.zeros(len(data.registrations), dtype=bool)
        mask[data.registrations.index.get_indexer(found.index)] = True
        # Within the circle every registration is its own icon, never a numbered group.
        layers = [registrations_group(layer_payload(data, mask), assets=ASSETS_URL, lang=lang, cluster=False),
                  spot_group(spot, radius, looking_views(found))]
        view = spot_view(spot, radius, 360, MAP_HEIGHT)
    st_folium(base_map, key=MAP, height=MAP_HEIGHT, use_container_width=True, returned_objects=["last_clicked"],
              feature_group_to_add=layers or None, center=(view.lat, view.lon), zoom=view.zoom)
