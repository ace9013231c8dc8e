"""The start page: what Zichtbaar is, and the register's headline figures."""

import streamlit as st

from geo.changes import sentence
from geo.export import localized
from geo.feeds import FEEDS_PATH, feed_filename
from geo.principles import FLAG_REASONS, flag_frame
from geo.summary import type_counts
from ui.i18n import current_lang, fmt_date, fmt_number, t
from ui.loaders import dataset, feeds, last_import
from ui.widgets import demo_banner

lang = current_lang()
data = dataset()
reg = data.registrations

st.title(t("app.title") + (f": {data.municipality}" if data.municipality else ""))
st.markdown(f"**{t('app.tagline')}**")
demo_banner(data)
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
    st.write(sentence(found[0], lang))
if feeds(data):
    st.markdown(f":material/rss_feed: [{t('feed.link')}]({FEEDS_PATH}/{feed_filename(lang)})")

if data.updated:
    st.caption(t("home.updated", date=fmt_date(data.updated)) + " " + t("home.source", source=data.source))
with st.expander(t("home.principles")):
    st.markdown(t("home.principles.text"))
st.caption(t("home.privacy"))
