"""Forged events at « Suivi des remboursements » (rules P6, O7): the real handlers of its
state, run for structure A's pro with structure B's ids wherever a browser can put them
(the structure in the state, the bank account of the filters, a page number). Nothing of
B is shown; B's own pro sees B's statements with the same calls (so each check can fail).

Handlers run on a stand-in of the state, as in test_forged_events.py."""

from datetime import UTC, date, datetime

from services import finance, payouts
from state.pro.reimbursements import ReimbursementsState as State
from tests.factories import make_payment
from tests.services.test_forged_events import NO_ACCOUNT, NOT_FOUND, _run, _stand_in, _user
from tests.services.test_payouts import structure, used

CUTOFF = date(2026, 3, 16)
RUN_AT = datetime(2026, 3, 16, 4, tzinfo=UTC)


def _world():
    """A and B, each with a paid statement; B also has a booking still to be paid."""
    offerer_a, pro_a, _, account_a = structure()
    offerer_b, pro_b, (venue_b,), account_b = structure()
    used(venue_b, price=40_00)
    finance.price_used_bookings(now=RUN_AT)
    payouts.run_payments(CUTOFF, now=RUN_AT)
    used(venue_b, price=9_00, used_at=datetime(2026, 3, 18, 10, tzinfo=UTC))
    finance.price_used_bookings()
    own = make_payment(account_a, 12_00, cutoff=date(2026, 3, 1))
    users = _user(pro_a.id), _user(pro_b.id)
    return offerer_a.id, users[0], account_a, offerer_b.id, users[1], account_b, own


def _shown(state) -> tuple:
    return (state.statements, state.upcoming, state.account_options, state.total)


def test_b_s_structure_in_the_state_shows_nothing_of_b(database):  # rule O7
    _, pro_a, _, offerer_b, pro_b, _, _ = _world()

    forged = _stand_in(State, pro_a, offerer_id=offerer_b)
    _run(State, "load", forged)

    assert forged.missing == NOT_FOUND
    assert _shown(forged) == ([], [], [], 0)
    # Then the filters and pages of that state: refused before any read.
    for handler, args in (
        ("apply", ({},)),
        ("go_to", (1,)),
        ("go_to_upcoming", (1,)),
        ("reset_filters", ()),
    ):
        _run(State, handler, forged, *args)
        assert _shown(forged) == ([], [], [], 0)

    own = _stand_in(State, pro_b, offerer_id=offerer_b)  # B's pro: B's statement
    _run(State, "load", own)
    assert (own.missing, [row["amount"] for row in own.statements]) == ("", ["40,00 €"])
    assert [row["amount"] for row in own.upcoming] == ["9,00 €"]


def test_b_s_bank_account_in_a_s_filters_is_refused_as_missing(database):  # rule O7
    offerer_a, pro_a, account_a, _, _, account_b, own = _world()

    state = _stand_in(State, pro_a, offerer_id=offerer_a)
    _run(State, "load", state)
    assert [row["id"] for row in state.statements] == [str(own.id)]
    label = "Compte principal — FR76 •••• •••• … 0189"
    assert state.account_options == [[str(account_a.id), label]]

    _run(State, "apply", state, {"bank_account": str(account_b.id)})

    assert (state.error, state.statements, state.total) == (NO_ACCOUNT, [], 0)
    _run(State, "apply", state, {"bank_account": str(account_a.id)})
    assert (state.error, [row["id"] for row in state.statements]) == ("", [str(own.id)])
    assert state.statements[0]["pdf"] == f"/pro/remboursements/{own.id}/justificatif.pdf"
    assert state.statements[0]["csv"] == f"/pro/remboursements/{own.id}/justificatif.csv"


def test_bad_filters_and_pages_change_nothing(database):  # rule P6
    offerer_a, pro_a, _, _, _, _, own = _world()
    state = _stand_in(State, pro_a, offerer_id=offerer_a)
    _run(State, "load", state)

    _run(State, "apply", state, {"period_from": "2026-03-10", "period_to": "2026-03-01"})
    assert state.error == "La période doit commencer avant de finir (du … au …)."
    state.error = ""
    for page in (0, 2, "1", None):  # past the last page, or not a page number
        _run(State, "go_to", state, page)
        _run(State, "go_to_upcoming", state, page)
        assert state.error == ""
        assert (state.upcoming_page, state.upcoming_page_count) == (1, 1)
    _run(State, "reset_filters", state)
    assert ([row["id"] for row in state.statements], state.filters) == ([str(own.id)], {})
