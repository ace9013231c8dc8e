"""The register store on GeoPackage and on PostGIS: the same tests on both, and both give the same answers.

The PostGIS variant connects to $ZICHTBAAR_TEST_PG (a postgresql:// URL; `bash .ci/postgis.sh` makes one)
and works in a schema of its own per test; it is skipped only when that variable is unset.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, box

from geo import store
from geo.crs import rd_to_wgs84
from geo.dataset import Dataset
from geo.errors import UserFacingError
from geo.join import join, join_positions, to_rd
from geo.nearby import nearby
from geo.neighbourhoods import read_neighbourhoods
from geo.schema import COLUMNS, DEMO_NEIGHBOURHOODS, DEMO_REGISTER
from geo.store import gpkg as store_gpkg
from geo.summary import summarise
from geo.viewstate import RADII, Spot
from tests.fixtures.hostile import write_hostile_register
from tests.unit.conftest import postgis_store

HEADER = ("id,name,sensor_type,purpose,data_types,personal_data,legal_basis,owner,privacy_statement_url,"
          "lat,lon,active_from,council_decision\n")


def register(folder: Path, n: int, bad: int = 0, name: str = "reg.csv", prefix: str = "C") -> Path:
    lines = [HEADER]
    for i in range(n):
        lines.append(f"{prefix}{i},Camera {i},camera,safety|traffic,images_identifiable,ja,public_task,"
                     f"Gemeente Amsterdam,https://a.example/p,52.37{i % 10},4.89{i % 10},2024-01-0{1 + i % 9},"
                     "Raadsbesluit 1\n")
    for i in range(bad):
        lines.append(f"B{i},Broken,camera,spying,,ja,,Gemeente Amsterdam,,abc,4.9,,\n")
    path = folder / name
    path.write_text("".join(lines), encoding="utf-8")
    return path


# ---------------------------------------------------------------- the two stores


# The stores themselves (PG_ENV, postgis_store, pg_base, pg_store, target) are in conftest.py.


@pytest.fixture
def buurten() -> Path:
    return DEMO_NEIGHBOURHOODS


@pytest.fixture
def amsterdam(realdata: Path) -> Path:
    return realdata / "amsterdam_buurten_gebieden_api.geojson"


@pytest.fixture
def small_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A five-row stand-in for the demo register: ensure_demo_store's behaviour, without validating 1,965 rows."""
    path = register(tmp_path, 5, name="demo.csv", prefix="D")
    monkeypatch.setattr(store, "DEMO_REGISTER", path)
    return path


def disk_full(*args: object) -> None:
    raise OSError("disk full")


def frames_equal(a: gpd.GeoDataFrame, b: gpd.GeoDataFrame) -> None:
    pd.testing.assert_frame_equal(pd.DataFrame(a).drop(columns="geometry"), pd.DataFrame(b).drop(columns="geometry"))
    assert shapely.equals_exact(a.geometry.array, b.geometry.array, tolerance=0).all()
    assert a.crs == b.crs


def version_tables(url: str) -> list[str]:
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                            "AND tablename ~ '_v[0-9]+$' ORDER BY tablename").fetchall()
    return [r[0] for r in rows]


# ---------------------------------------------------------------- the same behaviour on both stores


def test_import_then_read_gives_the_canonical_register(target, tmp_path, amsterdam):
    store.import_register(register(tmp_path, 5), amsterdam, store=target, municipality="Amsterdam")
    data = store.read_store(target)
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


def test_import_log_records_file_hash_and_counts(target, tmp_path, buurten):
    path = register(tmp_path, 4, bad=2)
    store.import_register(path, buurten, store=target)
    store.import_register(path, store=target)  # keeps the neighbourhoods of the previous import
    log = store.import_log(target)
    assert [r.version for r in log] == [1, 2]
    assert log[-1].sha256 == store.sha256_file(path)
    assert (log[-1].accepted, log[-1].rejected) == (4, 2)
    assert log[-1].neighbourhoods_file == buurten.name
    assert store.current_version(target) == 2


def test_import_log_keeps_time_and_flags(target, tmp_path, buurten):
    _, record = store.import_register(register(tmp_path, 1), buurten, store=target, municipality="Ermelo",
                                      is_demo=True)
    assert store.import_log(target) == [record]
    assert record.imported_at.tzinfo is not None


def test_strict_import_refuses_a_register_with_rejected_rows(target, tmp_path, buurten):
    store.import_register(register(tmp_path, 3), buurten, store=target)
    with pytest.raises(UserFacingError):
        store.import_register(register(tmp_path, 9, bad=1, name="r2.csv"), store=target, strict=True)
    assert len(store.read_store(target).registrations) == 3
    assert store.current_version(target) == 1


def test_an_import_that_fails_midway_leaves_the_old_register_untouched(target, tmp_path, buurten, monkeypatch):
    from geo.store import postgis as store_postgis

    store.import_register(register(tmp_path, 3), buurten, store=target)
    before = store.read_store(target)
    kept = store.versions(target)

    # The last step of each: registrations and neighbourhoods are already written.
    if store.is_url(target):
        monkeypatch.setattr(store_postgis, "_insert_log", disk_full)
    else:
        monkeypatch.setattr(store_gpkg, "_write_log", disk_full)
    with pytest.raises(OSError, match="disk full"):
        store.import_register(register(tmp_path, 50, name="big.csv"), store=target)
    after = store.read_store(target)
    frames_equal(after.registrations, before.registrations)
    assert after.version == 1
    assert store.current_version(target) == 1
    assert store.versions(target) == kept


def test_first_import_without_neighbourhoods_asks_for_them(target, tmp_path):
    with pytest.raises(UserFacingError) as err:
        store.import_register(register(tmp_path, 1), store=target)
    assert "--neighbourhoods" in err.value.message("nl")
    assert "--neighbourhoods" in err.value.message("en")


def test_reading_an_empty_store_says_how_to_make_one(target):
    with pytest.raises(UserFacingError, match="python -m geo import"):
        store.read_store(target)
    assert store.import_log(target) == []
    assert store.current_version(target) == 0


def test_an_import_without_accepted_rows_gives_an_empty_register(target, tmp_path, buurten):
    store.import_register(register(tmp_path, 0, bad=2), buurten, store=target)
    data = store.read_store(target)
    assert list(data.registrations.columns) == [*COLUMNS, "geometry"]
    assert len(data.registrations) == 0
    assert len(data.neighbourhoods) == 32
    assert store.registrations_within(52.47, 5.55, 500, target).empty


def test_a_newer_import_is_what_the_next_read_gives(target, tmp_path, buurten):
    store.import_register(register(tmp_path, 3), buurten, store=target)
    first = store.read_store(target)
    store.import_register(register(tmp_path, 7, name="r2.csv", prefix="N"), store=target)
    second = store.read_store(target)
    assert (first.version, second.version) == (1, 2)
    assert len(second.registrations) == 7
    assert second.registrations["id"].str.startswith("N").all()
    assert second.source == "r2.csv"


def test_ensure_demo_store_imports_the_demo_once(target, small_demo):
    assert store.ensure_demo_store(target) == target
    store.ensure_demo_store(target)
    data = store.read_store(target)
    assert (data.is_demo, data.municipality, data.version) == (True, "Voorbeeldstad", 1)


def test_the_app_loader_refreshes_after_a_newer_import(target, tmp_path, monkeypatch, small_demo):
    from ui import loaders

    monkeypatch.setenv("ZICHTBAAR_DB", str(target))
    monkeypatch.delenv("ZICHTBAAR_REGISTER", raising=False)
    monkeypatch.delenv("ZICHTBAAR_NEIGHBOURHOODS", raising=False)
    loaders._from_store.clear()
    demo = loaders.dataset()
    assert (demo.is_demo, demo.version) == (True, 1)
    assert loaders.dataset() is demo  # cached while the version stays
    store.import_register(register(tmp_path, 4, prefix="V"), DEMO_NEIGHBOURHOODS, store=target)
    fresh = loaders.dataset()
    assert (fresh.is_demo, fresh.version, len(fresh.registrations)) == (False, 2, 4)


# ---------------------------------------------------------------- versions kept, on both stores


def test_every_import_is_kept_and_readable_by_its_version(target, tmp_path, buurten):
    for prefix, n in zip("ABC", (3, 5, 4), strict=True):
        store.import_register(register(tmp_path, n, name=f"{prefix}.csv", prefix=prefix), buurten, store=target)
    assert store.versions(target) == store.import_log(target)
    for version, (prefix, n) in enumerate(zip("ABC", (3, 5, 4), strict=True), start=1):
        data = store.read_store(target, version=version)
        assert (data.version, data.source, len(data.registrations)) == (version, f"{prefix}.csv", n)
        assert data.registrations["id"].str.startswith(prefix).all()
    assert store.read_store(target).version == 3


def test_an_old_version_comes_with_the_log_up_to_it(target, tmp_path, buurten):
    for i in range(3):
        store.import_register(register(tmp_path, 2, name=f"r{i}.csv"), buurten, store=target)
    snap = store.open_store(target).read(version=2)
    assert snap.log == store.import_log(target)[:2]


def test_a_store_keeps_the_last_versions_and_says_which_it_no_longer_keeps(target, tmp_path, buurten):
    for i in range(4):
        store.import_register(register(tmp_path, 2 + i, name=f"r{i}.csv"), buurten, store=target, keep=2)
    assert [r.version for r in store.versions(target)] == [3, 4]
    assert [r.version for r in store.import_log(target)] == [1, 2, 3, 4]  # the log keeps every line
    with pytest.raises(store.VersionUnavailable, match="Version 2 "):
        store.read_store(target, version=2)
    assert len(store.read_store(target, version=3).registrations) == 4


def test_the_versions_kept_default_to_ten_or_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("ZICHTBAAR_KEEP_VERSIONS", raising=False)
    assert store.open_store(tmp_path / "s.gpkg").keep == store.KEEP_VERSIONS == 10
    monkeypatch.setenv("ZICHTBAAR_KEEP_VERSIONS", "3")
    assert store.open_store(tmp_path / "s.gpkg").keep == 3
    assert store.open_store("postgresql://app@db.example/zichtbaar").keep == 3
    monkeypatch.setenv("ZICHTBAAR_KEEP_VERSIONS", "0")
    with pytest.raises(UserFacingError, match="ZICHTBAAR_KEEP_VERSIONS"):
        store.open_store(tmp_path / "s.gpkg")
    with pytest.raises(UserFacingError, match="--keep"):
        store.open_store(tmp_path / "s.gpkg", keep=-1)


# ---------------------------------------------------------------- both stores give the same answers


@pytest.fixture
def both(tmp_path: Path, pg_store: str) -> tuple[Path, str]:
    return tmp_path / "s.gpkg", pg_store


@pytest.fixture(scope="module")
def demo_in_both(tmp_path_factory: pytest.TempPathFactory, pg_base: str) -> Iterator[tuple[Path, str]]:
    """The demo register in a GeoPackage and in PostGIS, for tests that only read."""
    gpkg = tmp_path_factory.mktemp("demo") / "s.gpkg"
    with postgis_store(pg_base) as url:
        _, record = store.import_register(DEMO_REGISTER, DEMO_NEIGHBOURHOODS, store=gpkg)
        store.open_store(url).replace(store.read_store(gpkg).registrations, read_neighbourhoods(DEMO_NEIGHBOURHOODS),
                                      record)
        yield gpkg, url


def test_both_stores_give_back_the_same_hostile_register(both, tmp_path):
    path = write_hostile_register(tmp_path)
    datasets = []
    for target in both:
        report, _ = store.import_register(path, DEMO_NEIGHBOURHOODS, store=target)
        datasets.append(store.read_store(target))
    gpkg, pg = datasets
    assert len(gpkg.registrations) == report.accepted_rows > 0
    frames_equal(pg.registrations, gpkg.registrations)
    frames_equal(pg.neighbourhoods, gpkg.neighbourhoods)


def test_both_stores_keep_awkward_text_alike(both, tmp_path):
    names = ["regel 1\n\\.\nregel 3", 'aanhalings"tekens", komma;puntkomma', "tab\tcr\r\nlf", "nul\x00daarna", ""]
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [5.525 + i * 1e-3, 52.458]},
                 "properties": {"id": f"T{i}", "name": name or "leeg", "description": name, "sensor_type": "air",
                                "purpose": "environment", "data_types": "environmental", "personal_data": "nee",
                                "owner": "Gemeente Voorbeeldstad"}} for i, name in enumerate(names)]
    path = tmp_path / "tekst.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    for target in both:
        store.import_register(path, DEMO_NEIGHBOURHOODS, store=target)
    gpkg, pg = (store.read_store(target) for target in both)
    frames_equal(pg.registrations, gpkg.registrations)
    assert pg.registrations["description"].tolist()[:3] == names[:3]


def test_radius_query_gives_the_same_list_on_both_stores(demo_in_both):
    both = demo_in_both
    reg = store.read_store(both[0]).registrations
    rng = np.random.default_rng(7)
    spots = [(p.y, p.x) for p in reg.geometry.iloc[rng.choice(len(reg), 4, replace=False)]]
    spots.append((52.40, 5.30))  # nothing near
    for (lat, lon), radius in zip(spots, (100, 250, 500, 1000, 250), strict=True):
        gpkg, pg = (store.registrations_within(lat, lon, radius, t) for t in both)
        assert pg["id"].tolist() == gpkg["id"].tolist()
        assert pg["position"].tolist() == gpkg["position"].tolist()
        np.testing.assert_allclose(pg["distance_m"], gpkg["distance_m"], rtol=0, atol=1e-6)
        assert (gpkg["distance_m"] <= radius).all()


def test_radius_query_lists_nearest_first_with_areas_by_their_edge(target):
    x, y = 155_000.0, 463_000.0
    reg = registrations_rd([Point(x + 31, y), box(x + 100, y - 5, x + 200, y + 5), Point(x, y + 30), Point(x, y + 300),
                            box(x - 50, y - 50, x + 50, y + 50)], ids=["b", "area", "a", "far", "covers"])
    put(target, reg, neighbourhoods_rd([box(x - 1000, y - 1000, x + 1000, y + 1000)], ["A"]))
    found = store.registrations_within(52.1551723, 5.3872035, 250, target)
    assert found["id"].tolist() == ["covers", "a", "b", "area"]
    np.testing.assert_allclose(found["distance_m"], [0, 30, 31, 100], atol=0.02)


def test_an_empty_store_finds_nothing_near(target):
    assert store.registrations_within(52.1551723, 5.3872035, 250, target).columns.tolist() == list(store.WITHIN_COLUMNS)
    assert store.registrations_within(52.1551723, 5.3872035, 250, target).empty


# The neighbourhood join on shapes that test its rules: border points, areas that overlap several
# neighbourhoods or only touch one, and shapes outside every neighbourhood.


def registrations_rd(geoms: list, ids: list[str] | None = None) -> gpd.GeoDataFrame:
    rd = gpd.GeoSeries(geoms, crs="EPSG:28992").to_crs("EPSG:4326")
    frame = gpd.GeoDataFrame({"id": ids or [f"R{i}" for i in range(len(geoms))], "row": range(2, len(geoms) + 2)},
                             geometry=rd, crs="EPSG:4326")
    return store.canonical(frame)


def neighbourhoods_rd(geoms: list, codes: list[str]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"code": codes, "name": codes, "population": pd.array([100] * len(codes), "Int64")},
                            geometry=gpd.GeoSeries(geoms, crs="EPSG:28992").to_crs("EPSG:4326"))


def put(target, registrations: gpd.GeoDataFrame, neighbourhoods: gpd.GeoDataFrame) -> None:
    record = store.ImportRecord(1, datetime.now(UTC), "test", "0", None, len(registrations), 0, 0, "", False)
    store.open_store(target).replace(registrations, neighbourhoods, record)


def tricky_register() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The demo buurten, points on their shared corners, and areas that overlap, touch or lie outside."""
    nb = read_neighbourhoods(DEMO_NEIGHBOURHOODS)
    counts: dict[tuple[float, float], int] = {}
    for g in nb.geometry:
        for xy in {tuple(c) for c in shapely.get_coordinates(g)}:
            counts[xy] = counts.get(xy, 0) + 1
    corners = [Point(xy) for xy, n in sorted(counts.items()) if n >= 2][:20]
    rng = np.random.default_rng(3)
    minx, miny, maxx, maxy = nb.total_bounds
    points = [Point(x, y) for x, y in zip(rng.uniform(minx - 0.01, maxx + 0.01, 300),
                                          rng.uniform(miny - 0.01, maxy + 0.01, 300), strict=True)]
    areas = [box(x, y, x + w, y + w) for x, y, w in zip(rng.uniform(minx, maxx, 40), rng.uniform(miny, maxy, 40),
                                                        rng.uniform(0.001, 0.02, 40), strict=True)]
    touching = list(nb.geometry.iloc[:3])  # a buurt's own shape: inside it, touching its neighbours
    outside = [box(maxx + 0.05, maxy + 0.05, maxx + 0.06, maxy + 0.06), Point(maxx + 1, maxy)]
    geoms = [*corners, *points, *areas, *touching, *outside]
    frame = gpd.GeoDataFrame({"id": [f"R{i:03d}" for i in range(len(geoms))], "row": range(2, len(geoms) + 2)},
                             geometry=geoms, crs="EPSG:4326")
    # Reverse the codes' order against the file's: the lowest code must win a shared corner, not the first.
    nb = nb.iloc[::-1].reset_index(drop=True)
    return store.canonical(frame), nb


def test_the_store_joins_neighbourhoods_exactly_as_geo_join(target):
    reg, nb = tricky_register()
    put(target, reg, nb)
    data, (reg_pos, nb_pos) = store.read_joined(target)
    expected = join_positions(data.registrations, data.neighbourhoods)
    assert sorted(zip(reg_pos.tolist(), nb_pos.tolist(), strict=True)) == sorted(
        zip(*(p.tolist() for p in expected), strict=True))
    # The rules were exercised: corners in several buurten, areas in several, something outside.
    polygons = to_rd(data.neighbourhoods)
    first = to_rd(data.registrations.iloc[:20])
    assert max(int(shapely.intersects(polygons, p).sum()) for p in first) >= 2
    assert np.bincount(reg_pos, minlength=len(reg)).max() >= 2
    assert (nb_pos == -1).sum() >= 2


def test_both_stores_give_back_the_same_demo(demo_in_both):
    gpkg, pg = (store.read_store(target) for target in demo_in_both)
    frames_equal(pg.registrations, gpkg.registrations)
    frames_equal(pg.neighbourhoods, gpkg.neighbourhoods)
    assert (pg.version, pg.source, pg.updated) == (gpkg.version, gpkg.source, gpkg.updated)


def test_the_store_summary_equals_geo_summary(demo_in_both):
    data = store.read_store(demo_in_both[0])
    expected = summarise(data.registrations, data.neighbourhoods)
    for target in demo_in_both:
        assert store.summarise(target)[1] == expected


# ---------------------------------------------------------------- the store answers near-me and the join


@pytest.fixture(scope="module", params=["gpkg", "postgis"])
def demo_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo register in a store of each kind, for tests that only read."""
    if request.param == "gpkg":
        path = tmp_path_factory.mktemp("demo") / "s.gpkg"
        store.import_register(DEMO_REGISTER, DEMO_NEIGHBOURHOODS, store=path)
        yield str(path)
        return
    with postgis_store(request.getfixturevalue("pg_base")) as url:
        store.import_register(DEMO_REGISTER, DEMO_NEIGHBOURHOODS, store=url)
        yield url


def near_me_cases(data: Dataset) -> list[tuple[Spot, int]]:
    """Spots near random registrations at every radius, and spots in front of cameras beyond a small radius."""
    rng = np.random.default_rng(11)
    points = data.registrations.geometry.representative_point()
    cases = [(Spot.rounded(points.iloc[k].y + rng.normal(0, 0.001), points.iloc[k].x + rng.normal(0, 0.001)), r)
             for k in rng.choice(len(points), 12, replace=False) for r in RADII]
    reg = data.registrations
    cams = np.flatnonzero((reg["sensor_type"] == "camera").to_numpy() & reg["direction"].notna().to_numpy()
                          & (reg["range_m"].fillna(0) > 40).to_numpy() & (shapely.get_type_id(data.rd) == 0))
    for k in cams[:15]:
        bearing, metres = np.radians(reg["direction"].iloc[k]), 0.8 * reg["range_m"].iloc[k]
        x = shapely.get_x(data.rd[k]) + metres * np.sin(bearing)
        y = shapely.get_y(data.rd[k]) + metres * np.cos(bearing)
        lon, lat = rd_to_wgs84(x, y)
        cases.append((Spot(float(lat), float(lon)), 25))
    return cases


def test_near_me_through_the_store_lists_exactly_what_geo_nearby_lists(demo_store):
    data = store.read_store(demo_store)
    farther = 0
    for spot, radius in near_me_cases(data):
        found = store.nearby(data, spot, radius)
        expected = nearby(data.registrations, spot, radius)
        assert found["id"].tolist() == expected["id"].tolist()
        pd.testing.assert_frame_equal(pd.DataFrame(found), pd.DataFrame(expected))
        farther += int((found["looks_here"] & ~found["within"]).sum())
    assert farther >= 5  # cameras that look at the spot from beyond the radius were found by the store too


def test_the_store_joins_the_loaded_register_exactly_as_geo_join(demo_store):
    data = store.read_store(demo_store)
    reg, nb = data.registrations, data.neighbourhoods
    pairs = store.neighbourhood_pairs(data)
    expected = join_positions(reg, nb)
    assert sorted(zip(*(p.tolist() for p in pairs), strict=True)) == sorted(
        zip(*(p.tolist() for p in expected), strict=True))
    assert summarise(reg, nb, pairs=pairs) == summarise(reg, nb)
    assert join(reg, nb, pairs=pairs).equals(join(reg, nb))


def test_postgis_answers_near_me_and_the_join_in_the_database(pg_store, monkeypatch, small_demo):
    store.ensure_demo_store(pg_store)
    data = store.read_store(pg_store)

    def not_in_memory(*args: object) -> None:
        raise AssertionError("answered in memory")

    monkeypatch.setattr(store, "memory_nearby", not_in_memory)
    monkeypatch.setattr(store, "memory_pairs", not_in_memory)
    spot = Spot(float(data.registrations.geometry.iloc[0].y), float(data.registrations.geometry.iloc[0].x))
    assert len(store.nearby(data, spot, 1000)) == 5  # the small demo's five cameras stand within 1 km
    assert len(store.neighbourhood_pairs(data)[0]) == 5
    assert "rd" not in data.__dict__  # nothing measured the whole register in memory


def test_a_geopackage_answers_near_me_on_the_register_the_app_holds(tmp_path, buurten, monkeypatch):
    db = tmp_path / "s.gpkg"
    store.import_register(register(tmp_path, 5), buurten, store=db)
    data = store.read_store(db)

    def no_reading(*args: object) -> None:
        raise AssertionError("read the file again")

    monkeypatch.setattr(store_gpkg, "_read_once", no_reading)
    assert len(store.nearby(data, Spot(52.372, 4.892), 1000)) == 5
    assert len(store.neighbourhood_pairs(data)[0]) == 5
    # The snapshot brought the RD New bounds worked out at import: near-me needed no RD New geometries.
    assert "rd_bounds" in data.derived and "rd" not in data.__dict__


def test_near_me_is_about_the_version_the_app_holds(target, tmp_path, buurten):
    store.import_register(register(tmp_path, 5), buurten, store=target)
    held = store.read_store(target)
    store.import_register(register(tmp_path, 9, name="r2.csv", prefix="N"), store=target)
    spot = Spot(52.372, 4.892)
    found = store.nearby(held, spot, 1000)
    assert found["id"].tolist() == nearby(held.registrations, spot, 1000)["id"].tolist()
    assert found["id"].str.startswith("C").all() and len(found) > 0
    assert sorted(store.neighbourhood_pairs(held)[0].tolist()) == list(range(5))


def test_near_me_is_worked_out_in_memory_when_the_store_no_longer_keeps_the_version(target, tmp_path, buurten):
    store.import_register(register(tmp_path, 5), buurten, store=target, keep=1)
    held = store.read_store(target)
    store.import_register(register(tmp_path, 9, name="r2.csv", prefix="N"), store=target, keep=1)
    with pytest.raises(store.VersionUnavailable):
        store.read_store(target, version=1)
    spot = Spot(52.372, 4.892)
    assert store.nearby(held, spot, 1000)["id"].tolist() == nearby(held.registrations, spot, 1000)["id"].tolist()


def test_the_app_asks_the_store_it_read_from(target, monkeypatch, small_demo):
    from ui import loaders

    monkeypatch.setenv("ZICHTBAAR_DB", str(target))
    monkeypatch.delenv("ZICHTBAAR_REGISTER", raising=False)
    monkeypatch.delenv("ZICHTBAAR_NEIGHBOURHOODS", raising=False)
    loaders._from_store.clear()
    loaders._neighbourhood_tables.clear()
    data = loaders.dataset()
    asked = []
    opened = store.open_store
    monkeypatch.setattr(store, "open_store", lambda *a, **k: asked.append(a[0]) or opened(*a, **k))
    spot = Spot(52.372, 4.892)
    assert loaders.nearby(data, spot, 250).equals(nearby(data.registrations, spot, 250))
    summaries, _, table = loaders.neighbourhood_tables(data)
    assert summaries == summarise(data.registrations, data.neighbourhoods)
    assert table.equals(join(data.registrations, data.neighbourhoods))
    assert asked == [str(target), str(target)]


# ---------------------------------------------------------------- GeoPackage only


def test_import_log_is_a_registered_attribute_table(tmp_path, buurten):
    db = tmp_path / "s.gpkg"
    store.import_register(register(tmp_path, 1), buurten, store=db)
    with sqlite3.connect(db) as con:
        kinds = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents").fetchall())
    con.close()
    assert kinds == {"registrations": "features", "neighbourhoods": "features", "import_log": "attributes"}


def test_a_failed_geopackage_import_leaves_no_temporary_file(tmp_path, buurten, monkeypatch):
    db = tmp_path / "s.gpkg"
    store.import_register(register(tmp_path, 3), buurten, store=db)
    before = db.read_bytes()
    monkeypatch.setattr(store_gpkg, "_write_log", disk_full)
    with pytest.raises(OSError, match="disk full"):
        store.import_register(register(tmp_path, 5, name="r2.csv"), store=db)
    assert db.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp.gpkg")]


def test_a_geopackage_import_that_fails_after_keeping_its_file_keeps_no_version(tmp_path, buurten, monkeypatch):
    db = tmp_path / "s.gpkg"
    store.import_register(register(tmp_path, 3), buurten, store=db)
    keep_as = store_gpkg._keep_as

    def then_fail(path: Path, kept: Path) -> None:
        keep_as(path, kept)
        raise OSError("disk full")

    monkeypatch.setattr(store_gpkg, "_keep_as", then_fail)
    with pytest.raises(OSError, match="disk full"):
        store.import_register(register(tmp_path, 5, name="r2.csv"), store=db)
    # Version 1 with its snapshot (geo.store.snapshot); nothing of version 2.
    assert sorted(p.name for p in (tmp_path / "s.gpkg.versions").iterdir()) == [
        ".import.lock", "v1.gpkg", "v1.snap1.npz", "v1.snap1.parquet"]
    assert [r.version for r in store.versions(db)] == [1]


def test_a_geopackage_keeps_each_version_as_a_link_to_its_file_not_a_copy(tmp_path, buurten):
    db = tmp_path / "s.gpkg"
    for i in range(2):
        store.import_register(register(tmp_path, 3, name=f"r{i}.csv"), buurten, store=db)
    kept = tmp_path / "s.gpkg.versions"
    assert sorted(p.name for p in kept.glob("v*.gpkg")) == ["v1.gpkg", "v2.gpkg"]
    assert (kept / "v2.gpkg").stat().st_ino == db.stat().st_ino


def test_a_geopackage_from_before_versions_keeps_its_register_as_the_first_version(tmp_path, buurten):
    db = tmp_path / "s.gpkg"
    store.import_register(register(tmp_path, 3), buurten, store=db)
    shutil.rmtree(tmp_path / "s.gpkg.versions")  # as an older Zichtbaar left it
    assert [r.version for r in store.versions(db)] == [1]
    assert len(store.read_store(db, version=1).registrations) == 3
    store.import_register(register(tmp_path, 5, name="r2.csv"), store=db)
    assert [r.version for r in store.versions(db)] == [1, 2]
    assert len(store.read_store(db, version=1).registrations) == 3


def test_store_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ZICHTBAAR_DB", str(tmp_path / "x.gpkg"))
    assert store.store_path() == tmp_path / "x.gpkg"
    monkeypatch.setenv("ZICHTBAAR_DB", "postgresql://app:pw@db.example:5432/zichtbaar")
    assert store.store_path() == "postgresql://app:pw@db.example:5432/zichtbaar"  # a Path would fold the //
    monkeypatch.delenv("ZICHTBAAR_DB")
    assert store.store_path() == store.DEFAULT_STORE


# ---------------------------------------------------------------- PostGIS only


def test_an_import_leaves_only_the_tables_of_the_versions_kept(pg_store, tmp_path, buurten):
    for i in range(3):
        store.import_register(register(tmp_path, 2 + i, name=f"r{i}.csv"), buurten, store=pg_store, keep=2)
    # Each version's facts for lean app servers (geo.store.lean) go with it.
    assert version_tables(pg_store) == ["neighbourhoods_v2", "neighbourhoods_v3", "registration_facts_v2",
                                        "registration_facts_v3", "registrations_v2", "registrations_v3"]


def test_a_failed_postgis_import_leaves_no_tables(pg_store, tmp_path, buurten, monkeypatch):
    from geo.store import postgis as store_postgis

    store.import_register(register(tmp_path, 3), buurten, store=pg_store)
    monkeypatch.setattr(store_postgis, "_insert_log", disk_full)
    with pytest.raises(OSError, match="disk full"):
        store.import_register(register(tmp_path, 5, name="r2.csv"), store=pg_store)
    assert version_tables(pg_store) == ["neighbourhoods_v1", "registration_facts_v1", "registrations_v1"]


def test_old_tables_stay_while_a_reader_holds_them(pg_store, tmp_path, buurten, monkeypatch):
    import psycopg

    from geo.store import postgis as store_postgis

    monkeypatch.setattr(store_postgis, "_CLEANUP_TRIES", 1)
    store.import_register(register(tmp_path, 3), buurten, store=pg_store, keep=1)
    with psycopg.connect(pg_store) as reader:  # a reader between its lock and its last read
        reader.execute("LOCK TABLE import_log IN ACCESS SHARE MODE")
        store.import_register(register(tmp_path, 4, name="r2.csv"), store=pg_store, keep=1)  # not blocked
        assert "registrations_v1" in version_tables(pg_store)
        assert len(reader.execute("SELECT * FROM registrations_v1").fetchall()) == 3
    assert store.open_store(pg_store, keep=1).drop_old_versions() == 3  # its registrations, neighbourhoods, facts
    assert version_tables(pg_store) == ["neighbourhoods_v2", "registration_facts_v2", "registrations_v2"]


def test_a_version_imported_without_the_camera_reach_is_answered_in_memory(pg_store, tmp_path, buurten):
    import psycopg

    store.import_register(register(tmp_path, 5), buurten, store=pg_store)
    with psycopg.connect(pg_store) as conn:  # as a Zichtbaar from before the reach column left it
        conn.execute("ALTER TABLE registrations_v1 DROP COLUMN reach_m")
    data = store.read_store(pg_store)
    spot = Spot(52.372, 4.892)
    with pytest.raises(store.VersionUnavailable, match="older Zichtbaar"):
        store.open_store(pg_store).nearby(*spot.rd, 250, version=1)
    assert store.nearby(data, spot, 250)["id"].tolist() == nearby(data.registrations, spot, 250)["id"].tolist()


def test_app_servers_starting_together_import_the_demo_once(pg_store, small_demo):
    threads = [threading.Thread(target=store.ensure_demo_store, args=(pg_store,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.version for r in store.import_log(pg_store)] == [1]


def test_an_unreachable_database_is_explained_without_its_password(pg_base):
    wrong = pg_base.replace("://", "://nobody:geheim-wachtwoord@", 1) if "@" not in pg_base else \
        pg_base.split("://", 1)[0] + "://nobody:geheim-wachtwoord@" + pg_base.split("@", 1)[1]
    with pytest.raises(UserFacingError) as err:
        store.current_version(wrong)
    assert "geheim-wachtwoord" not in err.value.message("nl") + err.value.message("en")
    assert "nobody:***@" in err.value.message("en")
