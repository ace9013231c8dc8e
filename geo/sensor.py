"""One registration's own page (/sensor?id=...), for someone who scanned a sign: its words and HTML.

The first screen answers, in three seconds: what it measures, why, who is responsible, whether it processes
personal data and on what basis, and until when (geo.mapping.registration_summary plus the end date). The
rest: the whole entry (geo.mapping.registration_card), what does not fit the principles (geo.principles),
whom to ask, and how to object or complain. Every text from the register is escaped; only http(s),
mailto: and tel: become links (geo.links).
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping

import pandas as pd

from geo.codes import label
from geo.links import contact_href, safe_href
from geo.mapping import registration_summary
from geo.principles import REASON_CODES, reason_frame
from geo.text import DEFAULT_LANG, day, foreign, lower_first, text

#: Where a resident can complain about what is done with their personal data.
AUTHORITY_URL = "https://autoriteitpersoonsgegevens.nl"
#: The most registrations the search on an unknown id's page lists.
SEARCH_LIMIT = 10


def search(registrations: pd.DataFrame, query: str, limit: int = SEARCH_LIMIT) -> list[tuple[str, str]]:
    """(id, name) of the registrations whose name or id holds `query` (case ignored), at most `limit`.

    >>> reg = pd.DataFrame({"id": ["C1", "L2"], "name": ["Camera Markt", "Luchtmeter"]})
    >>> search(reg, "markt"), search(reg, "l2"), search(reg, " ")
    ([('C1', 'Camera Markt')], [('L2', 'Luchtmeter')], [])
    """
    q = query.strip().casefold()
    if not q:
        return []
    ids = registrations["id"].astype(str)
    names = registrations["name"].astype(str)
    hit = names.str.casefold().str.contains(q, regex=False) | ids.str.casefold().str.contains(q, regex=False)
    return list(zip(ids[hit].head(limit), names[hit].head(limit), strict=True))


def _value(record: Mapping[str, object], name: str) -> str:
    v = record.get(name)
    if v is None or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(v).strip()


def _date(record: Mapping[str, object], name: str):
    v = record.get(name)
    ts = pd.Timestamp(v) if v is not None and v is not pd.NaT and not (isinstance(v, float) and math.isnan(v)) \
        else pd.NaT
    return None if pd.isna(ts) else ts.date()


def kind(record: Mapping[str, object], lang: str) -> str:
    """What it is, in a sentence's middle: "camera", "luchtkwaliteitsensor".

    >>> kind({"sensor_type": "air"}, "en"), kind({}, "nl")
    ('air-quality sensor', 'overig')
    """
    return lower_first(label("sensor_type", _value(record, "sensor_type") or "other", lang))


def status_note(record: Mapping[str, object], lang: str) -> str:
    """A sentence for an entry that is not measuring now (planned, no longer active); "" otherwise.

    >>> status_note({"status": "planned", "sensor_type": "camera"}, "en")
    'Planned: this camera is not there yet, or not measuring yet.'
    >>> status_note({"status": "active"}, "en")
    ''
    """
    status = _value(record, "status")
    if status not in ("planned", "inactive"):
        return ""
    return text(f"sensor.status.{status}", lang, kind=kind(record, lang))


def until_text(record: Mapping[str, object], lang: str) -> str:
    """Until when it measures, in words.

    >>> until_text({"active_until": pd.Timestamp("2027-01-31")}, "en"), until_text({}, "en")
    ('Until 31 January 2027', 'No end date given')
    """
    until = _date(record, "active_until")
    return text("sensor.until.date", lang, date=day(until, lang)) if until else text("sensor.until.none", lang)


def first_screen_html(record: Mapping[str, object], lang: str, register_lang: str = DEFAULT_LANG) -> str:
    """The three-second part: its name, status, what, why, who, personal data and basis, until when.

    >>> h = first_screen_html({"id": "C1", "name": "<b>Cam</b>", "sensor_type": "camera", "purpose": "safety",
    ...     "owner": "Gemeente", "personal_data": False}, "en")
    >>> "&lt;b&gt;Cam&lt;/b&gt;" in h, "Until when?" in h, "No end date given" in h
    (True, True, True)
    """
    esc = html.escape
    name = foreign(esc(_value(record, "name") or _value(record, "id")), lang, register_lang)
    summary = registration_summary(record, lang, register_lang)
    until = (f'<dl class="zb-detail zb-summary-list"><dt>{esc(text("sensor.until", lang))}</dt>'
             f"<dd>{esc(until_text(record, lang))}</dd></dl>")
    return f'<h1 class="zb-sensor-title">{name}</h1>{summary}{until}'


def reasons(registration: pd.DataFrame) -> list[str]:
    """The principle reasons (geo.principles.REASON_CODES) that apply to a one-row frame of one registration.

    >>> reg = pd.DataFrame({"biometric": [True], "personal_data": [False], "legal_basis": ["none"],
    ...     "privacy_statement_url": [""], "dpia": [""], "sensor_type": ["air"], "council_decision": [""],
    ...     "status": ["inactive"], "active_until": pd.to_datetime([None]), "last_checked": pd.to_datetime([None]),
    ...     "description": ["Meet fijnstof."], "data_types": ["environmental"], "algorithm_register_url": [""]})
    >>> reasons(reg)
    ['biometric']
    """
    row = reason_frame(registration).iloc[0]
    return [r for r in REASON_CODES if bool(row[r])]


def contact_html(record: Mapping[str, object], lang: str) -> str:
    """Whom to ask: the owner and its contact, as a link when it is an e-mail address, phone number or web page.

    >>> contact_html({"owner": "A & B", "contact": "info@x.example"}, "en")
    '<p>Contact A &amp; B: <a href="mailto:info@x.example">info@x.example</a></p>'
    >>> contact_html({"owner": "A", "contact": "javascript:alert(1)"}, "en")  # shown, never a link
    '<p>Contact A: javascript:alert(1)</p>'
    """
    esc = html.escape
    owner = _value(record, "owner") or text("near.card.owner_unknown", lang)
    contact = _value(record, "contact")
    if not contact:
        return f"<p>{esc(text('sensor.contact.none', lang, owner=owner))}</p>"
    href = safe_href(contact_href(contact))
    shown = f'<a href="{esc(href, quote=True)}">{esc(contact)}</a>' if href else esc(contact)
    return f"<p>{esc(text('sensor.contact.text', lang, owner=owner))} {shown}</p>"


def objection_html(record: Mapping[str, object], lang: str) -> str:
    """How to object or complain: to the owner first (its contact and privacy statement), then to the
    Autoriteit Persoonsgegevens.

    >>> h = objection_html({"owner": "Gemeente", "personal_data": True,
    ...                     "privacy_statement_url": "https://x.example/privacy"}, "en")
    >>> 'href="https://x.example/privacy"' in h, 'href="https://autoriteitpersoonsgegevens.nl"' in h
    (True, True)
    """
    esc = html.escape
    owner = _value(record, "owner") or text("near.card.owner_unknown", lang)
    personal = bool(record.get("personal_data")) and record.get("personal_data") is not pd.NA
    parts = [f"<p>{esc(text('sensor.object.personal' if personal else 'sensor.object.none', lang, owner=owner))}</p>"]
    privacy = safe_href(_value(record, "privacy_statement_url"))
    if privacy:
        parts.append(f'<p><a href="{esc(privacy, quote=True)}" target="_blank" rel="noopener noreferrer">'
                     f"{esc(text('sensor.object.privacy', lang))}</a></p>")
    parts.append(f"<p>{esc(text('sensor.object.authority', lang))} "
                 f'<a href="{AUTHORITY_URL}" target="_blank" rel="noopener noreferrer">'
                 f"{esc(text('sensor.object.authority.link', lang))}</a></p>")
    return "".join(parts)
