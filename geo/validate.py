"""Validation of register rows: every row accepted or rejected with reasons, warnings beside them."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import shapely
from shapely import wkt as shapely_wkt
from shapely.errors import ShapelyError
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from geo import crs
from geo.codes import CODE_LISTS, GDPR_ARTICLE, codes, parse_code
from geo.links import is_http_url, looks_like_url, safe_contact
from geo.schema import FIELD_BY_NAME, FIELDS, Kind, Problem, Required, Severity
from geo.text import Msg, msg

#: Problem codes that reject a row; each has its message `problem.<code>` in geo.text. `{field}` is the column,
#: `{value}` the cell as given (shortened), `{valid}` the valid codes, `{hint}` an extra sentence.
ERROR_CODES = frozenset({
    "missing_required", "unknown_code", "duplicate_id", "missing_geometry", "bad_coordinate", "bad_geometry",
    "outside_area", "bad_boolean", "personal_data_without_legal_basis", "legal_basis_unknown",
    "missing_privacy_statement", "bad_url", "bad_date", "period_reversed", "bad_number", "bad_row",
    "unclosed_quote", "conflicting_location", "no_location"})
#: Problem codes of warnings: the row is accepted, and the problem shown beside it.
WARNING_CODES = frozenset({
    "outside_neighbourhoods", "biometric", "legitimate_interest_public_body", "expired_but_active",
    "no_dpia", "no_council_decision", "unknown_legal_basis_import", "missing_privacy_statement_import",
    "unmapped_value", "unmapped_region", "legal_ground_unmapped", "area_from_region", "pages_missing"})
PROBLEM_CODES = ERROR_CODES | WARNING_CODES
#: The codes only a reader of another format gives (geo.amsterdam, in RowInput.notes), never the validator itself.
READER_CODES = frozenset({"no_location", "unmapped_value", "unmapped_region", "legal_ground_unmapped",
                          "area_from_region", "pages_missing"})

_TRUE = {"ja", "j", "yes", "y", "true", "waar", "1", "1.0"}
_FALSE = {"nee", "n", "no", "false", "onwaar", "0", "0.0"}
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_TIME_PART = re.compile(r"[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?", re.ASCII)
_PUBLIC_BODY = re.compile(
    r"\b(gemeente|provincie|waterschap|hoogheemraadschap|rijkswaterstaat|politie|ministerie|"
    r"veiligheidsregio|ggd|omgevingsdienst|rijksoverheid|municipality|province)\b",
    re.IGNORECASE,
)
#: Allowed range per number field; the words for it are `problem.range.<field>` in geo.text.
_NUMBER_RANGES = {
    "direction": (0.0, 360.0),
    "field_of_view": (0.0, 360.0),
    "range_m": (0.0, 100_000.0),
    "retention_days": (0.0, 1_000_000.0),
}
#: Imports (OpenStreetMap and the like) may lack what a municipality's own register must have.
IMPORTED_SOURCES = {"osm", "import"}
#: A row with both lat/lon and x/y is accepted when they lie this close (rounding, older RD formulas).
MAX_LOCATION_GAP_M = 25.0
#: A field's value when its cell is empty, by kind: no problem to report, whatever the field.
_EMPTY: dict[Kind, object] = {Kind.TEXT: "", Kind.CODE: "", Kind.CODES: "", Kind.BOOL: None, Kind.URL: "",
                              Kind.DPIA: "", Kind.DATE: None, Kind.NUMBER: math.nan, Kind.INTEGER: math.nan}
#: The fields as `Validator.validate` goes through them, worked out once: (name, kind, value when empty).
_PLAN = tuple((f.name, f.kind, _EMPTY[f.kind]) for f in FIELDS)
_REQUIRED = tuple(f.name for f in FIELDS if f.required is Required.YES)
#: How many parsed cells a Validator remembers (code lists, links, dates); past it, cells are parsed each time.
_CACHE_SIZE = 100_000
#: The validator's own problems that a reader's note on the same field says better (RowInput.notes).
_SAID_BY_NOTES = frozenset({"missing_geometry", "unknown_legal_basis_import"})


def _outside_hint(origin: str, lon: float, lat: float) -> Msg | str:
    """The extra sentence for a location outside the Netherlands: swapped axes or RD metres, said per origin."""
    if crs.in_nl(lon, lat):
        return msg({"lat": "problem.hint.latlon_swapped", "wkt": "problem.hint.wkt_order"}.get(
            origin, "problem.hint.lonlat_swapped"))
    if crs.looks_like_rd(lon, lat):
        return msg("problem.hint.rd_declare_crs" if origin == "geometry" else "problem.hint.rd_in_latlon")
    return ""


@dataclass
class RowInput:
    """One row as read from a file: its spreadsheet row number, its cells, and a geometry if the file had one."""

    row: int
    cells: dict[str, str]
    geometry: BaseGeometry | None = None
    geometry_error: str | None = None
    list_separators: str = "|;"
    extra_cells: bool = False
    #: Problem codes (ERROR_CODES) the reader found in this row's raw text, e.g. "unclosed_quote".
    reader_codes: tuple[str, ...] = ()
    #: Problems a reader found while converting another format (geo.amsterdam): errors reject the row, warnings
    #: are shown beside it; on their field they stand in for the validator's own words (_SAID_BY_NOTES).
    notes: tuple[Problem, ...] = ()


@dataclass
class RowResult:
    record: dict[str, object] | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _short(value: object, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def problem(row: int, rid: str, fld: str, code: str, severity: Severity = Severity.ERROR,
            value: object = "", **extra: object) -> Problem:
    """Build a Problem; its message is `problem.<code>` in geo.text.

    >>> problem(3, "A1", "sensor_type", "missing_required").message("en")
    "The field 'sensor_type' is required but empty. Fill it in."
    """
    if code not in PROBLEM_CODES:
        raise KeyError(f"unknown problem code {code!r}")
    params: dict[str, object] = {"field": fld, "value": _short(value), "valid": "", "hint": "", "range": ""}
    if fld in CODE_LISTS:
        params["valid"] = ", ".join(codes(fld))
    params.update(extra)
    return Problem(row, rid, fld, code, params, severity)


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


#: The words a register may use for a unit of time (Dutch or English, any case) -> (unit, days). A unit's
#: words for display are `unit.<unit>` in geo.text.
DURATION_UNITS: dict[str, tuple[str, float]] = {
    **dict.fromkeys(("uur", "uren", "hour", "hours"), ("hour", 1 / 24)),
    **dict.fromkeys(("d", "dag", "dagen", "day", "days"), ("day", 1)),
    **dict.fromkeys(("week", "weken", "weeks"), ("week", 7)),
    **dict.fromkeys(("maand", "maanden", "month", "months"), ("month", 30)),
    **dict.fromkeys(("jaar", "jaren", "year", "years"), ("year", 365)),
}
_DURATION = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*([a-zA-Z]+)\s*", re.ASCII)


def parse_duration(text: str) -> tuple[float, str] | None:
    """A period like '28 dagen', '4 weeks' or '1 jaar' as (number, unit); None when it is not that.

    >>> parse_duration("28 dagen"), parse_duration(" 1,5 Year "), parse_duration("zolang nodig")
    ((28.0, 'day'), (1.5, 'year'), None)
    """
    m = _DURATION.fullmatch(text)
    if not m or m.group(2).lower() not in DURATION_UNITS:
        return None
    return float(m.group(1).replace(",", ".")), DURATION_UNITS[m.group(2).lower()][0]


def parse_retention_days(text: str) -> int | None:
    """Read a retention period like '28 dagen', '4 weeks' or '1 jaar' as days; None when it is not that.

    >>> parse_retention_days("28 dagen"), parse_retention_days("1 year"), parse_retention_days("zolang nodig")
    (28, 365, None)
    """
    found = parse_duration(text)
    if found is None:
        return None
    n, unit = found
    days = next(d for u, d in DURATION_UNITS.values() if u == unit)
    return round(n * days)


def _split_list(text: str, separators: str) -> list[str]:
    parts = [text]
    for sep in separators:
        parts = [p for chunk in parts for p in chunk.split(sep)]
    return [p.strip() for p in parts if p.strip()]


def row_id(row: RowInput) -> str:
    """The row's id as validation reads it (surrounding spaces dropped; "" when it has none)."""
    value = row.cells.get("id")
    return "" if value is None else str(value).strip()


def duplicate_ids(ids: Iterable[str], seen: set[str]) -> list[bool]:
    """Whether each id (`row_id`) came before (in `seen`, or earlier in `ids`); `seen` takes in every id.

    >>> duplicate_ids(["A", "", "B", "A", ""], {"B"})
    [False, False, True, True, False]
    """
    out = []
    for rid in ids:
        out.append(bool(rid) and rid in seen)
        if rid:
            seen.add(rid)
    return out


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
            shapely.prepare(self.area)
        self.today = today or date.today()
        self.seen_ids: set[str] = set()
        # A register repeats the same few dozen code cells, links and dates: each is parsed once.
        self._seen: dict[tuple, object] = {}

    def _cached(self, key: tuple, parse):
        try:
            return self._seen[key]
        except KeyError:
            value = parse()
            if len(self._seen) < _CACHE_SIZE:
                self._seen[key] = value
            return value

    def _code(self, name: str, text: str) -> str | None:
        return self._cached((name, text), lambda: parse_code(name, text))

    def _codes(self, name: str, text: str, separators: str) -> tuple[str, tuple[str, ...]]:
        """A list cell's codes joined by "|" (each once, in order), and the parts that are no code (in order)."""
        def parse() -> tuple[str, tuple[str, ...]]:
            found: list[str] = []
            unknown: list[str] = []
            for part in _split_list(text, separators):
                code = parse_code(name, part)
                if code is None:
                    unknown.append(part)
                elif code not in found:
                    found.append(code)
            return "|".join(found), tuple(unknown)

        return self._cached((name, text, separators), parse)

    def _http(self, text: str) -> bool:
        return self._cached(("http", text), lambda: is_http_url(text))

    def _date(self, text: str) -> date | None:
        return self._cached(("date", text), lambda: parse_date(text))

    def validate(self, row: RowInput, duplicate: bool | None = None) -> RowResult:  # one pass, in the format's order
        """Validate one row. `duplicate`: whether its id came before, when the caller keeps the ids seen
        (`duplicate_ids`, rows validated in several processes); by default this validator keeps them."""
        cells = {k: ("" if v is None else str(v)) for k, v in row.cells.items()}
        rid = row_id(row)
        out = RowResult(record=None)
        err = out.errors
        warn = out.warnings

        noted = {p.field for p in row.notes}

        def add(fld: str, code: str, value: object = "", **extra: object) -> None:
            if not (code in _SAID_BY_NOTES and fld in noted):
                err.append(problem(row.row, rid, fld, code, value=value, **extra))

        def note(fld: str, code: str, value: object = "", **extra: object) -> None:
            if not (code in _SAID_BY_NOTES and fld in noted):
                warn.append(problem(row.row, rid, fld, code, Severity.WARNING, value=value, **extra))

        for p in row.notes:
            (err if p.severity is Severity.ERROR else warn).append(p)

        if row.extra_cells:
            add("", "bad_row")
        for code in row.reader_codes:
            add("", code)

        rec: dict[str, object] = {"row": row.row}
        for name, kind, empty in _PLAN:
            raw = cells.get(name, "")
            text = raw.strip()
            if not text:  # most cells of a register are empty: each kind's empty value, nothing to report
                rec[name] = empty
                continue
            if kind is Kind.TEXT:
                rec[name] = text if name == "id" else raw
            elif kind is Kind.CODE:
                code = self._code(name, text)
                if code is None:
                    add(name, "unknown_code", text)
                rec[name] = code or ""
            elif kind is Kind.CODES:
                joined, unknown = self._codes(name, text, row.list_separators)
                for part in unknown:
                    add(name, "unknown_code", part)
                rec[name] = joined
            elif kind is Kind.BOOL:
                value = parse_bool(text)
                if value is None:
                    add(name, "bad_boolean", text)
                rec[name] = value
            elif kind is Kind.URL:
                if not self._http(text):
                    add(name, "bad_url", text)
                rec[name] = text
            elif kind is Kind.DPIA:
                if (b := parse_bool(text)) is not None:
                    rec[name] = "yes" if b else "no"
                elif self._http(text):
                    rec[name] = text
                else:
                    add(name, "bad_url" if looks_like_url(text) else "bad_boolean", text)
                    rec[name] = ""
            elif kind is Kind.DATE:
                value = self._date(text)
                if value is None:
                    add(name, "bad_date", text)
                rec[name] = value
            elif kind in (Kind.NUMBER, Kind.INTEGER):
                value = parse_number(text)
                lo, hi = _NUMBER_RANGES[name]
                ok = value is not None and lo <= value <= hi
                if name in ("field_of_view", "range_m") and value is not None and value <= 0:
                    ok = False
                if kind is Kind.INTEGER and value is not None and value != int(value):
                    ok = False
                if not ok:
                    add(name, "bad_number", text, range=msg(f"problem.range.{name}"))
                    value = None
                rec[name] = math.nan if value is None else value

        # Required fields (a code that failed to parse is reported once, as unknown).
        for name in _REQUIRED:
            if not cells.get(name, "").strip():
                add(name, "missing_required")

        # Contact and council decision may be text; when they are links they must be safe ones.
        if rec["contact"] and not safe_contact(str(rec["contact"])):
            add("contact", "bad_url", rec["contact"])
        if rec["council_decision"] and looks_like_url(str(rec["council_decision"])) and not is_http_url(
                str(rec["council_decision"])):
            add("council_decision", "bad_url", rec["council_decision"])

        if rid:
            if duplicate is None:
                duplicate = rid in self.seen_ids
                self.seen_ids.add(rid)
            if duplicate:
                add("id", "duplicate_id", rid)

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

        # Warnings: accepted, but shown. Those that are principles (biometrics, an end date passed, no DPIA,
        # no council decision) are added for all accepted rows at once by `validate_rows`, from the one
        # definition in geo.principles.
        if basis == "legitimate_interest" and _PUBLIC_BODY.search(str(rec["owner"])):
            note("legal_basis", "legitimate_interest_public_body", rec["owner"])

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
                    hint: Msg | str = ""
                    if crs.in_nl(x, y) or crs.in_nl(y, x):
                        hint = msg("problem.hint.degrees_in_xy")
                    elif crs.looks_like_rd(x, y):
                        hint = msg("problem.hint.xy_swapped")
                    add("x", "outside_area", f"x={cells['x'].strip()}, y={cells['y'].strip()}", hint=hint)
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
            add(origin, "outside_area", f"{c.y:g}, {c.x:g}", hint=_outside_hint(origin, c.x, c.y))
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
                  today: date | None = None, *, validator: Validator | None = None,
                  duplicates: Sequence[bool] | None = None,
                  ) -> tuple[list[dict[str, object]], list[Problem], list[Problem]]:
    """Validate rows; return the accepted records, the errors and the warnings.

    A row with any error is rejected whole; its warnings are not reported (fix the errors first).
    `validator`: one that has seen the rows before these (a register validated in chunks), so that what
    holds across rows (no id twice) holds across chunks; then `neighbourhoods` and `today` are its own.
    `duplicates`: per row, whether its id came before (`duplicate_ids`), when the caller keeps the ids.
    """
    v = validator or Validator(neighbourhoods, today)
    accepted: list[dict[str, object]] = []
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for i, row in enumerate(rows):
        res = v.validate(row, None if duplicates is None else duplicates[i])
        if res.record is not None:
            accepted.append(res.record)
            warnings.extend(res.warnings)
        else:
            errors.extend(res.errors)
    warnings.extend(principle_warnings(accepted, v.today))
    warnings.sort(key=lambda p: p.row)  # stable: within a row, the validator's own warnings first
    return accepted, errors, warnings


#: The principles' reasons that a register file is warned about: reason -> (field, warning code).
REASON_WARNINGS = {
    "biometric": ("biometric", "biometric"),
    "expired": ("active_until", "expired_but_active"),
    "no_dpia": ("dpia", "no_dpia"),
    "no_council_decision": ("council_decision", "no_council_decision"),
}


def principle_warnings(records: list[dict[str, object]], today: date) -> list[Problem]:
    """Warnings for accepted records that fall short of a principle, by geo.principles' one definition."""
    if not records:
        return []
    import pandas as pd

    from geo.principles import reason_frame

    frame = pd.DataFrame.from_records(records)
    for name in ("active_until", "last_checked"):
        frame[name] = pd.to_datetime(frame[name])
    reasons = reason_frame(frame, today, tuple(REASON_WARNINGS))
    out = []
    for reason, (fld, code) in REASON_WARNINGS.items():
        for i in reasons.index[reasons[reason].to_numpy()]:
            rec = records[i]
            value = rec[fld].isoformat() if isinstance(rec[fld], date) else ""
            out.append(problem(int(rec["row"]), str(rec["id"]), fld, code, Severity.WARNING, value=value))
    return out


def field_label(name: str, lang: str) -> str:
    """The label of a register field in `lang`, or the name itself for coordinate columns."""
    f = FIELD_BY_NAME.get(name)
    return f.label(lang) if f else name


__all__: Sequence[str] = (
    "ERROR_CODES",
    "PROBLEM_CODES",
    "READER_CODES",
    "WARNING_CODES",
    "RowInput",
    "RowResult",
    "Validator",
    "duplicate_ids",
    "field_label",
    "parse_bool",
    "parse_date",
    "parse_duration",
    "parse_number",
    "parse_retention_days",
    "principle_warnings",
    "problem",
    "row_id",
    "validate_rows",
)
