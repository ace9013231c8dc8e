"""What changed at the store's imports, as the app, the feeds and `python -m geo changes` ask it.

Each version's record (geo.changes.ImportChanges) is read from where the store keeps it (geo.change_records) when
the import left one there, and made once from the two registers when it did not (a store written by an older
Zichtbaar, a version imported before records were kept), so that nothing is lost. An app server so never keeps an
older register, and reads one at most once per version. A version whose predecessor is no longer kept has no
changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from geo.change_records import prepare
from geo.changes import Changes, ImportChanges, compare
from geo.dataset import Dataset
from geo.errors import UserFacingError
from geo.store import StoreError, open_store, read_store, versions


def between(store: str | Path | None = None, from_version: int | None = None,
            to_version: int | None = None) -> Changes:
    """What changed between two versions the store keeps; by default the last two.

    Raises UserFacingError when the store keeps fewer than two versions, and VersionUnavailable (a
    UserFacingError too) for a version it no longer keeps.
    """
    kept = versions(store)
    if to_version is None:
        if not kept:
            raise UserFacingError("error.changes.too_few")
        to_version = kept[-1].version
    if from_version is None:
        older = [r.version for r in kept if r.version < to_version]
        if not older:
            raise UserFacingError("error.changes.too_few")
        from_version = older[-1]
    old = read_store(store, version=from_version)
    new = read_store(store, version=to_version)
    return compare(old.registrations, new.registrations, from_version, to_version, new.updated)


def last_import(data: Dataset) -> ImportChanges | None:
    """What changed at the import `data` came from (against the version before it); None for a register read from
    files, a first import, or when the store no longer keeps the one before."""
    if not data.store or not data.version:
        return None
    try:
        return prepare(open_store(data.store), data.version, _reader(data.store, data))
    except StoreError:
        return None


def recorded(store: str | Path | None = None) -> list[ImportChanges]:
    """What changed at every import whose predecessor the store still keeps, newest first."""
    target = open_store(store)
    read = _reader(store)
    # Oldest first: a missing record's newer register is the next one's older register, read once.
    out = [prepare(target, r.version, read) for r in target.versions()]
    return [found for found in reversed(out) if found is not None]


def _reader(store: str | Path | None, data: Dataset | None = None) -> Callable[[int], Dataset]:
    """read_store of one version at a time, `data` for its own; the last register read is kept for the next ask
    (making records for versions in a row reads each register once, and keeps at most two)."""
    last: dict[int, Dataset] = {}

    def read(version: int) -> Dataset:
        if data is not None and version == data.version:
            return data
        if version not in last:
            last.clear()
            last[version] = read_store(store, version=version)
        return last[version]

    return read
