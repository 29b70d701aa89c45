"""A pro's sign-up (rule O2): the account, then its structure — or, for a SIREN already
registered, a request to join it (rule O4) — and the email verification link.

The account is created unverified and cannot sign in until the link is opened
(services/auth.py). An address that already has an account gets the same answer as a new
one, and that account an email saying so: the page never tells who is registered.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import Offerer, Role, User, UserOfferer, ValidationStatus
from services import memberships, offerers, sirene, verification_mails
from services.errors import DomainError, FieldsRefused
from services.passwords import check_password_policy, hash_password
from services.signup import check_email, check_name, check_phone

# The form's fields, as the page names them.
FIELDS = ("email", "password", "first_name", "last_name", "phone", "siren", "structure_name")


def refused(errors: dict[str, str]) -> FieldsRefused:
    return FieldsRefused("invalid_signup", "Corrigez les champs signalés.", errors)


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    phone: str | None


@dataclass(frozen=True)
class ProSignup:
    email: str  # normalized: the address « Renvoyer l'email » sends to
    joined: bool  # the SIREN was registered: a join request instead of a structure
    offerer_name: str
    warning: str  # the Sirene directory did not answer (the sign-up went on without it)


def check_account(form: dict) -> tuple[dict[str, str], dict[str, str], str, Person]:
    """The fields every pro account has (password, first and last name, phone): the
    stripped values, the errors so far, the password as typed and the person."""
    values = {
        key: form.get(key).strip() if isinstance(form.get(key), str) else "" for key in FIELDS
    }
    password = form.get("password") if isinstance(form.get("password"), str) else ""
    errors: dict[str, str] = {}
    try:
        check_password_policy(password)
    except DomainError as refusal:
        errors["password"] = refusal.message
    person = Person(
        check_name(values["first_name"], "votre prénom", errors, "first_name", formal=True),
        check_name(values["last_name"], "votre nom", errors, "last_name", formal=True),
        check_phone(values["phone"], errors, formal=True),
    )
    return values, errors, password, person


def look_up_siren(siren: str) -> tuple[sirene.LegalUnit | None, str]:
    """The page's pre-fill: the legal unit of a valid SIREN (when the Sirene step is on)
    and a warning; DomainError for an invalid, unknown or closed one."""
    return sirene.look_up(offerers.validate_siren(siren))


def sign_up(form: dict, *, now: datetime | None = None) -> ProSignup:
    """Rule O2's fields checked one by one (FieldsRefused lists every mistake; nothing
    is written then), INSEE asked about the SIREN, then the account and its structure or
    join request, and the verification email."""
    now = now or clock.utcnow()
    values, errors, password, person = check_account(form)
    try:
        email = check_email(values["email"], formal=True)
    except DomainError as refusal:
        errors["email"] = refusal.message
    unit, warning = None, ""
    try:
        siren = offerers.validate_siren(values["siren"])
        if not errors:  # INSEE is asked only about an otherwise complete form
            unit, warning = sirene.look_up(siren)
    except DomainError as refusal:
        errors["siren"] = refusal.message
    try:
        name = offerers.check_name(values["structure_name"] or (unit.name if unit else ""), "")
    except DomainError:
        errors["structure_name"] = "Indiquez le nom de votre structure (140 caractères au plus)."
    if errors:
        raise refused(errors)

    # Hashed whether or not the address is known, so both answers take as long.
    password_hash = hash_password(password)
    try:
        with db.transaction() as session:
            if verification_mails.user_by_email(session, email) is None:
                user = User(
                    email=email,
                    password_hash=password_hash,
                    role=Role.PRO,
                    first_name=person.first_name,
                    last_name=person.last_name,
                    phone=person.phone,
                    created_at=now,
                )
                session.add(user)
                session.flush()
                offerer, joined = _structure_of(session, user, siren, name, unit, now)
                verification_mails.send_link(session, user, now)
                return ProSignup(email, joined, offerer.name, warning)
    except IntegrityError:  # the same address signed up at the same moment
        pass
    with db.transaction() as session:
        verification_mails.tell_existing_account_if_allowed(session, email, now)
        registered = _registered(session, siren)
    if registered is None:
        return ProSignup(email, False, name, warning)
    return ProSignup(email, True, registered.name, warning)


def _registered(session: Session, siren: str) -> Offerer | None:
    return session.exec(select(Offerer).where(Offerer.siren == siren)).first()


def _structure_of(
    session: Session,
    user: User,
    siren: str,
    name: str,
    unit: sirene.LegalUnit | None,
    now: datetime,
) -> tuple[Offerer, bool]:
    """A new structure "en attente" with its creator as validated member (O2), or a join
    request to the one registered with this SIREN (O4), even when it was registered by a
    sign-up at the same moment. Returns the structure and whether it is a join request."""
    offerer = _registered(session, siren)
    if offerer is None:
        try:
            with session.begin_nested():
                offerer = Offerer(
                    name=name,
                    siren=siren,
                    address=unit.address if unit else None,
                    postal_code=unit.postal_code if unit else None,
                    city=unit.city if unit else None,
                    phone=user.phone,
                    validation_status=ValidationStatus.PENDING,
                    created_at=now,
                )
                session.add(offerer)
                session.flush()
                session.add(
                    UserOfferer(
                        user_id=user.id,
                        offerer_id=offerer.id,
                        status=ValidationStatus.VALIDATED,
                        created_at=now,
                    )
                )
                session.flush()
            return offerer, False
        except IntegrityError:  # the SIREN was registered meanwhile (offerers.siren is unique)
            offerer = _registered(session, siren)
    memberships.open_request(session, user, offerer, now, notify=False)
    return offerer, True
