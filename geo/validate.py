"""Validation of register rows: every row accepted or rejected with reasons, warnings beside them."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

from shapely import wkt as shapely_wkt
from shapely.errors import ShapelyError
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from geo import crs
from geo.codes import CODE_LISTS, GDPR_ARTICLE, codes, parse_code
from geo.schema import FIELD_BY_NAME, FIELDS, Kind, Problem, Required, Severity

#: Stable problem codes with their Dutch and English message templates. `{field}` is the column,
#: `{value}` the cell as given (shortened), `{valid}` the valid codes, `{hint}` an extra sentence.
MESSAGES: dict[str, tuple[str, str]] = {
    # errors
    "missing_required": (
        "Het veld '{field}' is verplicht maar leeg. Vul het in.",
        "The field '{field}' is required but empty. Fill it in.",
    ),
    "unknown_code": (
        "'{value}' is geen geldige waarde voor '{field}'. Kies uit: {valid}.",
        "'{value}' is not a valid value for '{field}'. Choose from: {valid}.",
    ),
    "duplicate_id": (
        "Het kenmerk '{value}' komt al eerder in het bestand voor. Geef elke registratie een eigen kenmerk.",
        "The id '{value}' already appears earlier in the file. Give every registration its own id.",
    ),
    "missing_geometry": (
        "Er is geen plaats opgegeven. Vul lat en lon in, of x en y (RD), of wkt.",
        "No location is given. Fill in lat and lon, or x and y (RD), or wkt.",
    ),
    "bad_coordinate": (
        "'{value}' in '{field}' is geen getal. Gebruik bijvoorbeeld 52.3731 of 52,3731.",
        "'{value}' in '{field}' is not a number. Use for example 52.3731 or 52,3731.",
    ),
    "bad_geometry": (
        "De plaats in '{field}' is onleesbaar of geen punt of vlak: {value}. "
        "Gebruik bijvoorbeeld POINT (4.9 52.37).",
        "The location in '{field}' cannot be read or is not a point or area: {value}. "
        "Use for example POINT (4.9 52.37).",
    ),
    "outside_area": (
        "De plaats ({value}) ligt buiten Nederland en buiten alle buurten.{hint_nl}",
        "The location ({value}) lies outside the Netherlands and outside every neighbourhood.{hint_en}",
    ),
    "bad_boolean": (
        "'{value}' in '{field}' is geen ja of nee. Gebruik ja/nee, yes/no, true/false of 1/0.",
        "'{value}' in '{field}' is not yes or no. Use ja/nee, yes/no, true/false or 1/0.",
    ),
    "personal_data_without_legal_basis": (
        "Er worden persoonsgegevens verwerkt, maar er staat geen grondslag bij. Kies uit: {valid}.",
        "Personal data is processed but no legal basis is given. Choose from: {valid}.",
    ),
    "legal_basis_unknown": (
        "De grondslag 'unknown' (onbekend) mag alleen bij geïmporteerde gegevens. Vul de echte grondslag in.",
        "The legal basis 'unknown' is only allowed for imported data. Fill in the actual legal basis.",
    ),
    "missing_privacy_statement": (
        "Er worden persoonsgegevens verwerkt, maar er is geen link naar de privacyverklaring. "
        "Vul privacy_statement_url in.",
        "Personal data is processed but there is no link to the privacy statement. Fill in privacy_statement_url.",
    ),
    "bad_url": (
        "'{value}' in '{field}' is geen geldig webadres. "
        "Alleen adressen die beginnen met http:// of https:// zijn toegestaan.",
        "'{value}' in '{field}' is not a valid web address. "
        "Only addresses starting with http:// or https:// are allowed.",
    ),
    "bad_date": (
        "'{value}' in '{field}' is geen geldige datum. Gebruik 2025-03-01 of 01-03-2025.",
        "'{value}' in '{field}' is not a valid date. Use 2025-03-01 or 01-03-2025.",
    ),
    "period_reversed": (
        "De einddatum ({value}) ligt vóór de begindatum. Controleer active_from en active_until.",
        "The end date ({value}) is before the start date. Check active_from and active_until.",
    ),
    "bad_number": (
        "'{value}' in '{field}' is geen geldig getal{range_nl}.",
        "'{value}' in '{field}' is not a valid number{range_en}.",
    ),
    "bad_row": (
        "Deze rij heeft meer cellen dan er kolommen zijn. Controleer het scheidingsteken en de aanhalingstekens.",
        "This row has more cells than there are columns. Check the delimiter and the quotes.",
    ),
    "unclosed_quote": (
        "In deze rij wordt een aanhalingsteken (\") niet gesloten, zodat de rest van het bestand in deze rij is "
        "beland. Sluit het aanhalingsteken.",
        "A quote (\") in this row is never closed, so the rest of the file ended up in this row. Close the quote.",
    ),
    "conflicting_location": (
        "lat/lon en x/y wijzen naar plaatsen die {value} meter uit elkaar liggen. Vul één van beide in, of "
        "corrigeer ze.",
        "lat/lon and x/y point to places {value} metres apart. Fill in only one of them, or correct them.",
    ),
    # warnings
    "outside_neighbourhoods": (
        "De plaats ligt in geen enkele buurt. De registratie wordt getoond, maar telt niet mee bij een buurt.",
        "The location lies in no neighbourhood. The registration is shown, but counts for no neighbourhood.",
    ),
    "biometric": (
        "Deze registratie verwerkt biometrische gegevens (zoals gezichten). "
        "De principes sluiten biometrische surveillance uit.",
        "This registration processes biometric data (such as faces). The principles exclude biometric surveillance.",
    ),
    "legitimate_interest_public_body": (
        "Een overheidsorganisatie ({value}) noemt 'gerechtvaardigd belang' als grondslag. "
        "Voor een publieke taak is dat meestal niet de juiste grondslag.",
        "A public body ({value}) claims 'legitimate interest'. "
        "For a public task that is usually not the right legal basis.",
    ),
    "expired_but_active": (
        "De einddatum ({value}) is voorbij, maar de status is nog 'actief'. Werk de status of de datum bij.",
        "The end date ({value}) has passed, but the status is still 'active'. Update the status or the date.",
    ),
    "no_dpia": (
        "Er worden persoonsgegevens verwerkt, maar er is geen DPIA (gegevensbeschermingseffectbeoordeling) vermeld.",
        "Personal data is processed, but no DPIA (data protection impact assessment) is mentioned.",
    ),
    "no_council_decision": (
        "Bij deze camera staat geen besluit van de gemeenteraad. De principes vragen om een democratisch besluit.",
        "There is no council decision for this camera. The principles ask for a democratic decision.",
    ),
    "unknown_legal_basis_import": (
        "De grondslag is onbekend (geïmporteerde gegevens). Dit wordt getoond als 'onbekend'.",
        "The legal basis is unknown (imported data). It is shown as 'unknown'.",
    ),
    "missing_privacy_statement_import": (
        "Er is geen privacyverklaring bekend (geïmporteerde gegevens).",
        "No privacy statement is known (imported data).",
    ),
}

#: The error and warning codes, for documentation and tests.
ERROR_CODES = frozenset(k for k in MESSAGES if k not in {
    "outside_neighbourhoods", "biometric", "legitimate_interest_public_body", "expired_but_active",
    "no_dpia", "no_council_decision", "unknown_legal_basis_import", "missing_privacy_statement_import"})
WARNING_CODES = frozenset(MESSAGES) - ERROR_CODES

_TRUE = {"ja", "j", "yes", "y", "true", "waar", "1", "1.0"}
_FALSE = {"nee", "n", "no", "false", "onwaar", "0", "0.0"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Schemes that make a text a link even without `//`; `javascript:` and `data:` are the dangerous ones.
# Other `word:` prefixes ("ECLI:NL:...", "Raadsbesluit:2024-12") are references, not links.
_KNOWN_SCHEMES = frozenset({
    "javascript", "vbscript", "livescript", "data", "blob", "file", "filesystem", "about", "view-source",
    "ftp", "ftps", "sftp", "ssh", "telnet", "smb", "nfs", "ldap", "gopher", "news", "nntp", "irc", "jar",
    "ws", "wss", "intent", "chrome", "ms-settings", "http", "https", "mailto", "tel", "sms", "callto", "skype",
})
# Browsers drop tabs and newlines anywhere in a link and C0 controls and spaces around it, so
# `java\tscript:` is `javascript:` to them; read links the same way before judging them.
_DROPPED_IN_URL = dict.fromkeys((9, 10, 13))
_URL_EDGE = "".join(map(chr, range(33)))
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_TIME_PART = re.compile(r"[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?", re.ASCII)
_PUBLIC_BODY = re.compile(
    r"\b(gemeente|provincie|waterschap|hoogheemraadschap|rijkswaterstaat|politie|ministerie|"
    r"veiligheidsregio|ggd|omgevingsdienst|rijksoverheid|municipality|province)\b",
    re.IGNORECASE,
)
_NUMBER_RANGES = {
    "direction": (0.0, 360.0, "0 tot en met 360", "0 to 360"),
    "field_of_view": (0.0, 360.0, "groter dan 0 en ten hoogste 360", "above 0 and at most 360"),
    "range_m": (0.0, 100_000.0, "groter dan 0", "above 0"),
    "retention_days": (0.0, 1_000_000.0, "0 of meer, in hele dagen", "0 or more, in whole days"),
}
#: Imports (OpenStreetMap and the like) may lack what a municipality's own register must have.
IMPORTED_SOURCES = {"osm", "import"}
#: A row with both lat/lon and x/y is accepted when they lie this close (rounding, older RD formulas).
MAX_LOCATION_GAP_M = 25.0


def _outside_hint(origin: str, lon: float, lat: float) -> tuple[str, str]:
    """The extra sentence for a location outside the Netherlands: swapped axes or RD metres, said per origin."""
    if crs.in_nl(lon, lat):
        return {
            "lat": (" Het lijkt erop dat lat en lon zijn verwisseld.", " It looks as if lat and lon are swapped."),
            "wkt": (" In WKT komt de lengtegraad eerst: POINT (lon lat).",
                    " In WKT the longitude comes first: POINT (lon lat)."),
        }.get(origin, (" De coördinaten lijken verwisseld: eerst lon, dan lat.",
                       " The coordinates look swapped: lon first, then lat."))
    if crs.looks_like_rd(lon, lat):
        if origin == "geometry":
            return (" Dit lijken RD-coördinaten: geef in het bestand het coördinatenstelsel EPSG:28992 op.",
                    " These look like RD coordinates: declare the coordinate system EPSG:28992 in the file.")
        return (" Dit lijken RD-coördinaten: zet ze in de kolommen x en y.",
                " These look like RD coordinates: put them in the x and y columns.")
    return "", ""


@dataclass
class RowInput:
    """One row as read from a file: its spreadsheet row number, its cells, and a geometry if the file had one."""

    row: int
    cells: dict[str, str]
    geometry: BaseGeometry | None = None
    geometry_error: str | None = None
    list_separators: str = "|;"
    extra_cells: bool = False
    #: Problem codes (keys of MESSAGES) the reader found in this row's raw text, e.g. "unclosed_quote".
    reader_codes: tuple[str, ...] = ()


@dataclass
class RowResult:
    record: dict[str, object] | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _short(value: object, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def problem(row: int, rid: str, fld: str, code: str, severity: Severity = Severity.ERROR,
            value: object = "", **extra: str) -> Problem:
    """Build a Problem from the message table.

    >>> problem(3, "A1", "sensor_type", "missing_required").message_en
    "The field 'sensor_type' is required but empty. Fill it in."
    """
    nl, en = MESSAGES[code]
    params = {"field": fld, "value": _short(value), "valid": "", "hint_nl": "", "hint_en": "",
              "range_nl": "", "range_en": ""}
    if fld in CODE_LISTS:
        params["valid"] = ", ".join(codes(fld))
    params.update(extra)
    return Problem(row, rid, fld, code, nl.format(**params), en.format(**params), severity)


def parse_bool(text: str) -> bool | None:
    """Parse yes/no in Dutch or English; None when it is neither.

    >>> parse_bool(" Ja "), parse_bool("false"), parse_bool("misschien")
    (True, False, None)
    """
    t = text.strip().casefold()
    if t in _TRUE:
        return True
    if t in _FALSE:
        return False
    return None


def parse_number(text: str) -> float | None:
    """Parse a decimal number, accepting a decimal comma; None when it is not a finite number.

    >>> parse_number("52,3731"), parse_number(" 4.9 "), parse_number("abc"), parse_number("nan")
    (52.3731, 4.9, None, None)
    """
    t = text.strip().replace("\u2212", "-")
    # float() also reads "5_2", "٥٢" and "infinity"; a register cell should hold plain digits only.
    if not _NUMBER.fullmatch(t) or ("," in t and "." in t):
        return None
    value = float(t.replace(",", "."))
    return value if math.isfinite(value) else None


def parse_date(text: str) -> date | None:
    """Parse an ISO (2025-03-01) or Dutch (01-03-2025) date; None when it is neither.

    >>> parse_date("2025-03-01"), parse_date("01-03-2025"), parse_date("2025-02-30")
    (datetime.date(2025, 3, 1), datetime.date(2025, 3, 1), None)
    >>> parse_date("2025-03-01 00:00:00"), parse_date("2025-03-01 of later")
    (datetime.date(2025, 3, 1), None)
    """
    t = text.strip()
    # Spreadsheets write timestamps; the date part is what counts. Other trailing text is not ignored.
    for sep in "T ":
        head, found, tail = t.partition(sep)
        if found and _TIME_PART.fullmatch(sep + tail):
            t = head
            break
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(t, fmt).date()
        except ValueError:
            continue
    return None


def is_http_url(text: str) -> bool:
    """Whether `text` is an absolute http(s) URL with a host (surrounding spaces ignored).

    >>> is_http_url(" https://example.org/p "), is_http_url("javascript:alert(1)"), is_http_url("http://")
    (True, False, False)
    """
    t = text.strip()
    try:
        parts = urlsplit(t)
        host = parts.hostname
    except ValueError:
        return False
    # A space, quote, angle bracket or control character does not belong in a link; refusing it
    # keeps a cell from breaking out of the href it is written into.
    return parts.scheme.lower() in {"http", "https"} and bool(host) and not any(
        c in t for c in ' <>"`\\') and all(ord(c) >= 32 and ord(c) != 127 for c in t)


def url_scheme(text: str) -> str | None:
    """The scheme a browser would read in `text` when it is one that makes it a link, lowercased; else None.

    >>> url_scheme("java\\tscript:alert(1)"), url_scheme("ECLI:NL:HR:2020:1"), url_scheme("foo://bar")
    ('javascript', None, 'foo')
    """
    t = text.strip(_URL_EDGE).translate(_DROPPED_IN_URL)
    m = _SCHEME.match(t)
    if not m:
        return None
    scheme = m.group(1).lower()
    return scheme if scheme in _KNOWN_SCHEMES or t[m.end():].startswith("//") else None


def looks_like_url(text: str) -> bool:
    """Whether `text` is meant as a link (so that it must be an http(s) URL to be accepted).

    A scheme, `www.` or a relative path ("/privacy", "../dpia.pdf") make a link; plain text does not.

    >>> looks_like_url("data:text/html,x"), looks_like_url("/raad/besluit-12"), looks_like_url("Besluit 2024/12")
    (True, True, False)
    """
    t = text.strip(_URL_EDGE).translate(_DROPPED_IN_URL)
    if url_scheme(t) is not None or t.lower().startswith("www."):
        return True
    # A relative link resolves against the dashboard's own address: never what a register means.
    return t.startswith(("/", "./", "../", "\\")) and not any(c.isspace() for c in t)


def safe_contact(text: str) -> bool:
    """A contact may be an e-mail address, a phone number, or an http(s), mailto: or tel: link.

    >>> safe_contact("privacy@gemeente.nl"), safe_contact("tel:+31201234567"), safe_contact("javascript:x")
    (True, True, False)
    """
    if not looks_like_url(text):
        return True
    if url_scheme(text) in {"mailto", "tel"}:
        return True
    return is_http_url(text)


def parse_retention_days(text: str) -> int | None:
    """Read a retention period like '28 dagen', '4 weeks' or '1 jaar' as days; None when it is not that.

    >>> parse_retention_days("28 dagen"), parse_retention_days("1 year"), parse_retention_days("zolang nodig")
    (28, 365, None)
    """
    m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*([a-zA-Z]+)\s*", text, re.ASCII)
    if not m:
        return None
    n = float(m.group(1).replace(",", "."))
    unit = m.group(2).lower()
    per = {"d": 1, "dag": 1, "dagen": 1, "day": 1, "days": 1, "week": 7, "weken": 7, "weeks": 7,
           "maand": 30, "maanden": 30, "month": 30, "months": 30, "jaar": 365, "jaren": 365,
           "year": 365, "years": 365, "uur": 1 / 24, "uren": 1 / 24, "hour": 1 / 24, "hours": 1 / 24}
    return round(n * per[unit]) if unit in per else None


def _split_list(text: str, separators: str) -> list[str]:
    parts = [text]
    for sep in separators:
        parts = [p for chunk in parts for p in chunk.split(sep)]
    return [p.strip() for p in parts if p.strip()]


class Validator:
    """Validates rows one by one and remembers what it needs across rows (the ids seen so far).

    Parameters
    ----------
    neighbourhoods : union of the neighbourhood polygons (WGS84), or None when none are given.
    today : the date that decides whether an end date has passed.
    """

    def __init__(self, neighbourhoods: BaseGeometry | None = None, today: date | None = None) -> None:
        self.area = neighbourhoods
        if self.area is not None:
            import shapely

            shapely.prepare(self.area)
        self.today = today or date.today()
        self.seen_ids: set[str] = set()

    def validate(self, row: RowInput) -> RowResult:  # one readable pass over the fields, in the format's order
        cells = {k: ("" if v is None else str(v)) for k, v in row.cells.items()}
        rid = cells.get("id", "").strip()
        out = RowResult(record=None)
        err = out.errors
        warn = out.warnings

        def add(fld: str, code: str, value: object = "", **extra: str) -> None:
            err.append(problem(row.row, rid, fld, code, value=value, **extra))

        def note(fld: str, code: str, value: object = "", **extra: str) -> None:
            warn.append(problem(row.row, rid, fld, code, Severity.WARNING, value=value, **extra))

        if row.extra_cells:
            add("", "bad_row")
        for code in row.reader_codes:
            add("", code)

        rec: dict[str, object] = {"row": row.row}
        for f in FIELDS:
            raw = cells.get(f.name, "")
            text = raw.strip()
            if f.kind in (Kind.TEXT,):
                rec[f.name] = text if f.name == "id" else (raw if text else "")
            elif f.kind is Kind.CODE:
                if not text:
                    rec[f.name] = ""
                else:
                    code = parse_code(f.name, text)
                    if code is None:
                        add(f.name, "unknown_code", text)
                    rec[f.name] = code or ""
            elif f.kind is Kind.CODES:
                found = []
                for part in _split_list(text, row.list_separators):
                    code = parse_code(f.name, part)
                    if code is None:
                        add(f.name, "unknown_code", part)
                    elif code not in found:
                        found.append(code)
                rec[f.name] = "|".join(found)
            elif f.kind is Kind.BOOL:
                value = parse_bool(text) if text else None
                if text and value is None:
                    add(f.name, "bad_boolean", text)
                rec[f.name] = value
            elif f.kind is Kind.URL:
                if text and not is_http_url(text):
                    add(f.name, "bad_url", text)
                rec[f.name] = text
            elif f.kind is Kind.DPIA:
                if not text:
                    rec[f.name] = ""
                elif (b := parse_bool(text)) is not None:
                    rec[f.name] = "yes" if b else "no"
                elif is_http_url(text):
                    rec[f.name] = text
                else:
                    add(f.name, "bad_url" if looks_like_url(text) else "bad_boolean", text)
                    rec[f.name] = ""
            elif f.kind is Kind.DATE:
                value = parse_date(text) if text else None
                if text and value is None:
                    add(f.name, "bad_date", text)
                rec[f.name] = value
            elif f.kind in (Kind.NUMBER, Kind.INTEGER):
                value = parse_number(text) if text else None
                lo, hi, r_nl, r_en = _NUMBER_RANGES[f.name]
                ok = value is not None and lo <= value <= hi
                if f.name in ("field_of_view", "range_m") and value is not None and value <= 0:
                    ok = False
                if f.kind is Kind.INTEGER and value is not None and value != int(value):
                    ok = False
                if text and not ok:
                    add(f.name, "bad_number", text, range_nl=f" ({r_nl})", range_en=f" ({r_en})")
                    value = None
                rec[f.name] = math.nan if value is None else value

        # Required fields (a code that failed to parse is reported once, as unknown).
        for f in FIELDS:
            if f.required is Required.YES and not cells.get(f.name, "").strip():
                add(f.name, "missing_required")

        # Contact and council decision may be text; when they are links they must be safe ones.
        if rec["contact"] and not safe_contact(str(rec["contact"])):
            add("contact", "bad_url", rec["contact"])
        if rec["council_decision"] and looks_like_url(str(rec["council_decision"])) and not is_http_url(
                str(rec["council_decision"])):
            add("council_decision", "bad_url", rec["council_decision"])

        if rid:
            if rid in self.seen_ids:
                add("id", "duplicate_id", rid)
            self.seen_ids.add(rid)

        # Defaults the format documents.
        rec["status"] = rec["status"] or "active"
        rec["source"] = rec["source"] or "register"
        rec["biometric"] = bool(rec["biometric"])
        imported = rec["source"] in IMPORTED_SOURCES
        if rec["retention_days"] != rec["retention_days"] and rec["retention"]:  # NaN: derive from text
            days = parse_retention_days(str(rec["retention"]))
            rec["retention_days"] = math.nan if days is None else float(days)

        personal = rec["personal_data"]
        basis = rec["legal_basis"]
        if personal:
            if not basis or basis == "none":
                if imported and not cells.get("legal_basis", "").strip():
                    rec["legal_basis"] = "unknown"
                    note("legal_basis", "unknown_legal_basis_import")
                elif not any(p.field == "legal_basis" for p in err):
                    add("legal_basis", "personal_data_without_legal_basis", basis,
                        valid=", ".join(GDPR_ARTICLE))
            elif basis == "unknown":
                if imported:
                    note("legal_basis", "unknown_legal_basis_import")
                else:
                    add("legal_basis", "legal_basis_unknown", basis)
            if not rec["privacy_statement_url"] and not any(
                    p.field == "privacy_statement_url" for p in err):
                if imported:
                    note("privacy_statement_url", "missing_privacy_statement_import")
                else:
                    add("privacy_statement_url", "missing_privacy_statement")
        elif personal is False and not basis:
            rec["legal_basis"] = "none"

        start, end = rec["active_from"], rec["active_until"]
        if isinstance(start, date) and isinstance(end, date) and end < start:
            add("active_until", "period_reversed", end.isoformat())

        geometry = self._geometry(row, cells, add, note)

        if err:
            return out

        # Warnings: accepted, but shown.
        if rec["biometric"]:
            note("biometric", "biometric", "ja")
        if basis == "legitimate_interest" and _PUBLIC_BODY.search(str(rec["owner"])):
            note("legal_basis", "legitimate_interest_public_body", rec["owner"])
        if isinstance(end, date) and end < self.today and rec["status"] == "active":
            note("active_until", "expired_but_active", end.isoformat())
        if personal and rec["dpia"] in ("", "no"):
            note("dpia", "no_dpia")
        if rec["sensor_type"] in ("camera", "anpr") and not str(rec["council_decision"]).strip():
            note("council_decision", "no_council_decision")

        rec["geometry"] = geometry
        out.record = rec
        return out

    def _geometry(self, row: RowInput, cells: dict[str, str], add, note) -> BaseGeometry | None:
        """The row's geometry in WGS84, from the file or from wkt, lat/lon or x/y; reports problems.

        Problems name the column the location came from (`wkt`, `lat`, `x`, or `geometry` for a
        file's own geometry), so that a person knows which cell to fix.
        """
        if row.geometry_error:
            add("geometry", "bad_geometry", row.geometry_error)
            return None
        origin = "geometry"
        geom: BaseGeometry | None = row.geometry
        if geom is None:
            wkt_text = cells.get("wkt", "").strip()
            has_latlon = bool(cells.get("lat", "").strip() or cells.get("lon", "").strip())
            has_xy = bool(cells.get("x", "").strip() or cells.get("y", "").strip())
            if wkt_text:
                origin = "wkt"
                try:
                    geom = shapely_wkt.loads(wkt_text)
                except (ShapelyError, ValueError, TypeError, AttributeError):
                    add("wkt", "bad_geometry", wkt_text)
                    return None
            elif has_latlon:
                origin = "lat"
                lonlat = self._pair(cells, "lat", "lon", add)
                if lonlat is None:
                    return None
                geom = Point(lonlat[1], lonlat[0])
                if has_xy:
                    # Both sets filled: use lat/lon, but only when x/y say the same (nothing guessed silently).
                    xy = self._pair(cells, "x", "y", add)
                    if xy is None:
                        return None
                    px, py = crs.wgs84_to_rd(lonlat[1], lonlat[0])
                    gap = math.hypot(float(px) - xy[0], float(py) - xy[1])
                    if not gap <= MAX_LOCATION_GAP_M:
                        add("x", "conflicting_location", f"{gap:.0f}")
                        return None
            elif has_xy:
                origin = "x"
                xy = self._pair(cells, "x", "y", add)
                if xy is None:
                    return None
                x, y = xy
                lo, la = crs.rd_to_wgs84(x, y)
                if not (math.isfinite(float(lo)) and math.isfinite(float(la))):
                    add("x", "bad_coordinate", f"{cells['x'].strip()} {cells['y'].strip()}")
                    return None
                geom = Point(float(lo), float(la))
                if not (crs.RD_X[0] < x <= crs.RD_X[1] and crs.RD_Y[0] <= y <= crs.RD_Y[1]) \
                        and not self._inside_neighbourhoods(geom):
                    hint_nl = hint_en = ""
                    if crs.in_nl(x, y) or crs.in_nl(y, x):
                        hint_nl = " Het lijken graden (lat/lon): zet ze in de kolommen lat en lon."
                        hint_en = " These look like degrees (lat/lon): put them in the lat and lon columns."
                    elif crs.looks_like_rd(x, y):
                        hint_nl = " Het lijkt erop dat x en y zijn verwisseld."
                        hint_en = " It looks as if x and y are swapped."
                    add("x", "outside_area", f"x={cells['x'].strip()}, y={cells['y'].strip()}",
                        hint_nl=hint_nl, hint_en=hint_en)
                    return None
            else:
                add("geometry", "missing_geometry")
                return None
        if geom is None or geom.is_empty:
            add(origin if origin == "wkt" else "geometry", "missing_geometry")
            return None
        if not isinstance(geom, (Point, Polygon, MultiPolygon)):
            add(origin, "bad_geometry", geom.geom_type)
            return None
        if not geom.is_valid:
            from shapely.validation import make_valid

            geom = make_valid(geom)
            if not isinstance(geom, (Polygon, MultiPolygon)):
                add(origin, "bad_geometry", "invalid polygon")
                return None
        c = geom if isinstance(geom, Point) else geom.representative_point()
        if not math.isfinite(c.x) or not math.isfinite(c.y):
            add(origin, "bad_coordinate", geom.wkt[:60])
            return None
        inside_nl = crs.in_nl(c.y, c.x)
        inside_nb = self._inside_neighbourhoods(geom)
        if not inside_nl and not inside_nb:
            hint_nl, hint_en = _outside_hint(origin, c.x, c.y)
            add(origin, "outside_area", f"{c.y:g}, {c.x:g}", hint_nl=hint_nl, hint_en=hint_en)
            return None
        if self.area is not None and not inside_nb:
            note("geometry", "outside_neighbourhoods", f"{c.y:g}, {c.x:g}")
        return geom

    @staticmethod
    def _pair(cells: dict[str, str], first: str, second: str, add) -> tuple[float, float] | None:
        """Two coordinate cells as numbers, or None after reporting what is missing or not a number."""
        values = []
        for name in (first, second):
            text = cells.get(name, "").strip()
            value = parse_number(text) if text else None
            if not text:
                add(name, "missing_required")
            elif value is None:
                add(name, "bad_coordinate", text)
            values.append(value)
        if values[0] is None or values[1] is None:
            return None
        return values[0], values[1]

    def _inside_neighbourhoods(self, geom: BaseGeometry) -> bool:
        return self.area is not None and self.area.intersects(geom)


def validate_rows(rows: Iterable[RowInput], neighbourhoods: BaseGeometry | None = None,
                  today: date | None = None) -> tuple[list[dict[str, object]], list[Problem], list[Problem]]:
    """Validate rows; return the accepted records, the errors and the warnings.

    A row with any error is rejected whole; its warnings are not reported (fix the errors first).
    """
    v = Validator(neighbourhoods, today)
    accepted: list[dict[str, object]] = []
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for row in rows:
        res = v.validate(row)
        if res.record is not None:
            accepted.append(res.record)
            warnings.extend(res.warnings)
        else:
            errors.extend(res.errors)
    return accepted, errors, warnings


def field_label(name: str, lang: str) -> str:
    """The Dutch or English label of a register field, or the name itself for coordinate columns."""
    f = FIELD_BY_NAME.get(name)
    return (f.nl if lang == "nl" else f.en) if f else name


__all__: Sequence[str] = ("ERROR_CODES", "MESSAGES", "WARNING_CODES", "RowInput", "RowResult", "Validator",
                          "field_label", "is_http_url", "looks_like_url", "parse_bool", "parse_date",
                          "parse_number", "parse_retention_days", "problem", "safe_contact", "url_scheme",
                          "validate_rows")
