"""Amsterdam's registers read as they are: the fixtures of each shape give exactly the classification, rejections
and warnings that docs/register-format.md ("Amsterdam's registers") promises, and every source field lands where
it says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely

from geo import amsterdam
from geo.errors import RegisterReadError
from geo.readers import Report, read_register, read_registers
from geo.validate import READER_CODES
from tests.fixtures.amsterdam import (
    API_EXPECTED,
    DEVICES,
    GEMEENTE,
    PRIVACY,
    SCRIPT,
    SHEET_EXPECTED,
    TODAY,
    Expected,
    neighbourhoods,
    write_api_pages,
    write_sheet_csv,
    write_sheet_xlsx,
)


def classified(report: Report) -> dict[str, tuple]:
    return {r["id"]: (int(r["row"]), r["sensor_type"], r["purpose"], r["data_types"], bool(r["personal_data"]),
                      r["legal_basis"], r.geometry.geom_type) for _, r in report.accepted.iterrows()}


def assert_expected(report: Report, expected: Expected) -> None:
    assert classified(report) == expected.accepted
    assert {(p.row, p.field, p.code) for p in report.rejected} == expected.rejected
    assert {(p.row, p.field, p.code) for p in report.warnings} == expected.warnings


def by_id(report: Report, rid: str) -> dict:
    return report.accepted.set_index("id").loc[rid].to_dict()


@pytest.fixture
def api(tmp_path: Path) -> Report:
    return read_registers(write_api_pages(tmp_path), neighbourhoods(), today=TODAY)


@pytest.fixture
def sheet(tmp_path: Path) -> Report:
    return read_registers(write_sheet_csv(tmp_path), neighbourhoods(), today=TODAY)


# ---------------------------------------------------------------- the API


def test_api_pages_give_exactly_the_documented_classification(api: Report) -> None:
    assert_expected(api, API_EXPECTED)
    assert api.rows == len(DEVICES)
    assert api.source == "devices_page1.json, devices_page2.json"


def test_a_plain_list_of_devices_reads_like_the_pages_without_a_count(tmp_path: Path) -> None:
    path = tmp_path / "devices.json"
    path.write_text(json.dumps(DEVICES), encoding="utf-8")
    report = read_register(path, neighbourhoods(), today=TODAY)
    assert classified(report) == API_EXPECTED.accepted
    assert {(p.row, p.field, p.code) for p in report.warnings} == API_EXPECTED.warnings - {(1, "", "pages_missing")}


def test_one_page_is_recognised_by_its_content_and_says_pages_are_missing(tmp_path: Path) -> None:
    first = write_api_pages(tmp_path, split=8)[0]
    report = read_register(first, neighbourhoods(), today=TODAY)
    assert report.rows == 8
    assert sorted(report.accepted["row"]) == [2, 3, 4, 5, 6, 7, 8]
    (missing,) = [p for p in report.warnings if p.code == "pages_missing"]
    assert missing.row == 1 and str(len(DEVICES) + 1) in missing.message("en")


def test_pages_that_hold_every_device_say_nothing_is_missing(tmp_path: Path) -> None:
    report = read_registers(write_api_pages(tmp_path, count=len(DEVICES)), neighbourhoods(), today=TODAY)
    assert "pages_missing" not in {p.code for p in report.warnings}


def test_a_device_without_location_needs_loaded_buurten_for_its_area(tmp_path: Path) -> None:
    report = read_registers(write_api_pages(tmp_path), None, today=TODAY)
    scan = [p for p in report.rejected if p.id == "SCAN-1"]
    assert [(p.row, p.field, p.code) for p in scan] == [(8, "geometry", "no_location")]
    assert "Stadsdeel Centrum" in scan[0].message("nl") and "buurten" in scan[0].message("nl")


def test_the_area_of_a_stadsdeel_is_the_union_of_its_buurten(api: Report) -> None:
    nb = neighbourhoods()
    centrum = shapely.union_all(nb.geometry[nb["code"].str.startswith("BU0363A")].to_numpy())
    assert shapely.equals(api.accepted.set_index("id").geometry["SCAN-1"], centrum)


def test_the_real_centrum_is_its_69_buurten(tmp_path: Path, realdata: Path) -> None:
    from geo.neighbourhoods import read_neighbourhoods

    path = realdata / "amsterdam_buurten_gebieden_api.geojson"
    if not path.is_file():
        pytest.skip("../shared/realdata/amsterdam_buurten_gebieden_api.geojson is not present")
    nb = read_neighbourhoods(path)
    report = read_registers(write_api_pages(tmp_path, DEVICES[6:7], split=1, count=1), nb, today=TODAY)
    (area,) = report.accepted.geometry
    centrum = nb[nb["code"].str.startswith("BU0363A")]
    assert len(centrum) == 69
    assert area.area == pytest.approx(shapely.union_all(centrum.geometry.to_numpy()).area)
    assert [p.code for p in report.warnings if p.field == "geometry"] == ["area_from_region"]


def test_owners_sharing_a_reference_keep_both_devices_with_the_apis_id(api: Report) -> None:
    assert {"1/111", "1/112"} <= set(api.accepted["id"])
    assert by_id(api, "1/112")["owner"] == "Waternet"


# ---------------------------------------------------------------- where each field goes


def test_every_source_field_of_a_device_lands_where_the_docs_say(api: Report) -> None:
    cam = by_id(api, "AMS-CAM-1")
    assert cam["name"] == "Camera AMS-CAM-1"
    assert cam["owner"] == "Gemeente Amsterdam" and cam["contact"] == "verkeersmanagement@amsterdam.nl"
    assert cam["legal_reference"] == "Taak van algemeen belang / openbaar gezag"
    assert cam["privacy_statement_url"] == PRIVACY
    assert cam["location_description"] == "Op de lantaarnpaal bij het monument"
    assert str(cam["active_until"].date()) == "2050-01-01"
    assert cam["source"] == "import" and cam["status"] == "active"
    assert cam["description"].splitlines() == [
        "Wat meet de sensor: Beelden van de Dam", "Doel: Toezicht openbare orde",
        "Thema's: Veiligheid: bewakings- en/of beveiligingscamera",
        "Soort in het Sensorenregister: Optische / camera sensor", "Project: Cameratoezicht / Dam"]


def test_a_private_persons_name_is_not_imported(api: Report) -> None:
    text = api.accepted.drop(columns="geometry").astype(str).to_csv()
    assert GEMEENTE["name"] not in text and "Wim Water" not in text


def test_several_goals_keep_every_goal_ground_and_privacy_statement(api: Report) -> None:
    tel = by_id(api, "TEL-5")
    assert tel["legal_basis"] == "unknown"  # consent and public task: not one ground
    assert tel["legal_reference"] == "Toestemming; Taak van algemeen belang"
    assert tel["privacy_statement_url"] == PRIVACY
    assert "Doel: Drukte meten" in tel["description"] and "Doel: Onderzoek" in tel["description"]
    assert "Privacyverklaring: https://www.amsterdam.nl/privacy/onderzoek" in tel["description"]


def test_a_free_text_legal_ground_is_kept_and_reported_with_its_text(api: Report) -> None:
    anpr = by_id(api, "AMS-ANPR-7")
    assert anpr["legal_basis"] == "unknown"
    assert anpr["legal_reference"] == "Verkeersmanagement in de rol van wegbeheerder"
    (warning,) = [p for p in api.warnings if p.id == "AMS-ANPR-7" and p.field == "legal_basis"]
    assert warning.code == "legal_ground_unmapped"
    assert "Verkeersmanagement in de rol van wegbeheerder" in warning.message("en")


def test_unmapped_values_are_reported_with_their_text_and_kept(api: Report) -> None:
    lidar = by_id(api, "LIDAR-2")
    assert "Soort in het Sensorenregister: Lidar-scanner" in lidar["description"]
    assert "Sport: voetbal" in lidar["description"]
    said = {(p.field, p.params["value"]) for p in api.warnings if p.code == "unmapped_value"}
    assert said == {("sensor_type", "Lidar-scanner"), ("purpose", "Sport: voetbal")}


def test_html_in_text_is_kept_literally(api: Report) -> None:
    air = by_id(api, "LUCHT-<b>4</b>")
    assert f"Wat meet de sensor: {SCRIPT} NO2 en fijnstof" in air["description"]
    assert air["location_description"] == "<b>Dam</b> & omgeving"
    assert air["name"] == "Luchtkwaliteitsensor LUCHT-<b>4</b>"


def test_every_readers_problem_code_is_drawn_by_the_fixtures() -> None:
    drawn = {code for e in (API_EXPECTED, SHEET_EXPECTED) for _, _, code in e.rejected | e.warnings}
    assert READER_CODES <= drawn


# ---------------------------------------------------------------- the bulk sheet


def test_the_bulk_sheet_with_its_owner_file_gives_exactly_the_documented_classification(sheet: Report) -> None:
    assert_expected(sheet, SHEET_EXPECTED)


def test_the_templates_xlsx_reads_the_same_as_its_csv_files(tmp_path: Path, sheet: Report) -> None:
    book = read_register(write_sheet_xlsx(tmp_path), neighbourhoods(), today=TODAY)
    assert_expected(book, SHEET_EXPECTED)
    columns = [c for c in sheet.accepted.columns if c != "geometry"]
    assert book.accepted[columns].equals(sheet.accepted[columns])


def test_the_sheets_fields_land_where_the_docs_say(sheet: Report) -> None:
    first = by_id(sheet, "7079-2296")
    assert first["owner"] == "Gemeente Amsterdam" and first["contact"] == "sensoren@amsterdam.nl"
    assert str(first["active_until"].date()) == "2031-07-06"
    assert first["geometry"].y == pytest.approx(52.3726)  # a decimal comma
    assert "Project: Digitale Gracht" in first["description"]
    chem = by_id(sheet, "7079-2297")
    assert chem["legal_reference"].startswith("Bescherming vitale belangen")
    assert chem["description"].count("Project: ") == 2
    assert f"Opmerking: {SCRIPT}" in by_id(sheet, "OVERIG-1")["description"]
    assert "Pieter" not in sheet.accepted.drop(columns="geometry").astype(str).to_csv()


def test_a_sheet_without_its_owner_is_refused_with_one_sentence(tmp_path: Path) -> None:
    (only,) = write_sheet_csv(tmp_path, with_owner=False)
    with pytest.raises(RegisterReadError) as err:
        read_register(only, neighbourhoods())
    assert err.value.key == "error.amsterdam.no_owner"
    assert "Uw gegevens" in err.value.message("nl")


def test_files_that_do_not_belong_together_are_refused(tmp_path: Path) -> None:
    sheet = write_sheet_csv(tmp_path)
    page = write_api_pages(tmp_path)[0]
    with pytest.raises(RegisterReadError) as err:
        read_registers([page, sheet[0]])
    assert err.value.key == "error.amsterdam.mixed_files"


# ---------------------------------------------------------------- recognising and forcing the format


def test_our_own_geojson_is_not_taken_for_the_api() -> None:
    data = b'{"type": "FeatureCollection", "features": [], "results": []}'
    assert amsterdam.detect(data, "r.geojson", "geojson") is None


def test_a_forced_format_reads_what_the_content_does_not_show(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text(json.dumps([{"id": 9, "kenmerk": "X"}]), encoding="utf-8")
    with pytest.raises(RegisterReadError):
        read_register(path)
    report = read_register(path, fmt=amsterdam.API)
    assert report.rows == 1 and report.accepted.empty
    assert {p.field for p in report.rejected} >= {"id", "sensor_type", "owner"}


def test_a_forced_sheet_without_the_sheets_columns_says_which_are_missing(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("id;name\nA;B\n", encoding="utf-8")
    with pytest.raises(RegisterReadError) as err:
        read_register(path, fmt=amsterdam.SHEET)
    assert err.value.key in {"error.amsterdam.sheet_columns", "error.amsterdam.no_owner"}


def test_a_page_that_is_not_json_is_named(tmp_path: Path) -> None:
    good = write_api_pages(tmp_path)[0]
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(RegisterReadError) as err:
        read_registers([good, bad], fmt=amsterdam.API)
    assert err.value.key == "error.amsterdam.not_json" and "broken.json" in err.value.message("en")


# ---------------------------------------------------------------- one file for the store's import


def _codes(report: Report) -> set[tuple[int, str, str, str]]:
    return {(p.row, p.id, p.field, p.code) for p in [*report.rejected, *report.warnings]}


@pytest.mark.parametrize("shape", ["api", "sheet"])
def test_a_bundle_reads_exactly_like_the_files_it_holds(tmp_path: Path, shape: str) -> None:
    from geo.readers import load_source

    paths = write_api_pages(tmp_path) if shape == "api" else write_sheet_csv(tmp_path)
    direct = read_registers(paths, neighbourhoods(), today=TODAY)
    name, data = amsterdam.bundle([load_source(p) for p in paths], None)
    bundled = read_register(data, neighbourhoods(), filename=name, today=TODAY)
    columns = [c for c in direct.accepted.columns if c != "geometry"]
    assert bundled.accepted[columns].equals(direct.accepted[columns])
    assert _codes(bundled) == _codes(direct)  # missing pages too
