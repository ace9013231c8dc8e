"""Neighbourhood boundaries: reading buurten files into one shape (code, name, population, geometry)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyogrio.errors
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from geo.crs import RD_X, RD_Y
from geo.errors import UserFacingError
from geo.schema import RD_NEW, WGS84

logger = logging.getLogger(__name__)

#: The columns of every neighbourhood table this module returns, in this order.
NEIGHBOURHOOD_COLUMNS: tuple[str, ...] = ("code", "name", "population", "geometry")

# Recognised source fields, matched case-insensitively, first match wins.
# CBS Wijk- en Buurtkaart 2021+ (`buurtcode`), its pre-2021 shapefiles (`BU_CODE`), Amsterdam's
# Gebieden API (`cbsCode` before its own short `code`), PDOK's gebiedsindelingen (`statcode`).
CODE_FIELDS: tuple[str, ...] = ("cbscode", "buurtcode", "bu_code", "statcode", "code")
NAME_FIELDS: tuple[str, ...] = ("buurtnaam", "bu_naam", "statnaam", "naam", "name")
POPULATION_FIELDS: tuple[str, ...] = (
    "aantal_inwoners", "aantalinwoners", "aant_inw", "population", "inwoners",
)
MEN_FIELDS: tuple[str, ...] = ("mannen", "aant_man", "aantalmannen")
WOMEN_FIELDS: tuple[str, ...] = ("vrouwen", "aant_vrouw", "aantalvrouwen")
# CBS splits some buurten into a land and a water part under one code; `water` tells them apart.
WATER_FIELDS: tuple[str, ...] = ("water",)

_READ_ERRORS = (
    pyogrio.errors.DataSourceError,
    pyogrio.errors.DataLayerError,
    pyogrio.errors.FieldError,
    pyogrio.errors.FeatureError,
    pyogrio.errors.GeometryError,
    pyogrio.errors.CRSError,
    OSError,
    UnicodeError,
    ValueError,
)


class NeighbourhoodReadError(UserFacingError):
    """A neighbourhood file or answer that cannot be used, with one sentence in Dutch and in English.

    >>> err = NeighbourhoodReadError("error.neighbourhoods.missing", file="x.geojson")
    >>> err.message("en"), isinstance(err, ValueError)
    ('The neighbourhood file x.geojson does not exist.', True)
    """


def read_neighbourhoods(path: str | Path) -> gpd.GeoDataFrame:
    """Read a GeoJSON or GeoPackage of neighbourhoods into code, name, population, geometry.

    The file may be in any CRS it declares (RD New and WGS84/CRS84 at least); a file without a
    CRS, or one claiming degrees while holding RD New metres, is taken as RD New when its
    coordinates look like RD New. Of a GeoPackage, the first layer whose name contains "buurt" is
    read, else the first layer.

    Parameters
    ----------
    path : the file to read.

    Returns
    -------
    GeoDataFrame in EPSG:4326 with columns `code` (str, unique), `name` (str; the code when the
    file has no name), `population` (Int64, <NA> when unknown: CBS's negative missing-value codes
    never become a number) and `geometry` (valid Polygon or MultiPolygon).

    Raises
    ------
    NeighbourhoodReadError
        When the file cannot be read, holds no polygons, has no usable code column or repeats a code.

    Examples
    --------
    >>> import json, tempfile
    >>> path = Path(tempfile.mkdtemp()) / "buurten.geojson"
    >>> square = [[[5.60, 52.30], [5.61, 52.30], [5.61, 52.31], [5.60, 52.30]]]
    >>> _ = path.write_text(json.dumps({"type": "FeatureCollection", "features": [
    ...     {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": square},
    ...      "properties": {"buurtcode": "BU02330000", "buurtnaam": "Ermelo",
    ...                     "aantal_inwoners": -99999999, "mannen": 5215, "vrouwen": 5575}}]}))
    >>> read_neighbourhoods(path)[["code", "name", "population"]].to_dict("records")
    [{'code': 'BU02330000', 'name': 'Ermelo', 'population': 10790}]
    """
    path = Path(path)
    if not path.is_file():
        raise NeighbourhoodReadError("error.neighbourhoods.missing", file=path.name)
    try:
        frame = gpd.read_file(path, layer=_choose_layer(path), engine="pyogrio")
    except _READ_ERRORS as exc:
        raise _unreadable(path.name) from exc
    return normalise_neighbourhoods(frame, source=path.name)


def normalise_neighbourhoods(frame: gpd.GeoDataFrame, source: str = "") -> gpd.GeoDataFrame:
    """Bring a frame read from any neighbourhood source to code, name, population, geometry in WGS84.

    This is the one place where field names, CBS missing-value codes, CRSs and geometry repairs are
    handled, so files and PDOK answers come out the same.

    Parameters
    ----------
    frame : features as read by geopandas, with the source's own columns and CRS.
    source : a name for the source (file name, "PDOK"), used in error messages.

    Returns
    -------
    GeoDataFrame as described in `read_neighbourhoods`.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> raw = gpd.GeoDataFrame({"cbsCode": ["BU0363AA01"], "code": ["AA01"], "naam": ["Planciusbuurt"]},
    ...                        geometry=[box(121000, 488000, 121500, 488500)], crs="EPSG:28992")
    >>> out = normalise_neighbourhoods(raw, "test")
    >>> out.loc[0, "code"], out.loc[0, "name"], out.loc[0, "population"] is pd.NA, out.crs.to_epsg()
    ('BU0363AA01', 'Planciusbuurt', True, 4326)
    """
    source = source or "?"
    if not isinstance(frame, gpd.GeoDataFrame) or frame.active_geometry_name is None:
        frame = gpd.GeoDataFrame(geometry=[])  # a table without geometry holds no areas
    frame = frame[_polygonal_mask(frame)].copy() if len(frame) else frame
    if frame.empty:
        raise NeighbourhoodReadError("error.neighbourhoods.no_polygons", file=source)
    frame = _to_wgs84(frame, source)
    frame[frame.geometry.name] = _repair(frame.geometry)
    empty = frame.geometry.is_empty.to_numpy()
    if empty.any():
        logger.warning("Left out %d features whose area is empty after repair.", int(empty.sum()))
        frame = frame[~empty]
    if frame.empty:
        raise NeighbourhoodReadError("error.neighbourhoods.no_usable_polygons", file=source)

    fields = {str(c).lower(): c for c in frame.columns if c != frame.geometry.name}
    code_column = _first(fields, CODE_FIELDS)
    if code_column is None or frame[code_column].isna().all():
        raise NeighbourhoodReadError("error.neighbourhoods.no_code_column", file=source)
    codes = _text(frame[code_column])
    missing = np.flatnonzero(codes.eq("").to_numpy())
    if missing.size:
        # Counted as the file counts its features, points left out or not.
        position = codes.index[missing[0]]
        number = int(position) + 1 if isinstance(position, (int, np.integer)) else int(missing[0]) + 1
        raise NeighbourhoodReadError("error.neighbourhoods.no_code", number=str(number), file=source,
                                     column=code_column)

    name_column = _first(fields, NAME_FIELDS)
    names = _text(frame[name_column]) if name_column else pd.Series("", index=frame.index, dtype=object)
    # A buurt without a name (CBS leaves the water buurt unnamed) is shown by its code.
    names = names.where(names.ne(""), codes)

    out = gpd.GeoDataFrame(
        {
            "code": codes.to_numpy(dtype=object),
            "name": names.to_numpy(dtype=object),
            "population": _population(frame, fields).to_numpy(),
            "geometry": frame.geometry.to_numpy(),
        },
        geometry="geometry",
        crs=WGS84,
    )
    out["population"] = out["population"].astype("Int64")
    water_column = _first(fields, WATER_FIELDS)
    water = _text(frame[water_column]).to_numpy(dtype=object) if water_column else None
    out = _merge_duplicates(out, water, source)
    return out.reset_index(drop=True)[list(NEIGHBOURHOOD_COLUMNS)]


def cbs_count(values: pd.Series) -> pd.Series:
    """Counts as nullable integers, with CBS's missing-value codes (any negative number) as <NA>.

    >>> cbs_count(pd.Series([25, -99999999, None, "-99999997", "410"])).tolist()
    [25, <NA>, <NA>, <NA>, 410]
    """
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    numbers = numbers.where(numbers >= 0)
    return numbers.round().astype("Int64")


def _choose_layer(path: Path) -> str | int:
    try:
        layers = pyogrio.list_layers(path)
    except _READ_ERRORS as exc:
        raise _unreadable(path.name) from exc
    if len(layers) == 0:
        raise _unreadable(path.name)
    names = [str(name) for name, _geometry_type in layers]
    areas = [str(name) for name, kind in layers if kind is None or "polygon" in str(kind).lower()]
    buurten = [name for name in names if "buurt" in name.lower()]
    # A wijkenbuurten GeoPackage also holds gemeenten and wijken; a table without areas is no choice.
    return (buurten or areas or names)[0]


def _unreadable(name: str) -> NeighbourhoodReadError:
    return NeighbourhoodReadError("error.neighbourhoods.unreadable", file=name)


def _polygonal_mask(frame: gpd.GeoDataFrame) -> np.ndarray:
    geometry = frame.geometry
    kinds = geometry.geom_type.to_numpy()
    polygonal = np.isin(kinds, ("Polygon", "MultiPolygon", "GeometryCollection"))
    polygonal &= ~geometry.isna().to_numpy() & ~geometry.is_empty.to_numpy()
    dropped = int((~polygonal).sum())
    if dropped:
        # Label points or stray lines in a boundary file are not neighbourhoods; they are left out,
        # but never silently.
        logger.warning("Left out %d features that are not areas.", dropped)
    return polygonal


def _to_wgs84(frame: gpd.GeoDataFrame, source: str) -> gpd.GeoDataFrame:
    minx, miny, maxx, maxy = frame.total_bounds
    in_degrees = -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90
    looks_rd = RD_X[0] <= minx <= maxx <= RD_X[1] and RD_Y[0] <= miny <= maxy <= RD_Y[1]
    crs = frame.crs
    if crs is None or (crs.is_geographic and not in_degrees):
        # GeoJSON without a `crs` member is read as WGS84 by GDAL; metres betray RD New.
        if looks_rd:
            crs = CRS.from_user_input(RD_NEW)
        elif in_degrees:
            crs = CRS.from_user_input(WGS84)
        else:
            raise NeighbourhoodReadError("error.neighbourhoods.unknown_crs", file=source)
        frame = frame.set_crs(crs, allow_override=True)
    try:
        return frame.to_crs(WGS84)
    except (CRSError, ValueError) as exc:
        raise NeighbourhoodReadError("error.neighbourhoods.crs_unconvertible", file=source) from exc


def _first(fields: dict[str, str], candidates: Sequence[str]) -> str | None:
    return next((fields[c] for c in candidates if c in fields), None)


def _text(values: pd.Series) -> pd.Series:
    """Cells as stripped text; missing cells as ""; whole-number floats without ".0"."""

    def one(value: object) -> str:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    return pd.Series([one(v) for v in values], index=values.index, dtype=object)


def _population(frame: pd.DataFrame, fields: dict[str, str]) -> pd.Series:
    population_column = _first(fields, POPULATION_FIELDS)
    if population_column:
        population = cbs_count(frame[population_column])
    else:
        population = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    men, women = _first(fields, MEN_FIELDS), _first(fields, WOMEN_FIELDS)
    if men and women:
        # Early CBS releases fill mannen/vrouwen before aantal_inwoners; NA in either stays NA.
        population = population.fillna(cbs_count(frame[men]) + cbs_count(frame[women]))
    return population


def _merge_duplicates(
    frame: gpd.GeoDataFrame, water: np.ndarray | None, source: str
) -> gpd.GeoDataFrame:
    duplicated = frame["code"].duplicated(keep=False).to_numpy()
    if not duplicated.any():
        return frame
    if water is not None:
        pairs = pd.DataFrame({"code": frame["code"].to_numpy(), "water": water})[duplicated]
        if not pairs.duplicated().any():
            return _merge_land_and_water(frame, water)
    code = frame.loc[duplicated, "code"].iloc[0]
    raise NeighbourhoodReadError("error.neighbourhoods.duplicate_code", code=str(code), file=source)


def _merge_land_and_water(frame: gpd.GeoDataFrame, water: np.ndarray) -> gpd.GeoDataFrame:
    """One buurt per code: the parts' union, with name and population from the land part."""
    is_water = [str(w).upper() in ("JA", "YES", "TRUE", "1") for w in water]
    ordered = frame.assign(_water=is_water).sort_values("_water", kind="stable").drop(columns="_water")
    merged = ordered.dissolve(by="code", aggfunc="first", sort=False)
    return merged.reindex(pd.unique(frame["code"])).rename_axis("code").reset_index()


def _repair(geometry: gpd.GeoSeries) -> gpd.GeoSeries:
    values = geometry.to_numpy()
    invalid = ~shapely.is_valid(values)
    if invalid.any():
        values = values.copy()
        values[invalid] = [_polygon_parts(g) for g in shapely.make_valid(values[invalid])]
    values = np.array([_polygon_parts(g) for g in values], dtype=object)
    return gpd.GeoSeries(values, index=geometry.index, crs=geometry.crs)


def _polygon_parts(geometry: BaseGeometry | None) -> Polygon | MultiPolygon | None:
    """The polygonal part of a geometry: make_valid can leave lines or points beside the area."""
    if geometry is None or geometry.is_empty or isinstance(geometry, (Polygon, MultiPolygon)):
        return geometry
    parts: list[Polygon] = []
    for part in getattr(geometry, "geoms", ()):
        cleaned = _polygon_parts(part)
        if isinstance(cleaned, Polygon):
            parts.append(cleaned)
        elif isinstance(cleaned, MultiPolygon):
            parts.extend(cleaned.geoms)
    if not parts:
        return Polygon()
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)
