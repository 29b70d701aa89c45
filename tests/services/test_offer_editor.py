"""The pro's offer form (services/offer_editor.py): fields depending on the subcategory
(F1, F3, F4), EAN/ISBN check digits, a timetable's dates added all or none (F2, F7, F8),
the draft read back with its frozen subcategory (F1), and the preview (E4)."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from pass_culture import db
from pass_culture.models import Offer, OfferStatus, Stock
from services import offer_editor, offers
from services.errors import DomainError, NotFound
from services.offer_editor import OfferForm, TimetableForm
from tests.factories import make_offer, make_offerer, make_pro, make_stock, make_venue

BOOK = OfferForm(subcategory_id="LIVRE_PAPIER", name="Le Petit Prince", ean="978-2-07-061275-8")
FILM = OfferForm(
    subcategory_id="SEANCE_CINE", name="Dune", film="Dune", duration="155", language="VO"
)
# Fridays of March 2027, well ahead of any test clock.
MARCH = TimetableForm(
    first_day="2027-03-01",
    last_day="2027-03-31",
    times="20:30",
    price="12,50",
    quantity="80",
    weekdays=(4,),
    limit_hours="2",
)


@pytest.fixture
def pro_venue(database):
    offerer = make_offerer()
    return make_pro(offerer), make_venue(offerer, public_name="Le Cinéma Vox")


def _refused(code: str, call, *args, **kwargs) -> str:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value
    return caught.value.message


def _stocks(offer_id: int) -> list[Stock]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(Stock).where(Stock.offer_id == offer_id)))


# --- Fields by subcategory ------------------------------------------------------------


def test_an_isbn_is_checked_and_stored_as_its_ean_13():
    assert offer_editor.offer_input(BOOK).ean == "9782070612758"
    assert offer_editor.offer_input(replace(BOOK, ean="2070612759")).ean == "9782070612758"
    message = _refused("invalid_ean", offer_editor.offer_input, replace(BOOK, ean="9782070612750"))
    assert message == (
        "L'ISBN (ou EAN) « 9782070612750 » n'est pas valide : "
        "la clé de contrôle (dernier chiffre) ne correspond pas."
    )
    message = _refused("invalid_ean", offer_editor.offer_input, replace(BOOK, ean="97820706"))
    assert message.endswith("il faut 10 ou 13 chiffres.")
    _refused("ean_required", offer_editor.offer_input, replace(BOOK, ean=" "))


def test_a_cd_takes_an_ean_13_and_its_check_digit_counts():
    cd = OfferForm(subcategory_id="SUPPORT_PHYSIQUE_MUSIQUE_CD", name="Random Access Memories")
    assert offer_editor.offer_input(replace(cd, ean="0888837168625")).ean == "0888837168625"
    _refused("invalid_ean", offer_editor.offer_input, replace(cd, ean="0888837168621"))
    _refused("invalid_ean", offer_editor.offer_input, replace(cd, ean="08888371686"))
    assert offer_editor.offer_input(cd).ean is None  # optional outside paper books


def test_only_the_subcategorys_own_fields_are_kept():  # rule F1
    data = offer_editor.offer_input(
        replace(FILM, author="Frank Herbert", clil="3435", withdrawal_details=" Au guichet ")
    )
    assert data.extra_data == {
        "film": "Dune",
        "duration_minutes": 155,
        "language": "VO",
        "withdrawal_details": "Au guichet",
    }
    concert = OfferForm(subcategory_id="CONCERT", name="Tournée", performer="Angèle", film="x")
    assert offer_editor.offer_input(concert).extra_data == {"performer": "Angèle"}


def test_typed_details_are_refused_with_their_message():
    _refused("invalid_duration", offer_editor.offer_input, replace(FILM, duration="2h"))
    _refused("invalid_duration", offer_editor.offer_input, replace(FILM, duration="1440"))
    _refused("invalid_language", offer_editor.offer_input, replace(FILM, language="EN"))
    _refused("invalid_format", offer_editor.offer_input, replace(FILM, screening_format="8K"))
    _refused("invalid_clil", offer_editor.offer_input, replace(BOOK, clil="30"))
    _refused("text_too_long", offer_editor.offer_input, replace(BOOK, author="A" * 141))
    _refused("unknown_subcategory", offer_editor.offer_input, replace(BOOK, subcategory_id="X"))


def test_a_school_book_is_refused_and_nothing_is_saved(pro_venue):  # rule F3
    pro, venue = pro_venue
    for clil in ("3000", "3013"):
        message = _refused(
            "school_book",
            offer_editor.save_draft,
            pro.id,
            replace(BOOK, clil=clil),
            venue_id=venue.id,
        )
        assert message.startswith("Les livres scolaires et parascolaires")
    offer = offer_editor.save_draft(pro.id, replace(BOOK, clil="3001"), venue_id=venue.id)
    assert offer.extra_data["clil"] == "3001"
    with db.transaction(write=False) as session:
        assert len(session.exec(select(Offer)).all()) == 1


@pytest.mark.parametrize("fmt", ["3D", "IMAX", "Dolby", "4DX", "ScreenX"])
def test_a_special_screening_is_refused(pro_venue, fmt):  # rule F4
    pro, venue = pro_venue
    message = _refused(
        "special_screening",
        offer_editor.save_draft,
        pro.id,
        replace(FILM, screening_format=fmt),
        venue_id=venue.id,
    )
    assert message.startswith("Les séances spéciales")
    offer = offer_editor.save_draft(pro.id, FILM, venue_id=venue.id)
    assert "screening_formats" not in offer.extra_data


# --- Drafts ------------------------------------------------------------------------------


def test_the_draft_reads_back_as_typed_and_its_subcategory_freezes_once_validated(pro_venue):
    pro, venue = pro_venue
    offer = offer_editor.save_draft(pro.id, replace(FILM, is_duo=True), venue_id=venue.id)
    draft = offer_editor.load_draft(pro.id, str(offer.id))
    assert draft.form == replace(FILM, is_duo=True)
    assert draft.venue_name == "Le Cinéma Vox"
    assert not draft.subcategory_frozen and not draft.is_published

    offer_editor.save_draft(
        pro.id, replace(FILM, subcategory_id="CINE_PLEIN_AIR"), offer_id=offer.id
    )
    make_stock(offer, beginning_at=datetime(2027, 3, 5, 19, tzinfo=UTC))
    offers.publish_offer(pro.id, offer.id)
    draft = offer_editor.load_draft(pro.id, offer.id)
    assert draft.subcategory_frozen and draft.is_published  # rule F1
    _refused("subcategory_frozen", offer_editor.save_draft, pro.id, FILM, offer_id=offer.id)


def test_another_structures_offer_reads_as_missing(pro_venue):  # rule O7
    pro, venue = pro_venue
    offer = make_offer(venue)
    stranger = make_pro(make_offerer())
    for call in (
        lambda: offer_editor.load_draft(stranger.id, offer.id),
        lambda: offer_editor.add_timetable(stranger.id, offer.id, MARCH),
        lambda: offer_editor.preview(stranger.id, offer.id),
        lambda: offer_editor.save_draft(stranger.id, BOOK, offer_id=offer.id),
    ):
        with pytest.raises(NotFound):
            call()
    with pytest.raises(NotFound) as elsewhere:
        offer_editor.load_draft(stranger.id, offer.id)
    assert elsewhere.value.message == "Cette offre n'existe pas."
    with pytest.raises(NotFound) as missing:
        offer_editor.load_draft(pro.id, "abc")
    assert missing.value.message == "Cette offre n'existe pas."
    with pytest.raises(NotFound):
        offer_editor.save_draft(stranger.id, BOOK, venue_id=venue.id)
    assert [v.id for v in offer_editor.venues_of(pro.id)] == [venue.id]
    assert offer_editor.venues_of(stranger.id) == []


# --- Stocks ------------------------------------------------------------------------------


def test_a_timetable_adds_every_friday_with_its_price_places_and_booking_limit(pro_venue):
    pro, venue = pro_venue
    offer = offer_editor.save_draft(pro.id, FILM, venue_id=venue.id)
    added = offer_editor.add_timetable(pro.id, offer.id, MARCH)
    starts = [s.beginning_at for s in added]
    assert [s.day for s in starts] == [5, 12, 19, 26]
    assert all(s.price == 12_50 and s.quantity == 80 for s in added)
    assert all(s.beginning_at - s.booking_limit_at == timedelta(hours=2) for s in added)
    lines = offer_editor.load_draft(pro.id, offer.id).stocks
    assert [line.when for line in lines][0] == "vendredi 5 mars 2027 à 20h30"
    assert lines[0].price == "12,50 €" and lines[0].quantity == "80"


def test_a_timetable_is_added_all_or_nothing(pro_venue):  # rules F7, F8
    pro, venue = pro_venue
    offer = offer_editor.save_draft(pro.id, FILM, venue_id=venue.id)
    _refused(
        "invalid_price",
        offer_editor.add_timetable,
        pro.id,
        offer.id,
        replace(MARCH, price="300,01"),
    )
    _refused(
        "invalid_price", offer_editor.add_timetable, pro.id, offer.id, replace(MARCH, price="douze")
    )
    _refused(
        "invalid_quantity",
        offer_editor.add_timetable,
        pro.id,
        offer.id,
        replace(MARCH, quantity="1000001"),
    )
    _refused(
        "invalid_quantity",
        offer_editor.add_timetable,
        pro.id,
        offer.id,
        replace(MARCH, quantity="-3"),
    )
    _refused(
        "invalid_limit",
        offer_editor.add_timetable,
        pro.id,
        offer.id,
        replace(MARCH, limit_hours="x"),
    )
    assert _stocks(offer.id) == []


def test_one_past_date_among_many_adds_none_and_names_it(pro_venue):
    pro, venue = pro_venue
    offer = offer_editor.save_draft(pro.id, FILM, venue_id=venue.id)
    now = datetime(2027, 3, 10, 12, tzinfo=UTC)
    inputs = offer_editor.timetable_inputs(
        MARCH, venue_zone := offer_editor.department_timezone("67")
    )
    assert venue_zone.key == "Europe/Paris"
    message = _refused("date_in_past", offers.add_stocks, pro.id, offer.id, inputs, now=now)
    assert message == "Séance du vendredi 5 mars 2027 à 20h30 : Cette date est déjà passée."
    assert _stocks(offer.id) == []
    _refused("no_dates", offers.add_stocks, pro.id, offer.id, [])
    _refused("too_many_stocks", offers.add_stocks, pro.id, offer.id, inputs * 51)
    assert _stocks(offer.id) == []
    assert len(offers.add_stocks(pro.id, offer.id, inputs[1:], now=now)) == 3


def test_a_thing_has_a_price_and_a_quantity_unlimited_when_empty(pro_venue):  # rule F8
    pro, venue = pro_venue
    offer = offer_editor.save_draft(pro.id, BOOK, venue_id=venue.id)
    stock = offer_editor.add_thing_stock(pro.id, offer.id, "8,5", "")
    assert (stock.price, stock.quantity, stock.beginning_at) == (8_50, None, None)
    assert offer_editor.add_thing_stock(pro.id, offer.id, "0", "3").price == 0
    _refused("date_not_allowed", offer_editor.add_timetable, pro.id, offer.id, MARCH)
    assert offer_editor.parse_price("12.50 €") == 12_50
    assert offer_editor.parse_price("300") == 300_00


def test_the_preview_shows_the_draft_as_young_users_will(pro_venue):  # rule E4
    pro, venue = pro_venue
    offer = offer_editor.save_draft(
        pro.id, replace(FILM, withdrawal_details="Billet au guichet"), venue_id=venue.id
    )
    offer_editor.add_timetable(pro.id, offer.id, MARCH)
    shown = offer_editor.preview(pro.id, offer.id, now=datetime(2027, 3, 6, tzinfo=UTC))
    assert shown.first_start == datetime(2027, 3, 12, 19, 30, tzinfo=UTC)  # 5 March is past
    details = offer_editor.preview(pro.id, offer.id, now=datetime(2027, 3, 1, tzinfo=UTC)).details
    assert details.name == "Dune" and details.venue_name == "Le Cinéma Vox"
    assert details.withdrawal_details == "Billet au guichet"
    assert [s.when for s in details.stocks][:1] == ["vendredi 5 mars 2027 à 20h30"]
    assert details.stocks[0].price_label == "12,50 €"
    with db.transaction(write=False) as session:
        assert session.get(Offer, offer.id).validation_status == OfferStatus.DRAFT
