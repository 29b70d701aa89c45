"""Demo data: thresholds, real places, valid identifiers, bookable offers, accounts, and a
second load that adds nothing."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select
from stdnum import ean
from stdnum.fr import siren, siret

from pass_culture import db
from pass_culture.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, is_demo_loaded, load_demo
from pass_culture.demo.catalogue import SHOWTIMES
from pass_culture.demo.places import PENDING_STRUCTURE, PRO_STRUCTURE
from pass_culture.models import (
    BankAccount,
    Deposit,
    Offer,
    Offerer,
    OfferReviewMatch,
    OfferStatus,
    Payment,
    PaymentRun,
    Pricing,
    Role,
    Stock,
    User,
    UserOfferer,
    ValidationStatus,
    Venue,
    VenueType,
)
from services import documents, identity_review
from services.passwords import check_password_policy, verify_password
from services.subcategories import SUBCATEGORIES, Cap
from tests.conftest import truncate_all
from tests.identity_factories import data_dir  # noqa: F401  (fixture)

# The night before the switch to summer time in Europe: showtimes must keep their local hour.
NOW = datetime(2026, 3, 28, 22, 30, tzinfo=UTC)

# (min latitude, max latitude, min longitude, max longitude) of each département.
BOUNDING_BOXES = {
    "67": (48.12, 49.08, 6.94, 8.24),
    "29": (47.70, 48.76, -5.15, -3.38),
    "973": (2.11, 5.78, -54.61, -51.61),
    "34": (43.21, 43.98, 2.53, 4.20),
    "93": (48.80, 49.02, 2.28, 2.61),
}

# The demo writes an identity document and a bank details proof.
pytestmark = pytest.mark.usefixtures("data_dir")


def test_a_bank_account_waits_in_the_admins_queue_with_its_proof(database):
    load_demo()
    with db.transaction(write=False) as session:
        [pending] = session.exec(select(BankAccount).where(BankAccount.status == "pending"))
    assert documents.path_of("bank_proof", pending.proof_path) is not None


def _all(model):
    with db.transaction(write=False) as session:
        return list(session.exec(select(model)))


def _counts():
    return {model.__name__: len(_all(model)) for model in (Offerer, Venue, Offer, Stock, User)}


def test_load_meets_the_thresholds_then_a_second_load_adds_nothing(database):
    assert not is_demo_loaded()
    summary = load_demo(now=NOW)
    counts = _counts()
    assert counts["Offerer"] >= 12
    assert counts["Venue"] >= 25
    assert counts["Offer"] >= 300
    assert f"{counts['Offer']} offres" in summary
    venues = _all(Venue)
    assert len({v.venue_type for v in venues if not v.is_virtual}) >= 6
    assert {v.department_code for v in venues if not v.is_virtual} == set(BOUNDING_BOXES)
    assert is_demo_loaded()

    again = load_demo(now=NOW + timedelta(days=1))
    assert "rien n'a été ajouté" in again
    assert _counts() == counts


def test_same_data_on_every_load(database):
    def snapshot():
        return (
            sorted((v.name, v.siret, v.latitude, v.longitude) for v in _all(Venue)),
            sorted((o.name, o.subcategory_id, o.ean or "") for o in _all(Offer)),
            sorted((s.price, s.quantity or 0, s.beginning_at or NOW) for s in _all(Stock)),
        )

    load_demo(now=NOW)
    first = snapshot()
    truncate_all()
    load_demo(now=NOW)
    assert snapshot() == first


def test_venues_are_real_places_with_valid_identifiers(database):
    # rule O1
    load_demo(now=NOW)
    offerers = {o.id: o for o in _all(Offerer)}
    assert all(siren.is_valid(o.siren) for o in offerers.values())
    assert len({o.siren for o in offerers.values()}) == len(offerers)
    venues = _all(Venue)
    physical = [v for v in venues if not v.is_virtual]
    for venue in physical:
        assert siret.is_valid(venue.siret), venue.name
        assert venue.siret.startswith(offerers[venue.offerer_id].siren)
        lat_min, lat_max, lon_min, lon_max = BOUNDING_BOXES[venue.department_code]
        assert lat_min < venue.latitude < lat_max, venue.name
        assert lon_min < venue.longitude < lon_max, venue.name
        assert venue.address and venue.city
        assert venue.postal_code.startswith(venue.department_code[:2])
    assert any(v.booking_email for v in physical)  # rule O6
    [digital] = [v for v in venues if v.is_virtual]
    assert digital.siret is None and digital.venue_type == VenueType.DIGITAL
    pricing_point = next(v for v in venues if v.id == digital.pricing_point_id)
    assert pricing_point.siret and pricing_point.offerer_id == digital.offerer_id


def test_offers_are_bookable_and_consistent_with_the_catalogue(database):
    load_demo(now=NOW)
    venues = {v.id: v for v in _all(Venue)}
    offerers = {o.id: o for o in _all(Offerer)}
    offers = {o.id: o for o in _all(Offer)}
    stocks = _all(Stock)
    stocked = {s.offer_id for s in stocks}
    sent_to_review = {m.offer_id for m in _all(OfferReviewMatch)}
    assert len(sent_to_review) == 1
    for offer in offers.values():
        subcategory = SUBCATEGORIES[offer.subcategory_id]  # rule F1
        assert offer.id in stocked, offer.name
        assert offer.is_active
        offerer = offerers[venues[offer.venue_id].offerer_id]
        # rule O3: a structure awaiting validation only has drafts
        expected = (
            OfferStatus.APPROVED
            if offerer.validation_status == ValidationStatus.VALIDATED
            else OfferStatus.DRAFT
        )
        if offer.id in sent_to_review:  # rule F12: one offer waits for the demo admin
            expected = OfferStatus.PENDING
        assert offer.validation_status == expected
        assert not offer.is_duo or (subcategory.is_event and subcategory.can_be_duo)  # rule F5
        if subcategory.cap == Cap.DIGITAL:
            assert offer.url and venues[offer.venue_id].is_virtual  # rule C4
        if offer.ean:
            assert ean.is_valid(offer.ean) and len(offer.ean) == 13
    books = [o for o in offers.values() if o.subcategory_id == "LIVRE_PAPIER"]
    assert books and all(o.ean and o.extra_data["author"] for o in books)
    assert any(o.is_national for o in offers.values())  # rule F6
    assert any(o.is_duo for o in offers.values())
    assert {o.validation_status for o in offers.values()} == {"approved", "draft", "pending"}

    assert all(0 <= s.price <= 50_00 for s in stocks)
    assert any(s.price == 0 for s in stocks)
    assert any(s.quantity is None for s in stocks)
    for stock in stocks:
        if SUBCATEGORIES[offers[stock.offer_id].subcategory_id].is_event:
            assert NOW < stock.beginning_at <= NOW + timedelta(days=28)
            assert NOW < stock.booking_limit_at <= stock.beginning_at  # rule F8
        else:
            assert stock.beginning_at is None


def test_cinemas_show_films_several_times_a_day_at_local_hours(database):
    load_demo(now=NOW)
    venues = {v.id: v for v in _all(Venue) if v.venue_type == VenueType.CINEMA}
    offers = {o.id: o for o in _all(Offer) if o.venue_id in venues}
    screenings = [s for s in _all(Stock) if s.offer_id in offers and s.beginning_at]
    for stock in screenings:
        venue = venues[offers[stock.offer_id].venue_id]
        zone = "America/Cayenne" if venue.department_code == "973" else "Europe/Paris"
        local = stock.beginning_at.astimezone(ZoneInfo(zone))
        assert local.strftime("%H:%M") in SHOWTIMES  # also after the switch to summer time
    per_day = {}
    for stock in (s for s in screenings if s.beginning_at > NOW + timedelta(days=1)):
        key = (offers[stock.offer_id].venue_id, stock.beginning_at.date())
        per_day[key] = per_day.get(key, 0) + 1
    assert min(per_day.values()) >= 2


def test_demo_accounts(database):
    load_demo(now=NOW)
    users = {u.email: u for u in _all(User)}
    roles = {a.email: a.role for a in DEMO_ACCOUNTS}
    assert {email: users[email].role for email in roles} == roles
    check_password_policy(DEMO_PASSWORD)  # rule O2
    assert verify_password(users["admin@demo.passculture.fr"].password_hash, DEMO_PASSWORD)
    assert users["admin@demo.passculture.fr"].role == Role.ADMIN

    camille = users["jeune@demo.passculture.fr"]
    assert (camille.first_name, camille.last_name, camille.department_code) == (
        "Camille",
        "Dupont",
        "67",
    )
    age_days = (NOW.date() - camille.birth_date).days
    assert 18 * 365 < age_days < 19 * 365
    deposits = {d.user_id: d for d in _all(Deposit)}
    deposit = deposits[camille.id]
    assert (deposit.amount, deposit.digital_cap, deposit.created_at) == (300_00, 100_00, NOW)
    # 24 calendar months in Paris time: 23:30 in winter time then 23:30 in summer time.
    assert deposit.expires_at == datetime(2028, 3, 28, 21, 30, tzinfo=UTC)
    experiment = deposits[users["jeune.experimentation@demo.passculture.fr"].id]
    assert (experiment.preset, experiment.amount) == ("experimentation_2018", 500_00)
    # Ready for the identity check: a complete, eligible profile and no credit yet.
    ines = users["jeune.inscrite@demo.passculture.fr"]
    assert ines.birth_date == camille.birth_date and ines.department_code == "67"
    assert ines.id not in deposits

    offerers = {o.id: o for o in _all(Offerer)}
    memberships = {
        m.user_id: offerers[m.offerer_id] for m in _all(UserOfferer) if m.status == "validated"
    }
    pro_structure = memberships[users["pro@demo.passculture.fr"].id]
    assert pro_structure.name == PRO_STRUCTURE
    assert pro_structure.validation_status == ValidationStatus.VALIDATED
    kinds = {v.venue_type for v in _all(Venue) if v.offerer_id == pro_structure.id}
    assert {VenueType.CINEMA, VenueType.BOOKSHOP, VenueType.DIGITAL} <= kinds
    pending = memberships[users["pro.attente@demo.passculture.fr"].id]
    assert (pending.name, pending.validation_status) == (PENDING_STRUCTURE, "pending")
    [account] = [a for a in _all(BankAccount) if a.status == "accepted"]
    assert account.offerer_id == pro_structure.id


def test_one_identity_document_waits_for_the_demo_admin(database):  # issue 9
    load_demo(now=NOW)
    admin = next(u for u in _all(User) if u.email == "admin@demo.passculture.fr")
    (waiting,) = identity_review.pending_checks(admin.id, now=NOW).checks
    assert waiting.email == "jeune.verification@demo.passculture.fr" and waiting.age == 18
    path, media_type = identity_review.document_for_admin(admin.id, waiting.id)
    assert path.is_file() and media_type == "image/png"


def test_the_demo_pro_has_a_statement_and_bookings_still_to_pay(database):  # rules P4, P6
    load_demo(now=NOW)
    [run] = _all(PaymentRun)
    [payment] = _all(Payment)
    with db.transaction(write=False) as session:
        offerer = session.exec(select(Offerer).where(Offerer.name == PRO_STRUCTURE)).one()
    assert (run.cutoff.isoformat(), run.status) == ("2026-03-16", "done")
    assert (payment.offerer_id, payment.booking_count) == (offerer.id, 4)
    statuses = sorted(pricing.status for pricing in _all(Pricing))
    assert statuses == ["paid"] * 4 + ["validated"]
