"""Fuzzing the register readers: random and mutated CSV, GeoJSON and XLSX never crash a reader.

Each input yields either a validation report (every row accepted or rejected) or the one clear
unreadable-file error in Dutch and English; no other exception escapes.
"""

from __future__ import annotations

import io
import json
import random

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.errors import UserFacingError
from geo.readers import read_register
from tests.fixtures.hostile import hostile_csv_text

FUZZ = settings(max_examples=120, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SEED_CSV = hostile_csv_text(";").encode("utf-8")


def outcome(data: bytes, name: str) -> str:
    """'report' or 'unreadable'; anything else propagates and fails the test."""
    try:
        report = read_register(data, filename=name)
    except UserFacingError as err:
        assert err.message("nl").strip() and err.message("en").strip()
        assert "Traceback" not in err.message("nl") + err.message("en")
        return "unreadable"
    rejected_rows = {p.row for p in report.rejected}
    accepted_rows = set(report.accepted["row"])
    assert not rejected_rows & accepted_rows
    assert len(accepted_rows) + len(rejected_rows) == report.rows  # nothing dropped silently
    return "report"


def mutate(seed: bytes, rnd: random.Random, n: int) -> bytes:
    data = bytearray(seed)
    for _ in range(n):
        op = rnd.randrange(4)
        pos = rnd.randrange(len(data) + 1)
        if op == 0 and data:
            del data[pos: pos + rnd.randrange(1, 40)]
        elif op == 1:
            data[pos:pos] = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 8)))
        elif op == 2:
            data[pos:pos] = rnd.choice([b";", b",", b'"', b"\n", b"\r", b"|", b"\x00", b"\xff", b"\xef\xbb\xbf"])
        elif data:
            data[min(pos, len(data) - 1)] = rnd.randrange(256)
    return bytes(data)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_as_csv(data: bytes) -> None:
    outcome(data, "register.csv")


@FUZZ
@given(st.text(alphabet=st.sampled_from(list(';,"|\n\r\t =+-@<>abcxyz0123456789.,é€\u202e\u200b')), max_size=600))
def test_random_text_under_a_valid_header(body: str) -> None:
    header = "id;name;sensor_type;purpose;data_types;personal_data;owner;lat;lon\n"
    outcome((header + body).encode("utf-8"), "register.csv")


@FUZZ
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=1, max_value=30))
def test_mutated_hostile_csv(seed: int, n: int) -> None:
    outcome(mutate(SEED_CSV, random.Random(seed), n), "register.csv")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20)


@FUZZ
@given(json_values)
def test_random_json_as_geojson(value: object) -> None:
    outcome(json.dumps(value).encode(), "register.geojson")


@FUZZ
@given(st.lists(st.fixed_dictionaries({
    "type": st.sampled_from(["Feature", "feature", "Point", None]),
    "geometry": st.one_of(st.none(), json_values, st.fixed_dictionaries({
        "type": st.sampled_from(["Point", "Polygon", "LineString", "MultiPolygon", "Nope"]),
        "coordinates": json_values})),
    "properties": st.one_of(st.none(), json_values, st.fixed_dictionaries({
        "id": json_values, "name": json_values, "sensor_type": json_values, "purpose": json_values,
        "personal_data": json_values, "owner": json_values})),
}), max_size=6))
def test_random_features_in_a_feature_collection(features: list[dict]) -> None:
    doc = {"type": "FeatureCollection", "features": features}
    outcome(json.dumps(doc).encode(), "register.geojson")


def _xlsx(rows: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


cell = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**12, max_value=10**12),
                 st.floats(allow_nan=False, allow_infinity=False), st.dates(),
                 st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30))


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cell, max_size=10), max_size=8))
def test_random_cells_in_an_xlsx(rows: list[list[object]]) -> None:
    header = ["id", "name", "sensor_type", "purpose", "data_types", "personal_data", "owner", "lat", "lon"]
    outcome(_xlsx([header, *rows]), "register.xlsx")


XLSX_SEED = _xlsx([["id", "name", "sensor_type", "purpose", "data_types", "personal_data", "owner", "lat", "lon"],
                   ["A1", "Camera", "camera", "safety", "images_identifiable", "nee", "Gemeente", 52.47, 5.55]])


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=1, max_value=20))
def test_mutated_xlsx_bytes(seed: int, n: int) -> None:
    outcome(mutate(XLSX_SEED, random.Random(seed), n), "register.xlsx")
