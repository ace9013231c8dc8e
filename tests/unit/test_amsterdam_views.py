"""Entries imported from Amsterdam's register on every view: the map's detail card, near-me, a neighbourhood's
page and its PDF show them, with nothing lost that the source held (owner, goals, legal ground, privacy
statement, active until), and their text shown literally."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from geo.dataset import Dataset
from geo.facts import neighbourhood_facts, registration_table
from geo.factsheet import factsheet_pdf
from geo.mapping import registration_card
from geo.nearby import nearby
from geo.nearby_text import card, card_html
from geo.readers import read_registers
from geo.viewstate import Spot
from tests.fixtures.amsterdam import PRIVACY, SCRIPT, TODAY, neighbourhoods, write_api_pages

#: What the source said of device AMS-CAM-1 (tests/fixtures/amsterdam.py).
OWNER, CONTACT = "Gemeente Amsterdam", "verkeersmanagement@amsterdam.nl"
GOAL, GROUND = "Toezicht openbare orde", "Taak van algemeen belang / openbaar gezag"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    folder = tmp_path_factory.mktemp("amsterdam")
    report = read_registers(write_api_pages(folder), neighbourhoods(), today=TODAY)
    return Dataset(report.accepted, neighbourhoods(), "Amsterdam", False, datetime(2026, 6, 1, tzinfo=UTC),
                   "devices_page1.json")


def row_of(data: Dataset, rid: str) -> dict:
    reg = data.registrations
    return reg[reg["id"] == rid].iloc[0].to_dict()


def test_the_map_card_holds_everything_the_source_said(data: Dataset) -> None:
    html = registration_card(row_of(data, "AMS-CAM-1"), "nl", "Dam")
    for said in (OWNER, CONTACT, f"Doel: {GOAL}", GROUND, "Op de lantaarnpaal bij het monument",
                 "Wat meet de sensor: Beelden van de Dam", "1 januari 2050", "Import", "Publieke taak"):
        assert said in html, said
    assert f'href="{PRIVACY}"' in html


def test_the_map_card_keeps_every_goal_and_privacy_statement(data: Dataset) -> None:
    html = registration_card(row_of(data, "TEL-5"), "en")
    assert "Doel: Drukte meten<br>Doel: Onderzoek" in html
    assert "Privacyverklaring: https://www.amsterdam.nl/privacy/onderzoek" in html
    assert "Toestemming; Taak van algemeen belang" in html and "Unknown" in html


def test_the_map_card_shows_html_from_the_source_as_text(data: Dataset) -> None:
    html = registration_card(row_of(data, "LUCHT-<b>4</b>"), "en")
    assert SCRIPT not in html and "&lt;script&gt;window.__xss=1&lt;/script&gt; NO2" in html
    assert "&lt;b&gt;Dam&lt;/b&gt; &amp; omgeving" in html


def test_near_me_tells_the_owner_goal_ground_privacy_and_end_date(data: Dataset) -> None:
    found = nearby(data.registrations, Spot(52.373, 4.892), 50)
    cam = found[found["id"] == "AMS-CAM-1"].iloc[0].to_dict()
    c = card(cam, "nl")
    html = card_html(c)
    assert OWNER in c.headline and GROUND in c.text()
    assert "Het staat er tot en met 1 januari 2050." in c.text()
    assert f"Doel: {GOAL}" in html and f'href="{PRIVACY}"' in html and f"mailto:{CONTACT}" in html


def test_near_me_lists_a_mobile_device_whose_area_covers_the_spot(data: Dataset) -> None:
    found = nearby(data.registrations, Spot(52.373, 4.905), 10)
    assert "SCAN-1" in set(found["id"])


def test_the_neighbourhood_page_lists_the_imported_entries_with_owner_and_contact(data: Dataset) -> None:
    facts = neighbourhood_facts(data, "BU0363AA01", today=TODAY)
    table = registration_table(facts.registrations, "nl").set_index("id")
    assert {"AMS-CAM-1", "AMS-ANPR-7", "TEL-5", "SCAN-1", "LUCHT-<b>4</b>"} <= set(table.index)
    assert (table.loc["AMS-CAM-1", "owner"], table.loc["AMS-CAM-1", "contact"]) == (OWNER, CONTACT)
    assert table.loc["AMS-ANPR-7", "sensor_type"] == "Kentekencamera"


def test_the_pdf_names_the_imported_entries_and_their_owner(data: Dataset, tmp_path: Path) -> None:
    facts = neighbourhood_facts(data, "BU0363AA01", today=TODAY)
    pdf = factsheet_pdf(facts, "nl", today=TODAY)
    words = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Gemeente Amsterdam" in words and CONTACT in words
    assert "AMS-ANPR-7" in words  # flagged: no council decision, no DPIA
