"""The admins' view of the outbox: what was sent to whom, its status, its text."""

from datetime import UTC, datetime

import pytest

from pass_culture import db
from pass_culture.models import EmailOutbox, Role
from services import mail_log
from services.errors import Forbidden, NotFound
from services.mail_log import MailStatus
from tests import factories

NOW = factories.NOW


def enqueue(to: str = "ines@example.fr", template: str = "booking_confirmation", **fields):
    row = EmailOutbox(
        to_address=to,
        subject=fields.pop("subject", "Votre réservation"),
        body_text=fields.pop("body_text", "Bonjour Inès,\n"),
        template=template,
        created_at=fields.pop("created_at", NOW),
        **fields,
    )
    with db.transaction() as session:
        session.add(row)
    return row


@pytest.fixture
def admin(database):
    return factories.make_user(Role.ADMIN)


def test_every_status_in_french(admin):
    enqueue("envoye@ex.fr", sent_at=datetime(2026, 3, 2, 9, 1, tzinfo=UTC), attempts=1)
    enqueue("attente@ex.fr")
    enqueue("essai@ex.fr", attempts=1, next_attempt_at=NOW + factories.MINUTE * 30)
    enqueue("du@ex.fr", attempts=1, next_attempt_at=NOW - factories.MINUTE)
    enqueue("echec@ex.fr", attempts=1, failed_at=NOW, last_error="550 5.1.1 Boîte inconnue")

    page = mail_log.list_emails(admin.id, now=NOW)

    assert [(r.to_address, r.status, r.status_label) for r in page.rows] == [
        ("echec@ex.fr", MailStatus.FAILED, "échec : 550 5.1.1 Boîte inconnue"),
        ("du@ex.fr", MailStatus.WAITING, "en attente"),  # its retry is due
        ("essai@ex.fr", MailStatus.RETRYING, "nouvel essai le 02/03/2026 à 10h30"),
        ("attente@ex.fr", MailStatus.WAITING, "en attente"),
        ("envoye@ex.fr", MailStatus.SENT, "envoyé le 02/03/2026 à 10h01"),
    ]


def test_filter_by_part_of_the_recipient_and_by_template(admin):
    enqueue("Ines.Moreau@Example.fr")
    enqueue("lieu@example.fr", "booking_new_pro")
    enqueue("ines_b@example.fr", "booking_cancelled")
    enqueue("inesXb@example.fr", "booking_cancelled")

    assert mail_log.list_emails(admin.id, recipient=" ines.moreau ").total == 1
    assert mail_log.list_emails(admin.id, recipient="ines_").total == 1  # "_" is no wildcard
    cancelled = mail_log.list_emails(admin.id, template="booking_cancelled")
    assert [r.to_address for r in cancelled.rows] == ["inesXb@example.fr", "ines_b@example.fr"]
    assert mail_log.list_emails(admin.id, recipient="ines", template="booking_new_pro").total == 0
    assert mail_log.templates_in_use(admin.id) == [
        "booking_new_pro",
        "booking_cancelled",
        "booking_confirmation",
    ]  # by their French label: « Nouvelle… », « Réservation annulée… », « …confirmée… »


def test_pages_of_twenty_most_recent_first_and_a_page_past_the_end_shows_the_last(admin):
    for n in range(mail_log.PAGE_SIZE + 3):
        enqueue(f"jeune{n}@ex.fr")

    first = mail_log.list_emails(admin.id)
    last = mail_log.list_emails(admin.id, page=99)

    assert (first.total, first.page_count, len(first.rows)) == (23, 2, 20)
    assert first.rows[0].to_address == "jeune22@ex.fr"
    assert (last.page, [r.to_address for r in last.rows]) == (
        2,
        ["jeune2@ex.fr", "jeune1@ex.fr", "jeune0@ex.fr"],
    )
    assert mail_log.list_emails(admin.id, page=-4).page == 1


def test_the_text_of_one_message(admin):
    row = enqueue(body_text="Bonjour Inès,\n\nVotre contremarque : ABC123\n")

    detail = mail_log.email_detail(admin.id, row.id)

    assert detail.body_text == "Bonjour Inès,\n\nVotre contremarque : ABC123\n"
    assert (detail.to_address, detail.subject, detail.status) == (
        "ines@example.fr",
        "Votre réservation",
        MailStatus.WAITING,
    )
    with pytest.raises(NotFound):
        mail_log.email_detail(admin.id, row.id + 1)


@pytest.mark.parametrize("role", [Role.PRO, Role.BENEFICIARY])
def test_only_admins_read_the_emails(database, role):
    row = enqueue()
    someone = factories.make_user(role)
    inactive_admin = factories.make_user(Role.ADMIN, is_active=False)

    for user in (someone, inactive_admin):
        with pytest.raises(Forbidden) as refused:
            mail_log.list_emails(user.id)
        assert refused.value.message == "Cette page est réservée aux administrateurs."
        with pytest.raises(Forbidden):
            mail_log.email_detail(user.id, row.id)
        with pytest.raises(Forbidden):
            mail_log.templates_in_use(user.id)
