"""Bank details of a structure (rule O5): the pro fills in a draft (label, IBAN, BIC, a
proof document, the venues paid on it), submits it, and an admin accepts it or rejects
it with a message. Payments (P4) pay the venues linked to an **accepted** account; the
link table (one account per venue) is their source of truth.

Statuses: draft → pending (« Soumettre ») → accepted | rejected; a rejected account is
fixed and submitted again. An account under review is frozen; an accepted one keeps its
IBAN and BIC (the pro adds a new account instead) but may be renamed and take venues.

Moving a venue from an accepted account to another one of the structure is allowed,
whatever the other's status (except under review): the venue is then paid once the new
account is accepted, and since payments are retroactive (O5) it loses nothing, while no
euro goes to the new IBAN before an admin has checked its proof. Refusing the move would
leave a structure whose venues are all paid on an old account no way to submit a new one.

Every id is re-checked against the signed-in user: another structure's account, venue or
proof reads exactly as a missing one (O7).
"""

import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from schwifty import BIC, IBAN, registry
from schwifty import exceptions as bank_errors
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import (
    BankAccount,
    BankAccountStatus,
    Offerer,
    User,
    Venue,
    VenueBankAccountLink,
)
from services import audit, bank_account_mails, documents
from services.access import check_offerer_access
from services.audit import AuditAction
from services.errors import DomainError, NotFound
from services.formatting import thousands

DOCUMENT_KIND = "bank_proof"
LABEL_MAX = 100
MESSAGE_MAX = 1000
PAGE_SIZE = 10
# What the pro and the journal call each status.
STATUS_LABELS = {
    BankAccountStatus.DRAFT: "Brouillon",
    BankAccountStatus.PENDING: "En cours de validation",
    BankAccountStatus.ACCEPTED: "Validé",
    BankAccountStatus.REJECTED: "Refusé",
}
FILENAME_MAX = 255
_MEDIA_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


@dataclass(frozen=True)
class AccountInput:
    label: str
    iban: str
    bic: str


# --- IBAN and BIC -----------------------------------------------------------------------


def compact(text: str | None) -> str:
    """Spaces (and the dashes some RIBs print) removed, upper case."""
    return "".join(ch for ch in (text or "") if ch not in " \t-\u00a0\u202f").upper()


def grouped_iban(iban: str) -> str:
    """FR76 3000 6000 0112 …: as printed on a RIB."""
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def masked_iban(iban: str) -> str:
    """FR76 •••• •••• … 0189: enough to tell accounts apart in lists."""
    return f"{iban[:4]} •••• •••• … {iban[-4:]}" if len(iban) > 8 else iban


def check_iban(text: str | None) -> IBAN:
    value = compact(text)
    if not value:
        raise DomainError("iban_required", "Indiquez l’IBAN du compte.")
    try:
        return IBAN(value)
    except bank_errors.InvalidCountryCode:
        raise DomainError(
            "iban_country", "L’IBAN doit commencer par le code de son pays (FR76… en France)."
        ) from None
    except bank_errors.InvalidLength:
        try:
            expected = registry.get_iban_spec(value[:2]).iban_length
        except (KeyError, bank_errors.SchwiftyException):
            expected = None
        detail = f" : un IBAN {value[:2]} en compte {expected}" if expected else ""
        raise DomainError(
            "iban_length",
            f"L’IBAN saisi compte {len(value)} caractères{detail}. Vérifiez-le sur votre RIB.",
        ) from None
    except bank_errors.InvalidChecksumDigits:
        raise DomainError(
            "iban_checksum",
            "Cet IBAN est erroné : sa clé de contrôle ne correspond pas. "
            "Vérifiez chaque caractère sur votre RIB.",
        ) from None
    except (bank_errors.SchwiftyException, ValueError):
        raise DomainError(
            "iban_format", "Cet IBAN n’a pas un format valable : vérifiez-le sur votre RIB."
        ) from None


def check_bic(text: str | None, iban: IBAN) -> BIC:
    value = compact(text)
    if not value:
        raise DomainError("bic_required", "Indiquez le BIC (code SWIFT) de la banque.")
    try:
        bic = BIC(value)
    except bank_errors.InvalidLength:
        raise DomainError("bic_length", "Un BIC compte 8 ou 11 caractères.") from None
    except (bank_errors.SchwiftyException, ValueError):
        raise DomainError(
            "bic_format", "Ce BIC n’a pas un format valable : vérifiez-le sur votre RIB."
        ) from None
    if bic.country_code != iban.country_code:
        raise DomainError(
            "bic_country",
            f"Ce BIC est celui d’une banque d’un autre pays ({bic.country_code}) "
            f"que l’IBAN ({iban.country_code}).",
        )
    # Only where schwifty's bank registry knows the IBAN's bank: else nothing to compare.
    known = iban.bic
    if (
        known is not None
        and known.bank_code != bic.bank_code
        and iban.bank_code not in bic.domestic_bank_codes
    ):
        raise DomainError(
            "bic_bank",
            f"Ce BIC n’est pas celui de la banque de l’IBAN ({known.compact[:8]}…) : "
            "vérifiez-le sur votre RIB.",
        )
    return bic


def check_input(data: AccountInput) -> AccountInput:
    """The details normalised (compact, upper case), or the first DomainError."""
    label = " ".join((data.label or "").split())
    if not label:
        raise DomainError(
            "label_required", "Donnez un nom à ce compte (par ex. « Compte principal »)."
        )
    if len(label) > LABEL_MAX:
        raise DomainError(
            "label_too_long", f"Le nom du compte ne doit pas dépasser {LABEL_MAX} caractères."
        )
    iban = check_iban(data.iban)
    bic = check_bic(data.bic, iban)
    return AccountInput(label, iban.compact, bic.compact)


# --- What the pro sees ------------------------------------------------------------------


@dataclass(frozen=True)
class AccountView:
    id: int
    label: str
    iban: str
    bic: str
    status: str
    rejection_message: str | None
    proof_filename: str | None
    venue_ids: list[int]
    venue_names: list[str]
    submitted_at: datetime | None

    @property
    def editable(self) -> bool:
        return self.status in (BankAccountStatus.DRAFT, BankAccountStatus.REJECTED)


@dataclass(frozen=True)
class VenueChoice:
    id: int
    name: str
    account_id: int | None  # the account it is paid on now


@dataclass(frozen=True)
class StructureBankDetails:
    accounts: list[AccountView]
    venues: list[VenueChoice]


def _missing() -> NotFound:
    return NotFound("bank_account_not_found", "Ces coordonnées bancaires n’existent pas.")


def _venue_names(session: Session, account_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    rows = session.exec(
        select(VenueBankAccountLink.bank_account_id, Venue)
        .join(Venue, Venue.id == VenueBankAccountLink.venue_id)
        .where(VenueBankAccountLink.bank_account_id.in_(account_ids))
        .order_by(Venue.name, Venue.id)
    )
    linked: dict[int, list[tuple[int, str]]] = {}
    for account_id, venue in rows:
        linked.setdefault(account_id, []).append((venue.id, venue.display_name))
    return linked


def _view(account: BankAccount, venues: list[tuple[int, str]]) -> AccountView:
    return AccountView(
        id=account.id,
        label=account.label,
        iban=account.iban,
        bic=account.bic,
        status=account.status,
        rejection_message=account.rejection_message,
        proof_filename=account.proof_filename if account.proof_path else None,
        venue_ids=[venue_id for venue_id, _ in venues],
        venue_names=[name for _, name in venues],
        submitted_at=account.submitted_at,
    )


def structure_bank_details(user_id: int, offerer_id: int) -> StructureBankDetails:
    """The structure's accounts (the latest first) and its venues with their account."""
    with db.transaction(write=False) as session:
        check_offerer_access(session, session.get(User, user_id), offerer_id)
        accounts = list(
            session.exec(
                select(BankAccount)
                .where(BankAccount.offerer_id == offerer_id)
                .order_by(BankAccount.created_at.desc(), BankAccount.id.desc())
            )
        )
        linked = _venue_names(session, [account.id for account in accounts])
        venues = session.exec(
            select(Venue, VenueBankAccountLink.bank_account_id)
            .outerjoin(VenueBankAccountLink, VenueBankAccountLink.venue_id == Venue.id)
            .where(Venue.offerer_id == offerer_id)
            .order_by(Venue.name, Venue.id)
        ).all()
        return StructureBankDetails(
            [_view(account, linked.get(account.id, [])) for account in accounts],
            [VenueChoice(venue.id, venue.display_name, account_id) for venue, account_id in venues],
        )


# --- The pro's changes ------------------------------------------------------------------


def _locked_account(session: Session, user_id: int, account_id: int) -> BankAccount:
    account = db.lock_one(session, BankAccount, account_id)
    if account is None:
        raise _missing()
    try:
        check_offerer_access(session, session.get(User, user_id), account.offerer_id)
    except NotFound:
        raise _missing() from None
    return account


def _check_open(account: BankAccount, *, accepted_ok: bool = False) -> None:
    if account.status == BankAccountStatus.PENDING:
        raise DomainError(
            "bank_account_in_review",
            "Ces coordonnées bancaires sont en cours de validation : "
            "elles ne peuvent pas être modifiées d’ici la réponse.",
        )
    if account.status == BankAccountStatus.ACCEPTED and not accepted_ok:
        raise DomainError(
            "bank_account_accepted",
            "Ces coordonnées bancaires sont validées : leur IBAN, leur BIC et leur justificatif "
            "ne se modifient plus. Pour changer de compte, ajoutez-en un nouveau.",
        )


def save_draft(
    user_id: int,
    offerer_id: int,
    account_id: int | None,
    data: AccountInput,
    *,
    now: datetime | None = None,
) -> BankAccount:
    """A new draft (account_id None) or the changes of one; an accepted account only
    takes a new label."""
    data = check_input(data)
    now = now or clock.utcnow()
    with db.transaction() as session:
        if account_id is None:
            check_offerer_access(session, session.get(User, user_id), offerer_id)
            account = BankAccount(
                offerer_id=offerer_id,
                label=data.label,
                iban=data.iban,
                bic=data.bic,
                status=BankAccountStatus.DRAFT,
                created_at=now,
                status_changed_at=now,
            )
            session.add(account)
            session.flush()
            return account
        account = _locked_account(session, user_id, account_id)
        if account.offerer_id != offerer_id:
            raise _missing()
        changes_bank = (data.iban, data.bic) != (account.iban, account.bic)
        _check_open(account, accepted_ok=not changes_bank)
        account.label, account.iban, account.bic = data.label, data.iban, data.bic
        return account


def _filename(name: str | None, extension: str) -> str:
    """The name the pro's file had, for display only (the stored name is random)."""
    base = Path(str(name or "").replace("\\", "/")).name.strip()
    base = "".join(ch for ch in base if ch.isprintable())[:FILENAME_MAX]
    return base or f"justificatif.{extension}"


def upload_proof(user_id: int, account_id: int, filename: str | None, data: bytes) -> BankAccount:
    """The proof (PDF, JPEG or PNG checked by content) replaces the previous one."""
    stored = documents.store(DOCUMENT_KIND, data)
    try:
        with db.transaction() as session:
            account = _locked_account(session, user_id, account_id)
            _check_open(account)
            previous = account.proof_path
            account.proof_path = stored.stored_name
            account.proof_filename = _filename(filename, stored.stored_name.rsplit(".", 1)[1])
    except Exception:
        documents.remove(DOCUMENT_KIND, stored.stored_name)
        raise
    documents.remove(DOCUMENT_KIND, previous)
    return account


def set_venues(user_id: int, account_id: int, venue_ids: list[int]) -> BankAccount:
    """The venues paid on this account: the ones chosen come (from wherever they were,
    see the module's note), the others leave it."""
    wanted = set(venue_ids)
    with db.transaction() as session:
        account = _locked_account(session, user_id, account_id)
        _check_open(account, accepted_ok=True)
        venues = {
            venue.id: venue
            for venue in session.exec(
                select(Venue).where(Venue.id.in_(wanted), Venue.offerer_id == account.offerer_id)
            )
        }
        if set(venues) != wanted:
            raise NotFound("venue_not_found", "Ce lieu n’existe pas.")
        links = {
            link.venue_id: link
            for link in session.exec(
                select(VenueBankAccountLink).where(
                    (VenueBankAccountLink.venue_id.in_(wanted))
                    | (VenueBankAccountLink.bank_account_id == account.id)
                )
            )
        }
        others = {link.bank_account_id for link in links.values()} - {account.id}
        in_review = {
            other.id
            for other in db.lock(session, BankAccount, sorted(others))
            if other.status == BankAccountStatus.PENDING
        }
        for venue_id, link in links.items():
            if link.bank_account_id in in_review:
                raise DomainError(
                    "venue_in_review",
                    f"Le lieu « {venues[venue_id].display_name} » est rattaché à des coordonnées "
                    "en cours de validation : il ne peut pas changer de compte d’ici la réponse.",
                )
            if venue_id not in wanted:
                session.delete(link)
            elif link.bank_account_id != account.id:
                link.bank_account_id = account.id
        session.add_all(
            VenueBankAccountLink(venue_id=venue_id, bank_account_id=account.id)
            for venue_id in wanted - set(links)
        )
        try:
            session.flush()
        except IntegrityError:  # linked to another account meanwhile (one account per venue)
            raise DomainError(
                "venue_linked_meanwhile",
                "Un de ces lieux vient d’être rattaché à un autre compte : rechargez la page "
                "et recommencez.",
            ) from None
        return account


def submit(user_id: int, account_id: int, *, now: datetime | None = None) -> BankAccount:
    """Draft or rejected → pending: needs label, IBAN, BIC, a proof and a venue."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        account = _locked_account(session, user_id, account_id)
        if account.status not in (BankAccountStatus.DRAFT, BankAccountStatus.REJECTED):
            _check_open(account)
        check_input(AccountInput(account.label, account.iban, account.bic))
        if not account.proof_path:
            raise DomainError(
                "proof_required",
                "Ajoutez un justificatif (RIB, extrait Kbis…) avant de soumettre.",
            )
        linked = session.exec(
            select(func.count(VenueBankAccountLink.id)).where(
                VenueBankAccountLink.bank_account_id == account.id
            )
        ).one()
        if not linked:
            raise DomainError(
                "venue_required",
                "Cochez au moins un lieu à payer sur ce compte avant de soumettre.",
            )
        account.status = BankAccountStatus.PENDING
        account.rejection_message = None
        account.submitted_at = account.status_changed_at = now
        return account


# --- The proof file ---------------------------------------------------------------------


@dataclass(frozen=True)
class ProofFile:
    path: Path
    media_type: str
    filename: str


def proof_file(user: User | None, account_id: int) -> ProofFile:
    """The proof for the structure's validated members and for admins (O7: NotFound for
    anyone else, as for an account without a proof)."""
    with db.transaction(write=False) as session:
        account = session.get(BankAccount, account_id)
        if account is None or not account.proof_path:
            raise _missing()
        try:
            check_offerer_access(session, user, account.offerer_id)
        except NotFound:
            raise _missing() from None
        path = documents.path_of(DOCUMENT_KIND, account.proof_path)
        if path is None:
            raise _missing()
        media_type = _MEDIA_TYPES[account.proof_path.rsplit(".", 1)[1]]
        return ProofFile(path, media_type, account.proof_filename or path.name)


# --- The admins' queue ------------------------------------------------------------------


@dataclass(frozen=True)
class PendingAccount:
    id: int
    offerer_name: str
    siren: str
    label: str
    iban: str
    bic: str
    venue_names: list[str]
    submitted_at: datetime
    proof_filename: str
    proof_media_type: str


@dataclass(frozen=True)
class PendingPage:
    accounts: list[PendingAccount]
    total: int
    page: int
    pages: int


_PENDING = BankAccount.status == BankAccountStatus.PENDING


def pending_bank_accounts_count(admin_id: int) -> int:
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        return pending_total(session)


def pending_total(session: Session) -> int:
    return session.exec(select(func.count(BankAccount.id)).where(_PENDING)).one()


def pending_accounts(admin_id: int, page: int = 1, *, page_size: int = PAGE_SIZE) -> PendingPage:
    """Submitted accounts, the oldest submission first."""
    with db.transaction(write=False) as session:
        audit.check_admin(session, admin_id)
        total = session.exec(select(func.count(BankAccount.id)).where(_PENDING)).one()
        pages = max(1, math.ceil(total / page_size))
        page = min(max(1, page), pages)
        rows = session.exec(
            select(BankAccount, Offerer)
            .join(Offerer, Offerer.id == BankAccount.offerer_id)
            .where(_PENDING)
            .order_by(BankAccount.submitted_at, BankAccount.id)
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
        linked = _venue_names(session, [account.id for account, _ in rows])
        return PendingPage(
            [
                PendingAccount(
                    id=account.id,
                    offerer_name=offerer.name,
                    siren=offerer.siren,
                    label=account.label,
                    iban=account.iban,
                    bic=account.bic,
                    venue_names=[name for _, name in linked.get(account.id, [])],
                    submitted_at=account.submitted_at,
                    proof_filename=account.proof_filename or "",
                    proof_media_type=_MEDIA_TYPES[account.proof_path.rsplit(".", 1)[1]]
                    if account.proof_path
                    else "",
                )
                for account, offerer in rows
            ],
            total,
            page,
            pages,
        )


def _check_message(message: str | None) -> str:
    message = (message or "").strip()
    if not message:
        raise DomainError(
            "message_required", "Indiquez pourquoi : ce message est envoyé à la structure."
        )
    if len(message) > MESSAGE_MAX:
        limit = thousands(MESSAGE_MAX)
        raise DomainError(
            "message_too_long", f"Le message ne doit pas dépasser {limit} caractères."
        )
    return message


def _decide(
    admin_id: int, account_id: int, accepted: bool, message: str | None, now: datetime | None
) -> BankAccount:
    """One decision: the account locked, changed, logged and the structure told, together."""
    now = now or clock.utcnow()
    with db.transaction() as session:
        admin = audit.check_admin(session, admin_id)
        if not accepted:
            message = _check_message(message)
        account = db.lock_one(session, BankAccount, account_id)
        if account is None:
            raise _missing()
        if account.status != BankAccountStatus.PENDING:
            raise DomainError(
                "bank_account_not_pending",
                "Ces coordonnées bancaires ne sont plus en attente de validation.",
            )
        before = STATUS_LABELS[account.status]
        account.status = BankAccountStatus.ACCEPTED if accepted else BankAccountStatus.REJECTED
        account.rejection_message = None if accepted else message
        account.status_changed_at = now
        offerer = session.get(Offerer, account.offerer_id)
        details = {
            "structure": f"{offerer.name} (SIREN {offerer.siren})",
            "compte": account.label,
            "iban": masked_iban(account.iban),
            "before": before,
            "after": STATUS_LABELS[account.status],
        }
        if not accepted:
            details["reason"] = message
        action = (
            AuditAction.BANK_ACCOUNT_ACCEPTED if accepted else AuditAction.BANK_ACCOUNT_REJECTED
        )
        audit.record(session, admin, action, "bank_account", account.id, details, now)
        bank_account_mails.bank_account_decided(session, account, now)
        return account


def accept(admin_id: int, account_id: int, *, now: datetime | None = None) -> BankAccount:
    """The linked venues are paid on it from now on, retroactively (O5, P4)."""
    return _decide(admin_id, account_id, True, None, now)


def reject(
    admin_id: int, account_id: int, message: str, *, now: datetime | None = None
) -> BankAccount:
    """The message goes to the structure, which may fix the details and submit again."""
    return _decide(admin_id, account_id, False, message, now)
