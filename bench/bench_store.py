"""Benchmark: import, read, summary and radius query of a large register on GeoPackage and on PostGIS.

Run `python bench/bench_store.py [n]` (default 500,000 registrations, 3 % areas, in the 518 Amsterdam
buurten from ../shared/realdata). PostGIS is used when $ZICHTBAAR_TEST_PG (or $ZICHTBAAR_BENCH_PG) holds
a postgresql:// URL, e.g. from `bash .ci/postgis.sh`; the benchmark works in a schema of its own and
drops it afterwards. Prints wall-clock seconds; no test asserts them.

import       python -m geo import of a CSV: reading + validating the file, then writing the store
  write      of that, writing the store alone (GeoPackage: a new file and a rename; PostGIS: COPY in one
             transaction)
read         read_store: the whole register as a Dataset, what the app caches once per version
summary      read_store + geo.summary.summarise in memory
  store      geo.store.summarise: read, plus the neighbourhood join done by the store (PostGIS: in SQL)
join         geo.store.neighbourhood_pairs of the loaded Dataset: what the app asks once per version for its
             summaries (PostGIS: in SQL; GeoPackage: in memory on the Dataset's RD New geometries)
radius       geo.store.registrations_within 250 m, median of 20 spots (PostGIS: ST_DWithin on GiST;
             GeoPackage, 3 spots: it reads the register first)
near-me      geo.store.nearby of the loaded Dataset, 250 m, cameras looking from farther included: what the app
             asks on every click, median of 20 spots (PostGIS: the database finds the candidates; GeoPackage:
             in memory, after one first call that works out the Dataset's RD New geometries, `rd once`)
  in memory  geo.nearby.nearby of the whole loaded register, its RD New geometries kept: what the app asked
             before the store answered near-me
version      geo.store.current_version, median of 50 calls: asked on every page run
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_join_summary import random_registrations

from bench.common import BUURTEN, amsterdam_buurten
from geo import store
from geo.nearby import nearby
from geo.summary import summarise
from geo.viewstate import Spot

N = 500_000


def write_register_csv(path: Path, n: int) -> Path:
    """A register CSV of n random registrations: lat/lon for points, wkt for the areas."""
    reg = random_registrations(n, amsterdam_buurten())
    out = pd.DataFrame(reg.drop(columns=["geometry", "row"]))
    for column in ("active_from", "active_until", "last_checked"):
        out[column] = out[column].dt.strftime("%Y-%m-%d").fillna("")
    out["name"] = [f"Sensor {i}" for i in range(n)]
    out["owner"] = "Gemeente Amsterdam"
    out["privacy_statement_url"] = "https://www.amsterdam.nl/privacy"
    geoms = np.asarray(reg.geometry.array)
    point = shapely.get_type_id(geoms) == 0
    out["lat"] = np.where(point, shapely.get_y(geoms), np.nan)
    out["lon"] = np.where(point, shapely.get_x(geoms), np.nan)
    out["wkt"] = np.where(point, "", shapely.to_wkt(geoms, rounding_precision=7))
    out.to_csv(path, index=False)
    return path


def seconds(task: Callable[[], object]) -> float:
    start = time.perf_counter()
    task()
    return time.perf_counter() - start


def median_seconds(task: Callable[[], object], runs: int) -> float:
    return statistics.median(seconds(task) for _ in range(runs))


def run(name: str, target: str, csv: Path, spots: list[tuple[float, float]]) -> dict[str, float]:
    times: dict[str, float] = {}
    result: dict[str, object] = {}
    times["import"] = seconds(lambda: result.setdefault("import", store.import_register(
        csv, BUURTEN, store=target, municipality="Amsterdam")))
    report, _ = result["import"]
    if report.accepted_rows < 0.9 * (report.accepted_rows + report.rejected_rows):
        raise SystemExit(f"{name}: only {report.accepted_rows:,} rows accepted; fix the benchmark's register")
    backend = store.open_store(target)
    nb = backend.neighbourhoods()
    record = store.import_log(target)[-1]
    accepted = store.read_store(target).registrations
    times["write"] = seconds(lambda: backend.replace(accepted, nb, record))
    times["read"] = seconds(lambda: result.update(data=store.read_store(target)))
    data = result["data"]
    times["summary"] = seconds(lambda: summarise(store.read_store(target).registrations, data.neighbourhoods))
    times["store summary"] = seconds(lambda: store.summarise(target))
    times["join"] = seconds(lambda: store.neighbourhood_pairs(data))
    # A GeoPackage reads the whole register for each query: three spots say enough there.
    tried = spots if store.is_url(target) else spots[:3]
    times["radius"] = statistics.median(seconds(lambda s=s: store.registrations_within(*s, 250, target))
                                        for s in tried)
    fresh = store.read_store(target)  # its RD New geometries not yet worked out
    times["rd once"] = seconds(lambda: store.nearby(fresh, Spot(*spots[0]), 250))
    times["near-me"] = statistics.median(seconds(lambda s=s: store.nearby(fresh, Spot(*s), 250)) for s in spots)
    times["in memory"] = statistics.median(seconds(lambda s=s: nearby(fresh.registrations, Spot(*s), 250,
                                                                      rd_geometries=fresh.rd)) for s in spots)
    times["version"] = median_seconds(lambda: store.current_version(target), 50)
    print(f"{name:<10} {report.accepted_rows:,} accepted  " + "  ".join(f"{k} {v:7.3f}" for k, v in times.items()),
          flush=True)
    return times


def main(n: int = N) -> None:
    url = os.environ.get("ZICHTBAAR_BENCH_PG") or os.environ.get("ZICHTBAAR_TEST_PG")
    with tempfile.TemporaryDirectory() as tmp:
        csv = write_register_csv(Path(tmp) / "register.csv", n)
        rng = np.random.default_rng(1)
        spots = list(zip(rng.uniform(52.33, 52.40, 20), rng.uniform(4.85, 4.95, 20), strict=True))
        load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
        print(f"{n:,} registrations ({csv.stat().st_size / 1e6:.0f} MB CSV), 518 buurten; wall-clock seconds "
              f"on {os.cpu_count()} cores, load average {load}")
        run("GeoPackage", str(Path(tmp) / "register.gpkg"), csv, spots)
        if not url:
            print("PostGIS skipped: set ZICHTBAAR_TEST_PG to a postgresql:// URL (bash .ci/postgis.sh)")
            return
        import psycopg

        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        try:
            sep = "&" if "?" in url else "?"
            run("PostGIS", f"{url}{sep}options=-csearch_path%3D{schema},public", csv, spots)
        finally:
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    head, rest = __doc__.split("\n\n", 1)
    parser = argparse.ArgumentParser(description=head, epilog=rest,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", nargs="?", type=int, default=N, help=f"registrations (default {N:,})")
    main(parser.parse_args().n)
