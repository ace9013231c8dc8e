"""What changed between two imports of the register: registrations added, removed, and changed (with which fields).

The store keeps its last imports readable by version (geo.store); `between` compares two of them, `compare`
any two registers. A neighbourhood's changes are those of the registrations that lie in it in either version,
so that one moved out of it, or removed from it, is told there too. Sentences in plain words for the start
page and a neighbourhood's page come from `sentence`.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo.dataset import Dataset
from geo.errors import UserFacingError
from geo.schema import FIELDS
from geo.text import day, text, words

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
    old_ids = old["id"].astype(str).tolist()
    new_ids = new["id"].astype(str).tolist()
    old_at = {i: p for p, i in enumerate(old_ids)}
    in_new = set(new_ids)
    added = tuple(i for i in new_ids if i not in old_at)
    removed = tuple(i for i in old_ids if i not in in_new)
    columns = [c for c in _FIELDS if c in new.columns and c in old.columns]
    both = [(p, old_at[i]) for p, i in enumerate(new_ids) if i in old_at]
    changed: list[Change] = []
    if both:
        new_pos = [p for p, _ in both]
        old_pos = [q for _, q in both]
        differs: dict[str, list[bool]] = {}
        for column in columns:
            a = [_normal(v) for v in new[column].iloc[new_pos].tolist()]
            b = [_normal(v) for v in old[column].iloc[old_pos].tolist()]
            differs[column] = [x != y for x, y in zip(a, b, strict=True)]
        if GEOMETRY in new.columns and GEOMETRY in old.columns:
            ga = new.geometry.to_crs(old.crs).array if new.crs != old.crs else new.geometry.array
            same = shapely.equals_exact(ga[new_pos], old.geometry.array[old_pos], tolerance=_TOLERANCE)
            differs[GEOMETRY] = (~same).tolist()
        for k, p in enumerate(new_pos):
            fields = tuple(c for c in (*columns, GEOMETRY) if c in differs and differs[c][k])
            if fields:
                changed.append(Change(new_ids[p], fields))
    return Changes(from_version, to_version, added, removed, tuple(changed), imported_at)


def between(store: str | Path | None = None, from_version: int | None = None,
            to_version: int | None = None) -> Changes:
    """What changed between two versions the store keeps; by default the last two.

    Raises UserFacingError when the store keeps fewer than two versions, and VersionUnavailable (a
    UserFacingError too) for a version it no longer keeps.
    """
    from geo.store import read_store, versions

    kept = versions(store)
    if to_version is None:
        if not kept:
            raise UserFacingError("error.changes.too_few")
        to_version = kept[-1].version
    if from_version is None:
        older = [r.version for r in kept if r.version < to_version]
        if not older:
            raise UserFacingError("error.changes.too_few")
        from_version = older[-1]
    old = read_store(store, version=from_version)
    new = read_store(store, version=to_version)
    return compare(old.registrations, new.registrations, from_version, to_version, new.updated)


def last_import(data: Dataset) -> tuple[Changes, Dataset] | None:
    """What changed at the import `data` came from (against the version before it), and that older register;
    None for a register read from files, a first import, or when the store no longer keeps the one before."""
    from geo.store import StoreError, read_store, versions

    if not data.store or not data.version:
        return None
    try:
        older = [r.version for r in versions(data.store) if r.version < data.version]
        if not older:
            return None
        old = read_store(data.store, version=older[-1])
    except StoreError:
        return None
    return compare(old.registrations, data.registrations, old.version, data.version, data.updated), old


def in_neighbourhood(changes: Changes, old: Dataset, new: Dataset, code: str) -> Changes:
    """The changes of the registrations that lie in neighbourhood `code` in the older or the newer register."""
    from geo.join import join

    ids: set[str] = set()
    for data in (old, new):
        nb = data.neighbourhoods
        if not len(data.registrations) or code not in set(nb["code"].astype(str)):
            continue
        pairs = join(data.registrations, nb[nb["code"].astype(str) == code])
        inside = pairs.loc[pairs["code"].notna(), "reg_index"]
        ids |= set(data.registrations.loc[inside, "id"].astype(str))
    return changes.only(ids)


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


def items(changes: Changes, old: pd.DataFrame, new: pd.DataFrame, lang: str) -> list[tuple[str, str, str]]:
    """(kind, id, line) for each change: "added", "removed" or "changed", the id, and a line in plain words naming
    the registration (by its name in the newer register, or the older one for a removed registration).

    >>> from shapely.geometry import Point
    >>> old = gpd.GeoDataFrame({"id": ["A"], "name": ["Camera <Markt>"]}, geometry=[Point(5, 52)])
    >>> items(Changes(1, 2, removed=("A",)), old, old.iloc[:0], "en")
    [('removed', 'A', 'Removed: Camera <Markt> (A)')]
    """
    new_names = dict(zip(new["id"].astype(str), new["name"].astype(str), strict=True)) if len(new) else {}
    old_names = dict(zip(old["id"].astype(str), old["name"].astype(str), strict=True)) if len(old) else {}
    out = [("added", i, text("changes.item.added", lang, name=new_names.get(i, i), id=i)) for i in changes.added]
    out += [("removed", i, text("changes.item.removed", lang, name=old_names.get(i, i), id=i)) for i in changes.removed]
    out += [("changed", c.id, text("changes.item.changed", lang, name=new_names.get(c.id, c.id), id=c.id,
                                   fields=", ".join(field_label(f, lang).lower() for f in c.fields)))
            for c in changes.changed]
    return out


def items_html(changes: Changes, old: pd.DataFrame, new: pd.DataFrame, lang: str, limit: int = 50) -> str:
    """`items` as an HTML list (at most `limit`), every name escaped; "" when nothing changed.

    >>> from shapely.geometry import Point
    >>> new = gpd.GeoDataFrame({"id": ["A"], "name": ["<b>x</b>"]}, geometry=[Point(5, 52)])
    >>> items_html(Changes(1, 2, added=("A",)), new.iloc[:0], new, "en")
    '<ul class="zb-changes"><li>New: &lt;b&gt;x&lt;/b&gt; (A)</li></ul>'
    """
    lines = items(changes, old, new, lang)[:limit]
    if not lines:
        return ""
    return '<ul class="zb-changes">' + "".join(f"<li>{html.escape(line)}</li>" for _, _, line in lines) + "</ul>"
