"""Every sentence Zichtbaar shows, in Dutch (B1) and English, and the Babel formatting of the numbers and
dates inside them.

One table, TEXT: key -> (Dutch, English). A form is a plain string with `{placeholders}`, or a Plural
whose CLDR category (Babel's plural rules for the language) is chosen by the parameter `n`. `text()` fills
the placeholders: integers and floats are written by Babel in the language's own way (1.965 / 1,965; 0,5 /
0.5), dates in words (3 december 2026 / 3 December 2026), a `Msg` in the same language. Code lists, field
names, problem messages, the fact sheet and the map's words live here too: a translator edits this file
only, and tests/unit/test_text.py checks that every key has both languages with the same placeholders, that
every key the code asks for exists, and that no key is unused.

>>> text("app.title", "nl")
'Zichtbaar'
>>> text("map.count", "nl", shown=1965, total=2000)
'**1.965** van 2.000 registraties'
>>> text("count.registrations", "en", n=1), text("count.registrations", "nl", n=3)
('1 registration', '3 registraties')
"""

from __future__ import annotations

import math
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

#: The languages, in the order of each TEXT entry; the first is the default.
LANGS: tuple[str, ...] = ("nl", "en")
DEFAULT_LANG = LANGS[0]
#: The Babel locale of each language (numbers, dates, lists, plural rules).
LOCALES: Mapping[str, str] = {"nl": "nl_NL", "en": "en_GB"}
#: Between a number and its unit, so that "40 m" never breaks over two lines.
NBSP = "\u00a0"


@dataclass(frozen=True)
class Plural:
    """The forms of a sentence for each CLDR plural category that Dutch and English know."""

    one: str
    other: str

    def forms(self) -> tuple[str, ...]:
        return (self.one, self.other)


@dataclass(frozen=True)
class Msg:
    """A key and its parameters, to be put in words later, in whichever language is asked for.

    >>> Msg("app.title").render("en")
    'Zichtbaar'
    """

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: str) -> str:
        return text(self.key, lang, **self.params)


def msg(key: str, **params: object) -> Msg:
    """A Msg for `key` (shorthand).

    >>> msg("map.count", shown=1, total=2).render("en")
    '**1** of 2 registrations'
    """
    return Msg(key, dict(params))


def known_lang(lang: object) -> str:
    """`lang` when it is one of LANGS, else the default.

    >>> known_lang("en"), known_lang("fr"), known_lang(None)
    ('en', 'nl', 'nl')
    """
    return lang if isinstance(lang, str) and lang in LANGS else DEFAULT_LANG


def text(key: str, lang: str, /, **params: object) -> str:
    """The sentence `key` in `lang`, with its placeholders filled in.

    Numbers are written by Babel for the language, dates in words, a Msg is put in the same language, and
    a Plural picks its form by `n`. A missing key raises KeyError: keys are checked by the tests.
    """
    form = TEXT[key][LANGS.index(known_lang(lang))]
    if isinstance(form, Plural):
        n = params.get("n")
        form = form.one if _category(lang, n) == "one" else form.other
    if not params:
        return form
    return form.format(**{k: _word(v, lang) for k, v in params.items()})


def label(key: str, lang: str) -> str:
    """The text of a key without placeholders (a label); the key itself when the table lacks it.

    For code-list values a register might hold outside the list.
    >>> label("sensor_type.camera", "en"), label("sensor_type.<b>", "en")
    ('Camera', 'sensor_type.<b>')
    """
    return text(key, lang) if key in TEXT else key


def both(key: str, /, **params: object) -> tuple[str, ...]:
    """The sentence in every language, in LANGS order (for a command line, a log or a file that has both)."""
    return tuple(text(key, lang, **params) for lang in LANGS)


def _category(lang: str, n: object) -> str:
    if not isinstance(n, (int, float)) or isinstance(n, bool):
        return "other"
    return _locale(known_lang(lang)).plural_form(abs(n))


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


def _word(value: object, lang: str) -> str:
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return integer(value, lang)
    if isinstance(value, float):
        return number(value, lang)
    if isinstance(value, (date, datetime)):
        return day(value, lang)
    return str(value)


# ---------------------------------------------------------------- numbers, dates and lists


def integer(n: int, lang: str) -> str:
    """A whole number with the language's grouping.

    >>> integer(1965, "nl"), integer(1965, "en"), integer(-3, "nl")
    ('1.965', '1,965', '-3')
    """
    return format_decimal(n, format="#,##0", locale=LOCALES[known_lang(lang)])


def number(value: float | None, lang: str, digits: int | None = None) -> str:
    """A measured number as residents read it; "–" when unknown.

    With `digits`, exactly that many decimals. Without, about two significant figures and no trailing
    zeros (12, 3,4, 0,25), and never a misleading 0 for a small positive value.

    >>> number(1234.6, "nl"), number(0.256, "en"), number(3.0, "nl"), number(3.0, "nl", 1), number(None, "en")
    ('1.235', '0.26', '3', '3,0', '–')
    >>> number(0.001, "nl"), number(0.0, "en")
    ('minder dan 0,01', '0')
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    v = float(value)
    lang = known_lang(lang)
    if digits is None:
        places = 0 if abs(v) >= 10 or v == 0 else 1 if abs(v) >= 1 else 2
        pattern = "#,##0" + ("." + "#" * places if places else "")
    else:
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
    out = format_decimal(v, format=pattern, locale=LOCALES[lang])
    if digits is None and v > 0 and out == "0":
        return text("number.less_than", lang, value=format_decimal(0.01, format="0.00", locale=LOCALES[lang]))
    return out


def percent(share: float, lang: str, digits: int = 1) -> str:
    """A share (0 to 1) as a percentage with `digits` decimals, as the language writes it.

    >>> percent(0.101, "nl"), percent(0.101, "en"), percent(0.006, "nl", 0)
    ('10,1%', '10.1%', '1%')
    """
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return format_percent(share, format=pattern, locale=LOCALES[known_lang(lang)])


def distance(metres: float, lang: str) -> str:
    """A distance: whole metres, kilometres with one decimal from 1 km; never broken over two lines.

    >>> distance(40.4, "nl"), distance(1234, "nl"), distance(1234, "en")
    ('40\\xa0m', '1,2\\xa0km', '1.2\\xa0km')
    """
    if metres >= 1000:
        return number(metres / 1000, lang, 1) + NBSP + "km"
    return integer(round(metres), lang) + NBSP + "m"


def day(value: date | datetime, lang: str, form: str = "long") -> str:
    """A date as the language writes it: Babel's "long" (3 december 2026), "medium" or "short" (03-12-2026).

    >>> day(date(2026, 12, 3), "nl"), day(date(2026, 12, 3), "en"), day(date(2026, 12, 3), "nl", "short")
    ('3 december 2026', '3 December 2026', '03-12-2026')
    """
    d = value.date() if isinstance(value, datetime) else value
    return format_date(d, format=form, locale=LOCALES[known_lang(lang)])


def words(items: Sequence[str], lang: str) -> str:
    """A list in running text: "a, b en c" / "a, b and c".

    >>> words(["a", "b", "c"], "nl"), words(["a", "b"], "en"), words([], "en")
    ('a, b en c', 'a and b', '')
    """
    return format_list(list(items), locale=LOCALES[known_lang(lang)]) if items else ""


def lower_first(label_text: str) -> str:
    """A label's first letter in lower case inside a sentence, unless the word is written like a name.

    >>> lower_first("Camera"), lower_first("GGD-meter"), lower_first("DPIA")
    ('camera', 'GGD-meter', 'DPIA')
    """
    if len(label_text) > 1 and label_text[1].isupper():
        return label_text
    return label_text[:1].lower() + label_text[1:]


def foreign(html_text: str, lang: str, source_lang: str) -> str:
    """HTML of text written in `source_lang` (register text: Dutch), marked as such on a page in another `lang`,
    so that a screen reader reads it in its own language (WCAG 3.1.2).

    >>> foreign("Camera Markt", "en", "nl"), foreign("Camera Markt", "nl", "nl")
    ('<span lang="nl">Camera Markt</span>', 'Camera Markt')
    """
    if not html_text or known_lang(lang) == source_lang:
        return html_text
    return f'<span lang="{source_lang}">{html_text}</span>'


def placeholders(form: str | Plural) -> set[str]:
    """The placeholder names of a form (all forms of a Plural).

    >>> sorted(placeholders("{a} en {b}")), sorted(placeholders(Plural("één", "{n} stuks")))
    (['a', 'b'], ['n'])
    """
    forms = form.forms() if isinstance(form, Plural) else (form,)
    return {name for f in forms for _, name, _, _ in string.Formatter().parse(f) if name}


# ---------------------------------------------------------------- the table
TEXT: dict[str, tuple[str | Plural, str | Plural]] = {
    # ---------------------------------------------------------------- the app
    "app.title": ("Zichtbaar", "Zichtbaar"),
    "app.tagline": (
        "Welke sensoren en camera's staan er in de openbare ruimte, van wie zijn ze en waarom?",
        "Which sensors and cameras are in public space, who owns them, and why?",
    ),
    "lang.label": ("Taal", "Language"),
    "lang.nl": ("Nederlands", "Nederlands"),
    "lang.en": ("English", "English"),
    "nav.home": ("Start", "Home"),
    "nav.near": ("Wat wordt hier gemeten?", "What is measured here?"),
    "demo.banner": (
        "Dit is een **voorbeeld met verzonnen gegevens**. De gemeente Voorbeeldstad en alle sensoren "
        "hieronder bestaan niet.",
        "This is an **example with made-up data**. The municipality of Voorbeeldstad and all sensors below do "
        "not exist.",
    ),
    "home.intro": (
        "Gemeenten plaatsen camera's en sensoren in de openbare ruimte: op straat, in parken en bij stations. "
        "Ze hebben afgesproken dat u mag weten wat er wordt gemeten, door wie, waarom en op welke grond. "
        "Zichtbaar laat dat zien.",
        "Municipalities place cameras and sensors in public space: in streets, parks and at stations. They "
        "have agreed that you may know what is measured, by whom, why and on what grounds. Zichtbaar shows "
        "you.",
    ),
    "home.figures": ("Het register in cijfers", "The register in figures"),
    "home.total": ("Registraties", "Registrations"),
    "home.personal": ("Verzamelen gegevens over mensen", "Collect data about people"),
    "home.owners": ("Organisaties", "Organisations"),
    "home.neighbourhoods": ("Buurten", "Neighbourhoods"),
    "home.by_type": ("Per soort sensor", "By sensor type"),
    "home.type": ("Soort", "Type"),
    "home.count": ("Aantal", "Number"),
    "home.flags": ("Wat niet past bij de afspraken", "What does not fit the principles"),
    "home.flags.help": (
        "Deze registraties staan in het register, maar passen niet bij de principes die alle gemeenten in "
        "2022 hebben afgesproken. We laten ze zien, zodat iedereen ze kan zien.",
        "These registrations are in the register, but do not fit the principles all Dutch municipalities "
        "agreed on in 2022. We show them, so that everyone can see them.",
    ),
    "home.updated": ("Register bijgewerkt op {date}.", "Register last updated on {date}."),
    "home.source": ("Bron: {source}.", "Source: {source}."),
    "home.principles": ("Over de principes", "About the principles"),
    "home.principles.text": (
        "In 2022 hebben alle Nederlandse gemeenten de *Principes voor de digitale samenleving* van de VNG "
        "aangenomen. Techniek in de openbare ruimte moet democratisch besloten worden, publieke waarde "
        "dienen, in een openbaar register staan en actief aan inwoners worden uitgelegd. Biometrische "
        "surveillance, zoals gezichtsherkenning, doen gemeenten voorlopig niet.",
        "In 2022 all Dutch municipalities adopted the VNG *Principles for the digital society*. Technology in "
        "public space needs a democratic decision, must serve public value, must be listed in a public "
        "register and must be actively explained to residents. Biometric surveillance, such as facial "
        "recognition, is excluded for now.",
    ),
    "home.privacy": (
        "Zichtbaar volgt u niet: geen cookies voor statistiek, geen analyse van uw bezoek.",
        "Zichtbaar does not track you: no analytics cookies, no analysis of your visit.",
    ),
    "near.intro": (
        "Kies een plek: zoek een adres of postcode, gebruik uw locatie of tik op de kaart. U ziet dan welke "
        "camera's en sensoren daar staan, van wie ze zijn en waarom.",
        "Choose a place: search for an address or postcode, use your location or tap the map. You will see "
        "which cameras and sensors are there, who owns them and why.",
    ),
    "near.privacy": (
        "Uw adres en locatie blijven in dit venster: we bewaren en loggen ze niet, en alleen PDOK, de "
        "kaartdienst van de overheid, krijgt het adres dat u zoekt en de stukjes kaart rond de plek.",
        "Your address and location stay in this window: we do not store or log them, and only PDOK, the "
        "government's map service, receives the address you search for and the map tiles around the spot.",
    ),
    "near.search.label": ("Adres of postcode", "Address or postcode"),
    "near.search.placeholder": ("Bijvoorbeeld Markt 1 of 1234 AB 5", "For example Markt 1 or 1234 AB 5"),
    "near.search.button": ("Zoeken", "Search"),
    "near.search.none": (
        "Geen plek gevonden. Probeer een postcode met huisnummer, of tik op de kaart.",
        "No place found. Try a postcode with a house number, or tap the map.",
    ),
    "near.search.others": ("Bedoelt u een andere plek?", "Did you mean another place?"),
    "near.locate.label": ("Gebruik mijn locatie", "Use my location"),
    "near.locate.busy": ("Uw locatie wordt opgevraagd …", "Asking for your location …"),
    "near.locate.denied": (
        "U gaf geen toestemming voor uw locatie. Zoek een adres of tik op de kaart.",
        "You did not allow access to your location. Search for an address or tap the map.",
    ),
    "near.locate.unavailable": (
        "Uw locatie is nu niet te bepalen. Zoek een adres of tik op de kaart.",
        "Your location cannot be found right now. Search for an address or tap the map.",
    ),
    "near.locate.timeout": (
        "Het duurde te lang om uw locatie te bepalen. Probeer het opnieuw of tik op de kaart.",
        "Finding your location took too long. Try again or tap the map.",
    ),
    "near.locate.unsupported": (
        "Deze browser kan uw locatie niet delen. Zoek een adres of tik op de kaart.",
        "This browser cannot share your location. Search for an address or tap the map.",
    ),
    "near.outside": (
        "Die plek ligt niet in Nederland. Zoek een adres of tik op de kaart.",
        "That place is not in the Netherlands. Search for an address or tap the map.",
    ),
    "near.radius": ("Hoe ver om deze plek heen?", "How far around this spot?"),
    "near.map.hint": ("Tik op de kaart om een plek te kiezen.", "Tap the map to choose a spot."),
    "near.pick": (
        "Kies eerst een plek: zoek een adres, gebruik uw locatie of tik op de kaart.",
        "First choose a place: search for an address, use your location or tap the map.",
    ),
    "near.place": ("Plek: {place}", "Place: {place}"),
    "near.list": ("Wat staat hier? Dichtstbij eerst", "What is here? Nearest first"),
    "near.share": (
        "Kopieer de link in de adresbalk om deze plek te delen.",
        "Copy the link in the address bar to share this place.",
    ),
    "near.more": ("Toon er meer ({shown} van {total})", "Show more ({shown} of {total})"),
    "near.neighbourhood": ("Meer over de buurt {name}", "More about the neighbourhood {name}"),
    "nav.policy": ("Beleid", "Policy"),
    "nav.check": ("Register controleren", "Check a register"),
    "policy.title": ("Beleid: wat staat er, waar, en klopt het?", "Policy: what is there, where, and is it in order?"),
    "policy.intro": (
        "Deze pagina is voor beleidsmedewerkers van de gemeente. U ziet welke registraties niet passen bij de "
        "principes, waar veel sensoren bij elkaar staan, hoeveel van elke buurt in beeld is van camera's en "
        "wat er per kwartaal bij kwam.",
        "This page is for the municipality's policy staff. It shows which registrations do not fit the "
        "principles, where sensors are concentrated, how much of each neighbourhood cameras see, and what was "
        "added per quarter.",
    ),
    "policy.scope.all": ("Alle {n} registraties tellen mee.", "All {n} registrations are included."),
    "policy.scope.filtered": (
        "{n} van de {total} registraties tellen mee: dezelfde filters als op de kaart.",
        "{n} of the {total} registrations are included: the same filters as on the map.",
    ),
    "policy.scope.change": ("Filters aanpassen op de kaart", "Change the filters on the map"),
    "policy.section": ("Onderdeel", "Section"),
    "policy.section.principles": ("Principes", "Principles"),
    "policy.section.hotspots": ("Concentraties", "Hotspots"),
    "policy.section.coverage": ("Camerabereik", "Camera coverage"),
    "policy.section.trends": ("Per kwartaal", "By quarter"),
    "policy.principles.title": ("Toets aan de principes", "Check against the principles"),
    "policy.principles.intro": (
        "In 2022 hebben alle gemeenten de Principes voor de digitale samenleving van de VNG aangenomen. Per "
        "principe ziet u hoeveel registraties er niet aan voldoen. Met de link ziet u ze op de kaart.",
        "In 2022 all municipalities adopted the VNG Principles for the digital society. For each principle "
        "you see how many registrations fall short of it. The link shows them on the map.",
    ),
    "policy.principles.rules": (
        "'Lang niet gecontroleerd' betekent: de laatste controle is meer dan {years} jaar geleden, of er "
        "staat geen datum. Registraties met de status 'inactief' tellen bij 'Regelmatig evalueren' niet mee.",
        "'Long unchecked' means: the last check was more than {years} years ago, or there is no date. "
        "Registrations with the status 'inactive' do not count for 'Regular evaluation'.",
    ),
    "policy.principles.col.count": ("Aantal", "Number"),
    "policy.principles.col.map": ("Kaart", "Map"),
    "policy.principles.show": ("Toon op de kaart", "Show on the map"),
    "policy.principles.show.all": ("Toon deze {n} op de kaart", "Show these {n} on the map"),
    "policy.principles.ok": ("Alle registraties voldoen.", "All registrations comply."),
    "policy.principles.which": ("Welke registraties? ({n})", "Which registrations? ({n})"),
    "principle.biometrics": ("Geen biometrie", "No biometrics"),
    "principle.data_use": ("Zorgvuldig gebruik van gegevens", "Careful use of data"),
    "principle.democratic": ("Democratisch besluit", "Democratic decision-making"),
    "principle.evaluation": ("Regelmatig evalueren", "Regular evaluation"),
    "principle.communication": ("Uitleg aan inwoners", "Explaining to residents"),
    "principle.biometrics.rule": (
        "De sensor verwerkt biometrische gegevens, zoals gezichten.",
        "The sensor processes biometric data, such as faces.",
    ),
    "principle.data_use.rule": (
        "Er worden persoonsgegevens verwerkt zonder grondslag, privacyverklaring of DPIA.",
        "Personal data is processed without a legal basis, privacy statement or DPIA.",
    ),
    "principle.democratic.rule": (
        "Een camera of kentekencamera heeft geen besluit van de gemeenteraad.",
        "A camera or licence-plate camera has no council decision.",
    ),
    "principle.evaluation.rule": (
        "De einddatum is voorbij, of de registratie is lang niet gecontroleerd.",
        "The end date has passed, or the entry has not been checked for a long time.",
    ),
    "principle.communication.rule": (
        "Er staat geen uitleg in gewone taal bij voor inwoners.",
        "There is no plain-language description for residents.",
    ),
    "reason.biometric": ("Biometrie, zoals gezichtsherkenning", "Biometrics, such as facial recognition"),
    "reason.no_legal_basis": ("Persoonsgegevens zonder bekende grondslag", "Personal data without a known legal basis"),
    "reason.no_privacy_statement": ("Geen privacyverklaring", "No privacy statement"),
    "reason.no_dpia": ("Geen privacytoets (DPIA)", "No privacy impact assessment (DPIA)"),
    "reason.no_council_decision": ("Geen raadsbesluit", "No council decision"),
    "reason.expired": ("Einddatum voorbij", "End date passed"),
    "reason.unchecked": ("Lang niet gecontroleerd", "Long unchecked"),
    "reason.no_description": ("Geen uitleg", "No description"),
    "policy.col.id": ("Kenmerk", "Reference"),
    "policy.col.name": ("Naam", "Name"),
    "policy.col.type": ("Soort", "Type"),
    "policy.col.owner": ("Eigenaar", "Owner"),
    "policy.col.reasons": ("Wat ontbreekt", "What is missing"),
    "policy.hotspots.title": ("Waar staan veel sensoren bij elkaar?", "Where are sensors concentrated?"),
    "policy.hotspots.explain": (
        "Een rood vak is een plek waar, samen met de vakken eromheen, zoveel meer sensoren staan dan bij een "
        "gelijke spreiding over de stad, dat het bijna zeker geen toeval is.",
        "A red cell is a place where, together with the cells around it, there are so many more sensors than "
        "an even spread over the city would give that it is almost certainly not chance.",
    ),
    "policy.hotspots.method": (
        "Methode: Getis-Ord Gi* per vak met de vakken eromheen, getoetst tegen een gelijke spreiding over de "
        "buurten (exacte binomiale toets, tweezijdig), p < {alpha} na correctie voor het aantal vakken "
        "(Benjamini-Hochberg). Een blauw vak heeft juist minder sensoren dan bij een gelijke spreiding.",
        "Method: Getis-Ord Gi* per cell with the cells around it, tested against an even spread over the "
        "neighbourhoods (exact binomial test, two-sided), p < {alpha} after correcting for the number of "
        "cells (Benjamini-Hochberg). A blue cell has fewer sensors than an even spread would give.",
    ),
    "policy.hotspots.shape": ("Vorm van de vakken", "Cell shape"),
    "policy.hotspots.shape.hexagon": ("Zeshoeken", "Hexagons"),
    "policy.hotspots.shape.square": ("Vierkanten", "Squares"),
    "policy.hotspots.size": ("Grootte van een vak", "Cell size"),
    "policy.hotspots.metres": ("{n} m", "{n} m"),
    "policy.hotspots.cells": ("Vakken", "Cells"),
    "policy.hotspots.hot": ("Veel sensoren (rood)", "Many sensors (red)"),
    "policy.hotspots.cold": ("Weinig sensoren (blauw)", "Few sensors (blue)"),
    "policy.hotspots.untested": (
        "Er zijn te weinig registraties, of te weinig verschil tussen de vakken, om te toetsen.",
        "There are too few registrations, or too little difference between the cells, to test.",
    ),
    "policy.hotspots.outside": (
        "{n} registraties liggen buiten de buurten en tellen hier niet mee.",
        "{n} registrations lie outside the neighbourhoods and are not included here.",
    ),
    "policy.hotspots.tooltip": ("{n} registraties in dit vak", "{n} registrations in this cell"),
    "policy.hotspots.tooltip.hot": ("Veel sensoren: geen toeval", "Many sensors: not chance"),
    "policy.hotspots.tooltip.cold": ("Weinig sensoren: geen toeval", "Few sensors: not chance"),
    "policy.hotspots.layer": ("Vakken met sensoren", "Cells with sensors"),
    "policy.coverage.title": (
        "Hoeveel van elke buurt is in beeld van camera's?",
        "How much of each neighbourhood do cameras see?",
    ),
    "policy.coverage.intro": (
        "Voor elke camera tekenen we het gebied dat hij ziet: een taartpunt in de kijkrichting, zo ver als "
        "het bereik. Waar camera's hetzelfde stuk zien, tellen we dat één keer.",
        "For each camera we draw the area it sees: a slice of pie in the direction it looks, as far as its "
        "range. Where cameras see the same spot, it counts once.",
    ),
    "policy.coverage.share": ("Deel van de stad in beeld", "Share of the city watched"),
    "policy.coverage.cameras": ("Camera's", "Cameras"),
    "policy.coverage.watched_ha": ("In beeld (hectare)", "Watched (hectares)"),
    "policy.coverage.undirected": (
        "Van {n} camera's is de kijkrichting niet bekend. Voor hen rekenen we een hele cirkel rondom: "
        "{camera} meter voor een camera, {anpr} meter voor een kentekencamera, tenzij het bereik is ingevuld.",
        "For {n} cameras the direction is not known. For them we count a full circle around: {camera} metres "
        "for a camera, {anpr} metres for a licence-plate camera, unless the range is filled in.",
    ),
    "policy.coverage.mobile": (
        "{n} mobiele camera's, zoals scanauto's, tellen niet mee: zij zien niet hun hele gebied tegelijk.",
        "{n} mobile cameras, such as scan cars, are not included: they do not see their whole area at once.",
    ),
    "policy.coverage.none": ("Er zijn geen camera's in deze selectie.", "There are no cameras in this selection."),
    "policy.coverage.col.neighbourhood": ("Buurt", "Neighbourhood"),
    "policy.coverage.col.share": ("In beeld", "Watched"),
    "policy.coverage.col.cameras": ("Camera's", "Cameras"),
    "policy.coverage.col.undirected": ("Zonder kijkrichting", "Without direction"),
    "policy.coverage.col.area": ("Oppervlakte (ha)", "Area (ha)"),
    "policy.coverage.layer": ("Gebied in beeld van camera's", "Area watched by cameras"),
    "policy.coverage.tooltip": ("{name}: {share} in beeld", "{name}: {share} watched"),
    "policy.trends.title": (
        "Wat kwam erbij en wat verdween, per kwartaal?",
        "What was added and what went, per quarter?",
    ),
    "policy.trends.intro": (
        "Per kwartaal: de registraties die begonnen (naar 'actief vanaf', omhoog) en die stopten (naar 'actief "
        "tot', omlaag), per soort. De lijn is het verschil.",
        "Per quarter: the registrations that started (by 'active from', up) and that stopped (by 'active until', "
        "down), by type. The line is the difference.",
    ),
    "policy.trends.quarter": ("Kwartaal", "Quarter"),
    "policy.trends.count": ("Aantal", "Number"),
    "policy.trends.type": ("Soort", "Type"),
    "policy.trends.table": ("Tabel per kwartaal", "Table by quarter"),
    "policy.trends.undated": (
        "{n} registraties hebben geen datum 'actief vanaf' en staan niet in de grafiek.",
        "{n} registrations have no 'active from' date and are not in the chart.",
    ),
    "policy.trends.empty": (
        "Geen registraties met een datum 'actief vanaf'.",
        "No registrations with an 'active from' date.",
    ),
    "check.title": ("Registerbestand controleren", "Check a register file"),
    "check.intro": (
        "Upload een registerbestand: CSV, Excel, GeoJSON of GeoPackage. U krijgt dezelfde controle als met "
        "`python -m geo check`: welke rijen worden afgewezen en waarom, en welke waarschuwingen er zijn.",
        "Upload a register file: CSV, Excel, GeoJSON or GeoPackage. You get the same check as with `python -m "
        "geo check`: which rows are rejected and why, and which warnings there are.",
    ),
    "check.privacy": (
        "Het bestand blijft alleen in deze sessie. Het wordt niet opgeslagen en komt niet in het register.",
        "The file stays in this session only. It is not stored and does not go into the register.",
    ),
    "check.upload": ("Kies een bestand (ten hoogste {mb} MB)", "Choose a file (at most {mb} MB)"),
    "check.too_big": (
        "Het bestand is te groot ({size} MB). De grens is {mb} MB.",
        "The file is too large ({size} MB). The limit is {mb} MB.",
    ),
    "check.neighbourhoods": (
        "Controleer ook of elke plaats in een buurt van {place} ligt",
        "Also check that every location lies in a neighbourhood of {place}",
    ),
    "check.this_municipality": ("deze gemeente", "this municipality"),
    "check.result": ("Uitkomst voor {name}", "Result for {name}"),
    "check.rows": ("Rijen", "Rows"),
    "check.accepted": ("Goedgekeurd", "Accepted"),
    "check.rejected": ("Afgewezen rijen", "Rejected rows"),
    "check.warnings": ("Waarschuwingen", "Warnings"),
    "check.all_ok": ("Alle rijen zijn goedgekeurd, zonder waarschuwingen.", "All rows are accepted, without warnings."),
    "check.problems": ("Wat moet er beter?", "What needs fixing?"),
    "check.rows_hint": (
        "Rij 1 is de kopregel. De eerste registratie staat dus in rij 2, zoals in een spreadsheet.",
        "Row 1 is the header. So the first registration is in row 2, as in a spreadsheet.",
    ),
    "check.col.severity": ("Soort", "Kind"),
    "check.col.row": ("Rij", "Row"),
    "check.col.id": ("Kenmerk", "Reference"),
    "check.col.field": ("Veld", "Field"),
    "check.col.owner": ("Eigenaar", "Owner"),
    "check.col.code": ("Code", "Code"),
    "check.col.message": ("Uitleg", "Explanation"),
    "check.severity.error": ("Afgewezen", "Rejected"),
    "check.severity.warning": ("Waarschuwing", "Warning"),
    "check.preview": ("Voorbeeld op de kaart", "Preview on the map"),
    "check.preview.caption": ("De {n} goedgekeurde registraties.", "The {n} accepted registrations."),
    "check.preview.limited": (
        "De kaart toont de eerste {n} van de {total} goedgekeurde registraties.",
        "The map shows the first {n} of the {total} accepted registrations.",
    ),
    "check.preview.none": (
        "Er zijn geen goedgekeurde registraties om te tonen.",
        "There are no accepted registrations to show.",
    ),
    "nav.overview": ("Buurten", "Neighbourhoods"),
    "nav.buurt": ("Buurt", "Neighbourhood"),
    "nav.present": ("Presentatie", "Presentation"),
    "overview.title": ("Buurten vergelijken", "Compare neighbourhoods"),
    "overview.intro": (
        "Hoeveel sensoren en camera's staan er in elke buurt? Hoe donkerder de kleur, hoe meer er zijn. Kies "
        "een buurt om te zien wat daar wordt gemeten en waarom.",
        "How many sensors and cameras are there in each neighbourhood? The darker the colour, the more there "
        "are. Choose a neighbourhood to see what is measured there and why.",
    ),
    "overview.measure": ("Tel per", "Count per"),
    "overview.measure.per_km2": ("km²", "km²"),
    "overview.measure.per_1000_residents": ("1.000 inwoners", "1,000 residents"),
    "overview.what": ("Welke registraties", "Which registrations"),
    "overview.what.all": ("Alle registraties", "All registrations"),
    "overview.what.sensor_type": ("Soort: {label}", "Type: {label}"),
    "overview.what.purpose": ("Doel: {label}", "Purpose: {label}"),
    "overview.map.hint": ("Klik op een buurt om die te openen.", "Click a neighbourhood to open it."),
    "overview.legend": ("Legenda: {title}", "Legend: {title}"),
    "overview.legend.help": (
        "Buurten met ongeveer dezelfde waarde krijgen dezelfde kleur. Grijs betekent: geen gegevens, "
        "bijvoorbeeld omdat het aantal inwoners niet bekend is.",
        "Neighbourhoods with about the same value get the same colour. Grey means: no data, for example "
        "because the number of residents is not known.",
    ),
    "overview.legend.count": (Plural("{n} buurt", "{n} buurten"), Plural("{n} neighbourhood", "{n} neighbourhoods")),
    "overview.pick": ("Open een buurt", "Open a neighbourhood"),
    "overview.present": ("Alle buurten als presentatie", "All neighbourhoods as a presentation"),
    "overview.pick.placeholder": ("Kies een buurt", "Choose a neighbourhood"),
    "overview.ranking": ("Ranglijst", "Ranking"),
    "overview.ranking.help": ("Klik op een rij om de buurt te openen.", "Click a row to open the neighbourhood."),
    "overview.col.rank": ("Plaats", "Rank"),
    "overview.col.name": ("Buurt", "Neighbourhood"),
    "overview.col.count": ("Aantal", "Number"),
    "overview.outside": (
        "{n} registraties liggen buiten alle buurten. Die tellen hier niet mee.",
        "{n} registrations lie outside every neighbourhood. They are not counted here.",
    ),
    "overview.empty": (
        "Er zijn geen buurten om te vergelijken. Laad eerst buurtgrenzen.",
        "There are no neighbourhoods to compare. Load neighbourhood boundaries first.",
    ),
    "buurt.subtitle": ("{municipality} · buurtcode {code}", "{municipality} · neighbourhood code {code}"),
    "buurt.subtitle.nomun": ("Buurtcode {code}", "Neighbourhood code {code}"),
    "buurt.unknown": (
        "Deze buurt kennen we niet. Misschien klopt de link niet. Kies hieronder een buurt, of ga terug naar "
        "het overzicht van alle buurten.",
        "We do not know this neighbourhood. The link may be wrong. Choose a neighbourhood below, or go back "
        "to the overview of all neighbourhoods.",
    ),
    "buurt.choose": (
        "Kies een buurt om te zien wat daar wordt gemeten.",
        "Choose a neighbourhood to see what is measured there.",
    ),
    "buurt.back": ("Alle buurten", "All neighbourhoods"),
    "buurt.present": ("Presentatie", "Presentation"),
    "buurt.present.help": (
        "Groot op een scherm of beamer, voor een bewonersavond.",
        "Large on a screen or projector, for a residents' evening.",
    ),
    "buurt.download": ("Feitenblad (PDF)", "Fact sheet (PDF)"),
    "buurt.download.help": (
        "Twee A4's om te printen: de kaart, de cijfers, wat niet past, wie u kunt vragen, en een QR-code naar deze "
        "pagina.",
        "Two A4 pages to print: the map, the figures, what does not fit, whom to ask, and a QR code to this page.",
    ),
    "buurt.map": ("Kaart", "Map"),
    "buurt.map.label": ("Kaart van de buurt met de registraties", "Map of the neighbourhood with its registrations"),
    "buurt.summary": ("In het kort", "In short"),
    "buurt.figures": ("De cijfers", "The figures"),
    "buurt.total": ("Registraties", "Registrations"),
    "buurt.per_km2": ("Per km²", "Per km²"),
    "buurt.per_1000": ("Per 1.000 inwoners", "Per 1,000 residents"),
    "buurt.personal": ("Verzamelen gegevens over mensen", "Collect data about people"),
    "buurt.city": ("Hele stad: {value}", "Whole city: {value}"),
    "buurt.by.sensor_type": ("Soort sensor", "Type of sensor"),
    "buurt.by.purpose": ("Doel", "Purpose"),
    "buurt.by.data_types": ("Soort gegevens", "Type of data"),
    "buurt.by.legal_basis": ("Waarom het mag (grondslag in de AVG)", "Why it is allowed (legal basis, GDPR)"),
    "buurt.count": ("Aantal", "Number"),
    "buurt.what": ("Wat", "What"),
    "buurt.flags": ("Wat niet past bij de afspraken", "What does not fit the principles"),
    "buurt.flags.none": (
        "Alle registraties in deze buurt passen bij de afspraken.",
        "All registrations in this neighbourhood fit the principles.",
    ),
    "buurt.list": ("Alle registraties in deze buurt ({n})", "All registrations in this neighbourhood ({n})"),
    "buurt.empty": ("In deze buurt is niets geregistreerd.", "Nothing is registered in this neighbourhood."),
    "buurt.col.id": ("Kenmerk", "Reference"),
    "buurt.col.name": ("Naam", "Name"),
    "buurt.col.sensor_type": ("Soort", "Type"),
    "buurt.col.purpose": ("Doel", "Purpose"),
    "buurt.col.data_types": ("Gegevens", "Data"),
    "buurt.col.personal_data": ("Gegevens over mensen", "Data about people"),
    "buurt.col.legal_basis": ("Waarom het mag", "Why it is allowed"),
    "buurt.col.owner": ("Eigenaar", "Owner"),
    "buurt.col.status": ("Status", "Status"),
    "buurt.col.contact": ("Contact", "Contact"),
    "buurt.flag.col": ("Wat past niet", "What does not fit"),
    "present.prev": ("Vorige", "Previous"),
    "present.next": ("Volgende", "Next"),
    "present.exit": ("Stoppen", "Exit"),
    "present.position": ("Buurt {i} van {n}", "Neighbourhood {i} of {n}"),
    "present.keys": (
        "Toetsen: Page Down is volgende, Page Up is vorige, Esc is stoppen.",
        "Keys: Page Down is next, Page Up is previous, Esc is exit.",
    ),
    "present.registrations": (Plural("sensor of camera", "sensoren en camera's"),
                              Plural("sensor or camera", "sensors and cameras")),
    "present.colours": ("Kleur: het doel", "Colour: the purpose"),
    "present.per_km2": ("per km²", "per km²"),
    "present.per_1000": ("per 1.000 inwoners", "per 1,000 residents"),
    "present.personal": (Plural("verzamelt gegevens over mensen", "verzamelen gegevens over mensen"),
                         Plural("collects data about people", "collect data about people")),
    "present.city": ("hele stad: {value}", "whole city: {value}"),
    "nav.map": ("Kaart", "Map"),
    "map.title": ("Kaart van camera's en sensoren", "Map of cameras and sensors"),
    "map.intro": (
        "Elk icoon is een camera of sensor. De vorm en het teken laten de soort zien, de kleur het doel. Klik "
        "op een icoon om te lezen wat het doet, van wie het is en waarom het er staat.",
        "Each icon is a camera or sensor. The shape and symbol show the type, the colour the purpose. Click "
        "an icon to read what it does, who owns it and why it is there.",
    ),
    "map.count": ("**{shown}** van {total} registraties", "**{shown}** of {total} registrations"),
    "map.skip": ("Sla de kaart over", "Skip the map"),
    "map.flag.notice": (
        "U ziet alleen registraties die niet voldoen aan: **{principles}**.",
        "You see only registrations that fall short of: **{principles}**.",
    ),
    "map.flag.clear": ("Wis dit filter", "Clear this filter"),
    "map.count.none": (
        "Geen registraties passen bij deze filters. Kies minder filters of wis ze.",
        "No registrations match these filters. Choose fewer filters or clear them.",
    ),
    "map.tab.map": ("Kaart", "Map"),
    "map.tab.table": ("Tabel en downloads", "Table and downloads"),
    "map.caption": (
        "Met de knop rechtsboven op de kaart kiest u een andere achtergrond of zet u de buurtgrenzen uit. "
        "Laadt de achtergrond niet? De camera's en sensoren blijven gewoon zichtbaar.",
        "Use the button at the top right of the map to choose another background or hide the neighbourhood "
        "borders. Does the background not load? The cameras and sensors stay visible.",
    ),
    "map.base.brt": ("Achtergrondkaart (PDOK)", "Base map (PDOK)"),
    "map.base.osm": ("OpenStreetMap", "OpenStreetMap"),
    "map.base.none": ("Geen achtergrond", "No background"),
    "map.layer.neighbourhoods": ("Buurtgrenzen", "Neighbourhood borders"),
    "map.legend": ("Legenda", "Legend"),
    "map.legend.types": ("Soort (vorm en teken)", "Type (shape and symbol)"),
    "map.legend.purposes": ("Doel (kleur)", "Purpose (colour)"),
    "map.legend.other": ("Verder op de kaart", "Also on the map"),
    "map.legend.cone": ("Waar een camera naar kijkt", "Where a camera looks"),
    "map.legend.area": ("Gebied van een mobiele sensor", "Area of a mobile sensor"),
    "map.legend.cluster": ("Groep: klik om in te zoomen", "Group: click to zoom in"),
    "map.legend.border": ("Buurtgrens", "Neighbourhood border"),
    "map.cluster.title": ("{n} registraties: klik om in te zoomen", "{n} registrations: click to zoom in"),
    "map.fullscreen": ("Volledig scherm", "Full screen"),
    "map.fullscreen.exit": ("Volledig scherm sluiten", "Exit full screen"),
    "map.detail.heading": ("Over deze registratie", "About this registration"),
    "map.detail.empty": (
        "Klik op een icoon op de kaart. Of kies hieronder een registratie uit de lijst.",
        "Click an icon on the map. Or choose a registration from the list below.",
    ),
    "map.detail.choose": ("Kies een registratie", "Choose a registration"),
    "map.detail.choose.placeholder": ("Typ om te zoeken in de lijst", "Type to search the list"),
    "map.detail.choose.limited": (
        "De lijst toont de eerste {n}. Gebruik het zoekveld bij de filters om er minder te tonen.",
        "The list shows the first {n}. Use the search box in the filters to show fewer.",
    ),
    "map.detail.close": ("Sluiten", "Close"),
    "map.detail.toast": (
        "De gegevens staan naast de kaart. Op een telefoon staan ze onder de kaart.",
        "The details are next to the map. On a phone they are below the map.",
    ),
    "map.detail.not_found": (
        "Deze registratie staat niet (meer) in het register.",
        "This registration is not (or no longer) in the register.",
    ),
    "map.detail.filtered_out": (
        "Let op: deze registratie valt buiten de filters die u koos.",
        "Note: this registration does not match the filters you chose.",
    ),
    "map.detail.flags": ("Let op", "Attention"),
    "map.detail.id": ("Kenmerk", "Reference"),
    "map.detail.what": ("Wat is het?", "What is it?"),
    "map.detail.where": ("Waar?", "Where?"),
    "map.detail.why": ("Waarvoor?", "What for?"),
    "map.detail.data": ("Welke gegevens?", "Which data?"),
    "map.detail.personal": ("Persoonsgegevens?", "Personal data?"),
    "map.detail.personal.yes": ("Ja. Het verwerkt gegevens over mensen.", "Yes. It processes data about people."),
    "map.detail.personal.no": ("Nee.", "No."),
    "map.detail.biometric": (
        "Het verwerkt biometrische gegevens, zoals gezichten.",
        "It processes biometric data, such as faces.",
    ),
    "map.detail.legal": ("Op welke grond?", "On what legal basis?"),
    "map.detail.legal.article": ("AVG artikel 6 lid 1 onder {letter}", "GDPR article 6(1)({letter})"),
    "map.detail.legal_reference": ("Wet of besluit", "Law or decision"),
    "map.detail.owner": ("Van wie?", "Who owns it?"),
    "map.detail.contact": ("Contact", "Contact"),
    "map.detail.privacy": ("Privacyverklaring", "Privacy statement"),
    "map.detail.dpia": ("DPIA (privacytoets)", "DPIA (privacy impact assessment)"),
    "map.detail.dpia.yes": ("Ja, die is gedaan.", "Yes, it has been done."),
    "map.detail.dpia.no": ("Nee, niet gedaan.", "No, not done."),
    "map.detail.retention": ("Hoe lang bewaard?", "How long is data kept?"),
    "map.detail.council": ("Besluit van de gemeenteraad", "Council decision"),
    "map.detail.algorithm": ("Algoritmeregister", "Algorithm register"),
    "map.detail.period": ("Wanneer actief?", "When active?"),
    "map.detail.period.both": ("Van {start} tot en met {end}", "From {start} to {end}"),
    "map.detail.period.from": ("Vanaf {start}", "From {start}"),
    "map.detail.period.until": ("Tot en met {end}", "Until {end}"),
    "map.detail.status": ("Status", "Status"),
    "map.detail.view": ("Kijkrichting", "Viewing direction"),
    "map.detail.view.text": (
        "{direction}° ({compass}), kijkhoek {fov}°, tot ongeveer {range} meter",
        "{direction}° ({compass}), field of view {fov}°, up to about {range} metres",
    ),
    "map.detail.last_checked": ("Laatst gecontroleerd", "Last checked"),
    "map.detail.source": ("Bron", "Source"),
    "map.detail.unknown": ("Niet opgegeven", "Not given"),
    "map.detail.link": ("{text} (opent in een nieuw tabblad)", "{text} (opens in a new tab)"),
    "map.detail.bad_link": (
        "{text} (geen geldig webadres, daarom geen link)",
        "{text} (not a valid web address, so no link)",
    ),
    "map.compass": (
        "noord|noordoost|oost|zuidoost|zuid|zuidwest|west|noordwest",
        "north|north-east|east|south-east|south|south-west|west|north-west",
    ),
    "map.table.heading": ("Dezelfde registraties als tabel", "The same registrations as a table"),
    "map.table.help": (
        "Klik op een kolomkop om te sorteren. Zoeken in de tabel kan met het vergrootglas erboven.",
        "Click a column header to sort. Search the table with the magnifying glass above it.",
    ),
    "map.download.csv": ("Download als CSV", "Download as CSV"),
    "map.download.geojson": ("Download als GeoJSON", "Download as GeoJSON"),
    "map.download.help": (
        "CSV opent u in een spreadsheet. GeoJSON opent u in een kaartprogramma (GIS).",
        "Open CSV in a spreadsheet. Open GeoJSON in a map program (GIS).",
    ),
    "filters.heading": ("Filters", "Filters"),
    "filters.count": ("**{shown}** van {total} registraties", "**{shown}** of {total} registrations"),
    "filters.text": ("Zoeken", "Search"),
    "filters.text.help": (
        "Zoek in de naam, de uitleg, de eigenaar en het kenmerk. Meer woorden: alle woorden moeten erin "
        "staan.",
        "Search the name, description, owner and reference. More words: all words must match.",
    ),
    "filters.purpose": ("Doel", "Purpose"),
    "filters.data_types": ("Soort gegevens", "Data type"),
    "filters.legal_basis": ("Waarom het mag (grondslag)", "Why it is allowed (legal basis)"),
    "filters.sensor_type": ("Soort sensor", "Sensor type"),
    "filters.owner": ("Eigenaar", "Owner"),
    "filters.personal_data": ("Gegevens over mensen (persoonsgegevens)", "Data about people (personal data)"),
    "filters.status": ("Status", "Status"),
    "filters.active_on": ("Actief op datum", "Active on date"),
    "filters.active_on.use": ("Alleen wat actief is op een datum", "Only what is active on a date"),
    "filters.neighbourhood": ("Buurt", "Neighbourhood"),
    "filters.flag": ("Voldoet niet aan principe", "Falls short of principle"),
    "filters.flag.help": (
        "Toon alleen registraties die niet voldoen aan de Principes voor de digitale samenleving, zoals op de "
        "pagina Beleid. Bij meer keuzes: registraties die aan minstens één ervan niet voldoen.",
        "Show only registrations that fall short of the Principles for the digital society, as on the Policy "
        "page. With more choices: registrations that fall short of at least one of them.",
    ),
    "filters.outside": ("Buiten alle buurten", "Outside every neighbourhood"),
    "filters.all": ("Alle", "All"),
    "filters.yes": ("Ja", "Yes"),
    "filters.no": ("Nee", "No"),
    "filters.option": ("{label} ({n})", "{label} ({n})"),
    "filters.reset": ("Alle filters wissen", "Clear all filters"),
    "filters.help": (
        "Tussen haakjes staat hoeveel registraties er overblijven als u die keuze erbij zet.",
        "The number in brackets shows how many registrations remain if you add that choice.",
    ),
    # ---------------------------------------------------------------- code lists: the labels of every code
    "sensor_type.camera": ("Camera", "Camera"),
    "sensor_type.anpr": ("Kentekencamera", "Licence-plate camera"),
    "sensor_type.sound": ("Geluidsensor", "Sound sensor"),
    "sensor_type.air": ("Luchtkwaliteitsensor", "Air-quality sensor"),
    "sensor_type.climate": ("Klimaat- en weersensor", "Climate and weather sensor"),
    "sensor_type.presence": ("Aanwezigheids- en telsensor", "Presence and counting sensor"),
    "sensor_type.wifi_bluetooth": ("Wifi- of bluetoothteller", "WiFi or Bluetooth counter"),
    "sensor_type.traffic": ("Verkeersteller", "Traffic counter"),
    "sensor_type.water": ("Water- en stromingssensor", "Water and flow sensor"),
    "sensor_type.fill_level": ("Vulgraadsensor", "Fill-level sensor"),
    "sensor_type.energy": ("Energiesensor", "Energy sensor"),
    "sensor_type.position": ("Positie- en bewegingssensor", "Position and motion sensor"),
    "sensor_type.other": ("Overig", "Other"),
    "purpose.safety": ("Openbare orde en veiligheid", "Public order and safety"),
    "purpose.enforcement": ("Handhaving", "Enforcement"),
    "purpose.traffic": ("Verkeer en mobiliteit", "Traffic and mobility"),
    "purpose.parking": ("Parkeren", "Parking"),
    "purpose.crowd": ("Drukte", "Crowd management"),
    "purpose.environment": ("Milieu en leefomgeving", "Environment"),
    "purpose.climate_energy": ("Klimaat en energie", "Climate and energy"),
    "purpose.waste": ("Afval en reiniging", "Waste"),
    "purpose.infrastructure": ("Beheer openbare ruimte", "Public-space maintenance"),
    "purpose.nature": ("Natuur", "Nature"),
    "purpose.health": ("Gezondheid", "Health"),
    "purpose.research": ("Onderzoek en statistiek", "Research and statistics"),
    "purpose.services": ("Dienstverlening en informatie", "Services and information"),
    "purpose.commercial": ("Commercieel en reclame", "Commercial and advertising"),
    "purpose.other": ("Overig", "Other"),
    "data_types.images_identifiable": ("Herkenbare beelden", "Identifiable images"),
    "data_types.images_anonymised": ("Geanonimiseerde beelden", "Anonymised images"),
    "data_types.licence_plates": ("Kentekens", "Licence plates"),
    "data_types.device_ids": ("Apparaat-ID's (wifi, bluetooth)", "Device identifiers"),
    "data_types.audio_recording": ("Geluidsopnamen", "Audio recordings"),
    "data_types.sound_level": ("Geluidsniveau", "Sound level"),
    "data_types.counts": ("Tellingen", "Counts"),
    "data_types.presence": ("Aanwezigheid", "Presence"),
    "data_types.environmental": ("Meetwaarden omgeving", "Environmental measurements"),
    "data_types.location": ("Locatiegegevens", "Location data"),
    "data_types.other": ("Overig", "Other"),
    "legal_basis.consent": ("Toestemming", "Consent"),
    "legal_basis.contract": ("Uitvoering overeenkomst", "Contract"),
    "legal_basis.legal_obligation": ("Wettelijke verplichting", "Legal obligation"),
    "legal_basis.vital_interests": ("Vitale belangen", "Vital interests"),
    "legal_basis.public_task": ("Publieke taak", "Public task"),
    "legal_basis.legitimate_interest": ("Gerechtvaardigd belang", "Legitimate interest"),
    "legal_basis.none": ("Niet van toepassing: geen persoonsgegevens", "Not applicable: no personal data"),
    "legal_basis.unknown": ("Onbekend", "Unknown"),
    "status.active": ("Actief", "Active"),
    "status.planned": ("Gepland", "Planned"),
    "status.inactive": ("Niet actief", "Inactive"),
    "source.register": ("Register", "Register"),
    "source.osm": ("OpenStreetMap", "OpenStreetMap"),
    "source.import": ("Import", "Import"),
    # ---------------------------------------------------------------- register fields
    "field.id": ("Kenmerk", "Reference"),
    "field.name": ("Naam", "Name"),
    "field.sensor_type": ("Soort sensor", "Sensor type"),
    "field.purpose": ("Doel", "Purpose"),
    "field.data_types": ("Soort gegevens", "Data types"),
    "field.personal_data": ("Gegevens over mensen (persoonsgegevens)", "Data about people (personal data)"),
    "field.legal_basis": ("Waarom het mag (grondslag)", "Why it is allowed (legal basis)"),
    "field.legal_reference": ("Wettelijke basis", "Legal reference"),
    "field.owner": ("Eigenaar", "Owner"),
    "field.contact": ("Contact", "Contact"),
    "field.privacy_statement_url": ("Privacyverklaring", "Privacy statement"),
    "field.dpia": ("Privacytoets (DPIA)", "Privacy impact assessment (DPIA)"),
    "field.retention": ("Hoe lang bewaard", "How long it is kept"),
    "field.retention_days": ("Hoe lang bewaard (dagen)", "How long it is kept (days)"),
    "field.biometric": ("Biometrie", "Biometrics"),
    "field.council_decision": ("Besluit gemeenteraad", "Council decision"),
    "field.algorithm_register_url": ("Algoritmeregister", "Algorithm register"),
    "field.status": ("Status", "Status"),
    "field.active_from": ("Actief vanaf", "Active from"),
    "field.active_until": ("Actief tot", "Active until"),
    "field.direction": ("Kijkrichting (graden)", "Direction (degrees)"),
    "field.field_of_view": ("Kijkhoek (graden)", "Field of view (degrees)"),
    "field.range_m": ("Bereik (meter)", "Range (metres)"),
    "field.description": ("Uitleg", "Description"),
    "field.location_description": ("Plaats", "Location"),
    "field.source": ("Bron", "Source"),
    "field.last_checked": ("Laatst gecontroleerd", "Last checked"),
    # ---------------------------------------------------------------- problems: rows rejected or warned about
    "problem.missing_required": (
        "Het veld '{field}' is verplicht maar leeg. Vul het in.",
        "The field '{field}' is required but empty. Fill it in.",
    ),
    "problem.unknown_code": (
        "'{value}' is geen geldige waarde voor '{field}'. Kies uit: {valid}.",
        "'{value}' is not a valid value for '{field}'. Choose from: {valid}.",
    ),
    "problem.duplicate_id": (
        "Het kenmerk '{value}' komt al eerder in het bestand voor. Geef elke registratie een eigen kenmerk.",
        "The id '{value}' already appears earlier in the file. Give every registration its own id.",
    ),
    "problem.missing_geometry": (
        "Er is geen plaats opgegeven. Vul lat en lon in, of x en y (RD), of wkt.",
        "No location is given. Fill in lat and lon, or x and y (RD), or wkt.",
    ),
    "problem.bad_coordinate": (
        "'{value}' in '{field}' is geen getal. Gebruik bijvoorbeeld 52.3731 of 52,3731.",
        "'{value}' in '{field}' is not a number. Use for example 52.3731 or 52,3731.",
    ),
    "problem.bad_geometry": (
        "De plaats in '{field}' is onleesbaar of geen punt of vlak: {value}. Gebruik bijvoorbeeld POINT (4.9 "
        "52.37).",
        "The location in '{field}' cannot be read or is not a point or area: {value}. Use for example POINT "
        "(4.9 52.37).",
    ),
    "problem.outside_area": (
        "De plaats ({value}) ligt buiten Nederland en buiten alle buurten.{hint}",
        "The location ({value}) lies outside the Netherlands and outside every neighbourhood.{hint}",
    ),
    "problem.bad_boolean": (
        "'{value}' in '{field}' is geen ja of nee. Gebruik ja/nee, yes/no, true/false of 1/0.",
        "'{value}' in '{field}' is not yes or no. Use ja/nee, yes/no, true/false or 1/0.",
    ),
    "problem.personal_data_without_legal_basis": (
        "Er worden persoonsgegevens verwerkt, maar er staat geen grondslag bij. Kies uit: {valid}.",
        "Personal data is processed but no legal basis is given. Choose from: {valid}.",
    ),
    "problem.legal_basis_unknown": (
        "De grondslag 'unknown' (onbekend) mag alleen bij geïmporteerde gegevens. Vul de echte grondslag in.",
        "The legal basis 'unknown' is only allowed for imported data. Fill in the actual legal basis.",
    ),
    "problem.missing_privacy_statement": (
        "Er worden persoonsgegevens verwerkt, maar er is geen link naar de privacyverklaring. Vul "
        "privacy_statement_url in.",
        "Personal data is processed but there is no link to the privacy statement. Fill in "
        "privacy_statement_url.",
    ),
    "problem.bad_url": (
        "'{value}' in '{field}' is geen geldig webadres. Alleen adressen die beginnen met http:// of https:// "
        "zijn toegestaan.",
        "'{value}' in '{field}' is not a valid web address. Only addresses starting with http:// or https:// "
        "are allowed.",
    ),
    "problem.bad_date": (
        "'{value}' in '{field}' is geen geldige datum. Gebruik 2025-03-01 of 01-03-2025.",
        "'{value}' in '{field}' is not a valid date. Use 2025-03-01 or 01-03-2025.",
    ),
    "problem.period_reversed": (
        "De einddatum ({value}) ligt vóór de begindatum. Controleer active_from en active_until.",
        "The end date ({value}) is before the start date. Check active_from and active_until.",
    ),
    "problem.bad_number": (
        "'{value}' in '{field}' is geen geldig getal{range}.",
        "'{value}' in '{field}' is not a valid number{range}.",
    ),
    "problem.bad_row": (
        "Deze rij heeft meer cellen dan er kolommen zijn. Controleer het scheidingsteken en de "
        "aanhalingstekens.",
        "This row has more cells than there are columns. Check the delimiter and the quotes.",
    ),
    "problem.unclosed_quote": (
        'In deze rij wordt een aanhalingsteken (") niet gesloten, zodat de rest van het bestand in deze rij '
        "is beland. Sluit het aanhalingsteken.",
        'A quote (") in this row is never closed, so the rest of the file ended up in this row. Close the '
        "quote.",
    ),
    "problem.conflicting_location": (
        "lat/lon en x/y wijzen naar plaatsen die {value} meter uit elkaar liggen. Vul één van beide in, of "
        "corrigeer ze.",
        "lat/lon and x/y point to places {value} metres apart. Fill in only one of them, or correct them.",
    ),
    "problem.outside_neighbourhoods": (
        "De plaats ligt in geen enkele buurt. De registratie wordt getoond, maar telt niet mee bij een buurt.",
        "The location lies in no neighbourhood. The registration is shown, but counts for no neighbourhood.",
    ),
    "problem.biometric": (
        "Deze registratie verwerkt biometrische gegevens (zoals gezichten). De principes sluiten biometrische "
        "surveillance uit.",
        "This registration processes biometric data (such as faces). The principles exclude biometric "
        "surveillance.",
    ),
    "problem.legitimate_interest_public_body": (
        "Een overheidsorganisatie ({value}) noemt 'gerechtvaardigd belang' als grondslag. Voor een publieke "
        "taak is dat meestal niet de juiste grondslag.",
        "A public body ({value}) claims 'legitimate interest'. For a public task that is usually not the "
        "right legal basis.",
    ),
    "problem.expired_but_active": (
        "De einddatum ({value}) is voorbij, maar de registratie staat niet op 'niet actief'. Werk de status of de "
        "datum bij.",
        "The end date ({value}) has passed, but the registration is not marked 'inactive'. Update the status or "
        "the date.",
    ),
    "problem.no_dpia": (
        "Er worden persoonsgegevens verwerkt, maar er is geen DPIA (gegevensbeschermingseffectbeoordeling) "
        "vermeld.",
        "Personal data is processed, but no DPIA (data protection impact assessment) is mentioned.",
    ),
    "problem.no_council_decision": (
        "Bij deze camera staat geen besluit van de gemeenteraad. De principes vragen om een democratisch "
        "besluit.",
        "There is no council decision for this camera. The principles ask for a democratic decision.",
    ),
    "problem.unknown_legal_basis_import": (
        "De grondslag is onbekend (geïmporteerde gegevens). Dit wordt getoond als 'onbekend'.",
        "The legal basis is unknown (imported data). It is shown as 'unknown'.",
    ),
    "problem.missing_privacy_statement_import": (
        "Er is geen privacyverklaring bekend (geïmporteerde gegevens).",
        "No privacy statement is known (imported data).",
    ),
    # ---------------------------------------------------------------- units
    "overview.unit.per_km2": ("per km²", "per km²"),
    "overview.unit.per_1000_residents": ("per 1.000 inwoners", "per 1,000 residents"),
    "overview.no_data": ("Geen gegevens", "No data"),
    # ---------------------------------------------------------------- the fact sheet (PDF)
    "sheet.title": ("Sensoren en camera's in {name}", "Sensors and cameras in {name}"),
    "sheet.subtitle": ("{municipality} · buurtcode {code}", "{municipality} · neighbourhood code {code}"),
    "sheet.subtitle.nomun": ("Buurtcode {code}", "Neighbourhood code {code}"),
    "sheet.dates": (
        "Register bijgewerkt op {updated}. Dit blad is gemaakt op {today}.",
        "Register last updated on {updated}. This sheet was made on {today}.",
    ),
    "sheet.dates.noupdate": ("Dit blad is gemaakt op {today}.", "This sheet was made on {today}."),
    "sheet.demo": (
        "Voorbeeld met verzonnen gegevens. Deze gemeente en deze sensoren bestaan niet.",
        "Example with made-up data. This municipality and these sensors do not exist.",
    ),
    "sheet.map.note": (
        "Grijs: de buurten eromheen. Elk teken is een registratie. Een gebied (bijvoorbeeld van een scanauto) "
        "heeft een gestippelde rand.",
        "Grey: the neighbourhoods around it. Each symbol is a registration. An area (for example of a scan "
        "car) has a dotted edge.",
    ),
    "sheet.legend.types": ("Soort sensor (vorm en teken)", "Type of sensor (shape and sign)"),
    "sheet.legend.purposes": ("Doel (kleur)", "Purpose (colour)"),
    "sheet.map.areas": (", waarvan {n} gebied", ", {n} of them an area"),
    "sheet.figures": ("De cijfers", "The figures"),
    "sheet.fig.total": ("Registraties", "Registrations"),
    "sheet.fig.per_km2": ("Per km²", "Per km²"),
    "sheet.fig.per_1000": ("Per 1.000 inwoners", "Per 1,000 residents"),
    "sheet.fig.personal": ("Verzamelen gegevens over mensen", "Collect data about people"),
    "sheet.fig.population": ("Inwoners", "Residents"),
    "sheet.fig.area": ("Oppervlakte", "Area"),
    "sheet.fig.city": ("stad: {value}", "city: {value}"),
    "sheet.summary": ("In het kort", "In short"),
    "sheet.flags": ("Wat niet past bij de afspraken", "What does not fit the principles"),
    "sheet.flags.none": (
        "Alle registraties in deze buurt passen bij de afspraken.",
        "All registrations in this neighbourhood fit the principles.",
    ),
    "sheet.questions": ("Vragen?", "Questions?"),
    "sheet.questions.text": (
        "Hebt u een vraag over een sensor of camera in deze buurt? Neem dan contact op met de eigenaar:",
        "Do you have a question about a sensor or camera in this neighbourhood? Please contact its owner:",
    ),
    "sheet.questions.municipality": (
        "U kunt ook altijd terecht bij de gemeente {municipality}.",
        "You can always ask the municipality of {municipality} as well.",
    ),
    "sheet.questions.nocontact": ("geen contact opgegeven", "no contact given"),
    "sheet.questions.owner": (Plural("{owner} ({n} registratie)", "{owner} ({n} registraties)"),
                              Plural("{owner} ({n} registration)", "{owner} ({n} registrations)")),
    "sheet.questions.more": (Plural("En nog {n} regel: zie de website.", "En nog {n} regels: zie de website."),
                             Plural("And {n} more line: see the website.", "And {n} more lines: see the website.")),
    "sheet.flag.entry": ("{name}, {where} ({id})", "{name}, {where} ({id})"),
    "sheet.flags.more": (
        Plural("En nog {n} regel: zie de website.", "En nog {n} regels: zie de website."),
        Plural("And {n} more line: see the website.", "And {n} more lines: see the website."),
    ),
    "sheet.qr.title": ("Alles over deze buurt", "All about this neighbourhood"),
    "sheet.qr.text": (
        Plural("Scan de code of ga naar het adres hieronder: daar staan de kaart en de registratie, met alle "
               "gegevens.",
               "Scan de code of ga naar het adres hieronder: daar staan de kaart en alle {n} registraties, met "
               "alle gegevens."),
        Plural("Scan the code or go to the address below: there you find the map and the registration, with every "
               "detail.",
               "Scan the code or go to the address below: there you find the map and all {n} registrations, with "
               "every detail."),
    ),
    "sheet.page": ("Zichtbaar · {name} · pagina {page}", "Zichtbaar · {name} · page {page}"),
    "sheet.basis.article": ("AVG art. 6 lid 1{letter}", "GDPR art. 6(1)({letter})"),
    "sheet.basis.none": ("Geen persoonsgegevens", "No personal data"),
    # ---------------------------------------------------------------- OpenStreetMap
    "osm.skip.no_coordinates": (
        "Geen coördinaten (een weg of relatie zonder middelpunt)",
        "No coordinates (a way or relation without a centre)",
    ),
    "osm.skip.bad_coordinates": ("Coördinaten zijn geen geldige graden", "Coordinates are not valid degrees"),
    "osm.skip.no_id": ("Geen OpenStreetMap-id", "No OpenStreetMap id"),
    "osm.skip.duplicate": ("Komt al eerder in het bestand voor", "Already earlier in the file"),
    "osm.skip.not_surveillance": (
        "Geen bewakingsobject (man_made=surveillance ontbreekt)",
        "Not surveillance equipment (man_made=surveillance missing)",
    ),
    # ---------------------------------------------------------------- counts: a number and a noun, with real plurals
    "count.registrations": (
        Plural("{n} registratie", "{n} registraties"),
        Plural("{n} registration", "{n} registrations"),
    ),
    "count.sensors_and_cameras": (Plural("{n} sensor of camera", "{n} sensoren en camera's"),
                                  Plural("{n} sensor or camera", "{n} sensors and cameras")),
    "count.camera": (Plural("{n} camera", "{n} camera's"), Plural("{n} camera", "{n} cameras")),
    "count.anpr": (Plural("{n} kentekencamera", "{n} kentekencamera's"),
                   Plural("{n} licence-plate camera", "{n} licence-plate cameras")),
    "count.sound": (Plural("{n} geluidsensor", "{n} geluidsensoren"), Plural("{n} sound sensor", "{n} sound sensors")),
    "count.air": (Plural("{n} luchtkwaliteitsensor", "{n} luchtkwaliteitsensoren"),
                  Plural("{n} air-quality sensor", "{n} air-quality sensors")),
    "count.climate": (Plural("{n} klimaat- en weersensor", "{n} klimaat- en weersensoren"),
                      Plural("{n} climate and weather sensor", "{n} climate and weather sensors")),
    "count.presence": (Plural("{n} aanwezigheids- en telsensor", "{n} aanwezigheids- en telsensoren"),
                       Plural("{n} presence and counting sensor", "{n} presence and counting sensors")),
    "count.wifi_bluetooth": (Plural("{n} wifi- of bluetoothteller", "{n} wifi- of bluetoothtellers"),
                             Plural("{n} WiFi or Bluetooth counter", "{n} WiFi or Bluetooth counters")),
    "count.traffic": (Plural("{n} verkeersteller", "{n} verkeerstellers"),
                      Plural("{n} traffic counter", "{n} traffic counters")),
    "count.water": (Plural("{n} water- en stromingssensor", "{n} water- en stromingssensoren"),
                    Plural("{n} water and flow sensor", "{n} water and flow sensors")),
    "count.fill_level": (Plural("{n} vulgraadsensor", "{n} vulgraadsensoren"),
                         Plural("{n} fill-level sensor", "{n} fill-level sensors")),
    "count.energy": (
        Plural("{n} energiesensor", "{n} energiesensoren"),
        Plural("{n} energy sensor", "{n} energy sensors"),
    ),
    "count.position": (Plural("{n} positie- en bewegingssensor", "{n} positie- en bewegingssensoren"),
                       Plural("{n} position and motion sensor", "{n} position and motion sensors")),
    "count.other": (
        Plural("{n} overige sensor", "{n} overige sensoren"),
        Plural("{n} other sensor", "{n} other sensors"),
    ),
    "count.unlisted": ("{n} × {code}", "{n} × {code}"),
    # ---------------------------------------------------------------- neighbourhood summaries in words
    "summary.name.outside": ("Buiten alle buurten", "Outside every neighbourhood"),
    "summary.name.city": ("De hele stad", "The whole city"),
    "summary.where.outside": ("Buiten alle buurten", "outside every neighbourhood"),
    "summary.where.city": ("In de hele stad", "in the whole city"),
    "summary.where.neighbourhood": ("In {name}", "in {name}"),
    "summary.nothing": ("{where} is niets geregistreerd.", "Nothing is registered {where}."),
    "summary.what.one_type": (
        Plural("{where} is {counted} geregistreerd.", "{where} zijn {counted} geregistreerd."),
        Plural("{counted} is registered {where}.", "{counted} are registered {where}."),
    ),
    "summary.what.types": (
        "{where} zijn {total} sensoren en camera's geregistreerd: {listed}.",
        "{total} sensors and cameras are registered {where}: {listed}.",
    ),
    "summary.what.others": (Plural("nog {n} andere", "nog {n} andere"), Plural("{n} other", "{n} others")),
    "summary.personal.single.yes": ("Die verwerkt persoonsgegevens.", "It processes personal data."),
    "summary.personal.single.no": ("Die verwerkt geen persoonsgegevens.", "It does not process personal data."),
    "summary.personal.none": ("Geen daarvan verwerkt persoonsgegevens.", "None of them process personal data."),
    "summary.personal.all": ("Alle {n} verwerken persoonsgegevens.", "All {n} process personal data."),
    "summary.personal.some": (
        Plural("{n} daarvan verwerkt persoonsgegevens.", "{n} daarvan verwerken persoonsgegevens."),
        Plural("{n} of them processes personal data.", "{n} of them process personal data."),
    ),
    "summary.density.compare": (
        "Dat is {density} per km², de stad als geheel heeft {city} per km².",
        "That is {density} per km²; the city as a whole has {city} per km².",
    ),
    "summary.density": ("Dat is {density} per km².", "That is {density} per km²."),
    "summary.per_1000": ("Dat zijn er {per} per 1.000 inwoners.", "That is {per} per 1,000 residents."),
    "summary.flag.biometric": (
        Plural("{who} gebruikt gezichtsherkenning of andere biometrie; dat past niet bij de principes van de gemeente.",
               "{who} gebruiken gezichtsherkenning of andere biometrie; dat past niet bij de principes van de "
               "gemeente."),
        Plural("{who} uses facial recognition or other biometrics; that does not fit the municipality's principles.",
               "{who} use facial recognition or other biometrics; that does not fit the municipality's principles."),
    ),
    "summary.flag.no_council_decision": (
        Plural("Voor {cameras} is geen besluit van de gemeenteraad vermeld.",
               "Voor {cameras} is geen besluit van de gemeenteraad vermeld."),
        Plural("{cameras} has no council decision listed.", "{cameras} have no council decision listed."),
    ),
    "summary.flag.expired": (
        Plural("{n} registratie heeft een einddatum die voorbij is, maar staat nog niet op ‘niet actief’.",
               "{n} registraties hebben een einddatum die voorbij is, maar staan nog niet op ‘niet actief’."),
        Plural("{n} registration has an end date that has passed, but is not marked inactive.",
               "{n} registrations have an end date that has passed, but are not marked inactive."),
    ),
    "number.less_than": ("minder dan {value}", "less than {value}"),
    # ---------------------------------------------------------------- errors: input that cannot be used at all
    "error.register.missing": ("Het bestand '{path}' bestaat niet.", "The file '{path}' does not exist."),
    "error.register.folder": ("'{path}' is een map, geen bestand.", "'{path}' is a folder, not a file."),
    "error.register.unopenable": (
        "Het bestand '{path}' kan niet worden geopend ({reason}).", "The file '{path}' cannot be opened ({reason})."),
    "error.register.too_big": (
        "Het bestand is te groot ({size} MB); de grens is {limit} MB.",
        "The file is too large ({size} MB); the limit is {limit} MB.",
    ),
    "error.register.empty": ("Het bestand is leeg.", "The file is empty."),
    "error.register.no_known_columns": (
        "Het bestand heeft geen bekende kolommen (zoals id, name, sensor_type): staat de kopregel op de eerste rij?",
        "The file has no known columns (such as id, name, sensor_type): is the header on the first row?",
    ),
    "error.register.duplicate_column": (
        "De kolom '{column}' staat twee keer in de kopregel; laat er één over.",
        "The column '{column}' appears twice in the header; keep only one.",
    ),
    "error.register.not_text": (
        "Dit is geen tekstbestand (CSV); sla het op als CSV, XLSX, GeoJSON of GeoPackage.",
        "This is not a text (CSV) file; save it as CSV, XLSX, GeoJSON or GeoPackage.",
    ),
    "error.register.no_header": ("Het bestand heeft geen kopregel.", "The file has no header row."),
    "error.register.csv_broken": (
        "Het CSV-bestand is onleesbaar vanaf rij {row} ({reason}).",
        "The CSV file cannot be read from row {row} on ({reason}).",
    ),
    "error.register.xlsx_damaged": (
        "Het Excel-bestand is beschadigd en kan niet worden gelezen.", "The Excel file is damaged and cannot be read."),
    "error.register.xlsx_bomb": (
        "Het Excel-bestand pakt uit tot een verdacht grote omvang en wordt niet gelezen.",
        "The Excel file unpacks to a suspiciously large size and is not read.",
    ),
    "error.register.xlsx_empty": ("Het eerste werkblad is leeg.", "The first worksheet is empty."),
    "error.register.xlsx_unreadable": (
        "Het Excel-bestand is beschadigd of geen XLSX en kan niet worden gelezen.",
        "The Excel file is damaged or not XLSX and cannot be read.",
    ),
    "error.register.xlsx_partly_damaged": (
        "Het Excel-bestand is halverwege beschadigd.", "The Excel file is damaged part of the way through."),
    "error.register.geojson_not_json": (
        "Het GeoJSON-bestand is geen geldige JSON.",
        "The GeoJSON file is not valid JSON.",
    ),
    "error.register.is_osm": (
        "Dit is OpenStreetMap-data (Overpass); zet het eerst om met: python -m geo from-osm.",
        "This is OpenStreetMap (Overpass) data; convert it first with: python -m geo from-osm.",
    ),
    "error.register.not_feature_collection": (
        "Het bestand is geen GeoJSON FeatureCollection.", "The file is not a GeoJSON FeatureCollection."),
    "error.register.unknown_crs": (
        "Het coördinatenstelsel {crs} van het bestand is onbekend.",
        "The file's coordinate reference system {crs} is unknown.",
    ),
    "error.register.gpkg_unreadable": (
        "Het GeoPackage-bestand is beschadigd of leeg en kan niet worden gelezen.",
        "The GeoPackage file is damaged or empty and cannot be read.",
    ),
    "error.store.no_neighbourhoods_import": (
        "Er zijn nog geen buurten in het register. Geef een buurtenbestand mee met --neighbourhoods.",
        "The store has no neighbourhoods yet. Pass a neighbourhood file with --neighbourhoods.",
    ),
    "error.store.no_neighbourhoods": (
        "Er zijn nog geen buurten in het register.",
        "The store has no neighbourhoods yet.",
    ),
    "error.store.strict": (
        Plural("{n} rij is afgewezen; met --strict wordt niets geïmporteerd.",
               "{n} rijen zijn afgewezen; met --strict wordt niets geïmporteerd."),
        Plural("{n} row was rejected; with --strict nothing is imported.",
               "{n} rows were rejected; with --strict nothing is imported."),
    ),
    "error.store.damaged": ("Het register '{store}' is beschadigd ({reason}).",
                            "The register store '{store}' is damaged ({reason})."),
    "error.store.busy": (
        "Het register '{store}' verandert te snel om te lezen; probeer het zo opnieuw.",
        "The register store '{store}' changes too fast to read; try again shortly.",
    ),
    "error.store.empty": (
        "Er is nog geen register in '{store}'. Importeer er een met 'python -m geo import'.",
        "There is no register in '{store}' yet. Import one with 'python -m geo import'.",
    ),
    "error.store.unreadable": ("Het register '{store}' kan niet worden gelezen ({reason}).",
                               "The register store '{store}' cannot be read ({reason})."),
    "error.store.unreachable": (
        "De database '{store}' is niet bereikbaar.",
        "The database '{store}' cannot be reached.",
    ),
    "error.store.no_psycopg": (
        "Voor een PostGIS-opslag is het pakket psycopg nodig (pip install 'psycopg[binary]').",
        "A PostGIS store needs the psycopg package (pip install 'psycopg[binary]').",
    ),
    "error.osm.missing": (
        "Het OpenStreetMap-bestand {file} bestaat niet.",
        "The OpenStreetMap file {file} does not exist.",
    ),
    "error.osm.xml": ("{file} is OSM-XML; exporteer uit Overpass als JSON of GeoJSON.",
                      "{file} is OSM XML; export from Overpass as JSON or GeoJSON."),
    "error.osm.unreadable": (
        "Het bestand {file} kan niet als OpenStreetMap-export worden gelezen; gebruik Overpass-JSON of GeoJSON.",
        "The file {file} cannot be read as an OpenStreetMap export; use Overpass JSON or GeoJSON.",
    ),
    "error.geocoder.unavailable": (
        "Zoeken op adres werkt nu niet, want de adreszoeker van PDOK is niet bereikbaar. "
        "Tik op de kaart of gebruik uw locatie.",
        "Searching by address does not work right now, because PDOK's address search cannot be reached. "
        "Tap the map or use your location.",
    ),
    "error.neighbourhoods.missing": ("Het buurtenbestand {file} bestaat niet.",
                                     "The neighbourhood file {file} does not exist."),
    "error.neighbourhoods.no_polygons": ("{file} bevat geen buurtvlakken (polygonen).",
                                         "{file} contains no neighbourhood areas (polygons)."),
    "error.neighbourhoods.no_usable_polygons": ("{file} bevat geen bruikbare buurtvlakken (polygonen).",
                                                "{file} contains no usable neighbourhood areas (polygons)."),
    "error.neighbourhoods.no_code_column": (
        "{file} heeft geen kolom met buurtcodes (zoals buurtcode, cbsCode, statcode of code).",
        "{file} has no column of neighbourhood codes (such as buurtcode, cbsCode, statcode or code).",
    ),
    "error.neighbourhoods.no_code": (
        "Buurt nummer {number} in {file} heeft geen code in kolom {column}.",
        "Neighbourhood number {number} in {file} has no code in column {column}.",
    ),
    "error.neighbourhoods.unreadable": (
        "Het bestand {file} kan niet als buurtenbestand worden gelezen; gebruik GeoJSON of GeoPackage.",
        "The file {file} cannot be read as a neighbourhood file; use GeoJSON or GeoPackage.",
    ),
    "error.neighbourhoods.unknown_crs": (
        "De coördinaten in {file} zijn geen graden (WGS84) en geen RD New, en het bestand zegt niet welk stelsel "
        "het gebruikt.",
        "The coordinates in {file} are neither degrees (WGS84) nor RD New, and the file does not say which system "
        "it uses.",
    ),
    "error.neighbourhoods.crs_unconvertible": (
        "Het coördinatenstelsel van {file} kan niet naar WGS84 worden omgezet.",
        "The coordinate system of {file} cannot be converted to WGS84.",
    ),
    "error.neighbourhoods.duplicate_code": (
        "De buurtcode {code} komt meer dan eens voor in {file}; elke buurt moet een eigen code hebben.",
        "The neighbourhood code {code} occurs more than once in {file}; each neighbourhood needs its own code.",
    ),
    "error.pdok.bad_code": (
        "'{value}' is geen gemeentecode; gebruik de CBS-code, zoals GM0363 of 0363.",
        "'{value}' is not a municipality code; use the CBS code, such as GM0363 or 0363.",
    ),
    "error.pdok.not_a_map": (
        "PDOK gaf geen buurtenkaart terug maar een foutmelding of iets anders.",
        "PDOK did not answer with a neighbourhood map but with an error or something else.",
    ),
    "error.pdok.unreadable": ("Het antwoord van PDOK kan niet als buurtenkaart worden gelezen.",
                              "PDOK's answer cannot be read as a neighbourhood map."),
    "error.pdok.none": (
        "PDOK heeft geen buurten van gemeente {code} in {year}; controleer de gemeentecode en het jaar.",
        "PDOK has no neighbourhoods of municipality {code} in {year}; check the municipality code and year.",
    ),
    "error.hotspots.too_many": (
        "Met vakken van {size} meter worden het {n} vakken; de grens is {limit}. Kies grotere vakken.",
        "Cells of {size} metres give {n} cells; the limit is {limit}. Choose larger cells.",
    ),
    "error.unexpected": (
        "Er ging iets onverwachts mis: {kind}. Meld dit aan de beheerders.",
        "Something unexpected went wrong: {kind}. Please report this to the maintainers.",
    ),
    "error.cli.unknown_neighbourhood": ("Buurt {code} staat niet in het register.",
                                        "Neighbourhood {code} is not in the register."),
    "error.cli.code_or_all": ("Geef een buurtcode of --all.", "Give a neighbourhood code or --all."),
    "error.cli.register_and_neighbourhoods": (
        "Geef --register en --neighbourhoods samen, of geen van beide (dan de opslag).",
        "Give --register and --neighbourhoods together, or neither (then the store).",
    ),
    "error.sheet.fonts": (
        "De lettertypen voor het feitenblad ontbreken ({files} in {folder}). "
        "Installeer het pakket fonts-dejavu-core of zet ZICHTBAAR_FONT_DIR.",
        "The fonts for the fact sheet are missing ({files} in {folder}). "
        "Install the package fonts-dejavu-core or set ZICHTBAAR_FONT_DIR.",
    ),
    "error.unknown_neighbourhood": (
        "Deze buurt staat niet in het register. Kies een buurt uit het overzicht.",
        "This neighbourhood is not in the register. Choose one from the overview.",
    ),
    "problem.hint.latlon_swapped": (" Het lijkt erop dat lat en lon zijn verwisseld.",
                                    " It looks as if lat and lon are swapped."),
    "problem.hint.wkt_order": (" In WKT komt de lengtegraad eerst: POINT (lon lat).",
                               " In WKT the longitude comes first: POINT (lon lat)."),
    "problem.hint.lonlat_swapped": (" De coördinaten lijken verwisseld: eerst lon, dan lat.",
                                    " The coordinates look swapped: lon first, then lat."),
    "problem.hint.rd_declare_crs": (
        " Dit lijken RD-coördinaten: geef in het bestand het coördinatenstelsel EPSG:28992 op.",
        " These look like RD coordinates: declare the coordinate system EPSG:28992 in the file.",
    ),
    "problem.hint.rd_in_latlon": (" Dit lijken RD-coördinaten: zet ze in de kolommen x en y.",
                                  " These look like RD coordinates: put them in the x and y columns."),
    "problem.hint.degrees_in_xy": (" Het lijken graden (lat/lon): zet ze in de kolommen lat en lon.",
                                   " These look like degrees (lat/lon): put them in the lat and lon columns."),
    "problem.hint.xy_swapped": (" Het lijkt erop dat x en y zijn verwisseld.", " It looks as if x and y are swapped."),
    "problem.range.direction": (" (0 tot en met 360)", " (0 to 360)"),
    "problem.range.field_of_view": (" (groter dan 0 en ten hoogste 360)", " (above 0 and at most 360)"),
    "problem.range.range_m": (" (groter dan 0)", " (above 0)"),
    "problem.range.retention_days": (" (0 of meer, in hele dagen)", " (0 or more, in whole days)"),
    # ---------------------------------------------------------------- the command line (python -m geo)
    "cli.check.head": (
        "{source}: {rows} rijen, {accepted} geaccepteerd, {rejected} afgewezen, {warnings} waarschuwingen.",
        "{source}: {rows} rows, {accepted} accepted, {rejected} rejected, {warnings} warnings.",
    ),
    "cli.check.rejected": ("Afgewezen", "Rejected"),
    "cli.check.warnings": ("Waarschuwingen", "Warnings"),
    "cli.check.row": ("rij", "row"),
    "cli.from_osm.done": (
        "{n} registraties geschreven naar {file} ({skipped} overgeslagen).",
        "{n} registrations written to {file} ({skipped} skipped).",
    ),
    "cli.summary.code": ("code", "code"),
    "cli.summary.name": ("buurt", "neighbourhood"),
    "cli.summary.total": ("totaal", "total"),
    "cli.summary.per_km2": ("per km²", "per km²"),
    "cli.summary.per_1000": ("per 1.000 inw.", "per 1,000 res."),
    "cli.summary.personal": ("persoonsgeg.", "personal"),
    "cli.import.done": (
        "Versie {version} geïmporteerd in {store}: {accepted} registraties, {rejected} rijen afgewezen, "
        "{warnings} waarschuwingen.",
        "Version {version} imported into {store}: {accepted} registrations, {rejected} rows rejected, "
        "{warnings} warnings.",
    ),
    "cli.import.see": ("Zie: {command}", "See: {command}"),
    "cli.boundaries.done": (
        "{n} buurten van {code} geschreven naar {file} ({known} met inwonertal).",
        "{n} neighbourhoods of {code} written to {file} ({known} with population).",
    ),
    "overview.registrations": ("Registraties", "Registrations"),
    "overview.title.count": ("Aantal registraties", "Number of registrations"),
    "overview.title.count_of": ("Aantal registraties: {what}", "Number of registrations: {what}"),
    "overview.title.per": ("{what} {unit}", "{what} {unit}"),
    "overview.measure.count": ("Aantal", "Number"),
    "map.attribution.brt": ("Kaartgegevens &copy; <a href=\"https://www.kadaster.nl\">Kadaster</a>",
                            "Map data &copy; <a href=\"https://www.kadaster.nl\">Kadaster</a>"),
    "map.attribution.osm": (
        "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a>-bijdragers",
        "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors",
    ),
    # ---------------------------------------------------------------- units of time
    "unit.hour": (Plural("{n} uur", "{n} uur"), Plural("{n} hour", "{n} hours")),
    "unit.day": (Plural("{n} dag", "{n} dagen"), Plural("{n} day", "{n} days")),
    "unit.week": (Plural("{n} week", "{n} weken"), Plural("{n} week", "{n} weeks")),
    "unit.month": (Plural("{n} maand", "{n} maanden"), Plural("{n} month", "{n} months")),
    "unit.year": (Plural("{n} jaar", "{n} jaar"), Plural("{n} year", "{n} years")),
    # ---------------------------------------------------------------- near me: the cards and the sentence on top
    "near.card.headline": ("{kind} van {owner}, {where}.", "{kind} of {owner}, {where}."),
    "near.card.owner_unknown": ("onbekende eigenaar", "unknown owner"),
    "near.card.distance": ("{distance}", "{distance} away"),
    "near.card.distance.unknown": ("afstand onbekend", "distance unknown"),
    "near.card.distance.here": ("op deze plek", "at this spot"),
    "near.card.looks.camera": ("Deze camera kijkt naar deze plek.", "This camera looks at this spot."),
    "near.card.looks.anpr": (
        "Deze kentekencamera kijkt naar deze plek.",
        "This licence-plate camera looks at this spot.",
    ),
    "near.card.may_look.camera": ("Deze camera kan deze plek zien. De kijkrichting is niet bekend.",
                                  "This camera may see this spot. Its direction is not known."),
    "near.card.may_look.anpr": ("Deze kentekencamera kan deze plek zien. De kijkrichting is niet bekend.",
                                "This licence-plate camera may see this spot. Its direction is not known."),
    "near.card.area": ("Deze plek ligt in het gebied waar deze sensor werkt.",
                       "This spot lies in the area where this sensor works."),
    "near.card.purpose": ("Doel: {purposes}.", "Purpose: {purposes}."),
    "near.card.collects": ("Verzamelt {what}", "Collects {what}"),
    "near.card.other_data": ("andere gegevens", "other data"),
    "near.card.retention": ("Hoe lang bewaard: {keep}.", "Kept for: {keep}."),
    "near.card.collects_and_keeps": ("{collects} en bewaart ze {keep}.", "{collects} and keeps them for {keep}."),
    "near.card.keeps": ("Bewaart ze {keep}.", "Keeps them for {keep}."),
    "near.card.personal": (
        "Verzamelt gegevens over mensen. Waarom dat mag: {basis}.",
        "Collects data about people. Why that is allowed: {basis}.",
    ),
    "near.card.no_personal": ("Verzamelt geen gegevens over mensen.", "Collects no data about people."),
    "near.card.biometric": (
        "Let op: verwerkt biometrische gegevens, zoals gezichten. Gemeenten hebben afgesproken dat niet te doen.",
        "Note: processes biometric data, such as faces. Municipalities agreed not to do that.",
    ),
    "near.card.planned": ("Gepland: meet nog niet.", "Planned: not measuring yet."),
    "near.card.inactive": ("Niet meer actief.", "No longer active."),
    "near.card.questions": ("Vragen?", "Questions?"),
    "near.card.privacy": ("Privacyverklaring", "Privacy statement"),
    "near.summary.nothing": (
        "Binnen {radius} staat niets in het register.",
        "Nothing in the register within {radius}.",
    ),
    "near.summary.planned": (
        Plural("{n} daarvan is gepland en meet nog niet.", "{n} daarvan zijn gepland en meten nog niet."),
        Plural("{n} of them is planned and not measuring yet.", "{n} of them are planned and not measuring yet."),
    ),
    "near.summary.looking": (Plural("{cameras} kijkt naar deze plek.", "{cameras} kijken naar deze plek."),
                             Plural("{cameras} looks at this spot.", "{cameras} look at this spot.")),
    "near.summary.farther": (
        Plural("Daarvan staat er {n} verder weg dan {radius}.", "Daarvan staan er {n} verder weg dan {radius}."),
        Plural("{n} of them stands farther away than {radius}.", "{n} of them stand farther away than {radius}."),
    ),
    "near.summary.inactive": (
        Plural("Er staat ook {n} registratie die niet meer actief is.",
               "Er staan ook {n} registraties die niet meer actief zijn."),
        Plural("There is also {n} registration that is no longer active.",
               "There are also {n} registrations that are no longer active."),
    ),
    "error.pdok.http": (
        "PDOK gaf een foutmelding (HTTP {status}) bij de buurten van {code} in {year}; kies in plaats daarvan een "
        "buurtenbestand (GeoJSON of GeoPackage).",
        "PDOK answered with an error (HTTP {status}) for the neighbourhoods of {code} in {year}; choose a "
        "neighbourhood file (GeoJSON or GeoPackage) instead.",
    ),
    "error.pdok.unreachable": (
        "PDOK (de landelijke kaartdienst) is niet bereikbaar, dus de buurtgrenzen konden niet worden opgehaald; "
        "kies in plaats daarvan een buurtenbestand (GeoJSON of GeoPackage).",
        "PDOK (the national map service) cannot be reached, so the neighbourhood boundaries could not be fetched; "
        "choose a neighbourhood file (GeoJSON or GeoPackage) instead.",
    ),
    "near.radius.option": ("{r} m", "{r} m"),
    "download.csv": ("Download als CSV", "Download as CSV"),
    "download.xlsx": ("Download als Excel", "Download as Excel"),
    "check.file": ("controle {name}", "check {name}"),
    "check.all_owners": ("Alle eigenaren", "All owners"),
    "check.no_owner": ("Zonder eigenaar", "No owner given"),
    "check.per_owner": ("Lijst voor één eigenaar", "A list for one owner"),
    "check.per_owner.pick": ("Kies een eigenaar om zijn lijst te downloaden", "Choose an owner to download its list"),
    "policy.hotspots.places": ("Waar zijn de concentraties?", "Where are the concentrations?"),
    "policy.hotspots.places.none": ("Er zijn geen vakken die opvallen.", "No cells stand out."),
    "policy.hotspots.col.kind": ("Soort", "Kind"),
    "policy.hotspots.col.neighbourhood": ("Buurt", "Neighbourhood"),
    "policy.hotspots.col.count": ("Registraties", "Registrations"),
    "policy.hotspots.col.z": ("Gi* (z)", "Gi* (z)"),
    "policy.hotspots.col.lat": ("Breedtegraad", "Latitude"),
    "policy.hotspots.col.lon": ("Lengtegraad", "Longitude"),
    "policy.hotspots.kind.hot": ("Veel sensoren", "Many sensors"),
    "policy.hotspots.kind.cold": ("Weinig sensoren", "Few sensors"),
    "policy.hotspots.file": ("concentraties", "hotspots"),
    "policy.trends.change": ("Verandering", "Change"),
    "policy.trends.added": ("Erbij", "Added"),
    "policy.trends.removed": ("Eraf", "Removed"),
    "policy.trends.net": ("Netto", "Net"),
    "policy.trends.total": ("Totaal met datum", "Total with a date"),
    "policy.trends.when": ("Wanneer", "When"),
    "policy.trends.planned": ("Gepland", "Planned"),
    "policy.trends.past": ("Gebeurd", "Happened"),
    "policy.trends.file": ("per kwartaal", "by quarter"),
    "policy.coverage.file": ("camerabereik", "camera coverage"),
    "policy.principles.file": ("principes", "principles"),
    "policy.trends.legend": (
        "Lichte balken zijn kwartalen die nog moeten komen: gepland, nog niet gebeurd. Een registratie zonder "
        "'actief tot' telt als nog actief.",
        "Pale bars are quarters still to come: planned, not happened yet. A registration without 'active until' "
        "counts as still active.",
    ),
    "policy.col.principle": (
        "Principe",
        "Principle",
    ),
    "streamlit.skip": ("Ga naar de inhoud", "Skip to main content"),
    "streamlit.app_pages": ("Pagina's", "App pages"),
    "streamlit.link_heading": ("Link naar dit kopje", "Link to heading"),
    "streamlit.show_columns": ("Kolommen tonen of verbergen", "Show/hide columns"),
    "streamlit.search": ("Zoeken", "Search"),
    "streamlit.fullscreen": ("Volledig scherm", "Fullscreen"),
    "streamlit.close_fullscreen": ("Volledig scherm sluiten", "Close fullscreen"),
    "streamlit.download_csv": ("Download als CSV", "Download as CSV"),
    "streamlit.sidebar": ("Zijbalk", "Sidebar"),
    "streamlit.expand_sidebar": ("Menu openen", "Expand sidebar"),
    "streamlit.collapse_sidebar": ("Menu sluiten", "Collapse sidebar"),
    "streamlit.help": ("Uitleg", "Help"),
    "streamlit.help_for": ("Uitleg bij {p1}", "Help for {p1}"),
    "streamlit.select_all": ("Alles kiezen", "Select all"),
    "streamlit.clear_all": ("Alles wissen", "Clear all"),
    "streamlit.clear_value": ("Wissen", "Clear value"),
    "streamlit.no_results": ("Niets gevonden", "No results"),
    "streamlit.open": ("Openen", "Open"),
    "streamlit.upload": ("Kies een bestand", "Upload"),
    "streamlit.drag_drop": ("Sleep {p1} hierheen", "Drag and drop {p1} here"),
    "streamlit.drag_file": ("Sleep een bestand hierheen", "Drag and drop file here"),
    "streamlit.per_file": ("Ten hoogste {p1} per bestand{p2}", "{p1} per file{p2}"),
    "streamlit.view_less": ("Minder tonen", "View less"),
    "streamlit.view_more": ("Nog {p1} tonen", "View {p1} more"),
    "streamlit.copy": ("Kopiëren", "Copy to clipboard"),
    "streamlit.copied": ("Gekopieerd", "Copied"),
    "streamlit.close": ("Sluiten", "Close"),
    "streamlit.remove": ("Verwijderen", "Remove"),
    "menu.label": ("Menu", "Menu"),
    "streamlit.file_upload": ("Bestand kiezen", "file upload"),
    # ---- Amsterdam and the Algoritmeregister (h-amsterdam)
    "amsterdam.line.datastream": ("Wat meet de sensor: {value}", "What the sensor measures: {value}"),
    "amsterdam.line.goal": ("Doel: {value}", "Goal: {value}"),
    "amsterdam.line.themes": ("Thema's: {value}", "Themes: {value}"),
    "amsterdam.line.type": ("Soort in het Sensorenregister: {value}", "Type in the Sensorenregister: {value}"),
    "amsterdam.line.regions": ("Gebied: {value}", "Area: {value}"),
    "amsterdam.line.project": ("Project: {value}", "Project: {value}"),
    "amsterdam.line.remark": ("Opmerking: {value}", "Remark: {value}"),
    "amsterdam.line.privacy": ("Privacyverklaring: {value}", "Privacy statement: {value}"),
    "problem.no_location": (
        "Dit apparaat heeft geen plaats, dus het kan niet op de kaart.{hint}",
        "This device has no location, so it cannot go on the map.{hint}",
    ),
    "problem.hint.no_region": (
        " Vul de plaats in, of het gebied waar de mobiele sensor werkt.",
        " Fill in its location, or the area where the mobile sensor works.",
    ),
    "problem.hint.region_unknown": (
        " Het gebied '{value}' is geen stadsdeel dat Zichtbaar kent.",
        " The area '{value}' is not a district Zichtbaar knows.",
    ),
    "problem.hint.region_not_loaded": (
        " Het gebied '{value}' ligt niet in de geladen buurten. Laad de buurten van Amsterdam.",
        " The area '{value}' is not in the loaded neighbourhoods. Load the neighbourhoods of Amsterdam.",
    ),
    "problem.unmapped_value": (
        "'{value}' past in geen enkele waarde van '{field}'. Het staat er als 'Overig'; de tekst staat in de uitleg.",
        "'{value}' matches no value of '{field}'. It is shown as 'Other'; the text is kept in the description.",
    ),
    "problem.unmapped_region": (
        "'{value}' is geen stadsdeel dat Zichtbaar kent. De naam staat in de uitleg.",
        "'{value}' is not a district Zichtbaar knows. The name is kept in the description.",
    ),
    "problem.legal_ground_unmapped": (
        "De wettelijke grondslag '{value}' zegt niet duidelijk welke grond uit artikel 6 van de AVG het is. "
        "De tekst staat bij 'Wet of besluit'; de grondslag is niet ingevuld.",
        "The legal ground '{value}' does not say clearly which ground of GDPR article 6 it is. "
        "The text is kept as the law or decision; the legal basis is not filled in.",
    ),
    "problem.area_from_region": (
        "Dit apparaat heeft geen vaste plaats. Het staat op de kaart als het gebied '{value}'.",
        "This device has no fixed location. It is shown on the map as the area '{value}'.",
    ),
    "problem.pages_missing": (
        "De API telt {value} apparaten, maar deze pagina's bevatten er minder. Er ontbreken pagina's: "
        "haal ook de volgende pagina's op (_links.next).",
        "The API counts {value} devices, but these pages hold fewer. Pages are missing: "
        "fetch the next pages too (_links.next).",
    ),
    "error.amsterdam.mixed_files": (
        "Deze bestanden horen niet bij elkaar: {files}. Geef pagina's van de API van het Sensorenregister, "
        "of één bulkbestand (Sensorregistratie) met het bestand 'Uw gegevens'.",
        "These files do not belong together: {files}. Give pages of the Sensorenregister's API, "
        "or one bulk sheet (Sensorregistratie) with the file 'Uw gegevens'.",
    ),
    "error.amsterdam.not_json": ("{file} is geen geldige JSON.", "{file} is not valid JSON."),
    "error.amsterdam.not_api": (
        "{file} is geen pagina van de API van het Sensorenregister: er staat geen lijst 'results' met apparaten in.",
        "{file} is not a page of the Sensorenregister's API: it holds no list 'results' of devices.",
    ),
    "error.amsterdam.no_sheet": (
        "Bij de bestanden zit geen blad 'Sensorregistratie' met de sensoren.",
        "The files hold no sheet 'Sensorregistratie' with the sensors.",
    ),
    "error.amsterdam.sheet_columns": (
        "{file} mist de kolommen 'Referentie' en 'Kies soort / type sensor' van het bulkbestand.",
        "{file} lacks the bulk sheet's columns 'Referentie' and 'Kies soort / type sensor'.",
    ),
    "error.amsterdam.no_owner": (
        "Bij {file} staat niet van welke organisatie de sensoren zijn. Voeg het blad 'Uw gegevens' toe, "
        "of geef het bestand 'Uw gegevens.csv' erbij, met de naam van de organisatie.",
        "{file} does not say which organisation owns the sensors. Add the sheet 'Uw gegevens', "
        "or give the file 'Uw gegevens.csv' as well, with the organisation's name.",
    ),
    "principle.algorithms": ("In het algoritmeregister", "In the algorithm register"),
    "principle.algorithms.rule": (
        "Een kentekencamera, een slimme camera of een teller verwerkt persoonsgegevens, maar het algoritme staat "
        "niet in het algoritmeregister, of de link wijst naar niets of naar een algoritme dat buiten gebruik is.",
        "A licence-plate camera, a smart camera or a counter processes personal data, but its algorithm is not in "
        "the algorithm register, or the link points to nothing or to an algorithm that is out of use.",
    ),
    "reason.no_algorithm_entry": ("Niet in het algoritmeregister", "Not in the algorithm register"),
    "reason.algorithm_link_broken": (
        "Algoritme niet gevonden of buiten gebruik", "Algorithm not found or out of use"),
    "algorithm.status.in_use": ("In gebruik", "In use"),
    "algorithm.status.in_development": ("In ontwikkeling", "In development"),
    "algorithm.status.out_of_use": ("Buiten gebruik", "Out of use"),
    "algorithm.status.unknown": ("Status onbekend", "Status unknown"),
    "map.detail.algorithm.entry": ("{name} ({status})", "{name} ({status})"),
    "map.detail.algorithm.not_found": (
        "Dit algoritme staat niet in het algoritmeregister.", "This algorithm is not in the algorithm register."),
    "error.algorithms.missing": ("Het bestand {file} bestaat niet.", "The file {file} does not exist."),
    "error.algorithms.empty": ("Het bestand {file} is leeg.", "The file {file} is empty."),
    "error.algorithms.not_csv": (
        "{file} is geen CSV-bestand. Download de export van het algoritmeregister als CSV.",
        "{file} is not a CSV file. Download the algorithm register's export as CSV.",
    ),
    "error.algorithms.columns": (
        "{file} mist de kolommen met de naam en de code (lars) van elk algoritme.",
        "{file} lacks the columns with each algorithm's name and code (lars).",
    ),
    "error.algorithms.saved_unreadable": (
        "Het opgeslagen algoritmeregister {file} is beschadigd. Lees de export opnieuw in met "
        "python -m geo algorithms.",
        "The saved algorithm register {file} is damaged. Read the export again with python -m geo algorithms.",
    ),
    "cli.export.done": (
        Plural("{n} registratie geschreven naar {file} ({format}).",
               "{n} registraties geschreven naar {file} ({format})."),
        Plural("{n} registration written to {file} ({format}).",
               "{n} registrations written to {file} ({format})."),
    ),
    "cli.algorithms.read": (
        Plural("{n} algoritme gelezen uit {file}: {in_use} in gebruik, {in_development} in ontwikkeling, "
               "{out_of_use} buiten gebruik.",
               "{n} algoritmes gelezen uit {file}: {in_use} in gebruik, {in_development} in ontwikkeling, "
               "{out_of_use} buiten gebruik."),
        Plural("{n} algorithm read from {file}: {in_use} in use, {in_development} in development, "
               "{out_of_use} out of use.",
               "{n} algorithms read from {file}: {in_use} in use, {in_development} in development, "
               "{out_of_use} out of use."),
    ),
    "cli.algorithms.left_out": (
        "Niet overgenomen: rijen zonder naam of code: {rows}; rijen met een code die al eerder kwam: {duplicates}.",
        "Left out: rows without a name or code: {rows}; rows with a code that came before: {duplicates}.",
    ),
    "cli.algorithms.saved": ("Bewaard bij het register: {file}", "Kept with the register: {file}"),
    "cli.algorithms.links": (
        "Links in het register: {linked} naar een algoritme in gebruik of in ontwikkeling, {out_of_use} naar een "
        "algoritme buiten gebruik, {not_found} naar een algoritme dat er niet in staat, {elsewhere} naar een andere "
        "site. Zonder link, maar wel nodig: {unlinked}.",
        "Links in the register: {linked} to an algorithm in use or in development, {out_of_use} to an algorithm "
        "out of use, {not_found} to an algorithm it does not hold, {elsewhere} to another site. Without a link "
        "where one is needed: {unlinked}.",
    ),
    "near.card.until": ("Het staat er tot en met {date}.", "It is in place until {date}."),
    "map.touch": ("Gebruik twee vingers om de kaart te bewegen", "Use two fingers to move the map"),
    "map.summary.status.active": ("Actief", "Active"),
    "map.summary.status.planned": ("Gepland: meet nog niet", "Planned: not measuring yet"),
    "map.summary.status.inactive": ("Niet meer actief", "No longer active"),
    "map.summary.what": ("Wat is het?", "What is it?"),
    "map.summary.why": ("Waarvoor?", "What for?"),
    "map.summary.owner": ("Wie is verantwoordelijk?", "Who is responsible?"),
    "map.summary.personal": ("Gegevens over mensen?", "Data about people?"),
    "map.summary.personal.yes": ("Ja, het verwerkt gegevens over mensen.", "Yes, it processes data about people."),
    "map.summary.personal.no": (
        "Nee, het verwerkt geen gegevens over mensen.",
        "No, it processes no data about people.",
    ),
    "map.summary.basis.missing": (
        "Waarom dat mag, staat niet in het register.",
        "Why that is allowed is not in the register.",
    ),
    "map.summary.basis.consent": (
        "Dat mag, want de mensen hebben er zelf toestemming voor gegeven.",
        "That is allowed because the people themselves agreed to it (consent).",
    ),
    "map.summary.basis.contract": (
        "Dat mag, want het is nodig voor een overeenkomst met de mensen zelf.",
        "That is allowed because it is needed for a contract with the people themselves.",
    ),
    "map.summary.basis.legal_obligation": (
        "Dat mag, want een wet verplicht het (wettelijke verplichting).",
        "That is allowed because a law requires it (legal obligation).",
    ),
    "map.summary.basis.vital_interests": (
        "Dat mag, want het is nodig om iemands leven of gezondheid te beschermen (vitaal belang).",
        "That is allowed because it is needed to protect someone's life or health (vital interests).",
    ),
    "map.summary.basis.public_task": (
        "Dat mag, want het is een publieke taak: de overheid doet het voor een taak die de wet haar geeft.",
        "That is allowed because it is a public task: the government does it for a task the law gives it.",
    ),
    "map.summary.basis.legitimate_interest": (
        "Dat mag volgens de eigenaar, want die heeft er een eigen, gerechtvaardigd belang bij.",
        "The owner says that is allowed because it has a legitimate interest of its own.",
    ),
    "map.detail.more": ("Meer over deze registratie", "More about this registration"),
    "demo.banner.short": ("**Voorbeeld** met verzonnen gegevens", "**Example** with made-up data"),
    "map.count.help": ("Klik op een icoon voor de gegevens.", "Click an icon for its details."),
    "filters.button": ("Filters", "Filters"),
    "near.summary.total": (
        Plural("Binnen {radius} staat {n} sensor of camera: {listed}.",
               "Binnen {radius} staan {n} sensoren en camera's: {listed}."),
        Plural("Within {radius} there is {n} sensor or camera: {listed}.",
               "Within {radius} there are {n} sensors and cameras: {listed}."),
    ),
    "near.card.show": ("Toon op de kaart", "Show on the map"),
    "near.other_place": ("Een andere plek kiezen", "Choose another place"),
    "near.legend": (
        "Wat ziet u op de kaart? De blauwe cirkel is de afstand die u koos, de zwarte stip de plek. Een rode "
        "taartpunt is wat een camera ziet.",
        "What is on the map? The blue circle is the distance you chose, the black dot the spot. A red slice is what "
        "a camera sees.",
    ),
    # ---- store (h-store)
    "error.store.version_gone": (
        "Versie {version} van het register in '{store}' wordt niet meer bewaard.",
        "Version {version} of the register in '{store}' is no longer kept.",
    ),
    "error.store.version_old": (
        "Versie {version} van het register in '{store}' is door een oudere Zichtbaar geïmporteerd en kan deze "
        "vraag niet beantwoorden; importeer het register opnieuw.",
        "Version {version} of the register in '{store}' was imported by an older Zichtbaar and cannot answer this "
        "question; import the register again.",
    ),
    "error.store.keep": (
        "Het aantal versies om te bewaren (--keep of ZICHTBAAR_KEEP_VERSIONS) moet een geheel getal van 1 of meer "
        "zijn, niet '{value}'.",
        "The number of versions to keep (--keep or ZICHTBAAR_KEEP_VERSIONS) must be a whole number of 1 or more, "
        "not '{value}'.",
    ),
    "filters.open": ("Filters openen", "Open the filters"),
    "menu.open": ("Menu openen", "Open the menu"),
    "home.near.title": ("Wat wordt er gemeten waar u bent?", "What is measured where you are?"),
    "home.near.help": (
        "Zoek een adres of postcode, of gebruik uw locatie. U ziet dan welke camera's en sensoren daar staan, van "
        "wie ze zijn en waarom.",
        "Search for an address or postcode, or use your location. You will see which cameras and sensors are there, "
        "who owns them and why.",
    ),
    "home.go": ("Of kijk op een andere manier", "Or look another way"),
    "home.go.map": ("Alles op de kaart", "Everything on the map"),
    "home.go.overview": ("Buurten vergelijken", "Compare neighbourhoods"),
    "home.city_map": ("Alle buurten: hoe donkerder, hoe meer", "Every neighbourhood: the darker, the more"),
    # --- issue 15: reports and the staff app ---
    "report.open": ("Iets melden of vragen", "Report or ask something"),
    "report.intro": (
        "Mist hier een camera of sensor, klopt er iets niet, of hebt u een vraag? Laat het de gemeente weten. U hebt "
        "geen account nodig.",
        "Is a camera or sensor missing here, is something wrong, or do you have a question? Tell the municipality. You "
        "need no account.",
    ),
    "report.kind": ("Wat wilt u melden?", "What do you want to report?"),
    "report.kind.missing": ("Hier staat een sensor of camera die niet op de kaart staat",
                            "There is a sensor or camera here that is not on the map"),
    "report.kind.wrong": ("De informatie klopt niet", "The information is wrong"),
    "report.kind.question": ("Een vraag aan de eigenaar", "A question for the owner"),
    "report.kind.objection": ("Ik maak bezwaar", "I object"),
    "report.text": ("Uw bericht (ten hoogste {n} tekens)", "Your message (at most {n} characters)"),
    "report.place.registration": ("Uw melding gaat over: {name}", "Your report is about: {name}"),
    "report.place.spot": ("Uw melding gaat over de plek die u koos.", "Your report is about the place you chose."),
    "report.email": ("Uw e-mailadres (niet verplicht)", "Your e-mail address (optional)"),
    "report.email.help": (
        "Alleen als u een antwoord per e-mail wilt. We wissen uw e-mailadres {days} dagen nadat uw melding is "
        "afgehandeld.",
        "Only if you want an answer by e-mail. We delete your e-mail address {days} days after your report is closed.",
    ),
    "report.send": ("Melding versturen", "Send the report"),
    "report.sent": (
        "Uw melding is opgeslagen. Uw kenmerk is **{ref}**. Bewaar het: daarmee volgt u uw melding.",
        "Your report has been saved. Your reference is **{ref}**. Keep it: with it you can follow your report.",
    ),
    "report.follow": ("Uw melding volgen", "Follow your report"),
    "report.your_text": ("Dit stuurde u (alleen u en de gemeente zien het):",
                         "This is what you sent (only you and the municipality see it):"),
    "report.privacy": (
        "Uw tekst en e-mailadres ziet alleen de gemeente. Wie het kenmerk heeft, ziet alleen de soort melding, de "
        "datum, de stand en het antwoord.",
        "Only the municipality sees your text and e-mail address. Whoever has the reference sees only the kind of "
        "report, the date, the status and the answer.",
    ),
    "report.problem.kind": ("Kies wat u wilt melden.", "Choose what you want to report."),
    "report.problem.empty": ("Schrijf een bericht.", "Write a message."),
    "report.problem.long": ("Uw bericht is te lang: ten hoogste {n} tekens.",
                            "Your message is too long: at most {n} characters."),
    "report.problem.place": ("Kies eerst een plek of een registratie.", "Choose a place or a registration first."),
    "report.problem.email": ("Dit is geen e-mailadres. Laat het veld leeg als u geen antwoord per e-mail wilt.",
                             "This is not an e-mail address. Leave it empty if you want no answer by e-mail."),
    "error.report.session": (
        Plural("U hebt in het afgelopen uur al {n} melding gestuurd. Probeer het later nog eens.",
               "U hebt in het afgelopen uur al {n} meldingen gestuurd. Probeer het later nog eens."),
        Plural("You have already sent {n} report in the last hour. Please try again later.",
               "You have already sent {n} reports in the last hour. Please try again later."),
    ),
    "error.report.busy": (
        "Er komen nu erg veel meldingen binnen. Uw melding is niet opgeslagen. Probeer het over een uur nog eens.",
        "Very many reports are coming in right now. Your report was not saved. Please try again in an hour.",
    ),
    "error.report.setting": ("{name} moet een geheel getal van 0 of meer zijn, niet '{value}'.",
                             "{name} must be a whole number of 0 or more, not '{value}'."),
    "error.report.action": ("Dat kan niet met deze melding.", "That cannot be done with this report."),
    "error.report.answer": ("Een antwoord heeft tekst nodig, ten hoogste {n} tekens.",
                            "An answer needs text, at most {n} characters."),
    "error.report.unknown": ("Er is geen melding met dit kenmerk.", "There is no report with this reference."),
    "nav.report": ("Melding", "Report"),
    "report.page.title": ("Uw melding", "Your report"),
    "report.page.ask": ("Vul het kenmerk van uw melding in, bijvoorbeeld K7M2-9QHX.",
                        "Enter the reference of your report, for example K7M2-9QHX."),
    "report.page.ref": ("Kenmerk", "Reference"),
    "report.page.look": ("Opzoeken", "Look up"),
    "report.page.unknown": ("We vinden geen melding met dit kenmerk. Kijk of u het goed hebt overgenomen.",
                            "We find no report with this reference. Check that you copied it correctly."),
    "report.page.kind": ("Soort melding", "Kind of report"),
    "report.page.date": ("Verstuurd op", "Sent on"),
    "report.page.status": ("Stand", "Status"),
    "report.page.answer": ("Antwoord van de gemeente", "The municipality's answer"),
    "report.page.no_answer": ("Er is nog geen antwoord.", "There is no answer yet."),
    "report.status.received": ("Ontvangen", "Received"),
    "report.status.in_progress": ("In behandeling", "In progress"),
    "report.status.answered": ("Beantwoord", "Answered"),
    "report.status.closed": ("Afgehandeld", "Closed"),
    "staff.title": ("Meldingen van bewoners", "Residents' reports"),
    "staff.setup.title": ("De app voor medewerkers is nog niet ingesteld", "The staff app is not configured yet"),
    "staff.setup.body": (
        "Niemand kan hier meldingen zien tot een van deze twee is ingesteld (zie docs/deploy.md):\n\n"
        "1. **Inloggen via uw identiteitsprovider (OIDC)**: zet een `[auth]`-blok in `.streamlit/secrets.toml`.\n"
        "2. **Een reverse proxy met eigen inlog** (nginx): zet `{env}=1` en `{header_env}` op de naam van de "
        "header die de proxy meestuurt, en laat de app alleen op 127.0.0.1 luisteren.",
        "Nobody can see reports here until one of these two is configured (see docs/deploy.md):\n\n"
        "1. **Log-in through your identity provider (OIDC)**: put an `[auth]` block in `.streamlit/secrets.toml`.\n"
        "2. **A reverse proxy with its own log-in** (nginx): set `{env}=1` and `{header_env}` to the name of the "
        "header the proxy passes on, and let the app listen on 127.0.0.1 only.",
    ),
    "staff.setup.loopback": (
        "De proxy-instelling staat aan, maar de app luistert niet alleen op 127.0.0.1. Start hem met "
        "`--server.address 127.0.0.1`.",
        "The proxy setting is on, but the app does not listen on 127.0.0.1 only. Start it with "
        "`--server.address 127.0.0.1`.",
    ),
    "staff.login.intro": ("Log in met het account van uw organisatie.", "Log in with your organisation's account."),
    "staff.login": ("Inloggen", "Log in"),
    "staff.logout": ("Uitloggen", "Log out"),
    "staff.proxy.missing": (
        "Uw verzoek kwam niet via de beveiligde proxy binnen. Er wordt niets getoond.",
        "Your request did not come through the secured proxy. Nothing is shown.",
    ),
    "staff.who": ("Ingelogd als {who}", "Logged in as {who}"),
    "staff.group": ("Welke meldingen", "Which reports"),
    "staff.group.new": ("Nieuw", "New"),
    "staff.group.open": ("Open", "Open"),
    "staff.group.closed": ("Afgehandeld", "Closed"),
    "staff.count": (Plural("{n} melding", "{n} meldingen"), Plural("{n} report", "{n} reports")),
    "staff.none": ("Hier zijn geen meldingen.", "There are no reports here."),
    "staff.choose": ("Kies een melding", "Choose a report"),
    "staff.col.ref": ("Kenmerk", "Reference"),
    "staff.col.kind": ("Soort", "Kind"),
    "staff.col.status": ("Stand", "Status"),
    "staff.col.date": ("Verstuurd", "Sent"),
    "staff.col.registration": ("Registratie", "Registration"),
    "staff.text": ("Tekst van de bewoner, precies zoals verstuurd:", "The resident's text, exactly as sent:"),
    "staff.email": ("E-mailadres: {email}", "E-mail address: {email}"),
    "staff.email.none": ("Geen e-mailadres (niet gegeven, of al gewist).",
                         "No e-mail address (not given, or deleted)."),
    "staff.place": ("Plek: {lat}, {lon}", "Place: {lat}, {lon}"),
    "staff.answer": ("Antwoord (iedereen met het kenmerk kan het lezen)",
                     "Answer (anyone with the reference can read it)"),
    "staff.answer.send": ("Antwoord publiceren", "Publish the answer"),
    "staff.link": ("Koppelen aan registratie (id)", "Link to a registration (id)"),
    "staff.link.send": ("Koppelen", "Link"),
    "staff.status.send": ("Stand opslaan", "Save the status"),
    "staff.done": ("Opgeslagen.", "Saved."),
    "staff.log": ("Wat medewerkers deden", "What staff did"),
    "staff.log.none": ("Nog niets.", "Nothing yet."),
    "staff.action.status": ("stand", "status"),
    "staff.action.answer": ("antwoord", "answer"),
    "staff.action.link": ("koppeling", "link"),
    "staff.purged": (
        Plural("{n} e-mailadres gewist: de bewaartermijn was voorbij.",
               "{n} e-mailadressen gewist: de bewaartermijn was voorbij."),
        Plural("{n} e-mail address deleted: its retention period had passed.",
               "{n} e-mail addresses deleted: their retention period had passed."),
    ),
    "cli.reports.purged": (
        Plural("{n} e-mailadres gewist.", "{n} e-mailadressen gewist."),
        Plural("{n} e-mail address deleted.", "{n} e-mail addresses deleted."),
    ),
    "cli.reports.none": ("Geen meldingen.", "No reports."),
    "policy.section.reports": ("Meldingen", "Reports"),
    "policy.reports.title": ("Wat bewoners melden", "What residents report"),
    "policy.reports.intro": (
        "Bewoners melden sensoren die ontbreken, informatie die niet klopt, vragen en bezwaren. Hier staan alleen de "
        "aantallen, per soort en per buurt. Wat bewoners schreven, ziet alleen de gemeente.",
        "Residents report missing sensors, wrong information, questions and objections. Only the numbers are here, "
        "per kind and per neighbourhood. Only the municipality sees what residents wrote.",
    ),
    "policy.reports.none": ("Er zijn nog geen meldingen.", "There are no reports yet."),
    "policy.reports.kind.missing": ("Ontbreekt", "Missing"),
    "policy.reports.kind.wrong": ("Klopt niet", "Wrong"),
    "policy.reports.kind.question": ("Vraag", "Question"),
    "policy.reports.kind.objection": ("Bezwaar", "Objection"),
    "policy.reports.col.code": ("Code", "Code"),
    "policy.reports.col.name": ("Buurt", "Neighbourhood"),
    "policy.reports.col.total": ("Totaal", "Total"),
    "policy.reports.outside": ("Zonder plek of buiten de buurten", "Without a place or outside the neighbourhoods"),
    "policy.reports.file": ("meldingen-per-buurt", "reports-per-neighbourhood"),
    "policy.reports.missing": (
        Plural("Op {n} plek zien bewoners een sensor die niet in het register staat. Zie de kaart bij Camerabereik.",
               "Op {n} plekken zien bewoners een sensor die niet in het register staat. Zie de kaart bij "
               "Camerabereik."),
        Plural("In {n} place residents see a sensor that the register does not hold. See the map under Camera "
               "coverage.",
               "In {n} places residents see a sensor that the register does not hold. See the map under Camera "
               "coverage."),
    ),
    "policy.coverage.missing": (
        Plural("Gestippelde ringen: {n} plek waar bewoners melden dat een sensor ontbreekt (nog niet afgehandeld, "
               "geteld per {cell} m).",
               "Gestippelde ringen: {n} plekken waar bewoners melden dat een sensor ontbreekt (nog niet afgehandeld, "
               "geteld per {cell} m)."),
        Plural("Dashed rings: {n} place where residents report a missing sensor (not closed yet, counted per {cell} "
               "m).",
               "Dashed rings: {n} places where residents report a missing sensor (not closed yet, counted per "
               "{cell} m)."),
    ),
    "policy.coverage.missing.layer": ("Gemeld: sensor ontbreekt", "Reported: sensor missing"),
    "policy.coverage.missing.tooltip": (
        Plural("{n} melding: hier ontbreekt een sensor in het register",
               "{n} meldingen: hier ontbreekt een sensor in het register"),
        Plural("{n} report: a sensor here is missing from the register",
               "{n} reports: a sensor here is missing from the register"),
    ),
    # --- issue 14: sensor page, signs, boards, changes, feeds ---
    "nav.sensor": ("Sensor of camera", "Sensor or camera"),
    "sensor.status.planned": (
        "Gepland: deze {kind} staat er nog niet, of meet nog niet.",
        "Planned: this {kind} is not there yet, or not measuring yet.",
    ),
    "sensor.status.inactive": (
        "Niet meer actief: deze {kind} meet niet meer. Hij staat in het register zodat u kunt zien wat er was.",
        "No longer active: this {kind} no longer measures. It stays in the register so that you can see what "
        "was there.",
    ),
    "sensor.until": ("Tot wanneer?", "Until when?"),
    "sensor.until.date": ("Tot {date}", "Until {date}"),
    "sensor.until.none": ("Er is geen einddatum opgegeven", "No end date given"),
    "sensor.unknown.title": ("Deze sensor kennen we niet", "We do not know this sensor"),
    "sensor.unknown": (
        "In het register staat geen sensor of camera met de code uit uw link. Misschien is hij weggehaald, of is de "
        "code niet goed overgenomen. Zoek hieronder op naam of code, of kijk op de kaart.",
        "The register has no sensor or camera with the reference in your link. Perhaps it was removed, or the "
        "reference was not copied correctly. Search below by name or reference, or look on the map.",
    ),
    "sensor.choose": (
        "Zoek een sensor of camera op naam of code, of kijk op de kaart.",
        "Search for a sensor or camera by name or reference, or look on the map.",
    ),
    "sensor.search": ("Zoek op naam of code", "Search by name or reference"),
    "sensor.search.none": ("Niets gevonden met deze woorden.", "Nothing found with these words."),
    "sensor.to_map": ("Naar de kaart", "To the map"),
    "sensor.more": ("Alles over deze registratie", "Everything about this registration"),
    "sensor.map": ("Waar is het?", "Where is it?"),
    "sensor.map.cone": (
        "De taartpunt op de kaart is wat de camera ziet.",
        "The slice on the map is what the camera sees.",
    ),
    "sensor.map.area": (
        "Het gekleurde vlak is het gebied waarin gemeten wordt.",
        "The coloured area is where it measures.",
    ),
    "sensor.flags": ("Wat past niet bij de principes?", "What does not fit the principles?"),
    "sensor.flags.none": (
        "Niets: deze registratie voldoet aan alles wat Zichtbaar controleert.",
        "Nothing: this registration meets everything Zichtbaar checks.",
    ),
    "sensor.contact": ("Vragen?", "Questions?"),
    "sensor.contact.text": ("Neem contact op met {owner}:", "Contact {owner}:"),
    "sensor.contact.none": (
        "{owner} heeft geen contactgegevens in het register gezet.",
        "{owner} has put no contact details in the register.",
    ),
    "sensor.object": ("Bezwaar of klacht", "Objection or complaint"),
    "sensor.object.personal": (
        "Bent u het er niet mee eens dat uw gegevens worden verwerkt? Dan kunt u bezwaar maken bij {owner}. Gebruik "
        "daarvoor het contact hierboven, of lees in de privacyverklaring hoe het werkt.",
        "Do you object to your data being processed? Then you can object to {owner}. Use the contact above, or read "
        "in the privacy statement how it works.",
    ),
    "sensor.object.none": (
        "Deze sensor verwerkt geen gegevens over mensen. Heeft u toch een vraag of klacht? Neem dan contact op met "
        "{owner}.",
        "This sensor processes no data about people. Do you still have a question or complaint? Then contact "
        "{owner}.",
    ),
    "sensor.object.privacy": ("De privacyverklaring van de eigenaar", "The owner's privacy statement"),
    "sensor.object.authority": (
        "Krijgt u geen goed antwoord? Dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens.",
        "No good answer? Then you can file a complaint with the Dutch Data Protection Authority "
        "(Autoriteit Persoonsgegevens).",
    ),
    "sensor.object.authority.link": ("Klacht indienen bij de Autoriteit Persoonsgegevens",
                                     "File a complaint with the Autoriteit Persoonsgegevens"),
    "sensor.link": ("Alles over deze sensor", "All about this sensor"),
    "sign.title": ("Bordje {id}", "Sign {id}"),
    "sign.here": ("Wat hangt hier?", "What is this?"),
    "sign.personal.yes": ("Verwerkt persoonsgegevens", "Processes personal data"),
    "sign.personal.no": ("Geen persoonsgegevens", "No personal data"),
    "sign.purpose": ("Doel: {purposes}", "Purpose: {purposes}"),
    "sign.owner": ("Verantwoordelijk: {owner}", "Responsible: {owner}"),
    "sign.scan": ("Scan de code: wat meet dit, waarom, en tot wanneer?",
                  "Scan the code: what does this measure, why, and until when?"),
    "sign.id": ("Code in het register: {id}", "Reference in the register: {id}"),
    "sensor.sign": ("Bordje (PDF)", "Sign (PDF)"),
    "sensor.sign.help": (
        "Een bordje om af te drukken, met een QR-code naar deze pagina.",
        "A sign to print, with a QR code to this page.",
    ),
    "board.title": ("Sensoren en camera's in {name}", "Sensors and cameras in {name}"),
    "board.what": (
        Plural("Hier staat {n} sensor of camera in het register: {listed}.",
               "Hier staan {n} sensoren en camera's in het register: {listed}."),
        Plural("There is {n} sensor or camera in the register here: {listed}.",
               "There are {n} sensors and cameras in the register here: {listed}."),
    ),
    "board.nothing": ("Hier staat niets in het register.", "Nothing here is in the register."),
    "board.personal": (
        Plural("{n} daarvan verwerkt persoonsgegevens.", "{n} daarvan verwerken persoonsgegevens."),
        Plural("{n} of them processes personal data.", "{n} of them process personal data."),
    ),
    "board.more": ("en nog {n}", "and {n} more"),
    "board.scan": ("Scan de code voor alles wat hier meet: wat, waarom, van wie, en tot wanneer.",
                   "Scan the code for everything that measures here: what, why, whose, and until when."),
    "buurt.board": ("Buurtbord (PDF)", "Area board (PDF)"),
    "buurt.board.help": (
        "Een bord om op te hangen in de buurt, met een QR-code naar deze pagina.",
        "A board to put up in the neighbourhood, with a QR code to this page.",
    ),
    "error.cli.id_or_all": ("Geef een code van een registratie of --all.", "Give a registration's reference or --all."),
    "error.cli.unknown_registration": ("Registratie {id} staat niet in het register.",
                                       "Registration {id} is not in the register."),
    "changes.when": (" ({date})", " ({date})"),
    "changes.none": ("Bij de laatste import{when} is niets veranderd.", "Nothing changed at the last import{when}."),
    "changes.sentence": ("Bij de laatste import{when} {parts}.", "At the last import{when}, {parts}."),
    "changes.added": (
        Plural("kwam er {n} registratie bij", "kwamen er {n} registraties bij"),
        Plural("{n} registration was added", "{n} registrations were added"),
    ),
    "changes.removed": (Plural("ging er {n} af", "gingen er {n} af"), Plural("{n} was removed", "{n} were removed")),
    "changes.changed": (Plural("veranderde er {n}", "veranderden er {n}"), Plural("{n} changed", "{n} changed")),
    "changes.field.geometry": ("Plaats op de kaart", "Place on the map"),
    "changes.item.added": ("Nieuw: {name} ({id})", "New: {name} ({id})"),
    "changes.item.removed": ("Weg: {name} ({id})", "Removed: {name} ({id})"),
    "changes.item.changed": ("Veranderd: {name} ({id}): {fields}", "Changed: {name} ({id}): {fields}"),
    "changes.buurt": ("Wat veranderde hier?", "What changed here?"),
    "changes.home": ("Wat is er nieuw?", "What is new?"),
    "error.changes.too_few": (
        "Het register heeft nog geen twee versies om te vergelijken. Importeer eerst een nieuwe versie.",
        "The register does not have two versions to compare yet. Import a new version first.",
    ),
    "cli.changes.head": ("Versie {old} → versie {new}", "Version {old} → version {new}"),
    "feed.title": ("Zichtbaar: wat veranderde in het register", "Zichtbaar: what changed in the register"),
    "feed.title.buurt": ("Zichtbaar: wat veranderde in {name}", "Zichtbaar: what changed in {name}"),
    "feed.subtitle": (
        "Sensoren en camera's in de openbare ruimte: wat er bij elke import bij kwam, weg ging of veranderde.",
        "Sensors and cameras in public space: what was added, removed or changed at each import.",
    ),
    "feed.entry.added": ("Nieuw in het register bij versie {version}.", "New in the register at version {version}."),
    "feed.entry.removed": ("Uit het register gehaald bij versie {version}.",
                           "Removed from the register at version {version}."),
    "feed.entry.changed": ("Veranderd bij versie {version}.", "Changed at version {version}."),
    "feed.link": ("Volg wat er verandert (Atom-feed, zonder account)", "Follow what changes (Atom feed, no account)"),
    "feed.link.buurt": ("Volg wat er in deze buurt verandert (Atom-feed, zonder account)",
                        "Follow what changes in this neighbourhood (Atom feed, no account)"),
    # --- a national register (issue 17) ---
    "map.table.limited": (
        "De tabel toont de eerste {n} van de {total}. De downloads hieronder bevatten ze allemaal.",
        "The table shows the first {n} of the {total}. The downloads below hold them all.",
    ),
    "policy.principles.limited": (
        "Hier staan de eerste {n} van de {total}. De download hierboven bevat ze allemaal.",
        "These are the first {n} of the {total}. The download above holds them all.",
    ),
    # --- import at scale (issue 17) ---
    "cli.import.progress": (
        "Bezig met importeren: {rows} rijen gelezen, {accepted} geaccepteerd, {rejected} afgewezen ({seconds} s)",
        "Importing: {rows} rows read, {accepted} accepted, {rejected} rejected ({seconds} s)",
    ),
}
