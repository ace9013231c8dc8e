"""The principles check on hand-built registrations: each row made to fail one principle, and a clean one."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo.principles import (
    PRINCIPLE_CODES,
    PRINCIPLES,
    REASON_CODES,
    UNCHECKED_AFTER_YEARS,
    falling_short,
    principle_counts,
    principle_frame,
    reason_frame,
)

TODAY = date(2026, 6, 1)


def clean(**changes: object) -> dict[str, object]:
    """A registration that meets every principle, with `changes` applied."""
    row: dict[str, object] = {
        "id": "OK-1", "name": "Camera Markt", "sensor_type": "camera", "personal_data": True,
        "legal_basis": "public_task", "privacy_statement_url": "https://gemeente.example/privacy",
        "dpia": "https://gemeente.example/dpia", "biometric": False, "council_decision": "Raadsbesluit 2024-12",
        "status": "active", "active_until": pd.NaT, "last_checked": pd.Timestamp("2026-01-10"),
        "description": "Deze camera kijkt naar de markt, voor de veiligheid.",
        "data_types": "images_identifiable",
        "algorithm_register_url": "https://algoritmes.overheid.nl/nl/algoritme/cameratoezicht-markt/12345678",
    }
    row.update(changes)
    return row


def frame(*rows: dict[str, object]) -> pd.DataFrame:
    reg = pd.DataFrame(list(rows))
    for column in ("active_until", "last_checked"):
        reg[column] = pd.to_datetime(reg[column])
    return reg


def failing(**changes: object) -> set[str]:
    """The principles one registration falls short of."""
    row = principle_frame(frame(clean(**changes)), TODAY).iloc[0]
    return {code for code, short in row.items() if short}


def test_a_clean_registration_meets_every_principle() -> None:
    assert failing() == set()


def test_biometrics_in_use_falls_short_of_no_biometrics() -> None:
    assert failing(biometric=True) == {"biometrics"}


@pytest.mark.parametrize("legal_basis", ["", "unknown", "none"])
def test_personal_data_without_legal_basis_falls_short_of_data_use(legal_basis: str) -> None:
    assert failing(legal_basis=legal_basis) == {"data_use"}


def test_personal_data_without_privacy_statement_falls_short_of_data_use() -> None:
    assert failing(privacy_statement_url="  ") == {"data_use"}


@pytest.mark.parametrize("dpia", ["", "no"])
def test_personal_data_without_dpia_falls_short_of_data_use(dpia: str) -> None:
    assert failing(dpia=dpia) == {"data_use"}


def test_a_dpia_marked_yes_meets_data_use() -> None:
    assert failing(dpia="yes") == set()


def test_no_personal_data_needs_no_legal_basis_privacy_statement_or_dpia() -> None:
    assert failing(personal_data=False, legal_basis="none", privacy_statement_url="", dpia="") == set()


@pytest.mark.parametrize("sensor_type", ["camera", "anpr"])
def test_camera_without_council_decision_falls_short_of_democratic_decision_making(sensor_type: str) -> None:
    assert failing(sensor_type=sensor_type, council_decision="") == {"democratic"}


def test_a_sensor_other_than_a_camera_needs_no_council_decision() -> None:
    assert failing(sensor_type="air", council_decision="") == set()


def test_an_expired_entry_in_use_falls_short_of_evaluation() -> None:
    assert failing(active_until=pd.Timestamp("2026-05-31")) == {"evaluation"}


def test_an_end_date_of_today_is_not_yet_expired() -> None:
    assert failing(active_until=pd.Timestamp(TODAY)) == set()


def test_a_planned_entry_past_its_end_date_falls_short_of_evaluation() -> None:
    assert failing(status="planned", active_until=pd.Timestamp("2025-01-01")) == {"evaluation"}


def test_an_entry_never_checked_falls_short_of_evaluation() -> None:
    assert failing(last_checked=pd.NaT) == {"evaluation"}


def test_an_entry_checked_more_than_two_years_ago_falls_short_of_evaluation() -> None:
    assert UNCHECKED_AFTER_YEARS == 2
    assert failing(last_checked=pd.Timestamp("2024-05-31")) == {"evaluation"}


def test_an_entry_checked_exactly_two_years_ago_is_not_long_unchecked() -> None:
    assert failing(last_checked=pd.Timestamp("2024-06-01")) == set()


def test_an_inactive_entry_needs_no_evaluation() -> None:
    assert failing(status="inactive", active_until=pd.Timestamp("2020-01-01"), last_checked=pd.NaT) == set()


@pytest.mark.parametrize("description", ["", "   "])
def test_an_entry_without_description_falls_short_of_communication(description: str) -> None:
    assert failing(description=description) == {"communication"}


@pytest.mark.parametrize(("sensor_type", "data_types"), [("anpr", "licence_plates"), ("camera", "counts"),
                                                        ("wifi_bluetooth", "device_ids")])
def test_an_algorithmic_sensor_without_an_algorithm_entry_falls_short_of_algorithms(sensor_type, data_types) -> None:
    assert failing(sensor_type=sensor_type, data_types=data_types, algorithm_register_url="",
                   council_decision="Raadsbesluit 2024-12") == {"algorithms"}


def test_a_plain_camera_needs_no_algorithm_entry() -> None:
    assert failing(algorithm_register_url="") == set()


def test_one_entry_can_fall_short_of_several_principles() -> None:
    assert failing(biometric=True, council_decision="", description="") == {"biometrics", "democratic",
                                                                            "communication"}


def test_counts_give_one_row_per_principle_with_the_ids_in_register_order() -> None:
    reg = frame(clean(id="A", description=""), clean(id="B"), clean(id="C", description="", biometric=True))
    counts = principle_counts(reg, TODAY)
    assert [c.code for c in counts] == list(PRINCIPLE_CODES)
    by_code = {c.code: c for c in counts}
    assert (by_code["communication"].count, by_code["communication"].ids) == (2, ("A", "C"))
    assert (by_code["biometrics"].count, by_code["biometrics"].ids) == (1, ("C",))
    assert by_code["democratic"].count == 0


def test_falling_short_lists_each_registrations_reasons() -> None:
    reg = frame(clean(id="A", dpia="no", last_checked=pd.NaT), clean(id="B", active_until=pd.Timestamp("2025-1-1")))
    assert falling_short(reg, "evaluation", TODAY)[["id", "reasons"]].to_dict("records") == [
        {"id": "A", "reasons": "unchecked"}, {"id": "B", "reasons": "expired"}]
    assert falling_short(reg, "data_use", TODAY)["reasons"].tolist() == ["no_dpia"]


def test_falling_short_of_an_unknown_principle_is_an_error() -> None:
    with pytest.raises(KeyError, match="unknown principle"):
        falling_short(frame(clean()), "privacy")


def test_the_frames_keep_the_registrations_index() -> None:
    reg = frame(clean(), clean(biometric=True))
    reg.index = [10, 20]
    assert list(principle_frame(reg, TODAY).index) == [10, 20]
    assert list(reason_frame(reg, TODAY).columns) == list(REASON_CODES)


def test_missing_columns_are_named() -> None:
    with pytest.raises(KeyError, match="description"):
        reason_frame(frame(clean()).drop(columns="description"), TODAY)


def test_every_reason_belongs_to_exactly_one_principle() -> None:
    reasons = [r for p in PRINCIPLES for r in p.reasons]
    assert len(reasons) == len(set(reasons))
