"""Trends: what started and what stopped per quarter (by active_from and active_until), by sensor type, and the net
change; quarters still to come are marked as planned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from geo.codes import codes, label
from geo.text import text

#: One colour per sensor type, fixed by the code list's order (so it is the same in every language and filter):
#: Tableau 20, distinct enough for thirteen types.
TYPE_COLOURS: dict[str, str] = dict(zip(codes("sensor_type"), (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    "#86bcb6", "#d37295", "#79706e"), strict=True))


@dataclass(frozen=True)
class Trend:
    """Registrations that started and stopped per quarter.

    Attributes
    ----------
    table : long table with `quarter` ("2024-Q3"), `start` (the quarter's first day), the grouping column (e.g.
        `sensor_type`), `added` (active_from in the quarter), `removed` (active_until in the quarter) and
        `planned` (the quarter starts after today); every quarter from the first to the last is present, quiet
        ones with zeros, so a chart shows them too.
    undated : registrations without active_from, which the table cannot place.
    by : the grouping column.
    """

    table: pd.DataFrame
    undated: int
    by: str = "sensor_type"

    def wide(self, column: str = "added") -> pd.DataFrame:
        """One row per quarter, one column per group, of `column` (added or removed)."""
        out = self.table.pivot_table(index="quarter", columns=self.by, values=column, aggfunc="sum", fill_value=0)
        out.columns.name = None
        return out

    def net(self) -> pd.DataFrame:
        """Per quarter: added, removed, the net change and the running total of the dated registrations."""
        per = self.table.groupby("quarter", sort=False)[["added", "removed"]].sum()
        per["net"] = per["added"] - per["removed"]
        per["total"] = per["net"].cumsum()
        per["planned"] = self.table.groupby("quarter", sort=False)["planned"].first()
        return per

    def chart_frame(self, lang: str) -> pd.DataFrame:
        """The chart's rows, headings and words in `lang`: per quarter and type the registrations added (counted
        up) and removed (counted down), with whether the quarter is still to come."""
        rows = []
        for kind, sign in (("added", 1), ("removed", -1)):
            part = self.table[self.table[kind] > 0]
            rows.append(pd.DataFrame({
                text("policy.trends.quarter", lang): part["quarter"].to_numpy(),
                text("policy.trends.type", lang): [label(self.by, c, lang) for c in part[self.by]],
                text("policy.trends.count", lang): sign * part[kind].to_numpy(),
                text("policy.trends.change", lang): text(f"policy.trends.{kind}", lang),
                text("policy.trends.when", lang): [text("policy.trends.planned" if p else "policy.trends.past", lang)
                                                   for p in part["planned"]],
            }))
        return pd.concat(rows, ignore_index=True)

    def colours(self, lang: str) -> tuple[list[str], list[str]]:
        """(labels, colours) of the groups in the chart, in code-list order: the same colour in every language."""
        present = [c for c in codes(self.by) if c in set(self.table[self.by])]
        return [label(self.by, c, lang) for c in present], [TYPE_COLOURS.get(c, "#79706e") for c in present]

    def net_table(self, lang: str) -> pd.DataFrame:
        """`net` as staff read it, newest quarter first, headings in `lang`."""
        per = self.net()
        return pd.DataFrame({
            text("policy.trends.quarter", lang): per.index.to_numpy(),
            text("policy.trends.added", lang): per["added"].to_numpy(),
            text("policy.trends.removed", lang): per["removed"].to_numpy(),
            text("policy.trends.net", lang): per["net"].to_numpy(),
            text("policy.trends.total", lang): per["total"].to_numpy(),
            text("policy.trends.when", lang): [text("policy.trends.planned" if p else "policy.trends.past", lang)
                                               for p in per["planned"]],
        }).iloc[::-1].reset_index(drop=True)


def quarter_label(period: pd.Period) -> str:
    """A quarter as people write it.

    >>> quarter_label(pd.Period("2024-08-01", "Q"))
    '2024-Q3'
    """
    return f"{period.year}-Q{period.quarter}"


def changes_per_quarter(registrations: pd.DataFrame, by: str = "sensor_type", today: date | None = None) -> Trend:
    """Count registrations by the quarter of their active_from (added) and of their active_until (removed).

    Planned registrations (active_from in the future) count in their future quarter, marked planned.

    Examples
    --------
    >>> reg = pd.DataFrame({"sensor_type": ["camera", "air", "camera", "air"],
    ...     "active_from": pd.to_datetime(["2024-01-15", "2024-02-01", "2024-08-30", None]),
    ...     "active_until": pd.to_datetime([None, "2024-05-01", None, None])})
    >>> trend = changes_per_quarter(reg, today=date(2024, 6, 1))
    >>> trend.wide().to_dict("index")
    {'2024-Q1': {'air': 1, 'camera': 1}, '2024-Q2': {'air': 0, 'camera': 0}, '2024-Q3': {'air': 0, 'camera': 1}}
    >>> trend.net()[["added", "removed", "net", "total", "planned"]].to_dict("list")
    {'added': [2, 0, 1], 'removed': [0, 1, 0], 'net': [2, -1, 1], 'total': [2, 1, 2], 'planned': [False, False, True]}
    >>> trend.undated
    1
    """
    start = pd.to_datetime(registrations["active_from"])
    until = pd.to_datetime(registrations["active_until"]) if "active_until" in registrations \
        else pd.Series(pd.NaT, index=registrations.index)
    dated = start.notna().to_numpy()
    groups = registrations[by].astype(str)
    columns = ["quarter", "start", by, "added", "removed", "planned"]
    if not dated.any():
        empty = pd.DataFrame({c: [] for c in columns}).astype({"added": int, "removed": int, "planned": bool})
        return Trend(empty, len(registrations), by)
    added_q = start[dated].dt.to_period("Q")
    ended = until.notna().to_numpy() & dated
    removed_q = until[ended].dt.to_period("Q")
    first = added_q.min()
    last = max(added_q.max(), removed_q.max()) if len(removed_q) else added_q.max()
    span = pd.period_range(first, last, freq="Q")
    added = pd.crosstab(added_q.to_numpy(), groups[dated].to_numpy()).reindex(span, fill_value=0)
    removed = (pd.crosstab(removed_q.to_numpy(), groups[ended].to_numpy()) if ended.any()
               else pd.DataFrame(index=span)).reindex(index=span, columns=added.columns, fill_value=0)
    table = added.stack().rename("added").to_frame().join(removed.stack().rename("removed")).reset_index()
    table.columns = ["period", by, "added", "removed"]
    today_ts = pd.Timestamp(today or date.today())
    table.insert(0, "quarter", [quarter_label(p) for p in table["period"]])
    table.insert(1, "start", table["period"].dt.start_time)
    table["planned"] = table["start"] > today_ts
    table = table.drop(columns="period")
    table[["added", "removed"]] = table[["added", "removed"]].astype(np.int64)
    return Trend(table[columns].reset_index(drop=True), int((~dated).sum()), by)
