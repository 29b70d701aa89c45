"""Demo structures waiting for the back office (rule O2): two new ones and one an admin
put on hold with a comment, each with a venue, so /admin/structures has rows to decide."""

from datetime import datetime, timedelta

from sqlmodel import Session, select
from stdnum import luhn

from pass_culture.demo.accounts import MARKER_EMAIL
from pass_culture.demo.places import TOWNS
from pass_culture.models import AdminAuditLog, Offerer, User, ValidationStatus, Venue, VenueType
from services.audit import AuditAction

# (name, SIREN body without its check digit, street, town, status, days ago)
WAITING = (
    (
        "Atelier Théâtre de Sélestat",
        "44120567",
        "2 rue des Chevaliers",
        "Sélestat",
        ValidationStatus.PENDING,
        1,
    ),
    ("Cinéma Le Rex de Brest", "51234987", "12 rue de Siam", "Brest", ValidationStatus.PENDING, 3),
    (
        "Festival des Remparts",
        "39876512",
        "1 place d'Armes",
        "Haguenau",
        ValidationStatus.ON_HOLD,
        6,
    ),
)
HOLD_COMMENT = "Kbis demandé par email, en attente de réponse."


def add_structure_queue(session: Session, now: datetime) -> int:
    """Returns the venues added."""
    admin = session.exec(select(User).where(User.email == MARKER_EMAIL)).one()
    for name, body, street, town_name, status, days in WAITING:
        town = TOWNS[town_name]
        siren = body + luhn.calc_check_digit(body)
        created = now - timedelta(days=days)
        offerer = Offerer(
            name=name,
            siren=siren,
            address=street,
            postal_code=town.postal_code,
            city=town.name,
            validation_status=status,
            created_at=created,
        )
        session.add(offerer)
        session.flush()
        body = siren + "0001"
        session.add(
            Venue(
                offerer_id=offerer.id,
                name=name,
                siret=body + luhn.calc_check_digit(body),
                venue_type=VenueType.OTHER,
                address=street,
                postal_code=town.postal_code,
                city=town.name,
                department_code=town.department,
                latitude=town.latitude,
                longitude=town.longitude,
                created_at=created,
            )
        )
        if status == ValidationStatus.ON_HOLD:
            details = {
                "structure": name,
                "before": ValidationStatus.PENDING,
                "after": status,
                "comment": HOLD_COMMENT,
            }
            session.add(
                AdminAuditLog(
                    admin_user_id=admin.id,
                    action=AuditAction.OFFERER_ON_HOLD,
                    target_type="offerer",
                    target_id=offerer.id,
                    details=details,
                    at=created + timedelta(days=1),
                )
            )
    session.flush()
    return len(WAITING)
