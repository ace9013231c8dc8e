"""The start page: a resident's question first (what is measured where I am?), the other ways in, then the
register's figures for everyone who wants the whole picture."""

import streamlit as st

from geo.changes import sentence
from geo.choropleth import classify, measure_values
from geo.export import localized
from geo.feeds import FEEDS_PATH, feed_filename
from geo.principles import FLAG_REASONS, flag_frame
from geo.summary import type_counts
from ui import near_page as near
from ui import state, styles
from ui.i18n import current_lang, fmt_date, fmt_number, t
from ui.loaders import dataset, feeds, last_import, neighbourhood_tables, warm
from ui.widgets import choropleth_map, demo_banner, neighbourhood_choice

lang = current_lang()
near.open_when_chosen()  # an address found or a location given: near-me opens there, before anything is drawn
data = dataset(lean=True)  # what it shows it asks of geo.store.rows
warm(data)  # the map's pieces, made while this page is read (and by the start-up check, docs/deploy.md)
reg = data.registrations

st.html(styles.style(styles.HOME))
st.title(t("app.title") + (f": {data.municipality}" if data.municipality else ""))
st.markdown(f"**{t('app.tagline')}**")
demo_banner(data, short=True)
notice = near.notice()
if notice:
    st.warning(notice, icon=":material/info:")

with st.container(border=True, key="home-near"):
    st.subheader(t("home.near.title"), anchor=False)
    st.write(t("home.near.help"))
    near.place_search(lang)
    st.caption(t("near.privacy"))

ways, city_map = st.columns([2, 3], gap="large")
with ways:
    st.markdown(f"#### {t('home.go')}")
    with st.container(key="home-way-map"):
        st.page_link(state.MAP, label=t("home.go.map"), icon=":material/map:", query_params=state.link(),
                     width="stretch")
    with st.container(key="home-way-overview"):
        st.page_link(state.OVERVIEW, label=t("home.go.overview"), icon=":material/apartment:",
                     query_params=state.link(), width="stretch")
    neighbourhood_choice(data, key="home.buurt")
with city_map:
    inside = [s for s in neighbourhood_tables(data)[0] if s.code is not None]
    if inside:
        st.markdown(f"#### {t('home.city_map')}")
        values = measure_values(inside, "count")
        choropleth_map(data, inside, values, classify(values), "count", key="home.map", height=360, width_px=560)
        st.caption(t("overview.map.hint"))

st.write(t("home.intro"))
st.subheader(t("home.figures"))
cols = st.columns(4)
cols[0].metric(t("home.total"), fmt_number(len(reg)))
cols[1].metric(t("home.personal"), fmt_number(int(reg["personal_data"].sum())))
cols[2].metric(t("home.owners"), fmt_number(reg["owner"].nunique()))
cols[3].metric(t("home.neighbourhoods"), fmt_number(len(data.neighbourhoods)))

left, right = st.columns(2)
with left:
    st.markdown(f"#### {t('home.by_type')}")
    st.dataframe(localized(type_counts(reg, lang), lang), hide_index=True, width="stretch")
with right:
    st.markdown(f"#### {t('home.flags')}")
    st.caption(t("home.flags.help"))
    flags = flag_frame(reg).sum()
    for reason in FLAG_REASONS:
        st.markdown(f":orange[:material/warning:] **{fmt_number(int(flags[reason]))}** · {t(f'reason.{reason}')}")

found = last_import(data)
if found is not None:
    st.subheader(t("changes.home"))
    st.write(sentence(found.changes, lang))
if feeds(data):
    st.markdown(f":material/rss_feed: [{t('feed.link')}]({FEEDS_PATH}/{feed_filename(lang)})")

if data.updated:
    st.caption(t("home.updated", date=fmt_date(data.updated)) + " " + t("home.source", source=data.source))
with st.expander(t("home.principles")):
    st.markdown(t("home.principles.text"))
st.caption(t("home.privacy"))
