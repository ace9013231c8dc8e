"""Residents' reports: what one holds, what it may hold (kinds, sizes), its reference, the rate limits and retention.

Pure: no store, no Streamlit. geo.store.reports keeps reports durably (a GeoPackage beside the register,
or tables in PostGIS); ui.report_form lets a resident send one, and staff.py lets staff answer it.

The limits, each from the environment (documented in docs/deploy.md):

=====================================  =======  ==========================================================
variable                               default  what it limits
=====================================  =======  ==========================================================
ZICHTBAAR_REPORTS_PER_SESSION          5        reports one browser session may send per hour
ZICHTBAAR_REPORTS_PER_HOUR             200      reports all residents together may send per hour
ZICHTBAAR_REPORT_EMAIL_DAYS            30       days an e-mail address is kept after its report is closed
=====================================  =======  ==========================================================
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from geo.errors import UserFacingError

#: What a resident can report, in the order the form offers them.
KINDS = ("missing", "wrong", "question", "objection")
#: Where a report stands, in order; only "closed" starts the e-mail address's retention clock.
STATUSES = ("received", "in_progress", "answered", "closed")
#: What staff can do to a report; each is logged with who and when.
ACTIONS = ("status", "answer", "link")
#: The most characters a report's text may hold (the form says so).
MAX_TEXT = 2000
#: The most characters of an answer from staff.
MAX_ANSWER = 4000
#: An e-mail address's longest legal form (RFC 5321).
MAX_EMAIL = 254
#: A registration id as the register allows it (geo.viewstate.MAX_TEXT).
MAX_REGISTRATION_ID = 200
#: A staff member's name as the identity provider or the proxy gives it, cut to this length.
MAX_WHO = 200
#: A reference: two groups of four from an alphabet without 0/O, 1/I/L or U (Crockford's base32, read aloud easily).
REF_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REF_PATTERN = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")
#: Rate limits are counted over this window.
WINDOW = timedelta(hours=1)

PER_SESSION_ENV = "ZICHTBAAR_REPORTS_PER_SESSION"
PER_HOUR_ENV = "ZICHTBAAR_REPORTS_PER_HOUR"
EMAIL_DAYS_ENV = "ZICHTBAAR_REPORT_EMAIL_DAYS"
DEFAULT_PER_SESSION = 5
DEFAULT_PER_HOUR = 200
DEFAULT_EMAIL_DAYS = 30

_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
# Control characters other than a line break and a tab, and bidi overrides, would hide or reorder what staff read.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class ReportError(UserFacingError):
    """A report that cannot be taken: too long, a limit reached, a reference that does not exist."""


@dataclass(frozen=True)
class NewReport:
    """What a resident sends: a kind, a text, a place (a registration, or a spot), and perhaps an e-mail address."""

    kind: str
    text: str
    registration_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    email: str | None = None


@dataclass(frozen=True)
class Report:
    """A report as the store holds it.

    `email` is None once the retention period after closing has passed (geo.store.reports.purge).
    `registration_id` is the resident's chosen registration, or the one staff linked it to.
    """

    ref: str
    kind: str
    text: str
    registration_id: str | None
    lat: float | None
    lon: float | None
    email: str | None
    status: str
    created_at: datetime
    updated_at: datetime
    answer: str | None = None
    closed_at: datetime | None = None

    def public(self) -> dict[str, object]:
        """What anyone holding the reference may see: never the text nor the e-mail address."""
        return {"ref": self.ref, "kind": self.kind, "status": self.status, "created_at": self.created_at,
                "answer": self.answer}

    def as_json(self) -> dict[str, object]:
        """Everything, for the municipality's own systems (`python -m geo reports list --json`, `export`)."""
        return {"ref": self.ref, "kind": self.kind, "status": self.status, "text": self.text,
                "registration_id": self.registration_id, "lat": self.lat, "lon": self.lon, "email": self.email,
                "answer": self.answer, "created_at": self.created_at.isoformat(),
                "updated_at": self.updated_at.isoformat(),
                "closed_at": self.closed_at.isoformat() if self.closed_at else None}


@dataclass(frozen=True)
class Action:
    """One thing a staff member did to a report: who, when, what, and the new value."""

    ref: str
    at: datetime
    who: str
    action: str
    value: str


@dataclass(frozen=True)
class Limits:
    """The rate limits and the retention period, from the environment (see the module's table)."""

    per_session: int = DEFAULT_PER_SESSION
    per_hour: int = DEFAULT_PER_HOUR
    email_days: int = DEFAULT_EMAIL_DAYS

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Limits:
        """The limits the environment sets; an unusable value is a ReportError that names it.

        >>> Limits.from_env({"ZICHTBAAR_REPORTS_PER_HOUR": "50"})
        Limits(per_session=5, per_hour=50, email_days=30)
        """
        env = os.environ if env is None else env
        return cls(_whole(env, PER_SESSION_ENV, DEFAULT_PER_SESSION), _whole(env, PER_HOUR_ENV, DEFAULT_PER_HOUR),
                   _whole(env, EMAIL_DAYS_ENV, DEFAULT_EMAIL_DAYS))


def _whole(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise ReportError("error.report.setting", name=name, value=value)
    return int(value)


def new_ref() -> str:
    """A fresh random reference (40 bits): hard to guess, easy to read out on the phone.

    >>> bool(REF_PATTERN.match(new_ref()))
    True
    """
    chars = "".join(secrets.choice(REF_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def parse_ref(raw: object) -> str | None:
    """A reference as a resident may type it (lower case, spaces, O for 0, I or L for 1), or None.

    >>> parse_ref(" k7m2 9qhx "), parse_ref("K7M29QHX"), parse_ref("<script>"), parse_ref(None)
    ('K7M2-9QHX', 'K7M2-9QHX', None, None)
    """
    if not isinstance(raw, str) or len(raw) > 20:
        return None
    chars = re.sub(r"[\s-]", "", raw.upper()).translate(str.maketrans("OIL", "011"))
    if len(chars) != 8:
        return None
    ref = f"{chars[:4]}-{chars[4:]}"
    return ref if REF_PATTERN.match(ref) else None


def clean_text(raw: str) -> str:
    """A resident's text as it is kept: line breaks unified, control and bidi characters dropped, otherwise literal.

    >>> clean_text("a\\r\\nb\\u202e<b>c</b>\\x00 ")
    'a\\nb<b>c</b>'
    """
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub("", text).strip()


def problems(new: NewReport) -> list[str]:
    """Every reason `new` cannot be taken, as text keys (empty when it can); all of them, not just the first.

    >>> problems(NewReport("question", "Waarom?", lat=52.1, lon=5.1))
    []
    >>> problems(NewReport("spam", "", email="nope"))
    ['report.problem.kind', 'report.problem.empty', 'report.problem.place', 'report.problem.email']
    """
    found = []
    if new.kind not in KINDS:
        found.append("report.problem.kind")
    text = clean_text(new.text or "")
    if not text:
        found.append("report.problem.empty")
    elif len(text) > MAX_TEXT:
        found.append("report.problem.long")
    has_spot = new.lat is not None and new.lon is not None
    if not new.registration_id and not has_spot:
        found.append("report.problem.place")
    if new.registration_id and len(new.registration_id) > MAX_REGISTRATION_ID:
        found.append("report.problem.place")
    if has_spot and not (-90 <= float(new.lat) <= 90 and -180 <= float(new.lon) <= 180):
        found.append("report.problem.place")
    if new.email and (len(new.email) > MAX_EMAIL or not _EMAIL.match(new.email.strip())):
        found.append("report.problem.email")
    return found


def cleaned(new: NewReport) -> NewReport:
    """`new` as it is stored: the text cleaned, the e-mail address trimmed (None when empty), the spot rounded
    to about a metre (a resident's exact position is not needed to find a camera)."""
    email = (new.email or "").strip() or None
    rounded = (None if v is None else round(float(v), 5) for v in (new.lat, new.lon))
    return NewReport(new.kind, clean_text(new.text), new.registration_id or None, *rounded, email=email)


def session_allows(sent: Sequence[datetime], now: datetime, limit: int) -> bool:
    """Whether one session that sent at `sent` may send another at `now` (at most `limit` per WINDOW).

    >>> t0 = datetime(2026, 1, 1, 12)
    >>> session_allows([t0] * 5, t0 + timedelta(minutes=5), 5), session_allows([t0] * 5, t0 + WINDOW, 5)
    (False, True)
    """
    return sum(1 for t in sent if now - t < WINDOW) < limit


def email_expires(report: Report, days: int) -> datetime | None:
    """When a closed report's e-mail address is deleted; None while the report is open or has no address."""
    if report.status != "closed" or report.closed_at is None or not report.email:
        return None
    return report.closed_at + timedelta(days=days)


def who(raw: object) -> str:
    """A staff member's name for the log: the identity's own words, control characters out, cut short."""
    return clean_text(str(raw or ""))[:MAX_WHO] or "?"


def acted(report: Report, action: str, value: str, now: datetime) -> Report:
    """`report` after a staff member's `action` with `value` (the store logs it).

    "status" moves it to one of STATUSES (closing starts the e-mail's retention clock, reopening stops it);
    "answer" publishes an answer, and an open report becomes "answered"; "link" ties it to a registration id.

    >>> t0 = datetime(2026, 1, 1)
    >>> r = Report("K7M2-9QHX", "question", "?", None, 52.1, 5.1, "a@b.nl", "received", t0, t0)
    >>> acted(r, "answer", "Ja.", t0).status, acted(r, "status", "closed", t0).closed_at == t0
    ('answered', True)
    """
    from dataclasses import replace

    if action == "status":
        if value not in STATUSES:
            raise ReportError("error.report.action")
        return replace(report, status=value, updated_at=now, closed_at=now if value == "closed" else None)
    if action == "answer":
        answer = clean_text(value)
        if not answer or len(answer) > MAX_ANSWER:
            raise ReportError("error.report.answer", n=MAX_ANSWER)
        status = report.status if report.status == "closed" else "answered"
        return replace(report, answer=answer, status=status, updated_at=now)
    if action == "link":
        reg = clean_text(value)
        if len(reg) > MAX_REGISTRATION_ID:
            raise ReportError("error.report.action")
        return replace(report, registration_id=reg or None, updated_at=now)
    raise ReportError("error.report.action")
