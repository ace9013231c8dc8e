"""Load test: N headless sessions click through every page for a while against one local server.

    .venv/bin/python bench/load_test.py [--sessions 20] [--seconds 60]

Prints the errors seen (Streamlit exceptions, page errors), the visits made, and the server's memory
(resident set) with one session and with all of them, per extra session. Traffic goes to loopback only,
and the loop stops by itself after --seconds.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, FLAGS, is_local, streamlit_server

PATHS = ["/", "/kaart", "/hier?lat=52.4703&lon=5.5497&r=250", "/buurten", "/buurt?code=BU99990001",
         "/beleid", "/controle", "/kaart?f_sensor_type=camera"]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    for p in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used, children excluded."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(k) for k in kids]


def server_pid(port: int) -> int:
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if "streamlit" in cmd and f"--server.port {port}" in cmd:
                return int(proc.name)
    raise RuntimeError("server process not found")


def settle(page) -> None:
    page.wait_for_selector("[data-testid='stMain']", timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    args = ap.parse_args()
    with streamlit_server() as url, sync_playwright() as pw:
        pid = server_pid(int(url.rsplit(":", 1)[1]))
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        pages, errors = [], []
        for i in range(args.sessions):
            ctx = browser.new_context(viewport={"width": 1280, "height": 900})
            ctx.route(lambda u: not is_local(u), lambda route: route.abort())
            page = ctx.new_page()
            page.on("pageerror", lambda e, i=i: errors.append(f"session {i}: {e}"))
            page.goto(f"{url}/?lang=nl")
            settle(page)
            pages.append(page)
            if i == 0:
                time.sleep(2)
                one = rss_mb(pid)
        visits = 0
        waits: list[float] = []
        rounds: list[float] = []
        deadline = time.monotonic() + args.seconds
        cpu0, wall0 = cpu_seconds(pid), time.monotonic()
        step = 0
        while time.monotonic() < deadline:
            started = time.monotonic()
            for i, page in enumerate(pages):
                path = PATHS[(step + i) % len(PATHS)]
                page.goto(f"{url}{path}{'&' if '?' in path else '?'}lang={'nl' if i % 2 else 'en'}",
                          wait_until="commit")
            for i, page in enumerate(pages):
                try:
                    settle(page)
                except Exception as err:  # a timeout is a finding, not a crash of the bench
                    errors.append(f"session {i}: {type(err).__name__}")
                exc = page.locator("[data-testid='stException']").count()
                if exc:
                    errors.append(f"session {i}: {exc} exception(s) on {page.url}")
                visits += 1
                waits.append(time.monotonic() - started)
            rounds.append(time.monotonic() - started)
            step += 1
        all_mb = rss_mb(pid)
        server_cpu, wall = cpu_seconds(pid) - cpu0, time.monotonic() - wall0
        browser.close()
    extra = (all_mb - one) / max(1, args.sessions - 1)
    print(f"sessions: {args.sessions}, seconds: {args.seconds:.0f}, page visits: {visits}, errors: {len(errors)}")
    for e in errors[:20]:
        print("  " + e)
    waits.sort()
    print(f"rounds of {args.sessions} simultaneous page visits: {len(rounds)}, "
          f"each {', '.join(f'{r:.1f}' for r in rounds)} s; a page ready after median "
          f"{waits[len(waits) // 2]:.1f} s, slowest {waits[-1]:.1f} s")
    print(f"server CPU: {server_cpu:.0f} s in {wall:.0f} s of clicking ({server_cpu / max(1, visits):.1f} s per page "
          f"visit); the rest of the {os.cpu_count()} cores went to the {args.sessions} browser sessions")
    print(f"server memory: {one:.0f} MB with 1 session, {all_mb:.0f} MB with {args.sessions}: "
          f"{extra:.1f} MB per extra session")


if __name__ == "__main__":
    main()
