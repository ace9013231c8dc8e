"""A register too large for every app server to hold: what a server keeps of it, and what it asks the database.

On PostGIS, from LEAN_MIN registrations on (issue 17: four servers behind nginx need about the memory of one), an
app server does not load the register. It keeps its *facts*: per registration the codes, dates and yes/no answers
that the filters, counts, flags and summaries read (FACT_COLUMNS, as categories: not a million strings), where it
is drawn (geo.viewgrid.Anchors), what shape it has (`kinds`), its neighbourhood and the neighbourhood join. Names,
descriptions, contacts and shapes stay in the database: a page asks `geo.store.rows` for the registrations it
shows, `geo.store.position_of` for the one in the address, and the free-text filter is answered by the database.

The import works the facts out as its chunks pass into the store (`Builder`), and the store keeps them with the
version they describe (`to_blobs`): a server reads them in a second or two. A version imported before there were
facts (or before they held every part) has them worked out from the registrations when read, a chunk at a time.

Such a Dataset says so (`is_lean`); its `registrations` are the facts (RangeIndex: positions), never rows shown.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.dataset import Dataset
from geo.filters import INDEX_COLUMNS
from geo.principles import REASON_COLUMNS, blank_cells
from geo.schema import FIELDS
from geo.summary import SUMMARY_COLUMNS
from geo.viewgrid import Anchors

#: From this many registrations an app server on PostGIS keeps the facts only ($ZICHTBAAR_LEAN_FROM overrides it).
LEAN_MIN = 20_000
LEAN_ENV = "ZICHTBAAR_LEAN_FROM"
#: What the pages that work on facts read of every registration: the filters' (geo.filters), the principles' and
#: flags' (geo.principles) and the summaries' (geo.summary) columns, in the register's order.
FACT_COLUMNS = tuple(f.name for f in FIELDS if f.name in {*INDEX_COLUMNS, *SUMMARY_COLUMNS,
                                                          *(c for cs in REASON_COLUMNS.values() for c in cs)})
#: Read only for whether they are blank (geo.principles: a registration without a description): the facts keep
#: BLANK or FILLED.
BLANK_ONLY = ("description",)
BLANK, FILLED = "", "\u2026"
#: Registrations read from the database at a time when a version's facts are worked out on reading.
CHUNK = 100_000
#: The parts the store keeps of a version's facts (`to_blobs`).
BLOBS = ("facts.parquet", "arrays.npz")


def lean_from() -> int:
    """From how many registrations a PostGIS register is kept as facts (LEAN_MIN, or $ZICHTBAAR_LEAN_FROM)."""
    try:
        return max(int(os.environ.get(LEAN_ENV, "")), 0)
    except ValueError:
        return LEAN_MIN


def is_lean(data: Dataset) -> bool:
    """Whether `data` holds the facts of its register only (read by `read`), not the registrations."""
    return bool(data.derived.get("lean"))


def facts(chunk: gpd.GeoDataFrame) -> pd.DataFrame:
    """The facts of some registrations (canonical dtypes, geo.store.base.canonical): FACT_COLUMNS, every text as
    a category, BLANK_ONLY columns as BLANK or FILLED.

    >>> from shapely.geometry import Point
    >>> from geo.store.base import canonical
    >>> reg = canonical(gpd.GeoDataFrame({"id": ["A", "B"], "owner": ["Gemeente", "Gemeente"],
    ...     "description": ["Telt fietsen.", " "], "row": [2, 3]}, geometry=[Point(5, 52)] * 2, crs="EPSG:4326"))
    >>> f = facts(reg)
    >>> "id" in f, "range_m" in f, str(f["owner"].dtype), f["description"].tolist()
    (False, False, 'category', ['…', ''])
    """
    out = {}
    for name in FACT_COLUMNS:
        col = chunk[name]
        if name in BLANK_ONLY:
            col = pd.Series(np.where(blank_cells(col), BLANK, FILLED), index=col.index)
        if col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
            col = col.astype("category")
        elif pd.api.types.is_datetime64_any_dtype(col.dtype):
            col = col.astype("datetime64[ms]")  # one unit however read (Parquet keeps milliseconds)
        out[name] = col
    return pd.DataFrame(out, index=chunk.index)


class Builder:
    """The facts of a register, worked out chunk by chunk in register order: at an import as the chunks pass into
    the store (`watch`), or from a store's registrations (`read`)."""

    def __init__(self, neighbourhoods: gpd.GeoDataFrame) -> None:
        import shapely

        from geo.join import to_rd

        self.nb = neighbourhoods
        self.nb_rd = to_rd(neighbourhoods)
        shapely.prepare(self.nb_rd)
        self.n = 0
        self._facts: list[pd.DataFrame] = []
        self._anchors: list[Anchors] = []
        self._codes: list[np.ndarray] = []
        self._pairs: list[tuple[np.ndarray, np.ndarray]] = []
        self._bounds: list[np.ndarray] = []
        self._kinds: list[np.ndarray] = []

    def add(self, chunk: gpd.GeoDataFrame) -> None:
        """The next registrations (canonical dtypes, WGS84)."""
        from geo.join import assign_neighbourhood, join_positions, to_rd

        if not len(chunk):
            return
        rd = to_rd(chunk)
        self._facts.append(facts(chunk))
        self._anchors.append(Anchors.of(np.asarray(chunk.geometry.array)))
        self._kinds.append(kinds(np.asarray(chunk.geometry.array)))
        self._bounds.append(np.asarray(chunk.total_bounds))
        reg_pos, nb_pos = join_positions(chunk, self.nb, rd_geometries=rd, neighbourhoods_rd=self.nb_rd)
        reg_pos, nb_pos = np.asarray(reg_pos, dtype=np.int64), np.asarray(nb_pos, dtype=np.int64)
        # Each one's neighbourhood (geo.join.assign_neighbourhood) from the join: the one it lies in, or none; only
        # an area in several needs the overlaps worked out.
        inside = nb_pos >= 0
        owner = np.full(len(chunk), -1, dtype=np.int64)
        owner[reg_pos[inside]] = nb_pos[inside]
        codes = np.array([*self.nb["code"].astype(str), None], dtype=object)[owner]
        several = np.flatnonzero(np.bincount(reg_pos[inside], minlength=len(chunk)) > 1)
        if len(several):
            codes[several] = assign_neighbourhood(chunk.iloc[several], self.nb, rd_geometries=rd[several],
                                                  neighbourhoods_rd=self.nb_rd).to_numpy(dtype=object)
        self._codes.append(codes)
        self._pairs.append((reg_pos + self.n, nb_pos))
        self.n += len(chunk)

    def watch(self, chunks: Iterable[gpd.GeoDataFrame]) -> Iterator[gpd.GeoDataFrame]:
        """`chunks` as they are, each added on its way."""
        for chunk in chunks:
            self.add(chunk)
            yield chunk

    def parts(self) -> dict:
        """facts (a frame), anchors, kind (`kinds`), bounds (WGS84, None when empty), neighbourhood (a categorical,
        missing outside) and pairs (geo.join.join_positions) of everything added."""
        from pandas.api.types import union_categoricals

        if self._facts:
            frame = pd.DataFrame({name: (pd.Series(union_categoricals([f[name] for f in self._facts]))
                                         if isinstance(self._facts[0][name].dtype, pd.CategoricalDtype)
                                         else pd.Series(np.concatenate([f[name].to_numpy() for f in self._facts])))
                                  for name in FACT_COLUMNS})
        else:
            frame = pd.DataFrame({name: pd.Series(dtype=object) for name in FACT_COLUMNS})
        box = np.array(self._bounds)
        return {
            "facts": frame,
            "anchors": Anchors(*(np.concatenate([getattr(a, k) for a in self._anchors]) if self._anchors
                                 else np.zeros(0) for k in ("lat", "lon", "x", "y"))),
            "kind": np.concatenate(self._kinds) if self._kinds else np.zeros(0, np.int8),
            "bounds": (float(box[:, 0].min()), float(box[:, 1].min()), float(box[:, 2].max()),
                       float(box[:, 3].max())) if len(box) else None,
            "neighbourhood": _categorical(np.concatenate(self._codes) if self._codes else np.zeros(0, object)),
            "pairs": (np.concatenate([p[0] for p in self._pairs]) if self._pairs else np.zeros(0, np.int64),
                      np.concatenate([p[1] for p in self._pairs]) if self._pairs else np.zeros(0, np.int64)),
        }


def kinds(geometries: np.ndarray) -> np.ndarray:
    """Each geometry's shapely type id (0 a point, 3 a polygon, ...), -1 where there is none: what the policy page
    needs to know of a shape it does not hold (a point's coordinates are its anchor).

    >>> import shapely
    >>> kinds(np.array([shapely.Point(5, 52), None, shapely.box(0, 0, 1, 1)])).tolist()
    [0, -1, 3]
    """
    import shapely

    return shapely.get_type_id(np.asarray(geometries)).astype(np.int8)


def _categorical(codes: np.ndarray) -> pd.Categorical:
    """Each registration's neighbourhood code as a category (missing outside every neighbourhood)."""
    return pd.Categorical(pd.Series(codes, dtype=object).where(lambda s: s.notna() & (s != ""), None))


def to_blobs(parts: dict) -> dict[str, bytes]:
    """`Builder.parts` as the store keeps them (BLOBS): the facts as Parquet, the arrays as NumPy's npz."""
    frame = io.BytesIO()
    parts["facts"].to_parquet(frame, index=False, compression="zstd")
    arrays = io.BytesIO()
    nb = parts["neighbourhood"]
    a = parts["anchors"]
    bounds = np.array(parts["bounds"] if parts["bounds"] is not None else [np.nan] * 4, dtype=float)
    np.savez(arrays, lat=a.lat, lon=a.lon, x=a.x, y=a.y, kind=parts["kind"], bounds=bounds,
             nb_codes=nb.codes.astype(np.int32),
             nb_categories=np.asarray(nb.categories, dtype=str), reg_pos=parts["pairs"][0].astype(np.int32),
             nb_pos=parts["pairs"][1].astype(np.int32))
    return dict(zip(BLOBS, (frame.getvalue(), arrays.getvalue()), strict=True))


def from_blobs(blobs: dict[str, bytes]) -> dict | None:
    """`to_blobs` read back: `Builder.parts` as they were; None for facts kept before they held every part."""
    with np.load(io.BytesIO(blobs[BLOBS[1]])) as z:
        if "kind" not in z.files:  # kept before the policy page read facts (issue 17)
            return None
        frame = pd.read_parquet(io.BytesIO(blobs[BLOBS[0]]))
        bounds = z["bounds"]
        return {
            "facts": frame,
            "anchors": Anchors(z["lat"], z["lon"], z["x"], z["y"]),
            "kind": z["kind"],
            "bounds": None if np.isnan(bounds).any() else tuple(float(v) for v in bounds),
            "neighbourhood": pd.Categorical.from_codes(z["nb_codes"], categories=list(z["nb_categories"])),
            "pairs": (z["reg_pos"], z["nb_pos"]),
        }


def read(store, name: str, version: int | None = None) -> Dataset:
    """The lean Dataset of `version` (the newest when None) of the PostGIS `store` (geo.store.postgis.PostGISStore):
    the facts the import left, or, for a version imported before there were facts, worked out from its
    registrations CHUNK at a time, so that the server never holds the register."""
    from geo.store.base import canonical, dataset_of

    book = store.log()
    version = version if version is not None else (book[-1].version if book else 0)
    nb = store.neighbourhoods(version=version)
    blobs = store.facts(version=version)
    parts = from_blobs(blobs) if blobs is not None else None
    if parts is None:
        builder = Builder(nb)
        for _, raw in store.chunks(version, CHUNK):
            builder.add(canonical(raw))
        parts = builder.parts()
    lean = dataset_of(parts["facts"], nb, [r for r in book if r.version <= version], name)
    lean.derived.update(lean=True, anchors=parts["anchors"], kind=parts["kind"], bounds=parts["bounds"],
                        neighbourhood=parts["neighbourhood"], pairs=parts["pairs"])
    return lean
