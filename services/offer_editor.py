"""The pro's offer form (/pro/offres/nouvelle, /pro/offres/<id>/edition): what it sends,
as text, turned into the inputs of services/offers.py, with a French refusal for every
field typed wrong; and what the form shows back (venues, the draft, its stocks).

The fields that depend on the subcategory (F1): books have an EAN/ISBN checked with
python-stdnum, an author and a CLIL code (F3); cinema showings a film, a duration, a
language and a projection format (F4); shows and concerts a performer.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import select
from stdnum import ean as stdnum_ean
from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

from pass_culture import clock, db
from pass_culture.models import Offer, OfferStatus, Stock, Venue
from services import offer_details, offers, timetable
from services.access import offerer_ids_of
from services.errors import DomainError, NotFound
from services.formatting import long_datetime, price
from services.identifiers import parse_id
from services.offers import OfferInput, StockInput
from services.subcategories import Channel, Subcategory, get_subcategory
from services.timezones import department_timezone

LANGUAGES = {
    "VF": "Version française",
    "VO": "Version originale",
    "VOSTFR": "Version originale sous-titrée en français",
}
CLASSIC = "Classique"
# Rule F4: every format but the classic one is a special screening, refused.
SCREENING_FORMATS = (CLASSIC, "3D", "IMAX", "Dolby", "4DX", "ScreenX")
# Paper books are sold by their EAN (pcapi creates them from the product catalogue).
EAN_REQUIRED = frozenset({"LIVRE_PAPIER", "LIVRE_AUDIO_PHYSIQUE"})
DESCRIPTION_MAX = 10_000
WITHDRAWAL_MAX = 500
TEXT_MAX = 140
MAX_DURATION_MINUTES = 1439
_CLIL = re.compile(r"\d{4}")
_PRICE = re.compile(r"(\d{1,3})(?:[.,](\d{1,2}))?")
_HIDDEN_STATUSES = frozenset({OfferStatus.DRAFT})


def detail_fields(subcategory: Subcategory) -> tuple[str, ...]:
    """The form's fields that depend on the subcategory, in the order shown."""
    if subcategory.category == "LIVRE":
        return ("ean", "author", "clil")
    if subcategory.category == "CINEMA" and subcategory.is_event:
        return ("film", "duration", "language", "screening_format")
    if subcategory.category in ("MUSIQUE_LIVE", "SPECTACLE") and subcategory.is_event:
        return ("performer", "duration")
    if subcategory.category == "MUSIQUE_ENREGISTREE" and subcategory.channel == Channel.OFFLINE:
        return ("ean", "performer")
    return ()


@dataclass(frozen=True)
class OfferForm:
    """The offer's fields as the form sends them (text; checkboxes as booleans)."""

    subcategory_id: str
    name: str
    description: str = ""
    url: str = ""
    is_duo: bool = False
    is_national: bool = False
    withdrawal_details: str = ""
    ean: str = ""
    author: str = ""
    clil: str = ""
    film: str = ""
    duration: str = ""
    language: str = ""
    screening_format: str = CLASSIC
    performer: str = ""


def normalise_ean(raw: str, *, book: bool) -> str | None:
    """The EAN-13 of a typed EAN (or, for books, ISBN-10/13 with or without hyphens);
    None when empty; refused when its check digit is wrong."""
    text = re.sub(r"[\s-]", "", raw or "")
    if not text:
        return None
    try:
        if book:
            return stdnum_isbn.to_isbn13(stdnum_isbn.validate(text))
        number = stdnum_ean.validate(text)
        if len(number) != 13:
            raise InvalidLength()
        return number
    except ValidationError as invalid:
        what = "L'ISBN (ou EAN)" if book else "L'EAN"
        why = (
            "la clé de contrôle (dernier chiffre) ne correspond pas"
            if isinstance(invalid, InvalidChecksum)
            else ("il faut 10 ou 13 chiffres" if book else "il faut 13 chiffres")
        )
        raise DomainError(
            "invalid_ean", f"{what} « {raw.strip()} » n'est pas valide : {why}."
        ) from None


def _text(raw: str, label: str, limit: int = TEXT_MAX) -> str:
    text = (raw or "").strip()
    if len(text) > limit:
        raise DomainError("text_too_long", f"{label} ne doit pas dépasser {limit} caractères.")
    return text


def _duration(raw: str) -> int | None:
    text = (raw or "").strip()
    if not text:
        return None
    if not text.isdigit() or not 0 < int(text) <= MAX_DURATION_MINUTES:
        raise DomainError(
            "invalid_duration",
            f"La durée se compte en minutes, de 1 à {MAX_DURATION_MINUTES} (ex. : 95).",
        )
    return int(text)


def offer_input(form: OfferForm) -> OfferInput:
    """The form checked field by field and shaped for services.offers (which then checks
    rules F2–F6 itself)."""
    subcategory = get_subcategory(form.subcategory_id)
    fields_shown = detail_fields(subcategory)
    extra: dict = {}
    ean = None
    if "ean" in fields_shown:
        ean = normalise_ean(form.ean, book=subcategory.category == "LIVRE")
        if ean is None and subcategory.id in EAN_REQUIRED:
            raise DomainError("ean_required", "Indiquez l'EAN (ISBN) du livre.")
    if "author" in fields_shown and form.author.strip():
        extra["author"] = _text(form.author, "Le nom de l'auteur")
    if "clil" in fields_shown and form.clil.strip():
        if not _CLIL.fullmatch(form.clil.strip()):
            raise DomainError("invalid_clil", "Le code CLIL compte 4 chiffres (ex. : 3435).")
        extra["clil"] = form.clil.strip()
    if "film" in fields_shown and form.film.strip():
        extra["film"] = _text(form.film, "Le titre du film")
    if "performer" in fields_shown and form.performer.strip():
        extra["performer"] = _text(form.performer, "Le nom de l'interprète")
    if "duration" in fields_shown and (minutes := _duration(form.duration)) is not None:
        extra["duration_minutes"] = minutes
    if "language" in fields_shown and form.language:
        if form.language not in LANGUAGES:
            raise DomainError("invalid_language", "Choisissez la version du film.")
        extra["language"] = form.language
    if "screening_format" in fields_shown:
        if form.screening_format not in SCREENING_FORMATS:
            raise DomainError("invalid_format", "Choisissez le format de la séance.")
        if form.screening_format != CLASSIC:
            extra["screening_formats"] = [form.screening_format]
    if form.withdrawal_details.strip():
        extra["withdrawal_details"] = _text(
            form.withdrawal_details, "Les modalités de retrait", WITHDRAWAL_MAX
        )
    return OfferInput(
        name=form.name,
        subcategory_id=subcategory.id,
        description=_text(form.description, "La description", DESCRIPTION_MAX) or None,
        url=form.url.strip() or None,
        is_duo=form.is_duo,
        is_national=form.is_national,
        ean=ean,
        extra_data=extra,
    )


def form_of(offer: Offer) -> OfferForm:
    """An offer back as the form shows it."""
    extra = offer.extra_data or {}
    formats = extra.get("screening_formats") or []
    return OfferForm(
        subcategory_id=offer.subcategory_id,
        name=offer.name,
        description=offer.description or "",
        url=offer.url or "",
        is_duo=offer.is_duo,
        is_national=offer.is_national,
        withdrawal_details=str(extra.get("withdrawal_details") or ""),
        ean=offer.ean or "",
        author=str(extra.get("author") or ""),
        clil=str(extra.get("clil") or ""),
        film=str(extra.get("film") or ""),
        duration=str(extra.get("duration_minutes") or ""),
        language=str(extra.get("language") or ""),
        screening_format=formats[0] if formats else CLASSIC,
        performer=str(extra.get("performer") or ""),
    )


def save_draft(
    pro_user_id: int, form: OfferForm, *, venue_id: int | None = None, offer_id: int | None = None
) -> Offer:
    """Step 2 of the form: a new draft at the venue, or the offer updated (F1: its
    subcategory is frozen once validated)."""
    data = offer_input(form)
    if offer_id is not None:
        return offers.update_offer(pro_user_id, offer_id, data)
    if venue_id is None:
        raise DomainError("venue_required", "Choisissez le lieu de l'offre.")
    return offers.create_offer(pro_user_id, venue_id, data)


# --- Prices, quantities and timetables --------------------------------------------------


def parse_price(raw: str) -> int:
    """ "12", "12,5", "12.50 €" → cents."""
    text = (raw or "").replace("€", "").replace("\u00a0", "").strip()
    match = _PRICE.fullmatch(text)
    if not match:
        raise DomainError("invalid_price", "Indiquez le prix en euros, par exemple 12,50.")
    return int(match[1]) * 100 + int((match[2] or "0").ljust(2, "0"))


def parse_quantity(raw: str) -> int | None:
    """Empty = unlimited (rule F8)."""
    text = (raw or "").replace(" ", "").replace("\u202f", "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise DomainError(
            "invalid_quantity",
            "La quantité doit être un nombre entier, ou rester vide pour un stock illimité.",
        )
    return int(text)


@dataclass(frozen=True)
class TimetableForm:
    first_day: str
    last_day: str
    times: str
    price: str
    quantity: str = ""
    weekdays: tuple[int, ...] = field(default_factory=tuple)
    # Bookings close this many hours before each showing; empty = until it starts.
    limit_hours: str = ""


def _limit(raw: str) -> timedelta | None:
    text = (raw or "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) > 24 * 365:
        raise DomainError(
            "invalid_limit",
            "Le délai de réservation se compte en heures avant la séance (ex. : 2), ou reste vide.",
        )
    return timedelta(hours=int(text))


def timetable_inputs(form: TimetableForm, zone) -> list[StockInput]:
    """Every showing of the timetable as a stock to add."""
    first = timetable.parse_day(form.first_day, "la première date")
    last = timetable.parse_day(form.last_day or form.first_day, "la dernière date")
    weekdays = frozenset(int(day) for day in form.weekdays if str(day) in "0123456")
    starts = timetable.expand(
        timetable.Timetable(first, last, timetable.parse_times(form.times), weekdays), zone
    )
    cents, quantity, limit = (
        parse_price(form.price),
        parse_quantity(form.quantity),
        _limit(form.limit_hours),
    )
    return [
        StockInput(
            price=cents,
            quantity=quantity,
            beginning_at=start,
            booking_limit_at=start - limit if limit else None,
        )
        for start in starts
    ]


def add_timetable(pro_user_id: int, offer_id: int, form: TimetableForm) -> list[Stock]:
    """Step 4 for events: all the timetable's dates are added, or none."""
    with db.transaction(write=False) as session:
        _offer, venue = offers.owned_offer(session, pro_user_id, offer_id)
        zone = department_timezone(venue.department_code)
    return offers.add_stocks(pro_user_id, offer_id, timetable_inputs(form, zone))


def add_thing_stock(pro_user_id: int, offer_id: int, raw_price: str, raw_quantity: str) -> Stock:
    """Step 4 for things: a price and a quantity (empty = unlimited)."""
    data = StockInput(price=parse_price(raw_price), quantity=parse_quantity(raw_quantity))
    return offers.add_stock(pro_user_id, offer_id, data)


# --- What the form shows ----------------------------------------------------------------


@dataclass(frozen=True)
class VenueChoice:
    id: int
    name: str
    is_virtual: bool


def venues_of(pro_user_id: int) -> list[VenueChoice]:
    """The venues of the pro's structures (O7), by name."""
    with db.transaction(write=False) as session:
        offerer_ids = offerer_ids_of(session, pro_user_id)
        venues = session.exec(select(Venue).where(Venue.offerer_id.in_(offerer_ids))).all()
    choices = [VenueChoice(v.id, v.display_name, v.is_virtual) for v in venues]
    return sorted(choices, key=lambda v: (v.name.casefold(), v.id))


@dataclass(frozen=True)
class StockLine:
    id: int
    when: str  # "" for a thing
    price: str
    quantity: str
    booking_limit: str


@dataclass(frozen=True)
class Draft:
    """The offer being edited, as the form shows it back."""

    id: int
    status: str
    venue_name: str
    form: OfferForm
    image_url: str
    stocks: tuple[StockLine, ...]

    @property
    def subcategory_frozen(self) -> bool:
        """Rule F1: the subcategory cannot change once the offer is validated."""
        return self.status == OfferStatus.APPROVED

    @property
    def is_published(self) -> bool:
        return self.status not in _HIDDEN_STATUSES


def _line(stock: Stock, zone) -> StockLine:
    return StockLine(
        id=stock.id,
        when=long_datetime(stock.beginning_at, zone) if stock.beginning_at else "",
        price=price(stock.price),
        quantity="Illimité" if stock.quantity is None else str(stock.quantity),
        booking_limit=long_datetime(stock.booking_limit_at, zone) if stock.booking_limit_at else "",
    )


def load_draft(pro_user_id: int, raw_offer_id: str | int) -> Draft:
    """The pro's own offer (O7: another structure's is unknown, like a missing one)."""
    offer_id = parse_id(raw_offer_id)
    if offer_id is None:
        raise NotFound("offer_not_found", "Cette offre n'existe pas.")
    with db.transaction(write=False) as session:
        offer, venue = offers.owned_offer(session, pro_user_id, offer_id)
        stocks = session.exec(
            select(Stock)
            .where(Stock.offer_id == offer.id, ~Stock.is_soft_deleted)
            .order_by(Stock.beginning_at, Stock.id)
        ).all()
    zone = department_timezone(venue.department_code)
    return Draft(
        id=offer.id,
        status=offer.validation_status,
        venue_name=venue.display_name,
        form=form_of(offer),
        image_url=offer.image_url or "",
        stocks=tuple(_line(s, zone) for s in stocks),
    )


@dataclass(frozen=True)
class Preview:
    details: offer_details.OfferDetails
    first_start: datetime | None  # of the dates still bookable; None for a thing


def preview(pro_user_id: int, offer_id: int, *, now: datetime | None = None) -> Preview:
    """Rule E4: the offer as young users will see it (dates still bookable only)."""
    now = now or clock.utcnow()
    with db.transaction(write=False) as session:
        offer, venue = offers.owned_offer(session, pro_user_id, offer_id)
        details = offer_details.details_of(session, offer, venue, now)
        first_start = session.exec(
            select(Stock.beginning_at)
            .where(Stock.offer_id == offer.id, *offers.bookable_stock_clause(now))
            .order_by(Stock.beginning_at)
            .limit(1)
        ).first()
    return Preview(details, first_start)
