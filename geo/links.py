"""Which texts are links, and the one policy for making a link of register text: http(s) only, plus mailto:
and tel: for a contact. Everything else is shown as text, never as a link."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Schemes that make a text a link even without `//`; `javascript:` and `data:` are the dangerous ones.
# Other `word:` prefixes ("ECLI:NL:...", "Raadsbesluit:2024-12") are references, not links.
_KNOWN_SCHEMES = frozenset({
    "javascript", "vbscript", "livescript", "data", "blob", "file", "filesystem", "about", "view-source",
    "ftp", "ftps", "sftp", "ssh", "telnet", "smb", "nfs", "ldap", "gopher", "news", "nntp", "irc", "jar",
    "ws", "wss", "intent", "chrome", "ms-settings", "http", "https", "mailto", "tel", "sms", "callto", "skype",
})
# Browsers drop tabs and newlines anywhere in a link and C0 controls and spaces around it, so
# `java\tscript:` is `javascript:` to them; read links the same way before judging them.
_DROPPED_IN_URL = dict.fromkeys((9, 10, 13))
_URL_EDGE = "".join(map(chr, range(33)))
_EMAIL = re.compile(r"^[^@\s/:]+@[^@\s/:]+\.[a-z]{2,}$", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[\d\s\-()]{8,20}$")


def is_http_url(text: str) -> bool:
    """Whether `text` is an absolute http(s) URL with a host (surrounding spaces ignored).

    >>> is_http_url(" https://example.org/p "), is_http_url("javascript:alert(1)"), is_http_url("http://")
    (True, False, False)
    """
    t = text.strip()
    try:
        parts = urlsplit(t)
        host = parts.hostname
    except ValueError:
        return False
    # A space, quote, angle bracket or control character does not belong in a link; refusing it
    # keeps a cell from breaking out of the href it is written into.
    return parts.scheme.lower() in {"http", "https"} and bool(host) and not any(
        c in t for c in ' <>"`\\') and all(ord(c) >= 32 and ord(c) != 127 for c in t)


def url_scheme(text: str) -> str | None:
    """The scheme a browser would read in `text` when it is one that makes it a link, lowercased; else None.

    >>> url_scheme("java\\tscript:alert(1)"), url_scheme("ECLI:NL:HR:2020:1"), url_scheme("foo://bar")
    ('javascript', None, 'foo')
    """
    t = text.strip(_URL_EDGE).translate(_DROPPED_IN_URL)
    m = _SCHEME.match(t)
    if not m:
        return None
    scheme = m.group(1).lower()
    return scheme if scheme in _KNOWN_SCHEMES or t[m.end():].startswith("//") else None


def looks_like_url(text: str) -> bool:
    """Whether `text` is meant as a link (so that it must be an http(s) URL to be accepted).

    A scheme, `www.` or a relative path ("/privacy", "../dpia.pdf") make a link; plain text does not.

    >>> looks_like_url("data:text/html,x"), looks_like_url("/raad/besluit-12"), looks_like_url("Besluit 2024/12")
    (True, True, False)
    """
    t = text.strip(_URL_EDGE).translate(_DROPPED_IN_URL)
    if url_scheme(t) is not None or t.lower().startswith("www."):
        return True
    # A relative link resolves against the dashboard's own address: never what a register means.
    return t.startswith(("/", "./", "../", "\\")) and not any(c.isspace() for c in t)


def safe_contact(text: str) -> bool:
    """A contact may be an e-mail address, a phone number, or an http(s), mailto: or tel: link.

    >>> safe_contact("privacy@gemeente.nl"), safe_contact("tel:+31201234567"), safe_contact("javascript:x")
    (True, True, False)
    """
    if not looks_like_url(text):
        return True
    if url_scheme(text) in {"mailto", "tel"}:
        return True
    return is_http_url(text)


def contact_href(contact: str) -> str | None:
    """A link for a contact: mailto: for an e-mail address, tel: for a phone number, an http(s) URL itself.

    >>> contact_href("privacy@voorbeeldstad.example"), contact_href("https://example.org/privacy")
    ('mailto:privacy@voorbeeldstad.example', 'https://example.org/privacy')
    >>> contact_href("14 0320"), contact_href("javascript:alert(1)"), contact_href("")
    (None, None, None)
    >>> contact_href("+31 (0)320 123 456")
    'tel:+310320123456'
    """
    text = contact.strip()
    if _EMAIL.match(text):
        return f"mailto:{text}"
    if is_http_url(text):
        return text
    if _PHONE.match(text):
        digits = re.sub(r"[^\d+]", "", text)
        if len(digits.lstrip("+")) >= 10:
            return f"tel:{digits}"
    return None


def safe_href(url: str | None) -> str:
    """`url` ready for an href attribute when it is an http(s), mailto: or tel: link; "" otherwise.

    Characters that could end the attribute are percent-encoded; the caller still escapes the attribute.

    >>> safe_href("https://a.example/x?y=1&z=2"), safe_href("javascript:alert(1)"), safe_href('tel:+31"x')
    ('https://a.example/x?y=1&z=2', '', 'tel:+31%22x')
    """
    if not url:
        return ""
    text = url.strip()
    if not (is_http_url(text) or re.match(r"^(mailto|tel):[^\s]+$", text, re.IGNORECASE)):
        return ""
    return quote(text, safe=":/?#[]@!$&'()*+,;=%-._~")
