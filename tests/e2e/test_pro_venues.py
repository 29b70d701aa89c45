"""A pro adds a venue to the structure and edits it (rules O1, O6): the commune places
the pin, dragged on the map, then coordinates typed; a bad SIRET saves nothing."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from pass_culture import db
from pass_culture.models import Venue
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in
from tests.e2e.pro import DESKTOP, TABLET, new_context

pytestmark = pytest.mark.e2e

SIREN = "732829320"
SIRET = "73282932000074"
STRASBOURG = (48.5839, 7.7455)


@pytest.fixture
def desktop(browser, app_url) -> Page:
    context = new_context(browser, app_url, viewport=DESKTOP)
    yield context.new_page()
    context.close()


def _venues(offerer_id: int) -> list[Venue]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(Venue).where(Venue.offerer_id == offerer_id)))


def _drag_pin(page: Page, dx: int, dy: int) -> None:
    pin = page.get_by_role("region", name="Carte : position du lieu").locator(
        ".leaflet-marker-icon"
    )
    box = pin.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + dy, steps=12)
    page.mouse.up()


def test_a_pro_adds_a_venue_then_edits_it(desktop):  # rules O1, O6
    page = desktop
    offerer = factories.make_offerer(siren=SIREN, name="Culture Kléber")
    pro = factories.make_pro(offerer)
    sign_in(page, "/pro/connexion", pro.email)
    expect_path(page, "/pro")
    nav = page.get_by_role("navigation", name="Navigation de l’espace professionnel")
    nav.get_by_role("link", name="Structure").click()
    expect_path(page, "/pro/structure")
    expect(nav.get_by_role("link", name="Structure")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("heading", level=2, name="Culture Kléber")).to_be_visible()
    expect(page.get_by_text(SIREN)).to_be_visible()
    expect(page.get_by_text("La structure n’a pas encore de lieu")).to_be_visible()
    expect_accessible(page)

    page.get_by_role("link", name="Ajouter un lieu").click()
    expect_path(page, "/pro/lieux/nouveau")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajouter un lieu")
    page.get_by_label("Nom du lieu").fill("Librairie du Dôme")
    page.get_by_label("SIRET").fill("73282932000075")  # bad Luhn digit
    page.get_by_label("Type de lieu").select_option(label="Librairie")
    page.get_by_label("Adresse (numéro et voie)").fill("5 rue du Dôme")
    page.get_by_label("Code postal").fill("67000")
    page.get_by_label("Commune").focus()  # the communes of 67000 are offered
    expect(page.locator("#venue-communes option")).to_have_count(1)
    expect(page.locator("#venue-communes option")).to_have_attribute("value", "Strasbourg")
    page.get_by_label("Commune").fill("strasbourg")
    page.get_by_label("Handicap moteur").focus()  # leaving the commune places the pin
    latitude, longitude = page.get_by_label("Latitude"), page.get_by_label("Longitude")
    expect(latitude).to_have_value("48.58390")
    expect(longitude).to_have_value("7.74550")
    map_region = page.get_by_role("region", name="Carte : position du lieu")
    expect(map_region.locator(".leaflet-marker-icon")).to_be_visible()

    # The pin dragged south-east: the coordinates follow it.
    _drag_pin(page, 120, 60)
    expect(latitude).not_to_have_value("48.58390")
    dragged = (float(latitude.input_value()), float(longitude.input_value()))
    assert dragged[0] < STRASBOURG[0] and dragged[1] > STRASBOURG[1]
    assert abs(dragged[0] - STRASBOURG[0]) < 0.01 and abs(dragged[1] - STRASBOURG[1]) < 0.01

    page.get_by_label("Handicap moteur").check()
    page.get_by_label("Handicap visuel").check()
    page.get_by_label("Adresse email de réservation (facultatif)").fill("resa@dome.fr")
    page.get_by_label("Modalités de retrait (facultatif)").fill("Au comptoir, du mardi au samedi.")
    expect_accessible(page)
    page.get_by_role("button", name="Créer le lieu").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Ce numéro de SIRET n'est pas valide : vérifiez-le sur l'avis de l'Insee."
    )
    screenshot(page, "pro-venue-new-bad-siret")
    assert _venues(offerer.id) == []

    page.get_by_label("SIRET").fill(SIRET)
    page.get_by_role("button", name="Créer le lieu").click()
    page.wait_for_url(re.compile(r"/pro/lieux/\d+\?cree=1$"))
    expect(page.get_by_role("button", name="Enregistrer les modifications")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(
        "Le lieu est créé. Vous pouvez le compléter ou le modifier ici."
    )
    [venue] = _venues(offerer.id)
    assert (venue.name, venue.siret, venue.venue_type, venue.city) == (
        "Librairie du Dôme",
        SIRET,
        "bookshop",
        "Strasbourg",
    )
    assert (venue.latitude, venue.longitude) == pytest.approx(dragged, abs=1e-5)
    assert (venue.booking_email, venue.withdrawal_details) == (
        "resa@dome.fr",
        "Au comptoir, du mardi au samedi.",
    )
    assert (venue.motor_disability_compliant, venue.visual_disability_compliant) == (True, True)
    assert venue.audio_disability_compliant is False

    # The edit form shows what was saved; the pin is now typed.
    expect(page.get_by_role("heading", level=1)).to_have_text("Modifier le lieu")
    expect(page.get_by_label("Nom du lieu")).to_have_value("Librairie du Dôme")
    expect(page.get_by_label("Handicap moteur")).to_be_checked()
    expect(latitude).to_have_value(f"{dragged[0]:.5f}")
    screenshot(page, "pro-venue-edit")
    expect_accessible(page)
    page.get_by_label("Nom du lieu").fill("Librairie du Grand Dôme")
    latitude.fill("48.5900")
    longitude.fill("7.7600")
    page.get_by_label("Handicap visuel").uncheck()
    page.get_by_label("Adresse email de réservation (facultatif)").fill("librairie@dome.fr")
    page.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.get_by_role("status")).to_have_text("Les modifications du lieu sont enregistrées.")
    [venue] = _venues(offerer.id)
    assert (venue.name, venue.booking_email) == ("Librairie du Grand Dôme", "librairie@dome.fr")
    assert (venue.latitude, venue.longitude) == (48.59, 7.76)
    assert (venue.motor_disability_compliant, venue.visual_disability_compliant) == (True, False)

    # A pin typed too far from the commune is refused; nothing changes.
    latitude.fill("48.9000")
    page.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.get_by_role("alert")).to_contain_text("placez-le à moins de 30 km de la commune")
    assert _venues(offerer.id)[0].latitude == 48.59

    page.get_by_role("link", name="← Structure et lieux").click()
    expect_path(page, "/pro/structure")
    row = page.get_by_role("row", name=re.compile("Librairie du Grand Dôme"))
    expect(row).to_contain_text("Librairie")
    expect(row).to_contain_text(SIRET)
    expect(row).to_contain_text("Strasbourg (67000)")
    screenshot(page, "pro-structure")
    page.set_viewport_size(TABLET)
    page.get_by_role("link", name="Librairie du Grand Dôme").click()
    # The form shows what is saved, not what was last typed (the refused pin).
    expect(page.get_by_label("Nom du lieu")).to_have_value("Librairie du Grand Dôme")
    expect(page.get_by_label("Commune")).to_have_value("Strasbourg")
    expect(latitude).to_have_value("48.59000")
    screenshot(page, "pro-venue-edit-tablet")


def test_a_digital_venue_has_neither_siret_nor_address(desktop):  # rules O1, P2
    page = desktop
    offerer = factories.make_offerer()
    pro = factories.make_pro(offerer)
    shop = factories.make_venue(offerer, name="Boutique")
    sign_in(page, "/pro/connexion", pro.email)
    expect_path(page, "/pro")

    page.goto("/pro/lieux/nouveau")
    digital = page.get_by_label("Lieu numérique (offres en ligne uniquement)")
    # The box follows the state, which hides the SIRET and the address: clicked, then seen.
    digital.click()
    expect(digital).to_be_checked()
    expect(page.get_by_label("SIRET")).to_have_count(0)
    expect(page.get_by_role("heading", name="Adresse")).to_have_count(0)
    page.get_by_label("Nom du lieu").fill("Boutique en ligne")
    expect_accessible(page)
    page.get_by_role("button", name="Créer le lieu").click()
    page.wait_for_url(re.compile(r"/pro/lieux/\d+\?cree=1$"))
    expect(page.get_by_text("Lieu numérique : ni SIRET ni adresse.")).to_be_visible()
    expect(page.get_by_label("Lieu numérique (offres en ligne uniquement)")).to_have_count(0)
    online = next(v for v in _venues(offerer.id) if v.id != shop.id)
    assert (online.name, online.is_virtual, online.siret, online.address) == (
        "Boutique en ligne",
        True,
        None,
        None,
    )
    assert online.pricing_point_id == shop.id


def test_another_structures_venue_is_not_found(desktop):  # rule O7
    page = desktop
    pro = factories.make_pro(factories.make_offerer())
    theirs = factories.make_venue(factories.make_offerer(), name="Chez eux")
    sign_in(page, "/pro/connexion", pro.email)
    expect_path(page, "/pro")

    page.goto(f"/pro/lieux/{theirs.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lieu introuvable")
    expect(page.get_by_role("alert")).to_have_text("Ce lieu n'existe pas.")
    expect(page.get_by_text("Chez eux")).to_have_count(0)
    expect_accessible(page)
