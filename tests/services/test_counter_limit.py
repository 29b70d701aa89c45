"""The counter's brake on guessing codes (rule B6, no oracle): 10 unknown codes in
10 minutes per pro account, then lookups are refused with the time to wait."""

from datetime import timedelta
from types import SimpleNamespace

import limits.storage.memory
import pytest

from services import bookings, counter, counter_limit
from services.errors import DomainError, NotFound
from tests.factories import NOW, make_beneficiary, make_offer, make_offerer, make_pro, make_stock


@pytest.fixture
def clock(monkeypatch):
    """The limiter's time (seconds), moved by the test."""
    now = SimpleNamespace(value=1_800_000_000.0)
    fake = SimpleNamespace(time=lambda: now.value)
    monkeypatch.setattr(limits.storage.memory, "time", fake)
    monkeypatch.setattr(counter_limit, "time", fake)
    counter_limit.reset()
    yield now
    counter_limit.reset()


def _unknown(pro_user_id: int, code: str):
    raise NotFound("unknown_code", "inconnu")


def _guess(pro_id: int = 1) -> DomainError:
    with pytest.raises(DomainError) as caught:
        counter_limit.limited(pro_id, _unknown, "XXXXXX")
    return caught.value


def test_the_eleventh_lookup_after_ten_unknown_codes_is_refused(clock):  # rule B6
    for _ in range(10):
        assert _guess().code == "unknown_code"
    refusal = _guess()
    assert refusal.code == "too_many_unknown_codes"
    assert refusal.message == "Trop de codes inconnus : réessayez dans 10 minutes."
    # Even a good code waits: the limit is on the account, not on the code.
    with pytest.raises(DomainError, match="Trop de codes inconnus"):
        counter_limit.limited(1, lambda pro_id, code: "trouvé", "ABCDEF")
    # Another pro account is not held back.
    assert _guess(pro_id=2).code == "unknown_code"


def test_the_wait_shrinks_and_ends_with_the_window(clock):  # rule B6
    for _ in range(10):
        _guess()
        clock.value += 30  # one guess every 30 s: the first is now 5 minutes old
    assert _guess().message == "Trop de codes inconnus : réessayez dans 5 minutes."
    clock.value += 4 * 60 + 59  # 1 s before the first guess leaves the window
    assert _guess().message == "Trop de codes inconnus : réessayez dans 1 minute."
    clock.value += 2  # 1 s after
    assert _guess().code == "unknown_code"  # one slot free again…
    assert _guess().code == "too_many_unknown_codes"  # …and used


def test_known_codes_do_not_count(clock):
    for _ in range(20):
        assert counter_limit.limited(1, lambda pro_id, code: code, "ABCDEF") == "ABCDEF"
    assert _guess().code == "unknown_code"


def test_other_refusals_do_not_count(clock):
    def used(pro_user_id, code):
        raise DomainError("already_used", "déjà validée")

    for _ in range(11):
        with pytest.raises(DomainError, match="déjà validée"):
            counter_limit.limited(1, used, "ABCDEF")
    assert _guess().code == "unknown_code"


def test_the_counter_lookup_counts_another_structures_code_as_unknown(database, clock):
    young, _deposit = make_beneficiary(granted_at=NOW - timedelta(days=1))
    booking = bookings.book(young.id, make_stock(make_offer()).id)
    stranger = make_pro(make_offerer())
    for _ in range(10):
        with pytest.raises(NotFound):
            counter_limit.limited(stranger.id, counter.find_booking, booking.code)
    with pytest.raises(DomainError, match="Trop de codes inconnus"):
        counter_limit.limited(stranger.id, counter.find_booking, booking.code)
