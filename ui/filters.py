"""The map page's sidebar filters (widget keys f_*, the same names as their URL parameters, see ui.state)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from geo.codes import label
from geo.filters import CHOICE_FIELDS, OUTSIDE, FilterIndex, Filters, option_counts
from geo.viewstate import FILTER_PARAMS
from ui.i18n import current_lang, fmt_number, t

#: The checkbox that switches the date filter on; its date widget has the key FILTER_PARAMS["active_on"].
ACTIVE_ON_USE = "f_active_on_use"
RESET = "f_reset"
FILTER_KEYS = tuple(FILTER_PARAMS.values())
#: The order of the filters in the sidebar.
ORDER = ("text", "sensor_type", "purpose", "data_types", "personal_data", "legal_basis", "owner", "status",
         "active_on", "neighbourhood", "flag")


def seed(filters: Filters, index: FilterIndex) -> None:
    """Give each filter widget that has no value yet (first visit, a shared link) the value from the URL.

    Values the register does not know are left out, so that a widget never gets an option it lacks.
    """
    for name in CHOICE_FIELDS:
        key = FILTER_PARAMS[name]
        if key not in st.session_state:
            known = set(index.options[name])
            st.session_state[key] = [v for v in getattr(filters, name) if v in known]
    if FILTER_PARAMS["personal_data"] not in st.session_state:
        pd_value = filters.personal_data
        st.session_state[FILTER_PARAMS["personal_data"]] = None if pd_value is None else ("yes" if pd_value else "no")
    if FILTER_PARAMS["text"] not in st.session_state:
        st.session_state[FILTER_PARAMS["text"]] = filters.text
    if ACTIVE_ON_USE not in st.session_state:
        st.session_state[ACTIVE_ON_USE] = filters.active_on is not None
        st.session_state[FILTER_PARAMS["active_on"]] = filters.active_on or date.today()
    # Hand every value to the browser again on every run. A run cut short by the next one (a click on the
    # map or a tab right after the page loads) can leave the browser showing a filter as empty while the
    # server still applies it; a value set through session state is always sent along with its widget.
    for key in (*FILTER_KEYS, ACTIVE_ON_USE):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def current() -> Filters:
    """The filters as the widgets hold them now (before or after they are drawn in this run)."""
    ss = st.session_state
    choices = {name: tuple(ss.get(FILTER_PARAMS[name]) or ()) for name in CHOICE_FIELDS}
    personal = ss.get(FILTER_PARAMS["personal_data"])
    active = ss.get(FILTER_PARAMS["active_on"]) if ss.get(ACTIVE_ON_USE) else None
    return Filters(
        **choices,
        personal_data=None if personal is None else personal == "yes",
        active_on=active if isinstance(active, date) else None,
        text=str(ss.get(FILTER_PARAMS["text"]) or "").strip(),
    )


def reset() -> None:
    """Callback of the reset button: every filter back to "all"."""
    for name in CHOICE_FIELDS:
        st.session_state[FILTER_PARAMS[name]] = []
    st.session_state[FILTER_PARAMS["personal_data"]] = None
    st.session_state[FILTER_PARAMS["text"]] = ""
    st.session_state[ACTIVE_ON_USE] = False


def clear(name: str) -> None:
    """Callback that clears one choice filter (such as the principles filter from the notice on the map)."""
    st.session_state[FILTER_PARAMS[name]] = []


def sidebar(index: FilterIndex, neighbourhood_names: dict[str, str], registrations: pd.DataFrame,
            mask: np.ndarray) -> None:
    """Draw the filters in the sidebar; each option shows how many registrations it would leave.

    The page reads the filters with `current()` before this (so that the map is sent first) and passes the
    mask they give, for the count at the top. Call `seed` first.
    """
    lang = current_lang()
    counts = option_counts(registrations, current(), index=index)

    def fmt(name: str, to_label: Callable[[str], str]) -> Callable[[str], str]:
        return lambda v: t("filters.option", lang, label=to_label(v), n=_n(counts[name].get(v, 0), lang))

    code_label = {name: (lambda v, n=name: label(n, v, lang)) for name in CHOICE_FIELDS}
    code_label["owner"] = str
    code_label["neighbourhood"] = (lambda v: t("filters.outside", lang) if v == OUTSIDE
                                   else neighbourhood_names.get(v, v))
    # Format functions bind the language: Streamlit may call them outside this run (AppTest does).
    code_label["flag"] = lambda v: t(f"principle.{v}", lang)

    with st.sidebar:
        st.header(t("filters.heading"))
        count_box = st.empty()
        # Body text, not a caption: the caption's grey on the sidebar's grey is below 4.5:1.
        st.markdown(t("filters.help"))
        for name in ORDER:
            key = FILTER_PARAMS[name]
            if name == "text":
                st.text_input(t("filters.text"), key=key, help=t("filters.text.help"), max_chars=200)
            elif name == "personal_data":
                st.segmented_control(
                    t("filters.personal_data"), options=["yes", "no"], key=key, selection_mode="single",
                    format_func=lambda v: t("filters.option", lang, label=t(f"filters.{v}", lang),
                                            n=_n(counts["personal_data"][v == "yes"], lang)))
            elif name == "active_on":
                st.checkbox(t("filters.active_on.use"), key=ACTIVE_ON_USE)
                if st.session_state.get(ACTIVE_ON_USE):
                    st.date_input(t("filters.active_on"), key=key, format="DD-MM-YYYY")
            else:
                options = list(index.options[name])
                if name == "neighbourhood":
                    options = _neighbourhood_options(index, neighbourhood_names, st.session_state.get(key) or [])
                st.multiselect(t(f"filters.{name}"), options=options, key=key, format_func=fmt(name, code_label[name]),
                               placeholder=t("filters.all"), help=t("filters.flag.help") if name == "flag" else None)
        st.button(t("filters.reset"), key=RESET, on_click=reset, icon=":material/filter_alt_off:",
                  disabled=current().is_empty())
    count_box.markdown(t("filters.count", shown=_n(int(mask.sum())), total=_n(index.n)))


def _neighbourhood_options(index: FilterIndex, names: dict[str, str], chosen: list[str]) -> list[str]:
    """Neighbourhoods by name; "outside every neighbourhood" last, and only when something lies there."""
    options = sorted((o for o in index.options["neighbourhood"] if o != OUTSIDE),
                     key=lambda code: (names.get(code, code).casefold(), code))
    outside = index.has("neighbourhood", OUTSIDE).any()
    return [*options, OUTSIDE] if outside or OUTSIDE in chosen else options


def _n(value: int, lang: str | None = None) -> str:
    return fmt_number(value, lang)
