"""AppTest of presentation mode (/presentatie?code=...): one neighbourhood per view, next and previous, no chrome."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.dataset import load_demo
from tests.app.conftest import open_page

CODES = load_demo().neighbourhoods["code"].astype(str).tolist()


def present(lang: str, **query: str) -> AppTest:
    return open_page("pages/presentatie.py", lang=lang, start=query)


def html(at: AppTest) -> str:
    return "\n".join(h.value for h in at.html)


@pytest.mark.parametrize(("lang", "words"), [("nl", "sensoren en camera's"), ("en", "sensors and cameras")])
def test_shows_one_neighbourhood_in_large_type(lang: str, words: str) -> None:
    at = present(code="BU99990001", lang=lang)
    assert not at.exception
    assert "<h1>Centrum</h1>" in html(at)
    assert words in html(at).replace("&#x27;", "'")
    assert "zb-n" in html(at)  # the big figures


def test_page_css_hides_sidebar_header_and_the_frame() -> None:
    at = present(code="BU99990001", lang="nl")
    style = "\n".join(h.value for h in at.html if "<style>" in h.value)
    for target in ("stSidebar", "stHeader", "stToolbar", "st-key-lang-switch"):
        assert target in style
    assert "display: none" in style


def test_next_moves_to_the_following_neighbourhood() -> None:
    at = present(code=CODES[0], lang="nl")
    at.button(key="present.next").click().run()
    assert not at.exception
    assert at.query_params["code"] == CODES[1]
    assert "<h1>Oude Haven</h1>" in html(at)


def test_previous_from_the_first_wraps_to_the_last() -> None:
    at = present(code=CODES[0], lang="nl")
    at.button(key="present.prev").click().run()
    assert at.query_params["code"] == CODES[-1]


def test_next_from_the_last_wraps_to_the_first() -> None:
    at = present(code=CODES[-1], lang="en")
    at.button(key="present.next").click().run()
    assert at.query_params["code"] == CODES[0]


def test_a_press_during_a_redraw_steps_from_where_the_url_is_now() -> None:
    """A presenter pressing PageUp while the page still redraws the next neighbourhood: Streamlit then runs
    the callback registered by the earlier run. The step is taken from the URL, so the viewer goes back
    one (to the first), not to the first's own previous (the last)."""
    at = present(code=CODES[0], lang="nl")
    at.query_params["code"] = CODES[1]  # "Volgende" has moved the URL; this run's buttons are stale
    at.button(key="present.prev").click().run()
    assert not at.exception
    assert at.query_params["code"] == CODES[0]


def test_position_is_shown() -> None:
    at = present(code=CODES[2], lang="en")
    assert f"Neighbourhood 3 of {len(CODES)}" in html(at)


def test_buttons_have_keyboard_shortcuts_for_a_presenter_remote() -> None:
    at = present(code=CODES[0], lang="nl")
    assert at.button(key="present.next").proto.shortcut.lower() == "pagedown"
    assert at.button(key="present.prev").proto.shortcut.lower() == "pageup"
    assert at.button(key="present.exit").proto.shortcut.lower() in ("esc", "escape")


def test_exit_returns_to_the_neighbourhood_page() -> None:
    at = present(code=CODES[1], lang="nl")
    at.button(key="present.exit").click().run()
    assert not at.exception
    assert at.query_params["code"] == CODES[1]
    assert any("zb-buurt-title" in h.value for h in at.html)


def test_without_a_code_it_starts_at_the_first_neighbourhood() -> None:
    at = present(lang="nl")
    assert not at.exception
    assert "<h1>Centrum</h1>" in html(at)


@pytest.mark.parametrize(("lang", "message"), [
    ("nl", "Deze buurt kennen we niet"),
    ("en", "We do not know this neighbourhood"),
])
def test_unknown_code_says_so_and_links_back(lang: str, message: str) -> None:
    at = present(code="<b>BU1</b>", lang=lang)
    assert not at.exception
    assert message in at.error[0].value
    assert [link.proto.page for link in at.get("page_link")] == ["buurten"]
    assert "BU1" not in html(at)


def test_map_of_the_neighbourhood_is_shown() -> None:
    at = present(code=CODES[0], lang="nl")
    (component,) = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    assert "#253494" in component.proto.json_args
