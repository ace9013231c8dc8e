"""Who may use the staff app (geo.staff_access): a table of what Streamlit knows and who is in."""

from __future__ import annotations

import pytest

from geo.staff_access import Access, access

PROXY = {"ZICHTBAAR_STAFF_PROXY": "1"}
CUSTOM = {"ZICHTBAAR_STAFF_PROXY": "1", "ZICHTBAAR_STAFF_HEADER": "X-Remote-User"}


@pytest.mark.parametrize(("oidc", "user", "env", "address", "headers", "expected"), [
    (False, None, {}, "127.0.0.1", {"X-Forwarded-User": "els"}, Access(None, problem="staff.setup.title")),
    (False, None, {"ZICHTBAAR_STAFF_PROXY": "yes"}, "127.0.0.1", {"X-Forwarded-User": "els"},
     Access(None, problem="staff.setup.title")),
    (False, None, PROXY, None, {"X-Forwarded-User": "els"}, Access("proxy", problem="staff.setup.loopback")),
    (False, None, PROXY, "0.0.0.0", {"X-Forwarded-User": "els"}, Access("proxy", problem="staff.setup.loopback")),
    (False, None, PROXY, "127.0.0.1", {}, Access("proxy", problem="staff.proxy.missing")),
    (False, None, PROXY, "127.0.0.1", {"X-Forwarded-User": "  "}, Access("proxy", problem="staff.proxy.missing")),
    (False, None, PROXY, "::1", {"x-forwarded-user": "els"}, Access("proxy", "els")),
    (False, None, CUSTOM, "localhost", {"X-Forwarded-User": "els"}, Access("proxy", problem="staff.proxy.missing")),
    (False, None, CUSTOM, "localhost", {"X-Remote-User": "jan\u202e"}, Access("proxy", "jan")),
    (True, None, PROXY, "127.0.0.1", {"X-Forwarded-User": "els"}, Access("oidc", problem="staff.login.intro")),
    (True, "els@gemeente.nl", {}, "0.0.0.0", {}, Access("oidc", "els@gemeente.nl")),
])
def test_who_is_in(oidc, user, env, address, headers, expected):
    assert access(oidc=oidc, logged_in_as=user, env=env, address=address, headers=headers) == expected
