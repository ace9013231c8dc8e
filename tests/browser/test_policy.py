"""The policy and check pages in a real browser: sections, maps from the app itself, and an upload's report."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import Visit, exceptions, map_frame, open_filters, wait_for_app, wait_for_drawn
from tests.fixtures.hostile import XSS_MARKER, hostile_csv_text

pytestmark = pytest.mark.browser

BROKEN = (
    "id;name;sensor_type;purpose;data_types;personal_data;owner;lat;lon\n"
    "L1;Luchtmeter Markt;air;environment;environmental;nee;Gemeente Voorbeeldstad;52,47;5,55\n"
    "L2;Meter Plein;toaster;environment;environmental;nee;Gemeente Voorbeeldstad;52,47;5,55\n"
)
TILE = re.compile(r"/\d+/\d+/\d+(\.png|\.jpe?g)?(\?|$)")
DRAWN = """() => [...document.querySelectorAll('iframe')].some(f => {
  try { return f.contentDocument.querySelectorAll('.leaflet-container path').length > 0; } catch (e) { return false; }
})"""


def only_tiles_went_outside(visit: Visit) -> bool:
    """Map tiles may come from the base map's server; scripts, styles and fonts never leave the app."""
    return all(TILE.search(url) for url in visit.outside)


def open_policy(visit: Visit, app_url: str, lang: str = "nl"):
    page = visit.page
    page.goto(f"{app_url}/beleid?lang={lang}")
    wait_for_app(page, timeout=90_000)  # the first page of a fresh server loads the register
    return page


def test_the_principles_check_lists_every_principle(app_url, visit):
    page = open_policy(visit, app_url)
    page.get_by_text("Toets aan de principes").wait_for(timeout=90_000)
    for name in ("Geen biometrie", "Zorgvuldig gebruik van gegevens", "Democratisch besluit",
                 "Regelmatig evalueren", "Uitleg aan inwoners"):
        page.get_by_text(name, exact=True).wait_for()
    assert exceptions(page) == []
    assert visit.errors == []
    assert visit.outside == []


@pytest.mark.parametrize(("button", "heading"), [
    ("Concentraties", "Waar staan veel sensoren bij elkaar?"),
    ("Camerabereik", "Hoeveel van elke buurt is in beeld van camera's?"),
])
def test_a_section_with_a_map_draws_it_with_leaflet_from_the_app(app_url, visit, button, heading):
    page = open_policy(visit, app_url)
    page.get_by_role("radio", name=button, exact=True).click()
    page.get_by_text(heading).wait_for()
    page.wait_for_function(DRAWN, timeout=90_000)
    assert exceptions(page) == []
    assert visit.errors == []
    assert only_tiles_went_outside(visit)


def test_the_trends_section_shows_its_chart(app_url, visit):
    page = open_policy(visit, app_url, "en")
    page.get_by_role("radio", name="By quarter", exact=True).click()
    page.get_by_text("What was added and what went, per quarter?").wait_for()
    page.locator("[data-testid='stVegaLiteChart']").wait_for(timeout=60_000)
    assert exceptions(page) == []
    assert visit.outside == []


def test_the_policy_page_fits_a_phone(app_url, phone):
    page = open_policy(phone, app_url)
    page.get_by_text("Toets aan de principes").wait_for(timeout=90_000)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def upload(page, name: str, content: bytes) -> None:
    page.locator("input[type='file']").set_input_files({"name": name, "mimeType": "text/csv", "buffer": content})


def test_uploading_a_broken_file_shows_its_report(app_url, visit):
    page = visit.page
    page.goto(f"{app_url}/controle?lang=nl")
    wait_for_app(page, timeout=90_000)
    upload(page, "register.csv", BROKEN.encode())
    page.get_by_text("Uitkomst voor register.csv").wait_for(timeout=60_000)
    page.get_by_text("Wat moet er beter?").wait_for()
    page.locator("[data-testid='stDataFrame']").wait_for()
    assert page.locator("[data-testid='stMetricValue']").all_inner_texts() == ["2", "1", "1", "0"]
    page.wait_for_function(DRAWN.replace("path", ".leaflet-marker-icon, .leaflet-container path"),
                           timeout=90_000)  # the preview map shows the accepted row
    assert exceptions(page) == []
    assert visit.errors == []
    assert only_tiles_went_outside(visit)


def test_uploading_an_unreadable_file_shows_one_sentence(app_url, visit):
    page = visit.page
    page.goto(f"{app_url}/controle?lang=en")
    wait_for_app(page, timeout=90_000)
    upload(page, "register.csv", b"colour;size\nred;2\n")
    alert = page.locator("[data-testid='stAlertContentError']")
    alert.wait_for(timeout=60_000)
    assert "no known columns" in alert.inner_text()
    assert exceptions(page) == []


def test_a_hostile_upload_runs_no_script(app_url, visit):
    page = visit.page
    page.goto(f"{app_url}/controle?lang=nl")
    wait_for_app(page, timeout=90_000)
    upload(page, "hostile.csv", hostile_csv_text().encode())
    page.get_by_text("Uitkomst voor hostile.csv").wait_for(timeout=60_000)
    page.locator("[data-testid='stDataFrame']").wait_for()
    wait_for_drawn(page)
    for frame in page.frames:
        assert frame.evaluate(f"() => typeof {XSS_MARKER}") == "undefined"
    assert exceptions(page) == []


def test_a_principle_count_opens_the_map_filtered_to_those_registrations(app_url, visit):
    """Map first (its filters then live in the session), then the policy page, then a principle's link."""
    from geo.dataset import load_demo
    from geo.principles import principle_counts

    (row,) = [r for r in principle_counts(load_demo().registrations) if r.code == "democratic"]
    page = visit.page
    page.goto(f"{app_url}/kaart?lang=nl&base=none")
    wait_for_app(page, timeout=90_000)
    page.get_by_role("link", name="Beleid").first.click()
    page.get_by_text("Toets aan de principes").wait_for(timeout=60_000)
    wait_for_app(page)  # the whole page drawn: a click on a link of a run still going can be lost
    page.get_by_role("link", name=f"Toon deze {row.count} op de kaart").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('f_flag') === 'democratic'",
                           timeout=60_000)
    wait_for_app(page)
    main = page.locator("[data-testid='stMain']")
    main.get_by_text("U ziet alleen registraties die niet voldoen aan").wait_for(timeout=90_000)
    assert re.search(rf"\b{row.count} van [\d.]+ registraties", main.inner_text())
    map_frame(page).wait_for_function(f"() => window.zbDrawn.n === {row.count}", timeout=60_000)
    open_filters(page)  # the chosen principle shows in the filters panel, as a visitor opening it sees
    sidebar = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']")
    assert "Democratisch besluit" in sidebar.filter(has_text="Voldoet niet aan principe").inner_text()
    # Clearing the filter from the notice shows everything again and takes f_flag out of the address.
    main.get_by_role("button", name="Wis dit filter").click()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('f_flag')")
    assert exceptions(page) == []
    assert visit.errors == []
