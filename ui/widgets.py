"""Small Streamlit widgets shared by pages: the language switch, the demo banner, a neighbourhood's map."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import altair as alt
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.choropleth import choropleth_collection, choropleth_group
from geo.dataset import Dataset
from geo.export import table_csv, table_xlsx
from geo.facts import Facts, map_mask
from geo.mapping import build_map, fit_view, legend_html, outline_layer, registrations_group
from ui import state, styles
from ui.assets import ASSETS_URL
from ui.i18n import LANGS, current_lang, t
from ui.loaders import choropleth_shapes, layer_payload, map_outlines


def page_css() -> None:
    """Styles every page shares (drawn once per run by dashboard.py)."""
    st.html(styles.style(styles.FOCUS))


def language_switch() -> None:
    st.segmented_control(
        t("lang.label"), options=list(LANGS), key="lang", required=True,
        format_func=lambda code: t(f"lang.{code}"), label_visibility="collapsed",
    )


def demo_banner(data: Dataset, short: bool = False) -> None:
    """Every page that shows demo data says that it is fictional (in one line where space is short)."""
    if data.is_demo and short:
        with st.container(key="demo-short"):
            st.info(t("demo.banner.short"), icon=":material/info:")
    elif data.is_demo:
        st.info(t("demo.banner"), icon=":material/info:")


#: Presenting, the map leaves this many pixels below it for the buttons and the keys' caption.
PRESENT_BOTTOM = 120


def neighbourhood_map(data: Dataset, facts: Facts, *, key: str, height: int, width_px: int,
                      presenting: bool = False) -> None:
    """One neighbourhood's map: its outline and its registrations over the city's borders (buurt and presentation).

    The base map is the same for every neighbourhood (the city), so that moving to the next one moves the map in
    place instead of loading a new one: the hall never sees an empty frame. When `presenting`, every registration
    is its own icon (no numbered groups), the legend stands beside the map in large type, the map fills the
    screen above the buttons, and a presenter's keys work even when the map has the focus.
    The map fits itself to the neighbourhood on its real size (geo.mapping.outline_layer).
    """
    lang = current_lang()
    outlines = map_outlines(data)
    city = fit_view(tuple(data.neighbourhoods.total_bounds), width_px=width_px, height_px=height)
    base_map = build_map(assets=ASSETS_URL, lang=lang, outlines=outlines, height=height, view=city, url_sync=False,
                         legend="" if presenting else legend_html(lang, facts.registrations), fill=presenting,
                         bottom=PRESENT_BOTTOM if presenting else 8, zoom_snap=0.25,
                         keys=("PageUp", "PageDown", "Escape") if presenting else ())
    group = registrations_group(layer_payload(data, map_mask(data, facts)), assets=ASSETS_URL,
                                lang=lang, cluster=not presenting)
    st_folium(base_map, key=key, height=height, use_container_width=True, returned_objects=[],
              feature_group_to_add=[outline_layer(facts.area), group])


def neighbourhood_choice(data: Dataset, *, key: str) -> None:
    """A list of the neighbourhoods by name; choosing one opens its page."""
    names = dict(zip(data.neighbourhoods["code"].astype(str), data.neighbourhoods["name"].astype(str), strict=True))
    picked = st.selectbox(t("overview.pick"), list(names), index=None, format_func=names.get,
                          placeholder=t("overview.pick.placeholder"), key=key)
    if picked:
        st.switch_page(state.BUURT, query_params=state.buurt_link(picked))


def bar_chart(rows: list[tuple[str, int]]) -> alt.LayerChart:
    """Horizontal bars, largest first, each with its number; labels are code-list labels, drawn as text by Vega."""
    frame = pd.DataFrame(rows, columns=["what", "n"])
    y = alt.Y("what:N", sort="-x", title=None, axis=alt.Axis(labelLimit=280, labelOverlap=False, labelFontSize=13))
    bars = alt.Chart(frame).mark_bar(color="#2c7fb8").encode(
        x=alt.X("n:Q", title=t("buurt.count"), axis=alt.Axis(tickMinStep=1, format="d")), y=y,
        tooltip=[alt.Tooltip("what:N", title=t("buurt.what")), alt.Tooltip("n:Q", title=t("buurt.count"))],
    )
    numbers = bars.mark_text(align="left", dx=4, fontSize=13, color="#000000").encode(text="n:Q")
    return (bars + numbers).properties(height=alt.Step(26))


def legend_list(heading: str, rows: list[tuple[str, str]]) -> None:
    """A legend of colour swatches with their labels (numbers and fixed words, escaped all the same)."""
    items = "".join(
        "<li style='display:flex;align-items:center;gap:.5rem;margin:.15rem 0'>"
        f"<span style='display:inline-block;width:1.6rem;height:1rem;background:{colour};border:1px solid #555'>"
        f"</span><span>{escape(label_text)}</span></li>" for colour, label_text in rows)
    st.html(f"<div class='zb-legend' role='group' aria-label='{escape(heading)}'><strong>{escape(heading)}</strong>"
            f"<ul style='list-style:none;padding:0;margin:.3rem 0'>{items}</ul></div>")


def downloads(table: pd.DataFrame | Callable[[], pd.DataFrame], name: str, *, key: str,
              sheets: dict[str, pd.DataFrame] | Callable[[], dict[str, pd.DataFrame]] | None = None) -> None:
    """A table as CSV and as Excel, to send on (text that looks like a formula stays text: geo.export). Each file
    is made when it is asked for.

    `name` becomes the file name; `sheets` gives the workbook several sheets instead of the one table. Either may
    be a function that makes them (run on the click, without Streamlit: a large register's rows from the database).
    """
    def made(value):
        return value() if callable(value) else value

    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name).strip("-") or "zichtbaar"
    left, right = st.columns(2)
    left.download_button(t("download.csv"), data=lambda: table_csv(made(table)), file_name=f"{safe}.csv",
                         mime="text/csv", icon=":material/download:", key=f"{key}.csv", on_click="ignore",
                         width="stretch")
    right.download_button(t("download.xlsx"), data=lambda: table_xlsx(made(sheets) or {name: made(table)}),
                          file_name=f"{safe}.xlsx", key=f"{key}.xlsx", on_click="ignore", width="stretch",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          icon=":material/download:")


def choropleth_map(data: Dataset, inside: list, values: list, classes, measure: str, *, key: str,
                   height: int, width_px: int = 760) -> None:
    """The neighbourhoods coloured by `values` (geo.choropleth), their names on the map where they fit; a click
    on one opens its page. The code that comes back from the browser is checked against the register."""
    lang = current_lang()
    # No base map: the colours are the message, and nothing is fetched from outside.
    bounds = tuple(data.neighbourhoods.total_bounds)
    base_map = build_map(assets=ASSETS_URL, lang=lang, base="none", height=height, url_sync=False, fit=bounds,
                         zoom_snap=0.25, view=fit_view(bounds, width_px=width_px, height_px=height))
    layer = choropleth_group(choropleth_collection(inside, choropleth_shapes(data), values, classes, measure, lang))
    clicked = st_folium(base_map, key=key, height=height, use_container_width=True,
                        returned_objects=["last_active_drawing"], feature_group_to_add=layer) or {}
    feature = clicked.get("last_active_drawing") or {}
    code = (feature.get("properties") or {}).get("code") if isinstance(feature, dict) else None
    if code in {s.code for s in inside}:
        st.switch_page(state.BUURT, query_params=state.buurt_link(code))
