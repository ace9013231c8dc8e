"""The register store: one GeoPackage with the registrations, the neighbourhoods and an import log.

An import builds a complete new GeoPackage beside the old one and moves it into place with one
atomic rename: a reader sees the old register or the new one, never a mix, and an import that fails
midway leaves the old store untouched.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.dataset import Dataset
from geo.errors import UserFacingError
from geo.schema import COLUMNS, DATA_DIR, DEMO_NEIGHBOURHOODS, DEMO_REGISTER, FIELDS, WGS84, Kind

DEFAULT_STORE = DATA_DIR / "register.gpkg"
REGISTRATIONS = "registrations"
NEIGHBOURHOODS = "neighbourhoods"
IMPORT_LOG = "import_log"

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


class StoreError(UserFacingError):
    """The store cannot be read or written."""


@dataclass(frozen=True)
class ImportRecord:
    """One line of the import log."""

    version: int
    imported_at: datetime
    file: str
    sha256: str
    neighbourhoods_file: str | None
    accepted: int
    rejected: int
    warnings: int
    municipality: str
    is_demo: bool


def store_path() -> Path:
    """The store's path: $ZICHTBAAR_DB, or data/register.gpkg."""
    return Path(os.environ.get("ZICHTBAAR_DB") or DEFAULT_STORE)


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def import_log(path: str | Path | None = None) -> list[ImportRecord]:
    """Every import so far, oldest first; empty when there is no store."""
    path = Path(path or store_path())
    if not path.exists():
        return []
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
            rows = con.execute(f"SELECT * FROM {IMPORT_LOG} ORDER BY version").fetchall()
    except sqlite3.Error as e:
        raise StoreError(f"Het register '{path}' kan niet worden gelezen ({e}).",
                         f"The register store '{path}' cannot be read ({e}).") from None
    return [ImportRecord(r[0], datetime.fromisoformat(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]))
            for r in rows]


def current_version(path: str | Path | None = None) -> int:
    """The version of the newest import, 0 when there is none: cheap enough to ask on every page run."""
    log = import_log(path)
    return log[-1].version if log else 0


def import_register(register: str | Path, neighbourhoods: str | Path | None = None, *,
                    store: str | Path | None = None, municipality: str | None = None,
                    is_demo: bool = False, strict: bool = False, today: date | None = None):
    """Validate `register` and replace the store's register with its accepted rows, atomically.

    Parameters
    ----------
    neighbourhoods : a neighbourhood file; without it the store's current neighbourhoods are kept.
    strict : refuse the whole import when any row is rejected.

    Returns
    -------
    (Report, ImportRecord) : the validation report and the new log line.
    """
    from geo.neighbourhoods import read_neighbourhoods
    from geo.readers import read_register

    store = Path(store or store_path())
    old_log = import_log(store)
    if neighbourhoods is not None:
        nb = read_neighbourhoods(neighbourhoods)
    elif store.exists():
        nb = read_store_neighbourhoods(store)
    else:
        raise StoreError(
            "Er zijn nog geen buurten in het register. Geef een buurtenbestand mee met --neighbourhoods.",
            "The store has no neighbourhoods yet. Pass a neighbourhood file with --neighbourhoods.")
    report = read_register(register, neighbourhoods=nb, today=today)
    if strict and report.rejected:
        raise StoreError(
            f"{len(report.rejected_rows)} rijen zijn afgewezen; met --strict wordt niets geïmporteerd.",
            f"{len(report.rejected_rows)} rows were rejected; with --strict nothing is imported.")
    record = ImportRecord(
        version=(old_log[-1].version if old_log else 0) + 1,
        imported_at=datetime.now(timezone.utc).replace(microsecond=0),
        file=Path(register).name, sha256=sha256_file(register),
        neighbourhoods_file=Path(neighbourhoods).name if neighbourhoods else
        (old_log[-1].neighbourhoods_file if old_log else None),
        accepted=len(report.accepted), rejected=len(report.rejected_rows), warnings=len(report.warnings),
        municipality=municipality if municipality is not None else (old_log[-1].municipality if old_log else ""),
        is_demo=is_demo)
    write_store(store, report.accepted, nb, [*old_log, record])
    return report, record


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


def read_store_neighbourhoods(store: Path) -> gpd.GeoDataFrame:
    frame = pyogrio.read_dataframe(store, layer=NEIGHBOURHOODS)
    frame["population"] = pd.array(frame["population"].round(), dtype="Int64")
    frame["code"] = frame["code"].astype(str)
    frame["name"] = frame["name"].fillna("").astype(str)
    return frame[["code", "name", "population", "geometry"]].set_crs(WGS84, allow_override=True)


def read_store(store: str | Path | None = None) -> Dataset:
    """The Dataset in the store."""
    store = Path(store or store_path())
    if not store.exists():
        raise StoreError(f"Er is nog geen register in '{store}'. Importeer er een met 'python -m geo import'.",
                         f"There is no register in '{store}' yet. Import one with 'python -m geo import'.")
    log = import_log(store)
    try:
        reg = pyogrio.read_dataframe(store, layer=REGISTRATIONS)
        nb = read_store_neighbourhoods(store)
    except pyogrio.errors.DataSourceError as e:
        raise StoreError(f"Het register '{store}' is beschadigd ({e}).",
                         f"The register store '{store}' is damaged ({e}).") from None
    reg = _canonical(reg)
    last = log[-1] if log else None
    return Dataset(reg, nb, last.municipality if last else "", bool(last and last.is_demo),
                   last.imported_at if last else None, last.file if last else store.name, version=last.version if last else 0)


def _canonical(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Restore the canonical dtypes after a round trip through the GeoPackage."""
    for f in FIELDS:
        col = frame[f.name] if f.name in frame else pd.Series([None] * len(frame), index=frame.index)
        if f.kind is Kind.BOOL:
            frame[f.name] = col.fillna(False).astype(bool)
        elif f.kind in (Kind.NUMBER, Kind.INTEGER):
            frame[f.name] = pd.to_numeric(col, errors="coerce").astype(float)
        elif f.kind is Kind.DATE:
            frame[f.name] = pd.to_datetime(col.replace("", None), errors="coerce")
        else:
            frame[f.name] = col.fillna("").astype(str)
    frame["row"] = frame["row"].astype(int)
    frame = frame[[*COLUMNS, "geometry"]]
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=WGS84)


def ensure_demo_store(store: str | Path | None = None) -> Path:
    """Build the store from the committed demo files when there is none yet (it is ignored by git)."""
    store = Path(store or store_path())
    if not store.exists():
        import_register(DEMO_REGISTER, DEMO_NEIGHBOURHOODS, store=store, municipality="Voorbeeldstad", is_demo=True)
    return store
