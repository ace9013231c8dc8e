""""Wat wordt hier gemeten?" on a phone in headless Chromium: a shared link, a tap on the map, the device's
location and an address search against a local stand-in geocoder that the test starts (never the internet)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from geo.geocode import ENV_URL
from geo.nearby import nearby
from geo.viewstate import Spot
from tests.browser.conftest import Visit, exceptions, open_page, streamlit_server, wait_for_app, wait_for_drawn
from tests.unit.test_geocode import GeocoderStandIn

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
CARDS = "article.zb-card"
SHARED = "/hier?lang=nl&lat=52.47&lon=5.55&r=250"


@pytest.fixture(scope="module")
def geocoder() -> Iterator[GeocoderStandIn]:
    with GeocoderStandIn().running() as stand_in:
        yield stand_in


@pytest.fixture(scope="module")
def near_url(geocoder: GeocoderStandIn, browser) -> Iterator[str]:
    # A server of its own: it must know the stand-in geocoder's address.
    with streamlit_server(env={ENV_URL: geocoder.url}) as url:
        yield url


# Count every request for the position, in every frame, to see that none happens unasked.
COUNT_GEOLOCATION = """
    window.__geolocationCalls = 0;
    if (navigator.geolocation) {
      const get = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
      navigator.geolocation.getCurrentPosition = (...a) => { window.__geolocationCalls++; return get(...a); };
      navigator.geolocation.watchPosition = () => { window.__geolocationCalls++; return 0; };
    }"""


def phone_visit(browser, geolocation: dict[str, float] | None = None) -> Visit:
    """A phone-sized page; with `geolocation`, the browser may share that position when asked."""
    options: dict = {"has_touch": True, "is_mobile": True, "device_scale_factor": 2}
    if geolocation:
        options |= {"geolocation": geolocation, "permissions": ["geolocation"]}
    return open_page(browser, (PHONE["width"], PHONE["height"]), init_script=COUNT_GEOLOCATION, **options)


@pytest.fixture
def visit(browser) -> Iterator[Visit]:
    v = phone_visit(browser)
    yield v
    v.page.context.close()


def open_near(visit: Visit, url: str) -> None:
    page = visit.page
    page.goto(url)
    wait_for_app(page)
    # The first sessions of a freshly started server, while the register is still being loaded, can get
    # Streamlit's "Page not found" dialog for a page opened by its path, and then the start page (an issue
    # of the app frame, for every page; reported). Such a visit is retried once, on the warm server.
    if page.get_by_role("dialog").filter(has_text="Page not found").count():
        page.goto(url)
        wait_for_app(page)
    page.locator(".st-key-near-map iframe").wait_for()


def shown_ids(page) -> list[str]:
    return page.eval_on_selector_all(CARDS, "els => els.map(e => e.dataset.id)")


def url_spot(page) -> tuple[float, float, int]:
    q = parse_qs(urlsplit(page.url).query)
    return float(q["spot_lat"][0]), float(q["spot_lon"][0]), int(q["r"][0])


def expected(lat: float, lon: float, radius: int, n: int = 20) -> list[str]:
    from geo.dataset import load_demo

    return nearby(load_demo().registrations, Spot(lat, lon), radius)["id"].tolist()[:n]


def wait_for_list(page, ids: list[str], timeout: float = 30_000) -> None:
    page.wait_for_function("ids => JSON.stringify([...document.querySelectorAll('article.zb-card')]"
                           ".map(e => e.dataset.id)) === JSON.stringify(ids)", arg=ids, timeout=timeout)


def only_tiles_left_localhost(visit: Visit) -> bool:
    """Nothing but map tiles tried to leave the machine (they are answered with a blank image)."""
    return all(re.search(r"/\d+/\d+/\d+(\.png|\.jpe?g)?(\?|$)", u) for u in visit.outside)


# ---------------------------------------------------------------- a shared link


def test_a_shared_link_lists_the_right_registrations_nearest_first(near_url: str, visit: Visit) -> None:
    open_near(visit, near_url + SHARED)
    page = visit.page
    wait_for_list(page, expected(52.47, 5.55, 250))
    assert page.locator(".zb-summary").inner_text().replace("\xa0", " ").startswith("Binnen 250 m staan")
    distances = [int(m) for m in re.findall(r", (\d+)\sm\.", " ".join(page.locator(CARDS).all_inner_texts()))]
    assert len(distances) >= 15
    assert distances == sorted(distances)
    assert exceptions(page) == []
    assert visit.errors == []
    assert only_tiles_left_localhost(visit)


def test_the_phone_needs_no_horizontal_scrolling(near_url: str, visit: Visit) -> None:
    open_near(visit, near_url + SHARED)
    page = visit.page
    page.locator(CARDS).first.wait_for()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_tap_targets_are_large_enough(near_url: str, visit: Visit) -> None:
    open_near(visit, near_url + SHARED)
    page = visit.page
    page.locator(CARDS).first.wait_for()
    # With a place chosen, the search folds into "choose another place": it opens with a tap.
    page.get_by_text("Een andere plek kiezen").click()
    targets = {
        "another place": page.locator("[data-testid='stExpander'] summary"),
        "search": page.get_by_role("button", name="Zoeken"),
        "radius": page.get_by_role("radio", name="100 m"),  # a segmented control: its options are radios
        "location": page.locator("iframe[title*='geolocation']"),
        "more": page.get_by_role("button", name=re.compile("Toon er meer")),
        "contact": page.locator(f"{CARDS} .zb-links a").first,
        "show on the map": page.locator(f"{CARDS} .zb-show").first,
    }
    for name, target in targets.items():
        target.first.wait_for()
        box = target.first.bounding_box()
        assert box is not None, name
        assert box["height"] >= 40, name
        assert box["x"] >= 0, name
        assert box["x"] + box["width"] <= PHONE["width"], name


def test_a_smaller_radius_lists_fewer_and_updates_the_link(near_url: str, visit: Visit) -> None:
    open_near(visit, near_url + SHARED)
    page = visit.page
    page.locator(CARDS).first.wait_for()
    page.get_by_text("100 m", exact=True).first.click()
    page.wait_for_function("() => location.search.includes('r=100')")
    wait_for_list(page, expected(52.47, 5.55, 100))
    assert page.locator(".zb-summary").inner_text().replace("\xa0", " ").startswith("Binnen 100 m sta")


# ---------------------------------------------------------------- a tap on the map


def test_a_tap_on_the_map_chooses_a_new_spot_and_the_list_changes(near_url: str, visit: Visit) -> None:
    open_near(visit, near_url + "/hier?lang=nl&lat=52.47&lon=5.55&r=100")
    page = visit.page
    wait_for_list(page, expected(52.47, 5.55, 100))
    before = shown_ids(page)
    frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']")
    frame.locator(".leaflet-marker-icon").first.wait_for()
    box = frame.locator(".leaflet-container").bounding_box()
    # Top right, below the layer button: outside the circle, where no registration is drawn.
    frame.locator(".leaflet-container").tap(position={"x": box["width"] - 30, "y": 85})
    page.wait_for_function("() => !location.search.includes('lat=52.47000')", timeout=30_000)
    lat, lon, radius = url_spot(page)
    assert radius == 100
    assert lat > 52.47  # north ...
    assert lon > 5.55  # ... and east of the old spot
    now = expected(lat, lon, 100)
    wait_for_list(page, now)
    assert now != before
    assert exceptions(page) == []
    assert visit.errors == []


# ---------------------------------------------------------------- an address


def test_an_address_search_goes_to_the_local_geocoder_and_lists_that_place(near_url: str, visit: Visit,
                                                                           geocoder: GeocoderStandIn) -> None:
    open_near(visit, near_url + "/hier?lang=nl&r=100")
    page = visit.page
    before = len(geocoder.requests)
    page.get_by_label("Adres of postcode").fill("Molenstraat 131")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_function("() => location.search.includes('lat=')")
    assert url_spot(page) == (52.46979, 5.56451, 100)
    wait_for_list(page, expected(52.46979, 5.56451, 100))
    page.get_by_text("Molenstraat 131, 8225BB Voorbeeldstad").first.wait_for()
    sent = geocoder.requests[before:]
    assert [e for e, _ in sent] == ["suggest", "lookup"]
    assert sent[0][1]["q"] == ["Molenstraat 131"]
    # The browser itself asked nobody: the search went from the app to the (stand-in) geocoder only.
    assert only_tiles_left_localhost(visit)
    assert not [u for u in visit.outside if "Molenstraat" in u or "locatieserver" in u]


def test_the_geocoder_down_gives_a_clear_message(near_url: str, visit: Visit, geocoder: GeocoderStandIn) -> None:
    open_near(visit, near_url + "/hier?lang=nl")
    page = visit.page
    geocoder.mode = "error"
    try:
        page.get_by_label("Adres of postcode").fill("Markt 1")
        page.get_by_role("button", name="Zoeken").click()
        page.get_by_text("Zoeken op adres werkt nu niet").wait_for()
    finally:
        geocoder.mode = "ok"
    assert exceptions(page) == []


# ---------------------------------------------------------------- the device's location


def test_the_location_is_asked_only_when_the_button_is_pressed(near_url: str, browser) -> None:
    visit = phone_visit(browser, geolocation={"latitude": 52.4786, "longitude": 5.5321})
    try:
        open_near(visit, near_url + "/hier?lang=nl&r=100")
        page = visit.page
        frame = page.frame_locator("iframe[title*='geolocation']")
        button = frame.get_by_role("button", name="Gebruik mijn locatie")
        button.wait_for()
        calls = "() => [...document.querySelectorAll('iframe')].reduce((n, f) => { try { " \
                "return n + (f.contentWindow.__geolocationCalls || 0); } catch (e) { return n; } }, " \
                "window.__geolocationCalls || 0)"
        assert page.evaluate(calls) == 0
        assert "lat=" not in page.url
        button.click()
        page.wait_for_function("() => location.search.includes('lat=52.4786')")
        assert url_spot(page) == (52.4786, 5.5321, 100)
        wait_for_list(page, expected(52.4786, 5.5321, 100))
        # (The button then moves into "choose another place", a new frame: its count starts again.)
    finally:
        visit.page.context.close()


def test_a_refused_location_is_explained_in_the_button(near_url: str, visit: Visit) -> None:
    open_near(visit, near_url + "/hier?lang=en&r=100")
    frame = visit.page.frame_locator("iframe[title*='geolocation']")
    frame.get_by_role("button", name="Use my location").click()
    frame.get_by_text("You did not allow access to your location").wait_for()
    assert "lat=" not in visit.page.url


# ---------------------------------------------------------------- a hostile register


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory, browser) -> Iterator[tuple[str, object]]:
    from geo.dataset import load_files
    from geo.schema import DEMO_NEIGHBOURHOODS
    from tests.fixtures.hostile import write_hostile_register

    register = write_hostile_register(tmp_path_factory.mktemp("hostile"))
    env = {"ZICHTBAAR_REGISTER": str(register), "ZICHTBAAR_NEIGHBOURHOODS": str(DEMO_NEIGHBOURHOODS)}
    with streamlit_server(env) as url:
        yield url, load_files(register, DEMO_NEIGHBOURHOODS)


def test_hostile_register_text_runs_nothing_shows_literally_and_fits_the_phone(hostile_url, visit: Visit) -> None:
    from tests.fixtures.hostile import IMG, SCRIPT, XSS_MARKER

    url, data = hostile_url
    reg = data.registrations
    target = reg[reg["name"].str.contains(IMG, regex=False)].iloc[0].geometry
    page = visit.page
    open_near(visit, f"{url}/hier?lang=nl&lat={target.y:.5f}&lon={target.x:.5f}&r=500")
    page.locator(CARDS).first.wait_for()
    page.frame_locator("iframe[title='streamlit_folium.st_folium']").locator(".leaflet-marker-icon").first.wait_for()
    wait_for_drawn(page)
    assert page.evaluate(f"() => {XSS_MARKER}") is None
    for frame in page.frames:
        assert frame.evaluate(f"() => typeof {XSS_MARKER}") == "undefined"
    assert page.locator(CARDS).filter(has_text=IMG).count() >= 1
    assert SCRIPT not in page.content()
    assert exceptions(page) == []
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
