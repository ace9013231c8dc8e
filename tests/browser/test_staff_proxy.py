"""The staff app behind nginx with its own log-in (docs/deploy/staff-nginx.conf.template), started on loopback:
nobody anonymous gets in, directly or through nginx; staff who log in at nginx see a hostile report literally."""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from string import Template

import pytest
from playwright.sync_api import expect

from geo.reports import NewReport
from geo.staff_access import HEADER_ENV, PROXY_ENV
from geo.store.reports import REPORTS_ENV, send
from tests.browser.conftest import exceptions, free_port, open_page, streamlit_server, wait_until_up
from tests.conftest import PROJECT_DIR
from tests.fixtures.hostile import IMG, MARKDOWN_LINK, SCRIPT, XSS_MARKER

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
TEMPLATE = PROJECT_DIR / "docs" / "deploy" / "staff-nginx.conf.template"
HOSTILE = f"Camera {SCRIPT} {IMG} {MARKDOWN_LINK} https://evil.example/x"
USER, PASSWORD = "els", "test-only-not-a-secret"

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(NGINX is None, reason="nginx is not installed (bash .ci/postgis.sh installs it)")]


def ssha(password: str) -> str:
    """An htpasswd line's {SSHA} hash, which nginx reads (as `htpasswd -s` writes it)."""
    salt = os.urandom(8)
    return "{SSHA}" + base64.b64encode(hashlib.sha1(password.encode() + salt).digest() + salt).decode()


def status(url: str, headers: dict[str, str] | None = None) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def answers(url: str) -> bool:
    """Whether nginx answers at `url` at all (any status)."""
    try:
        status(url)
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory, browser) -> Iterator[dict]:
    work = tmp_path_factory.mktemp("staff")
    reports = work / "reports.gpkg"
    os.environ[REPORTS_ENV] = str(reports)
    try:
        ref = send(NewReport("missing", HOSTILE, lat=52.47, lon=5.55, email="geheim@example.nl")).ref
    finally:
        del os.environ[REPORTS_ENV]
    env = {REPORTS_ENV: str(reports), PROXY_ENV: "1", HEADER_ENV: "X-Forwarded-User"}
    with streamlit_server(env=env, app="staff.py") as app:
        port = free_port()
        (work / "logs").mkdir()
        (work / "tmp").mkdir()
        # nginx's workers read the users file, and may run as another user than the test (nobody, under root):
        # it lives in a folder of its own that they can read.
        users = Path(tempfile.mkdtemp(prefix="zb-staff-users-")) / "users"
        users.parent.chmod(0o755)
        users.write_text(f"{USER}:{ssha(PASSWORD)}\n", encoding="utf-8")
        users.chmod(0o644)
        (work / "nginx.conf").write_text(Template(TEMPLATE.read_text(encoding="utf-8")).safe_substitute(
            port=port, app_port=app.rsplit(":", 1)[1], users=users), encoding="utf-8")
        proc = subprocess.Popen([NGINX, "-p", str(work), "-c", "nginx.conf", "-g", "daemon off;"],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        proxy = f"http://127.0.0.1:{port}"
        try:
            if not wait_until_up(proc, lambda: answers(proxy + "/_stcore/health"), 30):
                proc.terminate()
                raise RuntimeError(proc.communicate(timeout=10)[0].decode(errors="replace"))
            yield {"app": app, "proxy": proxy, "ref": ref}
        finally:
            proc.terminate()
            proc.wait(10)
            shutil.rmtree(users.parent, ignore_errors=True)


def test_nginx_asks_anyone_anonymous_to_log_in_even_with_a_forged_header(setup):
    assert status(setup["proxy"] + "/") == 401
    assert status(setup["proxy"] + "/", {"X-Forwarded-User": "els"}) == 401


def test_the_app_reached_directly_without_the_proxy_shows_no_report(setup, browser):
    visit = open_page(browser)
    try:
        visit.page.goto(setup["app"] + "/")
        visit.page.get_by_text("niet via de beveiligde proxy").wait_for(timeout=60_000)
        assert setup["ref"] not in visit.page.content() and "evil.example" not in visit.page.content()
    finally:
        visit.page.context.close()


def test_staff_logged_in_at_nginx_see_the_hostile_report_literally(setup, browser):
    visit = open_page(browser, http_credentials={"username": USER, "password": PASSWORD})
    page = visit.page
    try:
        page.goto(setup["proxy"] + "/")
        expect(page.get_by_text(f"Ingelogd als {USER}")).to_be_visible(timeout=60_000)
        expect(page.get_by_test_id("stText").get_by_text(HOSTILE, exact=True)).to_be_visible()
        assert page.evaluate(f"typeof {XSS_MARKER}") == "undefined"
        assert page.locator("a[href*='evil.example'], a[href^='javascript:']").count() == 0
        # The staff app offers none of the public pages (no menu of pages/).
        assert page.get_by_test_id("stSidebarNav").count() == 0
        assert exceptions(page) == []
    finally:
        page.context.close()
