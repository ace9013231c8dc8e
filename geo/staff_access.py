"""Who may use the staff app: Streamlit's OIDC log-in, or a trusted header from a reverse proxy on loopback.

Pure: ui/staff.py hands in what Streamlit knows (the secrets, the server's address, the request's header) and
gets back who is in, or why nobody is. The proxy's header is trusted only when the operator says so
($ZICHTBAAR_STAFF_PROXY=1) and the app listens on loopback only, so that nobody can reach it without the
proxy (and the proxy's own log-in) in between.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from geo.reports import who as clean_who

PROXY_ENV = "ZICHTBAAR_STAFF_PROXY"
HEADER_ENV = "ZICHTBAAR_STAFF_HEADER"
#: The header nginx passes on by default in docs/deploy.md.
DEFAULT_HEADER = "X-Forwarded-User"
LOOPBACK = ("127.0.0.1", "::1", "localhost")


@dataclass(frozen=True)
class Access:
    """How the staff app is protected ("oidc", "proxy" or None), who is in (None: nobody), and why not (a text key)."""

    mode: str | None
    who: str | None = None
    problem: str | None = None


def proxy_header(env: Mapping[str, str]) -> str | None:
    """The trusted header's name when the proxy mode is switched on, else None.

    >>> proxy_header({"ZICHTBAAR_STAFF_PROXY": "1"}), proxy_header({})
    ('X-Forwarded-User', None)
    """
    if env.get(PROXY_ENV, "").strip() != "1":
        return None
    return env.get(HEADER_ENV, "").strip() or DEFAULT_HEADER


def access(*, oidc: bool, logged_in_as: str | None, env: Mapping[str, str], address: str | None,
           headers: Mapping[str, str]) -> Access:
    """Who is in, given Streamlit's state: OIDC first when it is configured, else the proxy's header.

    >>> access(oidc=False, logged_in_as=None, env={}, address=None, headers={})
    Access(mode=None, who=None, problem='staff.setup.title')
    >>> env = {"ZICHTBAAR_STAFF_PROXY": "1"}
    >>> access(oidc=False, logged_in_as=None, env=env, address="0.0.0.0", headers={"X-Forwarded-User": "els"}).problem
    'staff.setup.loopback'
    >>> access(oidc=False, logged_in_as=None, env=env, address="127.0.0.1", headers={"x-forwarded-user": "els"}).who
    'els'
    """
    if oidc:
        return Access("oidc", clean_who(logged_in_as) if logged_in_as else None,
                      None if logged_in_as else "staff.login.intro")
    header = proxy_header(env)
    if header is None:
        return Access(None, problem="staff.setup.title")
    if (address or "").strip() not in LOOPBACK:
        return Access("proxy", problem="staff.setup.loopback")
    lower = {k.lower(): v for k, v in headers.items()}
    value = (lower.get(header.lower()) or "").strip()
    if not value:
        return Access("proxy", problem="staff.proxy.missing")
    return Access("proxy", clean_who(value))
