"""Sign-in, sessions and login throttling on the three surfaces."""

from datetime import timedelta

import pytest
from sqlmodel import select

from pass_culture import clock, db
from pass_culture.models import (
    LoginAttempt,
    PasswordResetToken,
    Role,
    Surface,
    User,
    UserSession,
)
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


def test_wrong_surface_refusal_names_the_right_door(database):
    young = factories.make_user(Role.BENEFICIARY)
    pro = factories.make_user(Role.PRO)
    admin = factories.make_user(Role.ADMIN)

    at_pro = _refusal(young.email, factories.PASSWORD, Surface.PRO)
    at_admin = _refusal(pro.email, factories.PASSWORD, Surface.ADMIN)
    at_youth = _refusal(admin.email, factories.PASSWORD, Surface.YOUTH)

    assert (at_pro.message, at_pro.door) == (
        "Ce compte n'a pas accès à l'espace professionnel.",
        Surface.YOUTH,
    )
    assert (at_admin.message, at_admin.door) == (
        "Ce compte n'a pas accès au back-office.",
        Surface.PRO,
    )
    assert at_youth.door == Surface.ADMIN


WRONG = "Mauvais-mot-2-passe"
ATTACKER = "203.0.113.7"
OWNER = "198.51.100.20"


def _fail(email, times, *, now=NOW, client_ip=ATTACKER):
    for _ in range(times):
        refusal = _try(email, WRONG, now=now, client_ip=client_ip)
        assert refusal.code == "invalid_credentials"


def _try(email, password, *, now=NOW, client_ip=ATTACKER, surface=Surface.YOUTH):
    with pytest.raises(DomainError) as refused:
        auth.login(email, password, surface, client_ip=client_ip, now=now)
    return refused.value


def _sign_in(email, *, now=NOW, client_ip=ATTACKER):
    return auth.login(email, factories.PASSWORD, Surface.YOUTH, client_ip=client_ip, now=now)


def _first_delay() -> timedelta:
    return timedelta(seconds=get_settings().login_delay_seconds)


def test_the_fifth_wrong_password_costs_nothing_the_sixth_makes_the_next_try_wait(database):
    user = factories.make_user(Role.BENEFICIARY)
    free = get_settings().login_free_failures
    _fail(user.email, free)
    # After the 5th wrong password, the next try is checked at once (and is wrong).
    _fail(user.email, 1)

    # After the 6th, even the right password waits the first delay.
    refusal = _try(user.email, factories.PASSWORD, now=NOW + _first_delay() - SECOND)
    assert refusal.code == "too_many_attempts"
    assert refusal.message == "Trop de tentatives de connexion. Réessayez dans 1 seconde."
    assert _sessions() == []
    # The delayed try is recorded but does not count as a wrong password.
    assert (_attempts()[-1].succeeded, _attempts()[-1].wrong_password) == (False, False)
    _sign_in(user.email, now=NOW + _first_delay())


def test_the_delay_doubles_with_each_further_wrong_password_up_to_the_cap(database):
    user = factories.make_user(Role.BENEFICIARY)
    cap = timedelta(minutes=get_settings().login_delay_cap_minutes)
    _fail(user.email, get_settings().login_free_failures + 1)
    moment, wait = NOW, _first_delay()
    # Each further wrong password as soon as allowed: 30 s, 1 min, 2, 4, 8, then the cap.
    for _ in range(6):
        assert _try(user.email, factories.PASSWORD, now=moment + wait - SECOND).code == (
            "too_many_attempts"
        )
        moment += wait
        _fail(user.email, 1, now=moment)
        wait = min(2 * wait, cap)

    assert wait == cap < _first_delay() * 2**6  # capped, not doubled again
    refusal = _try(user.email, factories.PASSWORD, now=moment + SECOND)
    assert refusal.message.endswith("Réessayez dans 15 minutes.")
    _sign_in(user.email, now=moment + cap)


def test_the_right_password_at_the_wrong_door_is_not_counted(database):
    pro = factories.make_user(Role.PRO)
    for _ in range(get_settings().login_free_failures * 3):
        assert _try(pro.email, factories.PASSWORD, surface=Surface.ADMIN).code == "wrong_surface"

    assert not any(a.wrong_password for a in _attempts())
    auth.login(pro.email, factories.PASSWORD, Surface.PRO, client_ip=ATTACKER, now=NOW)


def test_the_attackers_address_is_slowed_while_the_owners_is_not(database):
    pro = factories.make_user(Role.PRO)
    _fail(pro.email, get_settings().login_free_failures + 1)

    assert _try(pro.email, factories.PASSWORD).code == "too_many_attempts"
    token, _ = auth.login(pro.email, factories.PASSWORD, Surface.PRO, client_ip=OWNER, now=NOW)
    assert auth.user_for_token(token, Surface.PRO, now=NOW) is not None


def test_one_address_trying_many_accounts_is_slowed_on_all_of_them(database):
    user = factories.make_user(Role.BENEFICIARY)
    allowance = get_settings().login_free_failures * auth._ADDRESS_ALLOWANCE
    # Few wrong passwords per account, each below the per-account allowance.
    for index in range(allowance):
        _fail(f"cible-{index}@example.fr", 1)
    _sign_in(user.email)  # the allowance reached but not passed

    _fail(f"cible-{allowance}@example.fr", 1)
    assert _try(user.email, factories.PASSWORD).code == "too_many_attempts"
    # Signing in elsewhere does not reset the address, and other addresses are not slowed.
    _sign_in(user.email, client_ip=OWNER)


def test_guessing_one_account_from_many_addresses_slows_every_address(database):
    user = factories.make_user(Role.BENEFICIARY)
    allowance = get_settings().login_free_failures * auth._ACCOUNT_ALLOWANCE
    for index in range(allowance):
        _fail(user.email, 1, client_ip=f"10.0.{index // 200}.{index % 200}")
    _sign_in(user.email, client_ip=OWNER, now=NOW + SECOND)
    # The owner's sign-in resets the count; the next wide attack starts again from zero.
    for index in range(allowance + 1):
        _fail(user.email, 1, client_ip=f"10.1.{index // 200}.{index % 200}", now=NOW + SECOND)

    refusal = _try(user.email, factories.PASSWORD, client_ip=OWNER, now=NOW + SECOND)
    assert refusal.code == "too_many_attempts"
    _sign_in(user.email, client_ip=OWNER, now=NOW + SECOND + _first_delay())


def test_unknown_emails_count_as_wrong_passwords(database):
    user = factories.make_user(Role.BENEFICIARY)
    _fail("inconnu@example.fr", get_settings().login_free_failures + 1)

    assert _try("inconnu@example.fr", "x").code == "too_many_attempts"
    _sign_in(user.email)


def test_wrong_passwords_leave_the_count_with_the_window(database):
    user = factories.make_user(Role.BENEFICIARY)
    window = timedelta(minutes=get_settings().login_failure_window_minutes)
    _fail(user.email, get_settings().login_free_failures)
    _fail(user.email, get_settings().login_free_failures, now=NOW + window)

    # The first five have left the window: the last five cost nothing.
    _sign_in(user.email, now=NOW + window)


def test_a_successful_sign_in_clears_earlier_failures_from_that_address(database):
    user = factories.make_user(Role.BENEFICIARY)
    _fail(user.email, get_settings().login_free_failures)
    _sign_in(user.email)

    _fail(user.email, get_settings().login_free_failures + 1, now=NOW + SECOND)

    assert _try(user.email, factories.PASSWORD, now=NOW + SECOND).code == "too_many_attempts"


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


def _reset_link(user, *, expires_at) -> int:
    with db.transaction() as session:
        link = PasswordResetToken(
            token_hash=auth.hash_token(str(expires_at)), user_id=user.id, expires_at=expires_at
        )
        session.add(link)
        session.flush()
        return link.id


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
    _reset_link(user, expires_at=NOW)
    live_link = _reset_link(user, expires_at=NOW + SECOND)

    # 2 sessions, the 3 sign-in attempts made more than a day before, 1 reset link.
    assert auth.purge_expired_sessions(now=NOW) == 2 + 3 + 1

    assert [s.token_hash for s in _sessions()] == [auth.hash_token(live)]
    assert sorted(a.attempted_at for a in _attempts()) == [NOW - day, NOW - SECOND]
    with db.transaction(write=False) as session:
        assert [t.id for t in session.exec(select(PasswordResetToken))] == [live_link]
    assert auth.purge_expired_sessions(now=NOW) == 0


def test_require_role(database):
    pro = factories.make_user(Role.PRO)

    auth.require_role(pro, Role.PRO, Role.ADMIN)
    with pytest.raises(Forbidden) as refused:
        auth.require_role(pro, Role.ADMIN)
    assert refused.value.code == "forbidden_role"
