"""Streamlit's own words in the page's language, and the page's lang attribute: a tiny component of our own.

Streamlit writes its controls' texts in English (the skip link, the sidebar button, a file uploader's
instructions, a table's toolbar). The component (index.html) runs in the app's own origin, replaces those texts
with the text table's `streamlit.*` entries and keeps them replaced as Streamlit redraws. Register text, Markdown,
HTML blocks and tables are never touched.
"""

from __future__ import annotations

from pathlib import Path

import streamlit.components.v1 as components

from geo.text import LANGS, TEXT, text

_component = components.declare_component("zb_chrome", path=str(Path(__file__).parent))

#: Streamlit's texts with a part that varies: (key, the English as a regular expression with groups for the parts).
PATTERNS = (
    ("streamlit.help_for", r"^Help for (.+)$"),
    ("streamlit.per_file", r"^(\S+) per file(.*)$"),
    ("streamlit.drag_drop", r"^Drag and drop (.+) here$"),
    ("streamlit.view_more", r"^View (\d+) more$"),
)


def chrome(lang: str, css: str = "", opens: str | None = None) -> None:
    """Translate Streamlit's own texts on this page into `lang`, set the page's language, and add `css`.

    `opens` names what the sidebar's button opens here (its visible label must be part of its name).
    """
    english = LANGS.index("en")
    exact = [(TEXT[k][english], text(k, lang)) for k in TEXT
             if k.startswith("streamlit.") and k not in {p[0] for p in PATTERNS}]
    if opens:
        exact.append((TEXT["streamlit.expand_sidebar"][english], opens))
    patterns = [(regex, text(key, lang, **{f"p{i}": f"{{{i}}}" for i in (1, 2)})) for key, regex in PATTERNS]
    _component(key="zb_chrome", default=None, lang=lang, exact=exact, patterns=patterns, css=css)
