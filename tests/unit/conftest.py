"""Shared store fixtures for the unit tests: an empty store of each kind, GeoPackage and PostGIS.

The PostGIS variants connect to $ZICHTBAAR_TEST_PG (a postgresql:// URL; `bash .ci/postgis.sh` starts PostGIS and
prints one) and work in a schema of their own per test; they are skipped, with that reason, only when the variable
is unset. The GeoPackage variants need nothing and always run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PG_ENV = "ZICHTBAAR_TEST_PG"


def with_schema(url: str, schema: str) -> str:
    """`url` with `schema` first on the search path (PostGIS itself stays reachable in public)."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema},public"


@contextmanager
def postgis_store(base: str) -> Iterator[str]:
    """A PostGIS store in a fresh schema of the database at `base`, dropped afterwards; yields its URL."""
    import psycopg

    from geo.store.postgis import close_shared

    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    url = with_schema(base, schema)
    try:
        yield url
    finally:
        close_shared(url)
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(scope="session")
def pg_base() -> str:
    """The PostGIS URL from $ZICHTBAAR_TEST_PG; the test is skipped when it is unset."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"${PG_ENV} is not set; `bash .ci/postgis.sh` starts PostGIS and prints the URL")
    return url


@pytest.fixture
def pg_store(pg_base: str) -> Iterator[str]:
    """An empty PostGIS store in a fresh schema (skipped without $ZICHTBAAR_TEST_PG)."""
    with postgis_store(pg_base) as url:
        yield url


@pytest.fixture(params=["gpkg", "postgis"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | Path]:
    """An empty store of each kind: a GeoPackage path in tmp_path, or a PostGIS URL in a fresh schema.

    The PostGIS variant is skipped without $ZICHTBAAR_TEST_PG; pg_base is asked for only there, so the
    GeoPackage variant runs either way.
    """
    if request.param == "gpkg":
        yield tmp_path / "s.gpkg"
    else:
        with postgis_store(request.getfixturevalue("pg_base")) as url:
            yield url
