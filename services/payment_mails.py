"""« Votre justificatif de remboursement est disponible » (P6), to the structure's members,
written to the outbox in the payment run's transaction (sent after commit)."""

from datetime import datetime

from sqlmodel import Session

from pass_culture.models import Payment
from pass_culture.settings import get_settings
from services.formatting import euros, long_date
from services.notifications import _enqueue, _Mail, member_emails


def statements_available(session: Session, payments: list[Payment], now: datetime) -> None:
    link = f"{get_settings().public_url}/pro/remboursements"
    recipients: dict[int, list[str]] = {}
    mails = []
    for payment in payments:
        if payment.offerer_id not in recipients:
            recipients[payment.offerer_id] = member_emails(session, payment.offerer_id)
        mails.append(
            _Mail(
                recipients[payment.offerer_id],
                f"Votre justificatif de remboursement est disponible : {payment.reference}",
                "Bonjour,\n\n"
                f"Le virement de {euros(payment.amount)} pour {payment.booking_count} "
                f"réservation(s) utilisée(s) avant le {long_date(payment.cutoff)} est en "
                f"cours ; son justificatif n°{payment.reference} est disponible.\n\n"
                f"Suivi des remboursements : {link}\n\n"
                "L'équipe pass Culture\n",
                "statement_available",
            )
        )
    _enqueue(session, now, *mails)
