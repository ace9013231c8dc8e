"""The register's code lists: one table per list, each code with its Dutch and English label."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Code:
    """One entry of a code list.

    Attributes
    ----------
    code : stable English identifier, as stored and written to files.
    nl, en : the label shown to residents in Dutch and English.
    """

    code: str
    nl: str
    en: str

    def label(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


def _table(*rows: tuple[str, str, str]) -> Mapping[str, Code]:
    return MappingProxyType({c: Code(c, nl, en) for c, nl, en in rows})


SENSOR_TYPES = _table(
    ("camera", "Camera", "Camera"),
    ("anpr", "Kentekencamera", "Licence-plate camera"),
    ("sound", "Geluidsensor", "Sound sensor"),
    ("air", "Luchtkwaliteitsensor", "Air-quality sensor"),
    ("climate", "Klimaat- en weersensor", "Climate and weather sensor"),
    ("presence", "Aanwezigheids- en telsensor", "Presence and counting sensor"),
    ("wifi_bluetooth", "Wifi- of bluetoothteller", "WiFi or Bluetooth counter"),
    ("traffic", "Verkeersteller", "Traffic counter"),
    ("water", "Water- en stromingssensor", "Water and flow sensor"),
    ("fill_level", "Vulgraadsensor", "Fill-level sensor"),
    ("energy", "Energiesensor", "Energy sensor"),
    ("position", "Positie- en bewegingssensor", "Position and motion sensor"),
    ("other", "Overig", "Other"),
)

PURPOSES = _table(
    ("safety", "Openbare orde en veiligheid", "Public order and safety"),
    ("enforcement", "Handhaving", "Enforcement"),
    ("traffic", "Verkeer en mobiliteit", "Traffic and mobility"),
    ("parking", "Parkeren", "Parking"),
    ("crowd", "Drukte", "Crowd management"),
    ("environment", "Milieu en leefomgeving", "Environment"),
    ("climate_energy", "Klimaat en energie", "Climate and energy"),
    ("waste", "Afval en reiniging", "Waste"),
    ("infrastructure", "Beheer openbare ruimte", "Public-space maintenance"),
    ("nature", "Natuur", "Nature"),
    ("health", "Gezondheid", "Health"),
    ("research", "Onderzoek en statistiek", "Research and statistics"),
    ("services", "Dienstverlening en informatie", "Services and information"),
    ("commercial", "Commercieel en reclame", "Commercial and advertising"),
    ("other", "Overig", "Other"),
)

DATA_TYPES = _table(
    ("images_identifiable", "Herkenbare beelden", "Identifiable images"),
    ("images_anonymised", "Geanonimiseerde beelden", "Anonymised images"),
    ("licence_plates", "Kentekens", "Licence plates"),
    ("device_ids", "Apparaat-ID's (wifi, bluetooth)", "Device identifiers"),
    ("audio_recording", "Geluidsopnamen", "Audio recordings"),
    ("sound_level", "Geluidsniveau", "Sound level"),
    ("counts", "Tellingen", "Counts"),
    ("presence", "Aanwezigheid", "Presence"),
    ("environmental", "Meetwaarden omgeving", "Environmental measurements"),
    ("location", "Locatiegegevens", "Location data"),
    ("other", "Overig", "Other"),
)

LEGAL_BASES = _table(
    ("consent", "Toestemming", "Consent"),
    ("contract", "Uitvoering overeenkomst", "Contract"),
    ("legal_obligation", "Wettelijke verplichting", "Legal obligation"),
    ("vital_interests", "Vitale belangen", "Vital interests"),
    ("public_task", "Publieke taak", "Public task"),
    ("legitimate_interest", "Gerechtvaardigd belang", "Legitimate interest"),
    ("none", "Niet van toepassing: geen persoonsgegevens", "Not applicable: no personal data"),
    ("unknown", "Onbekend", "Unknown"),
)

#: GDPR art. 6(1) letter of each ground, shown beside the label.
GDPR_ARTICLE = MappingProxyType(
    {"consent": "a", "contract": "b", "legal_obligation": "c", "vital_interests": "d",
     "public_task": "e", "legitimate_interest": "f"}
)

STATUSES = _table(
    ("active", "Actief", "Active"),
    ("planned", "Gepland", "Planned"),
    ("inactive", "Niet actief", "Inactive"),
)

SOURCES = _table(
    ("register", "Register", "Register"),
    ("osm", "OpenStreetMap", "OpenStreetMap"),
    ("import", "Import", "Import"),
)

#: Every code list by the field it belongs to.
CODE_LISTS: Mapping[str, Mapping[str, Code]] = MappingProxyType(
    {
        "sensor_type": SENSOR_TYPES,
        "purpose": PURPOSES,
        "data_types": DATA_TYPES,
        "legal_basis": LEGAL_BASES,
        "status": STATUSES,
        "source": SOURCES,
    }
)


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


_LOOKUP: dict[str, dict[str, str]] = {
    field: {
        key: c.code
        for c in table.values()
        for key in (_norm(c.code), _norm(c.nl), _norm(c.en))
    }
    for field, table in CODE_LISTS.items()
}
# The GDPR letters and a few common spellings are accepted for the legal basis.
_LOOKUP["legal_basis"].update(
    {
        **{f"6(1){v}": k for k, v in GDPR_ARTICLE.items()},
        **{f"art. 6(1){v}": k for k, v in GDPR_ARTICLE.items()},
        "n.v.t.": "none", "nvt": "none", "n.v.t": "none", "geen": "none",
        "public task": "public_task", "legitimate interest": "legitimate_interest",
    }
)


def parse_code(field: str, value: str) -> str | None:
    """Return the code that `value` names in the list of `field`, or None.

    The code, the Dutch or the English label is accepted, case-insensitive and with
    surrounding and doubled spaces ignored.

    >>> parse_code("sensor_type", "  kentekencamera ")
    'anpr'
    >>> parse_code("legal_basis", "Public Task")
    'public_task'
    >>> parse_code("purpose", "spying") is None
    True
    """
    return _LOOKUP[field].get(_norm(value))


def label(field: str, code: str, lang: str) -> str:
    """The label of `code` in `lang`; an unknown code is returned as it is."""
    entry = CODE_LISTS[field].get(code)
    return entry.label(lang) if entry else code


def codes(field: str) -> list[str]:
    """The codes of one list, in their documented order."""
    return list(CODE_LISTS[field])
