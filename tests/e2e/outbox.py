"""The emails the app queued (the outbox table), as the browser tests read them."""

import re

from sqlmodel import select

from pass_culture import db
from pass_culture.models import EmailOutbox


def templates_to(address: str) -> list[str]:
    with db.transaction(write=False) as session:
        query = select(EmailOutbox.template).where(EmailOutbox.to_address == address)
        return list(session.exec(query))


def link_path(address: str, path: str) -> str:
    """The path of the link to `path` in the last email to `address`."""
    with db.transaction(write=False) as session:
        mail = session.exec(
            select(EmailOutbox)
            .where(EmailOutbox.to_address == address)
            .order_by(EmailOutbox.id.desc())
        ).first()
    return re.search(rf"https?://[^/\s]+({re.escape(path)}\?token=\S+)", mail.body_text)[1]
