"""Test factories: rows with sensible defaults, each written in its own transaction."""

import itertools
from datetime import UTC, datetime, timedelta

from stdnum import luhn

from pass_culture import clock, db
from pass_culture.models import (
    Booking,
    Deposit,
    Offer,
    Offerer,
    OfferStatus,
    Role,
    Stock,
    User,
    UserOfferer,
    ValidationStatus,
    Venue,
)
from services import deposits, policy
from services.passwords import hash_password

# The controlled clock of the rule tests: Monday 2 March 2026, 10:00 in Paris (winter time).
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)

PASSWORD = "Culture-Pass-2026!"
_PASSWORD_HASH = hash_password(PASSWORD)
_sequence = itertools.count(1)


def _save(row):
    with db.transaction() as session:
        session.add(row)
        session.flush()
        session.refresh(row)
    return row


def luhn_number(prefix: str, length: int) -> str:
    """A Luhn-valid number of `length` digits starting with `prefix` (SIREN, SIRET)."""
    digits = length - 1 - len(prefix)
    # Wrapped: a long run outgrows the digits; the prefix keeps SIRETs of a SIREN apart.
    body = prefix + str(next(_sequence) % 10**digits).zfill(digits)
    return body + luhn.calc_check_digit(body)


def make_user(role: str = Role.BENEFICIARY, **fields) -> User:
    n = next(_sequence)
    values = {
        "email": f"{role}-{n}@example.fr",
        "password_hash": _PASSWORD_HASH,
        "role": role,
        "first_name": "Camille",
        "last_name": f"Martin{n}",
        "email_validated_at": clock.utcnow(),
    }
    return _save(User(**(values | fields)))


def make_beneficiary(
    *, preset: str = policy.DEFAULT_GRANT_PRESET, granted_at=None, **fields
) -> tuple[User, Deposit]:
    user = make_user(Role.BENEFICIARY, **fields)
    deposit = _save(
        deposits.new_deposit(user.id, preset, granted_at or clock.utcnow() - timedelta(days=1))
    )
    return user, deposit


def make_offerer(*, validated: bool = True, **fields) -> Offerer:
    status = ValidationStatus.VALIDATED if validated else ValidationStatus.PENDING
    values = {
        "name": f"Structure {next(_sequence)}",
        "siren": luhn_number("8", 9),
        "validation_status": status,
        "validated_at": clock.utcnow() if validated else None,
    }
    return _save(Offerer(**(values | fields)))


def make_pro(offerer: Offerer, **fields) -> User:
    user = make_user(Role.PRO, **fields)
    _save(UserOfferer(user_id=user.id, offerer_id=offerer.id, status=ValidationStatus.VALIDATED))
    return user


def make_venue(offerer: Offerer | None = None, **fields) -> Venue:
    offerer = offerer or make_offerer()
    values = {
        "offerer_id": offerer.id,
        "name": f"Lieu {next(_sequence)}",
        "siret": luhn_number(offerer.siren, 14),
        "address": "1 rue de la Paix",
        "postal_code": "67000",
        "city": "Strasbourg",
        "department_code": "67",
        "latitude": 48.5734,
        "longitude": 7.7521,
    }
    if fields.get("is_virtual"):
        values |= {"siret": None, "latitude": None, "longitude": None, "address": None}
    return _save(Venue(**(values | fields)))


def make_offer(venue: Venue | None = None, **fields) -> Offer:
    venue = venue or make_venue()
    values = {
        "venue_id": venue.id,
        "subcategory_id": "LIVRE_PAPIER",
        "name": f"Offre {next(_sequence)}",
        "validation_status": OfferStatus.APPROVED,
    }
    return _save(Offer(**(values | fields)))


def make_stock(offer: Offer | None = None, **fields) -> Stock:
    offer = offer or make_offer()
    values = {"offer_id": offer.id, "price": 10_00, "quantity": 10}
    return _save(Stock(**(values | fields)))


def make_booking(stock: Stock, user: User, deposit: Deposit | None, **fields) -> Booking:
    """A booking row written directly (no rule checked): for states the rules lead to."""
    with db.transaction() as session:
        offer = session.get(Offer, stock.offer_id)
        venue = session.get(Venue, offer.venue_id)
        quantity = fields.get("quantity", 1)
        values = {
            "code": f"T{next(_sequence):05d}"[-6:],
            "user_id": user.id,
            "deposit_id": deposit.id if deposit else None,
            "stock_id": stock.id,
            "offer_id": offer.id,
            "venue_id": venue.id,
            "offerer_id": venue.offerer_id,
            "quantity": quantity,
            "amount": stock.price * quantity,
        }
        booking = Booking(**(values | fields))
        session.add(booking)
        if booking.status != "cancelled":
            session.get(Stock, stock.id).booked_quantity += quantity
        session.flush()
        session.refresh(booking)
    return booking


def make_pricing(booking: Booking, **fields):
    """A pricing written directly (rules P1–P3), by default at 100 % on the booking's
    pricing point (its venue). With a larger `booking_amount` it stands for revenue the
    establishment already made this year."""
    from pass_culture.models import Pricing

    booking_amount = fields.pop("booking_amount", booking.amount)
    values = {
        "booking_id": booking.id,
        "pricing_point_id": booking.venue_id,
        "venue_id": booking.venue_id,
        "booking_amount": booking_amount,
        "amount": booking_amount,
        "rate_bp": 10_000,
        "rule": "test",
        "value_date": booking.used_at,
        "revenue_after": booking_amount,
    }
    return _save(Pricing(**(values | fields)))


def make_bank_account(offerer: Offerer, venues=(), **fields):
    """A bank account written directly, accepted long ago by default, the venues linked to
    it long ago too (rule O5): payable by any payment run."""
    from pass_culture.models import BankAccount, VenueBankAccountLink

    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    values = {
        "offerer_id": offerer.id,
        "label": "Compte principal",
        "iban": "FR7630006000011234567890189",
        "bic": "AGRIFRPPXXX",
        "status": "accepted",
        "created_at": long_ago,
        "submitted_at": long_ago,
        "status_changed_at": long_ago,
    }
    account = _save(BankAccount(**(values | fields)))
    for venue in venues:
        _save(
            VenueBankAccountLink(venue_id=venue.id, bank_account_id=account.id, created_at=long_ago)
        )
    return account


def make_payment(account, amount: int, booking_count: int = 1, **fields):
    """A payment written directly, in a finished run of its cut-off (rules P4, P5)."""
    from sqlmodel import select

    from pass_culture.models import Payment, PaymentRun, PaymentRunStatus
    from services import payouts

    cutoff = fields.pop("cutoff", datetime(2026, 3, 16).date())
    with db.transaction() as session:
        run = session.exec(select(PaymentRun).where(PaymentRun.cutoff == cutoff)).first()
        if run is None:
            run = PaymentRun(
                cutoff=cutoff,
                period_start=payouts.previous_cutoff(cutoff),
                status=PaymentRunStatus.DONE,
                finished_at=payouts.cutoff_at(cutoff),
            )
            session.add(run)
            session.flush()
        values = {
            "run_id": run.id,
            "bank_account_id": account.id,
            "offerer_id": account.offerer_id,
            "period_start": run.period_start,
            "cutoff": cutoff,
            "amount": amount,
            "booking_count": booking_count,
            "reference": f"F26{next(_sequence):07d}",
        }
        payment = Payment(**(values | fields))
        session.add(payment)
        session.flush()
        session.refresh(payment)
    return payment
