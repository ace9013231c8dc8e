"""A hostile register in a real browser: no payload runs on any page, and the app asks nothing outside.

The register from tests/fixtures/hostile.py carries HTML and script payloads in every text field.
A payload that ran would set `window.__xss`. Every popup and tooltip on every map is rendered for its
own feature, as Leaflet does on click and hover, before the flag is read in every frame.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote, urlsplit

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
from tests.fixtures.hostile import EXPECTED, write_hostile_register

# Renders every popup and tooltip of every Leaflet layer into the document, as ../shared/tools/look.py does
# (a copy: the test does not need ../shared; it then waits for what that HTML loads rather than a fixed time).
RENDER_POPUPS = """() => {
  if (typeof L === 'undefined') return 0;
  const maps = Object.keys(window).map(k => { try { return window[k]; } catch (e) { return null; } })
                 .filter(v => v instanceof L.Map);
  let n = 0; const sink = document.createElement('div'); sink.style.display = 'none';
  document.body.appendChild(sink); const seen = new Set();
  const kids = l => { try { if (l.getLayers) return l.getLayers(); } catch (e) {} return []; };
  const visit = (l, inherited) => {
    if (!l || seen.has(l)) return; seen.add(l);
    const own = [];
    for (const g of ['getPopup', 'getTooltip']) {
      try { const p = l[g] && l[g](); if (p) own.push(p.getContent()); } catch (e) {}
    }
    const contents = own.length ? own.concat(inherited) : inherited;
    const children = kids(l);
    if (children.length) children.forEach(k => visit(k, contents));
    else contents.forEach(c => { try { const d = document.createElement('div');
      const v = typeof c === 'function' ? c(l) : c;
      if (v instanceof HTMLElement) d.appendChild(v.cloneNode(true)); else d.innerHTML = String(v);
      sink.appendChild(d); n++; } catch (e) {} });
  };
  maps.forEach(m => m.eachLayer(l => visit(l, [])));
  return n;
}"""

FIRST_ID = sorted(EXPECTED.accepted_ids)[0]
# An accepted registration whose very id carries a script payload (URL-encoded for the link).
SCRIPT_ID = next(i for i in sorted(EXPECTED.accepted_ids) if "<script>" in i)
PAGES = [
    "/",
    "/kaart",
    f"/kaart?sel={FIRST_ID}",
    "/hier?lat=52.458&lon=5.525&r=500",
    "/buurten",
    "/beleid",
    "/controle",
]


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory, browser) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("hostile")
    register = write_hostile_register(folder)
    env = {"ZICHTBAAR_REGISTER": str(register), "ZICHTBAAR_NEIGHBOURHOODS": str(DEMO_NEIGHBOURHOODS)}
    with streamlit_server(env=env) as url:
        open_start_page(browser, url)
        yield url


def fired(page) -> list[str]:
    hits = []
    for frame in page.frames:
        try:
            if frame.evaluate("() => window.__xss !== undefined"
                              " || (window.parent && window.parent.__xss !== undefined)"):
                hits.append(frame.url)
        except Exception:  # a detached frame
            continue
    return hits


def render_all_popups(page) -> int:
    total = 0
    for frame in page.frames:
        try:
            total += frame.evaluate(RENDER_POPUPS)
        except Exception:
            continue
    return total


@pytest.mark.parametrize("path", PAGES)
def test_no_payload_runs_and_nothing_leaves_localhost(browser, hostile_app, path: str) -> None:
    visit = open_page(browser)
    page = visit.page
    try:
        sep = "&" if "?" in path else "?"
        page.goto(f"{hostile_app}{path}{sep}lang=nl&base=none")
        wait_for_drawn(page)
        render_all_popups(page)
        wait_for_drawn(page)  # what the popups' HTML loads (images, frames) has loaded or failed, handlers run
        assert fired(page) == []
        assert exceptions(page) == []
        # The map page with the "no tiles" base map asks nothing outside localhost at all; the other
        # pages' maps may ask PDOK (the government base map) for tiles, and nobody else.
        if path.startswith("/kaart"):
            assert visit.outside == []
        else:
            assert [u for u in visit.outside if not (urlsplit(u).hostname or "").endswith("pdok.nl")] == []
    finally:
        page.context.close()


def test_payload_text_is_shown_literally_on_the_map_detail(browser, hostile_app) -> None:
    visit = open_page(browser)
    page = visit.page
    try:
        page.goto(f"{hostile_app}/kaart?lang=nl&base=none&sel={quote(SCRIPT_ID)}")
        wait_for_app(page)
        page.get_by_text(SCRIPT_ID).first.wait_for(timeout=30_000)  # shown as text, not run
        assert re.search(r"<script>", page.inner_text("body"))
        assert fired(page) == []
    finally:
        page.context.close()


def download_once(page, button):
    """The file a click on `button` downloads. On a loaded machine a click that lands while Streamlit still wires
    the button up is lost: press again (a visitor would), at most three times."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(3):
        try:
            with page.expect_download(timeout=30_000) as download:
                button.click()
            return download.value
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            wait_for_app(page)
    raise AssertionError("unreachable")


def test_the_csv_download_neutralises_formulas_and_the_table_runs_nothing(browser, hostile_app, tmp_path) -> None:
    """The file a visitor downloads from the map's table tab: formula-like cells start with ', nothing runs."""
    import csv
    import io

    from geo.export import FORMULA_START
    from tests.fixtures.hostile import FORMULAS

    visit = open_page(browser)
    page = visit.page
    try:
        page.goto(f"{hostile_app}/kaart?lang=nl&base=none")
        wait_for_app(page)
        page.get_by_role("tab", name="Tabel en downloads").click()
        button = page.get_by_role("button", name="Download als CSV")
        button.wait_for(timeout=30_000)
        page.locator("[data-testid='stDataFrame']").first.wait_for()
        wait_for_app(page)  # the tab's run finished: a click on a button that is redrawn after it can be lost
        path = tmp_path / "download.csv"
        download_once(page, button).save_as(path)
        rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
        header, body = rows[0], rows[1:]
        assert "id" in header and "name" in header
        assert {r[header.index("id")] for r in body} == set(EXPECTED.accepted_ids)
        # Numbers (lat, lon, direction...) may be negative; every text cell is inert in a spreadsheet.
        numeric = {"lat", "lon", "direction", "field_of_view", "range_m"}
        text_cells = [c for r in body for name, c in zip(header, r, strict=True) if name not in numeric]
        assert [c for c in text_cells if c.startswith(FORMULA_START)] == []
        for formula in FORMULAS:
            assert any(c.startswith("'" + formula) for c in text_cells), formula
        assert fired(page) == []
        assert exceptions(page) == []
        assert visit.outside == []
    finally:
        page.context.close()
