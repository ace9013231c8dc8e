"""The registration schema: its fields, the canonical columns, and the problems validation reports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import Enum
from pathlib import Path

from geo.text import LANGS, text

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
    """One registration field as REGISTER_FORMAT.md documents it; its label is `field.<name>` in geo.text."""

    name: str
    required: Required
    kind: Kind

    def label(self, lang: str) -> str:
        return text(f"field.{self.name}", lang)


FIELDS: tuple[Field, ...] = (
    Field("id", Required.YES, Kind.TEXT),
    Field("name", Required.YES, Kind.TEXT),
    Field("sensor_type", Required.YES, Kind.CODE),
    Field("purpose", Required.YES, Kind.CODES),
    Field("data_types", Required.YES, Kind.CODES),
    Field("personal_data", Required.YES, Kind.BOOL),
    Field("legal_basis", Required.PERSONAL, Kind.CODE),
    Field("legal_reference", Required.NO, Kind.TEXT),
    Field("owner", Required.YES, Kind.TEXT),
    Field("contact", Required.NO, Kind.TEXT),
    Field("privacy_statement_url", Required.PERSONAL, Kind.URL),
    Field("dpia", Required.NO, Kind.DPIA),
    Field("retention", Required.NO, Kind.TEXT),
    Field("retention_days", Required.NO, Kind.INTEGER),
    Field("biometric", Required.NO, Kind.BOOL),
    Field("council_decision", Required.NO, Kind.TEXT),
    Field("algorithm_register_url", Required.NO, Kind.URL),
    Field("status", Required.NO, Kind.CODE),
    Field("active_from", Required.NO, Kind.DATE),
    Field("active_until", Required.NO, Kind.DATE),
    Field("direction", Required.NO, Kind.NUMBER),
    Field("field_of_view", Required.NO, Kind.NUMBER),
    Field("range_m", Required.NO, Kind.NUMBER),
    Field("description", Required.NO, Kind.TEXT),
    Field("location_description", Required.NO, Kind.TEXT),
    Field("source", Required.NO, Kind.CODE),
    Field("last_checked", Required.NO, Kind.DATE),
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
    """A rejected row or a warning: where it is, which field, a stable code, and what to do.

    The message is `problem.<code>` in the text table, filled with `params` in the language asked for.
    """

    row: int
    id: str
    field: str
    code: str
    params: Mapping[str, object] = dataclass_field(default_factory=dict)
    severity: Severity = Severity.ERROR

    def message(self, lang: str) -> str:
        return text(f"problem.{self.code}", lang, **self.params)

    def as_dict(self) -> dict[str, object]:
        """row, id, field, code and the message in every language (`message_nl`, `message_en`)."""
        out: dict[str, object] = {"row": self.row, "id": self.id, "field": self.field, "code": self.code}
        out.update({f"message_{lang}": self.message(lang) for lang in LANGS})
        return out


def split_codes(cell: str) -> list[str]:
    """Split a stored list cell into its codes.

    >>> split_codes("safety|traffic")
    ['safety', 'traffic']
    >>> split_codes("")
    []
    """
    return [c for c in str(cell).split(LIST_SEPARATOR) if c]
