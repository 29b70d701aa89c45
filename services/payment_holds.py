"""An admin holds a bank account's payments (issue 10 point 6, rules P4, O5): while held,
payment runs skip the account and its venues' bookings wait; once released, the next run
pays them, retroactively. Only an accepted account is paid, so only one can be held.

Each change locks the account row (a payment run locks it too, and reads the hold under
that lock: a hold waits for the chunk at work, or that chunk skips the account) and is
written to the audit log in the same transaction. Holding a held account or releasing a
paid one is refused, so that two admins at once make one change and one entry.
"""

from datetime import datetime

from pass_culture import clock, db
from pass_culture.models import BankAccount, BankAccountStatus, Offerer
from services import audit
from services.audit import AuditAction
from services.bank_accounts import masked_iban
from services.errors import DomainError, NotFound
from services.formatting import paris_datetime, thousands

REASON_MAX = 1000  # the reason dialog's field takes as much
PAID = "Paiements versés"
HELD = "Paiements suspendus"


def check_reason(reason: str | None) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError(
            "hold_reason_required", "Indiquez pourquoi les paiements de ce compte sont suspendus."
        )
    if len(reason) > REASON_MAX:
        limit = thousands(REASON_MAX)
        raise DomainError(
            "hold_reason_too_long", f"Le motif ne doit pas dépasser {limit} caractères."
        )
    return reason


def _change(
    admin_id: int, account_id: int, holding: bool, reason: str | None, now: datetime
) -> BankAccount:
    """Hold (with its reason) or release the account's payments, logged."""
    with db.transaction() as session:
        admin = audit.check_admin(session, admin_id)
        if holding:
            reason = check_reason(reason)
        account = db.lock_one(session, BankAccount, account_id)
        if account is None:
            raise NotFound("bank_account_not_found", "Ce compte bancaire n'existe pas.")
        if account.status != BankAccountStatus.ACCEPTED:
            raise DomainError(
                "bank_account_not_accepted",
                "Ce compte bancaire n'est pas validé : il n'est pas payé, ses paiements ne se "
                "suspendent pas.",
            )
        if holding and account.payments_held_at is not None:
            raise DomainError(
                "payments_already_held",
                "Les paiements de ce compte sont déjà suspendus depuis le "
                f"{paris_datetime(account.payments_held_at)}.",
            )
        if not holding and account.payments_held_at is None:
            raise DomainError(
                "payments_not_held", "Les paiements de ce compte ne sont pas suspendus."
            )
        offerer = session.get(Offerer, account.offerer_id)
        details = {
            "structure": f"{offerer.name} (SIREN {offerer.siren})",
            "compte": account.label,
            "iban": masked_iban(account.iban),
            "before": PAID if holding else HELD,
            "after": HELD if holding else PAID,
        }
        if holding:
            details["reason"] = reason
        account.payments_held_at = now if holding else None
        account.payments_hold_reason = reason if holding else None
        action = AuditAction.PAYMENTS_HELD if holding else AuditAction.PAYMENTS_RELEASED
        audit.record(session, admin, action, "bank_account", account.id, details, now)
        return account


def hold_payments(
    admin_id: int, account_id: int, reason: str | None, now: datetime | None = None
) -> BankAccount:
    """From now on, payment runs skip this account; the reason is kept and shown."""
    return _change(admin_id, account_id, True, reason, now or clock.utcnow())


def release_payments(admin_id: int, account_id: int, now: datetime | None = None) -> BankAccount:
    """The next payment run pays what waited (O5: retroactively)."""
    return _change(admin_id, account_id, False, None, now or clock.utcnow())
