"""Where what changed at each import is kept: a file beside a GeoPackage's version, a row in a PostGIS table.

Right after an import the store calls `prepare` (geo.store._after_import), which compares the new version with the
one before it and keeps the record (geo.changes.ImportChanges): a GeoPackage store in
`<store>.versions/v<N>.changes.json`, dropped with its version like every `v<N>.*` file there; a PostGIS store in
the table `import_changes` in the register's schema (rows of versions no longer kept are deleted at the next
record). When the app asks for a record that is not there (a store written by an older Zichtbaar, a version
imported before records were kept), `prepare` makes it from the two registers, once, and keeps it. A record names
the import it was made for (its version, moment and file's hash), so one left by a deleted store of the same name
is never taken for the new one's. This module never imports geo.store: the store imports it.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from geo.changes import RECORD_FORMAT, ImportChanges, work_out
from geo.dataset import Dataset
from geo.errors import UserFacingError

#: The PostGIS table of records, in the register's schema.
TABLE = "import_changes"
_TABLE_DDL = f"""CREATE TABLE IF NOT EXISTS {TABLE} (
    version INTEGER PRIMARY KEY,
    identity TEXT NOT NULL,
    record TEXT NOT NULL
)"""
log = logging.getLogger(__name__)


def prepare(target: object, version: int, read: Callable[[int], Dataset]) -> ImportChanges | None:
    """What changed at `version`'s import of store `target` (a geo.store.base.Store), against the version before it;
    None for a first import, or when the store no longer keeps the one before (or `version` itself).

    Read from where the store keeps it when it is there and made for this very import; else worked out now from the
    two registers (`read(v)` gives version v's) and kept, once. Keeping it may fail (a read-only store): then it is
    worked out again the next time.
    """
    kept = target.versions()  # type: ignore[attr-defined]
    this = next((r for r in kept if r.version == version), None)
    older = [r.version for r in kept if r.version < version]
    if this is None or not older:
        return None
    expected = identity(this)
    found = _parse(_load(target, version, expected), expected)
    if found is not None and found.changes.from_version == older[-1]:
        return found
    try:
        found = work_out(read(older[-1]), read(version), expected)
    except UserFacingError as e:  # a version dropped meanwhile by an import in between: the next ask makes it
        log.warning("What changed at version %s not worked out: %s", version, e)
        return None
    _keep(target, version, expected, json.dumps(found.as_json(), ensure_ascii=False, separators=(",", ":")),
          {r.version for r in kept})
    return found


def identity(entry: object) -> str:
    """What tells one import from another: an import log line's version, moment and file's hash."""
    return f"{entry.version}|{entry.imported_at.isoformat()}|{entry.sha256}"  # type: ignore[attr-defined]


def record_path(folder: Path, version: int) -> Path:
    """Where a GeoPackage store keeps what changed at `version`'s import: beside the version's own file, so that it
    goes with it (<store>.versions/v7.changes.json)."""
    return Path(folder) / f"v{int(version)}.changes.json"


def _parse(text: str | None, expected: str) -> ImportChanges | None:
    """The record in `text` when it is one of this format made for the import `expected`; None otherwise."""
    if text is None:
        return None
    try:
        doc = json.loads(text)
        if doc.get("format") != RECORD_FORMAT or doc.get("identity") != expected:
            return None  # another format, or left by a deleted store of the same name
        return ImportChanges.from_json(doc)
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        log.warning("A damaged record of what changed at an import (%s); working it out again.", e)
        return None


def _load(target: object, version: int, expected: str) -> str | None:
    folder, url = getattr(target, "folder", None), getattr(target, "url", None)
    if folder is not None:
        try:
            return record_path(folder, version).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as e:
            log.warning("What changed at version %s not read: %s", version, e)
            return None
    if url is not None:
        return _on_table(url, lambda conn: conn.execute(
            f"SELECT record FROM {TABLE} WHERE version = %s AND identity = %s", (version, expected)).fetchone())
    return None


def _keep(target: object, version: int, expected: str, text: str, kept: set[int]) -> None:
    folder, url = getattr(target, "folder", None), getattr(target, "url", None)
    if folder is not None:
        _write_file(record_path(folder, version), text)
    elif url is not None:
        def write(conn) -> None:
            conn.execute(_TABLE_DDL)
            conn.execute(f"INSERT INTO {TABLE} VALUES (%s, %s, %s) ON CONFLICT (version) DO UPDATE "
                         "SET identity = excluded.identity, record = excluded.record", (version, expected, text))
            conn.execute(f"DELETE FROM {TABLE} WHERE NOT (version = ANY(%s))", (sorted(kept),))

        _on_table(url, write)


def _write_file(path: Path, text: str) -> None:
    """Write `text` to `path` whole (a temporary file renamed into place)."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(name, path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
    except OSError as e:
        log.warning("What changed at an import not written to %s: %s", path, e)


def _on_table(url: str, query: Callable[[object], object]):
    """`query(conn)` on a connection of its own to the PostGIS store at `url`, in one transaction; its answer's
    first column, or None when it cannot be asked (then the record is worked out, not kept)."""
    try:
        import psycopg
    except ImportError:
        return None
    try:
        with psycopg.connect(url, connect_timeout=10, application_name="zichtbaar") as conn, conn.transaction():
            try:
                with conn.transaction():  # a savepoint: a store without the table yet is no error
                    row = query(conn)
            except psycopg.errors.UndefinedTable:
                return None
    except psycopg.Error as e:  # a record is a shortcut: without it, the changes are worked out
        log.warning("What changed at an import not kept in or read from PostGIS (%s).", type(e).__name__)
        return None
    return row[0] if row else None
