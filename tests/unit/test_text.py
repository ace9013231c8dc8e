"""The one text table (geo.text), in the datasette manner: every key has Dutch and English with the same
placeholders, every key the code asks for exists, and no key is unused."""

from __future__ import annotations

import ast
import re
import string
from datetime import date
from pathlib import Path

import pytest

from geo.codes import CODE_LISTS
from geo.text import LANGS, TEXT, Msg, Plural, day, distance, integer, number, percent, placeholders, text, words
from tests.conftest import PROJECT_DIR

SOURCES = sorted([PROJECT_DIR / "dashboard.py", *(PROJECT_DIR / "geo").rglob("*.py"),
                  *(PROJECT_DIR / "ui").rglob("*.py"), *(PROJECT_DIR / "pages").rglob("*.py")])
#: Calls whose first argument is a key of the table: t(), text(), msg(), Msg(), both(), and every user-facing error.
KEY_CALLS = re.compile(r"^(t|text|msg|Msg|both|_word|label)$|Error$|Unavailable$|UnknownNeighbourhood$")
KEY_SHAPE = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _pattern(node: ast.JoinedStr) -> str | None:
    """A regex for the keys an f-string can make, or None when it has no literal prefix to go by."""
    parts = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(re.escape(str(value.value)))
        else:
            parts.append(r"[a-z0-9_]+")
    first = node.values[0]
    if not isinstance(first, ast.Constant) or "." not in str(first.value):
        return None
    return "^" + "".join(parts) + "$"


def _scan() -> tuple[set[str], set[str], dict[str, list[str]], dict[str, list[str]]]:
    """(string constants, f-string patterns, keys asked for by a key call, patterns asked for), over the code."""
    constants: set[str] = set()
    patterns: set[str] = set()
    asked: dict[str, list[str]] = {}
    asked_patterns: dict[str, list[str]] = {}
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if path == PROJECT_DIR / "geo" / "text.py":  # the table's own keys are not uses of them
            tree.body = [n for n in tree.body if not (isinstance(n, ast.AnnAssign) and _name(n.target) == "TEXT")]
        where = str(path.relative_to(PROJECT_DIR))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            elif isinstance(node, ast.JoinedStr) and (p := _pattern(node)):
                patterns.add(p)
            elif isinstance(node, ast.Call) and KEY_CALLS.search(_name(node.func)) and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str) and KEY_SHAPE.match(first.value):
                    asked.setdefault(first.value, []).append(where)
                elif isinstance(first, ast.JoinedStr) and (p := _pattern(first)):
                    asked_patterns.setdefault(p, []).append(where)
    return constants, patterns, asked, asked_patterns


CONSTANTS, PATTERNS, ASKED, ASKED_PATTERNS = _scan()


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_key_has_dutch_and_english_with_the_same_placeholders(key: str) -> None:
    forms = TEXT[key]
    assert len(forms) == len(LANGS), key
    names = [placeholders(f) for f in forms]
    for form in forms:
        for one in form.forms() if isinstance(form, Plural) else (form,):
            assert one.strip(), key
    # A plural may leave the number out of its "one" form ("Die verwerkt ..."), never anything else.
    assert all(n - {"n"} == names[0] - {"n"} for n in names), (key, names)
    if any(isinstance(f, Plural) for f in forms):
        assert all("n" in placeholders(f.other) for f in forms if isinstance(f, Plural)) or "n" not in names[0], key


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_key_fills_in_without_error(key: str) -> None:
    params = dict.fromkeys(set().union(*(placeholders(f) for f in TEXT[key])), 2)
    for lang in LANGS:
        out = text(key, lang, **params)
        assert "{" not in out.replace("{n}", "") or key == "map.cluster.title", (key, out)


def test_every_key_the_code_asks_for_exists() -> None:
    missing = {key: where for key, where in ASKED.items() if key not in TEXT}
    assert missing == {}


def test_every_family_of_keys_the_code_builds_exists() -> None:
    empty = {p: where for p, where in ASKED_PATTERNS.items() if not any(re.match(p, k) for k in TEXT)}
    assert empty == {}


def test_no_key_is_unused() -> None:
    code_labels = {f"{field}.{code}" for field, table in CODE_LISTS.items() for code in table}
    used = CONSTANTS | code_labels
    # A family the code takes whole by its prefix (`k.startswith("streamlit.")`).
    families = tuple(c for c in CONSTANTS if re.fullmatch(r"[a-z_]+(\.[a-z0-9_]+)*\.", c))
    unused = [k for k in TEXT if k not in used and not k.startswith(families)
              and not any(re.match(p, k) for p in PATTERNS)]
    assert unused == []


def test_the_code_chooses_no_language_itself() -> None:
    """Outside the text table and the URL state, no module picks Dutch or English by comparing strings."""
    chooses = re.compile(r"""lang\s*==\s*["'](nl|en)["']|["'](nl|en)["']\s*==\s*lang|if\s+nl\b|\bnl\s*=\s*lang""")
    found = [f"{p.relative_to(PROJECT_DIR)}:{i}" for p in SOURCES for i, line in
             enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if chooses.search(line)]
    assert found == []


def test_pages_hold_no_sentences_of_their_own() -> None:
    """A page's visible text comes from t(): no string literal in a page is a Dutch or English sentence."""
    sentence = re.compile(r"^[A-Z][a-z]+( [a-z]+){3,}")
    found = []
    for path in (PROJECT_DIR / "pages").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {ast.get_docstring(n) for n in ast.walk(tree)
                if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value not in docs \
                    and sentence.match(node.value):
                found.append((path.name, node.value))
    assert found == []


# ---------------------------------------------------------------- plurals, numbers and dates by Babel


@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("nl", 0, "0 registraties"), ("nl", 1, "1 registratie"), ("nl", 2, "2 registraties"),
    ("nl", 1500, "1.500 registraties"), ("en", 1, "1 registration"), ("en", 1965, "1,965 registrations"),
])
def test_plurals_follow_the_language_rules(lang: str, n: int, expected: str) -> None:
    assert text("count.registrations", lang, n=n) == expected


def test_a_msg_is_put_in_the_language_asked_for() -> None:
    hint = Msg("problem.hint.xy_swapped")
    assert "verwisseld" in text("problem.outside_area", "nl", value="1", hint=hint)
    assert "swapped" in text("problem.outside_area", "en", value="1", hint=hint)


@pytest.mark.parametrize(("value", "lang", "digits", "expected"), [
    (1234.6, "nl", None, "1.235"), (1234.6, "en", None, "1,235"), (3.0, "nl", None, "3"), (3.25, "nl", None, "3,2"),
    (0.256, "en", None, "0.26"), (0, "en", None, "0"), (3.0, "nl", 1, "3,0"), (None, "nl", None, "–"),
    (float("nan"), "en", None, "–"), (0.004, "en", None, "less than 0.01"),
])
def test_numbers_are_written_by_babel(value: float | None, lang: str, digits: int | None, expected: str) -> None:
    assert number(value, lang, digits) == expected


def test_integers_percentages_distances_dates_and_lists() -> None:
    assert (integer(1200, "nl"), integer(1200, "en")) == ("1.200", "1,200")
    assert (percent(0.101, "nl"), percent(0.006, "en")) == ("10,1%", "0.6%")
    assert (distance(1234, "nl"), distance(40, "en")) == ("1,2\xa0km", "40\xa0m")
    assert (day(date(2026, 3, 1), "nl"), day(date(2026, 3, 1), "en")) == ("1 maart 2026", "1 March 2026")
    assert (words(["a", "b", "c"], "nl"), words(["a", "b"], "en")) == ("a, b en c", "a and b")


def test_a_translator_needs_only_the_table() -> None:
    """Every form is plain text with {placeholders}: no format specs or conversions for a translator to keep."""
    for key, forms in TEXT.items():
        for form in forms:
            for one in form.forms() if isinstance(form, Plural) else (form,):
                for _, name, spec, conversion in string.Formatter().parse(one):
                    assert not spec and not conversion, (key, name)


def test_the_sources_scanned_include_every_layer() -> None:
    folders = {Path(p).relative_to(PROJECT_DIR).parts[0] for p in SOURCES}
    assert {"geo", "ui", "pages", "dashboard.py"} <= folders
