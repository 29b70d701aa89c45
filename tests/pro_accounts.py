"""Helpers of the pro account tests: the outbox, the links in its emails, a valid form."""

import re
from urllib.parse import unquote

from sqlmodel import select

from pass_culture import db
from pass_culture.models import EmailOutbox, User
from tests import factories

PRO_FORM = {
    "email": "Claire.Dupont@Librairie-Exemple.fr",
    "password": factories.PASSWORD,
    "first_name": "Claire",
    "last_name": "Dupont",
    "phone": "01 23 45 67 89",
    "siren": "",  # filled by each test: a fresh Luhn-valid number
    "structure_name": "Librairie des Quais",
}


def form(**fields) -> dict[str, str]:
    return PRO_FORM | {"siren": factories.luhn_number("7", 9)} | fields


def mails(address: str) -> list[EmailOutbox]:
    with db.transaction(write=False) as session:
        return list(
            session.exec(
                select(EmailOutbox)
                .where(EmailOutbox.to_address == address)
                .order_by(EmailOutbox.id)
            )
        )


def link_token(mail: EmailOutbox, path: str) -> str:
    """The token of the link to `path` (e.g. "/pro/inscription/verification") in a mail."""
    return unquote(re.search(re.escape(path) + r"\?token=(\S+)", mail.body_text)[1])


def user(email: str) -> User | None:
    with db.transaction(write=False) as session:
        return session.exec(select(User).where(User.email == email)).first()
