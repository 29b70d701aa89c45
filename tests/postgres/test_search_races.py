"""The search index under real concurrency: the last places of several stocks of one offer
sold at the same instant leave no trace of the offer in the index (rules F9, B2)."""

from functools import partial

from sqlalchemy import text

from pass_culture import db
from services import bookings
from services.search import SearchQuery, search_offers
from tests import factories
from tests.postgres.race import run_together, widened_race_window

STOCKS = 6


def _indexed(offer_id: int) -> bool:
    with db.get_engine().connect() as connection:
        rows = connection.execute(
            text("SELECT 1 FROM search_offers WHERE offer_id = :id"), {"id": offer_id}
        )
        return rows.first() is not None


def test_stocks_sold_out_together_take_the_offer_out_of_the_index(database):
    for _round in range(3):
        offer = factories.make_offer()
        stocks = [factories.make_stock(offer, quantity=1) for _ in range(STOCKS)]
        users = [factories.make_beneficiary()[0] for _ in range(STOCKS)]
        assert _indexed(offer.id)
        with widened_race_window():
            outcomes = run_together(
                [partial(bookings.book, u.id, s.id) for u, s in zip(users, stocks, strict=True)]
            )
        assert all(outcome.ok for outcome in outcomes), [o.error for o in outcomes]
        assert not _indexed(offer.id)
        assert search_offers(SearchQuery(text=offer.name)).total == 0
