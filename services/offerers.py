"""Structures (SIREN) and the numbers of their venues (SIRET), rule O1; a structure awaits
an admin (O2). The venues themselves: services.venues."""

from sqlalchemy.exc import IntegrityError
from sqlmodel import select
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
)
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


def check_name(name: str, what: str) -> str:
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
            name=check_name(name, "de la structure"),
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
