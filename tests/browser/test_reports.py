"""Residents' reports on a phone in headless Chromium: each kind sent from near-me, a reference at once, and the
report followed on /melding, which shows its status but never its text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from geo.reports import KINDS
from geo.store.reports import REPORTS_ENV, open_reports
from geo.text import text
from tests.browser.conftest import exceptions, open_page, streamlit_server, wait_for_app
from tests.browser.test_wcag import AXE
from tests.browser.test_wcag import violations as wcag_violations

pytestmark = pytest.mark.browser

NEAR = "/hier?lang=nl&spot_lat=52.47&spot_lon=5.55&r=100"
REF = re.compile(r"Uw kenmerk is ([0-9A-Z]{4}-[0-9A-Z]{4})")
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def reports_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reports") / "reports.gpkg"


@pytest.fixture(scope="module")
def url(reports_file: Path, browser) -> Iterator[str]:
    with streamlit_server(env={REPORTS_ENV: str(reports_file)}) as base:
        yield base


@pytest.mark.parametrize("kind", KINDS)
def test_a_resident_sends_a_report_on_a_phone_and_follows_it(kind, url, browser, reports_file, monkeypatch):
    visit = open_page(browser, (390, 844), has_touch=True, is_mobile=True)
    page = visit.page
    try:
        page.goto(url + NEAR)
        wait_for_app(page)
        page.get_by_text(text("report.open", "nl")).click()
        form = page.locator(".st-key-near-report")
        # The open form meets WCAG 2.1 AA too (axe-core, as in tests/browser/test_wcag.py).
        if kind == KINDS[0] and AXE.exists():
            assert wcag_violations(page) == []
        form.get_by_text(text(f"report.kind.{kind}", "nl")).click()
        message = f"Melding van soort {kind}: <b>niet vet</b>"
        form.locator("textarea").fill(message)
        form.get_by_role("button", name=text("report.send", "nl")).click()
        success = page.get_by_text(REF)
        success.wait_for(timeout=30_000)
        ref = REF.search(success.inner_text()).group(1)
        # Shown back literally, in this session only; the form is empty for the next one.
        expect(page.get_by_test_id("stText").get_by_text(message, exact=True)).to_be_visible()
        expect(form.locator("textarea")).to_have_value("")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"report-sent-{kind}.png", full_page=False)

        monkeypatch.setenv(REPORTS_ENV, str(reports_file))
        stored = open_reports().get(ref)
        assert stored is not None and (stored.kind, stored.text) == (kind, message)

        page.goto(f"{url}/melding?lang=nl&ref={ref}")
        wait_for_app(page)
        page.get_by_text(text("report.status.received", "nl")).wait_for(timeout=30_000)
        expect(page.get_by_text(text(f"report.kind.{kind}", "nl"))).to_be_visible()
        assert message not in page.locator("[data-testid='stMain']").inner_text()
        page.screenshot(path=ARTIFACTS / f"report-status-{kind}.png", full_page=False)
        assert exceptions(page) == [] and visit.errors == []
    finally:
        page.context.close()
