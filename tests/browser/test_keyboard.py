"""Keyboard only: every filter, the list of registrations, the detail, the map's icons and the language switch
can be reached with Tab and used with the keys, nothing traps the focus, and the focus is always visible."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image, ImageChops

from tests.browser.conftest import PAINTED, exceptions, map_frame, wait_for_app, wait_for_drawn

pytestmark = pytest.mark.browser

# Close in on the demo's centre: single icons rather than clusters, and few enough to Tab past.
MAP = "/kaart?lang=nl&base=none&lat=52.4715&lon=5.545&z=18"
# The focused element, looked up through frames: where it is, what it is called, and its box on the page.
ACTIVE = """() => {
  let doc = document, el = doc.activeElement, x = 0, y = 0, frame = false;
  while (el && el.tagName === 'IFRAME') {
    const r = el.getBoundingClientRect(); x += r.left; y += r.top;
    try { doc = el.contentDocument; el = doc.activeElement; frame = true; } catch (e) { break; }
  }
  if (!el || el === doc.body) return {tag: 'BODY', name: '', role: '', frame, testid: ''};
  // A hidden stand-in (st.dataframe's grid moves the focus to an invisible table cell): its visible holder.
  let shown = el;
  while (shown.parentElement && !shown.getBoundingClientRect().width) shown = shown.parentElement;
  const r = shown.getBoundingClientRect(), holder = el.closest('[data-testid]');
  return {tag: el.tagName, role: el.getAttribute('role') || '', frame,
          name: (el.getAttribute('aria-label') || el.innerText || el.value || '').trim().replace(/\\s+/g, ' '),
          testid: holder ? holder.getAttribute('data-testid') : '',
          box: [x + r.left, y + r.top, r.width, r.height]};
}"""
BLUR = """() => { let el = document.activeElement;
  while (el && el.tagName === 'IFRAME') el = el.contentDocument.activeElement;
  window.__zbBlurred = el; el.blur(); }"""
REFOCUS = "() => window.__zbBlurred.focus()"
# Nothing moves any more: no CSS transition or finite animation runs in the page or its frames, and the focused
# element (or the one just blurred) is where it was one animation frame ago. Polled once a frame.
STILL = """() => {
  const docs = [document];
  for (const f of document.querySelectorAll('iframe')) {
    try { if (f.contentDocument) docs.push(f.contentDocument); } catch (e) {}
  }
  const moving = docs.flatMap(d => d.getAnimations()).some(
    a => a.playState === 'running' && a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  let doc = document, el = doc.activeElement, x = 0, y = 0;
  while (el && el.tagName === 'IFRAME') {
    const r = el.getBoundingClientRect(); x += r.left; y += r.top;
    try { doc = el.contentDocument; el = doc.activeElement; } catch (e) { break; }
  }
  if ((!el || el === doc.body) && window.__zbBlurred) el = window.__zbBlurred;
  const r = el ? el.getBoundingClientRect() : {left: 0, top: 0, width: 0, height: 0};
  const box = [x + r.left, y + r.top, r.width, r.height].join();
  const still = !moving && window.__zbBox === box;
  window.__zbBox = box;
  return still;
}"""


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def tab_to(page, wanted: Callable[[dict], bool], what: str, limit: int = 150, key: str = "Tab") -> dict:
    """Press `key` until the focused element is `wanted`; fail with the stops passed when it never is."""
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)
        page.evaluate(PAINTED)
        now = page.evaluate(ACTIVE)
        if wanted(now):
            return now
        stops.append(f"{now['tag']}:{now['role']}:{now['name'][:30]}")
    raise AssertionError(f"{what} not reached with {key} in {limit} presses; focus went: {stops[-40:]}")


def named(name: str | re.Pattern, role: str | None = None, frame: bool | None = None) -> Callable[[dict], bool]:
    def match(el: dict) -> bool:
        ok = re.search(name, el["name"]) if isinstance(name, re.Pattern) else el["name"] == name
        return bool(ok) and (role is None or el["role"] == role) and (frame is None or el["frame"] == frame)
    return match


#: More changed pixels than this: a visible focus (a text caret alone changes about 20; a ring, hundreds).
RING = 40


def settle(page) -> None:
    """Wait until the focus has finished changing: its transitions have ended, the page has stopped scrolling
    the focused element into view (STILL), and that is painted."""
    page.evaluate("() => { window.__zbBox = null; }")
    page.wait_for_function(STILL)
    page.evaluate(PAINTED)


def focus_ring_pixels(page) -> int:
    """How many pixels around the focused element change when it loses the focus (0: focus not visible)."""
    settle(page)
    el = page.evaluate(ACTIVE)
    x, y, w, h = el["box"]
    size = page.viewport_size
    assert 0 <= y + h and y <= size["height"] and 0 <= x + w and x <= size["width"], f"focused but off screen: {el}"
    left, top = max(0, x - 8), max(0, y - 8)
    clip = {"x": left, "y": top, "width": min(size["width"], x + w + 8) - left,
            "height": min(size["height"], y + h + 8) - top}
    focused = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    page.evaluate(BLUR)
    settle(page)
    blurred = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    page.evaluate(REFOCUS)
    page.evaluate(PAINTED)
    diff = ImageChops.difference(focused, blurred).convert("L").point(lambda v: 255 if v > 40 else 0)
    return diff.histogram()[255]


@pytest.fixture
def map_page(app_url, visit):
    page = visit.page
    page.goto(app_url + MAP)
    wait_for_app(page, timeout=90_000)
    map_frame(page)
    yield page
    assert exceptions(page) == []
    assert visit.errors == []


def open_filters_by_keyboard(page) -> None:
    """The filters' panel opens with its button, from the keyboard."""
    tab_to(page, named("Filters openen", frame=False), "the filters button")
    assert focus_ring_pixels(page) > RING, "no visible focus on the filters button"
    page.keyboard.press("Enter")
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.wait_for()
    # The opened panel takes the focus, so that Tab goes through its filters.
    page.wait_for_function("() => !!document.activeElement.closest(\"[data-testid='stSidebar']\")")


def test_tab_reaches_filters_switch_map_and_list_in_order_with_visible_focus(map_page):
    page = map_page
    open_filters_by_keyboard(page)
    stops = [
        ("the search box", named("Zoeken", frame=False)),
        ("the sensor-type filter", named("Soort sensor", "combobox")),
        ("the personal-data filter", named(re.compile(r"^Ja \(\d"), "radio")),
        ("the principles filter", named("Voldoet niet aan principe", "combobox")),
        ("the language switch", named("Nederlands", "radio")),
        ("the map/table tabs", named("Kaart", "tab")),
        ("the skip-the-map link", named("Sla de kaart over", frame=True)),
        ("an icon on the map", named(re.compile(r" · VBS-\d{4}$"), "button", frame=True)),
    ]
    for what, wanted in stops:
        tab_to(page, wanted, what)
        assert focus_ring_pixels(page) > RING, f"no visible focus on {what}"
    # The skip link takes the focus past every icon, to the list of registrations under the map.
    tab_to(page, named("Sla de kaart over", frame=True), "the skip link again", key="Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({ACTIVE})().name !== 'Sla de kaart over'")  # the focus has moved on
    after = page.evaluate(ACTIVE)
    assert not after["frame"]
    assert after["name"] == "Kies een registratie" and after["role"] == "combobox"
    assert focus_ring_pixels(page) > RING


def test_a_closed_filter_panel_is_out_of_the_keyboards_way(map_page):
    """Closed, the panel's filters take no focus: Tab goes from the top bar to the page, never off screen."""
    page = map_page
    off_screen = []

    def at_the_tabs(el: dict) -> bool:
        if el["box"] and el["box"][0] + el["box"][2] <= 0:
            off_screen.append(el["name"])
        return named("Kaart", "tab")(el)

    tab_to(page, at_the_tabs, "the map/table tabs")
    assert off_screen == []


def test_no_keyboard_trap_tab_goes_through_the_map_and_out_again(map_page):
    page = map_page
    tab_to(page, named("Sla de kaart over", frame=True), "the skip link")
    # Past the link, the map itself (arrow keys pan it) and every icon: Tab leaves the frame again.
    icons = set()

    def out_of_the_map(el: dict) -> bool:
        if el["frame"] and " · " in el["name"]:
            icons.add(el["name"])
        return not el["frame"]

    el = tab_to(page, out_of_the_map, "the page after the map", limit=120)
    assert icons, "no icon on the map took the focus"
    assert el["name"] == "Kies een registratie"


def test_a_filter_works_from_the_keyboard(map_page):
    page = map_page
    open_filters_by_keyboard(page)
    tab_to(page, named("Soort sensor", "combobox"), "the sensor-type filter")
    page.keyboard.type("Camera")
    # The first option is "choose all matches" (camera and licence-plate camera); the next is Camera itself.
    page.get_by_role("option", name=re.compile(r"^Camera \(")).wait_for()
    page.keyboard.press("ArrowDown")
    highlighted = page.evaluate("() => document.getElementById("
                                "document.activeElement.getAttribute('aria-activedescendant')).innerText")
    assert highlighted.startswith("Camera (")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => new URLSearchParams(location.search).get('f_sensor_type') === 'camera'")
    wait_for_app(page)
    sidebar = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text="Soort sensor")
    assert re.search(r"Camera \(\d+\)", sidebar.inner_text())


def test_the_list_opens_a_detail_and_its_close_button_works_from_the_keyboard(map_page):
    page = map_page
    tab_to(page, named("Kies een registratie", "combobox"), "the list of registrations")
    page.keyboard.type("VBS-")
    page.keyboard.press("Enter")
    page.wait_for_function("() => new URLSearchParams(location.search).has('sel')")
    wait_for_app(page)
    chosen = query(page)["sel"][0]
    panel = page.locator(".st-key-map-detail")
    panel.get_by_text("Waarvoor?").first.wait_for()
    assert chosen in panel.inner_text()
    # The detail sits above the list: back up to its close button.
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["name"].endswith("Sluiten"), "the detail's close button",
           key="Shift+Tab")
    assert focus_ring_pixels(page) > RING
    page.keyboard.press("Enter")
    page.wait_for_function("() => !new URLSearchParams(location.search).has('sel')")
    wait_for_app(page)
    assert page.locator(".st-key-map-detail").count() == 0


def test_an_icon_on_the_map_opens_its_detail_with_enter(map_page):
    page = map_page
    el = tab_to(page, named(re.compile(r" · VBS-\d{4}$"), "button", frame=True), "an icon on the map")
    reg_id = el["name"].split(" · ")[1]
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('sel') === {reg_id!r}")
    wait_for_app(page)
    panel = page.locator(".st-key-map-detail")
    panel.get_by_text("Waarvoor?").first.wait_for()
    assert reg_id in panel.inner_text()
    # The icon kept the focus (marked as chosen, not replaced), so Tab goes on from there.
    assert page.evaluate(ACTIVE)["name"].endswith(reg_id)


def test_the_language_switch_works_from_the_keyboard(map_page):
    page = map_page
    tab_to(page, named("Nederlands", "radio"), "the language switch")
    page.keyboard.press("ArrowRight")
    el = page.evaluate(ACTIVE)
    if el["name"] != "English":  # a radio group that moves the focus only, not the choice
        tab_to(page, named("English", "radio"), "English", limit=2, key="ArrowRight")
    page.keyboard.press("Space")
    page.wait_for_function("() => new URLSearchParams(location.search).get('lang') === 'en'")
    wait_for_app(page)
    page.get_by_role("heading", name="Map of cameras and sensors").wait_for()


# --- every page: Tab goes all the way round (no trap), and each stop shows that it has the focus ---

PAGES = ["/", "/kaart", "/hier?lat=52.4703&lon=5.5497&r=100", "/buurten", "/buurt?code=BU99990001", "/beleid",
         "/controle"]


@pytest.mark.parametrize("path", PAGES)
def test_tab_goes_round_every_page_and_every_stop_shows_its_focus(app_url, visit, path):
    """Tab from the top until the focus comes back round; each kind of control is checked for a visible focus
    the first time it is met (links, buttons, inputs, icons on a map...): a screenshot with and without it."""
    page = visit.page
    sep = "&" if "?" in path else "?"
    page.goto(f"{app_url}{path}{sep}lang=nl&base=none")
    wait_for_drawn(page, timeout=90_000)  # maps and charts drawn
    seen: list[str] = []
    kinds: dict[str, int] = {}
    for _ in range(250):
        page.keyboard.press("Tab")
        el = page.evaluate(ACTIVE)
        where = f"{el['tag']}|{el['name'][:40]}|{el.get('box')}"
        if seen and where == seen[0]:
            break  # round the whole page and back at the first stop: nothing held the focus
        seen.append(where)
        kind = f"{el['tag']}|{el['role']}|{el['testid']}|{'frame' if el['frame'] else 'page'}"
        if kind not in kinds and el["tag"] != "BODY":
            kinds[kind] = focus_ring_pixels(page)
    else:
        raise AssertionError(f"Tab never came round on {path}; last stops: {seen[-15:]}")
    assert len(seen) > 3
    assert {k: n for k, n in kinds.items() if n <= RING} == {}, f"focus not visible on {path}"
    assert exceptions(page) == []
