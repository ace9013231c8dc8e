"""The code lists match REGISTER_FORMAT.md exactly, and every code can be given as code or label."""

from __future__ import annotations

import pytest

from geo.codes import CODE_LISTS, codes, label, parse_code

# Copied from REGISTER_FORMAT.md, "Code lists": (field, code, Dutch label, English label), in order.
FORMAT_CODES: list[tuple[str, str, str, str]] = [
    ("sensor_type", "camera", "Camera", "Camera"),
    ("sensor_type", "anpr", "Kentekencamera", "Licence-plate camera"),
    ("sensor_type", "sound", "Geluidsensor", "Sound sensor"),
    ("sensor_type", "air", "Luchtkwaliteitsensor", "Air-quality sensor"),
    ("sensor_type", "climate", "Klimaat- en weersensor", "Climate and weather sensor"),
    ("sensor_type", "presence", "Aanwezigheids- en telsensor", "Presence and counting sensor"),
    ("sensor_type", "wifi_bluetooth", "Wifi- of bluetoothteller", "WiFi or Bluetooth counter"),
    ("sensor_type", "traffic", "Verkeersteller", "Traffic counter"),
    ("sensor_type", "water", "Water- en stromingssensor", "Water and flow sensor"),
    ("sensor_type", "fill_level", "Vulgraadsensor", "Fill-level sensor"),
    ("sensor_type", "energy", "Energiesensor", "Energy sensor"),
    ("sensor_type", "position", "Positie- en bewegingssensor", "Position and motion sensor"),
    ("sensor_type", "other", "Overig", "Other"),
    ("purpose", "safety", "Openbare orde en veiligheid", "Public order and safety"),
    ("purpose", "enforcement", "Handhaving", "Enforcement"),
    ("purpose", "traffic", "Verkeer en mobiliteit", "Traffic and mobility"),
    ("purpose", "parking", "Parkeren", "Parking"),
    ("purpose", "crowd", "Drukte", "Crowd management"),
    ("purpose", "environment", "Milieu en leefomgeving", "Environment"),
    ("purpose", "climate_energy", "Klimaat en energie", "Climate and energy"),
    ("purpose", "waste", "Afval en reiniging", "Waste"),
    ("purpose", "infrastructure", "Beheer openbare ruimte", "Public-space maintenance"),
    ("purpose", "nature", "Natuur", "Nature"),
    ("purpose", "health", "Gezondheid", "Health"),
    ("purpose", "research", "Onderzoek en statistiek", "Research and statistics"),
    ("purpose", "services", "Dienstverlening en informatie", "Services and information"),
    ("purpose", "commercial", "Commercieel en reclame", "Commercial and advertising"),
    ("purpose", "other", "Overig", "Other"),
    ("data_types", "images_identifiable", "Herkenbare beelden", "Identifiable images"),
    ("data_types", "images_anonymised", "Geanonimiseerde beelden", "Anonymised images"),
    ("data_types", "licence_plates", "Kentekens", "Licence plates"),
    ("data_types", "device_ids", "Apparaat-ID's (wifi, bluetooth)", "Device identifiers"),
    ("data_types", "audio_recording", "Geluidsopnamen", "Audio recordings"),
    ("data_types", "sound_level", "Geluidsniveau", "Sound level"),
    ("data_types", "counts", "Tellingen", "Counts"),
    ("data_types", "presence", "Aanwezigheid", "Presence"),
    ("data_types", "environmental", "Meetwaarden omgeving", "Environmental measurements"),
    ("data_types", "location", "Locatiegegevens", "Location data"),
    ("data_types", "other", "Overig", "Other"),
    ("legal_basis", "consent", "Toestemming", "Consent"),
    ("legal_basis", "contract", "Uitvoering overeenkomst", "Contract"),
    ("legal_basis", "legal_obligation", "Wettelijke verplichting", "Legal obligation"),
    ("legal_basis", "vital_interests", "Vitale belangen", "Vital interests"),
    ("legal_basis", "public_task", "Publieke taak", "Public task"),
    ("legal_basis", "legitimate_interest", "Gerechtvaardigd belang", "Legitimate interest"),
    ("legal_basis", "none", "Niet van toepassing: geen persoonsgegevens", "Not applicable: no personal data"),
    ("legal_basis", "unknown", "Onbekend", "Unknown"),
]
# The format names these codes in the field table without labels; the lists must hold exactly them.
FORMAT_CODES_ONLY: dict[str, list[str]] = {
    "status": ["active", "planned", "inactive"],
    "source": ["register", "osm", "import"],
}

ALL_ENTRIES = [(fld, entry) for fld, table in CODE_LISTS.items() for entry in table.values()]
ENTRY_IDS = [f"{fld}:{entry.code}" for fld, entry in ALL_ENTRIES]


@pytest.mark.parametrize(("fld", "entry"), ALL_ENTRIES, ids=ENTRY_IDS)
def test_every_code_has_a_dutch_and_an_english_label(fld, entry):
    assert entry.label("nl").strip()
    assert entry.label("en").strip()


@pytest.mark.parametrize(("fld", "entry"), ALL_ENTRIES, ids=ENTRY_IDS)
def test_no_label_contains_a_list_separator(fld, entry):
    for text in (entry.code, entry.label("nl"), entry.label("en")):
        assert "|" not in text
        assert ";" not in text


@pytest.mark.parametrize(("fld", "code", "nl", "en"), FORMAT_CODES, ids=[f"{r[0]}:{r[1]}" for r in FORMAT_CODES])
def test_code_and_labels_are_as_the_format_lists_them(fld, code, nl, en):
    assert label(fld, code, "nl") == nl
    assert label(fld, code, "en") == en


@pytest.mark.parametrize("fld", ["sensor_type", "purpose", "data_types", "legal_basis"])
def test_code_list_holds_exactly_the_formats_codes_in_order(fld):
    assert codes(fld) == [code for f, code, _, _ in FORMAT_CODES if f == fld]


@pytest.mark.parametrize(("fld", "expected"), FORMAT_CODES_ONLY.items())
def test_status_and_source_hold_exactly_the_formats_codes(fld, expected):
    assert codes(fld) == expected


def test_code_lists_are_the_six_coded_fields():
    assert set(CODE_LISTS) == {"sensor_type", "purpose", "data_types", "legal_basis", "status", "source"}


def _spellings(text: str) -> list[str]:
    return [text, text.upper(), text.lower(), f"  {text}  ", f"\t{text.swapcase()} "]


@pytest.mark.parametrize(("fld", "entry"), ALL_ENTRIES, ids=ENTRY_IDS)
def test_parse_code_accepts_code_dutch_and_english_label_in_any_case_with_spaces(fld, entry):
    for given in (entry.code, entry.label("nl"), entry.label("en")):
        for spelling in _spellings(given):
            assert parse_code(fld, spelling) == entry.code, spelling


@pytest.mark.parametrize(("fld", "value"), [
    ("sensor_type", "spycam"), ("purpose", "spying"), ("legal_basis", "public task f"),
    ("sensor_type", ""), ("sensor_type", "camera|anpr"), ("data_types", "<script>counts</script>"),
])
def test_parse_code_refuses_what_is_no_code_or_label(fld, value):
    assert parse_code(fld, value) is None


@pytest.mark.parametrize("fld", list(CODE_LISTS))
def test_no_spelling_names_two_codes_of_one_list(fld):
    keys = [k for c in CODE_LISTS[fld].values()
            for k in {c.code.casefold(), c.label("nl").casefold(), c.label("en").casefold()}]
    assert len(keys) == len(set(keys))
