"""One neighbourhood: map, plain-language summary, figures beside the city's, charts, flags, every registration."""

from html import escape

import pandas as pd
import streamlit as st

from geo.changes import in_neighbourhood, items_html, sentence
from geo.facts import counted, neighbourhood_facts, registration_table
from geo.factsheet import factsheet_filename, factsheet_pdf
from geo.feeds import FEEDS_PATH, feed_filename
from geo.signs import board_filename, board_pdf
from ui import state
from ui.i18n import current_lang, fmt_number, t
from ui.loaders import dataset, feeds, last_import, neighbourhood_tables
from ui.widgets import bar_chart, demo_banner, neighbourhood_choice, neighbourhood_map

MAP_KEY, MAP_HEIGHT = "buurt.map", 520
CHART_FIELDS = ("sensor_type", "purpose", "data_types", "legal_basis")

lang = current_lang()
data = dataset(lean=True)  # what it shows it asks of geo.store.rows
summaries, city, members = neighbourhood_tables(data)
asked = state.buurt_state(data.neighbourhoods["code"].astype(str).tolist())
if asked.code is None:
    st.title(t("nav.buurt"))
    if asked.asked:  # a wrong or hostile code in a link: say so, never show it back or fail
        st.error(t("buurt.unknown"), icon=":material/error:")
    else:
        st.write(t("buurt.choose"))
    neighbourhood_choice(data, key="buurt.pick")
    st.page_link(state.OVERVIEW, label=t("buurt.back"), icon=":material/arrow_back:", query_params=state.link())
    st.stop()
code = asked.code

facts = neighbourhood_facts(data, code, summaries=summaries, city=city, members=members)
s = facts.summary
top = st.columns([3, 1, 1, 1], vertical_alignment="center")
top[0].page_link(state.OVERVIEW, label=t("buurt.back"), icon=":material/arrow_back:", query_params=state.link())
top[1].page_link(state.PRESENT, label=t("buurt.present"), icon=":material/slideshow:", help=t("buurt.present.help"),
                 query_params=state.buurt_link(code))
# Made on click only: a PDF of a busy neighbourhood takes a second or two.
top[2].download_button(t("buurt.download"), data=lambda: factsheet_pdf(facts, lang),
                       file_name=factsheet_filename(code, lang), mime="application/pdf",
                       icon=":material/picture_as_pdf:", help=t("buurt.download.help"), key="buurt.download",
                       on_click="ignore")
top[3].download_button(t("buurt.board"), data=lambda: board_pdf(facts, lang), file_name=board_filename(code, lang),
                       mime="application/pdf", icon=":material/signpost:", help=t("buurt.board.help"),
                       key="buurt.board", on_click="ignore")

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
    c1.metric(t("buurt.total"), fmt_number(s.total))
    c2.metric(t("buurt.personal"), fmt_number(s.personal_data))
    c1.metric(t("buurt.per_km2"), fmt_number(s.per_km2, digits=None), delta_color="off", delta_arrow="off",
              delta=t("buurt.city", value=fmt_number(city.per_km2, digits=None)))
    c2.metric(t("buurt.per_1000"), fmt_number(s.per_1000_residents, digits=None), delta_color="off",
              delta_arrow="off", delta=t("buurt.city", value=fmt_number(city.per_1000_residents, digits=None)))

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
        t("buurt.flag.col"): [", ".join(t(f"reason.{k}") for k in keys) for keys in flagged["flags"]],
    }), hide_index=True, width="stretch", key="buurt.flagged")

found = last_import(data)
if found is not None:
    st.subheader(t("changes.buurt"))
    here = in_neighbourhood(found, code)
    st.write(sentence(here, lang))
    listed = items_html(here, found, lang)
    if listed:  # register text, escaped by geo.changes: never Markdown
        st.html(listed)
if feeds(data):
    st.markdown(f":material/rss_feed: [{t('feed.link.buurt')}]({FEEDS_PATH}/{feed_filename(lang, code)})")

st.subheader(t("buurt.list", n=len(facts.registrations)))
if facts.registrations.empty:
    st.info(t("buurt.empty"))
else:
    table = registration_table(facts.registrations, lang)
    table.columns = [t(f"buurt.col.{c}") for c in table.columns]
    st.dataframe(table, hide_index=True, width="stretch", key="buurt.table",
                 column_config={t("buurt.col.personal_data"): st.column_config.CheckboxColumn()})
