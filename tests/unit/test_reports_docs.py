"""Every setting of reports and the staff app is in docs/deploy.md's table, with its default (datasette's idea)."""

from __future__ import annotations

import pytest

from geo import reports, staff_access
from geo.store.reports import REPORTS_ENV
from tests.conftest import PROJECT_DIR

DEPLOY = (PROJECT_DIR / "docs" / "deploy.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "default"), [
    (reports.PER_SESSION_ENV, str(reports.DEFAULT_PER_SESSION)),
    (reports.PER_HOUR_ENV, str(reports.DEFAULT_PER_HOUR)),
    (reports.EMAIL_DAYS_ENV, str(reports.DEFAULT_EMAIL_DAYS)),
    (staff_access.HEADER_ENV, f"`{staff_access.DEFAULT_HEADER}`"),
    (staff_access.PROXY_ENV, "off"),
    (REPORTS_ENV, "beside the register"),
])
def test_every_setting_is_in_the_deploy_table_with_its_default(name: str, default: str) -> None:
    assert f"| `{name}` | {default} |" in DEPLOY


def test_the_documented_text_limit_is_the_code_s():
    assert f"at most {reports.MAX_TEXT:,} characters" in DEPLOY
