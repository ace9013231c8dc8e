"""AppTest of the policy page's reports: counts per kind and neighbourhood, "missing sensor" reports on the coverage
map, and never a resident's text or e-mail address."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.reports import NewReport
from geo.store.reports import REPORTS_ENV, open_reports, send
from tests.app.test_policy import map_args, metrics, policy_page, text

SECRET = "Mijn geheime tekst"


@pytest.fixture(autouse=True)
def some_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REPORTS_ENV, str(tmp_path / "reports.gpkg"))
    for kind, lat in (("missing", 52.47), ("missing", 52.4701), ("question", 52.47), ("objection", None)):
        send(NewReport(kind, SECRET, registration_id=None if lat else "VBS-0002", lat=lat,
                       lon=5.55 if lat else None, email="ik@example.nl"))
    closed = send(NewReport("missing", SECRET, lat=52.46, lon=5.54))
    open_reports().act(closed.ref, "status", "closed", who="els", now=closed.created_at)


def test_the_reports_section_counts_per_kind_and_neighbourhood_without_any_text():
    at = policy_page(section="reports")
    assert not at.exception
    assert metrics(at) == {"Ontbreekt": "3", "Klopt niet": "0", "Vraag": "1", "Bezwaar": "1"}
    table = at.dataframe[0].value
    assert table["Totaal"].sum() == 5 and "Zonder plek of buiten de buurten" in table["Buurt"].tolist()
    assert "Op 1 plek zien bewoners een sensor" in text(at)
    shown = text(at) + table.to_csv()
    assert SECRET not in shown and "ik@example.nl" not in shown


def test_the_coverage_map_shows_where_residents_report_a_missing_sensor():
    at = policy_page(section="coverage")
    assert not at.exception
    assert "Gestippelde ringen: 1 plek" in text(at)
    assert "hier ontbreekt een sensor in het register" in str(map_args(at))
