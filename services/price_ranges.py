"""Which offers have more than one price among their bookable stocks (rule F9), so that
cards say "dès 8 €" rather than "8 €"."""

from datetime import datetime

from sqlalchemy import func, select

from pass_culture import clock, db
from pass_culture.models import Stock
from services.offers import bookable_stock_clause


def several_prices(offer_ids: list[int], *, now: datetime | None = None) -> set[int]:
    if not offer_ids:
        return set()
    statement = (
        select(Stock.offer_id)
        .where(Stock.offer_id.in_(list(offer_ids)), *bookable_stock_clause(now or clock.utcnow()))
        .group_by(Stock.offer_id)
        .having(func.count(func.distinct(Stock.price)) > 1)
    )
    with db.transaction(write=False) as session:
        return {row[0] for row in session.execute(statement)}
