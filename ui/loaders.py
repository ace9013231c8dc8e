"""The cached loaders: the only place with st.cache_*; one shared copy of the register for all visitors."""

from __future__ import annotations

import os

import streamlit as st

from geo.dataset import Dataset, load_files
from geo.store import current_version, ensure_demo_store, read_store


@st.cache_resource(show_spinner=False, max_entries=2)
def _from_store(path: str, version: int) -> Dataset:
    """One Dataset per store version: a newer import is picked up on the next page run, no restart."""
    return read_store(path)


@st.cache_resource(show_spinner=False, max_entries=2)
def _from_files(register: str, neighbourhoods: str) -> Dataset:
    return load_files(register, neighbourhoods, municipality=os.environ.get("ZICHTBAAR_MUNICIPALITY", ""))


def dataset() -> Dataset:
    """The register the app shows, shared read-only by every session.

    $ZICHTBAAR_REGISTER and $ZICHTBAAR_NEIGHBOURHOODS (both paths) read files directly, for benchmarks
    and tests; otherwise the store ($ZICHTBAAR_DB or data/register.gpkg), built from the demo on first use.
    """
    reg, nb = os.environ.get("ZICHTBAAR_REGISTER"), os.environ.get("ZICHTBAAR_NEIGHBOURHOODS")
    if reg and nb:
        return _from_files(reg, nb)
    path = ensure_demo_store()
    return _from_store(str(path), current_version(path))
