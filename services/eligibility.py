"""Rule C1: who may receive the credit, read from the grant preset in force (services/policy)."""

from dataclasses import dataclass
from datetime import date

from services import policy
from services.deposits import age_on
from services.formatting import long_date


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    code: str  # "eligible", "too_young", "too_old" or "department"
    message: str  # French, to the young user (« tu »)
    eligible_from: date | None = None  # too young: the first day of their eligible age


def eligible_age_day(birth_date: date) -> date:
    """The day the young user turns `ELIGIBLE_AGE`; born on 29 February: 1 March."""
    try:
        return birth_date.replace(year=birth_date.year + policy.ELIGIBLE_AGE)
    except ValueError:
        return date(birth_date.year + policy.ELIGIBLE_AGE, 3, 1)


def eligibility(
    birth_date: date,
    department: str,
    grant_day: date,
    preset_code: str = policy.DEFAULT_GRANT_PRESET,
) -> Eligibility:
    """Whether a credit granted on `grant_day` (Paris date) may go to this young user."""
    age = age_on(birth_date, grant_day)
    if age < policy.ELIGIBLE_AGE:
        first_day = eligible_age_day(birth_date)
        return Eligibility(
            False,
            "too_young",
            f"Le pass Culture est ouvert aux jeunes de {policy.ELIGIBLE_AGE} ans : "
            f"tu pourras t'inscrire à partir du {long_date(first_day)}.",
            first_day,
        )
    if age > policy.ELIGIBLE_AGE:
        return Eligibility(
            False,
            "too_old",
            f"Le pass Culture est réservé aux jeunes de {policy.ELIGIBLE_AGE} ans : "
            f"passé tes {policy.ELIGIBLE_AGE + 1} ans, tu ne peux plus en bénéficier.",
        )
    departments = policy.GRANT_PRESETS[preset_code].departments
    if departments is not None and department not in departments:
        return Eligibility(
            False,
            "department",
            "Ce département ne participe pas encore au pass Culture. Départements "
            f"participants : {', '.join(sorted(departments))}.",
        )
    return Eligibility(
        True,
        "eligible",
        "Tu es éligible : prochaine étape, la vérification de ton identité.",
    )
