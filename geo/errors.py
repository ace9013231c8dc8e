"""Errors that reach a person: one clear sentence in Dutch and in English, never a traceback."""

from __future__ import annotations


class UserFacingError(ValueError):
    """An input that cannot be used at all, explained in both languages."""

    def __init__(self, message_nl: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_nl = message_nl
        self.message_en = message_en

    def message(self, lang: str) -> str:
        return self.message_nl if lang == "nl" else self.message_en

    def __str__(self) -> str:
        return f"{self.message_nl}\n{self.message_en}"


class RegisterReadError(UserFacingError):
    """A register file that cannot be read at all."""
