"""A young user's sign-up: account, email verification, profile and eligibility (rule C1).

The account is created unverified, as a beneficiary without credit (no deposit: that comes
after the identity check). An address that already has an account gets the same answer as
a new one, and that account an email saying so: the page never tells who is registered.
Verification links and their sending limits: services.verification_mails.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from pass_culture import clock, db
from pass_culture.models import Deposit, Role, User
from services import verification_mails
from services.auth import normalize_email
from services.credit_activation import preset_in_force
from services.eligibility import Eligibility, eligibility
from services.errors import DomainError, FieldsRefused, NotFound
from services.passwords import check_password_policy, hash_password
from services.places import find_places

# Sending limits per account, whatever the emails say (links or notices).
MAIL_INTERVAL = verification_mails.MAIL_INTERVAL
MAILS_PER_DAY = verification_mails.MAILS_PER_DAY

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_EMAIL = 320
MAX_NAME = 128
# Letters of any alphabet, joined by single spaces, hyphens or apostrophes.
_NAME = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)*$")
_POSTAL_CODE = re.compile(r"^\d{5}$")
# A French number (10 digits from 0) or an international one (+ and 8 to 15 digits).
_PHONE = re.compile(r"^(?:0[1-9]\d{8}|\+[1-9]\d{7,14})$")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
OLDEST_BIRTH_DATE = date(1900, 1, 1)


class ProfileRefused(FieldsRefused):
    """The profile form has mistakes; `errors` holds a French message per field."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("invalid_profile", "Corrige les champs signalés.", errors)


@dataclass(frozen=True)
class SignupStatus:
    """Where a signed-in young user is in the sign-up, for the profile page."""

    email_verified: bool
    has_credit: bool  # the sign-up is over
    first_name: str
    last_name: str
    birth_date: date | None
    postal_code: str
    phone: str
    eligibility: Eligibility | None  # None until the profile is filled


def sign_up(email: str, password: str, accepts_terms: bool, *, now: datetime | None = None) -> str:
    """Create an unverified young account and email its verification link.

    Returns the normalized address (the one « Renvoyer l'email » sends to). For an
    address that has an account already, nothing is created and that account is told.
    """
    now = now or clock.utcnow()
    email = check_email(email)
    check_password_policy(password if isinstance(password, str) else "")
    if accepts_terms is not True:
        raise DomainError(
            "terms_not_accepted",
            "Pour créer ton compte, accepte les conditions générales d'utilisation.",
        )
    # Hashed whether or not the address is known, so both answers take as long.
    password_hash = hash_password(password)
    try:
        with db.transaction() as session:
            if verification_mails.user_by_email(session, email) is None:
                user = User(
                    email=email,
                    password_hash=password_hash,
                    role=Role.BENEFICIARY,
                    first_name="",
                    last_name="",
                    created_at=now,
                )
                session.add(user)
                session.flush()
                verification_mails.send_link(session, user, now)
                return email
    except IntegrityError:  # the same address signed up at the same moment
        pass
    with db.transaction() as session:
        verification_mails.tell_existing_account_if_allowed(session, email, now)
    return email


def check_email(email, *, formal: bool = False) -> str:
    """The address, normalized; refused unless it looks like one (`formal`: « vous »)."""
    email = normalize_email(email if isinstance(email, str) else "")
    if len(email) > MAX_EMAIL or not _EMAIL.match(email):
        verb = "Indiquez" if formal else "Indique"
        raise DomainError(
            "invalid_email", f"{verb} une adresse email valide, comme nom@exemple.fr."
        )
    return email


resend = verification_mails.resend


def verify_email(token: str, *, now: datetime | None = None) -> str:
    """Mark the address of this link verified; returns it. Every link serves once."""
    return verification_mails.verify_email(token, formal=False, now=now).email


def resend_for_token(token: str, *, now: datetime | None = None) -> None:
    """« Renvoyer l'email » from an expired link: to the address the link was sent to."""
    verification_mails.resend_for_token(token, formal=False, now=now)


def status(user_id: int, *, now: datetime | None = None) -> SignupStatus:
    now = now or clock.utcnow()
    with db.transaction(write=False) as session:
        user = _young_user(session, user_id)
        has_credit = _has_credit(session, user.id)
    return _status_of(user, now, has_credit)


def save_profile(user_id: int, form: dict, *, now: datetime | None = None) -> SignupStatus:
    """The profile step: names, birth date, postal code (→ département), phone.

    Raises ProfileRefused with a message per wrong field; nothing is saved then.
    """
    now = now or clock.utcnow()
    today = clock.to_paris(now).date()
    errors: dict[str, str] = {}
    values = {key: _text(form.get(key)) for key in _PROFILE_FIELDS}
    first_name = check_name(values["first_name"], "ton prénom", errors, "first_name")
    last_name = check_name(values["last_name"], "ton nom", errors, "last_name")
    birth_date = _check_birth_date(values["birth_date"], today, errors)
    department = _check_postal_code(values["postal_code"], errors)
    phone = check_phone(values["phone"], errors)
    if errors:
        raise ProfileRefused(errors)
    with db.transaction() as session:
        user = verification_mails.locked_user(session, _young_user(session, user_id))
        if user.email_validated_at is None:
            raise DomainError(
                "email_not_verified",
                "Confirme d'abord ton adresse email avec le lien que nous t'avons envoyé.",
            )
        if _has_credit(session, user.id):
            raise DomainError("already_beneficiary", "Tu as déjà reçu ton crédit pass Culture.")
        user.first_name = first_name
        user.last_name = last_name
        user.birth_date = birth_date
        user.postal_code = values["postal_code"]
        user.department_code = department
        user.phone = phone
    return _status_of(user, now, has_credit=False)


# --- Helpers ---------------------------------------------------------------------------

_PROFILE_FIELDS = ("first_name", "last_name", "birth_date", "postal_code", "phone")


def _young_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None or user.role != Role.BENEFICIARY:
        raise NotFound("not_a_young_account", "Ce compte n'est pas un compte jeune.")
    return user


def _has_credit(session: Session, user_id: int) -> bool:
    return session.exec(select(Deposit.id).where(Deposit.user_id == user_id)).first() is not None


def _status_of(user: User, now: datetime, has_credit: bool) -> SignupStatus:
    filled = user.birth_date is not None and user.department_code is not None
    return SignupStatus(
        email_verified=user.email_validated_at is not None,
        has_credit=has_credit,
        first_name=user.first_name,
        last_name=user.last_name,
        birth_date=user.birth_date,
        postal_code=user.postal_code or "",
        phone=user.phone or "",
        eligibility=(
            eligibility(
                user.birth_date,
                user.department_code,
                clock.to_paris(now).date(),
                preset_in_force(),
            )
            if filled
            else None
        ),
    )


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def check_name(
    value: str, what: str, errors: dict[str, str], key: str, *, formal: bool = False
) -> str:
    """A first or last name (`what`: "ton prénom", "votre nom"…); its error in `errors`."""
    if not value:
        errors[key] = f"{'Indiquez' if formal else 'Indique'} {what}."
    elif len(value) > MAX_NAME:
        errors[key] = f"Ce champ est limité à {MAX_NAME} caractères."
    elif not _NAME.match(value):
        errors[key] = (
            f"{'Utilisez' if formal else 'Utilise'} seulement des lettres, des espaces, "
            "des tirets ou des apostrophes."
        )
    return value


def _check_birth_date(value: str, today: date, errors: dict[str, str]) -> date | None:
    try:
        birth_date = date.fromisoformat(value)
    except ValueError:
        errors["birth_date"] = "Indique ta date de naissance (jour, mois et année)."
        return None
    if birth_date > today:
        errors["birth_date"] = "Ta date de naissance ne peut pas être dans le futur."
    elif birth_date < OLDEST_BIRTH_DATE:
        errors["birth_date"] = "Vérifie l'année de ta date de naissance."
    return birth_date


def _check_postal_code(value: str, errors: dict[str, str]) -> str | None:
    department = department_of_postal_code(value)
    if department is None:
        errors["postal_code"] = (
            "Indique le code postal de ta commune (5 chiffres)."
            if not _POSTAL_CODE.match(value)
            else "Ce code postal ne correspond à aucune commune."
        )
    return department


def department_of_postal_code(postal_code: str) -> str | None:
    """The département of the communes of a 5-digit postal code (Corsica: 2A/2B; overseas:
    971…978), from the offline list; None for an unknown code."""
    if not isinstance(postal_code, str) or not _POSTAL_CODE.match(postal_code):
        return None
    places = find_places(postal_code, limit=1)
    return places[0].department if places else None


def check_phone(value: str, errors: dict[str, str], *, formal: bool = False) -> str | None:
    phone = _PHONE_SEPARATORS.sub("", value)
    if not _PHONE.match(phone):
        verb = "Indiquez" if formal else "Indique"
        errors["phone"] = f"{verb} un numéro de téléphone valide, comme 06 12 34 56 78."
        return None
    return phone
