"""Structures (SIREN) and their venues (SIRET), rule O1; a structure awaits an admin (O2)."""

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select
from stdnum.exceptions import InvalidFormat, InvalidLength, ValidationError
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from pass_culture import db
from pass_culture.models import (
    Offerer,
    Role,
    User,
    UserOfferer,
    ValidationStatus,
    Venue,
    VenueType,
)
from services.access import check_offerer_access
from services.auth import require_role
from services.errors import DomainError, NotFound

_NAME_MAX = 140


def _check_number(module, number: str, label: str, digits: int) -> str:
    try:
        return module.validate(number)
    except InvalidLength:  # a subclass of InvalidFormat
        message = f"Le {label} doit comporter {digits} chiffres."
    except InvalidFormat:
        message = f"Le {label} ne doit contenir que des chiffres."
    except ValidationError:
        message = f"Ce numéro de {label} n'est pas valide : vérifiez-le sur l'avis de l'Insee."
    raise DomainError(f"invalid_{label.lower()}", message)


def validate_siren(siren: str) -> str:
    """Rule O1: 9 digits, Luhn-valid. Returns it without spaces."""
    return _check_number(stdnum_siren, siren, "SIREN", 9)


def validate_siret(siret: str, siren: str | None = None) -> str:
    """Rule O1: 14 digits, Luhn-valid, starting with its structure's SIREN when given.
    Returns it without spaces."""
    siret = _check_number(stdnum_siret, siret, "SIRET", 14)
    if siren is not None and not siret.startswith(siren):
        raise DomainError(
            "siret_not_in_siren",
            f"Ce SIRET n'appartient pas à la structure : il doit commencer par son SIREN {siren}.",
        )
    return siret


def _check_name(name: str, what: str) -> str:
    name = name.strip()
    if not name:
        raise DomainError("name_required", f"Le nom {what} est obligatoire.")
    if len(name) > _NAME_MAX:
        raise DomainError(
            "name_too_long", f"Le nom {what} ne doit pas dépasser {_NAME_MAX} caractères."
        )
    return name


def _siren_taken() -> DomainError:
    # Rule O4: the pro asks to join the existing structure instead.
    return DomainError(
        "siren_already_registered",
        "Une structure est déjà inscrite avec ce SIREN : demandez à la rejoindre.",
    )


def create_offerer(
    pro_user_id: int,
    name: str,
    siren: str,
    *,
    address: str | None = None,
    postal_code: str | None = None,
    city: str | None = None,
    phone: str | None = None,
) -> Offerer:
    """Rules O1, O2: a structure "en attente" until an admin validates it; its creator is
    a member at once, so that offers can be drafted meanwhile (O3)."""
    with db.transaction() as session:
        user = session.get(User, pro_user_id)
        if user is None:
            raise NotFound("user_not_found", "Ce compte n'existe pas.")
        require_role(user, Role.PRO)
        offerer = Offerer(
            name=_check_name(name, "de la structure"),
            siren=validate_siren(siren),
            address=address,
            postal_code=postal_code,
            city=city,
            phone=phone,
            validation_status=ValidationStatus.PENDING,
        )
        if session.exec(select(Offerer.id).where(Offerer.siren == offerer.siren)).first():
            raise _siren_taken()
        session.add(offerer)
        try:
            session.flush()
        except IntegrityError:  # registered meanwhile (offerers.siren is unique)
            raise _siren_taken() from None
        session.add(
            UserOfferer(user_id=user.id, offerer_id=offerer.id, status=ValidationStatus.VALIDATED)
        )
    return offerer


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
    department_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    booking_email: str | None = None


def _siret_taken() -> DomainError:
    return DomainError("siret_already_registered", "Un lieu est déjà inscrit avec ce SIRET.")


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


def _check_coordinates(latitude: float | None, longitude: float | None) -> None:
    if latitude is None and longitude is None:
        return
    if (
        latitude is None
        or longitude is None
        or not (-90 <= latitude <= 90 and -180 <= longitude <= 180)
    ):
        raise DomainError(
            "invalid_coordinates", "Les coordonnées géographiques du lieu sont invalides."
        )


def create_venue(pro_user_id: int, offerer_id: int, data: VenueInput) -> Venue:
    """Rule O1: a venue of the pro's structure (O7), with a SIRET of that structure, or
    without one (a digital venue never has one) and then attached to a pricing point (P2)."""
    with db.transaction() as session:
        check_offerer_access(session, session.get(User, pro_user_id), offerer_id)
        offerer = session.get(Offerer, offerer_id)
        if offerer is None:
            raise NotFound("offerer_not_found", "Cette structure n'existe pas.")
        has_place = data.address or data.latitude is not None or data.longitude is not None
        if data.is_virtual and (data.siret or has_place):
            raise DomainError(
                "virtual_venue_has_no_place", "Un lieu numérique n'a ni SIRET ni adresse."
            )
        _check_coordinates(data.latitude, data.longitude)
        siret = validate_siret(data.siret, offerer.siren) if data.siret else None
        venue = Venue(
            offerer_id=offerer.id,
            name=_check_name(data.name, "du lieu"),
            public_name=data.public_name,
            siret=siret,
            is_virtual=data.is_virtual,
            venue_type=VenueType.DIGITAL if data.is_virtual else data.venue_type,
            address=data.address,
            postal_code=data.postal_code,
            city=data.city,
            department_code=data.department_code,
            latitude=data.latitude,
            longitude=data.longitude,
            booking_email=data.booking_email,
            pricing_point_id=(
                None if siret else _pricing_point(session, offerer.id, data.pricing_point_id)
            ),
        )
        if siret and session.exec(select(Venue.id).where(Venue.siret == siret)).first():
            raise _siret_taken()
        session.add(venue)
        try:
            session.flush()
        except IntegrityError:  # registered meanwhile (venues.siret is unique)
            raise _siret_taken() from None
    return venue
