"""Per-neighbourhood and city-wide summaries of a register: counts, densities, flags and a plain-language text."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.codes import codes, label
from geo.join import join_positions, to_rd
from geo.principles import flag_frame
from geo.schema import split_codes
from geo.text import DEFAULT_LANG, LANGS, TEXT, known_lang, number, text, words

#: The code of the city-wide summary.
CITY = "city"
#: The flags a summary counts, in the order they are shown.
SUMMARY_FLAGS: tuple[str, ...] = ("biometric", "no_council_decision", "expired")

#: The columns summarise reads (the counts, and the flags' columns, geo.principles); the readers always deliver them
#: (geo.schema.COLUMNS).
SUMMARY_COLUMNS = ("sensor_type", "purpose", "data_types", "personal_data", "legal_basis", "biometric",
                   "council_decision", "status", "active_until")
# Above this many (bin, distinct cell) combinations, count sparsely instead of in a dense table.
_DENSE_LIMIT = 4_000_000
# Past this many sensor types, the text names the largest few and sums up the rest.
_TYPES_NAMED = 3


@dataclass(frozen=True)
class NeighbourhoodSummary:
    """What is registered in one neighbourhood, outside every neighbourhood, or in the whole city.

    The fields are exactly the keys of `summary_to_json`. The dicts are plain dicts (not mapping
    proxies) so that the record pickles, as st.cache_data needs.

    Attributes
    ----------
    code : the neighbourhood code; None for the registrations outside every neighbourhood, "city"
        for the whole city.
    name : the neighbourhood's name (its code when the file gives none), in Dutch for the other two;
        `display_name` gives the English.
    population : residents; None when unknown (missing, or a CBS missing-value code).
    area_km2 : land and water area, measured in RD New; None outside the neighbourhoods.
    total : registrations in it. An area registration counts in every neighbourhood it overlaps.
    per_km2, per_1000_residents : total per km² and per 1,000 residents; None when area or
        population is unknown or 0.
    personal_data : registrations that process personal data.
    by_sensor_type, by_purpose, by_data_type, by_legal_basis : code -> number of registrations,
        only codes that occur, in code-list order (codes outside the list last). A registration with
        two purposes counts once for each.
    flags : "biometric", "no_council_decision" (cameras and ANPR only), "expired" (active, but
        active_until has passed) -> number of registrations.
    text_nl, text_en : the figures as a short paragraph for residents, in each language (`text(lang)`).
    """

    code: str | None
    name: str
    population: int | None
    area_km2: float | None
    total: int
    per_km2: float | None
    per_1000_residents: float | None
    personal_data: int
    by_sensor_type: dict[str, int]
    by_purpose: dict[str, int]
    by_data_type: dict[str, int]
    by_legal_basis: dict[str, int]
    flags: dict[str, int]
    text_nl: str
    text_en: str

    def text(self, lang: str) -> str:
        """The paragraph in `lang`."""
        return getattr(self, f"text_{known_lang(lang)}")

    def display_name(self, lang: str) -> str:
        """The name to show in `lang`: the neighbourhood's own name, or the translated one."""
        if self.code is None:
            return text("summary.name.outside", lang)
        if self.code == CITY:
            return text("summary.name.city", lang)
        return self.name


@dataclass(frozen=True)
class _Counts:
    """Counts per bin (a neighbourhood, outside, or the city), as arrays with one row per bin."""

    total: np.ndarray
    personal_data: np.ndarray
    flags: np.ndarray  # bins x SUMMARY_FLAGS
    by_field: dict[str, tuple[list[str], np.ndarray]]  # field -> (codes, bins x codes)
    biometric_types: tuple[list[str], np.ndarray]  # sensor types of the biometric ones


def summarise(
    registrations: gpd.GeoDataFrame, neighbourhoods: gpd.GeoDataFrame, today: date | None = None, *,
    pairs: tuple[np.ndarray, np.ndarray] | None = None, rd_geometries: np.ndarray | None = None,
    neighbourhoods_rd: np.ndarray | None = None,
) -> list[NeighbourhoodSummary]:
    """One summary per neighbourhood, in the neighbourhoods' order, then one for those outside.

    The neighbourhood summary is always there, empty or not, with code None.

    Parameters
    ----------
    registrations : accepted registrations (geo.schema.COLUMNS + geometry, a declared CRS).
    neighbourhoods : code, name, population (nullable), geometry, a declared CRS.
    today : the date "expired" is judged on; today when None.
    pairs : geo.join.join_positions of the two, when already worked out (a store joins in the database).
    rd_geometries, neighbourhoods_rd : the two in RD New (geo.join.to_rd), aligned, when the caller keeps them.

    Examples
    --------
    >>> import geopandas as gpd, pandas as pd
    >>> from shapely.geometry import Point, box
    >>> nb = gpd.GeoDataFrame({"code": ["A"], "name": ["Oude Haven"], "population": [2000]},
    ...                       geometry=[box(0, 0, 1000, 1000)], crs="EPSG:28992")
    >>> reg = gpd.GeoDataFrame({"sensor_type": ["camera", "air"], "purpose": ["safety", "environment"],
    ...     "data_types": ["images_identifiable", "environmental"], "personal_data": [True, False],
    ...     "legal_basis": ["public_task", "none"], "biometric": [False, False],
    ...     "council_decision": ["2024-17", ""], "status": ["active", "active"],
    ...     "active_until": pd.to_datetime([None, None])},
    ...     geometry=[Point(10, 10), Point(20, 20)], crs="EPSG:28992")
    >>> oude_haven, outside = summarise(reg, nb, date(2025, 1, 1))
    >>> oude_haven.total, oude_haven.per_km2, oude_haven.per_1000_residents, outside.total
    (2, 2.0, 1.0, 0)
    >>> oude_haven.text_en.split(". ")[0]
    '2 sensors and cameras are registered in Oude Haven: 1 camera and 1 air-quality sensor'
    """
    _check_columns(registrations)
    n_nb = len(neighbourhoods)
    reg_pos, nb_pos = pairs if pairs is not None else join_positions(
        registrations, neighbourhoods, rd_geometries=rd_geometries, neighbourhoods_rd=neighbourhoods_rd)
    bins = np.where(nb_pos < 0, n_nb, nb_pos)  # the last bin holds the registrations outside
    counts = _count(registrations, reg_pos, bins, n_nb + 1, today)

    area_km2 = _areas_km2(neighbourhoods, neighbourhoods_rd)
    populations = _populations(neighbourhoods)
    names = _names(neighbourhoods)
    city_area = float(area_km2.sum())
    city_per_km2 = len(registrations) / city_area if city_area > 0 else None

    summaries = [
        _summary(code, names[i], populations[i], float(area_km2[i]), counts, i, city_per_km2)
        for i, code in enumerate(neighbourhoods["code"].tolist())
    ]
    summaries.append(_summary(None, text("summary.name.outside", DEFAULT_LANG), None, None, counts, n_nb, city_per_km2))
    return summaries


def city_summary(
    registrations: gpd.GeoDataFrame, neighbourhoods: gpd.GeoDataFrame, today: date | None = None, *,
    neighbourhoods_rd: np.ndarray | None = None,
) -> NeighbourhoodSummary:
    """The city-wide summary, code "city": every registration once, wherever it lies.

    The area is the neighbourhoods' total; the population the sum of the known populations (None
    when none is known), so a buurt of unknown population counts as having no residents.
    `neighbourhoods_rd`: the neighbourhoods in RD New, aligned, when the caller keeps them.

    Examples
    --------
    >>> import geopandas as gpd, pandas as pd
    >>> from shapely.geometry import Point, box
    >>> nb = gpd.GeoDataFrame({"code": ["A", "B"], "name": ["Noord", "Zuid"], "population": [100, None]},
    ...                       geometry=[box(0, 0, 1000, 1000), box(0, -1000, 1000, 0)], crs="EPSG:28992")
    >>> reg = gpd.GeoDataFrame({"sensor_type": ["anpr"], "purpose": ["enforcement|parking"],
    ...     "data_types": ["licence_plates"], "personal_data": [True], "legal_basis": ["public_task"],
    ...     "biometric": [False], "council_decision": [""], "status": ["active"],
    ...     "active_until": pd.to_datetime(["2020-01-01"])}, geometry=[Point(5, 5)], crs="EPSG:28992")
    >>> city = city_summary(reg, nb, date(2025, 1, 1))
    >>> city.code, city.area_km2, city.population, city.by_purpose, city.flags["expired"]
    ('city', 2.0, 100, {'enforcement': 1, 'parking': 1}, 1)
    """
    _check_columns(registrations)
    n = len(registrations)
    counts = _count(registrations, np.arange(n), np.zeros(n, dtype=np.intp), 1, today)
    area = float(_areas_km2(neighbourhoods, neighbourhoods_rd).sum())
    known = [p for p in _populations(neighbourhoods) if p is not None]
    population = sum(known) if known else None
    return _summary(CITY, text("summary.name.city", DEFAULT_LANG), population, area, counts, 0, None)


def summary_to_json(summaries: list[NeighbourhoodSummary]) -> list[dict[str, object]]:
    """The summaries as JSON-ready dicts with exactly the dataclass's keys; null where unknown.

    >>> import json
    >>> s = NeighbourhoodSummary("A", "Oude Haven", None, 1.5, 0, 0.0, None, 0, {}, {}, {}, {},
    ...     {"biometric": 0, "no_council_decision": 0, "expired": 0}, "", "")
    >>> json.dumps(summary_to_json([s])[0]["population"])
    'null'
    """
    return [dataclasses.asdict(s) for s in summaries]


def count_label(n: int, sensor_type: str, lang: str) -> str:
    """A number of sensors of one type in words, with the right singular or plural (`count.<type>` in geo.text).

    >>> count_label(1, "camera", "nl"), count_label(2, "camera", "nl"), count_label(2, "camera", "en")
    ('1 camera', "2 camera's", '2 cameras')
    >>> count_label(1500, "fill_level", "nl"), count_label(2, "<x>", "en")
    ('1.500 vulgraadsensoren', '2 × <x>')
    """
    key = f"count.{sensor_type}"
    return text(key if key in TEXT else "count.unlisted", lang, n=n, code=sensor_type)


# ---------------------------------------------------------------- counting


def _check_columns(registrations: pd.DataFrame) -> None:
    missing = [c for c in SUMMARY_COLUMNS if c not in registrations.columns]
    if missing:
        raise KeyError(f"registrations lack the columns {missing}; read them with geo.readers")


def _count(registrations: pd.DataFrame, reg_pos: np.ndarray, bins: np.ndarray, nbins: int,
           today: date | None) -> _Counts:
    """Count per bin, where pair k puts registration reg_pos[k] in bin bins[k]."""
    def per_bin(values: np.ndarray) -> np.ndarray:
        return np.bincount(bins, weights=values[reg_pos], minlength=nbins).astype(np.int64)

    flags = flag_frame(registrations, today)
    flag_counts = np.column_stack([per_bin(flags[f].to_numpy(dtype=bool)) for f in SUMMARY_FLAGS])
    cells = {field: _CodeCells.of(registrations[column], field)
             for field, column in (("sensor_type", "sensor_type"), ("purpose", "purpose"),
                                   ("data_types", "data_types"), ("legal_basis", "legal_basis"))}
    keep = flags["biometric"].to_numpy(dtype=bool)[reg_pos]
    return _Counts(
        total=np.bincount(bins, minlength=nbins),
        personal_data=per_bin(registrations["personal_data"].to_numpy(dtype=bool)),
        flags=flag_counts,
        by_field={field: c.count(reg_pos, bins, nbins) for field, c in cells.items()},
        biometric_types=cells["sensor_type"].count(reg_pos[keep], bins[keep], nbins),
    )


@dataclass(frozen=True)
class _CodeCells:
    """A code or `|`-list column as distinct cells: each registration's cell and each cell's codes.

    Registers repeat a handful of distinct cells ("safety|traffic"), so each distinct cell is split
    once into a row of a membership matrix and the pairs are counted per (bin, cell): no
    per-registration string work and no exploded copy of the pairs.
    """

    codes: list[str]  # the code list's codes, then any others found, sorted
    member: np.ndarray  # cells x codes, 1 where the cell holds the code (once, even if repeated)
    cell_of_reg: np.ndarray

    @classmethod
    def of(cls, values: pd.Series, field: str) -> _CodeCells:
        cell_of_reg, cells = pd.factorize(values, use_na_sentinel=False)
        split = [sorted(set(split_codes(c))) if isinstance(c, str) else [] for c in cells]
        listed = codes(field)
        all_codes = listed + sorted({c for cell in split for c in cell} - set(listed))
        column = {c: k for k, c in enumerate(all_codes)}
        member = np.zeros((len(cells), len(all_codes)), dtype=np.int64)
        for u, cell in enumerate(split):
            member[u, [column[c] for c in cell]] = 1
        return cls(all_codes, member, cell_of_reg)

    def count(self, reg_pos: np.ndarray, bins: np.ndarray, nbins: int) -> tuple[list[str], np.ndarray]:
        """(codes, bins x codes): how many registrations of each bin hold each code."""
        n_cells = max(len(self.member), 1)
        key = bins.astype(np.int64) * n_cells + self.cell_of_reg[reg_pos]
        if nbins * n_cells <= _DENSE_LIMIT:
            per_cell = np.bincount(key, minlength=nbins * n_cells).reshape(nbins, n_cells)
            return self.codes, per_cell[:, : len(self.member)] @ self.member
        keys, n = np.unique(key, return_counts=True)
        b, u = np.divmod(keys, n_cells)
        counts = np.zeros((nbins, len(self.codes)), dtype=np.int64)
        for k in range(len(self.codes)):
            counts[:, k] = np.bincount(b, weights=n * self.member[u, k], minlength=nbins)
        return self.codes, counts


def _areas_km2(neighbourhoods: gpd.GeoDataFrame, neighbourhoods_rd: np.ndarray | None = None) -> np.ndarray:
    polygons = to_rd(neighbourhoods) if neighbourhoods_rd is None else neighbourhoods_rd
    return np.nan_to_num(shapely.area(polygons)) / 1e6


def _populations(neighbourhoods: pd.DataFrame) -> list[int | None]:
    if "population" not in neighbourhoods.columns:
        return [None] * len(neighbourhoods)
    values = pd.to_numeric(neighbourhoods["population"], errors="coerce")
    # CBS writes missing values as large negative codes (-99999999, -99999997): unknown, not negative.
    return [None if pd.isna(v) or v < 0 else int(v) for v in values.tolist()]


def _names(neighbourhoods: pd.DataFrame) -> list[str]:
    codes_ = neighbourhoods["code"].astype(str).tolist()
    if "name" not in neighbourhoods.columns:
        return codes_
    return [n if isinstance(n, str) and n.strip() else c
            for n, c in zip(neighbourhoods["name"].tolist(), codes_, strict=True)]


def _summary(code: str | None, name: str, population: int | None, area_km2: float | None,
             counts: _Counts, i: int, city_per_km2: float | None) -> NeighbourhoodSummary:
    total = int(counts.total[i])

    def nonzero(field: str) -> dict[str, int]:
        field_codes, table = counts.by_field[field]
        row = table[i].tolist()
        return {c: n for c, n in zip(field_codes, row, strict=True) if n}

    type_codes, biometric_table = counts.biometric_types
    figures = {
        "code": code,
        "name": name,
        "population": population,
        "area_km2": area_km2,
        "total": total,
        "per_km2": total / area_km2 if area_km2 else None,
        "per_1000_residents": 1000 * total / population if population else None,
        "personal_data": int(counts.personal_data[i]),
        "by_sensor_type": nonzero("sensor_type"),
        "by_purpose": nonzero("purpose"),
        "by_data_type": nonzero("data_types"),
        "by_legal_basis": nonzero("legal_basis"),
        "flags": dict(zip(SUMMARY_FLAGS, counts.flags[i].tolist(), strict=True)),
    }
    biometric_types = {c: n for c, n in zip(type_codes, biometric_table[i].tolist(), strict=True) if n}
    texts = {f"text_{lang}": _describe(figures, lang, city_per_km2, biometric_types) for lang in LANGS}
    return NeighbourhoodSummary(**figures, **texts)


# ---------------------------------------------------------------- text


def _describe(f: dict, lang: str, city_per_km2: float | None, biometric_types: dict[str, int]) -> str:
    """The paragraph for residents: short sentences, B1 Dutch, numbers as the figures give them."""
    code, total = f["code"], f["total"]
    if code is None:
        where = text("summary.where.outside", lang)
    elif code == CITY:
        where = text("summary.where.city", lang)
    else:
        where = text("summary.where.neighbourhood", lang, name=f["name"])
    if total == 0:
        return text("summary.nothing", lang, where=where)

    sentences = [_what(f["by_sensor_type"], total, where, lang), _personal(f["personal_data"], total, lang)]
    if f["per_km2"] is not None:
        density = number(f["per_km2"], lang)
        if code != CITY and city_per_km2 is not None:
            sentences.append(text("summary.density.compare", lang, density=density, city=number(city_per_km2, lang)))
        else:
            sentences.append(text("summary.density", lang, density=density))
    if f["per_1000_residents"] is not None:
        sentences.append(text("summary.per_1000", lang, per=number(f["per_1000_residents"], lang)))
    sentences.extend(flag_sentences(f["flags"], biometric_types, lang))
    return " ".join(sentences)


def _what(by_type: dict[str, int], total: int, where: str, lang: str) -> str:
    if len(by_type) == 1:
        (only, n), = by_type.items()
        return text("summary.what.one_type", lang, n=n, where=where, counted=count_label(n, only, lang))
    # Largest first; the stable sort keeps code-list order among equals.
    ranked = sorted(by_type.items(), key=lambda item: -item[1])
    parts = [count_label(n, c, lang) for c, n in ranked[:_TYPES_NAMED + 1]]
    if len(ranked) > _TYPES_NAMED + 1:
        parts = parts[:_TYPES_NAMED]
        parts.append(text("summary.what.others", lang, n=sum(n for _, n in ranked[_TYPES_NAMED:])))
    return text("summary.what.types", lang, where=where, total=total, listed=words(parts, lang))


def _personal(n: int, total: int, lang: str) -> str:
    if total == 1:
        return text("summary.personal.single.yes" if n else "summary.personal.single.no", lang)
    if n == 0:
        return text("summary.personal.none", lang)
    if n == total:
        return text("summary.personal.all", lang, n=n)
    return text("summary.personal.some", lang, n=n)


def flag_sentences(flags: dict[str, int], biometric_types: dict[str, int], lang: str) -> list[str]:
    """The sentences on what does not fit the principles (the end of a summary's paragraph).

    flags : a summary's `flags`; biometric_types : sensor type -> how many of the biometric ones.
    """
    sentences = []
    n = flags["biometric"]
    if n:
        who = (count_label(n, next(iter(biometric_types)), lang) if len(biometric_types) == 1
               else text("count.sensors_and_cameras", lang, n=n))
        sentences.append(text("summary.flag.biometric", lang, n=n, who=who))
    n = flags["no_council_decision"]
    if n:
        sentences.append(text("summary.flag.no_council_decision", lang, n=n, cameras=count_label(n, "camera", lang)))
    n = flags["expired"]
    if n:
        sentences.append(text("summary.flag.expired", lang, n=n))
    return sentences


def type_counts(registrations: pd.DataFrame, lang: str) -> pd.DataFrame:
    """How many registrations of each sensor type, most first, with the type's label and headings in `lang`.

    >>> type_counts(pd.DataFrame({"sensor_type": ["air", "camera", "camera"]}), "en").to_dict("list")
    {'Type': ['Camera', 'Air-quality sensor'], 'Number': [2, 1]}
    """
    counts = registrations["sensor_type"].value_counts()
    return pd.DataFrame({text("home.type", lang): [label("sensor_type", c, lang) for c in counts.index],
                         text("home.count", lang): counts.to_numpy()})
