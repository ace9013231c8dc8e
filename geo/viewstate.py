"""Every page's shareable state and its URL form: one pure parse/format pair per page, robust to any junk.

A link carries the view, so that it can be shared: `lang` on every page; on the map (/kaart) the filters,
the chosen registration, the map's centre and zoom and the base map; the chosen spot and radius on
/hier; a neighbourhood's code on /buurt and /presentatie; the measure on /buurten; the filters and section
on /beleid. Values are checked against the code lists and ranges here, and a value a link cannot mean is
dropped, never an error. Only ui.state reads and writes the browser's address bar; pages never do.
"""

from __future__ import annotations

import math
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from geo.codes import CODE_LISTS, codes
from geo.crs import in_nl, wgs84_to_rd
from geo.filters import CODE_FIELDS, OUTSIDE, Filters
from geo.principles import PRINCIPLE_CODES
from geo.text import known_lang

#: Every page's language.
LANG = "lang"
#: Where the public dashboard lives, for links printed on paper (QR codes) and in feeds.
PUBLIC_URL_ENV = "ZICHTBAAR_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://localhost:8501"

#: The base maps, the first being the default.
BASE_MAPS = ("brt", "osm", "none")
DEFAULT_BASE = BASE_MAPS[0]
#: URL parameter of each filter: the filter's name with `f_` in front (the widget keys are the same).
FILTER_PARAMS = {
    "purpose": "f_purpose",
    "data_types": "f_data_types",
    "legal_basis": "f_legal_basis",
    "sensor_type": "f_sensor_type",
    "owner": "f_owner",
    "personal_data": "f_personal_data",
    "status": "f_status",
    "active_on": "f_active_on",
    "neighbourhood": "f_neighbourhood",
    "text": "f_text",
    "flag": "f_flag",
}
SELECTED, LAT, LON, ZOOM, BASE = "sel", "lat", "lon", "z", "base"
#: Every parameter this module reads or writes; others (such as `lang`) are left alone.
PARAMS = (*FILTER_PARAMS.values(), SELECTED, LAT, LON, ZOOM, BASE)
#: Longest text value taken from a URL: ids, owners, neighbourhood codes and search text.
MAX_TEXT = 200
#: Most values taken for one multi-valued parameter.
MAX_VALUES = 500
ZOOM_RANGE = (1, 20)
#: How the neighbourhood option "outside every neighbourhood" (code "") is written in a URL.
OUTSIDE_TOKEN = "-"
_YES = {"yes", "ja", "true", "1"}
_NO = {"no", "nee", "false", "0"}


@dataclass(frozen=True)
class MapView:
    """Where the map looks: centre (WGS84 degrees) and zoom level.

    >>> MapView(52.37, 4.9, 14)
    MapView(lat=52.37, lon=4.9, zoom=14)
    """

    lat: float
    lon: float
    zoom: int


@dataclass(frozen=True)
class ViewState:
    """Everything a shared link reproduces on the map page (the language lives in `lang`, elsewhere)."""

    filters: Filters = field(default_factory=Filters)
    selected: str | None = None
    view: MapView | None = None
    base: str = DEFAULT_BASE


def parse(params: Mapping[str, str | Sequence[str]]) -> ViewState:
    """Read a ViewState from query parameters; invalid or unknown values are dropped, never raised.

    A parameter's value may be a string or a list of strings (a repeated parameter). Code filters take
    comma-separated codes or repeated parameters; owners only repeated parameters (names may hold commas).

    Examples
    --------
    >>> s = parse({"f_purpose": "safety,spying", "f_personal_data": "ja", "sel": "CAM-1",
    ...            "lat": "52.37", "lon": "4.9", "z": "15", "base": "osm"})
    >>> s.filters.purpose, s.filters.personal_data, s.selected, s.view, s.base
    (('safety',), True, 'CAM-1', MapView(lat=52.37, lon=4.9, zoom=15), 'osm')
    >>> parse({"z": "banana", "f_active_on": "2025-02-30", "base": "<script>"}) == ViewState()
    True
    """
    values: dict[str, object] = {}
    for name in CODE_FIELDS:
        allowed = CODE_LISTS[name]
        chosen = [v for v in _split(_values(params, FILTER_PARAMS[name])) if v in allowed]
        values[name] = _unique(chosen)
    values["neighbourhood"] = _unique(
        OUTSIDE if v == OUTSIDE_TOKEN else v for v in _split(_values(params, FILTER_PARAMS["neighbourhood"])))
    values["owner"] = _unique(_clean(v) for v in _values(params, FILTER_PARAMS["owner"]) if _clean(v))
    values["personal_data"] = _bool(_last(params, FILTER_PARAMS["personal_data"]))
    values["active_on"] = _date(_last(params, FILTER_PARAMS["active_on"]))
    values["text"] = _clean(_last(params, FILTER_PARAMS["text"]) or "")
    values["flag"] = _unique(v for v in _split(_values(params, FILTER_PARAMS["flag"])) if v in PRINCIPLE_CODES)
    selected = _clean(_last(params, SELECTED) or "") or None
    base = _last(params, BASE)
    return ViewState(
        filters=Filters(**values),  # type: ignore[arg-type]
        selected=selected,
        view=_view(_last(params, LAT), _last(params, LON), _last(params, ZOOM)),
        base=base if base in BASE_MAPS else DEFAULT_BASE,
    )


def format_params(state: ViewState) -> dict[str, str | list[str]]:
    """The query parameters for `state`: only what differs from the default, so links stay short.

    Examples
    --------
    >>> format_params(ViewState(Filters(purpose=("safety", "traffic"), owner=("A, B",), personal_data=False),
    ...                         selected="X", view=MapView(52.123456789, 4.9, 15)))
    {'f_purpose': 'safety,traffic', 'f_owner': ['A, B'], 'f_personal_data': 'no', 'sel': 'X', \
'lat': '52.123457', 'lon': '4.9', 'z': '15'}
    >>> format_params(ViewState())
    {}
    """
    f = state.filters
    out: dict[str, str | list[str]] = {}
    for name in ("purpose", "data_types", "legal_basis", "sensor_type"):
        if getattr(f, name):
            out[FILTER_PARAMS[name]] = ",".join(getattr(f, name))
    if f.owner:
        out[FILTER_PARAMS["owner"]] = list(f.owner)
    if f.personal_data is not None:
        out[FILTER_PARAMS["personal_data"]] = "yes" if f.personal_data else "no"
    if f.status:
        out[FILTER_PARAMS["status"]] = ",".join(f.status)
    if f.active_on is not None:
        out[FILTER_PARAMS["active_on"]] = f.active_on.isoformat()
    if f.neighbourhood:
        out[FILTER_PARAMS["neighbourhood"]] = ",".join(v or OUTSIDE_TOKEN for v in f.neighbourhood)
    if f.text:
        out[FILTER_PARAMS["text"]] = f.text
    if f.flag:
        out[FILTER_PARAMS["flag"]] = ",".join(f.flag)
    if state.selected:
        out[SELECTED] = state.selected
    if state.view is not None:
        out[LAT] = _num(state.view.lat)
        out[LON] = _num(state.view.lon)
        out[ZOOM] = str(state.view.zoom)
    if state.base != DEFAULT_BASE:
        out[BASE] = state.base
    return out


def _values(params: Mapping[str, str | Sequence[str]], key: str) -> list[str]:
    raw = params.get(key)
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    return [v for v in items if isinstance(v, str)][:MAX_VALUES]


def _last(params: Mapping[str, str | Sequence[str]], key: str) -> str | None:
    items = _values(params, key)
    return items[-1] if items else None


def _split(items: list[str]) -> list[str]:
    return [p for p in (_clean(part) for item in items for part in item.split(",")) if p][:MAX_VALUES]


def _clean(text: str) -> str:
    # Control characters never belong in a filter or id; cut them rather than fail.
    return "".join(ch for ch in str(text) if ch.isprintable()).strip()[:MAX_TEXT]


def _unique(items: object) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))  # type: ignore[arg-type]


def _bool(text: str | None) -> bool | None:
    t = (text or "").strip().lower()
    return True if t in _YES else False if t in _NO else None


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text.strip()[:40]) if text else None
    except ValueError:
        return None


def _float(text: str | None) -> float | None:
    try:
        value = float((text or "").strip()[:40])
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _view(lat: str | None, lon: str | None, zoom: str | None) -> MapView | None:
    la, lo, z = _float(lat), _float(lon), _float(zoom)
    if la is None or lo is None or z is None:
        return None
    if not (-90 <= la <= 90 and -180 <= lo <= 180 and ZOOM_RANGE[0] <= z <= ZOOM_RANGE[1]):
        return None
    return MapView(la, lo, round(z))


def _num(value: float) -> str:
    """Six decimals (about 10 cm), without trailing zeros."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def parse_lang(params: Mapping[str, str | Sequence[str]]) -> str:
    """The language a link asks for; the default for anything else.

    >>> parse_lang({"lang": "en"}), parse_lang({"lang": ["nl", "fr"]}), parse_lang({})
    ('en', 'nl', 'nl')
    """
    return known_lang(_last(params, LANG))


# ---------------------------------------------------------------- /hier: a spot and a radius

#: The radii a resident can choose, in metres, and the one a page opens with.
RADII: tuple[int, ...] = (100, 250, 500)
DEFAULT_RADIUS = 250
#: Decimals of the spot in a shared link: 5 decimals is about a metre, enough for a front door.
COORD_DECIMALS = 5
#: The spot's own names, apart from the map page's centre (`lat`, `lon`); `r` is the radius in metres.
SPOT_LAT, SPOT_LON, RADIUS = "spot_lat", "spot_lon", "r"
#: Links made before the spot had names of its own carried it as `lat` and `lon`: still read, never written.
LEGACY_SPOT = (LAT, LON)
NEAR_PARAMS = (SPOT_LAT, SPOT_LON, RADIUS, *LEGACY_SPOT)


@dataclass(frozen=True)
class Spot:
    """A place a resident chose, in WGS84 degrees.

    >>> Spot(52.1551723, 5.3872035).rd  # Amersfoort, the origin of RD New
    (155000.0, 463000.0)
    """

    lat: float
    lon: float

    @property
    def rd(self) -> tuple[float, float]:
        """The spot in RD New metres (x, y), rounded to centimetres."""
        x, y = wgs84_to_rd(self.lon, self.lat)
        return round(float(x), 2), round(float(y), 2)

    @classmethod
    def rounded(cls, lat: float, lon: float) -> Spot:
        """The spot as a shared link carries it, so that the link shows exactly the same list.

        >>> Spot.rounded(52.4712345678, 5.55)
        Spot(lat=52.47123, lon=5.55)
        """
        return cls(round(float(lat), COORD_DECIMALS), round(float(lon), COORD_DECIMALS))

    @classmethod
    def of(cls, lat: object, lon: object) -> Spot | None:
        """The spot at (lat, lon) given as numbers or text (a decimal comma allowed), rounded as a link
        carries it; None unless both are numbers that lie in the Netherlands.

        >>> Spot.of("52.47", "5,55"), Spot.of(48.85, 2.35), Spot.of(None, "x")
        (Spot(lat=52.47, lon=5.55), None, None)
        """
        la, lo = _coordinate(lat), _coordinate(lon)
        if la is None or lo is None or not in_nl(la, lo):
            return None
        return cls.rounded(la, lo)


@dataclass(frozen=True)
class NearState:
    """What a link reproduces on /hier: the spot (None until one is chosen) and the radius."""

    spot: Spot | None = None
    radius: int = DEFAULT_RADIUS


def snap_radius(value: object) -> int:
    """The allowed radius nearest to `value`; the default for anything that is not a number.

    >>> snap_radius("250"), snap_radius("90"), snap_radius("1e6"), snap_radius("-5"), snap_radius("km")
    (250, 100, 500, 100, 250)
    """
    number = _coordinate(value)
    if number is None:
        return DEFAULT_RADIUS
    return min(RADII, key=lambda r: (abs(r - number), r))


def parse_near(params: Mapping[str, str | Sequence[str]]) -> NearState:
    """The spot and radius a link asks for: `spot_lat`, `spot_lon` (or the older `lat`, `lon`) and `r`.

    Junk is ignored, never an error: a missing, unreadable or foreign coordinate gives no spot, and
    `r` is snapped to the nearest allowed radius. A decimal comma is accepted.

    >>> parse_near({"spot_lat": "52.47", "spot_lon": "5,55", "r": "300"})
    NearState(spot=Spot(lat=52.47, lon=5.55), radius=250)
    >>> parse_near({"lat": "52.47", "lon": "5.55"}).spot  # a link from before the spot's own names
    Spot(lat=52.47, lon=5.55)
    >>> parse_near({"spot_lat": "nan", "spot_lon": "5.55", "r": "x"}), parse_near({"lat": "48.85", "lon": "2.35"})
    (NearState(spot=None, radius=250), NearState(spot=None, radius=250))
    """
    radius = snap_radius(_last(params, RADIUS))
    spot = Spot.of(_last(params, SPOT_LAT), _last(params, SPOT_LON))
    if spot is None and _last(params, SPOT_LAT) is None:
        spot = Spot.of(_last(params, LAT), _last(params, LON))
    return NearState(spot, radius)


def format_near(state: NearState) -> dict[str, str]:
    """The query parameters of a shared link to a spot and radius: the inverse of `parse_near`.

    >>> format_near(NearState(Spot(52.47, 5.55), 500))
    {'spot_lat': '52.47000', 'spot_lon': '5.55000', 'r': '500'}
    >>> format_near(NearState())
    {}
    """
    if state.spot is None:
        return {}
    return {SPOT_LAT: f"{state.spot.lat:.{COORD_DECIMALS}f}", SPOT_LON: f"{state.spot.lon:.{COORD_DECIMALS}f}",
            RADIUS: str(snap_radius(state.radius))}


def _coordinate(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip().replace(",", ".")[:40])
    except ValueError:
        return None
    return number if math.isfinite(number) else None


# ---------------------------------------------------------------- /buurt and /presentatie: a neighbourhood

CODE = "code"
#: The longest neighbourhood code accepted from a URL or the command line; anything longer is junk.
MAX_CODE_LENGTH = 64


def neighbourhood_code(raw: object, known: Sequence[str]) -> str | None:
    """The neighbourhood code among `known` that `raw` (from a URL or a command line) names, or None.

    Surrounding spaces and letter case are forgiven; anything else (junk, markup, overlong) is None.

    >>> neighbourhood_code(" bu99990002 ", ["BU99990001", "BU99990002"]), neighbourhood_code("<script>", ["A"])
    ('BU99990002', None)
    """
    if not isinstance(raw, str) or not raw.strip() or len(raw) > MAX_CODE_LENGTH:
        return None
    wanted = raw.strip()
    if wanted in known:
        return wanted
    folded = [k for k in known if k.casefold() == wanted.casefold()]
    return folded[0] if folded else None


@dataclass(frozen=True)
class BuurtState:
    """A neighbourhood page's link: the code it names (None when none or an unknown one), and whether one was
    asked for at all (an unknown code gets a message, no code a choice)."""

    code: str | None = None
    asked: bool = False


def parse_buurt(params: Mapping[str, str | Sequence[str]], known: Sequence[str]) -> BuurtState:
    """The neighbourhood a link asks for, checked against the register's codes.

    >>> parse_buurt({"code": "bu1"}, ["BU1"]), parse_buurt({"code": "x"}, ["BU1"]), parse_buurt({}, ["BU1"])
    (BuurtState(code='BU1', asked=True), BuurtState(code=None, asked=True), BuurtState(code=None, asked=False))
    """
    raw = _last(params, CODE)
    return BuurtState(neighbourhood_code(raw, known), bool(raw and raw.strip()))


def format_buurt(code: str | None) -> dict[str, str]:
    """The query parameters of a link to one neighbourhood.

    >>> format_buurt("BU1"), format_buurt(None)
    ({'code': 'BU1'}, {})
    """
    return {CODE: code} if code else {}


# ---------------------------------------------------------------- /buurten: what the choropleth shows

MEASURE, WHAT = "measure", "what"
#: What a neighbourhood is coloured by (the first is the default): a plain count, per km², per 1,000 residents.
MEASURES: tuple[str, ...] = ("count", "per_km2", "per_1000_residents")
#: The fields a choropleth can be narrowed to (one code of it).
WHAT_FIELDS: tuple[str, ...] = ("sensor_type", "purpose")


@dataclass(frozen=True)
class OverviewState:
    """The overview's choice: a measure, and optionally one sensor type or purpose to count."""

    measure: str = MEASURES[0]
    field: str | None = None
    code: str | None = None

    @property
    def what(self) -> str:
        """The URL value for the narrowing: "all", or "<field>:<code>"."""
        return f"{self.field}:{self.code}" if self.field and self.code else "all"


def parse_overview(params: Mapping[str, str | Sequence[str]]) -> OverviewState:
    """The overview's choice from a link; anything unknown falls back to all registrations, counted.

    >>> parse_overview({"measure": "per_1000_residents", "what": "purpose:parking"})
    OverviewState(measure='per_1000_residents', field='purpose', code='parking')
    >>> parse_overview({"measure": "junk", "what": "sensor_type:<b>"})
    OverviewState(measure='count', field=None, code=None)
    """
    measure = _last(params, MEASURE)
    measure = measure if measure in MEASURES else MEASURES[0]
    what = _last(params, WHAT) or ""
    field, _, code = what.partition(":")
    if field in WHAT_FIELDS and code in codes(field):
        return OverviewState(measure, field, code)
    return OverviewState(measure)


def format_overview(state: OverviewState) -> dict[str, str]:
    """The query parameters of the overview's choice: the inverse of `parse_overview`.

    >>> format_overview(OverviewState("per_km2", "sensor_type", "camera")), format_overview(OverviewState())
    ({'measure': 'per_km2', 'what': 'sensor_type:camera'}, {})
    """
    out = {}
    if state.measure != MEASURES[0]:
        out[MEASURE] = state.measure
    if state.what != "all":
        out[WHAT] = state.what
    return out


# ---------------------------------------------------------------- /beleid: the map's filters and a section

SECTION = "section"
POLICY_SECTIONS: tuple[str, ...] = ("principles", "hotspots", "coverage", "trends", "reports")


@dataclass(frozen=True)
class PolicyState:
    """The policy page's link: the map's filters (what counts) and the section shown."""

    filters: Filters = field(default_factory=Filters)
    section: str = POLICY_SECTIONS[0]


def parse_policy(params: Mapping[str, str | Sequence[str]]) -> PolicyState:
    """The policy page's state: the f_* filters as on the map, and a known section.

    >>> parse_policy({"f_purpose": "safety", "section": "trends"}).section, parse_policy({"section": "x"}).section
    ('trends', 'principles')
    """
    section = _last(params, SECTION)
    return PolicyState(parse(params).filters, section if section in POLICY_SECTIONS else POLICY_SECTIONS[0])


def format_policy(state: PolicyState) -> dict[str, str | list[str]]:
    """The inverse of `parse_policy`.

    >>> format_policy(PolicyState(Filters(purpose=("safety",)), "coverage"))
    {'f_purpose': 'safety', 'section': 'coverage'}
    """
    out = format_params(ViewState(filters=state.filters))
    if state.section != POLICY_SECTIONS[0]:
        out[SECTION] = state.section
    return out


# ---------------------------------------------------------------- /melding: a resident's report by its reference

REF = "ref"


def parse_report(params: Mapping[str, str | Sequence[str]]) -> str | None:
    """The reference in `ref`, as a resident may have typed it; None when there is none or it cannot be one.

    >>> parse_report({"ref": "k7m2 9qhx"}), parse_report({"ref": "<b>"}), parse_report({})
    ('K7M2-9QHX', None, None)
    """
    from geo.reports import parse_ref

    return parse_ref(_last(params, REF))


def format_report(ref: str | None) -> dict[str, str]:
    """The query parameters of /melding for `ref`.

    >>> format_report("K7M2-9QHX"), format_report(None)
    ({'ref': 'K7M2-9QHX'}, {})
    """
    return {REF: ref} if ref else {}


# ---------------------------------------------------------------- links that leave the app (paper, feeds)


def public_base(base: str | None = None) -> str:
    """The public dashboard's address: `base`, else $ZICHTBAAR_PUBLIC_URL, else http://localhost:8501; no
    trailing slash. Only an http(s) address is taken.

    >>> public_base("https://zichtbaar.example/"), public_base("javascript:alert(1)")
    ('https://zichtbaar.example', 'http://localhost:8501')
    """
    import os

    from geo.links import is_http_url

    for candidate in (base, os.environ.get(PUBLIC_URL_ENV)):
        if candidate and is_http_url(candidate):
            return candidate.strip().rstrip("/")
    return DEFAULT_PUBLIC_URL


def public_url(path: str, params: Mapping[str, str], base: str | None = None) -> str:
    """The full address of a page of the dashboard with `params`, every value URL-encoded.

    >>> public_url("buurt", {"code": "BU 1&2/3"}, "https://z.example")
    'https://z.example/buurt?code=BU%201%262%2F3'
    """
    from urllib.parse import quote, urlencode

    query = urlencode(dict(params), quote_via=quote, safe="")
    return f"{public_base(base)}/{path}" + (f"?{query}" if query else "")


# ---------------------------------------------------------------- /sensor: one registration

SENSOR_ID = "id"


@dataclass(frozen=True)
class SensorState:
    """A sensor page's link: the registration id it names (None when none or an unknown one), and whether one
    was asked for at all (an unknown id gets a message in plain words, no id the search)."""

    id: str | None = None
    asked: bool = False


def parse_sensor(params: Mapping[str, str | Sequence[str]], known: Container[str]) -> SensorState:
    """The registration a link (a QR code on a sign) asks for, checked against the register's ids.

    The id is taken exactly as written (surrounding spaces forgiven): ids are the register's own references.

    >>> parse_sensor({"id": " CAM-1 "}, {"CAM-1"}), parse_sensor({"id": "<x>"}, {"CAM-1"})
    (SensorState(id='CAM-1', asked=True), SensorState(id=None, asked=True))
    >>> parse_sensor({}, {"CAM-1"})
    SensorState(id=None, asked=False)
    """
    raw = _last(params, SENSOR_ID)
    wanted = raw.strip() if raw else ""
    if not wanted:
        return SensorState()
    return SensorState(wanted if len(wanted) <= MAX_TEXT and wanted in known else None, True)


def format_sensor(reg_id: str | None) -> dict[str, str]:
    """The query parameters of a link to one registration's page.

    >>> format_sensor("CAM 1/2"), format_sensor(None)
    ({'id': 'CAM 1/2'}, {})
    """
    return {SENSOR_ID: reg_id} if reg_id else {}


def sensor_url(reg_id: str, base: str | None = None, lang: str | None = None) -> str:
    """The full address a sign's QR code opens: `<base>/sensor?id=<id URL-encoded>` (and `lang` when given).

    >>> sensor_url("CAM 1&2", "https://z.example")
    'https://z.example/sensor?id=CAM%201%262'
    """
    params = format_sensor(reg_id)
    if lang:
        params[LANG] = lang
    return public_url("sensor", params, base)
