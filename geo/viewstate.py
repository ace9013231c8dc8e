"""The map page's shareable state and its URL form: one pure parse/format pair, robust to any junk in a URL."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from geo.codes import CODE_LISTS
from geo.filters import CODE_FIELDS, OUTSIDE, Filters
from geo.principles import PRINCIPLE_CODES

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
