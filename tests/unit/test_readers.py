"""Register readers: every file kind REGISTER_FORMAT.md lists reads into the same frame, and a file
that cannot be read at all gets one sentence in Dutch and English instead of a traceback."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime
from pathlib import Path

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pytest
from pyproj import Transformer
from shapely.geometry import Point, Polygon, box

from geo import readers
from geo.errors import RegisterReadError, UserFacingError
from geo.readers import Report, decode_text, detect_format, empty_register, read_register, sniff_delimiter
from geo.schema import COLUMNS, FIELDS, Kind

TODAY = date(2025, 6, 1)
TO_RD = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)

HEADER = ["id", "name", "sensor_type", "purpose", "data_types", "personal_data", "owner", "lat", "lon"]
ROWS = [
    ["L1", "Luchtmeter Café Zeeëlaan", "air", "environment", "environmental", "nee", "Gemeente Voorbeeldstad",
     "52.47", "5.55"],
    ["L2", "Geluidsmeter Plein € 5", "sound", "environment", "sound_level", "nee", "Gemeente Voorbeeldstad",
     "52.48", "5.56"],
]


def csv_bytes(header: list[str], rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def read_bytes(data: bytes, filename: str = "register.csv", **kw) -> Report:
    return read_register(data, filename=filename, today=TODAY, **kw)


def read_file(path: Path, **kw) -> Report:
    return read_register(path, today=TODAY, **kw)


def problems(report: Report) -> set[tuple[int, str, str]]:
    return {(p.row, p.field, p.code) for p in report.rejected}


def register_frame(crs: str = "EPSG:4326") -> gpd.GeoDataFrame:
    """Two valid registrations as a GeoDataFrame (for GeoJSON and GeoPackage files)."""
    points = [Point(5.55, 52.47), Point(5.56, 52.48)]
    frame = gpd.GeoDataFrame(
        {
            "id": ["G1", "G2"], "name": ["Camera Markt", "Luchtmeter Zeeëlaan"], "sensor_type": ["camera", "air"],
            "purpose": ["safety|enforcement", "environment"], "data_types": ["images_identifiable", "environmental"],
            "personal_data": [True, False], "legal_basis": ["public_task", ""],
            "owner": ["Gemeente Voorbeeldstad", "Gemeente Voorbeeldstad"],
            "privacy_statement_url": ["https://voorbeeldstad.example/privacy", ""],
            "dpia": ["ja", ""], "council_decision": ["Raadsbesluit 2024/17", ""],
            "direction": [90.0, np.nan],
            "active_from": pd.to_datetime(["2024-03-01", None]),
        },
        geometry=points, crs="EPSG:4326",
    )
    return frame.to_crs(crs)


def geojson_text(frame: gpd.GeoDataFrame) -> str:
    """A frame as GeoJSON, dates written as ISO text (JSON has no date type)."""
    return frame.assign(active_from=frame["active_from"].dt.strftime("%Y-%m-%d")).to_json(na="drop")


# --- CSV ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_is_read_with_either_delimiter(delimiter):
    report = read_bytes(csv_bytes(HEADER, ROWS, delimiter))
    assert report.rejected == []
    assert list(report.accepted["id"]) == ["L1", "L2"]
    assert list(report.accepted["row"]) == [2, 3]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_is_read_in_utf8_with_or_without_bom_and_windows_1252(encoding):
    report = read_bytes(csv_bytes(HEADER, ROWS, ";", encoding))
    assert list(report.accepted["name"]) == ["Luchtmeter Café Zeeëlaan", "Geluidsmeter Plein € 5"]
    assert list(report.accepted["id"]) == ["L1", "L2"], "a BOM does not stick to the first column's name"


def test_csv_in_utf16_with_bom_is_read():
    report = read_bytes(csv_bytes(HEADER, ROWS, "\t", "utf-16"))
    assert list(report.accepted["name"]) == ["Luchtmeter Café Zeeëlaan", "Geluidsmeter Plein € 5"]


@pytest.mark.parametrize("cell", ["safety|traffic", "safety;traffic", "safety ; traffic",
                                  "Openbare orde en veiligheid|Traffic and mobility"])
def test_lists_with_pipe_or_semicolon_are_read_in_a_comma_file(cell):
    rows = [[*ROWS[0][:3], cell, *ROWS[0][4:]]]
    report = read_bytes(csv_bytes(HEADER, rows, ","))
    assert list(report.accepted["purpose"]) == ["safety|traffic"]


def test_semicolon_list_in_a_semicolon_file_needs_quotes():
    text = ";".join(HEADER) + "\n" + ";".join([*ROWS[0][:3], '"safety;traffic"', *ROWS[0][4:]]) + "\n"
    report = read_bytes(text.encode())
    assert problems(report) == {(2, "purpose", "unknown_code")}, "inside one cell a ; is no separator here"


def test_header_names_are_matched_case_and_space_insensitively():
    header = ["ID", " Name ", "Sensor Type", "PURPOSE", "data_types", "personal_data", "Owner", "Latitude", "lng"]
    report = read_bytes(csv_bytes(header, ROWS))
    assert list(report.accepted["id"]) == ["L1", "L2"]


def test_rows_are_numbered_as_a_spreadsheet_shows_them():
    rows = [ROWS[0], [""] * len(HEADER), [*ROWS[1][:1], "Naam\nover twee regels", *ROWS[1][2:]],
            ["L3", "", *ROWS[0][2:]]]
    report = read_bytes(csv_bytes(HEADER, rows))
    assert list(report.accepted["row"]) == [2, 4]
    assert problems(report) == {(5, "name", "missing_required")}
    assert report.rows == 3


def test_unclosed_quote_is_reported_instead_of_swallowing_the_rows_after_it():
    text = ",".join(HEADER) + "\n" + ",".join(ROWS[0]) + "\n" + ",".join(ROWS[1][:-1]) + ',"5.56\n' + \
        ",".join(["L3", *ROWS[0][1:]]) + "\n"
    report = read_bytes(text.encode())
    assert (3, "", "unclosed_quote") in problems(report)
    assert list(report.accepted["id"]) == ["L1"]


def test_csv_with_a_column_twice_is_unreadable():
    with pytest.raises(RegisterReadError) as err:
        read_bytes(csv_bytes([*HEADER, "Name"], [[*ROWS[0], "tweede naam"]]))
    assert "name" in err.value.message("nl")
    assert "name" in err.value.message("en")


def test_unknown_columns_are_ignored():
    report = read_bytes(csv_bytes([*HEADER, "opmerking"], [[*ROWS[0], "intern"]]))
    assert list(report.accepted["id"]) == ["L1"]
    assert "opmerking" not in report.accepted.columns


def test_mixed_lat_lon_x_y_and_wkt_rows_are_read_in_one_file():
    header = [*HEADER[:7], "lat", "lon", "x", "y", "wkt"]
    base = ROWS[0][:7]
    x, y = TO_RD.transform(5.56, 52.48)
    rows = [
        ["M1", *base[1:], "52.47", "5.55", "", "", ""],
        ["M2", *base[1:], "", "", f"{x:.3f}", f"{y:.3f}", ""],
        ["M3", *base[1:], "", "", "", "", "POINT (5.57 52.49)"],
        ["M4", *base[1:], "", "", "", "", "POLYGON ((5.5 52.45, 5.51 52.45, 5.51 52.46, 5.5 52.45))"],
    ]
    report = read_bytes(csv_bytes(header, rows))
    assert report.rejected == []
    got = report.accepted.set_index("id").geometry
    assert (got["M1"].x, got["M1"].y) == (5.55, 52.47)
    assert (got["M2"].x, got["M2"].y) == pytest.approx((5.56, 52.48), abs=1e-6)
    assert (got["M3"].x, got["M3"].y) == (5.57, 52.49)
    assert isinstance(got["M4"], Polygon)


# --- the accepted frame ---------------------------------------------------------------------------------


def _assert_documented_frame(frame: gpd.GeoDataFrame) -> None:
    assert list(frame.columns) == [*COLUMNS, "geometry"]
    assert frame.geometry.name == "geometry"
    assert frame.crs.to_epsg() == 4326
    for f in FIELDS:
        dtype = frame[f.name].dtype
        if f.kind is Kind.BOOL:
            assert dtype == np.dtype(bool), f.name
        elif f.kind in (Kind.NUMBER, Kind.INTEGER):
            assert dtype == np.dtype(float), f.name
        elif f.kind is Kind.DATE:
            assert pd.api.types.is_datetime64_dtype(dtype), f.name
        else:
            assert pd.api.types.is_string_dtype(dtype), f.name
            assert not frame[f.name].isna().any(), f"{f.name}: text is '' when absent, never NaN"
    assert pd.api.types.is_integer_dtype(frame["row"].dtype)


def test_accepted_frame_has_exactly_the_documented_columns_and_dtypes():
    report = read_bytes(csv_bytes([*HEADER, "active_from", "direction"], [[*ROWS[0], "2025-03-01", "90"],
                                                                           [*ROWS[1], "", ""]]))
    _assert_documented_frame(report.accepted)
    first, second = report.accepted.iloc[0], report.accepted.iloc[1]
    assert first["active_from"] == pd.Timestamp("2025-03-01")
    assert pd.isna(second["active_from"])
    assert first["direction"] == 90.0
    assert np.isnan(second["direction"])
    assert second["legal_reference"] == ""
    assert not second["personal_data"]


def test_empty_register_has_the_documented_columns_and_dtypes():
    _assert_documented_frame(empty_register())


def test_file_whose_rows_are_all_rejected_still_gives_the_documented_frame():
    report = read_bytes(csv_bytes(HEADER, [["X1", "", "", "", "", "", "", "", ""]]))
    assert len(report.accepted) == 0
    _assert_documented_frame(report.accepted)


def test_lists_are_stored_pipe_joined_and_defaults_filled_in():
    row = read_bytes(csv_bytes(HEADER, [[*ROWS[0][:3], "environment;research", *ROWS[0][4:]]])).accepted.iloc[0]
    assert row["purpose"] == "environment|research"
    assert (row["status"], row["source"], row["legal_basis"]) == ("active", "register", "none")
    assert bool(row["biometric"]) is False


# --- XLSX -----------------------------------------------------------------------------------------------


def xlsx_bytes(build) -> bytes:
    wb = openpyxl.Workbook()
    build(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _register_workbook(wb: openpyxl.Workbook) -> None:
    ws = wb.active
    ws.title = "Register"
    ws.append([*HEADER, "direction", "active_from", "last_checked"])
    ws.append(["X1", "Camera Markt", "camera", "safety", "images_identifiable", False, "Gemeente Voorbeeldstad",
               52.47, 5.55, 90, date(2025, 3, 1), datetime(2025, 4, 2, 0, 0)])
    ws.append([])
    ws.append([None] * 12)
    ws.append([7, "Luchtmeter", "air", "environment", "environmental", 0, "Gemeente Voorbeeldstad",
               52.4801, 5.5602, None, None, None])
    decoy = wb.create_sheet("Toelichting")
    decoy.append(["id", "name"])
    decoy.append(["NIET", "dit werkblad is het tweede"])
    wb.active = 1  # the register is still the first sheet, whichever sheet was open last


def test_xlsx_first_sheet_is_read_with_numbers_dates_and_empty_rows():
    report = read_bytes(xlsx_bytes(_register_workbook), "register.xlsx")
    assert report.rejected == []
    acc = report.accepted
    assert list(acc["id"]) == ["X1", "7"]
    assert list(acc["row"]) == [2, 5]
    assert acc.iloc[0]["direction"] == 90.0
    assert acc.iloc[0]["active_from"] == pd.Timestamp("2025-03-01")
    assert acc.iloc[0]["last_checked"] == pd.Timestamp("2025-04-02")
    assert (acc.iloc[1].geometry.y, acc.iloc[1].geometry.x) == (52.4801, 5.5602)
    assert list(acc["personal_data"]) == [False, False]
    _assert_documented_frame(acc)


def test_xlsx_is_recognised_by_its_content_whatever_its_name():
    report = read_bytes(xlsx_bytes(_register_workbook), "upload.bin")
    assert list(report.accepted["id"]) == ["X1", "7"]


def test_xlsx_formula_without_a_cached_result_is_read_as_its_text():
    def build(wb):
        wb.active.append(HEADER)
        wb.active.append(["F1", "=1+1", *ROWS[0][2:7], 52.47, 5.55])

    report = read_bytes(xlsx_bytes(build), "register.xlsx")
    assert list(report.accepted["name"]) == ["=1+1"]


def test_xlsx_with_an_empty_first_sheet_is_unreadable():
    with pytest.raises(RegisterReadError):
        read_bytes(xlsx_bytes(lambda wb: None), "register.xlsx")


# --- GeoJSON and GeoPackage -----------------------------------------------------------------------------


def test_geojson_in_wgs84_is_read():
    data = geojson_text(register_frame()).encode()
    report = read_bytes(data, "register.geojson")
    assert report.rejected == []
    assert list(report.accepted["id"]) == ["G1", "G2"]
    assert list(report.accepted["row"]) == [2, 3]
    assert (report.accepted.geometry.iloc[0].x, report.accepted.geometry.iloc[0].y) == pytest.approx((5.55, 52.47))
    assert list(report.accepted["personal_data"]) == [True, False]
    _assert_documented_frame(report.accepted)


@pytest.mark.parametrize("crs_name", ["urn:ogc:def:crs:EPSG::28992", "EPSG:28992"])
def test_geojson_with_an_rd_new_crs_member_is_reprojected(crs_name):
    doc = json.loads(geojson_text(register_frame("EPSG:28992")))
    doc["crs"] = {"type": "name", "properties": {"name": crs_name}}
    report = read_bytes(json.dumps(doc).encode(), "register.geojson")
    assert report.rejected == []
    geom = report.accepted.geometry.iloc[0]
    assert (geom.x, geom.y) == pytest.approx((5.55, 52.47), abs=1e-6)


def test_geojson_in_rd_without_a_crs_member_is_rejected_with_a_hint():
    doc = json.loads(geojson_text(register_frame("EPSG:28992")))
    doc.pop("crs", None)
    report = read_bytes(json.dumps(doc).encode(), "register.geojson")
    assert problems(report) == {(2, "geometry", "outside_area"), (3, "geometry", "outside_area")}
    assert "EPSG:28992" in report.rejected[0].message("en")


def test_geojson_feature_list_values_become_codes_and_a_bad_geometry_is_rejected():
    doc = {"type": "FeatureCollection", "crs": "not an object", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [5.55, 52.47]},
         "properties": dict(zip(HEADER[:7], ROWS[0][:7], strict=True)) | {"purpose": ["environment", "research"]}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": "nonsense"},
         "properties": dict(zip(HEADER[:7], ["B2", *ROWS[0][1:7]], strict=True))},
        "not a feature",
    ]}
    report = read_bytes(json.dumps(doc).encode(), "register.geojson")
    assert list(report.accepted["purpose"]) == ["environment|research"]
    assert {(3, "geometry", "bad_geometry"), (4, "geometry", "bad_geometry")} <= problems(report)


def test_geopackage_in_rd_new_is_read_back_in_wgs84(tmp_path):
    path = tmp_path / "register.gpkg"
    register_frame("EPSG:28992").to_file(path, driver="GPKG", engine="pyogrio")
    report = read_file(path)
    assert report.rejected == []
    assert report.accepted.crs.to_epsg() == 4326
    geom = report.accepted.set_index("id").geometry
    assert (geom["G1"].x, geom["G1"].y) == pytest.approx((5.55, 52.47), abs=1e-6)
    assert (geom["G2"].x, geom["G2"].y) == pytest.approx((5.56, 52.48), abs=1e-6)
    acc = report.accepted.set_index("id")
    assert acc.loc["G1", "active_from"] == pd.Timestamp("2024-03-01")
    assert pd.isna(acc.loc["G2", "active_from"]), "an empty date column cell is no error"
    _assert_documented_frame(report.accepted)


def test_neighbourhoods_in_rd_new_are_reprojected_before_the_check():
    nb = gpd.GeoDataFrame({"code": ["BU1"]}, geometry=[box(5.50, 52.44, 5.60, 52.50)], crs="EPSG:4326")
    report = read_bytes(csv_bytes(HEADER, ROWS), neighbourhoods=nb.to_crs("EPSG:28992"))
    assert report.warnings == []
    far = read_bytes(csv_bytes(HEADER, [[*ROWS[0][:7], "52.37", "4.90"]]), neighbourhoods=nb.to_crs("EPSG:28992"))
    assert [(p.field, p.code) for p in far.warnings] == [("geometry", "outside_neighbourhoods")]


# --- unreadable files -----------------------------------------------------------------------------------


def zip_bomb() -> bytes:
    """A small zip holding a huge run of zeros, named like a worksheet."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z, z.open("xl/worksheets/sheet1.xml", "w") as fh:
        chunk = b"\0" * (1 << 20)
        for _ in range(32):
            fh.write(chunk)
    return out.getvalue()


UNREADABLE = {
    "empty": (b"", "register.csv"),
    "only_spaces": (b" \r\n \n", "register.csv"),
    "binary": (bytes(range(256)) * 8, "register.csv"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "kaart.png"),
    "broken_zip_named_xlsx": (b"PK\x03\x04" + b"\x13\x37" * 200, "register.xlsx"),
    "not_a_zip_named_xlsx": (b"id,name\nA,B\n", "register.xlsx"),
    "zip_without_workbook": (None, "register.xlsx"),
    "broken_json": (b'{"type": "FeatureCollection", "features": [', "register.geojson"),
    "json_not_a_feature_collection": (b'{"type": "Point", "coordinates": [5.5, 52.4]}', "register.geojson"),
    "json_list": (b"[1, 2, 3]", "register.json"),
    "deep_json": (b"[" * 100_000 + b"]" * 100_000, "register.json"),
    "overpass_json": (b'{"version": 0.6, "elements": []}', "overpass.json"),
    "csv_without_known_columns": (b"kolom1;kolom2\nwaarde;waarde\n", "register.csv"),
    "csv_header_not_on_first_row": (b"Register van Voorbeeldstad\n\nid;name\nA;B\n", "register.csv"),
    "broken_gpkg": (b"SQLite format 3\x00" + b"\x00" * 100, "register.gpkg"),
}


def _zip_without_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("notes.txt", "geen werkmap")
    return out.getvalue()


@pytest.mark.parametrize("kind", list(UNREADABLE))
def test_unreadable_file_raises_one_error_with_a_dutch_and_an_english_message(kind):
    data, name = UNREADABLE[kind]
    if data is None:
        data = _zip_without_workbook()
    with pytest.raises(RegisterReadError) as err:
        read_bytes(data, name)
    assert isinstance(err.value, UserFacingError)
    assert err.value.message("nl").strip()
    assert err.value.message("en").strip()
    assert err.value.message("nl") != err.value.message("en")
    assert "Traceback" not in str(err.value)


def test_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the workbook must not be opened")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    data = zip_bomb()
    assert len(data) < 1 << 20
    with pytest.raises(RegisterReadError) as err:
        read_bytes(data, "register.xlsx")
    assert "Excel" in err.value.message("nl")
    assert "Excel" in err.value.message("en")


def test_overpass_json_is_refused_with_the_command_that_converts_it():
    with pytest.raises(RegisterReadError) as err:
        read_bytes(b'{"elements": [{"type": "node", "id": 1, "lat": 52.4, "lon": 5.5}]}', "overpass.json")
    assert "from-osm" in err.value.message("nl")
    assert "from-osm" in err.value.message("en")


def test_missing_file_raises_a_read_error(tmp_path):
    with pytest.raises(RegisterReadError) as err:
        read_file(tmp_path / "bestaat-niet.csv")
    assert "bestaat-niet.csv" in err.value.message("nl")
    assert "bestaat-niet.csv" in err.value.message("en")


def test_folder_raises_a_read_error(tmp_path):
    with pytest.raises(RegisterReadError):
        read_file(tmp_path)


def test_file_above_the_size_limit_is_refused_unread(monkeypatch):
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 100)
    with pytest.raises(RegisterReadError) as err:
        read_bytes(csv_bytes(HEADER, ROWS * 5))
    assert "MB" in err.value.message("en")


# --- format helpers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "name", "expected"), [
    (b"PK\x03\x04rest", "register.csv", "xlsx"), (b"SQLite format 3\x00", "x", "gpkg"),
    (b'\xef\xbb\xbf {"type": "FeatureCollection"}', "x.csv", "geojson"), (b"id;name", "register.xlsx", "xlsx"),
    (b"id;name", "register.txt", "csv"), (b"id,name", "", "csv"),
])
def test_detect_format_trusts_content_before_the_name(data, name, expected):
    assert detect_format(data, name) == expected


@pytest.mark.parametrize(("line", "expected"), [("id;name;lat", ";"), ("id,name,lat", ","), ('id,"a;b;c",lat', ","),
                                               ("id\tname\tlat", "\t"), ("id", ",")])
def test_sniff_delimiter(line, expected):
    assert sniff_delimiter(line) == expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_decode_text(encoding):
    assert decode_text("Zeeëlaan € café".encode(encoding)) == "Zeeëlaan € café"


# --- real data ------------------------------------------------------------------------------------------


SWISS_OVERPASS = "osm_surveillance_switzerland_2023_overpass.json"  # in ../shared/realdata


@pytest.fixture(scope="module")
def swiss_register(tmp_path_factory, realdata: Path) -> Path:
    osm = pytest.importorskip("geo.osm")
    out = tmp_path_factory.mktemp("osm") / "swiss_register.csv"
    result = osm.read_osm(realdata / SWISS_OVERPASS)
    osm.write_register_csv(getattr(result, "rows", result), out)
    return out


def test_osm_swiss_extract_is_all_rejected_as_outside_the_netherlands(swiss_register):
    report = read_file(swiss_register)
    assert len(report.accepted) == 0
    assert report.rows > 1000
    assert set(report.rejected_rows) == {p.row for p in report.rejected if p.code == "outside_area"}


def test_osm_swiss_extract_is_accepted_inside_swiss_neighbourhoods(swiss_register):
    switzerland = gpd.GeoDataFrame({"code": ["CH"]}, geometry=[box(5.9, 45.8, 10.5, 47.9)], crs="EPSG:4326")
    report = read_file(swiss_register, neighbourhoods=switzerland)
    assert not any(p.code == "outside_area" for p in report.rejected)
    assert len(report.accepted) > 1000
    assert set(report.accepted["source"]) == {"osm"}
    assert not set(report.accepted["legal_basis"]) - {"unknown", "none"}, "never guessed"
