"""Which neighbourhood each registration lies in: the spatial join of registrations to neighbourhoods, in RD New."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer

from geo.schema import RD_NEW

#: The code a registration outside every neighbourhood gets.
OUTSIDE = None

_POINT = 0  # shapely.get_type_id of a Point


@dataclass(frozen=True)
class _Location:
    """Where the registrations lie, by position: the raw material of join and assign_neighbourhood.

    Attributes
    ----------
    point_pos, point_nb : each point registration and its neighbourhood (-1 outside).
    area_pos, area_nb : each (area registration, neighbourhood) pair with a positive overlap.
    area_outside : area registrations that overlap no neighbourhood.
    other_pos, other_nb : registrations without an area of their own (lines, empty or degenerate
        shapes) and the one neighbourhood they touch with the lowest code (-1 outside).
    areas, polygons : the area registrations (aligned with area_pos) and the neighbourhoods in RD New.
    rank : each neighbourhood's place in code order.
    """

    n: int
    point_pos: np.ndarray
    point_nb: np.ndarray
    area_pos: np.ndarray
    area_nb: np.ndarray
    area_outside: np.ndarray
    other_pos: np.ndarray
    other_nb: np.ndarray
    areas: np.ndarray
    polygons: np.ndarray
    rank: np.ndarray


def join(registrations: gpd.GeoDataFrame, neighbourhoods: gpd.GeoDataFrame, *,
         pairs: tuple[np.ndarray, np.ndarray] | None = None, rd_geometries: np.ndarray | None = None,
         neighbourhoods_rd: np.ndarray | None = None) -> pd.DataFrame:
    """The long table of (registration, neighbourhood) pairs.

    A point lies in exactly one neighbourhood: the one that contains it, or, on a border shared by
    several, the one with the lowest code. An area (a mobile sensor's polygon) lies in every
    neighbourhood it overlaps with a positive area; touching a border is not enough. A registration
    outside every neighbourhood appears once with code None, so nothing is lost.

    Parameters
    ----------
    registrations : GeoDataFrame with a declared CRS (EPSG:4326 from the readers).
    neighbourhoods : GeoDataFrame with `code` and a declared CRS.
    pairs : `join_positions` of the two, when already worked out (a store joins in the database):
        then only laid out as a table.
    rd_geometries, neighbourhoods_rd : the two in RD New (`to_rd`), aligned, when the caller keeps them.

    Returns
    -------
    DataFrame with columns `reg_index` (the registration's index label) and `code` (None outside),
    ordered by registration and then by code.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point, box
    >>> nb = gpd.GeoDataFrame({"code": ["B", "A"]}, geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100)],
    ...                       crs="EPSG:28992")
    >>> reg = gpd.GeoDataFrame(geometry=[Point(50, 50), Point(100, 50), box(50, 10, 150, 20), Point(500, 0)],
    ...                        crs="EPSG:28992")
    >>> join(reg, nb).to_dict("list")
    {'reg_index': [0, 1, 2, 2, 3], 'code': ['B', 'A', 'A', 'B', None]}
    >>> join(reg, nb, pairs=join_positions(reg, nb)).equals(join(reg, nb))
    True
    """
    if pairs is not None:
        return _join_table(registrations, neighbourhoods, *pairs)
    loc = _locate(registrations, neighbourhoods, rd_geometries, neighbourhoods_rd)
    single_pos = np.concatenate([loc.point_pos, loc.other_pos, loc.area_outside])
    single_nb = np.concatenate([loc.point_nb, loc.other_nb, np.full(len(loc.area_outside), -1)])
    order = np.lexsort((loc.rank[loc.area_nb], loc.area_pos))
    area_pos, area_nb = loc.area_pos[order], loc.area_nb[order]
    # Lay the rows out by registration without sorting them all: every registration has one row,
    # except the areas, whose rows are already in (registration, code) order.
    per_reg = np.bincount(area_pos, minlength=loc.n)
    per_reg[single_pos] += 1
    start = np.cumsum(per_reg) - per_reg
    nb_pos = np.empty(int(per_reg.sum()), dtype=np.intp)
    nb_pos[start[single_pos]] = single_nb
    nth = np.arange(len(area_pos)) - np.searchsorted(area_pos, area_pos, "left")
    nb_pos[start[area_pos] + nth] = area_nb
    return pd.DataFrame(
        {
            "reg_index": np.repeat(registrations.index.to_numpy(), per_reg),
            # object dtype keeps None: pandas 3 would otherwise infer str and store NaN.
            "code": pd.Series(_codes_with_outside(neighbourhoods)[nb_pos], dtype=object),
        }
    )


def join_positions(
    registrations: gpd.GeoDataFrame, neighbourhoods: gpd.GeoDataFrame, *,
    rd_geometries: np.ndarray | None = None, neighbourhoods_rd: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of `join` as row positions, for vectorised counting (np.bincount).

    `rd_geometries` and `neighbourhoods_rd`: the two in RD New (`to_rd`), aligned, when the caller keeps them.

    Returns
    -------
    (reg_pos, nb_pos): integer arrays of equal length; nb_pos is -1 for a registration outside every
    neighbourhood. Every registration occurs at least once; the order is unspecified.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point, box
    >>> nb = gpd.GeoDataFrame({"code": ["A"]}, geometry=[box(0, 0, 100, 100)], crs="EPSG:28992")
    >>> reg = gpd.GeoDataFrame(geometry=[Point(500, 0), Point(5, 5)], crs="EPSG:28992")
    >>> [p.tolist() for p in join_positions(reg, nb)]
    [[0, 1], [-1, 0]]
    """
    loc = _locate(registrations, neighbourhoods, rd_geometries, neighbourhoods_rd)
    reg_pos = np.concatenate([loc.point_pos, loc.other_pos, loc.area_pos, loc.area_outside])
    nb_pos = np.concatenate([loc.point_nb, loc.other_nb, loc.area_nb, np.full(len(loc.area_outside), -1)])
    return reg_pos.astype(np.intp), nb_pos.astype(np.intp)


def assign_neighbourhood(registrations: gpd.GeoDataFrame, neighbourhoods: gpd.GeoDataFrame, *,
                         rd_geometries: np.ndarray | None = None,
                         neighbourhoods_rd: np.ndarray | None = None) -> pd.Series:
    """One neighbourhood code per registration (None outside), for filtering the map by neighbourhood.

    A point gets the neighbourhood `join` gives it; an area gets the neighbourhood it overlaps most
    (the lowest code when two overlap equally). `rd_geometries` and `neighbourhoods_rd` as in `join_positions`.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point, box
    >>> nb = gpd.GeoDataFrame({"code": ["A", "B"]}, geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100)],
    ...                       crs="EPSG:28992")
    >>> reg = gpd.GeoDataFrame(geometry=[Point(150, 50), box(90, 0, 180, 10), Point(-5, 0)], crs="EPSG:28992")
    >>> assign_neighbourhood(reg, nb).tolist()
    ['B', 'B', None]
    """
    loc = _locate(registrations, neighbourhoods, rd_geometries, neighbourhoods_rd)
    owner = np.full(loc.n, -1, dtype=np.intp)
    owner[loc.point_pos] = loc.point_nb
    owner[loc.other_pos] = loc.other_nb
    if len(loc.area_pos):
        # Only areas in more than one neighbourhood need the (costly) overlap areas.
        counts = np.bincount(loc.area_pos, minlength=loc.n)
        single = counts[loc.area_pos] == 1
        owner[loc.area_pos[single]] = loc.area_nb[single]
        multi = ~single
        if multi.any():
            pos, nb = loc.area_pos[multi], loc.area_nb[multi]
            overlap = shapely.area(shapely.intersection(loc.areas[multi], loc.polygons[nb]))
            # Largest overlap first, then lowest code: the first row per registration wins.
            order = np.lexsort((loc.rank[nb], -overlap, pos))
            pos, nb = pos[order], nb[order]
            first = np.r_[True, pos[1:] != pos[:-1]]
            owner[pos[first]] = nb[first]
    return pd.Series(_codes_with_outside(neighbourhoods)[owner], index=registrations.index, name="code",
                     dtype=object)


def to_rd(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> np.ndarray:
    """The geometries of `frame` in RD New (EPSG:28992) as a numpy array of new shapely geometries.

    The CRS is compared explicitly: a frame without a CRS is refused rather than guessed.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> pt = to_rd(gpd.GeoSeries([Point(5.387206, 52.155172)], crs="EPSG:4326"))[0]
    >>> round(pt.x), round(pt.y)
    (155000, 463000)
    """
    geoms = np.asarray(frame.geometry.array if isinstance(frame, gpd.GeoDataFrame) else frame.array)
    transformer = _transformer_to_rd(frame.crs)
    if transformer is None:
        # Fresh copies: shapely.prepare below must not touch a caller's (possibly shared) geometries.
        return shapely.transform(geoms, lambda xy: xy)
    return shapely.transform(geoms, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


def _locate(registrations: gpd.GeoDataFrame, neighbourhoods: gpd.GeoDataFrame, rd_geometries: np.ndarray | None,
            neighbourhoods_rd: np.ndarray | None) -> _Location:
    if "code" not in neighbourhoods.columns:
        raise KeyError("neighbourhoods need a 'code' column")
    polygons = prepared_copy(to_rd(neighbourhoods) if neighbourhoods_rd is None
                             else _aligned(neighbourhoods_rd, neighbourhoods))
    rank = _code_rank(neighbourhoods)

    geoms = np.asarray(registrations.geometry.array)
    n = len(geoms)
    type_id = shapely.get_type_id(geoms)
    is_point = type_id == _POINT
    point_pos = np.flatnonzero(is_point)
    if rd_geometries is None:
        x, y = _points_to_rd(geoms[point_pos], registrations.crs)
    else:
        rd_geometries = _aligned(rd_geometries, registrations)
        x, y = shapely.get_x(rd_geometries[point_pos]), shapely.get_y(rd_geometries[point_pos])
    point_nb = _locate_points(x, y, polygons, rank)

    rest_pos = np.flatnonzero(~is_point)
    if rd_geometries is not None:
        rest = rd_geometries[rest_pos]
    else:
        rest = to_rd(registrations.geometry.iloc[rest_pos]) if len(rest_pos) else np.empty(0, dtype=object)
    has_area = shapely.area(rest) > 0
    area_pos, area_nb, areas = _locate_areas(rest_pos[has_area], rest[has_area], polygons)
    # An area that overlaps nothing is still counted, as outside.
    area_outside = np.setdiff1d(rest_pos[has_area], area_pos)
    other_pos = rest_pos[~has_area]
    other_nb = _locate_lowest(rest[~has_area], polygons, rank)
    return _Location(n, point_pos, point_nb, area_pos, area_nb, area_outside, other_pos, other_nb,
                     areas, polygons, rank)


def _aligned(rd: np.ndarray, frame: gpd.GeoDataFrame) -> np.ndarray:
    rd = np.asarray(rd)
    if len(rd) != len(frame):
        raise ValueError("the RD New geometries must be aligned with their frame")
    return rd


def _join_table(registrations: gpd.GeoDataFrame, neighbourhoods: gpd.GeoDataFrame, reg_pos: np.ndarray,
                nb_pos: np.ndarray) -> pd.DataFrame:
    """`join`'s table from pairs: by registration, then by code (a registration outside has one row)."""
    reg_pos, nb_pos = np.asarray(reg_pos, np.intp), np.asarray(nb_pos, np.intp)
    rank = np.append(_code_rank(neighbourhoods), -1)  # position -1, outside, ranks last
    order = np.lexsort((rank[nb_pos], reg_pos))
    return pd.DataFrame(
        {
            "reg_index": registrations.index.to_numpy()[reg_pos[order]],
            "code": pd.Series(_codes_with_outside(neighbourhoods)[nb_pos[order]], dtype=object),
        }
    )


def _points_to_rd(points: np.ndarray, crs: object) -> tuple[np.ndarray, np.ndarray]:
    # Raw coordinate arrays through pyproj: about three times faster than GeoSeries.to_crs
    # (MAP_PERFORMANCE.md), and no shapely Point objects are built in RD New at all.
    x, y = shapely.get_x(points), shapely.get_y(points)
    transformer = _transformer_to_rd(crs)
    if transformer is None:
        return x, y
    return transformer.transform(x, y)


def inside_any(x: np.ndarray, y: np.ndarray, polygons: np.ndarray) -> np.ndarray:
    """Which of the points (x, y) lie in or on at least one of `polygons` (all RD New): as a tree query with
    `intersects`, but without building the points.

    >>> from shapely.geometry import box
    >>> inside_any(np.array([5.0, 10.0, 11.0]), np.array([5.0, 5.0, 5.0]), np.array([box(0, 0, 10, 10)])).tolist()
    [True, True, False]
    """
    polygons = prepared_copy(polygons)
    return _locate_points(np.asarray(x, float), np.asarray(y, float), polygons, np.zeros(len(polygons))) >= 0


def prepared_copy(polygons: np.ndarray) -> np.ndarray:
    """Fresh copies of `polygons`, prepared for many tests (a point-in-polygon test of a million points is many
    times faster on a prepared polygon).

    GEOS builds a prepared geometry's indexes on first use, and two threads using the same one at once can crash
    the process (libgeos/geos#825: a page run and the warm-up thread joined the neighbourhoods at the same moment).
    So geometries that sessions share (geo.dataset.Dataset.neighbourhoods_rd) are never prepared, and each
    computation prepares a copy of its own: a few milliseconds for a city's neighbourhoods.

    >>> from shapely.geometry import box
    >>> shared = np.array([box(0, 0, 1, 1)])
    >>> own = prepared_copy(shared)
    >>> bool(shapely.is_prepared(own[0])), bool(shapely.is_prepared(shared[0])), own[0].equals(shared[0])
    (True, False, True)
    """
    copies = shapely.transform(np.asarray(polygons), lambda xy: xy)
    shapely.prepare(copies)
    return copies


def _locate_points(x: np.ndarray, y: np.ndarray, polygons: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """The neighbourhood (position, -1 outside) of each point, the lowest code winning on a border."""
    owner = np.full(len(x), -1, dtype=np.intp)
    if not len(x) or not len(polygons):
        return owner
    # Sorting the points by x once lets each polygon find the points in its bounding box with two
    # binary searches; testing those with intersects_xy on the prepared polygon was six times faster
    # than STRtree.query or sjoin with 500k points, and builds no Point objects.
    by_x = np.argsort(x, kind="stable")
    xs, ys = x[by_x], y[by_x]
    bounds = shapely.bounds(polygons)
    # Highest code first: a later write wins, so a point on a shared border keeps the lowest code.
    for j in np.argsort(rank)[::-1]:
        minx, miny, maxx, maxy = bounds[j]
        if not np.isfinite(minx):  # empty or missing neighbourhood geometry
            continue
        lo, hi = np.searchsorted(xs, minx, "left"), np.searchsorted(xs, maxx, "right")
        if lo == hi:
            continue
        in_box = ys[lo:hi]
        candidates = np.flatnonzero((in_box >= miny) & (in_box <= maxy)) + lo
        hits = candidates[shapely.intersects_xy(polygons[j], xs[candidates], ys[candidates])]
        owner[by_x[hits]] = j
    return owner


def _locate_areas(
    pos: np.ndarray, areas: np.ndarray, polygons: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (registration position, neighbourhood) whose interiors meet, and the areas per pair."""
    if not len(pos) or not len(polygons):
        return np.empty(0, np.intp), np.empty(0, np.intp), np.empty(0, dtype=object)
    # Polygons overlap with a positive area exactly when their interiors meet: they intersect
    # without merely touching. That test is exact (no area threshold to tune) but costly on large
    # neighbourhoods, so pairs with an area corner strictly inside the neighbourhood are accepted
    # first: around such a corner both interiors meet. That settles about half the pairs.
    a, nb = shapely.STRtree(areas).query(polygons)[::-1]  # bounding boxes only
    corners, pair = shapely.get_coordinates(areas[a], return_index=True)
    inside = shapely.contains_xy(polygons[nb[pair]], corners[:, 0], corners[:, 1])
    overlap = np.bincount(pair[inside], minlength=len(a)) > 0
    rest = np.flatnonzero(~overlap)
    rest = rest[shapely.intersects(polygons[nb[rest]], areas[a[rest]])]
    overlap[rest] = ~shapely.touches(polygons[nb[rest]], areas[a[rest]])
    a, nb = a[overlap], nb[overlap]
    return pos[a], nb.astype(np.intp), areas[a]


def _locate_lowest(geoms: np.ndarray, polygons: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """For shapes without area: the intersecting neighbourhood with the lowest code, or -1."""
    owner = np.full(len(geoms), -1, dtype=np.intp)
    if not len(geoms) or not len(polygons):
        return owner
    g, nb = shapely.STRtree(polygons).query(geoms, predicate="intersects")
    order = np.lexsort((rank[nb], g))
    g, nb = g[order], nb[order]
    first = np.r_[True, g[1:] != g[:-1]] if len(g) else np.empty(0, bool)
    owner[g[first]] = nb[first]
    return owner


def _code_rank(neighbourhoods: gpd.GeoDataFrame) -> np.ndarray:
    codes = neighbourhoods["code"].astype(str).to_numpy()
    rank = np.empty(len(codes), dtype=np.intp)
    rank[np.argsort(codes, kind="stable")] = np.arange(len(codes))
    return rank


def _codes_with_outside(neighbourhoods: gpd.GeoDataFrame) -> np.ndarray:
    """The codes as an object array with OUTSIDE appended, so that position -1 maps to None."""
    return np.append(neighbourhoods["code"].to_numpy(dtype=object), np.array([OUTSIDE], dtype=object))


def _transformer_to_rd(crs: object) -> Transformer | None:
    """The transformer to RD New, or None when the data is already in RD New."""
    if crs is None:
        raise ValueError("the geometries have no CRS; declare one (EPSG:4326 or EPSG:28992)")
    crs = CRS.from_user_input(crs)
    if crs.equals(RD_NEW, ignore_axis_order=True):
        return None
    return _cached_transformer(crs.to_wkt())


@lru_cache(maxsize=8)
def _cached_transformer(wkt: str) -> Transformer:
    return Transformer.from_crs(CRS.from_wkt(wkt), RD_NEW, always_xy=True)
