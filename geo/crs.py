"""Coordinate reference systems: RD New for measuring, WGS84 at the Leaflet boundary."""

from __future__ import annotations

from functools import cache

import numpy as np
from pyproj import Transformer

from geo.schema import RD_NEW, WGS84

#: A generous box around the European Netherlands, in WGS84 and in RD New.
NL_LAT = (50.70, 53.60)
NL_LON = (3.30, 7.30)
RD_X = (0.0, 300_000.0)
RD_Y = (289_000.0, 629_000.0)


@cache
def _transformer(src: str, dst: str) -> Transformer:
    return Transformer.from_crs(src, dst, always_xy=True)


def rd_to_wgs84(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """RD New x/y (metres) to WGS84 lon/lat (degrees), vectorised."""
    return _transformer(RD_NEW, WGS84).transform(np.asarray(x, float), np.asarray(y, float))


def wgs84_to_rd(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 lon/lat (degrees) to RD New x/y (metres), vectorised."""
    return _transformer(WGS84, RD_NEW).transform(np.asarray(lon, float), np.asarray(lat, float))


def in_nl(lat: float, lon: float) -> bool:
    """Whether a WGS84 point lies in the box around the European Netherlands.

    >>> in_nl(52.37, 4.90), in_nl(47.37, 8.54)
    (True, False)
    """
    return NL_LAT[0] <= lat <= NL_LAT[1] and NL_LON[0] <= lon <= NL_LON[1]


def looks_like_rd(a: float, b: float) -> bool:
    """Whether two numbers look like RD New x and y (in either order)."""
    return any(RD_X[0] < p <= RD_X[1] and RD_Y[0] <= q <= RD_Y[1] for p, q in ((a, b), (b, a)))
