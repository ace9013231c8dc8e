"""The register store: where the imported register lives, its import log, imports, and the queries the app asks.

$ZICHTBAAR_DB names the store: a GeoPackage file (the default, data/register.gpkg: one municipality on
one machine) or a postgresql:// URL (PostGIS: a province or a national register, several app servers).
Both give the same answers; `Store` is what each of them implements (geo.store_gpkg, geo.store_postgis).

An import replaces the whole register, all or nothing: a reader sees the old register or the new one,
never a mix, and an import that fails midway leaves the old register untouched.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.dataset import Dataset
from geo.errors import UserFacingError
from geo.schema import COLUMNS, DATA_DIR, DEMO_NEIGHBOURHOODS, DEMO_REGISTER, FIELDS, WGS84, Kind

DEFAULT_STORE = DATA_DIR / "register.gpkg"
REGISTRATIONS = "registrations"
NEIGHBOURHOODS = "neighbourhoods"
IMPORT_LOG = "import_log"
#: What a PostGIS store's name starts with; anything else is a GeoPackage path.
URL_SCHEMES = ("postgresql://", "postgres://")
#: The columns of `registrations_within`.
WITHIN_COLUMNS = ("position", "id", "distance_m")


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


@dataclass(frozen=True)
class Snapshot:
    """Everything one read of a store gives, from one version: the register, its neighbourhoods and the log.

    Attributes
    ----------
    registrations : as the store holds them, not yet in canonical dtypes (see `canonical`).
    neighbourhoods : code, name, population (Int64), geometry, EPSG:4326.
    log : the import log, oldest first.
    pairs : (reg_pos, nb_pos) as geo.join.join_positions gives them, when asked for.
    """

    registrations: gpd.GeoDataFrame
    neighbourhoods: gpd.GeoDataFrame
    log: list[ImportRecord]
    pairs: tuple[np.ndarray, np.ndarray] | None = None


class Store(Protocol):
    """What a store implements: one consistent read, an atomic replace, and the two spatial queries."""

    def describe(self) -> str:
        """The store's name for messages (a URL without its password)."""
        ...

    def log(self) -> list[ImportRecord]:
        """The import log, oldest first; empty when nothing was imported yet."""
        ...

    def read(self, *, pairs: bool = False) -> Snapshot:
        """The register, neighbourhoods and log of one version; with `pairs`, the neighbourhood join too."""
        ...

    def neighbourhoods(self) -> gpd.GeoDataFrame:
        """The current neighbourhoods (EPSG:4326)."""
        ...

    def replace(self, registrations: gpd.GeoDataFrame, neighbourhoods: gpd.GeoDataFrame, record: ImportRecord,
                *, only_if_empty: bool = False) -> ImportRecord | None:
        """Replace the register atomically; the record's version becomes the next one in the log.

        With `only_if_empty`, do nothing (and return None) when the store already holds an import.
        """
        ...

    def within(self, x: float, y: float, radius: float) -> pd.DataFrame:
        """Registrations within `radius` metres of (x, y) in RD New: WITHIN_COLUMNS, nearest first, then by id."""
        ...


def is_url(store: str | Path) -> bool:
    """Whether `store` names a PostGIS database rather than a GeoPackage file.

    >>> is_url("postgresql://app@db.example/zichtbaar"), is_url("data/register.gpkg")
    (True, False)
    """
    return str(store).startswith(URL_SCHEMES)


def store_path() -> Path | str:
    """The store: $ZICHTBAAR_DB (a GeoPackage path or a postgresql:// URL), or data/register.gpkg.

    A URL stays a string: a Path would fold its `//`.
    """
    value = os.environ.get("ZICHTBAAR_DB")
    if not value:
        return DEFAULT_STORE
    return value if is_url(value) else Path(value)


def redact(url: str) -> str:
    """A database URL without its password, for messages and logs.

    >>> redact("postgresql://app:s3cret@db.example:5432/zichtbaar?sslmode=require")
    'postgresql://app:***@db.example:5432/zichtbaar?sslmode=require'
    >>> redact("data/register.gpkg")
    'data/register.gpkg'
    """
    if not is_url(url):
        return url
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username or ''}:***@{parts.hostname or ''}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def open_store(store: str | Path | None = None) -> Store:
    """The Store named by `store` (default: `store_path()`)."""
    name = store if store is not None else store_path()
    if is_url(name):
        from geo.store_postgis import PostGISStore

        return PostGISStore(str(name))
    from geo.store_gpkg import GeoPackageStore

    return GeoPackageStore(Path(name))


def sha256_file(path: str | Path) -> str:
    """The SHA-256 of a file, as the import log records it."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def import_log(store: str | Path | None = None) -> list[ImportRecord]:
    """Every import so far, oldest first; empty when there is no store."""
    return open_store(store).log()


def current_version(store: str | Path | None = None) -> int:
    """The version of the newest import, 0 when there is none: cheap enough to ask on every page run."""
    log = import_log(store)
    return log[-1].version if log else 0


def import_register(register: str | Path, neighbourhoods: str | Path | None = None, *,
                    store: str | Path | None = None, municipality: str | None = None,
                    is_demo: bool = False, strict: bool = False, today: date | None = None):
    """Validate `register` and replace the store's register with its accepted rows, atomically.

    Parameters
    ----------
    neighbourhoods : a neighbourhood file; without it the store's current neighbourhoods are kept.
    store : a GeoPackage path or a postgresql:// URL (default: `store_path()`).
    strict : refuse the whole import when any row is rejected.

    Returns
    -------
    (Report, ImportRecord) : the validation report and the new log line.
    """
    report, record = _import(register, neighbourhoods, open_store(store), municipality=municipality,
                             is_demo=is_demo, strict=strict, today=today)
    assert record is not None
    return report, record


def _import(register: str | Path, neighbourhoods: str | Path | None, target: Store, *,
            municipality: str | None, is_demo: bool, strict: bool, today: date | None,
            only_if_empty: bool = False):
    from geo.neighbourhoods import read_neighbourhoods
    from geo.readers import read_register

    old_log = target.log()
    if neighbourhoods is not None:
        nb = read_neighbourhoods(neighbourhoods)
    elif old_log:
        nb = target.neighbourhoods()
    else:
        raise StoreError("error.store.no_neighbourhoods_import")
    report = read_register(register, neighbourhoods=nb, today=today)
    if strict and report.rejected:
        raise StoreError("error.store.strict", n=len(report.rejected_rows))
    last = old_log[-1] if old_log else None
    record = ImportRecord(
        version=(last.version if last else 0) + 1,  # the store settles it under its own lock
        imported_at=datetime.now(UTC).replace(microsecond=0),
        file=Path(register).name, sha256=sha256_file(register),
        neighbourhoods_file=(Path(neighbourhoods).name if neighbourhoods
                             else last.neighbourhoods_file if last else None),
        accepted=len(report.accepted), rejected=len(report.rejected_rows), warnings=len(report.warnings),
        municipality=municipality if municipality is not None else (last.municipality if last else ""),
        is_demo=is_demo)
    written = target.replace(report.accepted, _in_wgs84(nb), record, only_if_empty=only_if_empty)
    return report, written


def _in_wgs84(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    # Both stores keep WGS84 as it came in; RD New is derived from it (geo.join.to_rd) where needed.
    if frame.crs is not None and not frame.crs.equals(WGS84):
        return frame.to_crs(WGS84)
    return frame


def read_store(store: str | Path | None = None) -> Dataset:
    """The Dataset in the store: registrations in canonical dtypes, in import order, with their neighbourhoods."""
    target = open_store(store)
    snap = target.read()
    return _dataset(snap, target)


def _dataset(snap: Snapshot, target: Store) -> Dataset:
    last = snap.log[-1] if snap.log else None
    return Dataset(canonical(snap.registrations), snap.neighbourhoods, last.municipality if last else "",
                   bool(last and last.is_demo), last.imported_at if last else None,
                   last.file if last else target.describe(), version=last.version if last else 0)


def canonical(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Restore the canonical dtypes (geo.schema.COLUMNS) after a round trip through a store.

    Booleans arrive as bool, numbers as float or text, dates as ISO text ("" or None when absent).

    >>> from shapely.geometry import Point
    >>> raw = gpd.GeoDataFrame({"id": ["A"], "personal_data": [True], "active_from": ["2025-03-01"],
    ...                         "range_m": ["12.5"], "row": [2]}, geometry=[Point(5, 52)], crs=WGS84)
    >>> out = canonical(raw)
    >>> out.loc[0, "active_from"].date(), float(out.loc[0, "range_m"]), out.loc[0, "name"], str(out["biometric"].dtype)
    (datetime.date(2025, 3, 1), 12.5, '', 'bool')
    """
    frame = frame.copy()
    for f in FIELDS:
        col = frame[f.name] if f.name in frame else pd.Series([None] * len(frame), index=frame.index)
        if f.kind is Kind.BOOL:
            frame[f.name] = col.fillna(False).astype(bool)
        elif f.kind in (Kind.NUMBER, Kind.INTEGER):
            frame[f.name] = pd.to_numeric(col.replace("", None), errors="coerce").astype(float)
        elif f.kind is Kind.DATE:
            frame[f.name] = pd.to_datetime(col.replace("", None), errors="coerce")
        else:
            frame[f.name] = col.fillna("").astype(str)
    frame["row"] = frame["row"].astype(int)
    frame = frame[[*COLUMNS, "geometry"]]
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=WGS84)


def ensure_demo_store(store: str | Path | None = None) -> Path | str:
    """Build the store from the committed demo files when it holds no import yet; return its name.

    Several app servers may start at once over one PostGIS: only the first one imports.
    """
    name = store if store is not None else store_path()
    target = open_store(name)
    if not target.log():
        _import(DEMO_REGISTER, DEMO_NEIGHBOURHOODS, target, municipality="Voorbeeldstad", is_demo=True,
                strict=False, today=None, only_if_empty=True)
    return name if is_url(name) else Path(name)


# ---------------------------------------------------------------- the queries the app asks


def registrations_within(lat: float, lon: float, radius_m: float, store: str | Path | None = None) -> pd.DataFrame:
    """The registrations within `radius_m` metres of a WGS84 spot, measured in RD New; nearest first, then by id.

    A point counts by its distance, an area by the distance to its nearest edge (0 when it covers the
    spot). PostGIS answers with ST_DWithin on a GiST index; a GeoPackage with `within_rd` on the register.

    Returns
    -------
    DataFrame with WITHIN_COLUMNS: position (the row in `read_store(...).registrations`), id, distance_m.
    """
    x, y = spot_rd(lat, lon)
    return open_store(store).within(x, y, float(radius_m))


def spot_rd(lat: float, lon: float) -> tuple[float, float]:
    """A WGS84 spot in RD New metres, rounded to centimetres as the near-me page rounds it.

    >>> spot_rd(52.1551723, 5.3872035)  # Amersfoort, the origin of RD New
    (155000.0, 463000.0)
    """
    from geo.crs import wgs84_to_rd

    x, y = wgs84_to_rd(lon, lat)
    return round(float(x), 2), round(float(y), 2)


def within_rd(ids: np.ndarray, rd_geometries: np.ndarray, x: float, y: float, radius: float) -> pd.DataFrame:
    """The radius query in memory: which of `rd_geometries` (RD New) lie within `radius` of (x, y).

    >>> from shapely.geometry import Point, box
    >>> geoms = np.array([Point(0, 300), box(100, -5, 200, 5), Point(0, 30), Point(30, 0)])
    >>> within_rd(np.array(["far", "area", "b", "a"]), geoms, 0, 0, 250).to_dict("list")
    {'position': [3, 2, 1], 'id': ['a', 'b', 'area'], 'distance_m': [30.0, 30.0, 100.0]}
    """
    distance = shapely.distance(rd_geometries, shapely.points(x, y))  # NaN for an empty geometry: never listed
    pos = np.flatnonzero(distance <= radius)
    ids = np.asarray(ids, dtype=object)[pos].astype(str)
    order = np.lexsort((ids, distance[pos]))
    return pd.DataFrame({"position": pos[order].astype(np.int64), "id": pd.Series(ids[order], dtype=object),
                         "distance_m": distance[pos][order].astype(float)})


def read_joined(store: str | Path | None = None) -> tuple[Dataset, tuple[np.ndarray, np.ndarray]]:
    """The register and its neighbourhood join, from one version of the store.

    PostGIS joins in the database (ST_Intersects on GiST indexes in RD New); a GeoPackage with
    geo.join.join_positions. The pairs are positions into the Dataset's registrations and neighbourhoods,
    exactly as geo.join.join_positions gives them (nb_pos -1 outside every neighbourhood).
    """
    target = open_store(store)
    snap = target.read(pairs=True)
    assert snap.pairs is not None
    return _dataset(snap, target), snap.pairs


def summarise(store: str | Path | None = None, today: date | None = None):
    """geo.summary.summarise of the store's register, the neighbourhood join done by the store.

    Returns
    -------
    (Dataset, list[NeighbourhoodSummary]) : what was summarised, and one summary per neighbourhood
    followed by the one for outside every neighbourhood.
    """
    data, (reg_pos, nb_pos) = read_joined(store)
    return data, _summaries(data.registrations, data.neighbourhoods, reg_pos, nb_pos, today)


def _summaries(registrations: gpd.GeoDataFrame, neighbourhoods: gpd.GeoDataFrame, reg_pos: np.ndarray,
               nb_pos: np.ndarray, today: date | None) -> list:
    # geo.summary.summarise does its own join; until it takes the pairs as an argument, this is its
    # body with the store's pairs. tests/unit/test_store.py checks both give the same summaries.
    from geo import summary as s

    s._check_columns(registrations)
    n_nb = len(neighbourhoods)
    bins = np.where(nb_pos < 0, n_nb, nb_pos)
    counts = s._count(registrations, reg_pos, bins, n_nb + 1, today)
    area_km2 = s._areas_km2(neighbourhoods)
    populations = s._populations(neighbourhoods)
    names = s._names(neighbourhoods)
    city_area = float(area_km2.sum())
    city_per_km2 = len(registrations) / city_area if city_area > 0 else None
    out = [s._summary(code, names[i], populations[i], float(area_km2[i]), counts, i, city_per_km2)
           for i, code in enumerate(neighbourhoods["code"].tolist())]
    out.append(s._summary(None, s.text("summary.name.outside", s.DEFAULT_LANG), None, None, counts, n_nb, city_per_km2))
    return out


def with_version(record: ImportRecord, version: int) -> ImportRecord:
    """`record` with another version number (the store settles it when it writes).

    >>> r = ImportRecord(1, datetime(2025, 1, 1, tzinfo=UTC), "r.csv", "0", None, 1, 0, 0, "", False)
    >>> with_version(r, 7).version
    7
    """
    return dataclasses.replace(record, version=version)
