"""Residents' reports in the store: send one (checked, limited, durably written), find one, and purge e-mail addresses.

A GeoPackage register keeps its reports in a GeoPackage beside it (geo.store.gpkg.reports_path); a PostGIS
register in tables of the same schema. What may be sent, the limits and the retention are geo.reports'.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from geo.reports import MAX_TEXT, Limits, NewReport, Report, ReportError, cleaned, problems, session_allows
from geo.store.base import ReportStore, is_url
from geo.store.gpkg import GeoPackageReports, reports_path
from geo.store.postgis import PostGISReports

#: Names the reports' own store (a .gpkg path or a postgresql:// URL) when they should not live beside the register.
REPORTS_ENV = "ZICHTBAAR_REPORTS"


def open_reports(store: str | Path | None = None) -> ReportStore:
    """The reports of the store named by `store`; by default those of $ZICHTBAAR_REPORTS when set, else of the
    register's store ($ZICHTBAAR_DB, or data/register.gpkg: their GeoPackage is data/register.reports.gpkg)."""
    from geo.store import store_path

    if store is None and os.environ.get(REPORTS_ENV):
        own = os.environ[REPORTS_ENV]
        return PostGISReports(own) if is_url(own) else GeoPackageReports(Path(own))
    name = store if store is not None else store_path()
    if is_url(name):
        return PostGISReports(str(name))
    return GeoPackageReports(reports_path(Path(name)))


def now_utc() -> datetime:
    return datetime.now(UTC)


def send(new: NewReport, *, sent: Sequence[datetime] = (), store: str | Path | ReportStore | None = None,
         limits: Limits | None = None, now: datetime | None = None) -> Report:
    """Check `new`, apply the limits, and store it; the report, with its reference, once it is durably written.

    `sent`: when this session sent its earlier reports (the per-session limit). Raises ReportError with the
    first problem (geo.reports.problems lists them all; the form checks those first) or the limit reached.
    """
    limits = limits or Limits.from_env()
    now = now or now_utc()
    found = problems(new)
    if found:
        raise ReportError(found[0], n=MAX_TEXT)
    if not session_allows(sent, now, limits.per_session):
        raise ReportError("error.report.session", n=limits.per_session)
    target = store if hasattr(store, "add") else open_reports(store)  # type: ignore[arg-type]
    return target.add(cleaned(new), now=now, per_hour=limits.per_hour)


def purge(store: str | Path | ReportStore | None = None, *, now: datetime | None = None,
          days: int | None = None) -> int:
    """Delete the e-mail address of every report closed more than `days` (default from Limits) ago; how many."""
    days = Limits.from_env().email_days if days is None else days
    target = store if hasattr(store, "purge") else open_reports(store)  # type: ignore[arg-type]
    return target.purge((now or now_utc()) - timedelta(days=days))
