"""Registrations added per quarter, by type."""

from __future__ import annotations

import pandas as pd

from geo.trends import added_per_quarter, quarter_label


def register(*rows: tuple[str, str | None]) -> pd.DataFrame:
    return pd.DataFrame({"sensor_type": [r[0] for r in rows],
                         "active_from": pd.to_datetime([r[1] for r in rows])})


def test_registrations_are_counted_in_the_quarter_they_started_per_type() -> None:
    trend = added_per_quarter(register(("camera", "2024-01-01"), ("camera", "2024-03-31"), ("air", "2024-04-01")))
    assert trend.wide().to_dict("index") == {"2024-Q1": {"air": 0, "camera": 2}, "2024-Q2": {"air": 1, "camera": 0}}


def test_quiet_quarters_in_between_appear_with_zero() -> None:
    trend = added_per_quarter(register(("camera", "2023-11-01"), ("camera", "2024-08-01")))
    assert list(trend.wide().index) == ["2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3"]
    assert trend.wide()["camera"].tolist() == [1, 0, 0, 1]


def test_registrations_without_a_start_date_are_counted_apart() -> None:
    trend = added_per_quarter(register(("camera", "2024-01-01"), ("air", None), ("air", None)))
    assert trend.undated == 2
    assert trend.table["count"].sum() == 1


def test_a_register_without_any_start_date_gives_an_empty_table() -> None:
    trend = added_per_quarter(register(("camera", None)))
    assert (trend.undated, len(trend.table)) == (1, 0)
    assert list(trend.table.columns) == ["quarter", "start", "sensor_type", "count"]


def test_planned_registrations_count_in_their_future_quarter() -> None:
    trend = added_per_quarter(register(("camera", "2026-01-10"), ("camera", "2027-05-01")))
    assert trend.wide().index[-1] == "2027-Q2"


def test_the_long_table_has_every_quarter_for_every_type_in_order() -> None:
    trend = added_per_quarter(register(("camera", "2024-01-01"), ("air", "2024-07-01")))
    table = trend.table
    assert len(table) == 3 * 2
    assert table["start"].is_monotonic_increasing
    assert table["start"].iloc[0] == pd.Timestamp("2024-01-01")


def test_grouping_by_another_column() -> None:
    reg = register(("camera", "2024-01-01"), ("air", "2024-01-02")).assign(owner=["Gemeente", "Gemeente"])
    assert added_per_quarter(reg, by="owner").wide().to_dict("index") == {"2024-Q1": {"Gemeente": 2}}


def test_quarters_are_labelled_year_then_quarter() -> None:
    assert quarter_label(pd.Period("2025-12-31", "Q")) == "2025-Q4"
