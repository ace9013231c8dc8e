"""What is near one spot, in words: plain-language cards for residents and the sentence on top of the list."""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from geo.codes import label
from geo.links import contact_href, safe_href
from geo.nearby import NearbySummary
from geo.schema import split_codes
from geo.summary import count_label
from geo.text import DEFAULT_LANG, day, distance, foreign, lower_first, text, words
from geo.validate import parse_duration


@dataclass(frozen=True)
class Card:
    """One registration explained in plain language (Dutch at B1 level, or English).

    Text fields from the register (name, owner, contact, legal reference, description) are data:
    the page shows them literally.

    Attributes
    ----------
    id, name : the register's reference and title.
    headline : "Camera van Gemeente Voorbeeldstad, 40 m."
    callout : "Deze camera kijkt naar deze plek." or "" (also for areas that cover the spot).
    sentences : purpose, what it collects and keeps, personal data and legal basis.
    warnings : biometrics, planned or no longer active.
    description : the register's own explanation for residents ("" when absent).
    contact, contact_href : who to ask, and a mailto:, tel: or http(s) link to it (None when the
        contact is neither).
    privacy_statement_url : http(s) link, "" when absent.
    lang : the language of the card's own words.
    """

    id: str
    name: str
    headline: str
    callout: str
    sentences: tuple[str, ...]
    warnings: tuple[str, ...]
    description: str
    contact: str
    contact_href: str | None
    privacy_statement_url: str
    lang: str

    def text(self) -> str:
        """The whole card as one paragraph of plain text."""
        parts = [self.headline, self.callout, *self.sentences, *self.warnings]
        if self.contact:
            parts.append(f"{text('near.card.questions', self.lang)} {self.contact}")
        return " ".join(p for p in parts if p)


def card(row: Mapping[str, object], lang: str) -> Card:
    """The plain-language card of one row of `geo.nearby.nearby`.

    Examples
    --------
    >>> row = {"id": "C1", "name": "Camera Markt", "sensor_type": "camera", "owner": "Gemeente Voorbeeldstad",
    ...        "distance_m": 40.2, "purpose": "safety", "data_types": "images_identifiable", "retention": "28 dagen",
    ...        "personal_data": True, "legal_basis": "public_task", "legal_reference": "Gemeentewet art. 151c",
    ...        "contact": "privacy@voorbeeldstad.example", "looks_here": True}
    >>> card(row, "nl").text().replace("\\xa0", " ")  # doctest: +NORMALIZE_WHITESPACE
    'Camera van Gemeente Voorbeeldstad, 40 m. Deze camera kijkt naar deze plek.
     Doel: openbare orde en veiligheid. Verzamelt herkenbare beelden en bewaart ze 28 dagen.
     Verzamelt gegevens over mensen. Waarom dat mag: publieke taak (Gemeentewet art. 151c).
     Vragen? privacy@voorbeeldstad.example'
    >>> card(row, "en").headline, card(row, "en").sentences[1]
    ('Camera of Gemeente Voorbeeldstad, 40\\xa0m away.', 'Collects identifiable images and keeps them for 28 days.')
    """
    kind = _text(row.get("sensor_type")) or "other"
    owner = _text(row.get("owner")) or text("near.card.owner_unknown", lang)
    headline = text("near.card.headline", lang, kind=label("sensor_type", kind, lang), owner=owner,
                    where=_distance_text(row, lang))

    cam = "anpr" if kind == "anpr" else "camera"
    callout = ""
    if _flag(row.get("looks_here")):
        callout = text(f"near.card.looks.{cam}", lang)
    elif _flag(row.get("may_look_here")):
        callout = text(f"near.card.may_look.{cam}", lang)
    elif _flag(row.get("covers_spot")):
        callout = text("near.card.area", lang)

    sentences: list[str] = []
    purposes = [lower_first(label("purpose", c, lang)) for c in split_codes(_text(row.get("purpose")))]
    if purposes:
        sentences.append(text("near.card.purpose", lang, purposes=", ".join(purposes)))
    sentences.append(_collects(row, lang))
    if _flag(row.get("personal_data")):
        basis = lower_first(label("legal_basis", _text(row.get("legal_basis")) or "unknown", lang))
        reference = _text(row.get("legal_reference"))
        if reference:
            basis += f" ({reference})"
        sentences.append(text("near.card.personal", lang, basis=basis))
    else:
        sentences.append(text("near.card.no_personal", lang))
    until = row.get("active_until")
    if until is not None and not pd.isna(until):
        sentences.append(text("near.card.until", lang, date=day(pd.Timestamp(until).date(), lang)))

    warnings: list[str] = []
    if _flag(row.get("biometric")):
        warnings.append(text("near.card.biometric", lang))
    status = _text(row.get("status"))
    if status in ("planned", "inactive"):
        warnings.append(text(f"near.card.{status}", lang))

    contact = _text(row.get("contact"))
    return Card(id=_text(row.get("id")), name=_text(row.get("name")), headline=headline, callout=callout,
                sentences=tuple(s for s in sentences if s), warnings=tuple(warnings),
                description=_text(row.get("description")), contact=contact, contact_href=contact_href(contact),
                privacy_statement_url=_text(row.get("privacy_statement_url")), lang=lang)


def card_html(c: Card, sensor_href: str = "") -> str:
    """The card as HTML, every text from the register escaped so that it shows literally; with `sensor_href` (a
    relative address made by ui.state.sensor_href) a link to the registration's own page.

    >>> c = card({"name": "<b>x</b>", "sensor_type": "air", "owner": "A & B", "distance_m": 5,
    ...           "contact": "info@example.org"}, "en")
    >>> h = card_html(c)
    >>> "&lt;b&gt;x&lt;/b&gt;" in h, "A &amp; B" in h, 'href="mailto:info@example.org"' in h
    (True, True, True)
    >>> '<p class="zb-name"><span lang="nl">&lt;b&gt;x&lt;/b&gt;</span></p>' in h
    True
    >>> 'href="sensor?id=A%26B&amp;lang=en"' in card_html(c, "sensor?id=A%26B&lang=en")
    True
    """
    esc = html.escape
    # The register's own words (name, description) are Dutch: marked so on an English page (WCAG 3.1.2).
    parts = [f'<p class="zb-name">{foreign(esc(c.name or c.id), c.lang, DEFAULT_LANG)}</p>']
    if c.callout:
        parts.append(f'<p class="zb-callout">{esc(c.callout)}</p>')
    parts.append(f"<p>{esc(' '.join((c.headline, *c.sentences)))}</p>")
    parts += [f'<p class="zb-warning">{esc(w)}</p>' for w in c.warnings]
    if c.description:
        description = foreign(esc(c.description).replace(chr(10), "<br>"), c.lang, DEFAULT_LANG)
        parts.append(f'<p class="zb-description">{description}</p>')
    links = []
    if c.contact:
        question = f"{text('near.card.questions', c.lang)} {c.contact}"
        href = safe_href(c.contact_href)
        links.append(f'<a href="{esc(href)}">{esc(question)}</a>' if href else f"<span>{esc(question)}</span>")
    if safe_href(c.privacy_statement_url):
        links.append(f'<a href="{esc(safe_href(c.privacy_statement_url))}" target="_blank" rel="noopener">'
                     f"{esc(text('near.card.privacy', c.lang))}</a>")
    if sensor_href:
        links.append(f'<a href="{esc(sensor_href, quote=True)}" target="_self">{esc(text("sensor.link", c.lang))}</a>')
    # The map (zb_map.js, L.zbCards) shows this registration when the button is pressed.
    links.append(f'<button type="button" class="zb-show" data-zb-show="{esc(c.id)}">'
                 f"{esc(text('near.card.show', c.lang))}</button>")
    parts.append(f'<p class="zb-links">{"".join(links)}</p>')
    looks = " zb-looks" if c.callout else ""
    return f'<article class="zb-card{looks}" data-id="{esc(c.id)}">{"".join(parts)}</article>'


def _collects(row: Mapping[str, object], lang: str) -> str:
    kinds = split_codes(_text(row.get("data_types")))
    what = words([text("near.card.other_data", lang) if c == "other" else lower_first(label("data_types", c, lang))
                  for c in kinds], lang)
    keep = retention_text(row.get("retention"), row.get("retention_days"), lang)
    collects = text("near.card.collects", lang, what=what) if what else ""
    if not keep:
        return f"{collects}." if collects else ""
    if parse_duration(keep) is None:
        retention = text("near.card.retention", lang, keep=keep)
        return f"{collects}. {retention}" if collects else retention
    # One kind of data reads well in one sentence; a list is easier in two short ones (B1).
    if len(kinds) == 1:
        return text("near.card.collects_and_keeps", lang, collects=collects, keep=keep)
    keeps = text("near.card.keeps", lang, keep=keep)
    return f"{collects}. {keeps}" if collects else keeps


def retention_text(retention: object, retention_days: object, lang: str) -> str:
    """How long data is kept, in `lang` when it is a plain duration; the register's own words otherwise.

    >>> retention_text("28 dagen", None, "en"), retention_text("1 jaar", None, "en"), retention_text("", 1, "nl")
    ('28 days', '1 year', '1 dag')
    >>> retention_text("tot einde onderzoek", None, "en")
    'tot einde onderzoek'
    """
    own = _text(retention)
    days = _number(retention_days)
    if not own and days is not None and days >= 0:
        return text("unit.day", lang, n=int(days))
    found = parse_duration(own)
    if found is None or not found[0].is_integer():
        return own
    return text(f"unit.{found[1]}", lang, n=int(found[0]))


def _distance_text(row: Mapping[str, object], lang: str) -> str:
    d = _number(row.get("distance_m"))
    if d is None:
        return text("near.card.distance.unknown", lang)
    if d < 1:
        return text("near.card.distance.here", lang)
    return text("near.card.distance", lang, distance=distance(d, lang))


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def _number(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _flag(value: object) -> bool:
    return bool(value) and value is not pd.NA and not (isinstance(value, float) and math.isnan(value))


#: The sentence on top names this many kinds; more are summed up as "n others".
_KINDS_NAMED = 3


def summary_parts(summary: NearbySummary, lang: str) -> list[str]:
    """The sentences on top of the list, the answer first: how many there are and of which kinds.

    >>> summary_parts(NearbySummary(100, {"camera": 1}, 1, 1, 0, 0, 0, 0), "en")[1]
    'It processes personal data.'
    """
    radius = distance(summary.radius, lang)
    parts: list[str] = []
    if summary.total == 0:
        parts.append(text("near.summary.nothing", lang, radius=radius))
    else:
        # The largest kinds by name, the rest summed up: one plain sentence, however busy the spot.
        ranked = list(summary.by_sensor_type.items())
        listed = [count_label(n, c, lang) for c, n in ranked[:_KINDS_NAMED + 1]]
        if len(ranked) > _KINDS_NAMED + 1:
            listed = listed[:_KINDS_NAMED] + [text("summary.what.others", lang,
                                                   n=sum(n for _, n in ranked[_KINDS_NAMED:]))]
        parts.append(text("near.summary.total", lang, radius=radius, n=summary.total, listed=words(listed, lang)))
        p = summary.personal_data
        parts.append(text("summary.personal.single.yes" if p else "summary.personal.single.no", lang)
                     if summary.total == 1 else text("summary.personal.none", lang) if p == 0
                     else text("summary.personal.all", lang, n=p) if p == summary.total
                     else text("summary.personal.some", lang, n=p))
        if summary.planned:
            parts.append(text("near.summary.planned", lang, n=summary.planned))
    if summary.looking_here:
        n = summary.looking_here
        parts.append(text("near.summary.looking", lang, n=n, cameras=count_label(n, "camera", lang)))
        if summary.looking_farther:
            parts.append(text("near.summary.farther", lang, n=summary.looking_farther, radius=radius))
    if summary.inactive:
        parts.append(text("near.summary.inactive", lang, n=summary.inactive))
    return parts


def summary_text(summary: NearbySummary, lang: str) -> str:
    """The sentences on top of the list as one paragraph, with the right plurals.

    >>> s = NearbySummary(250, {"camera": 3, "air": 2, "wifi_bluetooth": 1}, 6, 4, 0, 0, 1, 0)
    >>> print(summary_text(s, "nl").replace("\\xa0", " "))  # doctest: +NORMALIZE_WHITESPACE
    Binnen 250 m staan 6 sensoren en camera's: 3 camera's, 2 luchtkwaliteitsensoren en 1 wifi- of bluetoothteller.
    4 daarvan verwerken persoonsgegevens. 1 camera kijkt naar deze plek.
    >>> print(summary_text(s, "en").replace("\\xa0", " "))  # doctest: +NORMALIZE_WHITESPACE
    Within 250 m there are 6 sensors and cameras: 3 cameras, 2 air-quality sensors and 1 WiFi or Bluetooth counter.
    4 of them process personal data. 1 camera looks at this spot.
    >>> summary_text(NearbySummary(100, {}, 0, 0, 0, 0, 0, 0), "nl")
    'Binnen 100\\xa0m staat niets in het register.'
    """
    return " ".join(summary_parts(summary, lang))


