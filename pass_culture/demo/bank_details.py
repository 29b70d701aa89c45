"""Demo bank details waiting in the admins' queue (rule O5), with a PDF proof written
the way an upload is (services.documents), so that /admin/coordonnees-bancaires shows it."""

import io
from datetime import datetime, timedelta

from PIL import Image, ImageDraw
from sqlmodel import Session

from pass_culture.models import BankAccount, BankAccountStatus, Offerer, Venue, VenueBankAccountLink
from services import documents
from services.bank_accounts import DOCUMENT_KIND

IBAN, BIC = "FR7630004000031234567890143", "BNPAFRPP"


def _proof_pdf(offerer: Offerer) -> bytes:
    page = Image.new("RGB", (595, 420), "white")
    draw = ImageDraw.Draw(page)
    lines = ["Relevé d'identité bancaire (démonstration)", offerer.name, IBAN, BIC]
    for row, line in enumerate(lines):
        draw.text((40, 40 + 40 * row), line, fill="black")
    out = io.BytesIO()
    page.save(out, "PDF")
    return out.getvalue()


def add_pending_bank_details(
    session: Session, now: datetime, structure: tuple[Offerer, list[Venue]]
) -> None:
    offerer, venues = structure
    stored = documents.store(DOCUMENT_KIND, _proof_pdf(offerer))
    submitted = now - timedelta(days=2)
    account = BankAccount(
        offerer_id=offerer.id,
        label="Compte de la billetterie",
        iban=IBAN,
        bic=BIC,
        status=BankAccountStatus.PENDING,
        proof_filename="rib-billetterie.pdf",
        proof_path=stored.stored_name,
        created_at=submitted - timedelta(hours=1),
        submitted_at=submitted,
        status_changed_at=submitted,
    )
    session.add(account)
    session.flush()
    session.add_all(
        VenueBankAccountLink(venue_id=venue.id, bank_account_id=account.id, created_at=submitted)
        for venue in venues[:2]
    )
