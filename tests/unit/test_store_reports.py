"""Residents' reports in both stores: durably written before the reference is given, distinct references when
twenty send at once, nothing lost when the process is killed right after, the limits, the staff log, retention.

The PostGIS variants connect to $ZICHTBAAR_TEST_PG like tests/unit/test_store.py, and skip without it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime, timedelta

import pyogrio
import pytest

from geo import store
from geo.reports import Limits, NewReport, ReportError
from geo.store.gpkg import reports_path
from geo.store.reports import open_reports, purge, send
from tests.conftest import PROJECT_DIR
from tests.unit.test_store import register

T0 = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
SENDERS = 20
A_REPORT = NewReport("missing", "Camera op de hoek <script>x</script>", lat=52.15517, lon=5.38720,
                     email="bewoner@example.nl")


def test_a_report_reads_back_as_sent_with_its_reference(target):
    sent = send(A_REPORT, store=target, now=T0)
    back = open_reports(target).get(sent.ref)
    assert back == sent
    assert (back.status, back.text, back.email) == ("received", A_REPORT.text, "bewoner@example.nl")


def test_twenty_residents_sending_at_once_all_get_distinct_references_and_all_are_stored(target):
    start = threading.Barrier(SENDERS)
    refs: list[str] = []
    errors: list[BaseException] = []

    def one(i: int) -> None:
        try:
            start.wait()
            refs.append(send(NewReport("question", f"Vraag {i}", registration_id=f"C{i}"), store=target).ref)
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(SENDERS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert len(set(refs)) == SENDERS
    stored = open_reports(target).find()
    assert {r.ref for r in stored} == set(refs)
    assert sorted(r.text for r in stored) == sorted(f"Vraag {i}" for i in range(SENDERS))


def _send_from_a_process(target: str, barrier, out, first: int, threads: int) -> None:
    """One app server: `threads` residents at once, after every server is ready (the barrier)."""
    barrier.wait()
    sent: list[str] = []
    workers = [threading.Thread(target=lambda i=i: sent.append(
        send(NewReport("question", f"Vraag {i}", registration_id=f"C{i}"), store=target).ref))
        for i in range(first, first + threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    out.put(sent)


def test_four_servers_of_five_senders_each_get_distinct_references_and_all_are_stored(target):
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(4), ctx.Queue()
    procs = [ctx.Process(target=_send_from_a_process, args=(str(target), barrier, out, 5 * p, 5)) for p in range(4)]
    for proc in procs:
        proc.start()
    refs = [ref for _ in procs for ref in out.get(timeout=120)]
    for proc in procs:
        proc.join(60)
    assert len(refs) == SENDERS == len(set(refs))
    assert {r.ref for r in open_reports(target).find()} == set(refs)


SENDER = textwrap.dedent("""
    import sys, time
    from geo.reports import NewReport
    from geo.store.reports import send
    report = send(NewReport("objection", "Bezwaar " + sys.argv[2], registration_id="C1"), store=sys.argv[1])
    print(report.ref, flush=True)  # the acknowledgement: after this the process is killed
    time.sleep(600)
""")


def test_a_report_acknowledged_survives_the_process_being_killed_right_after(target):
    proc = subprocess.Popen([sys.executable, "-c", SENDER, str(target), "na de kill"], cwd=PROJECT_DIR,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ref = proc.stdout.readline().strip()
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert ref, proc.stderr.read()
    back = open_reports(target).get(ref)
    assert back is not None and back.text == "Bezwaar na de kill"


def test_the_hourly_limit_of_all_residents_together_holds(target):
    limits = Limits(per_session=100, per_hour=3)
    for i in range(3):
        send(NewReport("question", f"V{i}", registration_id="C1"), store=target, limits=limits, now=T0)
    with pytest.raises(ReportError) as err:
        send(NewReport("question", "Nog een", registration_id="C1"), store=target, limits=limits, now=T0)
    assert err.value.key == "error.report.busy"
    send(NewReport("question", "Later", registration_id="C1"), store=target, limits=limits,
         now=T0 + timedelta(hours=1, seconds=1))
    assert len(open_reports(target).find()) == 4


def test_one_session_is_limited_before_anything_is_written(target):
    with pytest.raises(ReportError) as err:
        send(A_REPORT, store=target, sent=[T0] * 5, limits=Limits(per_session=5), now=T0 + timedelta(minutes=1))
    assert err.value.key == "error.report.session"
    assert open_reports(target).find() == []


def test_every_staff_action_is_logged_with_who_and_when(target):
    reports = open_reports(target)
    ref = send(A_REPORT, store=target, now=T0).ref
    reports.act(ref, "link", "CAM-0042", who="jan@gemeente.nl", now=T0 + timedelta(minutes=1))
    reports.act(ref, "answer", "Dank u, toegevoegd.", who="jan@gemeente.nl", now=T0 + timedelta(minutes=2))
    reports.act(ref, "status", "closed", who="els@gemeente.nl", now=T0 + timedelta(minutes=3))
    back = reports.get(ref)
    assert (back.registration_id, back.answer, back.status) == ("CAM-0042", "Dank u, toegevoegd.", "closed")
    assert [(a.who, a.action, a.at) for a in reports.actions(ref)] == [
        ("jan@gemeente.nl", "link", T0 + timedelta(minutes=1)),
        ("jan@gemeente.nl", "answer", T0 + timedelta(minutes=2)),
        ("els@gemeente.nl", "status", T0 + timedelta(minutes=3))]
    assert [r.ref for r in reports.find("closed")] == [ref] and reports.find("received") == []


def test_an_email_address_is_deleted_thirty_days_after_closing_by_a_fixed_clock(target):
    reports = open_reports(target)
    kept = send(A_REPORT, store=target, now=T0).ref
    closed = send(A_REPORT, store=target, now=T0).ref
    reports.act(closed, "status", "closed", who="els", now=T0 + timedelta(days=1))
    assert purge(target, now=T0 + timedelta(days=30, hours=23), days=30) == 0
    assert purge(target, now=T0 + timedelta(days=31), days=30) == 1
    assert reports.get(closed).email is None and reports.get(closed).text == A_REPORT.text
    assert reports.get(kept).email == "bewoner@example.nl"  # still open: kept
    assert purge(target, now=T0 + timedelta(days=400), days=30) == 0


def test_the_reports_geopackage_is_durable_and_survives_an_import(tmp_path):
    target = tmp_path / "s.gpkg"
    ref = send(A_REPORT, store=target, now=T0).ref
    store.import_register(register(tmp_path, 3), store.DEMO_NEIGHBOURHOODS, store=target)
    path = reports_path(target)
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    assert {"reports", "report_actions"} <= {name for name, _ in pyogrio.list_layers(path)}
    assert open_reports(target).get(ref) is not None
