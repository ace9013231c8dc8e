"""Downloads of a (filtered) register: CSV safe to open in a spreadsheet, and GeoJSON; both readable again."""

from __future__ import annotations

import csv
import io
import json
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pandas.api.types import is_bool_dtype, is_float_dtype, is_integer_dtype

from geo.codes import label
from geo.schema import FIELD_BY_NAME, FIELDS, WGS84, Kind, split_codes
from geo.text import integer, number, text
from geo.text import percent as as_percent

#: The register's fields in documented order; `row` (where a registration came from) is internal.
EXPORT_FIELDS = tuple(f.name for f in FIELDS)
#: The characters that make a spreadsheet treat a cell as a formula (and tab/CR, which some strip first).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Decimals of exported coordinates: 7 is about a centimetre.
DECIMALS = 7


def neutralise(cell: str) -> str:
    """Make a text cell inert in a spreadsheet: a leading ' before a formula start, else unchanged.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-5"), neutralise("Camera"), neutralise("")
    ('\\'=HYPERLINK("http://x")', "'-5", 'Camera', '')
    """
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def to_csv(registrations: gpd.GeoDataFrame) -> bytes:
    """The registrations as CSV (UTF-8 with BOM, comma-separated), in the register format.

    Points get `lat` and `lon`, other shapes `wkt` (WGS84), so that the file can be checked and
    imported again. Every text cell that starts like a formula is neutralised.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> reg = gpd.GeoDataFrame({"id": ["=1+1"], "name": ["@SUM(A1)"], "personal_data": [False],
    ...                         "range_m": [12.5]}, geometry=[Point(4.9, 52.37)], crs="EPSG:4326")
    >>> lines = to_csv(reg).decode("utf-8-sig").splitlines()
    >>> lines[1].split(",")[:3], lines[1].split(",")[-3:]
    (["'=1+1", "'@SUM(A1)", ''], ['52.37', '4.9', ''])
    """
    table = _table(registrations)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table)
    writer.writerows(zip(*table.values(), strict=True))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_geojson(registrations: gpd.GeoDataFrame) -> bytes:
    """The registrations as a GeoJSON FeatureCollection (WGS84), fields as properties.

    Lists stay `|`-joined and booleans are JSON booleans, dates ISO text, absent values null.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> reg = gpd.GeoDataFrame({"id": ["A"], "purpose": ["safety|traffic"], "personal_data": [True],
    ...                         "direction": [float("nan")]}, geometry=[Point(4.9, 52.37)], crs="EPSG:4326")
    >>> doc = json.loads(to_geojson(reg))
    >>> f = doc["features"][0]
    >>> f["geometry"], f["properties"]["purpose"], f["properties"]["personal_data"], f["properties"]["direction"]
    ({'type': 'Point', 'coordinates': [4.9, 52.37]}, 'safety|traffic', True, None)
    """
    frame = _wgs84(registrations)
    props = _properties(frame)
    geoms = shapely.set_precision(np.asarray(frame.geometry.array), 10**-DECIMALS)
    # shapely's GeoJSON writer is vectorised; its text goes in as it is, not parsed and dumped again.
    shapes = shapely.to_geojson(geoms)
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    features = ",".join(
        '{"type":"Feature","geometry":' + ("null" if g is None else g) + ',"properties":' + encode(p) + "}"
        for g, p in zip(shapes, props, strict=True)
    )
    return ('{"type":"FeatureCollection","features":[' + features + "]}").encode("utf-8")


def _wgs84(registrations: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if registrations.crs is not None and not registrations.crs.equals(WGS84):
        return registrations.to_crs(WGS84)
    return registrations


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    # Object dtype: iterating pandas' Arrow-backed strings value by value is many times slower.
    if name in frame:
        return frame[name].astype(object)
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def _json_column(kind: Kind, col: pd.Series) -> list[object]:
    """One column in its JSON form: bool, number, ISO date, text; None when absent."""
    if kind is Kind.BOOL:
        return col.fillna(False).astype(bool).tolist()
    if kind is Kind.DATE:
        days = pd.to_datetime(col, errors="coerce").dt.strftime("%Y-%m-%d")
        return days.astype(object).where(days.notna(), None).tolist()
    if kind in (Kind.NUMBER, Kind.INTEGER):
        nums = pd.to_numeric(col, errors="coerce").astype(float).to_numpy()
        cast = int if kind is Kind.INTEGER else float
        return [None if math.isnan(v) else cast(v) for v in nums]
    return [None if v is None or (isinstance(v, float) and math.isnan(v)) else str(v) for v in col.tolist()]


def _properties(frame: pd.DataFrame) -> list[dict[str, object]]:
    columns = [_json_column(f.kind, _column(frame, f.name)) for f in FIELDS]
    return [dict(zip(EXPORT_FIELDS, row, strict=True)) for row in zip(*columns, strict=True)]


def _text_cells(kind: Kind, col: pd.Series) -> np.ndarray:
    """One column as CSV text in the register format; text cells neutralised."""
    if kind is Kind.BOOL:
        return np.where(col.fillna(False).astype(bool).to_numpy(), "yes", "no").astype(object)
    if kind is Kind.DATE:
        return pd.to_datetime(col, errors="coerce").dt.strftime("%Y-%m-%d").fillna("").to_numpy(dtype=object)
    if kind in (Kind.NUMBER, Kind.INTEGER):
        return _numbers(pd.to_numeric(col, errors="coerce").astype(float).to_numpy())
    text = col.where(col.notna(), "").astype(str)
    risky = text.str.startswith(FORMULA_START).to_numpy(dtype=bool)
    cells = text.to_numpy(dtype=object)
    cells[risky] = "'" + cells[risky]
    return cells


def _table(registrations: gpd.GeoDataFrame) -> dict[str, np.ndarray]:
    """The CSV columns: fields as text in the register format, then lat, lon and wkt."""
    frame = _wgs84(registrations)
    out = {f.name: _text_cells(f.kind, _column(frame, f.name)) for f in FIELDS}
    geoms = np.asarray(frame.geometry.array)
    is_point = shapely.get_type_id(geoms) == 0
    x = np.where(is_point, shapely.get_x(geoms), np.nan)
    y = np.where(is_point, shapely.get_y(geoms), np.nan)
    out["lat"] = _numbers(y)
    out["lon"] = _numbers(x)
    wkt = np.full(len(geoms), "", dtype=object)
    rest = ~is_point & ~shapely.is_missing(geoms)
    if rest.any():
        wkt[rest] = shapely.to_wkt(shapely.set_precision(geoms[rest], 10**-DECIMALS),
                                   rounding_precision=DECIMALS, trim=True)
    out["wkt"] = wkt
    return out


def _numbers(values: np.ndarray) -> np.ndarray:
    """Numbers as short text (at most DECIMALS decimals, no trailing zeros); "" when absent."""
    # Python floats: formatting numpy scalars one by one is an order of magnitude slower.
    rounded = np.round(np.asarray(values, dtype=float), DECIMALS).tolist()
    return np.array(["" if not math.isfinite(v) else f"{v:.{DECIMALS}f}".rstrip("0").rstrip(".") for v in rounded],
                    dtype=object)


def display_table(registrations: pd.DataFrame, lang: str, neighbourhoods: list[str] | None = None) -> pd.DataFrame:
    """The registrations as a table to read on screen: code labels, yes/no and dates in `lang`, field names as
    column headings, and the neighbourhood each lies in (`neighbourhoods`, aligned) last.

    >>> reg = pd.DataFrame({"id": ["A"], "name": ["<b>x</b>"], "sensor_type": ["anpr"], "purpose": ["parking|waste"],
    ...     "owner": ["Gemeente"], "personal_data": [True], "legal_basis": ["public_task"], "status": ["active"],
    ...     "active_from": pd.to_datetime(["2025-03-01"]), "active_until": pd.to_datetime([None])})
    >>> display_table(reg, "en", ["Centrum"]).iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'Reference': 'A', 'Name': '<b>x</b>', 'Sensor type': 'Licence-plate camera', 'Purpose': 'Parking, Waste',
     'Owner': 'Gemeente', 'Data about people (personal data)': 'Yes', 'Why it is allowed (legal basis)': 'Public task',
     'Status': 'Active',
     'Active from': datetime.date(2025, 3, 1), 'Active until': None, 'Neighbourhood': 'Centrum'}
    """
    reg = registrations

    def labels(field: str) -> list[str]:
        return [", ".join(label(field, c, lang) for c in split_codes(v)) if isinstance(v, str) else ""
                for v in reg[field]]

    def dates(field: str) -> list[object]:
        return [None if pd.isna(v) else pd.Timestamp(v).date() for v in reg[field]]

    columns = {
        "id": reg["id"].astype(str).to_numpy(),
        "name": reg["name"].astype(str).to_numpy(),
        "sensor_type": labels("sensor_type"),
        "purpose": labels("purpose"),
        "owner": reg["owner"].astype(str).to_numpy(),
        "personal_data": [text("filters.yes" if v else "filters.no", lang) for v in reg["personal_data"].astype(bool)],
        "legal_basis": labels("legal_basis"),
        "status": labels("status"),
        "active_from": dates("active_from"),
        "active_until": dates("active_until"),
    }
    table = pd.DataFrame({FIELD_BY_NAME[k].label(lang): v for k, v in columns.items()})
    if neighbourhoods is not None:
        table[text("filters.neighbourhood", lang)] = neighbourhoods
    return table


# ---------------------------------------------------------------- any table staff read, to send on


def table_csv(table: pd.DataFrame) -> bytes:
    """A table as it is shown (headings in the page's language) as CSV that a spreadsheet opens safely: UTF-8
    with BOM, comma-separated like the register's own CSV, every text cell that starts like a formula neutralised.

    >>> table_csv(pd.DataFrame({"Naam": ["=1+1", "Camera"], "Aantal": [2, 3]})).decode("utf-8-sig").splitlines()
    ['Naam,Aantal', "'=1+1,2", 'Camera,3']
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(str(c)) for c in table.columns])
    for row in table.itertuples(index=False):
        writer.writerow([neutralise(v) if isinstance(v, str) else "" if _blank(v) else v for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """Tables as an Excel workbook, one sheet each (named by the keys, made safe for Excel). Text is stored as
    text, never as a formula, whatever it starts with; numbers stay numbers.

    >>> from openpyxl import load_workbook
    >>> book = load_workbook(io.BytesIO(table_xlsx({"Per eigenaar: A/B": pd.DataFrame({"Naam": ["=1+1"]})})))
    >>> book.sheetnames, book.active["A2"].value, book.active["A2"].data_type
    (['Per eigenaar A B'], '=1+1', 's')
    """
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for name, table in sheets.items():
        title = _sheet_title(name, used)
        sheet = book.create_sheet(title)
        sheet.append([str(c) for c in table.columns])
        for row in table.itertuples(index=False):
            sheet.append([None if _blank(v) else v if isinstance(v, (int, float)) and not isinstance(v, bool)
                          else str(v) for v in row])
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = TYPE_STRING  # a text that starts with "=" stays text
        for column in sheet.columns:
            width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT


def _sheet_title(name: str, used: set[str]) -> str:
    """An Excel sheet title: no []:*?/\\ characters, at most 31 long, unique in the workbook."""
    base = " ".join("".join(" " if c in '[]:*?/\\' else c for c in name).split())[:31] or "Sheet"
    title, n = base, 2
    while title.casefold() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.casefold())
    return title


def localized(table: pd.DataFrame, lang: str, *, percent: tuple[str, ...] = (), plain: tuple[str, ...] = ()):
    """The table as a pandas Styler that shows its numbers as `lang` writes them (1.200 and 0,5 in Dutch), while
    they stay numbers to sort by. Columns in `percent` hold 0 to 100 and show as percentages; columns in `plain`
    (row numbers, years) are shown as they are.

    >>> styled = localized(pd.DataFrame({"n": [1200], "share": [10.14], "x": [0.5], "row": [1001]}), "nl",
    ...                    percent=("share",), plain=("row",))
    >>> styled.to_html().count("1.200"), "10,1%" in styled.to_html(), "0,5" in styled.to_html()
    (1, True, True)
    """
    formats = {}
    for column in table.columns:
        values = table[column]
        if column in plain or is_bool_dtype(values):
            continue
        if column in percent:
            formats[column] = lambda v: "" if _blank(v) else as_percent(float(v) / 100, lang)
        elif is_integer_dtype(values):
            formats[column] = lambda v: "" if _blank(v) else integer(int(v), lang)
        elif is_float_dtype(values):
            formats[column] = lambda v: "" if _blank(v) else number(float(v), lang)
    return table.style.format(formats)
