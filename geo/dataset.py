"""What the app shows: one register with its neighbourhoods, and where and when it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.schema import DEMO_NEIGHBOURHOODS, DEMO_REGISTER, Problem


@dataclass(frozen=True)
class Dataset:
    """A register and its neighbourhoods, never mutated after loading (one copy serves every visitor).

    Attributes
    ----------
    registrations : accepted registrations, EPSG:4326, geo.schema.COLUMNS + geometry.
    neighbourhoods : code, name, population, geometry (EPSG:4326).
    municipality : the name shown in titles.
    is_demo : fictional demo data; every page says so.
    updated : when the register was last imported.
    source : the file the register came from.
    warnings : validation warnings of the accepted rows.
    version : the store's import version (0 for files read directly); a newer one means reload.
    store : the store it was read from (a GeoPackage path or a database URL, kept out of its repr),
        "" for files read directly: the store answers the spatial questions about this version.

    The geometries in RD New (`rd`, `neighbourhoods_rd`) and the cameras' reach are worked out on first
    use and kept: every measurement is made in RD New, and one loaded register serves many of them.
    """

    registrations: gpd.GeoDataFrame
    neighbourhoods: gpd.GeoDataFrame
    municipality: str
    is_demo: bool
    updated: datetime | None
    source: str
    warnings: tuple[Problem, ...] = field(default=())
    version: int = 0
    store: str = field(default="", repr=False)
    #: What a snapshot (geo.store.snapshot) brought along, worked out at import: "rd_bounds" (the (n, 4) bounds of
    #: `rd`), "reach" (as `reach`), "neighbourhood" (geo.join.assign_neighbourhood's code per registration, None
    #: outside) and "pairs" (geo.join.join_positions).
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def rd(self) -> np.ndarray:
        """The registrations' geometries in RD New (geo.join.to_rd), aligned with `registrations`."""
        from geo.join import to_rd

        if "rd" in self.derived:
            return self.derived["rd"]
        bounds = self.derived.get("rd_bounds")
        if bounds is None or len(bounds) != len(self.registrations):
            return to_rd(self.registrations)
        return _rd_from_bounds(self.registrations, np.asarray(bounds, dtype=float))

    @cached_property
    def neighbourhoods_rd(self) -> np.ndarray:
        """The neighbourhoods in RD New, aligned with `neighbourhoods`. Never prepared: every session's threads share
        them, and a computation that tests many points prepares a copy of its own (geo.join.prepared_copy)."""
        from geo.join import to_rd

        return to_rd(self.neighbourhoods)

    @cached_property
    def reach(self) -> np.ndarray:
        """geo.cones.reach of the registrations: how far each may stand from a spot and still look at it."""
        from geo.cones import reach

        if "reach" in self.derived:
            return self.derived["reach"]
        return reach(self.registrations, self.rd)

    def rd_of(self, registrations: pd.DataFrame) -> np.ndarray | None:
        """`rd` of some of the registrations (rows of `registrations`, by index label), aligned with them;
        None when they are not all rows of this register.

        >>> data = load_demo()
        >>> some = data.registrations.iloc[[5, 2]]
        >>> [g.equals(h) for g, h in zip(data.rd_of(some), data.rd[[5, 2]])], data.rd_of(some.set_index("id"))
        ([True, True], None)
        """
        at = self.positions_of(registrations)
        return None if at is None else self.rd[at]

    @cached_property
    def rd_xy(self) -> np.ndarray:
        """The RD New coordinates of the registrations that are points, (n, 2), NaN for the others: from the bounds a
        snapshot kept when there are (no geometries are made), else from `rd`."""
        import shapely

        geoms = np.asarray(self.registrations.geometry.array)
        bounds = self.derived.get("rd_bounds")
        if bounds is not None and len(bounds) == len(geoms):
            xy = np.array(np.asarray(bounds, dtype=float)[:, :2])
        else:
            xy = np.column_stack([shapely.get_x(self.rd), shapely.get_y(self.rd)]) if len(geoms) else np.empty((0, 2))
        xy[(shapely.get_type_id(geoms) != 0) | shapely.is_empty(geoms)] = np.nan
        return xy

    def positions_of(self, registrations: pd.DataFrame) -> np.ndarray | None:
        """The positions of some of the registrations (rows of `registrations`, by index label) in this register,
        what geo.store.rows asks for; None when they are not all rows of it.

        >>> data = load_demo()
        >>> some = data.registrations.iloc[[5, 2]]
        >>> data.positions_of(some).tolist(), data.positions_of(some.set_index("id"))
        ([5, 2], None)
        """
        if not self.registrations.index.is_unique:
            return None
        at = self.registrations.index.get_indexer(registrations.index)
        if len(at) and (at < 0).any():
            return None
        return at


def _rd_from_bounds(registrations: gpd.GeoDataFrame, bounds: np.ndarray) -> np.ndarray:
    """geo.join.to_rd of `registrations`, its points made from the RD New bounds a snapshot kept (a point's bounds
    are its coordinates, as to_rd gave them at import): a million points are made without reprojecting them."""
    import shapely

    from geo.join import to_rd

    geoms = np.asarray(registrations.geometry.array)
    point = (shapely.get_type_id(geoms) == 0) & ~shapely.is_empty(geoms) & ~shapely.has_z(geoms)
    point &= np.isfinite(bounds[:, 0]) & np.isfinite(bounds[:, 1])
    out = np.empty(len(geoms), dtype=object)
    out[point] = shapely.points(bounds[point, 0], bounds[point, 1])
    if not point.all():
        out[~point] = to_rd(registrations.geometry[~point])
    return out


def load_files(register: str | Path, neighbourhoods: str | Path, municipality: str = "",
               is_demo: bool = False, today: date | None = None) -> Dataset:
    """Read a register and neighbourhood file into a Dataset (rejected rows are left out, as `check` reports)."""
    from geo.neighbourhoods import read_neighbourhoods
    from geo.readers import read_register

    nb = read_neighbourhoods(neighbourhoods)
    report = read_register(register, neighbourhoods=nb, today=today)
    mtime = datetime.fromtimestamp(Path(register).stat().st_mtime, tz=UTC)
    return Dataset(report.accepted, nb, municipality, is_demo, mtime, Path(register).name,
                   tuple(report.warnings))


def load_demo(today: date | None = None) -> Dataset:
    """The fictional demo city Voorbeeldstad from data/."""
    return load_files(DEMO_REGISTER, DEMO_NEIGHBOURHOODS, "Voorbeeldstad", is_demo=True, today=today)
