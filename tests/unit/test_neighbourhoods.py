"""Reading neighbourhood files: real CBS and Amsterdam files, field names, CRSs, repairs and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import MultiPolygon, Point, Polygon, box

from geo.neighbourhoods import (
    NEIGHBOURHOOD_COLUMNS,
    NeighbourhoodReadError,
    cbs_count,
    normalise_neighbourhoods,
    read_neighbourhoods,
)
from geo.schema import RD_NEW

# Files in ../shared/realdata (the `realdata` fixture).
ERMELO_GPKG = "ermelo_cbs_buurten_2021_rd.gpkg"
ERMELO_GEOJSON = "ermelo_cbs_buurten_2021_wgs84.geojson"
AMSTERDAM = "amsterdam_buurten_gebieden_api.geojson"
AMSTERDAM_WIJKEN_NAMES_ONLY = "amsterdam_wijken_names_only.geojson"


@pytest.fixture(scope="module")
def ermelo(realdata: Path) -> gpd.GeoDataFrame:
    return read_neighbourhoods(realdata / ERMELO_GPKG).set_index("code", drop=False)


@pytest.fixture(scope="module")
def amsterdam(realdata: Path) -> gpd.GeoDataFrame:
    return read_neighbourhoods(realdata / AMSTERDAM)


def write_geojson(path: Path, features: list[dict], crs: str | None = None) -> Path:
    collection: dict = {"type": "FeatureCollection", "features": features}
    if crs:
        collection["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def feature(properties: dict, ring: list[list[float]]) -> dict:
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


# A 500 m square in Ermelo, in RD New metres and roughly in degrees.
RD_SQUARE = [[170000, 470000], [170500, 470000], [170500, 470500], [170000, 470500], [170000, 470000]]
WGS_SQUARE = [[5.60, 52.30], [5.61, 52.30], [5.61, 52.31], [5.60, 52.31], [5.60, 52.30]]


# --- Ermelo, CBS GeoPackage in RD New -------------------------------------------------------------


def test_ermelo_gpkg_has_17_buurten_with_cbs_codes(ermelo):
    assert len(ermelo) == 17
    assert ermelo["code"].str.fullmatch(r"BU0233\d{4}").all()
    assert "BU02330000" in ermelo.index


def test_result_has_exactly_the_documented_columns_and_types(ermelo):
    assert tuple(ermelo.columns) == NEIGHBOURHOOD_COLUMNS
    assert str(ermelo["population"].dtype) == "Int64"
    assert all(isinstance(c, str) for c in ermelo["code"])
    assert all(isinstance(n, str) for n in ermelo["name"])


def test_ermelo_gpkg_is_converted_to_wgs84(ermelo):
    assert ermelo.crs.to_epsg() == 4326


def test_ermelo_geometries_lie_in_ermelo_after_conversion(ermelo):
    for geometry in ermelo.geometry:
        minx, miny, maxx, maxy = geometry.bounds
        assert 52.2 <= miny <= maxy <= 52.4
        assert 5.5 <= minx <= maxx <= 5.8


def test_every_geometry_is_a_valid_polygon_or_multipolygon(ermelo):
    assert all(isinstance(g, (Polygon, MultiPolygon)) for g in ermelo.geometry)
    assert ermelo.is_valid.all()


def test_population_is_mannen_plus_vrouwen_when_aantal_inwoners_is_null(ermelo):
    assert ermelo.loc["BU02330000", "population"] == 5215 + 5575


def test_staverden_has_about_25_inhabitants(ermelo):
    staverden = ermelo[ermelo["name"] == "Verspreide huizen Staverden"]
    assert staverden["population"].tolist() == [25]


def test_water_buurt_with_missing_value_code_has_unknown_population(ermelo):
    assert ermelo.loc["BU02339997", "population"] is pd.NA


def test_unnamed_water_buurt_is_named_by_its_code(ermelo):
    assert ermelo.loc["BU02339997", "name"] == "BU02339997"


def test_no_population_is_negative(ermelo):
    assert (ermelo["population"].dropna() >= 0).all()


# --- Ermelo, the same buurten as WGS84 GeoJSON ------------------------------------------------------


def test_ermelo_geojson_has_the_same_codes_as_the_gpkg(ermelo, realdata):
    geojson = read_neighbourhoods(realdata / ERMELO_GEOJSON)
    assert sorted(geojson["code"]) == sorted(ermelo["code"])


def test_ermelo_geojson_geometries_are_within_metres_of_the_gpkg(ermelo, realdata):
    geojson = read_neighbourhoods(realdata / ERMELO_GEOJSON).set_index("code").to_crs(RD_NEW)
    gpkg = ermelo.set_index("code", drop=True).to_crs(RD_NEW)
    for code, geometry in geojson.geometry.items():
        # The GeoJSON was converted with the ~1 m RD polynomial, not a datum-exact transformation.
        assert geometry.hausdorff_distance(gpkg.geometry[code]) < 5, code


def test_ermelo_geojson_population_comes_from_mannen_and_vrouwen(ermelo, realdata):
    geojson = read_neighbourhoods(realdata / ERMELO_GEOJSON).set_index("code")
    assert geojson.loc["BU02330000", "population"] == 10790
    assert geojson.loc["BU02339997", "population"] is pd.NA


# --- Amsterdam, Gebieden API export in CRS84 -------------------------------------------------------


def test_amsterdam_has_518_buurten(amsterdam):
    assert len(amsterdam) == 518


def test_amsterdam_uses_cbs_code_rather_than_its_own_short_code(amsterdam):
    assert amsterdam["code"].str.fullmatch(r"BU0363[A-Z]{2}\d{2}").all()
    assert amsterdam["code"].is_unique


def test_amsterdam_names_come_from_naam(amsterdam):
    assert "Planciusbuurt-Noord" in set(amsterdam["name"])


def test_amsterdam_population_is_unknown_everywhere(amsterdam):
    assert amsterdam["population"].isna().all()


def test_amsterdam_crs84_stays_lon_lat(amsterdam):
    minx, miny, maxx, maxy = amsterdam.total_bounds
    assert 4.7 < minx < maxx < 5.2
    assert 52.2 < miny < maxy < 52.5


# --- Bad files --------------------------------------------------------------------------------------


def assert_bilingual(error: NeighbourhoodReadError) -> None:
    assert error.message("nl")
    assert error.message("en")
    assert error.message("nl") != error.message("en")
    assert isinstance(error, ValueError)


def test_empty_file_raises_read_error_in_both_languages(tmp_path):
    path = tmp_path / "leeg.geojson"
    path.write_bytes(b"")
    with pytest.raises(NeighbourhoodReadError) as info:
        read_neighbourhoods(path)
    assert_bilingual(info.value)
    assert "leeg.geojson" in info.value.message("nl")


def test_text_that_is_not_geojson_raises_read_error(tmp_path):
    path = tmp_path / "buurten.geojson"
    path.write_text("buurtcode;buurtnaam\nBU1;Centrum\n", encoding="utf-8")
    with pytest.raises(NeighbourhoodReadError) as info:
        read_neighbourhoods(path)
    assert_bilingual(info.value)


def test_points_only_raise_read_error_about_polygons(tmp_path):
    point = {
        "type": "Feature",
        "properties": {"code": "A"},
        "geometry": {"type": "Point", "coordinates": [5.6, 52.3]},
    }
    path = write_geojson(tmp_path / "punten.geojson", [point])
    with pytest.raises(NeighbourhoodReadError) as info:
        read_neighbourhoods(path)
    assert_bilingual(info.value)
    assert "polygon" in info.value.message("en")


def test_missing_file_raises_read_error(tmp_path):
    with pytest.raises(NeighbourhoodReadError) as info:
        read_neighbourhoods(tmp_path / "nergens.gpkg")
    assert_bilingual(info.value)


def test_file_without_code_column_raises_read_error(realdata):
    with pytest.raises(NeighbourhoodReadError) as info:
        read_neighbourhoods(realdata / AMSTERDAM_WIJKEN_NAMES_ONLY)
    assert_bilingual(info.value)
    assert "code" in info.value.message("en")


def test_feature_without_code_raises_read_error_naming_its_number(tmp_path):
    path = write_geojson(
        tmp_path / "b.geojson",
        [feature({"code": "A"}, WGS_SQUARE), feature({"code": None}, WGS_SQUARE)],
    )
    with pytest.raises(NeighbourhoodReadError, match="number 2"):
        read_neighbourhoods(path)


def test_duplicate_code_raises_read_error_naming_the_code(tmp_path):
    path = write_geojson(
        tmp_path / "b.geojson",
        [feature({"buurtcode": "BU00010001"}, WGS_SQUARE), feature({"buurtcode": "BU00010001"}, WGS_SQUARE)],
    )
    with pytest.raises(NeighbourhoodReadError) as info:
        read_neighbourhoods(path)
    assert "BU00010001" in info.value.message("nl")
    assert "BU00010001" in info.value.message("en")


# --- Field names, CRSs and repairs -----------------------------------------------------------------


def test_land_and_water_parts_with_one_code_become_one_buurt(tmp_path):
    water_ring = [[5.61, 52.30], [5.62, 52.30], [5.62, 52.31], [5.61, 52.31], [5.61, 52.30]]
    path = write_geojson(
        tmp_path / "b.geojson",
        [
            feature(
                {"buurtcode": "BU1", "buurtnaam": None, "water": "JA", "aantal_inwoners": -99999999},
                water_ring,
            ),
            feature(
                {"buurtcode": "BU1", "buurtnaam": "Haven", "water": "NEE", "aantal_inwoners": 120}, WGS_SQUARE
            ),
        ],
    )
    result = read_neighbourhoods(path)
    assert result[["code", "name", "population"]].to_dict("records") == [
        {"code": "BU1", "name": "Haven", "population": 120}
    ]
    assert result.geometry[0].area == pytest.approx(Polygon(WGS_SQUARE).area + Polygon(water_ring).area)


def test_geojson_without_crs_in_rd_coordinates_is_read_as_rd_new(tmp_path):
    path = write_geojson(tmp_path / "rd.geojson", [feature({"code": "A"}, RD_SQUARE)])
    centroid = read_neighbourhoods(path).geometry[0].centroid
    assert 52.2 < centroid.y < 52.4
    assert 5.5 < centroid.x < 5.8


def test_geojson_declaring_rd_new_is_converted(tmp_path):
    path = write_geojson(
        tmp_path / "rd.geojson", [feature({"code": "A"}, RD_SQUARE)], "urn:ogc:def:crs:EPSG::28992"
    )
    assert read_neighbourhoods(path).geometry[0].centroid.within(box(5.5, 52.2, 5.8, 52.4))


def test_geojson_without_crs_in_degrees_is_read_as_wgs84(tmp_path):
    path = write_geojson(tmp_path / "wgs.geojson", [feature({"code": "A"}, WGS_SQUARE)])
    assert read_neighbourhoods(path).geometry[0].equals(Polygon(WGS_SQUARE))


def test_coordinates_neither_degrees_nor_rd_raise_read_error(tmp_path):
    far = [[1e7, 1e7], [1e7 + 5, 1e7], [1e7 + 5, 1e7 + 5], [1e7, 1e7]]
    path = write_geojson(tmp_path / "ver.geojson", [feature({"code": "A"}, far)])
    with pytest.raises(NeighbourhoodReadError, match="neither degrees"):
        read_neighbourhoods(path)


def test_self_intersecting_polygon_is_repaired(tmp_path):
    bowtie = [[5.60, 52.30], [5.61, 52.31], [5.61, 52.30], [5.60, 52.31], [5.60, 52.30]]
    path = write_geojson(tmp_path / "strik.geojson", [feature({"code": "A"}, bowtie)])
    geometry = read_neighbourhoods(path).geometry[0]
    assert geometry.is_valid
    assert isinstance(geometry, (Polygon, MultiPolygon))
    assert geometry.area > 0


def test_points_beside_polygons_are_left_out(tmp_path):
    point = {
        "type": "Feature",
        "properties": {"code": "P"},
        "geometry": {"type": "Point", "coordinates": [5.6, 52.3]},
    }
    path = write_geojson(tmp_path / "mix.geojson", [feature({"code": "A"}, WGS_SQUARE), point])
    assert read_neighbourhoods(path)["code"].tolist() == ["A"]


def test_pdok_statcode_and_statnaam_are_recognised():
    raw = gpd.GeoDataFrame(
        {"statcode": ["BU03630001"], "statnaam": ["Kop Zeedijk"]},
        geometry=[box(121000, 487000, 121500, 487500)],
        crs=RD_NEW,
    )
    out = normalise_neighbourhoods(raw)
    assert (out.loc[0, "code"], out.loc[0, "name"]) == ("BU03630001", "Kop Zeedijk")


def test_generic_code_and_name_fields_are_recognised(tmp_path):
    path = write_geojson(tmp_path / "b.geojson", [feature({"code": "N1", "name": "Noord"}, WGS_SQUARE)])
    assert read_neighbourhoods(path)[["code", "name"]].to_dict("records") == [{"code": "N1", "name": "Noord"}]


def test_aantal_inwoners_wins_over_mannen_plus_vrouwen(tmp_path):
    path = write_geojson(
        tmp_path / "b.geojson",
        [feature({"buurtcode": "BU1", "aantal_inwoners": 100, "mannen": 1, "vrouwen": 2}, WGS_SQUARE)],
    )
    assert read_neighbourhoods(path)["population"].tolist() == [100]


def test_one_missing_value_code_in_mannen_or_vrouwen_leaves_population_unknown(tmp_path):
    path = write_geojson(
        tmp_path / "b.geojson",
        [feature({"buurtcode": "BU1", "mannen": 40, "vrouwen": -99999997}, WGS_SQUARE)],
    )
    assert read_neighbourhoods(path)["population"].isna().all()


def test_file_without_population_fields_has_unknown_population(tmp_path):
    path = write_geojson(tmp_path / "b.geojson", [feature({"code": "A"}, WGS_SQUARE)])
    assert read_neighbourhoods(path)["population"].isna().all()


def test_numeric_codes_are_read_as_text_without_decimals(tmp_path):
    path = write_geojson(tmp_path / "b.geojson", [feature({"code": 12}, WGS_SQUARE)])
    assert read_neighbourhoods(path)["code"].tolist() == ["12"]


def test_gpkg_layer_named_buurten_is_chosen_over_the_first_layer(tmp_path):
    path = tmp_path / "wijkenbuurten.gpkg"
    wijken = gpd.GeoDataFrame(
        {"wijkcode": ["WK1"]}, geometry=[box(170000, 470000, 171000, 471000)], crs=RD_NEW
    )
    buurten = gpd.GeoDataFrame(
        {"buurtcode": ["BU1", "BU2"]},
        geometry=[box(170000, 470000, 170500, 471000), box(170500, 470000, 171000, 471000)],
        crs=RD_NEW,
    )
    wijken.to_file(path, layer="wijken", engine="pyogrio")
    buurten.to_file(path, layer="buurten", engine="pyogrio")
    assert read_neighbourhoods(path)["code"].tolist() == ["BU1", "BU2"]


def test_gpkg_in_wgs84_stays_wgs84(tmp_path):
    path = tmp_path / "b.gpkg"
    gpd.GeoDataFrame({"code": ["A"]}, geometry=[Point(5.6, 52.3).buffer(0.01)], crs="EPSG:4326").to_file(
        path, engine="pyogrio"
    )
    assert read_neighbourhoods(path).crs.to_epsg() == 4326


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (25, 25),
        (0, 0),
        (-99999999, pd.NA),
        (-99999997, pd.NA),
        (-1, pd.NA),
        (None, pd.NA),
        ("410", 410),
        ("onbekend", pd.NA),
        (12.0, 12),
    ],
)
def test_cbs_count_treats_negative_codes_as_unknown(raw, expected):
    value = cbs_count(pd.Series([raw], dtype=object))[0]
    assert value is pd.NA if expected is pd.NA else value == expected


def test_gpkg_table_without_geometry_is_passed_over_for_an_area_layer(tmp_path):
    path = tmp_path / "gebieden.gpkg"
    pyogrio.write_dataframe(pd.DataFrame({"toelichting": ["bron: gemeente"]}), path, layer="aaa_metadata")
    areas = gpd.GeoDataFrame({"code": ["G1"]}, geometry=[box(170000, 470000, 171000, 471000)], crs=RD_NEW)
    areas.to_file(path, layer="gebieden", engine="pyogrio")
    assert read_neighbourhoods(path)["code"].tolist() == ["G1"]


def test_missing_code_is_reported_by_its_number_in_the_file(tmp_path):
    point = {
        "type": "Feature",
        "properties": {"code": "P"},
        "geometry": {"type": "Point", "coordinates": [5.6, 52.3]},
    }
    path = write_geojson(
        tmp_path / "b.geojson", [point, feature({"code": "A"}, WGS_SQUARE), feature({}, WGS_SQUARE)]
    )
    with pytest.raises(NeighbourhoodReadError, match="number 3"):
        read_neighbourhoods(path)
