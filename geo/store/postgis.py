"""The PostGIS store: the register, neighbourhoods and import log in PostgreSQL, for many visitors and app servers.

Tables live in the first schema of the connection's search_path (a URL may set it with
`?options=-csearch_path%3Dmyschema,public`). Geometry is kept twice: as it came in (EPSG:4326, read
back bit for bit) and in RD New (EPSG:28992, computed by geo.join.to_rd so that the database measures
on exactly the coordinates the in-memory path measures on), with GiST indexes on the latter for the
radius query (ST_DWithin) and the neighbourhood join (ST_Intersects). A camera's reach (geo.cones.reach,
also worked out at import) has an index of its own: the near-me query finds the cameras that look at a
spot from beyond the radius without testing every camera.

Every import writes tables of its own, registrations_v<version> and neighbourhoods_v<version>, in one
transaction that ends by adding its line to import_log: until that commits nobody sees the new
version, and an import that fails rolls back, tables and all. A version's tables never change after
that, so a reader only has to know which version to read and that its tables stay: it takes a share
lock on import_log before it reads the log, and versions older than the newest `keep` are dropped
only under an exclusive lock on import_log, taken without waiting (NOWAIT) so that a cleanup never
stalls a reader. Loading
into a fresh table and building its indexes afterwards is three times faster than replacing the rows
of an indexed one.
"""

from __future__ import annotations

import io
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.dataset import Dataset
from geo.reports import WINDOW, Action, NewReport, Report, ReportError, acted, new_ref
from geo.schema import FIELDS, RD_NEW, WGS84, Kind
from geo.store.base import (
    IMPORT_LOG,
    KEEP_VERSIONS,
    NEIGHBOURHOODS,
    REF_ATTEMPTS,
    REGISTRATIONS,
    REPORT_ACTIONS,
    REPORT_COLUMNS,
    REPORTS,
    WITHIN_COLUMNS,
    ImportRecord,
    RecordOrLater,
    Registrations,
    Snapshot,
    StoreError,
    VersionUnavailable,
    frames_of,
    redact,
    report_of,
    settled,
    with_version,
)

T = TypeVar("T")

_SQL_TYPE = {Kind.BOOL: "boolean NOT NULL", Kind.DATE: "date", Kind.NUMBER: "double precision",
             Kind.INTEGER: "double precision"}
_TEXT = "text NOT NULL"
_RD_SRID = int(RD_NEW.split(":")[1])
_WGS84_SRID = int(WGS84.split(":")[1])
_COPY_BLOCK = 1 << 23  # bytes per COPY message
# What an import leaves for app servers that keep a register's facts only (geo.store.lean), beside its tables.
_FACTS = "registration_facts"
_VERSIONED = re.compile(rf"^({REGISTRATIONS}|{NEIGHBOURHOODS}|{_FACTS})_v(\d+)$")
# A cleanup that finds readers tries again a few times, then leaves the old tables to the next import.
_CLEANUP_TRIES = 5
_CLEANUP_PAUSE_S = 0.2
# The database measures with its own code, shapely with GEOS: they may differ in the last digits. The
# near-me query asks a centimetre more, and geo.nearby measures the answer again with shapely.
_SLACK_M = 0.01
# Rows asked by position per query (a table page, a view's icons, a download in parts).
_ROWS_PER_QUERY = 50_000

_LOG_DDL = f"""
CREATE TABLE IF NOT EXISTS {IMPORT_LOG} (
    version integer PRIMARY KEY,
    imported_at timestamptz NOT NULL,
    file text NOT NULL,
    sha256 text NOT NULL,
    neighbourhoods_file text,
    accepted integer NOT NULL,
    rejected integer NOT NULL,
    warnings integer NOT NULL,
    municipality text NOT NULL,
    is_demo boolean NOT NULL
)"""

# Two cores serve many visitors: no parallel workers that each redo the CTEs, no JIT compile that
# costs more than it saves; the sort of the point pairs fits in memory.
_JOIN_SETTINGS = ("SET LOCAL jit = off", "SET LOCAL max_parallel_workers_per_gather = 0",
                  "SET LOCAL work_mem = '64MB'")

# One connection per store URL and process serves the small queries: the version on every page run,
# the radius query on every click. A new connection (TCP, password exchange, a server process) would
# cost more than the query.
_shared: dict[str, _Shared] = {}
_shared_guard = threading.Lock()


def _registrations_table(version: int) -> str:
    return f"{REGISTRATIONS}_v{int(version)}"


def _neighbourhoods_table(version: int) -> str:
    return f"{NEIGHBOURHOODS}_v{int(version)}"


def _facts_table(version: int) -> str:
    return f"{_FACTS}_v{int(version)}"


def _write_facts(conn, version: int, blobs: dict[str, bytes]) -> None:
    table = _facts_table(version)
    conn.execute(f"CREATE TABLE {table} (part text PRIMARY KEY, data bytea NOT NULL)")
    with conn.cursor() as cur:
        cur.executemany(f"INSERT INTO {table} (part, data) VALUES (%s, %s)", list(blobs.items()))


def _registrations_ddl(table: str) -> str:
    fields = ",\n    ".join(f'"{f.name}" {_SQL_TYPE.get(f.kind, _TEXT)}' for f in FIELDS)
    return f"""
CREATE TABLE {table} (
    position integer NOT NULL,
    {fields},
    "row" integer NOT NULL,
    geom geometry(Geometry, {_WGS84_SRID}),
    geom_rd geometry(Geometry, {_RD_SRID}),
    has_area boolean NOT NULL,
    reach_m double precision
)"""


_SIGHT = "ST_Expand(geom_rd, reach_m)"


def _registrations_indexes(table: str) -> tuple[str, ...]:
    return (f"ALTER TABLE {table} ADD PRIMARY KEY (position)",
            f"CREATE INDEX ON {table} (id)",  # a sign's link names its registration by id
            f"CREATE INDEX ON {table} USING gist (geom_rd)",
            # The areas alone: the join tests them against every neighbourhood they touch, without the points.
            f"CREATE INDEX ON {table} USING gist (geom_rd) WHERE has_area",
            # Each camera's box of sight: which cameras may see a spot, whatever their range.
            f"CREATE INDEX ON {table} USING gist ({_SIGHT}) WHERE reach_m IS NOT NULL")


def _neighbourhoods_ddl(table: str) -> str:
    return f"""
CREATE TABLE {table} (
    position integer PRIMARY KEY,
    code text NOT NULL,
    name text NOT NULL,
    population bigint,
    geom geometry(Geometry, {_WGS84_SRID}),
    geom_rd geometry(Geometry, {_RD_SRID})
)"""


def _join_sql(version: int) -> str:
    """The neighbourhood join of geo.join.join_positions, in SQL.

    A point, or a shape without area, lies in the one neighbourhood it intersects with the lowest code
    (a border point is in both; codes in the order Python compares strings: COLLATE "C"); an area lies
    in every neighbourhood whose interior its interior meets (DE-9IM T********, which is "intersects
    and does not merely touch"); whatever lies nowhere gets -1. has_area is shapely's area > 0 in RD
    New, computed at import as geo.join does. The neighbourhoods drive the loops, so that PostGIS
    prepares each polygon once for all the points in its box, and are copied out of the table first:
    read from the table, a large compressed polygon would be decompressed for every point tested.
    """
    reg, nb = _registrations_table(version), _neighbourhoods_table(version)
    return f"""
WITH n AS MATERIALIZED (
    SELECT position, code, ST_Force2D(geom_rd) AS g FROM {nb}
), single AS (
    SELECT DISTINCT ON (r.position) r.position, n.position AS nb
    FROM n JOIN {reg} r ON ST_Intersects(n.g, r.geom_rd)
    WHERE NOT r.has_area
    ORDER BY r.position, n.code COLLATE "C", n.position
), areas AS (
    SELECT r.position, n.position AS nb
    FROM n JOIN {reg} r ON ST_Intersects(n.g, r.geom_rd) AND ST_Relate(n.g, r.geom_rd, 'T********')
    WHERE r.has_area
)
SELECT r.position, coalesce(single.nb, -1) FROM {reg} r LEFT JOIN single USING (position) WHERE NOT r.has_area
UNION ALL SELECT position, nb FROM areas
UNION ALL SELECT r.position, -1 FROM {reg} r
WHERE r.has_area AND NOT EXISTS (SELECT FROM areas a WHERE a.position = r.position)
"""


def _nearby_sql(version: int) -> str:
    """The candidates of geo.nearby.nearby: within the radius, or a camera within its reach (a little more)."""
    table = _registrations_table(version)
    here = f"ST_SetSRID(ST_MakePoint(%(x)s, %(y)s), {_RD_SRID})"
    return f"""
SELECT position FROM {table} WHERE ST_DWithin(geom_rd, {here}, %(r)s)
UNION
SELECT position FROM {table}
WHERE reach_m IS NOT NULL AND {_SIGHT} && ST_Expand({here}, %(slack)s)
  AND ST_DWithin(geom_rd, {here}, reach_m + %(slack)s)
ORDER BY position
"""


def _within_sql(version: int) -> str:
    here = f"ST_SetSRID(ST_MakePoint(%(x)s, %(y)s), {_RD_SRID})"
    return f"""
SELECT position, id, ST_Distance(geom_rd, {here}) AS distance_m FROM {_registrations_table(version)}
WHERE ST_DWithin(geom_rd, {here}, %(r)s)
ORDER BY distance_m, id COLLATE "C"
"""


class PostGISStore:
    """A store in a PostGIS database (geo.store.base.Store)."""

    def __init__(self, url: str, keep: int = KEEP_VERSIONS) -> None:
        self.url = url
        self.keep = keep

    def describe(self) -> str:
        return redact(self.url)

    # ------------------------------------------------------------ reading

    def log(self) -> list[ImportRecord]:
        return self._on_shared(_read_log)

    def versions(self) -> list[ImportRecord]:
        with self._reading() as (conn, log):
            kept = _kept_versions(conn)
        return [r for r in log if r.version in kept]

    def read(self, *, version: int | None = None, pairs: bool = False) -> Snapshot:
        with self._reading() as (conn, log):
            if not log:
                raise StoreError("error.store.empty", store=self.describe())
            version = self._readable(conn, log, version)
            reg = _read_registrations(conn, version)
            nb = _read_neighbourhoods(conn, version)
            joined = _join(conn, version) if pairs else None
        return Snapshot(reg, nb, [r for r in log if r.version <= version], joined)

    def neighbourhoods(self, *, version: int | None = None) -> gpd.GeoDataFrame:
        with self._reading() as (conn, log):
            if not log:
                raise StoreError("error.store.no_neighbourhoods")
            return _read_neighbourhoods(conn, self._readable(conn, log, version))

    def within(self, x: float, y: float, radius: float, *, version: int | None = None) -> pd.DataFrame:
        rows = self._query_version(version, _within_sql, {"x": x, "y": y, "r": radius})
        if not rows:
            return _empty_within()
        position, ids, distance = zip(*rows, strict=True)
        return pd.DataFrame({"position": np.array(position, dtype=np.int64), "id": pd.Series(ids, dtype=object),
                             "distance_m": np.array(distance, dtype=float)})

    def nearby(self, x: float, y: float, radius: float, *, version: int | None = None,
               data: Dataset | None = None) -> np.ndarray:
        params = {"x": x, "y": y, "r": radius + _SLACK_M, "slack": _SLACK_M}
        rows = self._query_version(version, _nearby_sql, params)
        return np.array([r[0] for r in rows], dtype=np.intp)

    def neighbourhood_pairs(self, *, version: int | None = None,
                            data: Dataset | None = None) -> tuple[np.ndarray, np.ndarray]:
        with self._reading() as (conn, log):
            if not log:
                raise StoreError("error.store.empty", store=self.describe())
            return _join(conn, self._readable(conn, log, version))

    # ------------------------------------------------------------ a register too large to hold (geo.store.lean)

    def chunks(self, version: int, size: int, names: tuple[str, ...] | None = None
               ) -> Iterator[tuple[int, gpd.GeoDataFrame]]:
        """(first position, registrations) of `version`, `size` at a time in position order, as the store holds
        them (the fields in `names` and the geometry): an app server reads a large register without ever
        holding all of it. VersionUnavailable when the version is not kept."""
        with self._reading() as (conn, log):
            version = self._readable(conn, log, version)
            total = conn.execute(f"SELECT count(*) FROM {_registrations_table(version)}").fetchone()[0]
            for start in range(0, total, size):
                yield start, _read_registrations(conn, version, f"position >= {int(start)} AND position < "
                                                                f"{int(start + size)}", names)

    def rows(self, positions: np.ndarray, *, version: int, names: tuple[str, ...] | None = None
             ) -> gpd.GeoDataFrame:
        """The registrations at `positions` (ascending, no repeats) of `version`, indexed by their positions: the
        fields in `names` (every one when None) and the geometry. On the shared connection: a page asks this on
        every run."""
        psycopg = _psycopg()
        positions = np.asarray(positions, dtype=np.int64)

        def query(conn) -> gpd.GeoDataFrame:
            parts = []
            with conn.transaction():
                if _lock_and_version(conn) is None:
                    raise self._gone(version)
                try:
                    for start in range(0, max(len(positions), 1), _ROWS_PER_QUERY):
                        some = positions[start:start + _ROWS_PER_QUERY]
                        # Integers only, written by this code: a literal array is safe; COPY takes no parameters.
                        literal = "'{" + ",".join(str(int(p)) for p in some) + "}'::integer[]"
                        parts.append(_read_registrations(conn, version, f"position = ANY({literal})", names))
                except psycopg.errors.UndefinedTable:
                    raise self._gone(version) from None
            return pd.concat(parts) if len(parts) > 1 else parts[0]

        return self._on_shared(query)

    def facts(self, *, version: int) -> dict[str, bytes] | None:
        """What the import of `version` left for app servers that keep facts only (geo.store.lean), by part; None
        for a version imported before there were facts."""
        psycopg = _psycopg()
        with self._reading() as (conn, log):
            version = self._readable(conn, log, version)
            try:
                with conn.transaction():
                    rows = conn.execute(f"SELECT part, data FROM {_facts_table(version)}").fetchall()
            except psycopg.errors.UndefinedTable:
                return None
        return {part: bytes(data) for part, data in rows}

    def position_of(self, reg_id: str, *, version: int) -> int | None:
        """The position of the registration with id `reg_id` in `version`, or None."""
        rows = self._query_version(version, lambda v: f"SELECT min(position) FROM {_registrations_table(v)} "
                                                      "WHERE id = %(id)s", {"id": reg_id})
        return None if not rows or rows[0][0] is None else int(rows[0][0])

    def search(self, words: list[str], *, version: int, columns: tuple[str, ...] | None = None) -> np.ndarray:
        """The positions (ascending) of the registrations whose searched fields (geo.filters.TEXT_COLUMNS, or
        `columns`) hold every one of `words` (already case-folded), compared in lower case as the database folds
        it."""
        from geo.filters import TEXT_COLUMNS

        known = {f.name for f in FIELDS}
        text = " || ' ' || ".join(f'lower("{c}")' for c in (columns or TEXT_COLUMNS) if c in known)
        found = " AND ".join(f"strpos(t.text, %(w{k})s) > 0" for k in range(len(words))) or "true"

        def sql(v: int) -> str:
            # One text of every position found: a word in every registration gives a million, not a million rows.
            return (f"SELECT string_agg(position::text, ',' ORDER BY position) FROM "
                    f"(SELECT position, {text} AS text FROM {_registrations_table(v)}) t WHERE {found}")

        rows = self._query_version(version, sql, {f"w{k}": w for k, w in enumerate(words)})
        listed = rows[0][0] if rows else None
        return np.array(listed.split(",") if listed else [], dtype=np.int64)

    def _readable(self, conn, log: list[ImportRecord], version: int | None) -> int:
        """`version` (default the newest) when its tables are there, under the reader's lock."""
        if version is None:
            return log[-1].version
        if version not in _kept_versions(conn):
            raise self._gone(version)
        return version

    def _query_version(self, version: int | None, sql: Callable[[int], str], params: dict) -> list[tuple]:
        """The rows of `sql(version)` on the shared connection; none when nothing was imported yet.

        The small queries of every click: one round trip for the lock and one for the query, no check
        beforehand that the version is still there; a missing table or column says it.
        """
        psycopg = _psycopg()

        def query(conn) -> list[tuple]:
            with conn.transaction():
                newest = _lock_and_version(conn)
                if newest is None:
                    return []
                asked = version if version is not None else newest
                try:
                    return conn.execute(sql(asked), params).fetchall()
                except psycopg.errors.UndefinedTable:
                    raise self._gone(asked) from None
                except psycopg.errors.UndefinedColumn:
                    # Written by a Zichtbaar from before this query was asked of the database.
                    raise VersionUnavailable("error.store.version_old", store=self.describe(),
                                             version=asked) from None

        return self._on_shared(query)

    def _gone(self, version: int) -> VersionUnavailable:
        return VersionUnavailable("error.store.version_gone", store=self.describe(), version=version)

    @contextmanager
    def _reading(self) -> Iterator[tuple[object, list[ImportRecord]]]:
        """A read-only transaction that holds the current version's tables in place, and the log."""
        with self._connect() as conn:
            conn.read_only = True
            with conn.transaction():
                if _lock_and_version(conn) is None:
                    yield conn, []
                    return
                yield conn, _read_log(conn)

    # ------------------------------------------------------------ writing

    def replace(self, registrations: Registrations, neighbourhoods: gpd.GeoDataFrame, record: RecordOrLater,
                *, only_if_empty: bool = False, facts: Callable[[], dict[str, bytes]] | None = None
                ) -> ImportRecord | None:
        """`Store.replace`; `facts()`, asked once every registration is written, gives what the version's facts
        table keeps (geo.store.lean.to_blobs), written in the same transaction."""
        with self._connect() as conn, conn.transaction():
            # One import at a time (per schema): the next version number must not be taken twice.
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.zichtbaar.import'))")
            conn.execute(_LOG_DDL)
            last = conn.execute(f"SELECT coalesce(max(version), 0) FROM {IMPORT_LOG}").fetchone()[0]
            if only_if_empty and last:
                return None
            version = last + 1
            reg, nb = _registrations_table(version), _neighbourhoods_table(version)
            # DDL rolls back with a failed import; tables of this number exist only when the log lost
            # its line by hand, and then they are not the register anyone reads.
            conn.execute(f"DROP TABLE IF EXISTS {reg}, {nb}, {_facts_table(version)}")
            conn.execute(_registrations_ddl(reg))
            written = 0
            for frame in frames_of(registrations):  # each chunk COPYed in this one transaction
                _copy_registrations(conn, reg, frame, start=written)
                written += len(frame)
            record = with_version(settled(record), version)
            for statement in _registrations_indexes(reg):
                conn.execute(statement)
            conn.execute(_neighbourhoods_ddl(nb))
            _copy_neighbourhoods(conn, nb, neighbourhoods)
            conn.execute(f"CREATE INDEX ON {nb} USING gist (geom_rd)")
            conn.execute(f"ANALYZE {reg}, {nb}")  # the planner's statistics, before the first reader plans
            if facts is not None:
                _write_facts(conn, version, facts())
            _insert_log(conn, record)
        self.drop_old_versions()
        return record

    def drop_old_versions(self) -> int:
        """Drop the tables of versions older than the newest `keep`, when no reader holds them; how many went.

        Readers hold a share lock on import_log; the exclusive lock asked here without waiting
        (NOWAIT) fails while any reader is in, and the cleanup tries again a little later, then
        leaves the tables for the next import rather than keep readers waiting behind it.
        """
        psycopg = _psycopg()
        for attempt in range(_CLEANUP_TRIES):
            try:
                with self._connect() as conn, conn.transaction():
                    conn.execute(f"LOCK TABLE {IMPORT_LOG} IN ACCESS EXCLUSIVE MODE NOWAIT")
                    kept = {r[0] for r in conn.execute(
                        f"SELECT version FROM {IMPORT_LOG} ORDER BY version DESC LIMIT %s", (max(self.keep, 1),))}
                    newest = max(kept, default=0)
                    # Tables above the newest cannot be seen here: an import's only become visible with its log line.
                    old = [t for t, v in _versioned_tables(conn) if v not in kept and v < newest]
                    if old:
                        conn.execute(f"DROP TABLE {', '.join(old)}")
                    return len(old)
            except psycopg.errors.LockNotAvailable:
                time.sleep(_CLEANUP_PAUSE_S * (attempt + 1))
            except psycopg.errors.UndefinedTable:
                return 0
        return 0

    # ------------------------------------------------------------ connections

    def _connect(self, autocommit: bool = False):
        psycopg = _psycopg()
        try:
            return psycopg.connect(self.url, autocommit=autocommit, connect_timeout=10, application_name="zichtbaar")
        except psycopg.OperationalError:
            raise self._unreachable() from None

    def _unreachable(self) -> StoreError:
        return StoreError("error.store.unreachable", store=self.describe())

    def _on_shared(self, query: Callable[[object], T]) -> T:
        """`query(conn)` on this process's shared autocommit connection to the store, one caller at a time."""
        psycopg = _psycopg()
        with _shared_guard:
            shared = _shared.setdefault(self.url, _Shared())
        for attempt in (1, 2):
            with shared.lock:
                if shared.conn is None or shared.conn.closed:
                    shared.conn = self._connect(autocommit=True)
                try:
                    return query(shared.conn)
                except psycopg.OperationalError:
                    # A restarted server or a dropped connection: connect once more before giving up.
                    shared.conn.close()
                    shared.conn = None
                    if attempt == 2:
                        raise self._unreachable() from None
        raise AssertionError("not reached")


class _Shared:
    """One process's connection to one store, and the lock that lets one thread use it at a time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.conn = None


def _psycopg():
    # Imported on use: a GeoPackage-only installation need not have the driver.
    try:
        import psycopg
    except ImportError:
        raise StoreError("error.store.no_psycopg") from None
    return psycopg


# ---------------------------------------------------------------- reading helpers


def _lock_and_version(conn) -> int | None:
    """In a transaction: hold the share lock that keeps the current version's tables, and name that version.

    The lock comes first: a version read after it cannot be dropped before this transaction ends.
    None when nothing was imported yet.
    """
    psycopg = _psycopg()
    try:
        with conn.transaction():  # a savepoint: a store without tables yet is no error
            conn.execute(f"LOCK TABLE {IMPORT_LOG} IN ACCESS SHARE MODE")
    except psycopg.errors.UndefinedTable:
        return None
    return conn.execute(f"SELECT max(version) FROM {IMPORT_LOG}").fetchone()[0]


def _read_log(conn) -> list[ImportRecord]:
    if conn.execute("SELECT to_regclass(%s)", (IMPORT_LOG,)).fetchone()[0] is None:
        return []
    rows = conn.execute(f"SELECT version, imported_at, file, sha256, neighbourhoods_file, accepted, rejected, "
                        f"warnings, municipality, is_demo FROM {IMPORT_LOG} ORDER BY version").fetchall()
    return [ImportRecord(r[0], r[1].astimezone(UTC), *r[2:]) for r in rows]


def _versioned_tables(conn) -> list[tuple[str, int]]:
    rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").fetchall()
    return [(name, int(m.group(2))) for (name,) in rows if (m := _VERSIONED.match(name))]


def _kept_versions(conn) -> set[int]:
    """The versions whose registrations and neighbourhoods are both there."""
    found: dict[int, set[str]] = {}
    for name, version in _versioned_tables(conn):
        found.setdefault(version, set()).add(name.rsplit("_v", 1)[0])
    return {v for v, kinds in found.items() if kinds >= {REGISTRATIONS, NEIGHBOURHOODS}}


def _columns(conn, table: str) -> set[str]:
    return {r[0] for r in conn.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
        (table,))}


def _copy_out(conn, select: str) -> pd.DataFrame:
    """The result of `select` through COPY as text columns; NULL reads as ""."""
    buf = io.BytesIO()
    with conn.cursor().copy(f"COPY ({select}) TO STDOUT (FORMAT csv, HEADER)") as copy:
        for block in copy:
            buf.write(block)
    buf.seek(0)
    return pd.read_csv(buf, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")


def _geometry(hex_wkb: pd.Series) -> np.ndarray:
    values = hex_wkb.to_numpy(dtype=object)
    values[values == ""] = None
    return shapely.from_wkb(values)


def _read_registrations(conn, version: int, where: str = "", names: tuple[str, ...] | None = None
                        ) -> gpd.GeoDataFrame:
    """The registrations of `version` (those `where` keeps, a SQL condition on the table's columns) in position
    order, as the store holds them; only the fields in `names` when given (and always the geometry)."""
    table = _registrations_table(version)
    # A version written before a field existed lacks its column; canonical() fills it in.
    have = _columns(conn, table)
    fields = [f for f in FIELDS if f.name in have and (names is None or f.name in names)]
    columns = [f"to_char(\"{f.name}\", 'YYYY-MM-DD') AS \"{f.name}\"" if f.kind is Kind.DATE else f'"{f.name}"'
               for f in fields]
    select = (f'SELECT {"".join(c + ", " for c in columns)}"row", position, '
              f"encode(ST_AsBinary(geom), 'hex') AS geometry "
              f"FROM {table} {f'WHERE {where} ' if where else ''}ORDER BY position")
    raw = _copy_out(conn, select)
    # Some rows: indexed by their positions; all of them: positions 0..n-1 as they are.
    index = pd.Index(raw["position"].astype(np.int64)) if where else pd.RangeIndex(len(raw))
    raw.index = index
    frame = pd.DataFrame(index=index)
    for f in fields:
        col = raw[f.name]
        frame[f.name] = (col == "t").to_numpy(bool) if f.kind is Kind.BOOL else col
    frame["row"] = raw["row"].astype(int)
    return gpd.GeoDataFrame(frame, geometry=_geometry(raw["geometry"]), crs=WGS84)


def _read_neighbourhoods(conn, version: int) -> gpd.GeoDataFrame:
    raw = _copy_out(conn, f"SELECT code, name, population, encode(ST_AsBinary(geom), 'hex') AS geometry "
                          f"FROM {_neighbourhoods_table(version)} ORDER BY position")
    population = pd.array([int(p) if p else pd.NA for p in raw["population"]], dtype="Int64")
    return gpd.GeoDataFrame({"code": raw["code"].astype(str), "name": raw["name"].astype(str),
                             "population": population}, geometry=_geometry(raw["geometry"]), crs=WGS84)


def _join(conn, version: int) -> tuple[np.ndarray, np.ndarray]:
    for setting in _JOIN_SETTINGS:
        conn.execute(setting)
    raw = _copy_out(conn, _join_sql(version))
    if not len(raw):
        return np.empty(0, np.intp), np.empty(0, np.intp)
    return raw.iloc[:, 0].to_numpy(np.intp), raw.iloc[:, 1].to_numpy(np.intp)


def _empty_within() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(WITHIN_COLUMNS, ("int64", object, float), strict=True)})


# ---------------------------------------------------------------- writing helpers


def _ewkb_hex(geoms: np.ndarray, srid: int) -> np.ndarray:
    return shapely.to_wkb(shapely.set_srid(geoms, srid), hex=True, include_srid=True)


def _plain_text(col: pd.Series) -> np.ndarray:
    col = col.fillna("").astype(str)
    # PostgreSQL text cannot hold NUL; the GeoPackage store (OGR) ends the text there, and so do we,
    # so that both stores give back the same register.
    if col.str.contains("\x00", regex=False).any():
        col = col.str.split("\x00", n=1).str[0]
    return col.to_numpy(dtype=object)


def _copy_columns(conn, table: str, columns: dict[str, object]) -> None:
    """COPY `columns` (name -> array; None/NaN/NA is NULL) into `table` as CSV.

    pyarrow writes the CSV about twenty times faster than pandas. Every value is quoted and a NULL is
    not, which is exactly how PostgreSQL's CSV tells NULL from an empty text; doubles are written in
    their shortest exact form, so they read back bit for bit.
    """
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    names = list(columns)
    arrays = [pa.array(v, from_pandas=True) for v in columns.values()]
    buf = io.BytesIO()
    pa_csv.write_csv(pa.Table.from_arrays(arrays, names=names), buf,
                     pa_csv.WriteOptions(include_header=False, quoting_style="all_valid"))
    data = buf.getbuffer()
    cols = ", ".join(f'"{c}"' for c in names)
    with conn.cursor().copy(f"COPY {table} ({cols}) FROM STDIN (FORMAT csv)") as copy:
        for start in range(0, len(data), _COPY_BLOCK):
            copy.write(data[start:start + _COPY_BLOCK])


def _copy_registrations(conn, table: str, registrations: gpd.GeoDataFrame, start: int = 0) -> None:
    """COPY registrations into `table`, their positions counted from `start` (the rows of earlier chunks)."""
    from geo.cones import reach
    from geo.join import to_rd

    n = len(registrations)
    columns: dict[str, object] = {"position": np.arange(start, start + n, dtype=np.int64)}
    for f in FIELDS:
        col = registrations[f.name] if f.name in registrations else pd.Series([None] * n, index=registrations.index)
        if f.kind is Kind.BOOL:
            columns[f.name] = np.where(col.fillna(False).astype(bool), "t", "f")
        elif f.kind is Kind.DATE:
            columns[f.name] = pd.to_datetime(col).dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
        elif f.kind in (Kind.NUMBER, Kind.INTEGER):
            columns[f.name] = pd.to_numeric(col, errors="coerce").astype(float).to_numpy()
        else:
            columns[f.name] = _plain_text(col)
    columns["row"] = (registrations["row"] if "row" in registrations else pd.Series(0, index=registrations.index)
                      ).astype(np.int64).to_numpy()
    rd = to_rd(registrations) if n else np.empty(0, dtype=object)
    columns["geom"] = _ewkb_hex(np.asarray(registrations.geometry.array), _WGS84_SRID)
    columns["geom_rd"] = _ewkb_hex(rd, _RD_SRID)
    # The test geo.join makes to tell an area from a point or a line; NaN (no geometry) is no area.
    columns["has_area"] = np.where(shapely.area(rd) > 0, "t", "f")
    columns["reach_m"] = reach(registrations, rd) if n else np.empty(0)  # NaN, not a camera: NULL
    _copy_columns(conn, table, columns)


def _copy_neighbourhoods(conn, table: str, neighbourhoods: gpd.GeoDataFrame) -> None:
    from geo.join import to_rd

    n = len(neighbourhoods)
    population = (pd.to_numeric(neighbourhoods["population"], errors="coerce").round().astype("Int64")
                  if "population" in neighbourhoods else pd.Series(pd.NA, index=neighbourhoods.index, dtype="Int64"))
    names = neighbourhoods["name"] if "name" in neighbourhoods else pd.Series("", index=neighbourhoods.index)
    _copy_columns(conn, table, {
        "position": np.arange(n, dtype=np.int64),
        "code": _plain_text(neighbourhoods["code"]),
        "name": _plain_text(names),
        "population": population.array,
        "geom": _ewkb_hex(np.asarray(neighbourhoods.geometry.array), _WGS84_SRID),
        "geom_rd": _ewkb_hex(to_rd(neighbourhoods), _RD_SRID),
    })


def _insert_log(conn, record: ImportRecord) -> None:
    conn.execute(
        f"INSERT INTO {IMPORT_LOG} (version, imported_at, file, sha256, neighbourhoods_file, accepted, rejected, "
        "warnings, municipality, is_demo) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (record.version, record.imported_at, record.file, record.sha256, record.neighbourhoods_file,
         record.accepted, record.rejected, record.warnings, record.municipality, record.is_demo))


def close_shared(url: str | None = None) -> None:
    """Close this process's shared connections: to the store at `url`, or to every store.

    For a clean shutdown, and for tests that make a store per test.
    """
    with _shared_guard:
        names = [url] if url is not None else list(_shared)
        gone = [_shared.pop(n) for n in names if n in _shared]
    for shared in gone:
        with shared.lock:
            if shared.conn is not None:
                shared.conn.close()
                shared.conn = None


# ---------------------------------------------------------------- residents' reports

# In the same schema as the register, in tables no import touches. A commit in PostgreSQL is durable
# (synchronous_commit on, its default) before add() returns the reference.
_REPORTS_DDL = (
    f"""CREATE TABLE IF NOT EXISTS {REPORTS} (
    ref text PRIMARY KEY,
    kind text NOT NULL,
    text text NOT NULL,
    registration_id text,
    lat double precision,
    lon double precision,
    email text,
    status text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    answer text,
    closed_at timestamptz
)""",
    f"CREATE INDEX IF NOT EXISTS {REPORTS}_created ON {REPORTS} (created_at)",
    f"""CREATE TABLE IF NOT EXISTS {REPORT_ACTIONS} (
    id bigserial PRIMARY KEY,
    ref text NOT NULL REFERENCES {REPORTS} (ref),
    at timestamptz NOT NULL,
    who text NOT NULL,
    action text NOT NULL,
    value text NOT NULL
)""",
)
_SELECT_REPORT = f"SELECT {', '.join(REPORT_COLUMNS)} FROM {REPORTS}"


class PostGISReports:
    """Residents' reports in PostGIS (geo.store.base.ReportStore)."""

    def __init__(self, url: str) -> None:
        self.url = url

    def describe(self) -> str:
        return redact(self.url)

    @contextmanager
    def _transaction(self) -> Iterator[object]:
        store = PostGISStore(self.url)
        with store._connect() as conn, conn.transaction():
            # One writer at a time: the tables are made once, and the hourly count holds for the insert.
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.zichtbaar.reports'))")
            for statement in _REPORTS_DDL:
                conn.execute(statement)
            yield conn

    def _rows(self, sql: str, params: tuple) -> list[tuple]:
        psycopg = _psycopg()

        def query(conn) -> list[tuple]:
            try:
                with conn.transaction():
                    return conn.execute(sql, params).fetchall()
            except psycopg.errors.UndefinedTable:
                return []  # no report was ever sent

        return PostGISStore(self.url)._on_shared(query)

    def add(self, new: NewReport, *, now: datetime, per_hour: int) -> Report:
        with self._transaction() as conn:
            if conn.execute(f"SELECT count(*) FROM {REPORTS} WHERE created_at > %s",
                            (now - WINDOW,)).fetchone()[0] >= per_hour:
                raise ReportError("error.report.busy")
            for _ in range(REF_ATTEMPTS):
                report = Report(new_ref(), new.kind, new.text, new.registration_id, new.lat, new.lon, new.email,
                                "received", now, now)
                if conn.execute(f"INSERT INTO {REPORTS} VALUES ({', '.join(['%s'] * len(REPORT_COLUMNS))}) "
                                "ON CONFLICT (ref) DO NOTHING RETURNING ref", _report_row(report)).fetchone():
                    return report
        raise StoreError("error.store.busy", store=self.describe())

    def get(self, ref: str) -> Report | None:
        rows = self._rows(f"{_SELECT_REPORT} WHERE ref = %s", (ref,))
        return _utc(report_of(rows[0])) if rows else None

    def find(self, status: str | None = None) -> list[Report]:
        where, params = ("WHERE status = %s", (status,)) if status else ("", ())
        return [_utc(report_of(r)) for r in self._rows(f"{_SELECT_REPORT} {where} ORDER BY created_at DESC, ref",
                                                       params)]

    def act(self, ref: str, action: str, value: str, *, who: str, now: datetime) -> Report:
        with self._transaction() as conn:
            row = conn.execute(f"{_SELECT_REPORT} WHERE ref = %s FOR UPDATE", (ref,)).fetchone()
            if row is None:
                raise ReportError("error.report.unknown")
            report = acted(_utc(report_of(row)), action, value, now)
            conn.execute(f"UPDATE {REPORTS} SET {', '.join(f'{c} = %s' for c in REPORT_COLUMNS[1:])} WHERE ref = %s",
                         (*_report_row(report)[1:], ref))
            conn.execute(f"INSERT INTO {REPORT_ACTIONS} (ref, at, who, action, value) VALUES (%s, %s, %s, %s, %s)",
                         (ref, now, who, action, value))
        return report

    def actions(self, ref: str) -> list[Action]:
        rows = self._rows(f"SELECT ref, at, who, action, value FROM {REPORT_ACTIONS} WHERE ref = %s ORDER BY id",
                          (ref,))
        return [Action(r[0], r[1].astimezone(UTC), r[2], r[3], r[4]) for r in rows]

    def purge(self, closed_before: datetime) -> int:
        with self._transaction() as conn:
            return conn.execute(f"UPDATE {REPORTS} SET email = NULL WHERE status = 'closed' AND email IS NOT NULL "
                                "AND closed_at <= %s", (closed_before,)).rowcount


def _report_row(report: Report) -> tuple:
    return (report.ref, report.kind, _no_nul(report.text), report.registration_id, report.lat, report.lon,
            report.email, report.status, report.created_at, report.updated_at, report.answer, report.closed_at)


def _no_nul(value: str) -> str:
    # geo.reports.clean_text drops NUL already; PostgreSQL text could not hold it.
    return value.replace("\x00", "")


def _utc(report: Report) -> Report:
    import dataclasses

    return dataclasses.replace(report, created_at=report.created_at.astimezone(UTC),
                               updated_at=report.updated_at.astimezone(UTC),
                               closed_at=report.closed_at.astimezone(UTC) if report.closed_at else None)
