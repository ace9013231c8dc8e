"""Wat wordt hier gemeten?: a resident picks a place and sees what is measured around it, nearest first."""

import html

import streamlit as st

from geo.nearby import neighbourhood_at, summarise_nearby
from geo.nearby_text import card, card_html, summary_parts
from geo.viewstate import RADII
from ui import near_page as near
from ui import state, styles
from ui.i18n import current_lang, t
from ui.loaders import dataset, nearby
from ui.report_form import report_form
from ui.widgets import demo_banner

lang = current_lang()
data = dataset(lean=True)  # what it shows it asks of geo.store.rows
spot, radius = near.where()
found = nearby(data, spot, radius) if spot else None
more: list[str] = []


st.html(styles.style(styles.NEAR, styles.CARDS))
st.title(t("nav.near"))
notice = near.notice()
if notice:
    st.warning(notice, icon=":material/info:")
if spot is None:
    st.write(t("near.intro"))
    demo_banner(data, short=True)
    near.place_search(lang)
else:
    # The answer first: what is measured here, in one sentence; then the map and the cards side by side.
    # The label comes from the geocoder and the name from the neighbourhood file: both shown literally.
    demo_banner(data, short=True)
    if st.session_state.get(near.LABEL):
        st.text(t("near.place", place=st.session_state[near.LABEL]))
    answer, *more = summary_parts(summarise_nearby(found, radius), lang)
    st.html(f'<p class="zb-summary">{html.escape(answer)}</p>')

radius_col, other_col = st.columns([1, 1], vertical_alignment="bottom")
radius_col.segmented_control(t("near.radius"), options=list(RADII), key=near.RADIUS, required=True,
                             format_func=lambda r: t("near.radius.option", lang, r=r), on_change=near.on_radius)
if spot is not None:
    with other_col.expander(t("near.other_place"), icon=":material/edit_location_alt:"):
        near.place_search(lang)
map_col, list_col = st.columns([3, 2], gap="medium")
with map_col:
    with st.container(key="near-map"):
        near.draw_map(data, spot, radius, found)
    st.caption(t("near.map.hint") if spot is None else t("near.legend"))
with list_col:
    if spot is None:
        st.info(t("near.pick"), icon=":material/touch_app:")
    elif more:
        st.html(f'<p class="zb-summary-more">{html.escape(" ".join(more))}</p>')
    if spot is not None and len(found):
        st.subheader(t("near.list"), anchor=False)
        shown = st.session_state.get(near.SHOWN, near.PAGE)
        with st.container(key="near-cards"):
            st.html("".join(card_html(card(row, lang), state.sensor_href(str(row["id"])))
                            for _, row in found.head(shown).iterrows()))
            if len(found) > shown:
                st.button(t("near.more", shown=shown, total=len(found)), key="near.more", on_click=near.on_more,
                          width="stretch")
    if spot is not None:
        at = neighbourhood_at(data.neighbourhoods, spot)
        if at:
            with st.container(key="near-neighbourhood"):
                st.page_link(state.BUURT, label=t("near.neighbourhood", name=near.md_literal(at[1])),
                             icon=":material/arrow_forward:", query_params=state.buurt_link(at[0]), width="stretch")
        st.caption(t("near.share"))
        report_form(None, spot.lat, spot.lon, key="near.report")

st.caption(t("near.privacy"))
