"""The pro's bookings list (pcapi-facts §2; rules O7, B11): each filter at its edge,
the 5 display statuses, the free search, paging and the isolation of structures."""

from datetime import UTC, date, datetime

import pytest

from pass_culture import clock, db
from pass_culture.models import BookingStatus, CancellationReason, Role, UserOfferer
from services import pro_bookings
from services.errors import DomainError, NotFound
from services.pro_bookings import BookingFilters, DisplayStatus, PeriodType
from tests.factories import (
    DAY,
    MINUTE,
    make_beneficiary,
    make_booking,
    make_offer,
    make_offerer,
    make_pro,
    make_stock,
    make_user,
    make_venue,
)


class Shop:
    """A structure with a pro, a venue and a beneficiary; `book` writes a booking."""

    def __init__(self):
        self.offerer = make_offerer()
        self.pro = make_pro(self.offerer)
        self.venue = make_venue(self.offerer)

    def book(self, offer=None, stock_fields=None, **fields):
        offer = offer or make_offer(self.venue)
        user, deposit = make_beneficiary(**fields.pop("user", {}))
        stock = make_stock(offer, **(stock_fields or {}))
        return make_booking(stock, user, deposit, **fields)

    def ids(self, **filters) -> list[int]:
        page = pro_bookings.list_bookings(self.pro.id, BookingFilters(**filters), page_size=100)
        return [row.id for row in page.rows]


@pytest.fixture
def shop(database):
    return Shop()


def _paris(*args) -> datetime:
    return datetime(*args, tzinfo=clock.PARIS).astimezone(UTC)


def test_only_the_pros_structures_are_listed(shop):
    # rule O7
    mine = shop.book()
    other = Shop()
    theirs = other.book()
    assert shop.ids() == [mine.id]
    assert other.ids() == [theirs.id]
    assert Shop().ids() == []


def test_a_pending_member_or_a_young_user_sees_nothing(shop):
    # rules O4, O7: only validated memberships open a structure's bookings.
    shop.book()
    pending = make_user(Role.PRO)
    with db.transaction() as session:
        session.add(UserOfferer(user_id=pending.id, offerer_id=shop.offerer.id))
    young = make_user(Role.BENEFICIARY)
    for user in (pending, young):
        assert pro_bookings.list_bookings(user.id, BookingFilters()).total == 0


def test_another_structures_venue_or_offer_is_unknown(shop):
    # rule O7: refused as unknown, never used as a filter.
    other = Shop()
    theirs = other.book()
    with pytest.raises(NotFound):
        shop.ids(venue_id=other.venue.id)
    with pytest.raises(NotFound):
        shop.ids(offer_id=theirs.offer_id)
    with pytest.raises(NotFound):
        shop.ids(offer_id=10**6)


def test_one_structure_of_a_pro_of_several(shop):
    # The structure in use (the portal's frame); another structure's id is unknown (O7).
    mine = shop.book()
    second = Shop()
    with db.transaction() as session:
        session.add(
            UserOfferer(user_id=shop.pro.id, offerer_id=second.offerer.id, status="validated")
        )
    also_mine = second.book()
    assert set(shop.ids()) == {mine.id, also_mine.id}
    assert shop.ids(offerer_id=second.offerer.id) == [also_mine.id]
    with pytest.raises(NotFound):
        shop.ids(offerer_id=Shop().offerer.id)
    assert pro_bookings.parse_filters({"offerer": "7"}).offerer_id == 7


def test_venue_and_offer_filters(shop):
    first = shop.book()
    second_venue = make_venue(shop.offerer)
    second = shop.book(make_offer(second_venue))
    assert shop.ids(venue_id=second_venue.id) == [second.id]
    assert shop.ids(offer_id=first.offer_id) == [first.id]


def test_event_date_is_a_paris_day(shop):
    late = shop.book(stock_fields={"beginning_at": _paris(2026, 3, 14, 23, 59)})
    shop.book(stock_fields={"beginning_at": _paris(2026, 3, 15, 0, 0)})
    shop.book(stock_fields={"beginning_at": _paris(2026, 3, 13, 23, 59)})
    shop.book()  # a thing has no event date
    assert shop.ids(event_date=date(2026, 3, 14)) == [late.id]


@pytest.mark.parametrize(
    ("period_type", "column"),
    [
        (PeriodType.BOOKED, "created_at"),
        (PeriodType.VALIDATED, "used_at"),
        (PeriodType.REIMBURSED, "reimbursed_at"),
    ],
)
def test_the_period_includes_both_paris_days(shop, period_type, column):
    def booked_with(moment):
        fields = {"created_at": moment - DAY if column != "created_at" else moment}
        if column != "created_at":
            fields |= {"status": BookingStatus.REIMBURSED, "used_at": moment}
            fields |= {"reimbursed_at": moment}
        return shop.book(**fields)

    first = booked_with(_paris(2026, 3, 1, 0, 0))
    last = booked_with(_paris(2026, 3, 31, 23, 59))
    booked_with(_paris(2026, 3, 1, 0, 0) - MINUTE)
    booked_with(_paris(2026, 4, 1, 0, 0))
    found = shop.ids(
        period_type=period_type, period_start=date(2026, 3, 1), period_end=date(2026, 3, 31)
    )
    assert found == [last.id, first.id]


def test_the_five_statuses(shop):
    now = clock.utcnow()
    booked = shop.book(cancellation_limit_at=now + DAY)
    confirmed = shop.book(cancellation_limit_at=now - MINUTE)
    validated = shop.book(status=BookingStatus.USED, used_at=now)
    cancelled = shop.book(
        status=BookingStatus.CANCELLED,
        cancelled_at=now,
        cancellation_reason=CancellationReason.BENEFICIARY,
    )
    reimbursed = shop.book(status=BookingStatus.REIMBURSED, used_at=now, reimbursed_at=now)
    expected = {
        DisplayStatus.BOOKED: booked,
        DisplayStatus.CONFIRMED: confirmed,
        DisplayStatus.VALIDATED: validated,
        DisplayStatus.CANCELLED: cancelled,
        DisplayStatus.REIMBURSED: reimbursed,
    }
    for status, booking in expected.items():
        page = pro_bookings.list_bookings(shop.pro.id, BookingFilters(status=status))
        assert [row.id for row in page.rows] == [booking.id], status
        assert page.rows[0].status == status


def test_a_things_code_is_hidden_until_validated(shop):
    # pcapi-facts §2: the token is hidden for a non-event booking still booked/confirmed.
    thing = shop.book(code="THING2")
    event = shop.book(code="EVENT2", stock_fields={"beginning_at": clock.utcnow() + DAY})
    rows = {row.id: row for row in pro_bookings.list_bookings(shop.pro.id, BookingFilters()).rows}
    assert rows[thing.id].code == ""
    assert rows[event.id].code == "EVENT2"


def test_the_search_reads_offer_beneficiary_ean_and_code(shop):
    offer = make_offer(shop.venue, name="Le Petit Prince", ean="9782070612758")
    prince = shop.book(offer)
    lea = shop.book(user={"first_name": "Léa", "last_name": "Dupont", "email": "lea@ex.fr"})
    coded = shop.book(code="ABCD23")
    assert shop.ids(search="petit PRINCE") == [prince.id]
    assert shop.ids(search="9782070612758") == [prince.id]
    assert shop.ids(search="Léa Dupont") == [lea.id]
    assert shop.ids(search="LEA@EX") == [lea.id]
    assert shop.ids(search="abcd23") == [coded.id]
    assert shop.ids(search="%") == []  # a literal, not a wildcard


def test_pages_and_total(shop):
    made = [shop.book(created_at=clock.utcnow() - n * MINUTE).id for n in range(5)]
    page = pro_bookings.list_bookings(shop.pro.id, BookingFilters(), page=2, page_size=2)
    assert page.total == 5 and page.page_count == 3
    assert [row.id for row in page.rows] == made[2:4]


@pytest.mark.parametrize(
    "params",
    [
        {"venue": "abc"},
        {"offer": "0"},
        {"event_date": "2026-02-30"},
        {"period_start": "2026-03-02", "period_end": "2026-03-01"},
        {"period_start": "2020-01-01", "period_end": "2026-01-01"},
        {"status": "used"},
        {"period_type": "paid"},
    ],
)
def test_bad_filters_are_refused_in_french(params):
    with pytest.raises(DomainError) as refused:
        pro_bookings.parse_filters(params)
    assert refused.value.code == "invalid_booking_filter"


def test_filters_from_query_parameters():
    filters = pro_bookings.parse_filters(
        {
            "venue": "3",
            "event_date": "2026-03-14",
            "period_type": "validated",
            "period_start": "2026-03-01",
            "period_end": "2026-03-31",
            "status": "confirmed",
            "search": "  prince ",
        }
    )
    assert filters == BookingFilters(
        venue_id=3,
        event_date=date(2026, 3, 14),
        period_type=PeriodType.VALIDATED,
        period_start=date(2026, 3, 1),
        period_end=date(2026, 3, 31),
        status=DisplayStatus.CONFIRMED,
        search="prince",
    )
