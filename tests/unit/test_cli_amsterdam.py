"""The command line for other registers: check and import of Amsterdam's files (several as one, or a forced
format), `export` in every format read back to the same registrations, and `algorithms`."""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo import cli
from geo.amsterdam import EXTENSION
from geo.readers import read_register
from geo.schema import DEMO_NEIGHBOURHOODS, DEMO_REGISTER, FIELDS, Kind
from geo.store import import_log, import_register, read_store
from geo.text import text
from tests.fixtures.algorithms import URLS, write_export
from tests.fixtures.amsterdam import API_EXPECTED, SHEET_EXPECTED, neighbourhoods, write_api_pages, write_sheet_csv


@pytest.fixture
def nb_file(tmp_path: Path) -> Path:
    path = tmp_path / "buurten.geojson"
    neighbourhoods().to_file(path, driver="GeoJSON")
    return path


@pytest.fixture
def amsterdam_store(tmp_path: Path, nb_file: Path) -> Path:
    store = tmp_path / "amsterdam.gpkg"
    pages = write_api_pages(tmp_path)
    assert cli.main(["import", *map(str, pages), "--neighbourhoods", str(nb_file), "--store", str(store)]) == 0
    return store


@pytest.fixture
def demo_store(tmp_path: Path) -> Path:
    store = tmp_path / "demo.gpkg"
    import_register(DEMO_REGISTER, DEMO_NEIGHBOURHOODS, store=store, municipality="Voorbeeldstad")
    return store


def comparable(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """The fields of a register, sorted by id, in plain values that compare across readers and stores."""
    out = {}
    for f in FIELDS:
        col = frame[f.name]
        if f.kind is Kind.DATE:
            out[f.name] = pd.to_datetime(col).dt.strftime("%Y-%m-%d").fillna("").tolist()
        elif f.kind in (Kind.NUMBER, Kind.INTEGER):
            out[f.name] = ["" if math.isnan(v) else round(float(v), 6) for v in col.astype(float)]
        elif f.kind is Kind.BOOL:
            out[f.name] = col.astype(bool).tolist()
        else:
            out[f.name] = col.astype(str).tolist()
    table = pd.DataFrame(out)
    table["geometry"] = list(frame.geometry)
    return table.sort_values("id").reset_index(drop=True)


def assert_same_registrations(got: gpd.GeoDataFrame, expected: gpd.GeoDataFrame) -> None:
    a, b = comparable(got), comparable(expected)
    pd.testing.assert_frame_equal(a.drop(columns="geometry"), b.drop(columns="geometry"))
    # Exports write 7 decimals (about a centimetre): the shapes agree to within that.
    assert all(shapely.hausdorff_distance(x, y) < 1e-6 for x, y in zip(a.geometry, b.geometry, strict=True))


# ---------------------------------------------------------------- check and import


def test_check_reads_several_pages_as_one_register(tmp_path: Path, nb_file: Path, capsys) -> None:
    pages = write_api_pages(tmp_path)
    code = cli.main(["check", *map(str, pages), "--neighbourhoods", str(nb_file), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1  # some devices are rejected
    assert set(report["accepted"]) == set(API_EXPECTED.accepted)
    assert {(p["row"], p["field"], p["code"]) for p in report["rejected"]} == API_EXPECTED.rejected


def test_check_with_a_forced_format(tmp_path: Path, nb_file: Path, capsys) -> None:
    sheet, owner = write_sheet_csv(tmp_path)
    assert cli.main(["check", str(sheet), str(owner), "--format", "amsterdam-sheet", "--neighbourhoods",
                     str(nb_file), "--json"]) == 1
    assert set(json.loads(capsys.readouterr().out)["accepted"]) == set(SHEET_EXPECTED.accepted)


def test_a_forced_format_that_does_not_fit_is_one_sentence(tmp_path: Path, capsys) -> None:
    page = write_api_pages(tmp_path)[0]
    assert cli.main(["check", str(page), "--format", "amsterdam-sheet"]) == 2
    assert "Referentie" in capsys.readouterr().err


def test_import_of_several_files_loads_them_as_one_register(amsterdam_store: Path, capsys) -> None:
    data = read_store(amsterdam_store)
    assert set(data.registrations["id"]) == set(API_EXPECTED.accepted)
    (record,) = import_log(amsterdam_store)
    assert record.file == "devices_page1+1.json"
    assert (record.accepted, record.rejected) == (len(API_EXPECTED.accepted), len(API_EXPECTED.rejected))
    assert record.warnings == len(API_EXPECTED.warnings)  # the missing page too


def test_import_of_the_bulk_sheet_and_its_owner_file(tmp_path: Path, nb_file: Path, capsys) -> None:
    store = tmp_path / "sheet.gpkg"
    files = write_sheet_csv(tmp_path)
    assert cli.main(["import", *map(str, files), "--neighbourhoods", str(nb_file), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "'" + str(files[1]) + "'" in out  # the command to see the rejected rows quotes the name with a space
    assert set(read_store(store).registrations["id"]) == set(SHEET_EXPECTED.accepted)


# ---------------------------------------------------------------- export, and back


@pytest.mark.parametrize("fmt", ["geojson", "csv", "amsterdam-api"])
@pytest.mark.parametrize("which", ["demo", "amsterdam"])
def test_an_export_read_back_gives_the_same_registrations(request, tmp_path: Path, fmt: str, which: str,
                                                          capsys) -> None:
    store = request.getfixturevalue(f"{which}_store")
    out = tmp_path / f"export.{fmt}"
    assert cli.main(["export", "--format", fmt, "-o", str(out), "--store", str(store)]) == 0
    data = read_store(store)
    said = text("cli.export.done", "en", n=len(data.registrations), file=str(out), format=fmt)
    assert said in capsys.readouterr().out
    back = read_register(out, data.neighbourhoods)
    assert back.rejected == []
    assert_same_registrations(back.accepted, data.registrations)


def test_amsterdams_own_fields_carry_what_it_gave_without_our_extension(tmp_path: Path,
                                                                        amsterdam_store: Path) -> None:
    """Another system reads only Amsterdam's fields: for what came from Amsterdam, they say all it said."""
    out = tmp_path / "devices.json"
    assert cli.main(["export", "--format", "amsterdam-api", "-o", str(out), "--store", str(amsterdam_store)]) == 0
    page = json.loads(out.read_text(encoding="utf-8"))
    for device in page["results"]:
        assert set(device.pop(EXTENSION)) == {"version", "registration", "geometry"}
    out.write_text(json.dumps(page), encoding="utf-8")
    data = read_store(amsterdam_store)
    back = read_register(out, data.neighbourhoods)
    assert_same_registrations(back.accepted, data.registrations)
    scan = next(d for d in page["results"] if d["reference"] == "SCAN-1")
    assert (scan["location"], scan["regions"]) == (None, ["Stadsdeel Centrum"])


def test_export_of_our_own_register_speaks_amsterdams_words(tmp_path: Path, demo_store: Path) -> None:
    out = tmp_path / "devices.json"
    assert cli.main(["export", "--format", "amsterdam-api", "-o", str(out), "--store", str(demo_store)]) == 0
    page = json.loads(out.read_text(encoding="utf-8"))
    assert page["count"] == len(page["results"]) == len(read_store(demo_store).registrations)
    types = {d["type"] for d in page["results"]}
    assert "Optische / camera sensor" in types and types <= {
        "Optische / camera sensor", "Geluidsensor", "Chemiesensor", "Klimaatsensor", "Aanwezigheid of nabijheidsensor",
        "Vloeistof- en gasstroomsensor", "Electriciteitssensor", "Positie- of verplaatsingsensor", "Overig"}


def test_export_of_a_store_that_does_not_exist_is_one_sentence(tmp_path: Path, capsys) -> None:
    assert cli.main(["export", "--format", "csv", "-o", str(tmp_path / "x.csv"),
                     "--store", str(tmp_path / "none.gpkg")]) == 2
    assert capsys.readouterr().err.strip()


# ---------------------------------------------------------------- algorithms


def test_algorithms_are_kept_with_the_register_and_the_links_counted(tmp_path: Path, amsterdam_store: Path,
                                                                     capsys) -> None:
    export = write_export(tmp_path)
    assert cli.main(["algorithms", str(export), "--store", str(amsterdam_store), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "4 algorithms read from algoritmeregister.csv: 2 in use, 1 in development, 1 out of use." in out
    assert "rows without a name or code: 6; rows with a code that came before: 7" in out
    saved = tmp_path / "amsterdam.algoritmeregister.csv"
    assert f"Kept with the register: {saved}" in out
    # The Amsterdam fixture's ANPR cameras, counters and smart cameras with personal data have no link.
    assert "Without a link where one is needed: 4." in out
    assert URLS["12345678"] in saved.read_text(encoding="utf-8")


def test_an_unusable_algorithm_export_is_one_sentence_and_saves_nothing(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    assert cli.main(["algorithms", str(bad), "--store", str(tmp_path / "s.gpkg")]) == 2
    assert "lars" in capsys.readouterr().err
    assert not (tmp_path / "s.algoritmeregister.csv").exists()
