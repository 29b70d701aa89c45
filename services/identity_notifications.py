"""The identity check's email to the young user when an admin rejects the document (the
approval's email is the credit's own: notifications.credit_activated)."""

from datetime import datetime

from sqlmodel import Session

from pass_culture.models import User
from pass_culture.settings import get_settings
from services.notifications import _enqueue, _Mail


def identity_rejected(session: Session, user: User, reason: str, now: datetime) -> None:
    mail = _Mail(
        [user.email],
        "Ta vérification d'identité n'a pas abouti",
        f"Bonjour {user.first_name},\n\nNous n'avons pas pu vérifier ton identité avec le "
        f"document que tu nous as envoyé.\nMotif : {reason}\n\n"
        "Tu peux envoyer un autre document (pièce d'identité en cours de validité, lisible, "
        f"à ton nom) : {get_settings().public_url}/verification-identite\n\n"
        "L'équipe pass Culture\n",
        "identity_rejected",
    )
    _enqueue(session, now, mail)
