"""The policy page's four sections: the principles check, hotspots, camera coverage and trends.

Each takes the registrations in scope (the map's filters) and draws what geo worked out; pages/beleid.py picks one.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.coverage import coverage, coverage_table, watched_group
from geo.dataset import Dataset
from geo.errors import UserFacingError
from geo.filters import Filters
from geo.hotspots import CELL_SIZES_M, DEFAULT_CELL_SIZE_M, SHAPES, hotspot_group, hotspots
from geo.mapping import build_map, fit_view, legend_html, registrations_group, registrations_payload
from geo.principles import UNCHECKED_AFTER_YEARS, principle_counts, shortfall_table
from geo.schema import DEFAULT_RANGE_M
from geo.text import percent
from geo.trends import added_per_quarter
from ui import state
from ui.assets import ASSETS_URL
from ui.i18n import current_lang, fmt_number, t
from ui.loaders import map_layers

MAP_HEIGHT = 520


def _draw_map(data: Dataset, key: str, layers: list, legend: str = "") -> None:
    """The city's base map with `layers` on top; panning reruns nothing (returned_objects=[])."""
    m = build_map(assets=ASSETS_URL, lang=current_lang(), view=fit_view(tuple(data.neighbourhoods.total_bounds)),
                  outlines=map_layers(data)[2], legend=legend, height=MAP_HEIGHT)
    st_folium(m, key=key, height=MAP_HEIGHT, use_container_width=True, returned_objects=[],
              feature_group_to_add=layers)


def principles(data: Dataset, registrations: pd.DataFrame, filters: Filters) -> None:
    lang = current_lang()
    st.subheader(t("policy.principles.title"))
    st.write(t("policy.principles.intro"))
    for row in principle_counts(registrations):
        with st.container(border=True):
            words, count = st.columns([4, 1], vertical_alignment="center")
            words.markdown(f"**{t(f'principle.{row.code}')}**  \n{t(f'principle.{row.code}.rule')}")
            count.metric(t("policy.principles.col.count"), fmt_number(row.count), label_visibility="collapsed")
            if row.count == 0:
                st.caption(t("policy.principles.ok"))
                continue
            # The map filtered to these registrations: the same filters as here, plus f_flag=<principle>.
            st.page_link(state.MAP, label=t("policy.principles.show.all", n=row.count), icon=":material/map:",
                         query_params=state.map_link(replace(filters, flag=(row.code,))))
            with st.expander(t("policy.principles.which", n=row.count)):
                table = shortfall_table(registrations, row.code, lang)
                map_column = t("policy.principles.col.map")
                ids = table[t("policy.col.id")]
                table.insert(0, map_column, [state.map_href(selected=i) for i in ids])
                st.dataframe(table, hide_index=True, width="stretch", key=f"policy.principles.table.{row.code}",
                             column_config={map_column: st.column_config.LinkColumn(
                                 display_text=t("policy.principles.show"), width="small")})
    st.caption(t("policy.principles.rules", years=UNCHECKED_AFTER_YEARS))


def hotspots_section(data: Dataset, registrations: pd.DataFrame, filters: Filters) -> None:
    lang = current_lang()
    st.subheader(t("policy.hotspots.title"))
    st.info(t("policy.hotspots.explain"), icon=":material/lightbulb:")
    left, right = st.columns(2)
    shape = left.segmented_control(t("policy.hotspots.shape"), SHAPES, key="policy.hotspots.shape",
                                   default="hexagon", required=True,
                                   format_func=lambda s: t(f"policy.hotspots.shape.{s}", lang))
    size = right.select_slider(t("policy.hotspots.size"), CELL_SIZES_M, value=DEFAULT_CELL_SIZE_M,
                               key="policy.hotspots.size", format_func=lambda n: t("policy.hotspots.metres", lang, n=n))
    try:
        result = hotspots(registrations, data.neighbourhoods, cell_size_m=size, shape=shape,
                          rd_geometries=data.rd_of(registrations), area_rd=data.neighbourhoods_rd)
    except UserFacingError as err:
        st.warning(err.message(lang))
        return
    cols = st.columns(3)
    cols[0].metric(t("policy.hotspots.cells"), fmt_number(len(result.cells)))
    cols[1].metric(t("policy.hotspots.hot"), fmt_number(result.hot))
    cols[2].metric(t("policy.hotspots.cold"), fmt_number(result.cold))
    if not result.tested:
        st.caption(t("policy.hotspots.untested"))
    if result.outside:
        st.caption(t("policy.hotspots.outside", n=result.outside))
    _draw_map(data, "policy.hotspots.map", [hotspot_group(
        result, name=t("policy.hotspots.layer"), count_text=t("policy.hotspots.tooltip", n="{n}"),
        hot_text=t("policy.hotspots.tooltip.hot"), cold_text=t("policy.hotspots.tooltip.cold"))])
    st.markdown(f":red-background[:material/crop_square: {t('policy.hotspots.hot')}]  "
                f":blue-background[:material/crop_square: {t('policy.hotspots.cold')}]")
    st.caption(t("policy.hotspots.method", alpha=fmt_number(result.alpha, digits=2)))


def coverage_section(data: Dataset, registrations: pd.DataFrame, filters: Filters) -> None:
    lang = current_lang()
    st.subheader(t("policy.coverage.title"))
    st.write(t("policy.coverage.intro"))
    cov = coverage(registrations, data.neighbourhoods, rd_geometries=data.rd_of(registrations),
                   neighbourhoods_rd=data.neighbourhoods_rd)
    if cov.cameras == 0:
        st.caption(t("policy.coverage.none"))
        return
    cols = st.columns(3)
    cols[0].metric(t("policy.coverage.share"), percent(cov.share, lang))
    cols[1].metric(t("policy.coverage.cameras"), fmt_number(cov.cameras))
    cols[2].metric(t("policy.coverage.watched_ha"), fmt_number(cov.covered_m2 / 1e4, digits=1))
    if cov.undirected:
        st.caption(t("policy.coverage.undirected", n=cov.undirected, camera=int(DEFAULT_RANGE_M["camera"]),
                     anpr=int(DEFAULT_RANGE_M["anpr"])))
    if cov.mobile:
        st.caption(t("policy.coverage.mobile", n=cov.mobile))
    points, areas, _ = map_layers(data)
    reg = data.registrations
    # Point cameras only: mobile cameras' areas do not count (said above), so they are not drawn.
    is_camera = (reg.index.isin(registrations.index) & reg["sensor_type"].isin(["camera", "anpr"]).to_numpy()
                 & (reg.geometry.geom_type == "Point").to_numpy())
    _draw_map(data, "policy.coverage.map", [
        watched_group(cov, name=t("policy.coverage.layer"), tooltip=t("policy.coverage.tooltip"),
                      fmt_share=lambda share: percent(share, lang)),
        registrations_group(registrations_payload(points, areas, np.asarray(is_camera)), assets=ASSETS_URL,
                            lang=lang),
    ], legend=legend_html(lang, reg[is_camera]))
    share = t("policy.coverage.col.share")
    st.dataframe(coverage_table(cov, lang), hide_index=True, width="stretch", key="policy.coverage.table",
                 column_config={share: st.column_config.ProgressColumn(min_value=0.0, max_value=100.0,
                                                                       format="%.1f %%")})


def trends(data: Dataset, registrations: pd.DataFrame, filters: Filters) -> None:
    lang = current_lang()
    st.subheader(t("policy.trends.title"))
    st.write(t("policy.trends.intro"))
    trend = added_per_quarter(registrations)
    if trend.table.empty:
        st.caption(t("policy.trends.empty"))
        return
    quarter, count, kind = t("policy.trends.quarter"), t("policy.trends.count"), t("policy.trends.type")
    st.vega_lite_chart(trend.chart_frame(lang), {
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
        st.caption(t("policy.trends.undated", n=trend.undated))
    with st.expander(t("policy.trends.table")):
        st.dataframe(trend.wide_table(lang), width="stretch", key="policy.trends.wide")


SECTIONS = {"principles": principles, "hotspots": hotspots_section, "coverage": coverage_section, "trends": trends}
