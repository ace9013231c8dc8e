"""Imports while another process reads: the reader sees one whole register at a time, never a mix, on both stores."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from geo import store
from geo.neighbourhoods import read_neighbourhoods
from geo.schema import DEMO_NEIGHBOURHOODS
from geo.store import postgis as store_postgis
from tests.conftest import PROJECT_DIR
from tests.unit.test_store import register, version_tables

IMPORTS = 6
# Each read checks that the log line, the registrations and the neighbourhoods are of one import:
# register A (odd versions) has 30 registrations "A…" and all 32 demo buurten, B (even versions)
# 45 registrations "B…" and 12 buurten.
READER = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from geo.store import read_store
    target, stop, expect = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])
    reads, versions, problems = 0, set(), []
    while True:
        stopping = stop.exists()  # one more read after the last import, then stop
        data = read_store(target)
        prefix, n_reg, n_nb, parity = expect[data.source]
        ids = data.registrations["id"].tolist()
        seen = (len(ids), len(data.neighbourhoods), data.version % 2, all(i.startswith(prefix) for i in ids))
        if seen != (n_reg, n_nb, parity, True):
            problems.append({"version": data.version, "source": data.source, "seen": seen})
        reads += 1
        versions.add(data.version)
        if reads == 1:
            print("ready", flush=True)
        if stopping:
            break
    print(json.dumps({"reads": reads, "versions": sorted(versions), "problems": problems[:5]}), flush=True)
""")


def test_a_reader_never_sees_a_partial_register_while_imports_run(target, tmp_path, monkeypatch):
    # A reader that never pauses keeps the cleanup of old PostGIS tables from getting its lock;
    # one try per import keeps the imports quick (the tables go at the end).
    monkeypatch.setattr(store_postgis, "_CLEANUP_TRIES", 1)
    small = tmp_path / "buurten12.geojson"
    read_neighbourhoods(DEMO_NEIGHBOURHOODS).iloc[:12].to_file(small, driver="GeoJSON")
    a = register(tmp_path, 30, name="a.csv", prefix="A")
    b = register(tmp_path, 45, name="b.csv", prefix="B")
    expect = {"a.csv": ["A", 30, 32, 1], "b.csv": ["B", 45, 12, 0]}
    store.import_register(a, DEMO_NEIGHBOURHOODS, store=target)

    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(target), str(stop), json.dumps(expect)],
                              cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "ready", reader.stderr.read()
        for i in range(IMPORTS):
            if i % 2 == 0:
                store.import_register(b, small, store=target)
            else:
                store.import_register(a, DEMO_NEIGHBOURHOODS, store=target)
        stop.touch()
        out, err = reader.communicate(timeout=60)
    finally:
        if reader.poll() is None:
            reader.kill()
    assert reader.returncode == 0, err
    result = json.loads(out.strip().splitlines()[-1])
    assert result["problems"] == []
    assert result["versions"][-1] == IMPORTS + 1
    assert len(result["versions"]) >= 3  # it read while the register changed under it
    if store.is_url(target):
        # The reader kept the cleanup from its lock; with it gone, only the versions kept stay.
        store.open_store(target, keep=2).drop_old_versions()
        kinds = ("neighbourhoods", "registration_facts", "registrations")
        assert version_tables(str(target)) == [f"{kind}_v{v}" for kind in kinds for v in (IMPORTS, IMPORTS + 1)]
    kept = [IMPORTS, IMPORTS + 1] if store.is_url(target) else list(range(1, IMPORTS + 2))
    assert [r.version for r in store.versions(target)] == kept
