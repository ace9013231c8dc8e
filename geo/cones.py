"""What a sensor observes: camera view cones and observation circles, built in RD New (metres)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from geo.schema import DEFAULT_FIELD_OF_VIEW, DEFAULT_RANGE_M

#: Sensor types whose view is a cone when their direction is known.
DIRECTIONAL = ("camera", "anpr")

_POINT = 0  # shapely.get_type_id of a Point


def cone(x: float, y: float, direction: float, field_of_view: float, range_m: float,
         segments: int = 32) -> shapely.Polygon:
    """One view cone in RD New: apex at (x, y), opening `field_of_view` degrees around `direction`.

    Direction is a compass bearing: 0 = north, 90 = east, clockwise.

    >>> c = cone(0, 0, 90, 60, 10)
    >>> bool(abs(c.area - np.pi * 10**2 / 6) / c.area < 0.001)  # a sixth of a circle, to within 0.1 %
    True
    >>> bool(c.centroid.x > 0 and abs(c.centroid.y) < 1e-9)  # it looks east
    True
    """
    return cones(np.array([x]), np.array([y]), np.array([direction]), np.array([field_of_view]),
                 np.array([range_m]), segments)[0]


def cones(x: np.ndarray, y: np.ndarray, direction: np.ndarray, field_of_view: np.ndarray,
          range_m: np.ndarray, segments: int = 32) -> np.ndarray:
    """Many view cones at once (vectorised); a field of view of 360 gives a full circle."""
    fov = np.clip(np.asarray(field_of_view, float), 1e-6, 360.0)
    start = np.radians(np.asarray(direction, float) - fov / 2)
    x, y = np.asarray(x, float), np.asarray(y, float)
    steps = np.linspace(0.0, 1.0, segments + 1)
    # A large register repeats a few views (most often the full circle): the arc's sines and cosines are then
    # worked out once per view rather than once per camera, with the same numbers.
    views, at = np.unique(np.stack([start, fov], axis=1), axis=0, return_inverse=True)
    if len(views) <= len(x) // 4:
        angles = views[:, :1] + np.radians(views[:, 1:]) * steps[None, :]
        sin, cos = np.sin(angles)[at.ravel()], np.cos(angles)[at.ravel()]
    else:
        angles = start[:, None] + np.radians(fov)[:, None] * steps[None, :]
        sin, cos = np.sin(angles), np.cos(angles)
    r = np.asarray(range_m, float)[:, None]
    # Bearings: east = sin, north = cos.
    arc_x = x[:, None] + r * sin
    arc_y = y[:, None] + r * cos
    full = fov >= 360.0
    part = ~full
    # A circle closes on its first arc point; a cone starts and ends at its apex.
    ring = np.empty((len(x), segments + 2, 2))
    ring[full, :-1, 0], ring[full, -1, 0] = arc_x[full], arc_x[full, 0]
    ring[full, :-1, 1], ring[full, -1, 1] = arc_y[full], arc_y[full, 0]
    ring[part, 0, 0], ring[part, 1:, 0] = x[part], arc_x[part]
    ring[part, 0, 1], ring[part, 1:, 1] = y[part], arc_y[part]
    return shapely.polygons(shapely.linearrings(ring))


def view_areas(registrations: pd.DataFrame, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The observed area of each point registration in RD New, and whether its direction is known.

    Cameras and ANPR with a direction get a cone (field_of_view default 60°); without a direction,
    and for every other sensor type, a full circle. Range defaults per sensor type
    (geo.schema.DEFAULT_RANGE_M) when range_m is absent.

    Parameters
    ----------
    registrations : the point registrations (sensor_type, direction, field_of_view, range_m).
    x, y : their RD New coordinates, aligned with `registrations`.

    Returns
    -------
    (polygons, directed) : arrays aligned with `registrations`.
    """
    direction, fov, directed = views(registrations)
    return cones(x, y, direction, fov, ranges(registrations)), directed


def reach(registrations: pd.DataFrame, rd_geometries: np.ndarray) -> np.ndarray:
    """How far from a spot each registration may stand and still look at it: NaN for all but cameras.

    A camera or ANPR that is a point may see the spot from as far as its range (`ranges`); for
    anything else only the radius counts (geo.nearby). A store keeps these with each version, so that
    it can find the cameras that look at a spot from beyond the radius (geo.store).

    >>> from shapely.geometry import Point, box
    >>> reg = pd.DataFrame({"sensor_type": ["camera", "camera", "air"], "range_m": [80.0, 80.0, 10.0]})
    >>> reach(reg, np.array([Point(0, 0), box(0, 0, 1, 1), Point(5, 5)])).tolist()
    [80.0, nan, nan]
    """
    kind = registrations["sensor_type"].to_numpy()
    looking = (shapely.get_type_id(rd_geometries) == _POINT) & np.isin(kind, DIRECTIONAL)
    return np.where(looking, ranges(registrations), np.nan)


def ranges(registrations: pd.DataFrame) -> np.ndarray:
    """How far each registration observes, in metres: range_m, else the default of its sensor type.

    The one place where a missing range is filled in (geo.schema.DEFAULT_RANGE_M).

    >>> ranges(pd.DataFrame({"sensor_type": ["camera", "anpr", "spy"], "range_m": [80.0, np.nan, 0.0]})).tolist()
    [80.0, 30.0, 25.0]
    """
    kind = pd.Series(registrations["sensor_type"].to_numpy(), dtype=object)
    default = kind.map(DEFAULT_RANGE_M).fillna(DEFAULT_RANGE_M["other"]).to_numpy(float)
    rng = pd.to_numeric(registrations["range_m"], errors="coerce").to_numpy(float) \
        if "range_m" in registrations else np.full(len(kind), np.nan)
    return np.where(np.isfinite(rng) & (rng > 0), rng, default)


def views(registrations: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(direction, field of view, directed) per registration: the one place a missing view is filled in.

    A camera or ANPR with a direction looks in it with its field_of_view (default DEFAULT_FIELD_OF_VIEW, at
    most 360); anything else observes all round (direction 0, field of view 360, directed False).

    >>> d, f, k = views(pd.DataFrame({"sensor_type": ["camera", "camera", "air"], "direction": [90.5, np.nan, 10],
    ...                               "field_of_view": [np.nan, 40.0, 40.0]}))
    >>> d.tolist(), f.tolist(), k.tolist()
    ([90.5, 0.0, 0.0], [60.0, 360.0, 360.0], [True, False, False])
    """
    kind = registrations["sensor_type"].to_numpy()
    n = len(kind)
    direction = pd.to_numeric(registrations["direction"], errors="coerce").to_numpy(float) \
        if "direction" in registrations else np.full(n, np.nan)
    directed = np.isin(kind, DIRECTIONAL) & np.isfinite(direction)
    fov = pd.to_numeric(registrations["field_of_view"], errors="coerce").to_numpy(float) \
        if "field_of_view" in registrations else np.full(n, np.nan)
    fov = np.where(np.isfinite(fov) & (fov > 0), np.minimum(fov, 360.0), DEFAULT_FIELD_OF_VIEW)
    return np.where(directed, direction % 360, 0.0), np.where(directed, fov, 360.0), directed


def covers(polygons: np.ndarray, x: float, y: float) -> np.ndarray:
    """Which of `polygons` (RD New) contain the spot (x, y), edges included.

    >>> covers(np.array([cone(0, 0, 0, 60, 50)]), 0, 30)[0], covers(np.array([cone(0, 0, 0, 60, 50)]), 0, -30)[0]
    (np.True_, np.False_)
    """
    return shapely.covers(polygons, shapely.points(x, y))
