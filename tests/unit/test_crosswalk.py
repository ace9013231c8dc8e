"""The crosswalk from Amsterdam's registers: every row of every mapping table, its place in the docs, and the
tables against the real value lists and buurten in ../shared/realdata."""

from __future__ import annotations

import csv

import pytest

from geo import crosswalk
from geo.codes import CODE_LISTS
from tests.conftest import PROJECT_DIR

DOC = (PROJECT_DIR / "docs" / "register-format.md").read_text(encoding="utf-8")
SECTION = DOC.split("## Amsterdam's registers", 1)[1]


def codes_cell(values: tuple[str, ...]) -> str:
    return ", ".join(f"`{v}`" for v in values)


# ---------------------------------------------------------------- sensor types


@pytest.mark.parametrize("row", crosswalk.SENSOR_TYPES, ids=lambda r: r.source)
def test_each_type_maps_to_its_codes_in_any_case_and_spacing(row: crosswalk.TypeRow) -> None:
    spelled = "  " + row.source.upper().replace(" ", "  ") + " "
    assert crosswalk.classify(spelled, "", True) == (row.sensor_type, row.data_personal)
    assert crosswalk.classify(row.source, "", False) == (row.sensor_type, row.data_other)


@pytest.mark.parametrize("row", crosswalk.SENSOR_TYPES, ids=lambda r: r.source)
def test_each_type_row_uses_codes_of_the_register_and_is_documented(row: crosswalk.TypeRow) -> None:
    assert row.sensor_type in CODE_LISTS["sensor_type"]
    assert set(row.data_personal + row.data_other) <= set(CODE_LISTS["data_types"])
    assert (f"| {row.source} | `{row.sensor_type}` | {codes_cell(row.data_personal)} | "
            f"{codes_cell(row.data_other)} |") in SECTION


def test_amsterdams_eleven_types_and_overig_are_all_listed() -> None:
    eleven = ["Aanwezigheid of nabijheidsensor", "Temperatuursensor", "Dichtheidssensor", "Druksensor",
              "Positie- of verplaatsingsensor", "Vloeistof- en gasstroomsensor", "Electriciteitssensor",
              "Chemiesensor", "Klimaatsensor", "Geluidsensor", "Optische / camera sensor"]
    assert all(crosswalk.sensor_type_row(t) is not None for t in [*eleven, "Overig"])


def test_an_unknown_type_is_not_guessed() -> None:
    assert crosswalk.classify("Lidar-scanner", "camera beelden", True) is None


def test_sensrnet_main_categories_all_map(realdata) -> None:
    path = realdata / "sensrnet_sensortypes.csv"
    if not path.is_file():
        pytest.skip("../shared/realdata/sensrnet_sensortypes.csv is not present")
    with path.open(encoding="utf-8") as fh:
        mains = {r["main_category_nl"] for r in csv.DictReader(fh)}
    assert len(mains) == 14  # 12 categories, two of them spelled two ways
    assert {m for m in mains if crosswalk.sensor_type_row(m) is None} == set()


# ---------------------------------------------------------------- the device's own words


@pytest.mark.parametrize("rule", crosswalk.TEXT_RULES, ids=lambda r: r.name)
def test_each_text_rule_is_documented(rule: crosswalk.TextRule) -> None:
    becomes = (f"sensor_type `{rule.sensor_type}`, " if rule.sensor_type else "") + (
        "adds " if rule.adds else "data_types ") + codes_cell(rule.data_types)
    assert f"| {rule.name} | {codes_cell(rule.applies_to)} | {', '.join(rule.words)} | {becomes} |" in SECTION


@pytest.mark.parametrize(("rule", "word"), [(r, w) for r in crosswalk.TEXT_RULES for w in r.words],
                         ids=lambda v: getattr(v, "name", v))
def test_each_word_of_each_rule_applies_it(rule: crosswalk.TextRule, word: str) -> None:
    said = word.removesuffix("*") + ("s" if word.endswith("*") else "")
    for applies in rule.applies_to:
        source = next(r.source for r in crosswalk.SENSOR_TYPES if r.sensor_type == applies)
        sensor_type, data = crosswalk.classify(source, f"Meet de {said.upper()} hier", True)
        assert sensor_type == (rule.sensor_type or applies)
        assert set(rule.data_types) <= set(data)


@pytest.mark.parametrize(("type_", "words", "expected"), [
    ("Optische / camera sensor", "Telefoonpalen in beeld", ("camera", ("images_identifiable",))),
    ("Geluidsensor", "aantal decibel", ("sound", ("audio_recording",))),
    ("Chemiesensor", "kentekens", ("air", ("environmental",))),
    ("Aanwezigheid of nabijheidsensor", "Bluetooth-bakens tellen", ("wifi_bluetooth", ("device_ids",))),
])
def test_words_count_only_as_whole_words_and_only_for_the_types_listed(type_, words, expected) -> None:
    assert crosswalk.classify(type_, words, True) == expected


# ---------------------------------------------------------------- themes


@pytest.mark.parametrize("row", crosswalk.THEMES, ids=lambda r: r.source)
def test_each_theme_maps_to_its_purpose_and_is_documented(row: crosswalk.ThemeRow) -> None:
    assert row.purpose in CODE_LISTS["purpose"]
    assert crosswalk.theme_purpose(f" {row.source.lower()} ") == row.purpose
    assert f"| {row.source} | `{row.purpose}` |" in SECTION


@pytest.mark.parametrize(("theme", "purpose"), [
    ("Mobiliteit: bus", "traffic"), ("Veiligheid: brandweer", "safety"), ("Milieu: bodem", "environment"),
    ("Sport: voetbal", None), ("Sport", None), ("", None),
])
def test_an_unlisted_theme_gets_its_main_themes_purpose_or_none(theme: str, purpose: str | None) -> None:
    assert crosswalk.theme_purpose(theme) == purpose


def test_every_purpose_is_exported_as_a_theme_that_maps_back() -> None:
    assert set(crosswalk.EXPORT_THEMES) == set(CODE_LISTS["purpose"])
    for purpose, theme in crosswalk.EXPORT_THEMES.items():
        assert crosswalk.theme_purpose(theme) == ("other" if purpose == "services" else purpose)


def test_every_sensor_type_is_exported_as_an_amsterdam_type() -> None:
    assert set(crosswalk.EXPORT_TYPES) == set(CODE_LISTS["sensor_type"])
    assert all(crosswalk.sensor_type_row(t) is not None for t in crosswalk.EXPORT_TYPES.values())


def test_sensrnet_themes_all_map(realdata) -> None:
    path = realdata / "sensrnet_datastream_themes.csv"
    if not path.is_file():
        pytest.skip("../shared/realdata/sensrnet_datastream_themes.csv is not present")
    with path.open(encoding="utf-8") as fh:
        themes = [r["theme_nl"] for r in csv.DictReader(fh)]
    assert len(themes) == 23
    assert [t for t in themes if crosswalk.theme_purpose(t) is None] == []


# ---------------------------------------------------------------- regions


@pytest.mark.parametrize("row", crosswalk.REGIONS, ids=lambda r: r.source)
def test_each_region_is_known_with_and_without_stadsdeel_and_documented(row: crosswalk.RegionRow) -> None:
    assert crosswalk.region_row(row.source) == row
    assert crosswalk.region_row(f"Stadsdeel {row.source.upper()}") == row
    buurten = "every Amsterdam buurt (`BU0363…`)" if row.stadsdeel == "*" else f"`BU0363{row.stadsdeel}…`"
    assert f"| {row.source} | {buurten} |" in SECTION


def test_a_region_covers_only_amsterdams_buurten_of_its_stadsdeel() -> None:
    codes = ["BU0363AA01", "bu0363ab02", "BU0363FA01", "BU03630000", "BU02330000"]
    assert crosswalk.region_buurt_codes(crosswalk.region_row("Centrum"), codes) == ["BU0363AA01", "bu0363ab02"]
    assert len(crosswalk.region_buurt_codes(crosswalk.region_row("Geheel Amsterdam"), codes)) == 4


def test_the_real_buurten_fall_into_the_stadsdelen_of_the_table(realdata) -> None:
    """Amsterdam's Gebieden API: every buurt's CBS code starts with BU0363 and a stadsdeel letter of the table."""
    from geo.neighbourhoods import read_neighbourhoods

    path = realdata / "amsterdam_buurten_gebieden_api.geojson"
    if not path.is_file():
        pytest.skip("../shared/realdata/amsterdam_buurten_gebieden_api.geojson is not present")
    codes = read_neighbourhoods(path)["code"].tolist()
    per_region = {r.source: len(crosswalk.region_buurt_codes(r, codes)) for r in crosswalk.REGIONS}
    assert per_region["Centrum"] == 69
    assert per_region["Nieuw-West"] == 73
    assert per_region["Geheel Amsterdam"] == len(codes) == 518
    districts = [r for r in crosswalk.REGIONS if r.stadsdeel != "*"]
    assert sum(per_region[r.source] for r in districts) == 518


# ---------------------------------------------------------------- legal grounds


@pytest.mark.parametrize(("rule", "word"), [(r, w) for r in crosswalk.GROUND_RULES for w in r.words],
                         ids=lambda v: getattr(v, "legal_basis", v))
def test_each_word_of_each_ground_names_it(rule: crosswalk.GroundRule, word: str) -> None:
    assert crosswalk.legal_basis(f"Op grond van {word.upper()}.") == rule.legal_basis


@pytest.mark.parametrize("rule", [r for r in crosswalk.GROUND_RULES if r.letter], ids=lambda r: r.legal_basis)
@pytest.mark.parametrize("form", ["AVG art. 6(1)({})", "artikel 6 lid 1 sub {}", "artikel 6, eerste lid, onder {}",
                                  "GDPR 6.1.{}", "art. 6 lid 1 ({})"])
def test_each_ground_is_named_by_its_letter(rule: crosswalk.GroundRule, form: str) -> None:
    assert crosswalk.legal_basis(form.format(rule.letter)) == rule.legal_basis


@pytest.mark.parametrize("rule", crosswalk.GROUND_RULES, ids=lambda r: r.legal_basis)
def test_each_ground_rule_is_documented(rule: crosswalk.GroundRule) -> None:
    assert rule.legal_basis in CODE_LISTS["legal_basis"]
    assert f"| `{rule.legal_basis}` | {', '.join(rule.words)} | {rule.letter or '–'} |" in SECTION


@pytest.mark.parametrize("text", [
    "Verkeersmanagement in de rol van wegbeheerder", "Gemeentewet art. 151c", "Sluisbeheerder in het kader van de "
    "woningwet 1991", "Toestemming of gerechtvaardigd belang", "Geen toestemming nodig", "Not consent", "",
    "artikel 6 lid 1 sub g", "art. 61 sub e",
])
def test_a_ground_that_is_not_named_unambiguously_is_none(text: str) -> None:
    assert crosswalk.legal_basis(text) is None


def test_amsterdams_own_option_for_vital_interests_maps_despite_its_stray_bracket() -> None:
    assert crosswalk.legal_basis("Bescherming vitale belangen betrokkene(n) of van een andere natuurlijke persoon)") \
        == "vital_interests"


# ---------------------------------------------------------------- personal data


@pytest.mark.parametrize(("value", "expected"), [
    *[(k, v) for k, v in crosswalk.PERSONAL_DATA.items()], (True, True), (False, False), (" JA ", True),
    (None, None), ("misschien", None), (1, None),
])
def test_personal_data_words(value: object, expected: bool | None) -> None:
    assert crosswalk.personal_data(value) is expected
