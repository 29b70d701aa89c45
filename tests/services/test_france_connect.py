"""FranceConnect identity check against a local OpenID provider (tests/oidc_provider.py):
the credit at once on success (rule C1), and every failure changes nothing."""

from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import (
    Deposit,
    EmailOutbox,
    FranceConnectCheck,
    IdentityCheck,
    Role,
    User,
)
from pass_culture.settings import get_settings
from services import france_connect
from services.errors import DomainError
from tests.factories import NOW, make_beneficiary, make_user

# NOW is 2 March 2026: 18 years old means born from 3 March 2007 to 2 March 2008.


@pytest.fixture
def provider(france_connect_provider):
    return france_connect_provider


def _young(**fields) -> User:
    values = {
        "first_name": "Camille",
        "last_name": "Martin",
        "birth_date": date(2008, 3, 2),
        "postal_code": "29200",
        "department_code": "29",
    }
    return make_user(Role.BENEFICIARY, **(values | fields))


def _authorize(url: str) -> dict[str, str]:
    """What the browser brings back from the provider: the callback's query."""
    answer = httpx.get(url, follow_redirects=False)
    assert answer.status_code == 302, answer.text
    location = urlsplit(answer.headers["location"])
    assert location.path == france_connect.CALLBACK_PATH
    return {key: values[0] for key, values in parse_qs(location.query).items()}


def _round_trip(user_id: int, **finish_options) -> int:
    url, secret = france_connect.start(user_id, now=NOW)
    return france_connect.finish(_authorize(url), secret, **({"now": NOW} | finish_options))


def _refused(call, *args, **options) -> str:
    with pytest.raises(DomainError) as refused:
        call(*args, **options)
    return refused.value.code


def _nothing_changed(user: User) -> None:
    with db.transaction(write=False) as session:
        assert session.exec(select(Deposit).where(Deposit.user_id == user.id)).first() is None
        mails = select(EmailOutbox).where(EmailOutbox.to_address == user.email)
        assert session.exec(mails).all() == []
        again = session.get(User, user.id)
        assert (again.first_name, again.last_name, again.birth_date) == (
            user.first_name,
            user.last_name,
            user.birth_date,
        )


def _checks(user: User) -> list[FranceConnectCheck]:
    with db.transaction(write=False) as session:
        query = select(FranceConnectCheck).where(FranceConnectCheck.user_id == user.id)
        return list(session.exec(query.order_by(FranceConnectCheck.id)))


def test_the_authorization_url_asks_for_the_identity_with_random_state_and_nonce(
    database, provider
):
    young = _young()
    url, secret = france_connect.start(young.id, now=NOW)
    query = parse_qs(urlsplit(url).query)
    assert url.startswith(f"{provider.url}/authorize?")
    assert query["scope"] == ["openid given_name family_name birthdate"]
    assert query["response_type"] == ["code"]
    assert query["redirect_uri"] == [f"{get_settings().public_url}/api/franceconnect/retour"]
    state, nonce = query["state"][0], query["nonce"][0]
    assert secret == f"{state}.{nonce}" and len(state) >= 40 and state != nonce
    (check,) = _checks(young)
    # Only hashes are kept, with an expiry.
    assert state not in (check.state_hash, check.nonce_hash)
    assert check.expires_at == NOW + france_connect.STATE_LIFETIME and check.used_at is None
    assert france_connect.start(young.id, now=NOW)[1] != secret


def test_a_matching_identity_activates_the_credit_at_once(database, provider):  # rule C1
    young = _young(first_name="camille", last_name="MARTIN")
    provider.identity = {
        "given_name": "Camille Louise",
        "family_name": "Martin",
        "birthdate": "2008-03-02",
    }
    assert _round_trip(young.id) == young.id
    with db.transaction(write=False) as session:
        deposit = session.exec(select(Deposit).where(Deposit.user_id == young.id)).one()
        (mail,) = session.exec(select(EmailOutbox)).all()
        profile = session.get(User, young.id)
        (identity,) = session.exec(select(IdentityCheck)).all()
    assert deposit.amount == 300_00 and mail.template == "credit_activated"
    assert (identity.user_id, identity.method, identity.status) == (
        young.id,
        "france_connect",
        "approved",
    )
    # The names stay the young user's own; the certified identity is on the check.
    assert (profile.first_name, profile.last_name) == ("camille", "MARTIN")
    (check,) = _checks(young)
    assert (check.outcome, check.subject, check.given_name, check.birth_date) == (
        "activated",
        "fc-sub-1",
        "Camille Louise",
        date(2008, 3, 2),
    )


def test_the_certified_birth_date_replaces_a_mistyped_one(database, provider):  # rule C1
    young = _young(birth_date=date(2008, 2, 28))
    provider.identity["birthdate"] = "2007-09-15"
    _round_trip(young.id)
    with db.transaction(write=False) as session:
        assert session.get(User, young.id).birth_date == date(2007, 9, 15)


def test_an_identity_under_18_is_refused_and_changes_nothing(database, provider):  # C1 edge
    young = _young()
    provider.identity["birthdate"] = "2008-03-03"  # 18 tomorrow
    assert _refused(_round_trip, young.id) == "not_eligible_too_young"
    _nothing_changed(young)
    assert [check.outcome for check in _checks(young)] == ["not_eligible_too_young"]


def test_other_names_are_refused(database, provider):
    young = _young(first_name="Camille", last_name="Martin")
    provider.identity |= {"given_name": "Louise Camille", "family_name": "Martin"}
    assert _refused(_round_trip, young.id) == "identity_mismatch"
    _nothing_changed(young)


def test_the_user_cancelling_at_the_provider_changes_nothing(database, provider):
    young = _young()
    provider.deny = True
    assert _refused(_round_trip, young.id) == "cancelled"
    _nothing_changed(young)
    assert [check.outcome for check in _checks(young)] == ["cancelled"]


def test_a_wrong_state_is_refused_and_does_not_use_the_right_one(database, provider):
    young = _young()
    url, secret = france_connect.start(young.id, now=NOW)
    answer = _authorize(url)
    forged = answer | {"state": "x" + answer["state"][1:]}
    assert _refused(france_connect.finish, forged, secret, now=NOW) == "invalid_state"
    assert _refused(france_connect.finish, answer, "", now=NOW) == "invalid_state"
    accented = answer | {"state": "é" + answer["state"][1:]}
    assert _refused(france_connect.finish, accented, secret, now=NOW) == "invalid_state"
    _nothing_changed(young)
    assert france_connect.finish(answer, secret, now=NOW) == young.id


def test_a_return_in_another_browser_is_refused(database, provider):
    """Someone's authorization link opened by another person: their browser lacks the
    secret, so the other person's identity cannot land on this account."""
    young = _young()
    url, _secret = france_connect.start(young.id, now=NOW)
    _other_url, other_secret = france_connect.start(young.id, now=NOW)
    assert _refused(france_connect.finish, _authorize(url), other_secret, now=NOW) == (
        "invalid_state"
    )
    _nothing_changed(young)


def test_the_state_expires(database, provider):
    young = _young()
    url, secret = france_connect.start(young.id, now=NOW)
    answer = _authorize(url)
    expiry = NOW + france_connect.STATE_LIFETIME
    assert _refused(france_connect.finish, answer, secret, now=expiry) == "invalid_state"
    _nothing_changed(young)
    assert france_connect.finish(answer, secret, now=expiry - timedelta(seconds=1)) == young.id


def test_a_used_state_cannot_be_replayed(database, provider):
    young = _young()
    url, secret = france_connect.start(young.id, now=NOW)
    answer = _authorize(url)
    france_connect.finish(answer, secret, now=NOW)
    assert _refused(france_connect.finish, answer, secret, now=NOW) == "invalid_state"
    with db.transaction(write=False) as session:
        assert len(session.exec(select(Deposit)).all()) == 1
    # A refused return uses its state up too.
    other = _young(email="autre@example.fr")
    provider.deny = True
    url, secret = france_connect.start(other.id, now=NOW)
    answer = _authorize(url)
    assert _refused(france_connect.finish, answer, secret, now=NOW) == "cancelled"
    assert _refused(france_connect.finish, answer, secret, now=NOW) == "invalid_state"


@pytest.mark.parametrize("trick", ["nonce", "foreign_key"])
def test_an_id_token_with_another_nonce_or_a_bad_signature_is_refused(database, provider, trick):
    young = _young()
    setattr(provider, trick, "un-autre-nonce" if trick == "nonce" else True)
    assert _refused(_round_trip, young.id) == "invalid_response"
    _nothing_changed(young)


def test_an_id_token_for_another_client_is_refused(database, provider, monkeypatch):
    young = _young()
    url, secret = france_connect.start(young.id, now=NOW)
    answer = _authorize(url)
    monkeypatch.setattr(get_settings(), "france_connect_client_id", "un-autre-client")
    assert _refused(france_connect.finish, answer, secret, now=NOW) == "invalid_response"
    _nothing_changed(young)


def test_the_provider_unreachable_changes_nothing(database, provider, monkeypatch):
    young = _young()
    provider.token_broken = True
    assert _refused(_round_trip, young.id) == "unreachable"
    _nothing_changed(young)
    closed = httpx.URL(provider.url).copy_with(port=1)
    monkeypatch.setattr(get_settings(), "france_connect_issuer", str(closed))
    assert _refused(france_connect.start, young.id, now=NOW) == "unreachable"


def test_one_identity_activates_one_account(database, provider):
    _round_trip(_young().id)
    second = _young(email="jumeau@example.fr")
    assert _refused(_round_trip, second.id) == "identity_used"
    _nothing_changed(second)


def test_the_check_cannot_start_without_its_conditions(database, provider, monkeypatch):
    assert _refused(france_connect.start, _young(birth_date=None).id, now=NOW) == (
        "profile_incomplete"
    )
    beneficiary, _deposit = make_beneficiary()
    assert _refused(france_connect.start, beneficiary.id, now=NOW) == "already_granted"
    too_young = _young(birth_date=date(2008, 3, 3))
    assert _refused(france_connect.start, too_young.id, now=NOW) == "not_eligible_too_young"
    assert _refused(france_connect.start, make_user(Role.PRO).id, now=NOW) == (
        "not_a_young_account"
    )
    monkeypatch.setattr(get_settings(), "france_connect_issuer", None)
    assert not france_connect.is_configured()
    assert _refused(france_connect.start, _young().id, now=NOW) == "unavailable"
    assert _checks(too_young) == []
