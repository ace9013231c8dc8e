"""AppTest of the staff app (staff.py): nobody anonymous sees a report; staff behind the proxy see a hostile text
literally, answer it, link it and close it, each logged with who and when."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.reports import NewReport
from geo.staff_access import HEADER_ENV, PROXY_ENV
from geo.store.reports import REPORTS_ENV, open_reports, send
from tests.conftest import PROJECT_DIR
from tests.fixtures.hostile import IMG, MARKDOWN_LINK, SCRIPT
from ui import staff

STAFF = str(PROJECT_DIR / "staff.py")
HOSTILE = f"Camera {SCRIPT} {IMG} {MARKDOWN_LINK} https://evil.example/x"


@pytest.fixture(autouse=True)
def a_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv(REPORTS_ENV, str(tmp_path / "reports.gpkg"))
    return send(NewReport("missing", HOSTILE, lat=52.47, lon=5.55, email="geheim@example.nl")).ref


def key(ref: str, name: str) -> str:
    """The key of a report's widget as the staff app makes it now."""
    return staff.widget_key(open_reports().get(ref), name)


def run_staff() -> AppTest:
    return AppTest.from_file(STAFF, default_timeout=60).run()


def everything(at: AppTest) -> str:
    parts = [*at.markdown, *at.caption, *at.text, *at.error, *at.info, *at.subheader, *at.title]
    frames = [df.value.to_csv() for df in at.dataframe]
    return "\n".join(str(p.value) for p in parts) + "\n".join(frames)


def behind_proxy(monkeypatch: pytest.MonkeyPatch, headers: dict[str, str], address: str = "127.0.0.1") -> None:
    monkeypatch.setenv(PROXY_ENV, "1")
    monkeypatch.setenv(HEADER_ENV, "X-Forwarded-User")
    monkeypatch.setattr(staff, "bound_address", lambda: address)
    monkeypatch.setattr(staff, "request_headers", lambda: headers)


def test_an_anonymous_visitor_without_any_log_in_configured_sees_only_how_to_configure_it(a_report):
    at = run_staff()
    assert not at.exception
    shown = everything(at)
    assert "nog niet ingesteld" in shown and "secrets.toml" in shown
    assert a_report not in shown and "Camera" not in shown and "geheim@example.nl" not in shown


def test_with_oidc_configured_an_anonymous_visitor_sees_only_the_log_in_button(a_report):
    at = AppTest.from_file(STAFF, default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "https://staff.example/oauth2callback", "cookie_secret": "x",
                          "client_id": "x", "client_secret": "x",
                          "server_metadata_url": "https://login.example/.well-known/openid-configuration"}
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Inloggen"]
    assert a_report not in everything(at) and "Camera" not in everything(at)


def test_a_request_that_did_not_come_through_the_proxy_sees_no_report(a_report, monkeypatch):
    behind_proxy(monkeypatch, headers={})
    at = run_staff()
    assert "niet via de beveiligde proxy" in at.error[0].value
    assert a_report not in everything(at)


def test_the_proxy_header_is_not_trusted_when_the_app_listens_beyond_loopback(a_report, monkeypatch):
    behind_proxy(monkeypatch, headers={"X-Forwarded-User": "els"}, address="0.0.0.0")
    at = run_staff()
    assert "127.0.0.1" in at.error[0].value and a_report not in everything(at)


def test_staff_see_a_hostile_text_literally_and_no_link_is_made_clickable(a_report, monkeypatch):
    behind_proxy(monkeypatch, headers={"X-Forwarded-User": "els@gemeente.nl"})
    at = run_staff()
    assert not at.exception
    assert HOSTILE in [t.value for t in at.text]  # st.text: neither Markdown nor HTML
    assert "E-mailadres: geheim@example.nl" in [t.value for t in at.text]
    assert not any("evil.example" in m.value for m in at.markdown)


def test_answer_link_and_close_are_each_logged_with_who(a_report, monkeypatch):
    behind_proxy(monkeypatch, headers={"X-Forwarded-User": "els@gemeente.nl"})
    at = run_staff()
    at.text_area(key=key(a_report, "answer.text")).input("Dank u, we voegen hem toe.")
    at = at.button(key=key(a_report, "answer.send")).click().run()
    assert at.caption[0].value == "0 meldingen"  # answered: no longer new
    at = at.segmented_control(key="staff.group").set_value("open").run()
    assert at.selectbox(key=key(a_report, "status.value")).value == "answered"  # the form follows the store
    at.text_input(key=key(a_report, "link.id")).input("VBS-0002")
    at = at.button(key=key(a_report, "link.send")).click().run()
    at.selectbox(key=key(a_report, "status.value")).set_value("closed")
    at = at.button(key=key(a_report, "status.send")).click().run()
    assert not at.exception
    report = open_reports().get(a_report)
    assert (report.answer, report.registration_id, report.status) == ("Dank u, we voegen hem toe.", "VBS-0002",
                                                                      "closed")
    assert [(a.who, a.action) for a in open_reports().actions(a_report)] == [
        ("els@gemeente.nl", "answer"), ("els@gemeente.nl", "link"), ("els@gemeente.nl", "status")]


def test_the_public_app_has_no_way_to_the_staff_app():
    dashboard = (PROJECT_DIR / "dashboard.py").read_text(encoding="utf-8")
    assert "staff" not in dashboard
    assert not list((PROJECT_DIR / "pages").glob("*staff*"))


def test_the_staff_app_speaks_english_when_asked(a_report, monkeypatch):
    behind_proxy(monkeypatch, headers={"X-Forwarded-User": "els"})
    at = AppTest.from_file(STAFF, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert at.title[0].value == "Residents' reports" and "Logged in as els" in [t.value for t in at.text]
