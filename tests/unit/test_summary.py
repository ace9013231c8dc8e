"""Tests for geo.summary: counts against brute force on real buurten, densities, flags, JSON and the texts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, box

import geo.summary
from geo.codes import codes
from geo.schema import COLUMNS, RD_NEW, WGS84
from geo.summary import (
    CITY,
    NeighbourhoodSummary,
    city_summary,
    count_label,
    summarise,
    summary_to_json,
)

# Files in ../shared/realdata (the `realdata` fixture).
AMSTERDAM = "amsterdam_buurten_gebieden_api.geojson"
ERMELO = "ermelo_cbs_buurten_2021_rd.gpkg"
TODAY = date(2025, 6, 1)
JSON_KEYS = {"code", "name", "population", "area_km2", "total", "per_km2", "per_1000_residents",
             "personal_data", "by_sensor_type", "by_purpose", "by_data_type", "by_legal_basis", "flags",
             "text_nl", "text_en"}


def registrations(geoms: list, crs: str = RD_NEW, **columns: list) -> gpd.GeoDataFrame:
    """Accepted registrations as geo.readers delivers them; `columns` override the defaults."""
    n = len(geoms)
    frame = pd.DataFrame({c: [""] * n for c in COLUMNS})
    frame["id"] = [f"R{i}" for i in range(n)]
    frame["sensor_type"] = "air"
    frame["purpose"] = "environment"
    frame["data_types"] = "environmental"
    frame["personal_data"] = False
    frame["legal_basis"] = "none"
    frame["biometric"] = False
    frame["status"] = "active"
    for column in ("active_from", "active_until", "last_checked"):
        frame[column] = pd.Series([pd.NaT] * n, dtype="datetime64[ns]")
    for column in ("retention_days", "direction", "field_of_view", "range_m"):
        frame[column] = np.nan
    frame["row"] = np.arange(2, n + 2)
    for column, values in columns.items():
        frame[column] = values
    return gpd.GeoDataFrame(frame, geometry=geoms, crs=crs)


def neighbourhoods(squares: dict[str, tuple[float, float, float, float]],
                   population: list[int | None] | None = None, names: list[str] | None = None
                   ) -> gpd.GeoDataFrame:
    """Rectangles in RD New by code."""
    codes_ = list(squares)
    return gpd.GeoDataFrame(
        {"code": codes_, "name": names or codes_,
         "population": pd.array(population or [None] * len(codes_), dtype="Int64")},
        geometry=[box(*b) for b in squares.values()], crs=RD_NEW,
    )


def by_code(summaries: list[NeighbourhoodSummary]) -> dict[str | None, NeighbourhoodSummary]:
    return {s.code: s for s in summaries}


@pytest.fixture(scope="module")
def amsterdam(realdata: Path) -> gpd.GeoDataFrame:
    raw = gpd.read_file(realdata / AMSTERDAM)
    return gpd.GeoDataFrame(
        {"code": raw["cbsCode"], "name": raw["naam"], "population": pd.array([pd.NA] * len(raw), "Int64")},
        geometry=raw.geometry, crs=raw.crs,
    )


@pytest.fixture(scope="module")
def ermelo(realdata: Path) -> gpd.GeoDataFrame:
    """Ermelo's 17 CBS buurten: population = mannen + vrouwen, CBS's -99999999 read as unknown."""
    raw = gpd.read_file(realdata / ERMELO)
    population = (raw["mannen"] + raw["vrouwen"]).where((raw["mannen"] >= 0) & (raw["vrouwen"] >= 0))
    return gpd.GeoDataFrame(
        {"code": raw["buurtcode"], "name": raw["buurtnaam"], "population": population.astype("Int64")},
        geometry=raw.geometry, crs=raw.crs,
    )


@pytest.fixture(scope="module")
def amsterdam_points(amsterdam: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """4,000 seeded random points over the city's bounding box (many inside, some outside)."""
    rng = np.random.default_rng(7)
    minx, miny, maxx, maxy = amsterdam.total_bounds
    points = gpd.points_from_xy(rng.uniform(minx, maxx, 4000), rng.uniform(miny, maxy, 4000))
    return registrations(list(points), WGS84)


@pytest.fixture
def two_squares() -> gpd.GeoDataFrame:
    """A 1 km x 1 km square A with 2,000 residents and a 1 km x 0.5 km rectangle B, unknown population."""
    return neighbourhoods({"A": (0, 0, 1000, 1000), "B": (1000, 0, 2000, 500)}, population=[2000, None],
                          names=["Oude Haven", "Nieuwe Haven"])


def brute_force_counts(points: gpd.GeoDataFrame, buurten: gpd.GeoDataFrame) -> dict[str, int]:
    """Points per buurt by testing every polygon with shapely.contains, in RD New."""
    pts = points.to_crs(RD_NEW).geometry.array
    polygons = buurten.to_crs(RD_NEW).geometry.array
    return {code: int(shapely.contains(polygon, pts).sum())
            for code, polygon in zip(buurten["code"], polygons, strict=True)}


# ---------------------------------------------------------------- counts on real buurten


def test_totals_equal_a_brute_force_point_in_polygon_count(amsterdam_points, amsterdam):
    totals = {s.code: s.total for s in summarise(amsterdam_points, amsterdam, TODAY)}
    expected = brute_force_counts(amsterdam_points, amsterdam)
    assert {code: totals[code] for code in expected} == expected


def test_points_outside_every_buurt_are_counted_apart(amsterdam_points, amsterdam):
    inside = sum(brute_force_counts(amsterdam_points, amsterdam).values())
    outside = summarise(amsterdam_points, amsterdam, TODAY)[-1]
    assert outside.code is None
    assert outside.total == len(amsterdam_points) - inside > 0


def test_one_summary_per_buurt_in_their_order_then_outside(amsterdam_points, amsterdam):
    summaries = summarise(amsterdam_points, amsterdam, TODAY)
    assert [s.code for s in summaries] == [*amsterdam["code"], None]


def test_point_on_a_shared_corner_is_counted_once(amsterdam):
    coords, owner = shapely.get_coordinates(amsterdam.geometry.array, return_index=True)
    corners = pd.DataFrame({"x": coords[:, 0], "y": coords[:, 1], "owner": owner}).drop_duplicates()
    shared = corners.groupby(["x", "y"])["owner"].nunique()
    x, y = shared[shared == 3].index[0]
    summaries = summarise(registrations([Point(x, y)], WGS84), amsterdam, TODAY)
    assert sum(s.total for s in summaries) == 1


def test_area_is_counted_in_every_buurt_it_overlaps(amsterdam):
    circle = gpd.GeoSeries([Point(4.9041, 52.3676)], crs=WGS84).to_crs(RD_NEW).buffer(800)
    overlapped = {code for code, polygon in zip(amsterdam["code"], amsterdam.to_crs(RD_NEW).geometry, strict=True)
                  if polygon.intersection(circle.iloc[0]).area > 0}
    summaries = summarise(registrations(list(circle.to_crs(WGS84)), WGS84), amsterdam, TODAY)
    assert {s.code for s in summaries if s.total} == overlapped
    assert all(s.total == 1 for s in summaries if s.total)


def test_city_counts_an_area_over_many_buurten_once(amsterdam):
    circle = gpd.GeoSeries([Point(4.9041, 52.3676)], crs=WGS84).to_crs(RD_NEW).buffer(800).to_crs(WGS84)
    assert city_summary(registrations(list(circle), WGS84), amsterdam, TODAY).total == 1


# ---------------------------------------------------------------- densities


def test_area_km2_of_a_known_square_is_measured_in_rd_new(two_squares):
    areas = [s.area_km2 for s in summarise(registrations([]), two_squares, TODAY)]
    assert areas[:2] == [pytest.approx(1.0), pytest.approx(0.5)]
    assert areas[2] is None


def test_area_km2_of_a_square_given_in_wgs84_is_still_measured_in_rd_new(two_squares):
    square = summarise(registrations([]), two_squares.to_crs(WGS84), TODAY)[0]
    assert square.area_km2 == pytest.approx(1.0, rel=1e-6)


def test_per_km2_divides_the_total_by_the_area(two_squares):
    reg = registrations([Point(1500, 100), Point(1600, 200)])
    assert summarise(reg, two_squares, TODAY)[1].per_km2 == pytest.approx(4.0)


def test_per_1000_residents_on_ermelo_buurten(ermelo):
    centre = ermelo.loc[ermelo["code"] == "BU02330000"].geometry.iloc[0].representative_point()
    reg = registrations([centre] * 3, crs=ermelo.crs)
    ermelo_kern = by_code(summarise(reg, ermelo, TODAY))["BU02330000"]
    assert ermelo_kern.population == 5215 + 5575
    assert ermelo_kern.per_1000_residents == pytest.approx(3 / 10790 * 1000)


def test_cbs_missing_value_population_is_unknown(ermelo):
    water = by_code(summarise(registrations([]), ermelo, TODAY))["BU02339997"]
    assert (water.population, water.per_1000_residents) == (None, None)


def test_cbs_missing_value_code_left_in_the_column_is_unknown_too(ermelo):
    raw = ermelo.assign(population=ermelo["population"].fillna(-99999999))
    assert by_code(summarise(registrations([]), raw, TODAY))["BU02339997"].population is None


def test_buurt_without_a_name_is_named_by_its_code(ermelo):
    assert by_code(summarise(registrations([]), ermelo, TODAY))["BU02339997"].name == "BU02339997"


def test_per_1000_residents_is_none_when_nobody_lives_there():
    empty = neighbourhoods({"A": (0, 0, 100, 100)}, population=[0])
    assert summarise(registrations([Point(5, 5)]), empty, TODAY)[0].per_1000_residents is None


def test_outside_has_no_area_population_or_densities(two_squares):
    outside = summarise(registrations([Point(9000, 9000)]), two_squares, TODAY)[-1]
    assert (outside.area_km2, outside.per_km2, outside.population, outside.per_1000_residents) == (
        None, None, None, None)
    assert outside.total == 1


# ---------------------------------------------------------------- breakdowns and flags


def test_registration_with_two_purposes_counts_once_for_each(two_squares):
    reg = registrations([Point(5, 5), Point(6, 6)], purpose=["safety|traffic", "traffic"])
    assert summarise(reg, two_squares, TODAY)[0].by_purpose == {"safety": 1, "traffic": 2}


def test_breakdowns_hold_only_nonzero_codes_in_code_list_order(two_squares):
    reg = registrations([Point(5, 5)] * 3, sensor_type=["traffic", "camera", "traffic"],
                        data_types=["location|counts", "images_identifiable", "counts"])
    square = summarise(reg, two_squares, TODAY)[0]
    assert list(square.by_sensor_type.items()) == [("camera", 1), ("traffic", 2)]
    assert list(square.by_data_type.items()) == [("images_identifiable", 1), ("counts", 2), ("location", 1)]


def test_a_code_repeated_in_one_cell_counts_once(two_squares):
    reg = registrations([Point(5, 5)], purpose=["safety|safety"])
    assert summarise(reg, two_squares, TODAY)[0].by_purpose == {"safety": 1}


def test_legal_basis_and_personal_data_are_counted(two_squares):
    reg = registrations([Point(5, 5)] * 3, personal_data=[True, True, False],
                        legal_basis=["public_task", "consent", "none"])
    square = summarise(reg, two_squares, TODAY)[0]
    assert square.personal_data == 2
    assert square.by_legal_basis == {"consent": 1, "public_task": 1, "none": 1}


def test_biometric_registrations_are_flagged(two_squares):
    reg = registrations([Point(5, 5)] * 3, biometric=[True, False, True])
    assert summarise(reg, two_squares, TODAY)[0].flags["biometric"] == 2


def test_missing_council_decision_is_flagged_for_cameras_and_anpr_only(two_squares):
    reg = registrations([Point(5, 5)] * 4, sensor_type=["camera", "anpr", "air", "camera"],
                        council_decision=["", "", "", "Raadsbesluit 2024/17"])
    assert summarise(reg, two_squares, TODAY)[0].flags["no_council_decision"] == 2


def test_active_registration_past_its_end_date_is_flagged_expired(two_squares):
    reg = registrations(
        [Point(5, 5)] * 4, status=["active", "active", "inactive", "active"],
        active_until=pd.to_datetime(["2025-05-31", "2025-06-01", "2020-01-01", None]),
    )
    assert summarise(reg, two_squares, TODAY)[0].flags["expired"] == 1


def test_sparse_counting_gives_the_same_breakdowns_as_dense(monkeypatch, amsterdam_points, amsterdam):
    rng = np.random.default_rng(3)
    reg = amsterdam_points.assign(
        sensor_type=rng.choice(codes("sensor_type"), len(amsterdam_points)),
        purpose=[f"{a}|{b}" for a, b in rng.choice(codes("purpose"), (len(amsterdam_points), 2))],
    )
    dense = summary_to_json(summarise(reg, amsterdam, TODAY))
    monkeypatch.setattr(geo.summary, "_DENSE_LIMIT", 0)
    assert summary_to_json(summarise(reg, amsterdam, TODAY)) == dense


def test_missing_column_is_reported_by_name(two_squares):
    reg = registrations([Point(5, 5)]).drop(columns=["biometric"])
    with pytest.raises(KeyError, match="biometric"):
        summarise(reg, two_squares, TODAY)


# ---------------------------------------------------------------- city


def test_city_summary_counts_every_registration_once_outside_included(two_squares):
    reg = registrations([Point(5, 5), box(900, 0, 1100, 100), Point(9000, 9000)])
    city = city_summary(reg, two_squares, TODAY)
    assert (city.code, city.total) == (CITY, 3)


def test_city_summary_sums_areas_and_known_populations(two_squares):
    city = city_summary(registrations([Point(5, 5)] * 3), two_squares, TODAY)
    assert (city.area_km2, city.population) == (pytest.approx(1.5), 2000)
    assert city.per_km2 == pytest.approx(2.0)


def test_display_names_translate_outside_and_city(two_squares):
    outside = summarise(registrations([]), two_squares, TODAY)[-1]
    city = city_summary(registrations([]), two_squares, TODAY)
    assert (outside.name, outside.display_name("en")) == ("Buiten alle buurten", "Outside every neighbourhood")
    assert (city.display_name("nl"), city.display_name("en")) == ("De hele stad", "The whole city")


# ---------------------------------------------------------------- JSON


def test_json_has_exactly_the_documented_keys(two_squares):
    reg = registrations([Point(5, 5), Point(9000, 9000)])
    rows = summary_to_json([*summarise(reg, two_squares, TODAY), city_summary(reg, two_squares, TODAY)])
    assert all(set(row) == JSON_KEYS for row in rows)


def test_json_writes_null_where_unknown(two_squares):
    rows = json.loads(json.dumps(summary_to_json(summarise(registrations([]), two_squares, TODAY))))
    assert rows[1]["population"] is None
    assert rows[2]["area_km2"] is None


# ---------------------------------------------------------------- text


@pytest.mark.parametrize(
    ("n", "sensor_type", "lang", "expected"),
    [
        (1, "camera", "nl", "1 camera"),
        (2, "camera", "nl", "2 camera's"),
        (1, "camera", "en", "1 camera"),
        (2, "camera", "en", "2 cameras"),
        (0, "camera", "nl", "0 camera's"),
        (2, "anpr", "nl", "2 kentekencamera's"),
        (2, "anpr", "en", "2 licence-plate cameras"),
        (1, "fill_level", "nl", "1 vulgraadsensor"),
        (5, "fill_level", "nl", "5 vulgraadsensoren"),
        (5, "fill_level", "en", "5 fill-level sensors"),
        (3, "air", "nl", "3 luchtkwaliteitsensoren"),
        (2, "climate", "nl", "2 klimaat- en weersensoren"),
        (2, "wifi_bluetooth", "nl", "2 wifi- of bluetoothtellers"),
        (1, "wifi_bluetooth", "en", "1 WiFi or Bluetooth counter"),
        (2, "wifi_bluetooth", "en", "2 WiFi or Bluetooth counters"),
        (2, "traffic", "nl", "2 verkeerstellers"),
        (1, "other", "nl", "1 overige sensor"),
        (2, "other", "en", "2 other sensors"),
        (1234, "air", "nl", "1.234 luchtkwaliteitsensoren"),
        (1234, "air", "en", "1,234 air-quality sensors"),
    ],
)
def test_count_label_uses_the_right_plural(n, sensor_type, lang, expected):
    assert count_label(n, sensor_type, lang) == expected


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("sensor_type", codes("sensor_type"))
def test_every_sensor_type_has_a_distinct_plural(sensor_type, lang):
    assert count_label(1, sensor_type, lang)[2:] != count_label(2, sensor_type, lang)[2:]


@pytest.mark.parametrize(
    ("cameras", "lang", "expected"),
    [
        (1, "nl", "In Oude Haven is 1 camera geregistreerd. Die verwerkt geen persoonsgegevens."),
        (2, "nl", "In Oude Haven zijn 2 camera's geregistreerd. Geen daarvan verwerkt persoonsgegevens."),
        (1, "en", "1 camera is registered in Oude Haven. It does not process personal data."),
        (2, "en", "2 cameras are registered in Oude Haven. None of them process personal data."),
    ],
)
def test_text_opening_uses_singular_and_plural(two_squares, cameras, lang, expected):
    reg = registrations([Point(5, 5)] * cameras, sensor_type="camera", council_decision="Raadsbesluit 1")
    assert summarise(reg, two_squares, TODAY)[0].text(lang).startswith(expected)


@pytest.mark.parametrize(
    ("personal", "lang", "expected"),
    [
        ([True, False, False], "nl", "1 daarvan verwerkt persoonsgegevens."),
        ([True, True, False], "nl", "2 daarvan verwerken persoonsgegevens."),
        ([True, True, True], "nl", "Alle 3 verwerken persoonsgegevens."),
        ([True, False, False], "en", "1 of them processes personal data."),
        ([True, True, False], "en", "2 of them process personal data."),
        ([True, True, True], "en", "All 3 process personal data."),
    ],
)
def test_text_says_how_many_process_personal_data(two_squares, personal, lang, expected):
    reg = registrations([Point(5, 5)] * 3, personal_data=personal)
    assert expected in summarise(reg, two_squares, TODAY)[0].text(lang)


def test_text_reads_like_the_example_paragraph():
    # Oude Haven: 14 registrations on 14/12 km² (12 per km²); the city: 14 on 1.75 km² (8 per km²).
    buurten = neighbourhoods({"A": (0, 0, 1000, 14_000 / 12), "B": (1000, 0, 2000, 1750 - 14_000 / 12)},
                             names=["Oude Haven", "Nieuwe Haven"])
    reg = registrations([Point(5, 5)] * 14, sensor_type=["camera"] * 6 + ["fill_level"] * 5 + ["air"] * 3,
                        personal_data=[True] * 7 + [False] * 7, council_decision="Raadsbesluit 2024/17")
    oude_haven = summarise(reg, buurten, TODAY)[0]
    assert oude_haven.text_nl == (
        "In Oude Haven zijn 14 sensoren en camera's geregistreerd: 6 camera's, 5 vulgraadsensoren en "
        "3 luchtkwaliteitsensoren. 7 daarvan verwerken persoonsgegevens. "
        "Dat is 12 per km², de stad als geheel heeft 8 per km²."
    )
    assert oude_haven.text_en == (
        "14 sensors and cameras are registered in Oude Haven: 6 cameras, 5 fill-level sensors and "
        "3 air-quality sensors. 7 of them process personal data. "
        "That is 12 per km²; the city as a whole has 8 per km²."
    )


def test_text_names_the_three_largest_types_and_sums_up_the_rest(two_squares):
    types = ["camera"] * 4 + ["air"] * 3 + ["sound"] * 2 + ["water", "energy"]
    reg = registrations([Point(5, 5)] * len(types), sensor_type=types, council_decision="x")
    square = summarise(reg, two_squares, TODAY)[0]
    assert "4 camera's, 3 luchtkwaliteitsensoren, 2 geluidsensoren en nog 2 andere." in square.text_nl
    assert "4 cameras, 3 air-quality sensors, 2 sound sensors and 2 others." in square.text_en


def test_text_gives_residents_per_1000_with_a_decimal_comma(two_squares):
    reg = registrations([Point(5, 5)] * 5)
    square = summarise(reg, two_squares, TODAY)[0]
    assert "Dat zijn er 2,5 per 1.000 inwoners." in square.text_nl
    assert "That is 2.5 per 1,000 residents." in square.text_en


@pytest.mark.parametrize(
    ("biometric", "lang", "expected"),
    [
        (1, "nl", "1 camera gebruikt gezichtsherkenning of andere biometrie; "
                  "dat past niet bij de principes van de gemeente."),
        (2, "nl", "2 camera's gebruiken gezichtsherkenning of andere biometrie; "
                  "dat past niet bij de principes van de gemeente."),
        (1, "en", "1 camera uses facial recognition or other biometrics; "
                  "that does not fit the municipality's principles."),
        (2, "en", "2 cameras use facial recognition or other biometrics; "
                  "that does not fit the municipality's principles."),
    ],
)
def test_text_mentions_biometric_cameras(two_squares, biometric, lang, expected):
    reg = registrations([Point(5, 5)] * 3, sensor_type="camera", council_decision="x",
                        biometric=[True] * biometric + [False] * (3 - biometric))
    assert expected in summarise(reg, two_squares, TODAY)[0].text(lang)


def test_text_mentions_biometrics_of_mixed_types_without_naming_one(two_squares):
    reg = registrations([Point(5, 5)] * 2, sensor_type=["camera", "sound"], council_decision="x",
                        biometric=True)
    assert "2 sensoren en camera's gebruiken gezichtsherkenning" in summarise(reg, two_squares, TODAY)[0].text_nl


@pytest.mark.parametrize(
    ("missing", "lang", "expected"),
    [
        (1, "nl", "Voor 1 camera is geen besluit van de gemeenteraad vermeld."),
        (2, "nl", "Voor 2 camera's is geen besluit van de gemeenteraad vermeld."),
        (1, "en", "1 camera has no council decision listed."),
        (2, "en", "2 cameras have no council decision listed."),
    ],
)
def test_text_mentions_missing_council_decisions(two_squares, missing, lang, expected):
    reg = registrations([Point(5, 5)] * missing, sensor_type="camera")
    assert expected in summarise(reg, two_squares, TODAY)[0].text(lang)


@pytest.mark.parametrize(
    ("expired", "lang", "expected"),
    [
        (1, "nl", "1 registratie heeft een einddatum die voorbij is, maar staat nog niet op ‘niet actief’."),
        (2, "nl", "2 registraties hebben een einddatum die voorbij is, maar staan nog niet op ‘niet actief’."),
        (1, "en", "1 registration has an end date that has passed, but is not marked inactive."),
        (2, "en", "2 registrations have an end date that has passed, but are not marked inactive."),
    ],
)
def test_text_mentions_expired_registrations(two_squares, expired, lang, expected):
    reg = registrations([Point(5, 5)] * expired, active_until=pd.to_datetime(["2020-01-01"] * expired))
    assert expected in summarise(reg, two_squares, TODAY)[0].text(lang)


def test_text_of_an_empty_buurt_says_nothing_is_registered(two_squares):
    square = summarise(registrations([]), two_squares, TODAY)[0]
    assert (square.text_nl, square.text_en) == ("In Oude Haven is niets geregistreerd.",
                                               "Nothing is registered in Oude Haven.")


def test_text_outside_every_buurt(two_squares):
    outside = summarise(registrations([Point(9000, 9000)] * 2), two_squares, TODAY)[-1]
    assert outside.text_nl.startswith("Buiten alle buurten zijn 2 luchtkwaliteitsensoren geregistreerd.")
    assert outside.text_en.startswith("2 air-quality sensors are registered outside every neighbourhood.")
    assert "km²" not in outside.text_nl


def test_text_of_the_city_gives_its_own_density_only(two_squares):
    city = city_summary(registrations([Point(5, 5)] * 3), two_squares, TODAY)
    assert city.text_nl.startswith("In de hele stad zijn 3 luchtkwaliteitsensoren geregistreerd.")
    assert "Dat is 2 per km²." in city.text_nl
    assert "als geheel" not in city.text_nl


def test_text_shows_a_buurt_name_literally(two_squares):
    named = two_squares.assign(name=["<b>Oude & Haven</b>", "B"])
    assert summarise(registrations([]), named, TODAY)[0].text_nl == "In <b>Oude & Haven</b> is niets geregistreerd."


def test_a_join_or_rd_geometries_worked_out_elsewhere_give_the_same_summaries():
    from geo.dataset import load_demo
    from geo.join import join_positions

    data = load_demo(date(2026, 1, 1))
    reg, nb, day = data.registrations, data.neighbourhoods, date(2026, 1, 1)
    expected = summarise(reg, nb, day)
    assert summarise(reg, nb, day, rd_geometries=data.rd, neighbourhoods_rd=data.neighbourhoods_rd) == expected
    assert summarise(reg, nb, day, pairs=join_positions(reg, nb)) == expected
    assert city_summary(reg, nb, day, neighbourhoods_rd=data.neighbourhoods_rd) == city_summary(reg, nb, day)
