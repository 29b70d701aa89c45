"""The admins' identity queue: approving grants the credit once (rule C1), rejecting needs
a reason emailed to the young user, both audit-logged, admins only."""

from datetime import timedelta

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import AdminAuditLog, Deposit, EmailOutbox, IdentityCheck, Role
from services import identity_review
from services.errors import DomainError, Forbidden
from tests.factories import NOW, make_user
from tests.identity_factories import (
    data_dir,  # noqa: F401  (fixture)
    make_pending_check,
    make_young,
)

pytestmark = pytest.mark.usefixtures("data_dir")


def _admin():
    return make_user(Role.ADMIN, first_name="Alex", last_name="Modo")


def _rows(model, *where):
    with db.transaction(write=False) as session:
        return list(session.exec(select(model).where(*where)))


def test_the_queue_lists_pending_checks_oldest_first_with_age_and_departement(database):
    admin = _admin()
    older = make_pending_check(make_young(first_name="Léa"), now=NOW - timedelta(hours=2))
    make_pending_check(now=NOW)
    page = identity_review.pending_checks(admin.id, now=NOW)
    assert page.total == 2 == identity_review.pending_identity_checks_count(admin.id)
    first = page.checks[0]
    assert (first.id, first.age, first.department_code) == (older.id, 18, "29")
    assert first.full_name.startswith("Léa") and first.media_type == "image/png"


def test_approval_grants_the_credit_once_and_is_logged(database):  # rule C1
    admin = _admin()
    check = make_pending_check()
    decided = identity_review.approve(admin.id, check.id, now=NOW)
    assert (decided.status, decided.decided_by_id) == ("approved", admin.id)
    (deposit,) = _rows(Deposit, Deposit.user_id == check.user_id)
    assert deposit.amount == 300_00
    (entry,) = _rows(AdminAuditLog)
    assert entry.action == "identity_approved" and entry.target_id == check.id
    assert entry.details["before"] == "en attente" and entry.details["after"] == "validée"
    assert [m.template for m in _rows(EmailOutbox)] == ["credit_activated"]

    with pytest.raises(DomainError) as again:
        identity_review.approve(admin.id, check.id, now=NOW)
    assert again.value.code == "identity_already_decided"
    assert again.value.message == "Cette vérification a déjà été traitée."
    assert len(_rows(Deposit)) == 1 and len(_rows(AdminAuditLog)) == 1


def test_an_ineligible_young_user_is_refused_with_its_message(database):  # rule C1, edge
    admin = _admin()
    check = make_pending_check(now=NOW)
    # Sent at 18; a year later, at the admin's decision, 19: too old.
    with pytest.raises(DomainError) as refused:
        identity_review.approve(admin.id, check.id, now=NOW + timedelta(days=365))
    assert refused.value.code == "not_eligible_too_old"
    assert "19 ans" in refused.value.message
    (unchanged,) = _rows(IdentityCheck)
    assert unchanged.status == "pending" and unchanged.decided_at is None
    assert _rows(Deposit) == [] and _rows(AdminAuditLog) == [] and _rows(EmailOutbox) == []


@pytest.mark.parametrize(
    ("code", "other", "error"),
    [
        ("", "", "reason_required"),
        ("inconnu", "", "reason_required"),
        ("autre", "  ", "reason_required"),
        ("autre", "x" * 501, "reason_too_long"),
    ],
)
def test_a_rejection_needs_a_reason(database, code, other, error):
    admin = _admin()
    check = make_pending_check()
    with pytest.raises(DomainError) as refused:
        identity_review.reject(admin.id, check.id, code, other, now=NOW)
    assert refused.value.code == error
    assert _rows(IdentityCheck)[0].status == "pending" and _rows(EmailOutbox) == []


def test_a_rejection_emails_the_reason_and_is_logged(database):
    admin = _admin()
    young = make_young()
    check = make_pending_check(young)
    identity_review.reject(admin.id, check.id, "autre", "  Photo  coupée ", now=NOW)
    (rejected,) = _rows(IdentityCheck)
    assert (rejected.status, rejected.rejection_reason) == ("rejected", "Photo coupée")
    (mail,) = _rows(EmailOutbox)
    assert (mail.to_address, mail.template) == (young.email, "identity_rejected")
    assert "Motif : Photo coupée" in mail.body_text and "/verification-identite" in mail.body_text
    (entry,) = _rows(AdminAuditLog)
    assert entry.details["reason"] == "Photo coupée" and entry.details["after"] == "refusée"
    assert _rows(Deposit) == []


def test_only_admins_review(database):
    check = make_pending_check()
    for user in (make_user(Role.PRO), make_young()):
        with pytest.raises(Forbidden):
            identity_review.approve(user.id, check.id, now=NOW)
        with pytest.raises(Forbidden):
            identity_review.document_for_admin(user.id, check.id)
        with pytest.raises(Forbidden):
            identity_review.pending_identity_checks_count(user.id)
    path, media_type = identity_review.document_for_admin(_admin().id, check.id)
    assert path.is_file() and media_type == "image/png"
