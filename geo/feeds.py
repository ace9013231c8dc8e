"""Atom feeds of what changed in the register: one for the whole register, one per neighbourhood.

A resident follows a neighbourhood in any feed reader, without an account and without being tracked: a feed is a
static file (the app serves them from static/feeds/, see README). Each entry is one registration added, removed
or changed at one import, names it, says what changed, and links to its page (/sensor?id=...). Written with the
standard library's ElementTree, which escapes every text: register text stays text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from geo.changes import Changes, items
from geo.text import DEFAULT_LANG, text
from geo.viewstate import public_base, public_url, sensor_url

ATOM = "http://www.w3.org/2005/Atom"
#: Where the app serves the feeds (Streamlit's static serving: static/ beside dashboard.py, at /app/static/).
STATIC_DIR = "static"
FEEDS_PATH = "app/static/feeds"
#: The most entries a feed holds, newest first.
MAX_ENTRIES = 500


@dataclass(frozen=True)
class Entry:
    """One change at one import: the import's version and time, the kind, the registration, its line in words,
    and the neighbourhood codes it lies in (in the older or the newer register)."""

    version: int
    imported_at: datetime
    kind: str
    id: str
    line: str
    codes: frozenset[str]


def feed_filename(lang: str, code: str | None = None) -> str:
    """The feed's file name: the whole register's, or a neighbourhood's (characters outside [A-Za-z0-9_-] as _).

    >>> feed_filename("nl"), feed_filename("en", "BU 1/2")
    ('register-nl.xml', 'buurt-BU_1_2-en.xml')
    """
    if code is None:
        return f"register-{lang}.xml"
    return f"buurt-{re.sub(r'[^A-Za-z0-9_-]', '_', code)[:64]}-{lang}.xml"


def feed_url(lang: str, code: str | None = None, base: str | None = None) -> str:
    """The stable address the app serves a feed at.

    >>> feed_url("nl", "BU99990001", "https://z.example")
    'https://z.example/app/static/feeds/buurt-BU99990001-nl.xml'
    """
    return f"{public_base(base)}/{FEEDS_PATH}/{feed_filename(lang, code)}"


def entries(store: str | Path | None = None, lang: str = DEFAULT_LANG) -> list[Entry]:
    """Every change between the consecutive versions the store keeps, newest import first.

    Read from what each import left beside its version (geo.changelog.recorded), never from the registers.
    """
    from geo.changelog import recorded

    out: list[Entry] = []
    for found in recorded(store):
        when = found.changes.imported_at or datetime.now(UTC)
        out += [Entry(found.changes.to_version, when, kind, reg_id, line, found.codes.get(reg_id, frozenset()))
                for kind, reg_id, line in found.items(lang=lang)]
    return out


def entries_of(changes: Changes, old, new, lang: str, codes: dict[str, frozenset[str]] | None = None) -> list[Entry]:
    """The entries of one comparison (geo.changes), in words in `lang`."""
    when = changes.imported_at or datetime.now(UTC)
    codes = codes or {}
    return [Entry(changes.to_version, when, kind, reg_id, line, codes.get(reg_id, frozenset()))
            for kind, reg_id, line in items(changes, old, new, lang)]


def atom(found: Sequence[Entry], lang: str, *, code: str | None = None, name: str = "",
         base: str | None = None, limit: int = MAX_ENTRIES) -> bytes:
    """An Atom feed (RFC 4287) of `found`: the whole register's, or neighbourhood `code`'s (named `name`).

    >>> feed = atom([Entry(2, datetime(2026, 12, 3, tzinfo=UTC), "added", "A&1", "Nieuw: <b> (A&1)", frozenset())],
    ...             "nl", base="https://z.example")
    >>> b"<title>Nieuw: &lt;b&gt; (A&amp;1)</title>" in feed
    True
    >>> b'href="https://z.example/sensor?id=A%261&amp;lang=nl"' in feed
    True
    """
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    shown = [e for e in found if code is None or code in e.codes][:limit]

    def sub(parent: ET.Element, tag: str, value: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if value is not None:
            el.text = value
        return el

    self_url = feed_url(lang, code, base)
    sub(feed, "id", self_url)
    sub(feed, "title", text("feed.title.buurt", lang, name=name or code) if code else text("feed.title", lang))
    sub(feed, "subtitle", text("feed.subtitle", lang))
    updated = max((e.imported_at for e in shown), default=datetime(2000, 1, 1, tzinfo=UTC))
    sub(feed, "updated", _stamp(updated))
    sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    page = public_url("buurt", {"code": code, "lang": lang}, base) if code else public_url("", {"lang": lang}, base)
    sub(feed, "link", rel="alternate", href=page, type="text/html")
    author = sub(feed, "author")
    sub(author, "name", "Zichtbaar")
    sub(feed, "generator", "Zichtbaar")
    for e in shown:
        entry = sub(feed, "entry")
        sub(entry, "id", f"{public_base(base)}/changes/{e.version}/{e.kind}/{quote(e.id, safe='')}")
        sub(entry, "title", e.line)
        sub(entry, "updated", _stamp(e.imported_at))
        sub(entry, "link", rel="alternate", href=sensor_url(e.id, base, lang), type="text/html")
        sub(entry, "summary", text(f"feed.entry.{e.kind}", lang, version=e.version), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _stamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def write_feeds(folder: str | Path, found: Sequence[Entry], langs: Iterable[str], neighbourhoods: dict[str, str],
                base: str | None = None) -> list[Path]:
    """Write the whole register's feed and every neighbourhood's (`neighbourhoods`: code → name) in each language
    into `folder`; each file replaced whole, so a reader never gets half a feed."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in langs:
        for code in (None, *neighbourhoods):
            path = folder / feed_filename(lang, code)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(atom(found, lang, code=code, name=neighbourhoods.get(code or "", ""), base=base))
            tmp.replace(path)
            written.append(path)
    return written
