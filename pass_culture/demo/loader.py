"""Loads the demo data in one transaction; a second run adds nothing."""

import random
import zlib
from datetime import date, datetime, timedelta

from sqlmodel import Session, select
from stdnum import luhn

from pass_culture import clock, db
from pass_culture.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, MARKER_EMAIL, DemoAccount
from pass_culture.demo.bank_details import add_pending_bank_details
from pass_culture.demo.identity import add_identity_check
from pass_culture.demo.moderation import add_moderation
from pass_culture.demo.offers import BUILDERS, Programme
from pass_culture.demo.places import (
    DEPARTMENTS,
    PENDING_STRUCTURE,
    PRO_STRUCTURE,
    STRUCTURES,
    TOWNS,
    StructureSeed,
)
from pass_culture.demo.reimbursements import add_used_bookings, pay_last_fortnight
from pass_culture.demo.structure_queue import add_structure_queue
from pass_culture.models import (
    BankAccount,
    BankAccountStatus,
    Offer,
    Offerer,
    OfferStatus,
    Role,
    Stock,
    User,
    UserOfferer,
    ValidationStatus,
    Venue,
    VenueBankAccountLink,
    VenueType,
)
from services import deposits
from services.passwords import hash_password
from services.timezones import department_timezone

SEED = 2026
COORDINATE_JITTER = 0.004  # degrees, about 400 m: venues of one town do not overlap

# A documented sample IBAN (and its bank's BIC), valid but not a real account.
DEMO_IBAN, DEMO_BIC = "FR7630006000011234567890189", "AGRIFRPP"


def is_demo_loaded() -> bool:
    with db.transaction(write=False) as session:
        return _marker_present(session)


def load_demo(*, now: datetime | None = None) -> str:
    """Writes structures, venues, offers and accounts; returns a French summary."""
    now = now or clock.utcnow()
    rng = random.Random(SEED)  # noqa: S311 -- reproducible demo data, no secret
    with db.transaction() as session:
        if _marker_present(session):
            return "Données de démonstration déjà présentes : rien n'a été ajouté."
        offerers = _add_structures(session, rng, now)
        venues = [venue for _offerer, venues in offerers.values() for venue in venues]
        offers, stocks = _add_offers(session, rng, now, offerers)
        _add_accounts(session, now, offerers)
        _add_bank_account(session, now, offerers[PRO_STRUCTURE])
        add_identity_check(session, now)
        other = next(name for name in offerers if name != PRO_STRUCTURE)
        add_pending_bank_details(session, now, offerers[other])
        pending_offers, pending_stocks = add_moderation(session, now, offerers[PRO_STRUCTURE][1][0])
        offers, stocks = offers + pending_offers, stocks + pending_stocks
        waiting = add_structure_queue(session, now)
        add_used_bookings(session, now, offerers[PRO_STRUCTURE][0])
    pay_last_fortnight(now)
    return (
        f"Données de démonstration chargées : {len(offerers) + waiting} structures, "
        f"{len(venues) + waiting} lieux, "
        f"{offers} offres, {stocks} stocks, {len(DEMO_ACCOUNTS)} comptes "
        f"(mot de passe : {DEMO_PASSWORD})."
    )


def _marker_present(session: Session) -> bool:
    return session.exec(select(User.id).where(User.email == MARKER_EMAIL)).first() is not None


def _luhn_number(body: str) -> str:
    return body + luhn.calc_check_digit(body)


def _add_structures(
    session: Session, rng: random.Random, now: datetime
) -> dict[str, tuple[Offerer, list[Venue]]]:
    """Rule O1: a Luhn-valid SIREN per structure, SIREN + 5 digits for each venue's SIRET."""
    result: dict[str, tuple[Offerer, list[Venue]]] = {}
    sirens: set[str] = set()
    for seed in STRUCTURES:
        siren = _luhn_number(str(rng.randrange(30_000_000, 99_999_999)))
        while siren in sirens:
            siren = _luhn_number(str(rng.randrange(30_000_000, 99_999_999)))
        sirens.add(siren)
        first = seed.venues[0]
        town = TOWNS[first.town]
        offerer = Offerer(
            name=seed.name,
            siren=siren,
            address=first.street,
            postal_code=town.postal_code,
            city=town.name,
            phone=_phone(rng, town.department),
            validation_status=ValidationStatus.VALIDATED
            if seed.validated
            else ValidationStatus.PENDING,
            created_at=now - timedelta(days=90),
            validated_at=now - timedelta(days=80) if seed.validated else None,
        )
        session.add(offerer)
        session.flush()
        venues = [_venue(seed, index, offerer, rng, now) for index in range(len(seed.venues))]
        session.add_all(venues)
        session.flush()
        if seed.digital_venue:
            digital = Venue(
                offerer_id=offerer.id,
                name=seed.digital_venue,
                is_virtual=True,
                venue_type=VenueType.DIGITAL,
                description="Offres numériques : livres, films, musique et presse en ligne.",
                pricing_point_id=venues[0].id,  # rule P2: counts with a SIRET venue
                created_at=now,
            )
            session.add(digital)
            session.flush()
            venues.append(digital)
        result[seed.name] = (offerer, venues)
    return result


def _venue(
    seed: StructureSeed, index: int, offerer: Offerer, rng: random.Random, now: datetime
) -> Venue:
    venue = seed.venues[index]
    town = TOWNS[venue.town]
    return Venue(
        offerer_id=offerer.id,
        name=venue.name,
        siret=_luhn_number(f"{offerer.siren}{index + 1:04d}"),
        venue_type=venue.kind,
        address=venue.street,
        postal_code=town.postal_code,
        city=town.name,
        department_code=town.department,
        latitude=round(town.latitude + rng.uniform(-COORDINATE_JITTER, COORDINATE_JITTER), 6),
        longitude=round(town.longitude + rng.uniform(-COORDINATE_JITTER, COORDINATE_JITTER), 6),
        booking_email=venue.booking_email,
        created_at=now,
        **_accessibility(venue.name, venue.kind),
    )


# Public buildings (cinemas, museums, theatres, libraries…) are mostly accessible; small
# shops less often. Drawn from the venue's name, not from `rng`, so the rest of the demo
# data stays the same.
_WELL_EQUIPPED = {
    VenueType.CINEMA,
    VenueType.MUSEUM,
    VenueType.THEATRE,
    VenueType.LIBRARY,
    VenueType.CONSERVATORY,
    VenueType.ARTS_CENTRE,
}


def _accessibility(name: str, kind: VenueType) -> dict[str, bool | None]:
    draw = zlib.crc32(name.encode())
    equipped = kind in _WELL_EQUIPPED
    return {
        "motor_disability_compliant": equipped or draw % 3 == 0,
        "audio_disability_compliant": (equipped and draw % 2 == 0) or draw % 5 == 0,
        "visual_disability_compliant": (equipped and draw % 4 != 1) or draw % 7 == 0,
        # Some venues have not said (None).
        "mental_disability_compliant": None if draw % 6 == 5 else equipped or draw % 4 == 0,
    }


def _phone(rng: random.Random, department: str) -> str:
    pairs = " ".join(f"{rng.randint(10, 99)}" for _ in range(3))
    return f"{DEPARTMENTS[department].phone_prefix} {pairs}"


def _add_offers(
    session: Session,
    rng: random.Random,
    now: datetime,
    offerers: dict[str, tuple[Offerer, list[Venue]]],
) -> tuple[int, int]:
    """Approved offers; those of a structure awaiting validation stay drafts (rule O3)."""
    drafts = []
    for offerer, venues in offerers.values():
        validated = offerer.validation_status == ValidationStatus.VALIDATED
        status = OfferStatus.APPROVED if validated else OfferStatus.DRAFT
        for venue in venues:
            department = venue.department_code or TOWNS[offerer.city].department
            programme = Programme(venue, department_timezone(department), now, rng, status)
            BUILDERS[venue.venue_type](programme)
            drafts.extend(programme.drafts)
    offers: list[Offer] = [draft.offer for draft in drafts]
    session.add_all(offers)
    session.flush()
    stocks: list[Stock] = []
    for draft in drafts:
        for stock in draft.stocks:
            stock.offer_id = draft.offer.id
            stocks.append(stock)
    session.add_all(stocks)
    session.flush()
    return len(offers), len(stocks)


def _add_accounts(
    session: Session, now: datetime, offerers: dict[str, tuple[Offerer, list[Venue]]]
) -> None:
    memberships = {
        "pro@demo.passculture.fr": offerers[PRO_STRUCTURE][0],
        "pro.attente@demo.passculture.fr": offerers[PENDING_STRUCTURE][0],
    }
    today = clock.to_paris(now).date()
    for account in DEMO_ACCOUNTS:
        offerer = memberships.get(account.email)
        user = _user(account, now, today, phone=offerer.phone if offerer else None)
        session.add(user)
        session.flush()
        if account.grant_preset:
            session.add(deposits.new_deposit(user.id, account.grant_preset, now))
        if offerer:
            # The pro created the structure: a member even while it awaits validation.
            session.add(
                UserOfferer(
                    user_id=user.id,
                    offerer_id=offerer.id,
                    status=ValidationStatus.VALIDATED,
                    created_at=now,
                )
            )
    # Rule O4: Hugo also asked to join « Rhin Culture » (its SIREN was registered): Léa or
    # an admin accepts it on /pro/structure or /admin/rattachements.
    hugo = session.exec(select(User).where(User.email == "pro.attente@demo.passculture.fr")).one()
    session.add(
        UserOfferer(
            user_id=hugo.id,
            offerer_id=offerers[PRO_STRUCTURE][0].id,
            status=ValidationStatus.PENDING,
            created_at=now - timedelta(days=1),
        )
    )
    session.flush()


def _user(account: DemoAccount, now: datetime, today: date, phone: str | None) -> User:
    town = TOWNS[account.town]
    young = account.role == Role.BENEFICIARY
    return User(
        email=account.email,
        password_hash=hash_password(DEMO_PASSWORD),
        role=account.role,
        first_name=account.first_name,
        last_name=account.last_name,
        phone=phone,
        birth_date=_eighteen_years_before(today) if young else None,
        postal_code=town.postal_code,
        department_code=town.department,
        email_validated_at=now,
        created_at=now,
    )


def _eighteen_years_before(today: date) -> date:
    """A birth date making the young user 18 since a few weeks (rule C1)."""
    day = min(today.day, 28)
    return date(today.year - 18, today.month, day) - timedelta(days=40)


def _add_bank_account(
    session: Session, now: datetime, structure: tuple[Offerer, list[Venue]]
) -> None:
    """Accepted bank details (rule O5) for the demo pro's venues with a SIRET."""
    offerer, venues = structure
    account = BankAccount(
        offerer_id=offerer.id,
        label="Compte principal",
        iban=DEMO_IBAN,
        bic=DEMO_BIC,
        status=BankAccountStatus.ACCEPTED,
        proof_filename="kbis.pdf",
        created_at=now - timedelta(days=60),
        submitted_at=now - timedelta(days=60),
        status_changed_at=now - timedelta(days=50),
    )
    session.add(account)
    session.flush()
    session.add_all(
        VenueBankAccountLink(
            venue_id=venue.id, bank_account_id=account.id, created_at=account.status_changed_at
        )
        for venue in venues
        if venue.siret
    )
