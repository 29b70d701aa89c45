"""« Suivi des remboursements » (rules P2, P4, P6, O5, O7): a structure's statements with
their filters and pages, what waits per venue and why, and nothing of another structure."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import BankAccount, Payment, Role, Venue
from services import finance, payouts
from services import reimbursement_tracking as tracking
from services.errors import DomainError, NotFound
from services.formatting import date_range
from services.reimbursement_tracking import Waiting
from tests.factories import (
    make_bank_account,
    make_offerer,
    make_payment,
    make_pro,
    make_user,
    make_venue,
)
from tests.services.test_payouts import CD, CONCERT, EBOOK, structure, used

CUTOFF, NEXT = date(2026, 3, 16), date(2026, 4, 1)
RUN_AT = datetime(2026, 3, 16, 4, tzinfo=UTC)  # 05:00 in Paris, the job's hour
NEXT_RUN_AT = datetime(2026, 4, 1, 3, tzinfo=UTC)
USED_AT = datetime(2026, 3, 5, 10, tzinfo=UTC)
# Friday 20 March 2026: the next payment is on Wednesday 1 April (00:00 Paris = 22:00 UTC).
NOW = datetime(2026, 3, 20, 9, tzinfo=UTC)
NEXT_AT = datetime(2026, 3, 31, 22, tzinfo=UTC)
NEXT_PAYMENT = "Sera versé lors du prochain paiement, le mercredi 1er avril 2026"
OTHER_IBAN = "FR7610107001011234567890129"


def waiting(pro, offerer, now=NOW):
    return [
        (item.venue_id, item.waiting, item.booking_count, item.booking_amount, item.amount)
        for item in tracking.upcoming(pro.id, offerer.id, now=now)
    ]


# --- Statements ----------------------------------------------------------------------------


def test_statements_newest_first_with_period_account_and_download_ids(database):  # rule P6
    offerer, pro, (venue,), account = structure()
    used(venue, price=12_50), used(venue, price=7_50)
    finance.price_used_bookings(now=RUN_AT)
    payouts.run_payments(CUTOFF, now=RUN_AT)
    used(venue, price=20_00, used_at=datetime(2026, 3, 20, 10, tzinfo=UTC))
    finance.price_used_bookings(now=NEXT_RUN_AT)
    payouts.run_payments(NEXT, now=NEXT_RUN_AT)

    page = tracking.statements(pro.id, offerer.id)

    with db.transaction(write=False) as session:
        payments = list(session.exec(select(Payment).order_by(Payment.cutoff.desc())))
    assert [row.payment_id for row in page.rows] == [p.id for p in payments]
    april, march = page.rows
    assert (march.reference, march.period, march.paid_on) == (
        payments[1].reference,
        "du 1er au 15 mars 2026",
        date(2026, 3, 16),
    )
    assert (march.amount, march.booking_count) == (20_00, 2)
    assert (april.period, april.paid_on, april.amount) == (
        "du 16 au 31 mars 2026",
        date(2026, 4, 1),
        20_00,
    )
    assert (april.bank_account_label, april.masked_iban) == (
        account.label,
        "FR76 •••• •••• … 0189",
    )
    assert (page.total, page.page, page.page_count) == (2, 1, 1)


@pytest.mark.parametrize(
    ("period_from", "period_to", "expected"),
    [
        (date(2026, 3, 15), None, ["mar-16", "apr-1"]),  # the 15th is in the first fortnight
        (date(2026, 3, 16), None, ["apr-1"]),
        (None, date(2026, 3, 15), ["mar-16"]),
        (None, date(2026, 3, 16), ["mar-16", "apr-1"]),
        (date(2026, 3, 10), date(2026, 3, 10), ["mar-16"]),
        (date(2026, 4, 1), date(2026, 4, 30), []),
    ],
)
def test_the_period_filter_keeps_the_fortnights_it_meets(
    database, period_from, period_to, expected
):  # rule P6
    offerer, pro, _, account = structure()
    names = {
        make_payment(account, 10_00, cutoff=CUTOFF).id: "mar-16",
        make_payment(account, 20_00, cutoff=NEXT).id: "apr-1",
    }

    page = tracking.statements(pro.id, offerer.id, period_from=period_from, period_to=period_to)

    assert sorted(names[row.payment_id] for row in page.rows) == sorted(expected)
    assert page.total == len(expected)


def test_the_bank_account_filter_keeps_that_account(database):  # rule P6
    offerer, pro, _, first = structure()
    second = make_bank_account(offerer, label="Compte billetterie", iban=OTHER_IBAN)
    make_payment(first, 10_00, cutoff=CUTOFF)
    kept = make_payment(second, 30_00, cutoff=CUTOFF)

    page = tracking.statements(pro.id, offerer.id, bank_account_id=second.id)

    assert [(r.payment_id, r.bank_account_label) for r in page.rows] == [
        (kept.id, "Compte billetterie")
    ]
    assert tracking.bank_account_choices(pro.id, offerer.id) == [
        (second.id, "Compte billetterie — FR76 •••• •••• … 0129"),
        (first.id, "Compte principal — FR76 •••• •••• … 0189"),
    ]


def test_accounts_never_paid_are_no_filter_choice(database):  # rule P6
    offerer, pro, _, account = structure()
    make_bank_account(offerer, label="Nouveau compte", status="pending")
    make_payment(account, 10_00, cutoff=CUTOFF)

    assert [i for i, _ in tracking.bank_account_choices(pro.id, offerer.id)] == [account.id]


def test_statements_come_a_page_at_a_time(database):  # rule P6
    offerer, pro, _, account = structure()
    cutoffs = [date(2026, 1, 1), date(2026, 1, 16), date(2026, 2, 1), date(2026, 2, 16), CUTOFF]
    ids = [make_payment(account, 10_00, cutoff=day).id for day in cutoffs]

    pages = [tracking.statements(pro.id, offerer.id, page=n, page_size=2) for n in (1, 2, 3, 4)]

    assert [[r.payment_id for r in p.rows] for p in pages] == [
        ids[:2:-1],
        ids[2:0:-1],
        ids[:1],
        [],
    ]
    assert {(p.total, p.page_count) for p in pages} == {(5, 3)}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"period_from": "2026-03-20", "period_to": "2026-03-01"}, "commencer avant de finir"),
        ({"period_from": "20/03/2026"}, "Indiquez le début de la période"),
        ({"period_to": "2026-02-30"}, "Indiquez la fin de la période"),
    ],
)
def test_bad_filters_are_refused_in_french(params, message):  # rule P6
    with pytest.raises(DomainError) as refused:
        tracking.parse_filters(params)
    assert message in refused.value.message


def test_an_inverted_period_is_refused_by_the_listing_too(database):
    offerer, pro, _, _ = structure()
    with pytest.raises(DomainError) as refused:
        tracking.statements(
            pro.id, offerer.id, period_from=date(2026, 3, 2), period_to=date(2026, 3, 1)
        )
    assert refused.value.code == "invalid_period"


def test_filters_from_the_form_are_parsed():
    assert tracking.parse_filters(
        {"period_from": " 2026-03-01 ", "period_to": "", "bank_account": "12"}
    ) == tracking.StatementFilters(date(2026, 3, 1), None, 12)
    with pytest.raises(NotFound):
        tracking.parse_filters({"bank_account": "douze"})


# --- Another structure (O7) ----------------------------------------------------------------


def test_another_structure_reads_as_missing_and_leaks_nothing(database):  # rule O7
    offerer_a, pro_a, _, account_a = structure()
    offerer_b, pro_b, (venue_b,), account_b = structure()
    make_payment(account_a, 10_00, cutoff=CUTOFF)
    make_payment(account_b, 99_00, cutoff=CUTOFF)
    used(venue_b)
    finance.price_used_bookings(now=NOW)
    joining = make_user(Role.PRO)  # asked to join B, not accepted (O4)
    with db.transaction() as session:
        from pass_culture.models import UserOfferer

        session.add(UserOfferer(user_id=joining.id, offerer_id=offerer_b.id))

    for user in (pro_a, joining):
        for call in (
            lambda u: tracking.statements(u.id, offerer_b.id),
            lambda u: tracking.upcoming(u.id, offerer_b.id, now=NOW),
            lambda u: tracking.upcoming_page(u.id, offerer_b.id, now=NOW),
            lambda u: tracking.bank_account_choices(u.id, offerer_b.id),
        ):
            with pytest.raises(NotFound) as refused:
                call(user)
            assert refused.value.message == "Cette structure n'existe pas."
    # B's account in A's own listing: missing, as an id that does not exist.
    for account_id in (account_b.id, 10**6):
        with pytest.raises(NotFound) as refused:
            tracking.statements(pro_a.id, offerer_a.id, bank_account_id=account_id)
        assert refused.value.message == "Ces coordonnées bancaires n’existent pas."
    # A's pages hold nothing of B; B's own pro sees B's (the calls can succeed).
    assert [r.amount for r in tracking.statements(pro_a.id, offerer_a.id).rows] == [10_00]
    assert tracking.upcoming(pro_a.id, offerer_a.id, now=NOW) == []
    assert [r.amount for r in tracking.statements(pro_b.id, offerer_b.id).rows] == [99_00]
    assert waiting(pro_b, offerer_b) == [(venue_b.id, Waiting.NEXT_PAYMENT, 1, 10_00, 10_00)]


# --- What is coming, and why it waits -------------------------------------------------------


def test_payable_bookings_are_announced_for_the_next_payment(database):  # rules P4, P6
    offerer, pro, (first, second), _ = structure(venues=2)
    used(first, price=12_00), used(first, price=8_00), used(second, price=5_00)
    finance.price_used_bookings(now=NOW)

    items = tracking.upcoming(pro.id, offerer.id, now=NOW)

    assert sorted(waiting(pro, offerer)) == sorted(
        [
            (first.id, Waiting.NEXT_PAYMENT, 2, 20_00, 20_00),
            (second.id, Waiting.NEXT_PAYMENT, 1, 5_00, 5_00),
        ]
    )
    assert {item.reason for item in items} == {NEXT_PAYMENT}
    assert [item.venue_name for item in items] == sorted(item.venue_name for item in items)
    assert {item.link for item in items} == {None}


def test_what_is_coming_comes_a_page_at_a_time(database):  # rule P6
    offerer, pro, venues, _ = structure(venues=5)
    for venue in venues:
        used(venue)
    finance.price_used_bookings(now=NOW)
    every = [item.venue_id for item in tracking.upcoming(pro.id, offerer.id, now=NOW)]

    pages = [
        tracking.upcoming_page(pro.id, offerer.id, page=n, page_size=2, now=NOW) for n in (1, 2, 3)
    ]

    assert [[item.venue_id for item in page.rows] for page in pages] == [
        every[:2],
        every[2:4],
        every[4:],
    ]
    assert {(page.total, page.page_count) for page in pages} == {(5, 3)}
    # Past the end: the last page; before the start: the first.
    assert tracking.upcoming_page(pro.id, offerer.id, page=9, page_size=2, now=NOW) == pages[2]
    assert tracking.upcoming_page(pro.id, offerer.id, page=0, page_size=2, now=NOW) == pages[0]


def test_the_reimbursed_amount_is_the_priced_one(database):  # rules P2, P6
    offerer, pro, (venue,), _ = structure()
    used(venue, price=100_00)
    finance.price_used_bookings(now=NOW)
    with db.transaction() as session:  # a high revenue's rate
        from pass_culture.models import Pricing

        pricing = session.exec(select(Pricing)).one()
        pricing.amount, pricing.rate_bp = 85_00, 8500

    assert waiting(pro, offerer) == [(venue.id, Waiting.NEXT_PAYMENT, 1, 100_00, 85_00)]


def test_an_event_starting_at_the_next_cutoff_waits_for_its_date(database):  # rule P4 edge
    offerer, pro, (venue,), _ = structure()
    used(venue, subcategory=CONCERT, price=30_00, beginning_at=NEXT_AT - timedelta(seconds=1))
    used(venue, subcategory=CONCERT, price=25_00, beginning_at=NEXT_AT)
    used(venue, subcategory=CONCERT, price=20_00, beginning_at=NEXT_AT + timedelta(days=9))
    used(venue, subcategory=CD, price=4_00)
    finance.price_used_bookings(now=NOW)

    items = tracking.upcoming(pro.id, offerer.id, now=NOW)

    # One venue, split: the part the next run pays, then the events after its cut-off.
    assert [(i.waiting, i.booking_count, i.amount, i.reason) for i in items] == [
        (Waiting.NEXT_PAYMENT, 2, 34_00, NEXT_PAYMENT),
        (Waiting.EVENT_AHEAD, 2, 45_00, "Évènement à venir : remboursé après sa date"),
    ]


@pytest.mark.parametrize(
    "account_fields",
    [{"status": "pending"}, {"status": "draft"}, {"status": "rejected", "rejection_message": "x"}],
    ids=["pending", "draft", "rejected"],
)
def test_a_venue_without_an_accepted_account_is_told_so(database, account_fields):  # rule O5
    offerer, pro, (venue,), _ = structure(**account_fields)
    used(venue, subcategory=CONCERT, beginning_at=NEXT_AT + timedelta(days=3))
    finance.price_used_bookings(now=NOW)

    [item] = tracking.upcoming(pro.id, offerer.id, now=NOW)

    # The missing account comes first: it is what the pro can act on, event or not.
    assert (item.waiting, item.reason, item.link) == (
        Waiting.NO_ACCOUNT,
        "Aucun compte bancaire validé pour ce lieu",
        "/pro/coordonnees-bancaires",
    )


def test_a_venue_linked_to_no_account_is_told_so(database):  # rule O5
    offerer, pro, (paid,), _ = structure()
    alone = make_venue(offerer)
    used(paid), used(alone, price=6_00)
    finance.price_used_bookings(now=NOW)

    assert sorted(waiting(pro, offerer)) == sorted(
        [
            (paid.id, Waiting.NEXT_PAYMENT, 1, 10_00, 10_00),
            (alone.id, Waiting.NO_ACCOUNT, 1, 6_00, 6_00),
        ]
    )


def test_an_accepted_account_held_by_pass_culture_is_told_so(database):  # rules P4, O5
    offerer, pro, (venue,), _ = structure(payments_held_at=USED_AT, payments_hold_reason="Contrôle")
    used(venue)
    finance.price_used_bookings(now=NOW)

    [item] = tracking.upcoming(pro.id, offerer.id, now=NOW)

    assert (item.waiting, item.reason, item.link) == (
        Waiting.HELD,
        "Paiements suspendus par pass Culture",
        None,
    )
    with db.transaction() as session:  # released: paid with the next run again
        account = session.exec(select(BankAccount)).one()
        account.payments_held_at = account.payments_hold_reason = None
    assert waiting(pro, offerer)[0][1] == Waiting.NEXT_PAYMENT


def test_a_siret_less_venue_not_attached_waits_unpriced(database):  # rule P2
    offerer, pro, (siret_venue,), _ = structure()
    online = make_venue(offerer, is_virtual=True, name="Billetterie en ligne")
    used(online, price=15_00, subcategory=CONCERT, beginning_at=USED_AT)
    used(online, price=5_00), used(online, price=0)  # free: nothing to come
    used(online, subcategory=EBOOK)  # digital: never reimbursed (F10)
    finance.price_used_bookings(now=NOW)

    [item] = tracking.upcoming(pro.id, offerer.id, now=NOW)

    assert (item.venue_id, item.waiting, item.booking_count, item.booking_amount) == (
        online.id,
        Waiting.NO_PRICING_POINT,
        2,
        20_00,
    )
    assert (item.amount, item.reason) == (
        None,
        "Lieu sans SIRET à rattacher à un lieu avec SIRET",
    )
    with db.transaction() as session:  # attached, then priced: no longer unpriced
        session.get(Venue, online.id).pricing_point_id = siret_venue.id
    finance.price_used_bookings(now=NOW)
    assert waiting(pro, offerer) == [(online.id, Waiting.NO_ACCOUNT, 2, 20_00, 20_00)]


def test_nothing_paid_free_or_digital_is_coming(database):  # rules P1, P5, F10
    offerer, pro, (venue,), _ = structure()
    used(venue, price=0), used(venue, subcategory=EBOOK), used(venue)
    finance.price_used_bookings(now=RUN_AT)
    payouts.run_payments(CUTOFF, now=RUN_AT)

    assert tracking.upcoming(pro.id, offerer.id, now=NOW) == []


def test_on_a_cutoff_day_before_its_run_what_it_pays_is_announced_for_today(database):
    # rule P4: the run of the 16th at 05:00 pays what was payable at midnight
    offerer, pro, (venue,), _ = structure()
    before_dawn = datetime(2026, 3, 16, 1, tzinfo=UTC)  # 02:00 in Paris
    used(venue, price=10_00)
    used(venue, price=3_00, used_at=datetime(2026, 3, 16, 0, 30, tzinfo=UTC))  # after 00:00
    finance.price_used_bookings(now=before_dawn)

    items = tracking.upcoming(pro.id, offerer.id, now=before_dawn)

    assert [(i.waiting, i.amount, i.reason) for i in items] == [
        (
            Waiting.PAID_TODAY,
            10_00,
            "Sera versé lors du paiement d'aujourd'hui, le lundi 16 mars 2026",
        ),
        (
            Waiting.NEXT_PAYMENT,
            3_00,
            "Sera versé lors du prochain paiement, le mercredi 1er avril 2026",
        ),
    ]
    payouts.run_payments(CUTOFF, now=RUN_AT)
    assert waiting(pro, offerer, now=RUN_AT) == [(venue.id, Waiting.NEXT_PAYMENT, 1, 3_00, 3_00)]


# --- The explanations -----------------------------------------------------------------------


def test_the_rate_scale_in_one_sentence_follows_the_policy():  # rule P2
    assert tracking.rate_scale_sentence(NOW).replace("\u00a0", " ").replace("\u202f", " ") == (
        "100 % jusqu'à 20 000 € de chiffre d'affaires annuel par établissement, puis 95 %, "
        "85 % et 70 % au-delà de 20 000 €, 40 000 € et 150 000 € ; les livres restent "
        "remboursés à 95 % au-delà de 20 000 €"
    )
    assert "les 1er et 16 du mois" in tracking.cadence_sentence()


@pytest.mark.parametrize(
    ("first", "last", "label"),
    [
        (date(2026, 12, 1), date(2026, 12, 15), "du 1er au 15 décembre 2026"),
        (date(2026, 12, 16), date(2026, 12, 31), "du 16 au 31 décembre 2026"),
        (date(2026, 11, 16), date(2026, 12, 1), "du 16 novembre au 1er décembre 2026"),
        (date(2026, 12, 16), date(2027, 1, 15), "du 16 décembre 2026 au 15 janvier 2027"),
    ],
)
def test_periods_read_as_french_dates(first, last, label):
    assert date_range(first, last) == label


def test_a_structure_with_nothing_yet_has_empty_lists(database):  # rule P6
    offerer = make_offerer()
    pro = make_pro(offerer)
    assert tracking.statements(pro.id, offerer.id).rows == []
    assert tracking.upcoming(pro.id, offerer.id, now=NOW) == []
    assert tracking.bank_account_choices(pro.id, offerer.id) == []
