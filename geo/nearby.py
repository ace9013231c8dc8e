"""What is near one spot: the registrations within a radius (in RD New), who looks at it, and their counts.

The words for it (cards, the sentence on top) are in geo.nearby_text; the spot and radius in a link in
geo.viewstate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.cones import reach, view_areas
from geo.crs import rd_to_wgs84
from geo.join import to_rd
from geo.mapping import fit_view
from geo.schema import WGS84
from geo.viewstate import MapView, Spot

#: The columns `nearby` adds to the registrations it returns.
NEARBY_COLUMNS: tuple[str, ...] = ("distance_m", "within", "is_area", "covers_spot", "looks_here",
                                   "may_look_here")


# ---------------------------------------------------------------- the radius query


def nearby(registrations: gpd.GeoDataFrame, spot: Spot, radius: float,
           rd_geometries: np.ndarray | None = None, candidates: np.ndarray | None = None) -> gpd.GeoDataFrame:
    """The registrations that measure at or near `spot`, nearest first, measured in RD New.

    Listed are every registration within `radius` metres (a point by its distance, an area by the
    distance to its nearest edge, 0 when it covers the spot), and also cameras farther away whose view
    cone covers the spot: a camera that looks at a front door measures there, wherever it hangs.

    Parameters
    ----------
    registrations : accepted registrations (geo.schema.COLUMNS + geometry) with a declared CRS.
    spot : the chosen place.
    radius : metres.
    rd_geometries : the registrations' geometries in RD New, aligned with `registrations`, when the
        caller keeps them (geo.join.to_rd); computed when None.
    candidates : positions (ascending) of the only registrations that need looking at, as `candidates`
        or a store (geo.store) finds them; any superset of those gives the same answer. Without it,
        every registration is looked at.

    Returns
    -------
    The listed rows (a copy), with the columns of NEARBY_COLUMNS added:
    distance_m (float), within (distance <= radius), is_area (a polygon: a mobile sensor's area),
    covers_spot (an area that contains the spot), looks_here (a camera or ANPR with a known direction
    whose view cone covers the spot), may_look_here (one without a direction whose range covers it).
    Ordered by distance, then those that look here first, then by id.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> reg = gpd.GeoDataFrame({"id": ["far", "near", "cam"], "sensor_type": ["air", "air", "camera"],
    ...     "direction": [np.nan, np.nan, 180.0], "field_of_view": [np.nan] * 3, "range_m": [np.nan, np.nan, 80.0]},
    ...     geometry=[Point(155_400, 463_000), Point(155_030, 463_040), Point(155_000, 463_060)], crs="EPSG:28992")
    >>> found = nearby(reg, Spot(52.1551723, 5.3872035), 250)
    >>> found[["id", "distance_m", "looks_here"]].round(1).to_dict("list")
    {'id': ['near', 'cam'], 'distance_m': [50.0, 60.0], 'looks_here': [False, True]}
    >>> nearby(reg, Spot(52.1551723, 5.3872035), 250, candidates=np.array([1, 2]))["id"].tolist()
    ['near', 'cam']
    """
    if rd_geometries is not None and len(rd_geometries) != len(registrations):
        raise ValueError("rd_geometries must be aligned with registrations")
    if candidates is not None:
        pos = np.asarray(candidates, dtype=np.intp)
        # Rows keep their relative order, so ties are broken as when every registration is looked at.
        registrations = registrations.iloc[pos]
        rd_geometries = to_rd(registrations) if rd_geometries is None else np.asarray(rd_geometries)[pos]
    geoms = to_rd(registrations) if rd_geometries is None else np.asarray(rd_geometries)
    x0, y0 = spot.rd
    here = shapely.points(x0, y0)
    distance = shapely.distance(geoms, here)  # NaN for an empty geometry: never listed
    within = distance <= radius

    # Only a camera that could reach the spot needs its cone built (NaN: not a camera, never).
    cam = np.flatnonzero(distance <= np.maximum(reach(registrations, geoms), radius))
    looks = np.zeros(len(geoms), dtype=bool)
    may_look = np.zeros(len(geoms), dtype=bool)
    if len(cam):
        views, directed = view_areas(registrations.iloc[cam], shapely.get_x(geoms[cam]), shapely.get_y(geoms[cam]))
        hit = shapely.covers(views, here)
        looks[cam] = hit & directed
        may_look[cam] = hit & ~directed

    keep = np.flatnonzero(within | looks | may_look)
    is_area = shapely.area(geoms[keep]) > 0
    found = registrations.iloc[keep].copy()
    found["distance_m"] = distance[keep]
    found["within"] = within[keep]
    found["is_area"] = is_area
    found["covers_spot"] = is_area & (distance[keep] == 0)
    found["looks_here"] = looks[keep]
    found["may_look_here"] = may_look[keep]
    ids = found["id"].astype(str).to_numpy() if "id" in found.columns else np.arange(len(found)).astype(str)
    order = np.lexsort((ids, ~(found["looks_here"].to_numpy() | found["covers_spot"].to_numpy()),
                        found["distance_m"].to_numpy()))
    return found.iloc[order]


def candidates(rd_geometries: np.ndarray, reaches: np.ndarray, x: float, y: float, radius: float) -> np.ndarray:
    """The positions (ascending) of the registrations `nearby` may list at (x, y): within `radius`, or
    within their `reaches` (geo.cones.reach). What a store answers, in memory.

    >>> from shapely.geometry import Point
    >>> candidates(np.array([Point(0, 300), Point(0, 90), Point(0, 30)]), np.array([np.nan, 100.0, np.nan]),
    ...            0, 0, 50).tolist()
    [1, 2]
    """
    distance = shapely.distance(rd_geometries, shapely.points(x, y))
    return np.flatnonzero((distance <= radius) | (distance <= reaches))


def box_candidates(bounds: np.ndarray, reaches: np.ndarray, x: float, y: float, radius: float) -> np.ndarray:
    """`candidates` from the registrations' bounds in RD New ((n, 4): minx, miny, maxx, maxy) instead of their
    geometries: a box is never farther than its shape, so this is a superset of `candidates` (the same for points),
    which `nearby` narrows down exactly.

    >>> box_candidates(np.array([[0, 300, 0, 300], [0, 90, 0, 90], [0, 30, 0, 30], [40, -5, 90, 5.0]]),
    ...                np.array([np.nan, 100.0, np.nan, np.nan]), 0, 0, 50).tolist()
    [1, 2, 3]
    """
    b = np.asarray(bounds, dtype=float)
    dx = np.maximum(np.maximum(b[:, 0] - x, x - b[:, 2]), 0.0)
    dy = np.maximum(np.maximum(b[:, 1] - y, y - b[:, 3]), 0.0)
    distance = np.hypot(dx, dy)  # NaN for an empty geometry: never listed
    return np.flatnonzero((distance <= radius) | (distance <= reaches))


def looking_views(found: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The view cones of the cameras in `found` that look at the spot, in WGS84, to draw on a map.

    Parameters
    ----------
    found : the result of `nearby`.

    Returns
    -------
    GeoDataFrame with `id`, `name` and the cone (EPSG:4326), one row per camera with looks_here
    or may_look_here.
    """
    rows = found[found["looks_here"] | found["may_look_here"]]
    if rows.empty:
        return gpd.GeoDataFrame({"id": [], "name": []}, geometry=[], crs=WGS84)
    points = to_rd(rows)
    views, _ = view_areas(rows, shapely.get_x(points), shapely.get_y(points))
    views = shapely.transform(views, lambda xy: np.column_stack(rd_to_wgs84(xy[:, 0], xy[:, 1])))
    return gpd.GeoDataFrame({"id": rows["id"].to_numpy(), "name": rows["name"].to_numpy()},
                            geometry=views, crs=WGS84)


def spot_view(spot: Spot, radius: float, width_px: int = 360, height_px: int = 360) -> MapView:
    """The map view that shows the whole circle around `spot` on a phone-sized map.

    >>> spot_view(Spot(52.47, 5.55), 100).zoom > spot_view(Spot(52.47, 5.55), 500).zoom
    True
    """
    dlat = radius / 111_320
    dlon = radius / (111_320 * math.cos(math.radians(spot.lat)))
    view = fit_view((spot.lon - dlon, spot.lat - dlat, spot.lon + dlon, spot.lat + dlat), width_px, height_px,
                    max_zoom=18)
    return MapView(spot.lat, spot.lon, view.zoom)


def spot_group(spot: Spot, radius: float, views: gpd.GeoDataFrame) -> folium.FeatureGroup:
    """The chosen spot, the circle around it and the cones of the cameras that look at it, as one layer.

    None of it takes clicks: a tap inside the circle reaches the map, and so chooses a new spot.

    >>> m = folium.Map(tiles=None)
    >>> _ = spot_group(Spot(52.47, 5.55), 250, looking_views(pd.DataFrame({"looks_here": [],
    ...     "may_look_here": []}))).add_to(m)
    >>> out = m.get_root().render()
    >>> "L.circle(" in out and '"radius": 250' in out
    True
    """
    group = folium.FeatureGroup(name="spot", control=False)
    shapes = [folium.Circle([spot.lat, spot.lon], radius=radius, color="#01689B", weight=2, fill=True,
                            fill_opacity=0.06)]
    shapes += [folium.Polygon([(y, x) for x, y in cone.exterior.coords], color="#B3261E", weight=2, fill=True,
                              fill_opacity=0.25) for cone in views.geometry]
    shapes.append(folium.CircleMarker([spot.lat, spot.lon], radius=9, color="#FFFFFF", weight=3, fill=True,
                                      fill_color="#1A1A1A", fill_opacity=1))
    for shape in shapes:
        # folium drops Leaflet's `interactive` option; set directly, the shapes let taps through to the map.
        shape.options["interactive"] = False
        shape.add_to(group)
    return group


def neighbourhood_at(neighbourhoods: gpd.GeoDataFrame, spot: Spot,
                     neighbourhoods_rd: np.ndarray | None = None) -> tuple[str, str] | None:
    """The code and name of the neighbourhood the spot lies in (the lowest code on a border), or None.

    `neighbourhoods_rd`: the neighbourhoods in RD New, aligned, when the caller keeps them
    (Dataset.neighbourhoods_rd). Without them, only the neighbourhoods whose box comes near the spot
    are taken to RD New, not all of them: this is asked on every visit of near-me.

    >>> from shapely.geometry import box
    >>> nb = gpd.GeoDataFrame({"code": ["BU2", "BU1"], "name": ["Oost", "West"]},
    ...     geometry=[box(155_000, 462_000, 156_000, 464_000), box(154_000, 462_000, 155_000, 464_000)],
    ...     crs="EPSG:28992")
    >>> neighbourhood_at(nb, Spot(52.1551723, 5.3872035)), neighbourhood_at(nb, Spot(53.2, 6.5))
    (('BU1', 'West'), None)
    """
    if neighbourhoods.empty:
        return None
    if neighbourhoods_rd is not None:
        near, polygons = np.arange(len(neighbourhoods)), np.asarray(neighbourhoods_rd)
    else:
        near = _boxes_near(neighbourhoods, spot)
        polygons = to_rd(neighbourhoods.iloc[near])
    hit = near[shapely.covers(polygons, shapely.points(*spot.rd))]
    if not len(hit):
        return None
    codes = neighbourhoods["code"].astype(str).to_numpy()[hit]
    first = hit[np.argmin(codes)]
    row = neighbourhoods.iloc[first]
    name = str(row["name"]) if "name" in neighbourhoods.columns and pd.notna(row["name"]) else ""
    return str(row["code"]), name or str(row["code"])


def _boxes_near(neighbourhoods: gpd.GeoDataFrame, spot: Spot) -> np.ndarray:
    """Positions of the neighbourhoods that may contain the spot: in WGS84, those whose box, with a
    kilometre or so to spare (straight edges in RD New bend slightly in WGS84), holds it; else all."""
    if neighbourhoods.crs is None or not neighbourhoods.crs.equals(WGS84, ignore_axis_order=True):
        return np.arange(len(neighbourhoods))
    minx, miny, maxx, maxy = shapely.bounds(np.asarray(neighbourhoods.geometry.array)).T
    margin = 0.01  # degrees
    with np.errstate(invalid="ignore"):  # NaN bounds: an empty geometry, never near
        near = (minx - margin <= spot.lon) & (spot.lon <= maxx + margin) & \
               (miny - margin <= spot.lat) & (spot.lat <= maxy + margin)
    return np.flatnonzero(near)


# ---------------------------------------------------------------- the summary on top


@dataclass(frozen=True)
class NearbySummary:
    """The counts behind the sentence on top of the list.

    Attributes
    ----------
    radius : metres.
    by_sensor_type : sensor type -> registrations within the radius that are active or planned, largest first.
    total : their sum.
    personal_data : of those, how many process personal data.
    planned : of those, how many are planned and do not measure yet.
    inactive : registrations within the radius that are no longer active (not in the counts above).
    looking_here : cameras and ANPR whose view covers the spot (directed or not), wherever they stand.
    looking_farther : of those, how many stand beyond the radius.
    """

    radius: int
    by_sensor_type: dict[str, int]
    total: int
    personal_data: int
    planned: int
    inactive: int
    looking_here: int
    looking_farther: int


def summarise_nearby(found: pd.DataFrame, radius: int) -> NearbySummary:
    """Count the result of `nearby` for the sentence on top.

    >>> found = pd.DataFrame({"sensor_type": ["camera", "air", "camera", "air"],
    ...     "status": ["active"] * 3 + ["inactive"], "personal_data": [True, False, True, False],
    ...     "within": [True] * 4, "looks_here": [True, False, False, False], "may_look_here": [False] * 4})
    >>> s = summarise_nearby(found, 250)
    >>> s.by_sensor_type, s.personal_data, s.inactive, s.looking_here
    ({'camera': 2, 'air': 1}, 2, 1, 1)
    """
    within = found["within"].to_numpy(bool)
    inactive = (found["status"] == "inactive").to_numpy()
    counted = found[within & ~inactive]
    by_type = counted["sensor_type"].value_counts(sort=False)
    order = sorted(by_type.index, key=lambda c: (-int(by_type[c]), c))
    looking = (found["looks_here"] | found["may_look_here"]).to_numpy(bool)
    return NearbySummary(
        radius=int(radius),
        by_sensor_type={str(c): int(by_type[c]) for c in order},
        total=len(counted),
        personal_data=int(counted["personal_data"].astype(bool).sum()),
        planned=int((counted["status"] == "planned").sum()),
        inactive=int((within & inactive).sum()),
        looking_here=int(looking.sum()),
        looking_farther=int((looking & ~within).sum()),
    )
