"""Finding an address or postcode: a client of PDOK's Locatieserver (suggest, then lookup) that never logs a query."""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from http.client import HTTPException
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import Request, urlopen

from geo.errors import UserFacingError

#: The public Locatieserver; $ZICHTBAAR_GEOCODER_URL points elsewhere (a local stand-in in tests).
DEFAULT_URL = "https://api.pdok.nl/bzk/locatieserver/search/v3_1"
ENV_URL = "ZICHTBAAR_GEOCODER_URL"
#: Suggestions shown to a resident; more do not fit on a phone.
ROWS = 5
#: Longer queries are cut: no address is longer, and the geocoder need not receive more.
MAX_QUERY = 120
#: Seconds to wait for the geocoder; a resident waits no longer than that before being told.
TIMEOUT = 6.0
_USER_AGENT = "Zichtbaar (open-source sensor register dashboard)"
# What a resident looks up: an address, postcode, street or town; not parcels or hectometre posts.
_TYPES = "type:(adres OR postcode OR weg OR woonplaats OR gemeente)"
_POINT = re.compile(r"^\s*POINT\s*\(\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s+(-?[\d.]+(?:[eE][-+]?\d+)?)\s*\)\s*$",
                    re.IGNORECASE)


class GeocoderUnavailable(UserFacingError):
    """The address search cannot answer now (offline, an error, an unreadable answer): use the map instead."""


def _unavailable() -> GeocoderUnavailable:
    # No detail from the request here: the message must never carry what the resident typed.
    return GeocoderUnavailable("error.geocoder.unavailable")


@dataclass(frozen=True)
class Suggestion:
    """One match the geocoder suggests: its id (for lookup), the name it shows, and its kind (adres, weg, ...)."""

    id: str
    label: str
    kind: str


@dataclass(frozen=True)
class Place:
    """A looked-up place: its name and its centre in WGS84 degrees."""

    label: str
    lat: float
    lon: float
    kind: str


def base_url() -> str:
    """The geocoder's base URL: $ZICHTBAAR_GEOCODER_URL, else PDOK's; only http(s) is accepted.

    >>> base_url().startswith(("http://", "https://"))
    True
    """
    url = (os.environ.get(ENV_URL) or DEFAULT_URL).strip().rstrip("/")
    # urllib also opens file: and ftp: URLs; a misconfigured setting must not read local files.
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"{ENV_URL} must be an http(s) URL")
    return url


def clean_query(text: str) -> str:
    """What is sent for what a resident typed: spaces collapsed, at most MAX_QUERY characters.

    >>> clean_query("  1234  AB   5 "), len(clean_query("x" * 500))
    ('1234 AB 5', 120)
    """
    return " ".join(str(text).split())[:MAX_QUERY]


def suggest_url(query: str, rows: int = ROWS, base: str | None = None) -> str:
    """The suggest request for `query`.

    >>> suggest_url("Stationsplein 1", base="https://example.org/ls")
    'https://example.org/ls/suggest?q=Stationsplein+1&rows=5&fq=type%3A%28adres+OR+postcode+OR+weg+OR+woonplaats+OR+gemeente%29'
    """
    # Only parameters of the Locatieserver's OpenAPI specification: v3.1 refuses any other.
    params = {"q": clean_query(query), "rows": str(rows), "fq": _TYPES}
    return f"{base or base_url()}/suggest?{urlencode(params)}"


def lookup_url(place_id: str, base: str | None = None) -> str:
    """The lookup request for one suggestion's id, asking only for its name, kind and centre.

    >>> lookup_url("adr-1", base="https://example.org/ls")
    'https://example.org/ls/lookup?id=adr-1&fl=id+weergavenaam+type+centroide_ll'
    """
    params = {"id": place_id, "fl": "id weergavenaam type centroide_ll"}
    return f"{base or base_url()}/lookup?{urlencode(params)}"


def parse_suggest(payload: bytes) -> list[Suggestion]:
    """The suggestions in a suggest answer, best first; documents without an id or name are skipped.

    Raises
    ------
    GeocoderUnavailable
        When the answer is not the Locatieserver's JSON.

    Examples
    --------
    >>> parse_suggest(b'{"response": {"numFound": 1, "docs": [{"type": "postcode", '
    ...               b'"weergavenaam": "1234AB Voorbeeldstad", "id": "pcd-1", "score": 9.1}]}}')
    [Suggestion(id='pcd-1', label='1234AB Voorbeeldstad', kind='postcode')]
    """
    docs = _docs(payload)
    out = []
    for doc in docs:
        place_id, name = doc.get("id"), doc.get("weergavenaam")
        if isinstance(place_id, str) and place_id and isinstance(name, str) and name.strip():
            out.append(Suggestion(place_id, name.strip(), str(doc.get("type") or "")))
    return out


def parse_lookup(payload: bytes) -> Place | None:
    """The place in a lookup answer, or None when it has none with a usable centre.

    Raises
    ------
    GeocoderUnavailable
        When the answer is not the Locatieserver's JSON.

    Examples
    --------
    >>> parse_lookup(b'{"response": {"docs": [{"id": "adr-1", "type": "adres", '
    ...              b'"weergavenaam": "Markt 1, Voorbeeldstad", "centroide_ll": "POINT(5.55 52.47)"}]}}')
    Place(label='Markt 1, Voorbeeldstad', lat=52.47, lon=5.55, kind='adres')
    >>> parse_lookup(b'{"response": {"docs": []}}') is None
    True
    """
    for doc in _docs(payload):
        point = parse_point(doc.get("centroide_ll"))
        if point is None:
            continue
        lon, lat = point
        name = doc.get("weergavenaam")
        return Place(name.strip() if isinstance(name, str) else "", lat, lon, str(doc.get("type") or ""))
    return None


def parse_point(wkt: object) -> tuple[float, float] | None:
    """(lon, lat) of a WKT point such as "POINT(5.55 52.47)", or None for anything else.

    >>> parse_point("POINT(5.55 52.47)"), parse_point("POINT(nan 1)"), parse_point(None)
    ((5.55, 52.47), None, None)
    """
    if not isinstance(wkt, str):
        return None
    match = _POINT.match(wkt)
    if not match:
        return None
    try:
        lon, lat = float(match.group(1)), float(match.group(2))
    except ValueError:
        return None
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return lon, lat


def suggest(query: str, rows: int = ROWS, timeout: float = TIMEOUT) -> list[Suggestion]:
    """Ask the geocoder for places matching `query`; an empty query asks nothing.

    Raises
    ------
    GeocoderUnavailable
        When the geocoder cannot be reached or answers with an error or something unreadable.

    Examples
    --------
    >>> suggest("   ")
    []
    """
    if not clean_query(query):
        return []
    return parse_suggest(_get(suggest_url(query, rows), timeout))


def lookup(place_id: str, timeout: float = TIMEOUT) -> Place | None:
    """Ask the geocoder where one suggestion lies.

    Raises
    ------
    GeocoderUnavailable
        As `suggest`.
    """
    return parse_lookup(_get(lookup_url(place_id), timeout))


def search(query: str, rows: int = ROWS, timeout: float = TIMEOUT) -> tuple[Place | None, list[Suggestion]]:
    """The best match for `query` looked up, and all suggestions (to offer the others): one step for a resident.

    Returns
    -------
    (place, suggestions) : place is None when nothing matches.

    Raises
    ------
    GeocoderUnavailable
        As `suggest`.
    """
    found = suggest(query, rows, timeout)
    if not found:
        return None, found
    return lookup(found[0].id, timeout), found


def _docs(payload: bytes) -> list[dict]:
    try:
        answer = json.loads(payload)
    except (json.JSONDecodeError, UnicodeDecodeError, TypeError):
        raise _unavailable() from None
    response = answer.get("response") if isinstance(answer, dict) else None
    docs = response.get("docs") if isinstance(response, dict) else None
    if not isinstance(docs, list):
        raise _unavailable()
    return [d for d in docs if isinstance(d, dict)]


def _get(url: str, timeout: float) -> bytes:
    request = Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "application/json"})
    try:
        with urlopen(request, timeout=timeout) as response:
            return response.read(1_000_000)
    except (HTTPError, URLError, TimeoutError, OSError, HTTPException, ValueError):
        # `from None`: the chained exception would carry the URL, and with it what the resident typed.
        raise _unavailable() from None
