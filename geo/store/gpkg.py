"""The GeoPackage store: one file with the registrations, the neighbourhoods and the import log, and a
folder beside it with the files of the last imports.

An import builds a complete new GeoPackage beside the old one and moves it into place with one
atomic rename: a reader sees the old file or the new one, and an import that fails midway leaves the
old store untouched. A read opens the file several times (SQLite for the log, OGR for each layer), so
it checks that the path still names the file it started with, and reads again when an import came
in between: the parts of one read always come from one version.

Each version's file is also kept, under its number, in `<store>.versions/` (register.gpkg.versions/v7.gpkg):
a hard link to the same file, so keeping it costs neither a copy nor time. A version file never changes;
the newest `keep` are kept, older ones unlinked at the next import (a reader that has one open reads on).
Imports take turns through a lock file in that folder.

The spatial queries are answered in memory, on the register of the version asked for: the caller's
when it holds it (a Dataset, with its RD New geometries worked out once), else read from the file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio

from geo.dataset import Dataset
from geo.reports import WINDOW, Action, NewReport, Report, ReportError, acted, new_ref
from geo.schema import FIELDS, WGS84, Kind
from geo.store.base import (
    IMPORT_LOG,
    KEEP_VERSIONS,
    NEIGHBOURHOODS,
    REF_ATTEMPTS,
    REGISTRATIONS,
    REPORT_ACTIONS,
    REPORT_COLUMNS,
    REPORTS,
    ImportRecord,
    RecordOrLater,
    Registrations,
    Snapshot,
    StoreError,
    VersionUnavailable,
    frames_of,
    memory_nearby,
    memory_pairs,
    report_of,
    settled,
    to_dataset,
    with_version,
    within_rd,
)

T = TypeVar("T")

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
_VERSION_FILE = re.compile(r"^v(\d+)\.gpkg$")
_VERSION_PREFIX = re.compile(r"^v(\d+)\.")


class GeoPackageStore:
    """A store in one GeoPackage file and the folder of its kept versions (geo.store.base.Store)."""

    def __init__(self, path: Path, keep: int = KEEP_VERSIONS) -> None:
        self.path = Path(path)
        self.keep = keep
        self.folder = self.path.with_name(self.path.name + ".versions")

    def describe(self) -> str:
        return str(self.path)

    def log(self) -> list[ImportRecord]:
        return read_log(self.path) if self.path.exists() else []

    def versions(self) -> list[ImportRecord]:
        log = self.log()
        kept = set(self._version_files())
        # The newest is always readable: a store written before versions were kept has no folder yet.
        return [r for r in log if r.version in kept or r is log[-1]]

    def neighbourhoods(self) -> gpd.GeoDataFrame:
        return _consistent(self.path, lambda: read_neighbourhoods(self.path))

    def read(self, *, version: int | None = None, pairs: bool = False) -> Snapshot:
        snap = self._snapshot(version)
        if not pairs:
            return snap
        from geo.join import join_positions

        return Snapshot(snap.registrations, snap.neighbourhoods, snap.log,
                        join_positions(snap.registrations.set_crs(WGS84, allow_override=True), snap.neighbourhoods))

    def _snapshot(self, version: int | None) -> Snapshot:
        if not self.path.exists():
            raise _missing(self.path)
        if version is None:
            return _consistent(self.path, lambda: _read_once(self.path))
        path = self._version_file(version)
        if not path.exists():
            path = self.path  # the newest of a store written before versions were kept
        try:
            snap = _consistent(path, lambda: _read_once(path))
        except StoreError:
            if path != self.path:  # unlinked while we read: an import dropped it just now
                raise self._gone(version) from None
            raise
        if not snap.log or snap.log[-1].version != version:
            raise self._gone(version)
        return snap

    def _dataset(self, version: int | None, data: Dataset | None) -> Dataset:
        """The register of `version`: `data` when it is that one (of this store), else read from its file."""
        if data is not None and version is not None and (data.store, data.version) == (str(self.path), version):
            return data
        return to_dataset(self._snapshot(version), self.describe())

    def replace(self, registrations: Registrations, neighbourhoods: gpd.GeoDataFrame, record: RecordOrLater,
                *, only_if_empty: bool = False) -> ImportRecord | None:
        with self._import_lock():
            old = self.log()
            if only_if_empty and old:
                return None
            version = (old[-1].version if old else 0) + 1
            if old and not self._version_file(old[-1].version).exists():
                # A store from before versions were kept: its current file becomes the first kept version.
                _keep_as(self.path, self._version_file(old[-1].version))
            written: list[ImportRecord] = []

            def log() -> list[ImportRecord]:
                written.append(with_version(settled(record), version))
                return [*old, *written]

            write_store(self.path, registrations, neighbourhoods, log, also=self._version_file(version))
            self._drop_old_versions([*old, *written])
        return written[0]

    def within(self, x: float, y: float, radius: float, *, version: int | None = None) -> pd.DataFrame:
        from geo.join import to_rd

        if not self.path.exists():
            return within_rd(np.empty(0, dtype=object), np.empty(0, dtype=object), x, y, radius)
        reg = self._snapshot(version).registrations
        return within_rd(reg["id"].to_numpy(), to_rd(reg), x, y, radius)

    def nearby(self, x: float, y: float, radius: float, *, version: int | None = None,
               data: Dataset | None = None) -> np.ndarray:
        return memory_nearby(self._dataset(version, data), x, y, radius)

    def neighbourhood_pairs(self, *, version: int | None = None,
                            data: Dataset | None = None) -> tuple[np.ndarray, np.ndarray]:
        return memory_pairs(self._dataset(version, data))

    # ------------------------------------------------------------ the kept versions

    def _version_file(self, version: int) -> Path:
        return self.folder / f"v{int(version)}.gpkg"

    def _version_files(self) -> dict[int, Path]:
        if not self.folder.is_dir():
            return {}
        return {int(m.group(1)): p for p in self.folder.iterdir() if (m := _VERSION_FILE.match(p.name))}

    def _drop_old_versions(self, log: list[ImportRecord]) -> None:
        """Unlink the files of versions older than the newest `keep` (their GeoPackage and whatever else was kept
        beside it, such as geo.store.snapshot's files), and any a failed import left behind."""
        kept = {r.version for r in log[-max(self.keep, 1):]}
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            m = _VERSION_PREFIX.match(path.name)
            if m and int(m.group(1)) not in kept:
                path.unlink(missing_ok=True)

    @contextlib.contextmanager
    def _import_lock(self) -> Iterator[None]:
        """One import at a time: the next version number and its file must not be taken twice."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.folder / ".import.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _gone(self, version: int) -> VersionUnavailable:
        return VersionUnavailable("error.store.version_gone", store=self.describe(), version=version)


def _read_once(path: Path) -> Snapshot:
    log = read_log(path)
    try:
        # Through Arrow: a million registrations in about 3 s instead of 10 (the same frame after canonical()).
        reg = pyogrio.read_dataframe(path, layer=REGISTRATIONS, use_arrow=True)
        nb = read_neighbourhoods(path)
    except pyogrio.errors.DataSourceError as e:
        raise StoreError("error.store.damaged", store=str(path), reason=str(e)) from None
    return Snapshot(reg.set_crs(WGS84, allow_override=True), nb, log)


def _consistent(path: Path, read: Callable[[], T]) -> T:
    """`read()` done while `path` kept naming one file: retried when an import replaced it meanwhile."""
    for _ in range(_READ_ATTEMPTS):
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            raise _missing(path) from None
        try:
            # Holding the file open keeps its inode from being reused, so the path naming the
            # same inode afterwards means it named this file all along: a rename only ever
            # points the path at a newer file.
            inode = os.fstat(fd).st_ino
            result = read()
            if os.stat(path).st_ino == inode:
                return result
        except FileNotFoundError:
            raise _missing(path) from None
        finally:
            os.close(fd)
    raise StoreError("error.store.busy", store=str(path))


def _keep_as(path: Path, kept: Path) -> None:
    """Make `kept` name the file `path` names: a hard link where the file system has them, else a copy."""
    kept.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{kept.name}.", suffix=".tmp", dir=kept.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        try:
            os.link(path, tmp)
        except OSError:
            shutil.copyfile(path, tmp)
        os.replace(tmp, kept)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


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


def write_store(store: Path, registrations: Registrations, neighbourhoods: gpd.GeoDataFrame,
                log: list[ImportRecord] | Callable[[], list[ImportRecord]], also: Path | None = None) -> None:
    """Write a complete store to a temporary file beside `store`, then rename it into place.

    `registrations`: one frame, or frames appended one after the other (an import in chunks). `log`: the
    import log, or a function that gives it once they are written. `also`: another name to keep the same
    file under (a version's file), made before the rename.
    """
    store.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{store.name}.", suffix=".tmp.gpkg", dir=store.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        for i, frame in enumerate(frames_of(registrations)):
            _write_layer(frame, tmp, REGISTRATIONS, append=i > 0)
        _write_layer(neighbourhoods, tmp, NEIGHBOURHOODS)
        _write_log(tmp, log if isinstance(log, list) else log())
        if also is not None:
            _keep_as(tmp, also)
        os.replace(tmp, store)  # atomic on POSIX: readers see the old file or the new one
    except BaseException:
        tmp.unlink(missing_ok=True)
        if also is not None:
            also.unlink(missing_ok=True)  # a version that never became current
        raise


def _write_layer(frame: gpd.GeoDataFrame, path: Path, layer: str, *, append: bool = False) -> None:
    out = frame.copy()
    for f in FIELDS:
        if f.name in out and f.kind is Kind.DATE:
            out[f.name] = out[f.name].dt.strftime("%Y-%m-%d").fillna("")
    if "population" in out:
        out["population"] = out["population"].astype("float64")
    # Mixed points and polygons: the layer's type is Unknown (any geometry). Through Arrow it writes the same
    # file in half the time.
    pyogrio.write_dataframe(out, path, layer=layer, driver="GPKG", geometry_type="Unknown", promote_to_multi=False,
                            append=append, use_arrow=True)


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


# ---------------------------------------------------------------- residents' reports

# The reports live in a GeoPackage of their own beside the register (register.reports.gpkg): an import
# replaces the register's file by a rename, and a report written meanwhile must not go with the old file.
# SQLite in WAL mode with synchronous=FULL: a commit has reached the disk (fsync) before add() returns.
_REPORTS_DDL = (
    f"""CREATE TABLE IF NOT EXISTS {REPORTS} (
    ref TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    registration_id TEXT,
    lat REAL,
    lon REAL,
    email TEXT,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    answer TEXT,
    closed_at TEXT
)""",
    f"CREATE INDEX IF NOT EXISTS {REPORTS}_created ON {REPORTS} (created_at)",
    f"""CREATE TABLE IF NOT EXISTS {REPORT_ACTIONS} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ref TEXT NOT NULL REFERENCES {REPORTS} (ref),
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL,
    value TEXT NOT NULL
)""",
)
# What the GeoPackage standard asks of any GeoPackage (its spatial reference systems and contents tables),
# so that QGIS and OGR open the reports file as one with two attribute tables.
_GPKG_DDL = (
    """CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
    srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
    organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)""",
    """INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES
    ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL),
    ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL),
    ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,'
    || '298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]', NULL)""",
    """CREATE TABLE IF NOT EXISTS gpkg_contents (
    table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
    description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)""",
    """CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
    table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
    z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name))""",
    f"INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier) VALUES ('{REPORTS}', 'attributes', "
    f"'{REPORTS}'), ('{REPORT_ACTIONS}', 'attributes', '{REPORT_ACTIONS}')",
)
_BUSY_TIMEOUT_S = 30


def reports_path(store: Path) -> Path:
    """The reports' GeoPackage beside a register's: data/register.gpkg -> data/register.reports.gpkg."""
    return store.with_name(store.stem + ".reports.gpkg")


class GeoPackageReports:
    """Residents' reports in a GeoPackage file (geo.store.base.ReportStore)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._ready = False

    def describe(self) -> str:
        return str(self.path)

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE: writers queue, none fails halfway), committed
        and synced to disk when the block ends, rolled back when it raises."""
        con = self._connect()
        try:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        finally:
            con.close()

    def _connect(self) -> sqlite3.Connection:
        """A connection in WAL mode, the tables made on first use. Several servers opening a new file at once may
        find it locked while one of them switches it to WAL (SQLite answers that at once, without waiting for the
        busy timeout): then it is tried again, for up to the busy timeout."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + _BUSY_TIMEOUT_S
        while True:
            try:
                return self._open()
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or time.monotonic() > deadline:
                    raise StoreError("error.store.unreadable", store=str(self.path), reason=str(e)) from None
                time.sleep(0.02)
            except sqlite3.Error as e:
                raise StoreError("error.store.unreadable", store=str(self.path), reason=str(e)) from None

    def _open(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=FULL")
            if not self._ready:
                con.execute("BEGIN IMMEDIATE")
                con.execute("PRAGMA application_id = 1196444487")  # 'GPKG'
                con.execute("PRAGMA user_version = 10300")
                for statement in (*_GPKG_DDL, *_REPORTS_DDL):
                    con.execute(statement)
                con.execute("COMMIT")
                self._ready = True
        except BaseException:
            con.close()
            raise
        return con

    def add(self, new: NewReport, *, now: datetime, per_hour: int) -> Report:
        with self._writing() as con:
            since = _iso(now - WINDOW)
            if con.execute(f"SELECT count(*) FROM {REPORTS} WHERE created_at > ?", (since,)).fetchone()[0] >= per_hour:
                raise ReportError("error.report.busy")
            for _ in range(REF_ATTEMPTS):
                report = Report(new_ref(), new.kind, new.text, new.registration_id, new.lat, new.lon, new.email,
                                "received", now, now)
                try:
                    con.execute(f"INSERT INTO {REPORTS} VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", _row(report))
                except sqlite3.IntegrityError:
                    continue  # that reference is taken: draw another
                break
            else:
                raise StoreError("error.store.busy", store=str(self.path))
        return report

    def get(self, ref: str) -> Report | None:
        if not self.path.exists():
            return None  # nothing sent yet: reading makes no file
        con = self._connect()
        try:
            row = con.execute(f"SELECT {', '.join(REPORT_COLUMNS)} FROM {REPORTS} WHERE ref = ?", (ref,)).fetchone()
        finally:
            con.close()
        return report_of(row) if row else None

    def find(self, status: str | None = None) -> list[Report]:
        if not self.path.exists():
            return []
        where, params = ("WHERE status = ?", (status,)) if status else ("", ())
        con = self._connect()
        try:
            rows = con.execute(f"SELECT {', '.join(REPORT_COLUMNS)} FROM {REPORTS} {where} "
                               "ORDER BY created_at DESC, ref", params).fetchall()
        finally:
            con.close()
        return [report_of(r) for r in rows]

    def act(self, ref: str, action: str, value: str, *, who: str, now: datetime) -> Report:
        with self._writing() as con:
            row = con.execute(f"SELECT {', '.join(REPORT_COLUMNS)} FROM {REPORTS} WHERE ref = ?", (ref,)).fetchone()
            if row is None:
                raise ReportError("error.report.unknown")
            report = acted(report_of(row), action, value, now)
            con.execute(f"UPDATE {REPORTS} SET {', '.join(f'{c} = ?' for c in REPORT_COLUMNS[1:])} WHERE ref = ?",
                        (*_row(report)[1:], ref))
            con.execute(f"INSERT INTO {REPORT_ACTIONS} (ref, at, who, action, value) VALUES (?,?,?,?,?)",
                        (ref, _iso(now), who, action, value))
        return report

    def actions(self, ref: str) -> list[Action]:
        if not self.path.exists():
            return []
        con = self._connect()
        try:
            rows = con.execute(f"SELECT ref, at, who, action, value FROM {REPORT_ACTIONS} WHERE ref = ? ORDER BY id",
                               (ref,)).fetchall()
        finally:
            con.close()
        return [Action(r[0], datetime.fromisoformat(r[1]), r[2], r[3], r[4]) for r in rows]

    def purge(self, closed_before: datetime) -> int:
        if not self.path.exists():
            return 0
        with self._writing() as con:
            cur = con.execute(f"UPDATE {REPORTS} SET email = NULL WHERE status = 'closed' AND email IS NOT NULL "
                              "AND closed_at <= ?", (_iso(closed_before),))
            return cur.rowcount


def _iso(moment: datetime) -> str:
    """One spelling for every time (UTC, microseconds always written), so that the text sorts as the time does."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _row(report: Report) -> tuple:
    return (report.ref, report.kind, report.text, report.registration_id, report.lat, report.lon, report.email,
            report.status, _iso(report.created_at), _iso(report.updated_at), report.answer,
            _iso(report.closed_at) if report.closed_at else None)
