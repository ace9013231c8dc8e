"""A large register on the map: what one view needs, worked out on the server.

Up to SERVER_CLUSTER_MIN registrations the browser gets all of them and clusters them itself (Supercluster in
ui/assets/zb/zb_map.js): smooth, no server round trip per pan. A larger register would send tens of megabytes
on every filter change, so the map asks the server per view instead: the filtered registrations inside the
view (padded by a quarter on each side, as the browser's own clustering draws ahead) are grouped on a grid of
CLUSTER_RADIUS_PX screen pixels at the view's zoom; a cell holding one registration is drawn as its icon, a cell
with more as a cluster with its count at the members' mean position. Every filtered registration in the view
is in exactly one cluster or icon, so the counts drawn add up to the filter's count in that view.

Above CLUSTER_MAX_ZOOM (street level) registrations are drawn one by one, unless a view holds more than
MAX_ICONS of them: then they are grouped on a finer grid, so that the browser never gets thousands of icons.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np
import shapely

#: Registers with more registrations than this are clustered on the server, per view
#: ($ZICHTBAAR_SERVER_CLUSTERS_FROM sets another number, e.g. 0 to cluster every register on the server).
SERVER_CLUSTER_MIN = 20_000
#: The grid's cell in screen pixels: the browser's Supercluster radius (L.ZbRegistrations' `radius`).
CLUSTER_RADIUS_PX = 60
#: Beyond this many icons in one view, even at street level, nearby registrations are grouped (on a finer grid).
MAX_ICONS = 1500
#: The finer grid's cell, in screen pixels.
FINE_RADIUS_PX = 40
#: Groups whose centres come closer than this share of the grid's cell are drawn as one (they would overlap).
MERGE_SHARE = 0.75
#: How much of the view's width and height is added on each side (icons drawn ahead for panning).
PAD = 0.25
_TILE = 256
_MAX_LAT = 85.05112878


def server_clusters(n_registrations: int) -> bool:
    """Whether a register of this size is clustered on the server, per view.

    >>> server_clusters(5_000), server_clusters(1_000_000)
    (False, True)
    """
    value = os.environ.get("ZICHTBAAR_SERVER_CLUSTERS_FROM", "").strip()
    limit = int(value) if value.isdigit() else SERVER_CLUSTER_MIN
    return n_registrations > limit


@dataclass(frozen=True)
class Anchors:
    """Where each registration is drawn (a point; an area at a point inside it): WGS84 and Web Mercator.

    x, y : Web Mercator in world units at zoom 0 (0..1, y down), for the grid.
    """

    lat: np.ndarray
    lon: np.ndarray
    x: np.ndarray
    y: np.ndarray

    @classmethod
    def of(cls, geometries: np.ndarray) -> Anchors:
        """The anchors of WGS84 geometries (shapely array), as geo.mapping.point_fragments places the icons.

        >>> a = Anchors.of(np.array([shapely.Point(0, 0), shapely.box(10, 10, 12, 12)]))
        >>> np.round(a.x, 3).tolist(), np.round(a.y, 3).tolist()
        ([0.5, 0.531], [0.5, 0.469])
        """
        geoms = np.asarray(geometries)
        is_point = shapely.get_type_id(geoms) == 0
        anchors = geoms.copy()
        if (~is_point).any():
            anchors[~is_point] = shapely.point_on_surface(geoms[~is_point])
        lon, lat = shapely.get_x(anchors), shapely.get_y(anchors)
        x, y = mercator(lon, lat)
        return cls(lat, lon, x, y)


def mercator(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator world units at zoom 0 (0..1, y down), as Leaflet's EPSG:3857 places them."""
    phi = np.radians(np.clip(lat, -_MAX_LAT, _MAX_LAT))
    x = (np.asarray(lon, dtype=float) + 180.0) / 360.0
    y = 0.5 - np.log(np.tan(np.pi / 4 + phi / 2)) / (2 * np.pi)
    return x, y


@dataclass(frozen=True)
class ViewBox:
    """A map view: its bounds (WGS84 degrees) and zoom level."""

    west: float
    south: float
    east: float
    north: float
    zoom: int

    def padded(self, pad: float = PAD) -> ViewBox:
        """The view with `pad` of its width and height added on each side (clamped to the world).

        >>> ViewBox(4.8, 52.3, 5.0, 52.4, 12).padded()
        ViewBox(west=4.75, south=52.275, east=5.05, north=52.425, zoom=12)
        """
        dx, dy = (self.east - self.west) * pad, (self.north - self.south) * pad
        return ViewBox(round(max(-180.0, self.west - dx), 9), round(max(-_MAX_LAT, self.south - dy), 9),
                       round(min(180.0, self.east + dx), 9), round(min(_MAX_LAT, self.north + dy), 9), self.zoom)

    def contains(self, anchors: Anchors) -> np.ndarray:
        """Boolean array: which anchors lie inside (edges included)."""
        return ((anchors.lon >= self.west) & (anchors.lon <= self.east)
                & (anchors.lat >= self.south) & (anchors.lat <= self.north))

    @classmethod
    def around(cls, lat: float, lon: float, zoom: int, width_px: int, height_px: int) -> ViewBox:
        """The view a map of `width_px` x `height_px` shows when centred on (lat, lon) at `zoom`.

        >>> v = ViewBox.around(52.37, 4.9, 12, 1024, 620)
        >>> round(float(v.east - v.west), 4)  # 1024 of the 256 * 2 ** 12 pixels around the world
        0.3516
        """
        scale = _TILE * 2.0 ** zoom
        x, y = mercator(np.array([lon]), np.array([lat]))
        half_w, half_h = width_px / 2 / scale, height_px / 2 / scale
        west, east = (x[0] - half_w) * 360 - 180, (x[0] + half_w) * 360 - 180

        def lat_of(world_y: float) -> float:
            return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * world_y))))

        south, north = lat_of(min(1.0, y[0] + half_h)), lat_of(max(0.0, y[0] - half_h))
        return cls(float(west), south, float(east), north, int(zoom))


@dataclass(frozen=True)
class ViewDraw:
    """What the browser draws for one view.

    clusters : (lat, lon, count) per cluster, as float arrays and an int array.
    singles : positions (into the register) of the registrations drawn as their own icon.
    box : the (padded) view it was worked out for.
    total : how many filtered registrations lie in `box`: the clusters' counts plus the singles.
    """

    cluster_lat: np.ndarray
    cluster_lon: np.ndarray
    cluster_n: np.ndarray
    singles: np.ndarray
    box: ViewBox
    total: int


def view_draw(anchors: Anchors, mask: np.ndarray, view: ViewBox, cluster_max_zoom: int) -> ViewDraw:
    """Group the registrations in `mask` that lie in the padded `view` for drawing at its zoom.

    >>> pts = np.array([shapely.Point(4.9 + i * 1e-5, 52.37) for i in range(5)] + [shapely.Point(4.95, 52.38)])
    >>> a = Anchors.of(pts)
    >>> d = view_draw(a, np.ones(6, bool), ViewBox(4.8, 52.3, 5.0, 52.4, 12), 15)
    >>> d.cluster_n.tolist(), d.singles.tolist(), d.total
    ([5], [5], 6)
    >>> view_draw(a, np.ones(6, bool), ViewBox(4.8, 52.3, 5.0, 52.4, 19), 15).singles.tolist()
    [0, 1, 2, 3, 4, 5]
    """
    box = view.padded()
    inside = np.flatnonzero(np.asarray(mask, dtype=bool) & box.contains(anchors))
    if view.zoom > cluster_max_zoom and len(inside) <= MAX_ICONS:
        empty = np.empty(0)
        return ViewDraw(empty, empty, np.empty(0, dtype=np.int64), inside, box, len(inside))
    radius = CLUSTER_RADIUS_PX if view.zoom <= cluster_max_zoom else FINE_RADIUS_PX
    cells_per_world = _TILE * 2.0 ** view.zoom / radius
    cx = np.floor(anchors.x[inside] * cells_per_world).astype(np.int64)
    cy = np.floor(anchors.y[inside] * cells_per_world).astype(np.int64)
    keys = cx * (int(cells_per_world) + 2) + cy
    uniq, cell, counts = np.unique(keys, return_inverse=True, return_counts=True)
    px, py = anchors.x[inside] * _TILE * 2.0 ** view.zoom, anchors.y[inside] * _TILE * 2.0 ** view.zoom
    mean_x = np.bincount(cell, weights=px, minlength=len(uniq)) / counts
    mean_y = np.bincount(cell, weights=py, minlength=len(uniq)) / counts
    # Neighbouring cells whose groups came out close together (at the cells' common edge) become one group, so that
    # no two drawn groups overlap.
    group = _merge_close(mean_x, mean_y, counts, radius * MERGE_SHARE)[cell]  # per registration
    _, group, n_of = np.unique(group, return_inverse=True, return_counts=True)
    alone = n_of[group] == 1
    grouped = np.flatnonzero(n_of > 1)
    n = n_of[grouped]
    lat = np.bincount(group, weights=anchors.lat[inside], minlength=len(n_of))[grouped] / n
    lon = np.bincount(group, weights=anchors.lon[inside], minlength=len(n_of))[grouped] / n
    return ViewDraw(lat, lon, n.astype(np.int64), inside[alone], box, len(inside))


def _merge_close(x: np.ndarray, y: np.ndarray, weight: np.ndarray, within: float) -> np.ndarray:
    """For each point (pixels), the point it joins: the heaviest first gathers every free one within `within`.

    >>> _merge_close(np.array([0.0, 10, 100]), np.array([0.0, 0, 0]), np.array([1, 5, 1]), 20).tolist()
    [1, 1, 2]
    """
    joins = np.full(len(x), -1, dtype=np.int64)
    for i in np.argsort(-weight, kind="stable"):
        if joins[i] >= 0:
            continue
        free = joins < 0
        near = free & ((x - x[i]) ** 2 + (y - y[i]) ** 2 < within * within)
        joins[near] = i
    return joins


def clusters_js(draw: ViewDraw) -> str:
    """The clusters as a JS array literal `[[lat, lon, count], ...]` (coordinates at 6 decimals).

    >>> d = ViewDraw(np.array([52.1234567]), np.array([4.9]), np.array([12]), np.empty(0, int),
    ...              ViewBox(4, 52, 5, 53, 10), 12)
    >>> clusters_js(d)
    '[[52.123457,4.9,12]]'
    """
    return "[" + ",".join(
        f"[{_n(la)},{_n(lo)},{int(k)}]"
        for la, lo, k in zip(np.round(draw.cluster_lat, 6).tolist(), np.round(draw.cluster_lon, 6).tolist(),
                             draw.cluster_n.tolist(), strict=True)) + "]"


def _n(value: float) -> str:
    return repr(value) if value != int(value) else str(int(value))
