"""One proof of rule O7 across the services: every entry point a pro reaches with an id,
called by structure A's pro with structure B's ids, is refused as for a missing object and
leaves the database and the stored files exactly as they were; B's own pro succeeds with
the same call (so each row can fail). Likewise every admin entry point refuses pros and
young users, and a young user reaches no one else's booking or document.

Each row runs in a fresh database (a positive control changes things)."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace

import pytest
from sqlalchemy import select as sa_select
from sqlmodel import SQLModel, select

from pass_culture import clock, db
from pass_culture.models import (
    BookingStatus,
    EmailOutbox,
    OfferStatus,
    ReviewRuleKind,
    Role,
    User,
    UserOfferer,
)
from pass_culture.settings import get_settings
from services import (
    admin_queues,
    admin_search,
    audit,
    bank_accounts,
    booking_export,
    booking_filter_choices,
    bookings,
    counter,
    highlights,
    identity_checks,
    identity_review,
    invitations,
    mail_log,
    memberships,
    moderation,
    my_bookings,
    offer_editor,
    offer_images,
    offerer_history,
    offerer_validation,
    offers,
    pro_bookings,
    pro_home,
    pro_offers,
    review_rules,
    venues,
)
from services.bank_accounts import AccountInput
from services.errors import DomainError, FieldsRefused, Forbidden, NotFound
from services.offers import OfferInput, StockInput
from services.pro_bookings import BookingFilters
from services.pro_offers import OfferFilters
from services.venues import VenueInput
from tests.factories import (
    make_beneficiary,
    make_booking,
    make_offer,
    make_offerer,
    make_pro,
    make_stock,
    make_user,
    make_venue,
)
from tests.identity_factories import make_pending_check, make_young
from tests.services.test_offer_editor import FILM, MARCH
from tests.services.test_offer_images import picture
from tests.services.test_venues import PLACE
from tests.unit.test_documents import pdf_bytes

IBAN = "FR7630006000011234567890189"
BIC = "AGRIFRPP"


@dataclass
class World:
    """Structures A and B, each validated with a member; B holds one of everything."""

    pro_a: int
    offerer_a: int
    venue_a: int
    offer_a: int
    account_a: int
    pro_b: int
    offerer_b: int
    venue_b: int
    venue_b2: int
    venue_b_siret: str
    offer_b: int  # a book with a stock, an image and a confirmed booking
    event_b: int  # a film without showings
    draft_offer_b: int
    stock_b: int
    booking_b: int
    booking_code_b: str
    used_code_b: str
    account_b: int  # a draft with a proof, paying venue_b
    pending_account_b: int  # submitted, paying venue_b2
    request_b: int  # a pro asking to join B
    pending_offer_b: int
    pending_offerer: int
    young: int  # booked at B
    young_check: int  # a pending identity check of another young user
    young_check_owner: int
    admin: int
    rule: int
    email: int


def _world() -> World:
    a, b = make_offerer(), make_offerer()
    pro_a, pro_b = make_pro(a), make_pro(b)
    venue_a, venue_b, venue_b2 = make_venue(a), make_venue(b), make_venue(b)
    offer_b = make_offer(venue_b, image_url="/api/images/offres/b.jpg")
    event_b = make_offer(venue_b, subcategory_id="SEANCE_CINE")
    stock_b = make_stock(offer_b)
    draft = make_offer(venue_b, validation_status=OfferStatus.DRAFT)
    make_stock(draft)
    young, deposit = make_beneficiary()
    booking = make_booking(stock_b, young, deposit)
    other, other_deposit = make_beneficiary()
    used = make_booking(
        stock_b, other, other_deposit, status=BookingStatus.USED, used_at=clock.utcnow()
    )

    account = bank_accounts.save_draft(pro_b.id, b.id, None, AccountInput("Compte", IBAN, BIC))
    bank_accounts.upload_proof(pro_b.id, account.id, "rib.pdf", pdf_bytes())
    bank_accounts.set_venues(pro_b.id, account.id, [venue_b.id])
    pending = bank_accounts.save_draft(pro_b.id, b.id, None, AccountInput("Autre", IBAN, BIC))
    bank_accounts.upload_proof(pro_b.id, pending.id, "rib.pdf", pdf_bytes())
    bank_accounts.set_venues(pro_b.id, pending.id, [venue_b2.id])
    bank_accounts.submit(pro_b.id, pending.id)

    requester = make_user(Role.PRO)
    memberships.request_to_join(requester.id, b.siren)
    invitations.invite(pro_b.id, b.id, "invitee@example.fr")
    with db.transaction(write=False) as session:
        request_id = session.exec(
            select(UserOfferer.id).where(UserOfferer.user_id == requester.id)
        ).one()
        email_id = session.exec(select(EmailOutbox.id)).first()

    admin = make_user(Role.ADMIN)
    check_owner = make_young()
    account_a = bank_accounts.save_draft(pro_a.id, a.id, None, AccountInput("A", IBAN, BIC))
    return World(
        pro_a=pro_a.id,
        offerer_a=a.id,
        venue_a=venue_a.id,
        offer_a=make_offer(venue_a).id,
        account_a=account_a.id,
        pro_b=pro_b.id,
        offerer_b=b.id,
        venue_b=venue_b.id,
        venue_b2=venue_b2.id,
        venue_b_siret=venue_b.siret,
        offer_b=offer_b.id,
        event_b=event_b.id,
        draft_offer_b=draft.id,
        stock_b=stock_b.id,
        booking_b=booking.id,
        booking_code_b=booking.code,
        used_code_b=used.code,
        account_b=account.id,
        pending_account_b=pending.id,
        request_b=request_id,
        pending_offer_b=make_offer(venue_b, validation_status=OfferStatus.PENDING).id,
        pending_offerer=make_offerer(validated=False).id,
        young=young.id,
        young_check=make_pending_check(check_owner).id,
        young_check_owner=check_owner.id,
        admin=admin.id,
        rule=review_rules.create_rule(admin.id, ReviewRuleKind.WORD, "interdit").id,
        email=email_id,
    )


def snapshot(data_dir) -> dict:
    """Every row of every table, and every stored file with its content's hash."""
    rows = {}
    with db.get_engine().connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            query = sa_select(table).order_by(*table.primary_key.columns)
            rows[table.name] = [tuple(row) for row in connection.execute(query)]
    rows["files"] = sorted(
        (str(path.relative_to(data_dir)), hashlib.sha256(path.read_bytes()).hexdigest())
        for path in data_dir.rglob("*")
        if path.is_file()
    )
    return rows


@pytest.fixture(name="world")
def world_fixture(database, tmp_path, monkeypatch):
    """(B's world, the folder of stored files); also used by test_forged_events.py."""
    monkeypatch.setattr(get_settings(), "data_dir", str(tmp_path))
    return _world(), tmp_path


BOOK = OfferInput("Nouveau titre", "LIVRE_PAPIER")
STOCK = StockInput(price=5_00, quantity=3)


def _user(user_id: int) -> User:
    with db.transaction(write=False) as session:
        return session.get(User, user_id)


# (what, call) — `call(user_id, world)`: the pro's user id and B's ids.
ProCall = Callable[[int, World], object]
PRO_CASES: list[tuple[str, ProCall]] = [
    # Structure and home
    ("structure read", lambda u, w: venues.structure_of(u, w.offerer_b)),
    ("home of B", lambda u, w: pro_home.attention(u, w.offerer_b)),
    ("home of B's venue", lambda u, w: pro_home.attention(u, w.offerer_b, w.venue_b)),
    # Venues
    ("venue read", lambda u, w: venues.get_venue(u, w.venue_b)),
    (
        "venue update",
        lambda u, w: venues.update_venue(
            u, w.venue_b, VenueInput("Rebaptisé", siret=w.venue_b_siret, **PLACE)
        ),
    ),
    (
        "venue create in B",
        lambda u, w: venues.create_venue(u, w.offerer_b, VenueInput("En ligne", is_virtual=True)),
    ),
    # Offers
    ("offer create at B's venue", lambda u, w: offers.create_offer(u, w.venue_b, BOOK)),
    ("offer draft at B's venue", lambda u, w: offer_editor.save_draft(u, FILM, venue_id=w.venue_b)),
    ("offer draft load", lambda u, w: offer_editor.load_draft(u, w.offer_b)),
    ("offer preview", lambda u, w: offer_editor.preview(u, w.offer_b)),
    (
        "offer draft edit",
        lambda u, w: offer_editor.save_draft(u, replace(FILM, name="Forgé"), offer_id=w.event_b),
    ),
    ("offer update", lambda u, w: offers.update_offer(u, w.offer_b, BOOK)),
    ("offer publish", lambda u, w: offers.publish_offer(u, w.draft_offer_b)),
    ("offer deactivate", lambda u, w: offers.set_offer_active(u, w.offer_b, False)),
    ("offer duplicate", lambda u, w: pro_offers.duplicate_offer(u, w.offer_b)),
    ("offer stocks read", lambda u, w: pro_offers.list_stocks(u, w.offer_b)),
    (
        "offers list of B",
        lambda u, w: pro_offers.list_offers(u, OfferFilters(offerer_id=w.offerer_b)),
    ),
    ("stock add", lambda u, w: offers.add_stock(u, w.offer_b, STOCK)),
    ("stocks add", lambda u, w: offers.add_stocks(u, w.offer_b, [STOCK])),
    ("thing stock add", lambda u, w: offer_editor.add_thing_stock(u, w.offer_b, "5", "3")),
    ("timetable add", lambda u, w: offer_editor.add_timetable(u, w.event_b, MARCH)),
    ("stock edit", lambda u, w: offers.update_stock(u, w.stock_b, STOCK)),
    ("stock delete", lambda u, w: offers.delete_stock(u, w.stock_b, cancel_bookings=True)),
    ("image upload", lambda u, w: offer_images.save_offer_image(u, w.offer_b, picture())),
    ("image removal", lambda u, w: offer_images.remove_offer_image(u, w.offer_b)),
    ("image set", lambda u, w: offers.set_offer_image(u, w.offer_b, None)),
    ("highlight", lambda u, w: highlights.set_highlighted(u, w.offer_b, True)),
    # Bookings
    (
        "bookings of B",
        lambda u, w: pro_bookings.list_bookings(u, BookingFilters(offerer_id=w.offerer_b)),
    ),
    (
        "bookings of B's venue",
        lambda u, w: pro_bookings.list_bookings(u, BookingFilters(venue_id=w.venue_b)),
    ),
    (
        "bookings of B's offer",
        lambda u, w: pro_bookings.list_bookings(u, BookingFilters(offer_id=w.offer_b)),
    ),
    (
        "export csv of B's venue",
        lambda u, w: "".join(booking_export.export_csv(u, BookingFilters(venue_id=w.venue_b))),
    ),
    (
        "export excel of B's offer",
        lambda u, w: booking_export.export_excel(u, BookingFilters(offer_id=w.offer_b)),
    ),
    ("booking cancel", lambda u, w: bookings.cancel_by_offerer(u, w.booking_b, "Forgé")),
    ("counter look-up", lambda u, w: counter.find_booking(u, w.booking_code_b)),
    ("counter validate", lambda u, w: counter.validate(u, w.booking_code_b)),
    ("counter undo", lambda u, w: counter.undo_validation(u, w.used_code_b)),
    # Team
    ("team read", lambda u, w: memberships.team(u, w.offerer_b)),
    ("team accept", lambda u, w: memberships.decide_as_member(u, w.request_b, True)),
    ("team refuse", lambda u, w: memberships.decide_as_member(u, w.request_b, False, "Non")),
    ("team invite", lambda u, w: invitations.invite(u, w.offerer_b, "complice@example.fr")),
    # Bank details
    ("bank details read", lambda u, w: bank_accounts.structure_bank_details(u, w.offerer_b)),
    (
        "bank account create in B",
        lambda u, w: bank_accounts.save_draft(u, w.offerer_b, None, AccountInput("X", IBAN, BIC)),
    ),
    (
        "bank account edit",
        lambda u, w: bank_accounts.save_draft(
            u, w.offerer_b, w.account_b, AccountInput("Forgé", IBAN, BIC)
        ),
    ),
    (
        "bank proof upload",
        lambda u, w: bank_accounts.upload_proof(u, w.account_b, "autre.pdf", pdf_bytes()),
    ),
    ("bank venues link", lambda u, w: bank_accounts.set_venues(u, w.account_b, [])),
    ("bank submit", lambda u, w: bank_accounts.submit(u, w.account_b)),
    ("bank proof file", lambda u, w: bank_accounts.proof_file(_user(u), w.account_b)),
]


@pytest.mark.parametrize(("what", "call"), PRO_CASES, ids=[what for what, _ in PRO_CASES])
def test_a_pro_of_structure_a_reaches_nothing_of_structure_b(world, what, call):  # rule O7
    w, data_dir = world
    before = snapshot(data_dir)

    with pytest.raises(NotFound):
        call(w.pro_a, w)

    assert snapshot(data_dir) == before, what
    call(w.pro_b, w)  # the positive control: the same call by B's pro passes


def test_the_lists_a_pro_chooses_from_hold_nothing_of_b(world):  # rule O7
    w, _ = world
    # The bookings filters asked for B: empty, as for a structure that does not exist.
    assert booking_filter_choices.filter_choices(w.pro_a, w.offerer_b) == (
        booking_filter_choices.filter_choices(w.pro_a, w.offerer_b + 1000)
    )
    assert booking_filter_choices.filter_choices(w.pro_a, w.offerer_b).venues == []
    assert booking_filter_choices.filter_choices(w.pro_b, w.offerer_b).venues != []
    # « Changer de structure » only offers the pro's own structures (ProSession re-checks
    # the remembered choice against this list).
    assert [s.id for s in pro_home.structures_of(w.pro_a)] == [w.offerer_a]
    assert [s.id for s in pro_home.structures_of(w.pro_b)] == [w.offerer_b]


# A's own objects with one of B's ids slipped in: (what, refused, the same with A's id).
MIXED_CASES: list[tuple[str, ProCall, ProCall]] = [
    (
        "B's venue paid on A's account",
        lambda u, w: bank_accounts.set_venues(u, w.account_a, [w.venue_b]),
        lambda u, w: bank_accounts.set_venues(u, w.account_a, [w.venue_a]),
    ),
    (
        "A's virtual venue priced on B's venue",
        lambda u, w: venues.create_venue(
            u, w.offerer_a, VenueInput("En ligne", is_virtual=True, pricing_point_id=w.venue_b)
        ),
        lambda u, w: venues.create_venue(
            u, w.offerer_a, VenueInput("En ligne", is_virtual=True, pricing_point_id=w.venue_a)
        ),
    ),
    (
        "A's bookings filtered on B's venue",
        lambda u, w: pro_bookings.list_bookings(
            u, BookingFilters(offerer_id=w.offerer_a, venue_id=w.venue_b)
        ),
        lambda u, w: pro_bookings.list_bookings(
            u, BookingFilters(offerer_id=w.offerer_a, venue_id=w.venue_a)
        ),
    ),
    (
        "A's export filtered on B's offer",
        lambda u, w: booking_export.export_excel(
            u, BookingFilters(offerer_id=w.offerer_a, offer_id=w.offer_b)
        ),
        lambda u, w: booking_export.export_excel(
            u, BookingFilters(offerer_id=w.offerer_a, offer_id=w.offer_a)
        ),
    ),
    (
        "A's home on B's venue",
        lambda u, w: pro_home.attention(u, w.offerer_a, w.venue_b),
        lambda u, w: pro_home.attention(u, w.offerer_a, w.venue_a),
    ),
    (
        "A's offers filtered on B's venue",
        lambda u, w: pro_offers.list_offers(
            u, OfferFilters(offerer_id=w.offerer_a, venue_id=w.venue_b)
        ),
        lambda u, w: pro_offers.list_offers(
            u, OfferFilters(offerer_id=w.offerer_a, venue_id=w.venue_a)
        ),
    ),
]


@pytest.mark.parametrize(
    ("what", "refused", "allowed"), MIXED_CASES, ids=[what for what, _, _ in MIXED_CASES]
)
def test_one_id_of_b_among_a_s_own_is_refused(world, what, refused, allowed):  # rule O7
    w, data_dir = world
    before = snapshot(data_dir)

    with pytest.raises(DomainError) as caught:
        refused(w.pro_a, w)

    assert not isinstance(caught.value, FieldsRefused)
    assert snapshot(data_dir) == before, what
    allowed(w.pro_a, w)


def test_the_snapshot_sees_a_row_and_a_file_change(world):
    w, data_dir = world
    before = snapshot(data_dir)
    offer_images.save_offer_image(w.pro_b, w.offer_b, picture())
    after = snapshot(data_dir)
    assert after["offers"] != before["offers"] and after["files"] != before["files"]


# --- Admin entry points: refused to pros and young users --------------------------------

AdminCall = Callable[[int, World], object]
ADMIN_CASES: list[tuple[str, AdminCall]] = [
    ("queue counts", lambda u, w: admin_queues.queue_counts(u)),
    ("search", lambda u, w: admin_search.search(u, "Structure")),
    ("journal", lambda u, w: audit.entries(u)),
    ("structures queue", lambda u, w: offerer_validation.queue(u)),
    (
        "structure decision",
        lambda u, w: offerer_validation.decide(u, [w.pending_offerer], "validate"),
    ),
    ("structure comment", lambda u, w: offerer_validation.add_comment(u, w.offerer_b, "Vu")),
    ("structure history", lambda u, w: offerer_history.details(u, w.offerer_b)),
    ("memberships count", lambda u, w: memberships.pending_memberships_count(u)),
    ("memberships queue", lambda u, w: memberships.pending_requests(u)),
    ("membership decision", lambda u, w: memberships.decide_as_admin(u, w.request_b, True)),
    (
        "memberships decision",
        lambda u, w: memberships.decide_many_as_admin(u, [w.request_b], False, "Non"),
    ),
    ("bank count", lambda u, w: bank_accounts.pending_bank_accounts_count(u)),
    ("bank queue", lambda u, w: bank_accounts.pending_accounts(u)),
    ("bank accept", lambda u, w: bank_accounts.accept(u, w.pending_account_b)),
    ("bank reject", lambda u, w: bank_accounts.reject(u, w.pending_account_b, "RIB illisible")),
    ("offers count", lambda u, w: moderation.pending_count(u)),
    ("offers queue", lambda u, w: moderation.pending_offers(u)),
    ("live offers search", lambda u, w: moderation.find_live_offers(u, "Offre")),
    ("offer approve", lambda u, w: moderation.approve_offer(u, w.pending_offer_b)),
    ("offer reject", lambda u, w: moderation.reject_offer(u, w.pending_offer_b, "Non conforme")),
    ("offer deactivate", lambda u, w: moderation.deactivate_offer(u, w.offer_b, "Non conforme")),
    ("identities count", lambda u, w: identity_review.pending_identity_checks_count(u)),
    ("identities queue", lambda u, w: identity_review.pending_checks(u)),
    ("identity document", lambda u, w: identity_review.document_for_admin(u, w.young_check)),
    ("identity approve", lambda u, w: identity_review.approve(u, w.young_check)),
    ("identity reject", lambda u, w: identity_review.reject(u, w.young_check, "autre", "Flou")),
    ("rules list", lambda u, w: review_rules.list_rules(u)),
    ("rule create", lambda u, w: review_rules.create_rule(u, ReviewRuleKind.WORD, "autre")),
    (
        "rule update",
        lambda u, w: review_rules.update_rule(u, w.rule, ReviewRuleKind.WORD, "changé"),
    ),
    ("rule deactivate", lambda u, w: review_rules.set_rule_active(u, w.rule, False)),
    ("emails list", lambda u, w: mail_log.list_emails(u)),
    ("emails templates", lambda u, w: mail_log.templates_in_use(u)),
    ("email detail", lambda u, w: mail_log.email_detail(u, w.email)),
]


@pytest.mark.parametrize(("what", "call"), ADMIN_CASES, ids=[what for what, _ in ADMIN_CASES])
def test_only_admins_reach_the_admin_entry_points(world, what, call):  # rules F12, O7
    w, data_dir = world
    before = snapshot(data_dir)

    for caller in (w.pro_a, w.pro_b, w.young, w.young_check_owner):
        with pytest.raises(Forbidden):
            call(caller, w)

    assert snapshot(data_dir) == before, what
    call(w.admin, w)  # the positive control


# --- Young users: their own bookings and documents only ---------------------------------

YOUTH_CASES: list[tuple[str, Callable[[int, World], object], str]] = [
    ("ticket", lambda u, w: my_bookings.ticket(u, w.booking_b), "young"),
    ("booking cancel", lambda u, w: bookings.cancel_by_beneficiary(u, w.booking_b), "young"),
    (
        "identity document",
        lambda u, w: identity_checks.own_document(u, w.young_check),
        "young_check_owner",
    ),
]


@pytest.mark.parametrize(
    ("what", "call", "owner"), YOUTH_CASES, ids=[what for what, _, _ in YOUTH_CASES]
)
def test_a_young_user_reaches_no_one_elses_booking_or_document(world, what, call, owner):
    w, data_dir = world
    stranger = make_young().id
    before = snapshot(data_dir)

    for caller in (stranger, w.pro_b, w.admin):
        with pytest.raises(NotFound):
            call(caller, w)

    assert snapshot(data_dir) == before, what
    call(getattr(w, owner), w)  # the positive control
