"""The sensor page on a phone (390×844), as someone who just scanned a sign sees it: the three-second part in the
first screen, nothing for axe-core to find, an unknown id in plain words, and a hostile register shown literally."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest

from geo.schema import DEMO_NEIGHBOURHOODS
from tests.browser.conftest import (
    exceptions,
    open_page,
    open_start_page,
    streamlit_server,
    wait_for_app,
    wait_for_drawn,
)
from tests.browser.test_hostile import fired, render_all_popups
from tests.browser.test_wcag import AXE, violations
from tests.fixtures.hostile import write_hostile_register

pytestmark = pytest.mark.browser

CAMERA, AREA, BIOMETRIC = "VBS-0082", "VBS-0397", "VBS-1745"
PHONE_HEIGHT = 844


def open_sensor(page, base: str, reg_id: str, lang: str = "nl") -> None:
    page.goto(f"{base}/sensor?id={quote(reg_id, safe='')}&lang={lang}")
    wait_for_app(page)


@pytest.mark.parametrize("reg_id", [CAMERA, AREA, BIOMETRIC])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_three_second_part_fits_the_first_screen(app_url, phone, reg_id: str, lang: str) -> None:
    page = phone.page
    open_sensor(page, app_url, reg_id, lang)
    first = page.locator(".zb-sensor")
    first.wait_for()
    box = first.bounding_box()
    assert box is not None and box["y"] >= 0
    assert box["y"] + box["height"] <= PHONE_HEIGHT, box
    words = ("Wie is verantwoordelijk?", "Gegevens over mensen?", "Tot wanneer?") if lang == "nl" else (
        "Who is responsible?", "Data about people?", "Until when?")
    for word in words:
        assert page.get_by_text(word, exact=True).first.is_visible(), word
    assert exceptions(page) == []


def test_a_biometric_entry_says_so_in_the_first_screen(app_url, phone) -> None:
    page = phone.page
    open_sensor(page, app_url, BIOMETRIC)
    assert "biometr" in page.locator(".zb-sensor").inner_text().lower()


def test_an_unknown_id_says_so_and_offers_the_search(app_url, phone) -> None:
    page = phone.page
    open_sensor(page, app_url, "BESTAAT-NIET")
    assert page.get_by_role("heading", name="Deze sensor kennen we niet").is_visible()
    search = page.get_by_label("Zoek op naam of code")
    search.fill("Marktstraat")
    search.press("Enter")
    page.get_by_role("link", name="Camera Marktstraat (VBS-0082)").click()
    page.locator(".zb-sensor-title").wait_for()
    assert page.locator(".zb-sensor-title").inner_text() == "Camera Marktstraat"


@pytest.mark.parametrize("reg_id", [CAMERA, AREA, BIOMETRIC, "BESTAAT-NIET"])
def test_axe_core_finds_nothing(app_url, phone, reg_id: str) -> None:
    if not AXE.exists():
        pytest.skip("axe-core is not installed (bash .ci/test installs it)")
    page = phone.page
    page.goto(f"{app_url}/sensor?id={reg_id}&lang=nl")
    wait_for_drawn(page)
    assert exceptions(page) == []
    assert violations(page) == []


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory, browser) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("hostile")
    env = {"ZICHTBAAR_REGISTER": str(write_hostile_register(folder)),
           "ZICHTBAAR_NEIGHBOURHOODS": str(DEMO_NEIGHBOURHOODS)}
    with streamlit_server(env=env) as url:
        open_start_page(browser, url)
        yield url


@pytest.mark.parametrize(("reg_id", "name"), [
    ("H01", '<img src=x onerror="window.__xss=1">'),
    ("H06<script>window.__xss=1</script>", "Scanauto parkeren"),
    ("H13", "Café Zeeëlaan € 5 <b>vet</b>"),
])
def test_a_hostile_registration_shows_literally_and_runs_nothing(browser, hostile_app, reg_id: str,
                                                                 name: str) -> None:
    visit = open_page(browser, (390, 844))
    page = visit.page
    try:
        page.goto(f"{hostile_app}/sensor?id={quote(reg_id, safe='')}&lang=nl&base=none")
        wait_for_drawn(page)
        render_all_popups(page)
        wait_for_drawn(page)
        assert page.locator(".zb-sensor-title").inner_text() == name
        assert fired(page) == []
        assert exceptions(page) == []
    finally:
        page.context.close()


def test_the_map_detail_panel_leads_to_the_sensor_page(app_url, phone) -> None:
    page = phone.page
    page.goto(f"{app_url}/kaart?lang=en&base=none&sel={CAMERA}")
    wait_for_app(page)
    page.locator(".st-key-map-detail").get_by_role("link", name="All about this sensor").click()
    page.locator(".zb-sensor-title").wait_for()
    assert page.locator(".zb-sensor-title").inner_text() == "Camera Marktstraat"
    assert "id=VBS-0082" in page.url and "lang=en" in page.url


def test_a_near_me_card_leads_to_the_sensor_page(app_url, phone) -> None:
    page = phone.page
    page.goto(f"{app_url}/hier?lang=nl&spot_lat=52.47071&spot_lon=5.54968&r=250")
    wait_for_app(page)
    card = page.locator("article.zb-card").first
    card.wait_for()
    name = card.locator(".zb-name").inner_text()
    card.get_by_role("link", name="Alles over deze sensor").click()
    page.locator(".zb-sensor-title").wait_for()
    assert page.locator(".zb-sensor-title").inner_text() == name
