"""The user documentation of the register format stays in step with the code (one table, one test)."""

from __future__ import annotations

import re

import pytest

from geo.codes import CODE_LISTS
from geo.schema import FIELDS
from geo.text import TEXT
from geo.validate import ERROR_CODES, PROBLEM_CODES, WARNING_CODES
from tests.conftest import PROJECT_DIR

DOC = (PROJECT_DIR / "docs" / "register-format.md").read_text(encoding="utf-8")


def table_codes(heading: str) -> set[str]:
    section = DOC.split(heading, 1)[1].split("\n#", 1)[0]
    return set(re.findall(r"^\| `([a-z_0-9]+)` \|", section, flags=re.MULTILINE))


@pytest.mark.parametrize("field", [f.name for f in FIELDS])
def test_every_field_is_documented(field: str) -> None:
    assert f"| `{field}` |" in DOC


@pytest.mark.parametrize("list_name", list(CODE_LISTS))
def test_every_code_is_documented_with_both_labels(list_name: str) -> None:
    for code in CODE_LISTS[list_name].values():
        assert f"| `{code.code}` | {code.label('nl')} | {code.label('en')} |" in DOC


def test_error_and_warning_tables_match_the_validator() -> None:
    assert table_codes("### Errors") == set(ERROR_CODES)
    assert table_codes("### Warnings") == set(WARNING_CODES)
    assert set(ERROR_CODES) | set(WARNING_CODES) == set(PROBLEM_CODES)
    assert {k.removeprefix("problem.") for k in TEXT if k.count(".") == 1 and k.startswith("problem.")} \
        == set(PROBLEM_CODES)


def test_readme_starts_with_the_two_commands() -> None:
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", readme, flags=re.DOTALL)
    assert blocks[0].strip().endswith("streamlit run dashboard.py")
    assert blocks[1].strip() == "bash .ci/test"
    assert "bash .ci/test" in (PROJECT_DIR / ".ci" / "run").read_text()
