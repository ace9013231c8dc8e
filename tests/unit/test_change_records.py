"""What changed at an import, kept beside its version (geo.change_records, geo.changelog): written once, read by
the pages and the feeds without any older register, made when missing, never taken from another store."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo import change_records, changelog, changes, store
from geo.change_records import record_path
from geo.changes import in_neighbourhood, work_out
from geo.feeds import entries
from geo.schema import DEMO_NEIGHBOURHOODS
from tests.unit.conftest import postgis_store
from tests.unit.test_changes import ELSEWHERE, EXPECTED, row, write

FIRST = [row("C0", "Camera nul"), row("C1", "Camera een"), row("C2", "Camera twee"), row("C3", "Camera drie")]
SECOND = [row("C1", "Camera één"), row("C2", "Camera twee", at=ELSEWHERE), row("C3", "Camera drie", owner="Politie"),
          row("N1", "Nieuwe camera")]


@pytest.fixture
def at_import(monkeypatch: pytest.MonkeyPatch) -> None:
    """The call geo.store._after_import makes after each import (issue 17); a stand-in while it does not yet."""
    if hasattr(store, "prepare_changes"):
        return
    original = store._after_import

    def after_import(target, written) -> None:
        original(target, written)
        if written is not None:
            name = target.path if isinstance(target, store.GeoPackageStore) else target.url
            change_records.prepare(target, written.version, lambda v: store.read_store(name, version=v))

    monkeypatch.setattr(store, "_after_import", after_import)


def two_imports(db: Path, folder: Path, first: list[str] = FIRST, second: list[str] = SECOND) -> None:
    store.import_register(write(folder, "v1.csv", first), DEMO_NEIGHBOURHOODS, store=db)
    store.import_register(write(folder, "v2.csv", second), DEMO_NEIGHBOURHOODS, store=db)


def no_register_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, reading any register of the store fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"a register was read: {args} {kwargs}")

    monkeypatch.setattr(store, "read_store", refuse)
    monkeypatch.setattr(changelog, "read_store", refuse)


def record(db: Path, version: int) -> dict:
    return json.loads(record_path(store.open_store(db).folder, version).read_text(encoding="utf-8"))


def test_a_second_import_writes_what_changed_beside_its_version(at_import, tmp_path: Path) -> None:
    db = tmp_path / "s.gpkg"
    store.import_register(write(tmp_path, "v1.csv", FIRST), DEMO_NEIGHBOURHOODS, store=db)
    assert not record_path(store.open_store(db).folder, 1).exists()  # a first import: nothing to compare
    store.import_register(write(tmp_path, "v2.csv", SECOND), DEMO_NEIGHBOURHOODS, store=db)
    kept = record(db, 2)
    assert set(kept) == {"format", "identity", "from", "to", "imported_at", "added", "removed", "changed", "lines",
                         "codes"}
    assert {k: kept[k] for k in ("from", "to", "added", "removed")} == {"from": 1, "to": 2, "added": ["N1"],
                                                                          "removed": ["C0"]}
    assert kept["changed"] == EXPECTED["changed"]
    log = store.import_log(db)[-1]
    assert kept["identity"] == change_records.identity(log) and kept["imported_at"] == log.imported_at.isoformat()
    assert ["added", "N1", "Nieuw: Nieuwe camera (N1)"] in kept["lines"]["nl"]
    assert ["added", "N1", "New: Nieuwe camera (N1)"] in kept["lines"]["en"]
    assert set(kept["codes"]) == {"N1", "C0", "C1", "C2", "C3"}
    assert len(kept["codes"]["C2"]) == 2 and "BU99990001" in kept["codes"]["C2"]  # moved: both neighbourhoods


def test_the_pages_and_the_feeds_read_it_without_any_older_register(at_import, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.gpkg"
    two_imports(db, tmp_path)
    new, old = store.read_store(db), store.read_store(db, version=1)
    expected = work_out(old, new, change_records.identity(store.import_log(db)[-1]))
    no_register_read(monkeypatch)
    found = changelog.last_import(new)
    assert found == expected
    assert in_neighbourhood(found, "BU99990001").as_json() == EXPECTED
    feed = entries(db, "en")
    assert [(e.version, e.kind, e.id) for e in feed] == [(2, k, i) for k, i, _ in expected.items(lang="en")]
    assert next(e for e in feed if e.id == "C2").codes == expected.codes["C2"]


def test_a_missing_record_is_made_once_and_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.gpkg"
    two_imports(db, tmp_path)
    path = record_path(store.open_store(db).folder, 2)
    path.unlink(missing_ok=True)  # a store written by an older Zichtbaar
    new = store.read_store(db)
    made = changelog.last_import(new)
    assert made is not None and made.changes.as_json() == EXPECTED
    assert path.exists()
    no_register_read(monkeypatch)
    assert changelog.last_import(new) == made
    assert len(entries(db)) == 5


def test_a_record_left_by_a_deleted_store_of_the_same_name_is_never_taken(at_import, tmp_path: Path) -> None:
    db = tmp_path / "s.gpkg"
    two_imports(db, tmp_path)
    folder = store.open_store(db).folder
    stale = tmp_path / "stale.json"
    shutil.copy(record_path(folder, 2), stale)
    db.unlink()
    shutil.rmtree(folder)
    two_imports(db, tmp_path, [row("X1", "Camera X")], [row("X1", "Camera X"), row("X2", "Camera Y")])
    shutil.copy(stale, record_path(folder, 2))  # the old store's record of its version 2, put back
    found = changelog.last_import(store.read_store(db))
    assert found is not None
    assert (found.changes.added, found.changes.removed, found.changes.changed) == (("X2",), (), ())
    log = store.import_log(db)[-1]
    assert record(db, 2)["identity"] == change_records.identity(log)  # made anew for this store, and written
    assert [e.id for e in entries(db)] == ["X2"]


def test_a_version_whose_predecessor_is_no_longer_kept_has_no_changes(at_import, tmp_path: Path) -> None:
    db = tmp_path / "s.gpkg"
    store.import_register(write(tmp_path, "v1.csv", FIRST), DEMO_NEIGHBOURHOODS, store=db, keep=1)
    store.import_register(write(tmp_path, "v2.csv", SECOND), DEMO_NEIGHBOURHOODS, store=db, keep=1)
    assert changelog.last_import(store.read_store(db)) is None
    assert entries(db) == []


def test_a_dropped_version_takes_its_record_along(at_import, tmp_path: Path) -> None:
    db = tmp_path / "s.gpkg"
    for k in range(4):
        store.import_register(write(tmp_path, f"v{k}.csv", [row("C0", f"Camera {k}")]), DEMO_NEIGHBOURHOODS,
                              store=db, keep=2)
    folder = store.open_store(db).folder
    assert sorted(p.name for p in folder.glob("v*.changes.json")) == ["v3.changes.json", "v4.changes.json"]
    assert [found.changes.to_version for found in changelog.recorded(db)] == [4]  # v3's predecessor is gone


def test_a_huge_import_keeps_every_change_and_the_lines_of_the_first(at_import, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(changes, "LINES_KEPT", 2)
    db = tmp_path / "s.gpkg"
    two_imports(db, tmp_path)
    kept = record(db, 2)
    assert [len(kept["lines"][lang]) for lang in ("nl", "en")] == [2, 2]
    found = changelog.last_import(store.read_store(db))
    assert len(found.items(lang="nl")) == 5  # every change is told; past the kept lines by its id
    assert ("changed", "C3", "Veranderd: C3 (C3): eigenaar") in found.items(lang="nl")


# ---------------------------------------------------------------- PostGIS: a table in the register's schema


@pytest.fixture
def pg(pg_base: str) -> Iterator[str]:
    with postgis_store(pg_base) as url:
        yield url


def table(url: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(f"SELECT version, identity FROM {change_records.TABLE} ORDER BY version").fetchall()


def test_postgis_keeps_what_changed_in_a_table_the_app_reads(at_import, pg: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    two_imports(pg, tmp_path)
    assert table(pg) == [(2, change_records.identity(store.import_log(pg)[-1]))]
    new = store.read_store(pg)
    no_register_read(monkeypatch)
    assert changelog.last_import(new).changes.as_json() == EXPECTED
    assert len(entries(pg)) == 5


def test_postgis_never_takes_a_row_made_for_another_import(at_import, pg: str, tmp_path: Path) -> None:
    import psycopg

    two_imports(pg, tmp_path)
    with psycopg.connect(pg) as conn:
        conn.execute(f"UPDATE {change_records.TABLE} SET identity = '2|2000-01-01T00:00:00+00:00|x', "
                     "record = replace(record, 'N1', 'STALE')")
    found = changelog.last_import(store.read_store(pg))
    assert found.changes.as_json() == EXPECTED
    assert table(pg) == [(2, change_records.identity(store.import_log(pg)[-1]))]  # made anew
