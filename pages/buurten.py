"""The city overview: every neighbourhood coloured by its registrations (counted, per km² or per 1,000 residents),
and a ranking."""


import streamlit as st

from geo.choropleth import choices, classify, measure_values, ranking_table, title
from geo.codes import label
from geo.viewstate import MEASURES, OverviewState
from ui import state
from ui.i18n import current_lang, fmt_number, t
from ui.loaders import dataset, neighbourhood_tables
from ui.widgets import choropleth_map, demo_banner, legend_list

MAP_KEY, MAP_HEIGHT = "overview.map", 560

lang = current_lang()
data = dataset(lean=True)  # what it shows it asks of geo.store.rows
summaries, city, _ = neighbourhood_tables(data)
inside = [s for s in summaries if s.code is not None]
outside = next((s for s in summaries if s.code is None), None)

st.title(t("overview.title"))
demo_banner(data, short=True)
st.write(t("overview.intro"))
st.page_link(state.PRESENT, label=t("overview.present"), icon=":material/slideshow:", help=t("buurt.present.help"),
             query_params=state.link())
if not inside:
    st.info(t("overview.empty"))
    st.stop()


def open_buurt(code: str) -> None:
    st.switch_page(state.BUURT, query_params=state.buurt_link(code))


# The choice lives in the URL (measure, what), so a link shows the same map; the widgets take it on first run.
url = state.overview_state()
options = ["all"] + [f"{f}:{c}" for f in ("sensor_type", "purpose") for c in choices(f, inside)]
st.session_state.setdefault("overview.measure", url.measure)
if st.session_state.get("overview.what") not in options:
    st.session_state["overview.what"] = url.what if url.what in options else "all"


def what_label(key: str) -> str:
    # The language is bound here, not looked up: a format_func may run outside the script (AppTest).
    f, _, c = key.partition(":")
    return t(f"overview.what.{f}", lang, label=label(f, c, lang)) if c else t("overview.what.all", lang)


controls = st.columns([2, 3, 3], vertical_alignment="bottom")
measure = controls[0].segmented_control(t("overview.measure"), list(MEASURES), key="overview.measure", required=True,
                                        format_func=lambda m: t(f"overview.measure.{m}", lang))
what = controls[1].selectbox(t("overview.what"), options, key="overview.what", format_func=what_label)
names = {s.code: s.name for s in inside}
picked = controls[2].selectbox(t("overview.pick"), list(names), index=None, format_func=names.get,
                               placeholder=t("overview.pick.placeholder"), key="overview.pick")
if picked:
    open_buurt(picked)
field, _, code = what.partition(":")
view = OverviewState(measure, field or None, code or None)
state.write_overview(view)

values = measure_values(inside, view.measure, view.field, view.code)
classes = classify(values)
heading = title(view.measure, lang, view.field, view.code)

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(heading)
    choropleth_map(data, inside, values, classes, view.measure, key=MAP_KEY, height=MAP_HEIGHT)
    st.caption(t("overview.map.hint"))
    legend_list(t("overview.legend", title=heading), classes.legend_rows(lang))
    st.caption(t("overview.legend.help"))
    if outside is not None and outside.total:
        st.caption(t("overview.outside", n=fmt_number(outside.total)))

with right:
    st.subheader(t("overview.ranking"))
    st.caption(t("overview.ranking.help"))
    ranked, styled = ranking_table(inside, view.measure, view.field, view.code, classes, lang, heading)
    event = st.dataframe(styled, hide_index=True, width="stretch", key="overview.table", on_select="rerun",
                         selection_mode="single-row", height=min(36 * (len(ranked) + 1) + 2, 720))
    chosen = event.selection.rows if event else []
    if chosen:
        open_buurt(str(ranked["code"].iloc[chosen[0]]))
