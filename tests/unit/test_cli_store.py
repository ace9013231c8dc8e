"""`python -m geo import`, `summary` and `boundaries`: what a municipality runs to load its own data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR

SUMMARY_KEYS = {"code", "name", "population", "area_km2", "total", "per_km2", "per_1000_residents",
                "personal_data", "by_sensor_type", "by_purpose", "by_data_type", "by_legal_basis", "flags",
                "text_nl", "text_en"}


def geo_cli(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **({"ZICHTBAAR_DB": str(db)} if db else {})}
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=PROJECT_DIR, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("store") / "register.gpkg"
    res = geo_cli("import", "data/demo_register.csv", "--neighbourhoods", "data/demo_buurten.geojson",
                  "--municipality", "Voorbeeldstad", db=db)
    assert res.returncode == 0, res.stderr
    assert "Version 1 imported" in res.stdout
    return db


def test_summary_json_has_one_object_per_neighbourhood_and_one_for_outside(demo_store):
    res = geo_cli("summary", "--json", db=demo_store)
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)
    assert all(set(r) == SUMMARY_KEYS for r in rows)
    codes = [r["code"] for r in rows]
    assert codes.count(None) == 1
    assert len(codes) == 32 + 1
    assert sum(r["total"] for r in rows) >= 1900  # areas may count in more than one buurt


def test_summary_table_is_readable_in_english(demo_store):
    res = geo_cli("summary", "--lang", "en", db=demo_store)
    assert res.returncode == 0
    assert "Centrum" in res.stdout and "per km²" in res.stdout


def test_summary_of_files_without_a_store(realdata, tmp_path):
    reg = tmp_path / "r.csv"
    reg.write_text("id,name,sensor_type,purpose,data_types,personal_data,owner,lat,lon\n"
                   "E1,Luchtmeter,air,environment,environmental,nee,Gemeente Ermelo,52.30,5.62\n", encoding="utf-8")
    res = geo_cli("summary", "--json", "--register", str(reg), "--neighbourhoods",
                  str(realdata / "ermelo_cbs_buurten_2021_rd.gpkg"), db=tmp_path / "none.gpkg")
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)
    assert sum(r["total"] for r in rows if r["code"]) == 1
    assert all(r["code"].startswith("BU0233") for r in rows if r["code"])


def test_summary_without_a_store_says_how_to_import(tmp_path):
    res = geo_cli("summary", db=tmp_path / "none.gpkg")
    assert res.returncode == 2
    assert "python -m geo import" in res.stderr
    assert "Traceback" not in res.stderr


def test_import_of_an_unreadable_file_keeps_the_store_and_explains(demo_store, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    res = geo_cli("import", str(bad), db=demo_store)
    assert res.returncode == 2
    assert "Excel" in res.stderr and "Traceback" not in res.stderr
    assert json.loads(geo_cli("summary", "--json", db=demo_store).stdout)


def test_boundaries_offline_says_so_clearly(tmp_path):
    env_proxy = {"https_proxy": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"}
    res = subprocess.run([sys.executable, "-m", "geo", "boundaries", "--gemeente", "GM0363", "-o",
                          str(tmp_path / "b.geojson")], cwd=PROJECT_DIR, env={**os.environ, **env_proxy},
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 2
    assert "PDOK" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "b.geojson").exists()


def test_import_keeps_as_many_versions_as_asked(tmp_path):
    db = tmp_path / "register.gpkg"
    for _ in range(3):
        res = geo_cli("import", "data/demo_register.csv", "--neighbourhoods", "data/demo_buurten.geojson",
                      "--keep", "2", db=db)
        assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in (tmp_path / "register.gpkg.versions").glob("v*.gpkg")) == ["v2.gpkg", "v3.gpkg"]
    res = geo_cli("import", "data/demo_register.csv", "--keep", "0", db=db)
    assert res.returncode == 2 and "--keep" in res.stderr and "Traceback" not in res.stderr
