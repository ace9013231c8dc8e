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
    from geo.join import assign_neighbourhood, join_positions

    if not data.version:
        return False
    parquet, npz = paths(store, data.version)
    reg = data.registrations
    try:
        rd = data.rd
        codes = data.derived.get("neighbourhood")
        if codes is None:
            codes = assign_neighbourhood(reg, data.neighbourhoods, rd_geometries=rd,
                                         neighbourhoods_rd=data.neighbourhoods_rd).to_numpy(dtype=object)
        pairs = data.derived.get("pairs")
        if pairs is None:
            pairs = join_positions(reg, data.neighbourhoods, rd_geometries=rd,
                                   neighbourhoods_rd=data.neighbourhoods_rd)
        bounds, reach = shapely.bounds(rd), data.reach
        data.derived.update(rd_bounds=bounds, reach=reach, neighbourhood=codes, pairs=pairs)
        frame = reg.copy()
        for column in _DATES:
            frame[column] = frame[column].dt.strftime("%Y-%m-%d").fillna("")
        for k, column in enumerate(_BOUNDS):
            frame[column] = bounds[:, k]
        frame[_REACH] = reach
        frame[_NB] = pd.Series(np.asarray(codes, dtype=object), index=reg.index, dtype=object).fillna("").astype(str)
        store.folder.mkdir(parents=True, exist_ok=True)
        record = next((r for r in store.log() if r.version == data.version), None)
        if record is None:
            return False
        _atomic(npz, lambda tmp: np.savez(tmp, reg_pos=pairs[0], nb_pos=pairs[1], record=_identity(record)), ".npz")
        _atomic(parquet, lambda tmp: frame.to_parquet(tmp, index=False, compression="zstd"), ".parquet")
    except (OSError, ValueError, ImportError) as e:
        log.warning("Snapshot of version %s of %s not written: %s", data.version, store.path, e)
        return False
    return True


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
