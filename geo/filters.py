"""Filtering registrations: the Filters record, the vectorised mask, and option counts given the other filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import cached_property

import numpy as np
import pandas as pd

from geo.codes import codes
from geo.principles import PRINCIPLE_CODES, principle_frame
from geo.schema import LIST_SEPARATOR

#: Filters whose options are code lists (one code per registration, or `|`-joined lists of codes).
CODE_FIELDS = ("purpose", "data_types", "legal_basis", "sensor_type", "status")
#: Filters that hold a list of values, OR-ed within the filter.
CHOICE_FIELDS = (*CODE_FIELDS, "owner", "neighbourhood", "flag")
#: Columns whose cells are `|`-joined lists: a registration matches when any of its codes is chosen.
LIST_FIELDS = frozenset({"purpose", "data_types"})
#: Columns searched by the free-text filter.
TEXT_COLUMNS = ("name", "description", "owner", "id")
#: The columns FilterIndex.build reads besides TEXT_COLUMNS (and the principles' columns, for the flag filter).
INDEX_COLUMNS = (*CODE_FIELDS, "owner", "personal_data", "active_from", "active_until")
#: The neighbourhood option for registrations outside every neighbourhood.
OUTSIDE = ""


@dataclass(frozen=True)
class Filters:
    """What the visitor chose; an empty field does not filter.

    Within one field the choices are OR-ed (purpose traffic *or* parking); fields are AND-ed.

    Attributes
    ----------
    purpose, data_types, legal_basis, sensor_type, status : codes from geo.codes.
    owner : owner names as they appear in the register.
    neighbourhood : neighbourhood codes; OUTSIDE ("") for registrations outside every neighbourhood.
    flag : principle codes (geo.principles.PRINCIPLE_CODES): keep the registrations that fall short of
        any of them, as the policy page's principles check counts them.
    personal_data : True/False to keep only registrations that do/do not process personal data.
    active_on : keep registrations active on this date (active_from <= date <= active_until, open ends).
    text : words that must all occur in name, description, owner or id (case-insensitive).
    """

    purpose: tuple[str, ...] = ()
    data_types: tuple[str, ...] = ()
    legal_basis: tuple[str, ...] = ()
    sensor_type: tuple[str, ...] = ()
    owner: tuple[str, ...] = ()
    personal_data: bool | None = None
    status: tuple[str, ...] = ()
    active_on: date | None = None
    neighbourhood: tuple[str, ...] = ()
    text: str = ""
    flag: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        """Whether no filter is set.

        >>> Filters().is_empty(), Filters(text="camera").is_empty()
        (True, False)
        """
        return self == Filters()

    def without(self, name: str) -> Filters:
        """The same filters with `name` cleared.

        >>> Filters(owner=("Politie",), text="x").without("owner")
        Filters(purpose=(), data_types=(), legal_basis=(), sensor_type=(), owner=(), personal_data=None, \
status=(), active_on=None, neighbourhood=(), text='x', flag=())
        """
        return replace(self, **{name: _EMPTY[name]})


_EMPTY = {f.name: f.default for f in fields(Filters)}
FILTER_NAMES = tuple(_EMPTY)


@dataclass(frozen=True)
class FilterIndex:
    """The filter-independent arrays that make filtering a few numpy operations (build once per register).

    Attributes
    ----------
    n : number of registrations.
    options : per choice field, the option values in display order.
    member : per field of several values per registration (LIST_FIELDS, flag), an (n, len(options))
        boolean matrix: registration i has option j.
    which : per field of one value per registration, the position of its option (int32 array, -1 for none):
        a million registrations in 519 neighbourhoods take 4 MB, not the half gigabyte of a matrix.
    personal_data : bool array.
    active_from, active_until : datetime64[D] arrays (NaT = open end).
    text : lower-cased searchable text per registration (Arrow strings: compact, searched without a loop),
        worked out from `texts` (the searched columns) the first time someone searches.
    """

    n: int
    options: dict[str, tuple[str, ...]]
    member: dict[str, np.ndarray]
    which: dict[str, np.ndarray]
    personal_data: np.ndarray
    active_from: np.ndarray
    active_until: np.ndarray
    texts: pd.DataFrame = field(repr=False, compare=False, default_factory=pd.DataFrame)
    #: For a register whose texts are not in memory (geo.store.lean): the mask of the registrations that hold
    #: every one of some case-folded words, as the store answers it; `text` is then never made.
    search: Callable[[list[str]], np.ndarray] | None = field(repr=False, compare=False, default=None)

    @cached_property
    def text(self) -> pd.Series:
        out = pd.Series("", index=range(self.n), dtype="string[pyarrow]")
        for name in TEXT_COLUMNS:
            column = _text_column(self.texts, name).str.casefold().to_numpy(dtype=object)
            out = out + " " + pd.Series(column, dtype="string[pyarrow]")
        return out

    def has(self, name: str, option: str) -> np.ndarray:
        """Boolean array: which registrations have `option` in field `name`."""
        j = self.options[name].index(option)
        return self.member[name][:, j] if name in self.member else self.which[name] == j

    def any_of(self, name: str, cols: list[int]) -> np.ndarray:
        """Boolean array: which registrations have any of the options at positions `cols` in field `name`."""
        if name in self.member:
            return self.member[name][:, cols].any(axis=1)
        return np.isin(self.which[name], np.asarray(cols, dtype=np.int32))

    @cached_property
    def _totals(self) -> dict[str, np.ndarray]:
        return {}

    def totals(self, name: str) -> np.ndarray:
        """`sums` over every registration, worked out once per field."""
        if name not in self._totals:
            self._totals[name] = self.sums(name, np.ones(self.n, dtype=bool))
        return self._totals[name]

    def sums(self, name: str, rows: np.ndarray) -> np.ndarray:
        """Per option of field `name`, how many of the registrations in the mask `rows` have it."""
        if name in self.member:
            return self.member[name][rows].sum(axis=0)
        which = self.which[name][rows]
        return np.bincount(which[which >= 0], minlength=len(self.options[name]))

    @classmethod
    def build(cls, registrations: pd.DataFrame, neighbourhood: pd.Series | None = None,
              neighbourhood_codes: tuple[str, ...] = (), today: date | None = None,
              search: Callable[[list[str]], np.ndarray] | None = None) -> FilterIndex:
        """Index `registrations`; `neighbourhood` is each registration's neighbourhood code (None outside).

        `today` is the day the principles are checked on (default: the real today); a register that lacks
        the columns the check reads has no registration falling short.

        >>> reg = pd.DataFrame({"purpose": ["safety|traffic", "waste"], "sensor_type": ["camera", "air"]})
        >>> idx = FilterIndex.build(reg)
        >>> idx.n, int(idx.member["purpose"][:, idx.options["purpose"].index("traffic")].sum())
        (2, 1)
        """
        n = len(registrations)
        options: dict[str, tuple[str, ...]] = {}
        member: dict[str, np.ndarray] = {}
        which: dict[str, np.ndarray] = {}
        for name in CODE_FIELDS:
            col = _text_column(registrations, name)
            known = codes(name)
            present = _present_values(col, name in LIST_FIELDS)
            # Documented order first; a code the lists do not know (never from the readers) still gets an option.
            options[name] = tuple(known) + tuple(sorted(present - set(known)))
            if name in LIST_FIELDS:
                member[name] = _membership(col, options[name])
            else:
                which[name] = _positions(col, options[name])
        owners = _text_column(registrations, "owner")
        options["owner"] = tuple(sorted(set(owners.unique()) - {""}, key=str.casefold))
        which["owner"] = _positions(owners, options["owner"])
        if neighbourhood is None:
            nb = pd.Series([OUTSIDE] * n, index=registrations.index, dtype=object)
        elif isinstance(getattr(neighbourhood, "dtype", None), pd.CategoricalDtype):
            nb = pd.Series(neighbourhood, index=registrations.index)  # a snapshot's: positions per category
            nb = nb.cat.add_categories([OUTSIDE]).fillna(OUTSIDE) if OUTSIDE not in nb.cat.categories \
                else nb.fillna(OUTSIDE)
        else:
            nb = pd.Series(neighbourhood, index=registrations.index, dtype=object).fillna(OUTSIDE).astype(str)
        nb_options = tuple(neighbourhood_codes) or tuple(sorted(set(nb.unique()) - {OUTSIDE}))
        options["neighbourhood"] = (*nb_options, OUTSIDE)
        which["neighbourhood"] = _positions(nb, options["neighbourhood"])
        options["flag"] = PRINCIPLE_CODES
        member["flag"] = _principle_membership(registrations, today)
        return cls(
            n=n,
            options=options,
            member=member,
            which=which,
            personal_data=_bool_column(registrations, "personal_data"),
            active_from=_date_column(registrations, "active_from"),
            active_until=_date_column(registrations, "active_until"),
            texts=registrations[[c for c in TEXT_COLUMNS if c in registrations and search is None]],
            search=search,
        )


def masks(index: FilterIndex, filters: Filters) -> dict[str, np.ndarray]:
    """One boolean mask per filter that is set (an unset filter has no entry)."""
    out: dict[str, np.ndarray] = {}
    for name in CHOICE_FIELDS:
        chosen = getattr(filters, name)
        if not chosen:
            continue
        cols = [index.options[name].index(v) for v in chosen if v in index.options[name]]
        out[name] = index.any_of(name, cols) if cols else np.zeros(index.n, dtype=bool)
    if filters.personal_data is not None:
        out["personal_data"] = index.personal_data == bool(filters.personal_data)
    if filters.active_on is not None:
        day = np.datetime64(filters.active_on, "D")
        started = np.isnat(index.active_from) | (index.active_from <= day)
        not_ended = np.isnat(index.active_until) | (index.active_until >= day)
        out["active_on"] = started & not_ended
    words = filters.text.casefold().split()
    if words and index.search is not None:
        out["text"] = index.search(words)
    elif words:
        m = np.ones(index.n, dtype=bool)
        for word in words:
            m &= index.text.str.contains(word, regex=False).to_numpy(dtype=bool, na_value=False)
        out["text"] = m
    return out


def apply(registrations: pd.DataFrame, filters: Filters, neighbourhood: pd.Series | None = None, *,
          index: FilterIndex | None = None) -> np.ndarray:
    """The boolean mask of the registrations that pass every filter.

    Parameters
    ----------
    registrations : the register (geo.schema.COLUMNS).
    filters : what the visitor chose.
    neighbourhood : each registration's neighbourhood code, for the neighbourhood filter.
    index : a FilterIndex of the same registrations, built once and reused (faster).

    Examples
    --------
    >>> reg = pd.DataFrame({"id": ["A", "B", "C"], "purpose": ["safety|traffic", "waste", "traffic"],
    ...                     "sensor_type": ["camera", "fill_level", "traffic"], "personal_data": [True, False, False]})
    >>> apply(reg, Filters(purpose=("traffic",))).tolist()
    [True, False, True]
    >>> apply(reg, Filters(purpose=("traffic",), personal_data=False)).tolist()
    [False, False, True]
    """
    index = index or FilterIndex.build(registrations, neighbourhood)
    mask = np.ones(index.n, dtype=bool)
    for m in masks(index, filters).values():
        mask &= m
    return mask


def option_counts(registrations: pd.DataFrame, filters: Filters, neighbourhood: pd.Series | None = None, *,
                  index: FilterIndex | None = None) -> dict[str, dict[object, int]]:
    """Per filter, how many registrations each option would leave, given all the other filters.

    Choice fields map each option to its count; `personal_data` maps True and False.

    Examples
    --------
    >>> reg = pd.DataFrame({"id": ["A", "B", "C"], "purpose": ["safety|traffic", "waste", "traffic"],
    ...                     "sensor_type": ["camera", "fill_level", "traffic"], "personal_data": [True, False, False]})
    >>> counts = option_counts(reg, Filters(sensor_type=("camera",)))
    >>> counts["purpose"]["traffic"], counts["sensor_type"]["traffic"], counts["personal_data"]
    (1, 1, {True: 1, False: 0})
    """
    index = index or FilterIndex.build(registrations, neighbourhood)
    per_filter = masks(index, filters)
    everything = np.ones(index.n, dtype=bool)

    def others(name: str) -> np.ndarray | None:
        """The registrations every other filter keeps; None when no other filter is set (all of them)."""
        rest = [mm for other, mm in per_filter.items() if other != name]
        if not rest:
            return None
        m = everything.copy()
        for mm in rest:
            m &= mm
        return m

    out: dict[str, dict[object, int]] = {}
    for name in CHOICE_FIELDS:
        rows = others(name)
        sums = index.totals(name) if rows is None else index.sums(name, rows)
        out[name] = dict(zip(index.options[name], (int(s) for s in sums), strict=True))
    rows = others("personal_data")
    rows = everything if rows is None else rows
    yes = int(index.personal_data[rows].sum())
    out["personal_data"] = {True: yes, False: int(rows.sum()) - yes}
    return out


def _principle_membership(registrations: pd.DataFrame, today: date | None) -> np.ndarray:
    try:
        frame = principle_frame(registrations, today)
    except KeyError:  # a partial frame (tests, a bare table): nothing can be said to fall short
        return np.zeros((len(registrations), len(PRINCIPLE_CODES)), dtype=bool)
    return frame[list(PRINCIPLE_CODES)].to_numpy(dtype=bool)


def _text_column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name not in frame:
        return pd.Series([""] * len(frame), index=frame.index, dtype=object)
    col = frame[name]
    if isinstance(col.dtype, pd.CategoricalDtype):  # a lean register's facts (geo.store.lean): no string per row
        if col.isna().any():
            col = (col if "" in col.cat.categories else col.cat.add_categories([""])).fillna("")
        return col
    return col.fillna("").astype(str)


def _bool_column(frame: pd.DataFrame, name: str) -> np.ndarray:
    if name not in frame:
        return np.zeros(len(frame), dtype=bool)
    return frame[name].fillna(False).astype(bool).to_numpy()


def _date_column(frame: pd.DataFrame, name: str) -> np.ndarray:
    if name not in frame:
        return np.full(len(frame), np.datetime64("NaT", "D"))
    return pd.to_datetime(frame[name], errors="coerce").to_numpy().astype("datetime64[D]")


def _present_values(col: pd.Series, is_list: bool) -> set[str]:
    if is_list:
        return {c for cell in col.unique() for c in str(cell).split(LIST_SEPARATOR) if c}
    return set(col.unique()) - {""}


def _positions(col: pd.Series, options: tuple[str, ...]) -> np.ndarray:
    """Each cell's position in `options` (-1 when it is none of them), worked out per distinct value."""
    codes_, uniques = pd.factorize(col, sort=False)
    position = {v: j for j, v in enumerate(options)}
    table = np.array([position.get(str(u), -1) for u in uniques] + [-1], dtype=np.int32)
    return table[codes_]  # factorize's -1 (a missing cell) takes the last entry: none


def _membership(col: pd.Series, options: tuple[str, ...]) -> np.ndarray:
    """The (rows, options) boolean matrix of `|`-joined cells, computed per distinct cell value rather than per row."""
    codes_, uniques = pd.factorize(col, sort=False)
    position = {v: j for j, v in enumerate(options)}
    table = np.zeros((len(uniques), len(options)), dtype=bool)
    for u, cell in enumerate(uniques):
        values = str(cell).split(LIST_SEPARATOR)
        for v in values:
            j = position.get(v)
            if j is not None:
                table[u, j] = True
    if not len(col):
        return np.zeros((0, len(options)), dtype=bool)
    return table[codes_]
