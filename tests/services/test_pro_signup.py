"""A pro's sign-up (rule O2): every field at its edge, the structure "en attente", the
verification link, sign-in refused until then, a registered SIREN as a join request (O4)."""

from datetime import timedelta

import pytest
from sqlmodel import func, select

from pass_culture import db
from pass_culture.models import (
    EmailOutbox,
    Offerer,
    Role,
    Surface,
    User,
    UserOfferer,
    ValidationStatus,
)
from services import auth, memberships, pro_signup, verification_mails
from services.errors import DomainError, FieldsRefused
from tests import factories
from tests.pro_accounts import form, link_token, mails, user

NOW = factories.NOW
SECOND = timedelta(seconds=1)
EMAIL = "claire.dupont@librairie-exemple.fr"
VERIFY = "/pro/inscription/verification"


def _count(model) -> int:
    with db.transaction(write=False) as session:
        return session.exec(select(func.count(model.id))).one()


def _refused_fields(**fields) -> dict[str, str]:
    with pytest.raises(FieldsRefused) as refused:
        pro_signup.sign_up(form(**fields), now=NOW)
    return refused.value.errors


def test_sign_up_creates_an_unverified_pro_and_a_pending_structure(database):
    # rule O2
    done = pro_signup.sign_up(form(siren="732 829 320"), now=NOW)

    assert (done.email, done.joined, done.offerer_name) == (EMAIL, False, "Librairie des Quais")
    pro = user(EMAIL)
    assert (pro.role, pro.email_validated_at, pro.phone) == (Role.PRO, None, "0123456789")
    with db.transaction(write=False) as session:
        offerer = session.exec(select(Offerer)).one()
        membership = session.exec(select(UserOfferer)).one()
    assert (offerer.siren, offerer.validation_status) == ("732829320", ValidationStatus.PENDING)
    assert (membership.user_id, membership.status) == (pro.id, ValidationStatus.VALIDATED)
    [mail] = mails(EMAIL)
    assert mail.template == "pro_signup_verification"
    assert "vous" in mail.body_text


def test_a_pro_signs_in_only_once_the_address_is_verified(database):
    # rule O2: the link first, then /pro/connexion
    pro_signup.sign_up(form(), now=NOW)

    refused = _refusal(auth.login, EMAIL, factories.PASSWORD, Surface.PRO, now=NOW + SECOND)
    assert refused.code == "email_not_verified"
    wrong = _refusal(auth.login, EMAIL, "Mauvais-Mot-2026!", Surface.PRO, now=NOW + SECOND)
    assert wrong.code == "invalid_credentials"  # the unverified state is not an oracle

    verified = verification_mails.verify_email(
        link_token(mails(EMAIL)[-1], VERIFY), formal=True, now=NOW + 2 * SECOND
    )
    assert verified.email == EMAIL
    _token, signed_in = auth.login(EMAIL, factories.PASSWORD, Surface.PRO, now=NOW + 3 * SECOND)
    assert signed_in.id == verified.id


def test_the_link_serves_once_and_expires(database):
    pro_signup.sign_up(form(), now=NOW)
    token = link_token(mails(EMAIL)[-1], VERIFY)

    late = NOW + timedelta(hours=24)
    assert _refusal(verification_mails.verify_email, token, formal=True, now=late).code == (
        "link_expired"
    )
    verification_mails.verify_email(token, formal=True, now=late - SECOND)
    used = _refusal(verification_mails.verify_email, token, formal=True, now=late - SECOND)
    assert used.code == "link_used"
    assert "connectez-vous" in used.message


def test_resend_is_limited_as_for_young_users(database):
    pro_signup.sign_up(form(), now=NOW)

    too_soon = _refusal(verification_mails.resend, EMAIL, now=NOW + 59 * SECOND)
    assert too_soon.code == "mail_too_soon"
    assert "attendez" in too_soon.message
    verification_mails.resend(EMAIL, now=NOW + 60 * SECOND)
    assert len(mails(EMAIL)) == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("siren", "73282932", "Le SIREN doit comporter 9 chiffres."),
        ("siren", "73282932A", "Le SIREN ne doit contenir que des chiffres."),
        ("siren", "732829321", "Ce numéro de SIREN n'est pas valide"),
        ("password", "Culture-Pass", "Le mot de passe doit contenir un chiffre."),
        ("password", "Cul-ture-2026", None),  # 13 characters with every point: accepted
        ("password", "Cul-ture-202", None),  # 12: the edge, accepted
        ("password", "Cul-ture-20", "au moins 12 caractères"),
        ("email", "claire@", "Indiquez une adresse email valide"),
        ("phone", "12 34", "Indiquez un numéro de téléphone valide"),
        ("first_name", "", "Indiquez votre prénom."),
        ("last_name", "Dupont2", "Utilisez seulement des lettres"),
        ("structure_name", " ", "Indiquez le nom de votre structure"),
        ("structure_name", "x" * 141, "Indiquez le nom de votre structure"),
    ],
)
def test_each_field_at_its_edge(database, field, value, message):
    # rule O2 (password policy, SIREN Luhn of rule O1)
    if message is None:
        assert pro_signup.sign_up(form(**{field: value}), now=NOW).email == EMAIL
        return
    errors = _refused_fields(**{field: value})
    assert set(errors) == {field}
    assert message in errors[field]
    assert (_count(User), _count(Offerer), _count(EmailOutbox)) == (0, 0, 0)


def test_a_known_address_gets_the_same_answer_and_an_email(database):
    factories.make_user(Role.PRO, email=EMAIL)

    done = pro_signup.sign_up(form(), now=NOW)

    assert (done.email, done.joined) == (EMAIL, False)
    assert _count(Offerer) == 0
    assert [m.template for m in mails(EMAIL)] == ["pro_signup_existing_account"]


def test_a_registered_siren_makes_a_join_request(database):
    # rule O4
    offerer = factories.make_offerer(name="Théâtre du Port")
    member = factories.make_pro(offerer)

    done = pro_signup.sign_up(form(siren=offerer.siren, structure_name="Autre nom"), now=NOW)

    assert (done.joined, done.offerer_name) == (True, "Théâtre du Port")
    assert _count(Offerer) == 1
    with db.transaction(write=False) as session:
        request = session.exec(
            select(UserOfferer).where(UserOfferer.user_id == user(EMAIL).id)
        ).one()
    assert request.status == ValidationStatus.PENDING
    # The members are told once the address is verified (a fake sign-up bothers nobody),
    # and the request waits in no queue until then.
    admin = factories.make_user(Role.ADMIN)
    assert mails(member.email) == []
    assert memberships.pending_memberships_count(admin.id) == 0
    assert memberships.team(member.id, offerer.id).requests == []
    verification_mails.verify_email(
        link_token(mails(EMAIL)[-1], VERIFY), formal=True, now=NOW + SECOND
    )
    assert memberships.pending_memberships_count(admin.id) == 1
    [told] = mails(member.email)
    assert told.template == "pro_membership_requested"
    assert EMAIL in told.body_text


def _refusal(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as refused:
        call(*args, **kwargs)
    return refused.value
