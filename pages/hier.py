"""Wat wordt hier gemeten?: a resident picks a place and sees what is measured around it, nearest first."""

import html

import streamlit as st

from geo.nearby import neighbourhood_at, summarise_nearby
from geo.nearby_text import card, card_html, summary_text
from geo.viewstate import RADII
from ui import near_page as near
from ui import state, styles
from ui.geolocation import geolocation_button
from ui.i18n import current_lang, t
from ui.loaders import dataset, nearby
from ui.widgets import demo_banner

lang = current_lang()
data = dataset()
spot, radius = near.where()
found = nearby(data, spot, radius) if spot else None

st.html(styles.style(styles.NEAR, styles.CARDS))
st.title(t("nav.near"))
demo_banner(data)
if spot is None:
    st.write(t("near.intro"))
else:
    # The answer first: a shared link opens on what is measured there.
    # The label comes from the geocoder and the name from the neighbourhood file: both shown literally.
    if st.session_state.get(near.LABEL):
        st.text(t("near.place", place=st.session_state[near.LABEL]))
    st.html(f'<p class="zb-summary">{html.escape(summary_text(summarise_nearby(found, radius), lang))}</p>')
    st.caption(t("near.share"))
    at = neighbourhood_at(data.neighbourhoods, spot)
    if at:
        with st.container(key="near-neighbourhood"):
            st.page_link(state.BUURT, label=t("near.neighbourhood", name=near.md_literal(at[1])),
                         icon=":material/arrow_forward:", query_params=state.buurt_link(at[0]), width="stretch")

with st.form("near.search", clear_on_submit=False, border=False, enter_to_submit=True):
    st.text_input(t("near.search.label"), key=near.QUERY, placeholder=t("near.search.placeholder"),
                  max_chars=120, autocomplete="street-address")
    st.form_submit_button(t("near.search.button"), on_click=near.on_search, icon=":material/search:", width="stretch")
geolocation_button(near.LOCATE, label=t("near.locate.label"), busy=t("near.locate.busy"),
                   denied=t("near.locate.denied"), unavailable=t("near.locate.unavailable"),
                   timeout=t("near.locate.timeout"), unsupported=t("near.locate.unsupported"), lang=lang)
notice = near.notice()
if notice:
    st.warning(notice, icon=":material/info:")
if st.session_state.get(near.SUGGESTIONS):
    st.caption(t("near.search.others"))
    for place_id, label in st.session_state[near.SUGGESTIONS]:
        st.button(near.md_literal(label), key=f"near.pick.{place_id}", on_click=near.on_pick, args=(place_id,),
                  width="stretch")

st.segmented_control(t("near.radius"), options=list(RADII), key=near.RADIUS, required=True,
                     format_func=lambda r: t("near.radius.option", lang, r=r), on_change=near.on_radius)
if spot is None:
    st.info(t("near.pick"), icon=":material/touch_app:")
st.caption(t("near.map.hint"))
near.draw_map(data, spot, radius, found)

if found is not None and len(found):
    st.subheader(t("near.list"), anchor=False)
    shown = st.session_state.get(near.SHOWN, near.PAGE)
    st.html("".join(card_html(card(row, lang)) for _, row in found.head(shown).iterrows()))
    if len(found) > shown:
        st.button(t("near.more", shown=shown, total=len(found)), key="near.more", on_click=near.on_more,
                  width="stretch")

st.caption(t("near.privacy"))
