"""One structure as the back office shows it (/admin/structures/<id>): its details,
members and venues, and its history read from the append-only audit log."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select

from pass_culture import db
from pass_culture.models import AdminAuditLog, Offerer, User, UserOfferer, ValidationStatus, Venue
from services import audit
from services.audit import ACTION_LABELS, AuditAction
from services.errors import NotFound
from services.offerer_statuses import reason_label, status_label


@dataclass(frozen=True)
class Member:
    name: str
    email: str
    status: str  # of the membership


@dataclass(frozen=True)
class VenueLine:
    name: str
    siret: str  # "" for a digital venue
    city: str


@dataclass(frozen=True)
class HistoryItem:
    at: datetime
    admin_name: str
    action: str  # its French label
    before: str  # status labels, "" when the entry changed none
    after: str
    reason: str
    comment: str


@dataclass(frozen=True)
class StructureDetails:
    id: int
    name: str
    siren: str
    address: str
    postal_code: str
    city: str
    phone: str
    status: str
    status_label: str
    rejection_reason: str  # the last rejection's, while rejected
    created_at: datetime
    validated_at: datetime | None
    members: list[Member]
    venues: list[VenueLine]
    history: list[HistoryItem]  # newest first


def details(admin_id: int, offerer_id: int) -> StructureDetails:
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        offerer = session.get(Offerer, offerer_id)
        if offerer is None:
            raise NotFound("offerer_not_found", "Cette structure n'existe pas.")
        members = [
            Member(user.full_name, user.email, link.status)
            for user, link in session.exec(
                select(User, UserOfferer)
                .join(UserOfferer, UserOfferer.user_id == User.id)
                .where(UserOfferer.offerer_id == offerer.id)
                .order_by(User.email)
            )
        ]
        venues = [
            VenueLine(venue.display_name, venue.siret or "", venue.city or "")
            for venue in session.exec(
                select(Venue).where(Venue.offerer_id == offerer.id).order_by(Venue.name, Venue.id)
            )
        ]
        entries = session.exec(
            select(AdminAuditLog, User)
            .join(User, User.id == AdminAuditLog.admin_user_id)
            .where(AdminAuditLog.target_type == "offerer", AdminAuditLog.target_id == offerer.id)
            .order_by(AdminAuditLog.at.desc(), AdminAuditLog.id.desc())
        ).all()
    history = [
        HistoryItem(
            at=entry.at,
            admin_name=admin.full_name,
            action=ACTION_LABELS.get(entry.action, entry.action),
            before=status_label(entry.details["before"]) if "before" in entry.details else "",
            after=status_label(entry.details["after"]) if "after" in entry.details else "",
            reason=reason_label(entry.details["reason"]) if "reason" in entry.details else "",
            comment=entry.details.get("comment", ""),
        )
        for entry, admin in entries
    ]
    rejected = ACTION_LABELS[AuditAction.OFFERER_REJECTED]
    rejection = next((item.reason for item in history if item.action == rejected), "")
    return StructureDetails(
        id=offerer.id,
        name=offerer.name,
        siren=offerer.siren,
        address=offerer.address or "",
        postal_code=offerer.postal_code or "",
        city=offerer.city or "",
        phone=offerer.phone or "",
        status=offerer.validation_status,
        status_label=status_label(offerer.validation_status),
        rejection_reason=rejection
        if offerer.validation_status == ValidationStatus.REJECTED
        else "",
        created_at=offerer.created_at,
        validated_at=offerer.validated_at,
        members=members,
        venues=venues,
        history=history,
    )
