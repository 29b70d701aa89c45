"""Offers and stocks: what a pro may publish (F1–F8, O7) and what young users see (O3, F9)."""

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import OfferStatus, Provider, Stock
from services import bookings, offers
from services.errors import DomainError, NotFound
from services.offers import OfferInput, StockInput
from tests.factories import (
    DAY,
    MINUTE,
    NOW,
    make_beneficiary,
    make_offer,
    make_offerer,
    make_pro,
    make_stock,
    make_venue,
)

BOOK = OfferInput(name="Le Petit Prince", subcategory_id="LIVRE_PAPIER", ean="9782070612758")
CONCERT = OfferInput(name="Orchestre national", subcategory_id="CONCERT", is_duo=True)


@pytest.fixture
def pro_venue(database):
    offerer = make_offerer()
    return make_pro(offerer), make_venue(offerer)


def _refused(code: str, call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code
    assert caught.value.message
    return caught.value


def _replace(data, **changes):
    return type(data)(**(data.__dict__ | changes))


# --- Offers (F1–F6) ----------------------------------------------------------------


def test_a_new_offer_is_a_draft(pro_venue):  # rule F2
    pro, venue = pro_venue
    offer = offers.create_offer(pro.id, venue.id, _replace(BOOK, name="  Le Petit Prince "))
    assert (offer.name, offer.validation_status) == ("Le Petit Prince", OfferStatus.DRAFT)


def test_name_is_required(pro_venue):  # rule F2
    pro, venue = pro_venue
    _refused("name_required", offers.create_offer, pro.id, venue.id, _replace(BOOK, name=" "))
    _refused("name_too_long", offers.create_offer, pro.id, venue.id, _replace(BOOK, name="x" * 141))
    _refused(
        "unknown_subcategory",
        offers.create_offer,
        pro.id,
        venue.id,
        _replace(BOOK, subcategory_id="NOPE"),
    )


def test_subcategory_is_frozen_once_approved(pro_venue):  # rule F1
    pro, venue = pro_venue
    draft = offers.create_offer(pro.id, venue.id, CONCERT)
    moved = offers.update_offer(
        pro.id, draft.id, _replace(CONCERT, subcategory_id="FESTIVAL_MUSIQUE")
    )
    assert moved.subcategory_id == "FESTIVAL_MUSIQUE"
    offers.add_stock(pro.id, draft.id, StockInput(price=10_00, beginning_at=NOW + DAY), now=NOW)
    offers.publish_offer(pro.id, draft.id)
    _refused(
        "subcategory_frozen",
        offers.update_offer,
        pro.id,
        draft.id,
        _replace(CONCERT, subcategory_id="CONCERT"),
    )
    renamed = offers.update_offer(
        pro.id, draft.id, _replace(CONCERT, subcategory_id="FESTIVAL_MUSIQUE", name="Festival")
    )
    assert renamed.name == "Festival"


@pytest.mark.parametrize("clil", ["3000", "3013", 3000])
def test_school_books_are_not_eligible(pro_venue, clil):  # rule F3
    pro, venue = pro_venue
    data = _replace(BOOK, extra_data={"clil": clil})
    _refused("school_book", offers.create_offer, pro.id, venue.id, data)


def test_other_books_and_feed_flags(pro_venue):  # rule F3
    pro, venue = pro_venue
    assert offers.create_offer(pro.id, venue.id, _replace(BOOK, extra_data={"clil": "3001"})).id
    flagged = _replace(BOOK, extra_data={"school_book": True})
    _refused("school_book", offers.create_offer, pro.id, venue.id, flagged)


@pytest.mark.parametrize(
    ("name", "formats"),
    [("Avatar 3D", None), ("Dune (IMAX)", None), ("Dune", ["4DX"]), ("Dune Dolby Atmos", None)],
)
def test_special_screenings_are_not_eligible(pro_venue, name, formats):  # rule F4
    pro, venue = pro_venue
    data = OfferInput(
        name=name, subcategory_id="SEANCE_CINE", extra_data={"screening_formats": formats}
    )
    _refused("special_screening", offers.create_offer, pro.id, venue.id, data)


def test_classic_screenings_and_3d_books_are_fine(pro_venue):  # rule F4
    assert not offers.is_special_screening("Les 3 Mousquetaires", ["VF"])
    assert offers.is_special_screening("Film", ["IMAX 3D"])
    pro, venue = pro_venue
    assert offers.create_offer(pro.id, venue.id, _replace(BOOK, name="Initiation à la 3D")).id
    classic = OfferInput(name="Dune", subcategory_id="SEANCE_CINE")
    assert offers.create_offer(pro.id, venue.id, classic).id


def test_duo_only_for_duo_subcategories(pro_venue):  # rule F5
    pro, venue = pro_venue
    _refused("duo_not_allowed", offers.create_offer, pro.id, venue.id, _replace(BOOK, is_duo=True))
    assert offers.create_offer(pro.id, venue.id, CONCERT).is_duo


def test_duo_stays_while_duo_bookings_exist(pro_venue):  # rule F5
    pro, venue = pro_venue
    offer = offers.create_offer(pro.id, venue.id, CONCERT)
    stock = offers.add_stock(pro.id, offer.id, StockInput(price=0, beginning_at=NOW + 9 * DAY))
    offers.publish_offer(pro.id, offer.id)
    young, _ = make_beneficiary(granted_at=NOW - DAY)
    bookings.book(young.id, stock.id, 2, now=NOW)
    _refused("duo_booked", offers.update_offer, pro.id, offer.id, _replace(CONCERT, is_duo=False))


def test_online_offers_need_a_url_and_reach_all_of_france(database):  # rules F2, F6
    offerer = make_offerer()
    pro = make_pro(offerer)
    virtual = make_venue(offerer, is_virtual=True)
    ebook = OfferInput(name="Le Petit Prince", subcategory_id="LIVRE_NUMERIQUE")
    _refused("url_required", offers.create_offer, pro.id, virtual.id, ebook)
    _refused("invalid_url", offers.create_offer, pro.id, virtual.id, _replace(ebook, url="ftp:/x"))
    offer = offers.create_offer(
        pro.id, virtual.id, _replace(ebook, url="https://livres.example.fr/petit-prince")
    )
    assert offer.is_national


def test_offline_offers_have_no_url_and_a_physical_venue(pro_venue):  # rule F2
    pro, venue = pro_venue
    with_url = _replace(BOOK, url="https://librairie.example.fr")
    _refused("url_not_allowed", offers.create_offer, pro.id, venue.id, with_url)
    offerer = make_offerer()
    owner = make_pro(offerer)
    virtual = make_venue(offerer, is_virtual=True)
    _refused("venue_is_virtual", offers.create_offer, owner.id, virtual.id, BOOK)
    _refused("invalid_ean", offers.create_offer, pro.id, venue.id, _replace(BOOK, ean="978"))


def test_national_is_the_pros_choice_offline(pro_venue):  # rule F6
    pro, venue = pro_venue
    assert not offers.create_offer(pro.id, venue.id, BOOK).is_national
    assert offers.create_offer(pro.id, venue.id, _replace(BOOK, is_national=True)).is_national


def test_pros_act_only_on_their_own_venues(pro_venue):  # rule O7
    _pro, venue = pro_venue
    stranger = make_pro(make_offerer())
    with pytest.raises(NotFound):
        offers.create_offer(stranger.id, venue.id, BOOK)
    offer = make_offer(venue)
    with pytest.raises(NotFound):
        offers.update_offer(stranger.id, offer.id, BOOK)
    with pytest.raises(NotFound):
        offers.add_stock(stranger.id, offer.id, StockInput(price=0))


def test_pro_edits_of_an_imported_offer_are_remembered(pro_venue):  # rule I1
    pro, venue = pro_venue
    with db.transaction() as session:
        provider = Provider(code="allocine", name="Allociné")
        session.add(provider)
    offer = make_offer(venue, name="Dune", subcategory_id="SEANCE_CINE", provider_id=provider.id)
    data = OfferInput(name="Dune", subcategory_id="SEANCE_CINE", description="Ma sélection")
    updated = offers.update_offer(pro.id, offer.id, data)
    assert updated.fields_edited_by_pro == ["description"]


def test_publish_needs_a_stock(pro_venue):
    pro, venue = pro_venue
    offer = offers.create_offer(pro.id, venue.id, BOOK)
    _refused("no_stock", offers.publish_offer, pro.id, offer.id)
    offers.add_stock(pro.id, offer.id, StockInput(price=12_00, quantity=3))
    assert offers.publish_offer(pro.id, offer.id).validation_status == OfferStatus.APPROVED
    _refused("not_a_draft", offers.publish_offer, pro.id, offer.id)


# --- Stocks (F2, F7, F8) ------------------------------------------------------------


@pytest.fixture
def book_offer(pro_venue):
    pro, venue = pro_venue
    return pro, offers.create_offer(pro.id, venue.id, BOOK)


def test_price_cap_edges(book_offer):  # rule F7
    pro, offer = book_offer
    assert offers.add_stock(pro.id, offer.id, StockInput(price=300_00)).price == 300_00
    assert offers.add_stock(pro.id, offer.id, StockInput(price=0)).price == 0
    error = _refused("invalid_price", offers.add_stock, pro.id, offer.id, StockInput(price=300_01))
    assert "300 €" in error.message
    _refused("invalid_price", offers.add_stock, pro.id, offer.id, StockInput(price=-1))


def test_quantity_edges(book_offer):  # rule F8
    pro, offer = book_offer
    assert offers.add_stock(pro.id, offer.id, StockInput(price=0, quantity=1_000_000)).quantity
    assert offers.add_stock(pro.id, offer.id, StockInput(price=0, quantity=None)).quantity is None
    assert offers.add_stock(pro.id, offer.id, StockInput(price=0, quantity=0)).quantity == 0
    for wrong in (1_000_001, -1):
        _refused(
            "invalid_quantity",
            offers.add_stock,
            pro.id,
            offer.id,
            StockInput(price=0, quantity=wrong),
        )


def test_lowering_quantity_below_booked_is_refused(book_offer):  # rule F8
    pro, offer = book_offer
    stock = offers.add_stock(pro.id, offer.id, StockInput(price=5_00, quantity=5))
    offers.publish_offer(pro.id, offer.id)
    for _ in range(3):
        young, _ = make_beneficiary(granted_at=NOW - DAY)
        bookings.book(young.id, stock.id, now=NOW)
    error = _refused(
        "quantity_below_booked",
        offers.update_stock,
        pro.id,
        stock.id,
        StockInput(price=5_00, quantity=2),
    )
    assert "(3)" in error.message
    assert offers.update_stock(pro.id, stock.id, StockInput(price=6_00, quantity=3)).quantity == 3


def test_events_have_a_date_things_do_not(pro_venue):  # rules F2, F8
    pro, venue = pro_venue
    concert = offers.create_offer(pro.id, venue.id, CONCERT)
    _refused("date_required", offers.add_stock, pro.id, concert.id, StockInput(price=0))
    start = NOW + 5 * DAY
    late = StockInput(price=0, beginning_at=start, booking_limit_at=start + MINUTE)
    _refused("booking_limit_after_start", offers.add_stock, pro.id, concert.id, late)
    ok = StockInput(price=0, beginning_at=start, booking_limit_at=start)
    assert offers.add_stock(pro.id, concert.id, ok).booking_limit_at == start
    book = offers.create_offer(pro.id, venue.id, BOOK)
    dated = StockInput(price=0, beginning_at=start)
    _refused("date_not_allowed", offers.add_stock, pro.id, book.id, dated)


def test_a_stock_with_pending_bookings_is_not_deleted(book_offer):  # rule B10
    pro, offer = book_offer
    stock = offers.add_stock(pro.id, offer.id, StockInput(price=5_00))
    offers.publish_offer(pro.id, offer.id)
    young, _ = make_beneficiary(granted_at=NOW - DAY)
    booking = bookings.book(young.id, stock.id, now=NOW)
    _refused("stock_has_bookings", offers.delete_stock, pro.id, stock.id)
    bookings.cancel_by_beneficiary(young.id, booking.id, now=NOW)
    assert offers.delete_stock(pro.id, stock.id).is_soft_deleted
    _refused("stock_not_found", offers.update_stock, pro.id, stock.id, StockInput(price=0))


# --- Visibility (O3, F9) ------------------------------------------------------------


def _visible_ids(now=NOW) -> set[int]:
    with db.transaction(write=False) as session:
        return {offer.id for offer in session.exec(offers.visible_offers_query(now))}


def test_young_users_see_only_bookable_offers_of_validated_structures(database):  # O3, F9
    visible = make_offer()
    make_stock(visible)
    hidden = {
        "pending structure": make_offer(make_venue(make_offerer(validated=False))),
        "draft": make_offer(validation_status=OfferStatus.DRAFT),
        "rejected": make_offer(validation_status=OfferStatus.REJECTED, rejection_reason="Fraude"),
        "inactive": make_offer(is_active=False),
        "no stock": make_offer(),
        "sold out": make_offer(),
        "past event": make_offer(subcategory_id="CONCERT"),
        "limit passed": make_offer(),
        "deleted stock": make_offer(),
        "inactive stock": make_offer(),
    }
    for name in ("pending structure", "draft", "rejected", "inactive"):
        make_stock(hidden[name])
    make_stock(hidden["sold out"], quantity=1, booked_quantity=1)
    make_stock(hidden["past event"], beginning_at=NOW - MINUTE)
    make_stock(hidden["limit passed"], booking_limit_at=NOW - MINUTE)
    make_stock(hidden["deleted stock"], is_soft_deleted=True)
    make_stock(hidden["inactive stock"], is_active=False)
    assert _visible_ids() == {visible.id}


def test_a_bookable_stock_keeps_its_offer_visible_until_the_limit(database):  # rule F9
    offer = make_offer()
    stock = make_stock(offer, booking_limit_at=NOW)
    assert _visible_ids(NOW - MINUTE) == {offer.id}
    assert _visible_ids(NOW + MINUTE) == set()
    assert offers.is_bookable(stock, NOW - MINUTE) and not offers.is_bookable(stock, NOW)


def test_is_bookable_agrees_with_the_query(database):  # rule F9: one rule, two forms
    stocks = [
        make_stock(),
        make_stock(quantity=1, booked_quantity=1),
        make_stock(quantity=None),
        make_stock(make_offer(subcategory_id="CONCERT"), beginning_at=NOW + MINUTE),
        make_stock(make_offer(subcategory_id="CONCERT"), beginning_at=NOW - MINUTE),
        make_stock(booking_limit_at=NOW - MINUTE),
        make_stock(is_soft_deleted=True),
        make_stock(is_active=False),
    ]
    with db.transaction(write=False) as session:
        in_query = set(
            session.exec(select(Stock.id).where(*offers.bookable_stock_clause(NOW))).all()
        )
    assert in_query == {s.id for s in stocks if offers.is_bookable(s, NOW)}
    assert len(in_query) == 3


def test_a_deactivated_offer_is_hidden_and_can_come_back(pro_venue):  # rule F9
    pro, venue = pro_venue
    offer = make_offer(venue)
    make_stock(offer)
    offers.set_offer_active(pro.id, offer.id, False, now=NOW)
    assert _visible_ids() == set()
    assert offers.set_offer_active(pro.id, offer.id, True, now=NOW).is_active
    assert _visible_ids() == {offer.id}


def test_unknown_rows_are_not_found(pro_venue):
    pro, _venue = pro_venue
    _refused("venue_not_found", offers.create_offer, pro.id, 999_999, BOOK)
    _refused("offer_not_found", offers.publish_offer, pro.id, 999_999)
    _refused("stock_not_found", offers.delete_stock, pro.id, 999_999)
