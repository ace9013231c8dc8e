"""One neighbourhood: map, plain-language summary, figures beside the city's, charts, flags, every registration."""

from html import escape

import altair as alt
import pandas as pd
import streamlit as st

from geo.choropleth import format_value
from geo.factsheet import (
    counted,
    factsheet_filename,
    factsheet_pdf,
    find_code,
    neighbourhood_facts,
    registration_table,
)
from geo.flags import FLAGS
from ui.i18n import current_lang, t
from ui.loaders import dataset, neighbourhood_tables
from ui.widgets import demo_banner, neighbourhood_map

OVERVIEW, PRESENT = "pages/buurten.py", "pages/presentatie.py"
MAP_KEY, MAP_HEIGHT = "buurt.map", 520
CHART_FIELDS = ("sensor_type", "purpose", "data_types", "legal_basis")

lang = current_lang()
data = dataset()
summaries, city, members = neighbourhood_tables(data)
asked = st.query_params.get("code")
code = find_code(data.neighbourhoods, asked)

if code is None:
    st.title(t("nav.buurt"))
    if asked:
        # A wrong or hostile code in a link: say so, never show it back or fail.
        st.error(t("buurt.unknown"), icon=":material/error:")
    else:
        st.write(t("buurt.choose"))
    names = dict(zip(data.neighbourhoods["code"].astype(str), data.neighbourhoods["name"].astype(str), strict=True))
    picked = st.selectbox(t("overview.pick"), list(names), index=None, format_func=names.get,
                          placeholder=t("overview.pick.placeholder"), key="buurt.pick")
    if picked:
        st.query_params["code"] = picked
        st.rerun()
    st.page_link(OVERVIEW, label=t("buurt.back"), icon=":material/arrow_back:", query_params={"lang": lang})
    st.stop()

facts = neighbourhood_facts(data, code, summaries=summaries, city=city, members=members)
s = facts.summary

top = st.columns([3, 1, 1, 1], vertical_alignment="center")
with top[0]:
    st.page_link(OVERVIEW, label=t("buurt.back"), icon=":material/arrow_back:", query_params={"lang": lang})
with top[1]:
    st.page_link(PRESENT, label=t("buurt.present"), icon=":material/slideshow:", help=t("buurt.present.help"),
                 query_params={"code": code, "lang": lang})
with top[2]:
    # Made on click only: a PDF of a busy neighbourhood takes a second or two.
    st.download_button(t("buurt.download"), data=lambda: factsheet_pdf(facts, lang),
                       file_name=factsheet_filename(code, lang), mime="application/pdf",
                       icon=":material/picture_as_pdf:", help=t("buurt.download.help"), key="buurt.download",
                       on_click="ignore")

# The name is register data: escaped HTML, never Markdown, so it shows exactly as written.
subtitle = (t("buurt.subtitle", municipality=data.municipality, code=code) if data.municipality
            else t("buurt.subtitle.nomun", code=code))
st.html(f"<h1 class='zb-buurt-title' style='margin:0'>{escape(facts.name)}</h1>"
        f"<p style='margin:0;opacity:.75'>{escape(subtitle)}</p>")
demo_banner(data)


left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(t("buurt.map"))
    neighbourhood_map(data, facts, key=MAP_KEY, height=MAP_HEIGHT, width_px=640)
    st.caption(t("buurt.map.label"))
with right:
    st.subheader(t("buurt.summary"))
    st.html(f"<p class='zb-summary' style='font-size:1.1rem;line-height:1.6'>{escape(s.text(lang))}</p>")
    st.subheader(t("buurt.figures"))
    c1, c2 = st.columns(2)
    c1.metric(t("buurt.total"), format_value(s.total, lang, 0))
    c2.metric(t("buurt.personal"), format_value(s.personal_data, lang, 0))
    c1.metric(t("buurt.per_km2"), format_value(s.per_km2, lang),
              delta=t("buurt.city", value=format_value(city.per_km2, lang)), delta_color="off", delta_arrow="off")
    c2.metric(t("buurt.per_1000"), format_value(s.per_1000_residents, lang),
              delta=t("buurt.city", value=format_value(city.per_1000_residents, lang)), delta_color="off",
              delta_arrow="off")


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


if s.total:
    cols = st.columns(2, gap="large")
    for i, field in enumerate(CHART_FIELDS):
        with cols[i % 2]:
            st.subheader(t(f"buurt.by.{field}"))
            st.altair_chart(bar_chart(counted(s, field, lang)), width="stretch", key=f"buurt.chart.{field}")

st.subheader(t("buurt.flags"))
flagged = facts.flagged
if flagged.empty:
    st.success(t("buurt.flags.none"), icon=":material/check_circle:")
else:
    st.dataframe(pd.DataFrame({
        t("buurt.col.name"): flagged["name"],
        t("buurt.flag.col"): [", ".join(FLAGS[k][0 if lang == "nl" else 1] for k in keys) for keys in flagged["flags"]],
    }), hide_index=True, width="stretch", key="buurt.flagged")

st.subheader(t("buurt.list", n=format_value(len(facts.registrations), lang, 0)))
if facts.registrations.empty:
    st.info(t("buurt.empty"))
else:
    table = registration_table(facts.registrations, lang)
    table.columns = [t(f"buurt.col.{c}") for c in table.columns]
    st.dataframe(table, hide_index=True, width="stretch", key="buurt.table",
                 column_config={t("buurt.col.personal_data"): st.column_config.CheckboxColumn()})
