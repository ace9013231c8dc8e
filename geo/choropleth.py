"""The city overview's choropleth: what is measured per neighbourhood, its classes, colours, legend and ranking."""

from __future__ import annotations

import html
import json
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import MacroElement
from folium.template import Template

from geo.codes import codes, label
from geo.export import localized
from geo.mapping import js_literal
from geo.schema import RD_NEW, WGS84
from geo.summary import NeighbourhoodSummary
from geo.text import number, text
from geo.viewstate import MEASURES

#: The fields a choropleth can be narrowed to (one code of it, geo.viewstate.WHAT_FIELDS), and the summary
#: dict that counts them.
BY_FIELDS: dict[str, str] = {"sensor_type": "by_sensor_type", "purpose": "by_purpose"}

#: ColorBrewer YlGnBu, sequential and colour-blind safe, for 1 to 6 classes (light = few, dark = many).
PALETTES: dict[int, tuple[str, ...]] = {
    1: ("#41b6c4",),
    2: ("#a1dab4", "#225ea8"),
    3: ("#edf8b1", "#7fcdbb", "#2c7fb8"),
    4: ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"),
    5: ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
    6: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"),
}
#: The colour of a neighbourhood whose value is unknown (no population, or no area): neutral grey.
NO_DATA = "#bdbdbd"
DEFAULT_CLASSES = 5

# Fisher-Jenks is quadratic in pure Python (no numba here): 2,000 values took 18 s. Above this many
# values the breaks are computed on evenly spaced order statistics, which keeps the shape and is
# deterministic, unlike mapclassify's random FisherJenksSampled.
_JENKS_SAMPLE = 300


@dataclass(frozen=True)
class Classes:
    """Classes of a choropleth: natural breaks (Fisher-Jenks) over the known values.

    Attributes
    ----------
    lower, upper : the smallest and largest value that falls in each class, lowest class first.
    colours : one colour per class, from PALETTES.
    counts : how many values fall in each class.
    unknown : how many values were unknown (None or NaN); they get NO_DATA.
    """

    lower: tuple[float, ...]
    upper: tuple[float, ...]
    colours: tuple[str, ...]
    counts: tuple[int, ...]
    unknown: int

    def index(self, value: float | None) -> int:
        """The class `value` falls in, -1 when it is unknown or there are no classes.

        >>> c = classify([0, 1, 2, 10, 11, 12], k=2)
        >>> c.index(1), c.index(11), c.index(None)
        (0, 1, -1)
        """
        if not _known(value) or not self.upper:
            return -1
        # A value between two classes (not one of the classified values) goes to the upper one.
        return min(int(np.searchsorted(np.asarray(self.upper), float(value), side="left")), len(self.upper) - 1)

    def colour(self, value: float | None) -> str:
        """The fill colour for `value`; NO_DATA when it is unknown."""
        i = self.index(value)
        return NO_DATA if i < 0 else self.colours[i]

    def labels(self, lang: str) -> list[str]:
        """One label per class, "lowest – highest" of the values in it, as few decimals as tell them apart.

        >>> classify([0, 0.5, 12, 14], k=2).labels("nl")
        ['0 – 0,5', '12 – 14']
        >>> classify([3, 3], k=5).labels("en")
        ['3']
        """
        edges = sorted({*self.lower, *self.upper})
        # Each number with its own natural precision, unless rounding would make two edges look equal.
        digits = None if len({number(e, lang) for e in edges}) == len(edges) else _digits(edges)
        out = []
        for lo, hi in zip(self.lower, self.upper, strict=True):
            a, b = number(lo, lang, digits), number(hi, lang, digits)
            out.append(a if a == b else f"{a} – {b}")
        return out

    def legend(self, lang: str) -> list[tuple[str, str]]:
        """(colour, label) pairs for the legend, lowest class first, then "no data" when any is unknown.

        >>> classify([1, None], k=3).legend("en")
        [('#41b6c4', '1'), ('#bdbdbd', 'No data')]
        """
        rows = list(zip(self.colours, self.labels(lang), strict=True))
        if self.unknown:
            rows.append((NO_DATA, text("overview.no_data", lang)))
        return rows

    def legend_rows(self, lang: str) -> list[tuple[str, str]]:
        """The legend with the number of neighbourhoods in each class: "0 – 2 (5 buurten)".

        >>> classify([1, 1, None], k=3).legend_rows("nl")
        [('#41b6c4', '1 (2 buurten)'), ('#bdbdbd', 'Geen gegevens (1 buurt)')]
        """
        counts = [*self.counts, self.unknown] if self.unknown else list(self.counts)
        return [(colour, f"{label_text} ({text('overview.legend.count', lang, n=n)})")
                for (colour, label_text), n in zip(self.legend(lang), counts, strict=True)]


def classify(values: Sequence[float | None], k: int = DEFAULT_CLASSES) -> Classes:
    """Group the known values in at most `k` classes by natural breaks (Fisher-Jenks, mapclassify).

    Fewer classes when there are fewer distinct values; none when no value is known.

    Parameters
    ----------
    values : one value per neighbourhood; None or NaN when unknown.
    k : the largest number of classes (1 to 6, the palettes' range).

    Examples
    --------
    >>> c = classify([0, 0, 1, 2, 9, 10, None], k=3)
    >>> c.lower, c.upper, c.counts, c.unknown
    ((0.0, 1.0, 9.0), (0.0, 2.0, 10.0), (2, 2, 2), 1)
    """
    if not 1 <= k <= max(PALETTES):
        raise ValueError(f"k must be between 1 and {max(PALETTES)}, not {k}")
    known = np.array([float(v) for v in values if _known(v)], dtype=float)
    unknown = len(values) - len(known)
    distinct = np.unique(known)
    if len(distinct) == 0:
        return Classes((), (), (), (), unknown)
    k = min(k, len(distinct))
    upper = distinct[-1:] if k == 1 else _jenks_upper(known, distinct, k)
    which = np.minimum(np.searchsorted(upper, known, side="left"), len(upper) - 1)
    # Empty classes (possible after sampling) are dropped rather than shown with no members.
    present = np.unique(which)
    lower = tuple(float(known[which == i].min()) for i in present)
    upper_t = tuple(float(known[which == i].max()) for i in present)
    counts = tuple(int((which == i).sum()) for i in present)
    return Classes(lower, upper_t, PALETTES[len(present)], counts, unknown)


def _jenks_upper(known: np.ndarray, distinct: np.ndarray, k: int) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Numba not installed": we know, and sample instead
        import mapclassify  # a 2-second import: only when a choropleth is drawn

    sample = np.sort(known)
    if len(sample) > _JENKS_SAMPLE:
        sample = sample[np.linspace(0, len(sample) - 1, _JENKS_SAMPLE).round().astype(int)]
    k = min(k, len(np.unique(sample)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bins = np.asarray(mapclassify.FisherJenks(sample, k=k).bins, dtype=float)
    bins[-1] = distinct[-1]  # the sample may miss the largest value
    return np.unique(bins)


def measure_values(
    summaries: Sequence[NeighbourhoodSummary], measure: str, field: str | None = None, code: str | None = None
) -> list[float | None]:
    """Registrations (counted, per km² or per 1,000 residents) of each summary, optionally of one type or purpose.

    None where the area or population is unknown or 0.

    Parameters
    ----------
    summaries : the neighbourhood summaries (geo.summary.summarise).
    measure : one of geo.viewstate.MEASURES: "count", "per_km2" or "per_1000_residents".
    field, code : count only registrations with this sensor type or purpose (field "sensor_type" or
        "purpose"); all when None.

    Examples
    --------
    >>> from geo.summary import NeighbourhoodSummary
    >>> s = NeighbourhoodSummary("A", "Noord", 2000, 0.5, 3, 6.0, 1.5, 0, {"camera": 2, "air": 1},
    ...     {"safety": 2}, {}, {}, {}, "", "")
    >>> measure_values([s], "per_km2"), measure_values([s], "per_1000_residents", "sensor_type", "camera")
    ([6.0], [1.0])
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; choose one of {MEASURES}")
    return [_per(count, s, measure) for count, s in zip(counts_of(summaries, field, code), summaries, strict=True)]


def counts_of(summaries: Sequence[NeighbourhoodSummary], field: str | None = None,
              code: str | None = None) -> list[int]:
    """The number of registrations of each summary, or of those with one sensor type or purpose.

    >>> from geo.summary import NeighbourhoodSummary
    >>> s = NeighbourhoodSummary("A", "Noord", None, 1.0, 3, 3.0, None, 0, {"camera": 2}, {}, {}, {}, {}, "", "")
    >>> counts_of([s]), counts_of([s], "sensor_type", "camera"), counts_of([s], "purpose", "safety")
    ([3], [2], [0])
    """
    if field is None or code is None:
        return [s.total for s in summaries]
    if field not in BY_FIELDS:
        raise ValueError(f"a choropleth can be narrowed by {tuple(BY_FIELDS)}, not {field!r}")
    return [int(getattr(s, BY_FIELDS[field]).get(code, 0)) for s in summaries]


def choices(field: str, summaries: Sequence[NeighbourhoodSummary]) -> list[str]:
    """The codes of `field` that occur in any summary, in code-list order: what a narrowing menu offers.

    >>> from geo.summary import NeighbourhoodSummary
    >>> s = NeighbourhoodSummary("A", "Noord", None, 1.0, 3, 3.0, None, 0, {"air": 1, "camera": 2}, {},
    ...     {}, {}, {}, "", "")
    >>> choices("sensor_type", [s])
    ['camera', 'air']
    """
    seen = {c for s in summaries for c, n in getattr(s, BY_FIELDS[field]).items() if n}
    listed = codes(field)
    return [c for c in listed if c in seen] + sorted(seen - set(listed))


def ranking(
    summaries: Sequence[NeighbourhoodSummary], measure: str, field: str | None = None, code: str | None = None,
    classes: Classes | None = None,
) -> pd.DataFrame:
    """The neighbourhoods ranked by the measure, highest first; unknown values last, by name.

    Returns
    -------
    DataFrame with columns rank (1 = most; equal values share a rank; None when unknown), code, name,
    count, population, area_km2, value, colour, one row per neighbourhood summary (the summary of the
    registrations outside every neighbourhood, code None, is left out).

    Examples
    --------
    >>> from geo.summary import NeighbourhoodSummary
    >>> mk = lambda code, n, area: NeighbourhoodSummary(code, code, None, area, n, None, None, 0, {}, {}, {},
    ...     {}, {}, "", "")
    >>> ranking([mk("A", 1, 1.0), mk("B", 4, 1.0), mk("C", 6, 2.0), mk("D", 3, 1.0)], "per_km2")[
    ...     ["rank", "code", "value"]].to_dict("list")
    {'rank': [1, 2, 2, 4], 'code': ['B', 'C', 'D', 'A'], 'value': [4.0, 3.0, 3.0, 1.0]}
    """
    inside = [s for s in summaries if s.code is not None]
    values = measure_values(inside, measure, field, code)
    classes = classes or classify(values)
    frame = pd.DataFrame({
        "code": [s.code for s in inside],
        "name": [s.name for s in inside],
        "count": counts_of(inside, field, code),
        "population": pd.array([s.population for s in inside], dtype="Int64"),
        "area_km2": [s.area_km2 for s in inside],
        "value": [np.nan if v is None else v for v in values],
    })
    frame["colour"] = [classes.colour(v) for v in values]
    frame = frame.sort_values(["value", "name"], ascending=[False, True], na_position="last", kind="stable")
    frame.insert(0, "rank", frame["value"].rank(method="min", ascending=False).astype("Int64"))
    return frame.reset_index(drop=True)


def title(measure: str, lang: str, field: str | None = None, code: str | None = None) -> str:
    """What the map shows, in words: "Registraties per km²", "Camera per 1.000 inwoners", "Aantal registraties".

    >>> title("per_1000_residents", "en", "sensor_type", "anpr"), title("count", "nl", "purpose", "parking")
    ('Licence-plate camera per 1,000 residents', 'Aantal registraties: Parkeren')
    """
    if measure == "count":
        return (text("overview.title.count_of", lang, what=label(field, code, lang)) if field and code
                else text("overview.title.count", lang))
    what = label(field, code, lang) if field and code else text("overview.registrations", lang)
    return text("overview.title.per", lang, what=what, unit=text(f"overview.unit.{measure}", lang))


def shown_value(value: float | None, measure: str, lang: str) -> str:
    """A neighbourhood's value as its tooltip and ranking say it: "3 registraties", "2,5 per km²", "Geen gegevens".

    >>> shown_value(3, "count", "nl"), shown_value(2.5, "per_km2", "nl"), shown_value(None, "per_km2", "en")
    ('3 registraties', '2,5 per km²', 'No data')
    """
    if not _known(value):
        return text("overview.no_data", lang)
    if measure == "count":
        return text("count.registrations", lang, n=int(value))
    return f"{number(value, lang)} {text(f'overview.unit.{measure}', lang)}"


def ranking_table(summaries: Sequence[NeighbourhoodSummary], measure: str, field: str | None, code: str | None,
                  classes: Classes, lang: str, heading: str) -> tuple[pd.DataFrame, object]:
    """The ranking as residents read it: (the `ranking` frame, a pandas Styler of the table to show).

    Columns: rank, neighbourhood, the number of registrations (unless that is the measure) and the value under
    `heading`, each value cell in its class's colour with black or white text.

    >>> from geo.summary import NeighbourhoodSummary
    >>> mk = lambda code, n: NeighbourhoodSummary(code, code, None, 2.0, n, None, None, 0, {}, {}, {}, {}, {}, "", "")
    >>> ranked, styled = ranking_table([mk("A", 1), mk("B", 4)], "per_km2", None, None, classify([0.5, 2]), "nl", "x")
    >>> styled.data.to_dict("list")
    {'Plaats': [1, 2], 'Buurt': ['B', 'A'], 'Aantal': [4, 1], 'x': ['2', '0,5']}
    """
    ranked = ranking(summaries, measure, field, code, classes)
    columns = {"rank": text("overview.col.rank", lang), "name": text("overview.col.name", lang)}
    if measure != "count":
        columns["count"] = text("overview.col.count", lang)
    columns["value"] = heading
    shown = ranked.assign(value=[number(v, lang) for v in ranked["value"]])[list(columns)].rename(columns=columns)
    colours = ranked["colour"].tolist()
    styled = localized(shown, lang).apply(lambda col: [f"background-color:{c};color:{text_colour(c)}" for c in colours],
                               subset=[heading])
    return ranked, styled


def text_colour(fill: str) -> str:
    """Black or white text on `fill` (#rrggbb), whichever contrasts more (WCAG relative luminance).

    Pure black, not a soft dark grey: on the palette's middle blue only black reaches 4.5:1.

    >>> text_colour("#ffffcc"), text_colour("#253494")
    ('#000000', '#ffffff')
    """
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(fill[i:i + 2]) for i in (1, 3, 5))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#ffffff" if (1.05 / (lum + 0.05)) > ((lum + 0.05) / 0.05) else "#000000"


def _digits(edges: Sequence[float]) -> int:
    """The fewest decimals (0 to 3) that keep distinct class boundaries distinct after rounding."""
    for d in range(4):
        rounded = [round(e, d) for e in edges]
        if len(set(rounded)) == len(rounded):
            return d
    return 3


def _per(count: int, s: NeighbourhoodSummary, measure: str) -> float | None:
    if measure == "count":
        return float(count)
    if measure == "per_km2":
        return count / s.area_km2 if s.area_km2 else None
    return count / s.population * 1000 if s.population else None


def _known(value: float | None) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and not pd.isna(value)


# ---------------------------------------------------------------- the map layer


class ChoroplethLayer(MacroElement):
    """The neighbourhoods filled by class, as one Leaflet GeoJSON layer.

    The data travels through geo.mapping.js_literal (no `_ { } < > & '` left in strings), and each
    tooltip is escaped text, so a neighbourhood name never becomes markup. A click hands the feature
    (with its `code`) to streamlit-folium's `last_active_drawing`.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.geoJSON({{ this.data_js }}, {
                style: function (f) {
                    return {fillColor: f.properties.c, fillOpacity: 0.85, color: "#1a1a1a", weight: 1,
                            opacity: 0.9};
                },
                onEachFeature: function (f, layer) {
                    layer.bindTooltip(f.properties.t, {sticky: true});
                    layer.on("mouseover", function () { layer.setStyle({weight: 3}); });
                    layer.on("mouseout", function () { layer.setStyle({weight: 1}); });
                }
            }).addTo({{ this._parent.get_name() }});
            L.zbNames({{ this.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, collection: dict) -> None:
        super().__init__()
        self._name = "ChoroplethLayer"
        self.data_js = js_literal(collection)


def shapes(neighbourhoods: gpd.GeoDataFrame, tolerance_m: float = 2.0) -> list[dict | None]:
    """Each neighbourhood's outline as a GeoJSON geometry dict, simplified by `tolerance_m` in RD New.

    Build once per register (it is the costly part); None for a missing or empty outline.

    >>> from shapely.geometry import box
    >>> nb = gpd.GeoDataFrame({"code": ["A"]}, geometry=[box(5.5, 52.4, 5.51, 52.41)], crs="EPSG:4326")
    >>> shapes(nb)[0]["type"]
    'Polygon'
    """
    if neighbourhoods.empty:
        return []
    rd = neighbourhoods.geometry.to_crs(RD_NEW)
    simple = gpd.GeoSeries(shapely.simplify(np.asarray(rd.array), tolerance_m), crs=RD_NEW).to_crs(WGS84)
    geoms = shapely.set_precision(np.asarray(simple.array), 1e-6)
    texts = shapely.to_geojson(geoms)
    return [None if g is None or shapely.is_empty(geom) else json.loads(g) for g, geom in zip(texts, geoms,
                                                                                               strict=True)]


def choropleth_collection(summaries: Sequence[NeighbourhoodSummary], outlines: Sequence[dict | None],
                          values: Sequence[float | None], classes: Classes, measure: str,
                          lang: str) -> dict:
    """The FeatureCollection the layer draws: per neighbourhood its code, fill colour, tooltip text, and its name
    with a point inside it for the label the map writes on it when few enough are in view.

    `summaries`, `outlines` and `values` are aligned (one per neighbourhood). The tooltip is escaped HTML; the
    name is plain text (the browser sets it as text, never as markup).

    >>> from geo.summary import NeighbourhoodSummary
    >>> s = NeighbourhoodSummary("A", "<b>Noord</b>", None, 1.0, 3, 3.0, None, 0, {}, {}, {}, {}, {}, "", "")
    >>> doc = choropleth_collection([s], [{"type": "Point", "coordinates": [5, 52]}], [3.0], classify([3.0]),
    ...                             "per_km2", "en")
    >>> doc["features"][0]["properties"]
    {'code': 'A', 'c': '#41b6c4', 't': '&lt;b&gt;Noord&lt;/b&gt;: 3 per km²', 'n': '<b>Noord</b>', 'p': [52.0, 5.0]}
    """
    features = []
    for s, geometry, value in zip(summaries, outlines, values, strict=True):
        if geometry is None:
            continue
        shown = shown_value(value, measure, lang)
        inside = shapely.point_on_surface(shapely.geometry.shape(geometry))
        features.append({"type": "Feature", "geometry": geometry,
                         "properties": {"code": s.code, "c": classes.colour(value),
                                        "t": html.escape(f"{s.name}: {shown}"), "n": s.name,
                                        "p": [round(inside.y, 6), round(inside.x, 6)]}})
    return {"type": "FeatureCollection", "features": features}


def choropleth_group(collection: dict) -> folium.FeatureGroup:
    """The layer as a FeatureGroup for st_folium's `feature_group_to_add`: a new choice redraws it in place."""
    group = folium.FeatureGroup(name="choropleth", control=False)
    ChoroplethLayer(collection).add_to(group)
    return group
