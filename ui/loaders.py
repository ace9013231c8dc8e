"""The cached loaders: the only place with st.cache_*; one shared copy of the register for all visitors."""

from __future__ import annotations

import ctypes
import dataclasses
import functools
import gc
import logging
import os
import threading

import numpy as np
import pandas as pd
import streamlit as st

from geo.algorithms import AlgorithmRegister, AlgorithmsError, algorithms_path, load_algorithms, with_links
from geo.dataset import Dataset, load_files
from geo.filters import FilterIndex
from geo.store import VersionUnavailable, current_version, ensure_demo_store, read_store, store_path
from geo.store.lean import lean_from
from geo.summary import NeighbourhoodSummary
from geo.viewstate import Spot


@st.cache_resource(show_spinner=False, max_entries=3)
def _from_store(path: str, version: int, algorithms: tuple[str, int] = ("", 0), lean: bool = False) -> Dataset:
    """One Dataset per store version and saved algorithm register: a newer import (or a newer
    `python -m geo algorithms`) is picked up on the next page run, no restart. `lean`: its facts only
    (geo.store.lean).

    It reads the version it is cached under, so a newer import in between cannot slip in under the old number.
    """
    gc.unfreeze()  # what an older version left frozen may be collected again once it is dropped from the cache
    try:
        data = read_store(path, version=version, lean=lean)
    except VersionUnavailable:  # dropped already: many imports in a row
        data = read_store(path, lean=lean)
    # A large register is millions of objects the cyclic garbage collector would walk after every page run
    # (Streamlit collects after each run: a third of a second at a million): they live as long as this version.
    gc.collect()
    gc.freeze()
    register = _algorithms(*algorithms)
    if register is None:
        return data
    # The principles check reads how each algorithm link resolves (geo.algorithms.LINK_COLUMN).
    return dataclasses.replace(data, registrations=with_links(data.registrations, register))


def _algorithms_key(store: object) -> tuple[str, int]:
    """(path, modification time) of the algorithm register saved beside the store; 0 when there is none."""
    path = algorithms_path(str(store))
    try:
        return str(path), path.stat().st_mtime_ns
    except OSError:
        return str(path), 0


@st.cache_resource(show_spinner=False, max_entries=2)
def _algorithms(path: str, mtime: int) -> AlgorithmRegister | None:
    if not path or not mtime:
        return None
    try:
        return load_algorithms(path)
    except AlgorithmsError:  # a damaged file: the app shows the register without it; the CLI says what is wrong
        logging.getLogger(__name__).warning("The saved algorithm register %s cannot be read.", path)
        return None


def algorithm_register() -> AlgorithmRegister | None:
    """The algorithm register saved beside the store (`python -m geo algorithms`), or None (also for files)."""
    if os.environ.get("ZICHTBAAR_REGISTER") and os.environ.get("ZICHTBAAR_NEIGHBOURHOODS"):
        return None
    return _algorithms(*_algorithms_key(store_path()))


@st.cache_resource(show_spinner=False, max_entries=2)
def _from_files(register: str, neighbourhoods: str) -> Dataset:
    return load_files(register, neighbourhoods, municipality=os.environ.get("ZICHTBAAR_MUNICIPALITY", ""))


def dataset(lean: bool = False) -> Dataset:
    """The register the app shows, shared read-only by every session.

    $ZICHTBAAR_REGISTER and $ZICHTBAAR_NEIGHBOURHOODS (both paths) read files directly, for benchmarks
    and tests; otherwise the store ($ZICHTBAAR_DB or data/register.gpkg), built from the demo on first use.

    `lean`: a page that works on a register's facts and asks geo.store.rows for what it shows says so; a large
    register on PostGIS (geo.store.lean) is then not loaded into this server. Everywhere else the same Dataset.
    """
    reg, nb = os.environ.get("ZICHTBAAR_REGISTER"), os.environ.get("ZICHTBAAR_NEIGHBOURHOODS")
    if reg and nb:
        return _from_files(reg, nb)
    path = ensure_demo_store()
    version = current_version(path)
    return _from_store(str(path), version, _algorithms_key(path), lean and _is_large(str(path), version, lean_from()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _is_large(path: str, version: int, threshold: int) -> bool:
    """geo.store.kept_as_facts, asked once per store version and threshold (geo.store.lean.lean_from)."""
    from geo.store import kept_as_facts

    return kept_as_facts(path, version)


def give_back_memory() -> None:
    """Return the memory a page run freed to the system (glibc's malloc_trim): Streamlit runs each page in a thread,
    and glibc would otherwise keep what a run over a large register took in that thread's own heap. A no-op where
    there is no glibc."""
    global _trim
    if _trim is None:
        try:
            _trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _trim = False
    if _trim:
        _trim(0)


_trim = None
_warming: set[tuple[object, ...]] = set()
_warming_lock = threading.Lock()


def warm(data: Dataset) -> None:
    """Make the map's pieces of `data` (its filter index, ids, legends, outlines, and for a large register where each
    registration sits) in a thread of their own, once per version: the start page calls this, so a visitor's
    first click to the map finds them ready. Does nothing while they are being made or once they are."""
    from geo.store import is_lean
    from geo.text import LANGS

    key = _version_key(data)
    with _warming_lock:
        if key in _warming:
            return
        _warming.add(key)

    def work() -> None:
        try:
            map_index(data)
            if not is_lean(data):
                map_ids(data)
            map_outlines(data)
            for lang in LANGS:
                register_legend(data, lang)
            if large_map(data):
                map_anchors(data)
            else:
                map_layers(data)
        except Exception:  # a page that needs them makes them itself, and shows its own error
            logging.getLogger(__name__).exception("Making the map's pieces ahead failed.")

    threading.Thread(target=work, name="zichtbaar-warm", daemon=True).start()


def _version_key(data: Dataset) -> tuple[object, ...]:
    """What identifies a loaded register for derived caches: its source, version, load and today's date
    (flags such as "expired" change with the date)."""
    from datetime import date

    return (data.source, data.version, str(data.updated), id(data), date.today().isoformat())


@st.cache_data(show_spinner=False, max_entries=4)
def _neighbourhood_tables(
    _data: Dataset, key: tuple[object, ...]
) -> tuple[list[NeighbourhoodSummary], NeighbourhoodSummary, pd.DataFrame]:
    from geo.join import join
    from geo.store import is_lean, neighbourhood_pairs
    from geo.summary import city_summary, summarise

    reg, nb, nb_rd = _data.registrations, _data.neighbourhoods, _data.neighbourhoods_rd
    pairs = neighbourhood_pairs(_data)
    table = join(reg, nb, pairs=pairs)
    if is_lean(_data):  # a million codes as categories: a few megabytes, not forty
        table = table.astype({"code": "category"})
    return (summarise(reg, nb, pairs=pairs, neighbourhoods_rd=nb_rd), city_summary(reg, nb, neighbourhoods_rd=nb_rd),
            table)


def neighbourhood_tables(data: Dataset) -> tuple[list[NeighbourhoodSummary], NeighbourhoodSummary, pd.DataFrame]:
    """(summaries, city summary, join table) of `data`: one computation per register version and day.

    summaries: geo.summary.summarise (one per neighbourhood, then the one outside); city:
    geo.summary.city_summary; join table: geo.join.join (reg_index, code). The neighbourhood join
    under them is the store's (geo.store.neighbourhood_pairs): on PostGIS the database makes it.
    """
    return _neighbourhood_tables(data, _version_key(data))


@st.cache_resource(show_spinner=False, max_entries=2)
def _map_index(_data: Dataset, key: tuple[object, ...]) -> tuple[FilterIndex, pd.Series]:
    from geo.join import assign_neighbourhood
    from geo.store import is_lean, search

    reg, nb = _data.registrations, _data.neighbourhoods
    if "neighbourhood" in _data.derived:  # worked out at import (geo.store.snapshot), or read lean
        codes = pd.Series(_data.derived["neighbourhood"], index=reg.index)  # categorical: compact
    elif len(nb):
        codes = assign_neighbourhood(reg, nb, rd_geometries=_data.rd, neighbourhoods_rd=_data.neighbourhoods_rd)
    else:
        codes = pd.Series([None] * len(reg), index=reg.index, dtype=object)
    # A lean register's texts are in the database, which searches them (a page run asks twice: mask and counts).
    asked = functools.lru_cache(maxsize=8)(lambda *words: _read_only(search(_data, list(words))))
    return FilterIndex.build(reg, codes, tuple(nb["code"].astype(str)),
                             search=(lambda words: asked(*words)) if is_lean(_data) else None), codes


def _read_only(mask: np.ndarray) -> np.ndarray:
    """`mask`, shared from a cache: no one may change it."""
    mask.flags.writeable = False
    return mask


def map_index(data: Dataset) -> tuple[FilterIndex, pd.Series]:
    """(filter index, neighbourhood code per registration) of `data`, built once per register version.

    cache_resource: one shared, never-mutated copy for every visitor (cache_data would copy 100k rows per run).
    """
    return _map_index(data, _version_key(data))


@st.cache_resource(show_spinner=False, max_entries=2)
def _map_layers(_data: Dataset, key: tuple[object, ...]) -> tuple[np.ndarray, np.ndarray, dict]:
    from geo.mapping import area_fragments, neighbourhood_outlines, point_fragments

    reg = _data.registrations
    return point_fragments(reg), area_fragments(reg), neighbourhood_outlines(_data.neighbourhoods)


def map_layers(data: Dataset) -> tuple[np.ndarray, np.ndarray, dict]:
    """The filter-independent pieces of the map: per-registration point and area literals, neighbourhood outlines.

    A filter change then only joins the literals it keeps (geo.mapping.registrations_payload). Worked out for a
    register the browser clusters itself; a large one (geo.viewgrid.server_clusters) asks `layer_payload`.
    """
    return _map_layers(data, _version_key(data))


def layer_payload(data: Dataset, mask: np.ndarray) -> str:
    """The registrations layer's data (geo.mapping.registrations_payload) for the registrations in `mask` (a
    boolean array over the register): joined from the literals kept per register (`map_layers`), or, for a
    large register, made for these registrations alone (a neighbourhood, a spot, one registration)."""
    from geo.mapping import area_fragments, point_fragments, registrations_payload
    from geo.store import rows

    if not large_map(data):
        points, areas, _ = map_layers(data)
        return registrations_payload(points, areas, mask)
    some = rows(data, np.flatnonzero(np.asarray(mask, dtype=bool)))
    return registrations_payload(point_fragments(some), area_fragments(some))


def large_map(data: Dataset) -> bool:
    """Whether `data`'s map is sent one view at a time (geo.viewgrid.server_clusters; always for a lean register)."""
    from geo.store import is_lean
    from geo.viewgrid import server_clusters

    return is_lean(data) or server_clusters(len(data.registrations))


@st.cache_resource(show_spinner=False, max_entries=2)
def _map_outlines(_data: Dataset, key: tuple[object, ...]) -> dict:
    from geo.mapping import neighbourhood_outlines

    return neighbourhood_outlines(_data.neighbourhoods)


def map_outlines(data: Dataset) -> dict:
    """The neighbourhood outlines of the map (geo.mapping.neighbourhood_outlines), once per register version."""
    return _map_outlines(data, _version_key(data))


@st.cache_resource(show_spinner=False, max_entries=2)
def _map_ids(_data: Dataset, key: tuple[object, ...]) -> np.ndarray:
    return _data.registrations["id"].astype(str).to_numpy()


def map_ids(data: Dataset) -> np.ndarray:
    """The registrations' ids as an array of str, once per register version (the map looks them up every run)."""
    return _map_ids(data, _version_key(data))


@st.cache_resource(show_spinner=False, max_entries=4)
def _register_legend(_data: Dataset, key: tuple[object, ...], lang: str) -> str:
    from geo.mapping import legend_html

    return legend_html(lang, _data.registrations)


def register_legend(data: Dataset, lang: str) -> str:
    """The map's legend of the whole register (geo.mapping.legend_html) in `lang`, once per version and language."""
    return _register_legend(data, _version_key(data), lang)


@st.cache_resource(show_spinner=False, max_entries=2)
def _map_anchors(_data: Dataset, key: tuple[object, ...]):
    from geo.viewgrid import Anchors

    if "anchors" in _data.derived:  # read lean (geo.store.lean)
        return _data.derived["anchors"]
    return Anchors.of(np.asarray(_data.registrations.geometry.array))


def map_anchors(data: Dataset):
    """Where each registration sits on the map (geo.viewgrid.Anchors), for a large register's per-view clusters;
    worked out once per register version."""
    return _map_anchors(data, _version_key(data))


@st.cache_resource(show_spinner=False, max_entries=2)
def _choropleth_shapes(_data: Dataset, key: tuple[object, ...]) -> list[dict | None]:
    from geo.choropleth import shapes

    return shapes(_data.neighbourhoods)


def choropleth_shapes(data: Dataset) -> list[dict | None]:
    """Each neighbourhood's simplified outline as GeoJSON (geo.choropleth.shapes), built once per register;
    shared read-only, since only the colours change with the visitor's choice."""
    return _choropleth_shapes(data, _version_key(data))


def nearby(data: Dataset, spot: Spot, radius: int) -> pd.DataFrame:
    """What is measured at or near `spot` (geo.nearby.nearby), nearest first.

    Asked of the store `data` came from (geo.store.nearby): on PostGIS the database finds the
    registrations in reach; a GeoPackage, or files, in memory on the register's RD New geometries
    (Dataset.rd, worked out once per loaded register and shared).
    """
    from geo.store import nearby as registrations_near

    return registrations_near(data, spot, radius)


@st.cache_data(show_spinner=False, ttl=60, max_entries=4)
def reports(store_name: str) -> list:
    """Every resident's report in the store named `store_name` (geo.store.reports.open_reports().describe()), for
    counting on the policy page; a minute old at most. Never shown one by one in the public app."""
    from geo.store.reports import open_reports

    return open_reports().find()
@st.cache_resource(show_spinner=False, max_entries=2)
def _last_import(_data: Dataset, key: tuple[object, ...]):
    from geo.changelog import last_import

    return last_import(_data)


def last_import(data: Dataset):
    """What changed at the import `data` came from (geo.changes.ImportChanges: small, no older register), read once
    per version from what the import left beside it; None when there is nothing to compare (files, a first import,
    or the version before no longer kept)."""
    return _last_import(data, _version_key(data))


@st.cache_resource(show_spinner=False, max_entries=2)
def _feeds(_data: Dataset, key: tuple[object, ...]) -> bool:
    from geo.feeds import STATIC_DIR, entries, write_feeds
    from geo.schema import PROJECT_DIR
    from geo.text import LANGS

    nb = _data.neighbourhoods
    names = dict(zip(nb["code"].astype(str), nb["name"].astype(str), strict=True))
    try:
        for lang in LANGS:  # each language's feeds with its own lines, from the records of what changed
            write_feeds(PROJECT_DIR / STATIC_DIR / "feeds", entries(_data.store, lang), (lang,), names)
    except OSError:  # a read-only install: the pages then offer no feed rather than fail
        logging.getLogger(__name__).warning("The feeds cannot be written into static/feeds.")
        return False
    return True


def feeds(data: Dataset) -> bool:
    """Write the Atom feeds of the store's changes into static/feeds/ (served at /app/static/feeds/), once per
    store version; whether they are there. A register read from files has no versions and no feeds."""
    if not data.store:
        return False
    return _feeds(data, (data.store, data.version))


# --- h-pol: the policy page's coverage and hotspots, once per register version and filters ---


@st.cache_resource(show_spinner=False, max_entries=4)
def _policy_coverage(_data: Dataset, key: tuple[object, ...], _registrations: pd.DataFrame, filters: str):
    from geo.store import camera_coverage

    return camera_coverage(_data, _data.positions_of(_registrations))


def policy_coverage(data: Dataset, registrations: pd.DataFrame, filters: object):
    """geo.coverage.coverage of `registrations`, the rows of `data` that `filters` (geo.filters.Filters) keep: worked
    out once per register version and filters (seconds at a million cameras), then shared read-only."""
    return _policy_coverage(data, _version_key(data), registrations, repr(filters))


@st.cache_resource(show_spinner=False, max_entries=8)
def _policy_hotspots(_data: Dataset, key: tuple[object, ...], _registrations: pd.DataFrame, filters: str,
                     cell_size_m: float, shape: str):
    from geo.hotspots import hotspots
    from geo.store import points_rd

    shapes, xy = points_rd(_data, _data.positions_of(_registrations))
    return hotspots(shapes, _data.neighbourhoods, cell_size_m=cell_size_m, shape=shape, rd_xy=xy,
                    area_rd=_data.neighbourhoods_rd)


def policy_hotspots(data: Dataset, registrations: pd.DataFrame, filters: object, cell_size_m: float, shape: str):
    """geo.hotspots.hotspots of `registrations`, the rows of `data` that `filters` keep, on the grid asked for: once
    per register version, filters and grid, then shared read-only. Raises geo.hotspots.HotspotError as it does."""
    return _policy_hotspots(data, _version_key(data), registrations, repr(filters), cell_size_m, shape)


@st.cache_resource(show_spinner=False, max_entries=4)
def _policy_watched(_data: Dataset, key: tuple[object, ...], _registrations: pd.DataFrame, filters: str):
    from geo.coverage import watched_shapes

    return watched_shapes(_policy_coverage(_data, key, _registrations, filters))


def policy_watched(data: Dataset, registrations: pd.DataFrame, filters: object):
    """geo.coverage.watched_shapes of `policy_coverage`: the watched area as the map draws it, in any language."""
    return _policy_watched(data, _version_key(data), registrations, repr(filters))


@st.cache_resource(show_spinner=False, max_entries=2)
def _policy_cameras(_data: Dataset, key: tuple[object, ...], _mask: np.ndarray, filters: str) -> str:
    return layer_payload(_data, _mask)


def policy_cameras(data: Dataset, mask: np.ndarray, filters: object) -> str:
    """`layer_payload` of the point cameras in `mask`, those that `filters` keep: once per register version and
    filters (a large register's cameras take a second or more to write out)."""
    return _policy_cameras(data, _version_key(data), mask, repr(filters))
