"""Who may see and act on a structure's data (rule O7)."""

from sqlmodel import Session, select

from pass_culture.models import Role, User, UserOfferer, ValidationStatus
from services.errors import NotFound


def offerer_ids_of(session: Session, user_id: int) -> set[int]:
    """The structures a pro belongs to: validated memberships only (O4: joining needs
    acceptance)."""
    return set(
        session.exec(
            select(UserOfferer.offerer_id).where(
                UserOfferer.user_id == user_id,
                UserOfferer.status == ValidationStatus.VALIDATED,
            )
        )
    )


def check_offerer_access(session: Session, user: User | None, offerer_id: int) -> None:
    """Rule O7: admins pass; anyone else must be a validated member of the structure.

    The refusal is NotFound, worded as for a structure that does not exist, so that
    nobody learns that another structure's ids exist.
    """
    if user is not None and user.is_active:
        if user.role == Role.ADMIN:
            return
        if user.role == Role.PRO and offerer_id in offerer_ids_of(session, user.id):
            return
    raise NotFound("offerer_not_found", "Cette structure n'existe pas.")
