"""The neighbourhood pages in a real browser: choose a neighbourhood, present it, download its fact sheet."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from geo.dataset import load_demo, load_files
from geo.facts import neighbourhood_facts
from geo.schema import DEMO_NEIGHBOURHOODS
from geo.text import number as format_value
from tests.browser.conftest import (
    MAP_FRAME,
    exceptions,
    map_frame,
    open_page,
    streamlit_server,
    wait_for_app,
    wait_for_drawn,
)
from tests.fixtures.hostile import IMG, SCRIPT, XSS_MARKER, write_hostile_register

pytestmark = pytest.mark.browser

CENTRUM, OUDE_HAVEN = "BU99990001", "BU99990002"
# The base map's tiles are the only requests that may leave the app (and only on pages with a base map).
TILE_HOSTS = {"service.pdok.nl", "tile.openstreetmap.org"}
FOOTER = re.compile(r"\n?Zichtbaar · [^\n]* · (pagina|page) \d+\s*$")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(FOOTER.sub("", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages)


def only_tiles(urls: list[str]) -> bool:
    return all(urlsplit(u).hostname in TILE_HOSTS and u.endswith(".png") for u in urls)


def settle(page, text: str) -> None:
    """Wait until the app has run and `text` is on the page."""
    wait_for_app(page)
    page.get_by_text(text).first.wait_for(timeout=120_000)


@pytest.fixture(scope="module", autouse=True)
def frame_first(app_url: str, browser) -> None:
    """Open the start page once: Streamlit runs a fresh server's very first request in its legacy pages/
    mode, which would show /buurt without the app's frame (see the report on the pages/ folder)."""
    v = open_page(browser)
    v.page.goto(f"{app_url}/?lang=nl")
    settle(v.page, "Het register in cijfers")
    v.page.context.close()


@pytest.fixture
def projector(browser) -> Iterator:
    v = open_page(browser, (1920, 1080))
    yield v
    v.page.context.close()


def test_overview_draws_the_choropleth_and_asks_nothing_outside(app_url, visit):
    page = visit.page
    page.goto(f"{app_url}/buurten?lang=nl")
    settle(page, "Ranglijst")
    frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']")
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=60_000)
    assert frame.locator("path.leaflet-interactive").count() == len(load_demo().neighbourhoods)
    assert page.get_by_text("Legenda: Aantal registraties").count() == 1
    # Names on the map where they fit: the largest neighbourhoods carry theirs, and no two names overlap.
    frame.locator(".zb-nb-label", has_text="Centrum").wait_for(timeout=30_000)
    boxes = frame.locator(".zb-nb-label span").evaluate_all(
        "els => els.filter(e => getComputedStyle(e.parentNode).visibility !== 'hidden')"
        "          .map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })")
    assert len(boxes) >= 10
    overlapping = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    assert overlapping == []
    assert exceptions(page) == []
    assert visit.errors == []
    assert visit.outside == []  # no base map, no chart library, no fonts from elsewhere


def test_choosing_a_neighbourhood_opens_its_page(app_url, visit):
    page = visit.page
    page.goto(f"{app_url}/buurten?lang=nl")
    settle(page, "Ranglijst")
    page.get_by_role("combobox", name="Open een buurt").click()
    page.get_by_role("option", name="Oude Haven").click()
    page.wait_for_url(re.compile(rf"/buurt\?.*code={OUDE_HAVEN}"), timeout=60_000)
    settle(page, "Alle registraties in deze buurt")
    assert page.locator("h1", has_text="Oude Haven").count() == 1
    assert "lang=nl" in page.url
    assert exceptions(page) == []


@pytest.mark.parametrize("where", ["desktop", "phone"])
def test_a_click_on_a_neighbourhood_in_the_overview_map_opens_it(app_url, browser, where):
    """Also when the map reaches below the window: a press must not scroll the page under the pointer (it did, and
    the release landed on another neighbourhood, so the click was lost). A phone taps."""
    visit = (open_page(browser) if where == "desktop"
             else open_page(browser, (390, 844), has_touch=True, is_mobile=True))
    request_close = visit.page.context.close
    try:
        check_overview_click(app_url, visit.page, where)
    finally:
        request_close()


def check_overview_click(app_url: str, page, where: str) -> None:
    page.goto(f"{app_url}/buurten?lang=nl")
    settle(page, "Ranglijst")
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".leaflet-overlay-pane path").first.wait_for()
    names = {str(c): str(n) for c, n in zip(load_demo().neighbourhoods["code"], load_demo().neighbourhoods["name"],
                                             strict=True)}
    if where == "desktop":
        box = page.locator(MAP_FRAME).bounding_box()
        assert box["y"] + box["height"] > page.viewport_size["height"]  # the case that lost clicks
        target = frame.locator(".leaflet-overlay-pane path").nth(5).bounding_box()
        page.mouse.click(target["x"] + target["width"] / 2, target["y"] + target["height"] / 2)
    else:
        frame.locator(".leaflet-overlay-pane path").nth(5).tap(force=True)
    page.wait_for_url(re.compile(r"/buurt\?.*code=BU\d+"), timeout=60_000)
    code = re.search(r"code=(BU\d+)", page.url).group(1)
    settle(page, "Alle registraties in deze buurt")
    assert page.locator("h1", has_text=names[code]).count() == 1
    assert exceptions(page) == []


def test_neighbourhood_page_shows_figures_charts_and_asks_only_for_tiles(app_url, visit):
    page = visit.page
    page.goto(f"{app_url}/buurt?code={CENTRUM}&lang=en")
    settle(page, "All registrations in this neighbourhood")
    facts = neighbourhood_facts(load_demo(), CENTRUM)
    assert page.get_by_text(facts.summary.text("en")).count() == 1
    page.locator("[data-testid='stVegaLiteChart']").nth(3).wait_for(timeout=60_000)
    assert page.locator("[data-testid='stVegaLiteChart']").count() == 4
    assert page.get_by_text(f"Whole city: {format_value(facts.city.per_km2, 'en')}").count() == 1
    assert exceptions(page) == []
    assert visit.errors == []
    assert only_tiles(visit.outside), visit.outside  # charts and maps are served by the app itself


def test_unknown_code_shows_a_message_and_the_way_back(app_url, visit):
    page = visit.page
    page.goto(f"{app_url}/buurt?code=%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E&lang=en")
    settle(page, "We do not know this neighbourhood")
    page.get_by_role("link", name=re.compile("All neighbourhoods")).wait_for(timeout=60_000)
    assert exceptions(page) == []
    assert page.evaluate("() => window.__xss") is None


def test_presentation_mode_hides_the_chrome_and_steps_through(app_url, projector):
    page = projector.page
    page.goto(f"{app_url}/buurt?code={CENTRUM}&lang=nl")
    settle(page, "Alle registraties in deze buurt")
    page.get_by_role("link", name="Presentatie").click()
    page.wait_for_url(re.compile(rf"/presentatie\?.*code={CENTRUM}"), timeout=60_000)
    settle(page, "Buurt 1 van")
    title = page.locator(".zb-present h1")
    assert title.inner_text() == "Centrum"
    assert float(title.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) >= 60
    assert not page.locator("[data-testid='stHeader']").is_visible()
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    assert page.get_by_role("radio", name="English").count() == 0 or not page.get_by_role(
        "radio", name="English").is_visible()
    # Everything fits a 1920x1080 projector: no scrolling to reach the buttons.
    box = page.get_by_role("button", name=re.compile("Volgende")).bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= 1080
    page.get_by_role("button", name=re.compile("Volgende")).click()
    page.wait_for_url(re.compile(rf"code={OUDE_HAVEN}"), timeout=60_000)
    page.locator(".zb-present h1", has_text="Oude Haven").wait_for(timeout=60_000)
    page.keyboard.press("PageUp")  # a presenter's remote
    page.locator(".zb-present h1", has_text="Centrum").wait_for(timeout=60_000)
    assert exceptions(page) == []


FITS = "() => document.querySelector('[data-testid=stMain]').scrollHeight <= innerHeight + 1"
OUTLINE_FILLS = """() => {
  const box = document.querySelector('.leaflet-container').getBoundingClientRect();
  const paths = [...document.querySelectorAll('path.leaflet-interactive, .leaflet-overlay-pane path')]
    .filter(p => p.getAttribute('stroke') === '#253494');
  if (!paths.length) return false;
  const o = paths[0].getBoundingClientRect();
  return o.left >= box.left - 2 && o.right <= box.right + 2 && o.top >= box.top - 2 && o.bottom <= box.bottom + 2
    && (o.width > 0.6 * box.width || o.height > 0.6 * box.height);
}"""


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)])
def test_presentation_fits_a_small_projector_and_takes_the_keys_from_the_map(app_url, browser, size):
    """Everything on one screen without scrolling (the figures, the map fitted to the neighbourhood, the legend with
    counts, the buttons); after a click in the map a presenter's PageDown and PageUp still step through."""
    visit = open_page(browser, size)
    try:
        page = visit.page
        page.goto(f"{app_url}/presentatie?code={CENTRUM}&lang=nl")
        settle(page, "Buurt 1 van")
        wait_for_drawn(page)
        page.wait_for_function(FITS)
        frame = map_frame(page)
        frame.wait_for_function(OUTLINE_FILLS)
        legend = page.locator(".zb-legend")
        assert "Camera" in legend.inner_text() and "Kleur: het doel" in legend.inner_text()
        assert page.get_by_role("button", name=re.compile("Volgende")).is_visible()
        # No map position in the address: a presentation's link names only the neighbourhood.
        assert "lat=" not in page.url
        box = page.locator(MAP_FRAME).bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.keyboard.press("PageDown")
        page.locator(".zb-present h1", has_text="Oude Haven").wait_for(timeout=60_000)
        wait_for_app(page)
        frame.wait_for_function(OUTLINE_FILLS)  # the same map moved to the next neighbourhood and fits it
        page.keyboard.press("PageUp")  # the focus is still in the map
        page.locator(".zb-present h1", has_text="Centrum").wait_for(timeout=60_000)
        page.wait_for_function(FITS)
        # A step never greys the slide out: what Streamlit marks as stale while it redraws keeps full opacity.
        stale_opacity = page.evaluate("""() => {
          const el = document.querySelector('[data-testid="stElementContainer"]');
          el.setAttribute('data-stale', 'true');
          const o = getComputedStyle(el).opacity;
          el.removeAttribute('data-stale');
          return o;
        }""")
        assert stale_opacity == "1"
        assert exceptions(page) == []
        assert visit.errors == []
    finally:
        visit.page.context.close()


def check_pdf(pdf: bytes, code: str, data, tmp_path: Path) -> str:
    """The sheet is two pages: it names the neighbourhood, its figures and every flagged registration (shortened to
    a line); page 1 renders to a PNG."""
    facts = neighbourhood_facts(data, code)
    text = pdf_text(pdf)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    assert squeeze(facts.name) in squeeze(text)
    for figure in (format_value(facts.summary.total, "nl", 0), format_value(facts.summary.per_km2, "nl"),
                   format_value(facts.summary.per_1000_residents, "nl")):
        assert figure in text
    missing = [n for n in facts.flagged["name"] if "\u202e" not in n and squeeze(n[:100]) not in squeeze(text)]
    assert missing == []
    if shutil.which("pdftoppm"):
        out = tmp_path / "page1"
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", "-", str(out)],
                       input=pdf, check=True, timeout=60)
        assert (tmp_path / "page1.png").stat().st_size > 10_000
    return text


def test_fact_sheet_downloads_as_a_pdf(app_url, visit, tmp_path):
    page = visit.page
    page.goto(f"{app_url}/buurt?code={CENTRUM}&lang=nl")
    settle(page, "Alle registraties in deze buurt")
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name=re.compile("Feitenblad")).click()
    assert download.value.suggested_filename == f"zichtbaar-{CENTRUM}-nl.pdf"
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    check_pdf(pdf, CENTRUM, load_demo(), tmp_path)


def test_phone_width_needs_no_horizontal_scrolling(app_url, phone):
    page = phone.page
    page.goto(f"{app_url}/buurt?code={CENTRUM}&lang=nl")
    settle(page, "Alle registraties in deze buurt")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


# ---------------------------------------------------------------- a hostile register


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory, browser) -> Iterator[tuple[str, object]]:
    register = write_hostile_register(tmp_path_factory.mktemp("hostile"))
    env = {"ZICHTBAAR_REGISTER": str(register), "ZICHTBAAR_NEIGHBOURHOODS": str(DEMO_NEIGHBOURHOODS)}
    with streamlit_server(env) as url:
        v = open_page(browser)
        v.page.goto(f"{url}/?lang=nl")
        settle(v.page, "Het register in cijfers")
        v.page.context.close()
        yield url, load_files(register, DEMO_NEIGHBOURHOODS)


def test_hostile_names_run_nothing_and_print_literally(hostile_app, visit, tmp_path):
    url, data = hostile_app
    code = next(c for c in data.neighbourhoods["code"]
                if (neighbourhood_facts(data, c).registrations["name"] == IMG).any())
    page = visit.page
    page.goto(f"{url}/buurt?code={code}&lang=nl")
    settle(page, "Alle registraties in deze buurt")
    wait_for_drawn(page)
    assert page.evaluate(f"() => {XSS_MARKER}") is None
    assert exceptions(page) == []
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name=re.compile("Feitenblad")).click()
    check_pdf(Path(download.value.path()).read_bytes(), code, data, tmp_path)
    assert SCRIPT not in page.content()
