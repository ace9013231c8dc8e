"""Registrations added and removed per quarter, by type, and the net change."""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo.trends import TYPE_COLOURS, changes_per_quarter, quarter_label

TODAY = date(2026, 6, 1)


def added_per_quarter(reg: pd.DataFrame, by: str = "sensor_type"):
    return changes_per_quarter(reg, by=by, today=TODAY)


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
    assert trend.table["added"].sum() == 1


def test_a_register_without_any_start_date_gives_an_empty_table() -> None:
    trend = added_per_quarter(register(("camera", None)))
    assert (trend.undated, len(trend.table)) == (1, 0)
    assert list(trend.table.columns) == ["quarter", "start", "sensor_type", "added", "removed", "planned"]


def test_planned_registrations_count_in_their_future_quarter() -> None:
    trend = added_per_quarter(register(("camera", "2026-01-10"), ("camera", "2027-05-01")))
    assert trend.wide().index[-1] == "2027-Q2"
    assert trend.net()["planned"].to_dict() == {"2026-Q1": False, "2026-Q2": False, "2026-Q3": True, "2026-Q4": True,
                                                "2027-Q1": True, "2027-Q2": True}


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


def test_registrations_that_ended_count_as_removed_in_the_quarter_of_their_end_date() -> None:
    reg = register(("camera", "2024-01-01"), ("camera", "2024-02-01"), ("air", "2024-02-01"))
    reg["active_until"] = pd.to_datetime([None, "2024-11-30", "2025-01-15"])
    net = added_per_quarter(reg).net()
    assert net.loc["2024-Q4", "removed"] == 1 and net.loc["2025-Q1", "removed"] == 1
    assert net["total"].tolist() == [3, 3, 3, 2, 1]
    assert net["net"].sum() == 1


def test_the_chart_counts_removals_down_and_marks_planned_quarters() -> None:
    reg = register(("camera", "2024-01-01"), ("air", "2027-01-01"))
    reg["active_until"] = pd.to_datetime(["2024-06-01", None])
    frame = changes_per_quarter(reg, today=TODAY).chart_frame("en")
    assert sorted(frame["Number"].tolist()) == [-1, 1, 1]
    assert set(frame.loc[frame["Number"] < 0, "Change"]) == {"Removed"}
    assert frame.loc[frame["Type"] == "Air-quality sensor", "When"].tolist() == ["Planned"]


def test_a_type_has_the_same_colour_in_both_languages() -> None:
    trend = changes_per_quarter(register(("camera", "2024-01-01"), ("air", "2024-01-02")), today=TODAY)
    nl, en = trend.colours("nl"), trend.colours("en")
    assert nl[1] == en[1] == [TYPE_COLOURS["camera"], TYPE_COLOURS["air"]]
    assert nl[0] != en[0]
