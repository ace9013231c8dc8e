"""The registration schema: its fields, the canonical columns, and the problems validation reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path

#: Where the project lives; data/ holds the demo and the default store.
PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
DEMO_REGISTER = DATA_DIR / "demo_register.csv"
DEMO_NEIGHBOURHOODS = DATA_DIR / "demo_buurten.geojson"

WGS84 = "EPSG:4326"
RD_NEW = "EPSG:28992"

#: Lists in a cell are separated by `|`; `;` is accepted where it is not the file's delimiter.
LIST_SEPARATOR = "|"


class Kind(str, Enum):
    """How a field's cell is parsed."""

    TEXT = "text"
    CODE = "code"
    CODES = "codes"
    BOOL = "bool"
    URL = "url"
    DPIA = "dpia"
    DATE = "date"
    NUMBER = "number"
    INTEGER = "integer"


class Required(str, Enum):
    YES = "yes"
    PERSONAL = "when personal_data is yes"
    NO = "no"


@dataclass(frozen=True)
class Field:
    """One registration field as REGISTER_FORMAT.md documents it."""

    name: str
    required: Required
    kind: Kind
    nl: str
    en: str


FIELDS: tuple[Field, ...] = (
    Field("id", Required.YES, Kind.TEXT, "Kenmerk", "Reference"),
    Field("name", Required.YES, Kind.TEXT, "Naam", "Name"),
    Field("sensor_type", Required.YES, Kind.CODE, "Soort sensor", "Sensor type"),
    Field("purpose", Required.YES, Kind.CODES, "Doel", "Purpose"),
    Field("data_types", Required.YES, Kind.CODES, "Soort gegevens", "Data types"),
    Field("personal_data", Required.YES, Kind.BOOL, "Persoonsgegevens", "Personal data"),
    Field("legal_basis", Required.PERSONAL, Kind.CODE, "Grondslag", "Legal basis"),
    Field("legal_reference", Required.NO, Kind.TEXT, "Wettelijke basis", "Legal reference"),
    Field("owner", Required.YES, Kind.TEXT, "Eigenaar", "Owner"),
    Field("contact", Required.NO, Kind.TEXT, "Contact", "Contact"),
    Field("privacy_statement_url", Required.PERSONAL, Kind.URL, "Privacyverklaring", "Privacy statement"),
    Field("dpia", Required.NO, Kind.DPIA, "DPIA", "DPIA"),
    Field("retention", Required.NO, Kind.TEXT, "Bewaartermijn", "Retention"),
    Field("retention_days", Required.NO, Kind.INTEGER, "Bewaartermijn (dagen)", "Retention (days)"),
    Field("biometric", Required.NO, Kind.BOOL, "Biometrie", "Biometrics"),
    Field("council_decision", Required.NO, Kind.TEXT, "Besluit gemeenteraad", "Council decision"),
    Field("algorithm_register_url", Required.NO, Kind.URL, "Algoritmeregister", "Algorithm register"),
    Field("status", Required.NO, Kind.CODE, "Status", "Status"),
    Field("active_from", Required.NO, Kind.DATE, "Actief vanaf", "Active from"),
    Field("active_until", Required.NO, Kind.DATE, "Actief tot", "Active until"),
    Field("direction", Required.NO, Kind.NUMBER, "Kijkrichting (graden)", "Direction (degrees)"),
    Field("field_of_view", Required.NO, Kind.NUMBER, "Kijkhoek (graden)", "Field of view (degrees)"),
    Field("range_m", Required.NO, Kind.NUMBER, "Bereik (meter)", "Range (metres)"),
    Field("description", Required.NO, Kind.TEXT, "Uitleg", "Description"),
    Field("location_description", Required.NO, Kind.TEXT, "Plaats", "Location"),
    Field("source", Required.NO, Kind.CODE, "Bron", "Source"),
    Field("last_checked", Required.NO, Kind.DATE, "Laatst gecontroleerd", "Last checked"),
)
FIELD_BY_NAME = {f.name: f for f in FIELDS}

#: Columns of every accepted register, in this order, plus `row` (where it came from) and geometry.
#: Lists (purpose, data_types) are stored `|`-joined; booleans as bool; dates as datetime64;
#: numbers as float (NaN when absent); text as str ("" when absent).
COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS) + ("row",)

#: Default view range per sensor type, in metres, when range_m is absent.
DEFAULT_RANGE_M = {
    "camera": 50.0, "anpr": 30.0, "sound": 100.0, "air": 50.0, "climate": 50.0,
    "presence": 30.0, "wifi_bluetooth": 75.0, "traffic": 30.0, "water": 10.0,
    "fill_level": 5.0, "energy": 5.0, "position": 20.0, "other": 25.0,
}
DEFAULT_FIELD_OF_VIEW = 60.0


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """A rejected row or a warning: where it is, which field, a stable code, and what to do."""

    row: int
    id: str
    field: str
    code: str
    message_nl: str
    message_en: str
    severity: Severity = Severity.ERROR

    def as_dict(self) -> dict[str, object]:
        d = asdict(self)
        d.pop("severity")
        return d

    def message(self, lang: str) -> str:
        return self.message_nl if lang == "nl" else self.message_en


def split_codes(cell: str) -> list[str]:
    """Split a stored list cell into its codes.

    >>> split_codes("safety|traffic")
    ['safety', 'traffic']
    >>> split_codes("")
    []
    """
    return [c for c in str(cell).split(LIST_SEPARATOR) if c]
