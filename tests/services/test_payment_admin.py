"""What the back office reads of the payments (issue 10 point 6): runs newest first with
who started them, a run's payments searched and paginated, the accepted bank accounts
with the held ones first, the cut-offs offered to launch. Admins only."""

from datetime import UTC, date, datetime

import pytest

from pass_culture import db
from pass_culture.models import PaymentRun, Role
from services import payment_admin, payment_holds, payouts
from services.errors import Forbidden, NotFound
from tests.factories import (
    make_bank_account,
    make_offerer,
    make_payment,
    make_pro,
    make_user,
    make_venue,
)
from tests.services.test_payouts import CUTOFF, NOW, priced, used


@pytest.fixture
def admin(database):
    return make_user(Role.ADMIN, first_name="Alix", last_name="Trésor")


def account_of(name: str, **fields):
    offerer = make_offerer(
        name=name, **({"siren": fields.pop("siren")} if "siren" in fields else {})
    )
    return make_bank_account(offerer, **fields)


# --- Runs ------------------------------------------------------------------------------


def test_runs_newest_first_paginated_with_who_started_them(admin):
    venue = make_venue(make_offerer())
    make_bank_account(make_offerer(), [venue])
    priced(used(venue, price=20_00), used(venue, price=5_50))
    by_admin = payouts.run_payments(CUTOFF, admin_id=admin.id, now=NOW)
    make_payment(account_of("Ancienne"), 3_00, cutoff=date(2026, 3, 1))
    make_payment(account_of("Plus ancienne"), 4_00, cutoff=date(2026, 2, 16))

    first = payment_admin.runs(admin.id, 1, page_size=2)
    second = payment_admin.runs(admin.id, 2, page_size=2)

    assert (first.total, first.pages, second.page) == (3, 2, 2)
    assert [run.cutoff for run in first.runs + second.runs] == [
        CUTOFF,
        date(2026, 3, 1),
        date(2026, 2, 16),
    ]
    latest = first.runs[0]
    assert (latest.id, latest.label, latest.status_label, latest.started_by) == (
        by_admin.run_id,
        f"VIR{by_admin.run_id}",
        "Terminé",
        "Alix Trésor",
    )
    assert (latest.period_start, latest.period_end) == (date(2026, 3, 1), date(2026, 3, 15))
    assert (latest.payment_count, latest.booking_count, latest.amount) == (1, 2, 25_50)
    assert first.runs[1].started_by == "Automatique"
    assert payment_admin.runs(admin.id, 9, page_size=2).page == 2  # past the end: the last


def test_a_run_at_work_shows_what_it_has_paid_so_far(admin):
    payment = make_payment(account_of("En cours"), 12_00, booking_count=3)
    with db.transaction() as session:
        run = session.get(PaymentRun, payment.run_id)
        run.status, run.finished_at, run.started_by_user_id = "running", None, admin.id

    [line] = payment_admin.runs(admin.id).runs

    assert (line.status_label, line.payment_count, line.booking_count, line.amount) == (
        "En cours",
        1,
        3,
        12_00,
    )
    assert payment_admin.run_of_cutoff(admin.id, CUTOFF) == line
    assert payment_admin.run_of_cutoff(admin.id, date(2026, 4, 1)) is None


# --- Launching -------------------------------------------------------------------------


def test_the_recent_cutoffs_with_the_one_due_by_default(admin):
    choices = payment_admin.launch_choices(admin.id, datetime(2026, 3, 20, 12, tzinfo=UTC))

    assert choices.cutoffs == [
        date(2026, 3, 16),
        date(2026, 3, 1),
        date(2026, 2, 16),
        date(2026, 2, 1),
        date(2026, 1, 16),
        date(2026, 1, 1),
    ]
    assert (choices.default, choices.unfinished) == (date(2026, 3, 16), None)


def test_an_unfinished_run_is_offered_first_to_be_resumed(admin):
    with db.transaction() as session:
        session.add(PaymentRun(cutoff=date(2025, 11, 16), period_start=date(2025, 11, 1)))

    choices = payment_admin.launch_choices(admin.id, datetime(2026, 3, 20, 12, tzinfo=UTC))

    assert choices.cutoffs[-1] == date(2025, 11, 16)
    assert (choices.default, choices.unfinished) == (date(2025, 11, 16), date(2025, 11, 16))


# --- A run's payments ------------------------------------------------------------------


@pytest.fixture
def run_with_payments(admin):
    payments = {
        name: make_payment(account_of(name, siren=siren, label=f"Compte {name}"), amount)
        for name, siren, amount in [
            ("Librairie Kléber", "111111118", 10_00),
            ("Cinéma Vox", "222222226", 20_00),
            ("Librairie des Halles", "333333334", 30_00),
        ]
    }
    return payments["Cinéma Vox"].run_id, payments


def test_a_runs_payments_by_structure_name(admin, run_with_payments):
    run_id, payments = run_with_payments

    shown = payment_admin.run_details(admin.id, run_id)

    assert shown.run.id == run_id
    assert [(p.offerer_name, p.siren, p.account_label, p.amount) for p in shown.payments] == [
        ("Cinéma Vox", "222222226", "Compte Cinéma Vox", 20_00),
        ("Librairie des Halles", "333333334", "Compte Librairie des Halles", 30_00),
        ("Librairie Kléber", "111111118", "Compte Librairie Kléber", 10_00),
    ]
    vox = shown.payments[0]
    assert (vox.id, vox.reference, vox.iban, vox.booking_count) == (
        payments["Cinéma Vox"].id,
        payments["Cinéma Vox"].reference,
        "FR76 •••• •••• … 0189",
        1,
    )


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("librairie", ["Librairie des Halles", "Librairie Kléber"]),
        ("LIBRAIRIE kléb", ["Librairie Kléber"]),
        ("333 333", ["Librairie des Halles"]),  # a SIREN's start, typed with a space
        ("%", []),  # LIKE's wildcard taken literally
    ],
)
def test_a_runs_payments_searched(admin, run_with_payments, typed, names):
    run_id, _ = run_with_payments
    shown = payment_admin.run_details(admin.id, run_id, typed)
    assert [p.offerer_name for p in shown.payments] == names
    assert shown.total == len(names)


def test_a_runs_payments_searched_by_reference_and_paginated(admin, run_with_payments):
    run_id, payments = run_with_payments
    reference = payments["Librairie Kléber"].reference

    found = payment_admin.run_details(admin.id, run_id, reference.lower())
    assert [p.reference for p in found.payments] == [reference]

    pages = [payment_admin.run_details(admin.id, run_id, page=n, page_size=2) for n in (1, 2)]
    assert [len(p.payments) for p in pages] == [2, 1]
    assert {p.pages for p in pages} == {2}
    assert pages[1].payments[0].offerer_name == "Librairie Kléber"


def test_an_unknown_run_is_not_found(admin):
    with pytest.raises(NotFound):
        payment_admin.run_details(admin.id, 404)


# --- Accepted bank accounts ------------------------------------------------------------


@pytest.fixture
def accounts(admin):
    made = {
        "vox": account_of("Cinéma Vox", siren="222222226", label="Billetterie"),
        "kleber": account_of(
            "Librairie Kléber", siren="111111118", iban="FR1420041010050500013M02606"
        ),
        "halles": account_of("Librairie des Halles", siren="333333334", label="Compte courant"),
        "pending": account_of("Théâtre en attente", status="pending"),
    }
    payment_holds.hold_payments(admin.id, made["halles"].id, "Contrôle du Kbis", now=NOW)
    return made


def test_accepted_accounts_held_first_then_by_name(admin, accounts):
    shown = payment_admin.accepted_accounts(admin.id)

    assert [a.offerer_name for a in shown.accounts] == [
        "Librairie des Halles",
        "Cinéma Vox",
        "Librairie Kléber",
    ]
    assert (shown.total, shown.held) == (3, 1)
    held = shown.accounts[0]
    assert (held.held_at, held.hold_reason, held.label) == (
        NOW,
        "Contrôle du Kbis",
        "Compte courant",
    )
    assert shown.accounts[1].hold_reason == "" and shown.accounts[1].held_at is None
    only_held = payment_admin.accepted_accounts(admin.id, held_only=True)
    assert [a.id for a in only_held.accounts] == [accounts["halles"].id]
    assert (only_held.total, only_held.held) == (1, 1)


@pytest.mark.parametrize(
    ("typed", "keys"),
    [
        ("librairie", ["halles", "kleber"]),
        ("billet", ["vox"]),  # the account's label
        ("2222", ["vox"]),  # a SIREN's start
        ("0189", ["halles", "vox"]),  # the IBAN's end
        ("m02606", ["kleber"]),  # an IBAN ending with letters and digits
        ("attente", []),  # not accepted: not listed
    ],
)
def test_accepted_accounts_searched(admin, accounts, typed, keys):
    shown = payment_admin.accepted_accounts(admin.id, typed)
    assert [a.id for a in shown.accounts] == [accounts[key].id for key in keys]


def test_accepted_accounts_paginated(admin, accounts):
    pages = [payment_admin.accepted_accounts(admin.id, page=n, page_size=2) for n in (1, 2)]
    assert [[a.offerer_name for a in p.accounts] for p in pages] == [
        ["Librairie des Halles", "Cinéma Vox"],
        ["Librairie Kléber"],
    ]
    assert [p.pages for p in pages] == [2, 2]


# --- Admins only -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "read",
    [
        lambda user: payment_admin.runs(user.id),
        lambda user: payment_admin.run_of_cutoff(user.id, CUTOFF),
        lambda user: payment_admin.launch_choices(user.id, NOW),
        lambda user: payment_admin.run_details(user.id, 1),
        lambda user: payment_admin.accepted_accounts(user.id),
    ],
    ids=["runs", "run_of_cutoff", "launch_choices", "run_details", "accepted_accounts"],
)
def test_pros_read_none_of_it(database, read):
    with pytest.raises(Forbidden):
        read(make_pro(make_offerer()))
