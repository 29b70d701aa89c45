"""Demo identity check (issue 9): Théo's specimen identity card, waiting for the demo
admin in /admin/identites."""

import io
from datetime import datetime, timedelta

from PIL import Image, ImageDraw
from sqlmodel import Session, select

from pass_culture.models import IdentityCheck, IdentityMethod, IdentityStatus, User
from services import documents, identity_checks

WAITING_EMAIL = "jeune.verification@demo.passculture.fr"


def _specimen(name: str) -> bytes:
    """A card-shaped PNG saying SPÉCIMEN: never a real document."""
    image = Image.new("RGB", (856, 540), (226, 232, 244))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 120, 280, 440), fill=(180, 190, 210))
    for y, text in (
        (50, "RÉPUBLIQUE FRANÇAISE — CARTE D'IDENTITÉ"),
        (150, name),
        (400, "SPÉCIMEN"),
    ):
        draw.text((320, y), text, fill=(20, 30, 60), font_size=30)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def add_identity_check(session: Session, now: datetime) -> None:
    young = session.exec(select(User).where(User.email == WAITING_EMAIL)).one()
    stored = documents.store(identity_checks.KIND, _specimen(young.full_name.upper()))
    session.add(
        IdentityCheck(
            user_id=young.id,
            method=IdentityMethod.DOCUMENT,
            status=IdentityStatus.PENDING,
            document_name=stored.stored_name,
            media_type=stored.media_type,
            original_file_name="carte-identite.png",
            created_at=now - timedelta(hours=3),
        )
    )
