"""The register's code lists: which codes each list holds, in their documented order.

The codes are stable English identifiers, as stored and written to files. Their Dutch and English labels
live in the text table (geo.text.TEXT) under `<field>.<code>`, e.g. `sensor_type.anpr`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from geo.text import LANGS, text


@dataclass(frozen=True)
class Code:
    """One entry of a code list.

    >>> Code("sensor_type", "anpr").label("en")
    'Licence-plate camera'
    """

    field: str
    code: str

    @property
    def key(self) -> str:
        """Its key in the text table."""
        return f"{self.field}.{self.code}"

    def label(self, lang: str) -> str:
        return text(self.key, lang)


def _table(field: str, *codes_: str) -> Mapping[str, Code]:
    return MappingProxyType({c: Code(field, c) for c in codes_})


SENSOR_TYPES = _table("sensor_type", "camera", "anpr", "sound", "air", "climate", "presence", "wifi_bluetooth",
                      "traffic", "water", "fill_level", "energy", "position", "other")
PURPOSES = _table("purpose", "safety", "enforcement", "traffic", "parking", "crowd", "environment",
                  "climate_energy", "waste", "infrastructure", "nature", "health", "research", "services",
                  "commercial", "other")
DATA_TYPES = _table("data_types", "images_identifiable", "images_anonymised", "licence_plates", "device_ids",
                    "audio_recording", "sound_level", "counts", "presence", "environmental", "location", "other")
LEGAL_BASES = _table("legal_basis", "consent", "contract", "legal_obligation", "vital_interests", "public_task",
                     "legitimate_interest", "none", "unknown")
STATUSES = _table("status", "active", "planned", "inactive")
SOURCES = _table("source", "register", "osm", "import")

#: GDPR art. 6(1) letter of each ground, shown beside the label.
GDPR_ARTICLE = MappingProxyType(
    {"consent": "a", "contract": "b", "legal_obligation": "c", "vital_interests": "d",
     "public_task": "e", "legitimate_interest": "f"}
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


def _norm(value: str) -> str:
    return " ".join(str(value).split()).casefold()


_LOOKUP: dict[str, dict[str, str]] = {
    field: {
        key: c.code
        for c in table.values()
        for key in (_norm(c.code), *(_norm(c.label(lang)) for lang in LANGS))
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
