"""Run Zichtbaar as several Streamlit servers behind nginx, on this machine: the example of docs/deploy.md.

    ZICHTBAAR_DB=postgresql://zichtbaar:...@db.example/zichtbaar \\
        python docs/deploy/serve.py --port 8080 --app-ports 8501,8502

starts one `streamlit run dashboard.py` per app port (on 127.0.0.1) and waits until each answers
/_stcore/health and has run its start page once (warm_up: the register loaded); then renders nginx.conf.template
into a work folder, runs nginx in the foreground on `--port`, waits until it answers too, prints
`ready http://...` and keeps running until it gets SIGINT
or SIGTERM, or one of its processes ends; then it stops the others. All servers share one cookie secret, so that a
visitor whom nginx moves to another server (when a server goes away) keeps a valid XSRF cookie.

On production machines systemd runs the same commands (docs/deploy.md); this script is what the
deploy test starts, so the documented configuration is the tested one.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from string import Template

HERE = Path(__file__).resolve().parent
PROJECT_DIR = HERE.parent.parent
TEMPLATE = HERE / "nginx.conf.template"
# Health checks go straight to loopback: never through a proxy from the environment.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def render(listen: str, app_ports: list[int], server_name: str = "_") -> str:
    """The nginx configuration for `app_ports` on 127.0.0.1, listening on `listen`."""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;" for p in app_ports)
    # safe_substitute: nginx's own $variables stay as they are.
    return Template(TEMPLATE.read_text(encoding="utf-8")).safe_substitute(
        listen=listen, servers=servers, server_name=server_name)


def streamlit_command(port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(PROJECT_DIR / "dashboard.py"),
            "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
            # Production: no file watcher (it costs CPU and would restart sessions on a deploy).
            "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]


def healthy(url: str, timeout: float = 2) -> bool:
    try:
        with _DIRECT.open(url, timeout=timeout) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except OSError:
        return False


def wait_healthy(urls: list[str], procs: list[subprocess.Popen], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    pending = list(urls)
    while pending:
        for p in procs:
            if p.poll() is not None:
                raise RuntimeError(f"{p.args[0]} ended with {p.returncode} before it was ready")
        pending = [u for u in pending if not healthy(u)]
        if not pending:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"not healthy after {timeout:.0f} s: {', '.join(pending)}")
        time.sleep(0.3)


def warm_up(port: int, timeout: float) -> None:
    """Run the start page once in the server on `port` (/_stcore/script-health-check, .streamlit/config.toml): it
    loads the register and makes the map's pieces (ui.loaders.warm), so that the first visitor does not wait for
    them. Asked twice: a fresh server's first run only switches Streamlit's legacy pages/ mode off (ui/__init__.py).
    """
    for _ in range(2):
        healthy(f"http://127.0.0.1:{port}/_stcore/script-health-check", timeout=timeout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8080, help="nginx listens here (default 8080)")
    parser.add_argument("--host", default="127.0.0.1", help="nginx listens on this address (default 127.0.0.1)")
    parser.add_argument("--app-ports", default="8501,8502", help="one Streamlit server per port (default 8501,8502)")
    parser.add_argument("--workdir", help="for nginx.conf, its logs and temp files (default: a new temp folder)")
    parser.add_argument("--nginx", default=shutil.which("nginx") or "/usr/sbin/nginx", help="the nginx binary")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait until all are healthy")
    args = parser.parse_args(argv)
    app_ports = [int(p) for p in args.app_ports.split(",") if p.strip()]

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="zichtbaar-nginx-"))
    for sub in ("logs", "tmp"):
        (workdir / sub).mkdir(parents=True, exist_ok=True)
    (workdir / "nginx.conf").write_text(render(f"{args.host}:{args.port}", app_ports), encoding="utf-8")

    from geo.store import ensure_demo_store, redact, store_path

    # Build the store once before the servers start, rather than have each of them race to it.
    ensure_demo_store()
    env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET")
           or secrets.token_hex(32)}
    procs: list[subprocess.Popen] = []
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        for port in app_ports:
            procs.append(subprocess.Popen(streamlit_command(port), cwd=PROJECT_DIR, env=env,
                                          stdout=subprocess.DEVNULL))
        host = "127.0.0.1" if args.host in ("0.0.0.0", "") else args.host
        try:
            # nginx only once the servers answer: probes of a server still starting would mark it
            # failed (max_fails), and nginx would send its visitors elsewhere for fail_timeout.
            wait_healthy([f"http://127.0.0.1:{p}/_stcore/health" for p in app_ports], procs, args.timeout)
            for port in app_ports:
                warm_up(port, args.timeout)
            procs.append(subprocess.Popen([args.nginx, "-p", str(workdir), "-c", str(workdir / "nginx.conf"),
                                           "-e", "stderr", "-g", "daemon off;"]))
            wait_healthy([f"http://{host}:{args.port}/_stcore/health"], procs, args.timeout)
        except RuntimeError as err:
            print(f"serve.py: {err}", file=sys.stderr, flush=True)
            return 1
        print(f"ready http://{host}:{args.port}/ ({len(app_ports)} servers, store {redact(str(store_path()))}, "
              f"nginx in {workdir})", flush=True)
        while not stopping and all(p.poll() is None for p in procs):
            time.sleep(0.2)
        return 0 if stopping else 1
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()


if __name__ == "__main__":
    sys.path.insert(0, str(PROJECT_DIR))
    sys.exit(main())
