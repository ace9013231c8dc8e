"""What is near one spot: the registrations within a radius (in RD New), who looks at it, and plain-language cards."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.codes import label
from geo.cones import DIRECTIONAL, view_areas
from geo.crs import in_nl, rd_to_wgs84, wgs84_to_rd
from geo.join import to_rd
from geo.mapping import fit_view
from geo.schema import DEFAULT_RANGE_M, WGS84, split_codes
from geo.summary import count_label
from geo.viewstate import MapView

#: The radii a resident can choose, in metres, and the one a page opens with.
RADII: tuple[int, ...] = (100, 250, 500)
DEFAULT_RADIUS = 250
#: Decimals of lat and lon in a shared link: 5 decimals is about a metre, enough for a front door.
COORD_DECIMALS = 5

#: Between a number and its unit, so that "40 m" never breaks over two lines on a phone.
NBSP = "\u00a0"
#: The columns `nearby` adds to the registrations it returns.
NEARBY_COLUMNS: tuple[str, ...] = ("distance_m", "within", "is_area", "covers_spot", "looks_here",
                                   "may_look_here")

_POINT = 0  # shapely.get_type_id of a Point
# A duration such as "28 dagen", "24 uur" or "1 year": it reads well inside a sentence.
_DURATION = re.compile(r"^\s*(\d+)\s*([a-z]+)\s*$", re.IGNORECASE)
# Unit -> (nl singular, nl plural, en singular, en plural), whichever language the register wrote.
_UNITS: dict[str, tuple[str, str, str, str]] = {
    **dict.fromkeys(("uur", "uren", "hour", "hours"), ("uur", "uur", "hour", "hours")),
    **dict.fromkeys(("dag", "dagen", "day", "days"), ("dag", "dagen", "day", "days")),
    **dict.fromkeys(("week", "weken", "weeks"), ("week", "weken", "week", "weeks")),
    **dict.fromkeys(("maand", "maanden", "month", "months"), ("maand", "maanden", "month", "months")),
    **dict.fromkeys(("jaar", "jaren", "year", "years"), ("jaar", "jaar", "year", "years")),
}
_EMAIL = re.compile(r"^[^@\s/:]+@[^@\s/:]+\.[a-z]{2,}$", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[\d\s\-()]{8,20}$")


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


# ---------------------------------------------------------------- the URL


def snap_radius(value: object) -> int:
    """The allowed radius nearest to `value`; the default for anything that is not a number.

    >>> snap_radius("250"), snap_radius("90"), snap_radius("1e6"), snap_radius("-5"), snap_radius("km")
    (250, 100, 500, 100, 250)
    """
    number = _number(value)
    if number is None:
        return DEFAULT_RADIUS
    return min(RADII, key=lambda r: (abs(r - number), r))


def parse_place(params: Mapping[str, object]) -> tuple[Spot | None, int]:
    """The spot and radius a link asks for: `lat`, `lon` (WGS84 degrees, in the Netherlands) and `r`.

    Junk is ignored, never an error: a missing, unreadable or foreign coordinate gives no spot, and
    `r` is snapped to the nearest allowed radius. A decimal comma is accepted.

    Parameters
    ----------
    params : the query parameters (st.query_params or a dict); a list value counts by its last item.

    Examples
    --------
    >>> parse_place({"lat": "52.47", "lon": "5,55", "r": "300"})
    (Spot(lat=52.47, lon=5.55), 250)
    >>> parse_place({"lat": "nan", "lon": "5.55", "r": "x"})
    (None, 250)
    >>> parse_place({"lat": "48.85", "lon": "2.35"})  # Paris is not in the register
    (None, 250)
    """
    lat, lon = _number(_last(params.get("lat"))), _number(_last(params.get("lon")))
    radius = snap_radius(_last(params.get("r")))
    if lat is None or lon is None or not in_nl(lat, lon):
        return None, radius
    return Spot.rounded(lat, lon), radius


def place_params(spot: Spot, radius: int) -> dict[str, str]:
    """The query parameters of a shared link to `spot` and `radius`: the inverse of `parse_place`.

    >>> place_params(Spot(52.47, 5.55), 500)
    {'lat': '52.47000', 'lon': '5.55000', 'r': '500'}
    """
    return {"lat": f"{spot.lat:.{COORD_DECIMALS}f}", "lon": f"{spot.lon:.{COORD_DECIMALS}f}",
            "r": str(snap_radius(radius))}


def _last(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return value[-1] if value else None
    return value


def _number(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


# ---------------------------------------------------------------- the radius query


def nearby(registrations: gpd.GeoDataFrame, spot: Spot, radius: float,
           rd_geometries: np.ndarray | None = None) -> gpd.GeoDataFrame:
    """The registrations that measure at or near `spot`, nearest first, measured in RD New.

    Listed are every registration within `radius` metres (a point by its distance, an area by the
    distance to its nearest edge, 0 when it covers the spot), and also cameras farther away whose view
    cone covers the spot: a camera that looks at a front door measures there, wherever it hangs.

    Parameters
    ----------
    registrations : accepted registrations (geo.schema.COLUMNS + geometry) with a declared CRS.
    spot : the chosen place.
    radius : metres.
    rd_geometries : the registrations' geometries in RD New, aligned with `registrations`, when the
        caller keeps them (geo.join.to_rd); computed when None.

    Returns
    -------
    The listed rows (a copy), with the columns of NEARBY_COLUMNS added:
    distance_m (float), within (distance <= radius), is_area (a polygon: a mobile sensor's area),
    covers_spot (an area that contains the spot), looks_here (a camera or ANPR with a known direction
    whose view cone covers the spot), may_look_here (one without a direction whose range covers it).
    Ordered by distance, then those that look here first, then by id.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> reg = gpd.GeoDataFrame({"id": ["far", "near", "cam"], "sensor_type": ["air", "air", "camera"],
    ...     "direction": [np.nan, np.nan, 180.0], "field_of_view": [np.nan] * 3, "range_m": [np.nan, np.nan, 80.0]},
    ...     geometry=[Point(155_400, 463_000), Point(155_030, 463_040), Point(155_000, 463_060)], crs="EPSG:28992")
    >>> found = nearby(reg, Spot(52.1551723, 5.3872035), 250)
    >>> found[["id", "distance_m", "looks_here"]].round(1).to_dict("list")
    {'id': ['near', 'cam'], 'distance_m': [50.0, 60.0], 'looks_here': [False, True]}
    """
    geoms = to_rd(registrations) if rd_geometries is None else np.asarray(rd_geometries)
    if len(geoms) != len(registrations):
        raise ValueError("rd_geometries must be aligned with registrations")
    x0, y0 = spot.rd
    here = shapely.points(x0, y0)
    distance = shapely.distance(geoms, here)  # NaN for an empty geometry: never listed
    within = distance <= radius

    kind = registrations["sensor_type"].to_numpy()
    is_point = shapely.get_type_id(geoms) == _POINT
    directional = is_point & np.isin(kind, DIRECTIONAL)
    # Only a camera that could reach the spot needs its cone built.
    reach = _ranges(registrations)
    cam = np.flatnonzero(directional & (distance <= np.maximum(reach, radius)))
    looks = np.zeros(len(geoms), dtype=bool)
    may_look = np.zeros(len(geoms), dtype=bool)
    if len(cam):
        views, directed = view_areas(registrations.iloc[cam], shapely.get_x(geoms[cam]), shapely.get_y(geoms[cam]))
        hit = shapely.covers(views, here)
        looks[cam] = hit & directed
        may_look[cam] = hit & ~directed

    keep = np.flatnonzero(within | looks | may_look)
    is_area = shapely.area(geoms[keep]) > 0
    found = registrations.iloc[keep].copy()
    found["distance_m"] = distance[keep]
    found["within"] = within[keep]
    found["is_area"] = is_area
    found["covers_spot"] = is_area & (distance[keep] == 0)
    found["looks_here"] = looks[keep]
    found["may_look_here"] = may_look[keep]
    ids = found["id"].astype(str).to_numpy() if "id" in found.columns else np.arange(len(found)).astype(str)
    order = np.lexsort((ids, ~(found["looks_here"].to_numpy() | found["covers_spot"].to_numpy()),
                        found["distance_m"].to_numpy()))
    return found.iloc[order]


def _ranges(registrations: pd.DataFrame) -> np.ndarray:
    """How far each registration observes: range_m, else the default of its sensor type."""
    default = (registrations["sensor_type"].map(DEFAULT_RANGE_M).fillna(DEFAULT_RANGE_M["other"])
               .to_numpy(float))
    rng = registrations["range_m"].to_numpy(float)
    return np.where(np.isfinite(rng) & (rng > 0), rng, default)


def looking_views(found: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The view cones of the cameras in `found` that look at the spot, in WGS84, to draw on a map.

    Parameters
    ----------
    found : the result of `nearby`.

    Returns
    -------
    GeoDataFrame with `id`, `name` and the cone (EPSG:4326), one row per camera with looks_here
    or may_look_here.
    """
    rows = found[found["looks_here"] | found["may_look_here"]]
    if rows.empty:
        return gpd.GeoDataFrame({"id": [], "name": []}, geometry=[], crs=WGS84)
    points = to_rd(rows)
    views, _ = view_areas(rows, shapely.get_x(points), shapely.get_y(points))
    views = shapely.transform(views, lambda xy: np.column_stack(rd_to_wgs84(xy[:, 0], xy[:, 1])))
    return gpd.GeoDataFrame({"id": rows["id"].to_numpy(), "name": rows["name"].to_numpy()},
                            geometry=views, crs=WGS84)


def spot_view(spot: Spot, radius: float, width_px: int = 360, height_px: int = 360) -> MapView:
    """The map view that shows the whole circle around `spot` on a phone-sized map.

    >>> spot_view(Spot(52.47, 5.55), 100).zoom > spot_view(Spot(52.47, 5.55), 500).zoom
    True
    """
    dlat = radius / 111_320
    dlon = radius / (111_320 * math.cos(math.radians(spot.lat)))
    view = fit_view((spot.lon - dlon, spot.lat - dlat, spot.lon + dlon, spot.lat + dlat), width_px, height_px,
                    max_zoom=18)
    return MapView(spot.lat, spot.lon, view.zoom)


def spot_group(spot: Spot, radius: float, views: gpd.GeoDataFrame) -> folium.FeatureGroup:
    """The chosen spot, the circle around it and the cones of the cameras that look at it, as one layer.

    None of it takes clicks: a tap inside the circle reaches the map, and so chooses a new spot.

    >>> m = folium.Map(tiles=None)
    >>> _ = spot_group(Spot(52.47, 5.55), 250, looking_views(pd.DataFrame({"looks_here": [],
    ...     "may_look_here": []}))).add_to(m)
    >>> out = m.get_root().render()
    >>> "L.circle(" in out and '"radius": 250' in out
    True
    """
    group = folium.FeatureGroup(name="spot", control=False)
    shapes = [folium.Circle([spot.lat, spot.lon], radius=radius, color="#01689B", weight=2, fill=True,
                            fill_opacity=0.06)]
    shapes += [folium.Polygon([(y, x) for x, y in cone.exterior.coords], color="#B3261E", weight=2, fill=True,
                              fill_opacity=0.25) for cone in views.geometry]
    shapes.append(folium.CircleMarker([spot.lat, spot.lon], radius=9, color="#FFFFFF", weight=3, fill=True,
                                      fill_color="#1A1A1A", fill_opacity=1))
    for shape in shapes:
        # folium drops Leaflet's `interactive` option; set directly, the shapes let taps through to the map.
        shape.options["interactive"] = False
        shape.add_to(group)
    return group


def neighbourhood_at(neighbourhoods: gpd.GeoDataFrame, spot: Spot) -> tuple[str, str] | None:
    """The code and name of the neighbourhood the spot lies in (the lowest code on a border), or None.

    >>> from shapely.geometry import box
    >>> nb = gpd.GeoDataFrame({"code": ["BU2", "BU1"], "name": ["Oost", "West"]},
    ...     geometry=[box(155_000, 462_000, 156_000, 464_000), box(154_000, 462_000, 155_000, 464_000)],
    ...     crs="EPSG:28992")
    >>> neighbourhood_at(nb, Spot(52.1551723, 5.3872035)), neighbourhood_at(nb, Spot(53.2, 6.5))
    (('BU1', 'West'), None)
    """
    if neighbourhoods.empty:
        return None
    polygons = to_rd(neighbourhoods)
    hit = np.flatnonzero(shapely.covers(polygons, shapely.points(*spot.rd)))
    if not len(hit):
        return None
    codes = neighbourhoods["code"].astype(str).to_numpy()[hit]
    first = hit[np.argmin(codes)]
    row = neighbourhoods.iloc[first]
    name = str(row["name"]) if "name" in neighbourhoods.columns and pd.notna(row["name"]) else ""
    return str(row["code"]), name or str(row["code"])


# ---------------------------------------------------------------- words


@dataclass(frozen=True)
class Card:
    """One registration explained in plain language (Dutch at B1 level, or English).

    Text fields from the register (name, owner, contact, legal reference, description) are data:
    the page shows them literally.

    Attributes
    ----------
    id, name : the register's reference and title.
    headline : "Camera van Gemeente Voorbeeldstad, 40 m."
    callout : "Deze camera kijkt naar deze plek." or "" (also for areas that cover the spot).
    sentences : purpose, what it collects and keeps, personal data and legal basis.
    warnings : biometrics, planned or no longer active.
    description : the register's own explanation for residents ("" when absent).
    contact, contact_href : who to ask, and a mailto:, tel: or http(s) link to it (None when the
        contact is neither).
    privacy_statement_url : http(s) link, "" when absent.
    """

    id: str
    name: str
    headline: str
    callout: str
    sentences: tuple[str, ...]
    warnings: tuple[str, ...]
    description: str
    contact: str
    contact_href: str | None
    privacy_statement_url: str
    lang: str

    def text(self) -> str:
        """The whole card as one paragraph of plain text."""
        parts = [self.headline, self.callout, *self.sentences, *self.warnings]
        if self.contact:
            parts.append(f"{_QUESTIONS[self.lang]} {self.contact}")
        return " ".join(p for p in parts if p)


_QUESTIONS = {"nl": "Vragen?", "en": "Questions?"}
_CALLOUT = {
    ("looks", "anpr"): ("Deze kentekencamera kijkt naar deze plek.", "This licence-plate camera looks at this spot."),
    ("looks", "camera"): ("Deze camera kijkt naar deze plek.", "This camera looks at this spot."),
    ("may", "anpr"): ("Deze kentekencamera kan deze plek zien. De kijkrichting is niet bekend.",
                      "This licence-plate camera may see this spot. Its direction is not known."),
    ("may", "camera"): ("Deze camera kan deze plek zien. De kijkrichting is niet bekend.",
                        "This camera may see this spot. Its direction is not known."),
    ("area", ""): ("Deze plek ligt in het gebied waar deze sensor werkt.",
                   "This spot lies in the area where this sensor works."),
}


def card(row: Mapping[str, object], lang: str) -> Card:
    """The plain-language card of one row of `nearby`.

    Examples
    --------
    >>> row = {"id": "C1", "name": "Camera Markt", "sensor_type": "camera", "owner": "Gemeente Voorbeeldstad",
    ...        "distance_m": 40.2, "purpose": "safety", "data_types": "images_identifiable", "retention": "28 dagen",
    ...        "personal_data": True, "legal_basis": "public_task", "legal_reference": "Gemeentewet art. 151c",
    ...        "contact": "privacy@voorbeeldstad.example", "looks_here": True}
    >>> card(row, "nl").text().replace(NBSP, " ")  # doctest: +NORMALIZE_WHITESPACE
    'Camera van Gemeente Voorbeeldstad, 40 m. Deze camera kijkt naar deze plek.
     Doel: openbare orde en veiligheid. Verzamelt herkenbare beelden en bewaart ze 28 dagen.
     Verwerkt persoonsgegevens. Grondslag: publieke taak (Gemeentewet art. 151c).
     Vragen? privacy@voorbeeldstad.example'
    >>> card(row, "en").headline, card(row, "en").sentences[1]
    ('Camera of Gemeente Voorbeeldstad, 40\xa0m away.', 'Collects identifiable images and keeps them for 28 days.')
    """
    nl = lang == "nl"
    kind = _text(row.get("sensor_type")) or "other"
    owner = _text(row.get("owner")) or ("onbekende eigenaar" if nl else "unknown owner")
    where = _distance_text(row, nl)
    headline = (f"{label('sensor_type', kind, lang)} van {owner}, {where}." if nl
                else f"{label('sensor_type', kind, lang)} of {owner}, {where}.")

    callout = ""
    cam = "anpr" if kind == "anpr" else "camera"
    if _flag(row.get("looks_here")):
        callout = _CALLOUT[("looks", cam)][0 if nl else 1]
    elif _flag(row.get("may_look_here")):
        callout = _CALLOUT[("may", cam)][0 if nl else 1]
    elif _flag(row.get("covers_spot")):
        callout = _CALLOUT[("area", "")][0 if nl else 1]

    sentences: list[str] = []
    purposes = [_lower_first(label("purpose", c, lang)) for c in split_codes(_text(row.get("purpose")))]
    if purposes:
        sentences.append(("Doel: " if nl else "Purpose: ") + ", ".join(purposes) + ".")
    sentences.append(_collects(row, lang))
    if _flag(row.get("personal_data")):
        basis = _text(row.get("legal_basis")) or "unknown"
        basis_text = _lower_first(label("legal_basis", basis, lang))
        reference = _text(row.get("legal_reference"))
        if reference:
            basis_text += f" ({reference})"
        sentences.append(f"Verwerkt persoonsgegevens. Grondslag: {basis_text}." if nl
                         else f"Processes personal data. Legal basis: {basis_text}.")
    else:
        sentences.append("Verwerkt geen persoonsgegevens." if nl else "Does not process personal data.")

    warnings: list[str] = []
    if _flag(row.get("biometric")):
        warnings.append("Let op: verwerkt biometrische gegevens, zoals gezichten. Gemeenten hebben afgesproken "
                        "dat niet te doen." if nl else
                        "Note: processes biometric data, such as faces. Municipalities agreed not to do that.")
    status = _text(row.get("status"))
    if status == "planned":
        warnings.append("Gepland: meet nog niet." if nl else "Planned: not measuring yet.")
    elif status == "inactive":
        warnings.append("Niet meer actief." if nl else "No longer active.")

    contact = _text(row.get("contact"))
    return Card(id=_text(row.get("id")), name=_text(row.get("name")), headline=headline, callout=callout,
                sentences=tuple(s for s in sentences if s), warnings=tuple(warnings),
                description=_text(row.get("description")), contact=contact, contact_href=contact_href(contact),
                privacy_statement_url=_text(row.get("privacy_statement_url")), lang="nl" if nl else "en")


#: The cards' style: wide enough links to tap on a phone, long words wrapped instead of scrolled.
CARD_CSS = """
.zb-card { border: 1px solid rgba(128, 128, 128, 0.35); border-radius: 10px; padding: 12px 14px; margin: 0 0 4px;
           overflow-wrap: anywhere; line-height: 1.45; }
.zb-card p { margin: 0 0 6px; }
.zb-card .zb-name { font-weight: 600; font-size: 1.05rem; }
.zb-card .zb-callout { font-weight: 600; color: #01689B; }
.zb-card .zb-warning { color: #8a4b00; }
.zb-card .zb-description { font-size: 0.92rem; opacity: 0.85; }
.zb-card .zb-links { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 0; }
.zb-card .zb-links a { display: inline-flex; align-items: center; min-height: 44px; padding: 0 12px;
                       border: 1px solid rgba(1, 104, 155, 0.45); border-radius: 8px; color: #01689B;
                       text-decoration: none; max-width: 100%; }
.zb-card.zb-looks { border: 2px solid #01689B; }
.zb-summary { font-size: 1.15rem; font-weight: 600; line-height: 1.4; margin: 0; overflow-wrap: anywhere; }
"""

_PRIVACY_STATEMENT = {"nl": "Privacyverklaring", "en": "Privacy statement"}


def card_html(c: Card) -> str:
    """The card as HTML, every text from the register escaped so that it shows literally.

    >>> c = card({"name": "<b>x</b>", "sensor_type": "air", "owner": "A & B", "distance_m": 5,
    ...           "contact": "info@example.org"}, "en")
    >>> h = card_html(c)
    >>> "&lt;b&gt;x&lt;/b&gt;" in h, "A &amp; B" in h, 'href="mailto:info@example.org"' in h
    (True, True, True)
    """
    esc = html.escape
    parts = [f'<p class="zb-name">{esc(c.name or c.id)}</p>']
    if c.callout:
        parts.append(f'<p class="zb-callout">{esc(c.callout)}</p>')
    parts.append(f"<p>{esc(' '.join((c.headline, *c.sentences)))}</p>")
    parts += [f'<p class="zb-warning">{esc(w)}</p>' for w in c.warnings]
    if c.description:
        parts.append(f'<p class="zb-description">{esc(c.description)}</p>')
    links = []
    if c.contact:
        question = f"{_QUESTIONS[c.lang]} {c.contact}"
        links.append(f'<a href="{esc(_safe_href(c.contact_href))}">{esc(question)}</a>' if c.contact_href
                     else f"<span>{esc(question)}</span>")
    if _safe_href(c.privacy_statement_url):
        links.append(f'<a href="{esc(_safe_href(c.privacy_statement_url))}" target="_blank" rel="noopener">'
                     f"{_PRIVACY_STATEMENT[c.lang]}</a>")
    if links:
        parts.append(f'<p class="zb-links">{"".join(links)}</p>')
    looks = " zb-looks" if c.callout else ""
    return f'<article class="zb-card{looks}" data-id="{esc(c.id)}">{"".join(parts)}</article>'


def _safe_href(url: str | None) -> str:
    """Only mailto:, tel: and http(s) links, with characters that would end an attribute encoded."""
    if not url or not re.match(r"^(https?://|mailto:|tel:)", url, re.IGNORECASE):
        return ""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")


def _collects(row: Mapping[str, object], lang: str) -> str:
    nl = lang == "nl"
    kinds = split_codes(_text(row.get("data_types")))
    what = _join_words([("andere gegevens" if nl else "other data") if c == "other"
                        else _lower_first(label("data_types", c, lang)) for c in kinds], "en" if nl else "and")
    keep = retention_text(row.get("retention"), row.get("retention_days"), lang)
    duration = bool(_DURATION.match(keep)) and keep.split()[-1].lower() in _UNITS
    collects = (f"Verzamelt {what}" if nl else f"Collects {what}") if what else ""
    if not keep:
        return f"{collects}." if collects else ""
    if not duration:
        retention = f"Bewaartermijn: {keep}." if nl else f"Retention: {keep}."
        return f"{collects}. {retention}" if collects else retention
    # One kind of data reads well in one sentence; a list is easier in two short ones (B1).
    if len(kinds) == 1:
        return f"{collects} en bewaart ze {keep}." if nl else f"{collects} and keeps them for {keep}."
    keeps = f"Bewaart ze {keep}." if nl else f"Keeps them for {keep}."
    return f"{collects}. {keeps}" if collects else keeps


def retention_text(retention: object, retention_days: object, lang: str) -> str:
    """How long data is kept, in `lang` when it is a plain duration; the register's own words otherwise.

    >>> retention_text("28 dagen", None, "en"), retention_text("1 jaar", None, "en"), retention_text("", 1, "nl")
    ('28 days', '1 year', '1 dag')
    >>> retention_text("tot einde onderzoek", None, "en")
    'tot einde onderzoek'
    """
    text = _text(retention)
    days = _number(retention_days)
    if not text and days is not None and days >= 0:
        text = f"{int(days)} {'dag' if int(days) == 1 else 'dagen'}"
    match = _DURATION.match(text)
    if match and match.group(2).lower() in _UNITS:
        n = int(match.group(1))
        nl_one, nl_many, en_one, en_many = _UNITS[match.group(2).lower()]
        unit = (nl_one if n == 1 else nl_many) if lang == "nl" else (en_one if n == 1 else en_many)
        return f"{n} {unit}"
    return text


def contact_href(contact: str) -> str | None:
    """A link for a contact: mailto: for an e-mail address, tel: for a phone number, the URL itself.

    >>> contact_href("privacy@voorbeeldstad.example"), contact_href("https://example.org/privacy")
    ('mailto:privacy@voorbeeldstad.example', 'https://example.org/privacy')
    >>> contact_href("14 0320"), contact_href("javascript:alert(1)"), contact_href("")
    (None, None, None)
    >>> contact_href("+31 (0)320 123 456")
    'tel:+310320123456'
    """
    text = contact.strip()
    if _EMAIL.match(text):
        return f"mailto:{text}"
    if re.match(r"^https?://[^\s]+$", text, re.IGNORECASE):
        return text
    if _PHONE.match(text):
        digits = re.sub(r"[^\d+]", "", text)
        if len(digits.lstrip("+")) >= 10:
            return f"tel:{digits}"
    return None


def distance_text(metres: float, lang: str) -> str:
    """A distance as residents say it: whole metres, kilometres with one decimal from 1 km.

    >>> distance_text(40.4, "nl"), distance_text(1234, "nl"), distance_text(1234, "en")
    ('40\xa0m', '1,2\xa0km', '1.2\xa0km')
    """
    if metres >= 1000:
        km = f"{metres / 1000:.1f}"
        return (km.replace(".", ",") if lang == "nl" else km) + f"{NBSP}km"
    return f"{round(metres)}{NBSP}m"


def _distance_text(row: Mapping[str, object], nl: bool) -> str:
    d = _number(row.get("distance_m"))
    if d is None:
        return "afstand onbekend" if nl else "distance unknown"
    if d < 1:
        return "op deze plek" if nl else "at this spot"
    text = distance_text(d, "nl" if nl else "en")
    return text if nl else f"{text} away"


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def _flag(value: object) -> bool:
    return bool(value) and value is not pd.NA and not (isinstance(value, float) and math.isnan(value))


def _lower_first(text: str) -> str:
    """Lower-case a label's first letter inside a sentence, unless the word is written like a name (WiFi, DPIA)."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


# ---------------------------------------------------------------- the summary on top


@dataclass(frozen=True)
class NearbySummary:
    """The counts behind the sentence on top of the list.

    Attributes
    ----------
    radius : metres.
    by_sensor_type : sensor type -> registrations within the radius that are active or planned, largest first.
    total : their sum.
    personal_data : of those, how many process personal data.
    planned : of those, how many are planned and do not measure yet.
    inactive : registrations within the radius that are no longer active (not in the counts above).
    looking_here : cameras and ANPR whose view covers the spot (directed or not), wherever they stand.
    looking_farther : of those, how many stand beyond the radius.
    """

    radius: int
    by_sensor_type: dict[str, int]
    total: int
    personal_data: int
    planned: int
    inactive: int
    looking_here: int
    looking_farther: int


def summarise_nearby(found: pd.DataFrame, radius: int) -> NearbySummary:
    """Count the result of `nearby` for the sentence on top.

    >>> found = pd.DataFrame({"sensor_type": ["camera", "air", "camera", "air"],
    ...     "status": ["active"] * 3 + ["inactive"], "personal_data": [True, False, True, False],
    ...     "within": [True] * 4, "looks_here": [True, False, False, False], "may_look_here": [False] * 4})
    >>> s = summarise_nearby(found, 250)
    >>> s.by_sensor_type, s.personal_data, s.inactive, s.looking_here
    ({'camera': 2, 'air': 1}, 2, 1, 1)
    """
    within = found["within"].to_numpy(bool)
    inactive = (found["status"] == "inactive").to_numpy()
    counted = found[within & ~inactive]
    by_type = counted["sensor_type"].value_counts(sort=False)
    order = sorted(by_type.index, key=lambda c: (-int(by_type[c]), c))
    looking = (found["looks_here"] | found["may_look_here"]).to_numpy(bool)
    return NearbySummary(
        radius=int(radius),
        by_sensor_type={str(c): int(by_type[c]) for c in order},
        total=len(counted),
        personal_data=int(counted["personal_data"].astype(bool).sum()),
        planned=int((counted["status"] == "planned").sum()),
        inactive=int((within & inactive).sum()),
        looking_here=int(looking.sum()),
        looking_farther=int((looking & ~within).sum()),
    )


def summary_text(summary: NearbySummary, lang: str) -> str:
    """The sentence on top of the list, with the right plurals.

    >>> s = NearbySummary(250, {"camera": 3, "air": 2, "wifi_bluetooth": 1}, 6, 4, 0, 0, 1, 0)
    >>> print(summary_text(s, "nl").replace(NBSP, " "))  # doctest: +NORMALIZE_WHITESPACE
    Binnen 250 m: 3 camera's, 2 luchtkwaliteitsensoren en 1 wifi- of bluetoothteller;
    4 verwerken persoonsgegevens. 1 camera kijkt naar deze plek.
    >>> print(summary_text(s, "en").replace(NBSP, " "))  # doctest: +NORMALIZE_WHITESPACE
    Within 250 m: 3 cameras, 2 air-quality sensors and 1 WiFi or Bluetooth counter;
    4 process personal data. 1 camera looks at this spot.
    >>> summary_text(NearbySummary(100, {}, 0, 0, 0, 0, 0, 0), "nl")
    'Binnen 100\xa0m staat niets in het register.'
    """
    nl = lang == "nl"
    r = f"{summary.radius}{NBSP}m"
    parts: list[str] = []
    if summary.total == 0:
        parts.append(f"Binnen {r} staat niets in het register." if nl else f"Nothing in the register within {r}.")
    else:
        counts = [count_label(n, c, lang) for c, n in summary.by_sensor_type.items()]
        listed = _join_words(counts, "en" if nl else "and")
        p = summary.personal_data
        if nl:
            personal = ("geen ervan verwerkt persoonsgegevens" if p == 0
                        else f"{_int(p, lang)} {'verwerkt' if p == 1 else 'verwerken'} persoonsgegevens")
            parts.append(f"Binnen {r}: {listed}; {personal}.")
        else:
            personal = ("none of them process personal data" if p == 0
                        else f"{_int(p, lang)} {'processes' if p == 1 else 'process'} personal data")
            parts.append(f"Within {r}: {listed}; {personal}.")
        if summary.planned:
            n = summary.planned
            parts.append(f"{_int(n, lang)} daarvan {'is' if n == 1 else 'zijn'} gepland en "
                         f"{'meet' if n == 1 else 'meten'} nog niet." if nl else
                         f"{_int(n, lang)} of them {'is' if n == 1 else 'are'} planned and not measuring yet.")
    if summary.looking_here:
        n = summary.looking_here
        cams = count_label(n, "camera", lang)
        parts.append(f"{cams} {'kijkt' if n == 1 else 'kijken'} naar deze plek." if nl
                     else f"{cams} {'looks' if n == 1 else 'look'} at this spot.")
        if summary.looking_farther:
            f = summary.looking_farther
            parts.append(f"Daarvan {'staat' if f == 1 else 'staan'} er {_int(f, lang)} verder weg dan {r}." if nl
                         else f"{_int(f, lang)} of them {'stands' if f == 1 else 'stand'} farther away than {r}.")
    if summary.inactive:
        n = summary.inactive
        parts.append(f"Ook {_int(n, lang)} {'registratie die' if n == 1 else 'registraties die'} niet meer actief "
                     f"{'is' if n == 1 else 'zijn'}." if nl else
                     f"Also {_int(n, lang)} {'registration that is' if n == 1 else 'registrations that are'} "
                     "no longer active.")
    return " ".join(parts)


def _join_words(items: list[str], conjunction: str) -> str:
    """a, b en c / a, b and c."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _int(n: int, lang: str) -> str:
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "nl" else text

