"""A GeoPackage store's snapshots (geo.store.snapshot): written at import, read at start, exactly what the store
holds, and never the wrong one."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geo import store
from geo.dataset import Dataset
from geo.join import assign_neighbourhood, join_positions
from geo.nearby import nearby
from geo.schema import DEMO_NEIGHBOURHOODS, DEMO_REGISTER
from geo.store import snapshot
from geo.store.base import to_dataset
from geo.viewstate import Spot


def from_the_store(db: Path, version: int | None = None) -> Dataset:
    """The register as the GeoPackage itself gives it, without a snapshot."""
    return to_dataset(store.open_store(db).read(version=version), str(db))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.gpkg"
    store.import_register(DEMO_REGISTER, DEMO_NEIGHBOURHOODS, store=path, municipality="Voorbeeldstad")
    return path


def test_an_import_leaves_a_snapshot_and_a_read_gives_exactly_what_the_store_holds(db: Path) -> None:
    parquet, npz = snapshot.paths(store.open_store(db), 1)
    assert parquet.exists() and npz.exists()
    fast, slow = store.read_store(db), from_the_store(db)
    assert set(fast.derived) == {"rd_bounds", "reach", "neighbourhood", "pairs"}
    pd.testing.assert_frame_equal(pd.DataFrame(fast.registrations), pd.DataFrame(slow.registrations))
    assert (fast.municipality, fast.version, fast.updated, fast.source, fast.store) == (
        slow.municipality, slow.version, slow.updated, slow.source, slow.store)
    pd.testing.assert_frame_equal(pd.DataFrame(fast.neighbourhoods), pd.DataFrame(slow.neighbourhoods))
    # What the import worked out is what the app would work out itself.
    codes = assign_neighbourhood(slow.registrations, slow.neighbourhoods)
    assert pd.Series(fast.derived["neighbourhood"]).astype(object).where(lambda c: c.notna(), None).tolist() \
        == codes.tolist()
    pairs = join_positions(slow.registrations, slow.neighbourhoods)
    assert sorted(zip(*fast.derived["pairs"], strict=True)) == sorted(zip(*pairs, strict=True))
    np.testing.assert_array_equal(fast.reach, slow.reach)


def test_near_me_from_a_snapshot_is_near_me_on_the_whole_register(db: Path) -> None:
    fast, slow = store.read_store(db), from_the_store(db)
    for lat, lon in [(52.4703, 5.5497), (52.48, 5.53), (52.46, 5.57)]:
        for radius in (50, 250, 1000):
            spot = Spot(lat, lon)
            assert store.nearby(fast, spot, radius)["id"].tolist() == \
                nearby(slow.registrations, spot, radius)["id"].tolist()
    assert "rd" not in fast.__dict__  # no RD New geometries of the whole register were needed


def test_a_damaged_snapshot_is_read_past_and_made_again(db: Path) -> None:
    parquet, _ = snapshot.paths(store.open_store(db), 1)
    parquet.write_bytes(b"not a parquet file")
    data = store.read_store(db)
    assert len(data.registrations) == len(from_the_store(db).registrations)
    assert parquet.read_bytes()[:4] == b"PAR1"  # written again, for the next start
    assert "rd_bounds" in store.read_store(db).derived


def test_a_snapshot_left_by_a_deleted_store_of_the_same_name_is_never_read(db: Path, tmp_path: Path) -> None:
    kept = tmp_path / "kept"
    shutil.copytree(db.with_name(db.name + ".versions"), kept)
    db.unlink()
    shutil.rmtree(db.with_name(db.name + ".versions"))
    other = tmp_path / "other.csv"
    pd.read_csv(DEMO_REGISTER, sep=None, engine="python").head(7).to_csv(other, index=False)
    store.import_register(other, DEMO_NEIGHBOURHOODS, store=db)
    for name in ("v1.snap1.parquet", "v1.snap1.npz"):  # the old store's snapshot of its version 1, put back
        shutil.copy(kept / name, db.with_name(db.name + ".versions") / name)
    assert len(store.read_store(db).registrations) == 7


def test_a_dropped_version_takes_its_snapshot_along(tmp_path: Path) -> None:
    db = tmp_path / "s.gpkg"
    for _ in range(3):
        store.import_register(DEMO_REGISTER, DEMO_NEIGHBOURHOODS, store=db, keep=2)
    names = sorted(p.name for p in db.with_name(db.name + ".versions").iterdir()
                   if p.name.startswith("v") and not p.name.endswith(".changes.json"))  # geo.changes' records
    assert names == ["v2.gpkg", "v2.snap1.npz", "v2.snap1.parquet", "v3.gpkg", "v3.snap1.npz", "v3.snap1.parquet"]
    assert len(store.read_store(db, version=2).registrations) == len(store.read_store(db).registrations)


def test_a_snapshot_made_batch_by_batch_is_the_one_made_at_once(db: Path) -> None:
    target = store.open_store(db)
    for path in snapshot.paths(target, 1):
        path.unlink()
    assert snapshot.build(target, 1, batch_rows=7)  # the demo's registrations in many small batches
    fast, slow = store.read_store(db), from_the_store(db)
    assert "rd_bounds" in fast.derived
    pd.testing.assert_frame_equal(pd.DataFrame(fast.registrations), pd.DataFrame(slow.registrations))
    pairs = join_positions(slow.registrations, slow.neighbourhoods)
    assert sorted(zip(*fast.derived["pairs"], strict=True)) == sorted(zip(*pairs, strict=True))
    codes = assign_neighbourhood(slow.registrations, slow.neighbourhoods)
    assert pd.Series(fast.derived["neighbourhood"]).astype(object).where(lambda c: c.notna(), None).tolist() \
        == codes.tolist()
    np.testing.assert_array_equal(fast.reach, slow.reach)
