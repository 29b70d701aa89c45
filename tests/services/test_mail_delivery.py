"""The outbox goes out over SMTP to a real local server (aiosmtpd): headers, both parts,
links, retries with backoff, refusals, a crash mid-batch, STARTTLS/TLS and sign-in."""

import logging
from datetime import timedelta

import pytest
from sqlmodel import col, select, update

from jobs.registry import load_jobs, run_job
from pass_culture import clock, db
from pass_culture.models import EmailOutbox
from pass_culture.settings import get_settings
from services import bookings, mail_delivery, mail_templates
from tests import factories
from tests.smtp import (
    PASSWORD,
    USER,
    free_port,
    self_signed_certificate,
    server_tls_context,
    smtp_server,
    smtp_settings,
)

PUBLIC_URL = "https://pass.example.fr"


@pytest.fixture
def smtp(monkeypatch):
    """A local SMTP server and settings pointing at it."""
    with smtp_server() as (inbox, port):
        with smtp_settings(
            monkeypatch, SMTP_HOST="127.0.0.1", SMTP_PORT=str(port), PUBLIC_URL=PUBLIC_URL
        ):
            yield inbox


def enqueue(to: str = "ines@example.fr", *, template: str = "booking_confirmation", **fields):
    row = EmailOutbox(
        to_address=to,
        subject=fields.pop("subject", "Votre réservation"),
        body_text=fields.pop("body_text", "Bonjour Inès,\n\nÀ bientôt.\n"),
        template=template,
        **fields,
    )
    with db.transaction() as session:
        session.add(row)
    return row


def rows() -> list[EmailOutbox]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(EmailOutbox).order_by(EmailOutbox.id)))


def make_due_now(*ids: int) -> None:
    """The retry delay or the dead sender's lease has run out."""
    past = clock.utcnow() - timedelta(seconds=1)
    with db.transaction() as session:
        session.exec(
            update(EmailOutbox)
            .where(col(EmailOutbox.id).in_(ids))
            .values(next_attempt_at=past, claimed_until=past)
        )


def test_a_booking_email_reaches_the_smtp_server_with_both_parts(database, smtp):  # rule B4
    young, _ = factories.make_beneficiary(first_name="Inès", last_name="Lefèvre")
    venue = factories.make_venue(public_name="Théâtre de l'Œuvre", booking_email="lieu@ex.fr")
    stock = factories.make_stock(factories.make_offer(venue, name="Les Misérables & co"))
    booking = bookings.book(young.id, stock.id)

    report = mail_delivery.send_due_emails()

    assert (report.sent, report.retrying, report.failed) == (2, 0, 0)
    to_young = next(r for r in smtp.received if r.rcpt_tos == [young.email])
    message = to_young.message
    assert to_young.mail_from == "ne-pas-repondre@passculture.local"
    assert message["From"] == get_settings().mail_from
    assert message["To"] == young.email
    assert message["Subject"] == "Votre réservation : Les Misérables & co"
    row = next(r for r in rows() if r.to_address == young.email)
    assert message["Message-ID"] == mail_templates.message_id(row, get_settings())
    assert message["Date"].datetime == row.created_at.replace(microsecond=0)
    assert message.get_content_type() == "multipart/alternative"
    text, html = (part for part in message.iter_parts())
    assert (text.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    assert text.get_content_charset() == html.get_content_charset() == "utf-8"
    assert "Bonjour Inès,\n\nVotre réservation de « Les Misérables & co »" in text.get_content()
    assert booking.code in text.get_content() and booking.code in html.get_content()
    assert f"Vos réservations : {PUBLIC_URL}/reservations" in text.get_content()
    assert "pass Culture</div>" in html.get_content()
    assert "Les Misérables &amp; co" in html.get_content()
    assert f'<a href="{PUBLIC_URL}/reservations"' in html.get_content()
    to_pro = next(r for r in smtp.received if r.rcpt_tos == ["lieu@ex.fr"]).message
    assert f'<a href="{PUBLIC_URL}/pro"' in to_pro.get_body(("html",)).get_content()
    assert all(r.sent_at and r.attempts == 1 and r.claim_token is None for r in rows())


def test_a_second_run_sends_nothing_again(database, smtp):
    enqueue()
    mail_delivery.send_due_emails()

    report = mail_delivery.send_due_emails()

    assert report.sent == 0
    assert len(smtp.received) == 1


def test_a_temporary_refusal_is_retried_after_a_growing_delay(database, smtp):
    smtp.answers["ines@example.fr"] = "451 4.3.0 Réessayez plus tard"
    row = enqueue()
    before = clock.utcnow()

    report = mail_delivery.send_due_emails()

    (waiting,) = rows()
    assert (report.sent, report.retrying) == (0, 1)
    assert waiting.sent_at is None and waiting.failed_at is None
    assert waiting.attempts == 1 and waiting.last_error == "451 4.3.0 Réessayez plus tard"
    assert before + mail_delivery.FIRST_RETRY <= waiting.next_attempt_at
    assert waiting.next_attempt_at <= clock.utcnow() + mail_delivery.FIRST_RETRY
    assert mail_delivery.send_due_emails().retrying == 0  # not due yet: not even tried

    make_due_now(row.id)
    mail_delivery.send_due_emails()
    assert rows()[0].attempts == 2
    assert rows()[0].next_attempt_at >= clock.utcnow() + mail_delivery.FIRST_RETRY  # 2 min

    del smtp.answers["ines@example.fr"]
    make_due_now(row.id)
    assert mail_delivery.send_due_emails().sent == 1
    (sent,) = rows()
    assert sent.sent_at is not None and sent.attempts == 3 and sent.last_error is None
    assert len(smtp.received) == 1


def test_the_delay_doubles_up_to_a_ceiling():
    delays = [mail_delivery.retry_delay(n) for n in range(1, 12)]
    assert delays[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert delays[-1] == mail_delivery.MAX_RETRY_DELAY
    assert delays == sorted(delays)


def test_a_temporary_failure_on_the_last_attempt_gives_up(database, smtp):
    smtp.answers["ines@example.fr"] = "421 4.7.0 Trop de connexions"
    enqueue(attempts=mail_delivery.MAX_ATTEMPTS - 1)

    report = mail_delivery.send_due_emails()

    (given_up,) = rows()
    assert report.failed == 1
    assert given_up.failed_at is not None and given_up.attempts == mail_delivery.MAX_ATTEMPTS
    assert given_up.last_error == "421 4.7.0 Trop de connexions"


def test_a_permanent_refusal_gives_up_and_the_batch_goes_on(database, smtp):
    smtp.answers["inconnu@example.fr"] = "550 5.1.1 Boîte aux lettres inconnue"
    enqueue("inconnu@example.fr")
    enqueue("ines@example.fr")

    report = mail_delivery.send_due_emails()

    refused, sent = rows()
    assert (report.sent, report.failed) == (1, 1)
    assert refused.failed_at is not None and refused.next_attempt_at is None
    assert refused.last_error == "550 5.1.1 Boîte aux lettres inconnue"
    assert sent.sent_at is not None
    make_due_now(refused.id)  # given up for good, whatever the delays say
    assert mail_delivery.send_due_emails().sent == 0
    assert [r.rcpt_tos for r in smtp.received] == [["ines@example.fr"]]


def test_a_server_that_refuses_connections_means_try_again_later(database, monkeypatch):
    enqueue("a@example.fr")
    enqueue("b@example.fr")
    with smtp_settings(monkeypatch, SMTP_HOST="127.0.0.1", SMTP_PORT=str(free_port())):
        report = mail_delivery.send_due_emails()

    assert report.retrying == 2
    for row in rows():
        assert row.sent_at is None and row.failed_at is None and row.attempts == 1
        assert row.next_attempt_at is not None
        assert row.last_error.startswith("Serveur SMTP injoignable")


def test_without_smtp_host_nothing_is_sent_and_the_outbox_waits(database):
    enqueue()

    report = mail_delivery.send_due_emails()

    assert report.summary == "SMTP non configuré (SMTP_HOST) : 1 emails en attente."
    assert rows()[0].attempts == 0


class Crash(BaseException):
    """The process dies (not an error the sender could handle)."""


def test_a_crash_mid_batch_resends_only_the_message_in_flight(database, smtp, monkeypatch):
    enqueue("a@ex.fr")
    in_flight, untouched = enqueue("b@ex.fr"), enqueue("c@ex.fr")
    finish = mail_delivery._finish
    calls = []

    def crash_on_second_mark(row, token, **values):
        calls.append(row.id)
        if len(calls) == 2:  # b was accepted by the server, the process dies before the mark
            raise Crash
        return finish(row, token, **values)

    monkeypatch.setattr(mail_delivery, "_finish", crash_on_second_mark)
    with pytest.raises(Crash):
        mail_delivery.send_due_emails()
    monkeypatch.setattr(mail_delivery, "_finish", finish)

    # While the dead sender's lease runs, nobody takes its rows.
    assert mail_delivery.send_due_emails().sent == 0
    make_due_now(in_flight.id, untouched.id)
    assert mail_delivery.send_due_emails().sent == 2

    ids = smtp.message_ids()
    by_row = {row.to_address: mail_templates.message_id(row, get_settings()) for row in rows()}
    assert ids.count(by_row["a@ex.fr"]) == 1
    assert ids.count(by_row["c@ex.fr"]) == 1
    # At least once: the message in flight went twice, recognisable by its Message-ID.
    assert ids.count(by_row["b@ex.fr"]) == 2
    assert all(r.sent_at is not None for r in rows())


def test_starttls_and_sign_in(database, monkeypatch, tmp_path, caplog):
    cert, key = self_signed_certificate(tmp_path)
    with smtp_server(tls_context=server_tls_context(cert, key), require_starttls=True) as (
        inbox,
        port,
    ):
        with smtp_settings(
            monkeypatch,
            SMTP_HOST="127.0.0.1",
            SMTP_PORT=str(port),
            SMTP_SECURITY="starttls",
            SMTP_USER=USER,
            SMTP_PASSWORD=PASSWORD,
            SSL_CERT_FILE=str(cert),
        ):
            enqueue()
            with caplog.at_level(logging.DEBUG):
                report = mail_delivery.send_due_emails()
            assert PASSWORD not in repr(get_settings())

    assert report.sent == 1 and inbox.logins == [USER]
    assert PASSWORD not in caplog.text


def test_tls_from_the_first_byte(database, monkeypatch, tmp_path):
    cert, key = self_signed_certificate(tmp_path)
    with smtp_server(ssl_context=server_tls_context(cert, key)) as (inbox, port):
        with smtp_settings(
            monkeypatch,
            SMTP_HOST="127.0.0.1",
            SMTP_PORT=str(port),
            SMTP_SECURITY="tls",
            SSL_CERT_FILE=str(cert),
        ):
            enqueue()
            assert mail_delivery.send_due_emails().sent == 1
    assert len(inbox.received) == 1


def test_a_wrong_password_is_a_temporary_failure_that_keeps_the_password_secret(
    database, monkeypatch
):
    with smtp_server() as (inbox, port):
        with smtp_settings(
            monkeypatch,
            SMTP_HOST="127.0.0.1",
            SMTP_PORT=str(port),
            SMTP_USER=USER,
            SMTP_PASSWORD="pas-le-bon-mot",  # noqa: S106
        ):
            enqueue()
            report = mail_delivery.send_due_emails()

    (row,) = rows()
    assert report.retrying == 1 and inbox.received == []
    assert row.last_error.startswith("535") and "pas-le-bon-mot" not in row.last_error


def test_the_job_sends_and_says_what_it_did(database, smtp):
    enqueue()
    load_jobs()

    run = run_job("send_emails", holder="h")

    assert run.status == "success"
    assert run.detail == "Emails envoyés : 1 ; nouvel essai plus tard : 0 ; abandonnés : 0."


def test_a_server_closing_with_421_leaves_the_rest_of_the_batch_for_later(database, smtp):
    smtp.answers["a@example.fr"] = "421 4.7.0 Trop de connexions, au revoir"
    enqueue("a@example.fr")
    enqueue("b@example.fr")

    report = mail_delivery.send_due_emails()

    assert (report.sent, report.retrying) == (0, 2)
    assert {r.last_error for r in rows()} == {"421 4.7.0 Trop de connexions, au revoir"}
    assert all(r.next_attempt_at is not None and r.failed_at is None for r in rows())


def test_a_message_that_cannot_be_written_is_given_up_and_the_batch_goes_on(database, smtp):
    enqueue("a@example.fr\nBcc: tous@example.fr")
    enqueue("b@example.fr")

    report = mail_delivery.send_due_emails()

    broken, sent = rows()
    assert (report.sent, report.failed) == (1, 1)
    assert broken.failed_at is not None
    assert broken.last_error.startswith("Email impossible à écrire")
    assert sent.sent_at is not None
    assert [r.rcpt_tos for r in smtp.received] == [["b@example.fr"]]
