"""Benchmark: a register of Amsterdam's Sensorenregister API, 10,000 devices in 10 pages, checked and imported.

Run `python bench/bench_amsterdam.py [devices] [pages]` (default 10,000 in 10). It writes the pages into a temporary
folder, built from the API's field list: every type and theme of geo.crosswalk's tables, 3 % mobile devices without
a location (the area of their stadsdeel), free-text legal grounds, a few duplicate references, and owners sharing
references. The neighbourhoods are the 518 real Amsterdam buurten from ../shared/realdata (else the four small ones
of the tests). Then it times, as `python -m geo` does them:

check    read_registers of the 10 pages with the buurten: reading, mapping and validating (`geo check`)
import   `geo import` of the 10 pages into a new GeoPackage store: the same, plus bundling the pages into one
         file and writing the store
export   `geo export --format amsterdam-api` of that store (reading it, writing one page)

It prints wall-clock and CPU seconds, the median of 3 runs; no test asserts them.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BUURTEN, median_seconds
from geo import cli, crosswalk
from geo.neighbourhoods import read_neighbourhoods
from geo.readers import read_registers

DEVICES, PAGES = 10_000, 10
GROUNDS = ["Taak van algemeen belang / openbaar gezag", "Verkeersmanagement in de rol van wegbeheerder",
           "Gerechtvaardigd belang", "AVG art. 6 lid 1 sub e", ""]
OWNERS = [{"name": "Medewerker", "email": f"sensoren{i}@organisatie{i}.example", "organisation": org}
          for i, org in enumerate(["Gemeente Amsterdam", "Waternet", "GVB", "Rijkswaterstaat", "Vervoerregio"])]


def devices(n: int, buurten_path: Path, seed: int = 0) -> list[dict]:
    """n devices of the API, points inside the buurten; every 33rd without a location but with a stadsdeel."""
    rng = np.random.default_rng(seed)
    nb = read_neighbourhoods(buurten_path)
    city = shapely.union_all(nb.geometry.array)
    shapely.prepare(city)
    minx, miny, maxx, maxy = city.bounds
    lon, lat = np.empty(0), np.empty(0)
    while len(lon) < n:
        x, y = rng.uniform(minx, maxx, n), rng.uniform(miny, maxy, n)
        inside = shapely.contains_xy(city, x, y)
        lon, lat = np.r_[lon, x[inside]], np.r_[lat, y[inside]]
    types = [r.source for r in crosswalk.SENSOR_TYPES]
    themes = [r.source for r in crosswalk.THEMES]
    districts = [f"Stadsdeel {r.source}" for r in crosswalk.REGIONS if r.stadsdeel not in ("*", "B")]
    out = []
    for i in range(n):
        mobile = i % 33 == 0
        owner = OWNERS[i % len(OWNERS)]
        out.append({
            "id": 100_000 + i,
            # Every 500th reference repeats an earlier one of the same owner; small numbers recur across owners.
            "reference": f"R{i - 5:06d}" if i % 500 == 499 else (str(i % 50) if i % 97 == 0 else f"R{i:06d}"),
            "type": types[i % len(types)],
            "location": None if mobile else {"latitude": round(float(lat[i]), 7), "longitude": round(float(lon[i]), 7)},
            "location_description": f"Bij lantaarnpaal {i}",
            "datastream": ["Aantal passanten", "Kentekens", "Geluidsniveau", "Fijnstof", "Wifi-signalen"][i % 5],
            "themes": [themes[i % len(themes)], themes[(i * 7) % len(themes)]],
            "contains_pi_data": bool(i % 3 == 0),
            "observation_goals": [{"observation_goal": "Meten voor beleid", "legal_ground": GROUNDS[i % len(GROUNDS)],
                                   "privacy_declaration": "https://www.amsterdam.nl/privacy" if i % 3 == 0 else ""}],
            "owner": owner,
            "regions": [districts[i % len(districts)]] if mobile else [],
            "project_paths": [["Programma", f"Project {i % 20}"]],
            "active_until": "2050-01-01" if i % 10 else "2024-12-31",
        })
    return out


def write_pages(folder: Path, items: list[dict], pages: int) -> list[Path]:
    size = -(-len(items) // pages)
    paths = []
    for p in range(pages):
        doc = {"count": len(items), "_links": {"next": {"href": f"?page={p + 2}" if p + 1 < pages else None}},
               "results": items[p * size:(p + 1) * size]}
        path = folder / f"devices_page{p + 1:02d}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def quiet(argv: list[str]) -> None:
    with redirect_stdout(io.StringIO()):
        if cli.main(argv) != 0:
            raise SystemExit(f"python -m geo {' '.join(argv)} failed")


def main(n: int = DEVICES, pages: int = PAGES) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        buurten = BUURTEN
        if not buurten.is_file():
            from tests.fixtures.amsterdam import neighbourhoods

            buurten = folder / "buurten.geojson"
            neighbourhoods().to_file(buurten, driver="GeoJSON")
        paths = write_pages(folder, devices(n, buurten), pages)
        nb = read_neighbourhoods(buurten)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
        print(f"{n:,} Amsterdam API devices in {pages} pages ({megabytes:.1f} MB JSON), {len(nb)} buurten; "
              f"seconds on {os.cpu_count()} cores, load average {load}; median of 3 runs")
        report = read_registers(paths, nb)
        print(f"  read: {report.rows:,} devices, {len(report.accepted):,} accepted, {len(report.rejected_rows):,} "
              f"rejected, {len(report.warnings):,} warnings")
        store = folder / "register.gpkg"
        timings = {
            "check": median_seconds(lambda: read_registers(paths, nb)),
            "import": median_seconds(lambda: quiet(["import", *map(str, paths), "--neighbourhoods", str(buurten),
                                                    "--store", str(store)])),
            "export": median_seconds(lambda: quiet(["export", "--format", "amsterdam-api", "-o",
                                                    str(folder / "out.json"), "--store", str(store)])),
        }
        for name, (wall, cpu) in timings.items():
            print(f"  {name:<7} {wall:6.2f} s wall  {cpu:6.2f} s CPU")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
