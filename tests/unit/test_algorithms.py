"""The Algoritmeregister: its export read, registrations linked to its entries, the principles check on algorithmic
sensors, the map's detail card, and the register saved beside the store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from geo.algorithms import (
    LINK_COLUMN,
    LINKS,
    AlgorithmEntry,
    AlgorithmRegister,
    AlgorithmsError,
    algorithms_path,
    link_counts,
    load_algorithms,
    read_export,
    save_algorithms,
    with_links,
)
from geo.mapping import registration_card
from geo.principles import reason_frame
from tests.fixtures.algorithms import BASE, ENTRIES, SCRIPT, URLS, write_export

TODAY = date(2026, 6, 1)


@pytest.fixture
def register(tmp_path: Path) -> AlgorithmRegister:
    return read_export(write_export(tmp_path))


# ---------------------------------------------------------------- reading the export


@pytest.mark.parametrize("dutch", [True, False], ids=["website headings", "api field names"])
def test_the_export_gives_one_entry_per_code_with_its_status(tmp_path: Path, dutch: bool) -> None:
    reg = read_export(write_export(tmp_path, dutch))
    assert [(e.code, e.name, e.organisation, e.status_text, e.url) for e in reg.entries] == [
        (code, name, org, status, URLS[code]) for code, name, org, status in ENTRIES]
    assert [e.status for e in reg.entries] == ["in_use", "in_development", "out_of_use", "in_use"]
    assert (reg.skipped, reg.duplicates) == ((6,), (7,))


def test_both_exports_read_to_the_same_register(tmp_path: Path) -> None:
    assert read_export(write_export(tmp_path, True)).entries == read_export(write_export(tmp_path, False)).entries


@pytest.mark.parametrize(("content", "key"), [
    (b"", "error.algorithms.empty"),
    (b"Naam;Organisatie;Status\nScanauto;Gemeente;In gebruik\n", "error.algorithms.columns"),
    (b"\x00\x01\x02binary", "error.algorithms.not_csv"),
])
def test_an_export_that_cannot_be_used_gets_one_sentence(tmp_path: Path, content: bytes, key: str) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(AlgorithmsError) as err:
        read_export(path)
    assert err.value.key == key and err.value.message("nl") != err.value.message("en")


def test_a_missing_export_is_named(tmp_path: Path) -> None:
    with pytest.raises(AlgorithmsError, match=r"nope\.csv"):
        read_export(tmp_path / "nope.csv")


# ---------------------------------------------------------------- links


@pytest.mark.parametrize(("url", "code"), [
    (URLS["12345678"], "12345678"),
    (URLS["12345678"].upper().replace("HTTPS://ALGORITMES.OVERHEID.NL", "https://Algoritmes.Overheid.nl") + "/",
     None),  # the path's own case matters for the slug; the code is found anyway
    (f"{BASE}/andere-naam/12345678", "12345678"),
    (f"{BASE}/andere-naam/12345678/?lang=en#top", "12345678"),
    ("https://www.algoritmes.overheid.nl/en/algorithm/x/23456789", "23456789"),
    (f"{BASE}/x/99999999", None),
    ("https://gemeente.example/algoritmes/12345678", None),
    ("", None), ("geen link", None),
])
def test_an_address_names_the_entry_of_its_code(register: AlgorithmRegister, url: str, code: str | None) -> None:
    found = register.entry_for(url)
    if url.startswith("https://Algoritmes"):
        assert found is not None and found.code == "12345678"
    else:
        assert (found.code if found else None) == code


@pytest.mark.parametrize(("url", "link"), [
    ("", ""), (URLS["12345678"], "linked"), (URLS["23456789"], "linked"), (URLS["34567890"], "out_of_use"),
    (f"{BASE}/weg/11111111", "not_found"), ("https://gemeente.example/algoritme/1", "elsewhere"),
])
def test_each_address_resolves_to_one_link(register: AlgorithmRegister, url: str, link: str) -> None:
    assert register.link(url) == link
    assert link in LINKS


def test_with_links_adds_the_link_of_every_registration_and_leaves_the_rest(register: AlgorithmRegister) -> None:
    reg = pd.DataFrame({"id": ["A", "B", "C"], "algorithm_register_url": ["", URLS["34567890"], None]})
    out = with_links(reg, register)
    assert out[LINK_COLUMN].tolist() == ["", "out_of_use", ""]
    assert LINK_COLUMN not in reg and with_links(reg, None) is reg
    assert link_counts(reg, register) == {"": 2, "linked": 0, "out_of_use": 1, "not_found": 0, "elsewhere": 0}


# ---------------------------------------------------------------- the principles check


def registration(**changes: object) -> dict[str, object]:
    row: dict[str, object] = {"id": "X", "sensor_type": "anpr", "data_types": "licence_plates", "personal_data": True,
                              "algorithm_register_url": ""}
    row.update(changes)
    return row


def reasons(register: AlgorithmRegister | None, *rows: dict[str, object]) -> list[set[str]]:
    frame = with_links(pd.DataFrame(list(rows)), register)
    found = reason_frame(frame, TODAY, ("no_algorithm_entry", "algorithm_link_broken"))
    return [{r for r, v in found.loc[i].items() if v} for i in found.index]


@pytest.mark.parametrize(("sensor_type", "data_types"), [
    ("anpr", "licence_plates"), ("presence", "presence"), ("wifi_bluetooth", "device_ids"), ("traffic", "counts"),
    ("camera", "images_identifiable|counts"), ("camera", "images_anonymised"), ("camera", "licence_plates"),
    ("air", "environmental|counts"),
])
def test_an_algorithmic_sensor_with_personal_data_and_no_entry_falls_short(sensor_type: str, data_types: str) -> None:
    assert reasons(None, registration(sensor_type=sensor_type, data_types=data_types)) == [{"no_algorithm_entry"}]


@pytest.mark.parametrize("changes", [
    {"sensor_type": "camera", "data_types": "images_identifiable"},  # a plain camera: no analytics
    {"sensor_type": "air", "data_types": "environmental"},
    {"personal_data": False},
    {"algorithm_register_url": "https://gemeente.example/algoritme/1"},
])
def test_other_sensors_or_a_link_meet_the_principle(changes: dict[str, object]) -> None:
    assert reasons(None, registration(**changes)) == [set()]


@pytest.mark.parametrize(("url", "expected"), [
    (URLS["12345678"], set()), (URLS["23456789"], set()), (URLS["34567890"], {"algorithm_link_broken"}),
    (f"{BASE}/weg/11111111", {"algorithm_link_broken"}), ("https://gemeente.example/algoritme/1", set()),
])
def test_a_link_to_no_entry_or_one_out_of_use_falls_short(register: AlgorithmRegister, url: str,
                                                          expected: set[str]) -> None:
    assert reasons(register, registration(algorithm_register_url=url)) == [expected]
    # A broken link counts for any sensor, algorithmic or not, with or without personal data.
    assert reasons(register, registration(algorithm_register_url=url, sensor_type="air", personal_data=False)) \
        == [expected]


def test_without_a_loaded_register_no_link_is_called_broken() -> None:
    assert reasons(None, registration(algorithm_register_url=f"{BASE}/weg/11111111")) == [set()]


# ---------------------------------------------------------------- the map's detail card


def test_the_card_shows_the_algorithms_name_and_status_escaped(register: AlgorithmRegister) -> None:
    url = URLS["45678901"]
    record = with_links(pd.DataFrame([registration(algorithm_register_url=url)]), register).iloc[0].to_dict()
    card = registration_card(record, "nl", algorithm=register.entry_for(url))
    assert "Beeldherkenning &lt;script&gt;" in card and SCRIPT not in card
    assert "(In gebruik)" in card and f'href="{url}"' in card
    out_of_use = registration_card(record, "en", algorithm=register.entry_for(URLS["34567890"]))
    assert "Kentekencamera&#x27;s milieuzone (Out of use)" in out_of_use


def test_the_card_says_when_a_link_names_no_entry(register: AlgorithmRegister) -> None:
    record = with_links(pd.DataFrame([registration(algorithm_register_url=f"{BASE}/weg/1")]), register).iloc[0]
    assert "not in the algorithm register" in registration_card(record.to_dict(), "en")
    assert "not in the algorithm register" not in registration_card(registration(), "en")


# ---------------------------------------------------------------- saved beside the store


def test_saving_and_loading_keeps_every_entry(tmp_path: Path, register: AlgorithmRegister) -> None:
    target = algorithms_path(tmp_path / "register.gpkg")
    assert target == tmp_path / "register.algoritmeregister.csv"
    save_algorithms(register, target)
    loaded = load_algorithms(target)
    assert loaded is not None and loaded.entries == register.entries
    assert loaded.entry_for(URLS["12345678"]).name == "Scanauto parkeercontrole"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["algoritmeregister.csv", "register.algoritmeregister.csv"]


def test_saving_again_replaces_the_register(tmp_path: Path, register: AlgorithmRegister) -> None:
    target = tmp_path / "a.csv"
    save_algorithms(register, target)
    save_algorithms(AlgorithmRegister((AlgorithmEntry("1", "Enige"),)), target)
    assert [e.name for e in load_algorithms(target).entries] == ["Enige"]


def test_nothing_saved_is_none_and_a_damaged_file_is_one_sentence(tmp_path: Path) -> None:
    assert load_algorithms(tmp_path / "none.csv") is None
    damaged = tmp_path / "damaged.csv"
    damaged.write_text("iets,anders\n1,2\n", encoding="utf-8")
    with pytest.raises(AlgorithmsError) as err:
        load_algorithms(damaged)
    assert err.value.key == "error.algorithms.saved_unreadable"


def test_the_app_loader_links_the_register_saved_beside_the_store(tmp_path: Path, monkeypatch,
                                                                  register: AlgorithmRegister) -> None:
    from geo.schema import DEMO_NEIGHBOURHOODS, DEMO_REGISTER
    from geo.store import import_register
    from ui import loaders

    target = tmp_path / "register.gpkg"
    import_register(DEMO_REGISTER, DEMO_NEIGHBOURHOODS, store=target, municipality="Voorbeeldstad")
    monkeypatch.setenv("ZICHTBAAR_DB", str(target))
    monkeypatch.delenv("ZICHTBAAR_REGISTER", raising=False)
    monkeypatch.delenv("ZICHTBAAR_NEIGHBOURHOODS", raising=False)
    loaders._from_store.clear()
    assert LINK_COLUMN not in loaders.dataset().registrations and loaders.algorithm_register() is None
    save_algorithms(register, algorithms_path(target))
    linked = loaders.dataset()  # a newer saved register is picked up without a new import
    assert set(linked.registrations[LINK_COLUMN]) <= set(LINKS)
    assert loaders.algorithm_register().entries == register.entries
