"""AppTest of the frame and the start page, in both languages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_page


def run_app(lang: str | None = None) -> AppTest:
    """The start page; without `lang` the URL has no language."""
    return open_page(None, lang=lang)


def all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.title] + [m.value for m in at.caption]
    parts += [m.value for m in at.info] + [str(m.label) for m in at.metric]
    return "\n".join(parts)


@pytest.mark.parametrize(("lang", "phrase", "demo_word"), [
    ("nl", "Registraties", "verzonnen"),
    ("en", "Registrations", "made-up"),
])
def test_start_page_runs_in_both_languages(lang: str, phrase: str, demo_word: str) -> None:
    at = run_app(lang=lang)
    assert not at.exception
    text = all_text(at)
    assert phrase in text
    assert demo_word in text  # demo data is labelled fictional
    assert at.query_params["lang"] == lang


def test_dutch_is_the_default_and_kept_in_the_url() -> None:
    at = run_app()
    assert not at.exception
    assert at.query_params["lang"] == "nl"
    assert "Registraties" in all_text(at)


def test_language_switch_changes_the_text_and_the_url() -> None:
    at = run_app()
    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    assert "Registrations" in all_text(at)
    assert at.query_params["lang"] == "en"


def test_unknown_language_in_url_falls_back_to_dutch() -> None:
    at = run_app(lang="xx")
    assert not at.exception
    assert "Registraties" in all_text(at)


def test_headline_figures_match_the_register() -> None:
    from geo.dataset import load_demo

    at = run_app(lang="en")
    total = next(m for m in at.metric if m.label == "Registrations")
    assert total.value.replace(",", "") == str(len(load_demo().registrations))


def test_an_address_on_the_start_page_opens_near_me_there(geocoder) -> None:
    """A resident's first question is answered from the first screen: the address search leads to near-me."""
    at = run_app(lang="nl")
    at.text_input(key="near.query").input("Molenstraat 131")
    next(b for b in at.button if b.label == "Zoeken").click().run()
    assert not at.exception
    assert (at.query_params["spot_lat"], at.query_params["spot_lon"]) == ("52.46979", "5.56451")
    assert "Molenstraat 131, 8225BB Voorbeeldstad" in "\n".join(t.value for t in at.text)
    # Back on the start page later, nothing pulls the resident to near-me again.
    again = run_app(lang="nl")
    assert "spot_lat" not in again.query_params


def test_an_address_not_found_on_the_start_page_is_said_there(geocoder) -> None:
    at = run_app(lang="en")
    at.text_input(key="near.query").input("Nergensstraat 99")
    next(b for b in at.button if b.label == "Search").click().run()
    assert not at.exception
    assert "No place found" in "\n".join(w.value for w in at.warning)
    assert "spot_lat" not in at.query_params
