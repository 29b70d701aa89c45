"""The counter (rule B6): look up, validate and undo a code; refusals and their messages."""

from datetime import timedelta

import pytest

from pass_culture import db
from pass_culture.models import (
    Booking,
    BookingStatus,
    CancellationReason,
    Offerer,
    Pricing,
    PricingStatus,
    Role,
    ValidationAuthor,
)
from services import bookings, counter
from services.errors import DomainError, NotFound
from tests.factories import (
    HOUR,
    MINUTE,
    NOW,
    make_bank_account,
    make_beneficiary,
    make_booking,
    make_offer,
    make_offerer,
    make_payment,
    make_pro,
    make_stock,
    make_user,
    make_venue,
)


@pytest.fixture
def setup(database):
    """A young user, a pro and a venue of the pro's structure."""
    young, _deposit = make_beneficiary(granted_at=NOW - timedelta(days=1))
    offerer = make_offerer()
    return young, make_pro(offerer), make_venue(offerer, name="Librairie Kléber")


def _refused(code: str, call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code
    return caught.value


def _status(booking_id: int) -> Booking:
    with db.transaction(write=False) as session:
        return session.get(Booking, booking_id)


def test_find_shows_what_staff_check(setup):  # rule B6
    young, pro, venue = setup
    stock = make_stock(make_offer(venue, name="L'Étranger"), price=8_50)
    booking = bookings.book(young.id, stock.id, now=NOW)
    view = counter.find_booking(pro.id, booking.code.lower(), now=NOW)
    assert (view.code, view.offer_name, view.venue_name) == (
        booking.code,
        "L'Étranger",
        "Librairie Kléber",
    )
    assert view.beneficiary_name == f"{young.first_name} {young.last_name}"
    assert (view.quantity, view.unit_price, view.amount) == (1, 8_50, 8_50)
    assert (view.status, view.booked_at, view.refusal) == (BookingStatus.CONFIRMED, NOW, None)


def test_code_is_found_typed_with_spaces_or_scanned(setup):  # rule B3
    young, pro, venue = setup
    code = bookings.book(young.id, make_stock(make_offer(venue)).id, now=NOW).code
    spaced = f" {code[:3].lower()} {code[3:]} "
    assert counter.find_booking(pro.id, spaced, now=NOW).code == code
    scanned = f"PASSCULTURE:v3;TOKEN:{code}"
    assert counter.validate(pro.id, scanned, now=NOW).status == BookingStatus.USED


def test_validate_marks_used_with_date_and_author(setup):  # rule B6
    young, pro, venue = setup
    booking = bookings.book(young.id, make_stock(make_offer(venue)).id, now=NOW)
    counter.validate(pro.id, booking.code, now=NOW + HOUR)
    used = _status(booking.id)
    assert (used.status, used.used_at) == (BookingStatus.USED, NOW + HOUR)
    assert (used.validation_author, used.validated_by_user_id) == (ValidationAuthor.PRO, pro.id)


def test_second_validation_is_refused_with_the_date(setup):  # rule B6
    young, pro, venue = setup
    booking = bookings.book(young.id, make_stock(make_offer(venue)).id, now=NOW)
    counter.validate(pro.id, booking.code, now=NOW)
    error = _refused("already_used", counter.validate, pro.id, booking.code, now=NOW + MINUTE)
    assert error.message == "Cette contremarque a déjà été validée le 02/03/2026 à 10h00."
    assert counter.find_booking(pro.id, booking.code, now=NOW).refusal_code == "already_used"


def test_unknown_code_and_another_structures_code_read_the_same(setup):  # rules B6, O7
    young, _pro, venue = setup
    booking = bookings.book(young.id, make_stock(make_offer(venue)).id, now=NOW)
    stranger = make_pro(make_offerer())
    theirs = _refused("unknown_code", counter.validate, stranger.id, booking.code, now=NOW)
    missing = _refused("unknown_code", counter.validate, stranger.id, "ZZZZZZ", now=NOW)
    assert isinstance(theirs, NotFound)
    assert theirs.message == missing.message
    with pytest.raises(NotFound):
        counter.find_booking(stranger.id, booking.code, now=NOW)
    assert _status(booking.id).status == BookingStatus.CONFIRMED


def test_an_admin_may_validate_any_code(setup):  # rule O7: admins pass
    young, _pro, venue = setup
    booking = bookings.book(young.id, make_stock(make_offer(venue)).id, now=NOW)
    admin = make_user(Role.ADMIN)
    assert counter.validate(admin.id, booking.code, now=NOW).status == BookingStatus.USED


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        (
            {
                "status": BookingStatus.CANCELLED,
                "cancelled_at": NOW,
                "cancellation_reason": CancellationReason.BENEFICIARY,
            },
            "cancelled",
        ),
        (
            {
                "status": BookingStatus.CANCELLED,
                "cancelled_at": NOW,
                "cancellation_reason": CancellationReason.EXPIRED,
            },
            "expired",
        ),
        (
            {"status": BookingStatus.REIMBURSED, "used_at": NOW, "reimbursed_at": NOW},
            "reimbursed",
        ),
    ],
)
def test_each_refusal_has_its_own_code_and_message(setup, fields, code):  # rule B6
    young, pro, venue = setup
    booking = make_booking(make_stock(make_offer(venue)), young, None, **fields)
    error = _refused(code, counter.validate, pro.id, booking.code, now=NOW)
    assert counter.find_booking(pro.id, booking.code, now=NOW).refusal == error.message


def test_event_booking_is_validable_once_the_cancellation_window_closes(setup):  # rule B6
    young, pro, venue = setup
    stock = make_stock(
        make_offer(venue, subcategory_id="CONCERT"), beginning_at=NOW + 10 * 24 * HOUR
    )
    booking = bookings.book(young.id, stock.id, now=NOW)
    limit = NOW + 48 * HOUR
    error = _refused("too_early", counter.validate, pro.id, booking.code, now=limit - MINUTE)
    assert error.message == "Cette réservation est validable à partir du 04/03/2026 à 10h00."
    assert counter.validate(pro.id, booking.code, now=limit + MINUTE).used_at == limit + MINUTE


def test_last_minute_event_booking_is_validable_before_the_start(setup):  # rules B6, B11
    young, pro, venue = setup
    start = NOW + 3 * HOUR
    stock = make_stock(make_offer(venue, subcategory_id="CONCERT"), beginning_at=start)
    booking = bookings.book(young.id, stock.id, now=NOW)
    assert counter.validate(pro.id, booking.code, now=start - 10 * MINUTE).status == "used"


def test_a_thing_is_validable_at_once(setup):  # rule B6: the window only holds events
    young, pro, venue = setup
    booking = bookings.book(young.id, make_stock(make_offer(venue)).id, now=NOW)
    assert counter.validate(pro.id, booking.code, now=NOW + MINUTE).status == "used"


def test_a_booking_made_before_the_credit_expired_stays_validable(database):  # rule C5
    young, deposit = make_beneficiary(granted_at=NOW - timedelta(days=700))
    offerer = make_offerer()
    pro = make_pro(offerer)
    stock = make_stock(make_offer(make_venue(offerer)))
    booking = bookings.book(young.id, stock.id, now=deposit.expires_at - MINUTE)
    validated = counter.validate(pro.id, booking.code, now=deposit.expires_at + HOUR)
    assert validated.status == BookingStatus.USED


# --- Undo ("invalider") -------------------------------------------------------------


def test_undo_puts_the_booking_back_to_confirmed(setup):  # rule B6
    young, pro, venue = setup
    booking = bookings.book(young.id, make_stock(make_offer(venue)).id, now=NOW)
    counter.validate(pro.id, booking.code, now=NOW)
    undone = counter.undo_validation(pro.id, booking.code, now=NOW + HOUR)
    assert (undone.status, undone.used_at, undone.validation_author) == ("confirmed", None, None)
    assert counter.validate(pro.id, booking.code, now=NOW + 2 * HOUR).status == "used"


def test_undo_needs_a_used_booking(setup):
    young, pro, venue = setup
    booking = bookings.book(young.id, make_stock(make_offer(venue)).id, now=NOW)
    _refused("not_used", counter.undo_validation, pro.id, booking.code, now=NOW)
    stranger = make_pro(make_offerer())
    _refused("unknown_code", counter.undo_validation, stranger.id, booking.code, now=NOW)


def test_undo_of_a_reimbursed_booking_is_refused(setup):  # rules B6, P5
    young, pro, venue = setup
    booking = make_booking(
        make_stock(make_offer(venue)),
        young,
        None,
        status=BookingStatus.REIMBURSED,
        used_at=NOW,
        reimbursed_at=NOW,
    )
    _refused("already_reimbursed", counter.undo_validation, pro.id, booking.code, now=NOW)


def _priced(booking: Booking, status: str) -> Pricing:
    payment_id = None
    if status == PricingStatus.PAID:
        with db.transaction() as session:
            offerer = session.get(Offerer, booking.offerer_id)
        payment_id = make_payment(make_bank_account(offerer), booking.amount).id
    with db.transaction() as session:
        pricing = Pricing(
            booking_id=booking.id,
            pricing_point_id=booking.venue_id,
            venue_id=booking.venue_id,
            status=status,
            booking_amount=booking.amount,
            amount=booking.amount,
            rate_bp=10_000,
            rule="test",
            value_date=NOW,
            revenue_after=booking.amount,
            payment_id=payment_id,
        )
        session.add(pricing)
    return pricing


def test_undo_cancels_a_pricing_not_yet_paid(setup):  # rules B6, P5
    young, pro, venue = setup
    booking = bookings.book(young.id, make_stock(make_offer(venue)).id, now=NOW)
    counter.validate(pro.id, booking.code, now=NOW)
    pricing = _priced(booking, PricingStatus.VALIDATED)
    counter.undo_validation(pro.id, booking.code, now=NOW + HOUR)
    with db.transaction(write=False) as session:
        assert session.get(Pricing, pricing.id).status == PricingStatus.CANCELLED


def test_undo_after_payment_is_refused(setup):  # rules B6, P5
    young, pro, venue = setup
    booking = bookings.book(young.id, make_stock(make_offer(venue)).id, now=NOW)
    counter.validate(pro.id, booking.code, now=NOW)
    _priced(booking, PricingStatus.PAID)
    _refused("already_reimbursed", counter.undo_validation, pro.id, booking.code, now=NOW)
    assert _status(booking.id).status == BookingStatus.USED
