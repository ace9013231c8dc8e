"""AppTest of the neighbourhood page (/buurt?code=...): figures, charts, flags, the table, and bad codes."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.dataset import load_demo
from geo.facts import neighbourhood_facts
from geo.schema import DEMO_NEIGHBOURHOODS
from geo.text import number as format_value
from tests.app.conftest import html_text, open_page, page_text
from tests.fixtures.hostile import IMG, SCRIPT, write_hostile_register

CENTRUM = "BU99990001"


@cache
def centrum():
    return neighbourhood_facts(load_demo(), CENTRUM)


def open_buurt(lang: str, **query: str) -> AppTest:
    return open_page("pages/buurt.py", lang=lang, start=query)





@pytest.mark.parametrize(("lang", "heading"), [("nl", "In het kort"), ("en", "In short")])
def test_page_shows_the_neighbourhood_in_both_languages(lang: str, heading: str) -> None:
    at = open_buurt(code=CENTRUM, lang=lang)
    assert not at.exception
    assert "<h1" in html_text(at)
    assert ">Centrum</h1>" in html_text(at)
    assert heading in [h.value for h in at.subheader]
    assert at.query_params["code"] == CENTRUM


def test_page_shows_the_plain_language_summary() -> None:
    at = open_buurt(code=CENTRUM, lang="en")
    expected = centrum().summary.text("en").replace("'", "&#x27;")
    assert expected in html_text(at)


def test_densities_stand_beside_the_city_average() -> None:
    at = open_buurt(code=CENTRUM, lang="nl")
    facts = centrum()
    metrics = {m.label: m for m in at.metric}
    assert metrics["Registraties"].value == format_value(facts.summary.total, "nl", 0)
    assert metrics["Per km²"].value == format_value(facts.summary.per_km2, "nl")
    assert metrics["Per km²"].delta == f"Hele stad: {format_value(facts.city.per_km2, 'nl')}"
    assert metrics["Per 1.000 inwoners"].delta == f"Hele stad: {format_value(facts.city.per_1000_residents, 'nl')}"


def test_four_charts_count_type_purpose_data_type_and_legal_basis() -> None:
    at = open_buurt(code=CENTRUM, lang="en")
    charts = at.get("vega_lite_chart")
    assert len(charts) == 4
    for chart, field in zip(charts, ("by_sensor_type", "by_purpose", "by_data_type", "by_legal_basis"), strict=True):
        spec = json.loads(chart.proto.spec)
        assert "layer" in spec  # bars with their numbers
        datasets = list(chart.proto.datasets)
        assert datasets, "the chart carries its data"
        assert sum(getattr(centrum().summary, field).values()) > 0
    headings = [h.value for h in at.subheader]
    for heading in ("Type of sensor", "Purpose", "Type of data", "Why it is allowed (legal basis, GDPR)"):
        assert heading in headings


def test_flagged_registrations_are_listed() -> None:
    at = open_buurt(code=CENTRUM, lang="nl")
    flagged = at.dataframe[0].value
    assert sorted(flagged["Naam"]) == sorted(centrum().flagged["name"])
    assert set(flagged["Wat past niet"]) == {"Geen raadsbesluit"}


def test_table_lists_every_registration_in_the_neighbourhood() -> None:
    at = open_buurt(code=CENTRUM, lang="en")
    table = at.dataframe[-1].value
    assert len(table) == centrum().summary.total
    assert set(table["Reference"]) == set(centrum().registrations["id"])
    assert {"Name", "Type", "Purpose", "Why it is allowed", "Owner"} <= set(table.columns)


def test_map_shows_the_neighbourhood_and_its_registrations_only() -> None:
    at = open_buurt(code=CENTRUM, lang="nl")
    (component,) = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    args = json.loads(component.proto.json_args)
    layer = args["feature_group"]
    # The compact layer holds each registration of the neighbourhood once as a point and each area once more.
    reg = centrum().registrations
    areas = int((reg.geom_type != "Point").sum())
    assert layer.count('"VBS-') == len(reg) + areas
    assert "#253494" in layer and '"zbFit": true' in layer  # the outline, which the map fits itself to
    assert "unpkg.com" not in args["script"]
    assert "cdn.jsdelivr" not in args["script"]


def test_download_buttons_offer_the_fact_sheet_and_the_area_board() -> None:
    at = open_buurt(code=CENTRUM, lang="en")
    assert [b.proto.label for b in at.get("download_button")] == ["Fact sheet (PDF)", "Area board (PDF)"]


def test_links_lead_back_to_the_overview_and_on_to_presentation_mode() -> None:
    at = open_buurt(code=CENTRUM, lang="nl")
    links = {link.proto.page: link.proto.query_string for link in at.get("page_link")}
    assert links["buurten"] == "lang=nl"
    assert "code=BU99990001" in links["presentatie"]


@pytest.mark.parametrize(("lang", "message"), [
    ("nl", "Deze buurt kennen we niet"),
    ("en", "We do not know this neighbourhood"),
])
def test_unknown_code_says_so_and_links_back(lang: str, message: str) -> None:
    at = open_buurt(code="BU00000000", lang=lang)
    assert not at.exception
    assert message in at.error[0].value
    assert any(link.proto.page == "buurten" for link in at.get("page_link"))


def test_junk_code_is_neither_shown_nor_a_traceback() -> None:
    junk = '<script>alert(1)</script>"; DROP TABLE'
    at = open_buurt(code=junk, lang="en")
    assert not at.exception
    assert at.error
    assert "script" not in page_text(at)


def test_without_a_code_the_page_offers_a_choice() -> None:
    at = open_buurt(lang="nl")
    assert not at.exception
    assert not at.error
    at.selectbox(key="buurt.pick").set_value("BU99990002").run()
    assert at.query_params["code"] == "BU99990002"
    assert ">Oude Haven</h1>" in html_text(at)


def test_code_in_other_letter_case_is_forgiven() -> None:
    at = open_buurt(code=" bu99990001 ", lang="nl")
    assert ">Centrum</h1>" in html_text(at)


def test_switching_language_keeps_the_neighbourhood() -> None:
    at = open_buurt(code=CENTRUM, lang="nl")
    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    assert "In short" in [h.value for h in at.subheader]
    assert at.query_params["code"] == CENTRUM


@pytest.fixture
def hostile_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    register = write_hostile_register(tmp_path)
    monkeypatch.setenv("ZICHTBAAR_REGISTER", str(register))
    monkeypatch.setenv("ZICHTBAAR_NEIGHBOURHOODS", str(DEMO_NEIGHBOURHOODS))
    return register


def test_register_text_is_shown_literally_never_as_markup(hostile_register: Path) -> None:
    from geo.dataset import load_files

    data = load_files(hostile_register, DEMO_NEIGHBOURHOODS)
    code = next(c for c in data.neighbourhoods["code"]
                if (neighbourhood_facts(data, c).registrations["name"] == IMG).any())
    at = open_buurt(code=code, lang="nl")
    assert not at.exception
    table = at.dataframe[-1].value
    assert IMG in set(table["Naam"])  # the table shows the text as it is
    for element in at.html:
        assert "<img" not in element.value
        assert "<script" not in element.value
    assert SCRIPT not in page_text(at)
