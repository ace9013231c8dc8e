"""The principles check: which registrations fall short of the VNG Principes Digitale Samenleving (2022)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from geo.algorithms import BROKEN_LINKS, LINK_COLUMN
from geo.codes import label
from geo.text import text

#: An entry not verified for longer than this (or never) counts as long-unchecked.
UNCHECKED_AFTER_YEARS = 2


@dataclass(frozen=True)
class Principle:
    """One principle and the reasons a registration can fall short of it.

    The labels live in geo.text under `principle.<code>` (with `principle.<code>.rule`) and `reason.<reason>`.
    """

    code: str
    reasons: tuple[str, ...]


#: The principles checked, in the order they are shown. A registration falls short of a principle
#: when at least one of its reasons applies:
#:
#: - biometrics: `biometric` is yes (the principles exclude biometric surveillance);
#: - data_use: personal data without a known legal basis (empty, `unknown` or `none`), without a
#:   privacy statement, or without a DPIA (empty or `no`);
#: - democratic: a camera or ANPR camera without a council decision;
#: - evaluation: not inactive, and either past its end date (`active_until` before today) or
#:   long-unchecked: `last_checked` absent or more than UNCHECKED_AFTER_YEARS years before today.
#:   An inactive entry is a record of the past and needs no evaluation;
#: - communication: no plain-language description for residents;
#: - algorithms: an algorithmic sensor (ALGORITHMIC) that processes personal data without an algorithm_register_url,
#:   or whose address names no entry of the loaded algorithm register, or one out of use (geo.algorithms:
#:   `with_links` adds the column this reads; without it nothing is known and nothing flagged).
PRINCIPLES: tuple[Principle, ...] = (
    Principle("biometrics", ("biometric",)),
    Principle("data_use", ("no_legal_basis", "no_privacy_statement", "no_dpia")),
    Principle("democratic", ("no_council_decision",)),
    Principle("evaluation", ("expired", "unchecked")),
    Principle("communication", ("no_description",)),
    Principle("algorithms", ("no_algorithm_entry", "algorithm_link_broken")),
)
PRINCIPLE_CODES: tuple[str, ...] = tuple(p.code for p in PRINCIPLES)
REASON_CODES: tuple[str, ...] = tuple(r for p in PRINCIPLES for r in p.reasons)
#: The reasons a registration is flagged for wherever it is shown (map, neighbourhood, fact sheet, summaries),
#: in the order they are shown: the plainest conflicts with the principles.
FLAG_REASONS: tuple[str, ...] = ("biometric", "no_council_decision", "expired", "no_legal_basis")

#: The columns each reason reads.
REASON_COLUMNS: dict[str, tuple[str, ...]] = {
    "biometric": ("biometric",),
    "no_legal_basis": ("personal_data", "legal_basis"),
    "no_privacy_statement": ("personal_data", "privacy_statement_url"),
    "no_dpia": ("personal_data", "dpia"),
    "no_council_decision": ("sensor_type", "council_decision"),
    "expired": ("status", "active_until"),
    "unchecked": ("status", "last_checked"),
    "no_description": ("description",),
    "no_algorithm_entry": ("personal_data", "sensor_type", "data_types", "algorithm_register_url"),
    "algorithm_link_broken": ("algorithm_register_url",),
}
#: Algorithmic sensors, whose data an algorithm works on: licence-plate cameras; counters (these sensor types, or
#: any sensor that delivers counts); and camera analytics: a camera that delivers more than identifiable images.
ALGORITHMIC_TYPES: tuple[str, ...] = ("anpr", "presence", "wifi_bluetooth", "traffic")
CAMERA_ANALYTICS: tuple[str, ...] = ("images_anonymised", "counts", "presence", "location", "licence_plates",
                                     "device_ids")


@dataclass(frozen=True)
class PrincipleCount:
    """How many registrations fall short of one principle, and which (their `id`s, in register order)."""

    code: str
    count: int
    ids: tuple[str, ...]


def reason_frame(registrations: pd.DataFrame, today: date | None = None,
                 reasons: tuple[str, ...] = REASON_CODES) -> pd.DataFrame:
    """One boolean column per reason (REASON_CODES, or the `reasons` asked for), aligned with `registrations`.

    This is the one definition of each reason; validation's warnings, the flags and the principles check use it.

    Parameters
    ----------
    registrations : accepted registrations with geo.schema.COLUMNS (booleans as bool, dates as datetime64);
        only the columns the asked reasons read (REASON_COLUMNS) are needed.
    today : the day the check is made (default: the real today).
    reasons : the reasons to work out.

    Examples
    --------
    >>> reg = pd.DataFrame({"biometric": [False], "personal_data": [True], "legal_basis": ["public_task"],
    ...     "privacy_statement_url": ["https://x.example/privacy"], "dpia": ["no"], "sensor_type": ["camera"],
    ...     "council_decision": ["Raadsbesluit 2024-1"], "status": ["active"],
    ...     "active_until": pd.to_datetime([None]), "last_checked": pd.to_datetime(["2020-05-01"]),
    ...     "description": ["Camera bij het station."], "data_types": ["images_identifiable"],
    ...     "algorithm_register_url": [""]})
    >>> [k for k, v in reason_frame(reg, date(2026, 1, 1)).iloc[0].items() if v]
    ['no_dpia', 'unchecked']
    """
    needed = sorted({c for r in reasons for c in REASON_COLUMNS[r]})
    missing = [c for c in needed if c not in registrations.columns]
    if missing:
        raise KeyError(f"registrations lack the columns {missing}")
    today_ts = pd.Timestamp(today or date.today())
    reg = registrations

    def each(column: str, test) -> pd.Series:
        """`test` of a column's text (missing: ""), worked out once per distinct value: a register repeats a few
        (a lean register's facts are categories, geo.store.lean), so no string is made per registration."""
        at, distinct = pd.factorize(reg[column])
        values = pd.Series(np.asarray(distinct, dtype=object)).fillna("").astype(str)
        found = np.append(np.asarray(test(values), dtype=bool), bool(np.asarray(test(pd.Series([""])))[0]))
        return pd.Series(found[at], index=reg.index)  # factorize's -1 (missing) takes the last: ""

    def blank(column: str) -> pd.Series:
        return each(column, blank_cells)

    def personal() -> pd.Series:
        return reg["personal_data"].fillna(False).astype(bool)

    def in_use() -> pd.Series:
        # An inactive entry is a record of the past: its end date and its last check no longer matter.
        return each("status", lambda v: v != "inactive")

    def expired() -> pd.Series:
        until = pd.to_datetime(reg["active_until"])
        return in_use() & (until < today_ts).fillna(False).astype(bool)

    def algorithmic() -> pd.Series:
        def delivers(codes: tuple[str, ...]) -> pd.Series:
            return each("data_types", lambda v: v.str.contains(rf"(?:^|\|)(?:{'|'.join(codes)})(?:\||$)", regex=True))

        analysed = each("sensor_type", lambda v: v == "camera") & delivers(CAMERA_ANALYTICS)
        return each("sensor_type", lambda v: v.isin(ALGORITHMIC_TYPES)) | delivers(("counts",)) | analysed

    def link_broken() -> pd.Series:
        # The link column is there only when an algorithm register is loaded (geo.algorithms.with_links).
        if LINK_COLUMN not in reg:
            return pd.Series(False, index=reg.index)
        return ~blank("algorithm_register_url") & reg[LINK_COLUMN].isin(BROKEN_LINKS)

    def unchecked() -> pd.Series:
        checked = pd.to_datetime(reg["last_checked"])
        stale_before = today_ts - pd.DateOffset(years=UNCHECKED_AFTER_YEARS)
        return in_use() & (checked.isna() | (checked < stale_before)).astype(bool)

    rules = {
        "biometric": lambda: reg["biometric"].fillna(False).astype(bool),
        "no_legal_basis": lambda: personal() & (blank("legal_basis") | reg["legal_basis"].isin(["unknown", "none"])),
        "no_privacy_statement": lambda: personal() & blank("privacy_statement_url"),
        "no_dpia": lambda: personal() & each("dpia", lambda v: v.str.strip().str.lower().isin(["", "no"])),
        "no_council_decision": lambda: reg["sensor_type"].isin(["camera", "anpr"]) & blank("council_decision"),
        "expired": expired,
        "unchecked": unchecked,
        "no_description": lambda: blank("description"),
        "no_algorithm_entry": lambda: personal() & algorithmic() & blank("algorithm_register_url"),
        "algorithm_link_broken": link_broken,
    }
    return pd.DataFrame({r: rules[r]().to_numpy(bool) for r in reasons}, index=reg.index)


def blank_cells(values: pd.Series) -> pd.Series:
    """Which cells are blank, as the reasons read a text: missing, empty or only spaces.

    >>> blank_cells(pd.Series(["", " ", None, "Besluit 1"])).tolist()
    [True, True, True, False]
    """
    return values.fillna("").astype(str).str.strip() == ""


def flag_frame(registrations: pd.DataFrame, today: date | None = None) -> pd.DataFrame:
    """One boolean column per flag (FLAG_REASONS), aligned with `registrations`: the reasons of `reason_frame`.

    >>> reg = pd.DataFrame({"biometric": [True, False], "personal_data": [True, False],
    ...     "legal_basis": ["unknown", "none"], "privacy_statement_url": ["", ""], "dpia": ["", ""],
    ...     "sensor_type": ["camera", "air"], "council_decision": ["", ""], "status": ["active", "planned"],
    ...     "active_until": pd.to_datetime(["2020-01-01", "2021-01-01"]), "last_checked": pd.to_datetime([None, None]),
    ...     "description": ["", ""]})
    >>> flag_frame(reg, date(2026, 1, 1)).sum().to_dict()
    {'biometric': 1, 'no_council_decision': 1, 'expired': 2, 'no_legal_basis': 1}
    """
    return reason_frame(registrations, today, FLAG_REASONS)


def principle_frame(registrations: pd.DataFrame, today: date | None = None, *,
                    reasons: pd.DataFrame | None = None) -> pd.DataFrame:
    """One boolean column per principle (PRINCIPLE_CODES): True where the registration falls short of it.

    Examples
    --------
    >>> reg = pd.DataFrame({"biometric": [True, False], "personal_data": [False, False],
    ...     "legal_basis": ["none", "none"], "privacy_statement_url": ["", ""], "dpia": ["", ""],
    ...     "sensor_type": ["camera", "air"], "council_decision": ["Besluit 1", ""],
    ...     "status": ["active", "active"], "active_until": pd.to_datetime([None, None]),
    ...     "last_checked": pd.to_datetime(["2025-06-01", "2025-06-01"]), "description": ["Camera.", ""],
    ...     "data_types": ["images_identifiable", "environmental"], "algorithm_register_url": ["", ""]})
    >>> principle_frame(reg, date(2026, 1, 1)).sum().to_dict()
    {'biometrics': 1, 'data_use': 0, 'democratic': 0, 'evaluation': 0, 'communication': 1, 'algorithms': 0}
    """
    reasons = reason_frame(registrations, today) if reasons is None else reasons
    return pd.DataFrame({p.code: reasons[list(p.reasons)].any(axis=1) for p in PRINCIPLES}, index=reasons.index)


def principle_counts(registrations: pd.DataFrame, today: date | None = None, *,
                     reasons: pd.DataFrame | None = None) -> list[PrincipleCount]:
    """One row per principle: how many registrations fall short of it, and their ids. `reasons`: the
    `reason_frame` of `registrations` (all reasons), when the caller has it already.

    Examples
    --------
    >>> reg = pd.DataFrame({"id": ["A", "B"], "biometric": [True, True], "personal_data": [False, False],
    ...     "legal_basis": ["none", "none"], "privacy_statement_url": ["", ""], "dpia": ["", ""],
    ...     "sensor_type": ["air", "air"], "council_decision": ["", ""], "status": ["active", "inactive"],
    ...     "active_until": pd.to_datetime([None, None]), "last_checked": pd.to_datetime([None, None]),
    ...     "description": ["Meet fijnstof.", "Meet fijnstof."], "data_types": ["environmental"] * 2,
    ...     "algorithm_register_url": ["", ""]})
    >>> [(c.code, c.count, c.ids) for c in principle_counts(reg, date(2026, 1, 1))][::3]
    [('biometrics', 2, ('A', 'B')), ('evaluation', 1, ('A',))]
    """
    frame = principle_frame(registrations, today, reasons=reasons)
    ids = registrations["id"].astype(str).to_numpy()
    return [PrincipleCount(code, int(frame[code].sum()), tuple(ids[frame[code].to_numpy()]))
            for code in PRINCIPLE_CODES]


def falling_short(registrations: pd.DataFrame, code: str, today: date | None = None) -> pd.DataFrame:
    """The registrations that fall short of principle `code`, with a `reasons` column (reason codes, `|`-joined).

    Examples
    --------
    >>> reg = pd.DataFrame({"id": ["A", "B"], "biometric": [False, False], "personal_data": [True, False],
    ...     "legal_basis": ["unknown", "none"], "privacy_statement_url": ["", ""], "dpia": ["", ""],
    ...     "sensor_type": ["camera", "air"], "council_decision": ["", ""], "status": ["active", "active"],
    ...     "active_until": pd.to_datetime([None, None]), "last_checked": pd.to_datetime([None, None]),
    ...     "description": ["", ""], "data_types": ["images_identifiable", "environmental"],
    ...     "algorithm_register_url": ["", ""]})
    >>> falling_short(reg, "data_use", date(2026, 1, 1))[["id", "reasons"]].to_dict("records")
    [{'id': 'A', 'reasons': 'no_legal_basis|no_privacy_statement|no_dpia'}]
    """
    short, reasons = _shortfall(registrations, code, today)
    out = registrations.loc[short].copy()
    out["reasons"] = reasons
    return out


def _shortfall(registrations: pd.DataFrame, code: str, today: date | None,
               reasons: pd.DataFrame | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(which registrations fall short of principle `code`, their reason codes `|`-joined, as an object array)."""
    principle = next((p for p in PRINCIPLES if p.code == code), None)
    if principle is None:
        raise KeyError(f"unknown principle {code!r}; known: {', '.join(PRINCIPLE_CODES)}")
    hits = (reason_frame(registrations, today, principle.reasons) if reasons is None
            else reasons[list(principle.reasons)]).to_numpy(bool)
    short = hits.any(axis=1)
    # Each row's reasons as the bits of one number: a principle has a handful of reasons, so the joined words
    # are made once per combination rather than once per row (a million rows fall short of some principles).
    bits = hits[short] @ (1 << np.arange(len(principle.reasons), dtype=np.int64))
    combos, at = np.unique(bits, return_inverse=True)
    words = np.array(["|".join(r for k, r in enumerate(principle.reasons) if combo >> k & 1)
                      for combo in combos.tolist()], dtype=object)
    return short, words[at.ravel()] if len(words) else np.empty(0, dtype=object)


def shortfall_table(registrations: pd.DataFrame, code: str, lang: str, today: date | None = None, *,
                    reasons: pd.DataFrame | None = None) -> pd.DataFrame:
    """The registrations that fall short of principle `code`, as staff read them: reference, name, type, owner and
    what is missing, with column headings in `lang`. `reasons`: as for `principle_counts`.

    >>> reg = pd.DataFrame({"id": ["A"], "name": ["Camera"], "owner": ["Gemeente"], "biometric": [True],
    ...     "sensor_type": ["camera"], "status": ["active"]})
    >>> shortfall_table(reg, "biometrics", "en").iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'Reference': 'A', 'Name': 'Camera', 'Type': 'Camera', 'Owner': 'Gemeente',
     'What is missing': 'Biometrics, such as facial recognition'}
    """
    short, reasons = _shortfall(registrations, code, today, reasons)

    def column(name: str) -> pd.Series:
        # Only the rows and columns shown are taken: a copy of every column of a million rows costs seconds.
        return registrations[name][short].astype(str).reset_index(drop=True)

    # Worded once per distinct value: a large register repeats a handful of types and reasons.
    types, type_of = pd.factorize(column("sensor_type"))
    codes, reasons_of = pd.factorize(pd.Series(reasons, dtype=object))
    type_words = pd.array([label("sensor_type", c, lang) for c in type_of] + [""], dtype="str")
    reason_words = pd.array([", ".join(text(f"reason.{r}", lang) for r in rs.split("|")) for rs in reasons_of] + [""],
                            dtype="str")
    return pd.DataFrame({
        text("policy.col.id", lang): column("id"),
        text("policy.col.name", lang): column("name"),
        text("policy.col.type", lang): type_words.take(types),
        text("policy.col.owner", lang): column("owner"),
        text("policy.col.reasons", lang): reason_words.take(codes),
    })
