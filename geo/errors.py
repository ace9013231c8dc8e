"""Errors that reach a person: one clear sentence in Dutch and in English, never a traceback."""

from __future__ import annotations

from geo.text import LANGS, text


class UserFacingError(ValueError):
    """An input that cannot be used at all, explained in the visitor's language.

    The sentence is a key of the text table (geo.text.TEXT) with its parameters, put in words when shown.

    >>> err = UserFacingError("error.register.empty")
    >>> err.message("en")
    'The file is empty.'
    """

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(text(key, LANGS[-1], **params))

    def message(self, lang: str) -> str:
        return text(self.key, lang, **self.params)

    def __str__(self) -> str:
        return "\n".join(self.message(lang) for lang in LANGS)


class RegisterReadError(UserFacingError):
    """A register file that cannot be read at all."""
