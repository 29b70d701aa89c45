"""Team invitations: a validated member invites by email; the single-use, expiring link
lets the invitee sign up (address verified by the link) or sign in, then join as a
validated member. A pending member or a pro of another structure cannot invite."""

from datetime import timedelta

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import ProInvitation, Role, Surface, UserOfferer, ValidationStatus
from services import auth, invitations, memberships
from services.errors import DomainError, NotFound
from tests import factories
from tests.pro_accounts import PRO_FORM, link_token, mails, user

NOW = factories.NOW
INVITED = "nina.leroy@example.fr"
LINK = "/pro/invitation"


def _refusal(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as refused:
        call(*args, **kwargs)
    return refused.value


def _invited(offerer=None):
    offerer = offerer or factories.make_offerer(name="Musée de la Mer")
    member = factories.make_pro(offerer, first_name="Paul", last_name="Girard")
    invitations.invite(member.id, offerer.id, " Nina.Leroy@Example.fr ", now=NOW)
    [mail] = mails(INVITED)
    return offerer, member, link_token(mail, LINK)


def _members(offerer_id: int) -> set[str]:
    with db.transaction(write=False) as session:
        return {
            row.user_id
            for row in session.exec(
                select(UserOfferer).where(
                    UserOfferer.offerer_id == offerer_id,
                    UserOfferer.status == ValidationStatus.VALIDATED,
                )
            )
        }


def test_the_invitee_signs_up_from_the_link_and_is_a_member(database):
    offerer, member, token = _invited()
    shown = invitations.invitation_of(token, now=NOW)
    assert (shown.email, shown.offerer_name, shown.has_account) == (
        INVITED,
        "Musée de la Mer",
        False,
    )
    assert [
        email for email, _until in memberships.team(member.id, offerer.id, now=NOW).invitations
    ] == [INVITED]

    invitations.sign_up_invited(token, PRO_FORM | {"email": "ignored@example.fr"}, now=NOW)

    nina = user(INVITED)
    assert nina.email_validated_at is not None  # the link proved the address
    assert nina.id in _members(offerer.id)
    auth.login(INVITED, factories.PASSWORD, Surface.PRO, now=NOW)
    assert user("ignored@example.fr") is None
    used = _refusal(invitations.invitation_of, token, now=NOW)
    assert used.code == "invitation_used"


def test_an_existing_pro_accepts_signed_in_with_the_invited_address_only(database):
    offerer, _member, token = _invited()
    nina = factories.make_user(Role.PRO, email=INVITED)
    other = factories.make_user(Role.PRO)
    assert invitations.invitation_of(token, now=NOW).has_account

    wrong = _refusal(invitations.accept, token, other.id, now=NOW)
    assert wrong.code == "invitation_other_address"
    assert _refusal(invitations.sign_up_invited, token, PRO_FORM, now=NOW).code == (
        "account_exists"
    )
    assert invitations.accept(token, nina.id, now=NOW) == "Musée de la Mer"

    assert nina.id in _members(offerer.id) and other.id not in _members(offerer.id)
    assert _refusal(invitations.accept, token, nina.id, now=NOW).code == "invitation_used"


def test_an_invitation_expires_after_seven_days(database):
    _offerer, _member, token = _invited()
    nina = factories.make_user(Role.PRO, email=INVITED)

    late = NOW + timedelta(days=7)
    assert _refusal(invitations.accept, token, nina.id, now=late).code == "invitation_expired"
    invitations.accept(token, nina.id, now=late - timedelta(seconds=1))


def test_a_bad_link_and_a_weak_password_change_nothing(database):
    _offerer, _member, token = _invited()

    assert _refusal(invitations.invitation_of, "faux").code == "invalid_invitation"
    weak = PRO_FORM | {"password": "court"}
    with pytest.raises(DomainError) as refused:
        invitations.sign_up_invited(token, weak, now=NOW)
    assert "password" in refused.value.errors
    assert user(INVITED) is None
    with db.transaction(write=False) as session:
        assert session.exec(select(ProInvitation.used_at)).one() is None


def test_inviting_a_member_is_refused_with_a_clear_message(database):
    offerer = factories.make_offerer()
    member = factories.make_pro(offerer)
    colleague = factories.make_pro(offerer, email="deja@example.fr")

    refused = _refusal(invitations.invite, member.id, offerer.id, "DEJA@example.fr")
    assert refused.code == "already_member"
    assert "deja@example.fr est déjà membre" in refused.message
    assert _refusal(invitations.invite, member.id, offerer.id, "pas-une-adresse").code == (
        "invalid_email"
    )
    assert colleague.email not in [m.to_address for m in mails(colleague.email)]


def test_a_pending_member_or_another_structure_cannot_invite(database):
    # rule O7: the structure reads as missing
    offerer = factories.make_offerer()
    factories.make_pro(offerer)
    pending = factories.make_user(Role.PRO)
    memberships.request_to_join(pending.id, offerer.siren, now=NOW)
    stranger = factories.make_pro(factories.make_offerer())

    for outsider in (pending, stranger):
        with pytest.raises(NotFound):
            invitations.invite(outsider.id, offerer.id, INVITED, now=NOW)
    assert mails(INVITED) == []
