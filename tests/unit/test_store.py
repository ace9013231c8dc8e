"""The GeoPackage store: round trip, import log, and all-or-nothing imports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from geo import store
from geo.errors import UserFacingError
from geo.schema import COLUMNS

HEADER = ("id,name,sensor_type,purpose,data_types,personal_data,legal_basis,owner,privacy_statement_url,"
          "lat,lon,active_from,council_decision\n")


def register(folder: Path, n: int, bad: int = 0, name: str = "reg.csv") -> Path:
    lines = [HEADER]
    for i in range(n):
        lines.append(f"C{i},Camera {i},camera,safety|traffic,images_identifiable,ja,public_task,Gemeente Amsterdam,"
                     f"https://a.example/p,52.37{i % 10},4.89{i % 10},2024-01-0{1 + i % 9},Raadsbesluit 1\n")
    for i in range(bad):
        lines.append(f"B{i},Broken,camera,spying,,ja,,Gemeente Amsterdam,,abc,4.9,,\n")
    path = folder / name
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def buurten(realdata: Path) -> Path:
    return realdata / "amsterdam_buurten_gebieden_api.geojson"


def test_import_then_read_gives_the_canonical_register(tmp_path, buurten):
    db = tmp_path / "s.gpkg"
    store.import_register(register(tmp_path, 5), buurten, store=db, municipality="Amsterdam")
    data = store.read_store(db)
    reg = data.registrations
    assert list(reg.columns) == [*COLUMNS, "geometry"]
    assert len(reg) == 5
    assert reg["personal_data"].dtype == bool
    assert pd.api.types.is_datetime64_any_dtype(reg["active_from"])
    assert reg.loc[reg["id"] == "C2", "purpose"].item() == "safety|traffic"
    assert reg.crs.to_epsg() == 4326
    assert len(data.neighbourhoods) == 518
    assert data.municipality == "Amsterdam"
    assert data.version == 1


def test_import_log_records_file_hash_and_counts(tmp_path, buurten):
    db = tmp_path / "s.gpkg"
    path = register(tmp_path, 4, bad=2)
    store.import_register(path, buurten, store=db)
    store.import_register(path, store=db)  # keeps the neighbourhoods of the previous import
    log = store.import_log(db)
    assert [r.version for r in log] == [1, 2]
    assert log[-1].sha256 == store.sha256_file(path)
    assert (log[-1].accepted, log[-1].rejected) == (4, 2)
    assert log[-1].neighbourhoods_file == buurten.name
    assert store.current_version(db) == 2


def test_strict_import_refuses_a_register_with_rejected_rows(tmp_path, buurten):
    db = tmp_path / "s.gpkg"
    store.import_register(register(tmp_path, 3), buurten, store=db)
    with pytest.raises(UserFacingError):
        store.import_register(register(tmp_path, 9, bad=1, name="r2.csv"), store=db, strict=True)
    assert len(store.read_store(db).registrations) == 3


def test_an_import_that_fails_midway_leaves_the_old_register_untouched(tmp_path, buurten, monkeypatch):
    db = tmp_path / "s.gpkg"
    store.import_register(register(tmp_path, 3), buurten, store=db)
    before = db.read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store, "_write_log", boom)  # registrations and neighbourhoods already written
    with pytest.raises(OSError, match="disk full"):
        store.import_register(register(tmp_path, 50, name="big.csv"), store=db)
    assert db.read_bytes() == before
    assert len(store.read_store(db).registrations) == 3
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp.gpkg")]


def test_first_import_without_neighbourhoods_asks_for_them(tmp_path):
    with pytest.raises(UserFacingError) as err:
        store.import_register(register(tmp_path, 1), store=tmp_path / "s.gpkg")
    assert "--neighbourhoods" in err.value.message_nl and "--neighbourhoods" in err.value.message_en


def test_reading_a_missing_store_says_how_to_make_one(tmp_path):
    with pytest.raises(UserFacingError, match="python -m geo import"):
        store.read_store(tmp_path / "none.gpkg")


def test_import_log_is_a_registered_attribute_table(tmp_path, buurten):
    db = tmp_path / "s.gpkg"
    store.import_register(register(tmp_path, 1), buurten, store=db)
    with sqlite3.connect(db) as con:
        kinds = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents").fetchall())
    assert kinds == {"registrations": "features", "neighbourhoods": "features", "import_log": "attributes"}


def test_store_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ZICHTBAAR_DB", str(tmp_path / "x.gpkg"))
    assert store.store_path() == tmp_path / "x.gpkg"
    monkeypatch.delenv("ZICHTBAAR_DB")
    assert store.store_path() == store.DEFAULT_STORE
