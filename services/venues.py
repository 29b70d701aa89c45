"""A structure's venues, created and edited by its pros (rules O1, O6, O7, P2).

A venue that welcomes the public has an address in a commune of the offline list
(services.places) and a point near it, moved by the pro with a pin; a digital venue has
neither, nor a SIRET. The national address API only places the pin first, behind a
setting. The search index follows a venue's changes by itself (services.search_index).
"""

import json
import logging
import math
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass, replace
from typing import Protocol

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from pass_culture import db
from pass_culture.models import Offerer, User, Venue, VenueType
from pass_culture.settings import get_settings
from services.access import check_offerer_access
from services.errors import DomainError, NotFound
from services.geo import distance_km
from services.identifiers import parse_id
from services.offerers import check_name, validate_siret
from services.places import Place, find_commune

logger = logging.getLogger(__name__)

MAX_PIN_DISTANCE_KM = 30
ADDRESS_MAX = 200
PUBLIC_NAME_MAX = 255
EMAIL_MAX = 320
WITHDRAWAL_MAX = 500
ACCESSIBILITY = ("audio", "mental", "motor", "visual")
VENUE_TYPE_LABELS = {
    VenueType.BOOKSHOP: "Librairie",
    VenueType.CINEMA: "Cinéma",
    VenueType.THEATRE: "Théâtre, salle de spectacle",
    VenueType.MUSEUM: "Musée",
    VenueType.MUSIC_VENUE: "Salle de concert",
    VenueType.CONSERVATORY: "Conservatoire, école d'art",
    VenueType.LIBRARY: "Bibliothèque, médiathèque",
    VenueType.HERITAGE: "Patrimoine, monument",
    VenueType.FESTIVAL: "Festival",
    VenueType.RECORD_STORE: "Disquaire",
    VenueType.ARTS_CENTRE: "Centre d'art, lieu pluridisciplinaire",
    VenueType.DIGITAL: "Lieu numérique",
    VenueType.OTHER: "Autre",
}
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


@dataclass(frozen=True)
class VenueInput:
    """What the pro fills in for a venue. A digital venue has no SIRET and no place."""

    name: str
    siret: str | None = None
    is_virtual: bool = False
    # For a SIRET-less venue: the SIRET venue of the structure its revenue counts with (P2);
    # by default the structure's first one.
    pricing_point_id: int | None = None
    public_name: str | None = None
    venue_type: str = VenueType.OTHER
    address: str | None = None
    postal_code: str | None = None
    city: str | None = None
    # The pin; None: placed by the address API when it is on, else on the commune.
    latitude: float | None = None
    longitude: float | None = None
    booking_email: str | None = None
    withdrawal_details: str | None = None
    audio_disability_compliant: bool | None = None
    mental_disability_compliant: bool | None = None
    motor_disability_compliant: bool | None = None
    visual_disability_compliant: bool | None = None


# --- Where a venue is ------------------------------------------------------------------


class AddressLookup(Protocol):
    def locate(self, address: str, postal_code: str, city: str) -> tuple[float, float] | None:
        """The (latitude, longitude) of the address, or None when unknown or unreachable."""


class AddressApi:
    """The national address API (api-adresse.data.gouv.fr)."""

    def __init__(self, base_url: str, timeout_seconds: float):
        self.base_url = base_url.rstrip("/")
        self.timeout_seconds = timeout_seconds

    def locate(self, address: str, postal_code: str, city: str) -> tuple[float, float] | None:
        query = urllib.parse.urlencode(
            {"q": f"{address} {city}", "postcode": postal_code, "limit": 1}
        )
        try:
            with urllib.request.urlopen(  # noqa: S310 -- the URL comes from the settings
                f"{self.base_url}/search/?{query}", timeout=self.timeout_seconds
            ) as response:
                longitude, latitude = json.load(response)["features"][0]["geometry"]["coordinates"]
            return float(latitude), float(longitude)
        except (OSError, ValueError, KeyError, IndexError, TypeError) as error:
            logger.warning("API Adresse indisponible ou sans réponse : %s", error)
            return None


def address_lookup() -> AddressLookup | None:
    """The address API when the settings turn it on (off by default)."""
    settings = get_settings()
    if not settings.address_api_enabled:
        return None
    return AddressApi(settings.address_api_url, settings.address_api_timeout_seconds)


@dataclass(frozen=True)
class Location:
    commune: Place
    postal_code: str
    latitude: float
    longitude: float


def _commune(postal_code: str | None, city: str | None) -> tuple[Place, str]:
    code = (postal_code or "").strip()
    if not (len(code) == 5 and code.isascii() and code.isdigit()):
        raise DomainError("invalid_postal_code", "Le code postal doit comporter 5 chiffres.")
    if not (city or "").strip():
        raise DomainError("city_required", "La commune du lieu est obligatoire.")
    commune = find_commune(city, code)
    if commune is None:
        raise DomainError(
            "unknown_commune",
            f"Aucune commune « {city.strip()} » n'a le code postal {code} : "
            "vérifiez l'orthographe ou choisissez-la dans la liste.",
        )
    return commune, code


def locate(
    address: str | None,
    postal_code: str | None,
    city: str | None,
    *,
    lookup: AddressLookup | None = None,
) -> Location:
    """Where the pin starts: the address found by the address API when it is on and the
    point is near the commune, else the commune's own coordinates."""
    commune, code = _commune(postal_code, city)
    point = lookup.locate(address, code, commune.name) if lookup and address else None
    if point is None or _km(commune, *point) > MAX_PIN_DISTANCE_KM:
        point = (commune.latitude, commune.longitude)
    return Location(commune, code, *point)


def _km(commune: Place, latitude: float, longitude: float) -> float:
    return distance_km(commune.latitude, commune.longitude, latitude, longitude)


def parse_coordinate(text: str | float | None, what: str) -> float | None:
    """A typed latitude or longitude ("48,58" or "48.58"), None when empty."""
    text = str(text if text is not None else "").strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise DomainError(
            "invalid_coordinates", f"La {what} doit être un nombre, par exemple 48.58."
        )
    return value


def _place(data: VenueInput, lookup: AddressLookup | None) -> dict:
    """The address columns of the venue, every check made."""
    if data.is_virtual:
        given = (data.siret, data.address, data.postal_code, data.city)
        if any(given) or data.latitude is not None or data.longitude is not None:
            raise DomainError(
                "virtual_venue_has_no_place", "Un lieu numérique n'a ni SIRET ni adresse."
            )
        return dict.fromkeys(
            ("address", "postal_code", "city", "department_code", "latitude", "longitude")
        )
    address = _text(data.address, ADDRESS_MAX, "L'adresse ne doit pas dépasser {limit} caractères.")
    if not address:
        raise DomainError("address_required", "L'adresse du lieu est obligatoire.")
    if data.latitude is None and data.longitude is None:
        where = locate(address, data.postal_code, data.city, lookup=lookup)
    else:
        commune, code = _commune(data.postal_code, data.city)
        where = Location(commune, code, *_pin(commune, data.latitude, data.longitude))
    return {
        "address": address,
        "postal_code": where.postal_code,
        "city": where.commune.name,
        "department_code": where.commune.department,
        "latitude": round(where.latitude, 6),
        "longitude": round(where.longitude, 6),
    }


def _pin(commune: Place, latitude: float | None, longitude: float | None) -> tuple[float, float]:
    if (
        latitude is None
        or longitude is None
        or not (-90 <= latitude <= 90 and -180 <= longitude <= 180)
    ):
        raise DomainError(
            "invalid_coordinates", "Les coordonnées géographiques du lieu sont invalides."
        )
    away = _km(commune, latitude, longitude)
    if away > MAX_PIN_DISTANCE_KM:
        kilometres = f"{away:.1f}".replace(".", ",")
        raise DomainError(
            "pin_too_far",
            f"Le repère est à {kilometres} km de {commune.name} : placez-le à moins de "
            f"{MAX_PIN_DISTANCE_KM} km de la commune, ou corrigez la commune.",
        )
    return latitude, longitude


# --- The other fields ------------------------------------------------------------------


def _text(value: str | None, limit: int, too_long: str) -> str | None:
    """The text stripped, None when empty; `too_long`: the refusal, with {limit}."""
    value = (value or "").strip()
    if len(value) > limit:
        raise DomainError("text_too_long", too_long.format(limit=limit))
    return value or None


def _booking_email(value: str | None) -> str | None:
    """Rule O6: where the venue's bookings are notified; the structure's contact if empty."""
    email = (value or "").strip().lower()
    if not email:
        return None
    if len(email) > EMAIL_MAX or not _EMAIL.fullmatch(email):
        raise DomainError(
            "invalid_booking_email",
            "L'adresse email de réservation n'est pas valide, par exemple : "
            "reservations@monlieu.fr.",
        )
    return email


def _venue_type(data: VenueInput) -> str:
    if data.is_virtual:
        return VenueType.DIGITAL
    if data.venue_type not in VENUE_TYPE_LABELS or data.venue_type == VenueType.DIGITAL:
        raise DomainError("invalid_venue_type", "Choisissez le type du lieu dans la liste.")
    return data.venue_type


def _pricing_point(session: Session, offerer_id: int, chosen_id: int | None) -> int:
    """Rule P2: a SIRET venue of the same structure."""
    query = select(Venue.id).where(Venue.offerer_id == offerer_id, Venue.siret.is_not(None))
    if chosen_id is not None:
        if session.exec(query.where(Venue.id == chosen_id)).first() is None:
            raise DomainError(
                "invalid_pricing_point",
                "Le lieu de rattachement doit être un lieu avec SIRET de la même structure.",
            )
        return chosen_id
    point_id = session.exec(query.order_by(Venue.id)).first()
    if point_id is None:
        raise DomainError(
            "pricing_point_required",
            "Un lieu sans SIRET est rattaché à un lieu avec SIRET de la même structure pour "
            "ses remboursements : créez d'abord ce lieu.",
        )
    return point_id


def _siret_taken() -> DomainError:
    return DomainError("siret_already_registered", "Un lieu est déjà inscrit avec ce SIRET.")


def _columns(
    session: Session,
    offerer: Offerer,
    data: VenueInput,
    lookup: AddressLookup | None,
    venue: Venue | None = None,
) -> dict:
    """Every column the pro sets, checked; `venue`: the one edited (its own SIRET and
    pricing point stay allowed)."""
    place = _place(data, lookup)
    siret = validate_siret(data.siret, offerer.siren) if data.siret else None
    if siret:
        taken = select(Venue.id).where(Venue.siret == siret)
        if venue is not None:
            taken = taken.where(Venue.id != venue.id)
        if session.exec(taken).first():
            raise _siret_taken()
    elif venue is not None and venue.siret:
        raise DomainError(
            "siret_cannot_be_removed",
            "Le SIRET d'un lieu ne peut pas être retiré : d'autres lieux peuvent y être "
            "rattachés pour leurs remboursements.",
        )
    if siret:
        pricing_point_id = None
    elif venue is not None and data.pricing_point_id is None:
        pricing_point_id = venue.pricing_point_id
    else:
        pricing_point_id = _pricing_point(session, offerer.id, data.pricing_point_id)
    return {
        "name": check_name(data.name, "du lieu"),
        "public_name": _text(
            data.public_name,
            PUBLIC_NAME_MAX,
            "Le nom public ne doit pas dépasser {limit} caractères.",
        ),
        "siret": siret,
        "is_virtual": data.is_virtual,
        "venue_type": _venue_type(data),
        "booking_email": _booking_email(data.booking_email),
        "withdrawal_details": _text(
            data.withdrawal_details,
            WITHDRAWAL_MAX,
            "Les modalités de retrait ne doivent pas dépasser {limit} caractères.",
        ),
        "pricing_point_id": pricing_point_id,
        **{
            f"{flag}_disability_compliant": getattr(data, f"{flag}_disability_compliant")
            for flag in ACCESSIBILITY
        },
        **place,
    }


def _flush(session: Session) -> None:
    try:
        session.flush()
    except IntegrityError:  # the SIRET was registered meanwhile (venues.siret is unique)
        raise _siret_taken() from None


# --- Create, read, edit ----------------------------------------------------------------


def create_venue(
    pro_user_id: int,
    offerer_id: int,
    data: VenueInput,
    *,
    lookup: AddressLookup | None = None,
) -> Venue:
    """Rule O1: a venue of the pro's structure (O7), with a SIRET of that structure, or
    without one (a digital venue never has one) and then attached to a pricing point (P2)."""
    with db.transaction() as session:
        check_offerer_access(session, session.get(User, pro_user_id), offerer_id)
        offerer = session.get(Offerer, offerer_id)
        if offerer is None:
            raise NotFound("offerer_not_found", "Cette structure n'existe pas.")
        venue = Venue(offerer_id=offerer.id, **_columns(session, offerer, data, lookup))
        session.add(venue)
        _flush(session)
    return venue


def _venue_of(session: Session, user_id: int, venue_id) -> Venue:
    """Rule O7: another structure's venue is missing, in the same words."""
    missing = NotFound("venue_not_found", "Ce lieu n'existe pas.")
    parsed = parse_id(venue_id)
    venue = session.get(Venue, parsed) if parsed else None
    if venue is None:
        raise missing
    try:
        check_offerer_access(session, session.get(User, user_id), venue.offerer_id)
    except NotFound:
        raise missing from None
    return venue


def get_venue(user_id: int, venue_id) -> Venue:
    """The venue as the edit form shows it."""
    with db.transaction(write=False) as session:
        return _venue_of(session, user_id, venue_id)


def update_venue(
    user_id: int, venue_id, data: VenueInput, *, lookup: AddressLookup | None = None
) -> Venue:
    """The venue's every field the pro sets; whether it is digital stays as created."""
    with db.transaction() as session:
        venue = _venue_of(session, user_id, venue_id)
        offerer = session.get(Offerer, venue.offerer_id)
        data = replace(data, is_virtual=venue.is_virtual)
        columns = _columns(session, offerer, data, lookup, venue)
        for name, value in columns.items():
            setattr(venue, name, value)
        session.add(venue)
        _flush(session)
    return venue


@dataclass(frozen=True)
class VenueLine:
    id: int
    name: str
    siret: str  # "" for none
    kind: str
    where: str  # "Strasbourg (67000)", or "En ligne"


@dataclass(frozen=True)
class Structure:
    id: int
    name: str
    siren: str
    status: str  # ValidationStatus
    venues: tuple[VenueLine, ...]


def structure_of(user_id: int, offerer_id: int) -> Structure:
    """The structure page: the structure (O7) and its venues by name."""
    with db.transaction(write=False) as session:
        check_offerer_access(session, session.get(User, user_id), offerer_id)
        offerer = session.get(Offerer, offerer_id)
        if offerer is None:
            raise NotFound("offerer_not_found", "Cette structure n'existe pas.")
        venues = session.exec(
            select(Venue).where(Venue.offerer_id == offerer_id).order_by(Venue.name, Venue.id)
        ).all()
        return Structure(
            id=offerer.id,
            name=offerer.name,
            siren=offerer.siren,
            status=offerer.validation_status,
            venues=tuple(
                VenueLine(
                    id=venue.id,
                    name=venue.display_name,
                    siret=venue.siret or "",
                    kind=VENUE_TYPE_LABELS.get(venue.venue_type, VENUE_TYPE_LABELS["other"]),
                    where="En ligne"
                    if venue.is_virtual
                    else f"{venue.city or ''} ({venue.postal_code or ''})",
                )
                for venue in venues
            ),
        )
