"""Two processes sending the outbox at once (two threads here, each with its own
transactions and SMTP connection): each message reaches the server exactly once. The
twin with the claim's row locks off shows both senders taking the same rows."""

from collections import Counter
from functools import partial

import pytest

from pass_culture import db
from pass_culture.models import EmailOutbox
from services import mail_delivery
from tests.postgres.race import run_together, widened_race_window
from tests.smtp import smtp_server, smtp_settings

ROWS = 12


@pytest.fixture
def smtp(monkeypatch):
    with smtp_server() as (inbox, port):
        with smtp_settings(monkeypatch, SMTP_HOST="127.0.0.1", SMTP_PORT=str(port)):
            yield inbox


def fill_outbox() -> None:
    with db.transaction() as session:
        for n in range(ROWS):
            session.add(
                EmailOutbox(
                    to_address=f"jeune{n}@example.fr",
                    subject="Votre réservation",
                    body_text="Bonjour,\n",
                    template="booking_confirmation",
                )
            )


def two_senders_at_once() -> list[int]:
    """How many messages each sender sent."""
    send = partial(mail_delivery.send_due_emails, batch_size=2)
    with widened_race_window():
        outcomes = run_together([send, send])
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    return [o.result.sent for o in outcomes]


def test_two_senders_send_each_message_exactly_once(database, smtp):
    fill_outbox()

    sent = two_senders_at_once()

    if not db.is_sqlite():
        # Both took part: SKIP LOCKED shares the rows out. SQLite serialises writers, so on
        # a loaded machine one sender may claim every batch before the other starts.
        assert all(sent), sent
    copies = Counter(smtp.message_ids())
    assert len(copies) == ROWS
    assert set(copies.values()) == {1}
    assert mail_delivery.waiting_count() == 0


def test_without_the_claim_locks_messages_go_twice(postgres, smtp):
    db.locking_enabled = False
    fill_outbox()

    two_senders_at_once()

    copies = Counter(smtp.message_ids())
    assert len(copies) == ROWS
    assert max(copies.values()) == 2
