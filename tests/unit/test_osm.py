"""OpenStreetMap import: real Swiss Overpass and GeoJSON exports, tag mapping, directions and CSV output."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from geo.codes import codes
from geo.osm import (
    CSV_COLUMNS,
    OsmReadError,
    OsmResult,
    convert_elements,
    parse_direction,
    read_osm,
    write_register_csv,
)
from geo.schema import FIELD_BY_NAME

# Files in ../shared/realdata (the `realdata` fixture).
OVERPASS = "osm_surveillance_switzerland_2023_overpass.json"
GEOJSON = "osm_surveillance_switzerland_2023.geojson"


@pytest.fixture(scope="module")
def overpass(realdata: Path) -> OsmResult:
    return read_osm(realdata / OVERPASS)


@pytest.fixture(scope="module")
def geojson(realdata: Path) -> OsmResult:
    return read_osm(realdata / GEOJSON)


@pytest.fixture(scope="module")
def by_id(overpass) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in overpass.rows}


@pytest.fixture(scope="module")
def raw_elements(realdata: Path) -> list[dict]:
    return json.loads((realdata / OVERPASS).read_text(encoding="utf-8"))


def node(node_id: int = 1, **tags: str) -> dict:
    return {
        "type": "node",
        "id": node_id,
        "lat": 52.37,
        "lon": 4.9,
        "tags": {"man_made": "surveillance", **tags},
    }


def one_row(**tags: str) -> dict[str, str]:
    return convert_elements([node(**tags)]).rows[0]


# --- The Swiss exports ------------------------------------------------------------------------------


def test_overpass_json_gives_2144_rows(overpass):
    assert len(overpass.rows) == 2144
    assert overpass.skipped == {}


def test_geojson_gives_2144_rows(geojson):
    assert len(geojson.rows) == 2144
    assert geojson.skipped == {}


def test_geojson_and_overpass_give_the_same_ids(overpass, geojson):
    assert [r["id"] for r in geojson.rows] == [r["id"] for r in overpass.rows]


def test_geojson_and_overpass_give_the_same_rows(overpass, geojson):
    assert geojson.rows == overpass.rows


def test_ids_are_osm_node_and_the_node_id(by_id):
    assert "osm-node-112376207" in by_id
    assert all(row_id.startswith("osm-node-") for row_id in by_id)


def test_every_row_has_every_register_column_as_text(overpass):
    for row in overpass.rows:
        assert tuple(row) == CSV_COLUMNS
        assert all(isinstance(v, str) for v in row.values())


def test_csv_columns_are_register_fields_plus_lat_lon():
    assert set(CSV_COLUMNS) - {"lat", "lon"} <= set(FIELD_BY_NAME)


def test_the_two_alpr_nodes_become_anpr(overpass, by_id):
    anpr = [r["id"] for r in overpass.rows if r["sensor_type"] == "anpr"]
    assert sorted(anpr) == ["osm-node-2712961963", "osm-node-6928121637"]
    assert by_id["osm-node-2712961963"]["purpose"] == "enforcement"
    assert "licence_plates" in by_id["osm-node-2712961963"]["data_types"].split("|")


def test_every_code_is_in_its_code_list(overpass):
    for row in overpass.rows:
        assert row["sensor_type"] in codes("sensor_type")
        assert set(row["purpose"].split("|")) <= set(codes("purpose"))
        assert set(row["data_types"].split("|")) <= set(codes("data_types"))
        assert row["source"] == "osm"
        assert row["legal_basis"] == "unknown"


def test_cameras_carry_identifiable_images_as_personal_data(by_id):
    row = by_id["osm-node-112376207"]
    assert (row["sensor_type"], row["personal_data"], row["data_types"]) == (
        "camera",
        "yes",
        "images_identifiable",
    )


def test_camera_direction_is_read_for_all_single_directions(raw_elements, by_id):
    with_direction = [e for e in raw_elements if "camera:direction" in e["tags"]]
    assert len(with_direction) == 497
    unread = {
        e["tags"]["camera:direction"] for e in with_direction if not by_id[f"osm-node-{e['id']}"]["direction"]
    }
    # Only the two tags that name several directions stay empty.
    assert unread == {"180, 270", "90;160;270"}


@pytest.mark.parametrize(
    ("node_id", "direction"),
    [
        (112376207, "330"),  # camera:direction=330
        (7484381296, "315"),  # NW
        (7484405429, "90"),  # E
        (4361765461, "180"),  # south
        (5699110681, "220"),  # -140
        (4353583563, "325"),  # 190-100, clockwise
        (7176707339, ""),  # 90;160;270
        (6928121637, "228"),  # no camera:direction, direction=228
    ],
)
def test_known_directions(by_id, node_id, direction):
    assert by_id[f"osm-node-{node_id}"]["direction"] == direction


def test_operator_becomes_owner(by_id):
    assert by_id["osm-node-4512555367"]["owner"] == "SBB"
    assert by_id["osm-node-4400834323"]["owner"] == "Stadt Winterthur"


def test_missing_operator_becomes_onbekend(by_id):
    assert by_id["osm-node-112376207"]["owner"] == "onbekend"


def test_check_date_becomes_last_checked(by_id):
    assert by_id["osm-node-529777903"]["last_checked"] == "2022-09-14"


def test_coordinates_keep_osm_precision(by_id):
    assert (by_id["osm-node-112376207"]["lat"], by_id["osm-node-112376207"]["lon"]) == (
        "47.3902422",
        "8.5150958",
    )


def test_untyped_node_with_camera_tags_is_a_camera(by_id):
    assert by_id["osm-node-1372489009"]["sensor_type"] == "camera"


def test_guard_is_other(by_id):
    assert by_id["osm-node-8193866924"]["sensor_type"] == "other"


def test_description_says_osm_and_not_verified(overpass):
    assert all(
        "OpenStreetMap" in r["description"] and "not verified" in r["description"] for r in overpass.rows
    )


def test_csv_round_trips_through_dictreader(overpass, tmp_path):
    path = tmp_path / "osm.csv"
    write_register_csv(overpass.rows, path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == CSV_COLUMNS
        assert list(reader) == overpass.rows


# --- Tag mapping on single elements -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("tags", "sensor_type", "purpose"),
    [
        ({"surveillance:type": "camera"}, "camera", "safety"),
        ({"surveillance:type": "ALPR"}, "anpr", "enforcement"),
        ({"surveillance:type": "camera", "surveillance": "traffic"}, "camera", "traffic"),
        ({"surveillance:type": "camera", "surveillance:zone": "traffic"}, "camera", "traffic"),
        ({"surveillance:type": "webcam"}, "camera", "services"),
        ({"surveillance:type": "guard"}, "other", "other"),
        ({"camera:mount": "pole"}, "camera", "safety"),
        ({"surveillance": "outdoor"}, "other", "other"),
        ({}, "other", "other"),
    ],
)
def test_sensor_type_and_purpose_from_tags(tags, sensor_type, purpose):
    row = one_row(**tags)
    assert (row["sensor_type"], row["purpose"]) == (sensor_type, purpose)


def test_legal_basis_is_never_guessed():
    assert (
        one_row(**{"surveillance:type": "camera", "operator": "Gemeente Utrecht"})["legal_basis"] == "unknown"
    )


def test_name_carries_the_zone_hint():
    assert one_row(**{"surveillance:type": "camera", "surveillance:zone": "parking"})["name"] == (
        "Camera, zone parking (OpenStreetMap)"
    )


def test_name_without_zone():
    assert one_row(**{"surveillance:type": "ALPR"})["name"] == "Kentekencamera (OpenStreetMap)"


def test_partial_check_date_is_left_empty_rather_than_guessed():
    assert one_row(check_date="2022-05")["last_checked"] == ""


def test_way_without_coordinates_is_skipped_and_counted():
    way = {"type": "way", "id": 5, "tags": {"man_made": "surveillance"}}
    result = convert_elements([node(), way])
    assert [r["id"] for r in result.rows] == ["osm-node-1"]
    assert result.skipped == {"no_coordinates": 1}
    assert result.skipped_elements[0].element == "way/5"


def test_way_with_overpass_center_is_used():
    way = {"type": "way", "id": 5, "center": {"lat": 52.0, "lon": 5.0}, "tags": {"man_made": "surveillance"}}
    assert convert_elements([way]).rows[0]["id"] == "osm-way-5"


def test_untagged_element_is_skipped_as_not_surveillance():
    bare = {"type": "node", "id": 9, "lat": 52.0, "lon": 5.0}
    assert convert_elements([bare]).skipped == {"not_surveillance": 1}


def test_repeated_element_is_skipped_as_duplicate():
    assert convert_elements([node(3), node(3)]).skipped == {"duplicate": 1}


def test_coordinates_out_of_range_are_skipped():
    element = {**node(4), "lat": 152.0}
    assert convert_elements([element]).skipped == {"bad_coordinates": 1}


def test_skip_reasons_have_both_languages():
    skipped = convert_elements([{"type": "way", "id": 5, "tags": {"man_made": "surveillance"}}]).skipped_elements[0]
    assert skipped.message("nl") != skipped.message("en")


# --- Directions -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "degrees"),
    [
        ("0", 0.0),
        ("45", 45.0),
        ("359.5", 359.5),
        ("360", 0.0),
        ("-90", 270.0),
        ("725", 5.0),
        ("90°", 90.0),
        ("N", 0.0),
        ("NNE", 22.5),
        ("NE", 45.0),
        ("ENE", 67.5),
        ("E", 90.0),
        ("SSE", 157.5),
        ("S", 180.0),
        ("SW", 225.0),
        ("W", 270.0),
        ("NNW", 337.5),
        ("nw", 315.0),
        ("north", 0.0),
        ("South", 180.0),
        ("north-east", 45.0),
        ("90-180", 135.0),
        ("0-90", 45.0),
        ("350-10", 0.0),
        ("190-100", 325.0),
        ("NE-SE", 90.0),
        (" 90 - 180 ", 135.0),
    ],
)
def test_parse_direction_reads_degrees_cardinals_and_ranges(value, degrees):
    assert parse_direction(value) == pytest.approx(degrees)


@pytest.mark.parametrize("value", ["", "forward", "90;160;270", "180, 270", "-20-40", "N-forward", "1-2-3"])
def test_parse_direction_leaves_anything_else_empty(value):
    assert parse_direction(value) is None


def test_unparseable_direction_gives_an_empty_cell():
    assert one_row(**{"camera:direction": "forward"})["direction"] == ""


def test_camera_direction_wins_over_direction():
    assert one_row(**{"camera:direction": "90", "direction": "180"})["direction"] == "90"


# --- Other file shapes and bad files ---------------------------------------------------------------


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_elements_wrapper_is_read(tmp_path):
    path = write_json(tmp_path / "o.json", {"version": 0.6, "elements": [node(11)]})
    assert [r["id"] for r in read_osm(path).rows] == ["osm-node-11"]


def test_overpass_turbo_geojson_with_at_id_is_read(tmp_path):
    feature = {
        "type": "Feature",
        "id": "node/12",
        "properties": {"@id": "node/12", "man_made": "surveillance", "surveillance:type": "camera"},
        "geometry": {"type": "Point", "coordinates": [4.9, 52.37]},
    }
    path = write_json(tmp_path / "o.geojson", {"type": "FeatureCollection", "features": [feature]})
    row = read_osm(path).rows[0]
    assert (row["id"], row["lat"], row["lon"], row["sensor_type"]) == (
        "osm-node-12",
        "52.37",
        "4.9",
        "camera",
    )


def test_geojson_with_nested_tags_is_read(tmp_path):
    feature = {
        "type": "Feature",
        "properties": {"type": "node", "id": 13, "tags": {"man_made": "surveillance", "operator": "NS"}},
        "geometry": {"type": "Point", "coordinates": [4.9, 52.37]},
    }
    path = write_json(tmp_path / "o.geojson", {"type": "FeatureCollection", "features": [feature]})
    assert read_osm(path).rows[0]["owner"] == "NS"


def assert_bilingual(error: OsmReadError) -> None:
    assert error.message("nl")
    assert error.message("en")
    assert error.message("nl") != error.message("en")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json at all",
        b'{"type": "Topology"}',
        b'"just a string"',
        b"[1, 2, 3]",
        b"\xff\xfe\x00garbage",
    ],
)
def test_unreadable_file_raises_osm_read_error(tmp_path, content):
    path = tmp_path / "o.json"
    path.write_bytes(content)
    with pytest.raises(OsmReadError) as info:
        read_osm(path)
    assert_bilingual(info.value)


def test_osm_xml_gets_a_hint_to_export_json(tmp_path):
    path = tmp_path / "o.osm"
    path.write_text('<?xml version="1.0"?><osm version="0.6"></osm>', encoding="utf-8")
    with pytest.raises(OsmReadError, match="JSON"):
        read_osm(path)


def test_missing_file_raises_osm_read_error(tmp_path):
    with pytest.raises(OsmReadError) as info:
        read_osm(tmp_path / "nergens.json")
    assert_bilingual(info.value)


# --- CSV output -------------------------------------------------------------------------------------


def test_csv_is_comma_delimited_utf8_with_bom(tmp_path):
    path = tmp_path / "o.csv"
    write_register_csv([one_row(operator="Technopark Zürich")], path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,name,sensor_type,")
    assert "Technopark Zürich".encode() in raw


def test_csv_neutralises_formulas_in_text_but_not_numbers(tmp_path):
    path = tmp_path / "o.csv"
    row = {**one_row(), "owner": "=cmd|'/c calc'!A1", "lon": "-0.5"}
    write_register_csv([row], path)
    read_back = next(csv.DictReader(path.open(encoding="utf-8-sig", newline="")))
    assert read_back["owner"] == "'=cmd|'/c calc'!A1"
    assert read_back["lon"] == "-0.5"


def test_csv_can_keep_text_exactly(tmp_path):
    path = tmp_path / "o.csv"
    write_register_csv([{**one_row(), "owner": "=1+1"}], path, neutralise=False)
    assert next(csv.DictReader(path.open(encoding="utf-8-sig", newline="")))["owner"] == "=1+1"


def test_null_tag_columns_from_gis_exports_count_as_absent(tmp_path):
    feature = {
        "type": "Feature",
        "properties": {"osm_type": "node", "osm_id": 14, "man_made": "surveillance", "operator": None, "name": None},
        "geometry": {"type": "Point", "coordinates": [4.9, 52.37]},
    }
    path = write_json(tmp_path / "o.geojson", {"type": "FeatureCollection", "features": [feature]})
    row = read_osm(path).rows[0]
    assert (row["owner"], row["name"]) == ("onbekend", "Overig (OpenStreetMap)")


def test_geojson_polygon_feature_is_placed_at_a_point_inside_it(tmp_path):
    ring = [[4.90, 52.37], [4.91, 52.37], [4.91, 52.38], [4.90, 52.38], [4.90, 52.37]]
    feature = {
        "type": "Feature",
        "properties": {"@id": "way/15", "man_made": "surveillance"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    path = write_json(tmp_path / "o.geojson", {"type": "FeatureCollection", "features": [feature]})
    row = read_osm(path).rows[0]
    assert row["id"] == "osm-way-15"
    assert 52.37 < float(row["lat"]) < 52.38


def test_geojson_feature_without_geometry_is_skipped(tmp_path):
    feature = {"type": "Feature", "properties": {"@id": "relation/16", "man_made": "surveillance"}, "geometry": None}
    path = write_json(tmp_path / "o.geojson", {"type": "FeatureCollection", "features": [feature]})
    assert read_osm(path).skipped == {"no_coordinates": 1}
