"""Presentation mode for a projector: one neighbourhood per view in large type, with next and previous."""

from html import escape

import streamlit as st

from geo.facts import neighbourhood_facts, step_code
from geo.presentation import figures_html, side_html
from ui import state, styles
from ui.i18n import current_lang, t
from ui.loaders import dataset, neighbourhood_tables
from ui.widgets import neighbourhood_map

# The map fills the screen down to the buttons (the height is its least) and fits itself to the neighbourhood.
MAP_KEY, MAP_HEIGHT = "present.map", 420

# Page-scoped: this CSS exists only while this page runs.
st.html(styles.style(styles.PRESENT))

lang = current_lang()
data = dataset(lean=True)  # what it shows it asks of geo.store.rows
summaries, city, members = neighbourhood_tables(data)
order = data.neighbourhoods["code"].astype(str).tolist()
asked = state.buurt_state(order)


def go(step: int) -> None:
    # From the code in the URL at the moment of the press, not from this run's neighbours: a press
    # while the page is still redrawing runs the previous run's callback (PageUp after "Volgende"
    # jumped to the last neighbourhood instead of back to the first).
    state.write_buurt(step_code(order, state.buurt_state(order).code, step))


if asked.code is None and (asked.asked or not order):
    # A wrong or hostile code in a link: say so and offer the way back, never show it or fail.
    st.error(t("buurt.unknown"), icon=":material/error:")
    st.page_link(state.OVERVIEW, label=t("buurt.back"), icon=":material/arrow_back:", query_params=state.link())
    st.stop()
code = asked.code or order[0]  # no code at all: start at the first neighbourhood

facts = neighbourhood_facts(data, code, summaries=summaries, city=city, members=members)
subtitle = data.municipality + " · " if data.municipality else ""
demo = f"<span class='zb-demo'>{escape(t('demo.banner.short').replace('**', ''))}</span>" if data.is_demo else ""
# Register text is escaped HTML: shown exactly as written, never as markup.
st.html(f"<div class='zb-present zb-head'><h1>{escape(facts.name)}</h1>"
        f"<p class='zb-sub'>{escape(subtitle + code)} {demo}</p></div>")

st.html(figures_html(facts, lang))
left, right = st.columns([11, 9], gap="large")
with left:
    neighbourhood_map(data, facts, key=MAP_KEY, height=MAP_HEIGHT, width_px=1000, presenting=True)
with right:
    st.html(side_html(facts, lang))

nav = st.columns([1, 1, 1, 1], vertical_alignment="center")
nav[0].button(t("present.prev"), icon=":material/arrow_back:", on_click=go, args=(-1,), key="present.prev",
              shortcut="PageUp", width="stretch")
nav[1].html(f"<p class='zb-position'>{escape(t('present.position', i=order.index(code) + 1, n=len(order)))}</p>")
nav[2].button(t("present.next"), icon=":material/arrow_forward:", on_click=go, args=(1,), key="present.next",
              shortcut="PageDown", width="stretch", type="primary")
if nav[3].button(t("present.exit"), icon=":material/close:", key="present.exit", shortcut="Esc", width="stretch"):
    st.switch_page(state.BUURT, query_params=state.buurt_link(code))
st.caption(t("present.keys"))
