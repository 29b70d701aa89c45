"""The pro's offer form in the browser: an event created step by step with a timetable
and an image, previewed (E4) and published; a book with a wrong ISBN; image refusals;
the subcategory frozen once validated (F1); another structure's offer unknown (O7)."""

import io
from datetime import date, timedelta

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from sqlmodel import select

from pass_culture import db
from pass_culture.models import Offer, OfferStatus, Stock
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1366, "height": 900}
TABLET = {"width": 1024, "height": 768}


@pytest.fixture
def desktop(browser, app_url) -> Page:
    context = browser.new_context(base_url=app_url, locale="fr-FR", viewport=DESKTOP)
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def _jpeg() -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (900, 1200), (50, 0, 150))
    for x in range(0, 900, 60):  # stripes, so the picture is visibly ours
        image.paste((250, 200, 40), (x, 0, x + 30, 1200))
    image.save(out, "JPEG")
    return out.getvalue()


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (400, 400)).save(out, "GIF")
    return out.getvalue()


def _pro(**venue_fields):
    offerer = factories.make_offerer()
    pro = factories.make_pro(offerer)
    venue = factories.make_venue(offerer, public_name="Salle Molière", **venue_fields)
    return pro, venue


def _open_form(page: Page, pro, path: str = "/pro/offres/nouvelle") -> None:
    sign_in(page, "/pro/connexion", pro.email)
    expect_path(page, "/pro")
    page.goto(path)


def _offers_of(venue) -> list[Offer]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(Offer).where(Offer.venue_id == venue.id)))


def _next_friday() -> date:
    today = date.today() + timedelta(days=7)
    return today + timedelta(days=(4 - today.weekday()) % 7)


def _drop(page: Page, name: str, mime: str, content: bytes) -> None:
    page.locator("#offer-image input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": content}]
    )


UPLOAD_HANDLER = (
    "reflex___state____state.state___auth____pro_session"
    ".state___pro___offer_form____offer_form_state.upload_image"
)


def _post_upload(page: Page, size: int) -> str:
    """What the upload endpoint answers to a file of `size` bytes posted by hand."""
    return page.evaluate(
        """async ([handler, size]) => {
            const form = new FormData();
            form.append("files", new Blob([new Uint8Array(size)], {type: "image/jpeg"}), "x.jpg");
            const response = await fetch("/_upload", {method: "POST", body: form, headers: {
                "Reflex-Client-Token": window.sessionStorage.getItem("token"),
                "Reflex-Event-Handler": handler,
            }});
            return await response.text();
        }""",
        [UPLOAD_HANDLER, size],
    )


def test_a_pro_creates_an_event_with_a_timetable_and_an_image_then_publishes(desktop):
    page = desktop
    pro, venue = _pro()
    _open_form(page, pro)
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer une offre")
    expect(page.get_by_role("link", name="Offres")).to_have_attribute("aria-current", "page")

    # Step 1: the type; the only venue is already chosen.
    page.get_by_label("Type d’offre (sous-catégorie)").select_option("CONCERT")
    expect(page.get_by_label("Lieu")).to_have_value(str(venue.id))
    screenshot(page, "pro-offer-1-type")
    expect_accessible(page)
    page.get_by_role("button", name="Continuer").click()

    # Step 2: the concert's own fields; the draft is saved here.
    expect(page.get_by_role("heading", name="2. Informations")).to_be_visible()
    expect(page.get_by_label("Code CLIL")).to_have_count(0)
    page.get_by_label("Titre de l’offre").fill("Nuit du jazz")
    page.get_by_label("Description").fill("Trois heures de jazz manouche au bord de l’eau.")
    page.get_by_label("Interprète, artiste ou compagnie").fill("Quintette Django")
    page.get_by_label("Durée (en minutes)").fill("180")
    page.get_by_label("Modalités de retrait").fill("Billet à présenter à l’entrée.")
    page.get_by_label("Accepter les réservations duo").check()
    screenshot(page, "pro-offer-2-details")
    expect_accessible(page)
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("status")).to_have_text("Brouillon enregistré.")
    (draft,) = _offers_of(venue)
    assert draft.validation_status == OfferStatus.DRAFT
    assert draft.extra_data["performer"] == "Quintette Django" and draft.is_duo

    # Step 3: a GIF, a text renamed .jpg and a too-large file are refused; then a JPEG.
    expect(page.get_by_role("heading", name="3. Image d’accroche")).to_be_visible()
    expect_accessible(page)
    _drop(page, "anim.gif", "image/gif", _gif())
    expect(page.get_by_role("alert")).to_contain_text("choisissez une image JPEG, PNG ou WebP")
    _drop(page, "photo.jpg", "image/jpeg", b"Ceci est un texte, pas une photo.")
    expect(page.get_by_role("alert")).to_have_text(
        "Ce fichier n'est pas une image JPEG, PNG ou WebP lisible."
    )
    _drop(page, "enorme.jpg", "image/jpeg", b"\xff" * (10 * 1024 * 1024 + 1))
    expect(page.get_by_role("alert")).to_have_text("L'image ne doit pas dépasser 10 Mo.")
    # Sent around the browser's check, the server refuses it too, before reading it.
    assert "L'image ne doit pas dépasser 10 Mo." in _post_upload(page, 10 * 1024 * 1024 + 1)
    _drop(page, "affiche.jpg", "image/jpeg", _jpeg())
    expect(page.get_by_role("status")).to_have_text("Image enregistrée.")
    expect(page.get_by_role("alert")).to_have_count(0)
    image = page.get_by_role("img", name="Image actuelle de l’offre")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.naturalHeight") == 1200
    screenshot(page, "pro-offer-3-image")
    expect_accessible(page)
    page.get_by_role("button", name="Continuer").click()

    # Step 4: two Fridays at 20:30 in one go; a wrong price first adds nothing.
    first = _next_friday()
    page.get_by_label("Du", exact=True).fill(first.isoformat())
    page.get_by_label("Au (inclus ; vide : le même jour)").fill(
        (first + timedelta(days=7)).isoformat()
    )
    page.get_by_label("vendredi").check()
    page.get_by_label("Horaires").fill("20:30")
    page.get_by_label("Prix (€)").fill("350")
    page.get_by_label("Places par date").fill("120")
    page.get_by_role("button", name="Ajouter ces dates").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Le prix doit être compris entre 0 € et 300 €"
    )
    with db.transaction(write=False) as session:
        assert session.exec(select(Stock).where(Stock.offer_id == draft.id)).all() == []
    page.get_by_label("Prix (€)").fill("12,50")
    page.get_by_role("button", name="Ajouter ces dates").click()
    expect(page.get_by_role("status")).to_have_text("2 dates ajoutées.")
    table = page.get_by_role("table", name="Dates de l’offre")
    expect(table.get_by_role("row")).to_have_count(3)
    expect(table).to_contain_text("à 20h30")
    expect(table).to_contain_text("12,50 €")
    screenshot(page, "pro-offer-4-dates")
    expect_accessible(page)
    page.set_viewport_size(TABLET)
    screenshot(page, "pro-offer-4-dates-tablet")
    page.set_viewport_size(DESKTOP)

    # Step 5: the card and the page as young users will see them, then publication.
    page.get_by_role("button", name="Voir l’aperçu").click()
    card = page.get_by_role("region", name="Aperçu de la carte")
    expect(card.get_by_role("heading", name="Nuit du jazz")).to_be_visible()
    expect(card.get_by_text("Duo", exact=True)).to_be_visible()
    expect(card).to_contain_text("ven. ")  # the first date, as search results show it
    expect(card).not_to_contain_text("dès")  # one price for both dates
    offer_page = page.get_by_role("region", name="Aperçu de la page de l’offre")
    expect(offer_page.get_by_text("Billet à présenter à l’entrée.")).to_be_visible()
    expect(offer_page.get_by_text("Salle Molière")).to_be_visible()
    expect(offer_page.get_by_text(" à 20h30")).to_have_count(2)
    expect(offer_page.get_by_role("img", name="Nuit du jazz")).to_be_visible()
    screenshot(page, "pro-offer-5-preview")
    expect_accessible(page)
    page.get_by_role("button", name="Publier l’offre").click()
    expect(page.get_by_role("status")).to_have_text("Votre offre est publiée.")
    expect(page.get_by_role("button", name="Publier l’offre")).to_have_count(0)
    (offer,) = _offers_of(venue)
    assert offer.validation_status == OfferStatus.APPROVED
    assert offer.image_url.startswith("/api/images/offres/")
    screenshot(page, "pro-offer-5-published")

    # Validated: the subcategory is frozen, and the page says why (F1).
    page.goto(f"/pro/offres/{offer.id}/edition")
    expect(page.get_by_role("heading", level=1)).to_have_text("Modifier l’offre")
    page.get_by_role("button", name="1. Type d’offre").click()
    expect(page.get_by_label("Type d’offre (sous-catégorie)")).to_be_disabled()
    expect(page.get_by_text("Le type d’offre ne peut plus être modifié")).to_be_visible()
    screenshot(page, "pro-offer-edit-frozen")
    expect_accessible(page)


def test_a_book_with_a_wrong_isbn_gets_its_message_and_nothing_is_saved(desktop):
    page = desktop
    pro, venue = _pro()
    _open_form(page, pro)
    page.get_by_label("Type d’offre (sous-catégorie)").select_option("LIVRE_PAPIER")
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Titre de l’offre").fill("Le Petit Prince")
    page.get_by_label("EAN ou ISBN").fill("978-2-07-061275-0")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("alert")).to_have_text(
        "L'ISBN (ou EAN) « 978-2-07-061275-0 » n'est pas valide : "
        "la clé de contrôle (dernier chiffre) ne correspond pas."
    )
    screenshot(page, "pro-offer-bad-isbn")
    expect_accessible(page)
    assert _offers_of(venue) == []
    # A school book (F3): refused too, with what was typed kept.
    page.get_by_label("EAN ou ISBN").fill("978-2-07-061275-8")
    page.get_by_label("Code CLIL").fill("3000")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("alert")).to_contain_text("Les livres scolaires et parascolaires")
    expect(page.get_by_label("Titre de l’offre")).to_have_value("Le Petit Prince")
    assert _offers_of(venue) == []
    page.get_by_label("Code CLIL").fill("3435")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("status")).to_have_text("Brouillon enregistré.")
    (book,) = _offers_of(venue)
    assert book.ean == "9782070612758"
    # A thing's stock: a price and a quantity, empty for unlimited (F8).
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="4. Stock et prix")).to_be_visible()
    page.get_by_label("Prix (€)").fill("8,50")
    page.get_by_role("button", name="Ajouter le stock").click()
    expect(page.get_by_role("status")).to_have_text("Stock ajouté.")
    table = page.get_by_role("table", name="Stocks de l’offre")
    expect(table).to_contain_text("Illimité")
    expect(table.get_by_role("columnheader", name="Date")).to_have_count(0)
    screenshot(page, "pro-offer-thing-stock")
    expect_accessible(page)


def test_another_structures_offer_is_unknown(desktop):  # rule O7
    page = desktop
    _owner, venue = _pro()
    offer = factories.make_offer(venue, name="Offre d’un autre")
    stranger, _venue = _pro()
    _open_form(page, stranger, f"/pro/offres/{offer.id}/edition")
    expect(page.get_by_role("heading", level=1)).to_have_text("Offre introuvable")
    # The same words as for an id that does not exist.
    expect(page.get_by_role("alert")).to_have_text("Cette offre n'existe pas.")
    expect(page.get_by_text("Offre d’un autre")).to_have_count(0)
    expect_accessible(page)
