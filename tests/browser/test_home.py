"""The start page in a real browser: it draws, switches language through the URL, and asks nothing outside."""

from __future__ import annotations

import pytest

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
