"""Imports in chunks (issue 17): a register read, validated and written a chunk at a time gives exactly what one
read gives, cross-row rules hold across chunks, and a failure in the last chunk still leaves the old store as it was.

The chunks are made small (`chunk_rows`, geo.readers.CHUNK_ROWS) so that a small file spans several. PostGIS
runs only when $ZICHTBAAR_TEST_PG is set, as in test_store.py.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd
import pytest

from geo import cli, readers, store
from geo.errors import RegisterReadError, UserFacingError
from geo.neighbourhoods import read_neighbourhoods
from geo.schema import DEMO_NEIGHBOURHOODS, DEMO_REGISTER
from tests.fixtures.hostile import write_hostile_register
from tests.unit.test_store import frames_equal, register


@pytest.fixture(autouse=True)
def in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks validated here: worker processes are tested on their own (they take a second to start)."""
    monkeypatch.setattr(readers, "IMPORT_WORKERS", 1)


def chunked(path: Path, chunk_rows: int, workers: int | None = None) -> tuple[readers.ImportReport, pd.DataFrame]:
    report = readers.read_register_chunks(path, read_neighbourhoods(DEMO_NEIGHBOURHOODS), chunk_rows=chunk_rows,
                                          workers=workers)
    frames = list(report.accepted)
    return report, pd.concat(frames, ignore_index=True)


def as_dicts(problems: list) -> list[dict]:
    return [p.as_dict() for p in problems]


@pytest.mark.parametrize(("delimiter", "encoding"), [(";", "utf-8"), (",", "utf-8-sig"), (",", "cp1252")])
def test_a_register_read_in_chunks_gives_what_one_read_gives(tmp_path, delimiter, encoding):
    path = write_hostile_register(tmp_path, delimiter, encoding)
    whole = readers.read_register(path, read_neighbourhoods(DEMO_NEIGHBOURHOODS))
    report, accepted = chunked(path, chunk_rows=3)
    frames_equal(accepted, whole.accepted)
    assert as_dicts(report.rejected) == as_dicts(whole.rejected)
    assert as_dicts(report.warnings) == as_dicts(whole.warnings)
    assert (report.rows, report.accepted_rows, report.rejected_rows) == (
        whole.rows, len(whole.accepted), len(whole.rejected_rows))
    assert (report.warning_count, report.more_warnings, report.more_rejected) == (len(whole.warnings), 0, 0)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one CPU: chunks are validated in this process")
def test_chunks_validated_by_worker_processes_give_what_one_read_gives(tmp_path):
    text = write_hostile_register(tmp_path).read_bytes().decode("utf-8")
    head, _, body = text.partition("\r\n")
    closed = body[: body.rindex("\r\n", 0, body.rindex('"Deze uitleg')) + 2]  # without the unclosed quote's row
    doubled = tmp_path / "doubled.csv"  # the register twice: every id of the second half is a duplicate
    doubled.write_text(head + "\r\n" + closed + body, encoding="utf-8", newline="")
    whole = readers.read_register(doubled, read_neighbourhoods(DEMO_NEIGHBOURHOODS))
    report, accepted = chunked(doubled, chunk_rows=7, workers=2)
    frames_equal(accepted, whole.accepted)
    assert as_dicts(report.rejected) == as_dicts(whole.rejected)
    assert as_dicts(report.warnings) == as_dicts(whole.warnings)
    assert any(p.code == "duplicate_id" for p in report.rejected)
    assert (report.rows, report.rejected_rows) == (whole.rows, len(whole.rejected_rows))


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one CPU: chunks are validated in this process")
def test_a_csv_that_breaks_while_workers_validate_stops_the_import_and_them(tmp_path):
    path = register(tmp_path, 6)
    with path.open("a", encoding="utf-8") as f:
        f.write("X1," + "x" * 200_000 + "\n")
    report = readers.read_register_chunks(path, read_neighbourhoods(DEMO_NEIGHBOURHOODS), chunk_rows=2, workers=2)
    with pytest.raises(RegisterReadError) as err:
        list(report.accepted)
    assert err.value.key == "error.register.csv_broken"


def test_the_demo_register_in_chunks_is_stored_as_in_one(tmp_path):
    one, many = tmp_path / "one.gpkg", tmp_path / "many.gpkg"
    _, record_one = store.import_register(DEMO_REGISTER, DEMO_NEIGHBOURHOODS, store=one)
    _, record_many = store.import_register(DEMO_REGISTER, DEMO_NEIGHBOURHOODS, store=many, chunk_rows=300)
    frames_equal(store.read_store(many).registrations, store.read_store(one).registrations)
    assert (record_many.accepted, record_many.rejected, record_many.warnings) == (
        record_one.accepted, record_one.rejected, record_one.warnings)


def test_chunks_in_a_store_are_read_back_in_order(target, tmp_path):
    store.import_register(register(tmp_path, 7), DEMO_NEIGHBOURHOODS, store=target, chunk_rows=2)
    reg = store.read_store(target).registrations
    assert list(reg["id"]) == [f"C{i}" for i in range(7)]
    assert list(reg["row"]) == list(range(2, 9))


def test_an_id_seen_in_an_earlier_chunk_is_rejected(tmp_path):
    path = register(tmp_path, 5)
    with path.open("a", encoding="utf-8") as f:
        f.write(path.read_text(encoding="utf-8").splitlines()[1] + "\n")  # C0 again, as row 7
    report, accepted = chunked(path, chunk_rows=2)
    assert [(p.row, p.id, p.code) for p in report.rejected] == [(7, "C0", "duplicate_id")]
    assert list(accepted["id"]) == [f"C{i}" for i in range(5)]


def test_strict_refuses_a_rejected_row_in_the_last_chunk_and_keeps_the_old_store(target, tmp_path):
    store.import_register(register(tmp_path, 3), DEMO_NEIGHBOURHOODS, store=target)
    before = store.read_store(target)
    with pytest.raises(UserFacingError) as err:
        store.import_register(register(tmp_path, 9, bad=1, name="r2.csv"), store=target, strict=True, chunk_rows=2)
    assert err.value.key == "error.store.strict"
    frames_equal(store.read_store(target).registrations, before.registrations)
    assert store.current_version(target) == 1
    if not store.is_url(target):
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp.gpkg")) == []
        assert [p.name for p in (tmp_path / "s.gpkg.versions").glob("v*.gpkg")] == ["v1.gpkg"]


def test_a_csv_that_breaks_in_a_later_chunk_leaves_the_old_store(target, tmp_path):
    store.import_register(register(tmp_path, 3), DEMO_NEIGHBOURHOODS, store=target)
    before = store.read_store(target)
    path = register(tmp_path, 6, name="r2.csv")
    with path.open("a", encoding="utf-8") as f:
        f.write("X1," + "x" * 200_000 + "\n")  # more than csv's field limit: the file cannot be read on
    with pytest.raises(RegisterReadError):
        store.import_register(path, store=target, chunk_rows=2)
    frames_equal(store.read_store(target).registrations, before.registrations)
    assert store.current_version(target) == 1
    if not store.is_url(target):
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp.gpkg")]


def test_a_csv_on_disk_may_be_larger_than_an_upload(tmp_path, monkeypatch):
    path = register(tmp_path, 4)
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 100)
    with pytest.raises(RegisterReadError) as err:
        readers.read_register(path.read_bytes(), filename="reg.csv")
    assert err.value.key == "error.register.too_big"
    _, record = store.import_register(path, DEMO_NEIGHBOURHOODS, store=tmp_path / "s.gpkg")
    assert record.accepted == 4


def test_amsterdams_sheet_as_csv_is_still_read_as_amsterdams(tmp_path):
    from tests.fixtures.amsterdam import write_sheet_csv

    (only,) = write_sheet_csv(tmp_path, with_owner=False)
    with pytest.raises(RegisterReadError) as err:
        store.import_register(only, DEMO_NEIGHBOURHOODS, store=tmp_path / "s.gpkg")
    assert err.value.key == "error.amsterdam.no_owner"


def test_a_csv_larger_than_the_streamed_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_STREAMED_BYTES", 100)
    with pytest.raises(RegisterReadError) as err:
        readers.read_register_chunks(register(tmp_path, 4))
    assert err.value.key == "error.register.too_big"


def test_an_import_counts_every_problem_and_keeps_the_first(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_PROBLEMS", 3)
    report, _ = store.import_register(register(tmp_path, 6, bad=5), DEMO_NEIGHBOURHOODS, store=tmp_path / "s.gpkg",
                                      chunk_rows=2)
    assert len(report.rejected) == 3
    assert report.rejected_count > 3
    assert report.more_rejected == report.rejected_count - 3
    assert [p.row for p in report.rejected] == sorted(p.row for p in report.rejected)
    assert len(report.warnings) <= 3
    assert report.rejected_rows == 5


def test_the_import_command_prints_its_progress_per_chunk(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(readers, "CHUNK_ROWS", 2)
    code = cli.main(["import", str(register(tmp_path, 5)), "--neighbourhoods", str(DEMO_NEIGHBOURHOODS),
                     "--store", str(tmp_path / "s.gpkg")])
    assert code == 0
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(" / ")[1].split(" (")[0] for line in lines] == [
        f"Importing: {n} rows read, {n} accepted, 0 rejected" for n in (2, 4, 5)]
    assert lines[0].startswith("Bezig met importeren: 2 rijen gelezen")


def test_the_progress_line_is_rewritten_in_place_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    progress = cli.ImportProgress(out)
    for n in (2, 4):
        progress(readers.ImportReport(iter(()), rows=n, accepted_rows=n))
    progress.done()
    shown = out.getvalue()
    assert shown.count("\r") == 2
    assert shown.endswith("\n")
    assert shown.count("\n") == 1
