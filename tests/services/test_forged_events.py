"""Forged state events (rule O7): the real handlers of the bank details, venues, offers
list and admin queues pages, run with structure B's ids wherever a browser can put them
(handler arguments and the state's vars), for structure A's pro, or for a pro and a
young user at the admin pages. Nothing of B changes, and nothing of B is shown.

A handler runs on a stand-in of its state (as in test_team_state_forged.py): every var at
its default, the state's own helper methods, and the signed-in user of our choosing; no
server is needed."""

import asyncio
import inspect
import io
from dataclasses import MISSING
from types import SimpleNamespace

import pytest

from pass_culture import db
from pass_culture.models import User
from services import pro_home
from state.admin.bank_accounts import BankQueueState
from state.admin.identities import IdentitiesState
from state.admin.journal import JournalState
from state.admin.memberships import MembershipsState
from state.admin.offers import OffersState as AdminOffersState
from state.admin.payment_holds import PaymentHoldsState
from state.admin.payments import PaymentsState
from state.admin.structures import StructuresState
from state.auth import ProSession
from state.pro.bank_details import BankDetailsState
from state.pro.offers import OffersState
from state.pro.venues import StructureState, VenueFormState
from tests.factories import make_user
from tests.services.test_authorization import snapshot, world_fixture  # noqa: F401  (fixture)
from tests.unit.test_documents import pdf_bytes

NOT_FOUND = "Cette structure n'existe pas."
NO_ACCOUNT = "Ces coordonnées bancaires n’existent pas."


def _stand_in(state_class, user: User, **values):
    """The state's vars at their defaults, its helpers, and `user` signed in."""
    methods = {}
    for klass in reversed(state_class.__mro__):
        if klass.__module__.startswith("state."):
            methods |= {n: f for n, f in vars(klass).items() if inspect.isfunction(f)}

    async def signed_in_user(self):
        return user

    forged = type(f"Forged{state_class.__name__}", (SimpleNamespace,), methods)
    forged._signed_in_user = signed_in_user
    defaults = {}
    for name, field in state_class.get_fields().items():
        factory = getattr(field, "default_factory", MISSING)
        defaults[name] = factory() if callable(factory) else field.default
    return forged(**(defaults | values))


def _run(state_class, handler: str, state, *args) -> Exception | None:
    """Runs the real handler to its end; returns what it raised (Reflex would show the
    page's error banner for it)."""
    function = state_class.event_handlers[handler].fn

    async def go():
        if inspect.isasyncgenfunction(function):
            async for _ in function(state, *args):
                pass
        else:
            result = function(state, *args)
            if inspect.isawaitable(result):
                await result

    try:
        asyncio.run(go())
    except Exception as raised:  # noqa: BLE001  (the refusal is what we look at)
        return raised
    return None


def _user(user_id: int) -> User:
    with db.transaction(write=False) as session:
        return session.get(User, user_id)


def test_bank_details_events_with_b_s_ids_change_nothing(world):  # rules O5, O7
    w, data_dir = world
    pro_a = _user(w.pro_a)
    before = snapshot(data_dir)

    # B's structure in the state: nothing of B is read.
    on_b = _stand_in(BankDetailsState, pro_a, offerer_id=w.offerer_b)
    _run(BankDetailsState, "load", on_b)
    assert (on_b.missing, on_b.accounts, on_b.venue_choices) == (NOT_FOUND, [], [])
    # A new account in B, from A's pro.
    on_b.editing = "new"
    _run(
        BankDetailsState,
        "save",
        on_b,
        {"label": "Forgé", "iban": "FR76 3000 6000 0112 3456 7890 189", "bic": "AGRIFRPP"},
    )
    assert on_b.error == NOT_FOUND

    # A's own structure, B's account in `editing`: save, proof, submit are all refused.
    forged = _stand_in(BankDetailsState, pro_a, offerer_id=w.offerer_a, editing=str(w.account_b))
    form = {"label": "Forgé", "iban": "FR7630006000011234567890189", "bic": "AGRIFRPP"}
    _run(BankDetailsState, "save", forged, form | {f"venue_{w.venue_a}": "on"})
    assert forged.error == NO_ACCOUNT
    upload = SimpleNamespace(size=None, filename="forge.pdf", file=io.BytesIO(pdf_bytes()))
    # The page forgets an id it does not show; the forger sends it again each time.
    forged.editing, forged.error = str(w.account_b), ""
    _run(BankDetailsState, "upload_proof", forged, [upload])
    assert forged.error == NO_ACCOUNT
    forged.editing, forged.error = str(w.account_b), ""
    _run(BankDetailsState, "submit", forged)
    assert forged.error == NO_ACCOUNT

    assert snapshot(data_dir) == before


def test_venue_events_with_b_s_ids_change_nothing(world):  # rule O7
    w, data_dir = world
    pro_a = _user(w.pro_a)
    before = snapshot(data_dir)

    structure = _stand_in(StructureState, pro_a, offerer_id=w.offerer_b)
    _run(StructureState, "load", structure)
    form = {"name": "Forgé", "siret": w.venue_b_siret, "address": "5 rue du Dôme"}
    form |= {"postal_code": "67000", "city": "Strasbourg"}
    update = _stand_in(VenueFormState, pro_a, offerer_id=w.offerer_a, venue_id=w.venue_b)
    _run(VenueFormState, "save", update, form)
    create = _stand_in(VenueFormState, pro_a, offerer_id=w.offerer_b, is_virtual=True)
    _run(VenueFormState, "save", create, {"name": "En ligne"})

    assert (structure.error, structure.venue_lines) == (NOT_FOUND, [])
    assert update.error == "Ce lieu n'existe pas."
    assert create.error == NOT_FOUND
    assert snapshot(data_dir) == before


def test_offers_list_events_with_b_s_ids_change_nothing(world):  # rule O7
    w, data_dir = world
    pro_a = _user(w.pro_a)
    before = snapshot(data_dir)

    own = _stand_in(OffersState, pro_a, offerer_id=w.offerer_a)
    _run(OffersState, "set_active", own, str(w.offer_b), False)
    assert own.error == "Cette offre n'existe pas."
    for event, args in [
        ("duplicate", (str(w.offer_b),)),
        ("set_highlighted", (str(w.offer_b), True)),
        ("open_stocks", (str(w.offer_b),)),
    ]:
        _run(OffersState, event, own, *args)
        assert own.error == "Cette offre n'existe pas.", event
    forged = _stand_in(OffersState, pro_a, offerer_id=w.offerer_a, stocks_offer_id=str(w.offer_b))
    _run(OffersState, "save_stock", forged, {"price": "1", "quantity": "1"})
    forged.delete_stock_id = str(w.stock_b)
    _run(OffersState, "confirm_delete", forged)
    on_b = _stand_in(OffersState, pro_a, offerer_id=w.offerer_b)
    _run(OffersState, "load", on_b)

    # Nothing of B shown: A's list holds A's offer only.
    assert [row["id"] for row in own.rows] == [str(w.offer_a)] and own.stocks == []
    assert (on_b.error, on_b.rows) == (NOT_FOUND, [])
    assert snapshot(data_dir) == before


def test_admin_queue_events_from_a_pro_or_a_young_user_change_nothing(world):  # rule F12
    w, data_dir = world
    before = snapshot(data_dir)

    for caller in (_user(w.pro_b), _user(w.young)):
        runs = [
            (BankQueueState, "accept", {}, (str(w.pending_account_b),)),
            (BankQueueState, "reject", {"rejecting": str(w.pending_account_b)}, ({"reason": "x"},)),
            (MembershipsState, "accept", {}, ([str(w.request_b)],)),
            (MembershipsState, "refuse", {"refusing": [str(w.request_b)]}, ({"reason": "x"},)),
            (AdminOffersState, "approve", {}, (w.pending_offer_b,)),
            (
                StructuresState,
                "submit_decision",
                {"dialog": "validate", "dialog_ids": [w.pending_offerer]},
                ({},),
            ),
            (IdentitiesState, "approve", {}, (w.young_check,)),
        ]
        for state_class, event, values, args in runs:
            state = _stand_in(state_class, caller, **values)
            _run(state_class, event, state, *args)
            shown = getattr(state, "notice", "") or getattr(state, "flashes", [])
            assert not shown, (state_class, event)

    assert snapshot(data_dir) == before
    # The positive control: the same event by an admin does decide (not with a non-id).
    admin = _stand_in(BankQueueState, make_user("admin"))
    assert _run(BankQueueState, "accept", admin, "²") is None and admin.notice == ""
    _run(BankQueueState, "accept", admin, str(w.pending_account_b))
    assert admin.notice.startswith("Coordonnées")


@pytest.mark.parametrize(
    "state_class",
    [
        BankQueueState,
        IdentitiesState,
        MembershipsState,
        AdminOffersState,
        StructuresState,
        JournalState,
        PaymentsState,
        PaymentHoldsState,
    ],
)
def test_admin_lists_take_any_page_number_from_the_browser(world, state_class):
    admin = make_user("admin")
    # "²" passes str.isdigit but not int(); 5,000 digits pass neither int() nor an id.
    for page in ("abc", -3, None, "2", 10**6, "²", "9" * 5000):
        state = _stand_in(state_class, admin)
        assert _run(state_class, "go_to_page", state, page) is None
        assert state.loaded and 1 <= state.page <= state.pages, (page, state.page)


def test_switching_to_b_s_structure_keeps_a_s(world):  # rule O7
    w, _ = world
    pro_a = _user(w.pro_a)
    session = _stand_in(ProSession, pro_a, _choices=pro_home.structures_of(pro_a.id))
    _run(ProSession, "switch_structure", session, str(w.offerer_b))
    assert (session.offerer_id, session.chosen_structure) == (w.offerer_a, str(w.offerer_a))
    _run(ProSession, "switch_venue", session, str(w.venue_b))
    assert session.venue_id == 0  # all of A's venues, not B's one
