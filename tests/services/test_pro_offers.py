"""The pro's offers list: statuses derived as pcapi's, filters and their counts, the
stocks of an offer, duplication (rules O7, F8, F9)."""

from zoneinfo import ZoneInfo

import pytest

from pass_culture import db
from pass_culture.models import OfferStatus, Role, UserOfferer, ValidationStatus
from services import pro_offers
from services.errors import DomainError, NotFound
from services.pro_offers import OfferFilters, ProOfferStatus
from services.stock_form import local_value, parse_stock_form
from tests.factories import (
    DAY,
    MINUTE,
    NOW,
    make_beneficiary,
    make_booking,
    make_offer,
    make_offerer,
    make_pro,
    make_stock,
    make_user,
    make_venue,
)

S = ProOfferStatus


@pytest.fixture
def offerer(database):
    return make_offerer()


@pytest.fixture
def pro(offerer):
    return make_pro(offerer)


@pytest.fixture
def venue(offerer):
    return make_venue(offerer, name="Librairie des Quais")


def _listed(pro, **filters) -> list[int]:
    return [row.id for row in pro_offers.list_offers(pro.id, OfferFilters(**filters), now=NOW).rows]


def test_each_status_is_derived_and_counted(pro, venue):
    made = {
        S.DRAFT: make_offer(venue, validation_status=OfferStatus.DRAFT),
        S.PENDING: make_offer(venue, validation_status=OfferStatus.PENDING),
        S.REJECTED: make_offer(
            venue, validation_status=OfferStatus.REJECTED, rejection_reason="Inéligible"
        ),
        S.INACTIVE: make_offer(venue, is_active=False),
        S.PUBLISHED: make_offer(venue),
        S.SOLD_OUT: make_offer(venue),
        S.EXPIRED: make_offer(venue),
    }
    make_stock(made[S.INACTIVE])
    make_stock(made[S.PUBLISHED], booking_limit_at=NOW + MINUTE)  # open one more minute
    make_stock(made[S.SOLD_OUT], quantity=1, booked_quantity=1)
    make_stock(made[S.SOLD_OUT], booking_limit_at=NOW)  # past, does not make it expired
    make_stock(made[S.EXPIRED], booking_limit_at=NOW)
    make_stock(made[S.EXPIRED], is_soft_deleted=True)
    no_stock = make_offer(venue)  # approved without any stock: sold out, as in pcapi

    page = pro_offers.list_offers(pro.id, OfferFilters(), now=NOW)
    assert {row.id: row.status for row in page.rows} == {
        **{offer.id: status for status, offer in made.items()},
        no_stock.id: S.SOLD_OUT,
    }
    assert page.counts == {status: 2 if status == S.SOLD_OUT else 1 for status in S}
    assert page.total == 8
    for status, offer in made.items():
        filtered = pro_offers.list_offers(pro.id, OfferFilters(status=status), now=NOW)
        assert offer.id in [row.id for row in filtered.rows]
        assert filtered.total == page.counts[status]
        assert filtered.counts == page.counts  # the status filter leaves the counts
    assert pro_offers.STATUS_LABELS[S.PENDING] == "En instruction"


def test_an_event_past_its_start_is_expired(pro, venue):
    concert = make_offer(venue, subcategory_id="CONCERT")
    make_stock(concert, beginning_at=NOW - MINUTE)
    [row] = pro_offers.list_offers(pro.id, OfferFilters(), now=NOW).rows
    assert row.status == S.EXPIRED and row.is_event


def test_filters_by_venue_category_and_text(pro, offerer, venue):
    other_venue = make_venue(offerer, name="Cinéma du Port")
    book = make_offer(venue, name="Le Petit Prince", ean="9782070612758")
    film = make_offer(other_venue, subcategory_id="SEANCE_CINE", name="Le Grand Bleu")
    assert set(_listed(pro)) == {book.id, film.id}
    assert _listed(pro, venue_id=other_venue.id) == [film.id]
    assert _listed(pro, category="CINEMA") == [film.id]
    assert _listed(pro, category="LIVRE") == [book.id]
    assert _listed(pro, text="petit PRI") == [book.id]
    assert _listed(pro, text="978207") == [book.id]
    assert _listed(pro, text="100%") == []  # wildcards are literal
    page = pro_offers.list_offers(pro.id, OfferFilters(text="grand"), now=NOW)
    assert page.total == 1 and sum(page.counts.values()) == 1


def test_every_structure_of_the_pro_or_one_of_them(pro, venue):
    mine = make_offer(venue)
    second = make_offerer()
    with db.transaction() as session:  # the pro is a member of a second structure
        session.add(
            UserOfferer(user_id=pro.id, offerer_id=second.id, status=ValidationStatus.VALIDATED)
        )
    theirs = make_offer(make_venue(second))
    make_offer(make_venue(make_offerer()))  # another structure: never listed
    assert set(_listed(pro)) == {mine.id, theirs.id}
    assert _listed(pro, offerer_id=second.id) == [theirs.id]


def test_another_structures_ids_are_unknown(pro):  # rule O7
    stranger_venue = make_venue(make_offerer())
    stranger_offer = make_offer(stranger_venue)
    with pytest.raises(NotFound) as caught:
        pro_offers.list_offers(pro.id, OfferFilters(venue_id=stranger_venue.id), now=NOW)
    assert caught.value.message == "Ce lieu n'existe pas."
    with pytest.raises(NotFound):
        pro_offers.list_offers(pro.id, OfferFilters(offerer_id=stranger_venue.offerer_id))
    for call in (pro_offers.list_stocks, pro_offers.duplicate_offer):
        with pytest.raises(NotFound) as caught:
            call(pro.id, stranger_offer.id)
        assert caught.value.message == "Cette offre n'existe pas."


def test_filters_from_the_page_are_checked():
    assert OfferFilters.parse(venue="12", status="expired", category="LIVRE", text=" x ") == (
        OfferFilters(venue_id=12, status=S.EXPIRED, category="LIVRE", text="x")
    )
    for bad in ({"venue": "abc"}, {"status": "perdu"}, {"category": "NOPE"}, {"text": "a" * 201}):
        with pytest.raises(DomainError) as caught:
            OfferFilters.parse(**bad)
        assert caught.value.code == "invalid_offer_filter"


def test_pages_and_stock_summary(pro, venue):
    offers = [make_offer(venue, name=f"Offre {i}") for i in range(3)]
    make_stock(offers[0], quantity=5, booked_quantity=2)
    make_stock(offers[0], quantity=None, booking_limit_at=NOW - DAY)  # closed: not counted
    first = pro_offers.list_offers(pro.id, OfferFilters(), page=1, page_size=2, now=NOW)
    second = pro_offers.list_offers(pro.id, OfferFilters(), page=2, page_size=2, now=NOW)
    assert (first.total, first.page_count) == (3, 2)
    assert len(first.rows) == 2 and len(second.rows) == 1
    rows = {row.id: row for row in first.rows + second.rows}
    assert rows[offers[0].id].stocks == pro_offers.StockSummary(2, 3, None)
    assert rows[offers[1].id].stocks.count == 0


def test_stocks_of_an_offer_with_their_unused_bookings(pro, venue):
    offer = make_offer(venue, subcategory_id="CONCERT")
    later = make_stock(offer, beginning_at=NOW + 2 * DAY)
    sooner = make_stock(offer, beginning_at=NOW + DAY, price_label="Tarif réduit")
    make_stock(offer, beginning_at=NOW + 3 * DAY, is_soft_deleted=True)
    young, deposit = make_beneficiary()
    make_booking(sooner, young, deposit)
    other, other_deposit = make_beneficiary()
    make_booking(sooner, other, other_deposit, status="used", used_at=NOW)
    listed = pro_offers.list_stocks(pro.id, offer.id)
    assert listed.is_event and listed.offer_name == offer.name
    rows = listed.stocks
    assert [(r.id, r.unused_bookings, r.booked_quantity) for r in rows] == [
        (sooner.id, 1, 2),
        (later.id, 0, 0),
    ]
    assert rows[0].price_label == "Tarif réduit"


def test_duplicate_is_a_draft_copy_with_its_open_stocks_and_no_bookings(pro, venue):
    offer = make_offer(
        venue,
        subcategory_id="CONCERT",
        name="Concert du soir",
        description="Jazz",
        image_url="/demo/concerts-1.svg",
        is_duo=True,
        extra_data={"performer": "Trio"},
        highlighted_at=NOW,
        id_at_provider="ext-1",
    )
    open_stock = make_stock(offer, price=12_00, beginning_at=NOW + DAY, price_label="Plein")
    make_stock(offer, beginning_at=NOW - DAY)  # past: not copied
    make_stock(offer, beginning_at=NOW + 2 * DAY, is_soft_deleted=True)  # deleted: not copied
    young, deposit = make_beneficiary()
    make_booking(open_stock, young, deposit)

    copy = pro_offers.duplicate_offer(pro.id, offer.id, now=NOW)

    assert copy.id != offer.id
    assert copy.name == "Concert du soir (copie)"
    assert copy.validation_status == OfferStatus.DRAFT
    assert (copy.description, copy.image_url, copy.is_duo, copy.extra_data) == (
        "Jazz",
        "/demo/concerts-1.svg",
        True,
        {"performer": "Trio"},
    )
    assert copy.highlighted_at is None and copy.id_at_provider is None
    [stock] = pro_offers.list_stocks(pro.id, copy.id).stocks
    assert (stock.price, stock.price_label, stock.booked_quantity, stock.unused_bookings) == (
        12_00,
        "Plein",
        0,
        0,
    )
    assert stock.beginning_at == NOW + DAY
    long = make_offer(venue, name="x" * 140)
    assert len(pro_offers.duplicate_offer(pro.id, long.id, now=NOW).name) == 140


def test_a_stock_typed_by_the_pro():
    paris = ZoneInfo("Europe/Paris")
    typed = parse_stock_form(
        {
            "price": "12,50",
            "quantity": "",
            "beginning_at": "2026-03-14T20:30",
            "booking_limit_at": "2026-03-14T18:00",
            "price_label": " Plein tarif ",
        },
        paris,
    )
    assert (typed.price, typed.quantity, typed.price_label) == (12_50, None, "Plein tarif")
    assert local_value(typed.beginning_at, paris) == "2026-03-14T20:30"
    assert typed.beginning_at.utcoffset().total_seconds() == 0
    assert typed.beginning_at.hour == 19  # winter time in Paris
    assert parse_stock_form({"price": "8", "quantity": "30"}, paris).quantity == 30
    for bad in (
        {"price": "douze"},
        {"price": "1,234"},
        {"price": "5", "quantity": "-1"},
        {"price": "5", "beginning_at": "demain"},
        {"price": "5", "beginning_at": "2026-03-14T20:30+01:00"},
        {"price": "5", "price_label": "t" * 51},
    ):
        with pytest.raises(DomainError) as caught:
            parse_stock_form(bad, paris)
        assert caught.value.code == "invalid_stock_form"


def test_a_pro_without_structure_sees_no_offer(database):
    make_offer()
    lonely = make_user(Role.PRO)
    page = pro_offers.list_offers(lonely.id, OfferFilters(), now=NOW)
    assert (page.rows, page.total, page.page_count) == ([], 0, 1)
    assert set(page.counts.values()) == {0}


def test_the_category_filter_offers_the_catalogues_categories():
    choices = dict(pro_offers.category_choices())
    assert choices["LIVRE"] == "Livre" and choices["CINEMA"] == "Cinéma"
    assert list(choices.values()) == sorted(choices.values())
