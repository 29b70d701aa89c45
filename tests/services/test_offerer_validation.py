"""Structures validated, put on hold or rejected by admins (rules O2, O3): the queue and
its filters, each decision at its edges, batches with a mix of states, the emails, the
history read from the append-only audit log, and nothing for a non-admin."""

import pytest
from sqlalchemy import text
from sqlmodel import select

from pass_culture import db
from pass_culture.models import AdminAuditLog, EmailOutbox, Offerer, Role, ValidationStatus
from services import admin_queues, audit, offerer_history, offerer_validation, offers
from services.errors import DomainError, Forbidden, NotFound
from tests.factories import (
    MINUTE,
    NOW,
    make_offer,
    make_offerer,
    make_pro,
    make_stock,
    make_user,
    make_venue,
)


@pytest.fixture
def admin(database):
    return make_user(Role.ADMIN, first_name="Alex", last_name="Valide")


def _new(name="Librairie des Quais", **fields) -> Offerer:
    return make_offerer(validated=False, name=name, **fields)


def _status(offerer: Offerer) -> str:
    with db.transaction(write=False) as session:
        return session.get(Offerer, offerer.id).validation_status


def _outbox(template: str) -> list[EmailOutbox]:
    with db.transaction(write=False) as session:
        query = select(EmailOutbox).where(EmailOutbox.template == template)
        return list(session.exec(query.order_by(EmailOutbox.id)))


def _log() -> list[AdminAuditLog]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(AdminAuditLog).order_by(AdminAuditLog.id)))


def _refused(code: str, call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value
    return caught.value


def _visible_ids() -> set[int]:
    with db.transaction(write=False) as session:
        return {offer.id for offer in session.exec(offers.visible_offers_query(NOW + MINUTE))}


# --- The queue ---------------------------------------------------------------------------


def test_the_queue_shows_new_structures_oldest_first_with_counts_per_status(admin):
    later = _new("Théâtre du Lac", created_at=NOW + MINUTE)
    first = _new("Cinéma Vox", created_at=NOW)
    pro = make_pro(first, email="gerant@vox.fr")
    make_venue(first)
    make_venue(first)
    make_offerer(name="Déjà validée")

    page = offerer_validation.queue(admin.id)

    assert [row.id for row in page.rows] == [first.id, later.id]
    assert page.counts == {"pending": 2, "on_hold": 0, "validated": 1, "rejected": 0}
    row = page.rows[0]
    assert (row.member_emails, row.venues, row.last_comment) == ([pro.email], 2, "")


def test_the_text_filter_finds_name_siren_postal_code_city_and_member_email(admin):
    vox = _new("Cinéma Vox", postal_code="67000", city="Strasbourg")
    make_pro(vox, email="gerant@vox.fr")
    lac = _new("Théâtre du Lac", postal_code="74000", city="Annecy")
    for typed, expected in [
        ("vox", [vox.id]),
        ("CINÉMA", [vox.id]),
        (vox.siren, [vox.id]),
        (f"{vox.siren[:3]} {vox.siren[3:6]} {vox.siren[6:]}", [vox.id]),
        ("74000", [lac.id]),
        ("annecy", [lac.id]),
        ("gerant@vox", [vox.id]),
        ("théâtre annecy", [lac.id]),
        ("théâtre strasbourg", []),
        ("100%", []),
    ]:
        page = offerer_validation.queue(admin.id, text=typed)
        assert [row.id for row in page.rows] == expected, typed
        assert page.counts["pending"] == len(expected)


def test_the_queue_is_paginated(admin):
    for n in range(3):
        _new(f"Structure {n}", created_at=NOW + n * MINUTE)
    page = offerer_validation.queue(admin.id, page=2, page_size=2)
    assert (page.page, page.pages, [row.name for row in page.rows]) == (2, 2, ["Structure 2"])
    assert offerer_validation.queue(admin.id, page=9, page_size=2).page == 2


# --- Decisions ---------------------------------------------------------------------------


def test_validating_sends_the_activation_email_and_shows_the_offers(admin):  # rules O2, O3
    structure = _new()
    pro = make_pro(structure)
    offer = make_offer(make_venue(structure))
    make_stock(offer)
    assert offer.id not in _visible_ids()

    [outcome] = offerer_validation.decide(
        admin.id, [structure.id], "validate", comment="Kbis vu", now=NOW
    )

    assert (outcome.ok, outcome.message) == (
        True,
        "La structure Librairie des Quais a été validée.",
    )
    assert _status(structure) == ValidationStatus.VALIDATED
    assert offer.id in _visible_ids()
    [mail] = _outbox("offerer_validated_pro")
    assert mail.to_address == pro.email
    assert "Librairie des Quais" in mail.body_text and "Kbis vu" not in mail.body_text
    [entry] = _log()
    assert (entry.action, entry.target_type, entry.target_id) == (
        "offerer_validated",
        "offerer",
        structure.id,
    )
    assert entry.details == {
        "structure": "Librairie des Quais",
        "before": "pending",
        "after": "validated",
        "comment": "Kbis vu",
    }


def test_on_hold_needs_a_comment_and_keeps_the_offers_hidden(admin):  # rule O3
    structure = _new()
    offer = make_offer(make_venue(structure))
    make_stock(offer)
    _refused("comment_required", offerer_validation.decide, admin.id, [structure.id], "hold")
    assert _status(structure) == ValidationStatus.PENDING

    [outcome] = offerer_validation.decide(
        admin.id, [structure.id], "hold", comment="  Kbis demandé  ", now=NOW
    )

    assert outcome.message == "La structure Librairie des Quais a été mise en attente."
    assert _status(structure) == ValidationStatus.ON_HOLD
    assert offer.id not in _visible_ids()
    assert offerer_validation.queue(admin.id, status="on_hold").rows[0].last_comment == (
        "Kbis demandé"
    )
    [again] = offerer_validation.decide(admin.id, [structure.id], "hold", comment="encore")
    assert (again.ok, again.message) == (
        False,
        "La structure Librairie des Quais est déjà en attente.",
    )
    assert _outbox("offerer_validated_pro") == _outbox("offerer_rejected_pro") == []


def test_rejecting_needs_a_reason_from_the_list_and_emails_it(admin):
    structure = _new()
    pro = make_pro(structure)
    for reason in (None, "", "Pas sérieux"):
        _refused(
            "reason_required",
            offerer_validation.decide,
            admin.id,
            [structure.id],
            "reject",
            reason=reason,
        )
    assert _status(structure) == ValidationStatus.PENDING and _log() == []

    offerer_validation.decide(
        admin.id, [structure.id], "reject", reason="closed_siren", comment="Radiée en 2024"
    )

    assert _status(structure) == ValidationStatus.REJECTED
    [mail] = _outbox("offerer_rejected_pro")
    assert mail.to_address == pro.email
    assert "Motif : SIREN caduc" in mail.body_text and "Radiée" not in mail.body_text
    assert _log()[0].details["reason"] == "closed_siren"


def test_a_decided_structure_cannot_be_decided_again(admin):
    structure = _new()
    offerer_validation.decide(admin.id, [structure.id], "validate")
    for kind, reason in [("validate", None), ("reject", "other"), ("hold", None)]:
        [outcome] = offerer_validation.decide(
            admin.id, [structure.id], kind, reason=reason, comment="?"
        )
        assert (outcome.ok, outcome.message) == (
            False,
            "La structure Librairie des Quais est déjà validée.",
        )
    assert len(_log()) == 1 and len(_outbox("offerer_validated_pro")) == 0  # no member


def test_a_structure_on_hold_can_then_be_validated_or_rejected(admin):
    held, other = _new("A"), _new("B")
    offerer_validation.decide(admin.id, [held.id, other.id], "hold", comment="pièces")
    offerer_validation.decide(admin.id, [held.id], "validate")
    offerer_validation.decide(admin.id, [other.id], "reject", reason="missing_documents")
    assert (_status(held), _status(other)) == ("validated", "rejected")


def test_a_batch_with_a_mix_of_states_says_what_happened_to_each(admin):
    new = _new("Nouvelle")
    held = _new("Tenue")
    offerer_validation.decide(admin.id, [held.id], "hold", comment="attente")
    rejected = _new("Refusée")
    offerer_validation.decide(admin.id, [rejected.id], "reject", reason="ineligible")
    validated = make_offerer(name="Validée")

    outcomes = offerer_validation.decide(
        admin.id, [validated.id, new.id, rejected.id, held.id, 999_999, new.id], "validate"
    )

    assert [(o.offerer_id, o.ok, o.message) for o in outcomes] == [
        (new.id, True, "La structure Nouvelle a été validée."),
        (held.id, True, "La structure Tenue a été validée."),
        (rejected.id, False, "La structure Refusée est déjà rejetée."),
        (validated.id, False, "La structure Validée est déjà validée."),
        (999_999, False, "La structure n° 999999 n'existe pas."),
    ]
    assert [_status(o) for o in (new, held, rejected, validated)] == [
        "validated",
        "validated",
        "rejected",
        "validated",
    ]
    assert [entry.action for entry in _log()][-2:] == ["offerer_validated", "offerer_validated"]


def test_a_bad_batch_changes_nothing(admin):
    one, two = _new("Un"), _new("Deux")
    _refused("nothing_selected", offerer_validation.decide, admin.id, [], "validate")
    _refused("unknown_decision", offerer_validation.decide, admin.id, [one.id], "delete")
    _refused(
        "comment_too_long",
        offerer_validation.decide,
        admin.id,
        [one.id, two.id],
        "validate",
        comment="x" * 1001,
    )
    too_many = list(range(1, offerer_validation.BATCH_MAX + 2))
    _refused("too_many_selected", offerer_validation.decide, admin.id, too_many, "validate")
    assert (_status(one), _status(two)) == ("pending", "pending")
    assert _log() == []
    # 1,000 characters exactly is accepted.
    offerer_validation.decide(admin.id, [one.id], "validate", comment="x" * 1000)


def test_an_email_failure_inside_the_batch_rolls_everything_back(admin, monkeypatch):
    one, two = _new("Un"), _new("Deux")
    calls = []

    def fail_on_second(session, offerer, now):
        calls.append(offerer.id)
        if len(calls) == 2:
            raise RuntimeError("panne")

    monkeypatch.setattr(offerer_validation.offerer_emails, "offerer_validated", fail_on_second)
    with pytest.raises(RuntimeError):
        offerer_validation.decide(admin.id, [one.id, two.id], "validate")
    assert (_status(one), _status(two)) == ("pending", "pending")
    assert _log() == []


# --- History, comments -------------------------------------------------------------------


def test_the_history_lists_every_change_and_comment_newest_first(admin):
    structure = _new(address="3 quai Sud", postal_code="33000", city="Bordeaux")
    make_pro(structure, email="moi@quais.fr")
    make_venue(structure, name="Boutique")
    make_venue(structure, is_virtual=True, name="En ligne")
    offerer_validation.decide(admin.id, [structure.id], "hold", comment="Kbis ?", now=NOW)
    offerer_validation.add_comment(admin.id, structure.id, "Appelé le gérant", now=NOW + MINUTE)
    offerer_validation.decide(
        admin.id, [structure.id], "reject", reason="young_or_school", now=NOW + 2 * MINUTE
    )

    shown = offerer_history.details(admin.id, structure.id)

    assert (shown.status_label, shown.rejection_reason) == (
        "Rejetée",
        "Erreur jeune ou établissement scolaire",
    )
    assert [m.email for m in shown.members] == ["moi@quais.fr"]
    assert [(v.name, bool(v.siret)) for v in shown.venues] == [
        ("Boutique", True),
        ("En ligne", False),
    ]
    assert [
        (h.action, h.before, h.after, h.reason, h.comment, h.admin_name) for h in shown.history
    ] == [
        (
            "Structure rejetée",
            "En attente",
            "Rejetée",
            "Erreur jeune ou établissement scolaire",
            "",
            "Alex Valide",
        ),
        ("Commentaire", "", "", "", "Appelé le gérant", "Alex Valide"),
        ("Structure mise en attente", "Nouvelle", "En attente", "", "Kbis ?", "Alex Valide"),
    ]


def test_a_lone_comment_needs_text_and_an_existing_structure(admin):
    structure = _new()
    _refused("comment_required", offerer_validation.add_comment, admin.id, structure.id, "  ")
    with pytest.raises(NotFound):
        offerer_validation.add_comment(admin.id, 999_999, "Bonjour")
    with pytest.raises(NotFound):
        offerer_history.details(admin.id, 999_999)
    assert _log() == []


def test_the_log_of_decisions_stays_append_only(admin, database):
    structure = _new()
    offerer_validation.decide(admin.id, [structure.id], "validate")
    with pytest.raises(Exception, match="ajout seul"), db.transaction() as session:
        session.execute(text("UPDATE admin_audit_log SET details = '{}'"))
    assert _log()[0].details["after"] == "validated"


# --- The home's counts, and non-admins ---------------------------------------------------


def test_the_home_counts_new_and_held_structures(admin):
    _new("A")
    _new("B")
    held = _new("C")
    offerer_validation.decide(admin.id, [held.id], "hold", comment="attente")
    counts = {q.label: (q.count, q.href) for q in admin_queues.queue_counts(admin.id)}
    assert counts["Nouvelles structures"] == (2, "/admin/structures?statut=pending")
    assert counts["Structures en attente"] == (1, "/admin/structures?statut=on_hold")
    assert counts["Offres à valider"] == (0, "/admin/offres")


def test_a_pro_or_a_young_user_can_do_none_of_it(admin):
    structure = _new()
    pro = make_pro(structure)
    young = make_user(Role.BENEFICIARY)
    for user in (pro, young):
        for call, args in [
            (offerer_validation.decide, ([structure.id], "validate")),
            (offerer_validation.add_comment, (structure.id, "coucou")),
            (offerer_validation.queue, ()),
            (offerer_history.details, (structure.id,)),
            (admin_queues.queue_counts, ()),
        ]:
            with pytest.raises(Forbidden):
                call(user.id, *args)
    assert _status(structure) == "pending" and _log() == []


def test_the_journal_names_the_new_actions_in_french_and_links_the_structure(admin):
    structure = _new()
    offerer_validation.decide(admin.id, [structure.id], "reject", reason="closed_siren")
    [entry] = audit.entries(admin.id, action="offerer_rejected").entries
    assert (entry.action_label, entry.target, entry.target_href) == (
        "Structure rejetée",
        f"Structure n° {structure.id}",
        f"/admin/structures/{structure.id}",
    )
    assert entry.detail_lines == [
        "Structure : Librairie des Quais",
        "Avant : Nouvelle",
        "Après : Rejetée",
        "Motif : SIREN caduc",
    ]
