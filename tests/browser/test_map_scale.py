"""A large register's map in headless Chromium: clustered on the server one view at a time (geo/viewgrid.py), it
still draws exactly the registrations the filters keep, at every zoom, and a click on a cluster brings the next
view's clusters.

The server here clusters every register on the server ($ZICHTBAAR_SERVER_CLUSTERS_FROM=0), so that the demo's
registrations go the way a million would; bench/bench_scale.py measures the million itself.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from geo.dataset import load_demo
from geo.filters import FilterIndex, Filters, apply
from geo.viewgrid import Anchors, ViewBox
from tests.browser.conftest import MAP_FRAME, map_frame, open_start_page, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

COUNT = re.compile(r"([\d.]+) van ([\d.]+) registraties")
#: In the map's frame, once the registrations drawn are the server's answer for the view the map shows: what the
#: drawing stands for, counted on the page itself (each cluster's count from its label, plus every single icon).
DRAWN_COUNT = """() => {
  const d = window.zbDrawn, v = d && d.view;
  if (!v || v.z !== map_div.getZoom()) return null;
  const b = map_div.getBounds();
  if (b.getWest() < v.b[0] || b.getSouth() < v.b[1] || b.getEast() > v.b[2] || b.getNorth() > v.b[3]) return null;
  let n = 0;
  for (const el of document.querySelectorAll('.zb-cluster')) n += parseInt(el.title.replace(/\\D/g, ''), 10);
  const icons = document.querySelectorAll('.zb-marker').length;
  return {n: n + icons, icons, clusters: document.querySelectorAll('.zb-cluster').length, declared: d.n,
          b: v.b, z: v.z};
}"""
CENTRE = (52.4703, 5.5497)


@pytest.fixture(scope="module")
def server_url(browser):
    with streamlit_server({"ZICHTBAAR_SERVER_CLUSTERS_FROM": "0"}) as url:
        open_start_page(browser, url)
        yield url


@pytest.fixture(scope="module")
def cameras() -> tuple[np.ndarray, Anchors]:
    """The demo register's registrations the filter "camera" keeps, and where each is drawn (read from its file: in a
    fresh clone no server may have built the demo store yet)."""
    data = load_demo()
    reg = data.registrations
    mask = apply(reg, Filters(sensor_type=("camera",)), index=FilterIndex.build(reg))
    return mask, Anchors.of(np.asarray(reg.geometry.array))


def expected_in(cameras, drawn: dict) -> int:
    mask, anchors = cameras
    return int((mask & ViewBox(*drawn["b"], drawn["z"]).contains(anchors)).sum())


def drawn_count(page) -> dict:
    frame = map_frame(page)
    return frame.wait_for_function(DRAWN_COUNT, timeout=60_000, polling=200).json_value()


def cameras_drawn(page, url: str, cameras, zoom: int) -> dict:
    """The map of the cameras at `zoom` around CENTRE, once drawn; what it draws is what the filter keeps in view."""
    page.goto(f"{url}/kaart?lang=nl&f_sensor_type=camera&lat={CENTRE[0]}&lon={CENTRE[1]}&z={zoom}")
    wait_for_app(page)
    drawn = drawn_count(page)
    assert drawn["n"] == drawn["declared"] == expected_in(cameras, drawn) > 0
    return drawn


@pytest.mark.parametrize("zoom", [12, 14, 16, 18])
def test_the_clusters_and_icons_drawn_add_up_to_the_filtered_registrations_in_view(server_url, visit, cameras, zoom):
    page = visit.page
    drawn = cameras_drawn(page, server_url, cameras, zoom)
    if zoom <= 14:
        assert drawn["clusters"] > 0
    if zoom == 12:  # the whole city in view: every camera the filter keeps, as the page counts them
        shown = int(COUNT.search(page.locator("[data-testid='stMain']").inner_text()).group(1).replace(".", ""))
        assert drawn["n"] == shown == int(cameras[0].sum())


def test_a_click_on_a_cluster_zooms_in_and_the_server_sends_that_view(server_url, visit, cameras):
    page = visit.page
    page.goto(f"{server_url}/kaart?lang=nl&f_sensor_type=camera&lat={CENTRE[0]}&lon={CENTRE[1]}&z=13")
    wait_for_app(page)
    before = drawn_count(page)
    assert before["clusters"] > 0
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    # The biggest cluster well inside the map (not under the legend or a control).
    title = map_frame(page).evaluate("""() => {
        const box = document.querySelector('.leaflet-container').getBoundingClientRect();
        const inside = [...document.querySelectorAll('.zb-cluster')].filter(el => {
            const r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
            const top = document.elementFromPoint(x, y);
            return x > box.left + 80 && x < box.right - 80 && y > box.top + 80 && y < box.bottom - 120
                   && top && el.contains(top);
        });
        inside.sort((a, b) => parseInt(b.title.replace(/\\D/g, ''), 10) - parseInt(a.title.replace(/\\D/g, ''), 10));
        return inside.length ? inside[0].title : null;
    }""")
    assert title
    page.frame_locator(MAP_FRAME).locator(f'.zb-cluster[title="{title}"]').click()
    frame = map_frame(page)
    frame.wait_for_function("() => map_div.getZoom() === 15 && window.zbDrawn.view.z === 15", timeout=60_000)
    after = drawn_count(page)
    assert after["z"] == 15
    assert after["n"] == after["declared"] == expected_in(cameras, after)
    assert after["n"] >= int(re.sub(r"\D", "", title))  # the cluster's registrations are all in the new view


# --- a lean register (geo.store.lean): on PostGIS the server keeps facts only and asks the database for the rest ---


@pytest.fixture(scope="module")
def lean_url(browser):
    """A server on the demo register in PostGIS, kept as facts ($ZICHTBAAR_LEAN_FROM=0)."""
    import os

    from geo.schema import DEMO_NEIGHBOURHOODS, DEMO_REGISTER
    from geo.store import import_register
    from tests.unit.conftest import PG_ENV, postgis_store

    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"${PG_ENV} is not set; `bash .ci/postgis.sh` starts PostGIS and prints the URL")
    with postgis_store(base) as url:
        import_register(DEMO_REGISTER, DEMO_NEIGHBOURHOODS, store=url, municipality="Voorbeeldstad", is_demo=True)
        with streamlit_server({"ZICHTBAAR_DB": url, "ZICHTBAAR_LEAN_FROM": "0"}) as app:
            open_start_page(browser, app)
            yield app


@pytest.mark.parametrize("zoom", [12, 16])
def test_on_a_lean_register_the_map_draws_exactly_the_filtered_registrations(lean_url, visit, cameras, zoom):
    drawn = cameras_drawn(visit.page, lean_url, cameras, zoom)
    if zoom == 16:
        assert drawn["icons"] > 0  # single icons: their rows came from the database


def test_on_a_lean_register_a_chosen_registration_and_a_search_come_from_the_database(lean_url, visit):
    data = load_demo()
    camera = data.registrations[data.registrations["id"] == "VBS-0082"].iloc[0]
    page = visit.page
    page.goto(f"{lean_url}/kaart?lang=nl&sel=VBS-0082")
    wait_for_app(page)
    panel = page.locator(".st-key-map-detail")
    panel.get_by_text(camera["name"]).first.wait_for(timeout=60_000)  # its row, from the database
    page.goto(f"{lean_url}/kaart?lang=nl&f_text=markt")
    wait_for_app(page)
    want = int(apply(data.registrations, Filters(text="markt"), index=FilterIndex.build(data.registrations)).sum())
    shown = int(COUNT.search(page.locator("[data-testid='stMain']").inner_text()).group(1).replace(".", ""))
    assert shown == want > 0


def test_on_a_lean_register_the_policy_pages_download_holds_every_shortfall_from_the_database(lean_url, visit,
                                                                                              tmp_path):
    """The principles check on facts: the download is made on the click, every reference and name read from the
    database, and holds each registration that falls short of a principle, once per principle."""
    import csv
    import io

    from geo.principles import principle_counts
    from geo.text import text
    from tests.browser.test_hostile import download_once

    data = load_demo()
    want = {(row.code, i) for row in principle_counts(data.registrations) for i in row.ids}
    page = visit.page
    page.goto(f"{lean_url}/beleid?lang=en&section=principles")
    wait_for_app(page)
    button = page.get_by_role("button", name="Download as CSV")
    button.wait_for(timeout=60_000)
    path = tmp_path / "principles.csv"
    download_once(page, button).save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    names = dict(zip(data.registrations["id"], data.registrations["name"], strict=True))
    assert len(rows) == len(want) > 20
    assert all(names[r["Reference"]] == r["Name"] for r in rows)
    assert {r["Principle"] for r in rows} == {text(f"principle.{c}", "en") for c, _ in want}
