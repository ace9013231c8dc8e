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
.zb-summary { font-size: 1.15rem; font-weight: 600; line-height: 1.4; margin: 0; overflow-wrap: anywhere; }
"""

#: Near-me's own controls: tap targets of at least 44 px on a phone (WCAG 2.5.5), scoped by widget key.
NEAR = """
.st-key-near-radius button { min-height: 44px; min-width: 76px; }
.st-key-near-query [data-baseweb="input"] { min-height: 48px; }
[class*="st-key-FormSubmitter-near-search"] button, .st-key-near-more button { min-height: 48px; }
[class*="st-key-near-pick"] button { min-height: 48px; }
.st-key-near-neighbourhood a { min-height: 48px; display: flex; align-items: center; }
"""

#: Presentation mode: no sidebar, header, navigation or language switch; big type and strong contrast,
#: readable from the back of a hall at 1920x1080.
PRESENT = """
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
