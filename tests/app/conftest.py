"""AppTest fixtures and the one way the tests open a page.

AppTest resets `PagesManager.uses_pages_directory` before every run, and because this project has a
`pages/` folder, Streamlit then takes the legacy pages-directory path: from the second run on it executes
the current page script directly and skips dashboard.py (its st.navigation, language switch and URL
writing). A real server sets the flag once and st.navigation turns it off for good. The autouse fixture
below gives AppTest the real server's behaviour.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from geo.geocode import ENV_URL
from tests.conftest import PROJECT_DIR
from tests.unit.test_geocode import GeocoderStandIn

APP = str(PROJECT_DIR / "dashboard.py")


def open_page(path: str | None, /, *, lang: str | None = "nl", timeout: float = 120,
              start: Mapping[str, str] | None = None, **query: str | list[str]) -> AppTest:
    """The app run on the start page, then switched to the page script `path` (e.g. "pages/kaart.py") and run.

    `lang` (None: no language in the URL) and the `start` parameters are in the URL from the first run on,
    as when a visitor opens a link; `query` is added to the URL after the switch, before the page's run.
    With `path` None the app stays on the start page: one run, with everything in the URL.
    """
    at = AppTest.from_file(APP, default_timeout=timeout)
    if lang is not None:
        at.query_params["lang"] = lang
    at.query_params.update(start or {})
    if path is not None:
        at.run()
        at.switch_page(path)
    at.query_params.update(query)
    return at.run()


@pytest.fixture(autouse=True)
def navigation_not_pages_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def geocoder(monkeypatch: pytest.MonkeyPatch) -> Iterator[GeocoderStandIn]:
    """A stand-in for PDOK's Locatieserver on loopback, with the demo city's addresses."""
    with GeocoderStandIn().running() as stand_in:
        monkeypatch.setenv(ENV_URL, stand_in.url)
        yield stand_in


def html_text(at: AppTest) -> str:
    """Every st.html block of the run, joined."""
    return "\n".join(h.value for h in at.html)


def page_text(at: AppTest) -> str:
    """The visible text of a run: titles, headings, Markdown, captions, alerts and the HTML blocks."""
    parts = [t.value for t in at.title] + [h.value for h in at.subheader] + [m.value for m in at.markdown]
    parts += [c.value for c in at.caption] + [e.value for e in at.error] + [w.value for w in at.warning]
    parts += [i.value for i in at.info] + [s.value for s in at.success]
    return "\n".join(parts) + "\n" + html_text(at)
