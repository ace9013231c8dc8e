"""The address bar: the only module that reads or writes st.query_params.

Each page's parameters are parsed and formatted by geo.viewstate (pure, tested without Streamlit); this module
hands them the browser's query string and writes back only what changed, so that a copied link always opens
the same view. Links between pages are made here too, with the visitor's language.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from urllib.parse import urlencode

import streamlit as st

from geo.filters import Filters
from geo.text import LANGS, known_lang
from geo.viewstate import (
    BASE,
    LANG,
    LAT,
    LON,
    NEAR_PARAMS,
    PARAMS,
    ZOOM,
    BuurtState,
    NearState,
    OverviewState,
    PolicyState,
    SensorState,
    ViewState,
    format_buurt,
    format_near,
    format_overview,
    format_params,
    format_policy,
    format_report,
    format_sensor,
    parse,
    parse_buurt,
    parse_lang,
    parse_near,
    parse_overview,
    parse_policy,
    parse_report,
    parse_sensor,
)

#: The page scripts, for st.page_link and st.switch_page (dashboard.py registers them under these URLs).
HOME, MAP, NEAR, OVERVIEW, BUURT, PRESENT, POLICY, CHECK, REPORT, SENSOR = (
    "pages/home.py", "pages/kaart.py", "pages/hier.py", "pages/buurten.py", "pages/buurt.py", "pages/presentatie.py",
    "pages/beleid.py", "pages/controle.py", "pages/melding.py", "pages/sensor.py")
#: The map page's parameters written from Python; lat, lon, z and base are kept up to date by the map itself
#: in the browser (zb_map.js), so Python leaves them alone.
_MAP_WRITTEN = tuple(p for p in PARAMS if p not in (LAT, LON, ZOOM, BASE))


def query() -> dict[str, list[str]]:
    """The query string as it is now: every parameter with all its values."""
    return {k: st.query_params.get_all(k) for k in st.query_params}


def _write(wanted: Mapping[str, str | list[str]], owned: Sequence[str]) -> None:
    """Make the parameters in `owned` say `wanted`: set what differs, drop what is no longer wanted.

    In one step: the address bar never shows a half-written place (a new spot_lat beside the old spot_lon).
    """
    now = query()
    new = {k: v for k, v in now.items() if k not in owned or wanted.get(k) is not None}
    for key in owned:
        value = wanted.get(key)
        if value is not None:
            new[key] = value if isinstance(value, list) else [value]
    if new != now:
        st.query_params.from_dict(new)


# ---------------------------------------------------------------- the language, on every page


def init_lang() -> str:
    """Take the language from the URL on a session's first run; afterwards the switch (key `lang`) decides."""
    if st.session_state.get(LANG) not in LANGS:
        st.session_state[LANG] = parse_lang(query())
    return st.session_state[LANG]


def lang() -> str:
    """The language of this session: the switch, else the URL, else the default."""
    return known_lang(st.session_state.get(LANG) or parse_lang(query()))


def write_lang() -> None:
    """Keep `lang` in the URL on every page, so that a copied link opens in the same language."""
    _write({LANG: lang()}, (LANG,))


def link(params: Mapping[str, str | list[str]] | None = None) -> dict[str, str | list[str]]:
    """Query parameters for a link to another page: `params` and the visitor's language."""
    return {**(params or {}), LANG: lang()}


# ---------------------------------------------------------------- /kaart


def map_state() -> ViewState:
    """The map page's state as the URL describes it now (junk ignored)."""
    return parse(query())


def write_map(filters: Filters, selected: str | None) -> None:
    """Put the filters and the selection in the URL; only the parameters that change are written."""
    _write(format_params(ViewState(filters=filters, selected=selected)), _MAP_WRITTEN)


def map_link(filters: Filters | None = None, selected: str | None = None) -> dict[str, str | list[str]]:
    """A link to the map showing `filters` and `selected`."""
    return link(format_params(ViewState(filters=filters or Filters(), selected=selected)))


def map_href(filters: Filters | None = None, selected: str | None = None) -> str:
    """`map_link` as a relative address, for a link inside a table."""
    return "kaart?" + urlencode(map_link(filters, selected), doseq=True)


# ---------------------------------------------------------------- /hier


def near_state() -> NearState:
    """The spot and radius in the URL (a shared link, or an older one with `lat` and `lon`)."""
    return parse_near(query())


def write_near(state: NearState) -> None:
    """One spelling per place in the address bar (the spot's own names, r snapped, five decimals)."""
    _write(format_near(state), NEAR_PARAMS)


def near_link(state: NearState) -> dict[str, str | list[str]]:
    return link(format_near(state))


# ---------------------------------------------------------------- /buurt and /presentatie


def buurt_state(known: Sequence[str]) -> BuurtState:
    """The neighbourhood the URL names, checked against `known` codes."""
    return parse_buurt(query(), known)


def write_buurt(code: str | None) -> None:
    _write(format_buurt(code), ("code",))


def buurt_link(code: str | None) -> dict[str, str | list[str]]:
    return link(format_buurt(code))


# ---------------------------------------------------------------- /buurten


def overview_state() -> OverviewState:
    return parse_overview(query())


def write_overview(state: OverviewState) -> None:
    _write(format_overview(state), ("measure", "what"))


# ---------------------------------------------------------------- /beleid


def policy_state() -> PolicyState:
    return parse_policy(query())


def write_policy(state: PolicyState) -> None:
    _write(format_policy(state), ("section",))


def policy_link(state: PolicyState) -> dict[str, str | list[str]]:
    return link(format_policy(state))



# ---------------------------------------------------------------- /melding


def report_ref() -> str | None:
    """The reference the URL names (spelt as a resident may type it), or None."""
    return parse_report(query())


def write_report(ref: str | None) -> None:
    _write(format_report(ref), ("ref",))


def report_link(ref: str) -> dict[str, str | list[str]]:
    """Query parameters for /melding?ref=REF in the visitor's language."""
    return link(format_report(ref))


# ---------------------------------------------------------------- /sensor


def sensor_state(known: Container[str]) -> SensorState:
    """The registration the URL names (a scanned sign), checked against the register's `known` ids."""
    return parse_sensor(query(), known)


def sensor_link(reg_id: str | None) -> dict[str, str | list[str]]:
    """Query parameters of a link to one registration's page, in the visitor's language."""
    return link(format_sensor(reg_id))


def sensor_href(reg_id: str) -> str:
    """`sensor_link` as a relative address, for a link inside HTML (a near-me card)."""
    return "sensor?" + urlencode(sensor_link(reg_id), doseq=True)
