"""One neighbourhood's facts: its summary beside the city's, its registrations and flags, its outline and
neighbours; what the neighbourhood page, the presentation and the fact sheet (geo.factsheet) show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.codes import GDPR_ARTICLE, codes, label
from geo.dataset import Dataset
from geo.errors import UserFacingError
from geo.join import join
from geo.principles import FLAG_REASONS, flag_frame
from geo.schema import split_codes
from geo.summary import NeighbourhoodSummary, city_summary, flag_sentences, summarise
from geo.text import text


class UnknownNeighbourhood(UserFacingError):
    """A neighbourhood code that is not in the register's neighbourhoods."""


@dataclass(frozen=True)
class Facts:
    """Everything the neighbourhood page and the fact sheet show about one neighbourhood.

    Attributes
    ----------
    summary, city : the neighbourhood's summary and the whole city's, for comparison.
    registrations : the registrations in it (an area registration in every neighbourhood it overlaps),
        EPSG:4326, ordered by sensor type (code-list order) and then name.
    flags : geo.principles.flag_frame of `registrations`, aligned with it.
    area : the neighbourhood's outline, EPSG:4326.
    neighbours : code, name, geometry (EPSG:4326) of the other neighbourhoods near it, for context.
    municipality, is_demo, updated : from the Dataset.
    """

    summary: NeighbourhoodSummary
    city: NeighbourhoodSummary
    registrations: gpd.GeoDataFrame
    flags: pd.DataFrame
    area: BaseGeometry
    neighbours: gpd.GeoDataFrame
    municipality: str
    is_demo: bool
    updated: datetime | None

    @property
    def code(self) -> str:
        return str(self.summary.code)

    @property
    def name(self) -> str:
        return self.summary.name

    def flag_sentences(self, lang: str) -> list[str]:
        """What does not fit the principles, in the sentences that end the summary's paragraph."""
        biometric = self.registrations.loc[self.flags["biometric"].to_numpy(), "sensor_type"].astype(str)
        return flag_sentences(self.summary.flags, biometric.value_counts().to_dict(), lang)

    @property
    def flagged(self) -> pd.DataFrame:
        """The flagged registrations: id, name, where (location_description) and the reasons they are flagged for
        (in FLAG_REASONS order)."""
        any_flag = self.flags.any(axis=1)
        rows = self.registrations.loc[any_flag]
        keys = [[k for k in FLAG_REASONS if self.flags.at[i, k]] for i in rows.index]
        where = rows["location_description"].fillna("").astype(str).to_list() if "location_description" in rows \
            else [""] * len(rows)
        return pd.DataFrame({"id": rows["id"].to_list(), "name": rows["name"].to_list(), "where": where,
                             "flags": keys})


def step_code(codes: Sequence[str], code: str | None, step: int) -> str:
    """The code `step` places after `code` in `codes` (before it when negative), wrapping round.

    An unknown or missing `code` counts as the first. Computed from where the viewer is *now*, so a
    quick second press moves on from the neighbourhood the first press reached.

    >>> step_code(["a", "b", "c"], "a", -1), step_code(["a", "b", "c"], "c", 1), step_code(["a", "b"], None, 1)
    ('c', 'a', 'b')
    """
    if not codes:
        raise ValueError("no neighbourhoods to step through")
    i = list(codes).index(code) if code in codes else 0
    return codes[(i + step) % len(codes)]


def neighbourhood_facts(
    data: Dataset, code: str, *, summaries: Sequence[NeighbourhoodSummary] | None = None,
    city: NeighbourhoodSummary | None = None, members: pd.DataFrame | None = None, today: date | None = None,
) -> Facts:
    """Collect the facts of neighbourhood `code`; the costly parts may be passed in when already computed.

    Parameters
    ----------
    data : the register and its neighbourhoods.
    code : a neighbourhood code as in `data.neighbourhoods` (see `find_code`).
    summaries, city : geo.summary.summarise and city_summary of `data` (computed when None).
    members : geo.join.join of `data` (computed when None).
    today : the date flags are judged on.

    Raises
    ------
    UnknownNeighbourhood : `code` is not one of the neighbourhoods.

    Examples
    --------
    >>> from geo.dataset import load_demo
    >>> facts = neighbourhood_facts(load_demo(date(2026, 11, 28)), "BU99990001", today=date(2026, 11, 28))
    >>> facts.name, facts.summary.total == len(facts.registrations)
    ('Centrum', True)
    """
    nb = data.neighbourhoods
    match = np.flatnonzero(nb["code"].astype(str).to_numpy() == str(code))
    if not len(match):
        raise UnknownNeighbourhood("error.unknown_neighbourhood")
    pos = int(match[0])
    reg = data.registrations
    if summaries is None:
        summaries = summarise(reg, nb, today, rd_geometries=data.rd, neighbourhoods_rd=data.neighbourhoods_rd)
    summary = next(s for s in summaries if s.code == code)
    if city is None:
        city = city_summary(reg, nb, today, neighbourhoods_rd=data.neighbourhoods_rd)
    if members is None:
        members = join(reg, nb, rd_geometries=data.rd, neighbourhoods_rd=data.neighbourhoods_rd)
    from geo.store import rows  # a lean register's rows are in the database (geo.store.lean)

    labels = pd.unique(members.loc[members["code"] == code, "reg_index"].to_numpy())
    inside = rows(data, reg.index.get_indexer(labels))
    order = _type_rank(inside["sensor_type"]) * 1.0
    inside = inside.assign(_rank=order, _name=inside["name"].astype(str).str.casefold()).sort_values(
        ["_rank", "_name"], kind="stable").drop(columns=["_rank", "_name"])
    area = nb.geometry.iloc[pos]
    return Facts(summary, city, inside, flag_frame(inside, today), area, _neighbours(nb, pos, data.neighbourhoods_rd),
                 data.municipality, data.is_demo, data.updated)


def map_mask(data: Dataset, facts: Facts) -> np.ndarray:
    """Which of the register's registrations (by position) lie in the neighbourhood: for the map's payload."""
    return data.registrations.index.isin(facts.registrations.index)


def registration_table(registrations: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The registrations as residents read them: codes replaced by labels, lists joined with commas.

    Columns: id, name, sensor_type, purpose, data_types, personal_data (bool), legal_basis, owner,
    status, contact. Text stays exactly as the register has it.

    >>> import pandas as pd
    >>> reg = pd.DataFrame({"id": ["A1"], "name": ["<b>Cam</b>"], "sensor_type": ["anpr"],
    ...     "purpose": ["enforcement|parking"], "data_types": ["licence_plates"], "personal_data": [True],
    ...     "legal_basis": ["public_task"], "owner": ["Gemeente"], "status": ["active"], "contact": [""]})
    >>> row = registration_table(reg, "nl").iloc[0]
    >>> row["name"], row["sensor_type"], row["purpose"], row["legal_basis"]
    ('<b>Cam</b>', 'Kentekencamera', 'Handhaving, Parkeren', 'Publieke taak (AVG art. 6 lid 1e)')
    """
    return pd.DataFrame({
        "id": registrations["id"].astype(str).to_numpy(),
        "name": registrations["name"].astype(str).to_numpy(),
        "sensor_type": [label("sensor_type", c, lang) for c in registrations["sensor_type"]],
        "purpose": [labels("purpose", v, lang) for v in registrations["purpose"]],
        "data_types": [labels("data_types", v, lang) for v in registrations["data_types"]],
        "personal_data": registrations["personal_data"].astype(bool).to_numpy(),
        "legal_basis": [legal_basis_text(c, lang) for c in registrations["legal_basis"]],
        "owner": registrations["owner"].astype(str).to_numpy(),
        "status": [label("status", c, lang) for c in registrations["status"]],
        "contact": registrations["contact"].astype(str).to_numpy(),
    })


def labels(field: str, value: object, lang: str) -> str:
    """A `|`-list of codes as labels joined by commas.

    >>> labels("purpose", "safety|traffic", "en")
    'Public order and safety, Traffic and mobility'
    """
    return ", ".join(label(field, c, lang) for c in split_codes(value if isinstance(value, str) else ""))


def legal_basis_text(code: str, lang: str, short: bool = False) -> str:
    """The legal basis with its GDPR article letter, when it has one; `short` for narrow table columns.

    >>> legal_basis_text("consent", "en"), legal_basis_text("none", "nl")
    ('Consent (GDPR art. 6(1)(a))', 'Niet van toepassing: geen persoonsgegevens')
    >>> legal_basis_text("public_task", "nl", short=True), legal_basis_text("none", "en", short=True)
    ('Publieke taak (e)', 'No personal data')
    """
    if short and code == "none":
        return text("sheet.basis.none", lang)
    name = label("legal_basis", code, lang)
    letter = GDPR_ARTICLE.get(code)
    if not letter:
        return name
    return f"{name} ({letter})" if short else f"{name} ({text('sheet.basis.article', lang, letter=letter)})"


def counted(summary: NeighbourhoodSummary, field: str, lang: str) -> list[tuple[str, int]]:
    """(label, number) of one of the summary's counts, largest first; field is sensor_type, purpose,
    data_types or legal_basis.

    >>> from geo.summary import NeighbourhoodSummary
    >>> s = NeighbourhoodSummary("A", "A", None, 1.0, 3, 3.0, None, 0, {"camera": 1, "air": 2}, {}, {},
    ...     {}, {}, "", "")
    >>> counted(s, "sensor_type", "en")
    [('Air-quality sensor', 2), ('Camera', 1)]
    """
    source = {"sensor_type": summary.by_sensor_type, "purpose": summary.by_purpose,
              "data_types": summary.by_data_type, "legal_basis": summary.by_legal_basis}[field]
    ranked = sorted(source.items(), key=lambda item: -item[1])  # stable: code-list order among equals
    return [(label(field, c, lang), int(n)) for c, n in ranked if n]


def contacts(registrations: pd.DataFrame) -> list[tuple[str, int, list[str]]]:
    """Each owner in the registrations with how many it has and its distinct contacts, the owner with most first.

    >>> import pandas as pd
    >>> reg = pd.DataFrame({"owner": ["Gemeente", "Waterschap", "Gemeente"],
    ...                     "contact": ["info@gemeente.example", "", "info@gemeente.example"]})
    >>> contacts(reg)
    [('Gemeente', 2, ['info@gemeente.example']), ('Waterschap', 1, [])]
    """
    out = []
    owners = registrations["owner"].astype(str)
    for owner, n in owners.value_counts(sort=True).items():
        found = registrations.loc[owners == owner, "contact"].astype(str).str.strip()
        out.append((str(owner), int(n), list(dict.fromkeys(c for c in found if c))))
    return out


def _type_rank(types: pd.Series) -> np.ndarray:
    order = {c: i for i, c in enumerate(codes("sensor_type"))}
    return types.map(lambda c: order.get(c, len(order))).to_numpy()


def _neighbours(nb: gpd.GeoDataFrame, pos: int, geoms: np.ndarray) -> gpd.GeoDataFrame:
    """The other neighbourhoods within reach of the map around neighbourhood `pos` (`geoms`: `nb` in RD New)."""
    target = geoms[pos]
    if target is None or target.is_empty:
        return nb.iloc[0:0][["code", "name", "geometry"]]
    minx, miny, maxx, maxy = target.bounds
    # The map may show up to about the larger side of the buurt around it (aspect ratio and margin).
    reach = max(maxx - minx, maxy - miny)
    window = shapely.box(minx - reach, miny - reach, maxx + reach, maxy + reach)
    near = shapely.intersects(geoms, window)
    near[pos] = False
    return nb.loc[near, ["code", "name", "geometry"]]
