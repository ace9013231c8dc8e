"""The staff app's map of residents' reports: one dot per report with a place, coloured by where it stands."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import folium

from geo.mapping import TILES, LocalMap
from geo.report_summary import MissingCell
from geo.reports import Report
from geo.text import text

#: A dot's colour by status: new reports stand out, closed ones fade.
COLOURS = {"received": "#D52B1E", "in_progress": "#E17000", "answered": "#01689B", "closed": "#8A8A8A"}
#: Where residents say a sensor is missing: dashed rings, a shape no registration icon has (the caption says
#: "dashed", not a colour), in a violet brighter than any purpose's.
MISSING_COLOUR = "#AA00CC"


def reports_map(reports: Sequence[Report], lang: str, assets: str,
                centre: tuple[float, float] = (52.1, 5.3)) -> folium.Map:
    """A folium map with a dot per report that has a place; its tooltip is the reference, kind and status (escaped).

    `assets`: where the app serves Leaflet (geo.mapping.LocalMap): no third party sees who looks at what.

    >>> from datetime import datetime, UTC
    >>> r = Report("K7M2-9QHX", "missing", "<b>x</b>", None, 52.47, 5.55, None, "received",
    ...            datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC))
    >>> html_out = reports_map([r], "en", "/assets").get_root().render()
    >>> "K7M2-9QHX" in html_out and "<b>x</b>" not in html_out and "cdn.jsdelivr" not in html_out
    True
    """
    placed = [r for r in reports if r.lat is not None and r.lon is not None]
    url, attribution = TILES["brt"]
    m = LocalMap(assets, location=list(centre), zoom_start=8, tiles=None, control_scale=True)
    folium.TileLayer(url, attr=text(attribution, lang), max_zoom=19).add_to(m)
    for r in placed:
        tip = " · ".join((r.ref, text(f"report.kind.{r.kind}", lang), text(f"report.status.{r.status}", lang)))
        folium.CircleMarker([r.lat, r.lon], radius=8, color="#1A1A1A", weight=1, fill=True, fill_opacity=0.9,
                            fill_color=COLOURS.get(r.status, "#8A8A8A"), tooltip=html.escape(tip)).add_to(m)
    if placed:
        lats, lons = [r.lat for r in placed], [r.lon for r in placed]
        m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], max_zoom=16)
    return m


def missing_group(cells: Sequence[MissingCell], name: str, tooltip: Callable[[int], str]) -> folium.FeatureGroup:
    """The cells where residents report a missing sensor, as dashed rings sized by how many: for the coverage map.

    >>> from geo.report_summary import MissingCell
    >>> g = missing_group([MissingCell(52.1, 5.1, 3)], "Gemeld", lambda n: f"{n} meldingen")
    >>> len(g._children)
    1
    """
    group = folium.FeatureGroup(name=name, show=True)
    for cell in cells:
        folium.CircleMarker([cell.lat, cell.lon], radius=min(6 + 2 * cell.n, 18), color=MISSING_COLOUR, weight=3,
                            dash_array="4 3", fill=True, fill_opacity=0.15, fill_color=MISSING_COLOUR,
                            tooltip=html.escape(tooltip(cell.n))).add_to(group)
    return group
