"""`python -m geo check`: its exit codes, its JSON report on the hostile register, and plain errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from geo.cli import main
from geo.schema import PROJECT_DIR
from tests.fixtures.hostile import EXPECTED, write_hostile_register

PROBLEM_KEYS = {"row", "id", "field", "code", "message_nl", "message_en"}
VALID_CSV = (
    "id;name;sensor_type;purpose;data_types;personal_data;owner;lat;lon\n"
    "L1;Luchtmeter Markt;air;environment;environmental;nee;Gemeente Voorbeeldstad;52,47;5,55\n"
    "L2;Geluidsmeter Plein;Geluidsensor;Milieu en leefomgeving;sound_level;nee;Gemeente Voorbeeldstad;52,48;5,56\n"
)


def run_geo(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], cwd=PROJECT_DIR, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)


def one_sentence(line: str) -> bool:
    return bool(line.strip()) and len(re.split(r"(?<=[.?!])\s+(?=\S)", line.strip())) == 1


HOSTILE_VARIANTS = {"semicolon-utf8": (";", "utf-8"), "comma-utf8": (",", "utf-8"),
                    "semicolon-cp1252": (";", "cp1252"), "comma-cp1252": (",", "cp1252")}


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every `python -m geo check` this module asserts on, run side by side: each process spends a
    second importing geopandas, and the runs do not depend on each other."""
    folder = tmp_path_factory.mktemp("check")
    calls: dict[str, tuple[str | Path, ...]] = {}
    for name, (delimiter, encoding) in HOSTILE_VARIANTS.items():
        calls[name] = ("check", write_hostile_register(folder, delimiter, encoding), "--json")
    valid = folder / "valid.csv"
    valid.write_text(VALID_CSV, encoding="utf-8")
    calls["valid"] = ("check", valid, "--json")
    unreadable = folder / "unreadable.csv"
    unreadable.write_bytes(bytes(range(256)) * 16)
    calls["unreadable"] = ("check", unreadable)
    calls["missing"] = ("check", folder / "bestaat-niet.csv")
    calls["help"] = ("check", "--help")
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(run_geo, *args) for name, args in calls.items()}
        return {name: f.result() for name, f in futures.items()}


@pytest.fixture(params=list(HOSTILE_VARIANTS))
def hostile_check(request, runs) -> subprocess.CompletedProcess[str]:
    return runs[request.param]


def test_check_exits_1_on_the_hostile_register(hostile_check):
    assert hostile_check.returncode == 1, hostile_check.stderr
    assert hostile_check.stderr == ""


def test_check_json_has_exactly_the_documented_shape(hostile_check):
    report = json.loads(hostile_check.stdout)
    assert set(report) == {"accepted", "rejected", "warnings"}
    assert all(isinstance(i, str) for i in report["accepted"])
    for p in report["rejected"] + report["warnings"]:
        assert set(p) == PROBLEM_KEYS
        assert isinstance(p["row"], int)
        assert all(isinstance(p[k], str) for k in PROBLEM_KEYS - {"row"})
        assert p["message_nl"]
        assert p["message_en"]


def test_check_accepts_exactly_the_expected_ids(hostile_check):
    assert tuple(json.loads(hostile_check.stdout)["accepted"]) == EXPECTED.accepted_ids


def test_check_rejects_exactly_the_expected_rows_fields_and_codes(hostile_check):
    rejected = {(p["row"], p["field"], p["code"]) for p in json.loads(hostile_check.stdout)["rejected"]}
    assert rejected == EXPECTED.rejected


def test_check_warns_exactly_as_expected(hostile_check):
    warnings = {(p["id"], p["field"], p["code"]) for p in json.loads(hostile_check.stdout)["warnings"]}
    assert warnings == EXPECTED.warnings


def test_hostile_register_keeps_at_least_ten_valid_rows_inside_the_demo_city(tmp_path):
    from geo.readers import read_register

    accepted = read_register(write_hostile_register(tmp_path)).accepted
    assert len(accepted) >= 10
    points = accepted.geometry.representative_point()
    assert points.y.between(52.44, 52.50).all()
    assert points.x.between(5.50, 5.60).all()


def test_check_exits_0_on_an_all_valid_file(runs):
    result = runs["valid"]
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"accepted": ["L1", "L2"], "rejected": [], "warnings": []}


@pytest.mark.parametrize("kind", ["unreadable", "missing"])
def test_check_exits_2_with_one_dutch_and_one_english_sentence(runs, kind):
    result = runs[kind]
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert all(one_sentence(line) for line in lines), lines
    assert lines[0] != lines[1]
    assert result.stdout == ""


def test_check_help_works(runs):
    result = runs["help"]
    assert result.returncode == 0
    assert "--json" in result.stdout
    assert "--neighbourhoods" in result.stdout


# In-process: the same main() that `python -m geo` runs, without a second of imports per case.


def test_check_text_report_names_the_rows_in_the_chosen_language(tmp_path, capsys):
    assert main(["check", str(write_hostile_register(tmp_path)), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "rejected" in out.splitlines()[0]
    assert re.search(rf"row\s+{min(EXPECTED.rejected_rows)}\b", out)


def test_check_text_report_escapes_terminal_control_characters(tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_text(VALID_CSV.replace("L1;", "L1\x1b[2J\u202e;", 1).replace(";52,47", ";abc", 1), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "\\x1b" in out
    assert "\\u202e" in out


def test_check_exits_2_for_an_unusable_neighbourhood_file(tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_text(VALID_CSV, encoding="utf-8")
    assert main(["check", str(path), "--neighbourhoods", str(tmp_path / "geen-buurten.geojson")]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 2
    assert "geen-buurten.geojson" in err
    assert "onverwacht" not in err
    assert "unexpected" not in err
