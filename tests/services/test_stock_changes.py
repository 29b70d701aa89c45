"""The pro edits and deletes stocks from the offers list: never below what is booked
(rule F8); a booked stock is deleted only once the pro confirms that its bookings are
cancelled, refunded and the young users emailed (rules B10, C6, B4; O7)."""

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import (
    Booking,
    BookingStatus,
    CancellationReason,
    EmailOutbox,
    Stock,
    ValidationAuthor,
)
from services import bookings, deposits, offers
from services.errors import DomainError, NotFound
from services.offers import StockInput
from tests.factories import (
    DAY,
    NOW,
    make_beneficiary,
    make_booking,
    make_offer,
    make_offerer,
    make_pro,
    make_stock,
    make_venue,
)


@pytest.fixture
def pro_stock(database):
    offerer = make_offerer()
    pro = make_pro(offerer)
    stock = make_stock(make_offer(make_venue(offerer)), price=7_00, quantity=5)
    return pro, stock


def _book(stock: Stock, times: int = 1) -> list[tuple[Booking, int]]:
    made = []
    for _ in range(times):
        young, _deposit = make_beneficiary(granted_at=NOW - DAY)
        made.append((bookings.book(young.id, stock.id, now=NOW), young.id))
    return made


def _refused(code: str, call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code
    return caught.value


def test_quantity_may_go_down_to_what_is_booked_not_below(pro_stock):  # rule F8
    pro, stock = pro_stock
    _book(stock, 3)
    error = _refused(
        "quantity_below_booked",
        offers.update_stock,
        pro.id,
        stock.id,
        StockInput(price=7_00, quantity=2),
        now=NOW,
    )
    assert error.message == (
        "La quantité ne peut pas être inférieure au nombre de places déjà réservées (3)."
    )
    changed = offers.update_stock(pro.id, stock.id, StockInput(price=9_00, quantity=3), now=NOW)
    assert (changed.quantity, changed.price, changed.booked_quantity) == (3, 9_00, 3)


def test_deleting_a_booked_stock_without_confirmation_says_how_many_are_cancelled(pro_stock):
    # rule B10
    pro, stock = pro_stock
    _book(stock, 2)
    error = _refused("stock_has_bookings", offers.delete_stock, pro.id, stock.id, now=NOW)
    assert "annulera 2 réservations" in error.message
    with db.transaction(write=False) as session:
        assert not session.get(Stock, stock.id).is_soft_deleted
        cancelled_mails = select(EmailOutbox).where(EmailOutbox.template.like("%cancel%"))
        assert session.exec(cancelled_mails).all() == []


def test_confirmed_deletion_cancels_refunds_and_emails(pro_stock):  # rules B10, C6, B4
    pro, stock = pro_stock
    made = _book(stock, 2)
    used, _ = made[1]
    with db.transaction() as session:
        bookings.mark_used(session.get(Booking, used.id), NOW, ValidationAuthor.PRO, pro.id)
    pending, young_id = made[0]
    before = deposits.get_balance(young_id, now=NOW).remaining

    deleted = offers.delete_stock(pro.id, stock.id, cancel_bookings=True, now=NOW + DAY)

    assert deleted.is_soft_deleted
    with db.transaction(write=False) as session:
        cancelled = session.get(Booking, pending.id)
        assert cancelled.status == BookingStatus.CANCELLED
        assert cancelled.cancellation_reason == CancellationReason.OFFERER
        assert cancelled.cancelled_at == NOW + DAY
        assert session.get(Booking, used.id).status == BookingStatus.USED  # stays used
        assert session.get(Stock, stock.id).booked_quantity == 1
        mails = session.exec(select(EmailOutbox).order_by(EmailOutbox.id)).all()
    assert deposits.get_balance(young_id, now=NOW + DAY).remaining == before + 7_00
    templates = [m.template for m in mails]
    assert templates.count("booking_cancelled") == 1
    assert "booking_cancelled_pro" in templates
    young_mail = next(m for m in mails if m.template == "booking_cancelled")
    assert "Le lieu a annulé cette réservation." in young_mail.body_text
    assert offers.STOCK_DELETED_COMMENT in young_mail.body_text
    assert "7,00 € ont été recrédités" in young_mail.body_text


def test_a_stock_without_unused_bookings_is_deleted_at_once(pro_stock):
    pro, stock = pro_stock
    assert offers.delete_stock(pro.id, stock.id, now=NOW).is_soft_deleted
    _refused("stock_not_found", offers.delete_stock, pro.id, stock.id, now=NOW)


def test_another_structures_stock_reads_as_missing(pro_stock):  # rule O7
    _pro, stock = pro_stock
    stranger = make_pro(make_offerer())
    _book(stock)
    for call in (
        lambda: offers.delete_stock(stranger.id, stock.id, cancel_bookings=True, now=NOW),
        lambda: offers.update_stock(stranger.id, stock.id, StockInput(price=0), now=NOW),
    ):
        with pytest.raises(NotFound) as caught:
            call()
        assert (caught.value.code, caught.value.message) == (
            "stock_not_found",
            "Ce stock n'existe pas.",
        )
    with db.transaction(write=False) as session:
        assert not session.get(Stock, stock.id).is_soft_deleted
        assert (
            session.exec(select(Booking).where(Booking.status == BookingStatus.CANCELLED)).all()
            == []
        )


def test_a_cancelled_booking_does_not_count(pro_stock):
    pro, stock = pro_stock
    young, deposit = make_beneficiary(granted_at=NOW - DAY)
    make_booking(
        stock,
        young,
        deposit,
        status="cancelled",
        cancelled_at=NOW,
        cancellation_reason="beneficiary",
    )
    assert offers.delete_stock(pro.id, stock.id, now=NOW).is_soft_deleted
