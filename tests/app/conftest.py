"""AppTest fixtures.

AppTest resets `PagesManager.uses_pages_directory` before every run, and because this project has a
`pages/` folder, Streamlit then takes the legacy pages-directory path: from the second run on it executes
the current page script directly and skips dashboard.py (its st.navigation, language switch and URL
writing). A real server sets the flag once and st.navigation turns it off for good. The autouse fixture
below gives AppTest the real server's behaviour.
"""

from __future__ import annotations

import pytest
from streamlit.runtime.pages_manager import PagesManager


@pytest.fixture(autouse=True)
def navigation_not_pages_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
