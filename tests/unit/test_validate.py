"""Validation does what REGISTER_FORMAT.md's "Validation" section says, rule by rule.

Each rule gets a register of a valid row (row 2) and a row that breaks it (row 3, header = row 1),
read through geo.readers.read_register as a user's file would be.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyproj import Transformer
from shapely.geometry import Polygon, box

from geo.codes import codes
from geo.links import is_http_url, looks_like_url, url_scheme
from geo.readers import Report, read_register
from geo.schema import FIELDS, Problem, Required, Severity
from geo.validate import (
    ERROR_CODES,
    PROBLEM_CODES,
    READER_CODES,
    WARNING_CODES,
    RowInput,
    Validator,
    parse_date,
    parse_number,
    parse_retention_days,
    problem,
    validate_rows,
)
from tests.fixtures.hostile import EXPECTED, write_hostile_register

TODAY = date(2025, 6, 1)
LOCATION_COLUMNS = ["lat", "lon", "x", "y", "wkt"]
COLUMNS_OUT = [f.name for f in FIELDS] + LOCATION_COLUMNS

AIR = {
    "id": "OK1", "name": "Luchtmeter Markt", "sensor_type": "air", "purpose": "environment",
    "data_types": "environmental", "personal_data": "nee", "owner": "Gemeente Voorbeeldstad",
    "lat": "52.47", "lon": "5.55",
}
CAMERA = {
    "id": "C1", "name": "Camera Stationsplein", "sensor_type": "camera", "purpose": "safety",
    "data_types": "images_identifiable", "personal_data": "ja", "legal_basis": "public_task",
    "owner": "Gemeente Voorbeeldstad", "privacy_statement_url": "https://voorbeeldstad.example/privacy",
    "dpia": "https://voorbeeldstad.example/dpia.pdf", "council_decision": "Raadsbesluit 2024/17",
    "lat": "52.471", "lon": "5.551",
}
DEMO_CITY = gpd.GeoDataFrame({"code": ["BU1"]}, geometry=[box(5.50, 52.44, 5.60, 52.50)], crs="EPSG:4326")
ZURICH = gpd.GeoDataFrame({"code": ["CH1"]}, geometry=[box(8.45, 47.32, 8.62, 47.43)], crs="EPSG:4326")


def register_bytes(rows: list[dict[str, str]], delimiter: str = ";") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS_OUT, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def check(*rows: dict[str, str], neighbourhoods: gpd.GeoDataFrame | None = None, today: date = TODAY) -> Report:
    return read_register(register_bytes(list(rows)), neighbourhoods, filename="register.csv", today=today)


def check_one(neighbourhoods: gpd.GeoDataFrame | None = None, today: date = TODAY, **row: str) -> Report:
    """A register of a valid air sensor (row 2) and `row` (row 3)."""
    return check(AIR, {"id": "X1", **row}, neighbourhoods=neighbourhoods, today=today)


def camera(**changes: str) -> dict[str, str]:
    return {**CAMERA, "id": "X1", **changes}


def air(**changes: str) -> dict[str, str]:
    return {**AIR, "id": "X1", **changes}


def found(problems: list[Problem]) -> set[tuple[int, str, str]]:
    return {(p.row, p.field, p.code) for p in problems}


def assert_rejected(report: Report, fld: str, code: str, row: int = 3) -> Problem:
    assert (row, fld, code) in found(report.rejected), found(report.rejected)
    assert row not in set(report.accepted["row"])
    assert "OK1" in set(report.accepted["id"]), "the valid row beside it is accepted"
    return next(p for p in report.rejected if (p.row, p.field, p.code) == (row, fld, code))


def assert_accepted(report: Report, rid: str = "X1") -> pd.Series:
    assert report.rejected == [], found(report.rejected)
    rows = report.accepted[report.accepted["id"] == rid]
    assert len(rows) == 1
    return rows.iloc[0]


def warnings_of(report: Report, rid: str = "X1") -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in report.warnings if p.id == rid}


# --- messages -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(PROBLEM_CODES))
def test_every_problem_code_has_a_dutch_and_an_english_message(code):
    p = problem(3, "X1", "sensor_type", code, value="x")
    assert p.message("nl").strip()
    assert p.message("en").strip()
    assert p.message("nl") != p.message("en")
    assert "{" not in p.message("nl") + p.message("en"), "every placeholder is filled"


def test_problem_codes_are_errors_or_warnings_never_both():
    assert ERROR_CODES | WARNING_CODES == PROBLEM_CODES
    assert not ERROR_CODES & WARNING_CODES


# --- rejected: required fields, codes, ids --------------------------------------------------------------


REQUIRED = [f.name for f in FIELDS if f.required is Required.YES]


def test_required_fields_are_the_formats():
    assert REQUIRED == ["id", "name", "sensor_type", "purpose", "data_types", "personal_data", "owner"]


@pytest.mark.parametrize("fld", REQUIRED)
def test_missing_required_field_is_rejected_with_row_and_field(fld):
    report = check_one(**air(**{fld: ""}))
    p = assert_rejected(report, fld, "missing_required")
    assert fld in p.message("nl")
    assert fld in p.message("en")


@pytest.mark.parametrize("fld", REQUIRED)
def test_required_field_of_only_spaces_counts_as_missing(fld):
    assert_rejected(check_one(**air(**{fld: "   "})), fld, "missing_required")


def test_missing_location_is_rejected():
    assert_rejected(check_one(**air(lat="", lon="")), "geometry", "missing_geometry")


@pytest.mark.parametrize(("fld", "value"), [
    ("sensor_type", "spycam"), ("purpose", "spying"), ("purpose", "safety|spying"), ("data_types", "faces"),
    ("legal_basis", "because"), ("status", "kapot"), ("source", "twitter"),
])
def test_unknown_code_is_rejected_and_the_message_lists_the_valid_codes(fld, value):
    p = assert_rejected(check_one(**camera(**{fld: value})), fld, "unknown_code")
    for code in codes(fld):
        assert code in p.message("nl")
        assert code in p.message("en")


def test_labels_in_either_language_are_accepted_as_codes():
    row = assert_accepted(check(camera(sensor_type=" kentekencamera ", purpose="Parkeren|Enforcement",
                                       data_types="Kentekens | Licence plates", status="Gepland")))
    assert (row["sensor_type"], row["purpose"], row["data_types"], row["status"]) == (
        "anpr", "parking|enforcement", "licence_plates", "planned")


def test_duplicate_id_rejects_the_second_and_later_rows_but_not_the_first():
    report = check(AIR, air(id="D1"), air(id="D1", name="tweede"), air(id="D1", name="derde"))
    assert list(report.accepted["id"]) == ["OK1", "D1"]
    assert list(report.accepted["row"]) == [2, 3]
    assert found(report.rejected) == {(4, "id", "duplicate_id"), (5, "id", "duplicate_id")}


# --- rejected: coordinates ------------------------------------------------------------------------------


@pytest.mark.parametrize(("fld", "changes"), [
    ("lat", {"lat": "52.4.7"}), ("lon", {"lon": "vijf"}), ("lat", {"lat": "52_47"}), ("lon", {"lon": "inf"}),
    ("x", {"lat": "", "lon": "", "x": "abc", "y": "480000"}),
    ("y", {"lat": "", "lon": "", "x": "155000", "y": "nan"}),
])
def test_coordinate_that_is_not_a_number_is_rejected(fld, changes):
    assert_rejected(check_one(**air(**changes)), fld, "bad_coordinate")


@pytest.mark.parametrize(("fld", "changes"), [
    ("lon", {"lon": ""}), ("y", {"lat": "", "lon": "", "x": "155000", "y": ""}),
])
def test_half_a_coordinate_pair_is_rejected_as_missing(fld, changes):
    assert_rejected(check_one(**air(**changes)), fld, "missing_required")


def test_location_outside_the_netherlands_is_rejected():
    p = assert_rejected(check_one(**air(lat="47.3769", lon="8.5417")), "lat", "outside_area")
    assert "47.3769" in p.message("en")


def test_swapped_lat_and_lon_get_a_hint():
    p = assert_rejected(check_one(**air(lat="5.55", lon="52.47")), "lat", "outside_area")
    assert "verwisseld" in p.message("nl")
    assert "swapped" in p.message("en")


def test_rd_coordinates_in_lat_lon_get_a_hint():
    p = assert_rejected(check_one(**air(lat="480000", lon="155000")), "lat", "outside_area")
    assert "RD" in p.message("nl")
    assert "x" in p.message("nl")
    assert "RD" in p.message("en")
    assert "x and y" in p.message("en")


def test_degrees_in_x_y_get_a_hint():
    p = assert_rejected(check_one(**air(lat="", lon="", x="5.55", y="52.47")), "x", "outside_area")
    assert "lat" in p.message("nl")
    assert "lat" in p.message("en")


def test_rd_x_y_is_accepted_and_converted_to_wgs84():
    x, y = 155000.0, 463000.0
    row = assert_accepted(check(air(lat="", lon="", x=f"{x}", y=f"{y}")))
    lon, lat = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True).transform(x, y)
    assert row.geometry.x == pytest.approx(lon, abs=1e-6)
    assert row.geometry.y == pytest.approx(lat, abs=1e-6)


def test_rd_x_y_with_decimal_commas_is_accepted():
    row = assert_accepted(check(air(lat="", lon="", x="155000,5", y="463000,25")))
    lon, lat = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True).transform(155000.5, 463000.25)
    assert (row.geometry.x, row.geometry.y) == pytest.approx((lon, lat), abs=1e-6)


def test_decimal_comma_in_lat_lon_is_accepted():
    row = assert_accepted(check(air(lat="52,4712", lon="5,5523")))
    assert (row.geometry.y, row.geometry.x) == pytest.approx((52.4712, 5.5523))


def test_lat_lon_and_x_y_that_agree_are_accepted():
    lat, lon = 52.47, 5.55
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True).transform(lon, lat)
    row = assert_accepted(check(air(lat=f"{lat}", lon=f"{lon}", x=f"{x:.1f}", y=f"{y:.1f}")))
    assert (row.geometry.y, row.geometry.x) == pytest.approx((lat, lon))


def test_lat_lon_and_x_y_that_disagree_are_rejected_not_guessed():
    assert_rejected(check_one(**air(x="121000", y="487000")), "x", "conflicting_location")


def test_wkt_point_is_accepted():
    row = assert_accepted(check(air(lat="", lon="", wkt="POINT (5.55 52.47)")))
    assert (row.geometry.x, row.geometry.y) == (5.55, 52.47)


def test_wkt_polygon_is_accepted_for_an_area():
    wkt = "POLYGON ((5.55 52.47, 5.56 52.47, 5.56 52.48, 5.55 52.48, 5.55 52.47))"
    row = assert_accepted(check(air(lat="", lon="", wkt=wkt)))
    assert isinstance(row.geometry, Polygon)


@pytest.mark.parametrize("wkt", ["POINT (5.55 52.47", "PUNT (5.55 52.47)", "<script>x</script>", "POINT (a b)"])
def test_unreadable_wkt_is_rejected(wkt):
    assert_rejected(check_one(**air(lat="", lon="", wkt=wkt)), "wkt", "bad_geometry")


@pytest.mark.parametrize("wkt", ["LINESTRING (5.55 52.47, 5.56 52.48)", "MULTIPOINT ((5.55 52.47), (5.56 52.48))"])
def test_wkt_that_is_no_point_or_area_is_rejected(wkt):
    p = assert_rejected(check_one(**air(lat="", lon="", wkt=wkt)), "wkt", "bad_geometry")
    assert wkt.split(" ")[0].lower() in p.message("en").lower()


def test_wkt_with_lat_lon_order_gets_a_hint():
    p = assert_rejected(check_one(**air(lat="", lon="", wkt="POINT (52.47 5.55)")), "wkt", "outside_area")
    assert "lon lat" in p.message("en")


def test_point_outside_the_netherlands_but_inside_a_given_neighbourhood_is_accepted():
    report = check(air(lat="47.3769", lon="8.5417"), neighbourhoods=ZURICH)
    assert_accepted(report)
    assert warnings_of(report) == set()


# --- rejected: personal data ----------------------------------------------------------------------------


@pytest.mark.parametrize("basis", ["", "none", "n.v.t.", "Niet van toepassing: geen persoonsgegevens"])
def test_personal_data_without_a_legal_basis_is_rejected(basis):
    p = assert_rejected(check_one(**camera(legal_basis=basis)), "legal_basis", "personal_data_without_legal_basis")
    assert "public_task" in p.message("en")


def test_legal_basis_unknown_is_rejected_in_the_municipalitys_register():
    assert_rejected(check_one(**camera(legal_basis="unknown")), "legal_basis", "legal_basis_unknown")


@pytest.mark.parametrize("source", ["osm", "import", "OpenStreetMap"])
def test_legal_basis_unknown_is_accepted_with_a_warning_from_an_import(source):
    report = check(camera(legal_basis="onbekend", source=source))
    row = assert_accepted(report)
    assert row["legal_basis"] == "unknown"
    assert ("legal_basis", "unknown_legal_basis_import") in warnings_of(report)


def test_osm_row_without_legal_basis_is_shown_as_unknown_never_guessed():
    report = check(camera(legal_basis="", privacy_statement_url="", source="osm"))
    assert assert_accepted(report)["legal_basis"] == "unknown"
    assert {("legal_basis", "unknown_legal_basis_import"),
            ("privacy_statement_url", "missing_privacy_statement_import")} <= warnings_of(report)


def test_personal_data_without_privacy_statement_is_rejected():
    assert_rejected(check_one(**camera(privacy_statement_url="")), "privacy_statement_url",
                    "missing_privacy_statement")


def test_no_personal_data_needs_no_legal_basis_and_gets_none():
    assert assert_accepted(check(air(legal_basis="")))["legal_basis"] == "none"


@pytest.mark.parametrize("value", ["misschien", "2", "ja nee"])
def test_personal_data_that_is_not_yes_or_no_is_rejected(value):
    assert_rejected(check_one(**air(personal_data=value)), "personal_data", "bad_boolean")


@pytest.mark.parametrize(("value", "expected"), [("ja", True), ("Nee", False), ("TRUE", True), ("0", False),
                                                 ("yes", True), ("false", False)])
def test_yes_and_no_are_accepted_in_every_documented_spelling(value, expected):
    row = assert_accepted(check(camera(personal_data=value)))
    assert bool(row["personal_data"]) is expected


# --- rejected: links ------------------------------------------------------------------------------------


URL_FIELDS = ["privacy_statement_url", "algorithm_register_url", "dpia", "contact", "council_decision"]
NOT_HTTP = {
    "javascript": "javascript:window.__xss=1",
    "javascript_upper": "  JaVaScRiPt:alert(1)",
    "javascript_tab": "java\tscript:alert(1)",
    "javascript_newline": "java\nscript:alert(1)",
    "javascript_space_after_colon": "javascript: alert(1)",
    "vbscript": "vbscript:msgbox(1)",
    "data": "data:text/html,<script>window.__xss=1</script>",
    "ftp": "ftp://voorbeeldstad.example/besluit.pdf",
    "file": "file:///etc/passwd",
    "relative": "/raad/besluit-2024-17",
    "relative_dot": "../dpia.pdf",
    "protocol_relative": "//evil.example/privacy",
    "unknown_scheme_with_slashes": "foo://bar",
    "www_without_scheme": "www.voorbeeldstad.example/privacy",
}


@pytest.mark.parametrize("fld", URL_FIELDS)
@pytest.mark.parametrize("kind", list(NOT_HTTP))
def test_link_that_is_not_http_is_rejected(fld, kind):
    p = assert_rejected(check_one(**camera(**{fld: NOT_HTTP[kind]})), fld, "bad_url")
    assert "http" in p.message("en")


@pytest.mark.parametrize("fld", ["privacy_statement_url", "algorithm_register_url", "dpia"])
@pytest.mark.parametrize("value", ["https://voorbeeldstad.example/p?a=1&b=2", " HTTP://voorbeeldstad.example "])
def test_http_links_are_accepted(fld, value):
    row = assert_accepted(check(camera(**{fld: value})))
    assert row[fld] == value.strip()


@pytest.mark.parametrize("fld", ["privacy_statement_url", "algorithm_register_url"])
@pytest.mark.parametrize("value", ["privacy.html", "https://", "https://evil.example/<script>", "http://a b.nl"])
def test_url_fields_refuse_what_is_not_a_whole_http_link(fld, value):
    assert_rejected(check_one(**camera(**{fld: value})), fld, "bad_url")


@pytest.mark.parametrize("contact", ["mailto:privacy@voorbeeldstad.example", "tel:+31201234567",
                                     "privacy@voorbeeldstad.example", "+31 20 123 4567", "14 020",
                                     "https://voorbeeldstad.example/contact", "Team Privacy: bel 14 020"])
def test_mail_phone_and_http_contacts_are_accepted(contact):
    assert assert_accepted(check(camera(contact=contact)))["contact"] == contact


@pytest.mark.parametrize("decision", ["Raadsbesluit 2024/17", "RV 2024-17, 12 maart 2024", "Raadsvoorstel:2024-17",
                                      "ECLI:NL:RVS:2020:1234", "https://raad.voorbeeldstad.example/besluit/17"])
def test_plain_text_and_http_council_decisions_are_accepted(decision):
    assert assert_accepted(check(camera(council_decision=decision)))["council_decision"] == decision


@pytest.mark.parametrize(("value", "expected"), [("ja", "yes"), ("nee", "no"), ("yes", "yes")])
def test_dpia_yes_or_no_is_accepted(value, expected):
    assert assert_accepted(check(camera(dpia=value)))["dpia"] == expected


def test_dpia_that_is_neither_yes_no_nor_a_link_is_rejected():
    assert_rejected(check_one(**camera(dpia="misschien")), "dpia", "bad_boolean")


# --- rejected: dates and numbers ------------------------------------------------------------------------


def test_active_until_before_active_from_is_rejected():
    assert_rejected(check_one(**air(active_from="2024-06-01", active_until="2024-01-01")), "active_until",
                    "period_reversed")


@pytest.mark.parametrize(("fld", "value"), [
    ("active_from", "31-02-2024"), ("active_from", "maart 2024"), ("active_until", "2024-13-01"),
    ("active_from", "2024-03-01 of later"), ("last_checked", "gisteren"), ("last_checked", "=TODAY()"),
])
def test_unreadable_date_is_rejected(fld, value):
    assert_rejected(check_one(**air(**{fld: value})), fld, "bad_date")


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-03-01", "2025-03-01"), ("01-03-2025", "2025-03-01"), ("1-3-2025", "2025-03-01"),
    ("01/03/2025", "2025-03-01"), ("2025-03-01 00:00:00", "2025-03-01"), ("2025-03-01T10:30", "2025-03-01"),
])
def test_iso_and_dutch_dates_are_accepted(value, expected):
    row = assert_accepted(check(air(active_from=value)))
    assert row["active_from"] == pd.Timestamp(expected)


@pytest.mark.parametrize(("fld", "value"), [
    ("direction", "400"), ("direction", "-1"), ("direction", "noord"), ("field_of_view", "0"),
    ("field_of_view", "361"), ("range_m", "-5"), ("range_m", "0"), ("retention_days", "28.5"),
    ("retention_days", "-1"),
])
def test_number_out_of_its_range_is_rejected(fld, value):
    assert_rejected(check_one(**camera(**{fld: value})), fld, "bad_number")


def test_numbers_with_decimal_comma_are_accepted():
    row = assert_accepted(check(camera(direction="90,5", field_of_view="45", range_m="12,5")))
    assert (row["direction"], row["field_of_view"], row["range_m"]) == (90.5, 45.0, 12.5)


@pytest.mark.parametrize(("retention", "days"), [("28 dagen", 28), ("28 days", 28), ("4 weken", 28),
                                                 ("1 jaar", 365)])
def test_retention_text_gives_retention_days(retention, days):
    row = assert_accepted(check(camera(retention=retention)))
    assert row["retention"] == retention
    assert row["retention_days"] == days


def test_retention_that_is_no_period_is_kept_as_text_without_days():
    row = assert_accepted(check(camera(retention="zolang nodig")))
    assert row["retention"] == "zolang nodig"
    assert np.isnan(row["retention_days"])


def test_retention_days_column_wins_over_the_text():
    assert assert_accepted(check(camera(retention="28 dagen", retention_days="30")))["retention_days"] == 30


def test_row_with_more_cells_than_columns_is_rejected():
    text = register_bytes([AIR]).decode() + ";".join(air(id="X1").get(c, "") for c in COLUMNS_OUT) + ";extra\n"
    report = read_register(text.encode(), filename="r.csv")
    assert found(report.rejected) == {(3, "", "bad_row")}


# --- warnings -------------------------------------------------------------------------------------------


def test_clean_camera_gets_no_warning():
    report = check(camera())
    assert_accepted(report)
    assert report.warnings == []


def test_location_outside_every_neighbourhood_is_accepted_with_a_warning():
    report = check(air(lat="52.37", lon="4.90"), neighbourhoods=DEMO_CITY)
    assert_accepted(report)
    assert warnings_of(report) == {("geometry", "outside_neighbourhoods")}
    assert all(p.severity is Severity.WARNING for p in report.warnings)


def test_location_inside_a_neighbourhood_gets_no_warning():
    report = check(air(), neighbourhoods=DEMO_CITY)
    assert_accepted(report)
    assert warnings_of(report) == set()


def test_no_neighbourhood_warning_without_neighbourhoods():
    assert warnings_of(check(air(lat="52.37", lon="4.90"))) == set()


def test_biometric_is_accepted_with_a_warning():
    report = check(camera(biometric="ja"))
    assert bool(assert_accepted(report)["biometric"]) is True
    assert warnings_of(report) == {("biometric", "biometric")}


@pytest.mark.parametrize("owner", ["Gemeente Voorbeeldstad", "Provincie Flevoland", "Politie Midden-Nederland",
                                   "Waterschap Zuiderzeeland"])
def test_legitimate_interest_claimed_by_a_public_body_is_accepted_with_a_warning(owner):
    report = check(camera(legal_basis="legitimate_interest", owner=owner))
    assert_accepted(report)
    assert warnings_of(report) == {("legal_basis", "legitimate_interest_public_body")}


def test_legitimate_interest_claimed_by_a_company_gets_no_warning():
    report = check(camera(legal_basis="Gerechtvaardigd belang", owner="ParkeerNu B.V."))
    assert_accepted(report)
    assert warnings_of(report) == set()


def test_expired_end_date_with_status_active_is_accepted_with_a_warning():
    report = check(air(active_from="2024-01-01", active_until="2025-05-31"), today=TODAY)
    assert_accepted(report)
    assert warnings_of(report) == {("active_until", "expired_but_active")}


@pytest.mark.parametrize(("until", "status"), [("2025-06-01", "active"), ("2025-05-31", "inactive"),
                                               ("2025-05-31", "niet actief")])
def test_end_date_not_passed_or_status_not_active_gets_no_warning(until, status):
    report = check(air(active_until=until, status=status), today=TODAY)
    assert_accepted(report)
    assert warnings_of(report) == set()


@pytest.mark.parametrize("dpia", ["", "nee", "no"])
def test_personal_data_without_dpia_is_accepted_with_a_warning(dpia):
    report = check(camera(dpia=dpia))
    assert_accepted(report)
    assert warnings_of(report) == {("dpia", "no_dpia")}


@pytest.mark.parametrize("sensor_type", ["camera", "anpr", "Kentekencamera"])
def test_camera_and_anpr_without_council_decision_are_accepted_with_a_warning(sensor_type):
    report = check(camera(sensor_type=sensor_type, council_decision=""))
    assert_accepted(report)
    assert warnings_of(report) == {("council_decision", "no_council_decision")}


def test_air_sensor_without_council_decision_gets_no_warning():
    report = check(air(council_decision=""))
    assert_accepted(report)
    assert warnings_of(report) == set()


def test_rejected_row_reports_its_errors_not_its_warnings():
    report = check_one(**camera(biometric="ja", lat="abc"))
    assert found(report.rejected) == {(3, "lat", "bad_coordinate")}
    assert warnings_of(report) == set()


def test_row_with_several_errors_reports_them_all():
    report = check_one(**camera(sensor_type="spycam", direction="400", privacy_statement_url="javascript:x"))
    assert found(report.rejected) == {(3, "sensor_type", "unknown_code"), (3, "direction", "bad_number"),
                                      (3, "privacy_statement_url", "bad_url")}


# --- text is data ---------------------------------------------------------------------------------------


TEXT_PAYLOADS = {
    "img": '<img src=x onerror="window.__xss=1">',
    "script": "<script>window.__xss=1</script>",
    "svg": '"><svg onload=window.__xss=1>',
    "hyperlink_formula": '=HYPERLINK("https://evil.example","klik")',
    "formula": "=1+1",
    "plus": "+31 20 555 0100",
    "minus": "-5",
    "at": "@SUM(A1)",
    "rtl": "Camera \u202egnp.exe\u202c שלום",
    "zero_width": "Zero\u200bwidth\u200c\u200d\ufeffend",
    "markdown": "[klik](javascript:alert(1)) **vet**",
    "long": "<b>x</b>" * 1250,
    "multiline": "regel 1\nregel 2",
}
TEXT_FIELDS = ["name", "description", "owner", "legal_reference", "location_description", "contact",
               "council_decision", "retention"]


@pytest.mark.parametrize("kind", list(TEXT_PAYLOADS))
def test_text_with_html_formulas_and_control_characters_is_accepted_unchanged(kind):
    payload = TEXT_PAYLOADS[kind]
    report = check(camera(**dict.fromkeys(TEXT_FIELDS, payload)))
    row = assert_accepted(report)
    for fld in TEXT_FIELDS:
        assert row[fld] == payload, fld


def test_id_with_html_is_kept_as_it_is():
    rid = '<img src=x onerror="window.__xss=1">'
    report = check(camera(id=rid))
    assert list(report.accepted["id"]) == [rid]


# --- nothing dropped silently ---------------------------------------------------------------------------


@pytest.mark.parametrize(("delimiter", "encoding"), [(";", "utf-8"), (",", "cp1252")])
def test_every_row_of_the_hostile_register_is_accepted_or_rejected(tmp_path, delimiter, encoding):
    report = read_register(write_hostile_register(tmp_path, delimiter, encoding), today=TODAY)
    accepted_rows = set(report.accepted["row"])
    rejected_rows = {p.row for p in report.rejected}
    assert not accepted_rows & rejected_rows
    assert len(accepted_rows) + len(rejected_rows) == report.rows == EXPECTED.rows
    assert tuple(report.accepted["id"]) == EXPECTED.accepted_ids
    assert found(report.rejected) == EXPECTED.rejected
    assert {(p.id, p.field, p.code) for p in report.warnings} == EXPECTED.warnings


def test_hostile_register_breaks_every_rule_and_draws_every_warning():
    # The codes of other formats' readers are drawn by their fixtures (tests/unit/test_amsterdam.py).
    assert {code for _, _, code in EXPECTED.rejected} == ERROR_CODES - READER_CODES
    # A neighbourhood warning needs neighbourhoods; the hostile register is checked without them.
    assert {code for _, _, code in EXPECTED.warnings} == WARNING_CODES - {"outside_neighbourhoods"} - READER_CODES


_cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "ja", "nee", "camera", "safety", "public_task", "https://x.nl", "javascript:x",
                     "52.47", "5.55", "155000", "463000", "2025-01-01", "31-12-2020", "<script>", "=1+1"]),
)
_columns = [f.name for f in FIELDS] + LOCATION_COLUMNS


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(st.sampled_from(_columns), _cell, max_size=len(_columns)), min_size=1, max_size=4))
def test_any_row_is_either_accepted_or_has_an_error(rows):
    inputs = [RowInput(n, cells) for n, cells in enumerate(rows, start=2)]
    accepted, errors, warnings = validate_rows(inputs, today=TODAY)
    accepted_rows = {r["row"] for r in accepted}
    error_rows = {p.row for p in errors}
    assert accepted_rows | error_rows == {r.row for r in inputs}
    assert not accepted_rows & error_rows
    assert {p.row for p in warnings} <= accepted_rows


def test_validator_reports_a_file_geometry_error():
    result = Validator(today=TODAY).validate(RowInput(2, dict(AIR), geometry_error="not a feature"))
    assert result.record is None
    assert [(p.field, p.code) for p in result.errors] == [("geometry", "bad_geometry")]


# --- helpers --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("52,3731", 52.3731), (" 4.9 ", 4.9), ("-5", -5.0), ("\u22125", -5.0), ("1e3", 1000.0),
    ("5_2", None), ("\u0665\u0662", None), ("inf", None), ("nan", None), ("1.234,5", None), ("", None),
    ("0x10", None),
])
def test_parse_number_reads_plain_decimals_only(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2025-03-01", date(2025, 3, 1)), ("01-03-2025", date(2025, 3, 1)), ("2025-03-01T00:00:00Z", date(2025, 3, 1)),
    ("2025-03-01 garbage", None), ("2025-02-30", None), ("", None),
])
def test_parse_date_reads_iso_and_dutch_dates_and_nothing_else(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [("28 dagen", 28), ("28 days", 28), ("2 weken", 14),
                                                ("48 uur", 2), ("zolang nodig", None), ("28", None)])
def test_parse_retention_days(text, expected):
    assert parse_retention_days(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("java\tscript:alert(1)", "javascript"), ("\x01 javascript:x", "javascript"), ("DATA:text/html,x", "data"),
    ("foo://bar", "foo"), ("ECLI:NL:HR:2020:1", None), ("Raadsbesluit 2024:17", None), ("plain", None),
])
def test_url_scheme_reads_links_as_a_browser_does(text, expected):
    assert url_scheme(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("https://voorbeeldstad.example", True), ("http://x.nl/a?b=c#d", True), ("https://", False),
    ("https://x.nl/\x00", False), ('https://x.nl/"onmouseover=', False), ("javascript:alert(1)", False),
    ("https:/x.nl", False),
])
def test_is_http_url(text, expected):
    assert is_http_url(text) is expected


@pytest.mark.parametrize(("text", "expected"), [("/a/b", True), ("/ zie site", False), ("www.x.nl", True),
                                                ("Besluit 2024/12", False), ("mailto:a@b.nl", True)])
def test_looks_like_url(text, expected):
    assert looks_like_url(text) is expected
