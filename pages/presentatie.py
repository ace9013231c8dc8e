"""Presentation mode for a projector: one neighbourhood per view in large type, with next and previous."""

from html import escape

import streamlit as st

from geo.choropleth import format_value
from geo.factsheet import find_code, neighbourhood_facts, step_code
from ui.i18n import current_lang, t
from ui.loaders import dataset, neighbourhood_tables
from ui.widgets import neighbourhood_map

BUURT, OVERVIEW = "pages/buurt.py", "pages/buurten.py"
MAP_KEY, MAP_HEIGHT = "present.map", 730

# Page-scoped: this CSS exists only while this page runs. No sidebar, header, navigation or language
# switch; big type and strong contrast, readable from the back of a hall at 1920x1080.
st.html("""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] {
  display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 2.5rem 1rem !important; max-width: 100% !important; }
/* Keyboard-shortcut hints inside the buttons: full contrast against the button (WCAG 1.4.3). */
button kbd { opacity: 1 !important; color: inherit !important; background: transparent !important;
  border-color: currentColor !important; }
[data-testid="stMain"] { background: #ffffff; color: #000000; }
[data-testid="stMainBlockContainer"] > div > div > [data-testid="stHorizontalBlock"]:first-of-type:has(
  [data-testid="stButtonGroup"]) { display: none !important; }
.zb-present h1 { font-size: 4.2rem; line-height: 1.05; margin: 0 0 .2rem; color: #000; font-weight: 800; }
.zb-present .zb-sub { font-size: 1.7rem; color: #222; margin: 0; }
.zb-present .zb-text { font-size: 1.75rem; line-height: 1.35; color: #000; margin: 1.4rem 0 0; }
.zb-figures { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem 2.5rem; margin-top: .5rem; }
.zb-figure .zb-n { font-size: 5.2rem; font-weight: 800; line-height: 1; color: #08306b; }
.zb-figure .zb-what { font-size: 1.8rem; color: #000; }
.zb-figure .zb-city { font-size: 1.5rem; color: #333; }
.zb-demo { font-size: 1.1rem; margin-left: 1rem; background: #fff3cd; border: 2px solid #8a6d00;
  padding: .3rem .8rem; display: inline-block; }
[data-testid="stBaseButton-secondary"], [data-testid="stBaseButton-primary"] {
  font-size: 1.6rem !important; min-height: 3.6rem; padding: .4rem 1.6rem !important; }
[data-testid="stBaseButton-secondary"] p, [data-testid="stBaseButton-primary"] p { font-size: 1.6rem !important; }
.zb-position { font-size: 1.6rem; text-align: center; color: #000; }
</style>""")

lang = current_lang()
data = dataset()
summaries, city, members = neighbourhood_tables(data)
order = data.neighbourhoods["code"].astype(str).tolist()
code = find_code(data.neighbourhoods, st.query_params.get("code"))


def go(step: int) -> None:
    # From the code in the URL at the moment of the press, not from this run's neighbours: a press
    # while the page is still redrawing runs the previous run's callback (issue: PageUp after
    # "Volgende" jumped to the last neighbourhood instead of back to the first).
    here = find_code(data.neighbourhoods, st.query_params.get("code"))
    st.query_params["code"] = step_code(order, here, step)


if code is None and (st.query_params.get("code") or not order):
    # A wrong or hostile code in a link: say so and offer the way back, never show it or fail.
    st.error(t("buurt.unknown"), icon=":material/error:")
    st.page_link(OVERVIEW, label=t("buurt.back"), icon=":material/arrow_back:", query_params={"lang": lang})
    st.stop()
code = code or order[0]  # no code at all: start at the first neighbourhood

facts = neighbourhood_facts(data, code, summaries=summaries, city=city, members=members)
s = facts.summary
i = order.index(code)

figures = [
    (format_value(s.total, lang, 0), t("present.registrations"), None),
    (format_value(s.personal_data, lang, 0), t("present.personal"), None),
    (format_value(s.per_km2, lang), t("present.per_km2"), format_value(city.per_km2, lang)),
    (format_value(s.per_1000_residents, lang), t("present.per_1000"), format_value(city.per_1000_residents, lang)),
]
figure_html = "".join(
    f"<div class='zb-figure'><div class='zb-n'>{escape(n)}</div><div class='zb-what'>{escape(what)}</div>"
    + (f"<div class='zb-city'>{escape(t('present.city', value=c))}</div>" if c else "") + "</div>"
    for n, what, c in figures)
subtitle = data.municipality + " · " if data.municipality else ""
demo = f"<span class='zb-demo'>{escape(t('demo.banner').replace('**', ''))}</span>" if data.is_demo else ""

# Register text is escaped HTML: shown exactly as written, never as markup.
st.html(f"<div class='zb-present'><h1>{escape(facts.name)}</h1>"
        f"<p class='zb-sub'>{escape(subtitle + code)} {demo}</p></div>")


left, right = st.columns([11, 9], gap="large")
with left:
    neighbourhood_map(data, facts, key=MAP_KEY, height=MAP_HEIGHT, width_px=1000)
with right:
    st.html(f"<div class='zb-present'><div class='zb-figures'>{figure_html}</div>"
            f"<p class='zb-text'>{escape(s.text(lang))}</p></div>")

nav = st.columns([1, 1, 1, 1], vertical_alignment="center")
with nav[0]:
    st.button(t("present.prev"), icon=":material/arrow_back:", on_click=go, args=(-1,), key="present.prev",
              shortcut="PageUp", width="stretch")
with nav[1]:
    st.html(f"<p class='zb-position'>{escape(t('present.position', i=i + 1, n=len(order)))}</p>")
with nav[2]:
    st.button(t("present.next"), icon=":material/arrow_forward:", on_click=go, args=(1,),
              key="present.next", shortcut="PageDown", width="stretch", type="primary")
with nav[3]:
    if st.button(t("present.exit"), icon=":material/close:", key="present.exit", shortcut="Esc", width="stretch"):
        st.switch_page(BUURT, query_params={"code": code, "lang": lang})
st.caption(t("present.keys"))
