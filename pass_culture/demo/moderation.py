"""Demo moderation (rule F12): two review rules written by the demo admin and one offer of
the demo pro that they sent to review."""

from datetime import datetime

from sqlmodel import Session, select

from pass_culture.demo.accounts import MARKER_EMAIL
from pass_culture.demo.offers import full_ean
from pass_culture.models import (
    Offer,
    OfferReviewMatch,
    OfferReviewRule,
    OfferStatus,
    ReviewRuleKind,
    Stock,
    User,
    Venue,
)
from services import review_rules

RULES = ((ReviewRuleKind.PRICE_ABOVE, "15000"), (ReviewRuleKind.WORD, "collector"))


def add_moderation(session: Session, now: datetime, venue: Venue) -> tuple[int, int]:
    """Returns the offers and stocks added."""
    admin = session.exec(select(User).where(User.email == MARKER_EMAIL)).one()
    rules = [
        OfferReviewRule(
            kind=kind, value=value, created_by_id=admin.id, created_at=now, updated_at=now
        )
        for kind, value in RULES
    ]
    offer = Offer(
        venue_id=venue.id,
        subcategory_id="LIVRE_PAPIER",
        name="Coffret collector des classiques, édition limitée",
        description="Dix classiques reliés, numérotés, dans leur coffret.",
        ean=full_ean("978299999001"),
        extra_data={"author": "Collectif"},
        validation_status=OfferStatus.PENDING,
        created_at=now,
        updated_at=now,
    )
    session.add_all([*rules, offer])
    session.flush()
    stock = Stock(offer_id=offer.id, price=45_00, quantity=3, created_at=now, updated_at=now)
    session.add(stock)
    session.add_all(
        OfferReviewMatch(offer_id=offer.id, rule_id=rule.id, reason=reason, created_at=now)
        for rule in rules
        if (reason := review_rules.match_reason(rule, offer, stock.price))
    )
    session.flush()
    return 1, 1
