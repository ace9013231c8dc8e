"""Every visible string of the app, in Dutch and English, behind one function: t(key)."""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st
from babel.dates import format_date
from babel.numbers import format_decimal

LANGS = ("nl", "en")
DEFAULT_LANG = "nl"

#: key -> (Dutch, English). Dutch at B1 level: short sentences, everyday words.
STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("Zichtbaar", "Zichtbaar"),
    "app.tagline": (
        "Welke sensoren en camera's staan er in de openbare ruimte, van wie zijn ze en waarom?",
        "Which sensors and cameras are in public space, who owns them, and why?",
    ),
    "lang.label": ("Taal", "Language"),
    "lang.nl": ("Nederlands", "Nederlands"),
    "lang.en": ("English", "English"),
    "nav.home": ("Start", "Home"),
    "demo.banner": (
        "Dit is een **voorbeeld met verzonnen gegevens**. De gemeente Voorbeeldstad en alle sensoren "
        "hieronder bestaan niet.",
        "This is an **example with made-up data**. The municipality of Voorbeeldstad and all sensors "
        "below do not exist.",
    ),
    "home.intro": (
        "Gemeenten plaatsen camera's en sensoren in de openbare ruimte: op straat, in parken en bij "
        "stations. Ze hebben afgesproken dat u mag weten wat er wordt gemeten, door wie, waarom en op "
        "welke grond. Zichtbaar laat dat zien.",
        "Municipalities place cameras and sensors in public space: in streets, parks and at stations. "
        "They have agreed that you may know what is measured, by whom, why and on what grounds. "
        "Zichtbaar shows you.",
    ),
    "home.figures": ("Het register in cijfers", "The register in figures"),
    "home.total": ("Registraties", "Registrations"),
    "home.personal": ("Verwerken persoonsgegevens", "Process personal data"),
    "home.owners": ("Organisaties", "Organisations"),
    "home.neighbourhoods": ("Buurten", "Neighbourhoods"),
    "home.by_type": ("Per soort sensor", "By sensor type"),
    "home.type": ("Soort", "Type"),
    "home.count": ("Aantal", "Number"),
    "home.flags": ("Wat niet past bij de afspraken", "What does not fit the principles"),
    "home.flags.help": (
        "Deze registraties staan in het register, maar passen niet bij de principes die alle "
        "gemeenten in 2022 hebben afgesproken. We laten ze zien, zodat iedereen ze kan zien.",
        "These registrations are in the register, but do not fit the principles all Dutch "
        "municipalities agreed on in 2022. We show them, so that everyone can see them.",
    ),
    "home.updated": ("Register bijgewerkt op {date}.", "Register last updated on {date}."),
    "home.source": ("Bron: {source}.", "Source: {source}."),
    "home.principles": ("Over de principes", "About the principles"),
    "home.principles.text": (
        "In 2022 hebben alle Nederlandse gemeenten de *Principes voor de digitale samenleving* van de "
        "VNG aangenomen. Techniek in de openbare ruimte moet democratisch besloten worden, publieke "
        "waarde dienen, in een openbaar register staan en actief aan inwoners worden uitgelegd. "
        "Biometrische surveillance, zoals gezichtsherkenning, doen gemeenten voorlopig niet.",
        "In 2022 all Dutch municipalities adopted the VNG *Principles for the digital society*. "
        "Technology in public space needs a democratic decision, must serve public value, must be "
        "listed in a public register and must be actively explained to residents. Biometric "
        "surveillance, such as facial recognition, is excluded for now.",
    ),
    "home.privacy": (
        "Zichtbaar volgt u niet: geen cookies voor statistiek, geen analyse van uw bezoek.",
        "Zichtbaar does not track you: no analytics cookies, no analysis of your visit.",
    ),
    "error.load": (
        "Het register kan nu niet worden geladen. Probeer het later opnieuw.",
        "The register cannot be loaded right now. Please try again later.",
    ),
}


def current_lang() -> str:
    """The language of this session: the `lang` widget, else the URL, else Dutch."""
    lang = st.session_state.get("lang") or st.query_params.get("lang") or DEFAULT_LANG
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str | None = None, **params: object) -> str:
    """The text for `key` in the session's language, with `{params}` filled in."""
    nl, en = STRINGS[key]
    text = nl if (lang or current_lang()) == "nl" else en
    return text.format(**params) if params else text


def fmt_number(value: float, lang: str | None = None, digits: int = 0) -> str:
    """A number as residents write it: 1.965 in Dutch, 1,965 in English."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale="nl_NL" if (lang or current_lang()) == "nl" else "en_GB")


def fmt_date(value: date | datetime, lang: str | None = None) -> str:
    """A date in words: 28 november 2026 / 28 November 2026."""
    day = value.date() if isinstance(value, datetime) else value
    return format_date(day, format="long", locale="nl_NL" if (lang or current_lang()) == "nl" else "en_GB")
