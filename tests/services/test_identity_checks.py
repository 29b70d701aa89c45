"""A young user sends an identity document (rule C1: the credit comes once the identity
is checked): by content, 10 MB at most, one pending at a time, nothing kept on refusal."""

from datetime import timedelta

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import IdentityCheck, IdentityStatus, Role
from services import documents, identity_checks, identity_review
from services.errors import DomainError, NotFound
from services.identity_checks import Step
from tests.factories import NOW, make_beneficiary, make_user
from tests.identity_factories import (
    data_dir,  # noqa: F401  (fixture)
    make_pending_check,
    make_young,
    padded_png,
    png_bytes,
    stored_files,
)

pytestmark = pytest.mark.usefixtures("data_dir")


def _refused(user_id: int, data: bytes, name: str = "piece.pdf") -> DomainError:
    with pytest.raises(DomainError) as refused:
        identity_checks.submit_document(user_id, data, name, now=NOW)
    with db.transaction(write=False) as session:
        assert session.exec(select(IdentityCheck)).all() == []
    assert stored_files() == []
    return refused.value


def test_a_png_is_recorded_pending_with_its_type_and_name(database):
    young = make_young()
    check = identity_checks.submit_document(young.id, png_bytes(), "C:\\tmp\\moi.png", now=NOW)
    assert (check.status, check.method, check.media_type) == ("pending", "document", "image/png")
    assert check.original_file_name == "moi.png"  # a name, never the device's path
    assert stored_files() == [check.document_name]
    assert identity_checks.journey(young.id, now=NOW).step == Step.PENDING


def test_the_type_is_read_from_the_content_not_the_name(database):
    young = make_young()
    executable = b"MZ\x90\x00" + b"\x00" * 200  # a Windows program renamed .pdf
    refused = _refused(young.id, executable, "carte.pdf")
    assert refused.code == "document_format"
    assert refused.message.endswith("choisis un autre fichier.")  # « tu » to young users
    assert _refused(young.id, b"", "vide.png").code == "document_empty"
    # A real PNG named .pdf is a PNG.
    check = identity_checks.submit_document(young.id, png_bytes(), "carte.pdf", now=NOW)
    assert check.media_type == "image/png"


def test_ten_megabytes_exactly_pass_one_byte_more_is_refused(database):
    young = make_young()
    too_large = _refused(young.id, padded_png(documents.MAX_BYTES + 1))
    assert (too_large.code, too_large.message) == (
        "document_too_large",
        "Ton document ne doit pas dépasser 10 Mo.",
    )
    check = identity_checks.submit_document(
        young.id, padded_png(documents.MAX_BYTES), "grand.png", now=NOW
    )
    assert check.status == IdentityStatus.PENDING


def test_a_second_document_waits_for_the_answer_to_the_first(database):
    young = make_young()
    first = make_pending_check(young)
    with pytest.raises(DomainError) as refused:
        identity_checks.submit_document(young.id, png_bytes(), "encore.png", now=NOW)
    assert refused.value.code == "identity_already_pending"
    assert stored_files() == [first.document_name]


def test_after_a_rejection_the_young_user_may_send_another(database):
    young = make_young()
    admin = make_user(Role.ADMIN)
    check = make_pending_check(young)
    identity_review.reject(admin.id, check.id, "illisible", now=NOW)
    journey = identity_checks.journey(young.id, now=NOW)
    assert (journey.step, journey.message) == (Step.REJECTED, "Document illisible")
    again = identity_checks.submit_document(young.id, png_bytes(), "net.png", now=NOW)
    assert again.status == IdentityStatus.PENDING


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"email_validated_at": None}, "email_not_verified"),
        ({"birth_date": None}, "profile_incomplete"),
        ({"birth_date": NOW.date() - timedelta(days=365 * 17)}, "not_eligible_too_young"),
    ],
)
def test_only_an_eligible_verified_young_user_may_send(database, fields, code):  # rule C1
    assert _refused(make_young(**fields).id, png_bytes()).code == code


def test_a_credited_young_user_or_a_pro_may_not_send(database):
    credited, _deposit = make_beneficiary()
    assert _refused(credited.id, png_bytes()).code == "already_beneficiary"
    with pytest.raises(NotFound):
        identity_checks.submit_document(make_user(Role.PRO).id, png_bytes(), "a.png", now=NOW)


def test_the_journey_follows_the_sign_up(database):
    assert identity_checks.journey(make_young(email_validated_at=None).id).step == (
        Step.VERIFY_EMAIL
    )
    assert identity_checks.journey(make_young(department_code=None).id).step == (
        Step.COMPLETE_PROFILE
    )
    assert identity_checks.journey(make_young().id, now=NOW).step == Step.VERIFY_IDENTITY
    too_old = identity_checks.journey(make_young().id, now=NOW + timedelta(days=366))
    assert too_old.step == Step.NOT_ELIGIBLE and "19 ans" in too_old.message
    credited, deposit = make_beneficiary(granted_at=NOW)
    journey = identity_checks.journey(credited.id, now=NOW + timedelta(days=1))
    assert (journey.step, journey.credit_amount, journey.credit_is_news) == (
        Step.CREDITED,
        deposit.amount,
        True,
    )
    later = identity_checks.journey(credited.id, now=NOW + identity_checks.CREDIT_NEWS)
    assert not later.credit_is_news
    assert identity_checks.journey(make_user(Role.PRO).id) is None


def test_a_young_user_reads_their_own_document_never_another_s(database):  # rule O7 spirit
    mine = make_pending_check()
    theirs = make_pending_check()
    path, media_type = identity_checks.own_document(mine.user_id, mine.id)
    assert path.read_bytes() == png_bytes() and media_type == "image/png"
    with pytest.raises(NotFound):
        identity_checks.own_document(mine.user_id, theirs.id)
