"""Amsterdam's Sensorenregister as it is: pages of its API (`api/devices/`) and its owners' bulk sheet
(`Sensorregistratie`), read into register rows through the tables of geo.crosswalk; and a register written
back as an API page (the amsterdam-api export).

Where each source field goes (docs/register-format.md, "Amsterdam's registers", says the same to people):

=====================================  ==========================================================================
Amsterdam (API / sheet)                register field
=====================================  ==========================================================================
reference / Referentie                 id (shared by several owners in the API: `reference/device id`)
type / Kies soort / type sensor        sensor_type and data_types (geo.crosswalk), and a line in description
location / Latitude + Longitude        the point; without one, the area of its regions (stadsdelen)
location_description                   location_description
regions / In welk gebied ...           the area when there is no location; a line in description
datastream / Wat meet de sensor?       a line in description; its words refine the type (geo.crosswalk.TEXT_RULES)
themes / Thema 1 ... Thema 8           purpose (geo.crosswalk.THEMES), and a line in description
contains_pi_data / Worden er ...       personal_data
observation_goals[].observation_goal   a line in description per goal
observation_goals[].legal_ground       legal_basis (geo.crosswalk.legal_basis) and, always, legal_reference
observation_goals[].privacy_declaration privacy_statement_url (the first); further ones as lines in description
owner.organisation / Uw gegevens       owner
owner.email / Uw gegevens: E-mail      contact
owner.name, Voornaam, Achternaam ...   not imported: a private person's name is not register data
project_paths / Project                a line in description per project
active_until / Wanneer wordt ...       active_until
Opmerking                              a line in description
=====================================  ==========================================================================

Every registration gets source `import` and the name "<sensor type> <id>". A value that no table maps
is reported with its row and field (geo.validate's `notes`), never guessed.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo import crosswalk
from geo.codes import label
from geo.errors import RegisterReadError
from geo.links import is_http_url
from geo.schema import FIELDS, Problem, Severity, split_codes
from geo.sniff import decode_text, detect_format, sniff_delimiter
from geo.text import DEFAULT_LANG, msg, text
from geo.validate import RowInput, problem

API = "amsterdam-api"
SHEET = "amsterdam-sheet"
#: The formats this module reads, as `--format` names them.
FORMATS: tuple[str, ...] = (API, SHEET)
#: The keys a device of the API has; a JSON list or page whose items have some of them is the API's.
DEVICE_KEYS = frozenset({"reference", "type", "location", "location_description", "datastream", "themes",
                         "contains_pi_data", "observation_goals", "owner", "regions", "project_paths", "active_until"})
#: The member of an exported device that holds the registration itself (see `to_api_page`).
EXTENSION = "zichtbaar"
#: The bulk sheet's columns, by what they hold: their headings as geo.crosswalk.norm writes them.
SHEET_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "reference": ("referentie",),
    "type": ("kies soort / type sensor",),
    "latitude": ("latitude",),
    "longitude": ("longitude",),
    "regions": ("in welk gebied bevindt zich de mobiele sensor?",),
    "location_description": ("omschrijving van de locatie van de sensor",),
    "datastream": ("wat meet de sensor?",),
    "goal": ("waarvoor meet u dat?",),
    "personal": ("worden er persoonsgegevens verwerkt?",),
    "legal_ground": ("wettelijke grondslag",),
    "privacy": ("privacyverklaring",),
    "active_until": ("wanneer wordt de sensor verwijderd?", "tot wanneer is de sensor actief?"),
    "remark": ("opmerking",),
    "project": ("project",),
}
THEME_COLUMNS = tuple(f"thema {i}" for i in range(1, 9))
#: The sheet with the sensors, and the one with the owner's details, in the template's XLSX.
SENSOR_SHEET, OWNER_SHEET = "Sensorregistratie", "Uw gegevens"
#: What the owner sheet ("Uw gegevens": a label in the first column, the value in the second) gives.
OWNER_LABELS: Mapping[str, str] = {"naam organisatie/bedrijf": "organisation", "e-mail": "email"}
#: The lines of a description built from a device, in this order; `amsterdam.line.<key>` in geo.text.
LINES: tuple[str, ...] = ("datastream", "goal", "themes", "type", "regions", "project", "remark", "privacy")
_LIST_SPLIT = re.compile(r"\s*[,;|]\s*")


@dataclass
class Goal:
    """One observation goal: why it measures, on what legal ground, and the privacy statement."""

    goal: str = ""
    legal_ground: str = ""
    privacy: str = ""


@dataclass
class Device:
    """One device as the source has it, in text; `row` is its number as a problem reports it."""

    row: int
    reference: str = ""
    api_id: str = ""
    type: str = ""
    latitude: str = ""
    longitude: str = ""
    location_description: str = ""
    regions: list[str] = field(default_factory=list)
    datastream: str = ""
    themes: list[str] = field(default_factory=list)
    personal: object = None
    goals: list[Goal] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)
    active_until: str = ""
    organisation: str = ""
    email: str = ""
    remark: str = ""
    #: An exported registration (EXTENSION): read as it is, the other fields are not used.
    registration: Mapping[str, object] | None = None
    geometry: Mapping[str, object] | None = None


@dataclass(frozen=True)
class Read:
    """What reading Amsterdam files gives: register rows to validate, and notes about the files themselves."""

    rows: list[RowInput]
    notes: list[Problem]


# ---------------------------------------------------------------- recognising the formats


def detect(data: bytes, name: str, kind: str) -> str | None:
    """API or SHEET when a file's content is one of Amsterdam's formats, else None.

    `kind` is geo.readers.detect_format's answer (csv, xlsx, geojson, gpkg). An owner sheet ("Uw gegevens") alone
    is not a register; it counts as part of a SHEET only beside one.

    >>> detect(b'{"count": 1, "results": [{"reference": "A1"}]}', "p.json", "geojson")
    'amsterdam-api'
    >>> detect("Referentie;Kies soort / type sensor;Latitude\\n".encode(), "s.csv", "csv")
    'amsterdam-sheet'
    >>> detect(b'{"type": "FeatureCollection", "features": []}', "r.geojson", "geojson") is None
    True
    """
    role = _role(data, kind)
    return role if role in FORMATS else None


def _role(data: bytes, kind: str) -> str:
    """API, SHEET, "owner" (an owner sheet on its own) or "" (none of Amsterdam's)."""
    if kind == "geojson":
        head = data[:65536].decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
        if not (head.startswith("[") or '"results"' in head):
            return ""
        try:
            return API if _devices_of(json.loads(_decode(data)), strict=False) is not None else ""
        except (json.JSONDecodeError, RecursionError, RegisterReadError):
            return ""
    if kind == "csv":
        try:
            first = _decode(data).splitlines()[0] if data.strip() else ""
        except RegisterReadError:
            return ""
        cells = next(csv.reader([first], delimiter=sniff_delimiter(first)), [])
        return _sheet_role([cells[0]] if cells else [], cells)
    if kind == "xlsx":
        try:
            book = _workbook(data)
        except RegisterReadError:
            return ""
        try:
            if SENSOR_SHEET in book.sheetnames:
                return SHEET
            first = book.worksheets[0]
            header = list(next(first.iter_rows(max_row=1, values_only=True), ()))
            column = [r[0] for r in first.iter_rows(max_row=20, max_col=1, values_only=True)]
            return _sheet_role(column, header) or ("owner" if OWNER_SHEET in book.sheetnames else "")
        finally:
            book.close()
    return ""


def _sheet_role(first_column: Sequence[object], header: Sequence[object]) -> str:
    names = {crosswalk.norm(h) for h in header}
    if {"referentie", "kies soort / type sensor"} <= names:
        return SHEET
    labels = {crosswalk.norm(c) for c in first_column}
    if set(OWNER_LABELS) <= labels or "naam organisatie/bedrijf" in names:
        return "owner"
    return ""


# ---------------------------------------------------------------- reading


def read(files: Sequence[tuple[str, bytes]], fmt: str | None, neighbourhoods: gpd.GeoDataFrame | None = None) -> Read:
    """Register rows from Amsterdam files read as one register.

    Parameters
    ----------
    files : (name, content) of each file, in order: pages of the API (a HAL page or a plain list of devices), or
        one bulk sheet (CSV or XLSX) with, when its owner details are not in it, the owner sheet as a second file.
    fmt : API or SHEET; None tells it from the content.
    neighbourhoods : (WGS84) the loaded neighbourhoods: devices without a location become the area of their
        regions' buurten.

    Raises
    ------
    RegisterReadError : a file that is not what the format needs, or files that do not belong together.
    """
    kinds = [detect_format(data, name) for name, data in files]
    fmt = fmt or read_format(files, kinds)
    if fmt == API:
        devices, notes = _api_devices(files)
    elif fmt == SHEET:
        devices, notes = _sheet_devices(files, kinds), []
    else:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    return Read(_rows(devices, neighbourhoods), notes)


def _decode(data: bytes) -> str:
    return decode_text(data)


def _devices_of(doc: object, strict: bool = True) -> list[object] | None:
    """The devices of a HAL page or a plain list; None when it is neither (with `strict`, a list must hold devices)."""
    if isinstance(doc, dict) and isinstance(doc.get("results"), list) and "features" not in doc:
        return doc["results"]
    if isinstance(doc, list):
        if strict or any(isinstance(d, dict) and DEVICE_KEYS & set(d) for d in doc[:20]):
            return doc
    return None


def _api_pages(files: Sequence[tuple[str, bytes]]) -> Iterator[tuple[list, int | None]]:
    """Each page of Amsterdam's API: its devices as they are, and how many the page says the API holds (None when
    it does not say)."""
    for name, data in files:
        try:
            doc = json.loads(_decode(data))
        except (json.JSONDecodeError, RecursionError):
            raise RegisterReadError("error.amsterdam.not_json", file=name) from None
        found = _devices_of(doc)
        if found is None:
            raise RegisterReadError("error.amsterdam.not_api", file=name)
        yield found, doc["count"] if isinstance(doc, dict) and isinstance(doc.get("count"), int) else None


def _api_devices(files: Sequence[tuple[str, bytes]]) -> tuple[list[Device], list[Problem]]:
    devices: list[Device] = []
    counts: list[int] = []
    for found, count in _api_pages(files):
        if count is not None:
            counts.append(count)
        for item in found:
            devices.append(_api_device(len(devices) + 2, item))
    notes = []
    # A page says how many devices the API holds; fewer read means pages are missing.
    if counts and max(counts) > len(devices):
        notes.append(problem(1, "", "", "pages_missing", Severity.WARNING, value=max(counts)))
    return devices, notes


def _text(value: object) -> str:
    """A JSON or spreadsheet value as text ("" for null; whole floats without `.0`; dates in ISO)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, (list, tuple)):
        return "|".join(_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value).strip()


def _texts(value: object) -> list[str]:
    """A JSON list (or a `,`/`;`-separated text) as its non-empty texts."""
    if isinstance(value, list):
        return [t for t in (_text(v) for v in value) if t]
    return [t for t in _LIST_SPLIT.split(_text(value)) if t]


def _api_device(row: int, item: object) -> Device:
    if not isinstance(item, dict):
        return Device(row)
    ext = item.get(EXTENSION)
    if isinstance(ext, dict) and isinstance(ext.get("registration"), dict):
        geometry = ext.get("geometry")
        return Device(row, registration=ext["registration"], geometry=geometry if isinstance(geometry, dict) else None)
    location = item.get("location")
    location = location if isinstance(location, dict) else {}
    owner = item.get("owner")
    owner = owner if isinstance(owner, dict) else {"organisation": owner}
    goals = [Goal(_text(g.get("observation_goal")), _text(g.get("legal_ground")), _text(g.get("privacy_declaration")))
             for g in item.get("observation_goals") or [] if isinstance(g, dict)]
    if not goals and any(item.get(k) for k in ("observation_goal", "legal_ground", "privacy_declaration")):
        # An older shape of the API: one goal in fields of the device itself.
        goals = [Goal(_text(item.get("observation_goal")), _text(item.get("legal_ground")),
                      _text(item.get("privacy_declaration")))]
    themes = item.get("themes")
    projects = item.get("project_paths") or []
    return Device(
        row=row, reference=_text(item.get("reference")), api_id=_text(item.get("id")), type=_text(item.get("type")),
        latitude=_text(location.get("latitude")), longitude=_text(location.get("longitude")),
        location_description=_text(item.get("location_description")), regions=_texts(item.get("regions")),
        datastream=_text(item.get("datastream")),
        themes=[t for t in (_text(v) for v in themes) if t] if isinstance(themes, list) else _texts(themes),
        personal=item.get("contains_pi_data"), goals=goals,
        projects=[t for t in (" / ".join(_texts(p)) if isinstance(p, list) else _text(p) for p in projects) if t]
        if isinstance(projects, list) else _texts(projects),
        active_until=_text(item.get("active_until")), organisation=_text(owner.get("organisation")),
        email=_text(owner.get("email")),
    )


def _workbook(data: bytes):
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file; all mean the same to a user
        raise RegisterReadError("error.register.xlsx_unreadable") from None


def _table(name: str, data: bytes, kind: str, sheet: str) -> list[list[object]]:
    """The cells of a CSV, or of one sheet of an XLSX (`sheet`, else the first), row by row as a spreadsheet counts."""
    if kind == "xlsx":
        book = _workbook(data)
        try:
            ws = book[sheet] if sheet in book.sheetnames else book.worksheets[0]
            return [list(r) for r in ws.iter_rows(values_only=True)]
        finally:
            book.close()
    content = _decode(data)
    first = content.splitlines()[0] if content.strip() else ""
    try:
        return [list(r) for r in csv.reader(io.StringIO(content, newline=""), delimiter=sniff_delimiter(first))]
    except csv.Error as e:
        raise RegisterReadError("error.register.csv_broken", row="?", reason=str(e)) from None


def _owner(rows: Iterable[Sequence[object]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for r in rows:
        if len(r) >= 2 and crosswalk.norm(r[0]) in OWNER_LABELS:
            found[OWNER_LABELS[crosswalk.norm(r[0])]] = _text(r[1])
    return found


def _sheet_devices(files: Sequence[tuple[str, bytes]], kinds: Sequence[str]) -> list[Device]:
    sheet: tuple[str, bytes, str] | None = None
    owner: dict[str, str] = {}
    for (name, data), kind in zip(files, kinds, strict=True):
        role = _role(data, kind)
        if role == "owner" or (sheet is not None and role != SHEET):
            owner = owner or _owner(_table(name, data, kind, OWNER_SHEET))
            continue
        if sheet is not None:
            raise RegisterReadError("error.amsterdam.mixed_files", files=", ".join(n for n, _ in files))
        sheet = (name, data, kind)
        if kind == "xlsx" and not owner and _has_sheet(data, OWNER_SHEET):
            owner = _owner(_table(name, data, kind, OWNER_SHEET))
    if sheet is None:
        raise RegisterReadError("error.amsterdam.no_sheet")
    table = _table(*sheet[:2], sheet[2], SENSOR_SHEET)
    if not table:
        raise RegisterReadError("error.register.empty")
    headings = [crosswalk.norm(h) for h in table[0]]
    where = {key: next((i for i, h in enumerate(headings) if h in names), None) for key, names in SHEET_COLUMNS.items()}
    if where["reference"] is None or where["type"] is None:
        raise RegisterReadError("error.amsterdam.sheet_columns", file=sheet[0])
    if not owner.get("organisation"):
        raise RegisterReadError("error.amsterdam.no_owner", file=sheet[0])
    themes_at = [i for i, h in enumerate(headings) if h in THEME_COLUMNS]

    def cell(cells: Sequence[object], key: str) -> str:
        i = where[key]
        return _text(cells[i]) if i is not None and i < len(cells) else ""

    devices = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(_text(c) for c in cells):
            continue
        devices.append(Device(
            row=number, reference=cell(cells, "reference"), type=cell(cells, "type"),
            latitude=cell(cells, "latitude"), longitude=cell(cells, "longitude"),
            location_description=cell(cells, "location_description"), regions=_texts(cell(cells, "regions")),
            datastream=cell(cells, "datastream"),
            themes=[t for t in (_text(cells[i]) for i in themes_at if i < len(cells)) if t],
            personal=cell(cells, "personal"),
            goals=[Goal(cell(cells, "goal"), cell(cells, "legal_ground"), cell(cells, "privacy"))],
            projects=_texts(cell(cells, "project")), active_until=cell(cells, "active_until"),
            organisation=owner.get("organisation", ""), email=owner.get("email", ""), remark=cell(cells, "remark"),
        ))
    return devices


def _has_sheet(data: bytes, sheet: str) -> bool:
    book = _workbook(data)
    try:
        return sheet in book.sheetnames
    finally:
        book.close()


# ---------------------------------------------------------------- devices to register rows


def _rows(devices: list[Device], neighbourhoods: gpd.GeoDataFrame | None) -> list[RowInput]:
    areas = _Areas(neighbourhoods)
    ids = _ids(devices)
    return [_row(d, ids[k], areas) for k, d in enumerate(devices)]


def _ids(devices: list[Device]) -> list[str]:
    """Each device's id: its reference, with the API's device id when several owners share the reference."""
    owners: dict[str, set[str]] = {}
    for d in devices:
        owners.setdefault(d.reference, set()).add((d.email or d.organisation).casefold())
    return [f"{d.reference}/{d.api_id}" if d.reference and d.api_id and len(owners[d.reference]) > 1
            else d.reference for d in devices]


class _Areas:
    """The area of a set of regions: the union of their buurten among the loaded neighbourhoods (cached)."""

    def __init__(self, neighbourhoods: gpd.GeoDataFrame | None) -> None:
        self.nb = neighbourhoods
        self.codes = ([] if neighbourhoods is None or not len(neighbourhoods)
                      else neighbourhoods["code"].astype(str).tolist())
        self.cache: dict[tuple[str, ...], BaseGeometry | None] = {}

    def of(self, rows: tuple[crosswalk.RegionRow, ...]) -> BaseGeometry | None:
        key = tuple(r.source for r in rows)
        if key not in self.cache:
            wanted = {c for r in rows for c in crosswalk.region_buurt_codes(r, self.codes)}
            geom = None
            if wanted and self.nb is not None:
                parts = self.nb.geometry[self.nb["code"].astype(str).isin(wanted).to_numpy()]
                geom = shapely.union_all(np.asarray(parts.array))
                geom = None if geom.is_empty else geom
            self.cache[key] = geom
        return self.cache[key]


def _line(key: str, value: str) -> str:
    """A line of a description built from a device: its Dutch label, then the value as the source has it."""
    return _line_label(key) + value


@cache
def _line_label(key: str) -> str:
    # Every line's words end in its value; the label before it is the same for every device.
    return text(f"amsterdam.line.{key}", DEFAULT_LANG, value="")


def _row(d: Device, rid: str, areas: _Areas) -> RowInput:
    if d.registration is not None:
        return _exported_row(d)
    notes: list[Problem] = []

    def note(fld: str, code: str, value: object = "", severity: Severity = Severity.WARNING, **extra: object) -> None:
        notes.append(problem(d.row, rid, fld, code, severity, value=value, **extra))

    personal = crosswalk.personal_data(d.personal)
    words = " ".join([d.type, d.datastream, *(g.goal for g in d.goals)])
    found = crosswalk.classify(d.type, words, personal) if d.type else None
    if found is None:
        sensor_type, data_types = ("other", ("other",)) if d.type else ("", ())
        if d.type:
            note("sensor_type", "unmapped_value", d.type)
    else:
        sensor_type, data_types = found
    purposes: list[str] = []
    for theme in d.themes:
        purpose = crosswalk.theme_purpose(theme)
        if purpose is None:
            note("purpose", "unmapped_value", theme)
            purpose = "other"
        if purpose not in purposes:
            purposes.append(purpose)

    grounds = list(dict.fromkeys(g.legal_ground for g in d.goals if g.legal_ground))
    bases = {crosswalk.legal_basis(g) for g in grounds}
    basis = ""
    if grounds:
        if len(bases) == 1 and None not in bases:
            basis = bases.pop() or ""
        else:
            note("legal_basis", "legal_ground_unmapped", "; ".join(grounds))
            basis = "unknown" if personal is not False else ""
    privacies = list(dict.fromkeys(g.privacy for g in d.goals if g.privacy))

    lines = [_line("datastream", d.datastream)] if d.datastream else []
    lines += [_line("goal", g.goal) for g in d.goals if g.goal]
    if d.themes:
        lines.append(_line("themes", "; ".join(d.themes)))
    if d.type:
        lines.append(_line("type", d.type))
    if d.regions:
        lines.append(_line("regions", "; ".join(d.regions)))
    lines += [_line("project", p) for p in d.projects]
    if d.remark:
        lines.append(_line("remark", d.remark))
    lines += [_line("privacy", p) for p in privacies[1:]]

    cells = {
        "id": rid,
        "name": f"{label('sensor_type', sensor_type, DEFAULT_LANG)} {rid}".strip() if sensor_type else "",
        "sensor_type": sensor_type,
        "purpose": "|".join(purposes),
        "data_types": "|".join(data_types),
        "personal_data": {True: "yes", False: "no"}.get(personal, _text(d.personal)),
        "legal_basis": basis,
        "legal_reference": "; ".join(grounds),
        "owner": d.organisation,
        "contact": d.email,
        "privacy_statement_url": privacies[0] if privacies else "",
        "active_until": d.active_until,
        "description": "\n".join(lines),
        "location_description": d.location_description,
        "source": "import",
    }

    geometry = None
    regions = []
    for name in d.regions:
        row = crosswalk.region_row(name)
        if row is None:
            note("geometry", "unmapped_region", name)
        else:
            regions.append(row)
    if d.latitude or d.longitude:
        cells["lat"], cells["lon"] = d.latitude, d.longitude
    else:
        geometry = areas.of(tuple(regions)) if regions else None
        said = "; ".join(d.regions)
        if geometry is not None:
            note("geometry", "area_from_region", said)
        else:
            hint = ("problem.hint.no_region" if not d.regions else "problem.hint.region_unknown" if not regions
                    else "problem.hint.region_not_loaded")
            note("geometry", "no_location", said, Severity.ERROR, hint=msg(hint, value=said))
    return RowInput(d.row, cells, geometry=geometry, notes=tuple(notes))


def _exported_row(d: Device) -> RowInput:
    """A device this module wrote: the registration it carries, exactly."""
    assert d.registration is not None
    cells = {str(k): _text(v) for k, v in d.registration.items()}
    geometry, error = None, None
    if d.geometry:
        try:
            geometry = shape(d.geometry)
        except Exception:  # shapely raises several kinds for malformed geometry
            error = _text(d.geometry)[:60]
    return RowInput(d.row, cells, geometry=geometry, geometry_error=error)


# ---------------------------------------------------------------- the amsterdam-api export


def _description_lines(description: str) -> dict[str, list[str]]:
    """The lines of a description this module built, by LINES key; "" holds the other lines."""
    prefixes = {k: _line_label(k) for k in LINES}
    out: dict[str, list[str]] = {}
    for line in description.splitlines():
        key = next((k for k, p in prefixes.items() if line.startswith(p)), "")
        out.setdefault(key, []).append(line[len(prefixes[key]):] if key else line)
    return out


def to_api_page(registrations: gpd.GeoDataFrame) -> bytes:
    """The registrations as one page of Amsterdam's API (`{"count", "_links", "results"}`), UTF-8 JSON.

    Each device has Amsterdam's fields, filled from the registration for systems that read Amsterdam's format:
    what this module read from Amsterdam comes back as it was (type, themes, goals, legal grounds, regions and
    projects from the description's lines), and the rest in Amsterdam's words (geo.crosswalk.EXPORT_TYPES and
    EXPORT_THEMES). The member `zichtbaar` holds the registration itself, every field and its geometry, so that
    reading the page back gives exactly the same registrations.

    >>> from shapely.geometry import Point
    >>> reg = gpd.GeoDataFrame({"id": ["C1"], "sensor_type": ["camera"], "purpose": ["safety"],
    ...     "personal_data": [True], "owner": ["Gemeente"], "contact": ["info@gemeente.example"]},
    ...     geometry=[Point(4.9, 52.37)], crs="EPSG:4326")
    >>> device = json.loads(to_api_page(reg))["results"][0]
    >>> device["type"], device["themes"], device["location"], device["owner"]["email"]
    ('Optische / camera sensor', ['Veiligheid'], {'latitude': 52.37, 'longitude': 4.9}, 'info@gemeente.example')
    """
    from geo.export import _properties, _wgs84

    frame = _wgs84(registrations)
    props = _properties(frame)
    geoms = np.asarray(frame.geometry.array)
    results = []
    for number, (p, geom) in enumerate(zip(props, geoms, strict=True), start=1):
        results.append(_api_record(number, p, geom))
    page = {"count": len(results), "_links": {"self": {"href": None}, "next": {"href": None},
                                              "previous": {"href": None}}, "results": results}
    return json.dumps(page, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _api_record(number: int, p: Mapping[str, object], geom: BaseGeometry | None) -> dict[str, object]:
    def s(name: str) -> str:
        v = p.get(name)
        return "" if v is None else str(v)

    lines = _description_lines(s("description"))
    point = geom is not None and not geom.is_empty and geom.geom_type == "Point"
    sensor_type = s("sensor_type")
    themes = [t for line in lines.get("themes", []) for t in line.split("; ")] or [
        crosswalk.EXPORT_THEMES.get(c, "Overig") for c in split_codes(s("purpose"))]
    basis = s("legal_basis")
    ground = s("legal_reference") or (label("legal_basis", basis, DEFAULT_LANG)
                                      if basis not in ("", "unknown", "none") else "")
    privacies = [s("privacy_statement_url"), *lines.get("privacy", [])]
    # Only the goals it has: a legal ground or privacy statement without one goes with an empty goal.
    goals = lines.get("goal") or ([""] if ground or any(privacies) else [])
    contact = s("contact")
    registration = {f.name: p.get(f.name) for f in FIELDS}
    return {
        "id": number,
        "reference": s("id"),
        "type": (lines.get("type") or [crosswalk.EXPORT_TYPES.get(sensor_type, "Overig")])[0],
        "regions": [r for line in lines.get("regions", []) for r in line.split("; ")],
        "location": ({"latitude": round(geom.y, 7), "longitude": round(geom.x, 7)} if point else None),
        "location_description": s("location_description"),
        "datastream": (lines.get("datastream") or ["\n".join(lines.get("", []))])[0],
        "themes": list(dict.fromkeys(themes)),
        "contains_pi_data": bool(p.get("personal_data")),
        "observation_goals": [{"observation_goal": g, "legal_ground": ground,
                               "privacy_declaration": privacies[i] if i < len(privacies) else privacies[0]}
                              for i, g in enumerate(goals)],
        "project_paths": [line.split(" / ") for line in lines.get("project", [])],
        "active_until": p.get("active_until"),
        "owner": {"name": "", "email": contact if "@" in contact and not is_http_url(contact) else "",
                  "organisation": s("owner")},
        EXTENSION: {"version": 1, "registration": registration,
                    "geometry": None if geom is None else json.loads(shapely.to_geojson(geom))},
    }


# ---------------------------------------------------------------- one file for the store's import


def bundle(files: Sequence[tuple[str, bytes]], fmt: str | None) -> tuple[str, bytes]:
    """Files read as one register, as one file that geo.readers.read_register reads the same way.

    The store's import takes one file: pages of the API become one page with every device in the same order
    (so each keeps its row number), a bulk sheet with its owner sheet becomes the template's XLSX with both
    sheets, row for row. `files` are (name, content); returns (a file name, its bytes).
    """
    kinds = [detect_format(data, name) for name, data in files]
    if fmt is None:
        fmt = read_format(files, kinds)
    stem = Path(files[0][0]).stem + (f"+{len(files) - 1}" if len(files) > 1 else "")
    if fmt == API:
        devices: list[object] = []
        count = 0
        for found, page_count in _api_pages(files):
            devices += found
            if page_count is not None:
                count = max(count, page_count)
        # The largest count a page gave: pages that are still missing stay reported.
        page = {"count": max(count, len(devices)), "results": devices}
        return f"{stem}.json", json.dumps(page, ensure_ascii=False).encode("utf-8")
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sensors, owners = book.create_sheet(SENSOR_SHEET), book.create_sheet(OWNER_SHEET)
    for (name, data), kind in zip(files, kinds, strict=True):
        role = _role(data, kind)
        target, sheet = (owners, OWNER_SHEET) if role == "owner" else (sensors, SENSOR_SHEET)
        for cells in _table(name, data, kind, sheet):
            target.append([_text(c) for c in cells])
        if kind == "xlsx" and role != "owner" and _has_sheet(data, OWNER_SHEET):
            for cells in _table(name, data, kind, OWNER_SHEET):
                owners.append([_text(c) for c in cells])
    out = io.BytesIO()
    book.save(out)
    return f"{stem}.xlsx", out.getvalue()


def read_format(files: Sequence[tuple[str, bytes]], kinds: Sequence[str]) -> str:
    """API or SHEET for files given together; a RegisterReadError when they are not one of Amsterdam's."""
    roles = [_role(data, kind) for (_, data), kind in zip(files, kinds, strict=True)]
    if roles and all(r == API for r in roles):
        return API
    if roles.count(SHEET) == 1 and all(r in (SHEET, "owner") for r in roles):
        return SHEET
    raise RegisterReadError("error.amsterdam.mixed_files", files=", ".join(n for n, _ in files))


__all__ = ["API", "FORMATS", "SHEET", "Read", "bundle", "detect", "read", "read_format", "to_api_page"]
