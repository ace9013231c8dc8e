"""The Algoritmeregister (algoritmes.overheid.nl): its public CSV export read into entries, the entry that a
registration's algorithm_register_url names, and the register saved beside the store.

The export's columns are recognised by name (ALIASES, any case): at least a name and a code (the register's
"lars" code, the last part of an entry's address, e.g. .../algoritme/parkeercontrole/12345678). A registration
links to an entry when its address is the entry's own, or lies on algoritmes.overheid.nl and names the entry's
code. Saving writes a small CSV next to the store (`algorithms_path`); the store package will hold it as a table.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from geo.errors import UserFacingError
from geo.sniff import decode_text, sniff_delimiter

#: The hosts of the national algorithm register; an address there names an entry by its code.
REGISTER_HOSTS = frozenset({"algoritmes.overheid.nl", "www.algoritmes.overheid.nl"})
#: The statuses of an entry; their words are `algorithm.status.<code>` in geo.text.
STATUSES: tuple[str, ...] = ("in_use", "in_development", "out_of_use", "unknown")
_STATUS_WORDS: Mapping[str, str] = {
    "in gebruik": "in_use", "in use": "in_use", "in_use": "in_use",
    "in ontwikkeling": "in_development", "in development": "in_development", "in_development": "in_development",
    "buiten gebruik": "out_of_use", "out of use": "out_of_use", "out_of_use": "out_of_use",
    "niet meer in gebruik": "out_of_use", "gestopt": "out_of_use", "retired": "out_of_use",
}
#: The export's column names for each field of an entry, first found wins (compared case-folded, `-`/` ` as `_`).
ALIASES: Mapping[str, tuple[str, ...]] = {
    "code": ("lars", "lars_code", "code", "algoritme_id", "algorithm_id", "id"),
    "name": ("name", "naam", "naam_algoritme", "title", "titel"),
    "organisation": ("organization", "organisation", "organisatie", "organisatienaam", "organization_name"),
    "status": ("status",),
    "url": ("url", "link", "permalink", "algoritmeregister_url", "algoritme_url", "algorithm_url", "href"),
}

#: The column `with_links` adds: how each registration's algorithm_register_url resolves (LINKS).
LINK_COLUMN = "algorithm_link"
#: "" no link; linked: to an entry in use or in development; out_of_use: to an entry out of use; not_found: an
#: address on the register that names no entry; elsewhere: an address that is not the register's (not checked).
LINKS: tuple[str, ...] = ("", "linked", "out_of_use", "not_found", "elsewhere")
#: The links the principles check flags (geo.principles, reason `algorithm_link_broken`).
BROKEN_LINKS = frozenset({"out_of_use", "not_found"})
#: The columns of the saved register, in this order.
SAVED_COLUMNS: tuple[str, ...] = ("code", "name", "organisation", "status", "status_text", "url")


class AlgorithmsError(UserFacingError):
    """An export or saved algorithm register that cannot be used, in one sentence."""


@dataclass(frozen=True)
class AlgorithmEntry:
    """One entry of the algorithm register.

    Attributes
    ----------
    code : the register's code of the entry (its "lars" code).
    name, organisation : as the register has them.
    status : a code of STATUSES; `status_text` is what the export said.
    url : the entry's address, when the export gives it.
    """

    code: str
    name: str
    organisation: str = ""
    status: str = "unknown"
    status_text: str = ""
    url: str = ""


@dataclass(frozen=True)
class AlgorithmRegister:
    """The entries of the register, and what reading the export left out.

    Attributes
    ----------
    entries : one per code, in the export's order.
    skipped : row numbers of the export without a code or a name (header = row 1).
    duplicates : row numbers of later entries with a code seen before (the first is kept).
    source : the file it came from.
    """

    entries: tuple[AlgorithmEntry, ...]
    skipped: tuple[int, ...] = ()
    duplicates: tuple[int, ...] = ()
    source: str = ""
    _by_code: dict[str, AlgorithmEntry] = field(default_factory=dict, init=False, repr=False, compare=False)
    _by_url: dict[str, AlgorithmEntry] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for e in self.entries:
            self._by_code.setdefault(e.code.casefold(), e)
            if e.url:
                self._by_url.setdefault(_url_key(e.url), e)

    def entry_for(self, url: object) -> AlgorithmEntry | None:
        """The entry a registration's algorithm_register_url names, or None.

        >>> reg = AlgorithmRegister((AlgorithmEntry("12345678", "Parkeercontrole"),))
        >>> reg.entry_for("https://algoritmes.overheid.nl/nl/algoritme/parkeercontrole/12345678").name
        'Parkeercontrole'
        >>> reg.entry_for("https://algoritmes.overheid.nl/nl/algoritme/x/99999999") is None
        True
        """
        text = str(url or "").strip()
        if not text:
            return None
        found = self._by_url.get(_url_key(text))
        if found is not None:
            return found
        parts = _split(text)
        if parts is None or parts[0] not in REGISTER_HOSTS:
            return None
        for segment in reversed(parts[1]):
            if segment.casefold() in self._by_code:
                return self._by_code[segment.casefold()]
        return None

    def link(self, url: object) -> str:
        """How an address resolves: one of LINKS.

        >>> reg = AlgorithmRegister((AlgorithmEntry("1", "A", status="out_of_use"),))
        >>> [reg.link(u) for u in ("", "https://algoritmes.overheid.nl/nl/algoritme/a/1",
        ...                        "https://algoritmes.overheid.nl/nl/algoritme/b/2", "https://gemeente.example/alg")]
        ['', 'out_of_use', 'not_found', 'elsewhere']
        """
        text = str(url or "").strip()
        if not text:
            return ""
        entry = self.entry_for(text)
        if entry is not None:
            return "out_of_use" if entry.status == "out_of_use" else "linked"
        parts = _split(text)
        return "not_found" if parts is not None and parts[0] in REGISTER_HOSTS else "elsewhere"


def _split(url: str) -> tuple[str, list[str]] | None:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").casefold()
    return host, [s for s in parts.path.split("/") if s]


def _url_key(url: str) -> str:
    """An address as compared: host case-folded, no scheme, query, fragment or trailing slash."""
    parts = _split(url)
    return "" if parts is None else parts[0] + "/" + "/".join(parts[1])


def status_code(text: str) -> str:
    """The status code (STATUSES) an export's status text means.

    >>> status_code("In gebruik"), status_code(" Buiten gebruik "), status_code("Gepauzeerd")
    ('in_use', 'out_of_use', 'unknown')
    """
    return _STATUS_WORDS.get(" ".join(str(text).split()).casefold(), "unknown")


def _column_key(name: object) -> str:
    return str(name or "").strip().lstrip("\ufeff").strip().casefold().replace("-", "_").replace(" ", "_")


def read_export(source: str | Path | bytes, name: str = "") -> AlgorithmRegister:
    """Read the register's CSV export (`,` or `;`, UTF-8 or Windows-1252).

    Raises
    ------
    AlgorithmsError : the file is missing, empty, not CSV text, or has no name and code columns.

    Examples
    --------
    >>> data = "Naam;Organisatie;Status;lars\\nScanauto;Gemeente Amsterdam;In gebruik;12345678\\n".encode()
    >>> read_export(data, "export.csv").entries
    (AlgorithmEntry(code='12345678', name='Scanauto', organisation='Gemeente Amsterdam', status='in_use', \
status_text='In gebruik', url=''),)
    """
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    else:
        path = Path(source)
        name = name or path.name
        try:
            data = path.read_bytes()
        except OSError:
            raise AlgorithmsError("error.algorithms.missing", file=str(path)) from None
    if not data.strip():
        raise AlgorithmsError("error.algorithms.empty", file=name)
    try:
        text = decode_text(data)
    except UserFacingError:
        raise AlgorithmsError("error.algorithms.not_csv", file=name) from None
    first = text.splitlines()[0] if text.strip() else ""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first)))
    except csv.Error:
        raise AlgorithmsError("error.algorithms.not_csv", file=name) from None
    header = [_column_key(h) for h in rows[0]]
    where = {f: next((header.index(a) for a in names if a in header), None) for f, names in ALIASES.items()}
    if where["code"] is None or where["name"] is None:
        raise AlgorithmsError("error.algorithms.columns", file=name)
    return _register(rows[1:], where, name)


def _register(rows: Iterable[Sequence[str]], where: Mapping[str, int | None], source: str) -> AlgorithmRegister:
    entries: list[AlgorithmEntry] = []
    skipped: list[int] = []
    duplicates: list[int] = []
    seen: set[str] = set()
    for number, cells in enumerate(rows, start=2):
        if not any(c.strip() for c in cells):
            continue

        def cell(key: str, cells: Sequence[str] = cells) -> str:
            i = where.get(key)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        code, title = cell("code"), cell("name")
        if not code or not title:
            skipped.append(number)
            continue
        if code.casefold() in seen:
            duplicates.append(number)
            continue
        seen.add(code.casefold())
        status_text = cell("status")
        entries.append(AlgorithmEntry(code, title, cell("organisation"), status_code(status_text), status_text,
                                      cell("url")))
    return AlgorithmRegister(tuple(entries), tuple(skipped), tuple(duplicates), source)


# ---------------------------------------------------------------- registrations and their links


def with_links(registrations: pd.DataFrame, register: AlgorithmRegister | None) -> pd.DataFrame:
    """`registrations` with LINK_COLUMN: how each algorithm_register_url resolves in `register`.

    Without a register nothing can be said: the registrations come back unchanged, without the column.

    >>> reg = pd.DataFrame({"algorithm_register_url": ["", "https://algoritmes.overheid.nl/nl/algoritme/a/9"]})
    >>> with_links(reg, AlgorithmRegister(()))[LINK_COLUMN].tolist()
    ['', 'not_found']
    """
    if register is None:
        return registrations
    out = registrations.copy()
    urls = out["algorithm_register_url"].fillna("").astype(str)
    resolved = {u: register.link(u) for u in urls.unique()}
    out[LINK_COLUMN] = urls.map(resolved).astype(object)
    return out


def link_counts(registrations: pd.DataFrame, register: AlgorithmRegister) -> dict[str, int]:
    """How many registrations resolve to each of LINKS (what `python -m geo algorithms` reports).

    >>> link_counts(pd.DataFrame({"algorithm_register_url": ["", "x"]}), AlgorithmRegister(()))
    {'': 1, 'linked': 0, 'out_of_use': 0, 'not_found': 0, 'elsewhere': 1}
    """
    found = with_links(registrations, register)[LINK_COLUMN].value_counts().to_dict()
    return {k: int(found.get(k, 0)) for k in LINKS}


# ---------------------------------------------------------------- saved with the register


def algorithms_path(store: str | Path) -> Path:
    """Where the algorithm register is saved for a store: beside a GeoPackage (`register.algoritmeregister.csv`);
    for a PostGIS store, until the store package holds it as a table, in data/.

    >>> algorithms_path("data/register.gpkg").name, algorithms_path("postgresql://db/zb").name
    ('register.algoritmeregister.csv', 'algoritmeregister.csv')
    """
    if str(store).startswith(("postgresql://", "postgres://")):
        from geo.schema import DATA_DIR

        return DATA_DIR / "algoritmeregister.csv"
    path = Path(store)
    return path.with_name(f"{path.stem}.algoritmeregister.csv")


def save_algorithms(register: AlgorithmRegister, path: str | Path) -> Path:
    """Write the entries to `path` (CSV, SAVED_COLUMNS) all at once: a reader sees the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(SAVED_COLUMNS)
            writer.writerows([getattr(e, c) for c in SAVED_COLUMNS] for e in register.entries)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load_algorithms(path: str | Path) -> AlgorithmRegister | None:
    """The register saved at `path`, or None when none was saved.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = save_algorithms(AlgorithmRegister((AlgorithmEntry("7", "Scanauto", status="in_use"),)), target)
    >>> load_algorithms(target).entries[0].name, load_algorithms(target.with_name("none.csv"))
    ('Scanauto', None)
    """
    path = Path(path)
    if not path.is_file():
        return None
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeError, csv.Error):
        raise AlgorithmsError("error.algorithms.saved_unreadable", file=str(path)) from None
    if rows and set(SAVED_COLUMNS) - set(rows[0]):
        raise AlgorithmsError("error.algorithms.saved_unreadable", file=str(path))
    return AlgorithmRegister(tuple(AlgorithmEntry(**{c: r[c] or "" for c in SAVED_COLUMNS}) for r in rows),
                             source=path.name)
