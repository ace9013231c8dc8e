"""The city overview: every neighbourhood coloured by registrations per km² or per 1,000 residents, and a ranking."""

from html import escape

import streamlit as st
from streamlit_folium import st_folium

from geo.choropleth import (
    MEASURES,
    choices,
    choropleth_collection,
    choropleth_group,
    classify,
    format_value,
    measure_values,
    parse_view,
    ranking,
    text_colour,
    title,
    what_key,
)
from geo.codes import label
from geo.mapping import build_map, fit_view
from ui.assets import ASSETS_URL
from ui.i18n import current_lang, t
from ui.loaders import choropleth_shapes, dataset, neighbourhood_tables
from ui.widgets import demo_banner, map_text

BUURT = "pages/buurt.py"
MAP_KEY = "overview.map"
MAP_HEIGHT = 560

lang = current_lang()
data = dataset()
summaries, city, _ = neighbourhood_tables(data)
inside = [s for s in summaries if s.code is not None]
outside = next((s for s in summaries if s.code is None), None)

st.title(t("overview.title"))
demo_banner(data)
st.write(t("overview.intro"))
st.page_link("pages/presentatie.py", label=t("overview.present"), icon=":material/slideshow:",
             help=t("buurt.present.help"), query_params={"lang": lang})
if not inside:
    st.info(t("overview.empty"))
    st.stop()


def open_buurt(code: str) -> None:
    st.switch_page(BUURT, query_params={"code": code, "lang": lang})


# The choice lives in the URL (measure, what), so a link shows the same map; widgets take it on first run.
measure, field, code = parse_view(st.query_params.get("measure"), st.query_params.get("what"))
options = ["all"] + [what_key("sensor_type", c) for c in choices("sensor_type", inside)] + [
    what_key("purpose", c) for c in choices("purpose", inside)]
st.session_state.setdefault("overview.measure", measure)
if st.session_state.get("overview.what") not in options:
    st.session_state["overview.what"] = what_key(field, code) if what_key(field, code) in options else "all"


def what_label(key: str) -> str:
    # The language is bound here, not looked up: a format_func may run outside the script (AppTest).
    if key == "all":
        return t("overview.what.all", lang)
    f, _, c = key.partition(":")
    return t(f"overview.what.{f}", lang, label=label(f, c, lang))


def legend_rows(classes) -> list[tuple[str, str]]:
    """The legend with the number of neighbourhoods in each class."""
    counts = [*classes.counts, classes.unknown] if classes.unknown else list(classes.counts)
    return [(colour, f"{text} ({t('overview.legend.count1') if n == 1 else t('overview.legend.count', n=n)})")
            for (colour, text), n in zip(classes.legend(lang), counts, strict=True)]


controls = st.columns([2, 3, 3], vertical_alignment="bottom")
with controls[0]:
    measure = st.segmented_control(t("overview.measure"), list(MEASURES), key="overview.measure", required=True,
                                   format_func=lambda m: t(f"overview.measure.{m}", lang))
with controls[1]:
    what = st.selectbox(t("overview.what"), options, key="overview.what", format_func=what_label)
with controls[2]:
    names = {s.code: s.name for s in inside}
    picked = st.selectbox(t("overview.pick"), list(names), index=None, format_func=names.get,
                          placeholder=t("overview.pick.placeholder"), key="overview.pick")
if picked:
    open_buurt(picked)
measure, field, code = parse_view(measure, what)
st.query_params["measure"], st.query_params["what"] = measure, what_key(field, code)

values = measure_values(inside, measure, field, code)
classes = classify(values)
heading = title(measure, lang, field, code)
ranked = ranking(inside, measure, field, code, classes)

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(heading)
    # No base map by default: the colours are the message, and nothing is fetched from outside.
    base_map = build_map(assets=ASSETS_URL, text=map_text(), base="none", height=MAP_HEIGHT,
                         view=fit_view(tuple(data.neighbourhoods.total_bounds), width_px=760, height_px=MAP_HEIGHT))
    layer = choropleth_group(choropleth_collection(inside, choropleth_shapes(data), values, classes, measure, lang))
    clicked = st_folium(base_map, key=MAP_KEY, height=MAP_HEIGHT, use_container_width=True,
                        returned_objects=["last_active_drawing"], feature_group_to_add=layer) or {}
    st.caption(t("overview.map.hint"))
    # The legend states every class; its labels are numbers and fixed words, escaped all the same.
    rows = "".join(
        f"<li style='display:flex;align-items:center;gap:.5rem;margin:.15rem 0'>"
        f"<span style='display:inline-block;width:1.6rem;height:1rem;background:{colour};"
        f"border:1px solid #555'></span><span>{escape(text)}</span></li>"
        for colour, text in legend_rows(classes))
    st.html(f"<div class='zb-legend' role='group' aria-label='{escape(t('overview.legend', title=heading))}'>"
            f"<strong>{escape(t('overview.legend', title=heading))}</strong>"
            f"<ul style='list-style:none;padding:0;margin:.3rem 0'>{rows}</ul></div>")
    st.caption(t("overview.legend.help"))
    if outside is not None and outside.total:
        st.caption(t("overview.outside", n=format_value(outside.total, lang, 0)))

with right:
    st.subheader(t("overview.ranking"))
    st.caption(t("overview.ranking.help"))
    shown = ranked.assign(value=[format_value(v, lang) for v in ranked["value"]])
    table = shown[["rank", "name", "count", "value"]].rename(columns={
        "rank": t("overview.col.rank"), "name": t("overview.col.name"), "count": t("overview.col.count"),
        "value": heading})
    colours = ranked["colour"].tolist()
    styled = table.style.apply(
        lambda col: [f"background-color:{c};color:{text_colour(c)}" for c in colours],
        subset=[heading])
    event = st.dataframe(styled, hide_index=True, width="stretch", key="overview.table", on_select="rerun",
                         selection_mode="single-row", height=min(36 * (len(table) + 1) + 2, 720))
    chosen = event.selection.rows if event else []
    if chosen:
        open_buurt(str(ranked["code"].iloc[chosen[0]]))

# A click on the map opens that neighbourhood; the code is checked against the register, not trusted.
feature = clicked.get("last_active_drawing") or {}
code_clicked = (feature.get("properties") or {}).get("code") if isinstance(feature, dict) else None
if code_clicked in names:
    open_buurt(code_clicked)
