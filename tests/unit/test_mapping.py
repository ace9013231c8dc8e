"""geo.mapping: compact registrations layer, local assets, base maps, legend and the escaped detail card."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geo.mapping import (
    PURPOSE_COLOURS,
    TILES,
    area_fragments,
    build_map,
    fit_view,
    icon_svg,
    id_from_tooltip,
    js_literal,
    legend_html,
    neighbourhood_outlines,
    point_fragments,
    registration_card,
    registrations_group,
    registrations_payload,
)
from geo.text import text
from geo.viewstate import MapView

ASSETS = "../ui.assets.zb_assets"
XSS = '<img src=x onerror="window.__xss=1">'


@pytest.fixture
def reg() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({
        "id": ["CAM_1", XSS, "SCAN-3"],
        "name": ["Camera", XSS, "Scanauto"],
        "sensor_type": ["camera", "air", "anpr"],
        "purpose": ["safety|traffic", "environment", "parking"],
        "direction": [90.0, float("nan"), float("nan")],
        "field_of_view": [float("nan"), float("nan"), float("nan")],
        "range_m": [25.0, float("nan"), float("nan")],
    }, geometry=[Point(4.9, 52.37), Point(4.91, 52.38), box(4.89, 52.36, 4.895, 52.365)], crs="EPSG:4326")


def payload_of(fragment: str) -> list:
    return json.loads(fragment)


def test_js_literal_is_json_with_risky_characters_escaped() -> None:
    text = js_literal({"a": "x_y{{'z'}}</script>&'"})
    assert not re.search(r"[_{}<>&']", text.replace('{"a":', "").rstrip("}"))
    assert json.loads(text) == {"a": "x_y{{'z'}}</script>&'"}


def test_point_fragment_holds_coordinates_type_purpose_id(reg) -> None:
    lat, lon, t, p, rid, *cone = payload_of(point_fragments(reg)[0])
    assert (lat, lon, rid) == (52.37, 4.9, "CAM_1")
    assert (t, p) == (0, 0)  # camera, safety (its first purpose)
    assert cone == [90, 60, 25]  # direction, default field of view, range


def test_point_fragment_keeps_hostile_ids_as_data(reg) -> None:
    fragment = point_fragments(reg)[1]
    assert "<" not in fragment
    assert payload_of(fragment)[4] == XSS
    assert len(payload_of(fragment)) == 5  # no cone for an air sensor


def test_area_is_placed_at_a_point_inside_it(reg) -> None:
    lat, lon = payload_of(point_fragments(reg)[2])[:2]
    assert box(4.89, 52.36, 4.895, 52.365).contains(Point(lon, lat))


def test_area_fragments_only_for_areas(reg) -> None:
    frags = area_fragments(reg)
    assert frags[0] == ""
    assert frags[1] == ""
    t, _p, rid, geometry = payload_of(frags[2])
    assert (t, rid, geometry["type"]) == (1, "SCAN-3", "Polygon")


def test_payload_keeps_only_the_masked_registrations(reg) -> None:
    payload = json.loads(registrations_payload(point_fragments(reg), area_fragments(reg),
                                               np.array([True, False, True])))
    assert [p[4] for p in payload["p"]] == ["CAM_1", "SCAN-3"]
    assert len(payload["a"]) == 1


def test_payload_of_nothing_is_empty(reg) -> None:
    payload = registrations_payload(point_fragments(reg), area_fragments(reg), np.zeros(3, dtype=bool))
    assert json.loads(payload) == {"p": [], "a": []}


def test_rd_registrations_are_sent_in_wgs84(reg) -> None:
    lat, lon = payload_of(point_fragments(reg.to_crs("EPSG:28992"))[0])[:2]
    assert (round(lat, 5), round(lon, 5)) == (52.37, 4.9)


def render(m) -> str:
    return m.get_root().render()


def test_map_loads_leaflet_and_plugins_from_the_app_only() -> None:
    m = build_map(assets=ASSETS, lang="nl", view=MapView(52.37, 4.9, 13), legend=legend_html("nl"))
    html = render(m)
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(s.startswith(ASSETS + "/") for s in sources), sources
    assert not re.search(r"cdn|jquery|bootstrap|font-awesome|awesome-markers", html, re.IGNORECASE)


def test_streamlit_folium_gets_only_local_script_and_style_links(reg) -> None:
    from streamlit_folium import _get_feature_group_string

    m = build_map(assets=ASSETS, lang="nl", view=MapView(52.37, 4.9, 13))
    group = registrations_group(registrations_payload(point_fragments(reg), area_fragments(reg)),
                                assets=ASSETS, lang="nl")
    _get_feature_group_string(group, m)
    links = []

    def walk(el):
        links.extend(src for _, src in getattr(el, "default_js", []) + getattr(el, "default_css", []))
        for child in getattr(el, "_children", {}).values():
            walk(child)

    walk(m)
    assert {link.rsplit("/", 1)[1] for link in links} >= {"leaflet.js", "supercluster.min.js", "zb_map.js"}
    assert all(link.startswith(ASSETS + "/") for link in links)


def test_data_survives_streamlit_folium_renaming_its_variables(reg) -> None:
    from streamlit_folium import _get_feature_group_string

    m = build_map(assets=ASSETS, lang="nl", view=MapView(52.37, 4.9, 13))
    group = registrations_group(registrations_payload(point_fragments(reg), area_fragments(reg)),
                                assets=ASSETS, lang="nl")
    script = _get_feature_group_string(group, m)
    data = re.search(r"L\.zbRegistrations\(\s*(\{.*?\}),\s*\{", script, re.DOTALL).group(1)
    assert [p[4] for p in json.loads(data)["p"]] == ["CAM_1", XSS, "SCAN-3"]


def shown_tiles(html: str) -> list[str]:
    """The URLs of the tile layers that the map adds at once (the others wait in the layer control)."""
    layers = dict(re.findall(r'var (tile_layer_\w+) = L\.tileLayer\(\s*"([^"]+)"', html))
    return [url for name, url in layers.items() if f"{name}.addTo(" in html]


@pytest.mark.parametrize(("base", "shown"), [("brt", "service.pdok.nl"), ("osm", "tile.openstreetmap.org")])
def test_chosen_base_map_is_shown_first(base: str, shown: str) -> None:
    html = render(build_map(assets=ASSETS, lang="nl", view=MapView(52.37, 4.9, 13), base=base))
    urls = shown_tiles(html)
    assert len(urls) == 1
    assert shown in urls[0]


def test_no_tiles_adds_no_tile_layer_to_the_map() -> None:
    html = render(build_map(assets=ASSETS, lang="nl", view=MapView(52.37, 4.9, 13), base="none"))
    assert shown_tiles(html) == []
    assert "Geen achtergrond" in html  # still offered in the layer control


def test_pdok_base_map_credits_kadaster() -> None:
    assert "Kadaster" in text(TILES["brt"][1], "nl") and "Kadaster" in text(TILES["brt"][1], "en")
    assert "service.pdok.nl/brt/achtergrondkaart" in TILES["brt"][0]


def test_neighbourhood_borders_are_a_layer_that_does_not_take_clicks() -> None:
    nb = gpd.GeoDataFrame({"code": ["BU1"], "name": [XSS]}, geometry=[box(4.9, 52.3, 4.91, 52.31)],
                          crs="EPSG:4326")
    html = render(build_map(assets=ASSETS, lang="nl", view=MapView(52.37, 4.9, 13),
                            outlines=neighbourhood_outlines(nb)))
    assert '"interactive": false' in html
    assert "onerror" not in html


def test_legend_shows_every_type_and_purpose() -> None:
    html = legend_html("en")
    assert html.count("<svg") >= 13 + 4
    assert all(colour in html for colour in PURPOSE_COLOURS.values())


def test_legend_shows_exactly_the_colours_and_shapes_the_map_draws() -> None:
    """Icons are coloured by their first purpose: a second purpose has no colour on the map, nor in the legend."""
    reg = pd.DataFrame({"sensor_type": ["camera", "camera", "air"],
                        "purpose": ["safety|traffic", "safety", "environment|research"]})
    html = legend_html("en", reg)
    assert [c for c, colour in PURPOSE_COLOURS.items() if f"background:{colour}" in html] == ["safety", "environment"]
    assert html.count("<svg") == 2 + 4  # camera and air-quality sensor, then cone, area, cluster, border
    assert "Traffic and mobility" not in html


def test_legend_escapes_register_words() -> None:
    html = legend_html("en", pd.DataFrame({"sensor_type": ["<b>spy</b>"], "purpose": ["<i>x</i>"]}))
    assert "<b>" not in html and "<i>" not in html
    assert "Other" in html


def test_each_sensor_type_has_its_own_icon() -> None:
    from geo.codes import codes

    icons = {icon_svg(c, "#000") for c in codes("sensor_type")}
    assert len(icons) == len(codes("sensor_type"))


def test_tooltip_text_gives_the_id_back() -> None:
    assert id_from_tooltip("Camera · CAM · 1") == "CAM · 1"
    assert id_from_tooltip("") is None


@pytest.mark.parametrize(("bounds", "zoom"), [((4.85, 52.35, 4.95, 52.40), 13), ((4.0, 51.0, 7.0, 53.5), 7)])
def test_fit_view_fits_the_bounds(bounds, zoom) -> None:
    assert fit_view(bounds).zoom == zoom


def test_fit_view_of_nothing_shows_the_netherlands() -> None:
    assert fit_view((np.nan, np.nan, np.nan, np.nan)) == MapView(52.1, 5.3, 7)


def card(**fields) -> str:
    record = {"id": "X", "sensor_type": "camera", "purpose": "safety", "personal_data": True} | fields
    return registration_card(record, "nl")


def test_card_escapes_every_text() -> None:
    html = card(name=XSS, description=XSS, owner=XSS, legal_reference=XSS, retention=XSS, id=XSS)
    assert "<img" not in html
    assert html.count("&lt;img") >= 4


def test_card_links_only_http_urls_with_noopener() -> None:
    html = card(privacy_statement_url="https://example.org/privacy", algorithm_register_url="javascript:alert(1)",
                council_decision="https://example.org/besluit?a=1&b=2")
    assert html.count('target="_blank" rel="noopener noreferrer"') == 2
    assert 'href="javascript' not in html
    assert "javascript:alert(1) (geen geldig webadres, daarom geen link)" in html
    assert 'href="https://example.org/besluit?a=1&amp;b=2"' in html


def test_card_shows_labels_dates_and_unknowns() -> None:
    html = card(legal_basis="public_task", active_from=pd.Timestamp("2025-03-01"), retention_days=28.0,
                direction=100.0, range_m=float("nan"))
    assert "Publieke taak (AVG artikel 6 lid 1 onder e)" in html
    assert "Vanaf 1 maart 2025" in html
    assert "28 dagen" in html
    # east, the default field of view and the camera's default range
    assert "100° (oost), kijkhoek 60°, tot ongeveer 50 meter" in html
    assert "Niet opgegeven" in html  # e.g. no owner given


def test_card_marks_biometric_processing() -> None:
    assert "<strong>Het verwerkt biometrische gegevens, zoals gezichten.</strong>" in card(biometric=True)


def test_map_lets_people_zoom_the_page() -> None:
    """folium's default viewport tag forbids zooming (WCAG 1.4.4); ours must not."""
    import folium as _folium

    from geo.mapping import LocalMap

    m = LocalMap("/assets", location=[52.47, 5.55], zoom_start=13, tiles=None)
    _folium.Figure().add_child(m)
    html_text = m.get_root().render()
    assert "user-scalable=no" not in html_text
    assert 'name="viewport"' in html_text
