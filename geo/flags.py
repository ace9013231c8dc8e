"""Conflicts with the principles that an accepted registration may carry: shown and flagged, never hidden."""

from __future__ import annotations

from datetime import date

import pandas as pd

#: The flags, in the order they are shown, with their Dutch and English labels.
FLAGS: dict[str, tuple[str, str]] = {
    "biometric": ("Biometrie (bijv. gezichtsherkenning)", "Biometrics (e.g. facial recognition)"),
    "no_council_decision": ("Geen raadsbesluit", "No council decision"),
    "expired": ("Verlopen, maar nog actief", "Expired, but still active"),
    "no_legal_basis": ("Persoonsgegevens zonder bekende grondslag", "Personal data without a known legal basis"),
}


def flag_frame(registrations: pd.DataFrame, today: date | None = None) -> pd.DataFrame:
    """One boolean column per flag, aligned with `registrations`.

    >>> import pandas as pd
    >>> reg = pd.DataFrame({"biometric": [True, False], "sensor_type": ["camera", "air"],
    ...     "council_decision": ["", ""], "status": ["active", "active"],
    ...     "active_until": pd.to_datetime(["2020-01-01", None]), "personal_data": [True, False],
    ...     "legal_basis": ["unknown", "none"]})
    >>> flag_frame(reg, date(2026, 1, 1)).sum().to_dict()
    {'biometric': 1, 'no_council_decision': 1, 'expired': 1, 'no_legal_basis': 1}
    """
    today_ts = pd.Timestamp(today or date.today())
    return pd.DataFrame(
        {
            "biometric": registrations["biometric"].astype(bool),
            "no_council_decision": registrations["sensor_type"].isin(["camera", "anpr"])
            & (registrations["council_decision"].astype(str).str.strip() == ""),
            "expired": (registrations["status"] == "active")
            & (registrations["active_until"] < today_ts).fillna(False).astype(bool),
            "no_legal_basis": registrations["personal_data"].astype(bool)
            & registrations["legal_basis"].isin(["", "unknown", "none"]),
        },
        index=registrations.index,
    )
