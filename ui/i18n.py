"""The session's language, and the text table (geo.text) bound to it: t(key) and the number and date formats."""

from __future__ import annotations

from datetime import date, datetime

from geo.text import DEFAULT_LANG, LANGS, day, number, text
from ui import state

__all__ = ("DEFAULT_LANG", "LANGS", "current_lang", "fmt_date", "fmt_number", "t")


def current_lang() -> str:
    """The language of this session: the `lang` widget, else the URL, else the default."""
    return state.lang()


def t(key: str, lang: str | None = None, **params: object) -> str:
    """The text for `key` (geo.text.TEXT) in the session's language (or `lang`), with `{params}` filled in.

    Pass `lang` from a format_func or callback: Streamlit may call those outside the page's run.
    """
    return text(key, lang or current_lang(), **params)


def fmt_number(value: float | None, lang: str | None = None, digits: int | None = 0) -> str:
    """A number as the session's language writes it: 1.965 in Dutch, 1,965 in English."""
    return number(value, lang or current_lang(), digits)


def fmt_date(value: date | datetime, lang: str | None = None) -> str:
    """A date in words: 28 november 2026 / 28 November 2026."""
    return day(value, lang or current_lang())
