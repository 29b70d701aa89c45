"""The admin's decision on a structure's bank details (rule O5), to its members, written
to the outbox in the decision's transaction (sent after commit by jobs/send_emails.py)."""

from datetime import datetime

from sqlmodel import Session

from pass_culture.models import BankAccount, BankAccountStatus
from pass_culture.settings import get_settings
from services.notifications import _enqueue, _Mail, member_emails


def bank_account_decided(session: Session, account: BankAccount, now: datetime) -> None:
    ending = f"{account.iban[-4:]}"
    if account.status == BankAccountStatus.ACCEPTED:
        subject = "Vos coordonnées bancaires sont validées"
        what = (
            "sont validées. Les lieux rattachés à ce compte seront remboursés sur celui-ci, "
            "y compris pour les réservations déjà utilisées."
        )
        template = "bank_account_accepted"
    else:
        subject = "Vos coordonnées bancaires sont refusées"
        what = (
            f"sont refusées.\nMessage de l'équipe pass Culture : {account.rejection_message}\n"
            "Vous pouvez les corriger puis les soumettre à nouveau."
        )
        template = "bank_account_rejected"
    mail = _Mail(
        member_emails(session, account.offerer_id),
        f"{subject} : {account.label}",
        f"Bonjour,\n\nLes coordonnées bancaires « {account.label} » (IBAN se terminant par "
        f"{ending}) {what}\n\n"
        f"Vos coordonnées bancaires : {get_settings().public_url}/pro/coordonnees-bancaires\n\n"
        "L'équipe pass Culture\n",
        template,
    )
    _enqueue(session, now, mail)
