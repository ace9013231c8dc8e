"""Benchmark: camera coverage (view cones in RD New, per buurt) for random cameras over the Amsterdam buurten.

Run `python bench/bench_coverage.py [sizes...]`; prints the median of three runs per size (wall and CPU
seconds). Target: under 5 s for 10k cameras. The buurten come from ../shared/realdata (see its
SOURCES.md). Half the cameras are spread over the city, half crowd around the Dam, as real cameras
crowd in city centres; 70 % have a direction (cones of 45-120°), the rest count as full circles.
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import RUNS, amsterdam_buurten, median_seconds
from geo.coverage import coverage
from geo.schema import WGS84

SIZES = (1_000, 10_000)
DAM = (4.8932, 52.3731)


def random_cameras(n: int, buurten: gpd.GeoDataFrame, seed: int = 0) -> gpd.GeoDataFrame:
    """n cameras inside the city: half uniform, half around the Dam (about 1.5 km spread)."""
    rng = np.random.default_rng(seed)
    city = shapely.union_all(buurten.geometry.array)
    shapely.prepare(city)
    minx, miny, maxx, maxy = city.bounds
    lon, lat = np.empty(0), np.empty(0)
    while len(lon) < n:
        half = max(n // 2, 1)
        ux, uy = rng.uniform(minx, maxx, half), rng.uniform(miny, maxy, half)
        cx, cy = rng.normal(DAM[0], 0.02, half), rng.normal(DAM[1], 0.012, half)
        x, y = np.r_[ux, cx], np.r_[uy, cy]
        inside = shapely.contains_xy(city, x, y)
        lon, lat = np.r_[lon, x[inside]], np.r_[lat, y[inside]]
    lon, lat = lon[:n], lat[:n]
    directed = rng.random(n) < 0.7
    return gpd.GeoDataFrame(
        {
            "sensor_type": rng.choice(["camera", "anpr"], n, p=[0.9, 0.1]),
            "direction": np.where(directed, rng.uniform(0, 360, n), np.nan),
            "field_of_view": np.where(directed, rng.uniform(45, 120, n), np.nan),
            "range_m": np.where(rng.random(n) < 0.8, rng.uniform(20, 80, n), np.nan),
        },
        geometry=shapely.points(lon, lat), crs=WGS84,
    )


def main(sizes: tuple[int, ...] = SIZES) -> None:
    buurten = amsterdam_buurten()
    coverage(random_cameras(50, buurten), buurten)  # warm up: pyproj builds its transformers once
    print(f"{len(buurten)} Amsterdam buurten, median of {RUNS} runs")
    print(f"{'cameras':>8} | {'wall s':>7} | {'cpu s':>6} | city-wide share watched")
    for n in sizes:
        cameras = random_cameras(n, buurten)
        result = coverage(cameras, buurten)
        wall, cpu = median_seconds(lambda c=cameras: coverage(c, buurten))
        print(f"{n:>8,} | {wall:>7.2f} | {cpu:>6.2f} | {result.share:.2%}")
    print("target: under 5 s for 10,000 cameras")


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or SIZES)
