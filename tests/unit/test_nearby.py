"""Tests for geo.nearby: the radius query in RD New against geodesic distances, cones on hand-built cameras,
the URL pair, and the plain-language cards and summary in Dutch and English."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import Point, box

from geo.codes import codes, label
from geo.cones import reach
from geo.crs import rd_to_wgs84
from geo.join import to_rd
from geo.nearby import (
    NearbySummary,
    candidates,
    looking_views,
    nearby,
    neighbourhood_at,
    spot_group,
    spot_view,
    summarise_nearby,
)
from geo.nearby_text import card, card_html, retention_text, summary_text
from geo.schema import RD_NEW, WGS84
from geo.text import NBSP
from geo.viewstate import DEFAULT_RADIUS, RADII, NearState, Spot, format_near, parse_near, snap_radius

GEOD = Geod(ellps="WGS84")
#: Spots spread over the Netherlands, where RD New's scale error is largest away from Amersfoort.
SPOTS = {
    "amsterdam": Spot(52.37302, 4.89245),
    "maastricht": Spot(50.85045, 5.69087),
    "groningen": Spot(53.21917, 6.56667),
    "vlissingen": Spot(51.44247, 3.57359),
    "enschede": Spot(52.22153, 6.89365),
    "den_helder": Spot(52.95628, 4.76084),
}


def registrations(geoms: list, crs: str = WGS84, **columns: list) -> gpd.GeoDataFrame:
    """Registrations with the columns nearby and card read; `columns` override the defaults."""
    n = len(geoms)
    base: dict[str, list] = {
        "id": [f"R{i:03d}" for i in range(n)], "name": [f"Sensor {i}" for i in range(n)],
        "sensor_type": ["air"] * n, "purpose": ["environment"] * n, "data_types": ["environmental"] * n,
        "personal_data": [False] * n, "legal_basis": ["none"] * n, "legal_reference": [""] * n,
        "owner": ["Gemeente Voorbeeldstad"] * n, "contact": [""] * n, "privacy_statement_url": [""] * n,
        "retention": [""] * n, "retention_days": [np.nan] * n, "biometric": [False] * n, "status": ["active"] * n,
        "direction": [np.nan] * n, "field_of_view": [np.nan] * n, "range_m": [np.nan] * n, "description": [""] * n,
    }
    base.update(columns)
    return gpd.GeoDataFrame(base, geometry=geoms, crs=crs)


def plain(text: str) -> str:
    """The text with its non-breaking spaces (between a number and its unit) written as spaces."""
    return text.replace(NBSP, " ")


def at(spot: Spot, bearing: float, metres: float) -> Point:
    """The WGS84 point `metres` from `spot` along the geodesic with compass `bearing`."""
    lon, lat, _ = GEOD.fwd(spot.lon, spot.lat, bearing, metres)
    return Point(lon, lat)


def rd_point(x: float, y: float) -> Point:
    lon, lat = rd_to_wgs84(x, y)
    return Point(float(lon), float(lat))


def rd_spot(x: float, y: float) -> Spot:
    lon, lat = rd_to_wgs84(x, y)
    return Spot(float(lat), float(lon))


# ---------------------------------------------------------------- the radius query


@pytest.mark.parametrize("place", list(SPOTS))
def test_distances_are_within_a_metre_of_the_geodesic_distance(place: str) -> None:
    spot = SPOTS[place]
    metres = [3.0, 40.0, 99.0, 180.0, 249.0, 320.0, 499.0]
    bearings = [0.0, 37.0, 90.0, 145.0, 200.0, 270.0, 333.0]
    geoms = [at(spot, b, m) for m in metres for b in bearings]
    found = nearby(registrations(geoms), spot, 500)
    assert len(found) == len(geoms)
    lon, lat = shapely.get_x(found.geometry.array), shapely.get_y(found.geometry.array)
    _, _, geodesic = GEOD.inv(np.full(len(found), spot.lon), np.full(len(found), spot.lat), lon, lat)
    assert np.abs(found["distance_m"].to_numpy() - geodesic).max() < 1.0


@pytest.mark.parametrize("radius", RADII)
def test_only_registrations_within_the_radius_are_listed(radius: int) -> None:
    spot = SPOTS["amsterdam"]
    inside = [at(spot, 10.0 * i, radius - 2.0) for i in range(5)]
    outside = [at(spot, 10.0 * i, radius + 2.0) for i in range(5)]
    reg = registrations(inside + outside)
    found = nearby(reg, spot, radius)
    assert sorted(found["id"]) == sorted(reg["id"][:5])
    assert found["within"].all()


def test_the_list_is_ordered_nearest_first() -> None:
    spot = SPOTS["groningen"]
    metres = [300.0, 12.0, 150.0, 75.0, 220.0]
    found = nearby(registrations([at(spot, 60.0, m) for m in metres]), spot, 500)
    assert found["distance_m"].is_monotonic_increasing
    assert list(found["id"]) == ["R001", "R003", "R002", "R004", "R000"]


def test_registrations_in_another_crs_are_measured_in_rd_new() -> None:
    spot = rd_spot(155_000, 463_000)
    reg = registrations([Point(155_120, 463_000), Point(155_000, 462_700)], crs=RD_NEW)
    found = nearby(reg, spot, 250)
    assert list(found["id"]) == ["R000"]
    assert found["distance_m"].iloc[0] == pytest.approx(120, abs=0.05)


def test_precomputed_rd_geometries_give_the_same_answer() -> None:
    from geo.join import to_rd

    spot = SPOTS["enschede"]
    reg = registrations([at(spot, b, 80.0 + b) for b in range(0, 360, 30)])
    assert nearby(reg, spot, 250, to_rd(reg)).equals(nearby(reg, spot, 250))


def test_misaligned_rd_geometries_are_refused() -> None:
    spot = SPOTS["enschede"]
    reg = registrations([at(spot, 0, 10.0)])
    with pytest.raises(ValueError, match="aligned"):
        nearby(reg, spot, 250, np.array([], dtype=object))


def test_an_empty_register_lists_nothing() -> None:
    found = nearby(registrations([]), SPOTS["amsterdam"], 250)
    assert found.empty
    assert plain(summary_text(summarise_nearby(found, 250), "nl")) == "Binnen 250 m staat niets in het register."


def test_an_area_that_covers_the_spot_is_listed_at_distance_zero() -> None:
    spot = rd_spot(155_000, 463_000)
    area = shapely.transform(box(154_000, 462_000, 156_000, 464_000),
                             lambda xy: np.column_stack(rd_to_wgs84(xy[:, 0], xy[:, 1])))
    found = nearby(registrations([area], sensor_type=["anpr"]), spot, 100)
    assert found["covers_spot"].tolist() == [True]
    assert found["distance_m"].tolist() == [0.0]
    assert found["is_area"].tolist() == [True]
    assert card(found.iloc[0], "nl").callout == "Deze plek ligt in het gebied waar deze sensor werkt."


def test_an_area_is_measured_to_its_nearest_edge() -> None:
    spot = rd_spot(155_000, 463_000)
    to_wgs = lambda xy: np.column_stack(rd_to_wgs84(xy[:, 0], xy[:, 1]))  # noqa: E731
    near = shapely.transform(box(155_120, 462_000, 156_000, 464_000), to_wgs)
    far = shapely.transform(box(155_300, 462_000, 156_000, 464_000), to_wgs)
    found = nearby(registrations([near, far]), spot, 250)
    assert list(found["id"]) == ["R000"]
    assert found["distance_m"].iloc[0] == pytest.approx(120, abs=0.1)
    assert not found["covers_spot"].iloc[0]


# ---------------------------------------------------------------- "this camera looks at this spot"


SPOT_XY = (155_000.0, 463_000.0)


def camera_at(dx: float, dy: float, direction: float, fov: float = 60.0, range_m: float = 50.0,
              sensor_type: str = "camera") -> dict:
    return {"x": SPOT_XY[0] + dx, "y": SPOT_XY[1] + dy, "direction": direction, "fov": fov, "range": range_m,
            "type": sensor_type}


def cameras_frame(cameras: list[dict]) -> gpd.GeoDataFrame:
    return registrations([Point(c["x"], c["y"]) for c in cameras], crs=RD_NEW,
                         sensor_type=[c["type"] for c in cameras], direction=[c["direction"] for c in cameras],
                         field_of_view=[c["fov"] for c in cameras], range_m=[c["range"] for c in cameras])


def looks(cameras: list[dict], radius: int = 250) -> gpd.GeoDataFrame:
    return nearby(cameras_frame(cameras), rd_spot(*SPOT_XY), radius)


@pytest.mark.parametrize(("camera", "expected"), [
    (camera_at(0, -30, 0), True),                       # 30 m south, facing north
    (camera_at(0, -30, 180), False),                    # facing away
    (camera_at(0, -30, 0, range_m=20), False),          # does not reach
    (camera_at(-30, 0, 90), True),                      # west of the spot, facing east
    (camera_at(-30, 0, 90 + 40), False),                # 40° off its axis with a 60° cone
    (camera_at(-30, 0, 90 + 40, fov=90), True),         # ... but inside a 90° cone
    (camera_at(30, 30, 225), True),                     # north-east, facing south-west
    (camera_at(30, 30, 225, sensor_type="anpr"), True),  # a licence-plate camera too
    (camera_at(0, -30, 0, sensor_type="sound"), False),  # a sound sensor has no view cone
], ids=["facing", "away", "short", "east", "off_axis", "wide", "diagonal", "anpr", "not_a_camera"])
def test_a_camera_looks_here_when_its_cone_covers_the_spot(camera: dict, expected: bool) -> None:
    found = looks([camera])
    assert found["looks_here"].tolist() == [expected]
    assert not found["may_look_here"].any()


def test_a_camera_farther_than_the_radius_that_looks_here_is_listed() -> None:
    found = looks([camera_at(0, -150, 0, range_m=200), camera_at(0, -150, 180, range_m=200)], radius=100)
    assert found["id"].tolist() == ["R000"]
    assert found["looks_here"].tolist() == [True]
    assert found["within"].tolist() == [False]
    summary = summarise_nearby(found, 100)
    assert (summary.total, summary.looking_here, summary.looking_farther) == (0, 1, 1)


def test_a_camera_without_direction_may_look_when_the_spot_is_within_its_range() -> None:
    found = looks([camera_at(0, -30, np.nan), camera_at(0, -80, np.nan)])
    assert found["may_look_here"].tolist() == [True, False]
    assert not found["looks_here"].any()
    assert "kijkrichting is niet bekend" in card(found.iloc[0], "nl").callout


def test_a_camera_that_looks_here_comes_first_among_equal_distances() -> None:
    found = looks([camera_at(0, -30, 180), camera_at(0, 30, 180)])
    assert found["id"].tolist() == ["R001", "R000"]


def test_the_cones_of_cameras_that_look_here_are_drawn_in_wgs84_around_the_spot() -> None:
    found = looks([camera_at(0, -30, 0), camera_at(0, 60, 0), camera_at(-30, 0, np.nan)])
    views = looking_views(found)
    assert views.crs == WGS84
    assert sorted(views["id"]) == ["R000", "R002"]
    spot = rd_spot(*SPOT_XY)
    assert shapely.covers(views.geometry.array, shapely.points(spot.lon, spot.lat)).all()


def test_no_looking_camera_gives_an_empty_layer() -> None:
    assert looking_views(looks([camera_at(0, -30, 180)])).empty


def test_the_candidates_are_those_within_the_radius_and_the_cameras_within_their_range() -> None:
    reg = cameras_frame([camera_at(0, -150, 0, range_m=200), camera_at(0, -150, 180, range_m=120),
                         camera_at(0, -90, 0, range_m=200, sensor_type="sound"), camera_at(0, -40, 0)])
    x, y = rd_spot(*SPOT_XY).rd
    rd = to_rd(reg)
    assert candidates(rd, reach(reg, rd), x, y, 50).tolist() == [0, 3]


def test_looking_only_at_the_candidates_gives_the_same_list() -> None:
    cameras = [camera_at(dx, dy, direction, range_m=rng) for dx, dy, direction, rng in
               [(0, -150, 0, 200), (0, -150, 180, 200), (-30, 0, np.nan, 40), (25, 25, 225, 60), (0, 300, 180, 20)]]
    reg = pd.concat([cameras_frame(cameras), registrations([at(rd_spot(*SPOT_XY), b, 30.0 + b) for b in
                                                            range(0, 360, 45)], crs=WGS84).to_crs(RD_NEW)],
                    ignore_index=True)
    spot = rd_spot(*SPOT_XY)
    rd = to_rd(reg)
    for radius in (25, 100, 250):
        found = nearby(reg, spot, radius, candidates=candidates(rd, reach(reg, rd), *spot.rd, radius))
        assert found.equals(nearby(reg, spot, radius))
        assert found["looks_here"].any()


# ---------------------------------------------------------------- the URL


@pytest.mark.parametrize(("query", "spot", "radius"), [
    ({"lat": "52.47", "lon": "5.55", "r": "250"}, Spot(52.47, 5.55), 250),
    ({"lat": " 52,47 ", "lon": "5,55", "r": "100"}, Spot(52.47, 5.55), 100),
    ({"lat": "52.4712345678", "lon": "5.5512345678"}, Spot(52.47123, 5.55123), DEFAULT_RADIUS),
    ({"lat": ["1", "52.47"], "lon": ["5.55"], "r": ["100", "500"]}, Spot(52.47, 5.55), 500),
    ({"lat": "52.47", "lon": "5.55", "r": "300"}, Spot(52.47, 5.55), 250),
    ({"lat": "52.47", "lon": "5.55", "r": "10000"}, Spot(52.47, 5.55), 500),
    ({"lat": "52.47", "lon": "5.55", "r": "<script>"}, Spot(52.47, 5.55), DEFAULT_RADIUS),
    ({"lat": "abc", "lon": "5.55", "r": "100"}, None, 100),
    ({"lat": "inf", "lon": "5.55"}, None, DEFAULT_RADIUS),
    ({"lat": "52.47"}, None, DEFAULT_RADIUS),
    ({"lat": "5.55", "lon": "52.47"}, None, DEFAULT_RADIUS),  # swapped: not in the Netherlands
    ({"lat": "40.71", "lon": "-74.0"}, None, DEFAULT_RADIUS),
    ({}, None, DEFAULT_RADIUS),
], ids=["plain", "comma", "rounded", "lists", "snap_down", "snap_max", "junk_r", "junk_lat", "inf", "half",
        "swapped", "abroad", "empty"])
def test_the_url_is_parsed_robustly(query: dict, spot: Spot | None, radius: int) -> None:
    """Links from before the spot had names of its own (lat, lon) still open the same place."""
    assert parse_near(query) == NearState(spot, radius)
    renamed = {{"lat": "spot_lat", "lon": "spot_lon"}.get(k, k): v for k, v in query.items()}
    assert parse_near(renamed) == NearState(spot, radius)


@pytest.mark.parametrize(("value", "expected"), [
    (100, 100), ("100", 100), (174, 100), (176, 250), (375, 250), (376, 500), (0, 100), ("", DEFAULT_RADIUS),
    (None, DEFAULT_RADIUS), (True, DEFAULT_RADIUS),
])
def test_the_radius_snaps_to_an_allowed_one(value: object, expected: int) -> None:
    assert snap_radius(value) == expected


@pytest.mark.parametrize("radius", RADII)
def test_a_shared_link_opens_the_same_place_and_radius(radius: int) -> None:
    spot = Spot.rounded(52.4712345, 5.5512345)
    link = format_near(NearState(spot, radius))
    assert set(link) == {"spot_lat", "spot_lon", "r"}
    assert parse_near(link) == NearState(spot, radius)


# ---------------------------------------------------------------- the neighbourhood


def test_the_spot_lies_in_the_neighbourhood_that_contains_it() -> None:
    nb = gpd.GeoDataFrame({"code": ["BU02", "BU01"], "name": ["Oost", "West"]},
                          geometry=[box(155_000, 462_000, 156_000, 464_000), box(154_000, 462_000, 155_000, 464_000)],
                          crs=RD_NEW)
    assert neighbourhood_at(nb, rd_spot(155_500, 463_000)) == ("BU02", "Oost")
    assert neighbourhood_at(nb, rd_spot(154_500, 463_000)) == ("BU01", "West")
    assert neighbourhood_at(nb, rd_spot(150_000, 463_000)) is None


def test_the_neighbourhood_found_near_its_box_is_the_one_found_among_all(realdata) -> None:
    from geo.neighbourhoods import read_neighbourhoods

    nb = read_neighbourhoods(realdata / "amsterdam_buurten_gebieden_api.geojson")
    corners = shapely.get_coordinates(nb.geometry.iloc[:40].to_numpy())[::9]  # spots on borders: the lowest code
    rng = np.random.default_rng(5)
    minx, miny, maxx, maxy = nb.total_bounds
    spots = [Spot(y, x) for x, y in corners] + [Spot(rng.uniform(miny - 0.01, maxy + 0.01),
                                                     rng.uniform(minx - 0.01, maxx + 0.01)) for _ in range(100)]
    polygons = to_rd(nb)
    found = [neighbourhood_at(nb, s) for s in spots]
    assert found == [neighbourhood_at(nb, s, polygons) for s in spots]
    assert sum(f is None for f in found) >= 5


def test_a_neighbourhood_without_a_name_is_shown_by_its_code() -> None:
    nb = gpd.GeoDataFrame({"code": ["BU01"], "name": [None]}, geometry=[box(154_000, 462_000, 156_000, 464_000)],
                          crs=RD_NEW)
    assert neighbourhood_at(nb, rd_spot(155_000, 463_000)) == ("BU01", "BU01")


# ---------------------------------------------------------------- the cards


ISSUE_CAMERA = {
    "id": "C1", "name": "Camera Markt", "sensor_type": "camera", "owner": "Gemeente Voorbeeldstad",
    "distance_m": 40.4, "purpose": "safety", "data_types": "images_identifiable", "retention": "28 dagen",
    "personal_data": True, "legal_basis": "public_task", "legal_reference": "Gemeentewet art. 151c",
    "contact": "privacy@voorbeeldstad.example", "status": "active", "looks_here": True,
    "privacy_statement_url": "https://voorbeeldstad.example/privacy",
}


def test_the_card_of_the_issue_reads_as_the_issue_says_in_dutch() -> None:
    text = plain(card(ISSUE_CAMERA, "nl").text())
    assert text == ("Camera van Gemeente Voorbeeldstad, 40 m. Deze camera kijkt naar deze plek. "
                    "Doel: openbare orde en veiligheid. Verzamelt herkenbare beelden en bewaart ze 28 dagen. "
                    "Verzamelt gegevens over mensen. Waarom dat mag: publieke taak (Gemeentewet art. 151c). "
                    "Vragen? privacy@voorbeeldstad.example")


def test_the_card_of_the_issue_reads_well_in_english() -> None:
    text = plain(card(ISSUE_CAMERA, "en").text())
    assert text == ("Camera of Gemeente Voorbeeldstad, 40 m away. This camera looks at this spot. "
                    "Purpose: public order and safety. Collects identifiable images and keeps them for 28 days. "
                    "Collects data about people. Why that is allowed: public task (Gemeentewet art. 151c). "
                    "Questions? privacy@voorbeeldstad.example")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_distance_never_breaks_between_number_and_unit(lang: str) -> None:
    assert f"40{NBSP}m" in card(ISSUE_CAMERA, lang).headline
    assert f"250{NBSP}m" in summary_text(NearbySummary(250, {"camera": 1}, 1, 1, 0, 0, 0, 0), lang)


def test_the_card_links_the_contact_and_the_privacy_statement() -> None:
    c = card(ISSUE_CAMERA, "nl")
    assert c.contact_href == "mailto:privacy@voorbeeldstad.example"
    assert c.privacy_statement_url == "https://voorbeeldstad.example/privacy"


@pytest.mark.parametrize("sensor_type", codes("sensor_type"))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_sensor_type_is_named_by_its_code_list_label(sensor_type: str, lang: str) -> None:
    c = card({**ISSUE_CAMERA, "sensor_type": sensor_type, "looks_here": False}, lang)
    assert c.headline.startswith(label("sensor_type", sensor_type, lang) + (" van " if lang == "nl" else " of "))


def test_several_data_types_get_two_short_sentences() -> None:
    row = {**ISSUE_CAMERA, "data_types": "licence_plates|images_identifiable|location", "retention": "2 dagen"}
    assert card(row, "nl").sentences[1] == ("Verzamelt kentekens, herkenbare beelden en locatiegegevens. "
                                            "Bewaart ze 2 dagen.")
    assert card(row, "en").sentences[1] == ("Collects licence plates, identifiable images and location data. "
                                            "Keeps them for 2 days.")


def test_a_sensor_without_personal_data_says_so() -> None:
    row = {**ISSUE_CAMERA, "personal_data": False, "legal_basis": "none", "looks_here": False}
    assert "Verzamelt geen gegevens over mensen." in card(row, "nl").sentences
    assert "Collects no data about people." in card(row, "en").sentences


def test_an_unknown_legal_basis_is_shown_as_unknown_never_guessed() -> None:
    row = {**ISSUE_CAMERA, "legal_basis": "unknown", "legal_reference": ""}
    assert "Verzamelt gegevens over mensen. Waarom dat mag: onbekend." in card(row, "nl").sentences


@pytest.mark.parametrize(("status", "nl", "en"), [
    ("planned", "Gepland: meet nog niet.", "Planned: not measuring yet."),
    ("inactive", "Niet meer actief.", "No longer active."),
])
def test_a_card_says_when_a_sensor_does_not_measure_now(status: str, nl: str, en: str) -> None:
    row = {**ISSUE_CAMERA, "status": status}
    assert nl in card(row, "nl").warnings
    assert en in card(row, "en").warnings


def test_biometrics_are_flagged_on_the_card() -> None:
    assert "biometrische" in card({**ISSUE_CAMERA, "biometric": True}, "nl").warnings[0]


def test_register_text_is_kept_literally_on_the_card() -> None:
    hostile = '<img src=x onerror="window.__xss=1">'
    c = card({**ISSUE_CAMERA, "owner": hostile, "name": "=HYPERLINK()", "contact": "javascript:alert(1)"}, "nl")
    assert hostile in c.headline
    assert c.name == "=HYPERLINK()"
    assert c.contact_href is None


@pytest.mark.parametrize(("retention", "days", "lang", "expected"), [
    ("28 dagen", None, "nl", "28 dagen"),
    ("28 dagen", None, "en", "28 days"),
    ("1 jaar", None, "en", "1 year"),
    ("5 jaar", None, "en", "5 years"),
    ("24 uur", None, "en", "24 hours"),
    ("7 days", None, "nl", "7 dagen"),
    ("", 1.0, "nl", "1 dag"),
    ("", 30.0, "en", "30 days"),
    ("tot het onderzoek klaar is", None, "en", "tot het onderzoek klaar is"),
    ("", None, "nl", ""),
])
def test_retention_is_translated_when_it_is_a_plain_duration(retention: str, days: float | None, lang: str,
                                                            expected: str) -> None:
    assert retention_text(retention, days, lang) == expected


def test_a_retention_that_is_not_a_duration_gets_its_own_sentence() -> None:
    row = {**ISSUE_CAMERA, "retention": "tot het onderzoek klaar is"}
    assert card(row, "nl").sentences[1] == "Verzamelt herkenbare beelden. Hoe lang bewaard: tot het onderzoek klaar is."


# ---------------------------------------------------------------- the summary


@pytest.mark.parametrize(("counts", "personal", "lang", "expected"), [
    ({"camera": 3, "air": 2, "wifi_bluetooth": 1}, 4, "nl",
     "Binnen 250 m staan 6 sensoren en camera's: 3 camera's, 2 luchtkwaliteitsensoren en 1 wifi- of bluetoothteller. "
     "4 daarvan verwerken persoonsgegevens."),
    ({"camera": 3, "air": 2, "wifi_bluetooth": 1}, 4, "en",
     "Within 250 m there are 6 sensors and cameras: 3 cameras, 2 air-quality sensors and 1 WiFi or Bluetooth counter. "
     "4 of them process personal data."),
    ({"camera": 1}, 1, "nl", "Binnen 250 m staat 1 sensor of camera: 1 camera. Die verwerkt persoonsgegevens."),
    ({"camera": 1}, 1, "en", "Within 250 m there is 1 sensor or camera: 1 camera. It processes personal data."),
    ({"sound": 2}, 0, "nl", "Binnen 250 m staan 2 sensoren en camera's: 2 geluidsensoren. "
                            "Geen daarvan verwerkt persoonsgegevens."),
    ({"anpr": 2, "other": 1}, 0, "en", "Within 250 m there are 3 sensors and cameras: 2 licence-plate cameras and "
                                       "1 other sensor. None of them process personal data."),
    ({"fill_level": 1200}, 0, "nl", "Binnen 250 m staan 1.200 sensoren en camera's: 1.200 vulgraadsensoren. "
                                    "Geen daarvan verwerkt persoonsgegevens."),
    ({"camera": 5, "air": 4, "sound": 3, "water": 2, "energy": 1}, 15, "en",
     "Within 250 m there are 15 sensors and cameras: 5 cameras, 4 air-quality sensors, 3 sound sensors and 3 others. "
     "All 15 process personal data."),
], ids=["issue_nl", "issue_en", "one_nl", "one_en", "none_personal", "other_en", "thousands", "grouped"])
def test_the_summary_counts_with_the_right_plurals(counts: dict, personal: int, lang: str, expected: str) -> None:
    summary = NearbySummary(250, counts, sum(counts.values()), personal, 0, 0, 0, 0)
    assert plain(summary_text(summary, lang)) == expected


@pytest.mark.parametrize(("looking", "lang", "expected"), [
    (1, "nl", "1 camera kijkt naar deze plek."),
    (2, "nl", "2 camera's kijken naar deze plek."),
    (1, "en", "1 camera looks at this spot."),
    (2, "en", "2 cameras look at this spot."),
])
def test_the_summary_calls_out_the_cameras_that_look_here(looking: int, lang: str, expected: str) -> None:
    summary = NearbySummary(100, {"camera": 2}, 2, 2, 0, 0, looking, 0)
    assert summary_text(summary, lang).endswith(expected)


def test_inactive_registrations_are_not_counted_but_mentioned() -> None:
    spot = SPOTS["amsterdam"]
    reg = registrations([at(spot, 0, 10), at(spot, 90, 20), at(spot, 180, 30)],
                        status=["active", "inactive", "planned"], sensor_type=["air", "air", "camera"],
                        personal_data=[False, False, True])
    summary = summarise_nearby(nearby(reg, spot, 100), 100)
    assert summary.by_sensor_type == {"air": 1, "camera": 1}
    assert (summary.total, summary.inactive, summary.planned, summary.personal_data) == (2, 1, 1, 1)
    text = summary_text(summary, "nl")
    assert "1 daarvan is gepland en meet nog niet." in text
    assert text.endswith("Er staat ook 1 registratie die niet meer actief is.")
    assert summary_text(summary, "en").endswith("There is also 1 registration that is no longer active.")


def test_the_summary_types_are_ordered_largest_first() -> None:
    found = pd.DataFrame({"sensor_type": ["air", "camera", "camera", "sound"], "status": ["active"] * 4,
                          "personal_data": [False] * 4, "within": [True] * 4, "looks_here": [False] * 4,
                          "may_look_here": [False] * 4})
    assert list(summarise_nearby(found, 250).by_sensor_type) == ["camera", "air", "sound"]


# ---------------------------------------------------------------- HTML and the map layer


def test_the_card_html_shows_register_text_literally() -> None:
    hostile = {**ISSUE_CAMERA, "name": "<script>window.__xss=1</script>", "owner": "A & B <i>",
               "description": '"><img src=x onerror=alert(1)>', "contact": "javascript:alert(1)",
               "privacy_statement_url": 'https://example.org/p?a=1&b="x"'}
    out = card_html(card(hostile, "nl"))
    assert "<script>" not in out
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in out
    assert "A &amp; B &lt;i&gt;" in out
    assert "<img" not in out
    assert 'href="javascript' not in out
    assert 'href="https://example.org/p' not in out  # a quote does not belong in a link: no link (geo.links)


def test_the_card_html_marks_a_camera_that_looks_here() -> None:
    assert 'class="zb-card zb-looks"' in card_html(card(ISSUE_CAMERA, "nl"))
    assert 'class="zb-card"' in card_html(card({**ISSUE_CAMERA, "looks_here": False}, "nl"))


@pytest.mark.parametrize("radius", RADII)
def test_the_map_view_is_the_closest_zoom_that_shows_the_whole_circle(radius: int) -> None:
    spot = Spot(52.47, 5.55)
    view = spot_view(spot, radius, 360, 380)

    def diameter_px(zoom: int) -> float:
        metres_per_px = 156_543.03 * np.cos(np.radians(spot.lat)) / 2**zoom
        return 2 * radius / metres_per_px

    assert (view.lat, view.lon) == (spot.lat, spot.lon)
    assert diameter_px(view.zoom) <= 360
    assert diameter_px(view.zoom + 1) > 360


def test_the_spot_layer_draws_the_circle_the_spot_and_the_looking_cones_without_taking_taps() -> None:
    import folium

    found = looks([camera_at(0, -30, 0), camera_at(0, 60, 0)])
    m = folium.Map(tiles=None)
    spot_group(rd_spot(*SPOT_XY), 250, looking_views(found)).add_to(m)
    out = m.get_root().render()
    assert out.count("L.circle(") == 1
    assert '"radius": 250' in out
    assert out.count("L.polygon(") == 1  # one camera looks here
    assert out.count("L.circleMarker(") == 1
    assert out.count('"interactive": false') == 3
