"""The policy page's sections: the principles check, hotspots, camera coverage, trends and residents' reports.

Each takes the registrations in scope (the map's filters) and draws what geo worked out; pages/beleid.py picks one.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.cones import DIRECTIONAL
from geo.coverage import GROUPED_FROM, coverage_table, watched_group
from geo.dataset import Dataset
from geo.errors import UserFacingError
from geo.export import localized
from geo.filters import Filters
from geo.hotspots import CELL_SIZES_M, DEFAULT_CELL_SIZE_M, SHAPES, hotspot_group, places
from geo.mapping import build_map, fit_view, legend_html, registrations_group
from geo.principles import PRINCIPLE_CODES, UNCHECKED_AFTER_YEARS, principle_frame, reason_frame, shortfall_table
from geo.report_map import missing_group
from geo.report_summary import CELL_M, missing_cells, per_neighbourhood
from geo.reports import KINDS
from geo.schema import DEFAULT_RANGE_M
from geo.store import point_mask, rows
from geo.store.reports import open_reports
from geo.text import percent
from geo.trends import changes_per_quarter
from ui import state
from ui.assets import ASSETS_URL
from ui.i18n import current_lang, fmt_number, t
from ui.loaders import map_outlines, policy_cameras, policy_coverage, policy_hotspots, policy_watched
from ui.loaders import reports as load_reports
from ui.widgets import downloads

MAP_HEIGHT = 520


#: A principle's table on the page shows at most this many registrations (the download holds every one).
TABLE_MAX = 1000


def _draw_map(data: Dataset, key: str, layers: list, legend: str = "") -> None:
    """The city's base map with `layers` on top; panning reruns nothing (returned_objects=[])."""
    m = build_map(assets=ASSETS_URL, lang=current_lang(), view=fit_view(tuple(data.neighbourhoods.total_bounds)),
                  outlines=map_outlines(data), legend=legend, height=MAP_HEIGHT)
    st_folium(m, key=key, height=MAP_HEIGHT, use_container_width=True, returned_objects=[],
              feature_group_to_add=layers)


def _shortfalls(data: Dataset, registrations: pd.DataFrame, reasons: pd.DataFrame, short: pd.Series, code: str,
                lang: str, limit: int | None = None) -> pd.DataFrame:
    """geo.principles.shortfall_table of the registrations in scope that fall short of `code` (`short`: which), the
    first `limit` of them: their references and names from geo.store.rows (a large register's from the database)."""
    at = np.flatnonzero(short.to_numpy())[:limit]
    some = registrations[["sensor_type", "owner"]].iloc[at]
    named = rows(data, data.positions_of(some), ("id", "name"))
    shown = some.assign(id=named["id"].to_numpy(), name=named["name"].to_numpy())
    return shortfall_table(shown, code, lang, reasons=reasons.iloc[at])


def principles(data: Dataset, registrations: pd.DataFrame, filters: Filters) -> None:
    lang = current_lang()
    st.subheader(t("policy.principles.title"))
    st.write(t("policy.principles.intro"))
    # Each registration's reasons once, for the counts and every principle's table.
    reasons = reason_frame(registrations)
    short = principle_frame(registrations, reasons=reasons)
    counts = {code: int(short[code].sum()) for code in PRINCIPLE_CODES}
    failing = [code for code, count in counts.items() if count]

    def tables() -> dict[str, pd.DataFrame]:
        # Every one, made on a click on a download: a national register falls short a hundred thousand times. The
        # reasons are worked out again (a tenth of a second at a million) rather than kept while the page is open.
        again = reason_frame(registrations)
        which = principle_frame(registrations, reasons=again)
        return {t(f"principle.{code}", lang): _shortfalls(data, registrations, again, which[code], code, lang)
                for code in failing}

    if failing:
        downloads(lambda: pd.concat([tab.assign(**{t("policy.col.principle", lang): name})
                                     for name, tab in tables().items()]),
                  t("policy.principles.file"), key="policy.principles", sheets=tables)
    for code, count in counts.items():
        with st.container(border=True):
            words, number = st.columns([4, 1], vertical_alignment="center")
            words.markdown(f"**{t(f'principle.{code}')}**  \n{t(f'principle.{code}.rule')}")
            number.metric(t("policy.principles.col.count"), fmt_number(count), label_visibility="collapsed")
            if count == 0:
                st.caption(t("policy.principles.ok"))
                continue
            # The map filtered to these registrations: the same filters as here, plus f_flag=<principle>.
            st.page_link(state.MAP, label=t("policy.principles.show.all", n=count), icon=":material/map:",
                         query_params=state.map_link(replace(filters, flag=(code,))))
            with st.expander(t("policy.principles.which", n=count)):
                # The page shows the first ones, the download above holds them all.
                table = _shortfalls(data, registrations, reasons, short[code], code, lang, TABLE_MAX)
                map_column = t("policy.principles.col.map")
                ids = table[t("policy.col.id")]
                table.insert(0, map_column, [state.map_href(selected=i) for i in ids])
                st.dataframe(table, hide_index=True, width="stretch", key=f"policy.principles.table.{code}",
                             column_config={map_column: st.column_config.LinkColumn(
                                 display_text=t("policy.principles.show"), width="small")})
                if count > TABLE_MAX:
                    st.caption(t("policy.principles.limited", n=TABLE_MAX, total=count))
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
        result = policy_hotspots(data, registrations, filters, size, shape)
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
    st.markdown(f"#### {t('policy.hotspots.places')}")
    found = places(result, data.neighbourhoods, lang, data.neighbourhoods_rd)
    if found.empty:
        st.caption(t("policy.hotspots.places.none"))
    else:
        st.dataframe(localized(found, lang, plain=(t("policy.hotspots.col.lat"), t("policy.hotspots.col.lon"))),
                     hide_index=True, width="stretch", key="policy.hotspots.places")
        downloads(found, t("policy.hotspots.file"), key="policy.hotspots")


def coverage_section(data: Dataset, registrations: pd.DataFrame, filters: Filters) -> None:
    lang = current_lang()
    st.subheader(t("policy.coverage.title"))
    st.write(t("policy.coverage.intro"))
    cov = policy_coverage(data, registrations, filters)
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
    reg = data.registrations
    # Point cameras only: mobile cameras' areas do not count (said above), so they are not drawn.
    is_camera = (reg.index.isin(registrations.index) & reg["sensor_type"].isin(DIRECTIONAL).to_numpy()
                 & point_mask(data))
    missing = missing_cells(_reports())
    if missing:
        st.caption(t("policy.coverage.missing", n=len(missing), cell=CELL_M))
    _draw_map(data, "policy.coverage.map", [
        *([missing_group(missing, t("policy.coverage.missing.layer"),
                         lambda n: t("policy.coverage.missing.tooltip", lang, n=n))] if missing else []),
        watched_group(cov, name=t("policy.coverage.layer"), tooltip=t("policy.coverage.tooltip"),
                      fmt_share=lambda share: percent(share, lang),
                      shapes=policy_watched(data, registrations, filters)),
        # Every camera on its own with its view cone, at every zoom: what they watch is the point of this map. More
        # than a few thousand are grouped until street level, or the browser would take half a minute to draw them.
        registrations_group(policy_cameras(data, np.asarray(is_camera), filters), assets=ASSETS_URL,
                            lang=lang, cluster=int(np.count_nonzero(is_camera)) > GROUPED_FROM, cones_always=True),
    ], legend=legend_html(lang, reg.loc[is_camera, ["sensor_type", "purpose"]]))
    table = coverage_table(cov, lang)
    st.dataframe(localized(table, lang, percent=(t("policy.coverage.col.share"),)), hide_index=True, width="stretch",
                 key="policy.coverage.table")
    downloads(table, t("policy.coverage.file"), key="policy.coverage")


def trends(data: Dataset, registrations: pd.DataFrame, filters: Filters) -> None:
    lang = current_lang()
    st.subheader(t("policy.trends.title"))
    st.write(t("policy.trends.intro"))
    trend = changes_per_quarter(registrations)
    if trend.table.empty:
        st.caption(t("policy.trends.empty"))
        return
    quarter, count, kind = t("policy.trends.quarter"), t("policy.trends.count"), t("policy.trends.type")
    when = t("policy.trends.when")
    labels, colours = trend.colours(lang)
    net = trend.net_table(lang)
    bars = {
        "data": {"values": trend.chart_frame(lang).to_dict("records")},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": quarter, "type": "ordinal", "sort": None, "title": quarter},
            "y": {"field": count, "type": "quantitative", "aggregate": "sum", "title": count},
            # One colour per sensor type, fixed by the code list (the same in both languages); the legend under
            # the chart in columns, so that no type is cut off on a phone.
            "color": {"field": kind, "type": "nominal", "scale": {"domain": labels, "range": colours},
                      "legend": {"orient": "bottom", "columns": 2, "labelLimit": 130}},
            # Quarters still to come are pale: what is planned, not what happened.
            "opacity": {"field": when, "type": "nominal", "legend": {"orient": "bottom", "title": when},
                        "scale": {"domain": [t("policy.trends.past"), t("policy.trends.planned")],
                                  "range": [1, 0.4]}},
        },
    }
    line = {
        "data": {"values": net.to_dict("records")},
        "mark": {"type": "line", "point": True, "color": "#1a1a1a", "tooltip": True},
        "encoding": {"x": {"field": quarter, "type": "ordinal", "sort": None},
                     "y": {"field": t("policy.trends.net"), "type": "quantitative"}},
    }
    st.vega_lite_chart({"height": 320, "layer": [bars, line]}, width="stretch", height=560)
    st.caption(t("policy.trends.legend"))
    if trend.undated:
        st.caption(t("policy.trends.undated", n=trend.undated))
    with st.expander(t("policy.trends.table")):
        st.dataframe(localized(net, lang), hide_index=True, width="stretch", key="policy.trends.net")
        downloads(net, t("policy.trends.file"), key="policy.trends",
                  sheets={t("policy.trends.table"): net, t("policy.trends.added"): trend.wide("added").reset_index(),
                          t("policy.trends.removed"): trend.wide("removed").reset_index()})


def _reports() -> list:
    """Every resident's report, for counting (a minute old at most); none when the store cannot be read."""
    try:
        return load_reports(open_reports().describe())
    except UserFacingError:
        return []


def reports_section(data: Dataset, registrations: pd.DataFrame, filters: Filters) -> None:
    """What residents report, counted per kind and per neighbourhood: never a text, an address or an exact spot."""
    lang = current_lang()
    st.subheader(t("policy.reports.title"))
    st.write(t("policy.reports.intro"))
    found = _reports()
    if not found:
        st.caption(t("policy.reports.none"))
        return
    cols = st.columns(len(KINDS))
    for col, kind in zip(cols, KINDS, strict=True):
        col.metric(t(f"policy.reports.kind.{kind}"), fmt_number(sum(r.kind == kind for r in found)))
    missing = missing_cells(found)
    if missing:
        st.caption(t("policy.reports.missing", n=len(missing)))
    table = per_neighbourhood(found, data.neighbourhoods)
    table["name"] = [name if code else t("policy.reports.outside") for code, name in zip(table["code"],
                                                                                         table["name"], strict=True)]
    table = table.rename(columns={"code": t("policy.reports.col.code"), "name": t("policy.reports.col.name"),
                                  "total": t("policy.reports.col.total"),
                                  **{k: t(f"policy.reports.kind.{k}") for k in KINDS}})
    st.dataframe(localized(table, lang), hide_index=True, width="stretch", key="policy.reports.table")
    downloads(table, t("policy.reports.file"), key="policy.reports")


SECTIONS = {"principles": principles, "hotspots": hotspots_section, "coverage": coverage_section, "trends": trends,
            "reports": reports_section}
