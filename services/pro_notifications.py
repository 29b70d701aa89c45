"""The pros' account emails: sign-up verification, join requests (rule O4) and team
invitations, written to the outbox in the caller's transaction (sent after commit)."""

from datetime import datetime, timedelta

from sqlmodel import Session

from pass_culture.settings import get_settings
from services import policy
from services.notifications import _enqueue, _Mail, member_emails

_SIGNATURE = "\n\nL'équipe pass Culture\n"


def _structure_page() -> str:
    return f"{get_settings().public_url}/pro/structure"


def signup_verification(session: Session, email: str, link: str, now: datetime) -> None:
    """Rule O2: the link that verifies a new pro's address."""
    hours = policy.SIGNUP_LINK_VALIDITY // timedelta(hours=1)
    mail = _Mail(
        [email],
        "Confirmez votre adresse email",
        "Bonjour,\n\nBienvenue dans l'espace professionnel du pass Culture ! Pour confirmer "
        f"votre adresse email, ouvrez ce lien :\n{link}\n\n"
        f"Il est valable {hours} heures et ne sert qu'une fois. Vous pourrez ensuite vous "
        f"connecter. Si vous n'avez pas demandé à vous inscrire, ignorez cet email.{_SIGNATURE}",
        "pro_signup_verification",
    )
    _enqueue(session, now, mail)


def signup_existing_account(session: Session, email: str, now: datetime) -> None:
    """Someone signed up as a pro with an address that already has an account."""
    base = get_settings().public_url
    mail = _Mail(
        [email],
        "Tentative d'inscription avec votre adresse email",
        "Bonjour,\n\nQuelqu'un a essayé de créer un compte professionnel pass Culture avec "
        "votre adresse email, qui en a déjà un.\n\n"
        f"Si c'est vous, connectez-vous avec votre mot de passe : {base}/pro/connexion\n"
        f"Sinon, vous n'avez rien à faire : votre compte n'a pas changé.{_SIGNATURE}",
        "pro_signup_existing_account",
    )
    _enqueue(session, now, mail)


def membership_requested(
    session: Session, offerer_id: int, offerer_name: str, requester: str, now: datetime
) -> None:
    """Rule O4: the structure's validated members learn of a request to join it."""
    mail = _Mail(
        member_emails(session, offerer_id),
        f"Demande de rattachement à {offerer_name}",
        f"Bonjour,\n\n{requester} demande à rejoindre votre structure « {offerer_name} » "
        "sur le pass Culture.\n\nAcceptez ou refusez la demande dans la section Équipe : "
        f"{_structure_page()}{_SIGNATURE}",
        "pro_membership_requested",
    )
    _enqueue(session, now, mail)


def membership_decided(
    session: Session,
    email: str,
    offerer_name: str,
    accepted: bool,
    reason: str | None,
    now: datetime,
) -> None:
    """Rule O4: the requester learns the decision (and why, when refused with a reason)."""
    if accepted:
        subject = f"Vous avez rejoint {offerer_name}"
        body = (
            f"Votre demande de rattachement à « {offerer_name} » est acceptée : vous pouvez "
            f"gérer ses lieux, ses offres et ses réservations.\n{_structure_page()}"
        )
    else:
        subject = f"Demande de rattachement à {offerer_name} refusée"
        motive = f"\nMotif : {reason}" if reason else ""
        body = f"Votre demande de rattachement à « {offerer_name} » est refusée.{motive}"
    mail = _Mail([email], subject, f"Bonjour,\n\n{body}{_SIGNATURE}", "pro_membership_decided")
    _enqueue(session, now, mail)


def invitation(
    session: Session, email: str, offerer_name: str, inviter: str, link: str, now: datetime
) -> None:
    """A validated member invites a colleague: the single-use, expiring link."""
    days = policy.PRO_INVITATION_VALIDITY.days
    mail = _Mail(
        [email],
        f"Invitation à rejoindre {offerer_name} sur le pass Culture",
        f"Bonjour,\n\n{inviter} vous invite à rejoindre la structure « {offerer_name} » "
        "dans l'espace professionnel du pass Culture.\n\n"
        f"Pour accepter, ouvrez ce lien (valable {days} jours, une seule fois) :\n{link}\n\n"
        "Vous pourrez créer votre compte ou vous connecter au vôtre. Si vous ne connaissez "
        f"pas cette structure, ignorez cet email.{_SIGNATURE}",
        "pro_invitation",
    )
    _enqueue(session, now, mail)
