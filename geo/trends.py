"""Trends: how many registrations started per quarter (by active_from), by sensor type."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.codes import label
from geo.text import text


@dataclass(frozen=True)
class Trend:
    """Registrations added per quarter.

    Attributes
    ----------
    table : long table with `quarter` ("2024-Q3"), `start` (the quarter's first day), the grouping column
        (e.g. `sensor_type`) and `count`; every quarter from the first to the last is present, quarters
        without additions with count 0 for each group, so a chart shows the quiet quarters too.
    undated : registrations without active_from, which the table cannot place.
    """

    table: pd.DataFrame
    undated: int

    def wide(self) -> pd.DataFrame:
        """One row per quarter, one column per group: the shape of a stacked bar chart or a table."""
        by = next(c for c in self.table.columns if c not in ("quarter", "start", "count"))
        out = self.table.pivot_table(index="quarter", columns=by, values="count", aggfunc="sum", fill_value=0)
        out.columns.name = None
        return out

    def chart_frame(self, lang: str) -> pd.DataFrame:
        """The long table with headings and sensor types in `lang`: quarter, type, number."""
        by = next(c for c in self.table.columns if c not in ("quarter", "start", "count"))
        return pd.DataFrame({
            text("policy.trends.quarter", lang): self.table["quarter"].to_numpy(),
            text("policy.trends.type", lang): [label(by, c, lang) for c in self.table[by]],
            text("policy.trends.count", lang): self.table["count"].to_numpy(),
        })

    def wide_table(self, lang: str) -> pd.DataFrame:
        """`wide`, newest quarter first, with the groups' labels in `lang` as columns."""
        by = next(c for c in self.table.columns if c not in ("quarter", "start", "count"))
        wide = self.wide()
        wide.columns = [label(by, c, lang) for c in wide.columns]
        wide.index.name = text("policy.trends.quarter", lang)
        return wide.iloc[::-1]


def quarter_label(period: pd.Period) -> str:
    """A quarter as people write it.

    >>> quarter_label(pd.Period("2024-08-01", "Q"))
    '2024-Q3'
    """
    return f"{period.year}-Q{period.quarter}"


def added_per_quarter(registrations: pd.DataFrame, by: str = "sensor_type") -> Trend:
    """Count registrations by the quarter of their active_from, per value of `by`.

    Planned registrations (active_from in the future) count in their future quarter.

    Examples
    --------
    >>> reg = pd.DataFrame({"sensor_type": ["camera", "air", "camera", "air"],
    ...     "active_from": pd.to_datetime(["2024-01-15", "2024-02-01", "2024-08-30", None])})
    >>> trend = added_per_quarter(reg)
    >>> trend.wide().to_dict("index")
    {'2024-Q1': {'air': 1, 'camera': 1}, '2024-Q2': {'air': 0, 'camera': 0}, '2024-Q3': {'air': 0, 'camera': 1}}
    >>> trend.undated
    1
    """
    start = pd.to_datetime(registrations["active_from"])
    dated = start.notna().to_numpy()
    groups = registrations[by].astype(str)
    columns = ["quarter", "start", by, "count"]
    if not dated.any():
        return Trend(pd.DataFrame({c: [] for c in columns}).astype({"count": int}), len(registrations))
    quarters = start[dated].dt.to_period("Q")
    counts = pd.crosstab(quarters.to_numpy(), groups[dated].to_numpy())
    span = pd.period_range(quarters.min(), quarters.max(), freq="Q")
    counts = counts.reindex(span, fill_value=0)
    table = counts.stack().rename("count").reset_index()
    table.columns = ["period", by, "count"]
    table.insert(0, "quarter", [quarter_label(p) for p in table["period"]])
    table.insert(1, "start", table["period"].dt.start_time)
    table = table.drop(columns="period")
    table["count"] = table["count"].astype(np.int64)
    return Trend(table[columns].reset_index(drop=True), int((~dated).sum()))
