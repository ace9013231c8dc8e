"""`python -m geo reports list|export|purge`, and the purge each import runs."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from geo import store
from geo.cli import main
from geo.reports import NewReport
from geo.store.reports import open_reports, send
from tests.unit.test_store import register

LONG_AGO = datetime.now(UTC) - timedelta(days=90)


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "s.gpkg"
    send(NewReport("question", "Open vraag\n\x1b[2J", registration_id="C1", email="a@example.nl"), store=path)
    closed = send(NewReport("objection", "Bezwaar", lat=52.1, lon=5.1, email="b@example.nl"), store=path,
                  now=LONG_AGO)
    open_reports(path).act(closed.ref, "status", "closed", who="els", now=LONG_AGO)
    return path


def test_list_prints_one_line_per_report_with_the_text_escaped(target, capsys):
    assert main(["reports", "list", "--store", str(target)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "\x1b" not in "".join(out) and out[0].endswith("\tOpen vraag [2J")


def test_list_json_filters_by_status_and_holds_every_field(target, capsys):
    assert main(["reports", "list", "--status", "closed", "--json", "--store", str(target)]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert (item["kind"], item["text"], item["email"], item["lat"]) == ("objection", "Bezwaar", "b@example.nl", 52.1)


def test_export_writes_every_report_to_a_file(target, tmp_path):
    out = tmp_path / "out" / "meldingen.json"
    assert main(["reports", "export", "-o", str(out), "--store", str(target)]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 2


def test_purge_deletes_only_the_addresses_past_their_retention(target, capsys):
    assert main(["reports", "purge", "--store", str(target)]) == 0
    assert "1 e-mailadres gewist" in capsys.readouterr().out
    assert sorted(str(r.email) for r in open_reports(target).find()) == ["None", "a@example.nl"]


def test_each_import_purges_too(target, tmp_path):
    store.import_register(register(tmp_path, 2), store.DEMO_NEIGHBOURHOODS, store=target)
    assert [r.email for r in open_reports(target).find("closed")] == [None]
