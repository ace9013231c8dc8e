"""What both stores share: the import record, a read's snapshot, the Store protocol, and the helpers of both.

The backends (geo.store.gpkg, geo.store.postgis) import this module only, never the package itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.dataset import Dataset
from geo.errors import UserFacingError
from geo.reports import Action, NewReport, Report
from geo.schema import COLUMNS, DATA_DIR, FIELDS, WGS84, Kind

DEFAULT_STORE = DATA_DIR / "register.gpkg"
REGISTRATIONS = "registrations"
NEIGHBOURHOODS = "neighbourhoods"
IMPORT_LOG = "import_log"
#: Residents' reports and what staff did to them (geo.reports); kept apart from the register's versions.
REPORTS = "reports"
REPORT_ACTIONS = "report_actions"
#: The columns of REPORTS, in the order both stores read them (`report_of`).
REPORT_COLUMNS = ("ref", "kind", "text", "registration_id", "lat", "lon", "email", "status", "created_at",
                  "updated_at", "answer", "closed_at")
#: How often a store draws another reference when the one drawn is taken (40 random bits: almost never once).
REF_ATTEMPTS = 8
#: What a PostGIS store's name starts with; anything else is a GeoPackage path.
URL_SCHEMES = ("postgresql://", "postgres://")
#: The columns of `Store.within`.
WITHIN_COLUMNS = ("position", "id", "distance_m")
#: How many imports a store keeps the registrations of, unless told otherwise ($ZICHTBAAR_KEEP_VERSIONS).
KEEP_VERSIONS = 10


class StoreError(UserFacingError):
    """The store cannot be read or written."""


class VersionUnavailable(StoreError):
    """A version the store cannot answer for: no longer kept, or written before the store could answer this."""


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


#: What `Store.replace` writes: one frame, or frames one after the other (see `frames_of`).
Registrations = gpd.GeoDataFrame | Iterable[gpd.GeoDataFrame]
#: The log line of `Store.replace`, or a function that gives it once the registrations are written.
RecordOrLater = ImportRecord | Callable[[], ImportRecord]


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
    """What a store implements: consistent reads of its kept versions, an atomic replace, and the spatial queries.

    Versions are the import log's numbers. A store keeps the registrations of its newest `keep` imports
    (older ones may be dropped; the log keeps every line); `version=None` means the newest. The spatial
    queries answer for one version, in positions into that version's registrations (import order), so
    that an app holding version V gets answers about V even while a newer import comes in.
    """

    keep: int

    def describe(self) -> str:
        """The store's name for messages (a URL without its password)."""
        ...

    def log(self) -> list[ImportRecord]:
        """The import log, oldest first; empty when nothing was imported yet."""
        ...

    def versions(self) -> list[ImportRecord]:
        """The imports whose registrations are kept and readable, oldest first (the newest always is)."""
        ...

    def read(self, *, version: int | None = None, pairs: bool = False) -> Snapshot:
        """The register, neighbourhoods and log (up to it) of one version; with `pairs`, the neighbourhood join too.

        Raises VersionUnavailable for a version that is not kept.
        """
        ...

    def neighbourhoods(self) -> gpd.GeoDataFrame:
        """The current neighbourhoods (EPSG:4326)."""
        ...

    def replace(self, registrations: Registrations, neighbourhoods: gpd.GeoDataFrame, record: RecordOrLater,
                *, only_if_empty: bool = False) -> ImportRecord | None:
        """Replace the register atomically; the record's version becomes the next one in the log.

        `registrations`: one frame, or frames written one after the other (an import in chunks; an error
        raised while they come leaves the old register untouched). `record`: the log line, or a function
        that gives it once every frame is written (an import's counts are known only then).
        With `only_if_empty`, do nothing (and return None) when the store already holds an import.
        Versions beyond the newest `keep` may be dropped afterwards.
        """
        ...

    def within(self, x: float, y: float, radius: float, *, version: int | None = None) -> pd.DataFrame:
        """Registrations within `radius` metres of (x, y) in RD New: WITHIN_COLUMNS, nearest first, then by id."""
        ...

    def nearby(self, x: float, y: float, radius: float, *, version: int | None = None,
               data: Dataset | None = None) -> np.ndarray:
        """The positions, ascending, of every registration geo.nearby.nearby may list at (x, y) in RD New.

        That is those within `radius` metres, and the cameras farther away whose view may reach the spot
        (geo.nearby.candidates; a store may give a few more, never fewer). `data`, the register of that
        version when the caller holds it, lets a store that answers in memory skip reading it.
        """
        ...

    def neighbourhood_pairs(self, *, version: int | None = None,
                            data: Dataset | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(reg_pos, nb_pos): the neighbourhood join of one version, as geo.join.join_positions gives it."""
        ...


class ReportStore(Protocol):
    """Where residents' reports are kept: a report is written durably (committed) before its reference is returned.

    Times are timezone-aware UTC. Every change by staff is one transaction with its line in REPORT_ACTIONS.
    """

    def describe(self) -> str:
        """The store's name for messages."""
        ...

    def add(self, new: NewReport, *, now: datetime, per_hour: int) -> Report:
        """Store `new` (already checked and cleaned) under a fresh reference and return it once committed.

        Raises geo.reports.ReportError("error.report.busy") when `per_hour` reports came in during the last hour.
        """
        ...

    def get(self, ref: str) -> Report | None:
        """The report with this reference, or None."""
        ...

    def find(self, status: str | None = None) -> list[Report]:
        """Every report (with `status`, when given), newest first."""
        ...

    def act(self, ref: str, action: str, value: str, *, who: str, now: datetime) -> Report:
        """Do `action` (geo.reports.ACTIONS) with `value`, logging who and when; the report as it is now."""
        ...

    def actions(self, ref: str) -> list[Action]:
        """What staff did to one report, oldest first."""
        ...

    def purge(self, closed_before: datetime) -> int:
        """Delete the e-mail address of every report closed before `closed_before`; how many were deleted."""
        ...


def report_of(row: tuple) -> Report:
    """A Report from a row in REPORT_COLUMNS order; times may come as ISO text (SQLite) or datetimes (PostGIS)."""
    values = dict(zip(REPORT_COLUMNS, row, strict=True))
    for name in ("created_at", "updated_at", "closed_at"):
        if isinstance(values[name], str):
            values[name] = datetime.fromisoformat(values[name])
    for name in ("lat", "lon"):
        values[name] = None if values[name] is None else float(values[name])
    return Report(**values)


def is_url(store: object) -> bool:
    """Whether `store` names a PostGIS database rather than a GeoPackage file.

    >>> is_url("postgresql://app@db.example/zichtbaar"), is_url("data/register.gpkg")
    (True, False)
    """
    return str(store).startswith(URL_SCHEMES)


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


def frames_of(registrations: Registrations) -> Iterator[gpd.GeoDataFrame]:
    """The frames of `Store.replace`'s registrations: one frame, or each of several in turn.

    >>> frame = gpd.GeoDataFrame(geometry=[])
    >>> len(list(frames_of(frame))), len(list(frames_of([frame, frame])))
    (1, 2)
    """
    if isinstance(registrations, pd.DataFrame):
        yield registrations
    else:
        yield from registrations


def settled(record: RecordOrLater) -> ImportRecord:
    """The log line of `Store.replace`: `record`, or what it gives when it is a function (called once written)."""
    return record if isinstance(record, ImportRecord) else record()


def with_version(record: ImportRecord, version: int) -> ImportRecord:
    """`record` with another version number (the store settles it when it writes).

    >>> r = ImportRecord(1, datetime(2025, 1, 1), "r.csv", "0", None, 1, 0, 0, "", False)
    >>> with_version(r, 7).version
    7
    """
    return dataclasses.replace(record, version=version)


def to_dataset(snap: Snapshot, name: str) -> Dataset:
    """The Dataset of a read: registrations in canonical dtypes, the version's log line, and the store's `name`."""
    return dataset_of(canonical(snap.registrations), snap.neighbourhoods, snap.log, name)


def dataset_of(registrations: pd.DataFrame, neighbourhoods: gpd.GeoDataFrame, log: list[ImportRecord],
               name: str) -> Dataset:
    """A Dataset of registrations as they are, described by the last line of `log` (the version read, and the
    lines before it) and the store's `name`."""
    last = log[-1] if log else None
    return Dataset(registrations, neighbourhoods, last.municipality if last else "",
                   bool(last and last.is_demo), last.imported_at if last else None,
                   last.file if last else redact(name), version=last.version if last else 0, store=name)


def memory_nearby(data: Dataset, x: float, y: float, radius: float) -> np.ndarray:
    """`Store.nearby` in memory, on a loaded register's RD New geometries and reach (worked out once per Dataset)."""
    from geo.nearby import box_candidates, candidates

    if "rd_bounds" in data.derived:  # a snapshot's (geo.store.snapshot): no RD New geometries needed
        return box_candidates(data.derived["rd_bounds"], data.reach, x, y, radius)
    return candidates(data.rd, data.reach, x, y, radius)


def memory_pairs(data: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """`Store.neighbourhood_pairs` in memory: geo.join.join_positions on a loaded register."""
    from geo.join import join_positions

    if "pairs" in data.derived:  # worked out at import (geo.store.snapshot)
        return data.derived["pairs"]
    return join_positions(data.registrations, data.neighbourhoods, rd_geometries=data.rd,
                          neighbourhoods_rd=data.neighbourhoods_rd)
