"""geo.filters: every filter, their combination, and the option counts given the other filters."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from geo.filters import OUTSIDE, FilterIndex, Filters, apply, option_counts


@pytest.fixture
def reg() -> pd.DataFrame:
    return pd.DataFrame({
        "id": ["CAM-1", "AIR-2", "ANPR-3", "BIN-4", "WIFI-5"],
        "name": ["Camera Stationsplein", "Luchtmeter Markt", "Kentekencamera Ring", "Container Dorpsstraat",
                 "Wifi-teller Centrum"],
        "description": ["Toezicht bij het station", "Meet fijnstof", "Milieuzone", "Vulgraad", "Drukte meten"],
        "owner": ["Gemeente", "RIVM", "Gemeente", "Afvalbedrijf", "Gemeente, afdeling Drukte"],
        "sensor_type": ["camera", "air", "anpr", "fill_level", "wifi_bluetooth"],
        "purpose": ["safety", "environment|research", "enforcement|traffic", "waste", "crowd|traffic"],
        "data_types": ["images_identifiable", "environmental", "licence_plates", "other", "device_ids|counts"],
        "legal_basis": ["public_task", "none", "public_task", "none", "legitimate_interest"],
        "personal_data": [True, False, True, False, True],
        "status": ["active", "active", "planned", "inactive", "active"],
        "active_from": pd.to_datetime(["2020-01-01", None, "2026-01-01", "2015-01-01", "2024-06-01"]),
        "active_until": pd.to_datetime([None, "2030-12-31", None, "2019-12-31", "2025-06-01"]),
    })


@pytest.fixture
def nb(reg: pd.DataFrame) -> pd.Series:
    return pd.Series(["BU1", "BU2", None, "BU1", "BU2"], index=reg.index, dtype=object)


def kept(reg: pd.DataFrame, filters: Filters, nb: pd.Series | None = None) -> list[str]:
    return reg["id"][apply(reg, filters, nb)].tolist()


def test_no_filters_keep_everything(reg: pd.DataFrame) -> None:
    assert apply(reg, Filters()).all()


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(purpose=("traffic",)), ["ANPR-3", "WIFI-5"]),
    (Filters(purpose=("safety", "waste")), ["CAM-1", "BIN-4"]),
    (Filters(data_types=("counts",)), ["WIFI-5"]),
    (Filters(legal_basis=("public_task",)), ["CAM-1", "ANPR-3"]),
    (Filters(sensor_type=("camera", "anpr")), ["CAM-1", "ANPR-3"]),
    (Filters(owner=("Gemeente, afdeling Drukte",)), ["WIFI-5"]),
    (Filters(personal_data=True), ["CAM-1", "ANPR-3", "WIFI-5"]),
    (Filters(personal_data=False), ["AIR-2", "BIN-4"]),
    (Filters(status=("planned", "inactive")), ["ANPR-3", "BIN-4"]),
])
def test_each_choice_filter_keeps_the_matching_registrations(reg, filters, expected) -> None:
    assert kept(reg, filters) == expected


def test_active_on_respects_open_and_closed_ends(reg: pd.DataFrame) -> None:
    assert kept(reg, Filters(active_on=date(2025, 1, 1))) == ["CAM-1", "AIR-2", "WIFI-5"]
    assert kept(reg, Filters(active_on=date(2018, 5, 1))) == ["AIR-2", "BIN-4"]


def test_active_on_includes_the_first_and_last_day(reg: pd.DataFrame) -> None:
    assert "WIFI-5" in kept(reg, Filters(active_on=date(2024, 6, 1)))
    assert "WIFI-5" in kept(reg, Filters(active_on=date(2025, 6, 1)))
    assert "WIFI-5" not in kept(reg, Filters(active_on=date(2025, 6, 2)))


def test_neighbourhood_filter_uses_the_given_codes(reg: pd.DataFrame, nb: pd.Series) -> None:
    assert kept(reg, Filters(neighbourhood=("BU1",)), nb) == ["CAM-1", "BIN-4"]


def test_neighbourhood_outside_keeps_registrations_outside_every_neighbourhood(reg, nb) -> None:
    assert kept(reg, Filters(neighbourhood=(OUTSIDE,)), nb) == ["ANPR-3"]


@pytest.mark.parametrize(("text", "expected"), [
    ("station", ["CAM-1"]),             # description
    ("MARKT", ["AIR-2"]),               # name, case-insensitive
    ("rivm", ["AIR-2"]),                # owner
    ("anpr-3", ["ANPR-3"]),             # id
    ("camera ring", ["ANPR-3"]),        # every word must occur
    ("  ", ["CAM-1", "AIR-2", "ANPR-3", "BIN-4", "WIFI-5"]),
    ("<script>", []),
])
def test_free_text_searches_name_description_owner_and_id(reg, text, expected) -> None:
    assert kept(reg, Filters(text=text)) == expected


def test_filters_combine_with_and(reg: pd.DataFrame) -> None:
    assert kept(reg, Filters(purpose=("traffic",), personal_data=True, status=("active",))) == ["WIFI-5"]


def test_an_unknown_choice_keeps_nothing(reg: pd.DataFrame) -> None:
    assert kept(reg, Filters(owner=("Nobody",))) == []


def test_index_gives_the_same_mask_as_building_it_each_time(reg: pd.DataFrame, nb: pd.Series) -> None:
    index = FilterIndex.build(reg, nb)
    f = Filters(purpose=("traffic", "safety"), neighbourhood=("BU2",))
    np.testing.assert_array_equal(apply(reg, f, nb, index=index), apply(reg, f, nb))


def test_option_counts_ignore_the_filter_they_belong_to(reg: pd.DataFrame) -> None:
    counts = option_counts(reg, Filters(sensor_type=("camera",)))
    # Another sensor type would add its own registrations: counted as if the type filter were not set.
    assert counts["sensor_type"]["anpr"] == 1
    assert counts["sensor_type"]["camera"] == 1


def test_option_counts_apply_every_other_filter(reg: pd.DataFrame) -> None:
    counts = option_counts(reg, Filters(personal_data=True))
    assert counts["purpose"]["traffic"] == 2
    assert counts["purpose"]["environment"] == 0
    assert counts["owner"]["Gemeente"] == 2


def test_option_counts_for_personal_data_are_yes_and_no(reg: pd.DataFrame) -> None:
    assert option_counts(reg, Filters(status=("active",)))["personal_data"] == {True: 2, False: 1}


def test_option_counts_cover_every_documented_code(reg: pd.DataFrame) -> None:
    counts = option_counts(reg, Filters())
    assert counts["sensor_type"]["traffic"] == 0
    assert len(counts["purpose"]) == 15


def test_owner_options_are_the_owners_in_the_register(reg: pd.DataFrame) -> None:
    index = FilterIndex.build(reg)
    assert index.options["owner"] == ("Afvalbedrijf", "Gemeente", "Gemeente, afdeling Drukte", "RIVM")


def test_empty_register_gives_an_empty_mask() -> None:
    empty = pd.DataFrame({"id": pd.Series([], dtype=str), "purpose": pd.Series([], dtype=str)})
    assert apply(empty, Filters(purpose=("safety",), text="x")).tolist() == []


def test_without_clears_one_filter() -> None:
    f = Filters(owner=("A",), personal_data=True)
    assert f.without("owner") == Filters(personal_data=True)
    assert Filters().is_empty()
    assert not f.is_empty()


def test_index_handles_a_large_register(reg: pd.DataFrame) -> None:
    # Not a timing assertion: checks that the vectorised path handles a large register correctly.
    big = pd.concat([reg] * 2_000, ignore_index=True)
    index = FilterIndex.build(big)
    mask = apply(big, Filters(purpose=("traffic",), text="ring"), index=index)
    assert int(mask.sum()) == 2_000


# --- the principles filter: the same registrations as the policy page's principles check ---

@pytest.fixture
def full_reg(reg: pd.DataFrame) -> pd.DataFrame:
    """`reg` with the columns the principles check reads; each row made to fall short of something known."""
    return reg.assign(
        biometric=[True, False, False, False, False],
        privacy_statement_url=["https://x.example/p", "", "https://x.example/p", "", ""],
        dpia=["yes", "", "yes", "", "no"],
        council_decision=["", "", "Raadsbesluit 2025-3", "", ""],
        last_checked=pd.to_datetime(["2026-01-01", "2026-01-01", "2026-01-01", None, "2026-01-01"]),
        description=["Toezicht", "", "Milieuzone", "Vulgraad", "Drukte"],
        algorithm_register_url=["", "", "https://algoritmes.overheid.nl/nl/algoritme/milieuzone/1", "", ""],
    )


@pytest.mark.parametrize(("flag", "ids"), [
    (("biometrics",), ["CAM-1"]),
    (("data_use",), ["WIFI-5"]),
    (("democratic",), ["CAM-1"]),
    (("evaluation",), ["WIFI-5"]),
    (("communication",), ["AIR-2"]),
    (("algorithms",), ["WIFI-5"]),
    (("biometrics", "communication"), ["CAM-1", "AIR-2"]),
])
def test_principles_filter_keeps_the_registrations_that_fall_short(full_reg, flag, ids) -> None:
    index = FilterIndex.build(full_reg, today=date(2026, 6, 1))
    assert full_reg["id"][apply(full_reg, Filters(flag=flag), index=index)].tolist() == ids


def test_principles_filter_agrees_with_the_principles_check(full_reg) -> None:
    from geo.principles import PRINCIPLE_CODES, principle_counts

    today = date(2026, 6, 1)
    index = FilterIndex.build(full_reg, today=today)
    for row in principle_counts(full_reg, today):
        assert tuple(full_reg["id"][apply(full_reg, Filters(flag=(row.code,)), index=index)]) == row.ids
    counts = option_counts(full_reg, Filters(), index=index)["flag"]
    assert list(counts) == list(PRINCIPLE_CODES)
    assert counts == {row.code: row.count for row in principle_counts(full_reg, today)}


def test_principles_filter_on_a_register_without_the_checked_columns_keeps_nothing(reg) -> None:
    assert not apply(reg, Filters(flag=("biometrics",))).any()
