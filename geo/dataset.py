"""What the app shows: one register with its neighbourhoods, and where and when it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import geopandas as gpd

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
    """

    registrations: gpd.GeoDataFrame
    neighbourhoods: gpd.GeoDataFrame
    municipality: str
    is_demo: bool
    updated: datetime | None
    source: str
    warnings: tuple[Problem, ...] = field(default=())
    version: int = 0


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
