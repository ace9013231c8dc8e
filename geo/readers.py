"""Readers for register files (CSV, XLSX, GeoJSON, GeoPackage) into one validated GeoDataFrame, or in chunks."""

from __future__ import annotations

import codecs
import collections
import contextlib
import csv
import gc
import io
import itertools
import json
import math
import os
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo.errors import RegisterReadError
from geo.schema import COLUMNS, FIELDS, RD_NEW, WGS84, Kind, Problem
from geo.sniff import decode_text, detect_format, sniff_delimiter
from geo.text import text
from geo.validate import RowInput, Validator, duplicate_ids, field_label, row_id, validate_rows

#: Files larger than this are refused before reading (the upload limit is smaller still).
MAX_FILE_BYTES = 200 * 1024 * 1024
#: A CSV on disk read in chunks (`read_register_chunks`) is never whole in memory; this limit only catches a
#: wrong file (4 GiB is some twenty million registrations, over half an hour of importing).
MAX_STREAMED_BYTES = 4 * 1024 * 1024 * 1024
#: How many rows `read_register_chunks` validates and hands on at a time.
CHUNK_ROWS = 50_000
#: How many processes validate the chunks of a register larger than one chunk (at most one per CPU).
IMPORT_WORKERS = 2
#: How many rejected rows' problems and how many warnings an import's report keeps; the rest it only counts.
MAX_PROBLEMS = 1000
#: An XLSX (a zip) may not unpack to more than this, nor at a higher ratio: a zip bomb is refused.
MAX_XLSX_UNPACKED = 300 * 1024 * 1024
MAX_XLSX_RATIO = 200
#: The columns a register file is recognised by: the fields and the three sets of location columns.
KNOWN_COLUMNS = frozenset({f.name for f in FIELDS} | {"lat", "lon", "x", "y", "wkt"})
# A formula element (`<f>` or `<x:f ...>`) in a worksheet's XML.
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")

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
    #: The owner each row names (as written), so that a report can be sent to each owner.
    owners: dict[int, str] = field(default_factory=dict)

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({p.row for p in self.rejected})

    def problem_table(self, lang: str, owner: str | None = None) -> pd.DataFrame:
        """Every rejected row and warning as staff read them, with column headings and messages in `lang`; only
        the rows of `owner` when given."""
        problems = [p for p in (*self.rejected, *self.warnings)
                    if owner is None or self.owners.get(p.row, "") == owner]
        return pd.DataFrame({
            text("check.col.severity", lang): [text(f"check.severity.{p.severity.value}", lang) for p in problems],
            text("check.col.row", lang): [p.row for p in problems],
            text("check.col.id", lang): [p.id for p in problems],
            text("check.col.owner", lang): [self.owners.get(p.row, "") for p in problems],
            text("check.col.field", lang): [field_label(p.field, lang) for p in problems],
            text("check.col.code", lang): [p.code for p in problems],
            text("check.col.message", lang): [p.message(lang) for p in problems],
        })

    def problem_owners(self) -> list[str]:
        """The owners named by rows with a problem, most problems first (a blank owner as "")."""
        counts: dict[str, int] = {}
        for p in (*self.rejected, *self.warnings):
            owner = self.owners.get(p.row, "")
            counts[owner] = counts.get(owner, 0) + 1
        return sorted(counts, key=lambda o: (-counts[o], o))

    def as_json(self) -> dict[str, object]:
        """The report as `python -m geo check --json` prints it."""
        return {
            "accepted": [str(i) for i in self.accepted["id"]],
            "rejected": [p.as_dict() for p in self.rejected],
            "warnings": [p.as_dict() for p in self.warnings],
        }


@dataclass
class ImportReport:
    """What a register read in chunks gave (`read_register_chunks`): the counts, and the first problems.

    Attributes
    ----------
    accepted : the accepted rows, one GeoDataFrame (EPSG:4326, as `Report.accepted`) per chunk, at least one (it
        may be empty): an iterator, read once (by the store); the counts below grow as it goes on.
    rows : rows (features) read so far, empty rows not counted.
    accepted_rows, rejected_rows : rows accepted and rejected so far.
    rejected, warnings : the first MAX_PROBLEMS problems of rejected rows and the first MAX_PROBLEMS warnings,
        in row order; `rejected_count` and `warning_count` count them all.
    """

    accepted: Iterator[gpd.GeoDataFrame]
    source: str = ""
    rows: int = 0
    accepted_rows: int = 0
    rejected_rows: int = 0
    rejected: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rejected_count: int = 0
    warning_count: int = 0

    @property
    def more_rejected(self) -> int:
        """How many problems of rejected rows were counted but not kept."""
        return self.rejected_count - len(self.rejected)

    @property
    def more_warnings(self) -> int:
        """How many warnings were counted but not kept."""
        return self.warning_count - len(self.warnings)

    def _add(self, rejected: list[Problem], warnings: list[Problem], rejected_count: int | None = None,
             warning_count: int | None = None) -> None:
        """Count problems (all of them, or the counts given of which these are the first) and keep the first."""
        self.rejected_count += len(rejected) if rejected_count is None else rejected_count
        self.warning_count += len(warnings) if warning_count is None else warning_count
        self.rejected.extend(rejected[:MAX_PROBLEMS - len(self.rejected)])
        self.warnings.extend(warnings[:MAX_PROBLEMS - len(self.warnings)])


def empty_register() -> gpd.GeoDataFrame:
    """An empty register with the canonical columns and dtypes."""
    return _to_frame([])


def read_register(source: str | Path | bytes, neighbourhoods: gpd.GeoDataFrame | None = None, *,
                  filename: str | None = None, today: date | None = None, fmt: str | None = None) -> Report:
    """Read and validate a register file.

    Parameters
    ----------
    source : a path, or the file's bytes (an upload); then `filename` helps tell the format.
    neighbourhoods : when given, rows outside the Netherlands but inside a neighbourhood are accepted,
        and rows outside every neighbourhood get a warning.
    filename : the upload's name, when `source` is bytes.
    today : decides whether an end date has passed (default: the real today).
    fmt : one of Amsterdam's formats (geo.amsterdam.FORMATS) to read it as; by default the content tells.

    Raises
    ------
    RegisterReadError : the file cannot be read at all (one sentence in Dutch and English).

    Examples
    --------
    >>> csv_text = (
    ...     "id;name;sensor_type;purpose;data_types;personal_data;owner;lat;lon\\n"
    ...     "L1;Luchtmeter Markt;air;environment;environmental;nee;Gemeente Voorbeeldstad;52,47;5,55\\n")
    >>> report = read_register(csv_text.encode(), filename="register.csv")
    >>> list(report.accepted["id"]), report.rejected
    (['L1'], [])
    """
    return _read([load_source(source, filename)], neighbourhoods, fmt, today)


def read_registers(sources: Sequence[str | Path], neighbourhoods: gpd.GeoDataFrame | None = None, *,
                   fmt: str | None = None, today: date | None = None) -> Report:
    """Read and validate several files as one register: pages of Amsterdam's API, or its bulk sheet with the
    owner sheet beside it (geo.amsterdam). One file is read as `read_register` reads it."""
    return _read([load_source(s) for s in sources], neighbourhoods, fmt, today)


def read_register_chunks(source: str | Path, neighbourhoods: gpd.GeoDataFrame | None = None, *,
                         today: date | None = None, chunk_rows: int | None = None,
                         progress: Callable[[ImportReport], None] | None = None,
                         workers: int | None = None) -> ImportReport:
    """Read and validate a register file in chunks of `chunk_rows` rows, in bounded memory.

    Gives the report at once, the accepted rows in `report.accepted`, one frame per chunk as it is read;
    the report's counts grow as that iterator goes on, and are complete when it is done. The same rows are
    accepted and the same problems found as by `read_register` (duplicate ids across chunks too), but only
    the first MAX_PROBLEMS of each kind are kept.

    A CSV on disk is read as a stream, however large (up to MAX_STREAMED_BYTES); XLSX, GeoJSON, GeoPackage and
    Amsterdam's formats are read whole as `read_register` reads them (up to MAX_FILE_BYTES), then validated
    and handed on in chunks as well.

    `progress(report)`: called after each chunk is validated. `workers`: how many processes validate the
    chunks of a register of more than one chunk (default IMPORT_WORKERS, at most one per CPU); this process
    reads the file, keeps the ids seen and hands the results on in order. The workers are spawned: a script
    that imports a register of more than one chunk needs the `if __name__ == "__main__":` guard.
    """
    size = chunk_rows or CHUNK_ROWS
    path = Path(source)
    nb = _in_wgs84(neighbourhoods)
    chunks, notes = _chunks(path, nb, size)
    processes = min(workers or IMPORT_WORKERS, os.cpu_count() or 1)
    limit = MAX_PROBLEMS

    def frames() -> Iterator[gpd.GeoDataFrame]:
        validator = Validator(None if nb is None else nb.geometry.union_all(), today)
        report._add([], notes)
        given = False
        for checked in _checked_chunks(chunks, validator, processes, limit):
            report.rows += checked.rows
            report.accepted_rows += checked.accepted
            report.rejected_rows += checked.rejected_rows
            report._add(checked.rejected, checked.warnings, checked.rejected_count, checked.warning_count)
            if progress is not None:
                progress(report)
            if checked.frame is not None:
                given = True
                yield checked.frame
        if not given:
            yield _to_frame([])

    report = ImportReport(frames(), source=path.name)
    return report


@dataclass(frozen=True)
class _Checked:
    """One chunk validated: its accepted rows, its counts, and its first problems of each kind."""

    rows: int
    frame: gpd.GeoDataFrame | None
    accepted: int
    rejected_rows: int
    rejected: list[Problem]
    rejected_count: int
    warnings: list[Problem]
    warning_count: int


def _check(validator: Validator, rows: list[RowInput], duplicates: list[bool], limit: int) -> _Checked:
    # The collector paused: a chunk's rows make no reference cycles, and its passes over their hundred
    # thousand objects cost a tenth of the validation.
    paused = gc.isenabled()
    gc.disable()
    try:
        accepted, rejected, warned = validate_rows(rows, validator=validator, duplicates=duplicates)
    finally:
        if paused:
            gc.enable()
    return _Checked(len(rows), _to_frame(accepted) if accepted else None, len(accepted),
                    len({p.row for p in rejected}), rejected[:limit], len(rejected), warned[:limit], len(warned))


def _checked_chunks(chunks: Iterator[_CsvChunk | _RowsChunk], validator: Validator, processes: int,
                    limit: int) -> Iterator[_Checked]:
    """Each chunk validated, in order: here, or by `processes` worker processes when there is more than one chunk.

    The ids seen are kept here, so that a duplicate id is found whichever process validates its row. At most
    one chunk per worker and one more are on their way: memory stays bounded however fast the file is read.
    """
    seen: set[str] = set()
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None) if processes > 1 else None
    if second is None:
        for chunk in itertools.chain([first], chunks):
            yield _check(validator, chunk.rows(), duplicate_ids(chunk.ids, seen), limit)
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    import shapely

    area = None if validator.area is None else shapely.to_wkb(validator.area)
    # Spawned, not forked: a fork would copy this process's open files and locks (the store's) into the workers.
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_start_worker, initargs=(area, validator.today)) as pool:
        pending: collections.deque[Future] = collections.deque()
        try:
            for chunk in itertools.chain([first, second], chunks):
                pending.append(pool.submit(_check_in_worker, chunk, duplicate_ids(chunk.ids, seen), limit))
                if len(pending) > processes:  # each worker keeps one chunk while this process writes
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


#: The validator of a worker process (`_checked_chunks`), made once when it starts.
_WORKER_VALIDATOR: Validator | None = None


def _start_worker(area: bytes | None, today: date) -> None:
    import shapely

    global _WORKER_VALIDATOR
    _WORKER_VALIDATOR = Validator(None if area is None else shapely.from_wkb(area), today)


def _check_in_worker(chunk: _CsvChunk | _RowsChunk, duplicates: list[bool], limit: int) -> _Checked:
    assert _WORKER_VALIDATOR is not None
    return _check(_WORKER_VALIDATOR, chunk.rows(), duplicates, limit)


@dataclass
class _RowsChunk:
    """Rows already read (a file read whole), as a chunk to validate."""

    rows_read: list[RowInput]

    def rows(self) -> list[RowInput]:
        return self.rows_read

    @property
    def ids(self) -> list[str]:
        return [row_id(r) for r in self.rows_read]


@dataclass
class _CsvChunk:
    """Records of a CSV as read: their own lines, row numbers and ids. They become rows (`rows()`) where they
    are validated, here or in a worker process: a text pickles in no time, ten thousand rows do not."""

    header: list[str]
    delimiter: str
    separators: str
    text: str
    numbers: list[int]
    ids: list[str]
    #: Whether the last record is the file's last and leaves a quote open (`unclosed_quote`).
    unclosed_last: bool = False

    def rows(self) -> list[RowInput]:
        # A record read again from its own lines gives the cells it gave in the whole file.
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter)
        width = len(self.header)
        rows = [RowInput(number, dict(zip(self.header, cells, strict=False)), list_separators=self.separators,
                         extra_cells=len(cells) > width and any(c.strip() for c in cells[width:]))
                for number, cells in zip(self.numbers, reader, strict=True)]
        if self.unclosed_last:
            rows[-1].reader_codes = (*rows[-1].reader_codes, "unclosed_quote")
        return rows


def _batched(rows: Iterable[RowInput], size: int) -> Iterator[list[RowInput]]:
    it = iter(rows)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _chunks(path: Path, nb: gpd.GeoDataFrame | None,
            size: int) -> tuple[Iterator[_CsvChunk | _RowsChunk], list[Problem]]:
    """The chunks of a register file, and notes about the file: streamed from a CSV, else read whole (`_read_rows`)."""
    text_stream = _open_csv(path)
    if text_stream is None:
        rows, notes = _read_rows([load_source(path)], None, nb)
        return (_RowsChunk(chunk) for chunk in _batched(rows, size)), notes
    return _csv_chunks(text_stream, size), []


@contextlib.contextmanager
def _opening(path: Path) -> Iterator[None]:
    """What opening or reading the register file `path` raises, as the sentence a user gets (RegisterReadError)."""
    try:
        yield
    except FileNotFoundError:
        raise RegisterReadError("error.register.missing", path=str(path)) from None
    except IsADirectoryError:
        raise RegisterReadError("error.register.folder", path=str(path)) from None
    except OSError as e:
        raise RegisterReadError("error.register.unopenable", path=str(path), reason=str(e.strerror)) from None


def _open_csv(path: Path) -> io.TextIOBase | None:
    """A CSV on disk opened as text in the encoding `decode_text` would choose, or None for any other file (and a
    CSV in UTF-16 or in Amsterdam's sheet format, read whole); raises what `load_source` raises for a file that
    cannot be read."""
    with _opening(path):
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(64 * 1024)
    if detect_format(head, path.name) != "csv" or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    if size > MAX_STREAMED_BYTES:
        raise RegisterReadError("error.register.too_big", size=round(size / 1e6),
                                limit=MAX_STREAMED_BYTES // (1024 * 1024))
    if not head.strip() and not _any_text(path):
        raise RegisterReadError("error.register.empty")
    if b"\x00" in head[:4096]:
        raise RegisterReadError("error.register.not_text")
    utf8 = _is_utf8(path)

    def opened() -> io.TextIOBase:
        if utf8:
            return path.open(encoding="utf-8-sig", newline="")
        return path.open(encoding="cp1252", errors="replace", newline="")

    from geo import amsterdam

    with opened() as stream:
        first = stream.readline()
    if amsterdam.detect(first.encode("utf-8"), path.name, "csv") is not None:
        return None  # Amsterdam's bulk sheet as CSV: geo.amsterdam reads it, whole
    return opened()


def _is_utf8(path: Path) -> bool:
    """Whether the whole file is UTF-8, read in blocks (as `decode_text` decides on the whole file at once)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            while block := fh.read(1 << 22):
                decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _any_text(path: Path) -> bool:
    with path.open("rb") as fh:
        return any(block.strip() for block in iter(lambda: fh.read(1 << 20), b""))


def _in_wgs84(neighbourhoods: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    if neighbourhoods is None or not len(neighbourhoods):
        return None
    if neighbourhoods.crs is None or neighbourhoods.crs.equals(WGS84):
        return neighbourhoods
    return neighbourhoods.to_crs(WGS84)


def load_source(source: str | Path | bytes, filename: str | None = None) -> tuple[str, bytes]:
    """(name, bytes) of a register file or an upload; a file that cannot be opened is a RegisterReadError."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, name = bytes(source), filename or ""
    else:
        path = Path(source)
        name = filename or path.name
        with _opening(path):
            if path.stat().st_size > MAX_FILE_BYTES:
                raise _too_big(path.stat().st_size)
            data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(len(data))
    return name, data


def _read(files: list[tuple[str, bytes]], neighbourhoods: gpd.GeoDataFrame | None, fmt: str | None,
          today: date | None) -> Report:
    nb = _in_wgs84(neighbourhoods)
    rows, notes = _read_rows(files, fmt, nb)
    accepted, rejected, problems = validate_rows(rows, None if nb is None else nb.geometry.union_all(), today)
    owners = {r.row: str(r.cells.get("owner") or "").strip() for r in rows}
    return Report(_to_frame(accepted), rejected, [*notes, *problems], rows=len(rows),
                  source=", ".join(name for name, _ in files), owners=owners)


def _read_rows(files: list[tuple[str, bytes]], fmt: str | None,
               nb: gpd.GeoDataFrame | None) -> tuple[list[RowInput], list[Problem]]:
    """The rows of the files, and notes about the files themselves; Amsterdam's formats go to geo.amsterdam."""
    from geo import amsterdam

    for name, data in files:
        if not data.strip():
            raise RegisterReadError("error.register.empty")
        if detect_format(data, name) == "xlsx":
            _check_zip(data)
    if fmt is None and len(files) == 1:
        name, data = files[0]
        fmt = amsterdam.detect(data, name, detect_format(data, name))
        if fmt is None:
            return list(_rows(data, name)), []
    found = amsterdam.read(files, fmt, nb)
    return found.rows, found.notes


def _too_big(size: int) -> RegisterReadError:
    return RegisterReadError("error.register.too_big", size=round(size / 1e6), limit=MAX_FILE_BYTES // (1024 * 1024))


def _rows(data: bytes, name: str) -> Iterator[RowInput]:
    fmt = detect_format(data, name)
    if not data.strip():
        raise RegisterReadError("error.register.empty")
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
    """Refuse a header without any known column, or with a known column twice (one would be lost)."""
    if not any(h in KNOWN_COLUMNS for h in header):
        raise RegisterReadError("error.register.no_known_columns")
    seen: set[str] = set()
    for h in header:
        if h in KNOWN_COLUMNS and h in seen:
            raise RegisterReadError("error.register.duplicate_column", column=h)
        seen.add(h)


def _csv_rows(data: bytes) -> Iterator[RowInput]:
    return _csv_records(io.StringIO(decode_text(data), newline=""))


def _csv_records(stream: io.TextIOBase) -> Iterator[RowInput]:
    """The rows of a CSV read from a text stream (opened with newline=""); closes the stream."""
    return (row for chunk in _csv_chunks(stream, CHUNK_ROWS) for row in chunk.rows())


def _csv_chunks(stream: io.TextIOBase, size: int) -> Iterator[_CsvChunk]:
    """The records of a CSV read from a text stream (opened with newline=""), `size` rows a chunk, empty rows left
    out; closes the stream. The header is read (and refused when unusable) at once."""
    first = stream.readline()
    first_line = first.splitlines()[0] if first.strip() else ""
    delim = sniff_delimiter(first_line)
    separators = "|" if delim == ";" else "|;"
    record_lines: list[str] = []

    def lines() -> Iterator[str]:
        # The lines of the record the reader is reading: its chunk's text, and whether a quote was left open.
        for line in itertools.chain([first] if first else [], stream):
            record_lines.append(line)
            yield line

    reader = csv.reader(lines(), delimiter=delim)
    try:
        header = _header(next(reader))
    except (StopIteration, csv.Error):
        stream.close()
        raise RegisterReadError("error.register.no_header") from None
    try:
        _check_header(header)
    except RegisterReadError:
        stream.close()
        raise
    id_at = header.index("id") if "id" in header else len(header)

    def chunks() -> Iterator[_CsvChunk]:
        # Rows are numbered as a spreadsheet shows them: one per record, however many lines a quoted cell spans.
        number = 1
        text: list[str] = []
        numbers: list[int] = []
        ids: list[str] = []
        last_lines: list[str] = []
        try:
            while True:
                record_lines.clear()
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                number += 1
                if not "".join(cells).strip():  # an empty row: no cell holds more than spaces
                    continue
                if len(numbers) == size:  # a full chunk, and more to come: the last record always ends one
                    yield _CsvChunk(header, delim, separators, "".join(text), numbers, ids)
                    text, numbers, ids = [], [], []
                text.extend(record_lines)
                last_lines = record_lines.copy() if len(record_lines) > 1 else []
                numbers.append(number)
                ids.append(cells[id_at].strip() if id_at < len(cells) else "")
        except csv.Error as e:
            raise RegisterReadError("error.register.csv_broken", row=str(number + 1), reason=str(e)) from None
        finally:
            stream.close()
        if numbers:
            # A quote that is never closed swallows every later line into the last row's cell; say so
            # instead of letting those rows vanish.
            unclosed = len(last_lines) > 1 and "".join(last_lines).count('"') % 2 == 1
            yield _CsvChunk(header, delim, separators, "".join(text), numbers, ids, unclosed)

    return chunks()


def _cell_text(value: object) -> str:
    """A cell from XLSX, GeoJSON or GeoPackage as the text a CSV would have held.

    >>> _cell_text(52.47), _cell_text(3.0), _cell_text(datetime(2025, 3, 1)), _cell_text(pd.NaT), _cell_text(["a", "b"])
    ('52.47', '3', '2025-03-01', '', 'a|b')
    """
    # NaT is a datetime too, but has no date: test for the missing values first.
    if value is None or value is pd.NaT or (isinstance(value, np.datetime64) and np.isnat(value)):
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
    if isinstance(value, np.datetime64):
        return _cell_text(pd.Timestamp(value).to_pydatetime())
    if isinstance(value, np.generic):
        return _cell_text(value.item())
    return str(value)


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise RegisterReadError("error.register.xlsx_damaged") from None
    unpacked = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if unpacked > MAX_XLSX_UNPACKED or (unpacked > 10 * 1024 * 1024 and unpacked / packed > MAX_XLSX_RATIO):
        raise RegisterReadError("error.register.xlsx_bomb")


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet of the (already size-checked) XLSX holds a formula."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            with z.open(info) as fh:
                tail = b""
                while chunk := fh.read(1 << 20):
                    if _FORMULA_TAG.search(tail + chunk):
                        return True
                    tail = chunk[-16:]
    return False


def _merge_formulas(values: tuple, formulas: tuple) -> list[object]:
    """The cached value of each cell, or its formula text when the file holds no cached value.

    A file written by a program rather than by Excel carries formulas without results; the formula
    as written ("=1+1") is then what the cell says, which beats reading an empty cell.
    """
    merged: list[object] = list(values) + [None] * (len(formulas) - len(values))
    for i, formula in enumerate(formulas):
        text = getattr(formula, "text", formula)  # an ArrayFormula keeps its text in .text
        if merged[i] is None and isinstance(text, str) and text.startswith("="):
            merged[i] = text
    return merged


def _xlsx_rows(data: bytes) -> Iterator[RowInput]:
    import openpyxl

    _check_zip(data)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        ws = wb.worksheets[0]
        it = ws.iter_rows(values_only=True)
        header = _header(list(next(it)))
        books = [wb]
        formula_rows: Iterator[tuple] | None = None
        if _has_formulas(data):
            wb_formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            books.append(wb_formulas)
            formula_rows = wb_formulas.worksheets[0].iter_rows(values_only=True)
            next(formula_rows)
    except StopIteration:
        raise RegisterReadError("error.register.xlsx_empty") from None
    except Exception:  # openpyxl raises many kinds for a broken file; all mean the same to a user
        raise RegisterReadError("error.register.xlsx_unreadable") from None
    _check_header(header)

    def rows() -> Iterator[RowInput]:
        try:
            for number, values in enumerate(it, start=2):
                if formula_rows is not None:
                    values = _merge_formulas(values, next(formula_rows, ()))
                cells = [_cell_text(v) for v in values]
                if not any(c.strip() for c in cells):
                    continue
                yield RowInput(number, dict(zip(header, cells, strict=False)),
                               extra_cells=len(cells) > len(header) and any(
                                   c.strip() for c in cells[len(header):]))
        except Exception:
            raise RegisterReadError("error.register.xlsx_partly_damaged") from None
        finally:
            for book in books:
                book.close()

    return rows()


def _geojson_crs(doc: dict) -> str:
    """The CRS a GeoJSON declares in its (pre-RFC 7946) `crs` member; WGS84 when it declares none.

    >>> _geojson_crs({"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}})
    'EPSG:28992'
    >>> _geojson_crs({}), _geojson_crs({"crs": "nonsense"})
    ('EPSG:4326', 'EPSG:4326')
    """
    member = doc.get("crs") if isinstance(doc, dict) else None
    props = member.get("properties") if isinstance(member, dict) else None
    name = props.get("name") if isinstance(props, dict) else None
    name = name.strip() if isinstance(name, str) else ""
    if not name or "CRS84" in name.upper() or name.endswith(("4326", "EPSG::4326")):
        return WGS84
    if "28992" in name:
        return RD_NEW
    code = name.rsplit(":", 1)[-1]
    return f"EPSG:{code}" if code.isdigit() else name


def _geojson_rows(data: bytes) -> Iterator[RowInput]:
    try:
        doc = json.loads(decode_text(data))
    except (json.JSONDecodeError, RecursionError):
        raise RegisterReadError("error.register.geojson_not_json") from None
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        features = [doc]
    elif isinstance(doc, dict) and isinstance(doc.get("features"), list):
        features = doc["features"]
    elif isinstance(doc, dict) and isinstance(doc.get("elements"), list):
        raise RegisterReadError("error.register.is_osm")
    else:
        raise RegisterReadError("error.register.not_feature_collection")
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
    except Exception:  # an unknown CRS; pyproj and geopandas raise several kinds
        raise RegisterReadError("error.register.unknown_crs", crs=str(src_crs)) from None
    for k, g in zip(idx, geo, strict=True):
        rows[k].geometry = g


def _gpkg_rows(data: bytes) -> Iterator[RowInput]:
    import pyogrio

    try:
        with warnings.catch_warnings():
            # GDAL warns that an in-memory copy has no .gpkg extension; that says nothing about the file.
            warnings.simplefilter("ignore", RuntimeWarning)
            layers = pyogrio.list_layers(io.BytesIO(data))
            layer = next((name for name, gtype in layers if gtype), layers[0][0])
            frame = pyogrio.read_dataframe(io.BytesIO(data), layer=layer)
    except Exception:  # GDAL reports broken files in many ways
        raise RegisterReadError("error.register.gpkg_unreadable") from None
    if frame.crs is not None and not frame.crs.equals(WGS84):
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
    """Records to a GeoDataFrame with the canonical columns and dtypes.

    Built column by column from plain lists: a register is read on every upload and in every test,
    and per-column fillna/astype passes cost more than the validation itself.

    >>> frame = _to_frame([{"id": "A1", "personal_data": None, "direction": None, "active_from": date(2025, 3, 1),
    ...                     "row": 2, "geometry": None}])
    >>> row = frame.iloc[0]
    >>> row["id"], row["name"], bool(row["personal_data"]), row["active_from"]
    ('A1', '', False, Timestamp('2025-03-01 00:00:00'))
    >>> str(frame["direction"].dtype), str(frame["active_from"].dtype), str(frame.crs)
    ('float64', 'datetime64[s]', 'EPSG:4326')
    """
    geoms: list[BaseGeometry | None] = [r.get("geometry") for r in records]
    data: dict[str, object] = {}
    for f in FIELDS:
        values = [r.get(f.name) for r in records]
        if f.kind is Kind.BOOL:
            data[f.name] = np.array([bool(v) for v in values], dtype=bool)
        elif f.kind in (Kind.NUMBER, Kind.INTEGER):
            data[f.name] = np.array([np.nan if v is None else float(v) for v in values], dtype=float)
        elif f.kind is Kind.DATE:
            data[f.name] = np.array([np.datetime64("NaT") if v is None else np.datetime64(v) for v in values],
                                    dtype="datetime64[s]")
        else:
            data[f.name] = pd.array(["" if v is None else str(v) for v in values], dtype="str")
    data["row"] = np.array([int(r["row"]) for r in records], dtype=np.int64)
    data["geometry"] = gpd.array.from_shapely(np.array(geoms, dtype=object), crs=WGS84)
    return gpd.GeoDataFrame({c: data[c] for c in (*COLUMNS, "geometry")}, geometry="geometry")
