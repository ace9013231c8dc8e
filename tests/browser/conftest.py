"""Browser fixtures: a Streamlit server on loopback and headless Debian Chromium driven by Playwright.

Every request that leaves localhost is recorded and aborted (map tiles get a blank image), so no test
needs the internet and a test can assert that the page asked for nothing outside.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import PROJECT_DIR

CHROMIUM = os.environ.get("ZB_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PNG1 = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(base: str) -> bool:
    """Whether the Streamlit server at `base` answers its health endpoint."""
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def wait_until_up(proc: subprocess.Popen, is_up, timeout: float) -> bool:
    """Whether `is_up()` came true within `timeout` seconds while `proc` kept running: between two polls the
    wait is on the process itself, so a server that exits is noticed at once."""
    deadline = time.monotonic() + timeout
    while not is_up():
        try:
            proc.wait(0.2)
            return False  # it exited
        except subprocess.TimeoutExpired:
            if time.monotonic() > deadline:
                return False
    return True


@contextmanager
def streamlit_server(env: dict[str, str] | None = None, timeout: float = 90,
                     app: str | Path = "dashboard.py") -> Iterator[str]:
    """Start `streamlit run <app>` (default the dashboard) on a free loopback port; yield its URL once healthy."""
    port = free_port()
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=PROJECT_DIR, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_until_up(proc, lambda: healthy(base), timeout):
            log.seek(0)
            raise RuntimeError(f"streamlit did not start:\n{log.read()[-3000:]}")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        os.unlink(log.name)


def open_start_page(browser, url: str) -> None:
    """Make a fresh server's very first request the start page.

    A deep link as the very first request after a server start lands on the start page (ui/__init__.py
    switches Streamlit's legacy pages/ mode off with a rerun that forgets the requested page); test_home
    covers that case itself.
    """
    visit = open_page(browser)
    try:
        visit.page.goto(f"{url}/?lang=nl")
        wait_for_app(visit.page, timeout=90_000)
    finally:
        visit.page.context.close()


@pytest.fixture(scope="session")
def app_url(browser) -> Iterator[str]:
    """The dashboard on the demo, its first visit made (see open_start_page)."""
    with streamlit_server() as url:
        open_start_page(browser, url)
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's launch() gives Chromium a fresh temporary profile (user-data-dir) of its own.
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


def is_local(url: str) -> bool:
    return (urlsplit(url).hostname or "") in LOCAL_HOSTS or url.startswith(("data:", "blob:", "about:"))


class Visit:
    """A browser page with a record of the requests that tried to leave localhost."""

    def __init__(self, page) -> None:
        self.page = page
        self.outside: list[str] = []
        self.errors: list[str] = []

    def route(self, route) -> None:
        url = route.request.url
        self.outside.append(url)
        if re.search(r"/\d+/\d+/\d+(\.png|\.jpe?g)?(\?|$)", url):
            route.fulfill(body=PNG1, content_type="image/png")
        else:
            route.abort()


def open_page(browser, viewport: tuple[int, int] = (1280, 900), *, init_script: str | None = None,
              **options: object) -> Visit:
    """A fresh browser context and page in Dutch; `options` go to new_context, `init_script` runs in every frame."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale="nl-NL",
                                  service_workers="block", **options)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    visit = Visit(page)
    # Only requests that leave localhost are intercepted: routing the app's own requests through
    # Playwright stalls frames that Streamlit creates after a widget change.
    context.route(lambda url: not is_local(url), visit.route)
    page.on("pageerror", lambda e: visit.errors.append(str(e)))
    return visit


@pytest.fixture
def visit(browser) -> Iterator[Visit]:
    v = open_page(browser)
    yield v
    v.page.context.close()


@pytest.fixture
def phone(browser) -> Iterator[Visit]:
    v = open_page(browser, (390, 844))
    yield v
    v.page.context.close()


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Wait until Streamlit has finished running the script (the app says its run is over, no running indicator,
    main block present)."""
    page.wait_for_selector("[data-testid='stMain']", timeout=timeout)
    # ... and the page speaks its own language: ui/chrome has set <html lang> and put Streamlit's words in it. The
    # running indicator shows only after a while: a long run has none at first, so the app's own state is asked.
    page.wait_for_function(
        "() => ['notRunning', 'compilationError'].includes("
        "document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState)"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelectorAll('[data-testid=\"stMarkdownContainer\"]').length > 0"
        " && document.documentElement.lang === (new URLSearchParams(location.search).get('lang') || 'nl')",
        timeout=timeout)


#: The st_folium map's frame.
MAP_FRAME = "iframe[title*='st_folium']"
#: One document (the page or a frame in it) has drawn: its frames and images have loaded (or failed: an
#: image's error handler has run then), its charts have their canvas, and a map with the registrations
#: layer has drawn it (window.zbDrawn, set by zb_map.js). A map's frame gets its map after it loaded.
DRAWN = """() => {
  if (document.readyState !== 'complete' || ![...document.images].every(i => i.complete)) return false;
  for (const f of document.querySelectorAll('iframe')) {
    const d = f.contentDocument;
    if (!d) continue;  // another origin: not ours to wait for
    if (d.readyState !== 'complete' || (f.getAttribute('src') && d.URL === 'about:blank')) return false;
  }
  if (location.pathname.includes('st_folium') && !window.map_div) return false;
  if (window.map_div) {
    if (!window.map_div._loaded) return false;
    let layer = false;
    window.map_div.eachLayer(l => { layer = layer || (L.ZbRegistrations && l instanceof L.ZbRegistrations); });
    if (layer && window.zbDrawn === undefined) return false;
  }
  return [...document.querySelectorAll("[data-testid='stVegaLiteChart']")].every(c => c.querySelector('canvas, svg'));
}"""
#: Two animation frames later: what changed before this is painted.
PAINTED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"


def wait_for_drawn(page, timeout: float = 60_000) -> None:
    """Wait until the app has run and the page and every frame in it have drawn (DRAWN), then painted."""
    wait_for_app(page, timeout)
    page.wait_for_function(DRAWN, timeout=timeout)  # the page's own frames have loaded: page.frames is complete
    for frame in page.frames:
        if not frame.is_detached():
            frame.wait_for_function(DRAWN, timeout=timeout, polling=100)  # a hidden frame gets no animation frames
    page.evaluate(PAINTED)  # on the page, for the same reason


def map_frame(page):
    """The map's frame once the registrations layer has drawn (window.zbDrawn is set by zb_map.js)."""
    page.wait_for_selector(MAP_FRAME, timeout=60_000)
    # A deep link on a fresh server can still get Streamlit's "Page not found" dialog (see map_url).
    dialog = page.locator("[data-testid='stDialog']")
    if dialog.count():
        page.keyboard.press("Escape")
        dialog.wait_for(state="detached")
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".leaflet-container").wait_for(timeout=60_000)
    for f in page.frames:
        if "st_folium" in f.url:
            f.wait_for_function("() => window.zbDrawn !== undefined", timeout=60_000)
            return f
    raise AssertionError("no map frame")


def exceptions(page) -> list[str]:
    return page.locator("[data-testid='stException']").all_inner_texts()


def open_filters(page) -> None:
    """The filters are in a panel over the map, closed at first: open it as a visitor would."""
    page.locator("[data-testid='stExpandSidebarButton']").click()
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.wait_for()
    wait_for_app(page)  # a run still going redraws the filters' lists under the pointer


def choose_option(page, field, option) -> None:
    """Open a filter's list (`field`, a locator of its stMultiSelect) and pick `option` (a name or a pattern).

    A run that ends while the list is open redraws it, and the option the pointer was about to press is gone:
    open it again, at most three times."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(3):
        field.locator("input").click()
        try:
            page.get_by_role("option", name=option).click(timeout=15_000)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            wait_for_app(page)
