"""Password reset by email: same answer for any email, a single-use link valid one hour
(only its hash stored), the new password under rule O2, the other sessions ended."""

import re
from datetime import timedelta
from types import SimpleNamespace

import limits.storage.memory
import pytest
from sqlmodel import select

from pass_culture import clock, db
from pass_culture.models import EmailOutbox, PasswordResetToken, Role, Surface
from pass_culture.settings import get_settings
from services import auth, password_reset
from services.errors import DomainError
from services.rate_limiter import limiter
from tests import factories

NOW = clock.utcnow().replace(microsecond=0)
SECOND = timedelta(seconds=1)
NEW_PASSWORD = "Nouveau-Secret-2026"


@pytest.fixture(autouse=True)
def limiter_clock(monkeypatch):
    """The limiter's time (seconds), moved by the test; counts forgotten around each test."""
    now = SimpleNamespace(value=1_800_000_000.0)
    fake = SimpleNamespace(time=lambda: now.value)
    monkeypatch.setattr(limits.storage.memory, "time", fake)
    monkeypatch.setattr(password_reset, "time", fake)
    limiter.storage.reset()
    yield now
    limiter.storage.reset()


def _mails() -> list[EmailOutbox]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(EmailOutbox).order_by(EmailOutbox.id)))


def _token_in(mail: EmailOutbox) -> str:
    [token] = re.findall(r"/nouveau-mot-de-passe\?token=([\w-]+)", mail.body_text)
    return token


def _requested(user, *, now=NOW) -> str:
    password_reset.request_reset(user.email, "198.51.100.20", now=now)
    return _token_in(_mails()[-1])


def _refusal(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as refused:
        call(*args, **kwargs)
    return refused.value


def test_a_request_emails_a_link_whose_token_is_stored_only_as_a_hash(database):
    user = factories.make_user(Role.PRO, first_name="Karim")

    token = _requested(user)

    [mail] = _mails()
    assert (mail.to_address, mail.template) == (user.email, "password_reset")
    assert mail.subject == "Réinitialisation de votre mot de passe"
    assert mail.body_text.startswith("Bonjour Karim,")
    assert f"{get_settings().public_url}/nouveau-mot-de-passe?token={token}" in mail.body_text
    with db.transaction(write=False) as session:
        [link] = session.exec(select(PasswordResetToken)).all()
    assert link.token_hash == auth.hash_token(token) != token
    assert link.expires_at == NOW + timedelta(minutes=get_settings().password_reset_minutes)


def test_unknown_and_inactive_emails_get_the_same_answer_and_no_mail(database):
    inactive = factories.make_user(Role.BENEFICIARY, is_active=False)

    password_reset.request_reset("personne@example.fr", "198.51.100.20", now=NOW)
    password_reset.request_reset(inactive.email, "198.51.100.20", now=NOW)

    assert _mails() == []


def test_the_link_sets_a_new_password_and_ends_every_session(database):
    user = factories.make_user(Role.PRO)
    token_pro, _ = auth.login(user.email, factories.PASSWORD, Surface.PRO, now=NOW)
    token_youth, _ = auth.login(user.email, factories.PASSWORD, Surface.YOUTH, now=NOW)
    token = _requested(user)

    door = password_reset.reset_password(token, NEW_PASSWORD, now=NOW + SECOND)

    assert door == Surface.PRO
    assert auth.user_for_token(token_pro, Surface.PRO, now=NOW + SECOND) is None
    assert auth.user_for_token(token_youth, Surface.YOUTH, now=NOW + SECOND) is None
    assert _refusal(auth.login, user.email, factories.PASSWORD, Surface.PRO).code == (
        "invalid_credentials"
    )
    auth.login(user.email, NEW_PASSWORD, Surface.PRO, now=NOW + SECOND)


def test_the_link_cannot_be_used_twice_and_uses_up_the_other_links(database):
    user = factories.make_user(Role.BENEFICIARY)
    first = _requested(user)
    second = _requested(user)
    password_reset.reset_password(second, NEW_PASSWORD, now=NOW)

    for token in (second, first):
        assert not password_reset.link_is_valid(token, now=NOW)
        refusal = _refusal(password_reset.reset_password, token, "Autre-Secret-2026", now=NOW)
        assert refusal.code == "invalid_reset_link"
    auth.login(user.email, NEW_PASSWORD, Surface.YOUTH, now=NOW)


def test_the_link_expires_after_its_lifetime(database):
    user = factories.make_user(Role.BENEFICIARY)
    token = _requested(user)
    lifetime = timedelta(minutes=get_settings().password_reset_minutes)

    assert password_reset.link_is_valid(token, now=NOW + lifetime - SECOND)
    assert not password_reset.link_is_valid(token, now=NOW + lifetime)
    refusal = _refusal(password_reset.reset_password, token, NEW_PASSWORD, now=NOW + lifetime)
    assert refusal.message == (
        "Ce lien n'est plus valable\u00a0: il a expiré ou a déjà servi. Demandez-en un nouveau."
    )


def test_unknown_or_empty_token_is_refused(database):
    assert not password_reset.link_is_valid("")
    assert _refusal(password_reset.reset_password, "inconnu", NEW_PASSWORD).code == (
        "invalid_reset_link"
    )


def test_a_weak_password_is_refused_and_leaves_the_link_usable(database):  # rule O2
    user = factories.make_user(Role.ADMIN)
    token = _requested(user)

    refusal = _refusal(password_reset.reset_password, token, "court", now=NOW)

    assert refusal.code == "password_too_weak"
    assert password_reset.link_is_valid(token, now=NOW)
    assert password_reset.reset_password(token, NEW_PASSWORD, now=NOW) == Surface.ADMIN


def test_three_requests_per_email_an_hour_then_the_same_refusal_known_or_not(
    database, limiter_clock
):
    user = factories.make_user(Role.BENEFICIARY)
    for index in range(3):
        password_reset.request_reset(user.email, f"10.0.0.{index}", now=NOW)
        password_reset.request_reset("personne@example.fr", f"10.0.1.{index}", now=NOW)

    known = _refusal(password_reset.request_reset, user.email, "10.0.0.9", now=NOW)
    unknown = _refusal(password_reset.request_reset, "personne@example.fr", "10.0.1.9")
    assert (known.code, known.message) == (unknown.code, unknown.message)
    assert known.message == ("Trop de demandes de nouveau mot de passe. Réessayez dans 60 minutes.")
    assert len(_mails()) == 3

    limiter_clock.value += 3600
    password_reset.request_reset(user.email, "10.0.0.9", now=NOW)
    assert len(_mails()) == 4


def test_ten_requests_per_address_an_hour(database):
    for index in range(10):
        password_reset.request_reset(f"cible-{index}@example.fr", "203.0.113.7", now=NOW)

    refusal = _refusal(password_reset.request_reset, "autre@example.fr", "203.0.113.7")
    assert refusal.code == "too_many_reset_requests"
    password_reset.request_reset("autre@example.fr", "198.51.100.20", now=NOW)
