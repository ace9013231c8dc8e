"""A GeoPackage store's snapshots: each kept version once more, as a columnar file that starts an app server fast.

Reading a million registrations from a GeoPackage (row by row through GDAL), restoring their dtypes, and working
out where each lies (the RD New geometries, the neighbourhood of each, the neighbourhood join) took an app
server about 30 seconds and 2 GB at its first visit. A snapshot holds all of that as the import worked it out:

    <store>.versions/v<N>.snap1.parquet   the registrations in their canonical dtypes (GeoParquet), plus their
                                          bounds in RD New (`_minx` … `_maxy`), how far each camera looks
                                          (`_reach`, geo.cones.reach) and neighbourhood codes (`_nb`)
    <store>.versions/v<N>.snap1.npz       the neighbourhood join (geo.join.join_positions' two arrays)

`python -m geo import` writes it right after the import (geo.store.import_register); an app server that finds
none (a store written by an older Zichtbaar, or a snapshot that could not be written) reads the GeoPackage as
before and writes the snapshot then, for the next start. The GeoPackage stays the store: a snapshot is derived,
written to a temporary name and renamed into place, checked against the version it is read for, dropped with
its version, and simply rebuilt when it is missing or damaged. `snap1` is its format: a new format gets a new
name, and files of an old one are never read. A snapshot names the import it was made of (version, moment, hash of
the file), so that one left behind by a deleted store of the same name is never taken for the new one's.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.dataset import Dataset
from geo.schema import FIELDS, WGS84, Kind
from geo.store.base import ImportRecord, to_dataset
from geo.store.gpkg import GeoPackageStore, read_log, read_neighbourhoods

FORMAT = "snap1"
_FILE = re.compile(rf"^v(\d+)\.{FORMAT}\.(parquet|npz)$")
_ANY_FORMAT = re.compile(r"^v(\d+)\.snap\d+\.(parquet|npz)$")
_BOUNDS, _REACH, _NB = ("_minx", "_miny", "_maxx", "_maxy"), "_reach", "_nb"
_DATES = tuple(f.name for f in FIELDS if f.kind is Kind.DATE)
#: Registrations per batch when a snapshot is made from the GeoPackage (`build`).
BATCH_ROWS = 100_000
log = logging.getLogger(__name__)


def paths(store: GeoPackageStore, version: int) -> tuple[Path, Path]:
    """(parquet, npz) of `version`'s snapshot."""
    return (store.folder / f"v{int(version)}.{FORMAT}.parquet", store.folder / f"v{int(version)}.{FORMAT}.npz")


def read(store: GeoPackageStore, version: int | None = None) -> Dataset | None:
    """The Dataset of `version` (the newest when None) from its snapshot; None when there is none to read.

    Its registrations are what geo.store.read_store gives, and `derived` holds their RD New bounds and
    reach (near-me's candidates, geo.nearby.box_candidates), neighbourhood codes and neighbourhood join. Their
    RD New geometries themselves (Dataset.rd, a quarter of a gigabyte at a million) are worked out only when asked.
    """
    if not store.path.exists():
        return None
    try:
        current = read_log(store.path)
        if not current:
            return None
        number = current[-1].version if version is None else int(version)
        parquet, npz = paths(store, number)
        source = store._version_file(number)
        if not source.exists() and number == current[-1].version:
            source = store.path  # the newest of a store written before versions were kept
        if not (parquet.exists() and npz.exists() and source.exists()):
            return None
        book = read_log(source)
        if not book or book[-1].version != number:
            return None
        with np.load(npz) as arrays:
            if str(arrays["record"]) != _identity(book[-1]):
                return None  # left by another store of the same name (deleted and made anew)
            pairs = (arrays["reg_pos"], arrays["nb_pos"])
        frame = gpd.read_parquet(parquet)
        nb = read_neighbourhoods(source)
    except Exception as e:
        log.warning("Snapshot of version %s of %s not read (%s); reading the store.", version, store.path, e)
        return None
    for column in _DATES:  # as canonical() makes them, so that the dtypes are exactly read_store's
        frame[column] = pd.to_datetime(frame[column].replace("", None), errors="coerce")
    _release_arrow_memory()  # what decoding the file took, back to the system (mimalloc keeps it otherwise)
    bounds = frame[list(_BOUNDS)].to_numpy(dtype=float)
    reach = frame[_REACH].to_numpy(dtype=float)
    # One small category per neighbourhood, not a million strings ("" outside every neighbourhood: missing).
    codes = pd.Categorical(frame[_NB].to_numpy(dtype=object))
    codes = codes.remove_categories([""]) if "" in codes.categories else codes
    frame = gpd.GeoDataFrame(frame.drop(columns=[*_BOUNDS, _REACH, _NB]), geometry="geometry", crs=WGS84)
    data = to_dataset_of(frame, nb, book, str(store.path))
    data.derived.update(rd_bounds=bounds, reach=reach, neighbourhood=codes, pairs=pairs)
    return data


def to_dataset_of(registrations: gpd.GeoDataFrame, neighbourhoods: gpd.GeoDataFrame, book: list,
                  name: str) -> Dataset:
    """A Dataset of registrations already in canonical dtypes (geo.store.base.to_dataset, without converting)."""
    from geo.store.base import Snapshot

    data = to_dataset(Snapshot(registrations.iloc[:0], neighbourhoods, book), name)
    return Dataset(registrations, data.neighbourhoods, data.municipality, data.is_demo, data.updated, data.source,
                   version=data.version, store=data.store)


def write(store: GeoPackageStore, data: Dataset) -> bool:
    """Write `data`'s snapshot (a version of `store`, as geo.store.read_store gave it); whether it was written.

    The derived parts are worked out here (geo.join) when `data` does not hold them yet, and kept in `data`.
    """
    if not data.version:
        return False
    record = next((r for r in store.log() if r.version == data.version), None)
    if record is None:
        return False
    try:
        part = _part(data.registrations, data.neighbourhoods, data.neighbourhoods_rd, data.rd, data.reach,
                     data.derived.get("neighbourhood"), data.derived.get("pairs"))
        data.derived.update(rd_bounds=part.bounds, reach=part.reach, neighbourhood=part.codes, pairs=part.pairs)
        _write(store, record, [part])
    except (OSError, ValueError, ImportError) as e:
        log.warning("Snapshot of version %s of %s not written: %s", data.version, store.path, e)
        return False
    return True


def build(store: GeoPackageStore, version: int, batch_rows: int = BATCH_ROWS) -> bool:
    """Write the snapshot of `version` straight from its GeoPackage, `batch_rows` registrations at a time: what an
    import does after it wrote the store, in memory that does not grow with the register. Whether it was written."""
    import pyogrio.raw
    import shapely as shp

    from geo.join import to_rd
    from geo.store.base import REGISTRATIONS, canonical

    source = store._version_file(version)
    if not source.exists():
        source = store.path
    try:
        book = read_log(source)
        if not book or book[-1].version != version:
            return False
        nb = read_neighbourhoods(source)
        nb_rd = to_rd(nb)
        shp.prepare(nb_rd)

        def parts():
            offset = 0
            with pyogrio.raw.open_arrow(source, layer=REGISTRATIONS, batch_size=batch_rows, use_pyarrow=True) as (
                    meta, reader):
                geometry = meta["geometry_name"] or "wkb_geometry"
                for batch in reader:
                    frame = batch.to_pandas()
                    geoms = shp.from_wkb(frame.pop(geometry).to_numpy(dtype=object))
                    reg = canonical(gpd.GeoDataFrame(frame, geometry=geoms, crs=WGS84))
                    reg.index = pd.RangeIndex(offset, offset + len(reg))
                    part = _part(reg, nb, nb_rd)
                    yield _Part(part.frame, part.bounds, part.reach, part.codes,
                                (part.pairs[0] + offset, part.pairs[1]))
                    offset += len(reg)

        _write(store, book[-1], parts())
    except (OSError, ValueError, ImportError, pyogrio.errors.DataSourceError) as e:
        log.warning("Snapshot of version %s of %s not written: %s", version, store.path, e)
        return False
    return True


@dataclass(frozen=True)
class _Part:
    """Some registrations as the snapshot file holds them, and what was worked out for them."""

    frame: gpd.GeoDataFrame
    bounds: np.ndarray
    reach: np.ndarray
    codes: object
    pairs: tuple[np.ndarray, np.ndarray]


def _part(reg: gpd.GeoDataFrame, nb: gpd.GeoDataFrame, nb_rd: np.ndarray, rd: np.ndarray | None = None,
          reach: np.ndarray | None = None, codes: object = None, pairs=None) -> _Part:
    from geo.cones import reach as reach_of
    from geo.join import assign_neighbourhood, join_positions, to_rd

    rd = to_rd(reg) if rd is None else rd
    if codes is None:
        codes = assign_neighbourhood(reg, nb, rd_geometries=rd, neighbourhoods_rd=nb_rd).to_numpy(dtype=object)
    if pairs is None:
        pairs = join_positions(reg, nb, rd_geometries=rd, neighbourhoods_rd=nb_rd)
    bounds = shapely.bounds(rd)
    reach = reach_of(reg, rd) if reach is None else reach
    frame = reg.copy()
    for column in _DATES:
        frame[column] = frame[column].dt.strftime("%Y-%m-%d").fillna("")
    for k, column in enumerate(_BOUNDS):
        frame[column] = bounds[:, k]
    frame[_REACH] = reach
    frame[_NB] = pd.Series(np.asarray(codes, dtype=object), index=reg.index, dtype=object).fillna("").astype(str)
    return _Part(frame, bounds, reach, codes, pairs)


def _write(store: GeoPackageStore, record: ImportRecord, parts) -> None:
    """Write the parts' registrations as one GeoParquet file and their join beside it (both renamed into place)."""
    import pyarrow.parquet as pq
    from geopandas.io.arrow import _geopandas_to_arrow  # geopandas' own GeoParquet writer (pinned: 1.2)

    store.folder.mkdir(parents=True, exist_ok=True)
    parquet, npz = paths(store, record.version)
    reg_pos, nb_pos = [], []

    def write_parquet(tmp: Path) -> None:
        writer = None
        try:
            for part in parts:
                # GeoParquet: the table with its "geo" metadata, as GeoDataFrame.to_parquet writes it, part by part.
                table = _geopandas_to_arrow(part.frame, index=False, geometry_encoding="WKB")
                if writer is None:
                    writer = pq.ParquetWriter(tmp, table.schema, compression="zstd")
                writer.write_table(table.cast(writer.schema))
                reg_pos.append(np.asarray(part.pairs[0]))
                nb_pos.append(np.asarray(part.pairs[1]))
        finally:
            if writer is not None:
                writer.close()

    _atomic(parquet.with_name(parquet.name + ".part"), write_parquet, ".parquet")
    joined = (np.concatenate(reg_pos) if reg_pos else np.empty(0, np.intp),
              np.concatenate(nb_pos) if nb_pos else np.empty(0, np.intp))
    _atomic(npz, lambda tmp: np.savez(tmp, reg_pos=joined[0], nb_pos=joined[1], record=_identity(record)), ".npz")
    os.replace(parquet.with_name(parquet.name + ".part"), parquet)  # the npz first, then the file that completes it


def drop(store: GeoPackageStore, kept: set[int]) -> None:
    """Unlink the snapshots of versions not in `kept`, and those of any older format."""
    if not store.folder.is_dir():
        return
    for path in store.folder.iterdir():
        m = _ANY_FORMAT.match(path.name)
        if m and (int(m.group(1)) not in kept or not _FILE.match(path.name)):
            path.unlink(missing_ok=True)


def _identity(record: ImportRecord) -> str:
    """What tells one import from another: its version, moment and file's hash."""
    return f"{record.version}|{record.imported_at.isoformat()}|{record.sha256}"


def _release_arrow_memory() -> None:
    import pyarrow as pa

    pa.default_memory_pool().release_unused()


def _atomic(target: Path, write_to, suffix: str) -> None:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp" + suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write_to(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
