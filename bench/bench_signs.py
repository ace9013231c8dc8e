"""Benchmark: signs for a whole register, and an Atom feed of 10,000 changes.

Run `python bench/bench_signs.py [--signs N] [--changes N]`. Prints wall-clock and CPU seconds; no test
asserts them.

sign --all   geo.signs.write_signs, what `python -m geo sign --all` does once the register is read: the demo
             register (1,965 registrations; `--signs N` for the first N),
             one A6 PDF each; per sign as well
board        `python -m geo board` of the first demo neighbourhood (Centrum, 214 registrations)
compare      geo.changes.compare of two registers of N registrations, a third added, removed or changed
feed         geo.feeds.atom of those N changes (entries_of + the XML), and feedparser reading it back
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.changes import compare
from geo.dataset import load_demo
from geo.facts import neighbourhood_facts
from geo.feeds import MAX_ENTRIES, atom, entries_of
from geo.signs import board_pdf, write_signs


def timed(task) -> tuple[float, float, object]:
    start, start_cpu = time.perf_counter(), time.process_time()
    result = task()
    return time.perf_counter() - start, time.process_time() - start_cpu, result


def registers(n: int) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Two registers of `n` registrations (the demo's rows repeated under new ids): from the first to the second
    a third is removed, a third added, and a third of the rest renamed or moved."""
    demo = load_demo().registrations
    rows = demo.iloc[np.arange(n) % len(demo)].reset_index(drop=True)
    old = rows.assign(id=[f"R{i:06d}" for i in range(n)])
    third = n // 3
    kept = old.iloc[third:].copy()
    kept.loc[kept.index[:third // 2], "name"] = kept["name"].iloc[:third // 2] + " (nieuw)"
    kept.loc[kept.index[third // 2:third], "owner"] = "Andere eigenaar"
    added = rows.iloc[:third].assign(id=[f"N{i:06d}" for i in range(third)])
    new = gpd.GeoDataFrame(pd.concat([kept, added], ignore_index=True), crs=demo.crs)
    return gpd.GeoDataFrame(old, crs=demo.crs), new


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--signs", type=int, default=0, help="only the first N registrations (default: all)")
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=1, help="processes for the signs (python -m geo sign --jobs)")
    args = parser.parse_args()

    data = load_demo()
    reg = data.registrations if not args.signs else data.registrations.head(args.signs)
    with tempfile.TemporaryDirectory(prefix="zichtbaar-signs-") as folder:
        wall, cpu, paths = timed(lambda: write_signs(reg, folder, "nl", jobs=args.jobs))
    print(f"sign --all   {len(paths):>6} signs, {args.jobs} job(s) {wall:8.1f} s wall  {cpu:8.1f} s cpu "
          f"(this process)  {wall / max(1, len(paths)) * 1000:6.0f} ms per sign")

    facts = neighbourhood_facts(data, data.neighbourhoods["code"].iloc[0])
    wall, cpu, _ = timed(lambda: board_pdf(facts, "nl"))
    print(f"board        {len(facts.registrations):>6} registrations {wall:6.2f} s wall  {cpu:6.2f} s cpu")

    old, new = registers(args.changes)
    wall, cpu, changes = timed(lambda: compare(old, new, 1, 2))
    n = len(changes.added) + len(changes.removed) + len(changes.changed)
    print(f"compare      {n:>6} changes  {wall:8.2f} s wall  {cpu:8.2f} s cpu")
    wall, cpu, found = timed(lambda: entries_of(changes, old, new, "nl"))
    print(f"  entries    {len(found):>6} entries  {wall:8.2f} s wall  {cpu:8.2f} s cpu")
    wall, cpu, xml = timed(lambda: atom(found, "nl", limit=len(found)))
    print(f"feed         {len(found):>6} entries  {wall:8.2f} s wall  {cpu:8.2f} s cpu   {len(xml) / 1e6:5.1f} MB "
          f"(the app's feeds hold the newest {MAX_ENTRIES})")
    import feedparser

    wall, cpu, parsed = timed(lambda: feedparser.parse(xml))
    print(f"  read back  {len(parsed.entries):>6} entries  {wall:8.2f} s wall  {cpu:8.2f} s cpu  (feedparser)")


if __name__ == "__main__":
    main()
