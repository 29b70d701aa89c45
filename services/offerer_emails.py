"""The emails of an admin's decision on a structure (rule O2), to its members, written to
the outbox in the decision's transaction."""

from datetime import datetime

from sqlmodel import Session

from pass_culture.models import Offerer
from pass_culture.settings import get_settings
from services.notifications import _enqueue, _Mail, member_emails
from services.offerer_statuses import reason_label


def offerer_validated(session: Session, offerer: Offerer, now: datetime) -> None:
    """Rule O2: the activation email — the structure's offers can now reach young users."""
    mail = _Mail(
        member_emails(session, offerer.id),
        f"Votre structure {offerer.name} est validée",
        f"Bonjour,\n\nL'équipe pass Culture a validé votre structure « {offerer.name} » "
        f"(SIREN {offerer.siren}).\n"
        "Vos offres publiées sont désormais visibles des jeunes sur l'application.\n\n"
        f"Votre espace : {get_settings().public_url}/pro\n\nL'équipe pass Culture\n",
        "offerer_validated_pro",
    )
    _enqueue(session, now, mail)


def offerer_rejected(session: Session, offerer: Offerer, reason: str, now: datetime) -> None:
    """The structure is not accepted, with the reason chosen by the admin (its internal
    comment is not sent)."""
    mail = _Mail(
        member_emails(session, offerer.id),
        f"Votre structure {offerer.name} n'a pas été validée",
        f"Bonjour,\n\nL'équipe pass Culture n'a pas pu valider votre structure "
        f"« {offerer.name} » (SIREN {offerer.siren}).\n"
        f"Motif : {reason_label(reason)}\n\n"
        "Pour toute question, répondez à ce message.\n\nL'équipe pass Culture\n",
        "offerer_rejected_pro",
    )
    _enqueue(session, now, mail)
