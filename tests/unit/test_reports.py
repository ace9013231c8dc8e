"""What a resident may send (geo.reports): kinds, sizes, references, the limits and what staff actions do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from geo.reports import (
    MAX_TEXT,
    REF_PATTERN,
    Limits,
    NewReport,
    Report,
    ReportError,
    acted,
    cleaned,
    email_expires,
    new_ref,
    parse_ref,
    problems,
    session_allows,
)
from tests.fixtures.hostile import IFRAME, MARKDOWN_LINK, MULTILINE, RTL, SCRIPT, ZERO_WIDTH

T0 = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def report(**kw) -> Report:
    base = {"ref": "K7M2-9QHX", "kind": "question", "text": "Waarom?", "registration_id": None, "lat": 52.1,
            "lon": 5.1, "email": "a@example.nl", "status": "received", "created_at": T0, "updated_at": T0}
    return Report(**{**base, **kw})


@pytest.mark.parametrize(("new", "expected"), [
    (NewReport("missing", "Camera op de hoek", lat=52.1, lon=5.1), []),
    (NewReport("wrong", "Klopt niet", registration_id="C1"), []),
    (NewReport("objection", "x" * (MAX_TEXT + 1), registration_id="C1"), ["report.problem.long"]),
    (NewReport("question", "  \n ", registration_id="C1"), ["report.problem.empty"]),
    (NewReport("question", "Vraag"), ["report.problem.place"]),
    (NewReport("question", "Vraag", lat=95, lon=5), ["report.problem.place"]),
    (NewReport("question", "Vraag", registration_id="C1", email="geen adres"), ["report.problem.email"]),
    (NewReport("other", "Vraag", registration_id="C1"), ["report.problem.kind"]),
])
def test_problems_lists_every_reason_a_report_cannot_be_taken(new, expected):
    assert problems(new) == expected


def test_a_hostile_text_is_kept_literally_apart_from_control_characters():
    for hostile in (SCRIPT, IFRAME, MARKDOWN_LINK, RTL, ZERO_WIDTH, MULTILINE):
        kept = cleaned(NewReport("question", hostile + " ok", registration_id="C1")).text
        assert "<" not in hostile or "<" in kept  # markup is kept as text, never stripped or rendered
        assert "\u202e" not in kept and "\x00" not in kept


def test_a_reference_is_random_and_read_back_however_it_is_typed():
    refs = {new_ref() for _ in range(500)}
    assert len(refs) == 500 and all(REF_PATTERN.match(r) for r in refs)
    ref = next(iter(refs))
    assert parse_ref(ref.lower().replace("-", " ")) == ref
    assert parse_ref("../../etc/passwd") is None


def test_a_session_may_send_a_few_reports_per_hour():
    sent = [T0 + timedelta(minutes=i) for i in range(5)]
    assert not session_allows(sent, T0 + timedelta(minutes=30), 5)
    assert session_allows(sent, T0 + timedelta(minutes=61), 5)


def test_the_limits_come_from_the_environment_and_a_bad_one_says_which():
    assert Limits.from_env({"ZICHTBAAR_REPORTS_PER_SESSION": "2", "ZICHTBAAR_REPORT_EMAIL_DAYS": "7"}) == \
        Limits(per_session=2, per_hour=200, email_days=7)
    with pytest.raises(ReportError) as err:
        Limits.from_env({"ZICHTBAAR_REPORTS_PER_HOUR": "veel"})
    assert "ZICHTBAAR_REPORTS_PER_HOUR" in err.value.message("en")


def test_answering_publishes_the_answer_and_closing_starts_the_email_clock():
    answered = acted(report(), "answer", "Het is een verkeerscamera.", T0)
    assert (answered.status, answered.answer) == ("answered", "Het is een verkeerscamera.")
    assert email_expires(answered, 30) is None
    closed = acted(answered, "status", "closed", T0 + timedelta(days=1))
    assert email_expires(closed, 30) == T0 + timedelta(days=31)
    reopened = acted(closed, "status", "in_progress", T0 + timedelta(days=2))
    assert reopened.closed_at is None


def test_an_unknown_action_or_status_is_refused():
    with pytest.raises(ReportError):
        acted(report(), "delete", "", T0)
    with pytest.raises(ReportError):
        acted(report(), "status", "gone", T0)


def test_the_public_view_holds_neither_text_nor_email():
    public = report(text="geheim", email="x@example.nl").public()
    assert "geheim" not in map(str, public.values()) and "x@example.nl" not in map(str, public.values())
