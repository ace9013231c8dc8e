"""WCAG 2.1 AA on every page in both languages, checked by axe-core inside headless Chromium.

axe-core comes from the npm registry (`.ci/test` installs it into tests/browser/node_modules); it is
injected into the page and into every frame in it (the map's frame included).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import exceptions, open_page, wait_for_drawn

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"

PAGES = [
    "/",
    "/kaart",
    "/hier?lat=52.4703&lon=5.5497&r=250",
    "/buurten",
    "/buurt?code=BU99990001",
    "/presentatie?code=BU99990001",
    "/beleid",
    "/controle",
    "/melding?ref=ABCD-EFGH",
]

RUN_AXE = """async () => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                 nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


#: The sidebar has come to rest: open, or closed and hidden (while Streamlit slides it, it is neither).
SIDEBAR_AT_REST = """() => {
  const s = document.querySelector('[data-testid="stSidebar"]');
  return !s || s.getAttribute('data-collapsed') === 'false' || getComputedStyle(s).visibility === 'hidden';
}"""


def settle(page) -> None:
    wait_for_drawn(page)  # the map frame and charts have finished drawing before the audit
    page.wait_for_function(SIDEBAR_AT_REST)


def violations(page, again: bool = True) -> list[dict]:
    """axe's findings in the page and every frame in it, as they stand once the page is at rest.

    A frame that Streamlit replaces while it is audited (a component's frame swapped under full-suite load) is for a
    moment a document without a title, a language or even a document element: whatever is found, or such an error,
    the page is left to settle and audited once more, and that second audit counts. A real violation is found
    both times.
    """
    try:
        found = _violations(page)
    except Exception as err:
        if not again or "documentElement" not in str(err):
            raise
        found = None
    if found == [] or not again:
        return found or []
    settle(page)
    return violations(page, again=False)


def _violations(page) -> list[dict]:
    found = []
    for frame in page.frames:
        try:
            if frame.is_detached() or (frame.url.startswith(("about:", "data:")) and frame != page.main_frame):
                continue
            frame.add_script_tag(path=str(AXE))
            for v in frame.evaluate(RUN_AXE):
                found.append({**v, "frame": frame.url.split("?")[0][-60:]})
        except Exception as err:  # a frame that navigated away mid-audit is not a violation
            if "detached" not in str(err).lower() and "navigat" not in str(err).lower():
                raise
    return found


@pytest.fixture(scope="module", autouse=True)
def need_axe() -> None:
    if not AXE.exists():
        pytest.skip("axe-core is not installed (bash .ci/test installs it)")


#: What residents open on a phone (the sensor page has its own phone audit in test_sensor.py): the drawer, the
#: bottom sheet and the stacked columns are other markup than on a laptop.
PHONE_PAGES = ["/", "/kaart", "/hier?lat=52.4703&lon=5.5497&r=250", "/buurten", "/buurt?code=BU99990001",
               "/melding?ref=ABCD-EFGH"]
AUDITS = [("laptop", p) for p in PAGES] + [("phone", p) for p in PHONE_PAGES]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("size", "path"), AUDITS)
def test_page_has_no_wcag_aa_violations(app_url, browser, size: str, path: str, lang: str) -> None:
    visit = open_page(browser, (1280, 900) if size == "laptop" else (390, 844))
    try:
        page = visit.page
        sep = "&" if "?" in path else "?"
        page.goto(f"{app_url}{path}{sep}lang={lang}")
        settle(page)
        assert exceptions(page) == []
        assert violations(page) == []
    finally:
        visit.page.context.close()
