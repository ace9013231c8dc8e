"""The principles check: which registrations fall short of the VNG Principes Digitale Samenleving (2022)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

#: An entry not verified for longer than this (or never) counts as long-unchecked.
UNCHECKED_AFTER_YEARS = 2


@dataclass(frozen=True)
class Principle:
    """One principle and the reasons a registration can fall short of it.

    The labels live in ui/i18n.py under `policy.principle.<code>` and `policy.reason.<reason>`;
    geo speaks in codes only.
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
#: - communication: no plain-language description for residents.
PRINCIPLES: tuple[Principle, ...] = (
    Principle("biometrics", ("biometric",)),
    Principle("data_use", ("no_legal_basis", "no_privacy_statement", "no_dpia")),
    Principle("democratic", ("no_council_decision",)),
    Principle("evaluation", ("expired", "unchecked")),
    Principle("communication", ("no_description",)),
)
PRINCIPLE_CODES: tuple[str, ...] = tuple(p.code for p in PRINCIPLES)
REASON_CODES: tuple[str, ...] = tuple(r for p in PRINCIPLES for r in p.reasons)

_COLUMNS = ("biometric", "personal_data", "legal_basis", "privacy_statement_url", "dpia", "sensor_type",
            "council_decision", "status", "active_until", "last_checked", "description")


@dataclass(frozen=True)
class PrincipleCount:
    """How many registrations fall short of one principle, and which (their `id`s, in register order)."""

    code: str
    count: int
    ids: tuple[str, ...]


def reason_frame(registrations: pd.DataFrame, today: date | None = None) -> pd.DataFrame:
    """One boolean column per reason (REASON_CODES), aligned with `registrations`.

    Parameters
    ----------
    registrations : accepted registrations with geo.schema.COLUMNS (booleans as bool, dates as datetime64).
    today : the day the check is made (default: the real today).

    Examples
    --------
    >>> reg = pd.DataFrame({"biometric": [False], "personal_data": [True], "legal_basis": ["public_task"],
    ...     "privacy_statement_url": ["https://x.example/privacy"], "dpia": ["no"], "sensor_type": ["camera"],
    ...     "council_decision": ["Raadsbesluit 2024-1"], "status": ["active"],
    ...     "active_until": pd.to_datetime([None]), "last_checked": pd.to_datetime(["2020-05-01"]),
    ...     "description": ["Camera bij het station."]})
    >>> [k for k, v in reason_frame(reg, date(2026, 1, 1)).iloc[0].items() if v]
    ['no_dpia', 'unchecked']
    """
    missing = [c for c in _COLUMNS if c not in registrations.columns]
    if missing:
        raise KeyError(f"registrations lack the columns {missing}")
    today_ts = pd.Timestamp(today or date.today())
    reg = registrations

    def blank(column: str) -> pd.Series:
        return reg[column].fillna("").astype(str).str.strip() == ""

    personal = reg["personal_data"].fillna(False).astype(bool)
    in_use = reg["status"].fillna("").astype(str) != "inactive"
    until = pd.to_datetime(reg["active_until"])
    checked = pd.to_datetime(reg["last_checked"])
    stale_before = today_ts - pd.DateOffset(years=UNCHECKED_AFTER_YEARS)
    return pd.DataFrame(
        {
            "biometric": reg["biometric"].fillna(False).astype(bool),
            "no_legal_basis": personal & (blank("legal_basis") | reg["legal_basis"].isin(["unknown", "none"])),
            "no_privacy_statement": personal & blank("privacy_statement_url"),
            "no_dpia": personal & (blank("dpia") | (reg["dpia"].astype(str).str.strip().str.lower() == "no")),
            "no_council_decision": reg["sensor_type"].isin(["camera", "anpr"]) & blank("council_decision"),
            "expired": in_use & (until < today_ts).fillna(False).astype(bool),
            "unchecked": in_use & (checked.isna() | (checked < stale_before)).astype(bool),
            "no_description": blank("description"),
        },
        index=reg.index,
    )[list(REASON_CODES)]


def principle_frame(registrations: pd.DataFrame, today: date | None = None) -> pd.DataFrame:
    """One boolean column per principle (PRINCIPLE_CODES): True where the registration falls short of it.

    Examples
    --------
    >>> reg = pd.DataFrame({"biometric": [True, False], "personal_data": [False, False],
    ...     "legal_basis": ["none", "none"], "privacy_statement_url": ["", ""], "dpia": ["", ""],
    ...     "sensor_type": ["camera", "air"], "council_decision": ["Besluit 1", ""],
    ...     "status": ["active", "active"], "active_until": pd.to_datetime([None, None]),
    ...     "last_checked": pd.to_datetime(["2025-06-01", "2025-06-01"]), "description": ["Camera.", ""]})
    >>> principle_frame(reg, date(2026, 1, 1)).sum().to_dict()
    {'biometrics': 1, 'data_use': 0, 'democratic': 0, 'evaluation': 0, 'communication': 1}
    """
    reasons = reason_frame(registrations, today)
    return pd.DataFrame({p.code: reasons[list(p.reasons)].any(axis=1) for p in PRINCIPLES}, index=reasons.index)


def principle_counts(registrations: pd.DataFrame, today: date | None = None) -> list[PrincipleCount]:
    """One row per principle: how many registrations fall short of it, and their ids.

    Examples
    --------
    >>> reg = pd.DataFrame({"id": ["A", "B"], "biometric": [True, True], "personal_data": [False, False],
    ...     "legal_basis": ["none", "none"], "privacy_statement_url": ["", ""], "dpia": ["", ""],
    ...     "sensor_type": ["air", "air"], "council_decision": ["", ""], "status": ["active", "inactive"],
    ...     "active_until": pd.to_datetime([None, None]), "last_checked": pd.to_datetime([None, None]),
    ...     "description": ["Meet fijnstof.", "Meet fijnstof."]})
    >>> [(c.code, c.count, c.ids) for c in principle_counts(reg, date(2026, 1, 1))][::3]
    [('biometrics', 2, ('A', 'B')), ('evaluation', 1, ('A',))]
    """
    frame = principle_frame(registrations, today)
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
    ...     "description": ["", ""]})
    >>> falling_short(reg, "data_use", date(2026, 1, 1))[["id", "reasons"]].to_dict("records")
    [{'id': 'A', 'reasons': 'no_legal_basis|no_privacy_statement|no_dpia'}]
    """
    principle = next((p for p in PRINCIPLES if p.code == code), None)
    if principle is None:
        raise KeyError(f"unknown principle {code!r}; known: {', '.join(PRINCIPLE_CODES)}")
    reasons = reason_frame(registrations, today)[list(principle.reasons)]
    short = reasons.any(axis=1).to_numpy()
    hits = reasons.to_numpy()[short]
    names = np.array(principle.reasons)
    out = registrations.loc[short].copy()
    out["reasons"] = ["|".join(names[row]) for row in hits]
    return out
