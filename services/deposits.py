"""The young user's credit: grant, balance and caps (rules C1–C5)."""

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol

from sqlalchemy import bindparam, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import Booking, BookingStatus, Deposit, Offer, Role, User
from services import policy
from services.errors import DomainError, NotFound
from services.subcategories import Cap, get_subcategory


@dataclass(frozen=True)
class Balance:
    granted: int  # cents
    remaining: int  # cents (rule C3)
    digital_remaining: int | None  # cents left under the digital cap; None = no cap (C4)
    physical_remaining: int | None  # cents left under the physical cap; None = no cap (C4)
    expires_at: datetime
    is_expired: bool  # rule C5


class OfferKind(Protocol):
    """An offer, or a row with its subcategory and URL."""

    subcategory_id: str
    url: str | None


class DepositTerms(Protocol):
    """A deposit, or a row with its id, amount, caps and expiry."""

    id: int
    amount: int
    digital_cap: int | None
    physical_cap: int | None
    expires_at: datetime


def cap_of(offer: OfferKind) -> Cap:
    """Rule C4: which cap a booking of this offer counts against.

    Digital means a digital subcategory *and* a URL: a digital subcategory sold as a
    physical item at the counter is under no cap.
    """
    cap = get_subcategory(offer.subcategory_id).cap
    return Cap.NONE if cap == Cap.DIGITAL and not offer.url else cap


def _add_months(moment: datetime, months: int) -> datetime:
    """Calendar months in Paris time, the day clamped to the month's length."""
    local = clock.to_paris(moment)
    index = local.month - 1 + months
    year, month = local.year + index // 12, index % 12 + 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    return local.replace(year=year, month=month, day=day).astimezone(UTC)


def age_on(birth_date: date, today: date) -> int:
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - before_birthday


def new_deposit(user_id: int, preset_code: str, now: datetime) -> Deposit:
    """The row of a credit granted now with a preset of rule C1 (not saved)."""
    preset = policy.GRANT_PRESETS.get(preset_code)
    if preset is None:
        raise DomainError("unknown_preset", "Ce barème de crédit n'existe pas.")
    return Deposit(
        user_id=user_id,
        preset=preset.code,
        amount=preset.amount,
        digital_cap=preset.digital_cap,
        physical_cap=preset.physical_cap,
        created_at=now,
        expires_at=_add_months(now, preset.validity_months),
    )


def grant_deposit(
    user_id: int, preset: str = policy.DEFAULT_GRANT_PRESET, *, now: datetime | None = None
) -> Deposit:
    """Rule C1: one personal credit for an 18-year-old young user."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        return grant_in(session, user_id, preset, now)


def grant_in(session: Session, user_id: int, preset: str, now: datetime) -> Deposit:
    """`grant_deposit` in the caller's transaction (the user row stays locked until it ends)."""
    user = db.lock_one(session, User, user_id)
    if user is None:
        raise NotFound("user_not_found", "Ce compte n'existe pas.")
    if user.role != Role.BENEFICIARY or not user.is_active:
        raise DomainError("not_beneficiary", "Ce compte n'est pas un compte jeune actif.")
    today = clock.to_paris(now).date()
    if user.birth_date and age_on(user.birth_date, today) != policy.ELIGIBLE_AGE:
        raise DomainError(
            "not_eligible",
            f"Le crédit est réservé aux jeunes de {policy.ELIGIBLE_AGE} ans.",
        )
    if session.exec(select(Deposit.id).where(Deposit.user_id == user_id)).first():
        raise _already_granted()
    deposit = new_deposit(user_id, preset, now)
    session.add(deposit)
    try:
        session.flush()
    except IntegrityError:  # a concurrent grant won (deposits.user_id is unique)
        raise _already_granted() from None
    return deposit


def _already_granted() -> DomainError:
    return DomainError("already_granted", "Ce jeune a déjà reçu son crédit pass Culture.")


# Amounts of the deposit's bookings not cancelled, by what decides their cap (C3, C4).
_SPENT = (
    select(Offer.subcategory_id, Offer.url, func.sum(Booking.amount).label("amount"))
    .join(Offer, Offer.id == Booking.offer_id)
    .where(
        Booking.deposit_id == bindparam("deposit_id"),
        Booking.status != BookingStatus.CANCELLED,
    )
    .group_by(Offer.subcategory_id, Offer.url)
)


def balance_in(
    session: db.Executor, deposit: DepositTerms, *, now: datetime | None = None
) -> Balance:
    """Rules C3–C5, read in the caller's transaction (inside its locks when booking)."""
    now = now or clock.utcnow()
    spent = {Cap.DIGITAL: 0, Cap.PHYSICAL: 0, Cap.NONE: 0}
    for row in session.execute(_SPENT, {"deposit_id": deposit.id}):
        spent[cap_of(row)] += row.amount
    return Balance(
        granted=deposit.amount,
        remaining=deposit.amount - sum(spent.values()),
        digital_remaining=_room(deposit.digital_cap, spent[Cap.DIGITAL]),
        physical_remaining=_room(deposit.physical_cap, spent[Cap.PHYSICAL]),
        expires_at=deposit.expires_at,
        is_expired=now >= deposit.expires_at,
    )


def _room(cap: int | None, spent: int) -> int | None:
    return None if cap is None else cap - spent


def get_deposit(session: Session, user_id: int) -> Deposit:
    deposit = session.exec(select(Deposit).where(Deposit.user_id == user_id)).first()
    if deposit is None:
        raise NotFound("no_deposit", "Ce compte n'a pas de crédit pass Culture.")
    return deposit


def get_balance(user_id: int, *, now: datetime | None = None) -> Balance:
    with db.transaction(write=False) as session:
        return balance_in(session, get_deposit(session, user_id), now=now)
