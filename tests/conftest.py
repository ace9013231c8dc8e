"""Shared test fixtures: paths to the project and to the real public data in ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
REALDATA = PROJECT_DIR.parent / "shared" / "realdata"


@pytest.fixture(scope="session")
def realdata() -> Path:
    """The folder of real public data files (../shared/realdata); a test that needs it skips without it.

    Every test that reads a real data file gets its path from here, through this fixture or a fixture that
    takes it, never from a module-level path: on a clone without ../shared those tests skip, not error.
    """
    if not REALDATA.is_dir():
        pytest.skip(f"the real public data is not next to the project (no folder {REALDATA})")
    return REALDATA
