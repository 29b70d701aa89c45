"""The admin audit log (rule F12): who did what, when — written in the transaction of
each admin action, readable by admins, never changed.

There is no function here to edit or delete an entry, and the database refuses it too:
the triggers below (installed by migration 0009) abort any UPDATE or DELETE.
"""

import math
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, func
from sqlmodel import Session, select

from pass_culture import db
from pass_culture.models import AdminAuditLog, Role, User
from services.errors import Forbidden
from services.offerer_statuses import reason_label, status_label


class AuditAction(StrEnum):
    OFFER_APPROVED = "offer_approved"
    OFFER_REJECTED = "offer_rejected"
    OFFER_DEACTIVATED = "offer_deactivated"
    RULE_CREATED = "rule_created"
    RULE_UPDATED = "rule_updated"
    RULE_DEACTIVATED = "rule_deactivated"
    RULE_REACTIVATED = "rule_reactivated"
    MEMBERSHIP_ACCEPTED = "membership_accepted"
    MEMBERSHIP_REFUSED = "membership_refused"
    IDENTITY_APPROVED = "identity_approved"
    IDENTITY_REJECTED = "identity_rejected"
    OFFERER_VALIDATED = "offerer_validated"
    OFFERER_ON_HOLD = "offerer_on_hold"
    OFFERER_REJECTED = "offerer_rejected"
    COMMENT = "comment"
    BANK_ACCOUNT_ACCEPTED = "bank_account_accepted"
    BANK_ACCOUNT_REJECTED = "bank_account_rejected"
    PAYMENT_RUN_STARTED = "payment_run_started"
    PAYMENTS_HELD = "payments_held"
    PAYMENTS_RELEASED = "payments_released"


ACTION_LABELS = {
    AuditAction.OFFER_APPROVED: "Offre validée",
    AuditAction.OFFER_REJECTED: "Offre rejetée",
    AuditAction.OFFER_DEACTIVATED: "Offre désactivée",
    AuditAction.RULE_CREATED: "Règle ajoutée",
    AuditAction.RULE_UPDATED: "Règle modifiée",
    AuditAction.RULE_DEACTIVATED: "Règle désactivée",
    AuditAction.RULE_REACTIVATED: "Règle réactivée",
    AuditAction.MEMBERSHIP_ACCEPTED: "Rattachement accepté",
    AuditAction.MEMBERSHIP_REFUSED: "Rattachement refusé",
    AuditAction.IDENTITY_APPROVED: "Identité validée",
    AuditAction.IDENTITY_REJECTED: "Identité refusée",
    AuditAction.OFFERER_VALIDATED: "Structure validée",
    AuditAction.OFFERER_ON_HOLD: "Structure mise en attente",
    AuditAction.OFFERER_REJECTED: "Structure rejetée",
    AuditAction.COMMENT: "Commentaire",
    AuditAction.BANK_ACCOUNT_ACCEPTED: "Coordonnées bancaires validées",
    AuditAction.BANK_ACCOUNT_REJECTED: "Coordonnées bancaires refusées",
    AuditAction.PAYMENT_RUN_STARTED: "Paiement lancé",
    AuditAction.PAYMENTS_HELD: "Paiements suspendus",
    AuditAction.PAYMENTS_RELEASED: "Paiements repris",
}
TARGET_LABELS = {
    "offer": "Offre",
    "review_rule": "Règle",
    "identity_check": "Vérification d'identité",
    "user_offerer": "Rattachement",
    "offerer": "Structure",
    "bank_account": "Coordonnées bancaires",
    "payment_run": "Paiement",
}
# Where the journal links a target to (the targets that have a page of their own).
TARGET_PAGES = {"offerer": "/admin/structures/{id}", "payment_run": "/admin/paiements/{id}"}
# French names of the keys written by the structures' actions; other keys print as they are.
DETAIL_LABELS = {
    "before": "Avant",
    "after": "Après",
    "reason": "Motif",
    "comment": "Commentaire",
}
PAGE_SIZE = 20

_REFUSAL = "admin_audit_log est en ajout seul : ses lignes ne se modifient ni ne se suppriment"
SQLITE_GUARDS = [
    f"CREATE TRIGGER admin_audit_log_no_{verb.lower()} BEFORE {verb} ON admin_audit_log "
    f"BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END"
    for verb in ("UPDATE", "DELETE")
]
POSTGRES_GUARDS = [
    "CREATE FUNCTION admin_audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN RAISE EXCEPTION '{_REFUSAL}'; END $$",
    "CREATE TRIGGER admin_audit_log_append_only BEFORE UPDATE OR DELETE ON admin_audit_log "
    "FOR EACH ROW EXECUTE FUNCTION admin_audit_log_refuse()",
]


def install_guards(connection: Connection) -> None:
    """The triggers that make the log append-only."""
    sqlite = connection.dialect.name == "sqlite"
    for statement in SQLITE_GUARDS if sqlite else POSTGRES_GUARDS:
        connection.exec_driver_sql(statement)


def uninstall_guards(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for verb in ("update", "delete"):
            connection.exec_driver_sql(f"DROP TRIGGER admin_audit_log_no_{verb}")
    else:
        connection.exec_driver_sql("DROP TRIGGER admin_audit_log_append_only ON admin_audit_log")
        connection.exec_driver_sql("DROP FUNCTION admin_audit_log_refuse()")


def check_admin(session: Session, user_id: int) -> User:
    """Admin actions are for active admins only, whichever door calls them."""
    user = session.get(User, user_id)
    if user is None or not user.is_active or user.role != Role.ADMIN:
        raise Forbidden("admin_only", "Cette action est réservée aux administrateurs.")
    return user


def record(
    session: Session,
    admin: User,
    action: AuditAction,
    target_type: str,
    target_id: int,
    details: dict[str, Any],
    now: datetime,
) -> None:
    """One entry, in the caller's transaction: the action and its trace commit together."""
    session.add(
        AdminAuditLog(
            admin_user_id=admin.id,
            action=action,
            target_type=target_type,
            target_id=target_id,
            details=details,
            at=now,
        )
    )


@dataclass(frozen=True)
class Entry:
    id: int
    at: datetime
    admin_name: str
    admin_email: str
    action: str
    action_label: str
    target: str  # "Offre n° 12"
    target_href: str  # its back-office page, "" when it has none
    details: dict[str, Any]

    @property
    def detail_lines(self) -> list[str]:
        """« Avant : Nouvelle », « Motif : SIREN caduc »…, in French."""
        return [
            f"{DETAIL_LABELS.get(key, key.capitalize())} : {value}"
            for key, value in readable_details(self.details).items()
        ]


def readable_details(details: dict[str, Any]) -> dict[str, Any]:
    """Statuses and rejection reasons by their French names; empty values left out."""
    shown = {}
    for key, value in details.items():
        if value in (None, ""):
            continue
        if key in ("before", "after"):
            value = status_label(value)
        elif key == "reason":
            value = reason_label(value)
        shown[key] = value
    return shown


@dataclass(frozen=True)
class EntryPage:
    entries: list[Entry]
    total: int
    page: int
    pages: int


def _target_href(target_type: str, target_id: int) -> str:
    page = TARGET_PAGES.get(target_type)
    return page.format(id=target_id) if page else ""


def entries(
    admin_id: int, *, action: str | None = None, page: int = 1, page_size: int = PAGE_SIZE
) -> EntryPage:
    """The log, most recent first, optionally one action only."""
    if action and action not in ACTION_LABELS:
        action = None
    with db.transaction(write=False) as session:
        check_admin(session, admin_id)
        where = [AdminAuditLog.action == action] if action else []
        total = session.exec(select(func.count(AdminAuditLog.id)).where(*where)).one()
        pages = max(1, math.ceil(total / page_size))
        page = min(max(1, page), pages)
        rows = session.exec(
            select(AdminAuditLog, User)
            .join(User, User.id == AdminAuditLog.admin_user_id)
            .where(*where)
            .order_by(AdminAuditLog.at.desc(), AdminAuditLog.id.desc())
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
    return EntryPage(
        [
            Entry(
                id=row.id,
                at=row.at,
                admin_name=user.full_name,
                admin_email=user.email,
                action=row.action,
                action_label=ACTION_LABELS.get(row.action, row.action),
                target=f"{TARGET_LABELS.get(row.target_type, row.target_type)} n° {row.target_id}",
                target_href=_target_href(row.target_type, row.target_id),
                details=row.details,
            )
            for row, user in rows
        ],
        total,
        page,
        pages,
    )
