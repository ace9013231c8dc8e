"""The folium map of the register: base maps, neighbourhood borders, legend, and the compact registrations layer.

Leaflet and its plugins are loaded from the app's own URL (`assets`), never from a public CDN. The
registrations travel as one compact JS array (coordinates, type, purpose, id; view-cone numbers for
cameras), clustered in the browser, instead of one Python folium object per point.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Mapping

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import CssLink, Element, JavascriptLink, MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import Fullscreen
from folium.template import Template
from shapely.geometry.base import BaseGeometry

from geo.algorithms import LINK_COLUMN, AlgorithmEntry
from geo.codes import GDPR_ARTICLE, PURPOSES, SENSOR_TYPES, label
from geo.cones import ranges, views
from geo.links import is_http_url, looks_like_url, safe_href
from geo.schema import LIST_SEPARATOR, WGS84
from geo.text import DEFAULT_LANG, LOCALES, day, foreign, text
from geo.viewgrid import ViewDraw, clusters_js
from geo.viewstate import BASE_MAPS, DEFAULT_BASE, MapView

#: Sensor types in payload order: the index sent for each registration.
TYPE_ORDER = tuple(SENSOR_TYPES)
#: Purposes in payload order; a registration is coloured by its first purpose.
PURPOSE_ORDER = tuple(PURPOSES)

#: Fill colour per purpose. Each has at least 4.5:1 contrast with the white glyph drawn on it; the icon's
#: shape and glyph carry the sensor type, so colour is never the only cue.
PURPOSE_COLOURS: Mapping[str, str] = {
    "safety": "#B3261E", "enforcement": "#7B2D8E", "traffic": "#1565C0", "parking": "#00695C",
    "crowd": "#B54708", "environment": "#2E7D32", "climate_energy": "#7A5C00", "waste": "#5D4037",
    "infrastructure": "#37474F", "nature": "#4D7A1F", "health": "#AD1457", "research": "#4527A0",
    "services": "#01689B", "commercial": "#1A1A1A", "other": "#616161",
}

#: Outline shape per sensor type: cameras square, counters and trackers diamond, measuring sensors round.
SENSOR_SHAPES: Mapping[str, str] = {
    "camera": "square", "anpr": "square",
    "presence": "diamond", "wifi_bluetooth": "diamond", "traffic": "diamond", "position": "diamond",
    "sound": "circle", "air": "circle", "climate": "circle", "water": "circle", "fill_level": "circle",
    "energy": "circle", "other": "circle",
}

#: The glyph drawn inside each icon: SVG path data on a 24x24 grid, stroked in white.
GLYPHS: Mapping[str, str] = {
    "camera": "M3 8h4l2-3h6l2 3h4v11H3z M12 10a3.5 3.5 0 1 0 0 7a3.5 3.5 0 1 0 0-7",
    "anpr": "M2 7h20v10H2z M5.5 10v4 M8.5 10h2.5v4h-2.5z M14 10h4 M14 14h4 M14 12h3",
    "sound": "M4 10h4l5-4v12l-5-4H4z M16 9a4 4 0 0 1 0 6 M19 6a8 8 0 0 1 0 12",
    "air": "M3 8h10a3 3 0 1 0-3-3 M3 12h15a3 3 0 1 1-3 3 M3 16h7",
    "climate": "M10 4a2 2 0 0 1 4 0v10a4 4 0 1 1-4 0z M12 9v7",
    "presence": "M12 3a3 3 0 1 0 0 6a3 3 0 1 0 0-6 M5 21v-2a7 7 0 0 1 14 0v2",
    "wifi_bluetooth": "M2 9a15 15 0 0 1 20 0 M5 13a10 10 0 0 1 14 0 M8.5 16.5a5 5 0 0 1 7 0 M12 20h.01",
    "traffic": "M5 17h14v-5l-2-5H7l-2 5z M5 12h14 M7 17v2 M17 17v2 M8 14.5h.01 M16 14.5h.01",
    "water": "M12 3c4 5 6 8 6 11a6 6 0 0 1-12 0c0-3 2-6 6-11z",
    "fill_level": "M5 7h14 M9 7V4h6v3 M6 7l1 13h10l1-13 M8.5 14h7",
    "energy": "M13 2L5 14h6l-1 8 8-12h-6z",
    "position": "M12 5a7 7 0 1 0 0 14a7 7 0 1 0 0-14 M12 1v5 M12 18v5 M1 12h5 M18 12h5",
    "other": "M9 9a3 3 0 1 1 4 2.8c-.7.3-1 1-1 1.7 M12 17h.01",
}

_SHAPE_SVG = {
    "square": '<rect x="2" y="2" width="26" height="26" rx="5"',
    "circle": '<circle cx="15" cy="15" r="13"',
    "diamond": '<path d="M15 1L29 15L15 29L1 15Z"',
}

#: Base map tiles and the key of their attribution in geo.text. PDOK's BRT-Achtergrondkaart is the Dutch
#: government's base map.
TILES: Mapping[str, tuple[str, str]] = {
    "brt": ("https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
            "map.attribution.brt"),
    "osm": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "map.attribution.osm"),
}
MAX_ZOOM = 19
#: One neighbourhood's outline on a map: the darkest class of the overview's palette, with a light fill.
OUTLINE_COLOUR = "#253494"
OUTLINE_FILL = "#ffffcc"
#: Registrations are clustered up to this zoom level and drawn one by one above it: from street level (16) on,
#: every icon stands for itself.
CLUSTER_MAX_ZOOM = 15
#: Cameras' view cones are drawn from this zoom level on (closer in, where they are visible).
CONE_ZOOM = 16
#: The local files under the app's assets URL that the map needs, in load order.
LEAFLET_JS = "leaflet/leaflet.js"
LEAFLET_CSS = "leaflet/leaflet.css"
FULLSCREEN_JS = "fullscreen/Control.FullScreen.js"
FULLSCREEN_CSS = "fullscreen/Control.FullScreen.css"
SUPERCLUSTER_JS = "supercluster/supercluster.min.js"
ZB_JS = "zb/zb_map.js"
ZB_CSS = "zb/zb_map.css"

# Characters escaped inside JS string literals: `_` and braces keep streamlit-folium's renaming of
# folium variables (a regex on `_[a-z0-9]+`) and its `{{'name'}}` resolution away from the data; `<`, `>`
# and `&` keep text from ever closing a script or forming markup.
_JS_ESCAPES = {c: f"\\u{ord(c):04x}" for c in "_{}<>&'"}
_JS_ESCAPE_RE = re.compile("[_{}<>&']")
_JSON_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"')


def js_literal(value: object) -> str:
    """JSON for embedding in generated JS: strings with `_ { } < > & '` written as \\u escapes.

    >>> js_literal({"id": "CAM_1 <b>"})
    '{"id":"CAM\\\\u005f1 \\\\u003cb\\\\u003e"}'
    >>> json.loads(js_literal(["a_b{}"])) == ["a_b{}"]
    True
    """
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return _JSON_STRING_RE.sub(lambda m: _JS_ESCAPE_RE.sub(lambda c: _JS_ESCAPES[c.group()], m.group()), text)


def icon_svg(sensor_type: str, colour: str = "{c}", title: str | None = None) -> str:
    """The icon of a sensor type: its outline shape filled with `colour`, its glyph in white.

    The default colour is the placeholder `{c}`, filled in by the browser per purpose.

    >>> svg = icon_svg("camera", "#B3261E")
    >>> svg.startswith("<svg") and "<rect" in svg and 'fill="#B3261E"' in svg
    True
    """
    shape = _SHAPE_SVG[SENSOR_SHAPES.get(sensor_type, "circle")]
    glyph = GLYPHS.get(sensor_type, GLYPHS["other"])
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 30" role="img" aria-label="{html.escape(title)}">'
            if title else '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 30" aria-hidden="true" '
                          'focusable="false">')
    return (head + f'{shape} fill="{colour}" stroke="#fff" stroke-width="2"/>'
            f'<path d="{glyph}" transform="translate(6 6) scale(0.75)" fill="none" stroke="#fff" '
            'stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></svg>')


#: The columns the registrations layer reads (point_fragments, area_fragments): a view of a large register takes
#: only these of its icons' rows.
LAYER_COLUMNS = ("id", "sensor_type", "purpose", "direction", "field_of_view", "range_m", "geometry")


def point_fragments(registrations: gpd.GeoDataFrame) -> np.ndarray:
    """One JS array literal per registration, for the registrations layer (build once per register).

    `[lat, lon, type, purpose, id]` with coordinates at 6 decimals (about 10 cm) and the indexes of
    TYPE_ORDER and PURPOSE_ORDER; cameras and licence-plate cameras with a direction add
    `direction, field_of_view, range_m`. Areas (mobile sensors) are placed at a point inside them.

    >>> from shapely.geometry import Point
    >>> reg = gpd.GeoDataFrame({"id": ["C_1"], "sensor_type": ["camera"], "purpose": ["safety|traffic"],
    ...                         "direction": [90.0], "field_of_view": [float("nan")], "range_m": [float("nan")]},
    ...                        geometry=[Point(4.9, 52.37)], crs="EPSG:4326")
    >>> point_fragments(reg)[0]
    '[52.37,4.9,0,0,"C\\\\u005f1",90,60,50]'
    """
    frame = _wgs84(registrations)
    geoms = np.asarray(frame.geometry.array)
    is_point = shapely.get_type_id(geoms) == 0
    anchors = geoms.copy()
    if (~is_point).any():
        anchors[~is_point] = shapely.point_on_surface(geoms[~is_point])
    lat = np.round(shapely.get_y(anchors), 6).tolist()
    lon = np.round(shapely.get_x(anchors), 6).tolist()
    types = _indexes(_column(frame, "sensor_type"), TYPE_ORDER, "other")
    purposes = _indexes(icon_purposes(_column(frame, "purpose")), PURPOSE_ORDER, "other")
    ids = [js_literal(str(v)) for v in _column(frame, "id").tolist()]
    cones = _cone_numbers(frame)
    return np.array(
        [f"[{_n(la)},{_n(lo)},{t},{p},{i}{c}]"
         for la, lo, t, p, i, c in zip(lat, lon, types, purposes, ids, cones, strict=True)],
        dtype=object,
    )


def area_fragments(registrations: gpd.GeoDataFrame) -> np.ndarray:
    """One JS literal `[type, purpose, id, geometry]` per area registration, "" for points.

    >>> from shapely.geometry import Point, box
    >>> reg = gpd.GeoDataFrame({"id": ["A", "B"], "sensor_type": ["anpr", "air"], "purpose": ["parking", "x"]},
    ...                        geometry=[box(4.9, 52.3, 4.91, 52.31), Point(4.9, 52.3)], crs="EPSG:4326")
    >>> frags = area_fragments(reg)
    >>> frags[0].startswith('[1,3,"A",{"type":"Polygon"'), frags[1]
    (True, '')
    """
    frame = _wgs84(registrations)
    geoms = np.asarray(frame.geometry.array)
    is_area = np.isin(shapely.get_type_id(geoms), (3, 6))  # Polygon, MultiPolygon
    out = np.full(len(geoms), "", dtype=object)
    if not is_area.any():
        return out
    shapes = shapely.to_geojson(shapely.set_precision(geoms[is_area], 1e-6))
    types = _indexes(_column(frame, "sensor_type")[is_area], TYPE_ORDER, "other")
    purposes = _indexes(icon_purposes(_column(frame, "purpose")[is_area]), PURPOSE_ORDER, "other")
    ids = [js_literal(str(v)) for v in _column(frame, "id")[is_area].tolist()]
    out[is_area] = [f"[{t},{p},{i},{g}]" for t, p, i, g in zip(types, purposes, ids, shapes, strict=True)]
    return out


def registrations_payload(points: np.ndarray, areas: np.ndarray, mask: np.ndarray | None = None) -> str:
    """The layer's data for the registrations in `mask`: `{"p": [points], "a": [areas]}` as JS.

    >>> registrations_payload(np.array(["[1,2,0,0,\\"A\\"]", "[3,4,0,0,\\"B\\"]"], dtype=object),
    ...                       np.array(["", ""], dtype=object), np.array([False, True]))
    '{"p":[[3,4,0,0,"B"]],"a":[]}'
    """
    if mask is not None:
        points, areas = points[mask], areas[mask]
    area_list = [a for a in areas.tolist() if a]
    return '{"p":[' + ",".join(points.tolist()) + '],"a":[' + ",".join(area_list) + "]}"


def view_payload(singles: gpd.GeoDataFrame, draw: ViewDraw) -> str:
    """The layer's data for one view of a large register (geo.viewgrid.view_draw): its single icons and areas as
    `registrations_payload` gives them, its clusters (`c`), and the view they were made for (`v`: how many
    registrations they stand for, the padded bounds, the zoom). `singles` are the rows of `draw.singles`.

    >>> from shapely.geometry import Point
    >>> from geo.viewgrid import Anchors, ViewBox, view_draw
    >>> reg = gpd.GeoDataFrame({"id": ["A", "B", "C"], "sensor_type": ["air"] * 3, "purpose": ["x"] * 3},
    ...                        geometry=[Point(4.9, 52.37), Point(4.90001, 52.37), Point(4.95, 52.38)], crs=WGS84)
    >>> draw = view_draw(Anchors.of(reg.geometry.array), np.ones(3, bool), ViewBox(4.8, 52.3, 5.0, 52.4, 12), 15)
    >>> view_payload(reg.iloc[draw.singles], draw)
    '{"p":[[52.38,4.95,3,14,"C"]],"a":[],"c":[[52.37,4.900005,2]],"v":{"n":3,"b":[4.75,52.275,5.05,52.425],"z":12}}'
    """
    some = singles[[c for c in LAYER_COLUMNS if c in singles]]
    box = draw.box
    bounds = ",".join(_n(v) for v in (box.west, box.south, box.east, box.north))
    return (registrations_payload(point_fragments(some), area_fragments(some))[:-1]
            + f',"c":{clusters_js(draw)},"v":{{"n":{int(draw.total)},"b":[{bounds}],"z":{int(box.zoom)}}}}}')


class LocalMap(folium.Map):
    """A folium Map whose Leaflet comes from the app itself, without jQuery, Bootstrap or icon fonts."""

    def __init__(self, assets: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        # Instance attributes: streamlit-folium loads exactly these URLs into the map's frame.
        self.default_js = [("leaflet", f"{assets}/{LEAFLET_JS}")]
        self.default_css = [("leaflet_css", f"{assets}/{LEAFLET_CSS}")]

    def render(self, **kwargs: object) -> None:
        """Render as folium does, but let people zoom the page (WCAG 1.4.4): folium's viewport tag forbids it."""
        super().render(**kwargs)
        header = self._template.module.__dict__.get("header")
        if header is not None:
            text = re.sub(r",\s*maximum-scale=1\.0,\s*user-scalable=no", "", str(header(self, kwargs)))
            self.get_root().header.add_child(Element(text), name=self.get_name())


class LocalFullscreen(Fullscreen):
    """folium's fullscreen button with its script and style served by the app."""

    def __init__(self, assets: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.default_js = [("Control.Fullscreen.js", f"{assets}/{FULLSCREEN_JS}")]
        self.default_css = [("Control.FullScreen.css", f"{assets}/{FULLSCREEN_CSS}")]


class RegistrationLayer(JSCSSMixin):
    """The registrations as one compact array, clustered in the browser (Supercluster) by L.ZbRegistrations.

    Points are drawn as icons (shape and glyph per sensor type, colour per purpose) once a cluster splits;
    cameras get their view cone from CONE_ZOOM on; areas are drawn as dashed outlines. Each shape has an
    escaped text tooltip "<type> · <id>" that streamlit-folium returns on a click.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.zbRegistrations(
                {{ this.payload }},
                {{ this.options_js }}
            ).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, payload: str, assets: str, lang: str, cluster_max_zoom: int = 0,
                 cone_zoom: int = 0) -> None:
        super().__init__()
        self._name = "RegistrationLayer"
        self.payload = payload
        self.options_js = js_literal({
            "types": [label("sensor_type", c, lang) for c in TYPE_ORDER],
            "shapes": [SENSOR_SHAPES[c] for c in TYPE_ORDER],
            "icons": [icon_svg(c) for c in TYPE_ORDER],
            "colors": [PURPOSE_COLOURS[c] for c in PURPOSE_ORDER],
            # `{n}` is filled in by the browser with a cluster's count.
            "clusterTitle": text("map.cluster.title", lang, n="{n}"),
            "clusterMaxZoom": cluster_max_zoom,
            "coneZoom": cone_zoom,
            "locale": LOCALES[lang].replace("_", "-"),
        })
        self.default_js = [("supercluster", f"{assets}/{SUPERCLUSTER_JS}"), ("zb_map", f"{assets}/{ZB_JS}")]
        self.default_css = [("zb_map_css", f"{assets}/{ZB_CSS}")]

    def render(self, **kwargs: object) -> None:
        """Add the links and the script to the figure, the script as plain text.

        branca would wrap the rendered script in a new Element, i.e. compile megabytes of data as a
        Jinja template (1-3 s for 100k registrations); the script is final text and goes in as it is.
        """
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        figure.script.add_child(_Text(self._template.module.script(self, kwargs)), name=self.get_name())


class _Text(Element):
    """Text that renders as itself: never parsed as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        return self.text


class UrlSync(JSCSSMixin):
    """Writes the view (lat, lon, z) and the chosen base map into the page address as the visitor moves."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            L.zbUrlSync({{ this._parent.get_name() }}, {{ this.options_js }});
        {% endmacro %}
        """
    )

    def __init__(self, base_codes: Mapping[str, str], assets: str) -> None:
        super().__init__()
        self._name = "UrlSync"
        self.default_js = [("zb_map", f"{assets}/{ZB_JS}")]
        self.default_css = [("zb_map_css", f"{assets}/{ZB_CSS}")]
        self.options_js = js_literal({"baseCodes": dict(base_codes), "defaultBase": DEFAULT_BASE})


class KeyboardHelp(JSCSSMixin):
    """A link before the map, visible when focused, that moves the keyboard focus past the map's icons; and the
    map's frame scrolled into sight when something on the map takes the focus."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            L.zbKeyboard({{ this._parent.get_name() }}, {{ this.text_js }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str, assets: str) -> None:
        super().__init__()
        self._name = "KeyboardHelp"
        self.default_js = [("zb_map", f"{assets}/{ZB_JS}")]
        self.default_css = [("zb_map_css", f"{assets}/{ZB_CSS}")]
        self.text_js = js_literal(text)


class FrameBehaviour(JSCSSMixin):
    """How the map's frame sits in the page (L.zbFrame in zb_map.js): filling the window below it, fitted to its
    real size, two-finger panning on touch screens, a presenter's keys passed on to the page."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            L.zbFrame({{ this._parent.get_name() }}, {{ this.options_js }});
        {% endmacro %}
        """
    )

    def __init__(self, assets: str, options: dict) -> None:
        super().__init__()
        self._name = "FrameBehaviour"
        self.default_js = [("zb_map", f"{assets}/{ZB_JS}")]
        self.default_css = [("zb_map_css", f"{assets}/{ZB_CSS}")]
        self.options_js = js_literal(options)


class Legend(MacroElement):
    """The legend as a collapsible box in the map's corner; its HTML is built here with every label escaped."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            L.zbLegend({{ this._parent.get_name() }}, {{ this.html_js }}, {{ this.title_js }});
        {% endmacro %}
        """
    )

    def __init__(self, legend_html: str, title: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html_js = js_literal(legend_html)
        self.title_js = js_literal(title)


def icon_purpose(cell: object) -> str:
    """The purpose a registration is coloured by on every map and sheet: its first, or "other".

    >>> icon_purpose("parking|enforcement"), icon_purpose(""), icon_purpose("spying")
    ('parking', 'other', 'other')
    """
    first = str(cell).split(LIST_SEPARATOR)[0] if isinstance(cell, str) else ""
    return first if first in PURPOSE_COLOURS else "other"


def icon_purposes(cells: pd.Series) -> pd.Series:
    """`icon_purpose` of every cell (each distinct cell worked out once)."""
    return cells.map({c: icon_purpose(c) for c in cells.unique()})


def legend_html(lang: str, registrations: pd.DataFrame | None = None) -> str:
    """The legend's inner HTML: exactly the icons (sensor types) and colours (purposes by which icons are
    coloured) that `registrations` put on the map (every one when None), then cone, area, cluster and border.

    >>> reg = pd.DataFrame({"sensor_type": ["camera", "air"], "purpose": ["safety|traffic", "environment"]})
    >>> legend = legend_html("en", reg)
    >>> "Public order and safety" in legend, "Traffic and mobility" in legend, "Air-quality sensor" in legend
    (True, False, True)
    """
    grey = "#4A4A4A"
    esc = html.escape
    if registrations is None:
        types, purps = list(TYPE_ORDER), list(PURPOSE_ORDER)
    else:
        # Per distinct value: a million registrations repeat a few (no string made per registration).
        present_types = {str(v) for v in pd.unique(registrations["sensor_type"])}
        types = [c for c in TYPE_ORDER if c in present_types]
        if present_types - set(TYPE_ORDER) and "other" not in types:
            types.append("other")  # an unlisted type is drawn with the icon of "other"
        present = set(icon_purposes(pd.Series([str(v) for v in pd.unique(registrations["purpose"])])).unique())
        purps = [c for c in PURPOSE_ORDER if c in present]
    rows = [f"<h3>{esc(text('map.legend.types', lang))}</h3><ul>"]
    rows += [f"<li>{icon_svg(c, grey)}<span>{esc(label('sensor_type', c, lang))}</span></li>" for c in types]
    rows.append(f"</ul><h3>{esc(text('map.legend.purposes', lang))}</h3><ul>")
    rows += [f'<li><span class="zb-swatch" style="background:{PURPOSE_COLOURS[c]}"></span>'
             f"<span>{esc(label('purpose', c, lang))}</span></li>" for c in purps]
    rows.append(f"</ul><h3>{esc(text('map.legend.other', lang))}</h3><ul>")
    rows.append('<li><svg viewBox="0 0 20 20" aria-hidden="true"><path d="M10 18L3 4a14 14 0 0 1 14 0z" '
                f'fill="{grey}" fill-opacity="0.25" stroke="{grey}"/></svg><span>{esc(text("map.legend.cone", lang))}'
                "</span></li>")
    rows.append('<li><svg viewBox="0 0 20 20" aria-hidden="true"><rect x="2" y="4" width="16" height="12" '
                f'fill="{grey}" fill-opacity="0.1" stroke="{grey}" stroke-width="2" stroke-dasharray="4 3"/></svg>'
                f"<span>{esc(text('map.legend.area', lang))}</span></li>")
    rows.append('<li><svg viewBox="0 0 20 20" aria-hidden="true"><circle cx="10" cy="10" r="8" fill="#01689B" '
                'stroke="#fff" stroke-width="2"/><text x="10" y="13.5" font-size="9" text-anchor="middle" '
                f'fill="#fff" font-weight="700">12</text></svg><span>{esc(text("map.legend.cluster", lang))}'
                "</span></li>")
    rows.append('<li><svg viewBox="0 0 20 20" aria-hidden="true"><path d="M2 14L8 6L18 10" fill="none" '
                f'stroke="#5B6B7A" stroke-width="2"/></svg><span>{esc(text("map.legend.border", lang))}</span>'
                "</li></ul>")
    return "".join(rows)


def neighbourhood_outlines(neighbourhoods: gpd.GeoDataFrame, tolerance_m: float = 2.0) -> dict:
    """The neighbourhood borders as a light GeoJSON dict: simplified in RD New, no properties.

    Simplifying by two metres shrinks detailed CBS borders several times over without a visible change.

    >>> from shapely.geometry import box
    >>> nb = gpd.GeoDataFrame({"code": ["A"], "name": ["<x>"]}, geometry=[box(4.9, 52.3, 4.91, 52.31)],
    ...                       crs="EPSG:4326")
    >>> doc = neighbourhood_outlines(nb)
    >>> doc["features"][0]["properties"], doc["features"][0]["geometry"]["type"]
    ({}, 'Polygon')
    """
    if neighbourhoods is None or neighbourhoods.empty:
        return {"type": "FeatureCollection", "features": []}
    rd = neighbourhoods.to_crs("EPSG:28992").geometry
    simple = gpd.GeoSeries(shapely.simplify(np.asarray(rd.array), tolerance_m), crs="EPSG:28992").to_crs(WGS84)
    shapes = shapely.to_geojson(shapely.set_precision(np.asarray(simple.array), 1e-6))
    features = [{"type": "Feature", "properties": {}, "geometry": json.loads(g)} for g in shapes if g is not None]
    return {"type": "FeatureCollection", "features": features}


def fit_view(bounds: tuple[float, float, float, float], width_px: int = 900, height_px: int = 600,
             max_zoom: int = 17) -> MapView:
    """The centre and the largest zoom level at which WGS84 `bounds` (minx, miny, maxx, maxy) fit in a map.

    >>> fit_view((4.85, 52.35, 4.95, 52.40))
    MapView(lat=52.375, lon=4.9, zoom=13)
    >>> fit_view((4.9, 52.37, 4.9, 52.37)).zoom
    17
    """
    minx, miny, maxx, maxy = bounds
    if not all(math.isfinite(v) for v in bounds):
        return MapView(52.1, 5.3, 7)  # the Netherlands
    lat, lon = (miny + maxy) / 2, (minx + maxx) / 2

    def merc_y(phi: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(phi) / 2))

    dx = max((maxx - minx) / 360, 1e-12)
    dy = max((merc_y(maxy) - merc_y(miny)) / (2 * math.pi), 1e-12)
    zoom = min(math.log2(width_px / 256 / dx), math.log2(height_px / 256 / dy))
    return MapView(round(lat, 6), round(lon, 6), int(max(1, min(max_zoom, math.floor(zoom)))))


def build_map(*, assets: str, lang: str, view: MapView, base: str = DEFAULT_BASE, outlines: dict | None = None,
              legend: str = "", height: int = 600, bases: tuple[str, ...] = BASE_MAPS, url_sync: bool = True,
              fill: bool = False, fit: tuple[float, float, float, float] | None = None,
              keys: tuple[str, ...] = (), cards: bool = False, phone_share: float | None = None,
              bottom: int = 8, zoom_snap: float = 1) -> folium.Map:
    """The base map: tiles (or none), neighbourhood borders, legend, fullscreen, layer control, URL sync.

    It holds no registrations (they come as `registrations_group`, updated in place) and is cheap to build.

    Parameters
    ----------
    assets : URL (relative to the map's frame) under which Leaflet and the plugins are served.
    lang : the language of the map's words.
    view : the initial centre and zoom.
    base : brt, osm or none: the base map shown first (the others in `bases` stay one click away).
    outlines : neighbourhood_outlines(...), drawn as a layer that can be switched off.
    legend : legend_html(...).
    bases : the base maps offered, a subset of BASE_MAPS (a page that promises only PDOK leaves OSM out).
    url_sync : keep the map's centre, zoom and base map in the page address (the map page's `lat`, `lon`, `z`).
    fill : the map fills the window below where it starts (the map page); on a phone only `phone_share` of the
        window's height when given (a map with a list under it).
    bottom : with `fill`, the pixels left free below the map (for what the page puts under it).
    zoom_snap : the zoom's steps; a fraction lets a fitted area fill the map (see `outline_layer`).
    fit : WGS84 bounds (minx, miny, maxx, maxy) to fit on the map's real size when the address names no view.
    keys : keys that go to the page even when the map has the focus (a presenter's clicker).
    cards : the page lists registrations as cards (geo.nearby_text.card_html): a click on an icon brings its card
        into view, a card's "show on the map" button shows its icon.

    On a touch screen one finger scrolls the page and two move the map, with a hint saying so.
    """
    m = LocalMap(assets, location=[view.lat, view.lon], zoom_start=view.zoom, tiles=None, max_zoom=MAX_ZOOM,
                 min_zoom=6, control_scale=False, height=height, prefer_canvas=False, zoom_snap=zoom_snap)
    base = base if base in bases else bases[0]
    for code in bases:
        name = text(f"map.base.{code}", lang)
        if code in TILES:
            url, attribution = TILES[code]
            folium.TileLayer(url, attr=text(attribution, lang), name=name, overlay=False, control=True,
                             show=code == base, max_zoom=MAX_ZOOM, max_native_zoom=19).add_to(m)
        else:
            # "No tiles": an empty base layer, so that nothing is fetched from outside the app.
            folium.FeatureGroup(name=name, overlay=False, control=True, show=code == base).add_to(m)
    if outlines is not None:
        folium.GeoJson(outlines, name=text("map.layer.neighbourhoods", lang), interactive=False, control=True,
                       style={"color": "#5B6B7A", "weight": 1.5, "opacity": 0.8, "fill": False}).add_to(m)
    LocalFullscreen(assets, position="topleft", title=text("map.fullscreen", lang),
                    title_cancel=text("map.fullscreen.exit", lang), force_separate_button=True).add_to(m)
    if legend:
        Legend(legend, text("map.legend", lang)).add_to(m)
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    if url_sync:
        UrlSync({text(f"map.base.{c}", lang): c for c in bases}, assets).add_to(m)
    KeyboardHelp(text("map.skip", lang), assets).add_to(m)
    behaviour: dict[str, object] = {"fill": fill, "touchHint": text("map.touch", lang), "keys": list(keys),
                                    "scale": True, "bottom": bottom}
    if cards:
        behaviour["cards"] = {"selector": ".zb-card"}
    if phone_share:
        behaviour["phoneShare"] = phone_share
    if fit is not None and all(math.isfinite(v) for v in fit):
        behaviour["fit"] = [[fit[1], fit[0]], [fit[3], fit[2]]]
    FrameBehaviour(assets, behaviour).add_to(m)
    return m


def registrations_group(payload: str, *, assets: str, lang: str, cluster: bool = True,
                        cones_always: bool = False) -> folium.FeatureGroup:
    """The registrations as a FeatureGroup for st_folium's `feature_group_to_add` (updated without a reload).

    `cluster` groups nearby icons below street level (CLUSTER_MAX_ZOOM); without it every registration is its own
    icon (a small area such as near-me's circle). `cones_always` draws cameras' view cones at every zoom level
    (a coverage map), not only from CONE_ZOOM on.
    """
    group = folium.FeatureGroup(name="registrations", control=False)
    RegistrationLayer(payload, assets, lang, cluster_max_zoom=CLUSTER_MAX_ZOOM if cluster else 0,
                      cone_zoom=0 if cones_always else CONE_ZOOM).add_to(group)
    return group


def _wgs84(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if frame.crs is not None and not frame.crs.equals(WGS84):
        return frame.to_crs(WGS84)
    return frame


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name not in frame:
        return pd.Series([""] * len(frame), index=frame.index, dtype=object)
    return frame[name].astype(object).where(frame[name].notna(), "").astype(str)


def _indexes(values: pd.Series, order: tuple[str, ...], fallback: str) -> list[int]:
    position = {c: i for i, c in enumerate(order)}
    other = position[fallback]
    return [position.get(v, other) for v in values.tolist()]


def _n(value: float) -> str:
    return repr(value) if value != int(value) else str(int(value))


def _cone_numbers(frame: pd.DataFrame) -> list[str]:
    """`,direction,fov,range` for cameras and licence-plate cameras with a direction, "" for the rest."""
    if "direction" not in frame or "sensor_type" not in frame:
        return [""] * len(frame)
    direction, fov, directed = views(frame)
    rng = ranges(frame)
    return [f",{round(d) % 360},{round(f)},{round(r)}" if k else ""
            for d, f, r, k in zip(direction.tolist(), fov.tolist(), rng.tolist(), directed.tolist(), strict=True)]


def id_from_tooltip(text: object) -> str | None:
    """The registration id in a clicked shape's tooltip text ("<type> · <id>"), or None.

    >>> id_from_tooltip("Camera · CAM-1 · B"), id_from_tooltip("no dot"), id_from_tooltip(None)
    ('CAM-1 · B', None, None)
    """
    if not isinstance(text, str) or TOOLTIP_SEPARATOR not in text:
        return None
    return text.partition(TOOLTIP_SEPARATOR)[2] or None


#: Between the type and the id in a shape's tooltip (zb_map.js writes it the same way).
TOOLTIP_SEPARATOR = " \u00b7 "


def registration_summary(record: Mapping[str, object], lang: str, register_lang: str = DEFAULT_LANG) -> str:
    """What a resident wants to know first about one registration, as HTML: its status as a tag, what it is,
    why it is there, who is responsible, and whether it processes personal data (on what basis, in plain
    words). Every register text escaped, and marked in the register's language when the page is in another.

    >>> html_ = registration_summary({"name": "Cam", "sensor_type": "camera", "status": "inactive",
    ...     "purpose": "safety", "owner": "<b>Gemeente</b>", "personal_data": True, "legal_basis": "public_task"}, "en")
    >>> "No longer active" in html_, "&lt;b&gt;" in html_, 'lang="nl"' in html_, "a public task" in html_
    (True, True, True, True)
    """
    esc = html.escape

    def value(name: str) -> str:
        v = record.get(name)
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return ""
        return str(v).strip()

    def register(v: str) -> str:
        return foreign(esc(v), lang, register_lang)

    status = value("status") or "active"
    tag = (f'<span class="zb-tag zb-tag-{esc(status)}">{esc(text(f"map.summary.status.{status}", lang))}</span>'
           if status in ("active", "planned", "inactive") else "")
    kind = esc(label("sensor_type", value("sensor_type"), lang))
    rows = [("what", kind + (f"<br>{register(value('description'))}" if value("description") else "")),
            ("why", esc(", ".join(label("purpose", c, lang) for c in value("purpose").split(LIST_SEPARATOR) if c))),
            ("owner", register(value("owner")))]
    if bool(record.get("personal_data")):
        basis = value("legal_basis")
        personal = esc(text("map.summary.personal.yes", lang))
        if basis in GDPR_ARTICLE:
            personal += " " + esc(text(f"map.summary.basis.{basis}", lang))
        else:
            personal += " " + esc(text("map.summary.basis.missing", lang))
        if bool(record.get("biometric")):
            personal += f" <strong>{esc(text('map.detail.biometric', lang))}</strong>"
    else:
        personal = esc(text("map.summary.personal.no", lang))
    rows.append(("personal", personal))
    unknown = f'<span class="zb-detail-unknown">{esc(text("map.detail.unknown", lang))}</span>'
    items = "".join(f"<dt>{esc(text(f'map.summary.{k}', lang))}</dt><dd>{v or unknown}</dd>" for k, v in rows)
    reference = f" \u00b7 {register(value('id'))}" if value("id") else ""
    return (f'<p class="zb-tags">{tag} <span>{kind}{reference}</span></p>'
            f'<dl class="zb-detail zb-summary-list">{items}</dl>')


def registration_card(record: Mapping[str, object], lang: str, neighbourhood: str = "",
                      algorithm: AlgorithmEntry | None = None) -> str:
    """One registration as an HTML definition list; every text escaped, only http(s) URLs as links.

    Parameters
    ----------
    record : one registration (geo.schema.COLUMNS; with geo.algorithms.LINK_COLUMN when the algorithm register
        is loaded).
    lang : the language of the card's words, the code labels and the dates.
    neighbourhood : the name of the neighbourhood it lies in.
    algorithm : the algorithm register's entry its algorithm_register_url names: its name and status are shown.

    Examples
    --------
    >>> card = registration_card({"id": "<i>", "name": "x", "privacy_statement_url": "javascript:alert(1)",
    ...                           "algorithm_register_url": "https://a.example/r?x=1&y=2"}, "en")
    >>> "<i>" in card, "&lt;i&gt;" in card, 'href="javascript' in card
    (False, True, False)
    >>> 'href="https://a.example/r?x=1&amp;y=2" target="_blank" rel="noopener noreferrer"' in card
    True
    """
    esc = html.escape

    def value(name: str) -> str:
        v = record.get(name)
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT:
            return ""
        return str(v).strip()

    def link_or_text(v: str) -> str:
        if not v:
            return ""
        href = safe_href(v) if is_http_url(v) else ""
        if href:
            shown = esc(text("map.detail.link", lang, text=v))
            return f'<a href="{esc(href, quote=True)}" target="_blank" rel="noopener noreferrer">{shown}</a>'
        if looks_like_url(v):
            return esc(text("map.detail.bad_link", lang, text=v))
        return esc(v)

    def codes_text(name: str) -> str:
        return ", ".join(label(name, c, lang) for c in value(name).split(LIST_SEPARATOR) if c)

    def date_of(name: str) -> str:
        v = record.get(name)
        ts = pd.Timestamp(v) if v is not None and v is not pd.NaT else pd.NaT
        return "" if pd.isna(ts) else day(ts.date(), lang)

    rows: list[tuple[str, str]] = []
    what = esc(label("sensor_type", value("sensor_type"), lang))
    if value("description"):
        what += "<br>" + esc(value("description")).replace("\n", "<br>")
    rows.append(("what", what))
    rows.append(("where", ", ".join(esc(v) for v in (value("location_description"), neighbourhood) if v)))
    rows.append(("why", esc(codes_text("purpose"))))
    rows.append(("data", esc(codes_text("data_types"))))
    personal = esc(text("map.detail.personal.yes" if bool(record.get("personal_data")) else "map.detail.personal.no",
                        lang))
    if bool(record.get("biometric")):
        personal += f" <strong>{esc(text('map.detail.biometric', lang))}</strong>"
    rows.append(("personal", personal))
    basis = value("legal_basis")
    basis_text = esc(label("legal_basis", basis, lang)) if basis else ""
    if basis in GDPR_ARTICLE:
        basis_text += f" ({esc(text('map.detail.legal.article', lang, letter=GDPR_ARTICLE[basis]))})"
    rows.append(("legal", basis_text))
    rows.append(("legal_reference", link_or_text(value("legal_reference"))))
    rows.append(("owner", esc(value("owner"))))
    rows.append(("contact", link_or_text(value("contact"))))
    rows.append(("privacy", link_or_text(value("privacy_statement_url"))))
    dpia = value("dpia").lower()
    rows.append(("dpia", esc(text(f"map.detail.dpia.{dpia}", lang)) if dpia in ("yes", "no")
                 else link_or_text(value("dpia"))))
    retention = value("retention")
    days = record.get("retention_days")
    if not retention and isinstance(days, (int, float)) and math.isfinite(days):
        retention = text("unit.day", lang, n=int(days))
    rows.append(("retention", esc(retention)))
    rows.append(("council", link_or_text(value("council_decision"))))
    algorithm_text = link_or_text(value("algorithm_register_url"))
    if algorithm is not None:
        status = text(f"algorithm.status.{algorithm.status}", lang)
        algorithm_text += "<br>" + esc(text("map.detail.algorithm.entry", lang, name=algorithm.name, status=status))
    elif value(LINK_COLUMN) == "not_found":
        algorithm_text += "<br>" + esc(text("map.detail.algorithm.not_found", lang))
    rows.append(("algorithm", algorithm_text))
    one = pd.DataFrame([{k: record.get(k) for k in ("sensor_type", "direction", "field_of_view", "range_m")}])
    direction, fov, directed = views(one)
    if directed[0]:
        compass = text("map.compass", lang).split("|")
        rows.append(("view", esc(text("map.detail.view.text", lang, direction=round(direction[0]) % 360,
                                      compass=compass[round(direction[0] / 45) % 8], fov=round(fov[0]),
                                      range=round(ranges(one)[0])))))
    start, end = date_of("active_from"), date_of("active_until")
    period = (text("map.detail.period.both", lang, start=start, end=end) if start and end
              else text("map.detail.period.from", lang, start=start) if start
              else text("map.detail.period.until", lang, end=end) if end else "")
    rows.append(("period", esc(period)))
    rows.append(("status", esc(label("status", value("status"), lang)) if value("status") else ""))
    rows.append(("last_checked", esc(date_of("last_checked"))))
    rows.append(("source", esc(label("source", value("source"), lang)) if value("source") else ""))
    rows.append(("id", esc(value("id"))))
    unknown = f'<span class="zb-detail-unknown">{esc(text("map.detail.unknown", lang))}</span>'
    items = "".join(f"<dt>{esc(text(f'map.detail.{k}', lang))}</dt><dd>{v or unknown}</dd>" for k, v in rows)
    return f'<dl class="zb-detail">{items}</dl>'


def outline_layer(area: BaseGeometry) -> folium.FeatureGroup:
    """The neighbourhood's outline for the web map: the same dark blue as on the sheet, a light fill.

    The map fits itself to the outline on its real size whenever the group is added (zbFit, see L.zbFrame),
    so a page that swaps it for the next neighbourhood's moves the same map instead of drawing a new one.
    Only the geometry travels (no properties), so no register text reaches the map this way.

    >>> from shapely.geometry import box
    >>> outline = next(iter(outline_layer(box(5.5, 52.4, 5.51, 52.41))._children.values()))
    >>> outline.options["zb_fit"], outline.data["properties"]
    (True, {})
    """
    # The mark sits on the GeoJSON layer: Leaflet's L.featureGroup takes no options.
    group = folium.FeatureGroup(name="outline", control=False)
    shape = json.loads(shapely.to_geojson(shapely.set_precision(area, 1e-6)))
    folium.GeoJson({"type": "Feature", "properties": {}, "geometry": shape}, interactive=False,
                   control=False, zb_fit=True, style={"color": OUTLINE_COLOUR, "weight": 4, "opacity": 0.95,
                                         "fillColor": OUTLINE_FILL, "fillOpacity": 0.25}).add_to(group)
    return group
