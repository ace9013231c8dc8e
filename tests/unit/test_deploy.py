"""The deploy example of docs/deploy.md: two Streamlit servers behind nginx, started and checked on loopback."""

from __future__ import annotations

import base64
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR
from tests.unit.conftest import PG_ENV, postgis_store

SERVE = PROJECT_DIR / "docs" / "deploy" / "serve.py"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
CLIENTS = 24  # loopback addresses 127.0.0.1 ... 127.0.0.24, each a different visitor to nginx

pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (bash .ci/postgis.sh installs it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, client: str = "127.0.0.1") -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(client, 0))
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """serve.py with two app servers and nginx, over PostGIS when $ZICHTBAAR_TEST_PG is set (else a GeoPackage)."""
    work = tmp_path_factory.mktemp("deploy")
    ports = {"nginx": free_port(), "apps": [free_port(), free_port()]}
    with postgis_store(os.environ[PG_ENV]) if os.environ.get(PG_ENV) else _nullstore(work) as db:
        env = {**os.environ, "ZICHTBAAR_DB": str(db)}
        env.pop("ZICHTBAAR_REGISTER", None)
        errors = work / "serve.err"  # a file, not a pipe: nothing blocks on a log nobody reads
        proc = subprocess.Popen(
            [sys.executable, str(SERVE), "--port", str(ports["nginx"]),
             "--app-ports", ",".join(map(str, ports["apps"])), "--workdir", str(work / "nginx"), "--nginx", NGINX],
            cwd=PROJECT_DIR, env=env, stdout=subprocess.PIPE, stderr=errors.open("w"), text=True)
        try:
            line = proc.stdout.readline()  # serve.py waits for every /_stcore/health itself
            assert line.startswith("ready "), errors.read_text()[-3000:]
            yield {**ports, "proc": proc, "log": work / "nginx" / "logs" / "access.log", "db": str(db)}
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()


class _nullstore:
    """A GeoPackage in `folder`, as a context manager like postgis_store."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "register.gpkg"

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc: object) -> None:
        return None


def test_nginx_passes_the_health_check_through(deployment):
    assert get(deployment["nginx"], "/_stcore/health") == (200, b"ok")


def test_each_server_ran_its_start_page_before_ready_and_nginx_keeps_that_check_to_itself(deployment):
    # serve.py's warm-up asked each server directly (the register loaded before the first visitor) ...
    for port in deployment["apps"]:
        assert get(port, "/_stcore/script-health-check") == (200, b"ok")
    # ... and nobody outside can make the servers run pages that way.
    assert get(deployment["nginx"], "/_stcore/script-health-check")[0] == 404


def test_nginx_serves_the_app_page(deployment):
    status, body = get(deployment["nginx"], "/")
    assert status == 200
    assert b'<div id="root">' in body


def test_each_visitor_sticks_to_one_server_and_both_servers_serve(deployment):
    clients = [f"127.0.0.{i}" for i in range(1, CLIENTS + 1)]
    for _ in range(2):
        for client in clients:
            assert get(deployment["nginx"], "/_stcore/health", client)[0] == 200
    served: dict[str, set[str]] = {}
    for line in deployment["log"].read_text().splitlines():
        m = re.match(r"(\S+) .*\"GET /_stcore/health HTTP/1.1\" 200 upstream=127\.0\.0\.1:(\d+)$", line)
        if m and m.group(1) in clients:
            served.setdefault(m.group(1), set()).add(m.group(2))
    assert set(served) == set(clients)
    assert all(len(ports) == 1 for ports in served.values())  # sticky
    assert set.union(*served.values()) == {str(p) for p in deployment["apps"]}  # both upstreams reachable


def test_the_websocket_upgrade_goes_through(deployment):
    key = base64.b64encode(os.urandom(16)).decode()
    with socket.create_connection(("127.0.0.1", deployment["nginx"]), timeout=10) as s:
        s.sendall((f"GET /_stcore/stream HTTP/1.1\r\nHost: 127.0.0.1:{deployment['nginx']}\r\n"
                   f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                   "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: streamlit\r\n\r\n").encode())
        head = s.recv(4096).decode("latin-1")
    assert head.startswith("HTTP/1.1 101"), head


def test_both_app_servers_answer_directly(deployment):
    for port in deployment["apps"]:
        assert get(port, "/_stcore/health") == (200, b"ok")


def test_the_store_was_built_once_for_both_servers(deployment):
    from geo.store import import_log

    assert [r.version for r in import_log(deployment["db"])] == [1]
