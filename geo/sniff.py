"""Telling what a file is before reading it: its format by its first bytes, its text encoding, its CSV delimiter."""

from __future__ import annotations

import csv
from pathlib import Path

from geo.errors import RegisterReadError


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


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), falling back to Windows-1252; UTF-16 with a BOM is read too.

    >>> decode_text("caf\\u00e9".encode("cp1252")), decode_text("\\ufeffcaf\\u00e9".encode("utf-8"))
    ('café', 'café')
    """
    # Excel's "Unicode text" export is UTF-16 with a BOM; its zero bytes are not a sign of a binary file.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        raise RegisterReadError("error.register.not_text")
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
