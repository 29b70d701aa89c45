"""Every number a government could change, as data (RULES.md: amounts, delays, rates).

Rules read these values; no amount or delay is written as a literal elsewhere.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class GrantPreset:
    """Rule C1: what a young user receives when the credit is activated."""

    code: str
    label: str
    amount: int  # cents
    validity_months: int
    digital_cap: int | None  # cents; None = no cap
    physical_cap: int | None  # cents; None = no cap


GRANT_PRESETS: dict[str, GrantPreset] = {
    preset.code: preset
    for preset in (
        GrantPreset(
            code="standard",
            label="Crédit pass Culture (300 €, 24 mois)",
            amount=300_00,
            validity_months=24,
            digital_cap=100_00,
            physical_cap=None,
        ),
        GrantPreset(
            code="experimentation_2018",
            label="Expérimentation 2018 (500 €)",
            amount=500_00,
            validity_months=24,
            digital_cap=200_00,
            physical_cap=100_00,
        ),
    )
}

DEFAULT_GRANT_PRESET = "standard"
