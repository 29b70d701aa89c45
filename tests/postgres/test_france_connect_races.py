"""FranceConnect under concurrency (real threads on PostgreSQL): one return delivered twice
at once activates once, and one FranceConnect identity brought back by two accounts at
once activates one of them.

Neither guard is a lock that a switch could turn off: the state is used up by one
conditional UPDATE (the database lets one transaction win), and the identity by a unique
index; the proofs widen the race window so both calls read before either writes."""

from functools import partial
from urllib.parse import parse_qs, urlsplit

import httpx
from sqlmodel import select

from pass_culture import db
from pass_culture.models import Deposit, FranceConnectCheck
from services import france_connect
from tests.factories import NOW
from tests.oidc_provider import matching_young
from tests.postgres.race import run_together, widened_race_window


def _back_from_provider(user_id: int):
    """(callback query, browser secret) once the provider has answered."""
    url, secret = france_connect.start(user_id, now=NOW)
    location = httpx.get(url, follow_redirects=False).headers["location"]
    query = {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}
    return query, secret


def _deposits() -> int:
    with db.transaction(write=False) as session:
        return len(session.exec(select(Deposit.id)).all())


def test_one_return_delivered_twice_at_once_activates_once(postgres, france_connect_provider):
    young = matching_young(france_connect_provider)
    query, secret = _back_from_provider(young.id)
    finish = partial(france_connect.finish, query, secret, now=NOW)
    with widened_race_window():
        outcomes = run_together([finish, finish, finish])
    assert sum(o.ok for o in outcomes) == 1, [o.error for o in outcomes]
    assert all(o.code == "invalid_state" for o in outcomes if not o.ok)
    assert _deposits() == 1


def test_one_identity_brought_back_by_two_accounts_at_once_activates_one(
    postgres, france_connect_provider
):
    returns = [_back_from_provider(matching_young(france_connect_provider).id) for _ in range(2)]
    calls = [partial(france_connect.finish, query, secret, now=NOW) for query, secret in returns]
    with widened_race_window():
        outcomes = run_together(calls)
    assert sum(o.ok for o in outcomes) == 1, [o.error for o in outcomes]
    assert [o.code for o in outcomes if not o.ok] == ["identity_used"]
    assert _deposits() == 1
    with db.transaction(write=False) as session:
        outcomes_kept = sorted(session.exec(select(FranceConnectCheck.outcome)).all())
    assert outcomes_kept == ["activated", "identity_used"]
