"""The crosswalk from Amsterdam's registers to the register format: one table per field, in one place.

Amsterdam's Sensorenregister (its API `api/devices/` and the owners' bulk sheet `Sensorregistratie`) uses its
own words: 11 sensor types and `Overig`, themes such as "Mobiliteit: auto", region names such as
"Stadsdeel Centrum", and free-text legal grounds. Each table below says what such a value becomes in the
register format; docs/register-format.md ("Amsterdam's registers") shows the same tables to people, and
tests/unit/test_crosswalk.py checks every row. A value that is in no table is never guessed: the functions
here say so (None, or an empty match), and geo.amsterdam reports it with its row and field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

# ---------------------------------------------------------------- how source values are compared


def norm(value: object) -> str:
    """A source value as the tables compare it: case-folded, spaces collapsed, ` (niet verplicht)` dropped.

    >>> norm("  Optische /  camera SENSOR "), norm("Thema 2 (niet verplicht)")
    ('optische / camera sensor', 'thema 2')
    """
    text = " ".join(str(value or "").split()).casefold()
    return text.removesuffix(" (niet verplicht)").strip()


# ---------------------------------------------------------------- sensor types


@dataclass(frozen=True)
class TypeRow:
    """One of Amsterdam's sensor types and what it becomes.

    Attributes
    ----------
    source : the type as Amsterdam writes it (its API, its sheet, or SensRNet's main category it derives from).
    sensor_type : the register's sensor_type code.
    data_personal, data_other : the data_types when the device does / does not process personal data.
    """

    source: str
    sensor_type: str
    data_personal: tuple[str, ...]
    data_other: tuple[str, ...]


#: Amsterdam's 11 sensor types and `Overig`, then the spellings of SensRNet's main categories
#: (Kadaster's national sensor register, on which Amsterdam's model is based) where they differ.
SENSOR_TYPES: tuple[TypeRow, ...] = (
    TypeRow("Optische / camera sensor", "camera", ("images_identifiable",), ("images_anonymised",)),
    TypeRow("Geluidsensor", "sound", ("audio_recording",), ("sound_level",)),
    TypeRow("Aanwezigheid of nabijheidsensor", "presence", ("presence",), ("presence",)),
    TypeRow("Positie- of verplaatsingsensor", "position", ("location",), ("location",)),
    TypeRow("Chemiesensor", "air", ("environmental",), ("environmental",)),
    TypeRow("Klimaatsensor", "climate", ("environmental",), ("environmental",)),
    TypeRow("Temperatuursensor", "climate", ("environmental",), ("environmental",)),
    TypeRow("Vloeistof- en gasstroomsensor", "water", ("environmental",), ("environmental",)),
    TypeRow("Electriciteitssensor", "energy", ("environmental",), ("environmental",)),
    TypeRow("Druksensor", "other", ("environmental",), ("environmental",)),
    TypeRow("Dichtheidssensor", "other", ("environmental",), ("environmental",)),
    TypeRow("Overig", "other", ("other",), ("other",)),
    # SensRNet's spellings of the same main categories.
    TypeRow("Optische sensor", "camera", ("images_identifiable",), ("images_anonymised",)),
    TypeRow("Dichtheidsensor", "other", ("environmental",), ("environmental",)),
    TypeRow("Nabijheidssensor", "presence", ("presence",), ("presence",)),
    TypeRow("Stroomsensor", "water", ("environmental",), ("environmental",)),
    TypeRow("Vloeistof- en gaststroomsensor", "water", ("environmental",), ("environmental",)),
)
_TYPE_BY_NAME = MappingProxyType({norm(r.source): r for r in SENSOR_TYPES})


def sensor_type_row(value: str) -> TypeRow | None:
    """The row of SENSOR_TYPES that `value` names, or None.

    >>> sensor_type_row("geluidsensor").sensor_type, sensor_type_row("Lidar") is None
    ('sound', True)
    """
    return _TYPE_BY_NAME.get(norm(value))


def words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive pattern for whole words or phrases; a word ending in `*` also matches longer words.

    >>> bool(words_pattern(["kenteken*", "tel"]).search("Kentekens tellen"))
    True
    >>> bool(words_pattern(["tel"]).search("telefoon"))
    False
    """
    return _words_pattern(tuple(words))


@cache
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    parts = [re.escape(w.removesuffix("*")).replace(r"\ ", r"\s+") + (r"\w*" if w.endswith("*") else "") for w in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class TextRule:
    """What the device's own words (its type, what it measures and its goals) say unambiguously.

    Attributes
    ----------
    name : the rule's name (docs and tests).
    applies_to : the sensor_type codes (from SENSOR_TYPES) the rule looks at.
    words : whole words or phrases, any case; `*` at the end also matches longer words ("kenteken*": "kentekens").
    sensor_type : the sensor_type it becomes ("" to keep it).
    data_types : the data_types it gets instead of the type's; with `adds`, on top of them.
    adds : add data_types rather than replace them.
    """

    name: str
    applies_to: tuple[str, ...]
    words: tuple[str, ...]
    sensor_type: str
    data_types: tuple[str, ...]
    adds: bool = False

    def matches(self, text: str) -> bool:
        return words_pattern(self.words).search(text) is not None


#: Applied in this order after SENSOR_TYPES; a camera that reads licence plates is a licence-plate camera.
TEXT_RULES: tuple[TextRule, ...] = (
    TextRule("licence_plates", ("camera",), ("kenteken*", "anpr", "nummerplaat*", "licence plate*", "license plate*"),
             "anpr", ("licence_plates",)),
    TextRule("wifi_bluetooth", ("presence", "other"), ("wifi", "wi-fi", "bluetooth"), "wifi_bluetooth",
             ("device_ids",)),
    TextRule("counting", ("camera", "presence"),
             ("tel", "telt", "tellen", "telling", "tellingen", "aantal", "aantallen"), "", ("counts",), adds=True),
)


def classify(source_type: str, words: str, personal: bool | None) -> tuple[str, tuple[str, ...]] | None:
    """(sensor_type, data_types) for an Amsterdam type and the device's own words; None for an unknown type.

    >>> classify("Optische / camera sensor", "Kentekens van passerende auto's", True)
    ('anpr', ('licence_plates',))
    >>> classify("Optische / camera sensor", "Aantal schepen dat voorbij vaart", False)
    ('camera', ('images_anonymised', 'counts'))
    >>> classify("Chemiesensor", "NO2", None)
    ('air', ('environmental',))
    """
    row = sensor_type_row(source_type)
    if row is None:
        return None
    sensor_type = row.sensor_type
    data = list(row.data_personal if personal else row.data_other)
    for rule in TEXT_RULES:
        if sensor_type in rule.applies_to and rule.matches(words):
            if rule.adds:
                data += [d for d in rule.data_types if d not in data]
            else:
                data = list(rule.data_types)
            sensor_type = rule.sensor_type or sensor_type
    return sensor_type, tuple(data)


#: What the register's own sensor types are called in Amsterdam's words (the amsterdam-api export).
EXPORT_TYPES = MappingProxyType({
    "camera": "Optische / camera sensor", "anpr": "Optische / camera sensor", "sound": "Geluidsensor",
    "air": "Chemiesensor", "climate": "Klimaatsensor", "presence": "Aanwezigheid of nabijheidsensor",
    "wifi_bluetooth": "Aanwezigheid of nabijheidsensor", "traffic": "Aanwezigheid of nabijheidsensor",
    "water": "Vloeistof- en gasstroomsensor", "fill_level": "Overig", "energy": "Electriciteitssensor",
    "position": "Positie- of verplaatsingsensor", "other": "Overig",
})

# ---------------------------------------------------------------- themes


@dataclass(frozen=True)
class ThemeRow:
    """One of Amsterdam's themes (or SensRNet's, whose list Amsterdam's derives from) and its purpose code."""

    source: str
    purpose: str


#: Amsterdam's themes first, then SensRNet's 23 themes by their Dutch names. A theme "Main: detail" that is not
#: listed gets the purpose of its main theme when that is listed ("Mobiliteit: vaartuig" -> traffic).
THEMES: tuple[ThemeRow, ...] = (
    ThemeRow("Veiligheid", "safety"),
    ThemeRow("Veiligheid: bewakings- en/of beveiligingscamera", "safety"),
    ThemeRow("Veiligheid: gezondheid", "health"),
    ThemeRow("Veiligheid: crowd management", "crowd"),
    ThemeRow("Veiligheid: verkeersveiligheid", "traffic"),
    ThemeRow("Mobiliteit", "traffic"),
    ThemeRow("Mobiliteit: auto", "traffic"),
    ThemeRow("Mobiliteit: fiets", "traffic"),
    ThemeRow("Mobiliteit: voetganger", "traffic"),
    ThemeRow("Mobiliteit: railverkeer", "traffic"),
    ThemeRow("Mobiliteit: vaartuig", "traffic"),
    ThemeRow("Mobiliteit: parkeren", "parking"),
    ThemeRow("Milieu", "environment"),
    ThemeRow("Milieu: geluid", "environment"),
    ThemeRow("Milieu: lucht", "environment"),
    ThemeRow("Milieu: water", "environment"),
    ThemeRow("Drukte", "crowd"),
    ThemeRow("Handhaving", "enforcement"),
    ThemeRow("Parkeren", "parking"),
    ThemeRow("Klimaat", "climate_energy"),
    ThemeRow("Overig", "other"),
    # SensRNet (Waardelijst Datastreams Themes), Dutch names.
    ThemeRow("Energie", "climate_energy"),
    ThemeRow("Landbouw, visserij, voedselkwaliteit", "nature"),
    ThemeRow("Transport", "traffic"),
    ThemeRow("Afval", "waste"),
    ThemeRow("Bodem", "environment"),
    ThemeRow("Geluid", "environment"),
    ThemeRow("Klimaatverandering", "climate_energy"),
    ThemeRow("Lucht", "environment"),
    ThemeRow("Natuur- en landschapsbeheer", "nature"),
    ThemeRow("Water", "environment"),
    ThemeRow("Ruimtelijke ordening", "infrastructure"),
    ThemeRow("Waterbeheer", "infrastructure"),
    ThemeRow("Luchtvaart", "traffic"),
    ThemeRow("Openbaar vervoer", "traffic"),
    ThemeRow("Rail- en wegverkeer", "traffic"),
    ThemeRow("Scheepvaart", "traffic"),
    ThemeRow("Bouwen en verbouwen", "infrastructure"),
    ThemeRow("Woningmarkt", "research"),
    ThemeRow("Gezondheidsrisico's", "health"),
    ThemeRow("Statistiek", "research"),
    ThemeRow("Onderzoek en Wetenschap", "research"),
    ThemeRow("MarketingEnReclame", "commercial"),
)
_THEME_BY_NAME = MappingProxyType({norm(r.source): r.purpose for r in THEMES})


def theme_purpose(value: str) -> str | None:
    """The purpose code of one theme, by THEMES or its main theme; None when neither is listed.

    >>> theme_purpose("Mobiliteit: auto"), theme_purpose("Mobiliteit: bus"), theme_purpose("Sport: voetbal")
    ('traffic', 'traffic', None)
    """
    key = norm(value)
    if key in _THEME_BY_NAME:
        return _THEME_BY_NAME[key]
    main, colon, _ = key.partition(":")
    return _THEME_BY_NAME.get(main.strip()) if colon else None


#: The theme written for each purpose in the amsterdam-api export (each maps back to its purpose).
EXPORT_THEMES = MappingProxyType({
    "safety": "Veiligheid", "enforcement": "Handhaving", "traffic": "Mobiliteit", "parking": "Parkeren",
    "crowd": "Drukte", "environment": "Milieu", "climate_energy": "Energie", "waste": "Afval",
    "infrastructure": "Ruimtelijke ordening", "nature": "Natuur- en landschapsbeheer",
    "health": "Veiligheid: gezondheid", "research": "Onderzoek en Wetenschap", "services": "Overig",
    "commercial": "MarketingEnReclame", "other": "Overig",
})

# ---------------------------------------------------------------- regions (stadsdelen) and their areas


@dataclass(frozen=True)
class RegionRow:
    """One of Amsterdam's region names and the buurten it covers: the stadsdeel letter of their code, or all."""

    source: str
    stadsdeel: str  # the first letter of Amsterdam's buurt code (BU0363A... is Centrum); "*" for the whole city


#: The CBS code of an Amsterdam buurt is `BU0363` + Amsterdam's own buurt code, whose first letter is its
#: stadsdeel (../shared/realdata/SOURCES.md). `Stadsdeel X` and `X` are the same region.
REGIONS: tuple[RegionRow, ...] = (
    RegionRow("Centrum", "A"),
    RegionRow("Westpoort", "B"),
    RegionRow("West", "E"),
    RegionRow("Nieuw-West", "F"),
    RegionRow("Zuid", "K"),
    RegionRow("Oost", "M"),
    RegionRow("Noord", "N"),
    RegionRow("Weesp", "S"),
    RegionRow("Zuidoost", "T"),
    RegionRow("Geheel Amsterdam", "*"),
    RegionRow("Heel Amsterdam", "*"),
    RegionRow("Amsterdam", "*"),
)
_REGION_BY_NAME = MappingProxyType({norm(r.source): r for r in REGIONS})
#: The CBS code prefix of Amsterdam's buurten.
AMSTERDAM_BUURT_PREFIX = "BU0363"


def region_row(value: str) -> RegionRow | None:
    """The row of REGIONS that a region name means (with or without `Stadsdeel `), or None.

    >>> region_row("Stadsdeel Nieuw-West").stadsdeel, region_row("geheel amsterdam").stadsdeel
    ('F', '*')
    >>> region_row("Haven-Stad") is None
    True
    """
    key = norm(value)
    return _REGION_BY_NAME.get(key.removeprefix("stadsdeel ").strip())


def region_buurt_codes(row: RegionRow, codes: Iterable[str]) -> list[str]:
    """Which of the neighbourhood `codes` a region covers.

    >>> region_buurt_codes(region_row("Centrum"), ["BU0363AA01", "BU0363EA01", "BU02330000"])
    ['BU0363AA01']
    >>> region_buurt_codes(region_row("Geheel Amsterdam"), ["BU0363AA01", "BU0363EA01", "BU02330000"])
    ['BU0363AA01', 'BU0363EA01']
    """
    prefix = AMSTERDAM_BUURT_PREFIX + ("" if row.stadsdeel == "*" else row.stadsdeel)
    return [c for c in codes if str(c).upper().startswith(prefix)]


# ---------------------------------------------------------------- legal grounds (GDPR art. 6(1))


@dataclass(frozen=True)
class GroundRule:
    """The words that name one GDPR art. 6(1) ground (or `none`, no personal data), and its letter (a-f)."""

    legal_basis: str
    words: tuple[str, ...]
    letter: str = ""

    def pattern(self) -> re.Pattern[str]:
        return _ground_pattern(self.words, self.letter)


@cache
def _ground_pattern(words: tuple[str, ...], letter: str) -> re.Pattern[str]:
    named = words_pattern(words).pattern
    if letter:
        # "art. 6(1)(e)", "6 lid 1 sub e", "artikel 6, eerste lid, onder e", "6.1.e"
        named += (r"|6\s*(?:\(\s*1\s*\)|,?\s*lid\s*1|,?\s*(?:eerste|1e)\s+lid|\.1)\s*[,.]?\s*"
                  rf"(?:sub|onder|under|point)?\s*\(?{letter}\)?(?!\w)")
    return re.compile(named, re.IGNORECASE)


#: A text is mapped when it names exactly one ground (by its words, or by its letter in "art. 6(1)(e)",
#: "artikel 6 lid 1 sub e" or "6, eerste lid, onder e") and no negation ("geen", "niet", "not", "no") turns it
#: around; else the ground is unknown and the text is kept as the legal reference.
GROUND_RULES: tuple[GroundRule, ...] = (
    GroundRule("consent", ("toestemming", "consent"), "a"),
    GroundRule("contract", ("overeenkomst", "contract"), "b"),
    GroundRule("legal_obligation", ("wettelijke verplichting", "legal obligation"), "c"),
    GroundRule("vital_interests", ("vitaal belang", "vitale belangen", "vital interest", "vital interests"), "d"),
    GroundRule("public_task", ("algemeen belang", "openbaar gezag", "publieke taak", "publiekrechtelijke taak",
                               "public task", "public interest", "official authority"), "e"),
    GroundRule("legitimate_interest", ("gerechtvaardigd belang", "gerechtvaardigde belangen", "legitimate interest",
                                       "legitimate interests"), "f"),
    GroundRule("none", ("n.v.t.", "n.v.t", "nvt", "niet van toepassing", "geen persoonsgegevens", "not applicable",
                        "no personal data")),
)
_NEGATION = re.compile(r"\b(geen|niet|not|no)\b", re.IGNORECASE)


@cache
def legal_basis(text: str) -> str | None:
    """The legal_basis code a legal-ground text names unambiguously, or None.

    >>> legal_basis("Bescherming vitale belangen betrokkene(n) of van een andere natuurlijke persoon)")
    'vital_interests'
    >>> legal_basis("AVG art. 6 lid 1 sub e"), legal_basis("Taak van algemeen belang / openbaar gezag")
    ('public_task', 'public_task')
    >>> legal_basis("Verkeersmanagement in de rol van wegbeheerder") is None
    True
    >>> legal_basis("Toestemming of gerechtvaardigd belang") is None, legal_basis("Geen toestemming nodig") is None
    (True, True)
    """
    found = {r.legal_basis for r in GROUND_RULES if r.pattern().search(text)}
    if found == {"none"}:
        return "none"
    found.discard("none")
    if len(found) != 1 or _NEGATION.search(text):
        return None
    return found.pop()


# ---------------------------------------------------------------- yes/no


#: How Amsterdam says whether personal data are processed: JSON booleans, and these words.
PERSONAL_DATA = MappingProxyType({"ja": True, "nee": False, "true": True, "false": False, "yes": True, "no": False})


def personal_data(value: object) -> bool | None:
    """Amsterdam's contains_pi_data / "Worden er persoonsgegevens verwerkt?" as a bool, or None.

    >>> personal_data(True), personal_data(" Ja "), personal_data("misschien")
    (True, True, None)
    """
    if isinstance(value, bool):
        return value
    return PERSONAL_DATA.get(norm(value))
