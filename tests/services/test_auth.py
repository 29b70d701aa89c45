"""Sign-in, sessions and login throttling on the three surfaces."""

from datetime import timedelta

import pytest
from sqlmodel import select

from pass_culture import clock, db
from pass_culture.models import LoginAttempt, Role, Surface, User, UserSession
from pass_culture.settings import get_settings
from services import auth
from services.errors import DomainError, Forbidden
from tests import factories

NOW = clock.utcnow().replace(microsecond=0)
SECOND = timedelta(seconds=1)


def _refusal(email, password, surface, *, now=NOW) -> DomainError:
    with pytest.raises(DomainError) as refused:
        auth.login(email, password, surface, now=now)
    return refused.value


def _attempts() -> list[LoginAttempt]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(LoginAttempt).order_by(LoginAttempt.id)))


def _sessions() -> list[UserSession]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(UserSession).order_by(UserSession.id)))


def test_login_opens_a_session_that_stores_only_the_token_hash(database):
    user = factories.make_user(Role.PRO)

    token, signed_in = auth.login(user.email, factories.PASSWORD, Surface.PRO, now=NOW)

    assert signed_in.id == user.id
    [user_session] = _sessions()
    assert user_session.token_hash == auth.hash_token(token) != token
    assert user_session.surface == Surface.PRO
    lifetime = timedelta(hours=get_settings().session_lifetime_hours)
    assert user_session.expires_at == NOW + lifetime
    assert [(a.email, a.succeeded) for a in _attempts()] == [(user.email, True)]
    assert auth.user_for_token(token, Surface.PRO, now=NOW).id == user.id


def test_email_is_normalised(database):
    user = factories.make_user(Role.BENEFICIARY)

    auth.login(f"  {user.email.upper()} ", factories.PASSWORD, Surface.YOUTH, now=NOW)

    assert _attempts()[0].email == user.email


def test_wrong_password_unknown_email_and_inactive_account_get_the_same_refusal(database):
    user = factories.make_user(Role.BENEFICIARY)
    inactive = factories.make_user(Role.BENEFICIARY, is_active=False)

    refusals = [
        _refusal(user.email, "Mauvais-mot-2-passe", Surface.YOUTH),
        _refusal("personne@example.fr", factories.PASSWORD, Surface.YOUTH),
        _refusal(inactive.email, factories.PASSWORD, Surface.YOUTH),
    ]

    assert {(r.code, r.message) for r in refusals} == {
        ("invalid_credentials", "Adresse email ou mot de passe incorrect.")
    }
    assert [a.succeeded for a in _attempts()] == [False, False, False]
    assert _sessions() == []


@pytest.mark.parametrize(
    ("role", "surface", "allowed"),
    [
        (Role.BENEFICIARY, Surface.YOUTH, True),
        (Role.BENEFICIARY, Surface.PRO, False),
        (Role.BENEFICIARY, Surface.ADMIN, False),
        (Role.PRO, Surface.YOUTH, True),  # rule E4: a pro previews the youth app
        (Role.PRO, Surface.PRO, True),
        (Role.PRO, Surface.ADMIN, False),
        (Role.ADMIN, Surface.YOUTH, False),
        (Role.ADMIN, Surface.PRO, False),
        (Role.ADMIN, Surface.ADMIN, True),
    ],
)
def test_each_role_opens_only_its_surfaces(database, role, surface, allowed):
    user = factories.make_user(role)

    if allowed:
        token, _ = auth.login(user.email, factories.PASSWORD, surface, now=NOW)
        assert auth.user_for_token(token, surface, now=NOW).id == user.id
    else:
        refusal = _refusal(user.email, factories.PASSWORD, surface)
        assert refusal.code == "wrong_surface"
        assert refusal.message.startswith("Ce compte n'a pas accès")
        assert _sessions() == []


def test_wrong_surface_message_points_to_the_right_door(database):
    young = factories.make_user(Role.BENEFICIARY)
    pro = factories.make_user(Role.PRO)

    assert _refusal(young.email, factories.PASSWORD, Surface.PRO).message == (
        "Ce compte n'a pas accès à l'espace professionnel. Connectez-vous sur l'application jeunes."
    )
    assert _refusal(pro.email, factories.PASSWORD, Surface.ADMIN).message == (
        "Ce compte n'a pas accès au back-office. Connectez-vous sur l'espace professionnel."
    )


def _fail(email, times, *, now=NOW):
    for _ in range(times):
        assert _refusal(email, "Mauvais-mot-2-passe", Surface.YOUTH, now=now).code == (
            "invalid_credentials"
        )


def test_the_last_tolerated_failure_still_lets_the_right_password_in(database):
    user = factories.make_user(Role.BENEFICIARY)
    _fail(user.email, get_settings().login_max_failures - 1)

    auth.login(user.email, factories.PASSWORD, Surface.YOUTH, now=NOW)


def test_after_the_maximum_of_failures_even_the_right_password_is_refused(database):
    user = factories.make_user(Role.BENEFICIARY)
    # The Nth failure is still an ordinary refusal…
    _fail(user.email, get_settings().login_max_failures)

    # …the attempt after it is throttled, with the wait in minutes.
    refusal = _refusal(user.email, factories.PASSWORD, Surface.YOUTH)
    window = get_settings().login_failure_window_minutes
    assert refusal.code == "too_many_attempts"
    assert refusal.message == (f"Trop de tentatives de connexion. Réessayez dans {window} minutes.")
    assert _sessions() == []
    assert _attempts()[-1].succeeded is False


def test_throttling_ends_when_the_failures_leave_the_window(database):
    user = factories.make_user(Role.BENEFICIARY)
    window = timedelta(minutes=get_settings().login_failure_window_minutes)
    _fail(user.email, get_settings().login_max_failures)

    refusal = _refusal(user.email, factories.PASSWORD, Surface.YOUTH, now=NOW + window - SECOND)
    assert refusal.code == "too_many_attempts"
    assert refusal.message.endswith("Réessayez dans 1 minute.")

    # The refused attempt counts too, but the first failures have left the window.
    auth.login(user.email, factories.PASSWORD, Surface.YOUTH, now=NOW + window)


def test_throttling_is_per_email_and_covers_unknown_emails(database):
    user = factories.make_user(Role.BENEFICIARY)
    _fail("inconnu@example.fr", get_settings().login_max_failures)

    assert _refusal("inconnu@example.fr", "x", Surface.YOUTH).code == "too_many_attempts"
    auth.login(user.email, factories.PASSWORD, Surface.YOUTH, now=NOW)


def test_a_successful_sign_in_clears_earlier_failures(database):
    user = factories.make_user(Role.BENEFICIARY)
    _fail(user.email, get_settings().login_max_failures - 1)
    auth.login(user.email, factories.PASSWORD, Surface.YOUTH, now=NOW)

    _fail(user.email, get_settings().login_max_failures - 1, now=NOW + SECOND)

    auth.login(user.email, factories.PASSWORD, Surface.YOUTH, now=NOW + 2 * SECOND)


def test_session_expires_at_the_end_of_its_lifetime(database):
    user = factories.make_user(Role.PRO)
    token, _ = auth.login(user.email, factories.PASSWORD, Surface.PRO, now=NOW)
    lifetime = timedelta(hours=get_settings().session_lifetime_hours)

    assert auth.user_for_token(token, Surface.PRO, now=NOW + lifetime - SECOND) is not None
    assert auth.user_for_token(token, Surface.PRO, now=NOW + lifetime) is None


def test_a_token_opens_only_the_surface_it_was_issued_for(database):
    user = factories.make_user(Role.PRO)
    token, _ = auth.login(user.email, factories.PASSWORD, Surface.YOUTH, now=NOW)

    assert auth.user_for_token(token, Surface.YOUTH, now=NOW) is not None
    assert auth.user_for_token(token, Surface.PRO, now=NOW) is None


def test_unknown_or_empty_token_and_deactivated_user_have_no_session(database):
    user = factories.make_user(Role.PRO)
    token, _ = auth.login(user.email, factories.PASSWORD, Surface.PRO, now=NOW)

    assert auth.user_for_token("", Surface.PRO, now=NOW) is None
    assert auth.user_for_token(token + "x", Surface.PRO, now=NOW) is None
    with db.transaction() as session:
        session.get(User, user.id).is_active = False
    assert auth.user_for_token(token, Surface.PRO, now=NOW) is None


def test_logout_revokes_the_session(database):
    user = factories.make_user(Role.ADMIN)
    token, _ = auth.login(user.email, factories.PASSWORD, Surface.ADMIN, now=NOW)
    other_token, _ = auth.login(user.email, factories.PASSWORD, Surface.ADMIN, now=NOW)

    auth.logout(token, now=NOW + SECOND)
    auth.logout("jeton-inconnu")
    auth.logout("")

    assert auth.user_for_token(token, Surface.ADMIN, now=NOW + SECOND) is None
    assert auth.user_for_token(other_token, Surface.ADMIN, now=NOW + SECOND) is not None
    assert _sessions()[0].revoked_at == NOW + SECOND


def test_purge_deletes_expired_and_revoked_sessions_and_old_attempts(database):
    user = factories.make_user(Role.PRO)
    lifetime = timedelta(hours=get_settings().session_lifetime_hours)
    day = timedelta(days=1)
    # Signed in a lifetime ago: expires exactly at purge time.
    auth.login(user.email, factories.PASSWORD, Surface.PRO, now=NOW - lifetime)
    # One second younger: still valid at purge time.
    live, _ = auth.login(user.email, factories.PASSWORD, Surface.PRO, now=NOW - lifetime + SECOND)
    revoked, _ = auth.login(user.email, factories.PASSWORD, Surface.PRO, now=NOW - SECOND)
    auth.logout(revoked, now=NOW - SECOND)
    _fail("inconnu@example.fr", 1, now=NOW - day - SECOND)
    _fail("inconnu@example.fr", 1, now=NOW - day)

    # 2 sessions, then the 3 sign-in attempts made more than a day before.
    assert auth.purge_expired_sessions(now=NOW) == 2 + 3

    assert [s.token_hash for s in _sessions()] == [auth.hash_token(live)]
    assert sorted(a.attempted_at for a in _attempts()) == [NOW - day, NOW - SECOND]
    assert auth.purge_expired_sessions(now=NOW) == 0


def test_require_role(database):
    pro = factories.make_user(Role.PRO)

    auth.require_role(pro, Role.PRO, Role.ADMIN)
    with pytest.raises(Forbidden) as refused:
        auth.require_role(pro, Role.ADMIN)
    assert refused.value.code == "forbidden_role"
