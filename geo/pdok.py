"""CBS buurten with population from PDOK's public WFS (cbs/wijkenbuurten), for when no file is given."""

from __future__ import annotations

import io
import json
import re
from http.client import HTTPException
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import geopandas as gpd
import pyogrio.errors

from geo.neighbourhoods import NeighbourhoodReadError, normalise_neighbourhoods

#: PDOK publishes one WFS per edition of the CBS Wijk- en Buurtkaart (2021 onwards, snake_case fields).
WFS_URL = "https://service.pdok.nl/cbs/wijkenbuurten/{year}/wfs/v1_0"
TYPE_NAME = "wijkenbuurten:buurten"
#: The newest edition whose population figures CBS has filled in; pass `year` for another one.
DEFAULT_YEAR = 2024
#: Features per request; bigger municipalities are fetched in pages.
PAGE_SIZE = 1000
_MAX_PAGES = 20
_USER_AGENT = "Zichtbaar (open-source sensor register dashboard)"
_SOURCE = "PDOK"

_MUNICIPALITY = re.compile(r"^(?:GM)?(\d{1,4})$")


class BoundariesUnavailable(NeighbourhoodReadError):
    """PDOK could not be reached or refused: the caller should ask for a neighbourhood file."""


def municipality_code(value: str | int) -> str:
    """CBS municipality code in the form `GM0233`, from `GM0233`, `gm0233`, `0233`, `233` or 233.

    >>> municipality_code("233"), municipality_code(" gm0363 ")
    ('GM0233', 'GM0363')
    """
    match = _MUNICIPALITY.match(str(value).strip().upper())
    if not match:
        raise NeighbourhoodReadError("error.pdok.bad_code", value=str(value))
    return f"GM{int(match.group(1)):04d}"


def buurten_url(gemeente_code: str, year: int | None = None, start_index: int = 0) -> str:
    """The WFS GetFeature URL for one page of the buurten of one municipality, in RD New.

    >>> url = buurten_url("0233", 2023)
    >>> url.startswith("https://service.pdok.nl/cbs/wijkenbuurten/2023/wfs/v1_0?service=WFS")
    True
    >>> "GM0233" in url and "typeNames=wijkenbuurten%3Abuurten" in url
    True
    """
    code = municipality_code(gemeente_code)
    # FES filter rather than CQL_FILTER: PDOK's WFS ignores CQL_FILTER.
    fes = (
        "<Filter><PropertyIsEqualTo><ValueReference>gemeentecode</ValueReference>"
        f"<Literal>{code}</Literal></PropertyIsEqualTo></Filter>"
    )
    query = {
        "service": "WFS",
        "version": "2.0.0",
        "request": "GetFeature",
        "typeNames": TYPE_NAME,
        "outputFormat": "application/json",
        "srsName": "EPSG:28992",
        "filter": fes,
        "count": str(PAGE_SIZE),
        "startIndex": str(start_index),
    }
    return WFS_URL.format(year=year or DEFAULT_YEAR) + "?" + urlencode(query)


def parse_buurten_response(payload: bytes) -> gpd.GeoDataFrame:
    """Parse a PDOK WFS GeoJSON answer into code, name, population, geometry (EPSG:4326).

    The same normalisation as `geo.neighbourhoods.read_neighbourhoods`: CBS field names, missing-value
    codes as <NA>, RD New to WGS84, repaired geometries.

    Raises
    ------
    NeighbourhoodReadError
        When the answer is not GeoJSON (PDOK reports errors as XML) or holds no usable buurten.

    Examples
    --------
    >>> payload = json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature",
    ...     "geometry": {"type": "Polygon", "coordinates": [[[170000, 470000], [170500, 470000],
    ...                                                      [170500, 470500], [170000, 470000]]]},
    ...     "properties": {"buurtcode": "BU02330105", "buurtnaam": "Staverden",
    ...                    "aantal_inwoners": 25}}]}).encode()
    >>> parse_buurten_response(payload)[["code", "population"]].to_dict("records")
    [{'code': 'BU02330105', 'population': 25}]
    """
    if not payload.lstrip().startswith(b"{"):
        raise NeighbourhoodReadError("error.pdok.not_a_map")
    try:
        frame = gpd.read_file(io.BytesIO(payload), engine="pyogrio")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as exc:
        raise NeighbourhoodReadError("error.pdok.unreadable") from exc
    return normalise_neighbourhoods(frame, source=_SOURCE)


def fetch_buurten(gemeente_code: str, year: int | None = None, timeout: float = 20) -> gpd.GeoDataFrame:
    """Fetch the CBS buurten of one municipality, with population, from PDOK's WFS.

    Parameters
    ----------
    gemeente_code : CBS municipality code, `GM0233` or `0233`.
    year : edition of the Wijk- en Buurtkaart; DEFAULT_YEAR when None.
    timeout : seconds to wait for each answer.

    Returns
    -------
    GeoDataFrame as `parse_buurten_response` returns it.

    Raises
    ------
    BoundariesUnavailable
        When PDOK cannot be reached (offline, timeout) or answers with an HTTP error.
    NeighbourhoodReadError
        When the code is not a municipality code, or PDOK has no buurten for it in that year.

    Examples
    --------
    >>> fetch_buurten("GM0233").code.str.startswith("BU0233").all()  # doctest: +SKIP
    True
    """
    code = municipality_code(gemeente_code)
    year = year or DEFAULT_YEAR
    features: list[object] = []
    first_page: dict[str, object] = {}
    for _page in range(_MAX_PAGES):
        # Continue where the last page ended: PDOK may serve fewer than asked for.
        body = _get(buurten_url(code, year, start_index=len(features)), code, year, timeout)
        try:
            answer = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return parse_buurten_response(body)  # raises the clear error about a non-GeoJSON answer
        if not isinstance(answer, dict) or not isinstance(answer.get("features"), list):
            return parse_buurten_response(body)
        first_page = first_page or answer
        features.extend(answer["features"])
        matched = answer.get("numberMatched")
        # PDOK serves at most 1000 features per request; numberMatched, when given, settles it.
        if len(answer["features"]) < PAGE_SIZE and not (isinstance(matched, int) and len(features) < matched):
            break
        if not answer["features"]:
            break
    if not features:
        raise NeighbourhoodReadError("error.pdok.none", code=code, year=str(year))
    merged = {**first_page, "features": features}
    return parse_buurten_response(json.dumps(merged).encode("utf-8"))


def _get(url: str, code: str, year: int, timeout: float) -> bytes:
    request = Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "application/json"})
    try:
        with urlopen(request, timeout=timeout) as response:
            return response.read()
    except HTTPError as exc:
        raise BoundariesUnavailable("error.pdok.http", status=str(exc.code), code=code, year=str(year)) from exc
    except (URLError, TimeoutError, OSError, HTTPException) as exc:
        raise BoundariesUnavailable("error.pdok.unreachable") from exc
