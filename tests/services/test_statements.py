"""Reimbursement statements (rules P4, P5, P6, O7): the PDF's tables, the CSV's lines and
the payment agree to the cent; a statement rebuilt later is the same document."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader

from pass_culture import db
from pass_culture.models import Payment, PaymentRun, Role
from services import finance, payouts, statement_csv, statement_pdf, statements
from services.errors import DomainError, NotFound
from services.formatting import euros
from tests.factories import (
    make_bank_account,
    make_offerer,
    make_payment,
    make_pricing,
    make_pro,
    make_user,
    make_venue,
)
from tests.payment_factories import USED_AT, run_payments, used

IBAN = "FR7630006000011234567890189"
MASKED = "FR76 •••• •••• … 0189"
LONG_NAME = "Librairie-café des Arts, des Lettres et de la Bande dessinée du Faubourg Saint-Antoine"
# pcapi-facts §3, in this order.
CSV_HEADER = [
    "Réservations concernées par le remboursement",
    "Date du justificatif",
    "N° du justificatif",
    "N° de virement",
    "Intitulé du compte bancaire",
    "IBAN",
    "SIRET de la structure",
    "Raison sociale de la structure",
    "Nom de l'offre",
    "Adresse de l'offre",
    "N° de réservation (offre collective)",
    "Nom (offre collective)",
    "Prénom (offre collective)",
    "Nom de l'établissement (offre collective)",
    "Date de l'évènement (offre collective)",
    "Contremarque",
    "Date de validation de la réservation",
    "Intitulé du tarif",
    "Montant de la réservation",
    "Barème",
    "Montant remboursé",
    "Type d'offre",
]


def _earlier_revenue(account, *revenues) -> None:
    """(venue, cents): revenue the establishments made in January, paid on 1 February (P2:
    the brackets)."""
    payment = make_payment(account, sum(cents for _, cents in revenues), cutoff=date(2026, 2, 1))
    for venue, cents in revenues:
        make_pricing(
            used(venue, 10_00, used_at=datetime(2026, 1, 10, 10, tzinfo=UTC)),
            booking_amount=cents,
            rule="bareme_2018:standard:1",
            status="paid",
            payment_id=payment.id,
        )


@pytest.fixture
def paid(database):
    """One structure paid on 16 March 2026 for 50 bookings over 44 venues: standard
    bookings at 100, 95 and 85 %, books at 100 and 95 %, an e-book at 0 %, a free
    booking (closed, not paid); another structure paid too."""
    offerer = make_offerer(name="Les Éditions de l'Œil")
    pro = make_pro(offerer)
    hall = make_venue(offerer, name="Grande salle")
    palace = make_venue(offerer, name="Palais des congrès")
    shop = make_venue(offerer, name=LONG_NAME)
    digital = make_venue(offerer, name="Lieu numérique", is_virtual=True, pricing_point_id=shop.id)
    smalls = [make_venue(offerer, name=f"Petit lieu {n:02d}") for n in range(1, 41)]
    account = make_bank_account(offerer, [hall, palace, shop, digital, *smalls])
    _earlier_revenue(account, (hall, 19_980_00), (palace, 39_990_00))
    bookings = {
        "hall 100 %": used(hall, 15_00),  # 19 995 € this year
        "hall 95 %": used(hall, 20_00),  # 20 015 €
        "hall 95 % again": used(hall, 12_34),
        "palace 85 %": used(palace, 25_00),  # 40 015 €
        "duo 85 %": used(
            palace, 30_00, subcategory="CONCERT", quantity=2, beginning_at=USED_AT - timedelta(1)
        ),
        "book 95 %": used(palace, 8_90, subcategory="LIVRE_PAPIER"),  # 40 000 € and more
        "hall book": used(hall, 5_00, subcategory="LIVRE_PAPIER"),  # 20 000 € and more
        "book": used(
            shop,
            12_34,
            subcategory="LIVRE_PAPIER",
            price_label="Tarif réduit",
            offer={"name": "Les Misérables"},
            used_at=datetime(2026, 3, 14, 22, 30, tzinfo=UTC),  # 23:30 in Paris
        ),
        "other book": used(shop, 7_50, subcategory="LIVRE_PAPIER"),
        "e-book": used(digital, 9_99, subcategory="LIVRE_NUMERIQUE"),
        "free": used(smalls[0], 0),
    }
    for venue in smalls:
        used(venue, 10_00)
    elsewhere = make_offerer(name="Ailleurs")
    used(venue_elsewhere := make_venue(elsewhere), 50_00)
    make_bank_account(elsewhere, [venue_elsewhere], label="Compte d'ailleurs")
    ours, theirs = [payment for payment in run_payments() if payment.cutoff == date(2026, 3, 16)]
    return ours, theirs, pro, bookings, {"hall": hall, "shop": shop, "digital": digital}


def _pdf_pages(content: bytes) -> list[str]:
    """Each page's text, its no-break spaces read as spaces."""
    reader = PdfReader(io.BytesIO(content))
    return [
        page.extract_text().replace("\u202f", " ").replace("\u00a0", " ") for page in reader.pages
    ]


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def _csv_rows(chunks) -> tuple[str, list[list[str]]]:
    text = "".join(chunks)
    return text, list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def _cents(text: str) -> int:
    euros_part, cents_part = text.split(",")
    return int(euros_part) * 100 + int(cents_part)


# --- The statement's content ----------------------------------------------------------


def test_a_table_per_rate_group_with_a_row_per_rate(paid):  # rules P2, P4
    ours, _theirs, pro, _bookings, _venues = paid

    statement = statements.statement_for(pro, ours.id)

    rows = {
        group.title: [(row.rate_bp, row.totals) for row in group.rows] for group in statement.groups
    }
    Totals = statements.Totals
    assert rows == {
        "Barème général": [
            (10_000, Totals(41, 415_00, 415_00)),  # 15 € + 40 × 10 €
            (9_500, Totals(2, 32_34, 30_72)),  # 19,00 + 11,72 (11,723 rounded)
            (8_500, Totals(2, 85_00, 72_25)),  # 21,25 + the duo's 51,00
        ],
        "Barème livres": [
            (10_000, Totals(2, 19_84, 19_84)),
            (9_500, Totals(2, 13_90, 13_21)),  # 8,455 rounded half up, + 4,75
        ],
        "Barème non remboursé": [(0, Totals(1, 9_99, 0))],  # rule F10
    }
    subtotals = [group.subtotal for group in statement.groups]
    assert subtotals == [
        Totals(45, 532_34, 517_97),
        Totals(4, 33_74, 33_05),
        Totals(1, 9_99, 0),
    ]
    assert subtotals[0].contribution == 14_37
    # The total is the payment: same cents, same bookings (P4).
    assert statement.total == Totals(ours.booking_count, 576_07, ours.amount)
    assert ours.amount == 551_02 and ours.booking_count == 50


def test_the_header_names_the_structure_the_account_and_the_fortnight(paid):  # rule P4
    ours, _theirs, pro, _bookings, _venues = paid
    with db.transaction(write=False) as session:
        run = session.get(PaymentRun, ours.run_id)

    statement = statements.statement_for(pro, ours.id)

    assert statement.reference == ours.reference and ours.reference.startswith("F26")
    assert statement.transfer_label == f"VIR{run.id}"
    assert statement.issued_on == date(2026, 3, 16)
    assert (statement.offerer_name, statement.account_label) == (
        "Les Éditions de l'Œil",
        "Compte principal",
    )
    assert statement.iban == MASKED
    assert statement.period_text == (
        "Remboursement des réservations validées entre le 01/03/2026 et le 15/03/2026, "
        "sauf cas exceptionnels"
    )
    assert [row.label for row in statement.groups[0].rows] == [
        "Chiffre d'affaires annuel du lieu jusqu'à 20\u202f000\u00a0€",
        "Chiffre d'affaires annuel du lieu de 20\u202f000\u00a0€ à 40\u202f000\u00a0€",
        "Chiffre d'affaires annuel du lieu de 40\u202f000\u00a0€ à 150\u202f000\u00a0€",
    ]
    assert statement.groups[1].rows[1].label == (
        "Chiffre d'affaires annuel du lieu de 20\u202f000\u00a0€ à 150\u202f000\u00a0€"
    )


def test_the_venue_table_splits_the_same_total(paid):  # rule P4
    ours, _theirs, pro, _bookings, venues = paid

    statement = statements.statement_for(pro, ours.id)

    by_name = {row.name: row for row in statement.venues}
    assert len(by_name) == 44
    assert by_name["Grande salle"].siret == venues["hall"].siret
    assert by_name["Grande salle"].totals == statements.Totals(4, 52_34, 50_47)
    assert by_name["Lieu numérique"].siret is None
    assert by_name["Petit lieu 01"].totals.booking_count == 1  # the free booking is not paid
    assert sum((row.totals for row in statement.venues), statements.NO_TOTALS) == statement.total


# --- PDF, CSV and payment agree -------------------------------------------------------


def test_the_pdf_the_csv_and_the_payment_agree_to_the_cent(paid):  # rules P4, P6
    ours, _theirs, pro, _bookings, _venues = paid
    statement = statements.statement_for(pro, ours.id)

    pages = _pdf_pages(statement_pdf.render(statement))
    _text, lines = _csv_rows(statement_csv.csv_of([ours.id]))

    text = "\n".join(pages)
    total = statement.total
    assert (
        f"TOTAL {euros(total.booking_amount)} {euros(total.contribution)} {euros(ours.amount)}"
        in _plain(text)
    )
    for group in statement.groups:
        subtotal = group.subtotal
        assert (
            _plain(
                f"{euros(subtotal.booking_amount)} {euros(subtotal.contribution)} "
                f"{euros(subtotal.amount)}"
            )
            in text
        ), group.title
    assert "100 % 415,00 € 0 % 0,00 € 415,00 €" in _plain(text)
    assert "95 % 32,34 € 5 % 1,62 € 30,72 €" in _plain(text)
    assert "0 % 9,99 € 100 % 9,99 € 0,00 €" in _plain(text)
    # The CSV: one line per booking paid, adding up to the payment.
    body = lines[1:]
    assert len(body) == ours.booking_count
    assert sum(_cents(line[20]) for line in body) == ours.amount
    assert sum(_cents(line[18]) for line in body) == total.booking_amount
    by_venue: dict[str, int] = {}
    for line in body:
        by_venue[line[7]] = by_venue.get(line[7], 0) + _cents(line[20])
    assert by_venue == {row.name: row.totals.amount for row in statement.venues}


def test_the_pdf_runs_over_pages_with_its_header_and_headings_on_each(paid):  # rule P6
    ours, _theirs, pro, _bookings, _venues = paid
    statement = statements.statement_for(pro, ours.id)

    content = statement_pdf.render(statement)

    assert content.startswith(b"%PDF")
    pages = _pdf_pages(content)
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert f"Relevé n°{ours.reference}" in page
        assert f"Page {number} / {len(pages)}" in page
    first, *others = pages
    assert "Justificatif de remboursement" in first
    assert f"SIREN {statement.siren[:3]} {statement.siren[3:6]} {statement.siren[6:]}" in first
    assert MASKED in first and IBAN not in "".join(pages)
    assert "article 267 du code général des impôts" in "".join(pages)
    venue_pages = [page for page in others if "Petit lieu" in page]
    assert venue_pages
    for page in venue_pages:  # the venue table's headings come back on every page
        assert "Lieu" in page and "remboursé (TTC)" in page
    assert "Faubourg Saint-Antoine" in "".join(pages)  # a long name wraps, whole


def test_a_statement_rebuilt_later_is_the_same_document(paid):  # rule P5
    ours, _theirs, pro, _bookings, venues = paid
    before = statement_pdf.render(statements.statement_for(pro, ours.id))
    _text, csv_before = _csv_rows(statement_csv.csv_of([ours.id]))

    # Another fortnight: more bookings of the same venues, paid on 1 April.
    used(venues["hall"], 40_00, used_at=datetime(2026, 3, 20, 10, tzinfo=UTC))
    finance.price_used_bookings(now=datetime(2026, 4, 1, 4, tzinfo=UTC))
    payouts.run_payments(date(2026, 4, 1), now=datetime(2026, 4, 1, 4, tzinfo=UTC))

    assert statement_pdf.render(statements.statement_for(pro, ours.id)) == before
    assert _csv_rows(statement_csv.csv_of([ours.id]))[1] == csv_before


# --- The CSV ------------------------------------------------------------------------


def test_the_csv_has_pcapi_columns_bom_and_decimal_commas(paid):  # rule P6
    ours, _theirs, _pro, bookings, venues = paid
    with db.transaction(write=False) as session:
        run = session.get(PaymentRun, ours.run_id)

    text, lines = _csv_rows(statement_csv.csv_of([ours.id]))

    assert text.startswith("\ufeff")
    assert lines[0] == CSV_HEADER
    by_code = {line[15]: line for line in lines[1:]}
    assert bookings["free"].code not in by_code  # free: closed, not paid (P1)
    assert by_code[bookings["book"].code] == [
        "Validées et remboursables sur mars : 1ère quinzaine",
        "16/03/2026",
        ours.reference,
        f"VIR{run.id}",
        "Compte principal",
        MASKED,
        venues["shop"].siret,
        LONG_NAME,
        "Les Misérables",
        "1 rue de la Paix, 67000 Strasbourg",
        "",
        "",
        "",
        "",
        "",
        bookings["book"].code,
        "14/03/2026 23:30",
        "Tarif réduit",
        "12,34",
        "100 %",
        "12,34",
        "offre grand public",
    ]
    duo = by_code[bookings["duo 85 %"].code]
    assert (duo[17], duo[18], duo[19], duo[20]) == ("", "60,00", "85 %", "51,00")
    assert by_code[bookings["book 95 %"].code][18:21] == ["8,90", "95 %", "8,46"]
    ebook = by_code[bookings["e-book"].code]
    assert (ebook[6], ebook[19], ebook[20]) == ("", "0 %", "0,00")  # no SIRET: digital


def test_one_csv_for_several_payments(paid):  # rule P6 (pcapi: several references)
    ours, theirs, _pro, _bookings, _venues = paid

    _text, lines = _csv_rows(statement_csv.csv_of([ours.id, theirs.id]))

    assert lines[0] == CSV_HEADER
    assert len(lines) == 1 + ours.booking_count + theirs.booking_count
    assert [line[2] for line in lines[1:]] == [ours.reference] * ours.booking_count + [
        theirs.reference
    ]
    assert lines[-1][4] == "Compte d'ailleurs"


@pytest.mark.parametrize(
    ("cutoff", "period"),
    [
        (date(2026, 3, 16), "Validées et remboursables sur mars : 1ère quinzaine"),
        (date(2026, 4, 1), "Validées et remboursables sur mars : 2nde quinzaine"),
        (date(2027, 1, 1), "Validées et remboursables sur décembre : 2nde quinzaine"),
    ],
)
def test_the_validation_period_names_the_fortnight(cutoff, period):  # rule P4
    assert statements.validation_period(cutoff) == period


# --- Who may read it (O7) and which ids --------------------------------------------------


def test_only_the_structure_and_the_admins_read_a_statement(paid):  # rule O7
    ours, theirs, pro, _bookings, _venues = paid
    admin = make_user(Role.ADMIN)
    stranger = make_pro(make_offerer())
    young = make_user()

    assert statements.check_payments(pro, [ours.id]) == [ours.reference]
    assert statements.check_payments(admin, [ours.id, theirs.id]) == [
        ours.reference,
        theirs.reference,
    ]
    for user, ids in (
        (stranger, [ours.id]),
        (young, [ours.id]),
        (None, [ours.id]),
        (pro, [ours.id, theirs.id]),  # one of another structure spoils the lot
        (pro, [ours.id, 999_999]),
        (admin, [2**40]),
    ):
        with pytest.raises(NotFound) as refused:
            statements.check_payments(user, ids)
        assert refused.value.message == statements.MISSING
    with pytest.raises(NotFound):
        statements.statement_for(stranger, ours.id)


def test_payment_ids_of_a_download():  # pcapi: 75 references at most
    assert statements.parse_payment_ids(["3, 1,3", "2"]) == [3, 1, 2]
    assert len(statements.parse_payment_ids([",".join(map(str, range(1, 76)))])) == 75
    for values, code in (
        ([",".join(map(str, range(1, 77)))], "too_many_payments"),
        ([], "payments_missing"),
        ([" , "], "payments_missing"),
        (["1,deux"], "payment_id_invalid"),
        (["-1"], "payment_id_invalid"),
        (["١"], "payment_id_invalid"),  # a digit, not an ASCII one
    ):
        with pytest.raises(DomainError) as refused:
            statements.parse_payment_ids(values)
        assert refused.value.code == code
    assert statements.parse_payment_id("12") == 12
    for text in ("abc", "", "12a", str(2**31), "٣"):
        with pytest.raises(NotFound):
            statements.parse_payment_id(text)


def test_a_statement_of_a_run_still_at_work_is_dated_by_its_payment():  # rule P4
    run = PaymentRun(id=7, cutoff=date(2026, 3, 16), period_start=date(2026, 3, 1))
    payment = Payment(created_at=datetime(2026, 3, 16, 23, 30, tzinfo=UTC))
    assert statements.issued_on(run, payment) == date(2026, 3, 17)  # Paris time
    run.finished_at = datetime(2026, 3, 18, 8, tzinfo=UTC)
    assert statements.issued_on(run, payment) == date(2026, 3, 18)


def test_an_unknown_rule_still_gets_a_row():  # rule P2: older or custom scales
    assert statements.typology("standard", ["test"]) == "Réservations de ce barème"
    assert statements.rule_kind("bareme_2018:livre:2") == statements.BOOKS
    assert statements.rule_kind("test") == statements.STANDARD
