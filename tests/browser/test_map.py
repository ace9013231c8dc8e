"""The map page in headless Chromium: it draws, filters redraw it, a click opens the detail, a shared link
reproduces the view, and with "no tiles" the browser asks nothing outside localhost."""

from __future__ import annotations

import re
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import MAP_FRAME, choose_option, exceptions, map_frame, open_filters, wait_for_app

pytestmark = pytest.mark.browser

COUNT = re.compile(r"([\d.]+) van ([\d.]+) registraties")
#: In the map's frame: the page address holds the map's view (zb_map.js writes it as lat, lon, z).
IN_STEP = """() => {
  const q = new URL(window.parent.location.href).searchParams, c = map_div.getCenter();
  return q.get('lat') === c.lat.toFixed(6) && q.get('lon') === c.lng.toFixed(6)
         && q.get('z') === String(map_div.getZoom());
}"""


@pytest.fixture(scope="module")
def map_url(app_url: str) -> str:
    return app_url + "/kaart"


def shown_count(page) -> int:
    """The number of registrations the page says it shows."""
    text = page.locator("[data-testid='stMain']").inner_text()
    return int(COUNT.search(text).group(1).replace(".", ""))


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def click_an_icon(page, frame) -> str:
    """Click a registration's icon well inside the map (not one half outside its edge); return its id."""
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    label = frame.evaluate("""() => {
        const box = document.querySelector('.leaflet-container').getBoundingClientRect();
        const icon = [...document.querySelectorAll('.zb-marker')].find(el => {
            const r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
            const inside = x > box.left + 80 && x < box.right - 80 && y > box.top + 80 && y < box.bottom - 120;
            const top = inside && document.elementFromPoint(x, y);  // not under the legend or another shape
            return top && el.contains(top);
        });
        return icon && icon.getAttribute('aria-label');
    }""")
    page.frame_locator(MAP_FRAME).locator(f'.zb-marker[aria-label="{label}"]').click()
    return label.split(" \u00b7 ", 1)[1]


def test_map_draws_and_asks_nothing_outside_with_no_tiles(map_url, visit):
    page = visit.page
    page.goto(f"{map_url}?lang=nl&base=none")
    wait_for_app(page)
    frame = map_frame(page)
    drawn = frame.evaluate("() => window.zbDrawn")
    assert drawn["n"] == shown_count(page) > 0
    assert frame.locator(".zb-cluster, .zb-marker").count() > 0
    assert exceptions(page) == []
    assert visit.errors == []
    assert visit.outside == []  # no tiles, no CDN: Leaflet and its plugins come from the app


def test_front_end_files_are_served_by_the_app_as_javascript(app_url):
    with urllib.request.urlopen(f"{app_url}/component/ui.assets.zb_assets/zb/zb_map.js") as r:
        assert r.status == 200
        assert "javascript" in r.headers["Content-Type"]


def test_filter_change_redraws_the_map_and_updates_the_url(map_url, visit):
    page = visit.page
    page.goto(f"{map_url}?lang=nl&base=none")
    wait_for_app(page)
    frame = map_frame(page)
    before = frame.evaluate("() => window.zbDrawn.n")
    open_filters(page)
    box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text="Soort sensor")
    choose_option(page, box, re.compile(r"^Camera \("))
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('f_sensor_type=camera')")
    wait_for_app(page)
    expected = shown_count(page)
    assert 0 < expected < before
    frame.wait_for_function(f"() => window.zbDrawn.n === {expected}", timeout=30_000)
    assert exceptions(page) == []


def test_clicking_an_icon_opens_its_detail(map_url, visit):
    page = visit.page
    # Close in on the demo's centre so that single icons show instead of clusters.
    page.goto(f"{map_url}?lang=nl&base=none&lat=52.4715&lon=5.545&z=18")
    wait_for_app(page)
    reg_id = click_an_icon(page, map_frame(page))
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('sel') === {reg_id!r}")
    wait_for_app(page)
    panel = page.locator(".st-key-map-detail")
    panel.get_by_text("Waarvoor?").first.wait_for()
    assert reg_id in panel.inner_text()
    assert exceptions(page) == []
    assert visit.errors == []


def test_a_mouse_drags_the_map_on_a_desktop(map_url, visit):
    """Leaflet calls every browser with pointer events "touch"; the one-finger-scrolls rule is for fingers only."""
    page = visit.page
    page.goto(f"{map_url}?lang=nl&base=none")
    wait_for_app(page)
    frame = map_frame(page)
    before = frame.evaluate("() => window.map.getCenter()")
    box = page.locator(MAP_FRAME).bounding_box()
    x, y = box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.5
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 150, y + 60, steps=8)
    page.mouse.up()
    frame.wait_for_function(f"() => Math.abs(window.map.getCenter().lng - {before['lng']}) > 1e-4")


def test_shared_link_reproduces_filters_selection_and_view(map_url, visit, browser):
    page = visit.page
    page.goto(f"{map_url}?lang=nl&base=none&f_sensor_type=camera&lat=52.47&lon=5.55&z=15")
    wait_for_app(page)
    frame = map_frame(page)
    n = shown_count(page)
    # Zoom in and pick a camera: the view goes into the address without a rerun, the selection with one.
    frame.evaluate("() => map_div.setView([52.4705, 5.5466], 17)")
    page.wait_for_function("() => new URLSearchParams(location.search).get('z') === '17'")
    reg_id = click_an_icon(page, frame)
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('sel') === {reg_id!r}")
    wait_for_app(page)
    # The rerun rewrote the address; the map puts its view back in it (once a second).
    map_frame(page).wait_for_function(IN_STEP)
    shared = query(page)
    assert shared["f_sensor_type"] == ["camera"]
    lat, lon, zoom = float(shared["lat"][0]), float(shared["lon"][0]), int(shared["z"][0])

    other = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page2 = other.new_page()
        page2.goto(page.url)
        wait_for_app(page2)
        frame2 = map_frame(page2)
        assert shown_count(page2) == n
        frame2.wait_for_function(f"() => window.zbDrawn.n === {n}")
        view = frame2.evaluate("() => [map_div.getCenter().lat, map_div.getCenter().lng, map_div.getZoom()]")
        assert view[2] == zoom
        assert abs(view[0] - lat) < 1e-5
        assert abs(view[1] - lon) < 1e-5
        panel = page2.locator(".st-key-map-detail")
        panel.get_by_text("Waarvoor?").first.wait_for()
        assert reg_id in panel.inner_text()
        open_filters(page2)
        sidebar = page2.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']")
        assert re.search(r"Camera \(\d+\)", sidebar.filter(has_text="Soort sensor").inner_text())
    finally:
        other.close()


def test_phone_shows_the_map_without_horizontal_scrolling(map_url, phone):
    page = phone.page
    page.goto(f"{map_url}?lang=nl&base=none")
    wait_for_app(page)
    map_frame(page)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert phone.outside == []
