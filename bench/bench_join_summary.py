"""Benchmark: joining random registrations to the 518 Amsterdam buurten and summarising them.

Run `python bench/bench_join_summary.py [sizes...]`; prints the median of three runs per size. The
buurten come from ../shared/realdata (see its SOURCES.md), read with geopandas directly.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import RUNS, amsterdam_buurten, median_seconds
from geo.codes import codes
from geo.join import assign_neighbourhood, join
from geo.schema import COLUMNS, WGS84
from geo.summary import city_summary, summarise

SIZES = (10_000, 100_000, 500_000)
AREA_SHARE = 0.03  # mobile sensors with a polygon
OUTSIDE_SHARE = 0.01


def random_registrations(n: int, buurten: gpd.GeoDataFrame, seed: int = 0) -> gpd.GeoDataFrame:
    """n registrations with every column, points inside the city (a few outside) and some areas."""
    rng = np.random.default_rng(seed)
    city = shapely.union_all(buurten.geometry.array)
    shapely.prepare(city)
    minx, miny, maxx, maxy = city.bounds
    n_outside = int(n * OUTSIDE_SHARE)
    lon, lat = np.empty(0), np.empty(0)
    while len(lon) < n - n_outside:
        x, y = rng.uniform(minx, maxx, n), rng.uniform(miny, maxy, n)
        inside = shapely.contains_xy(city, x, y)
        lon, lat = np.r_[lon, x[inside]], np.r_[lat, y[inside]]
    lon = np.r_[lon[: n - n_outside], rng.uniform(maxx + 0.01, maxx + 0.1, n_outside)]
    lat = np.r_[lat[: n - n_outside], rng.uniform(miny, maxy, n_outside)]
    geometry = shapely.points(lon, lat)
    n_area = int(n * AREA_SHARE)
    areas = rng.choice(n, n_area, replace=False)
    geometry[areas] = shapely.box(lon[areas], lat[areas], lon[areas] + rng.uniform(0.0015, 0.02, n_area),
                                  lat[areas] + rng.uniform(0.001, 0.013, n_area))

    purposes, data_types = codes("purpose"), codes("data_types")
    # A register repeats a few dozen list cells; draw from such a pool.
    purpose_pool = purposes + [f"{a}|{b}" for a, b in rng.choice(purposes, (40, 2))]
    data_pool = data_types + [f"{a}|{b}" for a, b in rng.choice(data_types, (30, 2))]
    personal = rng.random(n) < 0.4
    frame = pd.DataFrame({c: [""] * n for c in COLUMNS})
    frame["id"] = [f"R{i:07d}" for i in range(n)]
    frame["sensor_type"] = rng.choice(codes("sensor_type"), n)
    frame["purpose"] = rng.choice(purpose_pool, n)
    frame["data_types"] = rng.choice(data_pool, n)
    frame["personal_data"] = personal
    frame["legal_basis"] = np.where(personal, "public_task", "none")
    frame["biometric"] = rng.random(n) < 0.005
    frame["council_decision"] = np.where(rng.random(n) < 0.5, "Raadsbesluit 2024/17", "")
    frame["status"] = rng.choice(["active", "planned", "inactive"], n, p=[0.9, 0.05, 0.05])
    frame["active_from"] = pd.NaT
    frame["active_until"] = pd.to_datetime(np.where(rng.random(n) < 0.1, "2024-06-30", None))
    frame["last_checked"] = pd.NaT
    for column in ("retention_days", "direction", "field_of_view", "range_m"):
        frame[column] = np.nan
    frame["row"] = np.arange(2, n + 2)
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=WGS84)


def main(sizes: tuple[int, ...] = SIZES) -> None:
    buurten = amsterdam_buurten()
    today = date(2025, 1, 1)
    join(random_registrations(100, buurten), buurten)  # warm up: pyproj builds its transformers once
    print(f"{len(buurten)} buurten, {AREA_SHARE:.0%} areas, median of {RUNS} runs, seconds (wall / cpu)")
    columns = ("registrations", "join", "summarise", "city_summary", "assign")
    print(" | ".join(f"{c:>13}" for c in columns))
    print("-+-".join("-" * 13 for _ in columns))
    for n in sizes:
        registrations = random_registrations(n, buurten)
        timings = [
            median_seconds(lambda r=registrations: join(r, buurten)),
            median_seconds(lambda r=registrations: summarise(r, buurten, today)),
            median_seconds(lambda r=registrations: city_summary(r, buurten, today)),
            median_seconds(lambda r=registrations: assign_neighbourhood(r, buurten)),
        ]
        print(" | ".join([f"{n:>13,}", *(f"{w:>6.2f} /{c:>5.2f}" for w, c in timings)]))
    print("summarise includes its own join.")


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or SIZES)
