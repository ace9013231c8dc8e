"""OpenStreetMap import: `man_made=surveillance` elements (Overpass JSON, GeoJSON) as register rows."""

from __future__ import annotations

import csv
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shapely.errors import ShapelyError
from shapely.geometry import shape

from geo.codes import SENSOR_TYPES
from geo.errors import UserFacingError
from geo.text import DEFAULT_LANG, text

#: The columns of a register CSV written from OSM, in this order (lat/lon in WGS84).
CSV_COLUMNS: tuple[str, ...] = (
    "id", "name", "sensor_type", "purpose", "data_types", "personal_data", "legal_basis",
    "legal_reference", "owner", "contact", "privacy_statement_url", "dpia", "retention", "biometric",
    "council_decision", "algorithm_register_url", "status", "active_from", "active_until",
    "direction", "field_of_view", "range_m", "description", "location_description", "source",
    "last_checked", "lat", "lon",
)

UNKNOWN_OWNER = "onbekend"

DESCRIPTION = (
    "Overgenomen uit OpenStreetMap en niet gecontroleerd door de gemeente. "
    "Taken from OpenStreetMap and not verified by the municipality. "
    "© OpenStreetMap-bijdragers / contributors, ODbL."
)

#: Why an element was not converted: code -> (Dutch, English).
SKIP_REASONS: tuple[str, ...] = ("no_coordinates", "bad_coordinates", "no_id", "duplicate", "not_surveillance")

_CARDINALS: dict[str, float] = {
    name: i * 22.5
    for i, name in enumerate(
        ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
    )
}
_CARDINALS.update(
    {
        "NORTH": 0.0, "NORTHEAST": 45.0, "NORTH-EAST": 45.0, "EAST": 90.0, "SOUTHEAST": 135.0,
        "SOUTH-EAST": 135.0, "SOUTH": 180.0, "SOUTHWEST": 225.0, "SOUTH-WEST": 225.0,
        "WEST": 270.0, "NORTHWEST": 315.0, "NORTH-WEST": 315.0,
    }
)
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_FULL_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")
# Spreadsheets run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMERIC_COLUMNS = frozenset({"lat", "lon", "direction", "field_of_view", "range_m"})

_MOUNTS = {
    "wall": "aan muur", "ceiling": "aan plafond", "pole": "op paal", "street_lamp": "op lantaarnpaal",
    "building": "aan gebouw", "roof": "op dak", "mast": "op mast",
    "traffic_signals": "bij verkeerslicht",
}
_PLACES = {"indoor": "binnen", "outdoor": "buiten", "public": "openbare ruimte"}
_META_PROPERTIES = frozenset(
    {"osm_type", "osm_id", "@id", "id", "type", "tags", "meta", "relations", "timestamp", "version",
     "changeset", "user", "uid"}
)


class OsmReadError(UserFacingError):
    """An OpenStreetMap file that cannot be read, with one sentence in Dutch and in English."""


@dataclass(frozen=True)
class Skipped:
    """One OSM element that was not converted, and why (a key of SKIP_REASONS)."""

    element: str
    reason: str

    def message(self, lang: str) -> str:
        return text(f"osm.skip.{self.reason}", lang)


@dataclass(frozen=True)
class OsmResult:
    """What `read_osm` makes of a file.

    Attributes
    ----------
    rows : register rows as a register CSV has them: every key of CSV_COLUMNS, every value a str.
    skipped_elements : the elements that gave no row, each with its reason; nothing is dropped silently.
    skipped : how many elements were skipped for each reason (a key of SKIP_REASONS).
    """

    rows: list[dict[str, str]]
    skipped_elements: tuple[Skipped, ...] = field(default=())

    @property
    def skipped(self) -> dict[str, int]:
        return dict(Counter(s.reason for s in self.skipped_elements))


def read_osm(path: str | Path) -> OsmResult:
    """Convert an Overpass JSON or GeoJSON file of `man_made=surveillance` into register rows.

    Parameters
    ----------
    path : Overpass JSON (a list of elements, or `{"elements": [...]}`), or a GeoJSON
        FeatureCollection whose properties are the OSM tags (flat, or under `tags`).

    Returns
    -------
    OsmResult with the rows and the skipped elements; `convert_elements` documents the mapping.

    Raises
    ------
    OsmReadError
        When the file is missing, is not JSON, or is neither shape.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "osm.json"
    >>> _ = path.write_text('{"elements": [{"type": "node", "id": 1, "lat": 52.37, "lon": 4.9, '
    ...     '"tags": {"man_made": "surveillance", "surveillance:type": "ALPR"}}, '
    ...     '{"type": "way", "id": 2, "tags": {"man_made": "surveillance"}}]}')
    >>> result = read_osm(path)
    >>> [(r["id"], r["sensor_type"], r["owner"]) for r in result.rows], result.skipped
    ([('osm-node-1', 'anpr', 'onbekend')], {'no_coordinates': 1})
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as exc:
        raise OsmReadError("error.osm.missing", file=path.name) from exc
    except (OSError, UnicodeError) as exc:
        raise _unreadable(path.name) from exc
    if text.lstrip().startswith("<"):
        raise OsmReadError("error.osm.xml", file=path.name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _unreadable(path.name) from exc
    return convert_elements(_elements(data, path.name))


def convert_elements(elements: Iterable[Mapping[str, Any]]) -> OsmResult:
    r"""Convert Overpass-style elements (`type`, `id`, `lat`/`lon` or `center`, `tags`) into rows.

    Notes
    -----
    Mapping from OSM tags to register fields (REGISTER_FORMAT.md, "OpenStreetMap"):

    ========================  ===========  ====================  ==========================================
    OSM                       sensor_type  purpose               data_types
    ========================  ===========  ====================  ==========================================
    surveillance:type=ALPR    anpr         enforcement           licence_plates|images_identifiable
    surveillance:type=camera  camera       safety (traffic *)    images_identifiable
    surveillance:type=webcam  camera       services              images_identifiable
    no type, camera-like **   camera       safety (traffic *)    images_identifiable
    anything else (guard, …)  other        other                 other
    ========================  ===========  ====================  ==========================================

    \* `traffic` when `surveillance=traffic` or `surveillance:zone=traffic` says it watches traffic.
    \** camera-like: a `camera:*` tag, `surveillance=camera|webcam` or a webcam link. A bare
    `man_made=surveillance` is not assumed to be a camera: it may be a guard or an unknown device.

    personal_data is `yes` for every element: it is surveillance equipment in public space, and nothing
    in OSM says it does not see people, so the resident-protective answer is taken. legal_basis is always
    `unknown` (OSM cannot know it; shown as such, never guessed). owner is `operator`, or "onbekend".
    direction is `camera:direction`, else `direction`: degrees, cardinal points (N, NNE, …, or words)
    and clockwise ranges ("90-180" -> 135) are read; several directions ("90;180") or anything else
    leave it empty rather than draw a cone the wrong way. `camera:angle` is the tilt, not the field of
    view, so field_of_view stays empty. last_checked is `check_date` (else `survey:date`) when it is a
    full date. Ways and relations are used when the file gives them a centre (Overpass `out center`)
    or a geometry; otherwise they are skipped and counted in `OsmResult.skipped`.

    Examples
    --------
    >>> convert_elements([{"type": "node", "id": 7, "lat": 47.5, "lon": 8.7,
    ...     "tags": {"man_made": "surveillance", "surveillance:type": "camera",
    ...              "camera:direction": "NE", "operator": "SBB"}}]).rows[0]["direction"]
    '45'
    """
    rows: list[dict[str, str]] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    for element in elements:
        kind = str(element.get("type") or "node")
        raw_id = element.get("id")
        label = f"{kind}/{raw_id}"
        tags = element.get("tags") if isinstance(element.get("tags"), Mapping) else {}
        # GIS exports write every tag column on every feature, null where the node lacks the tag.
        tags = {str(k): str(v) for k, v in tags.items() if v is not None and str(v).strip()}
        if raw_id is None or str(raw_id).strip() == "":
            skipped.append(Skipped(label, "no_id"))
            continue
        if not _is_surveillance(tags):
            skipped.append(Skipped(label, "not_surveillance"))
            continue
        point = _coordinates(element)
        if point is None:
            skipped.append(Skipped(label, "no_coordinates"))
            continue
        lat, lon = point
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            skipped.append(Skipped(label, "bad_coordinates"))
            continue
        row_id = f"osm-{kind}-{str(raw_id).strip()}"
        if row_id in seen:
            skipped.append(Skipped(label, "duplicate"))
            continue
        seen.add(row_id)
        rows.append(_row(row_id, tags, lat, lon))
    return OsmResult(rows, tuple(skipped))


def parse_direction(value: str) -> float | None:
    """Degrees (0 = north, clockwise) from an OSM direction, or None when it is not one direction.

    >>> [parse_direction(v) for v in ("330", "-90", "360", "NNE", "south", "90-180", "350-10")]
    [330.0, 270.0, 0.0, 22.5, 180.0, 135.0, 0.0]
    >>> parse_direction("90;160;270") is None, parse_direction("forward") is None
    (True, True)
    """
    text = str(value).strip().upper().replace("°", "")
    if not text:
        return None
    single = _one_direction(text)
    if single is not None:
        return single
    # "from-to", clockwise, as OSM's direction=* documents; the middle is where it looks.
    parts = text.split("-")
    if len(parts) == 2:
        start, end = _one_direction(parts[0].strip()), _one_direction(parts[1].strip())
        if start is not None and end is not None:
            return (start + ((end - start) % 360) / 2) % 360
    return None


def write_register_csv(
    rows: Iterable[Mapping[str, str]], path: str | Path, *, neutralise: bool = True
) -> None:
    """Write rows as a `,`-delimited UTF-8 register CSV with the columns of CSV_COLUMNS.

    The file starts with a byte-order mark, which the register format accepts, so that
    spreadsheet programs read accents correctly. OSM text is written by strangers: with
    `neutralise` (the default) a text cell that a spreadsheet would run as a formula gets a
    leading apostrophe; numbers (lat, lon, direction, ...) are left alone.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "osm.csv"
    >>> write_register_csv([{"id": "osm-node-1", "owner": "=HYPERLINK(1)", "lat": "-1.5"}], path)
    >>> rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    >>> rows[0]["id"], rows[0]["owner"], rows[0]["lat"], rows[0]["source"]
    ('osm-node-1', "'=HYPERLINK(1)", '-1.5', '')
    """
    with Path(path).open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, restval="", delimiter=",")
        writer.writeheader()
        for row in rows:
            writer.writerow(_neutralised(row) if neutralise else row)


def _unreadable(name: str) -> OsmReadError:
    return OsmReadError("error.osm.unreadable", file=name)


def _elements(data: Any, name: str) -> list[Mapping[str, Any]]:
    if isinstance(data, list):
        elements = data
    elif isinstance(data, Mapping) and isinstance(data.get("elements"), list):
        elements = data["elements"]
    elif isinstance(data, Mapping) and data.get("type") == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise _unreadable(name)
        elements = [_feature_element(f) for f in features if isinstance(f, Mapping)]
    else:
        raise _unreadable(name)
    if not all(isinstance(e, Mapping) for e in elements):
        raise _unreadable(name)
    return elements


def _feature_element(feature: Mapping[str, Any]) -> dict[str, Any]:
    """A GeoJSON feature as an Overpass-style element."""
    props = feature.get("properties") if isinstance(feature.get("properties"), Mapping) else {}
    if isinstance(props.get("tags"), Mapping):
        tags = dict(props["tags"])
    else:
        tags = {k: v for k, v in props.items() if k not in _META_PROPERTIES and not k.startswith("@")}
    kind, osm_id = props.get("osm_type"), props.get("osm_id")
    for ref in (props.get("@id"), feature.get("id"), props.get("id")):
        if (kind is None or osm_id is None) and isinstance(ref, str) and "/" in ref:
            kind, osm_id = ref.split("/", 1)
    if osm_id is None and "tags" in props:
        kind, osm_id = props.get("type"), props.get("id")
    element: dict[str, Any] = {"type": kind or "node", "id": osm_id, "tags": tags}
    geometry = feature.get("geometry")
    if isinstance(geometry, Mapping) and geometry.get("type") == "Point":
        coordinates = geometry.get("coordinates") or ()
        if len(coordinates) >= 2:
            element["lon"], element["lat"] = coordinates[0], coordinates[1]
    elif isinstance(geometry, Mapping):
        try:
            area = shape(geometry)
        except (ValueError, TypeError, AttributeError, IndexError, ShapelyError):
            area = None  # no usable geometry: counted as no_coordinates
        if area is not None and not area.is_empty:
            centre = area.representative_point()
            element["center"] = {"lat": centre.y, "lon": centre.x}
    return element


def _is_surveillance(tags: Mapping[str, str]) -> bool:
    return tags.get("man_made") == "surveillance" or "surveillance:type" in tags or "surveillance" in tags


def _coordinates(element: Mapping[str, Any]) -> tuple[float, float] | None:
    centre = element.get("center") if isinstance(element.get("center"), Mapping) else element
    try:
        return float(centre["lat"]), float(centre["lon"])
    except (KeyError, TypeError, ValueError):
        return None


def _sensor_type(tags: Mapping[str, str]) -> str:
    kind = tags.get("surveillance:type", "").strip().lower()
    if kind in ("alpr", "anpr"):
        return "anpr"
    if kind in ("camera", "webcam"):
        return "camera"
    if kind:
        return "other"
    camera_like = (
        any(k.startswith("camera:") for k in tags)
        or tags.get("surveillance", "").lower() in ("camera", "webcam")
        or "contact:webcam" in tags
        or "website:webcam" in tags
    )
    return "camera" if camera_like else "other"


def _purpose(sensor_type: str, tags: Mapping[str, str]) -> str:
    if sensor_type == "anpr":
        return "enforcement"
    if sensor_type != "camera":
        return "other"
    if tags.get("surveillance:type", "").lower() == "webcam" or tags.get("surveillance") == "webcam":
        return "services"
    if tags.get("surveillance") == "traffic" or tags.get("surveillance:zone") == "traffic":
        return "traffic"
    return "safety"


_DATA_TYPES = {
    "anpr": "licence_plates|images_identifiable",
    "camera": "images_identifiable",
    "other": "other",
}


def _row(row_id: str, tags: Mapping[str, str], lat: float, lon: float) -> dict[str, str]:
    sensor_type = _sensor_type(tags)
    raw_direction = tags.get("camera:direction") or tags.get("direction") or ""
    direction = parse_direction(raw_direction) if raw_direction else None
    row = dict.fromkeys(CSV_COLUMNS, "")
    row.update(
        id=row_id,
        name=_name(sensor_type, tags),
        sensor_type=sensor_type,
        purpose=_purpose(sensor_type, tags),
        data_types=_DATA_TYPES[sensor_type],
        personal_data="yes",
        legal_basis="unknown",
        owner=tags.get("operator", "").strip() or UNKNOWN_OWNER,
        contact=(tags.get("contact:website") or tags.get("website") or "").strip(),
        status="active",
        direction="" if direction is None else _degrees(direction),
        description=DESCRIPTION,
        location_description=_location(tags),
        source="osm",
        last_checked=_date(tags.get("check_date") or tags.get("survey:date") or ""),
        lat=_coordinate(lat),
        lon=_coordinate(lon),
    )
    return row


def _name(sensor_type: str, tags: Mapping[str, str]) -> str:
    own = tags.get("name", "").strip()
    if own:
        return f"{own} (OpenStreetMap)"
    label = SENSOR_TYPES[sensor_type].label(DEFAULT_LANG)  # register text is written in Dutch
    zone = tags.get("surveillance:zone", "").strip()
    return f"{label}, zone {zone} (OpenStreetMap)" if zone else f"{label} (OpenStreetMap)"


def _location(tags: Mapping[str, str]) -> str:
    parts = []
    mount = tags.get("camera:mount", "").strip()
    if mount:
        parts.append(_MOUNTS.get(mount, f"bevestiging: {mount}"))
    place = tags.get("surveillance", "").strip()
    if place in _PLACES:
        parts.append(_PLACES[place])
    return ", ".join(parts)


def _one_direction(text: str) -> float | None:
    if text in _CARDINALS:
        return _CARDINALS[text]
    if _NUMBER.match(text):
        return float(text) % 360
    return None


def _degrees(value: float) -> str:
    return f"{round(value, 1):g}"


def _coordinate(value: float) -> str:
    # OSM stores 7 decimals (about 1 cm); more would be noise from float printing.
    return f"{value:.7f}".rstrip("0").rstrip(".")


def _date(value: str) -> str:
    match = _FULL_DATE.match(value.strip())
    return match.group(1) if match else ""


def _neutralised(row: Mapping[str, str]) -> dict[str, str]:
    return {
        key: f"'{value}" if key not in _NUMERIC_COLUMNS and str(value).startswith(_FORMULA_START) else value
        for key, value in row.items()
    }
