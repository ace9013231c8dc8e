"""What changed between two imports (geo.changes, `python -m geo changes`), on both stores.

The PostGIS variant runs when $ZICHTBAAR_TEST_PG is set, as in tests/unit/test_store.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo import store
from geo.changes import between, compare, in_neighbourhood, items, last_import, sentence
from geo.cli import main
from geo.errors import UserFacingError
from geo.schema import DEMO_NEIGHBOURHOODS
from tests.unit.test_store import HEADER, pg_base, postgis_store  # noqa: F401 (pg_base: a fixture used by name)

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


@pytest.fixture(params=["gpkg", "postgis"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | Path]:
    if request.param == "gpkg":
        yield tmp_path / "s.gpkg"
    else:
        with postgis_store(request.getfixturevalue("pg_base")) as url:
            yield url


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
    changes, old = found
    assert changes.as_json() == EXPECTED and old.version == 1
    assert sentence(changes, "nl").startswith("Bij de laatste import (")
    assert last_import(store.read_store(two_imports, version=1)) is None


def test_a_neighbourhood_sees_the_changes_of_what_lies_in_it_in_either_version(two_imports) -> None:
    new = store.read_store(two_imports)
    changes, old = last_import(new)
    here = in_neighbourhood(changes, old, new, "BU99990001").as_json()
    # C2 moved out of Centrum: still told there. Everything else was and is in Centrum.
    assert here == EXPECTED
    codes = set(new.neighbourhoods["code"])
    elsewhere = next(c for c in sorted(codes) if c != "BU99990001" and
                     in_neighbourhood(changes, old, new, c).as_json()["changed"])
    assert in_neighbourhood(changes, old, new, elsewhere).as_json()["changed"] == [{"id": "C2", "fields": ["geometry"]}]


def test_lines_name_the_registration_and_keep_its_text_literal(two_imports) -> None:
    new = store.read_store(two_imports)
    changes, old = last_import(new)
    lines = [line for _, _, line in items(changes, old.registrations, new.registrations, "nl")]
    assert lines[0] == "Nieuw: Nieuwe camera (N1)"
    assert "Weg: Camera nul (C0)" in lines
    assert "Veranderd: Camera drie (C3): eigenaar" in lines


def test_compare_ignores_how_empty_is_spelled() -> None:
    import geopandas as gpd
    from shapely.geometry import Point

    old = gpd.GeoDataFrame({"id": ["A"], "retention": [None], "range_m": [float("nan")]}, geometry=[Point(5, 52)])
    new = gpd.GeoDataFrame({"id": ["A"], "retention": [""], "range_m": [None]}, geometry=[Point(5, 52)])
    assert compare(old, new).empty
