"""The style blocks pages add to Streamlit's own: focus rings, register cards, the detail list, presentation."""

from __future__ import annotations

#: Keyboard focus always visible (WCAG 2.4.7): Streamlit's navigation and page links, checkboxes, and the
#: toolbars of tables and charts show no focus of their own. Primary blue: at least 3:1 against every background used.
FOCUS = """
a:focus-visible, button:focus-visible, summary:focus-visible, [role="tab"]:focus-visible,
[role="button"]:focus-visible, [role="link"]:focus-visible {
  outline: 3px solid #01689B !important; outline-offset: 2px !important; border-radius: 4px;
}
/* Checkboxes and radios hide their input; ring the label instead. */
label:has(input[type="checkbox"]:focus-visible), label:has(input[type="radio"]:focus-visible) {
  outline: 3px solid #01689B; outline-offset: 2px; border-radius: 4px;
}
/* A table takes the focus on its canvas, which shows none: ring the table. */
[data-testid="stDataFrame"]:focus-within { outline: 3px solid #01689B; outline-offset: -1px; }
/* A table's or chart's toolbar shows on hover only; show it too while one of its buttons has the focus. */
[data-testid="stElementToolbar"]:focus-within { opacity: 1 !important; }
/* Less empty space above the page's title, and titles that leave room for the answer on a phone. */
[data-testid="stMainBlockContainer"] { padding-top: 4rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2.1rem; }
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 3.6rem; }
  [data-testid="stMainBlockContainer"] h1 { font-size: 1.55rem; line-height: 1.25; }
}
/* The short demo notice: one line. */
.st-key-demo-short [data-testid="stAlertContainer"] { padding: 0.3rem 0.75rem; }
.st-key-demo-short p { font-size: 0.92rem; }
/* Touch targets of at least 44 by 44 px (WCAG 2.5.5): buttons, tabs, fold-outs, page links, list boxes. */
[data-testid="stExpander"] summary { min-height: 44px; display: flex; align-items: center; }
@media (max-width: 640px) {
  button, [role="tab"], [data-testid="stPageLink"] a, [data-baseweb="select"] > div,
  [data-testid="stTextInputRootElement"], [data-testid="stFileUploaderDropzone"] button { min-height: 44px; }
  [role="tab"] { padding: 0 0.6rem; }
  [data-testid="stCheckbox"] label { min-height: 44px; align-items: center; }
}
/* A closed sidebar is out of sight: out of reach of the keyboard too (Streamlit only slides it away). */
body:has([data-testid="stExpandSidebarButton"][aria-expanded="false"]) [data-testid="stSidebar"],
body:has([data-testid="stExpandSidebarButton"][aria-expanded="false"]) [data-testid="stSidebar"] *,
[data-testid="stSidebar"][data-collapsed="true"], [data-testid="stSidebar"][data-collapsed="true"] * {
  visibility: hidden !important; }
/* ... and no scrollable region without anything to reach in it (axe: scrollable-region-focusable). */
[data-testid="stSidebar"][data-collapsed="true"] [data-testid="stSidebarContent"] { overflow: hidden !important; }
/* The language switch sits in the top bar, at its right end, on every page. */
.st-key-lang-switch { position: fixed; top: 0.55rem; right: 1rem; z-index: 999992; width: auto !important; }
.st-key-lang-switch button { min-height: 40px; }
/* A map that fills the window below it: its frame takes the height zb_map.js works out (L.zbFrame). */
iframe.zb-fill { height: var(--zb-fill) !important; }
/* The component that puts Streamlit's own words in the page's language draws nothing (ui/chrome). */
[data-testid="stElementContainer"]:has(iframe[title$="zb_chrome"]) { display: none; }
"""

#: One registration as a definition list (geo.mapping.registration_card) under its name.
#: The class twice: Streamlit's own rules for dl/dt/dd inside st.html are more specific than one class.
DETAIL = """
dl.zb-detail.zb-detail { margin: 0; padding: 0; font-size: 0.95rem; }
.zb-detail.zb-detail dt { font-weight: 700; margin: 0.6rem 0 0 0; padding: 0; }
.zb-detail.zb-detail dd { margin: 0.1rem 0 0 0; padding: 0; overflow-wrap: anywhere; }
.zb-detail.zb-detail a { color: #01689B; text-decoration: underline; }
.zb-detail-unknown { color: #555; font-style: italic; }
.zb-title.zb-title { margin: 0 0 0.2rem 0; padding: 0; font-size: 1.35rem; line-height: 1.3; overflow-wrap: anywhere; }
.zb-subtitle.zb-subtitle { margin: 0; color: #333; }
"""

#: The map page: a slim header, the map filling the window, the filters in a panel over it (a drawer on a phone), the
#: chosen registration in a panel over the map's right side (a sheet from the bottom on a phone).
MAP = """
[data-testid="stMainBlockContainer"] { padding-top: 3.6rem; padding-bottom: 0.5rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 1.7rem; padding: 0.2rem 0; }
.st-key-map-detail {
  position: fixed; z-index: 1000; background: #fff; color: #1a1a1a; overflow-y: auto; gap: 0.5rem;
  box-shadow: 0 6px 28px rgba(0, 0, 0, 0.3); padding: 0.8rem 1.1rem 1rem;
}
.st-key-map-detail .zb-title { font-size: 1.3rem; line-height: 1.3; margin: 0.2rem 0 0; overflow-wrap: anywhere; }
.zb-tags { margin: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.zb-tag { display: inline-block; padding: 0.15rem 0.6rem; border-radius: 999px; font-weight: 700; font-size: 0.9rem;
  border: 2px solid currentColor; }
.zb-tag-active { color: #1b5e20; background: #e8f5e9; }
.zb-tag-planned { color: #0d47a1; background: #e3f2fd; }
.zb-tag-inactive { color: #424242; background: #eeeeee; }
@media (min-width: 641px) {
  .st-key-map-detail { top: 7.2rem; right: 1.5rem; width: min(430px, 40vw); max-height: calc(100vh - 8.5rem);
    border-radius: 12px; }
  /* The filters open over the map instead of pushing it aside. */
  [data-testid="stSidebar"] { position: fixed !important; left: 0; top: 0; height: 100vh !important;
    max-height: 100vh; z-index: 999991; box-shadow: 4px 0 28px rgba(0, 0, 0, 0.25); }
}
@media (max-width: 640px) {
  .st-key-map-detail { left: 0; right: 0; bottom: 0; max-height: 62vh; border-radius: 16px 16px 0 0; }
  [data-testid="stMainBlockContainer"] h1 { font-size: 1.35rem; }
}
"""

#: Near-me's cards (geo.nearby_text.card_html): wide enough links to tap on a phone, long words wrapped.
CARDS = """
.zb-card { border: 1px solid rgba(128, 128, 128, 0.35); border-radius: 10px; padding: 12px 14px; margin: 0 0 4px;
           overflow-wrap: anywhere; line-height: 1.45; }
.zb-card p { margin: 0 0 6px; }
.zb-card .zb-name { font-weight: 600; font-size: 1.05rem; }
.zb-card .zb-callout { font-weight: 600; color: #01689B; }
.zb-card .zb-warning { color: #8a4b00; }
.zb-card .zb-description { font-size: 0.92rem; opacity: 0.85; }
.zb-card .zb-links { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 0; }
.zb-card .zb-links a { display: inline-flex; align-items: center; min-height: 44px; padding: 0 12px;
                       border: 1px solid rgba(1, 104, 155, 0.45); border-radius: 8px; color: #01689B;
                       text-decoration: none; max-width: 100%; }
.zb-card.zb-looks { border: 2px solid #01689B; }
.zb-card .zb-show { min-height: 44px; padding: 0 12px; border-radius: 8px; border: 1px solid rgba(1, 104, 155, 0.45);
                    background: #fff; color: #01689B; font: inherit; cursor: pointer; }
.zb-card .zb-show:focus-visible { outline: 3px solid #01689B; outline-offset: 2px; }
.zb-card.zb-card-active { border: 3px solid #ffbf00; box-shadow: 0 0 0 2px #1a1a1a; }
.zb-summary { font-size: 1.2rem; font-weight: 700; line-height: 1.4; margin: 0; overflow-wrap: anywhere; }
.zb-summary-more { font-size: 1rem; line-height: 1.45; margin: 0.3rem 0 0; overflow-wrap: anywhere; }
"""

#: Near-me's own controls: tap targets of at least 44 px on a phone (WCAG 2.5.5), scoped by widget key.
NEAR = """
.st-key-near-radius button { min-height: 44px; min-width: 76px; }
.st-key-near-query [data-baseweb="input"] { min-height: 48px; }
[class*="st-key-FormSubmitter-near-search"] button, .st-key-near-more button { min-height: 48px; }
[class*="st-key-near-pick"] button { min-height: 48px; }
.st-key-near-neighbourhood a { min-height: 48px; display: flex; align-items: center; }
"""

#: The start page: the resident's search stands out; the other ways in are large links.
HOME = """
.st-key-home-near { border-left: 6px solid #01689B !important; }
.st-key-home-near h3 { margin-top: 0; }
.st-key-home-way-map a, .st-key-home-way-overview a { min-height: 48px; display: flex; align-items: center;
  border: 1px solid #8a8a8a; border-radius: .5rem; padding: 0 .8rem; }
"""

#: Presentation mode: no sidebar, header, navigation or language switch; big type and strong contrast,
#: readable from the back of a hall at 1920x1080.
PRESENT = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] {
  display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1rem 2.5rem .5rem !important; max-width: 100% !important; }
/* Keyboard-shortcut hints inside the buttons: full contrast against the button (WCAG 1.4.3). */
button kbd { opacity: 1 !important; color: inherit !important; background: transparent !important;
  border-color: currentColor !important; }
[data-testid="stMain"] { background: #ffffff; color: #000000; }
/* The language is the link's: a hall sees one language, and the switch would cover the title. */
.st-key-lang-switch { display: none !important; }
/* Sized by the screen's height: 1280×720 and 1920×1080 both show everything without scrolling. */
.zb-present h1 { font-size: clamp(2.2rem, 7.5vh, 4.6rem); line-height: 1.05; margin: 0; color: #000;
  font-weight: 800; }
.zb-head { display: flex; align-items: baseline; gap: 1.5rem; flex-wrap: wrap; }
.zb-present .zb-sub { font-size: clamp(1.1rem, 2.8vh, 1.7rem); color: #222; margin: 0; }
.zb-figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 1vh 2rem; }
.zb-figure .zb-n { font-size: clamp(2.4rem, 8vh, 5.4rem); font-weight: 800; line-height: 1; color: #08306b; }
.zb-figure .zb-what { font-size: clamp(1.05rem, 2.9vh, 1.8rem); line-height: 1.2; color: #000; }
.zb-figure .zb-city { font-size: clamp(.95rem, 2.4vh, 1.5rem); color: #333; }
.zb-present h2 { font-size: clamp(1rem, 2.6vh, 1.6rem); margin: 1.6vh 0 .4vh; padding: 0; color: #000;
  font-weight: 700; }
.zb-legend ul { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: 1fr 1fr;
  gap: .3vh 1.5rem; }
.zb-legend li { display: flex; align-items: center; gap: .6rem; font-size: clamp(.95rem, 2.5vh, 1.55rem);
  line-height: 1.2; margin: 0; color: #000; }
.zb-legend li svg { width: clamp(1.3rem, 3.4vh, 2.1rem); height: clamp(1.3rem, 3.4vh, 2.1rem); flex: none; }
.zb-legend .zb-swatch { width: clamp(1rem, 2.8vh, 1.7rem); height: clamp(1rem, 2.8vh, 1.7rem); flex: none;
  border-radius: 4px; border: 1px solid #1a1a1a; }
.zb-legend .zb-count { font-weight: 800; min-width: 2.2em; text-align: right; }
.zb-legend ul.zb-chips { display: flex; flex-wrap: wrap; gap: .3vh 1.4rem; }
.zb-legend .zb-chips li { gap: .4rem; }
.zb-legend .zb-chips .zb-count { min-width: 0; }
.zb-flags { border-left: .5rem solid #b3261e; padding: .2vh 0 .2vh 1rem; margin-bottom: 1vh; }
.zb-side h2:first-child, .zb-flags h2 { margin-top: 0; }
.zb-flags ul { margin: 0; padding: 0; list-style: none; }
.zb-flags li { font-size: clamp(1rem, 2.7vh, 1.6rem); line-height: 1.3; color: #000; margin: 0; }
.zb-demo { font-size: clamp(.95rem, 2.2vh, 1.2rem); margin-left: .5rem; background: #fff3cd; border: 2px solid #8a6d00;
  padding: .3rem .8rem; display: inline-block; }
[data-testid="stBaseButton-secondary"], [data-testid="stBaseButton-primary"] {
  font-size: 1.4rem !important; min-height: 3rem; padding: .3rem 1.4rem !important; }
[data-testid="stBaseButton-secondary"] p, [data-testid="stBaseButton-primary"] p { font-size: 1.4rem !important; }
.zb-position { font-size: 1.4rem; text-align: center; color: #000; margin: 0; }
/* A small projector (1280×720, 1366×768): tighter lines, so that the legend fits beside the map. */
@media (max-height: 820px) {
  .zb-figure .zb-n { font-size: 7vh; }
  .zb-figure .zb-city { display: inline; margin-left: .2rem; }
  .zb-figure .zb-what { display: inline; }
  .zb-figure .zb-what + .zb-city::before { content: "· "; }
  .zb-legend li, .zb-flags li { font-size: max(.9rem, 2.3vh); line-height: 1.15; }
  .zb-legend li svg { width: 1.2rem; height: 1.2rem; }
  .zb-legend .zb-swatch { width: 1rem; height: 1rem; }
  .zb-present h2 { font-size: max(1rem, 2.4vh); margin: .8vh 0 .3vh; }
  .zb-legend ul { gap: 0 1rem; }
}
/* A redraw must not dim the hall's screen. */
[data-stale="true"] { opacity: 1 !important; }
"""

#: The sensor page (/sensor), made for a phone that just scanned a sign: large, calm type; the status as a tag.
SENSOR = """
[data-testid="stMainBlockContainer"] { padding-top: 3.6rem; }
.zb-sensor-title.zb-sensor-title { font-size: 1.6rem; line-height: 1.25; margin: 0 0 0.3rem; padding: 0;
  overflow-wrap: anywhere; }
.zb-sensor .zb-detail.zb-detail { font-size: 1.05rem; }
.zb-sensor .zb-detail.zb-detail dt { margin-top: 0.45rem; }
.zb-sensor p, .zb-sensor-more p { overflow-wrap: anywhere; }
.zb-sensor-more a, .zb-sensor a { color: #01689B; text-decoration: underline; }
.zb-tags { margin: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.zb-tag { display: inline-block; padding: 0.15rem 0.6rem; border-radius: 999px; font-weight: 700; font-size: 0.9rem;
  border: 2px solid currentColor; }
.zb-tag-active { color: #1b5e20; background: #e8f5e9; }
.zb-tag-planned { color: #0d47a1; background: #e3f2fd; }
.zb-tag-inactive { color: #424242; background: #eeeeee; }
"""


def style(*blocks: str) -> str:
    """The blocks as one <style> element, for st.html."""
    return "<style>" + "".join(blocks) + "</style>"


def menu_css(label: str) -> str:
    """On a phone Streamlit folds the navigation into the sidebar behind a bare arrow: give that button a word.

    `label` is the page's word for "menu"; it is the text table's, so it is quoted as CSS text."""
    word = label.replace("\\", "\\\\").replace('"', '\\"')
    return f"""
[data-testid="stExpandSidebarButton"]::after {{ content: "{word}"; font-weight: 600; margin-left: .35rem;
  font-size: 1rem; }}
[data-testid="stExpandSidebarButton"] {{ min-height: 44px; min-width: 44px; padding: 0 .6rem; width: auto; }}
"""
