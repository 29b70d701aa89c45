"""Job: send the email outbox over SMTP."""

from jobs.registry import job
from services import mail_delivery


@job("send_emails", "Envoie les emails en attente", trigger="interval", minutes=1)
def send_emails() -> str:
    return mail_delivery.send_due_emails().summary
