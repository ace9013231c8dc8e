"""The start page in a real browser: it draws, switches language through the URL, and asks nothing outside."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import exceptions, wait_for_app

pytestmark = pytest.mark.browser


def test_start_page_shows_the_figures_and_the_demo_label(app_url, visit):
    page = visit.page
    page.goto(f"{app_url}/?lang=nl")
    wait_for_app(page)
    page.get_by_text("Het register in cijfers").wait_for()
    assert page.get_by_text("verzonnen gegevens").count() >= 1
    assert exceptions(page) == []
    assert visit.errors == []
    assert visit.outside == []  # no fonts, icons, analytics or CDNs from third parties


def test_language_switch_translates_and_puts_lang_in_the_url(app_url, visit):
    page = visit.page
    page.goto(f"{app_url}/")
    wait_for_app(page)
    page.get_by_role("radio", name="English").click()
    page.get_by_text("The register in figures").wait_for()
    page.wait_for_function("() => location.search.includes('lang=en')")


def test_a_shared_english_link_opens_in_english(app_url, visit):
    page = visit.page
    page.goto(f"{app_url}/?lang=en")
    wait_for_app(page)
    page.get_by_text("The register in figures").wait_for()
    assert "lang=en" in page.url


def test_phone_width_needs_no_horizontal_scrolling(app_url, phone):
    page = phone.page
    page.goto(f"{app_url}/?lang=nl")
    wait_for_app(page)
    page.get_by_text("Het register in cijfers").wait_for()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_a_page_link_as_the_first_request_after_start_still_gets_the_frame(browser):
    """A fresh server whose first visitor opens a deep link must still run dashboard.py (nav, language)."""
    from tests.browser.conftest import open_page, streamlit_server

    with streamlit_server() as url:
        visit = open_page(browser)
        try:
            for _ in range(2):
                visit.page.goto(f"{url}/hier?lat=52.47&lon=5.55&r=250&lang=en")
                wait_for_app(visit.page)
                visit.page.get_by_role("radio", name="Nederlands").wait_for(timeout=30_000)
                visit.page.get_by_role("heading", name="What is measured here?").wait_for(timeout=30_000)
                assert "/hier" in visit.page.url and "lat=52.47" in visit.page.url
                assert exceptions(visit.page) == []
        finally:
            visit.page.context.close()


@pytest.mark.parametrize(("lang", "field", "locate"), [("nl", "Adres of postcode", "Gebruik mijn locatie"),
                                                       ("en", "Address or postcode", "Use my location")])
def test_a_residents_question_is_on_the_first_phone_screen(app_url, phone, lang, field, locate):
    """On a phone the first screen asks where the resident is: the address box and the location button."""
    page = phone.page
    page.goto(f"{app_url}/?lang={lang}")
    wait_for_app(page)
    box = page.get_by_label(field)
    box.wait_for()
    frame = page.locator("iframe[title*='geolocation']")
    frame.wait_for()
    page.frame_locator("iframe[title*='geolocation']").get_by_role("button", name=locate).wait_for()
    # In full view without scrolling, once the page has settled (web fonts in, frames at their height).
    for element in (box, frame):
        expect(element).to_be_in_viewport(ratio=1.0, timeout=30_000)
    assert exceptions(page) == []
