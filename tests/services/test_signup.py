"""A young user's sign-up: account, verification link, sending limits, profile (C1, O2)."""

import re
from datetime import date, timedelta
from urllib.parse import unquote

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import Deposit, EmailOutbox, Role, SignupMail, User
from services import auth, signup
from services.errors import DomainError
from services.passwords import verify_password
from tests import factories

NOW = factories.NOW
SECOND = timedelta(seconds=1)
PASSWORD = "Culture-Pass-2026!"
PROFILE = {
    "first_name": "Léa",
    "last_name": "N'Diaye-Martin",
    "birth_date": "2008-03-02",  # 18 years old on NOW's day
    "postal_code": "29200",
    "phone": "06 12 34 56 78",
}


def _mails(address: str) -> list[EmailOutbox]:
    with db.transaction(write=False) as session:
        return list(
            session.exec(
                select(EmailOutbox)
                .where(EmailOutbox.to_address == address)
                .order_by(EmailOutbox.id)
            )
        )


def _token(mail: EmailOutbox) -> str:
    return unquote(re.search(r"/inscription/verification\?token=(\S+)", mail.body_text)[1])


def _user(email: str) -> User:
    with db.transaction(write=False) as session:
        return session.exec(select(User).where(User.email == email)).one()


def _refusal(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as refused:
        call(*args, **kwargs)
    return refused.value


def _verified_young(email="lea@example.fr") -> User:
    signup.sign_up(email, PASSWORD, True, now=NOW)
    signup.verify_email(_token(_mails(email)[-1]), now=NOW + SECOND)
    return _user(email)


# --- The account -------------------------------------------------------------------------


def test_sign_up_creates_an_unverified_young_account_without_credit(database):
    email = signup.sign_up("  Lea@Example.FR ", PASSWORD, True, now=NOW)

    assert email == "lea@example.fr"
    user = _user(email)
    assert (user.role, user.email_validated_at, user.is_active) == (Role.BENEFICIARY, None, True)
    assert verify_password(user.password_hash, PASSWORD)
    with db.transaction(write=False) as session:
        assert session.exec(select(Deposit).where(Deposit.user_id == user.id)).first() is None
        [row] = session.exec(select(SignupMail))
    [mail] = _mails(email)
    assert mail.template == "signup_verification"
    token = _token(mail)
    assert row.token_hash == auth.hash_token(token) != token  # only the hash is stored
    assert row.expires_at == NOW + timedelta(hours=24)


def test_an_address_already_used_gets_the_same_answer_and_its_owner_an_email(database):
    existing = factories.make_beneficiary(email="deja@example.fr")[0]

    answer = signup.sign_up("deja@example.fr", "Autre-Mot-2026!", True, now=NOW)

    assert answer == "deja@example.fr"  # the same as for a new address: no account oracle
    assert _user("deja@example.fr").password_hash == existing.password_hash
    [mail] = _mails("deja@example.fr")
    assert mail.template == "signup_existing_account"
    assert "Quelqu'un a essayé de créer un compte" in mail.body_text
    assert "token=" not in mail.body_text


def test_repeated_sign_ups_with_a_used_address_stay_within_the_sending_limits(database):
    factories.make_beneficiary(email="deja@example.fr")

    for attempt in range(8):
        signup.sign_up(
            "deja@example.fr", PASSWORD, True, now=NOW + attempt * 2 * signup.MAIL_INTERVAL
        )

    assert len(_mails("deja@example.fr")) == signup.MAILS_PER_DAY


def test_a_password_of_exactly_12_characters_with_the_four_kinds_is_accepted(database):  # O2
    signup.sign_up("lea@example.fr", "Cultur-P2026", True, now=NOW)

    assert verify_password(_user("lea@example.fr").password_hash, "Cultur-P2026")


@pytest.mark.parametrize(
    ("password", "missing"),
    [
        ("Cultur-P202", "au moins 12 caractères"),
        ("CULTURE-PASS-2026", "une minuscule"),
        ("culture-pass-2026", "une majuscule"),
        ("Culture-Pass-deux", "un chiffre"),
        ("CulturePass2026", "un caractère spécial"),
    ],
)
def test_a_password_missing_a_point_of_rule_o2_is_refused(database, password, missing):  # O2
    refusal = _refusal(signup.sign_up, "lea@example.fr", password, True, now=NOW)

    assert refusal.code == "password_too_weak"
    assert missing in refusal.message
    with db.transaction(write=False) as session:
        assert session.exec(select(User)).first() is None
    assert _mails("lea@example.fr") == []


@pytest.mark.parametrize("email", ["", "lea", "lea@example", "lé a@example.fr", "a@b@c.fr"])
def test_an_invalid_address_is_refused(database, email):
    assert _refusal(signup.sign_up, email, PASSWORD, True, now=NOW).code == "invalid_email"


def test_the_terms_must_be_accepted(database):
    refusal = _refusal(signup.sign_up, "lea@example.fr", PASSWORD, False, now=NOW)

    assert refusal.code == "terms_not_accepted"
    assert "conditions générales d'utilisation" in refusal.message


# --- The verification link ----------------------------------------------------------------


def test_the_link_verifies_the_address_once(database):
    signup.sign_up("lea@example.fr", PASSWORD, True, now=NOW)
    token = _token(_mails("lea@example.fr")[0])

    assert signup.verify_email(token, now=NOW + timedelta(hours=24) - SECOND) == "lea@example.fr"

    assert _user("lea@example.fr").email_validated_at == NOW + timedelta(hours=24) - SECOND
    assert _refusal(signup.verify_email, token, now=NOW + timedelta(hours=1)).code == "link_used"


def test_the_link_expires_after_24_hours(database):
    signup.sign_up("lea@example.fr", PASSWORD, True, now=NOW)
    token = _token(_mails("lea@example.fr")[0])

    refusal = _refusal(signup.verify_email, token, now=NOW + timedelta(hours=24))

    assert refusal.code == "link_expired"
    assert refusal.message == "Ce lien a expiré. Demande un nouvel email de vérification."
    assert _user("lea@example.fr").email_validated_at is None


@pytest.mark.parametrize("token", ["", "nimportequoi", None, 42])
def test_a_wrong_link_is_refused(database, token):
    signup.sign_up("lea@example.fr", PASSWORD, True, now=NOW)

    assert _refusal(signup.verify_email, token, now=NOW).code == "invalid_link"
    assert _user("lea@example.fr").email_validated_at is None


def test_once_verified_the_older_links_serve_no_more(database):
    signup.sign_up("lea@example.fr", PASSWORD, True, now=NOW)
    signup.resend("lea@example.fr", now=NOW + signup.MAIL_INTERVAL)
    first, second = (_token(mail) for mail in _mails("lea@example.fr"))

    signup.verify_email(second, now=NOW + 2 * signup.MAIL_INTERVAL)

    assert _refusal(signup.verify_email, first, now=NOW + 3 * signup.MAIL_INTERVAL).code == (
        "link_used"
    )


def test_an_expired_link_can_ask_for_a_new_one(database):
    signup.sign_up("lea@example.fr", PASSWORD, True, now=NOW)
    expired = _token(_mails("lea@example.fr")[0])

    signup.resend_for_token(expired, now=NOW + timedelta(days=2))

    fresh = _token(_mails("lea@example.fr")[-1])
    assert fresh != expired
    assert signup.verify_email(fresh, now=NOW + timedelta(days=2, minutes=1))


# --- « Renvoyer l'email » -----------------------------------------------------------------


def test_resend_waits_a_minute_between_emails(database):
    signup.sign_up("lea@example.fr", PASSWORD, True, now=NOW)

    refusal = _refusal(signup.resend, "lea@example.fr", now=NOW + signup.MAIL_INTERVAL - SECOND)
    assert refusal.code == "mail_too_soon"
    assert "attends une minute" in refusal.message

    signup.resend("lea@example.fr", now=NOW + signup.MAIL_INTERVAL)
    assert [mail.template for mail in _mails("lea@example.fr")] == ["signup_verification"] * 2


def test_resend_sends_five_emails_a_day_at_most(database):
    signup.sign_up("lea@example.fr", PASSWORD, True, now=NOW)
    for n in range(1, signup.MAILS_PER_DAY):
        signup.resend("lea@example.fr", now=NOW + n * signup.MAIL_INTERVAL)

    later = NOW + timedelta(hours=23)
    refusal = _refusal(signup.resend, "lea@example.fr", now=later)
    assert refusal.code == "too_many_mails"
    assert refusal.message == "Tu as déjà demandé 5 emails aujourd'hui. Réessaie demain."
    assert len(_mails("lea@example.fr")) == signup.MAILS_PER_DAY

    signup.resend("lea@example.fr", now=NOW + timedelta(days=1))  # the first left the window
    assert len(_mails("lea@example.fr")) == signup.MAILS_PER_DAY + 1


def test_resend_to_a_verified_account_sends_the_notice_under_the_same_limits(database):
    factories.make_beneficiary(email="deja@example.fr")
    signup.sign_up("deja@example.fr", PASSWORD, True, now=NOW)

    assert _refusal(signup.resend, "deja@example.fr", now=NOW + SECOND).code == "mail_too_soon"
    signup.resend("deja@example.fr", now=NOW + signup.MAIL_INTERVAL)

    assert [mail.template for mail in _mails("deja@example.fr")] == ["signup_existing_account"] * 2


def test_resend_to_an_unknown_address_does_nothing(database):
    signup.resend("personne@example.fr", now=NOW)

    assert _mails("personne@example.fr") == []


# --- The profile and the eligibility -------------------------------------------------------


def test_the_profile_is_saved_and_the_eligibility_computed(database):  # rule C1
    user = _verified_young()

    result = signup.save_profile(user.id, PROFILE, now=NOW)

    saved = _user(user.email)
    assert (saved.first_name, saved.last_name, saved.birth_date) == (
        "Léa",
        "N'Diaye-Martin",
        date(2008, 3, 2),
    )
    assert (saved.postal_code, saved.department_code, saved.phone) == ("29200", "29", "0612345678")
    assert result.eligibility.eligible
    assert not result.has_credit
    assert signup.status(user.id, now=NOW).eligibility.eligible


def test_a_young_user_one_day_too_young_is_told_when_to_come_back(database):  # rule C1
    user = _verified_young()

    result = signup.save_profile(user.id, PROFILE | {"birth_date": "2008-03-03"}, now=NOW)

    assert result.eligibility.code == "too_young"
    assert "à partir du mardi 3 mars 2026" in result.eligibility.message
    assert signup.status(user.id, now=NOW + timedelta(days=1)).eligibility.eligible


def test_the_profile_waits_for_the_verified_address(database):
    signup.sign_up("lea@example.fr", PASSWORD, True, now=NOW)
    user = _user("lea@example.fr")

    assert not signup.status(user.id, now=NOW).email_verified
    refusal = _refusal(signup.save_profile, user.id, PROFILE, now=NOW)
    assert refusal.code == "email_not_verified"
    assert _user("lea@example.fr").birth_date is None


def test_a_pro_account_has_no_youth_sign_up(database):
    pro = factories.make_pro(factories.make_offerer())

    assert _refusal(signup.save_profile, pro.id, PROFILE, now=NOW).code == "not_a_young_account"


def test_a_young_user_with_a_credit_is_done_signing_up(database):
    user, _deposit = factories.make_beneficiary()

    assert signup.status(user.id, now=NOW).has_credit
    assert _refusal(signup.save_profile, user.id, PROFILE, now=NOW).code == "already_beneficiary"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "  ", "Indique ton prénom."),
        ("last_name", "", "Indique ton nom."),
        ("first_name", "L3a", "Utilise seulement des lettres"),
        ("last_name", "x" * 129, "limité à 128 caractères"),
        ("birth_date", "", "Indique ta date de naissance"),
        ("birth_date", "2008-02-30", "Indique ta date de naissance"),
        ("birth_date", "2026-03-03", "ne peut pas être dans le futur"),
        ("birth_date", "1899-12-31", "Vérifie l'année"),
        ("postal_code", "2920", "5 chiffres"),
        ("postal_code", "99999", "ne correspond à aucune commune"),
        ("phone", "12345", "numéro de téléphone valide"),
        ("phone", "00 12 34 56 78", "numéro de téléphone valide"),
    ],
)
def test_each_profile_field_is_checked_and_nothing_is_saved(database, field, value, message):
    user = _verified_young()

    with pytest.raises(signup.ProfileRefused) as refused:
        signup.save_profile(user.id, PROFILE | {field: value}, now=NOW)

    assert list(refused.value.errors) == [field]
    assert message in refused.value.errors[field]
    assert _user(user.email).first_name == ""


def test_every_wrong_field_is_reported_at_once(database):
    user = _verified_young()

    with pytest.raises(signup.ProfileRefused) as refused:
        signup.save_profile(user.id, {"first_name": "Léa", "phone": 7}, now=NOW)

    assert set(refused.value.errors) == {"last_name", "birth_date", "postal_code", "phone"}


@pytest.mark.parametrize(
    ("postal_code", "department"),
    [
        ("75001", "75"),
        ("01000", "01"),
        ("20000", "2A"),  # Ajaccio
        ("20200", "2B"),  # Bastia
        ("97400", "974"),  # Saint-Denis, La Réunion
        ("97300", "973"),  # Cayenne
        ("97600", "976"),  # Mayotte
        ("97150", "978"),  # Saint-Martin
        ("99999", None),
        ("2A000", None),
        ("7500", None),
    ],
)
def test_postal_code_to_department(postal_code, department):
    assert signup.department_of_postal_code(postal_code) == department


def test_an_international_phone_number_is_kept(database):
    user = _verified_young()

    signup.save_profile(user.id, PROFILE | {"phone": "+262 692 12 34 56"}, now=NOW)

    assert _user(user.email).phone == "+262692123456"
