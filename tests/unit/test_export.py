"""geo.export: CSV safe in a spreadsheet and GeoJSON, both readable again by the register reader."""

from __future__ import annotations

import csv
import io
import json

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geo.export import EXPORT_FIELDS, neutralise, to_csv, to_geojson


@pytest.fixture
def reg() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({
        "id": ["CAM-1", "SCAN-2"],
        "name": ["=HYPERLINK(\"http://evil.example\",\"klik\")", "Scanauto, centrum"],
        "sensor_type": ["camera", "anpr"],
        "purpose": ["safety|traffic", "parking"],
        "data_types": ["images_identifiable", "licence_plates"],
        "personal_data": [True, True],
        "legal_basis": ["public_task", "public_task"],
        "owner": ["+31 gemeente", "@gemeente"],
        "description": ["-5 graden <b>koud</b>", "Rijdt door het centrum\nen scant kentekens"],
        "privacy_statement_url": ["https://example.org/privacy", "https://example.org/p"],
        "active_from": pd.to_datetime(["2025-03-01", None]),
        "direction": [135.0, float("nan")],
        "retention_days": [28.0, float("nan")],
        "biometric": [False, False],
    }, geometry=[Point(4.9, 52.37), box(4.89, 52.36, 4.91, 52.38)], crs="EPSG:4326")


def rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens UTF-8 correctly
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize(("cell", "expected"), [
    ("=1+1", "'=1+1"), ("+31 6", "'+31 6"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("Camera", "Camera"), ("a=b", "a=b"), ("", ""),
])
def test_neutralise_prefixes_formula_starts(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


def test_csv_neutralises_every_text_cell_that_starts_like_a_formula(reg) -> None:
    first, second = rows(to_csv(reg))
    assert first["name"].startswith("'=HYPERLINK")
    assert first["owner"] == "'+31 gemeente"
    assert second["owner"] == "'@gemeente"
    assert first["description"] == "'-5 graden <b>koud</b>"


def test_csv_keeps_text_literally_otherwise(reg) -> None:
    second = rows(to_csv(reg))[1]
    assert second["name"] == "Scanauto, centrum"
    assert second["description"] == "Rijdt door het centrum\nen scant kentekens"


def test_csv_has_the_register_fields_then_location_columns(reg) -> None:
    header = next(csv.reader(io.StringIO(to_csv(reg).decode("utf-8-sig"))))
    assert header == [*EXPORT_FIELDS, "lat", "lon", "wkt"]


def test_csv_points_get_lat_lon_and_areas_wkt(reg) -> None:
    first, second = rows(to_csv(reg))
    assert (first["lat"], first["lon"], first["wkt"]) == ("52.37", "4.9", "")
    assert second["lat"] == ""
    assert second["wkt"].startswith("POLYGON ((")


def test_csv_writes_values_in_the_register_format(reg) -> None:
    first, second = rows(to_csv(reg))
    assert first["personal_data"] == "yes"
    assert first["biometric"] == "no"
    assert first["active_from"] == "2025-03-01"
    assert second["active_from"] == ""
    assert first["direction"] == "135"
    assert second["direction"] == ""
    assert first["purpose"] == "safety|traffic"


def test_csv_reads_back_with_the_register_reader(reg, tmp_path) -> None:
    from geo.readers import read_register

    path = tmp_path / "export.csv"
    path.write_bytes(to_csv(reg))
    report = read_register(path)
    assert sorted(report.accepted["id"]) == ["CAM-1", "SCAN-2"], report.rejected
    # The neutralising apostrophe is what a spreadsheet shows; the reader keeps text literally.
    assert report.accepted.set_index("id").loc["SCAN-2", "owner"] == "'@gemeente"


def test_geojson_is_a_feature_collection_with_typed_properties(reg) -> None:
    doc = json.loads(to_geojson(reg))
    assert doc["type"] == "FeatureCollection"
    first, second = doc["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [4.9, 52.37]}
    assert second["geometry"]["type"] == "Polygon"
    assert first["properties"]["personal_data"] is True
    assert first["properties"]["active_from"] == "2025-03-01"
    assert second["properties"]["direction"] is None
    assert first["properties"]["retention_days"] == 28
    assert list(first["properties"]) == list(EXPORT_FIELDS)


def test_geojson_keeps_text_literally(reg) -> None:
    props = json.loads(to_geojson(reg))["features"][0]["properties"]
    assert props["name"] == "=HYPERLINK(\"http://evil.example\",\"klik\")"


def test_geojson_is_converted_to_wgs84(reg) -> None:
    rd = reg.to_crs("EPSG:28992")
    lon, lat = json.loads(to_geojson(rd))["features"][0]["geometry"]["coordinates"]
    assert (round(lon, 5), round(lat, 5)) == (4.9, 52.37)


def test_empty_register_exports_a_header_and_an_empty_collection() -> None:
    empty = gpd.GeoDataFrame({"id": []}, geometry=[], crs="EPSG:4326")
    assert rows(to_csv(empty)) == []
    assert json.loads(to_geojson(empty)) == {"type": "FeatureCollection", "features": []}
