"""Readers for register files (CSV, XLSX, GeoJSON, GeoPackage) into one validated GeoDataFrame."""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo.errors import RegisterReadError
from geo.schema import COLUMNS, FIELDS, WGS84, Kind, Problem
from geo.validate import RowInput, validate_rows

#: Files larger than this are refused before reading (the upload limit is smaller still).
MAX_FILE_BYTES = 200 * 1024 * 1024
#: An XLSX (a zip) may not unpack to more than this, nor at a higher ratio: a zip bomb is refused.
MAX_XLSX_UNPACKED = 300 * 1024 * 1024
MAX_XLSX_RATIO = 200

_COLUMN_ALIASES = {"latitude": "lat", "breedtegraad": "lat", "longitude": "lon", "lng": "lon",
                   "lengtegraad": "lon", "geom": "wkt", "geometry": "wkt", "geometrie": "wkt",
                   "data_type": "data_types", "datatypes": "data_types", "purposes": "purpose",
                   "doel": "purpose", "type": "sensor_type"}


@dataclass
class Report:
    """What reading and validating a register gave.

    Attributes
    ----------
    accepted : GeoDataFrame (EPSG:4326) with geo.schema.COLUMNS and geometry, one row per accepted registration.
    rejected, warnings : problems with row numbers (header = row 1; GeoJSON/GeoPackage: feature number + 1).
    rows : how many rows (features) the file had, empty rows not counted.
    """

    accepted: gpd.GeoDataFrame
    rejected: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rows: int = 0
    source: str = ""

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({p.row for p in self.rejected})

    def as_json(self) -> dict[str, object]:
        """The report as `python -m geo check --json` prints it."""
        return {
            "accepted": [str(i) for i in self.accepted["id"]],
            "rejected": [p.as_dict() for p in self.rejected],
            "warnings": [p.as_dict() for p in self.warnings],
        }


def empty_register() -> gpd.GeoDataFrame:
    """An empty register with the canonical columns and dtypes."""
    return _to_frame([])


def read_register(source: str | Path | bytes, filename: str | None = None,
                  neighbourhoods: gpd.GeoDataFrame | None = None, today: date | None = None) -> Report:
    """Read and validate a register file.

    Parameters
    ----------
    source : a path, or the file's bytes (an upload); then `filename` helps tell the format.
    neighbourhoods : when given, rows outside the Netherlands but inside a neighbourhood are accepted,
        and rows outside every neighbourhood get a warning.
    today : decides whether an end date has passed (default: the real today).

    Raises
    ------
    RegisterReadError : the file cannot be read at all (one sentence in Dutch and English).
    """
    if isinstance(source, bytes):
        data, name = source, filename or ""
    else:
        path = Path(source)
        name = filename or path.name
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise _too_big(path.stat().st_size)
            data = path.read_bytes()
        except FileNotFoundError:
            raise RegisterReadError(f"Het bestand '{path}' bestaat niet.",
                                    f"The file '{path}' does not exist.") from None
        except IsADirectoryError:
            raise RegisterReadError(f"'{path}' is een map, geen bestand.",
                                    f"'{path}' is a folder, not a file.") from None
        except OSError as e:
            raise RegisterReadError(f"Het bestand '{path}' kan niet worden geopend ({e.strerror}).",
                                    f"The file '{path}' cannot be opened ({e.strerror}).") from None
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(len(data))
    rows = list(_rows(data, name))
    area = None
    if neighbourhoods is not None and len(neighbourhoods):
        nb = neighbourhoods if str(neighbourhoods.crs) == WGS84 or neighbourhoods.crs is None \
            else neighbourhoods.to_crs(WGS84)
        area = nb.geometry.union_all()
    accepted, rejected, warnings = validate_rows(rows, area, today)
    return Report(_to_frame(accepted), rejected, warnings, rows=len(rows), source=name)


def _too_big(size: int) -> RegisterReadError:
    mb = MAX_FILE_BYTES // (1024 * 1024)
    return RegisterReadError(
        f"Het bestand is te groot ({size / 1e6:.0f} MB); de grens is {mb} MB.",
        f"The file is too large ({size / 1e6:.0f} MB); the limit is {mb} MB.")


def detect_format(data: bytes, name: str = "") -> str:
    """Tell the file's format from its first bytes, then from its name.

    >>> detect_format(b"PK\\x03\\x04..."), detect_format(b'{"type": "FeatureCollection"}'), detect_format(b"id;name")
    ('xlsx', 'geojson', 'csv')
    """
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data.startswith(b"SQLite format 3"):
        return "gpkg"
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith((b"{", b"[")):
        return "geojson"
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".gpkg",):
        return "gpkg"
    if suffix in (".geojson", ".json"):
        return "geojson"
    return "csv"


def _rows(data: bytes, name: str) -> Iterator[RowInput]:
    fmt = detect_format(data, name)
    if not data.strip():
        raise RegisterReadError("Het bestand is leeg.", "The file is empty.")
    if fmt == "csv":
        return _csv_rows(data)
    if fmt == "xlsx":
        return _xlsx_rows(data)
    if fmt == "geojson":
        return _geojson_rows(data)
    return _gpkg_rows(data)


def _header(names: list[object]) -> list[str]:
    out = []
    for n in names:
        key = "" if n is None else str(n).strip().lstrip("\ufeff").strip().lower().replace(" ", "_")
        out.append(_COLUMN_ALIASES.get(key, key))
    return out


def _check_header(header: list[str]) -> None:
    known = {f.name for f in FIELDS} | {"lat", "lon", "x", "y", "wkt"}
    if not any(h in known for h in header):
        raise RegisterReadError(
            "Het bestand heeft geen bekende kolommen (zoals id, name, sensor_type). Staat de kopregel op de eerste rij?",
            "The file has no known columns (such as id, name, sensor_type). Is the header on the first row?")


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), falling back to Windows-1252.

    >>> decode_text("caf\\u00e9".encode("cp1252")), decode_text("\\ufeffcaf\\u00e9".encode("utf-8"))
    ('café', 'café')
    """
    if b"\x00" in data[:4096]:
        raise RegisterReadError(
            "Dit is geen tekstbestand (CSV). Sla het op als CSV, XLSX, GeoJSON of GeoPackage.",
            "This is not a text (CSV) file. Save it as CSV, XLSX, GeoJSON or GeoPackage.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(first_line: str) -> str:
    """`;` or `,`: whichever separates more cells of the header line, outside quotes.

    >>> sniff_delimiter("id;name;lat"), sniff_delimiter('id,"a;b",lat')
    (';', ',')
    """
    counts = {}
    for d in (",", ";", "\t"):
        try:
            counts[d] = len(next(csv.reader([first_line], delimiter=d)))
        except (csv.Error, StopIteration):
            counts[d] = 0
    return max(counts, key=lambda d: (counts[d], d == ","))


def _csv_rows(data: bytes) -> Iterator[RowInput]:
    text = decode_text(data)
    first = text.split("\n", 1)[0]
    delim = sniff_delimiter(first)
    separators = "|" if delim == ";" else "|;"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        header = _header(next(reader))
    except (StopIteration, csv.Error):
        raise RegisterReadError("Het bestand heeft geen kopregel.", "The file has no header row.") from None
    _check_header(header)

    def rows() -> Iterator[RowInput]:
        number = 1
        try:
            for cells in reader:
                number += 1
                if not any(c.strip() for c in cells):
                    continue
                yield RowInput(number, dict(zip(header, cells, strict=False)), list_separators=separators,
                               extra_cells=len(cells) > len(header) and any(c.strip() for c in cells[len(header):]))
        except csv.Error as e:
            raise RegisterReadError(f"Het CSV-bestand is onleesbaar vanaf rij {number + 1} ({e}).",
                                    f"The CSV file cannot be read from row {number + 1} on ({e}).") from None

    return rows()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, (list, tuple)):
        return "|".join(_cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, np.generic):
        return _cell_text(value.item())
    if value is pd.NaT:
        return ""
    return str(value)


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise RegisterReadError("Het Excel-bestand is beschadigd en kan niet worden gelezen.",
                                "The Excel file is damaged and cannot be read.") from None
    unpacked = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if unpacked > MAX_XLSX_UNPACKED or (unpacked > 10 * 1024 * 1024 and unpacked / packed > MAX_XLSX_RATIO):
        raise RegisterReadError(
            "Het Excel-bestand pakt uit tot een verdacht grote omvang en wordt niet gelezen.",
            "The Excel file unpacks to a suspiciously large size and is not read.")


def _xlsx_rows(data: bytes) -> Iterator[RowInput]:
    import openpyxl

    _check_zip(data)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        ws = wb.worksheets[0]
        it = ws.iter_rows(values_only=True)
        header = _header(list(next(it)))
    except StopIteration:
        raise RegisterReadError("Het eerste werkblad is leeg.", "The first worksheet is empty.") from None
    except Exception:  # openpyxl raises many kinds for a broken file; all mean the same to a user
        raise RegisterReadError("Het Excel-bestand is beschadigd of geen XLSX en kan niet worden gelezen.",
                                "The Excel file is damaged or not XLSX and cannot be read.") from None
    _check_header(header)

    def rows() -> Iterator[RowInput]:
        try:
            for number, values in enumerate(it, start=2):
                cells = [_cell_text(v) for v in values]
                if not any(c.strip() for c in cells):
                    continue
                yield RowInput(number, dict(zip(header, cells, strict=False)),
                               extra_cells=len(cells) > len(header) and any(
                                   c.strip() for c in cells[len(header):]))
        except Exception:
            raise RegisterReadError("Het Excel-bestand is halverwege beschadigd.",
                                    "The Excel file is damaged part of the way through.") from None
        finally:
            wb.close()

    return rows()


def _geojson_crs(doc: dict) -> str:
    name = (((doc.get("crs") or {}).get("properties") or {}).get("name") or "") if isinstance(doc, dict) else ""
    if not name or "CRS84" in name.upper() or name.endswith(("4326", "EPSG::4326")):
        return WGS84
    if "28992" in name:
        return "EPSG:28992"
    code = name.rsplit(":", 1)[-1]
    return f"EPSG:{code}" if code.isdigit() else WGS84


def _geojson_rows(data: bytes) -> Iterator[RowInput]:
    try:
        doc = json.loads(decode_text(data))
    except (json.JSONDecodeError, RecursionError):
        raise RegisterReadError("Het GeoJSON-bestand is geen geldige JSON.",
                                "The GeoJSON file is not valid JSON.") from None
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        features = [doc]
    elif isinstance(doc, dict) and isinstance(doc.get("features"), list):
        features = doc["features"]
    else:
        raise RegisterReadError("Het bestand is geen GeoJSON FeatureCollection.",
                                "The file is not a GeoJSON FeatureCollection.")
    src_crs = _geojson_crs(doc)
    rows: list[RowInput] = []
    for i, feat in enumerate(features, start=2):
        if not isinstance(feat, dict):
            rows.append(RowInput(i, {}, geometry_error="not a feature"))
            continue
        props = feat.get("properties") or {}
        if not isinstance(props, dict):
            props = {}
        cells = dict(zip(_header(list(props)), (_cell_text(v) for v in props.values()), strict=True))
        if "id" not in cells and feat.get("id") is not None:
            cells["id"] = _cell_text(feat["id"])
        geom, error = None, None
        if feat.get("geometry"):
            try:
                geom = shape(feat["geometry"])
            except Exception:  # shapely raises several kinds for malformed geometry
                error = _cell_text(feat["geometry"])[:60]
        rows.append(RowInput(i, cells, geometry=geom, geometry_error=error))
    if src_crs != WGS84:
        _reproject(rows, src_crs)
    return iter(rows)


def _reproject(rows: list[RowInput], src_crs: str) -> None:
    idx = [k for k, r in enumerate(rows) if r.geometry is not None]
    if not idx:
        return
    try:
        geo = gpd.GeoSeries([rows[k].geometry for k in idx], crs=src_crs).to_crs(WGS84)
    except Exception:  # an unknown CRS
        raise RegisterReadError(f"Het coördinatenstelsel {src_crs} van het bestand is onbekend.",
                                f"The file's coordinate reference system {src_crs} is unknown.") from None
    for k, g in zip(idx, geo, strict=True):
        rows[k].geometry = g


def _gpkg_rows(data: bytes) -> Iterator[RowInput]:
    import pyogrio

    try:
        layers = pyogrio.list_layers(io.BytesIO(data))
        layer = next((name for name, gtype in layers if gtype), layers[0][0])
        frame = pyogrio.read_dataframe(io.BytesIO(data), layer=layer)
    except Exception:  # GDAL reports broken files in many ways
        raise RegisterReadError("Het GeoPackage-bestand is beschadigd of leeg en kan niet worden gelezen.",
                                "The GeoPackage file is damaged or empty and cannot be read.") from None
    if frame.crs is not None and str(frame.crs) != WGS84:
        frame = frame.to_crs(WGS84)
    header = _header([c for c in frame.columns if c != frame.geometry.name])
    _check_header(header)
    props = frame.drop(columns=frame.geometry.name)
    rows = []
    for i, (values, geom) in enumerate(zip(props.itertuples(index=False), frame.geometry, strict=True), start=2):
        cells = dict(zip(header, (_cell_text(v) for v in values), strict=True))
        rows.append(RowInput(i, cells, geometry=geom if geom is not None else None))
    return iter(rows)


def _to_frame(records: list[dict[str, object]]) -> gpd.GeoDataFrame:
    """Records to a GeoDataFrame with the canonical columns and dtypes."""
    geoms: list[BaseGeometry | None] = [r.pop("geometry", None) for r in records]
    df = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    for f in FIELDS:
        col = df[f.name]
        if f.kind is Kind.BOOL:
            df[f.name] = col.fillna(False).astype(bool)
        elif f.kind in (Kind.NUMBER, Kind.INTEGER):
            df[f.name] = pd.to_numeric(col, errors="coerce").astype(float)
        elif f.kind is Kind.DATE:
            df[f.name] = pd.to_datetime(col, errors="coerce")
        else:
            df[f.name] = col.fillna("").astype(str)
    df["row"] = df["row"].astype(int)
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geoms, crs=WGS84), crs=WGS84)
