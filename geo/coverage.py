"""Camera coverage: the share of each neighbourhood's area inside camera view cones, computed in RD New."""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.cones import DIRECTIONAL, view_areas
from geo.join import assign_neighbourhood, to_rd
from geo.schema import RD_NEW, WGS84
from geo.text import text

_POINT = 0  # shapely.get_type_id of a Point
#: From this many (neighbourhood, view) pairs on, the neighbourhoods' unions are made in a few threads at once.
_PARALLEL_FROM = 5_000
_WORKERS = min(4, os.cpu_count() or 1)
#: From more cameras than this the coverage map groups them below street level (geo.mapping.registrations_group's
#: `cluster`): a browser draws a few thousand icons with their cones in a few seconds, but took half a minute for
#: 15,000 (bench/bench_scale.py, 100,000 registrations).
GROUPED_FROM = 2_000
#: What `coverage` reads of a camera besides its geometry: its type and view (geo.cones.view_areas).
CAMERA_COLUMNS = ("sensor_type", "direction", "field_of_view", "range_m")


@dataclass(frozen=True)
class Coverage:
    """What the cameras watch, per neighbourhood and city-wide.

    Attributes
    ----------
    neighbourhoods : one row per neighbourhood, in the input's order: `code`, `name`, `area_m2`,
        `covered_m2`, `share` (0..1), `cameras` (cameras standing in it), `undirected` (of those, how
        many have no known direction and count as a full circle), and `geometry`: the watched part of
        the neighbourhood in RD New (EPSG:28992), empty when nothing is watched.
    cameras : point cameras counted.
    undirected : of those, how many have no direction (a full circle of their range).
    mobile : camera registrations with an area instead of a point (scan cars): not counted, since
        they do not watch all of their area at once.
    """

    neighbourhoods: gpd.GeoDataFrame
    cameras: int
    undirected: int
    mobile: int

    @property
    def area_m2(self) -> float:
        return float(self.neighbourhoods["area_m2"].sum())

    @property
    def covered_m2(self) -> float:
        return float(self.neighbourhoods["covered_m2"].sum())

    @property
    def share(self) -> float:
        """The city-wide share: watched area over the area of all neighbourhoods (0 when there is none)."""
        return self.covered_m2 / self.area_m2 if self.area_m2 > 0 else 0.0


def coverage(registrations: gpd.GeoDataFrame, neighbourhoods: gpd.GeoDataFrame,
             sensor_types: tuple[str, ...] = DIRECTIONAL, *, rd_geometries: np.ndarray | None = None,
             neighbourhoods_rd: np.ndarray | None = None, rd_xy: np.ndarray | None = None) -> Coverage:
    """The share of each neighbourhood's area that lies inside the view of at least one camera.

    A camera with a direction watches a cone (direction, field_of_view, range_m); one without a
    direction a full circle of its range (the defaults of geo.cones.view_areas). Overlapping views
    count once. Everything is measured in RD New (metres), whatever CRS the inputs declare.

    Parameters
    ----------
    registrations : registrations with sensor_type, direction, field_of_view, range_m and a declared CRS.
    neighbourhoods : `code` (and optionally `name`) with a declared CRS; they are taken not to overlap.
    sensor_types : which sensor types count as cameras.
    rd_geometries, neighbourhoods_rd : the two in RD New (geo.join.to_rd), aligned, when the caller keeps them.
    rd_xy : instead of `rd_geometries`, the (n, 2) RD New coordinates of the registrations that are points, NaN
        for the others (geo.dataset.Dataset.rd_xy): only the cameras' points are then made.

    Examples
    --------
    >>> from shapely.geometry import Point, box
    >>> nb = gpd.GeoDataFrame({"code": ["A"], "name": ["Centrum"]}, geometry=[box(0, 0, 1000, 1000)],
    ...                       crs="EPSG:28992")
    >>> cams = gpd.GeoDataFrame({"sensor_type": ["camera"], "direction": [float("nan")],
    ...     "field_of_view": [float("nan")], "range_m": [100.0]}, geometry=[Point(500, 500)], crs="EPSG:28992")
    >>> cov = coverage(cams, nb)
    >>> round(cov.share * 100, 1), cov.undirected  # a circle of 100 m in 1 km²: pi % (a 32-gon: 0.6 % less)
    (3.1, 1)
    """
    nb_rd = to_rd(neighbourhoods) if neighbourhoods_rd is None else np.asarray(neighbourhoods_rd)
    codes = neighbourhoods["code"].astype(str).to_numpy()
    names = (neighbourhoods["name"].astype(str).to_numpy() if "name" in neighbourhoods.columns
             else codes.copy())
    area = shapely.area(nb_rd)

    is_camera = registrations["sensor_type"].isin(sensor_types).to_numpy()
    geoms = np.asarray(registrations.geometry.array)
    is_point = shapely.get_type_id(geoms) == _POINT
    chosen = is_camera & is_point
    mobile = int((is_camera & ~is_point & ~shapely.is_missing(geoms)).sum())
    # Only what the views and the neighbourhood join read: a copy of every column of many cameras costs.
    columns = [c for c in CAMERA_COLUMNS if c in registrations.columns]
    cams = registrations.loc[chosen, [*columns, registrations.geometry.name]]

    if rd_xy is not None:
        points = shapely.points(np.asarray(rd_xy, dtype=float)[chosen])
    else:
        points = to_rd(cams) if rd_geometries is None else np.asarray(rd_geometries)[chosen]
    views, directed = view_areas(cams, shapely.get_x(points), shapely.get_y(points))
    covered = _covered(nb_rd, views)

    # Where each camera stands: the same rule as everywhere else (a border point goes to the lowest code).
    where = (assign_neighbourhood(cams, neighbourhoods, rd_geometries=points, neighbourhoods_rd=nb_rd).to_numpy()
             if len(cams) else np.array([], dtype=object))
    pos = pd.Series(np.arange(len(codes)), index=codes)
    at = pos.reindex(where).to_numpy()
    inside = np.isfinite(at)
    at = at[inside].astype(np.intp)
    per_nb = np.bincount(at, minlength=len(codes))
    undirected_nb = np.bincount(at, weights=(~directed[inside]).astype(float), minlength=len(codes)).astype(int)

    covered_area = shapely.area(covered)
    table = gpd.GeoDataFrame(
        {
            "code": codes,
            "name": names,
            "area_m2": area,
            "covered_m2": covered_area,
            "share": np.divide(covered_area, area, out=np.zeros(len(codes)), where=area > 0),
            "cameras": per_nb,
            "undirected": undirected_nb,
        },
        geometry=gpd.GeoSeries(covered, crs=RD_NEW),
    )
    return Coverage(table, len(cams), int((~directed).sum()), mobile)


def _covered(polygons: np.ndarray, views: np.ndarray) -> np.ndarray:
    """Per polygon, the part of it inside the union of `views` (all RD New)."""
    out = np.array([shapely.Polygon()] * len(polygons), dtype=object)
    if not len(views) or not len(polygons):
        return out
    tree = shapely.STRtree(views)
    nb_pos, view_pos = tree.query(polygons, predicate="intersects")
    if not len(nb_pos):
        return out
    # Group the views by neighbourhood: the union of a few dozen cones per neighbourhood is far cheaper
    # than intersecting every neighbourhood with the union of all cones in the city.
    order = np.argsort(nb_pos, kind="stable")
    nb_pos, view_pos = nb_pos[order], view_pos[order]
    starts = np.flatnonzero(np.r_[True, nb_pos[1:] != nb_pos[:-1]])
    ends = np.r_[starts[1:], len(nb_pos)]

    def watched(k: int) -> None:
        i = nb_pos[starts[k]]
        out[i] = shapely.intersection(shapely.union_all(views[view_pos[starts[k]:ends[k]]]), polygons[i])

    # GEOS lets go of the interpreter while it unions, so neighbourhoods are unioned side by side on a large
    # register (seconds at a million cameras), largest first; each still gets exactly the same union.
    workers = min(_WORKERS, len(starts)) if len(nb_pos) >= _PARALLEL_FROM else 1
    by_size = np.argsort(starts - ends, kind="stable").tolist()
    if workers > 1:
        with ThreadPoolExecutor(workers, thread_name_prefix="zichtbaar-coverage") as pool:
            list(pool.map(watched, by_size))
    else:
        for k in by_size:
            watched(k)
    return out


def watched_layer(cov: Coverage, tolerance_m: float = 0.5) -> gpd.GeoDataFrame:
    """The watched area for a map: one feature per neighbourhood with watched area, in WGS84.

    Simplified by `tolerance_m` metres (in RD New, before reprojecting) to keep the map light.

    Examples
    --------
    >>> from shapely.geometry import Point, box
    >>> nb = gpd.GeoDataFrame({"code": ["A", "B"]}, geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100)],
    ...                       crs="EPSG:28992")
    >>> cams = gpd.GeoDataFrame({"sensor_type": ["camera"], "direction": [0.0], "field_of_view": [90.0],
    ...     "range_m": [20.0]}, geometry=[Point(50, 50)], crs="EPSG:28992")
    >>> layer = watched_layer(coverage(cams, nb))
    >>> list(layer["code"]), layer.crs.to_string()
    (['A'], 'EPSG:4326')
    """
    table = cov.neighbourhoods
    keep = table["covered_m2"].to_numpy() > 0
    layer = table.loc[keep, ["code", "name", "share", "cameras", "undirected", "geometry"]].copy()
    layer["geometry"] = layer.geometry.simplify(tolerance_m, preserve_topology=True)
    return layer.to_crs(WGS84).reset_index(drop=True)


#: The watched area on a map: a clear orange that stays visible over the base map.
WATCHED_COLOUR = "#C2410C"


def watched_shapes(cov: Coverage, tolerance_m: float = 0.5) -> gpd.GeoDataFrame:
    """The watched area as the map draws it: `watched_layer`, its coordinates kept to 1e-7 degrees (about a
    centimetre: a lighter page). The same in every language, so a caller may keep it for `watched_group`.

    >>> from shapely.geometry import Point, box
    >>> nb = gpd.GeoDataFrame({"code": ["A"]}, geometry=[box(155000, 463000, 155100, 463100)], crs="EPSG:28992")
    >>> cams = gpd.GeoDataFrame({"sensor_type": ["camera"], "direction": [0.0], "field_of_view": [90.0],
    ...     "range_m": [20.0]}, geometry=[Point(155050, 463050)], crs="EPSG:28992")
    >>> shapes = watched_shapes(coverage(cams, nb))
    >>> list(shapes["code"]), shapes.crs.to_string()
    (['A'], 'EPSG:4326')
    """
    layer = watched_layer(cov, tolerance_m)
    layer["geometry"] = shapely.set_precision(np.asarray(layer.geometry.array), 1e-7)
    return layer


def watched_group(cov: Coverage, *, name: str, tooltip: str,
                  fmt_share: Callable[[float], str] = "{:.1%}".format, tolerance_m: float = 0.5,
                  shapes: gpd.GeoDataFrame | None = None) -> folium.FeatureGroup:
    """The watched area as a map layer, one feature per neighbourhood, with an escaped tooltip.

    Parameters
    ----------
    cov : coverage(...).
    name : the layer's name in the layer control.
    tooltip : the text per neighbourhood, with `{name}` and `{share}`.
    fmt_share : how a share (0..1) is written, in the visitor's language.
    shapes : `watched_shapes(cov, tolerance_m)`, when the caller keeps it.

    Examples
    --------
    >>> from shapely.geometry import Point, box
    >>> nb = gpd.GeoDataFrame({"code": ["A"], "name": ["<b>Oud</b>"]},
    ...                       geometry=[box(155000, 463000, 155100, 463100)], crs="EPSG:28992")
    >>> cams = gpd.GeoDataFrame({"sensor_type": ["camera"], "direction": [0.0], "field_of_view": [90.0],
    ...     "range_m": [20.0]}, geometry=[Point(155050, 463050)], crs="EPSG:28992")
    >>> group = watched_group(coverage(cams, nb), name="Watched", tooltip="{name}: {share}")
    >>> layer = next(iter(group._children.values()))
    >>> layer.data["features"][0]["properties"]["tip"]
    '&lt;b&gt;Oud&lt;/b&gt;: 3.1%'
    >>> "<b>Oud" in folium.Map().add_child(group).get_root().render()
    False
    """
    layer = watched_shapes(cov, tolerance_m) if shapes is None else shapes
    tips = [html.escape(tooltip.format(name=n, share=fmt_share(float(s))))
            for n, s in zip(layer["name"].tolist(), layer["share"].tolist(), strict=True)]
    frame = gpd.GeoDataFrame({"tip": tips}, geometry=np.asarray(layer.geometry.array), crs=WGS84)
    group = folium.FeatureGroup(name=name, control=True)
    if len(frame):
        folium.GeoJson(frame.to_json(), name=name,
                       style={"color": WATCHED_COLOUR, "weight": 1, "fillColor": WATCHED_COLOUR,
                              "fillOpacity": 0.35},
                       tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False)).add_to(group)
    return group


def coverage_table(cov: Coverage, lang: str) -> pd.DataFrame:
    """Each neighbourhood's coverage as staff read it, most watched first, with column headings in `lang`.

    The share is a percentage (0 to 100), to draw as a bar; the area is in hectares.
    """
    table = cov.neighbourhoods.sort_values(["share", "name"], ascending=[False, True])
    return pd.DataFrame({
        text("policy.coverage.col.neighbourhood", lang): table["name"].to_numpy(),
        text("policy.coverage.col.share", lang): (100 * table["share"]).to_numpy(),
        text("policy.coverage.col.cameras", lang): table["cameras"].to_numpy(),
        text("policy.coverage.col.undirected", lang): table["undirected"].to_numpy(),
        text("policy.coverage.col.area", lang): (table["area_m2"] / 1e4).round(1).to_numpy(),
    })
