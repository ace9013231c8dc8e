"""Hotspots: registrations counted on a hexagon or square grid in RD New, and a Getis-Ord Gi* test for clusters."""

from __future__ import annotations

import html
import warnings
from dataclasses import dataclass

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.errors import UserFacingError
from geo.join import inside_any, to_rd
from geo.schema import RD_NEW, WGS84
from geo.text import text

#: The grid shapes offered.
SHAPES: tuple[str, ...] = ("hexagon", "square")
#: The cell sizes offered, in metres: a square's side, or the width of a hexagon (flat side to flat side,
#: which is also the distance between the centres of two neighbouring hexagons).
CELL_SIZES_M: tuple[int, ...] = (100, 250, 500, 1000)
DEFAULT_CELL_SIZE_M = 250
#: Significance level, after the Benjamini-Hochberg correction for testing every cell at once.
ALPHA = 0.05
#: More cells than this is refused: a map with that many cells is slow to draw and hard to read.
MAX_CELLS = 12_000
#: Below this many registrations on the grid there is no pattern to test.
MIN_POINTS = 5

_SQRT3 = np.sqrt(3.0)
# Neighbours in axial coordinates (q, r) for pointy-top hexagons, and the 8 (queen) for squares.
_HEX_STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, -1), (-1, 1))
_SQUARE_STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1))
_KEY_OFFSET = 1 << 30
_POINT = 0  # shapely.get_type_id of a Point


class HotspotError(UserFacingError):
    """A hotspot grid that cannot be made (too many cells for the chosen size)."""


@dataclass(frozen=True)
class Hotspots:
    """The density grid and the result of the hotspot test.

    Attributes
    ----------
    cells : GeoDataFrame in RD New (EPSG:28992), one row per cell of the grid that touches the area:
        `count` (registrations in the cell), `z` (esda's Gi* z-score; NaN when untested), `p` (the exact
        two-sided p-value against an even spread), `cluster` ("hot", "cold" or "" when not significant).
    shape, cell_size_m : the grid.
    points : registrations counted on the grid; `outside` those outside it (outside the area).
    tested : whether the test could run (enough registrations, and not all cells equal).
    alpha, threshold : the significance level and the p-value below which a cell counts (after the
        Benjamini-Hochberg correction).
    """

    cells: gpd.GeoDataFrame
    shape: str
    cell_size_m: float
    points: int
    outside: int
    tested: bool
    alpha: float
    threshold: float

    @property
    def hot(self) -> int:
        return int((self.cells["cluster"] == "hot").sum())

    @property
    def cold(self) -> int:
        return int((self.cells["cluster"] == "cold").sum())


def hex_cell(x: np.ndarray, y: np.ndarray, size: float) -> tuple[np.ndarray, np.ndarray]:
    """The axial coordinates (q, r) of the pointy-top hexagon of width `size` holding each point.

    The grid is anchored at RD (0, 0), so a cell stays put whatever is filtered.

    >>> q, r = hex_cell(np.array([0.0, 100.0, 49.0]), np.array([0.0, 0.0, 0.0]), 100.0)
    >>> q.tolist(), r.tolist()
    ([0, 1, 0], [0, 0, 0])
    """
    radius = size / _SQRT3
    rf = np.asarray(y, float) / (1.5 * radius)
    qf = np.asarray(x, float) / size - rf / 2
    # Cube rounding: round all three cube coordinates, then fix the one that moved most.
    sf = -qf - rf
    q, r, s = np.round(qf), np.round(rf), np.round(sf)
    dq, dr, ds = np.abs(q - qf), np.abs(r - rf), np.abs(s - sf)
    fix_q = (dq > dr) & (dq > ds)
    fix_r = ~fix_q & (dr > ds)
    q = np.where(fix_q, -r - s, q)
    r = np.where(fix_r, -q - s, r)
    return q.astype(np.int64), r.astype(np.int64)


def _hex_polygons(q: np.ndarray, r: np.ndarray, size: float) -> np.ndarray:
    # Vertices as integer multiples of half a width and half a radius: neighbours then share their
    # vertices bit for bit, and the cells tile without slivers.
    half_w, half_r = size / 2, size / _SQRT3 / 2
    kx = np.array([1, 0, -1, -1, 0, 1, 1])
    ky = np.array([1, 2, 1, -1, -2, -1, 1])
    x = half_w * ((2 * q + r)[:, None] + kx)
    y = half_r * ((3 * r)[:, None] + ky)
    return shapely.polygons(np.stack([x, y], axis=-1))


def grid(bounds: tuple[float, float, float, float], cell_size_m: float,
         shape: str = "hexagon") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cells of a grid covering `bounds` (RD New): their (i, j) keys and polygons.

    For hexagons (i, j) are axial coordinates; for squares, column and row.

    Returns
    -------
    (i, j, polygons)

    Examples
    --------
    >>> i, j, cells = grid((0, 0, 1000, 1000), 500, "square")
    >>> len(cells), float(cells[0].area)
    (4, 250000.0)
    >>> i, j, cells = grid((0, 0, 1000, 1000), 250, "hexagon")
    >>> bool(abs(cells[0].area - np.sqrt(3) / 2 * 250**2) < 1e-6)
    True
    """
    if shape not in SHAPES:
        raise ValueError(f"unknown grid shape {shape!r}; known: {', '.join(SHAPES)}")
    if cell_size_m <= 0:
        raise ValueError("cell_size_m must be positive")
    minx, miny, maxx, maxy = bounds
    if shape == "square":
        cols = np.arange(np.floor(minx / cell_size_m), np.ceil(maxx / cell_size_m)).astype(np.int64)
        rows = np.arange(np.floor(miny / cell_size_m), np.ceil(maxy / cell_size_m)).astype(np.int64)
        i, j = (a.ravel() for a in np.meshgrid(cols, rows))
        _check_size(len(i), cell_size_m)
        return i, j, shapely.box(i * cell_size_m, j * cell_size_m, (i + 1) * cell_size_m, (j + 1) * cell_size_m)
    radius = cell_size_m / _SQRT3
    rows = np.arange(np.floor(miny / (1.5 * radius)) - 1, np.ceil(maxy / (1.5 * radius)) + 2).astype(np.int64)
    # Per row, the q range whose centres span [minx, maxx] plus one cell either side.
    q_lo = np.floor(minx / cell_size_m - rows / 2).astype(np.int64) - 1
    q_hi = np.ceil(maxx / cell_size_m - rows / 2).astype(np.int64) + 1
    counts = q_hi - q_lo + 1
    _check_size(int(counts.sum()), cell_size_m)
    j = np.repeat(rows, counts)
    i = np.repeat(q_lo, counts) + (np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts))
    polygons = _hex_polygons(i, j, cell_size_m)
    keep = shapely.intersects(polygons, shapely.box(minx, miny, maxx, maxy))
    return i[keep], j[keep], polygons[keep]


def _check_size(n: int, cell_size_m: float) -> None:
    # The bounding box is an upper bound of the cells kept; the area check below is the exact one.
    if n > 4 * MAX_CELLS:
        raise _too_many(n, cell_size_m)


def _too_many(n: int, cell_size_m: float) -> HotspotError:
    return HotspotError("error.hotspots.too_many", size=round(cell_size_m), n=n, limit=MAX_CELLS)


def hotspots(registrations: gpd.GeoDataFrame, area: gpd.GeoDataFrame | None = None, *,
             cell_size_m: float = DEFAULT_CELL_SIZE_M, shape: str = "hexagon", alpha: float = ALPHA,
             rd_geometries: np.ndarray | None = None, area_rd: np.ndarray | None = None,
             rd_xy: np.ndarray | None = None) -> Hotspots:
    """Count registrations per grid cell and mark significant clusters with Getis-Ord Gi*.

    Gi* is the share of all registrations that lie in a cell and its direct neighbours (esda's G_Local
    with star=True and binary weights; neighbours: the six around a hexagon, the eight around a
    square). Whether that share is more (or less) than chance is tested against an even spread of the
    same registrations over the area: a window then holds a binomial number of them, with a chance
    equal to its share of the area (cells on the edge count only their part inside the area). A cell
    counts as a hot (or cold) spot when the exact two-sided p-value stays below `alpha` after the
    Benjamini-Hochberg correction for testing all cells at once, so a uniform pattern gives no spots.
    The result is the same on every run: no random permutations are drawn.

    Parameters
    ----------
    registrations : registrations with a declared CRS; an area counts at a point on its surface.
    area : the neighbourhoods (declared CRS): the grid covers the cells that touch them, empty cells
        included, and registrations outside them are left out. Without it the grid covers the
        registrations' bounding box.
    cell_size_m : a square's side or a hexagon's width, in metres.
    shape : "hexagon" or "square".
    rd_geometries, area_rd : the registrations and the area in RD New (geo.join.to_rd), aligned, when the
        caller keeps them.
    rd_xy : instead of `rd_geometries`, the (n, 2) RD New coordinates of the registrations that are points, NaN
        for the others (geo.dataset.Dataset.rd_xy, geo.store.points_rd): only the others are then reprojected,
        and a point's geometry is not read.

    Raises
    ------
    HotspotError : the grid would have more than MAX_CELLS cells.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> rng = np.random.default_rng(1)
    >>> background = rng.uniform(0, 5000, (150, 2))
    >>> cluster = rng.normal(1250, 60, (60, 2))
    >>> xy = np.vstack([background, cluster])
    >>> reg = gpd.GeoDataFrame(geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs="EPSG:28992")
    >>> city = gpd.GeoDataFrame({"code": ["A"]}, geometry=[box(0, 0, 5000, 5000)], crs="EPSG:28992")
    >>> result = hotspots(reg, city, cell_size_m=500, shape="square")
    >>> hot = result.cells[result.cells["cluster"] == "hot"]
    >>> bool(hot.geometry.contains(shapely.Point(1250, 1250)).any())
    True
    """
    x, y = _points_rd(registrations, rd_geometries, rd_xy)
    if area is not None and len(area):
        nb = to_rd(area) if area_rd is None else np.asarray(area_rd)
        bounds = tuple(shapely.total_bounds(nb))
    else:
        nb = None
        bounds = (x.min(), y.min(), x.max(), y.max()) if len(x) else (0.0, 0.0, 0.0, 0.0)
        # A grid needs some extent; pad by half a cell so that edge points fall inside.
        bounds = (bounds[0] - cell_size_m / 2, bounds[1] - cell_size_m / 2,
                  bounds[2] + cell_size_m / 2, bounds[3] + cell_size_m / 2)
    i, j, cells = grid(bounds, cell_size_m, shape)
    if nb is not None:
        tree = shapely.STRtree(nb)
        touching = np.unique(tree.query(cells, predicate="intersects")[0])
        i, j, cells = i[touching], j[touching], cells[touching]
    if len(cells) > MAX_CELLS:
        raise _too_many(len(cells), cell_size_m)

    keys = _keys(i, j)
    order = np.argsort(keys)
    sorted_keys = keys[order]
    pi, pj = _cell_of(x, y, cell_size_m, shape)
    at = _lookup(sorted_keys, order, _keys(pi, pj))
    if nb is not None and len(x):
        # A point in a cell that touches the area can still lie outside every neighbourhood. Tested on the
        # coordinates, neighbourhood by neighbourhood (geo.join): several times faster than a tree query of a
        # million points, with the same answer.
        at[~inside_any(x, y, nb)] = -1
    on_grid = at >= 0
    counts = np.bincount(at[on_grid], minlength=len(cells)).astype(float)

    z = np.full(len(cells), np.nan)
    p = np.full(len(cells), np.nan)
    cluster = np.full(len(cells), "", dtype=object)
    threshold = 0.0
    tested = int(on_grid.sum()) >= MIN_POINTS and len(cells) > 2 and counts.std() > 0
    if tested:
        steps = np.array(_HEX_STEPS if shape == "hexagon" else _SQUARE_STEPS)
        # One column per neighbour direction: the neighbour's cell position, -1 off the grid.
        around = _lookup(sorted_keys, order, _keys(i[:, None] + steps[:, 0], j[:, None] + steps[:, 1]).ravel())
        around = around.reshape(len(cells), len(steps))
        neighbours = {n: [int(m) for m in row if m >= 0] for n, row in enumerate(around.tolist())}
        if nb is not None:
            pair_cell, pair_nb = tree.query(cells, predicate="intersects")
            overlap = shapely.area(shapely.intersection(cells[pair_cell], nb[pair_nb]))
            land = np.bincount(pair_cell, weights=overlap, minlength=len(cells))
        else:
            land = shapely.area(cells)
        z, p, above = _gi_star(counts, land, neighbours)
        import esda  # imported here: it takes a second, and only this test needs it

        threshold = float(esda.fdr(p, alpha))
        significant = p < threshold
        cluster[significant & above] = "hot"
        cluster[significant & ~above] = "cold"
    frame = gpd.GeoDataFrame({"count": counts.astype(int), "z": z, "p": p, "cluster": cluster},
                             geometry=gpd.GeoSeries(cells, crs=RD_NEW))
    return Hotspots(frame, shape, float(cell_size_m), int(on_grid.sum()), int((~on_grid).sum()), bool(tested),
                    alpha, threshold)


def _gi_star(counts: np.ndarray, land: np.ndarray,
             neighbours: dict[int, list[int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gi* per cell, the two-sided p-value of its local count under an even spread, and its side.

    Gi* is the share of all registrations in a cell and its neighbours. Under an even spread over the
    area each registration lands in that window with a chance equal to the window's share of the area,
    so the window's count is binomial: its exact tails give the p-value, valid for sparse grids too
    (the normal approximation behind Gi*'s z-score calls two registrations in an empty part of the city
    a hotspot) and the same on every run (no random permutations, so no seed).

    Returns
    -------
    (z, p, above) : esda's Gi* z-score, the two-sided exact p-value, and whether the window holds more
    registrations than an even spread would put there.
    """
    from esda.getisord import G_Local
    from libpysal.weights import W
    from scipy import sparse, stats

    with warnings.catch_warnings():
        # Cells on the edge of the area may have no neighbours (islands); Gi* still counts the cell itself.
        warnings.simplefilter("ignore")
        w = W(neighbours, silence_warnings=True)
        g = G_Local(counts, w, transform="B", star=True, permutations=0)
    window = (w.sparse + sparse.identity(len(counts), format="csr")).tocsr()
    local = np.asarray(window @ counts).ravel()
    chance = np.clip(np.asarray(window @ land).ravel() / land.sum(), 0.0, 1.0)
    total = int(counts.sum())
    expected = total * chance
    more = stats.binom.sf(local - 1, total, chance)  # P(at least this many)
    fewer = stats.binom.cdf(local, total, chance)  # P(at most this many)
    p = np.minimum(1.0, 2 * np.minimum(more, fewer))
    return np.asarray(g.Zs, float), p, local > expected


def _points_rd(registrations: gpd.GeoDataFrame, rd_geometries: np.ndarray | None,
               rd_xy: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) in RD New of each registration's point on its surface, those without a geometry left out."""
    geoms = np.asarray(registrations.geometry.array)
    if rd_xy is not None:
        xy = np.asarray(rd_xy, dtype=float)
        x, y = xy[:, 0].copy(), xy[:, 1].copy()
        # A point is its own point on the surface: only the areas and lines are reprojected and worked out. A
        # point's coordinates are enough (geo.store.points_rd leaves its shape out).
        shaped = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
        other = shaped & ~np.isfinite(x)
        valid = other | np.isfinite(x)
        if other.any():
            surface = shapely.point_on_surface(to_rd(registrations.geometry[other]))
            x[other], y[other] = shapely.get_x(surface), shapely.get_y(surface)
        return x[valid], y[valid]
    geoms = to_rd(registrations) if rd_geometries is None else np.asarray(rd_geometries)
    geoms = geoms[~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)]
    other = shapely.get_type_id(geoms) != _POINT
    if other.any():
        geoms = geoms.copy()
        geoms[other] = shapely.point_on_surface(geoms[other])
    return shapely.get_x(geoms), shapely.get_y(geoms)


def _cell_of(x: np.ndarray, y: np.ndarray, size: float, shape: str) -> tuple[np.ndarray, np.ndarray]:
    if shape == "square":
        return np.floor(x / size).astype(np.int64), np.floor(y / size).astype(np.int64)
    return hex_cell(x, y, size)


def _keys(i: np.ndarray, j: np.ndarray) -> np.ndarray:
    return (np.asarray(i, np.int64) + _KEY_OFFSET) * (1 << 31) + (np.asarray(j, np.int64) + _KEY_OFFSET)


def _lookup(sorted_keys: np.ndarray, order: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The cell position of each wanted key, -1 where the grid has no such cell."""
    if not len(sorted_keys):
        return np.full(len(wanted), -1, dtype=np.intp)
    pos = np.clip(np.searchsorted(sorted_keys, wanted), 0, len(sorted_keys) - 1)
    return np.where(sorted_keys[pos] == wanted, order[pos], -1).astype(np.intp)


def cells_layer(result: Hotspots) -> gpd.GeoDataFrame:
    """The cells with at least one registration or a cluster, in WGS84, for a map.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> reg = gpd.GeoDataFrame(geometry=gpd.points_from_xy([10.0, 20.0], [10.0, 20.0]), crs="EPSG:28992")
    >>> layer = cells_layer(hotspots(reg, cell_size_m=100, shape="square"))
    >>> list(layer["count"]), layer.crs.to_string()
    ([2], 'EPSG:4326')
    """
    cells = result.cells
    keep = (cells["count"] > 0) | (cells["cluster"] != "")
    return cells.loc[keep].to_crs(WGS84).reset_index(drop=True)


#: Map colours: the density in purple shades, hot spots outlined red, cold spots outlined blue.
DENSITY_COLOUR = "#54278F"
HOT_COLOUR = "#B3261E"
COLD_COLOUR = "#1565C0"


def hotspot_group(result: Hotspots, *, name: str, count_text: str, hot_text: str,
                  cold_text: str) -> folium.FeatureGroup:
    """The grid as a map layer: cells shaded by their count, hot spots outlined red and cold ones blue.

    Parameters
    ----------
    result : hotspots(...).
    name : the layer's name in the layer control.
    count_text : tooltip per cell, with `{n}` for its count; hot_text, cold_text : added for a hot or cold spot.

    Examples
    --------
    >>> reg = gpd.GeoDataFrame(geometry=gpd.points_from_xy([155000.0, 155010.0], [463000.0, 463000.0]),
    ...                        crs="EPSG:28992")
    >>> group = hotspot_group(hotspots(reg, cell_size_m=100, shape="square"), name="Cells",
    ...                       count_text="{n} here", hot_text="hot", cold_text="cold")
    >>> html = folium.Map().add_child(group).get_root().render()
    >>> "2 here" in html
    True
    """
    layer = cells_layer(result)
    top = max(int(layer["count"].max()), 1) if len(layer) else 1
    counts = layer["count"].to_numpy()
    clusters = layer["cluster"].to_numpy()
    tips = []
    for n, kind in zip(counts.tolist(), clusters.tolist(), strict=True):
        tip = count_text.format(n=n)
        if kind:
            tip += " · " + (hot_text if kind == "hot" else cold_text)
        tips.append(html.escape(tip))
    frame = gpd.GeoDataFrame(
        {"tip": tips, "kind": clusters, "shade": np.round(0.12 + 0.6 * np.sqrt(counts / top), 3)},
        geometry=shapely.set_precision(np.asarray(layer.geometry.array), 1e-6), crs=WGS84)
    group = folium.FeatureGroup(name=name, control=True)
    if len(frame):
        folium.GeoJson(frame.to_json(), name=name, style_function=_cell_style,
                       tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False)).add_to(group)
    return group


def _cell_style(feature: dict) -> dict[str, object]:
    props = feature["properties"]
    style: dict[str, object] = {"fillColor": DENSITY_COLOUR, "fillOpacity": props["shade"], "color": DENSITY_COLOUR,
                                "weight": 0.5, "opacity": 0.4}
    if props["kind"] == "hot":
        style.update(color=HOT_COLOUR, weight=3, opacity=1.0)
    elif props["kind"] == "cold":
        # Dashed and thinner: fewer sensors than an even spread is worth seeing, but is not the headline.
        style.update(color=COLD_COLOUR, weight=1.5, opacity=0.9, dashArray="4 3")
    return style


def places(result: Hotspots, neighbourhoods: gpd.GeoDataFrame, lang: str,
           neighbourhoods_rd: np.ndarray | None = None) -> pd.DataFrame:
    """The hot and cold spots as a list staff can send on: where each cell lies (the neighbourhood holding its
    centre, and the centre's latitude and longitude), how many registrations it holds, its z-score; hot spots
    first, strongest first. Headings and words in `lang`; `neighbourhoods_rd` the neighbourhoods in RD New
    (geo.join.to_rd), aligned, when the caller keeps them.

    >>> from shapely.geometry import box
    >>> reg = gpd.GeoDataFrame(geometry=gpd.points_from_xy([10.0] * 12 + [900.0], [10.0] * 12 + [900.0]),
    ...                        crs="EPSG:28992")
    >>> nb = gpd.GeoDataFrame({"code": ["A"], "name": ["Centrum"]}, geometry=[box(0, 0, 2000, 2000)], crs="EPSG:28992")
    >>> places(hotspots(reg, nb, cell_size_m=100, shape="square"), nb, "en").columns.tolist()[:3]
    ['Kind', 'Neighbourhood', 'Registrations']
    """
    cells = result.cells[result.cells["cluster"] != ""]
    cells = cells.assign(_order=(cells["cluster"] != "hot"), _strength=-cells["z"].abs()).sort_values(
        ["_order", "_strength"], kind="stable")
    centres = np.asarray(cells.geometry.centroid.array) if len(cells) else np.empty(0, dtype=object)
    names = [""] * len(cells)
    if len(cells) and len(neighbourhoods):
        polygons = to_rd(neighbourhoods) if neighbourhoods_rd is None else np.asarray(neighbourhoods_rd)
        nb_names = neighbourhoods["name"].astype(str).to_numpy() if "name" in neighbourhoods \
            else neighbourhoods["code"].astype(str).to_numpy()
        # The first neighbourhood (in their order) that covers each centre.
        centre_pos, nb_pos = shapely.STRtree(polygons).query(centres, predicate="covered_by")
        first = np.full(len(centres), len(polygons), dtype=np.intp)
        np.minimum.at(first, centre_pos, nb_pos)
        names = [nb_names[k] if k < len(polygons) else "" for k in first.tolist()]
    wgs = gpd.GeoSeries(centres, crs=RD_NEW).to_crs(WGS84) if len(cells) else gpd.GeoSeries([], crs=WGS84)
    return pd.DataFrame({
        text("policy.hotspots.col.kind", lang): [text(f"policy.hotspots.kind.{k}", lang) for k in cells["cluster"]],
        text("policy.hotspots.col.neighbourhood", lang): names,
        text("policy.hotspots.col.count", lang): cells["count"].astype(int).to_numpy(),
        text("policy.hotspots.col.z", lang): np.round(cells["z"].to_numpy(float), 2),
        text("policy.hotspots.col.lat", lang): np.round(wgs.y.to_numpy(), 5),
        text("policy.hotspots.col.lon", lang): np.round(wgs.x.to_numpy(), 5),
    })
