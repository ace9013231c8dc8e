"""AppTest of residents' reports: sent from near-me and from the map's detail panel, followed on /melding, which
never shows a report's text or e-mail address; the limits say so in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.reports import NewReport
from geo.store.reports import REPORTS_ENV, open_reports, send
from tests.app.conftest import open_page
from tests.fixtures.hostile import SCRIPT

SPOT = {"spot_lat": "52.47", "spot_lon": "5.55"}


@pytest.fixture(autouse=True)
def reports_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "reports.gpkg"
    monkeypatch.setenv(REPORTS_ENV, str(path))
    return path


def visible(at: AppTest) -> str:
    parts = [*at.markdown, *at.caption, *at.text, *at.success, *at.error, *at.warning, *at.subheader, *at.title]
    return "\n".join(str(p.value) for p in parts) + "\n".join(h.value for h in at.get("html"))


def fill(at: AppTest, key: str, kind: str, text: str, email: str = "") -> AppTest:
    at.radio(key=f"{key}.kind").set_value(kind)
    at.text_area(key=f"{key}.text").input(text)
    at.text_input(key=f"{key}.email").input(email)
    return at.button(key=f"{key}.send").click().run()


def test_a_resident_sends_a_report_from_near_me_and_gets_a_reference_at_once():
    at = open_page("pages/hier.py", **SPOT)
    at = fill(at, "near.report", "missing", f"Camera op de paal {SCRIPT}", "bewoner@example.nl")
    assert not at.exception
    stored = open_reports().find()
    assert len(stored) == 1
    ref = stored[0].ref
    assert ref in at.success[0].value
    assert (stored[0].lat, stored[0].lon, stored[0].kind) == (52.47, 5.55, "missing")
    assert f"Camera op de paal {SCRIPT}" in [t.value for t in at.text]  # shown back literally, this session only
    assert at.text_area(key="near.report.text").value == ""


def test_the_map_detail_panel_reports_about_the_chosen_registration():
    at = open_page("pages/kaart.py", sel="VBS-0002")
    at = fill(at, "map.report", "wrong", "De eigenaar klopt niet.")
    assert not at.exception
    (stored,) = open_reports().find()
    assert (stored.registration_id, stored.kind) == ("VBS-0002", "wrong")


def test_a_report_with_problems_is_not_stored_and_says_why():
    at = open_page("pages/hier.py", **SPOT)
    at = fill(at, "near.report", "question", "Vraag", "geen-adres")
    assert [e.value for e in at.error] == ["Dit is geen e-mailadres. Laat het veld leeg als u geen antwoord per "
                                           "e-mail wilt."]
    assert open_reports().find() == []


def test_the_session_limit_is_a_clear_message_not_a_traceback(monkeypatch):
    monkeypatch.setenv("ZICHTBAAR_REPORTS_PER_SESSION", "1")
    at = open_page("pages/hier.py", lang="en", **SPOT)
    at = fill(at, "near.report", "question", "First")
    at = fill(at, "near.report", "question", "Second")
    assert not at.exception
    assert "You have already sent 1 report in the last hour" in at.error[0].value
    assert [r.text for r in open_reports().find()] == ["First"]


def test_melding_shows_status_and_answer_but_never_text_or_email():
    report = send(NewReport("question", "Mijn geheime tekst", registration_id="VBS-0002", email="ik@example.nl"))
    open_reports().act(report.ref, "answer", "Het is een <b>verkeerscamera</b>.", who="els", now=report.created_at)
    at = open_page("pages/melding.py", ref=report.ref.lower())
    assert not at.exception
    shown = visible(at)
    assert "Beantwoord" in shown and "Een vraag aan de eigenaar" in shown
    assert "Het is een &lt;b&gt;verkeerscamera&lt;/b&gt;." in shown
    assert "Mijn geheime tekst" not in shown and "ik@example.nl" not in shown


def test_melding_with_an_unknown_or_hostile_reference_says_so_calmly():
    at = open_page("pages/melding.py", ref="ABCD-EFGH")
    assert "We vinden geen melding" in at.warning[0].value
    at = open_page("pages/melding.py", ref=SCRIPT)
    assert not at.exception and SCRIPT not in visible(at)
