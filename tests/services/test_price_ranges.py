"""Offers with several prices among their bookable stocks ("dès 8 €" on cards)."""

from services.price_ranges import several_prices
from tests.factories import DAY, NOW, make_offer, make_stock


def test_only_bookable_stocks_with_different_prices_count(database):
    # rule F9: a past or sold-out stock's price is not offered any more
    ranged = make_offer()
    make_stock(ranged, price=8_00)
    make_stock(ranged, price=12_00)
    same = make_offer()
    make_stock(same, price=8_00)
    make_stock(same, price=8_00)
    past = make_offer(subcategory_id="CONCERT")
    make_stock(past, price=8_00, beginning_at=NOW + DAY, booking_limit_at=NOW + DAY)
    make_stock(past, price=20_00, beginning_at=NOW - DAY, booking_limit_at=NOW - DAY)
    sold_out = make_offer()
    make_stock(sold_out, price=5_00)
    make_stock(sold_out, price=9_00, quantity=2, booked_quantity=2)

    ids = [ranged.id, same.id, past.id, sold_out.id]
    assert several_prices(ids, now=NOW) == {ranged.id}
    assert several_prices([], now=NOW) == set()
