"""What changed between two imports of the register: registrations added, removed, and changed (with which fields).

`compare` compares any two registers. A neighbourhood's changes are those of the registrations that lie in it in
either version, so that one moved out of it, or removed from it, is told there too. Sentences in plain words for
the start page and a neighbourhood's page come from `sentence`.

What changed at an import is worked out once, when the import is new, as a small record (`ImportChanges`: the
ids, fields, lines and neighbourhoods of the changes, nothing else of the register) that geo.change_records keeps
beside its version, so that the app and the feeds never load an older register.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from datetime import date, datetime

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.dataset import Dataset
from geo.schema import FIELDS
from geo.text import DEFAULT_LANG, LANGS, day, text, words

#: The geometry's name among the changed fields.
GEOMETRY = "geometry"
#: The register's fields that are compared (not the bookkeeping beside them, such as a row's number in its file).
_FIELDS = tuple(f.name for f in FIELDS if f.name != "id")
#: Coordinates closer than this (degrees, about a centimetre) are the same place.
_TOLERANCE = 1e-7


@dataclass(frozen=True)
class Change:
    """One registration that is in both versions with different values: its id and the fields that differ."""

    id: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Changes:
    """What changed from version `from_version` to `to_version` (ids in the newer register's order, then the older's).

    `imported_at`: when `to_version` was imported (None when unknown).
    """

    from_version: int
    to_version: int
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[Change, ...] = ()
    imported_at: datetime | None = field(default=None, compare=False)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def as_json(self) -> dict[str, object]:
        """The JSON `python -m geo changes --json` prints.

        >>> Changes(1, 2, ("A",), (), (Change("B", ("name",)),)).as_json()
        {'from': 1, 'to': 2, 'added': ['A'], 'removed': [], 'changed': [{'id': 'B', 'fields': ['name']}]}
        """
        return {"from": self.from_version, "to": self.to_version, "added": list(self.added),
                "removed": list(self.removed),
                "changed": [{"id": c.id, "fields": list(c.fields)} for c in self.changed]}

    def only(self, ids: set[str]) -> Changes:
        """The changes of the registrations in `ids` only (a neighbourhood's)."""
        return Changes(self.from_version, self.to_version, tuple(i for i in self.added if i in ids),
                       tuple(i for i in self.removed if i in ids), tuple(c for c in self.changed if c.id in ids),
                       self.imported_at)


def _normal(value: object) -> object:
    """A cell as compared: empty is empty however it is spelled; dates by their day and time; numbers as floats."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return pd.Timestamp(value).isoformat()
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    return value


def _differs(a: pd.Series, b: pd.Series) -> np.ndarray:
    """Which cells of two aligned columns differ as `_normal` compares them, a column at a time (a million rows in a
    fraction of a second); cell by cell for columns of mixed kinds."""
    from pandas.api import types

    if types.is_bool_dtype(a.dtype) and types.is_bool_dtype(b.dtype):
        return a.to_numpy(dtype=bool) != b.to_numpy(dtype=bool)
    if types.is_datetime64_any_dtype(a.dtype) and types.is_datetime64_any_dtype(b.dtype):
        x, y = a.to_numpy(dtype="datetime64[ns]"), b.to_numpy(dtype="datetime64[ns]")
        return ~((x == y) | (np.isnat(x) & np.isnat(y)))
    if (types.is_numeric_dtype(a.dtype) and types.is_numeric_dtype(b.dtype)
            and not types.is_bool_dtype(a.dtype) and not types.is_bool_dtype(b.dtype)):
        x, y = a.to_numpy(dtype=float, na_value=np.nan), b.to_numpy(dtype=float, na_value=np.nan)
        return ~((x == y) | (np.isnan(x) & np.isnan(y)))
    if all(types.infer_dtype(c, skipna=True) in ("string", "empty") for c in (a, b)):
        return (_text_key(a) != _text_key(b)).to_numpy(dtype=bool)
    return np.array([_normal(v) != _normal(w) for v, w in zip(a.tolist(), b.tolist(), strict=True)], dtype=bool)


def _text_key(column: pd.Series) -> pd.Series:
    """Text as compared (Arrow strings, positions as index): a blank cell (missing, or only spaces) is "", any other
    as it is."""
    text = column.reset_index(drop=True).astype("string[pyarrow]").fillna("")
    return text.where(text.str.strip() != "", "")


def compare(old: gpd.GeoDataFrame, new: gpd.GeoDataFrame, from_version: int = 0, to_version: int = 0,
            imported_at: datetime | None = None) -> Changes:
    """Added, removed and changed registrations from `old` to `new`, matched by `id`.

    A field counts as changed when its value differs (empty, NaN and "" are the same; a geometry when it moved
    by more than about a centimetre or changed shape).

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> old = gpd.GeoDataFrame({"id": ["A", "B", "C"], "name": ["a", "b", "c"], "retention": ["", None, "1 dag"]},
    ...                        geometry=[Point(5, 52)] * 3, crs="EPSG:4326")
    >>> new = gpd.GeoDataFrame({"id": ["B", "C", "D"], "name": ["b", "c2", "d"], "retention": [None, "1 dag", ""]},
    ...                        geometry=[Point(5, 52), Point(5.1, 52), Point(5, 52)], crs="EPSG:4326")
    >>> compare(old, new, 1, 2).as_json()  # doctest: +NORMALIZE_WHITESPACE
    {'from': 1, 'to': 2, 'added': ['D'], 'removed': ['A'],
     'changed': [{'id': 'C', 'fields': ['name', 'geometry']}]}
    """
    old_ids = old["id"].astype(str).to_numpy(dtype=object)
    new_ids = new["id"].astype(str).to_numpy(dtype=object)
    old_index = pd.Index(old_ids)
    if old_index.is_unique:  # a register's ids are (geo.validate): matched at once, column by column
        at_old = old_index.get_indexer(new_ids)
    else:  # the last of a repeated id, as a dictionary would keep it
        last = {i: p for p, i in enumerate(old_ids.tolist())}
        at_old = np.array([last.get(i, -1) for i in new_ids.tolist()], dtype=np.intp)
    added = tuple(new_ids[at_old < 0].tolist())
    removed = tuple(old_ids[~pd.Index(old_ids).isin(new_ids)].tolist())
    columns = [c for c in _FIELDS if c in new.columns and c in old.columns]
    new_pos = np.flatnonzero(at_old >= 0)
    old_pos = at_old[new_pos]
    changed: list[Change] = []
    if len(new_pos):
        differs: dict[str, np.ndarray] = {}
        for column in columns:
            differs[column] = _differs(new[column].iloc[new_pos], old[column].iloc[old_pos])
        if GEOMETRY in new.columns and GEOMETRY in old.columns:
            ga = new.geometry.to_crs(old.crs).array if new.crs != old.crs else new.geometry.array
            same = shapely.equals_exact(ga[new_pos], old.geometry.array[old_pos], tolerance=_TOLERANCE)
            differs[GEOMETRY] = ~np.asarray(same, dtype=bool)
        fields = [c for c in (*columns, GEOMETRY) if c in differs]
        table = np.column_stack([differs[c] for c in fields]) if fields else np.zeros((len(new_pos), 0), bool)
        for k in np.flatnonzero(table.any(axis=1)).tolist():
            changed.append(Change(new_ids[new_pos[k]], tuple(c for c, d in zip(fields, table[k], strict=True) if d)))
    return Changes(from_version, to_version, added, removed, tuple(changed), imported_at)


def sentence(changes: Changes, lang: str) -> str:
    """What changed, in plain words.

    >>> c = Changes(1, 2, ("A", "B"), ("C",), (Change("D", ("name",)),), datetime(2026, 12, 3))
    >>> sentence(c, "nl")
    'Bij de laatste import (3 december 2026) kwamen er 2 registraties bij, ging er 1 af en veranderde er 1.'
    >>> sentence(Changes(1, 2), "en")
    'Nothing changed at the last import.'
    """
    when = text("changes.when", lang, date=day(changes.imported_at, lang)) if changes.imported_at else ""
    if changes.empty:
        return text("changes.none", lang, when=when)
    parts = [text(f"changes.{kind}", lang, n=n) for kind, n in (
        ("added", len(changes.added)), ("removed", len(changes.removed)), ("changed", len(changes.changed))) if n]
    return text("changes.sentence", lang, when=when, parts=words(parts, lang))


def field_label(name: str, lang: str) -> str:
    """A changed field as a resident reads it.

    >>> field_label("owner", "en"), field_label("geometry", "nl")
    ('Owner', 'Plaats op de kaart')
    """
    return text("changes.field.geometry", lang) if name == GEOMETRY else text(f"field.{name}", lang)


def items(changes: Changes, old: pd.DataFrame, new: pd.DataFrame, lang: str,
          limit: int | None = None) -> list[tuple[str, str, str]]:
    """(kind, id, line) for each change (the first `limit`): "added", "removed" or "changed", the id, and a line in
    plain words naming the registration (by its name in the newer register, or the older one for a removed one).

    >>> from shapely.geometry import Point
    >>> old = gpd.GeoDataFrame({"id": ["A"], "name": ["Camera <Markt>"]}, geometry=[Point(5, 52)])
    >>> items(Changes(1, 2, removed=("A",)), old, old.iloc[:0], "en")
    [('removed', 'A', 'Removed: Camera <Markt> (A)')]
    """
    listed = _listed(changes)[:limit]
    wanted = {i for _, i, _ in listed}  # the names of these only: a register may hold a million
    new_names, old_names = _names(new, wanted), _names(old, wanted)
    return [(kind, i, _line(kind, i, (old_names if kind == "removed" else new_names).get(i, i), fields, lang))
            for kind, i, fields in listed]


def _names(frame: pd.DataFrame, ids: set[str]) -> dict[str, str]:
    if not len(frame) or not ids:
        return {}
    ids_of = frame["id"].astype(str)
    some = frame.loc[ids_of.isin(ids).to_numpy()]
    return dict(zip(some["id"].astype(str), some["name"].astype(str), strict=True))


def _listed(changes: Changes) -> list[tuple[str, str, tuple[str, ...]]]:
    """(kind, id, fields) of every change, in the order `items` lists them."""
    return ([("added", i, ()) for i in changes.added] + [("removed", i, ()) for i in changes.removed]
            + [("changed", c.id, c.fields) for c in changes.changed])


def _line(kind: str, reg_id: str, name: str, fields: tuple[str, ...], lang: str) -> str:
    if kind == "changed":
        return text("changes.item.changed", lang, name=name, id=reg_id,
                    fields=", ".join(field_label(f, lang).lower() for f in fields))
    return text(f"changes.item.{kind}", lang, name=name, id=reg_id)


def items_html(changes: Changes, found: ImportChanges, lang: str, limit: int = 50) -> str:
    """The lines of `changes` (a part of `found`'s, such as a neighbourhood's) as an HTML list (at most `limit`),
    every name escaped; "" when nothing changed.

    >>> found = ImportChanges(Changes(1, 2, added=("A",)), "", {"en": (("added", "A", "New: <b>x</b> (A)"),)}, {})
    >>> items_html(found.changes, found, "en")
    '<ul class="zb-changes"><li>New: &lt;b&gt;x&lt;/b&gt; (A)</li></ul>'
    """
    lines = found.items(changes, lang)[:limit]
    if not lines:
        return ""
    return '<ul class="zb-changes">' + "".join(f"<li>{html.escape(line)}</li>" for _, _, line in lines) + "</ul>"


# ---------------------------------------------------------------- what changed at an import, as it is kept

#: The record's format: a new format gets a new number, and a record of another one is made anew.
RECORD_FORMAT = 1
#: The most lines (per language) a record keeps; the ids, fields and neighbourhoods of every change are kept.
LINES_KEPT = 5000


@dataclass(frozen=True)
class ImportChanges:
    """What changed at one import, small enough to keep beside its version and in every app server's memory.

    `changes`: the ids added, removed and changed (with the fields); `identity`: the import it was made for (its
    version, moment and file's hash, as the import log has them); `lines`: per language the first LINES_KEPT
    lines of `items`; `codes`: per changed id the neighbourhood codes it lies in, in the older or the newer
    register.
    """

    changes: Changes
    identity: str
    lines: dict[str, tuple[tuple[str, str, str], ...]]
    codes: dict[str, frozenset[str]]

    def items(self, changes: Changes | None = None, lang: str = DEFAULT_LANG) -> list[tuple[str, str, str]]:
        """`items` of `changes` (default: all of them), from the kept lines; a change past LINES_KEPT is named by its
        id alone."""
        changes = self.changes if changes is None else changes
        kept = {(kind, reg_id): line for kind, reg_id, line in self.lines.get(lang, ())}
        return [(kind, reg_id, kept.get((kind, reg_id)) or _line(kind, reg_id, reg_id, fields, lang))
                for kind, reg_id, fields in _listed(changes)]

    def as_json(self) -> dict[str, object]:
        """The record as its file holds it."""
        at = self.changes.imported_at
        return {"format": RECORD_FORMAT, "identity": self.identity, **self.changes.as_json(),
                "imported_at": at.isoformat() if at else None,
                "lines": {lang: [list(x) for x in lines] for lang, lines in self.lines.items()},
                "codes": {i: sorted(c) for i, c in self.codes.items()}}

    @classmethod
    def from_json(cls, doc: dict) -> ImportChanges:
        at = doc.get("imported_at")
        changes = Changes(int(doc["from"]), int(doc["to"]), tuple(doc["added"]), tuple(doc["removed"]),
                          tuple(Change(c["id"], tuple(c["fields"])) for c in doc["changed"]),
                          datetime.fromisoformat(at) if at else None)
        return cls(changes, str(doc["identity"]),
                   {lang: tuple((k, i, x) for k, i, x in lines) for lang, lines in doc["lines"].items()},
                   {i: frozenset(c) for i, c in doc["codes"].items()})


def in_neighbourhood(found: ImportChanges, code: str) -> Changes:
    """The changes of the registrations that lie in neighbourhood `code` in the older or the newer register.

    >>> found = ImportChanges(Changes(1, 2, ("A", "B")), "", {}, {"A": frozenset({"BU1"}), "B": frozenset()})
    >>> in_neighbourhood(found, "BU1").added
    ('A',)
    """
    return found.changes.only({i for i, codes in found.codes.items() if code in codes})


def work_out(old: Dataset, new: Dataset, identity: str = "") -> ImportChanges:
    """What changed from register `old` to register `new`: the comparison, its lines in every language and where
    each changed registration lies."""
    changes = compare(old.registrations, new.registrations, old.version, new.version, new.updated)
    lines = {lang: tuple(items(changes, old.registrations, new.registrations, lang, LINES_KEPT)) for lang in LANGS}
    ids = {*changes.added, *changes.removed, *(c.id for c in changes.changed)}
    codes: dict[str, frozenset[str]] = dict.fromkeys(ids, frozenset())
    for data in (old, new):
        for reg_id, here in _codes(data, ids).items():
            codes[reg_id] |= here
    return ImportChanges(changes, identity, lines, codes)


def _codes(data: Dataset, ids: set[str]) -> dict[str, frozenset[str]]:
    """The neighbourhood codes each registration of `ids` lies in (geo.join: a point in one, an area in each it
    overlaps); only those registrations are joined."""
    from geo.join import join

    reg = data.registrations
    if not ids or not len(reg) or not len(data.neighbourhoods):
        return {}
    mine = reg[reg["id"].astype(str).isin(ids)]
    if not len(mine):
        return {}
    pairs = join(mine, data.neighbourhoods)
    pairs = pairs[pairs["code"].notna()]
    out: dict[str, set[str]] = {}
    for reg_id, code in zip(mine.loc[pairs["reg_index"], "id"].astype(str), pairs["code"].astype(str), strict=True):
        out.setdefault(reg_id, set()).add(code)
    return {k: frozenset(v) for k, v in out.items()}
