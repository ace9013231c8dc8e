"""Tests of the demo city Voorbeeldstad: deterministic files, a believable mix, valid codes and places."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import date
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Point, shape

from geo import crs
from geo.codes import codes
from geo.demo import (
    AS_OF,
    CBS_MISSING,
    CENTRE_RD,
    CENTRE_WGS84,
    GEMEENTENAAM,
    REGISTER_COLUMNS,
    build_neighbourhoods,
    write_demo,
)
from geo.schema import split_codes


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return write_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def rows(demo_files: tuple[Path, Path]) -> list[dict[str, str]]:
    with demo_files[0].open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def collection(demo_files: tuple[Path, Path]) -> dict:
    return json.loads(demo_files[1].read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def buurten(collection: dict) -> list[dict]:
    return [f["properties"] for f in collection["features"]]


@pytest.fixture(scope="module")
def city(collection: dict) -> shapely.Geometry:
    return shapely.union_all([shape(f["geometry"]) for f in collection["features"]])


def _with(rows: list[dict[str, str]], **cells: str) -> list[dict[str, str]]:
    return [r for r in rows if all(r[k] == v for k, v in cells.items())]


# -- determinism and file format ----------------------------------------------------------


def test_same_seed_writes_identical_bytes(tmp_path: Path) -> None:
    first = write_demo(tmp_path / "a", seed=7)
    second = write_demo(tmp_path / "b", seed=7)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_other_seed_gives_another_city() -> None:
    a, b = build_neighbourhoods(1), build_neighbourhoods(2)
    assert not a.geometry.iloc[0].equals(b.geometry.iloc[0])


def test_write_demo_returns_the_schema_file_names(demo_files: tuple[Path, Path]) -> None:
    assert [p.name for p in demo_files] == ["demo_register.csv", "demo_buurten.geojson"]


@pytest.mark.parametrize("index", [0, 1])
def test_files_are_utf8_without_bom_with_lf_line_endings(demo_files: tuple[Path, Path], index: int) -> None:
    data = demo_files[index].read_bytes()
    data.decode("utf-8")
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    assert data.endswith(b"\n")


def test_register_header_is_the_register_format(demo_files: tuple[Path, Path]) -> None:
    header = demo_files[0].read_text(encoding="utf-8").splitlines()[0]
    assert tuple(header.split(",")) == REGISTER_COLUMNS


# -- neighbourhoods -----------------------------------------------------------------------


def test_neighbourhood_count_is_between_25_and_40(buurten: list[dict]) -> None:
    assert 25 <= len(buurten) <= 40


def test_neighbourhood_properties_are_exactly_the_cbs_fields(buurten: list[dict]) -> None:
    expected = {"buurtcode", "buurtnaam", "wijkcode", "gemeentenaam", "aantal_inwoners"}
    assert all(set(b) == expected for b in buurten)


def test_buurtcodes_are_unique_and_cbs_style_of_gm9999(buurten: list[dict]) -> None:
    bu_codes = [b["buurtcode"] for b in buurten]
    assert len(set(bu_codes)) == len(bu_codes)
    assert all(c.startswith("BU9999") and len(c) == 10 and c[2:].isdigit() for c in bu_codes)
    assert "BU99990001" in bu_codes


def test_buurtcode_lies_in_its_wijk(buurten: list[dict]) -> None:
    assert all(b["buurtcode"][2:8] == b["wijkcode"][2:] for b in buurten)


def test_buurten_form_about_six_wijken(buurten: list[dict]) -> None:
    assert 5 <= len({b["wijkcode"] for b in buurten}) <= 7


def test_buurtnamen_are_unique_and_include_the_landmarks(buurten: list[dict]) -> None:
    names = [b["buurtnaam"] for b in buurten]
    assert len(set(names)) == len(names)
    assert {"Centrum", "Stationskwartier", "Oude Haven"} <= set(names)


def test_every_buurt_belongs_to_the_fictional_municipality(buurten: list[dict]) -> None:
    assert {b["gemeentenaam"] for b in buurten} == {GEMEENTENAAM}
    assert "fictief" in GEMEENTENAAM


def test_collection_is_labelled_as_fictional_demo_data(collection: dict) -> None:
    assert "fictie" in collection["name"].lower()
    assert "Fictieve demodata" in collection["description"]
    assert "Fictional demo data" in collection["description"]


def test_population_is_integer_with_one_zero_and_one_unknown(buurten: list[dict]) -> None:
    population = [b["aantal_inwoners"] for b in buurten]
    assert all(isinstance(p, int) for p in population)
    assert population.count(0) == 1
    assert population.count(CBS_MISSING) == 1


def test_centre_is_denser_than_the_outskirts(demo_files: tuple[Path, Path]) -> None:
    frame = gpd.read_file(demo_files[1]).to_crs("EPSG:28992")
    frame = frame[frame.aantal_inwoners > 0]
    density = frame.aantal_inwoners / frame.area
    centre = frame.buurtnaam == "Centrum"
    assert density[centre].iloc[0] > density[~centre].median()


def test_city_lies_on_flevoland_farmland_and_is_about_6_by_5_km(demo_files: tuple[Path, Path]) -> None:
    frame = gpd.read_file(demo_files[1])
    lon, lat = frame.union_all().centroid.coords[0]
    assert lat == pytest.approx(52.47, abs=0.02)
    assert lon == pytest.approx(5.55, abs=0.03)
    minx, miny, maxx, maxy = frame.to_crs("EPSG:28992").total_bounds
    assert 5_000 < maxx - minx < 7_500
    assert 4_000 < maxy - miny < 6_500


def test_neighbourhoods_are_valid_and_do_not_overlap(collection: dict) -> None:
    polygons = [shape(f["geometry"]) for f in collection["features"]]
    assert all(p.is_valid for p in polygons)
    total = sum(p.area for p in polygons)
    assert shapely.union_all(polygons).area == pytest.approx(total, rel=1e-6)


def test_builder_returns_rd_new() -> None:
    assert build_neighbourhoods().crs.to_epsg() == 28992


# -- registrations: counts and mix ---------------------------------------------------------


def test_registration_count_is_about_2000(rows: list[dict[str, str]]) -> None:
    assert 1_800 <= len(rows) <= 2_200


def test_ids_are_unique(rows: list[dict[str, str]]) -> None:
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("VBS-") for i in ids)


@pytest.mark.parametrize("sensor_type", ["camera", "anpr", "air", "sound", "wifi_bluetooth", "traffic",
                                         "fill_level", "climate", "water", "energy", "presence"])
def test_every_sensor_type_the_issue_names_is_present(rows: list[dict[str, str]], sensor_type: str) -> None:
    assert _with(rows, sensor_type=sensor_type)


def test_fill_level_sensors_are_the_largest_group(rows: list[dict[str, str]]) -> None:
    assert Counter(r["sensor_type"] for r in rows).most_common(1)[0][0] == "fill_level"


def test_cameras_are_concentrated_in_centre_and_station(rows: list[dict[str, str]], collection: dict) -> None:
    areas = {f["properties"]["buurtnaam"]: shape(f["geometry"]) for f in collection["features"]}
    core = shapely.union_all([areas["Centrum"], areas["Stationskwartier"]])
    cameras = [Point(float(r["lon"]), float(r["lat"])) for r in _with(rows, sensor_type="camera")]
    assert sum(core.contains(p) for p in cameras) > len(cameras) / 2


def test_two_scan_car_areas_are_anpr_polygons(rows: list[dict[str, str]]) -> None:
    areas = [r for r in rows if r["wkt"]]
    assert len(areas) == 2
    assert all(r["sensor_type"] == "anpr" and "licence_plates" in split_codes(r["data_types"]) for r in areas)
    assert all(shapely.from_wkt(r["wkt"]).geom_type in ("Polygon", "MultiPolygon") for r in areas)


@pytest.mark.parametrize("owner", ["Gemeente Voorbeeldstad", "Provincie Flevoland", "Waterschap Zuiderzeeland",
                                   "Politie", "ParkeerNu B.V.", "Kennisinstituut Leefbare Stad"])
def test_every_owner_is_present(rows: list[dict[str, str]], owner: str) -> None:
    assert _with(rows, owner=owner)


@pytest.mark.parametrize("basis", ["public_task", "legal_obligation", "consent", "legitimate_interest",
                                   "contract", "none"])
def test_legal_bases_in_use(rows: list[dict[str, str]], basis: str) -> None:
    assert _with(rows, legal_basis=basis)


def test_statuses_are_mostly_active_with_some_planned_and_inactive(rows: list[dict[str, str]]) -> None:
    status = Counter(r["status"] for r in rows)
    assert status["active"] > 0.8 * len(rows)
    assert status["planned"] > 0
    assert status["inactive"] > 0


def test_active_from_is_spread_over_2016_to_2026(rows: list[dict[str, str]]) -> None:
    years = {int(r["active_from"][:4]) for r in rows if r["status"] != "planned"}
    assert set(range(2016, 2027)) <= years


# -- registrations: the deliberately problematic entries -------------------------------------


def test_one_biometric_pilot_with_legal_basis_and_privacy_statement(rows: list[dict[str, str]]) -> None:
    (pilot,) = _with(rows, biometric="ja")
    assert pilot["sensor_type"] == "camera"
    assert pilot["legal_basis"] == "public_task"
    assert pilot["privacy_statement_url"].startswith("https://")


def test_about_eight_cameras_lack_a_council_decision(rows: list[dict[str, str]]) -> None:
    missing = [r for r in rows if r["sensor_type"] in ("camera", "anpr") and not r["council_decision"]]
    assert 6 <= len(missing) <= 10


def test_one_active_registration_has_an_end_date_in_the_past(rows: list[dict[str, str]]) -> None:
    expired = [r for r in _with(rows, status="active") if r["active_until"] and r["active_until"] < str(AS_OF)]
    assert len(expired) == 1


def test_a_couple_process_personal_data_without_dpia(rows: list[dict[str, str]]) -> None:
    assert 2 <= len(_with(rows, personal_data="ja", dpia="nee")) <= 3


def test_one_public_body_claims_legitimate_interest(rows: list[dict[str, str]]) -> None:
    public = [r for r in _with(rows, legal_basis="legitimate_interest") if r["owner"].startswith("Gemeente")]
    assert len(public) == 1


# -- registrations: valid data --------------------------------------------------------------


@pytest.mark.parametrize("field", ["sensor_type", "legal_basis", "status", "source"])
def test_every_code_is_in_its_code_list(rows: list[dict[str, str]], field: str) -> None:
    assert {r[field] for r in rows} <= set(codes(field))


@pytest.mark.parametrize("field", ["purpose", "data_types"])
def test_every_listed_code_is_in_its_code_list(rows: list[dict[str, str]], field: str) -> None:
    used = {c for r in rows for c in split_codes(r[field])}
    assert used <= set(codes(field))
    assert all(split_codes(r[field]) for r in rows)


@pytest.mark.parametrize("field", ["personal_data", "biometric"])
def test_yes_no_fields_say_ja_or_nee(rows: list[dict[str, str]], field: str) -> None:
    assert {r[field] for r in rows} <= {"ja", "nee"}


def test_personal_data_has_a_legal_basis_and_privacy_statement(rows: list[dict[str, str]]) -> None:
    personal = _with(rows, personal_data="ja")
    assert all(r["legal_basis"] not in ("", "none", "unknown") for r in personal)
    assert all(r["privacy_statement_url"].startswith("https://www.") for r in personal)


def test_no_personal_data_means_legal_basis_none(rows: list[dict[str, str]]) -> None:
    assert {r["legal_basis"] for r in _with(rows, personal_data="nee")} == {"none"}


def test_links_and_contacts_are_on_example_domains(rows: list[dict[str, str]]) -> None:
    for column in ("privacy_statement_url", "algorithm_register_url", "contact"):
        assert all(".example" in r[column] for r in rows if r[column])


def test_dates_are_iso_and_periods_run_forward(rows: list[dict[str, str]]) -> None:
    for r in rows:
        start = date.fromisoformat(r["active_from"])
        date.fromisoformat(r["last_checked"])
        if r["active_until"]:
            assert date.fromisoformat(r["active_until"]) > start


def test_cameras_have_direction_field_of_view_and_range(rows: list[dict[str, str]]) -> None:
    cameras = [r for r in rows if r["sensor_type"] == "camera"]
    assert all(0 <= float(r["direction"]) < 360 for r in cameras)
    assert all(0 < float(r["field_of_view"]) <= 360 and float(r["range_m"]) > 0 for r in cameras)


def test_every_row_has_a_point_or_an_area(rows: list[dict[str, str]]) -> None:
    assert all(bool(r["lat"] and r["lon"]) != bool(r["wkt"]) for r in rows)


def test_coordinates_have_six_decimals(rows: list[dict[str, str]]) -> None:
    assert all(len(r[c].split(".")[1]) == 6 for r in rows if r["lat"] for c in ("lat", "lon"))


def test_every_point_lies_inside_a_neighbourhood(rows: list[dict[str, str]], collection: dict) -> None:
    polygons = [shape(f["geometry"]) for f in collection["features"]]
    tree = shapely.STRtree(polygons)
    points = [Point(float(r["lon"]), float(r["lat"])) for r in rows if r["lat"]]
    inside = {int(i) for i in tree.query(points, predicate="within")[0]}
    assert inside == set(range(len(points)))


def test_every_area_lies_inside_the_city(rows: list[dict[str, str]], city: shapely.Geometry) -> None:
    assert all(city.contains(shapely.from_wkt(r["wkt"])) for r in rows if r["wkt"])


def test_descriptions_and_locations_are_filled(rows: list[dict[str, str]]) -> None:
    assert all(r["description"] and r["location_description"] and r["name"] for r in rows)


# -- what validation makes of it --------------------------------------------------------------

EXPECTED_WARNINGS = {"biometric", "no_council_decision", "expired_but_active", "no_dpia",
                     "legitimate_interest_public_body"}


@pytest.fixture(scope="module")
def report(demo_files: tuple[Path, Path]):
    readers = pytest.importorskip("geo.readers")
    return readers.read_register(demo_files[0], neighbourhoods=gpd.read_file(demo_files[1]), today=AS_OF)


def test_read_register_accepts_every_row(report, rows: list[dict[str, str]]) -> None:
    assert report.rejected == []
    assert len(report.accepted) == len(rows)


@pytest.mark.parametrize("code", sorted(EXPECTED_WARNINGS))
def test_read_register_reports_the_deliberate_problem(report, code: str) -> None:
    assert code in {w.code for w in report.warnings}


def test_read_register_reports_no_other_warnings(report) -> None:
    assert {w.code for w in report.warnings} == EXPECTED_WARNINGS


def test_centre_in_rd_new_is_the_centre_in_wgs84() -> None:
    x, y = crs.wgs84_to_rd(*CENTRE_WGS84)
    assert (float(x), float(y)) == pytest.approx(CENTRE_RD, abs=1.0)
