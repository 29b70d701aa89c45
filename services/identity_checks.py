"""A young user's identity check by document (rule C1: the credit comes once the identity
is checked): where the young user stands in the sign-up, sending a document, and reading
one's own document back.

The document is checked by its content (services/documents.py) and written before the
transaction that records it; if that transaction refuses, the file is removed again.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import (
    Deposit,
    IdentityCheck,
    IdentityMethod,
    IdentityStatus,
    Role,
    User,
)
from services import documents
from services.credit_activation import preset_in_force
from services.eligibility import eligibility
from services.errors import DomainError, NotFound

KIND = "identity"
MAX_FILE_NAME = 255
# services/documents speaks to pros and admins (« vous »); young users are told « tu ».
_TO_THE_YOUNG = {
    "document_empty": "Ce fichier est vide : choisis ton document.",
    "document_too_large": f"Ton document ne doit pas dépasser {documents.MAX_BYTES >> 20} Mo.",
    "document_format": (
        "Ce fichier n'est pas un document PDF, JPEG ou PNG lisible : choisis un autre fichier."
    ),
}
# How long the home tells a young user their credit was just activated.
CREDIT_NEWS = timedelta(days=30)


class Step(StrEnum):
    """Where a young user is on the way to the credit, as the home shows it."""

    VERIFY_EMAIL = "verify_email"
    COMPLETE_PROFILE = "complete_profile"
    NOT_ELIGIBLE = "not_eligible"
    VERIFY_IDENTITY = "verify_identity"
    PENDING = "pending"
    REJECTED = "rejected"
    CREDITED = "credited"


@dataclass(frozen=True)
class Journey:
    step: Step
    message: str = ""  # not eligible: why; rejected: the admin's reason
    credit_amount: int = 0  # cents, credited only
    credit_until: date | None = None  # Paris date, credited only
    credit_is_news: bool = False  # activated within CREDIT_NEWS
    pending_check_id: int = 0


def journey(user_id: int, *, now: datetime | None = None) -> Journey | None:
    """The young user's step; None for an account that is not a young one (pro preview)."""
    now = now or clock.utcnow()
    with db.transaction(write=False) as session:
        user = session.get(User, user_id)
        if user is None or user.role != Role.BENEFICIARY:
            return None
        deposit = session.exec(select(Deposit).where(Deposit.user_id == user_id)).first()
        last = _last_check(session, user_id)
    if deposit is not None:
        return Journey(
            Step.CREDITED,
            credit_amount=deposit.amount,
            credit_until=clock.to_paris(deposit.expires_at).date(),
            credit_is_news=deposit.created_at > now - CREDIT_NEWS,
        )
    if user.email_validated_at is None:
        return Journey(Step.VERIFY_EMAIL)
    if user.birth_date is None or user.department_code is None:
        return Journey(Step.COMPLETE_PROFILE)
    if last is not None and last.status == IdentityStatus.PENDING:
        return Journey(Step.PENDING, pending_check_id=last.id)
    verdict = _eligibility(user, now)
    if not verdict.eligible:
        return Journey(Step.NOT_ELIGIBLE, verdict.message)
    if last is not None and last.status == IdentityStatus.REJECTED:
        return Journey(Step.REJECTED, last.rejection_reason or "")
    return Journey(Step.VERIFY_IDENTITY)


def submit_document(
    user_id: int, data: bytes, file_name: str, *, now: datetime | None = None
) -> IdentityCheck:
    """Records the document for an admin to review; refused (nothing stored) when the file
    is not a PDF/JPEG/PNG of 10 MB at most, or the young user may not send one now."""
    now = now or clock.utcnow()
    with db.transaction(write=False) as session:
        _check_may_send(session, user_id, now)
    try:
        stored = documents.store(KIND, data)
    except DomainError as refusal:
        raise DomainError(refusal.code, _TO_THE_YOUNG.get(refusal.code, refusal.message)) from None
    try:
        with db.transaction() as session:
            db.lock_one(session, User, user_id)
            _check_may_send(session, user_id, now)
            check = IdentityCheck(
                user_id=user_id,
                method=IdentityMethod.DOCUMENT,
                status=IdentityStatus.PENDING,
                document_name=stored.stored_name,
                media_type=stored.media_type,
                original_file_name=_file_name(file_name),
                created_at=now,
            )
            session.add(check)
            session.flush()
            session.refresh(check)
            return check
    except IntegrityError:  # two documents sent at the same moment: the other one won
        documents.remove(KIND, stored.stored_name)
        raise _already_pending() from None
    except BaseException:
        documents.remove(KIND, stored.stored_name)
        raise


def too_large() -> DomainError:
    return DomainError("document_too_large", _TO_THE_YOUNG["document_too_large"])


def own_document(user_id: int, check_id: int) -> tuple[Path, str]:
    """The young user's own document (file, media type); another's reads as missing."""
    with db.transaction(write=False) as session:
        check = session.get(IdentityCheck, check_id)
        if check is None or check.user_id != user_id:
            raise document_not_found()
        return document_file(check)


def document_file(check: IdentityCheck) -> tuple[Path, str]:
    path = documents.path_of(KIND, check.document_name) if check.document_name else None
    if path is None:
        raise document_not_found()
    return path, check.media_type


def document_not_found() -> NotFound:
    return NotFound("identity_document_not_found", "Ce document n'existe pas.")


# --- Helpers ---------------------------------------------------------------------------


def _last_check(session: Session, user_id: int) -> IdentityCheck | None:
    return session.exec(
        select(IdentityCheck)
        .where(IdentityCheck.user_id == user_id)
        .order_by(IdentityCheck.created_at.desc(), IdentityCheck.id.desc())
    ).first()


def _eligibility(user: User, now: datetime):
    return eligibility(
        user.birth_date, user.department_code, clock.to_paris(now).date(), preset_in_force()
    )


def _already_pending() -> DomainError:
    return DomainError(
        "identity_already_pending",
        "Ton document est déjà en cours de vérification : attends notre réponse avant d'en "
        "envoyer un autre.",
    )


def _check_may_send(session: Session, user_id: int, now: datetime) -> None:
    user = session.get(User, user_id)
    if user is None or user.role != Role.BENEFICIARY:
        raise NotFound("not_a_young_account", "Ce compte n'est pas un compte jeune.")
    if session.exec(select(Deposit.id).where(Deposit.user_id == user_id)).first() is not None:
        raise DomainError("already_beneficiary", "Tu as déjà reçu ton crédit pass Culture.")
    if user.email_validated_at is None:
        raise DomainError(
            "email_not_verified",
            "Confirme d'abord ton adresse email avec le lien que nous t'avons envoyé.",
        )
    if user.birth_date is None or user.department_code is None:
        raise DomainError(
            "profile_incomplete", "Complète d'abord ton profil : date de naissance et code postal."
        )
    verdict = _eligibility(user, now)
    if not verdict.eligible:
        raise DomainError(f"not_eligible_{verdict.code}", verdict.message)
    last = _last_check(session, user_id)
    if last is not None and last.status == IdentityStatus.PENDING:
        raise _already_pending()


def _file_name(name: str) -> str | None:
    """The device's name for the file, for the admin's eyes only (never a path)."""
    name = Path((name if isinstance(name, str) else "").replace("\\", "/")).name.strip()
    return name[:MAX_FILE_NAME] or None
