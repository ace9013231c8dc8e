"""What the benchmarks share: the real Amsterdam buurten from ../shared and a median timer."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import geopandas as gpd
import pandas as pd

from geo.schema import PROJECT_DIR

BUURTEN = PROJECT_DIR.parent / "shared" / "realdata" / "amsterdam_buurten_gebieden_api.geojson"
RUNS = 3


def amsterdam_buurten() -> gpd.GeoDataFrame:
    """The 518 Amsterdam buurten as neighbourhoods (code, name, population unknown)."""
    raw = gpd.read_file(BUURTEN)
    return gpd.GeoDataFrame(
        {"code": raw["cbsCode"], "name": raw["naam"], "population": pd.array([pd.NA] * len(raw), "Int64")},
        geometry=raw.geometry, crs=raw.crs,
    )


def median_seconds(task: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of `runs` runs; on a shared machine the CPU time shows the
    cost of the code itself when other processes stretch the wall-clock time."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        task()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)
