"""The register store: where the imported register lives, its import log, imports, and the queries the app asks.

$ZICHTBAAR_DB names the store: a GeoPackage file (the default, data/register.gpkg: one municipality on
one machine) or a postgresql:// URL (PostGIS: a province or a national register, several app servers).
Both give the same answers; `Store` (geo.store.base) is what each of them implements (geo.store.gpkg,
geo.store.postgis).

An import replaces the whole register, all or nothing: a reader sees the old register or the new one,
never a mix, and an import that fails midway leaves the old register untouched. A store keeps the
registrations of its last imports ($ZICHTBAAR_KEEP_VERSIONS, default 10), each readable by its version.

A Dataset read from a store remembers which store and version it came from, and the store answers the
app's spatial questions about it (`nearby`, `neighbourhood_pairs`): PostGIS in the database, a
GeoPackage in memory on the Dataset's own RD New geometries. Either gives exactly what geo.nearby and
geo.join give on the Dataset alone.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.change_records import prepare as prepare_changes
from geo.dataset import Dataset
from geo.schema import DEMO_NEIGHBOURHOODS, DEMO_REGISTER, WGS84
from geo.store import snapshot
from geo.store.base import (
    DEFAULT_STORE,
    IMPORT_LOG,
    KEEP_VERSIONS,
    NEIGHBOURHOODS,
    REGISTRATIONS,
    URL_SCHEMES,
    WITHIN_COLUMNS,
    ImportRecord,
    Snapshot,
    Store,
    StoreError,
    VersionUnavailable,
    canonical,
    frames_of,
    is_url,
    memory_nearby,
    memory_pairs,
    redact,
    to_dataset,
    with_version,
    within_rd,
)
from geo.store.gpkg import GeoPackageStore
from geo.store.lean import Builder as LeanBuilder
from geo.store.lean import is_lean, lean_from
from geo.store.lean import read as read_lean
from geo.store.lean import to_blobs as lean_blobs
from geo.store.postgis import PostGISStore
from geo.viewstate import Spot

if TYPE_CHECKING:
    from geo.readers import ImportReport

__all__ = [
    "DEFAULT_STORE",
    "IMPORT_LOG",
    "KEEP_VERSIONS",
    "NEIGHBOURHOODS",
    "REGISTRATIONS",
    "URL_SCHEMES",
    "WITHIN_COLUMNS",
    "GeoPackageStore",
    "ImportRecord",
    "PostGISStore",
    "Snapshot",
    "Store",
    "StoreError",
    "VersionUnavailable",
    "camera_coverage",
    "canonical",
    "current_version",
    "ensure_demo_store",
    "import_log",
    "import_register",
    "is_lean",
    "is_url",
    "keep_versions",
    "kept_as_facts",
    "nearby",
    "neighbourhood_pairs",
    "open_store",
    "point_mask",
    "points_rd",
    "position_of",
    "read_joined",
    "read_store",
    "redact",
    "registrations_within",
    "rows",
    "search",
    "search_named",
    "sha256_file",
    "spot_rd",
    "store_path",
    "summarise",
    "total_bounds",
    "versions",
    "with_version",
    "within_rd",
]


def store_path() -> Path | str:
    """The store: $ZICHTBAAR_DB (a GeoPackage path or a postgresql:// URL), or data/register.gpkg.

    A URL stays a string: a Path would fold its `//`.
    """
    value = os.environ.get("ZICHTBAAR_DB")
    if not value:
        return DEFAULT_STORE
    return value if is_url(value) else Path(value)


def keep_versions() -> int:
    """How many imports a store keeps the registrations of: $ZICHTBAAR_KEEP_VERSIONS, or KEEP_VERSIONS (10).

    >>> keep_versions() >= 1
    True
    """
    value = os.environ.get("ZICHTBAAR_KEEP_VERSIONS", "").strip()
    if not value:
        return KEEP_VERSIONS
    if not value.isdigit() or int(value) < 1:
        raise StoreError("error.store.keep", value=value)
    return int(value)


def open_store(store: str | Path | None = None, *, keep: int | None = None) -> Store:
    """The Store named by `store` (default: `store_path()`), keeping `keep` versions (default: `keep_versions()`)."""
    name = store if store is not None else store_path()
    kept = keep if keep is not None else keep_versions()
    if kept < 1:
        raise StoreError("error.store.keep", value=kept)
    if is_url(name):
        return PostGISStore(str(name), keep=kept)
    return GeoPackageStore(Path(name), keep=kept)


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


def versions(store: str | Path | None = None) -> list[ImportRecord]:
    """The imports whose registrations the store still keeps, oldest first; `read_store(version=...)` reads one."""
    return open_store(store).versions()


def current_version(store: str | Path | None = None) -> int:
    """The version of the newest import, 0 when there is none: cheap enough to ask on every page run."""
    log = import_log(store)
    return log[-1].version if log else 0


def import_register(register: str | Path, neighbourhoods: str | Path | None = None, *,
                    store: str | Path | None = None, municipality: str | None = None,
                    is_demo: bool = False, strict: bool = False, today: date | None = None,
                    keep: int | None = None, progress: Callable[[ImportReport], None] | None = None,
                    chunk_rows: int | None = None):
    """Validate `register` and replace the store's register with its accepted rows, atomically.

    The register is read, validated and written in chunks (geo.readers.read_register_chunks): a CSV of a
    million rows never has to be in memory whole.

    Parameters
    ----------
    neighbourhoods : a neighbourhood file; without it the store's current neighbourhoods are kept.
    store : a GeoPackage path or a postgresql:// URL (default: `store_path()`).
    strict : refuse the whole import when any row is rejected.
    keep : how many versions to keep, this one included (default: `keep_versions()`).
    progress : called with the report so far after each chunk.
    chunk_rows : rows per chunk (default: geo.readers.CHUNK_ROWS).

    Returns
    -------
    (ImportReport, ImportRecord) : the validation report (counts, the first problems) and the new log line.
    """
    report, record = _import(register, neighbourhoods, open_store(store, keep=keep), municipality=municipality,
                             is_demo=is_demo, strict=strict, today=today, progress=progress, chunk_rows=chunk_rows)
    assert record is not None
    # Each import also deletes the e-mail addresses of residents' reports past their retention.
    from geo.store.reports import purge

    purge(store)
    return report, record


def _import(register: str | Path, neighbourhoods: str | Path | None, target: Store, *,
            municipality: str | None, is_demo: bool, strict: bool, today: date | None,
            only_if_empty: bool = False, progress: Callable[[ImportReport], None] | None = None,
            chunk_rows: int | None = None):
    from geo.neighbourhoods import read_neighbourhoods

    old_log = target.log()
    if neighbourhoods is not None:
        nb = read_neighbourhoods(neighbourhoods)
    elif old_log:
        nb = target.neighbourhoods()
    else:
        raise StoreError("error.store.no_neighbourhoods_import")
    report = _validated(register, nb, strict=strict, today=today, progress=progress, chunk_rows=chunk_rows)
    last = old_log[-1] if old_log else None

    def record() -> ImportRecord:  # the counts are known once every chunk is written
        return ImportRecord(
            version=(last.version if last else 0) + 1,  # the store settles it under its own lock
            imported_at=datetime.now(UTC).replace(microsecond=0),
            file=Path(register).name, sha256=sha256_file(register),
            neighbourhoods_file=(Path(neighbourhoods).name if neighbourhoods
                                 else last.neighbourhoods_file if last else None),
            accepted=report.accepted_rows, rejected=report.rejected_rows, warnings=report.warning_count,
            municipality=municipality if municipality is not None else (last.municipality if last else ""),
            is_demo=is_demo)

    nb = _in_wgs84(nb)
    if isinstance(target, PostGISStore):
        # The facts app servers keep of a large register (geo.store.lean), worked out as the chunks pass.
        builder = LeanBuilder(nb)
        written = target.replace(builder.watch(frames_of(report.accepted)), nb, record,
                                 only_if_empty=only_if_empty, facts=lambda: lean_blobs(builder.parts()))
    else:
        written = target.replace(report.accepted, nb, record, only_if_empty=only_if_empty)
    _after_import(target, written)
    return report, written


def _after_import(target: Store, written: ImportRecord | None) -> None:
    """What an import leaves ready for the app servers: a GeoPackage's snapshot of the new version, and what changed
    at it (geo.change_records), so that no app server reads an older register."""
    if written is None:
        return
    if isinstance(target, GeoPackageStore):
        snapshot.build(target, written.version)  # batch by batch: memory that does not grow with the register
        snapshot.drop(target, {r.version for r in target.versions()})
    name = target.path if isinstance(target, GeoPackageStore) else target.url
    prepare_changes(target, written.version, lambda v: read_store(name, version=v))


def _validated(register: str | Path, nb: gpd.GeoDataFrame, *, strict: bool, today: date | None,
               progress: Callable[[ImportReport], None] | None, chunk_rows: int | None) -> ImportReport:
    """The report of `register`, its accepted rows (`report.accepted`) coming chunk by chunk as the store writes them.

    With `strict`, no chunk is handed on after a rejected row, and the chunks end in a StoreError once
    every row is counted: the store then keeps its old register, however late the rejected row came.
    """
    from geo.readers import read_register_chunks

    report = read_register_chunks(register, nb, today=today, chunk_rows=chunk_rows, progress=progress)
    if strict:
        report.accepted = _unless_rejected(report, report.accepted)
    return report


def _unless_rejected(report: ImportReport, chunks: Iterator[gpd.GeoDataFrame]) -> Iterator[gpd.GeoDataFrame]:
    for frame in chunks:
        if not report.rejected_rows:
            yield frame
    if report.rejected_rows:
        raise StoreError("error.store.strict", n=report.rejected_rows)


def _in_wgs84(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    # Both stores keep WGS84 as it came in; RD New is derived from it (geo.join.to_rd) where needed.
    if frame.crs is not None and not frame.crs.equals(WGS84):
        return frame.to_crs(WGS84)
    return frame


def read_store(store: str | Path | None = None, *, version: int | None = None, lean: bool = False) -> Dataset:
    """The Dataset in the store: registrations in canonical dtypes, in import order, with their neighbourhoods.

    `version`: one of `versions(store)`; the newest when None. VersionUnavailable when it is not kept.
    `lean`: a PostGIS register of geo.store.lean.lean_from() registrations or more is read as its facts only
    (geo.store.lean): the pages that can work on those ask `rows` for what they show.
    """
    name = _name(store)
    target = open_store(name)
    if lean and kept_as_facts(target, version):
        return read_lean(target, name, version)
    if isinstance(target, GeoPackageStore):
        # A GeoPackage's snapshot (geo.store.snapshot) when there is one; else the store, and a snapshot for next time.
        data = snapshot.read(target, version)
        if data is None:
            data = to_dataset(target.read(version=version), name)
            snapshot.write(target, data)
        return data
    return to_dataset(target.read(version=version), name)


def kept_as_facts(store: str | Path | Store | None, version: int | None = None) -> bool:
    """Whether `version` (the newest when None) of the store is a PostGIS register of geo.store.lean.lean_from()
    registrations or more: the pages that can, then keep its facts only (`read_store(..., lean=True)`)."""
    target = store if isinstance(store, (PostGISStore, GeoPackageStore)) else open_store(store)
    if not isinstance(target, PostGISStore):
        return False
    book = target.log()
    record = next((r for r in book if r.version == version), None) if version is not None else \
        (book[-1] if book else None)
    return record is not None and record.accepted >= lean_from()


def _name(store: str | Path | None) -> str:
    """The store's name as a Dataset keeps it: the URL, or the path as the GeoPackage store spells it."""
    name = store if store is not None else store_path()
    return str(name) if is_url(name) else str(Path(name))


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


def read_joined(store: str | Path | None = None) -> tuple[Dataset, tuple[np.ndarray, np.ndarray]]:
    """The register and its neighbourhood join, from one version of the store.

    PostGIS joins in the database (ST_Intersects on GiST indexes in RD New); a GeoPackage with
    geo.join.join_positions. The pairs are positions into the Dataset's registrations and neighbourhoods,
    exactly as geo.join.join_positions gives them (nb_pos -1 outside every neighbourhood).
    """
    name = _name(store)
    snap = open_store(name).read(pairs=True)
    assert snap.pairs is not None
    return to_dataset(snap, name), snap.pairs


def summarise(store: str | Path | None = None, today: date | None = None):
    """geo.summary.summarise of the store's register, the neighbourhood join done by the store.

    Returns
    -------
    (Dataset, list[NeighbourhoodSummary]) : what was summarised, and one summary per neighbourhood
    followed by the one for outside every neighbourhood.
    """
    from geo.summary import summarise as summarise_join

    data, pairs = read_joined(store)
    return data, summarise_join(data.registrations, data.neighbourhoods, today, pairs=pairs)


def nearby(data: Dataset, spot: Spot, radius: float) -> gpd.GeoDataFrame:
    """geo.nearby.nearby of `data`, the candidates found by the store it came from.

    PostGIS finds them in the database (ST_DWithin on GiST indexes in RD New, for the version `data`
    holds); a GeoPackage, and a Dataset read from files, in memory on `data.rd`. Either way geo.nearby
    measures the candidates again, so the answer is the one geo.nearby gives on `data` alone: the same
    rows in the same order.
    """
    from geo.nearby import nearby as registrations_near

    x, y = spot.rd
    positions = _ask(data, lambda target: target.nearby(x, y, float(radius), version=data.version, data=data),
                     lambda: memory_nearby(data, x, y, float(radius)))
    if is_lean(data):  # the candidates' rows from the database, indexed by their positions
        return registrations_near(rows(data, positions), spot, radius)
    # geo.nearby works out the candidates' RD New geometries itself: on PostGIS nobody needs the whole register's.
    return registrations_near(data.registrations, spot, radius, candidates=positions)


def rows(data: Dataset, positions: np.ndarray, columns: tuple[str, ...] | None = None) -> gpd.GeoDataFrame:
    """The registrations of `data` at `positions` (each once), in that order: from the database for a lean Dataset
    (geo.store.lean), else from the register in memory. Indexed by their positions. Every column and the geometry;
    `columns` (and the geometry) when only those are needed."""
    positions = np.asarray(positions, dtype=np.int64)
    if not is_lean(data):  # the columns first: a copy of every column of many rows costs seconds
        reg = data.registrations
        return (reg if columns is None else reg[[*columns, reg.geometry.name]]).iloc[positions]
    ascending = np.sort(positions)
    found = canonical(open_store(data.store).rows(ascending, version=data.version, names=columns))
    if columns is not None:
        found = found[[*columns, "geometry"]]
    return found if np.array_equal(ascending, positions) else found.loc[positions]


def point_mask(data: Dataset) -> np.ndarray:
    """Which registrations of `data` are points (geometry type Point, as GeoSeries.geom_type says): a lean Dataset
    knows it from its facts (geo.store.lean.kinds)."""
    import shapely

    if is_lean(data):
        return np.asarray(data.derived["kind"]) == 0
    return shapely.get_type_id(np.asarray(data.registrations.geometry.array)) == 0


def points_rd(data: Dataset, positions: np.ndarray) -> tuple[gpd.GeoDataFrame, np.ndarray]:
    """What geo.hotspots.hotspots reads of the registrations at `positions`: (them, rd_xy), rd_xy the (n, 2) RD New
    coordinates of those that are points, NaN for the others (geo.dataset.Dataset.rd_xy). A lean Dataset's points
    come from their anchors, and only its other shapes from the database: its frame's geometry is None where
    rd_xy holds the point."""
    positions = np.asarray(positions, dtype=np.int64)
    if not is_lean(data):  # hotspots read the geometry only
        return data.registrations[[data.registrations.geometry.name]].iloc[positions], data.rd_xy[positions]
    from geo.crs import wgs84_to_rd

    anchors, kind = data.derived["anchors"], np.asarray(data.derived["kind"])[positions]
    xy = np.full((len(positions), 2), np.nan)
    point = kind == 0
    xy[point] = np.column_stack(wgs84_to_rd(anchors.lon[positions[point]], anchors.lat[positions[point]]))
    geometry = np.full(len(positions), None, dtype=object)
    other = np.flatnonzero(kind > 0)
    if len(other):
        geometry[other] = np.asarray(rows(data, positions[other], ()).geometry.array)
    return gpd.GeoDataFrame(index=positions, geometry=geometry, crs=WGS84), xy


def camera_coverage(data: Dataset, positions: np.ndarray):
    """geo.coverage.coverage of the registrations of `data` at `positions`: a lean Dataset's cameras (and only
    they) are read from the database; a register in memory gives its RD New points."""
    from geo.cones import DIRECTIONAL
    from geo.coverage import CAMERA_COLUMNS, coverage

    positions = np.asarray(positions, dtype=np.int64)
    if not is_lean(data):
        return coverage(rows(data, positions, CAMERA_COLUMNS), data.neighbourhoods, rd_xy=data.rd_xy[positions],
                        neighbourhoods_rd=data.neighbourhoods_rd)
    is_camera = data.registrations["sensor_type"].to_numpy()[positions]
    cameras = positions[pd.Series(is_camera).isin(DIRECTIONAL).to_numpy()]
    return coverage(rows(data, cameras, CAMERA_COLUMNS), data.neighbourhoods, neighbourhoods_rd=data.neighbourhoods_rd)


def position_of(data: Dataset, reg_id: str | None) -> int | None:
    """The position in `data` of the registration with id `reg_id` (the first, should ids repeat), or None."""
    if not reg_id:
        return None
    if is_lean(data):
        return open_store(data.store).position_of(str(reg_id), version=data.version)
    hits = np.flatnonzero(data.registrations["id"].astype(str).to_numpy() == reg_id)
    return int(hits[0]) if len(hits) else None


def search(data: Dataset, words: list[str]) -> np.ndarray:
    """Boolean mask over a lean `data`: which registrations hold every one of `words` (geo.filters' free-text
    filter), answered by the database."""
    mask = np.zeros(len(data.registrations), dtype=bool)
    mask[open_store(data.store).search(words, version=data.version)] = True
    return mask


def search_named(data: Dataset, query: str, limit: int) -> list[tuple[str, str]]:
    """geo.sensor.search of `data`: (id, name) of at most `limit` registrations whose name or id holds `query`. A
    lean Dataset's database finds the candidates (compared in lower case), geo.sensor.search decides."""
    from geo.sensor import search as named

    if not is_lean(data):
        return named(data.registrations, query, limit)
    q = query.strip().casefold()
    if not q:
        return []
    found = open_store(data.store).search([q], version=data.version, columns=("name", "id"))
    return named(rows(data, found[:2 * limit], ("id", "name")), query, limit)


def total_bounds(data: Dataset) -> tuple[float, float, float, float]:
    """(west, south, east, north) of `data`'s registrations, or of its neighbourhoods when it has none."""
    if is_lean(data):
        bounds = data.derived.get("bounds")
    else:
        bounds = tuple(data.registrations.total_bounds) if len(data.registrations) else None
    # One type however found: fit_view rounds a numpy float and a Python float differently at the sixth decimal.
    return tuple(np.float64(v) for v in (bounds if bounds is not None else data.neighbourhoods.total_bounds))


def neighbourhood_pairs(data: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """(reg_pos, nb_pos): the neighbourhood join of `data` (geo.join.join_positions), by the store it came from.

    PostGIS joins in the database, for the version `data` holds; a GeoPackage, and a Dataset read from
    files, in memory on `data.rd` and `data.neighbourhoods_rd`.
    """
    if is_lean(data):  # as the import worked it out (geo.store.lean)
        return data.derived["pairs"]
    return _ask(data, lambda target: target.neighbourhood_pairs(version=data.version, data=data),
                lambda: memory_pairs(data))


def _ask(data: Dataset, question, in_memory):
    """`question(store)` of the store `data` came from; `in_memory()` when there is none, or when the store
    no longer keeps that version or cannot answer for it (a version written by an older Zichtbaar)."""
    if not data.store or not data.version:
        return in_memory()
    try:
        return question(open_store(data.store))
    except VersionUnavailable:
        return in_memory()
