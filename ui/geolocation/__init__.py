"""A button that asks the browser for the device's location, only when pressed: Zichtbaar's own tiny component."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit.components.v1 as components

# A local component (index.html next to this file): no third-party package, nothing fetched from outside.
_component = components.declare_component("zichtbaar_geolocation", path=str(Path(__file__).parent))


def geolocation_button(key: str, *, label: str, busy: str, denied: str, unavailable: str, timeout: str,
                       unsupported: str, lang: str, on_change: Callable[[], None] | None = None) -> dict | None:
    """Draw the button; return the last position the resident shared, or None.

    Returns
    -------
    {"lat", "lon", "accuracy" (metres), "at" (ms timestamp: a new one for every press)} or None.
    The texts are shown inside the button's frame (busy, and why it failed). `on_change` runs, before the
    page, when a new position arrives.
    """
    value = _component(key=key, default=None, on_change=on_change, label=label, busy=busy, denied=denied,
                       unavailable=unavailable, timeout=timeout, unsupported=unsupported, lang=lang)
    return value if isinstance(value, dict) else None
