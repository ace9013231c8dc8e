"""Residents' reports counted for the policy page: per neighbourhood and kind, and where residents say a sensor is
missing, in cells of 100 m. Counts only: never a report's text, e-mail address or exact spot."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import rd_to_wgs84, wgs84_to_rd
from geo.reports import KINDS, Report

#: The side of a cell that "missing sensor" reports are counted in, in metres (RD New): coarse enough that
#: nobody's front door can be read from it.
CELL_M = 100


@dataclass(frozen=True)
class MissingCell:
    """Where residents report sensors that the register does not hold: a cell's centre and how many reports."""

    lat: float
    lon: float
    n: int


def per_neighbourhood(reports: Sequence[Report], neighbourhoods: gpd.GeoDataFrame) -> pd.DataFrame:
    """One row per neighbourhood with reports (code, name, one column per kind, total), most reports first;
    reports without a place or outside every neighbourhood are one row with code "" at the end.

    >>> from datetime import datetime, UTC
    >>> from shapely.geometry import box
    >>> nb = gpd.GeoDataFrame({"code": ["BU1"], "name": ["Oost"]}, geometry=[box(5, 52, 6, 53)], crs="EPSG:4326")
    >>> t0 = datetime(2026, 1, 1, tzinfo=UTC)
    >>> rs = [Report(r, k, "", None, lat, 5.5, None, "received", t0, t0)
    ...       for r, k, lat in [("A", "missing", 52.5), ("B", "question", 52.5), ("C", "missing", 51.0)]]
    >>> per_neighbourhood(rs, nb).to_dict("records")[0]
    {'code': 'BU1', 'name': 'Oost', 'missing': 1, 'wrong': 0, 'question': 1, 'objection': 0, 'total': 2}
    """
    columns = ["code", "name", *KINDS, "total"]
    if not reports:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("code", "name") else int) for c in columns})
    lat = np.array([np.nan if r.lat is None else r.lat for r in reports], dtype=float)
    lon = np.array([np.nan if r.lon is None else r.lon for r in reports], dtype=float)
    points = gpd.GeoSeries(gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    nb = neighbourhoods.to_crs("EPSG:4326") if neighbourhoods.crs is not None else neighbourhoods
    pos = np.full(len(reports), -1)
    placed = np.flatnonzero(~np.isnan(lat) & ~np.isnan(lon))
    if len(placed) and len(nb):
        hits = gpd.GeoDataFrame(geometry=points.iloc[placed].reset_index(drop=True)).sjoin(
            nb[["geometry"]].reset_index(drop=True), how="inner", predicate="intersects")
        first = hits[~hits.index.duplicated()]
        pos[placed[first.index.to_numpy()]] = first["index_right"].to_numpy()
    frame = pd.DataFrame({"pos": pos, "kind": [r.kind for r in reports]})
    counts = pd.crosstab(frame["pos"], frame["kind"]).reindex(columns=list(KINDS), fill_value=0)
    counts["total"] = counts.sum(axis=1)
    codes, names = nb["code"].astype(str).to_numpy(), nb["name"].astype(str).to_numpy()
    counts.insert(0, "name", [names[p] if p >= 0 else "" for p in counts.index])
    counts.insert(0, "code", [codes[p] if p >= 0 else "" for p in counts.index])
    counts["outside"] = counts.index < 0
    counts = counts.sort_values(["outside", "total", "code"], ascending=[True, False, True])
    return counts[columns].reset_index(drop=True).astype(dict.fromkeys((*KINDS, "total"), int))


def missing_cells(reports: Sequence[Report], cell_m: float = CELL_M) -> list[MissingCell]:
    """The "missing sensor" reports that are not closed, counted per cell of `cell_m` metres (RD New).

    >>> from datetime import datetime, UTC
    >>> t0 = datetime(2026, 1, 1, tzinfo=UTC)
    >>> rs = [Report(str(i), "missing", "", None, 52.16, 5.39 + i * 1e-5, None, s, t0, t0)
    ...       for i, s in enumerate(["received", "answered", "closed"])]
    >>> [c.n for c in missing_cells(rs)]
    [2]
    """
    chosen = [r for r in reports if r.kind == "missing" and r.status != "closed" and r.lat is not None
              and r.lon is not None]
    if not chosen:
        return []
    x, y = wgs84_to_rd(np.array([r.lon for r in chosen]), np.array([r.lat for r in chosen]))
    cells = pd.DataFrame({"cx": np.floor(x / cell_m), "cy": np.floor(y / cell_m)}).value_counts().sort_index()
    cx = np.array([c[0] for c in cells.index], dtype=float)
    cy = np.array([c[1] for c in cells.index], dtype=float)
    lon, lat = rd_to_wgs84((cx + 0.5) * cell_m, (cy + 0.5) * cell_m)
    return [MissingCell(round(float(a), 5), round(float(o), 5), int(n))
            for a, o, n in zip(lat, lon, cells.to_numpy(), strict=True)]
