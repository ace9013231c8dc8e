"""Policy: the principles check, hotspots, camera coverage and trends of the register, for the municipality's staff."""

from dataclasses import replace
from urllib.parse import urlencode

import numpy as np
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.codes import label
from geo.coverage import coverage, watched_group
from geo.errors import UserFacingError
from geo.filters import apply
from geo.hotspots import CELL_SIZES_M, DEFAULT_CELL_SIZE_M, SHAPES, hotspot_group, hotspots
from geo.mapping import build_map, fit_view, legend_html, registrations_group, registrations_payload
from geo.principles import UNCHECKED_AFTER_YEARS, falling_short, principle_counts
from geo.schema import DEFAULT_RANGE_M
from geo.trends import added_per_quarter
from geo.viewstate import SELECTED, ViewState, format_params
from ui.assets import ASSETS_URL
from ui.filters import url_state
from ui.i18n import current_lang, fmt_number, t
from ui.loaders import dataset, map_index, map_layers
from ui.widgets import demo_banner, map_text

SECTIONS = ("principles", "hotspots", "coverage", "trends")
MAP_HEIGHT = 520
MAP_PAGE = "pages/kaart.py"

lang = current_lang()
data = dataset()
# The registrations as filtered on the map: the same f_* parameters in the URL.
filters = url_state().filters
in_scope = (np.ones(len(data.registrations), dtype=bool) if filters.is_empty()
            else apply(data.registrations, filters, index=map_index(data)[0]))
registrations = data.registrations.loc[in_scope]

st.title(t("policy.title"))
demo_banner(data)
st.write(t("policy.intro"))
if filters.is_empty():
    st.caption(t("policy.scope.all", n=fmt_number(len(registrations))))
else:
    st.caption(t("policy.scope.filtered", n=fmt_number(len(registrations)), total=fmt_number(len(data.registrations))))
    st.page_link(MAP_PAGE, label=t("policy.scope.change"), icon=":material/map:",
                 query_params=format_params(ViewState(filters=filters)))


def percent(share: float) -> str:
    return fmt_number(100 * share, digits=1) + " %"


def draw_map(key: str, layers: list, legend: str = "") -> None:
    """The city's base map with `layers` on top; panning reruns nothing (returned_objects=[])."""
    text = map_text()
    m = build_map(assets=ASSETS_URL, text=text, view=fit_view(tuple(data.neighbourhoods.total_bounds)),
                  outlines=map_layers(data)[2], legend=legend, height=MAP_HEIGHT)
    st_folium(m, key=key, height=MAP_HEIGHT, use_container_width=True, returned_objects=[],
              feature_group_to_add=layers)


def principles() -> None:
    st.subheader(t("policy.principles.title"))
    st.write(t("policy.principles.intro"))
    for row in principle_counts(registrations):
        with st.container(border=True):
            text, count = st.columns([4, 1], vertical_alignment="center")
            text.markdown(f"**{t(f'policy.principle.{row.code}')}**  \n{t(f'policy.principle.{row.code}.rule')}")
            count.metric(t("policy.principles.col.count"), fmt_number(row.count), label_visibility="collapsed")
            if row.count == 0:
                st.caption(t("policy.principles.ok"))
                continue
            # The map filtered to these registrations: the same filters as here, plus f_flag=<principle>.
            st.page_link(MAP_PAGE, label=t("policy.principles.show.all", n=fmt_number(row.count)),
                         icon=":material/map:",
                         query_params=format_params(ViewState(filters=replace(filters, flag=(row.code,)))))
            with st.expander(t("policy.principles.which", n=fmt_number(row.count))):
                short = falling_short(registrations, row.code)
                st.dataframe(pd.DataFrame({
                    t("policy.principles.col.map"): [f"kaart?{urlencode({SELECTED: i, 'lang': lang})}"
                                                     for i in short["id"]],
                    t("policy.col.id"): short["id"].to_numpy(),
                    t("policy.col.name"): short["name"].to_numpy(),
                    t("policy.col.type"): [label("sensor_type", c, lang) for c in short["sensor_type"]],
                    t("policy.col.owner"): short["owner"].to_numpy(),
                    t("policy.col.reasons"): [", ".join(t(f"policy.reason.{r}") for r in rs.split("|"))
                                              for rs in short["reasons"]],
                }), hide_index=True, width="stretch", key=f"policy.principles.table.{row.code}", column_config={
                    t("policy.principles.col.map"): st.column_config.LinkColumn(
                        display_text=t("policy.principles.show"), width="small"),
                })
    st.caption(t("policy.principles.rules", years=UNCHECKED_AFTER_YEARS))


def hotspots_section() -> None:
    st.subheader(t("policy.hotspots.title"))
    st.info(t("policy.hotspots.explain"), icon=":material/lightbulb:")
    left, right = st.columns(2)
    shape = left.segmented_control(t("policy.hotspots.shape"), SHAPES, key="policy.hotspots.shape",
                                   default="hexagon", required=True,
                                   format_func=lambda s: t(f"policy.hotspots.shape.{s}", lang))
    size = right.select_slider(t("policy.hotspots.size"), CELL_SIZES_M, value=DEFAULT_CELL_SIZE_M,
                               key="policy.hotspots.size", format_func=lambda n: t("policy.hotspots.metres", lang, n=n))
    try:
        result = hotspots(registrations, data.neighbourhoods, cell_size_m=size, shape=shape)
    except UserFacingError as err:
        st.warning(err.message(lang))
        st.stop()
    cols = st.columns(3)
    cols[0].metric(t("policy.hotspots.cells"), fmt_number(len(result.cells)))
    cols[1].metric(t("policy.hotspots.hot"), fmt_number(result.hot))
    cols[2].metric(t("policy.hotspots.cold"), fmt_number(result.cold))
    if not result.tested:
        st.caption(t("policy.hotspots.untested"))
    if result.outside:
        st.caption(t("policy.hotspots.outside", n=fmt_number(result.outside)))
    draw_map("policy.hotspots.map", [hotspot_group(
        result, name=t("policy.hotspots.layer"), count_text=t("policy.hotspots.tooltip", n="{n}"),
        hot_text=t("policy.hotspots.tooltip.hot"), cold_text=t("policy.hotspots.tooltip.cold"))])
    st.markdown(f":red-background[:material/crop_square: {t('policy.hotspots.hot')}]  "
                f":blue-background[:material/crop_square: {t('policy.hotspots.cold')}]")
    st.caption(t("policy.hotspots.method", alpha=fmt_number(result.alpha, digits=2)))


def coverage_section() -> None:
    st.subheader(t("policy.coverage.title"))
    st.write(t("policy.coverage.intro"))
    cov = coverage(registrations, data.neighbourhoods)
    if cov.cameras == 0:
        st.caption(t("policy.coverage.none"))
    else:
        cols = st.columns(3)
        cols[0].metric(t("policy.coverage.share"), percent(cov.share))
        cols[1].metric(t("policy.coverage.cameras"), fmt_number(cov.cameras))
        cols[2].metric(t("policy.coverage.watched_ha"), fmt_number(cov.covered_m2 / 1e4, digits=1))
        if cov.undirected:
            st.caption(t("policy.coverage.undirected", n=fmt_number(cov.undirected),
                         camera=fmt_number(DEFAULT_RANGE_M["camera"]), anpr=fmt_number(DEFAULT_RANGE_M["anpr"])))
        if cov.mobile:
            st.caption(t("policy.coverage.mobile", n=fmt_number(cov.mobile)))
        points, areas, _ = map_layers(data)
        # Point cameras only: mobile cameras' areas do not count (said above), so they are not drawn.
        is_camera = (in_scope & data.registrations["sensor_type"].isin(["camera", "anpr"]).to_numpy()
                     & (data.registrations.geometry.geom_type == "Point").to_numpy())
        text = map_text()
        draw_map("policy.coverage.map", [
            watched_group(cov, name=t("policy.coverage.layer"), tooltip=t("policy.coverage.tooltip"),
                          fmt_share=percent),
            registrations_group(registrations_payload(points, areas, is_camera), assets=ASSETS_URL, text=text),
        ], legend=legend_html(text, sensor_types=["camera", "anpr"],
                              purposes=sorted(set(data.registrations.loc[is_camera, "purpose"].str.split("|").str[0]))))
        table = cov.neighbourhoods.sort_values(["share", "name"], ascending=[False, True])
        st.dataframe(pd.DataFrame({
            t("policy.coverage.col.neighbourhood"): table["name"].to_numpy(),
            t("policy.coverage.col.share"): (100 * table["share"]).to_numpy(),
            t("policy.coverage.col.cameras"): table["cameras"].to_numpy(),
            t("policy.coverage.col.undirected"): table["undirected"].to_numpy(),
            t("policy.coverage.col.area"): (table["area_m2"] / 1e4).round(1).to_numpy(),
        }), hide_index=True, width="stretch", key="policy.coverage.table", column_config={
            t("policy.coverage.col.share"): st.column_config.ProgressColumn(
                min_value=0.0, max_value=100.0, format="%.1f %%"),
        })


def trends() -> None:
    st.subheader(t("policy.trends.title"))
    st.write(t("policy.trends.intro"))
    trend = added_per_quarter(registrations)
    if trend.table.empty:
        st.caption(t("policy.trends.empty"))
    else:
        quarter, count, kind = t("policy.trends.quarter"), t("policy.trends.count"), t("policy.trends.type")
        chart = pd.DataFrame({
            quarter: trend.table["quarter"].to_numpy(),
            kind: [label("sensor_type", c, lang) for c in trend.table["sensor_type"]],
            count: trend.table["count"].to_numpy(),
        })
        st.vega_lite_chart(chart, {
            "height": 300,
            "mark": {"type": "bar", "tooltip": True},
            "encoding": {
                "x": {"field": quarter, "type": "ordinal", "sort": None},
                "y": {"field": count, "type": "quantitative", "aggregate": "sum", "title": count},
                # Legend below the chart in columns, so that no sensor type is cut off on a phone.
                # tableau20: enough distinct colours for all thirteen sensor types.
                "color": {"field": kind, "type": "nominal", "scale": {"scheme": "tableau20"},
                          "legend": {"orient": "bottom", "columns": 2, "labelLimit": 130}},
            },
        }, width="stretch", height=520)
        if trend.undated:
            st.caption(t("policy.trends.undated", n=fmt_number(trend.undated)))
        with st.expander(t("policy.trends.table")):
            wide = trend.wide()
            wide.columns = [label("sensor_type", c, lang) for c in wide.columns]
            wide.index.name = quarter
            st.dataframe(wide.iloc[::-1], width="stretch", key="policy.trends.wide")


section = st.segmented_control(t("policy.section"), SECTIONS, key="policy.section", default="principles",
                               required=True, format_func=lambda s: t(f"policy.section.{s}", lang))
# A keyed container per section: a map that appears after a switch gets a fresh place of its own.
with st.container(key=f"policy-{section}"):
    {"principles": principles, "hotspots": hotspots_section, "coverage": coverage_section, "trends": trends}[section]()
