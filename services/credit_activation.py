"""Rule C1 once a young user's identity is checked (FranceConnect or a document approved by
an admin): eligibility under the preset in force, the credit, and the email saying so."""

from datetime import datetime

from sqlmodel import Session

from pass_culture import clock, db
from pass_culture.models import Deposit, User
from pass_culture.settings import get_settings
from services import deposits, notifications, policy
from services.eligibility import eligibility
from services.errors import DomainError, NotFound


def preset_in_force() -> str:
    code = get_settings().grant_preset
    if code not in policy.GRANT_PRESETS:
        raise DomainError("unknown_preset", f"Le barème de crédit « {code} » n'existe pas.")
    return code


def activate_credit(session: Session, user_id: int, now: datetime) -> Deposit:
    """In the caller's transaction: the credit of the preset in force, or a DomainError saying
    in French why this young user cannot have it (profile incomplete, age, département…)."""
    user = db.lock_one(session, User, user_id)
    if user is None:
        raise NotFound("user_not_found", "Ce compte n'existe pas.")
    if user.birth_date is None or user.department_code is None:
        raise DomainError(
            "profile_incomplete",
            "Le profil n'est pas complet : date de naissance et code postal sont nécessaires.",
        )
    preset = preset_in_force()
    verdict = eligibility(user.birth_date, user.department_code, clock.to_paris(now).date(), preset)
    if not verdict.eligible:
        raise DomainError(f"not_eligible_{verdict.code}", verdict.message)
    deposit = deposits.grant_in(session, user_id, preset, now)
    notifications.credit_activated(session, user, deposit, now)
    return deposit
