"""Sending the email outbox over SMTP: claim, send, mark; retries with backoff.

Each run takes the due rows in small batches. A batch is first **claimed** in one
transaction (the rows get this run's token and a lease, `claimed_until`): on PostgreSQL
the due rows are read `FOR UPDATE SKIP LOCKED`, so two processes claiming at once take
different rows; on SQLite the write transaction (BEGIN IMMEDIATE) already serialises
claimers. Then each message is sent and, in its own transaction, marked sent (or failed,
or due again later). A row claimed by a live sender is never taken by another one. (Only
the elected scheduler runs the job, but a takeover or a run by hand from the CLI can
overlap it; process clocks must agree to well within the lease.)

What is guaranteed, honestly:
- no row is sent twice by two processes, and a crash mid-batch never resends the rows
  already marked sent; the rows claimed but not sent yet are taken again once the lease
  has run out;
- the one message in flight during a crash (accepted by the SMTP server, not yet marked)
  is sent again after the lease: delivery is **at least once**, never lost. The resend
  carries the same Message-ID (services/mail_templates.py), so mail systems and people can
  recognise it as the same message. We prefer a rare duplicate to a lost booking code.
"""

import logging
import secrets
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.errors import MessageError
from email.utils import parseaddr

from sqlmodel import col, func, or_, select, update

from pass_culture import clock, db
from pass_culture.models import EmailOutbox
from pass_culture.settings import Settings, get_settings
from services import mail_templates

logger = logging.getLogger(__name__)

BATCH_SIZE = 20
# Longer than a batch can take (BATCH_SIZE × SMTP timeout): a live sender keeps its rows.
LEASE = timedelta(minutes=15)
FIRST_RETRY = timedelta(minutes=1)  # then 2, 4, 8… minutes
MAX_RETRY_DELAY = timedelta(hours=6)
MAX_ATTEMPTS = 10


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    # Without SMTP_HOST nothing is sent: the outbox stays readable in the admin.
    not_configured: bool = False
    waiting: int = 0

    @property
    def summary(self) -> str:
        if self.not_configured:
            return f"SMTP non configuré (SMTP_HOST) : {self.waiting} emails en attente."
        return (
            f"Emails envoyés : {self.sent} ; nouvel essai plus tard : {self.retrying} ; "
            f"abandonnés : {self.failed}."
        )


@dataclass(frozen=True)
class SendFailure:
    """Why one message did not go: `permanent` for a 5xx answer about this message;
    `connection` when the server could not be reached or dropped the connection (the
    rest of the batch waits for the next run)."""

    message: str
    permanent: bool = False
    connection: bool = False


class _Failed(Exception):
    def __init__(self, failure: SendFailure):
        super().__init__(failure.message)
        self.failure = failure


class _ConnectionFailed(_Failed):
    """No connection: the message and the rest of its batch wait for the next run."""


class _Refused(_Failed):
    """The server refused this message."""


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff after the `attempts`-th failed attempt."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), MAX_RETRY_DELAY)


def _due(now: datetime):
    return (
        col(EmailOutbox.sent_at).is_(None),
        col(EmailOutbox.failed_at).is_(None),
        or_(col(EmailOutbox.next_attempt_at).is_(None), col(EmailOutbox.next_attempt_at) <= now),
        or_(col(EmailOutbox.claimed_until).is_(None), col(EmailOutbox.claimed_until) <= now),
    )


def claim(token: str, now: datetime, limit: int = BATCH_SIZE) -> list[EmailOutbox]:
    """Claim up to `limit` due rows, oldest first, for the sender holding `token`."""
    query = select(EmailOutbox.id).where(*_due(now)).order_by(col(EmailOutbox.id)).limit(limit)
    if db.locking_enabled:  # off only in the test proving that the claim is needed
        query = query.with_for_update(skip_locked=True)
    with db.transaction() as session:
        ids = list(session.exec(query))
        if not ids:
            return []
        session.exec(
            update(EmailOutbox)
            .where(col(EmailOutbox.id).in_(ids))
            .values(claim_token=token, claimed_until=now + LEASE)
        )
        return list(
            session.exec(
                select(EmailOutbox).where(col(EmailOutbox.id).in_(ids)).order_by(EmailOutbox.id)
            )
        )


def _finish(row: EmailOutbox, token: str, **values) -> bool:
    """Write the outcome of one attempt, if the row is still ours."""
    with db.transaction() as session:
        done = session.exec(
            update(EmailOutbox)
            .where(col(EmailOutbox.id) == row.id, col(EmailOutbox.claim_token) == token)
            .values(
                claim_token=None,
                claimed_until=None,
                attempts=col(EmailOutbox.attempts) + 1,
                **values,
            )
        )
    if done.rowcount != 1:
        logger.warning("email %s: claim lost before its outcome was written", row.id)
    return done.rowcount == 1


def _record_failure(
    row: EmailOutbox, token: str, failure: SendFailure, report: DeliveryReport
) -> None:
    """Give the row up (permanent failure, or the last attempt) or set its next attempt."""
    now = clock.utcnow()
    attempts = row.attempts + 1
    if failure.permanent or attempts >= MAX_ATTEMPTS:
        _finish(row, token, failed_at=now, next_attempt_at=None, last_error=failure.message)
        report.failed += 1
    else:
        next_attempt_at = now + retry_delay(attempts)
        _finish(row, token, next_attempt_at=next_attempt_at, last_error=failure.message)
        report.retrying += 1


def _answer(code: int, text: bytes | str) -> SendFailure:
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    # 421: the server is closing the connection.
    return SendFailure(
        f"{code} {text}".strip(), permanent=500 <= code < 600, connection=code == 421
    )


def classify(error: Exception) -> SendFailure:
    """An SMTP or network error as a failure: 5xx permanent, 4xx and network temporary."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()))
        return _answer(code, text)
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return SendFailure(f"Connexion SMTP interrompue : {error}", connection=True)
    if isinstance(error, smtplib.SMTPResponseException):
        return _answer(error.smtp_code, error.smtp_error)
    return SendFailure(f"Serveur SMTP injoignable : {error}", connection=True)


def open_connection(settings: Settings) -> smtplib.SMTP:
    """A connection to the configured server, secured and signed in as the settings say."""
    timeout = settings.smtp_timeout_seconds
    if settings.smtp_security == "tls":
        connection = smtplib.SMTP_SSL(
            settings.smtp_host, settings.smtp_port, timeout=timeout,
            context=ssl.create_default_context(),
        )  # fmt: skip
    else:
        connection = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout)
    try:
        if settings.smtp_security == "starttls":
            connection.starttls(context=ssl.create_default_context())
        if settings.smtp_user:
            password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
            connection.login(settings.smtp_user, password)
    except BaseException:
        connection.close()
        raise
    return connection


class _Sender:
    """One SMTP connection per run, opened at the first message."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.sender_address = parseaddr(settings.mail_from)[1]
        self.connection: smtplib.SMTP | None = None

    def send(self, row: EmailOutbox) -> None:
        if self.connection is None:
            try:
                self.connection = open_connection(self.settings)
            except (OSError, smtplib.SMTPException) as error:
                failure = classify(error)
                raise _ConnectionFailed(SendFailure(failure.message, connection=True)) from error
        try:
            message = mail_templates.render(row, self.settings)
        except (ValueError, MessageError) as error:  # e.g. a line break in an address
            failure = SendFailure(f"Email impossible à écrire : {error}", permanent=True)
            raise _Refused(failure) from error
        try:
            # On a refusal smtplib resets the transaction itself (or closes on a 421).
            self.connection.send_message(message, self.sender_address, [row.to_address])
        except (OSError, smtplib.SMTPException) as error:
            failure = classify(error)
            if failure.connection:
                self.close()
                raise _ConnectionFailed(failure) from error
            raise _Refused(failure) from error

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except (OSError, smtplib.SMTPException):
                self.connection.close()
            self.connection = None


def _send_batch(sender: _Sender, rows: list[EmailOutbox], token: str, report: DeliveryReport):
    """Send claimed rows in order; False when the connection failed (stop the run)."""
    for index, row in enumerate(rows):
        if clock.utcnow() >= row.claimed_until:
            return True  # the lease ran out: these rows may be another sender's now
        try:
            sender.send(row)
        except _ConnectionFailed as failed:
            for waiting in rows[index:]:
                _record_failure(waiting, token, failed.failure, report)
            return False
        except _Refused as refused:
            _record_failure(row, token, refused.failure, report)
            continue
        _finish(row, token, sent_at=clock.utcnow(), next_attempt_at=None, last_error=None)
        report.sent += 1
    return True


def waiting_count() -> int:
    """Rows neither sent nor given up."""
    query = (
        select(func.count())
        .select_from(EmailOutbox)
        .where(col(EmailOutbox.sent_at).is_(None), col(EmailOutbox.failed_at).is_(None))
    )
    with db.transaction(write=False) as session:
        return session.exec(query).one()


def is_configured() -> bool:
    """Whether an SMTP server is set (SMTP_HOST): without one the outbox only waits."""
    return bool(get_settings().smtp_host)


def send_due_emails(*, batch_size: int = BATCH_SIZE) -> DeliveryReport:
    """Send every due row of the outbox (the job `send_emails`)."""
    settings = get_settings()
    if not is_configured():
        return DeliveryReport(not_configured=True, waiting=waiting_count())
    report = DeliveryReport()
    sender = _Sender(settings)
    try:
        while True:
            token = secrets.token_hex(16)
            rows = claim(token, clock.utcnow(), batch_size)
            if not rows or not _send_batch(sender, rows, token, report):
                break
    finally:
        sender.close()
    return report
