"""Offer moderation (rule F12): review rules at their edges, the admin's decisions, what
young users see after each (F9), the emails to the structure and the audit log."""

import pytest
from sqlalchemy import text
from sqlmodel import select

from pass_culture import db
from pass_culture.models import AdminAuditLog, EmailOutbox, OfferStatus, Role, UserOfferer
from services import audit, moderation, offers, review_rules
from services.errors import DomainError, Forbidden, NotFound
from services.offers import OfferInput, StockInput
from tests.factories import (
    MINUTE,
    NOW,
    make_offer,
    make_offerer,
    make_pro,
    make_user,
    make_venue,
)


@pytest.fixture
def admin(database):
    return make_user(Role.ADMIN, first_name="Alex", last_name="Modo")


@pytest.fixture
def pro_venue(database):
    offerer = make_offerer()
    return make_pro(offerer), make_venue(offerer)


def _refused(code: str, call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value
    assert caught.value.message
    return caught.value


def _publish(pro_venue, *, name="Le Petit Prince", price=10_00, description=None, sub=None):
    pro, venue = pro_venue
    data = OfferInput(name=name, subcategory_id=sub or "LIVRE_PAPIER", description=description)
    draft = offers.create_offer(pro.id, venue.id, data, now=NOW)
    offers.add_stock(pro.id, draft.id, StockInput(price=price, quantity=5), now=NOW)
    return offers.publish_offer(pro.id, draft.id, now=NOW)


def _visible_ids() -> set[int]:
    with db.transaction(write=False) as session:
        return {offer.id for offer in session.exec(offers.visible_offers_query(NOW + MINUTE))}


def _outbox(template: str) -> list[EmailOutbox]:
    with db.transaction(write=False) as session:
        query = select(EmailOutbox).where(EmailOutbox.template == template)
        return list(session.exec(query.order_by(EmailOutbox.id)))


def _log() -> list[AdminAuditLog]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(AdminAuditLog).order_by(AdminAuditLog.id)))


# --- Review rules at their edges ------------------------------------------------------


def test_without_rules_a_publication_is_approved(pro_venue):
    offer = _publish(pro_venue)
    assert offer.validation_status == OfferStatus.APPROVED
    assert offer.id in _visible_ids()  # rule F9


def test_a_price_exactly_at_the_threshold_is_approved_one_cent_above_waits(admin, pro_venue):
    review_rules.create_rule(admin.id, "price_above", "150", now=NOW)
    at_threshold = _publish(pro_venue, price=150_00)
    assert at_threshold.validation_status == OfferStatus.APPROVED
    above = _publish(pro_venue, price=150_01)
    assert above.validation_status == OfferStatus.PENDING
    assert above.id not in _visible_ids()  # rule F9: shown to nobody while pending
    queue = moderation.pending_offers(admin.id)
    assert [o.id for o in queue.offers] == [above.id]
    assert queue.offers[0].reasons == ["Prix de 150,01 €, au-dessus du seuil de 150,00 €"]


def test_the_highest_price_of_the_offer_counts(admin, pro_venue):
    pro, venue = pro_venue
    review_rules.create_rule(admin.id, "price_above", "100,00", now=NOW)
    draft = offers.create_offer(pro.id, venue.id, OfferInput("Concert", "CONCERT"), now=NOW)
    for price in (20_00, 120_00):
        offers.add_stock(
            pro.id, draft.id, StockInput(price=price, beginning_at=NOW + 30 * 24 * 60 * MINUTE)
        )
    assert offers.publish_offer(pro.id, draft.id, now=NOW).validation_status == "pending"
    assert moderation.pending_offers(admin.id).offers[0].prices == "20,00 € – 120,00 €"


def test_a_word_matches_whatever_the_case_and_accents(admin, pro_venue):
    review_rules.create_rule(admin.id, "word", "Écran géant", now=NOW)
    in_name = _publish(pro_venue, name="Soirée ECRAN GEANT au parc")
    in_description = _publish(pro_venue, name="Soirée", description="Un écran  Géant !")
    assert in_name.validation_status == OfferStatus.PENDING
    assert in_description.validation_status == OfferStatus.PENDING
    reasons = moderation.pending_offers(admin.id).offers[0].reasons
    assert reasons == ["Le titre ou la description contient « Écran géant »"]


def test_a_word_matches_whole_words_only(admin, pro_venue):
    review_rules.create_rule(admin.id, "word", "jeu", now=NOW)
    assert _publish(pro_venue, name="Jeudi poésie").validation_status == OfferStatus.APPROVED
    assert _publish(pro_venue, name="Le grand JEU").validation_status == OfferStatus.PENDING


def test_a_subcategory_rule_and_several_matches(admin, pro_venue):
    review_rules.create_rule(admin.id, "subcategory", "LIVRE_PAPIER", now=NOW)
    review_rules.create_rule(admin.id, "word", "prince", now=NOW)
    other = _publish(pro_venue, name="Le Petit Prince", sub="SUPPORT_PHYSIQUE_MUSIQUE_CD")
    assert other.validation_status == OfferStatus.PENDING  # the word only
    book = _publish(pro_venue, name="Les Misérables")
    assert book.validation_status == OfferStatus.PENDING  # the subcategory only
    both = _publish(pro_venue, name="Le Petit Prince")
    summary = {o.id: o for o in moderation.pending_offers(admin.id).offers}[both.id]
    assert summary.reasons == [
        "Sous-catégorie « Livre papier »",
        "Le titre ou la description contient « prince »",
    ]
    assert summary.subcategory == "Livre papier"


def test_an_inactive_rule_sends_nothing_to_review(admin, pro_venue):
    rule = review_rules.create_rule(admin.id, "word", "prince", now=NOW)
    review_rules.set_rule_active(admin.id, rule.id, False, now=NOW)
    assert _publish(pro_venue).validation_status == OfferStatus.APPROVED


@pytest.mark.parametrize(
    ("kind", "value", "code"),
    [
        ("price_above", "", "invalid_threshold"),
        ("price_above", "douze", "invalid_threshold"),
        ("price_above", "-5", "invalid_threshold"),
        ("price_above", "300", "threshold_too_high"),
        ("word", "  ", "word_required"),
        ("word", "!!", "word_required"),
        ("word", "x" * 141, "word_too_long"),
        ("subcategory", "PAS_UNE_SOUS_CATEGORIE", "unknown_subcategory"),
        ("autre", "x", "invalid_rule_kind"),
    ],
)
def test_rules_are_checked(admin, kind, value, code):
    _refused(code, review_rules.create_rule, admin.id, kind, value)
    assert review_rules.list_rules(admin.id) == []
    assert _log() == []


def test_rule_values_as_admins_type_them(admin):
    for typed, cents in (("0", "0"), ("299,99", "29999"), ("1 000", None), ("12.5 €", "1250")):
        if cents is None:
            _refused("threshold_too_high", review_rules.create_rule, admin.id, "price_above", typed)
            continue
        rule = review_rules.create_rule(admin.id, "price_above", typed)
        assert rule.value == cents
    view = {r.value: r for r in review_rules.list_rules(admin.id)}["1250"]
    assert (view.editable_value, view.description) == ("12,50", "Prix supérieur à 12,50 €")


def test_a_duplicate_active_rule_is_refused(admin):
    first = review_rules.create_rule(admin.id, "word", "Casino")
    _refused("duplicate_rule", review_rules.create_rule, admin.id, "word", "casino")
    review_rules.set_rule_active(admin.id, first.id, False)
    second = review_rules.create_rule(admin.id, "word", "casino")
    _refused("duplicate_rule", review_rules.set_rule_active, admin.id, first.id, True)
    assert second.is_active


def test_editing_a_rule_keeps_the_reasons_already_recorded(admin, pro_venue):
    rule = review_rules.create_rule(admin.id, "price_above", "50")
    pending = _publish(pro_venue, price=80_00)
    review_rules.update_rule(admin.id, rule.id, "word", "casino", now=NOW)
    assert _publish(pro_venue, price=80_00).validation_status == OfferStatus.APPROVED
    [summary] = moderation.pending_offers(admin.id).offers
    assert summary.id == pending.id
    assert summary.reasons == ["Prix de 80,00 €, au-dessus du seuil de 50,00 €"]
    [view] = review_rules.list_rules(admin.id)
    assert (view.kind, view.value, view.created_by) == ("word", "casino", "Alex Modo")
    _refused("rule_not_found", review_rules.update_rule, admin.id, 999_999, "word", "x")


def test_a_price_change_after_approval_is_not_rechecked(admin, pro_venue):
    pro, _venue = pro_venue
    review_rules.create_rule(admin.id, "price_above", "100")
    offer = _publish(pro_venue, price=50_00)
    with db.transaction(write=False) as session:
        stock = session.exec(select(offers.Stock).where(offers.Stock.offer_id == offer.id)).one()
    offers.update_stock(pro.id, stock.id, StockInput(price=200_00, quantity=5))
    assert offer.id in _visible_ids()
    assert moderation.pending_count(admin.id) == 0


# --- Decisions --------------------------------------------------------------------------


@pytest.fixture
def pending(admin, pro_venue):
    review_rules.create_rule(admin.id, "word", "prince", now=NOW)
    return _publish(pro_venue)


def test_approving_puts_the_offer_online_and_tells_the_structure(admin, pro_venue, pending):
    pro, _venue = pro_venue
    moderation.approve_offer(admin.id, pending.id, now=NOW)
    assert pending.id in _visible_ids()
    [mail] = _outbox("offer_approved")
    assert mail.to_address == pro.email
    assert "Le Petit Prince" in mail.subject
    assert moderation.pending_count(admin.id) == 0
    _refused("offer_not_pending", moderation.approve_offer, admin.id, pending.id)


def test_rejecting_needs_a_reason_which_is_emailed(admin, pro_venue, pending):
    pro, venue = pro_venue
    colleague = make_pro(make_offerer())
    with db.transaction() as session:  # a member of two structures
        session.add(
            UserOfferer(user_id=colleague.id, offerer_id=venue.offerer_id, status="validated")
        )
    _refused("reason_required", moderation.reject_offer, admin.id, pending.id, "   ")
    _refused("reason_too_long", moderation.reject_offer, admin.id, pending.id, "x" * 1001)
    assert _log()[-1].action == "rule_created"  # nothing written by the refusals
    moderation.reject_offer(admin.id, pending.id, "  Offre hors du cadre du pass.  ", now=NOW)
    with db.transaction(write=False) as session:
        offer = session.get(offers.Offer, pending.id)
    assert (offer.validation_status, offer.rejection_reason) == (
        OfferStatus.REJECTED,
        "Offre hors du cadre du pass.",
    )
    assert pending.id not in _visible_ids()
    mails = _outbox("offer_rejected")
    assert sorted(m.to_address for m in mails) == sorted([pro.email, colleague.email])
    assert all("Motif : Offre hors du cadre du pass." in m.body_text for m in mails)
    _refused("offer_not_pending", moderation.reject_offer, admin.id, pending.id, "encore")


def test_deactivating_a_live_offer(admin, pro_venue):
    pro, _venue = pro_venue
    live = _publish(pro_venue)
    found = moderation.find_live_offers(admin.id, "petit PRI")
    assert [o.id for o in found] == [live.id]
    assert [o.id for o in moderation.find_live_offers(admin.id, str(live.id))] == [live.id]
    assert moderation.find_live_offers(admin.id, "100%") == []
    _refused("reason_required", moderation.deactivate_offer, admin.id, live.id, "")
    moderation.deactivate_offer(admin.id, live.id, "Signalée comme frauduleuse.", now=NOW)
    assert live.id not in _visible_ids()
    assert moderation.find_live_offers(admin.id, "petit") == []
    [mail] = _outbox("offer_deactivated")
    assert mail.to_address == pro.email
    assert "Motif : Signalée comme frauduleuse." in mail.body_text
    _refused("offer_not_live", moderation.deactivate_offer, admin.id, live.id, "encore")
    _refused("offer_not_found", moderation.deactivate_offer, admin.id, 999_999, "motif")
    # The pro cannot switch it back on (rule F12); switching it off stays possible.
    _refused("deactivated_by_admin", offers.set_offer_active, pro.id, live.id, True)
    assert not offers.set_offer_active(pro.id, live.id, False).is_active


def test_a_pending_offer_cannot_be_deactivated_nor_a_live_one_rejected(admin, pending):
    _refused("offer_not_live", moderation.deactivate_offer, admin.id, pending.id, "motif")
    live = make_offer()
    _refused("offer_not_pending", moderation.reject_offer, admin.id, live.id, "motif")


def test_the_queue_is_paginated_oldest_first(admin, pro_venue):
    review_rules.create_rule(admin.id, "word", "prince")
    published = [_publish(pro_venue, name=f"Prince {n}") for n in range(3)]
    first = moderation.pending_offers(admin.id, 1, page_size=2)
    second = moderation.pending_offers(admin.id, 2, page_size=2)
    assert (first.total, first.pages) == (3, 2)
    assert [o.id for o in first.offers + second.offers] == [o.id for o in published]
    assert moderation.pending_offers(admin.id, 99, page_size=2).page == 2


# --- Only admins ----------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.PRO, Role.BENEFICIARY])
def test_only_admins_moderate(admin, pending, role):
    someone = make_user(role)
    inactive_admin = make_user(Role.ADMIN, is_active=False)
    rule = review_rules.create_rule(admin.id, "word", "casino")
    for user_id in (someone.id, inactive_admin.id, 999_999):
        for call, args in (
            (moderation.pending_offers, ()),
            (moderation.pending_count, ()),
            (moderation.find_live_offers, ("prince",)),
            (moderation.approve_offer, (pending.id,)),
            (moderation.reject_offer, (pending.id, "motif")),
            (moderation.deactivate_offer, (pending.id, "motif")),
            (review_rules.list_rules, ()),
            (review_rules.create_rule, ("word", "x")),
            (review_rules.update_rule, (rule.id, "word", "x")),
            (review_rules.set_rule_active, (rule.id, False)),
            (audit.entries, ()),
        ):
            with pytest.raises(Forbidden):
                call(user_id, *args)
    assert moderation.pending_count(admin.id) == 1
    assert len(_log()) == 2


# --- Audit log --------------------------------------------------------------------------


def test_every_admin_action_is_logged_with_who_what_when(admin, pro_venue):
    rule = review_rules.create_rule(admin.id, "word", "prince", now=NOW)
    review_rules.update_rule(admin.id, rule.id, "word", "princesse", now=NOW + MINUTE)
    review_rules.set_rule_active(admin.id, rule.id, False, now=NOW + 2 * MINUTE)
    review_rules.set_rule_active(admin.id, rule.id, True, now=NOW + 3 * MINUTE)
    pending = _publish(pro_venue, name="La princesse")
    moderation.reject_offer(admin.id, pending.id, "Hors cadre", now=NOW + 4 * MINUTE)
    log = _log()
    assert [(e.action, e.target_type, e.admin_user_id) for e in log] == [
        ("rule_created", "review_rule", admin.id),
        ("rule_updated", "review_rule", admin.id),
        ("rule_deactivated", "review_rule", admin.id),
        ("rule_reactivated", "review_rule", admin.id),
        ("offer_rejected", "offer", admin.id),
    ]
    assert log[-1].target_id == pending.id
    assert log[-1].at == NOW + 4 * MINUTE
    assert log[-1].details["motif"] == "Hors cadre"
    assert log[1].details == {
        "avant": "Le mot « prince » dans le titre ou la description",
        "après": "Le mot « princesse » dans le titre ou la description",
    }

    page = audit.entries(admin.id, page_size=2)
    assert (page.total, page.pages) == (5, 3)
    assert page.entries[0].action_label == "Offre rejetée"
    assert page.entries[0].target == f"Offre n° {pending.id}"
    assert page.entries[0].admin_name == "Alex Modo"
    only = audit.entries(admin.id, action="rule_updated")
    assert [e.action for e in only.entries] == ["rule_updated"]
    assert audit.entries(admin.id, action="n'importe quoi").total == 5


def test_a_refused_action_leaves_no_trace(admin, pending):
    _refused("reason_required", moderation.reject_offer, admin.id, pending.id, "")
    assert [e.action for e in _log()] == ["rule_created"]


def test_the_database_refuses_to_change_the_log(admin):
    review_rules.create_rule(admin.id, "word", "prince", now=NOW)
    for statement in (
        "UPDATE admin_audit_log SET action = 'rule_deactivated'",
        "UPDATE admin_audit_log SET details = '{}'",
        "DELETE FROM admin_audit_log",
    ):
        with pytest.raises(Exception, match="ajout seul"):
            with db.get_engine().begin() as connection:
                connection.execute(text(statement))
    [entry] = _log()
    assert entry.action == "rule_created"


def test_an_admin_with_log_entries_cannot_be_deleted(admin):
    review_rules.create_rule(admin.id, "word", "prince", now=NOW)
    with pytest.raises(Exception):  # noqa: B017 -- the foreign key, whatever the driver says
        with db.transaction() as session:
            session.delete(session.get(offers.User, admin.id))
    assert len(_log()) == 1


def test_a_rule_of_another_id_is_not_found(admin):
    with pytest.raises(NotFound):
        review_rules.set_rule_active(admin.id, 999_999, False)
