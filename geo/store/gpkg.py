"""The GeoPackage store: one file with the registrations, the neighbourhoods and the import log.

An import builds a complete new GeoPackage beside the old one and moves it into place with one
atomic rename: a reader sees the old file or the new one, and an import that fails midway leaves the
old store untouched. A read opens the file several times (SQLite for the log, OGR for each layer), so
it checks that the path still names the file it started with, and reads again when an import came
in between: the parts of one read always come from one version.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio

from geo.schema import FIELDS, WGS84, Kind
from geo.store.base import (
    IMPORT_LOG,
    NEIGHBOURHOODS,
    REGISTRATIONS,
    ImportRecord,
    Snapshot,
    StoreError,
    with_version,
    within_rd,
)

_LOG_DDL = f"""CREATE TABLE {IMPORT_LOG} (
    version INTEGER PRIMARY KEY,
    imported_at TEXT NOT NULL,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    neighbourhoods_file TEXT,
    accepted INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    municipality TEXT NOT NULL,
    is_demo INTEGER NOT NULL
)"""
# Imports in a row while one read runs are rare; a reader that keeps losing the race says so.
_READ_ATTEMPTS = 20


class GeoPackageStore:
    """A store in one GeoPackage file (geo.store.base.Store)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def describe(self) -> str:
        return str(self.path)

    def log(self) -> list[ImportRecord]:
        return read_log(self.path) if self.path.exists() else []

    def neighbourhoods(self) -> gpd.GeoDataFrame:
        return self._consistent(lambda: read_neighbourhoods(self.path))

    def read(self, *, pairs: bool = False) -> Snapshot:
        if not self.path.exists():
            raise _missing(self.path)
        snap = self._consistent(self._read_once)
        if not pairs:
            return snap
        from geo.join import join_positions

        return Snapshot(snap.registrations, snap.neighbourhoods, snap.log,
                        join_positions(snap.registrations.set_crs(WGS84, allow_override=True), snap.neighbourhoods))

    def _read_once(self) -> Snapshot:
        log = read_log(self.path)
        try:
            reg = pyogrio.read_dataframe(self.path, layer=REGISTRATIONS)
            nb = read_neighbourhoods(self.path)
        except pyogrio.errors.DataSourceError as e:
            raise StoreError("error.store.damaged", store=str(self.path), reason=str(e)) from None
        return Snapshot(reg.set_crs(WGS84, allow_override=True), nb, log)

    def _consistent(self, read):
        """`read()` done while the path kept naming one file: retried when an import replaced it meanwhile."""
        for _ in range(_READ_ATTEMPTS):
            try:
                fd = os.open(self.path, os.O_RDONLY)
            except FileNotFoundError:
                raise _missing(self.path) from None
            try:
                # Holding the file open keeps its inode from being reused, so the path naming the
                # same inode afterwards means it named this file all along: a rename only ever
                # points the path at a newer file.
                inode = os.fstat(fd).st_ino
                result = read()
                if os.stat(self.path).st_ino == inode:
                    return result
            finally:
                os.close(fd)
        raise StoreError("error.store.busy", store=str(self.path))

    def replace(self, registrations: gpd.GeoDataFrame, neighbourhoods: gpd.GeoDataFrame, record: ImportRecord,
                *, only_if_empty: bool = False) -> ImportRecord | None:
        old = self.log()
        if only_if_empty and old:
            return None
        record = with_version(record, (old[-1].version if old else 0) + 1)
        write_store(self.path, registrations, neighbourhoods, [*old, record])
        return record

    def within(self, x: float, y: float, radius: float):
        from geo.join import to_rd

        if not self.path.exists():
            return within_rd(np.empty(0, dtype=object), np.empty(0, dtype=object), x, y, radius)
        reg = self.read().registrations
        return within_rd(reg["id"].to_numpy(), to_rd(reg), x, y, radius)


def _missing(path: Path) -> StoreError:
    return StoreError("error.store.empty", store=str(path))


def read_log(path: Path) -> list[ImportRecord]:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
            rows = con.execute(f"SELECT * FROM {IMPORT_LOG} ORDER BY version").fetchall()
        con.close()
    except sqlite3.Error as e:
        raise StoreError("error.store.unreadable", store=str(path), reason=str(e)) from None
    return [ImportRecord(r[0], datetime.fromisoformat(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]))
            for r in rows]


def write_store(store: Path, registrations: gpd.GeoDataFrame, neighbourhoods: gpd.GeoDataFrame,
                log: list[ImportRecord]) -> None:
    """Write a complete store to a temporary file beside `store`, then rename it into place."""
    store.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{store.name}.", suffix=".tmp.gpkg", dir=store.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        _write_layer(registrations, tmp, REGISTRATIONS)
        _write_layer(neighbourhoods, tmp, NEIGHBOURHOODS)
        _write_log(tmp, log)
        os.replace(tmp, store)  # atomic on POSIX: readers see the old file or the new one
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_layer(frame: gpd.GeoDataFrame, path: Path, layer: str) -> None:
    out = frame.copy()
    for f in FIELDS:
        if f.name in out and f.kind is Kind.DATE:
            out[f.name] = out[f.name].dt.strftime("%Y-%m-%d").fillna("")
    if "population" in out:
        out["population"] = out["population"].astype("float64")
    # Mixed points and polygons: the layer's type is Unknown (any geometry).
    pyogrio.write_dataframe(out, path, layer=layer, driver="GPKG", geometry_type="Unknown", promote_to_multi=False)


def _write_log(path: Path, log: list[ImportRecord]) -> None:
    with sqlite3.connect(path) as con:
        con.execute(_LOG_DDL)
        con.executemany(
            f"INSERT INTO {IMPORT_LOG} VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(r.version, r.imported_at.isoformat(), r.file, r.sha256, r.neighbourhoods_file, r.accepted,
              r.rejected, r.warnings, r.municipality, int(r.is_demo)) for r in log])
        # Register the log as an attribute table, as the GeoPackage standard asks.
        con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES (?, 'attributes', ?)",
                    (IMPORT_LOG, IMPORT_LOG))
    con.close()


def read_neighbourhoods(path: Path) -> gpd.GeoDataFrame:
    frame = pyogrio.read_dataframe(path, layer=NEIGHBOURHOODS)
    frame["population"] = pd.array(frame["population"].round(), dtype="Int64")
    frame["code"] = frame["code"].astype(str)
    frame["name"] = frame["name"].fillna("").astype(str)
    return frame[["code", "name", "population", "geometry"]].set_crs(WGS84, allow_override=True)
