"""Offers and stocks: what a pro may publish (F1–F8) and what young users see (O3, F9)."""

import re
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from sqlalchemy import exists, func, or_
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import (
    Booking,
    BookingStatus,
    Offer,
    Offerer,
    OfferStatus,
    Stock,
    User,
    ValidationStatus,
    Venue,
)
from services import policy, review_rules
from services.access import check_offerer_access
from services.errors import DomainError, NotFound
from services.formatting import long_datetime, thousands
from services.subcategories import Channel, Subcategory, get_subcategory
from services.timezones import department_timezone

# Rule F3: school (3000) and para-school (3013) books, by CLIL code.
INELIGIBLE_CLIL_CODES = frozenset({"3000", "3013"})
# Rule F4: special screenings, as cinemas and Allociné name them.
_SPECIAL_SCREENING = re.compile(r"\b(3D|IMAX|DOLBY|4DX|SCREENX|D-BOX)\b", re.IGNORECASE)
_EAN = re.compile(r"\d{13}")
_URL = re.compile(r"https?://\S+\.\S+", re.IGNORECASE)
_NAME_MAX = 140


@dataclass(frozen=True)
class OfferInput:
    """What the pro fills in for an offer (rule F2)."""

    name: str
    subcategory_id: str
    description: str | None = None
    image_url: str | None = None
    url: str | None = None
    is_duo: bool = False
    is_national: bool = False
    ean: str | None = None
    # Details by subcategory: author, "clil" code, "school_book" flag from a feed,
    # "screening_formats" of a showtime…
    extra_data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StockInput:
    """A price and a number of places; a date for events (rules F2, F7, F8)."""

    price: int  # cents
    quantity: int | None = None  # None = unlimited
    beginning_at: datetime | None = None
    booking_limit_at: datetime | None = None
    price_label: str | None = None


# --- Checks, shared with the imports -------------------------------------------------


def is_special_screening(name: str, formats: list[str] | None = None) -> bool:
    """Rule F4: 3D, IMAX, Dolby, 4DX… screenings are not eligible."""
    return any(_SPECIAL_SCREENING.search(text) for text in [name, *(formats or [])])


def is_school_book(extra_data: dict[str, Any]) -> bool:
    """Rule F3: CLIL 3000 / 3013, or flagged as a school book by a feed."""
    return str(extra_data.get("clil", "")) in INELIGIBLE_CLIL_CODES or bool(
        extra_data.get("school_book")
    )


def check_eligibility(subcategory: Subcategory, name: str, extra_data: dict[str, Any]) -> None:
    """Rules F3 and F4."""
    if subcategory.category == "LIVRE" and is_school_book(extra_data):
        raise DomainError(
            "school_book",
            "Les livres scolaires et parascolaires (CLIL 3000 et 3013) ne sont pas éligibles.",
        )
    if subcategory.category == "CINEMA" and is_special_screening(
        name, extra_data.get("screening_formats")
    ):
        raise DomainError(
            "special_screening",
            "Les séances spéciales (3D, IMAX, son Dolby, 4DX…) ne sont pas éligibles.",
        )


def check_offer_input(data: OfferInput, venue: Venue) -> Subcategory:
    """Rules F2–F6 on what the pro typed; returns the subcategory (F1)."""
    subcategory = get_subcategory(data.subcategory_id)
    name = data.name.strip()
    if not name:
        raise DomainError("name_required", "Donnez un titre à l'offre.")
    if len(name) > _NAME_MAX:
        raise DomainError("name_too_long", f"Le titre ne doit pas dépasser {_NAME_MAX} caractères.")
    if subcategory.channel == Channel.ONLINE and not data.url:
        raise DomainError("url_required", "Une offre numérique a besoin d'une adresse web.")
    if data.url and subcategory.channel == Channel.OFFLINE:
        raise DomainError("url_not_allowed", "Cette offre se retire sur place : pas d'adresse web.")
    if data.url and not _URL.fullmatch(data.url):
        raise DomainError("invalid_url", "L'adresse web doit commencer par http:// ou https://.")
    if venue.is_virtual and subcategory.channel == Channel.OFFLINE:
        raise DomainError(
            "venue_is_virtual",
            "Une offre à retirer sur place doit être rattachée à un lieu physique.",
        )
    if data.ean and not _EAN.fullmatch(data.ean):
        raise DomainError("invalid_ean", "L'EAN doit compter 13 chiffres.")
    if data.is_duo and not subcategory.can_be_duo:  # rule F5
        raise DomainError(
            "duo_not_allowed", "L'option duo n'est pas possible pour ce type d'offre."
        )
    check_eligibility(subcategory, name, data.extra_data)
    return subcategory


def check_stock_input(
    subcategory: Subcategory, data: StockInput, *, booked_quantity: int = 0
) -> None:
    """Rules F2, F7 and F8."""
    if not 0 <= data.price <= policy.MAX_PRICE:
        raise DomainError(
            "invalid_price",
            f"Le prix doit être compris entre 0 € et {policy.MAX_PRICE // 100} €.",
        )
    if data.quantity is not None and not 0 <= data.quantity <= policy.MAX_STOCK_QUANTITY:
        raise DomainError(
            "invalid_quantity",
            f"La quantité doit être comprise entre 0 et {thousands(policy.MAX_STOCK_QUANTITY)}, "
            "ou rester illimitée.",
        )
    if data.quantity is not None and data.quantity < booked_quantity:
        raise DomainError(
            "quantity_below_booked",
            "La quantité ne peut pas être inférieure au nombre de places déjà réservées "
            f"({booked_quantity}).",
        )
    if subcategory.is_event and data.beginning_at is None:
        raise DomainError("date_required", "Indiquez la date et l'heure de l'évènement.")
    if not subcategory.is_event and data.beginning_at is not None:
        raise DomainError("date_not_allowed", "Seuls les évènements ont une date.")
    if data.beginning_at and data.booking_limit_at and data.booking_limit_at > data.beginning_at:
        raise DomainError(
            "booking_limit_after_start",
            "La date limite de réservation doit précéder le début de l'évènement.",
        )


# --- What young users see and may book (O3, F9) --------------------------------------


def _unavailable() -> NotFound:
    return NotFound("offer_unavailable", "Cette offre n'est pas disponible.")


def stock_refusal(stock: Stock, now: datetime, quantity: int = 1) -> DomainError | None:
    """Rules F8, F9 for one stock: why `quantity` places cannot be booked now, if so."""
    if not stock.is_active or stock.is_soft_deleted:
        return _unavailable()
    if stock.beginning_at is not None and now >= stock.beginning_at:
        return DomainError("event_started", "Cet évènement a déjà commencé.")
    if stock.booking_limit_at is not None and now >= stock.booking_limit_at:
        return DomainError("booking_closed", "La date limite de réservation est dépassée.")
    left = None if stock.quantity is None else stock.quantity - stock.booked_quantity
    if left is not None and left <= 0:
        return DomainError("sold_out", "Cette offre est épuisée.")
    if left is not None and left < quantity:
        return DomainError("not_enough_places", "Il ne reste qu'une place pour cette offre.")
    return None


def is_bookable(stock: Stock, now: datetime) -> bool:
    """Rule F9, for one stock: active, before its booking limit and start, not sold out."""
    return stock_refusal(stock, now) is None


def bookable_stock_clause(now: datetime):
    """Rule F9 for stocks, as SQL (the same conditions as `is_bookable`)."""
    return (
        Stock.is_active,
        ~Stock.is_soft_deleted,
        or_(Stock.booking_limit_at.is_(None), Stock.booking_limit_at > now),
        or_(Stock.beginning_at.is_(None), Stock.beginning_at > now),
        or_(Stock.quantity.is_(None), Stock.booked_quantity < Stock.quantity),
    )


def visible_offers_query(now: datetime | None = None):
    """Rules O3 and F9: offers shown to young users, as a query to refine (search, map)."""
    now = now or clock.utcnow()
    has_bookable_stock = exists().where(Stock.offer_id == Offer.id, *bookable_stock_clause(now))
    return (
        select(Offer)
        .join(Venue, Venue.id == Offer.venue_id)
        .join(Offerer, Offerer.id == Venue.offerer_id)
        .where(
            Offerer.validation_status == ValidationStatus.VALIDATED,
            Offer.validation_status == OfferStatus.APPROVED,
            Offer.is_active,
            has_bookable_stock,
        )
    )


def is_offer_visible(offer: Offer, offerer: Offerer) -> bool:
    """Rules O3 and F9 for the offer itself (its stocks are checked one by one)."""
    return (
        offerer.validation_status == ValidationStatus.VALIDATED
        and offer.validation_status == OfferStatus.APPROVED
        and offer.is_active
    )


def check_bookable(
    offer: Offer, offerer: Offerer, stock: Stock, now: datetime, quantity: int = 1
) -> None:
    """Rules O3, F8 and F9 at booking time, with a reason for each refusal."""
    if not is_offer_visible(offer, offerer):
        raise _unavailable()
    refusal = stock_refusal(stock, now, quantity)
    if refusal:
        raise refusal


# --- Pro actions (O7: only on the pro's own structures) ------------------------------


def _venue_for(session: Session, pro_user_id: int, venue_id: int) -> Venue:
    venue = session.get(Venue, venue_id)
    if venue is None:
        raise NotFound("venue_not_found", "Ce lieu n'existe pas.")
    check_offerer_access(session, session.get(User, pro_user_id), venue.offerer_id)
    return venue


def owned_offer(session: Session, pro_user_id: int, offer_id: int) -> tuple[Offer, Venue]:
    """Rule O7: the pro's own offer and its venue, else NotFound worded as for a missing
    offer (whether it exists elsewhere is not told)."""
    offer = session.get(Offer, offer_id)
    venue = session.get(Venue, offer.venue_id) if offer else None
    try:
        if venue is None:
            raise NotFound("offer_not_found", "Cette offre n'existe pas.")
        check_offerer_access(session, session.get(User, pro_user_id), venue.offerer_id)
    except NotFound:
        raise NotFound("offer_not_found", "Cette offre n'existe pas.") from None
    return offer, venue


def _offer_values(data: OfferInput, subcategory: Subcategory) -> dict[str, Any]:
    values = {f.name: getattr(data, f.name) for f in fields(OfferInput)}
    values["name"] = data.name.strip()
    values["url"] = data.url or None
    # Rule F6: an online offer reaches young users all over France.
    values["is_national"] = data.is_national or subcategory.channel == Channel.ONLINE
    return values


def create_offer(
    pro_user_id: int, venue_id: int, data: OfferInput, *, now: datetime | None = None
) -> Offer:
    """A draft offer (rules F1–F6); O3: allowed while the structure awaits validation."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        venue = _venue_for(session, pro_user_id, venue_id)
        subcategory = check_offer_input(data, venue)
        offer = Offer(
            venue_id=venue.id,
            validation_status=OfferStatus.DRAFT,
            created_at=now,
            updated_at=now,
            **_offer_values(data, subcategory),
        )
        session.add(offer)
        session.flush()
    return offer


def update_offer(
    pro_user_id: int, offer_id: int, data: OfferInput, *, now: datetime | None = None
) -> Offer:
    """Rules F1–F6; the fields a pro changes on an imported offer are kept from feeds (I1)."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        offer, venue = owned_offer(session, pro_user_id, offer_id)
        offer = db.lock_one(session, Offer, offer.id)
        if (
            data.subcategory_id != offer.subcategory_id
            and offer.validation_status == OfferStatus.APPROVED
        ):  # rule F1
            raise DomainError(
                "subcategory_frozen",
                "Le type d'offre ne peut plus être modifié une fois l'offre validée.",
            )
        subcategory = check_offer_input(data, venue)
        if offer.is_duo and not data.is_duo:
            _check_no_duo_booking(session, offer.id)
        values = _offer_values(data, subcategory)
        changed = [name for name, value in values.items() if getattr(offer, name) != value]
        for name in changed:
            setattr(offer, name, values[name])
        if offer.provider_id is not None:
            offer.fields_edited_by_pro = sorted(set(offer.fields_edited_by_pro) | set(changed))
        offer.updated_at = now
    return offer


def _check_no_duo_booking(session: Session, offer_id: int) -> None:
    """Rule F5: duo bookings already made keep their two places."""
    duo_booked = session.exec(
        select(Booking.id).where(
            Booking.offer_id == offer_id,
            Booking.quantity == policy.DUO_QUANTITY,
            Booking.status == BookingStatus.CONFIRMED,
        )
    ).first()
    if duo_booked:
        raise DomainError(
            "duo_booked", "Des réservations duo sont en cours : l'option duo doit rester active."
        )


def publish_offer(pro_user_id: int, offer_id: int, *, now: datetime | None = None) -> Offer:
    """A draft with at least one stock is approved at once, as in pcapi when no fraud rule
    flags it; young users see it once the structure is validated too (O3). A draft that
    an active review rule matches waits for an admin instead, shown to nobody (F9, F12)."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        offer, _venue = owned_offer(session, pro_user_id, offer_id)
        offer = db.lock_one(session, Offer, offer.id)
        if offer.validation_status != OfferStatus.DRAFT:
            raise DomainError("not_a_draft", "Cette offre est déjà publiée.")
        has_stock = session.exec(
            select(Stock.id).where(Stock.offer_id == offer.id, ~Stock.is_soft_deleted)
        ).first()
        if not has_stock:
            raise DomainError("no_stock", "Ajoutez au moins un stock avant de publier l'offre.")
        offer.validation_status = review_rules.review(session, offer, now)
        offer.updated_at = now
    return offer


def set_offer_active(
    pro_user_id: int, offer_id: int, active: bool, *, now: datetime | None = None
) -> Offer:
    """Rule F9: a deactivated offer is hidden from young users; its bookings stay valid."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        offer, _venue = owned_offer(session, pro_user_id, offer_id)
        offer = db.lock_one(session, Offer, offer.id)
        if active and offer.deactivated_by_admin_at is not None:
            raise DomainError(
                "deactivated_by_admin",
                "Cette offre a été désactivée par l'équipe du pass Culture : vous ne pouvez "
                "pas la réactiver. Écrivez au support pour en savoir plus.",
            )
        offer.is_active = active
        offer.updated_at = now
    return offer


def add_stock(
    pro_user_id: int, offer_id: int, data: StockInput, *, now: datetime | None = None
) -> Stock:
    """Rules F2, F7, F8."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        offer, _venue = owned_offer(session, pro_user_id, offer_id)
        check_stock_input(get_subcategory(offer.subcategory_id), data)
        stock = Stock(offer_id=offer.id, created_at=now, updated_at=now, **_stock_values(data))
        session.add(stock)
        session.flush()
    return stock


def update_stock(
    pro_user_id: int, stock_id: int, data: StockInput, *, now: datetime | None = None
) -> Stock:
    """Rules F7, F8: never below what is already booked (checked under the stock's lock)."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        stock = _pro_stock(session, pro_user_id, stock_id)
        offer = session.get(Offer, stock.offer_id)
        check_stock_input(
            get_subcategory(offer.subcategory_id), data, booked_quantity=stock.booked_quantity
        )
        for name, value in _stock_values(data).items():
            setattr(stock, name, value)
        stock.updated_at = now
    return stock


STOCK_DELETED_COMMENT = "Le lieu a supprimé la date ou le tarif réservé."


def delete_stock(
    pro_user_id: int,
    stock_id: int,
    *,
    cancel_bookings: bool = False,
    now: datetime | None = None,
) -> Stock:
    """Rule B10: a stock with unused bookings is deleted only once the pro confirms that
    they are cancelled (`cancel_bookings`); they are then cancelled in the same
    transaction, the credit goes back (C6) and the young users are emailed (B4).
    Used bookings stay as they are."""
    # services.bookings imports this module: imported here, when deleting.
    from services.bookings import cancel_unused_bookings_of_stock

    now = now or clock.utcnow()
    with db.transaction() as session:
        stock = _pro_stock(session, pro_user_id, stock_id)
        pending = unused_booking_count(session, stock.id)
        if pending and not cancel_bookings:
            raise DomainError(
                "stock_has_bookings",
                f"Supprimer ce stock annulera {_bookings(pending)} : "
                "confirmez la suppression pour prévenir les bénéficiaires et les rembourser.",
            )
        cancel_unused_bookings_of_stock(session, stock, STOCK_DELETED_COMMENT, now)
        stock.is_soft_deleted = True
        stock.updated_at = now
    return stock


def _pro_stock(session: Session, pro_user_id: int, stock_id: int) -> Stock:
    """The stock, locked, if it belongs to one of the pro's structures (rule O7)."""
    stock = session.get(Stock, stock_id)
    missing = NotFound("stock_not_found", "Ce stock n'existe pas.")
    if stock is None or stock.is_soft_deleted:
        raise missing
    try:
        owned_offer(session, pro_user_id, stock.offer_id)
    except NotFound:
        raise missing from None  # another structure's stock reads as a missing one
    return db.lock_one(session, Stock, stock.id)


def unused_booking_count(session: Session, stock_id: int) -> int:
    """Bookings of the stock that are neither used nor cancelled (B10: a deletion cancels them)."""
    return session.exec(
        select(func.count(Booking.id)).where(
            Booking.stock_id == stock_id, Booking.status == BookingStatus.CONFIRMED
        )
    ).one()


def _bookings(count: int) -> str:
    return f"{count} réservation" + ("s" if count > 1 else "")


def _stock_values(data: StockInput) -> dict[str, Any]:
    return {f.name: getattr(data, f.name) for f in fields(StockInput)}


# --- The offer form: image and timetables ---------------------------------------------

# Stocks added in one go (a timetable's dates).
MAX_STOCKS_AT_ONCE = 200


def set_offer_image(
    pro_user_id: int, offer_id: int, image_url: str | None, *, now: datetime | None = None
) -> str | None:
    """Rule F11: the offer's hook image (None removes it); returns the one it replaces."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        offer, _venue = owned_offer(session, pro_user_id, offer_id)
        offer = db.lock_one(session, Offer, offer.id)
        previous = offer.image_url
        offer.image_url = image_url
        offer.updated_at = now
    return previous


def add_stocks(
    pro_user_id: int, offer_id: int, stocks: list[StockInput], *, now: datetime | None = None
) -> list[Stock]:
    """Rules F2, F7, F8 for several stocks (an event's timetable): all are added, or none;
    a refusal names the date it is about. Dates already past are refused."""
    now = now or clock.utcnow()
    if not stocks:
        raise DomainError("no_dates", "Aucune date à ajouter.")
    if len(stocks) > MAX_STOCKS_AT_ONCE:
        raise DomainError(
            "too_many_stocks",
            f"{MAX_STOCKS_AT_ONCE} dates au plus peuvent être ajoutées à la fois.",
        )
    with db.transaction() as session:
        offer, venue = owned_offer(session, pro_user_id, offer_id)
        subcategory = get_subcategory(offer.subcategory_id)
        for data in stocks:
            try:
                check_stock_input(subcategory, data)
                if data.beginning_at is not None and data.beginning_at <= now:
                    raise DomainError("date_in_past", "Cette date est déjà passée.")
            except DomainError as refusal:
                if data.beginning_at is None:
                    raise
                zone = department_timezone(venue.department_code)
                when = long_datetime(data.beginning_at, zone)
                raise DomainError(refusal.code, f"Séance du {when} : {refusal.message}") from None
        added = [
            Stock(offer_id=offer.id, created_at=now, updated_at=now, **_stock_values(data))
            for data in stocks
        ]
        session.add_all(added)
        session.flush()
    return added
