"""What changed between two imports (geo.changes, `python -m geo changes`), on both stores.

The PostGIS variant runs when $ZICHTBAAR_TEST_PG is set, as in tests/unit/test_store.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo import store
from geo.changelog import between, last_import
from geo.changes import compare, in_neighbourhood, items, sentence
from geo.cli import main
from geo.errors import UserFacingError
from geo.feeds import Entry, atom, entries, write_feeds
from geo.schema import DEMO_NEIGHBOURHOODS
from tests.unit.test_store import HEADER

# Two points in the demo neighbourhoods: Centrum (BU99990001) and elsewhere.
CENTRUM = ("52.470710", "5.549679")
ELSEWHERE = ("52.4560", "5.5830")


def row(rid: str, name: str, at: tuple[str, str] = CENTRUM, owner: str = "Gemeente Voorbeeldstad") -> str:
    return (f"{rid},{name},camera,safety,images_identifiable,ja,public_task,{owner},https://a.example/p,"
            f"{at[0]},{at[1]},2024-01-01,Raadsbesluit 1\n")


def write(folder: Path, name: str, rows: list[str]) -> Path:
    path = folder / name
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


@pytest.fixture
def two_imports(target, tmp_path: Path) -> str | Path:
    """Version 1, then version 2: C0 removed, N1 added, C1 renamed, C2 moved, C3 given a new owner, C4 the same."""
    first = [row("C0", "Camera nul"), row("C1", "Camera een"), row("C2", "Camera twee"), row("C3", "Camera drie"),
             row("C4", "Camera vier")]
    second = [row("C1", "Camera één"), row("C2", "Camera twee", at=ELSEWHERE),
              row("C3", "Camera drie", owner="Politie"), row("C4", "Camera vier"), row("N1", "Nieuwe camera")]
    store.import_register(write(tmp_path, "v1.csv", first), DEMO_NEIGHBOURHOODS, store=target)
    store.import_register(write(tmp_path, "v2.csv", second), DEMO_NEIGHBOURHOODS, store=target)
    return target


EXPECTED = {"from": 1, "to": 2, "added": ["N1"], "removed": ["C0"],
            "changed": [{"id": "C1", "fields": ["name"]}, {"id": "C2", "fields": ["geometry"]},
                        {"id": "C3", "fields": ["owner"]}]}


def test_the_last_two_imports_are_compared_by_default(two_imports) -> None:
    assert between(two_imports).as_json() == EXPECTED


def test_a_version_compared_with_itself_has_no_changes(two_imports) -> None:
    assert between(two_imports, 2, 2).empty


def test_comparing_backwards_swaps_added_and_removed(two_imports) -> None:
    back = between(two_imports, 2, 1).as_json()
    assert (back["added"], back["removed"]) == (["C0"], ["N1"])


def test_cli_prints_the_json(two_imports, capsys: pytest.CaptureFixture) -> None:
    assert main(["changes", "--json", "--store", str(two_imports)]) == 0
    assert json.loads(capsys.readouterr().out) == EXPECTED
    assert main(["changes", "--from", "1", "--to", "2", "--store", str(two_imports), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "1 registration was added, 1 was removed and 3 changed" in out
    assert "Changed: Camera één (C1): name" in out


def test_one_import_is_not_enough_to_compare(target, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    store.import_register(write(tmp_path, "v1.csv", [row("C0", "Camera")]), DEMO_NEIGHBOURHOODS, store=target)
    with pytest.raises(UserFacingError):
        between(target)
    assert main(["changes", "--store", str(target)]) == 2
    assert "twee versies" in capsys.readouterr().err


def test_a_version_no_longer_kept_is_a_clear_error(two_imports) -> None:
    with pytest.raises(store.VersionUnavailable):
        between(two_imports, 7, 2)


def test_the_app_sees_what_changed_at_the_import_it_shows(two_imports) -> None:
    data = store.read_store(two_imports)
    found = last_import(data)
    assert found is not None
    assert found.changes.as_json() == EXPECTED
    assert sentence(found.changes, "nl").startswith("Bij de laatste import (")
    assert last_import(store.read_store(two_imports, version=1)) is None


def test_a_neighbourhood_sees_the_changes_of_what_lies_in_it_in_either_version(two_imports) -> None:
    new = store.read_store(two_imports)
    found = last_import(new)
    here = in_neighbourhood(found, "BU99990001").as_json()
    # C2 moved out of Centrum: still told there. Everything else was and is in Centrum.
    assert here == EXPECTED
    codes = set(new.neighbourhoods["code"])
    elsewhere = next(c for c in sorted(codes) if c != "BU99990001" and in_neighbourhood(found, c).as_json()["changed"])
    assert in_neighbourhood(found, elsewhere).as_json()["changed"] == [{"id": "C2", "fields": ["geometry"]}]


def test_lines_name_the_registration_and_keep_its_text_literal(two_imports) -> None:
    new = store.read_store(two_imports)
    old = store.read_store(two_imports, version=1)
    lines = [line for _, _, line in items(between(two_imports), old.registrations, new.registrations, "nl")]
    assert [line for _, _, line in last_import(new).items(lang="nl")] == lines
    assert lines[0] == "Nieuw: Nieuwe camera (N1)"
    assert "Weg: Camera nul (C0)" in lines
    assert "Veranderd: Camera drie (C3): eigenaar" in lines


def test_compare_ignores_how_empty_is_spelled() -> None:
    import geopandas as gpd
    from shapely.geometry import Point

    old = gpd.GeoDataFrame({"id": ["A"], "retention": [None], "range_m": [float("nan")]}, geometry=[Point(5, 52)])
    new = gpd.GeoDataFrame({"id": ["A"], "retention": [""], "range_m": [None]}, geometry=[Point(5, 52)])
    assert compare(old, new).empty


# ---------------------------------------------------------------- the Atom feeds of the same changes


def parse_feed(xml: bytes):
    import feedparser

    feed = feedparser.parse(xml)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_the_registers_feed_is_valid_atom_with_one_entry_per_change(two_imports) -> None:
    found = entries(two_imports, "en")
    feed = parse_feed(atom(found, "en", base="https://z.example"))
    assert feed.feed.title == "Zichtbaar: what changed in the register"
    assert feed.feed.links[0].href == "https://z.example/app/static/feeds/register-en.xml"
    assert sorted(e.title for e in feed.entries) == sorted([
        "New: Nieuwe camera (N1)", "Removed: Camera nul (C0)", "Changed: Camera één (C1): name",
        "Changed: Camera twee (C2): place on the map", "Changed: Camera drie (C3): owner"])
    new = next(e for e in feed.entries if "N1" in e.title)
    assert new.link == "https://z.example/sensor?id=N1&lang=en"
    assert len({e.id for e in feed.entries}) == 5


def test_a_neighbourhoods_feed_holds_only_what_changed_there(two_imports) -> None:
    found = entries(two_imports, "nl")
    centrum = parse_feed(atom(found, "nl", code="BU99990001", name="Centrum"))
    assert centrum.feed.title == "Zichtbaar: wat veranderde in Centrum" and len(centrum.entries) == 5
    moved_to = next(c for e in found if e.id == "C2" for c in e.codes if c != "BU99990001")
    there = parse_feed(atom(found, "nl", code=moved_to))
    assert [e.title for e in there.entries] == ["Veranderd: Camera twee (C2): plaats op de kaart"]
    assert parse_feed(atom(found, "nl", code="BU-NOWHERE")).entries == []


def test_a_store_with_one_import_gives_a_valid_empty_feed(target, tmp_path: Path) -> None:
    store.import_register(write(tmp_path, "v1.csv", [row("C0", "Camera")]), DEMO_NEIGHBOURHOODS, store=target)
    assert parse_feed(atom(entries(target), "nl")).entries == []


def test_register_text_in_a_feed_stays_text() -> None:
    from datetime import UTC, datetime

    line = "Nieuw: <script>alert(1)</script> & co (X)"
    xml = atom([Entry(2, datetime(2026, 12, 3, tzinfo=UTC), "added", "X", line, frozenset())], "nl")
    assert b"<script>" not in xml and b"&lt;script&gt;" in xml
    assert parse_feed(xml).entries[0].title_detail.type == "text/plain"


def test_cli_writes_the_feeds(two_imports, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "feeds" / "centrum.xml"
    assert main(["feed", "--neighbourhood", "bu99990001", "-o", str(out), "--store", str(two_imports),
                 "--base-url", "https://z.example"]) == 0
    assert len(parse_feed(out.read_bytes()).entries) == 5
    assert main(["feed", "--neighbourhood", "<x>", "--store", str(two_imports)]) == 2


def test_the_app_writes_every_feed_in_both_languages(two_imports, tmp_path: Path) -> None:
    data = store.read_store(two_imports)
    codes = dict(zip(data.neighbourhoods["code"], data.neighbourhoods["name"], strict=True))
    paths = write_feeds(tmp_path, entries(two_imports), ("nl", "en"), codes)
    assert len(paths) == 2 * (1 + len(codes))
    assert {p.name for p in paths} >= {"register-nl.xml", "register-en.xml", "buurt-BU99990001-en.xml"}


def test_columns_are_compared_at_once_as_cell_by_cell() -> None:
    """The column-at-a-time comparison (a million rows) says exactly what comparing every cell with _normal says."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    from shapely.geometry import Point

    from geo.changes import _normal, compare

    n = 400
    texts = np.array(["", " ", "a", "a ", "b", None], dtype=object)
    dates = pd.to_datetime(np.array(["2025-01-01", "2025-01-02", None], dtype=object))

    def frame(seed: int) -> gpd.GeoDataFrame:
        r = np.random.default_rng(seed)
        return gpd.GeoDataFrame({
            "id": [f"R{i}" for i in range(n)],
            "name": pd.Series(texts[r.integers(0, len(texts), n)], dtype="str"),
            "owner": texts[r.integers(0, len(texts), n)],
            "personal_data": r.random(n) < 0.5,
            "range_m": np.where(r.random(n) < 0.3, np.nan, r.integers(0, 3, n).astype(float)),
            "active_until": dates[r.integers(0, len(dates), n)],
        }, geometry=[Point(5, 52 + (r.random() < 0.1) * 1e-3) for _ in range(n)], crs="EPSG:4326")

    old, new = frame(1), frame(2)
    found = {c.id: set(c.fields) for c in compare(old, new).changed}
    for k in range(n):
        expected = {col for col in ("name", "owner", "personal_data", "range_m", "active_until")
                    if _normal(new[col].iloc[k]) != _normal(old[col].iloc[k])}
        if not new.geometry.iloc[k].equals_exact(old.geometry.iloc[k], 1e-7):
            expected.add("geometry")
        assert found.get(f"R{k}", set()) == expected, k
