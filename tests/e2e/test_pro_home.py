"""The pro portal's home as a pro of two structures finds it: what needs attention
today, switching structure and venue, and the status of a structure awaiting
validation (rule O3)."""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from pass_culture import clock, db
from pass_culture.models import UserOfferer
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def desktop(browser, app_url) -> Page:
    context = browser.new_context(base_url=app_url, locale="fr-FR", viewport=DESKTOP)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _panel(page: Page, title: str):
    return page.locator("section", has=page.get_by_role("heading", name=title, exact=True))


def _pro_of_two_structures():
    theatre = factories.make_offerer(name="Théâtre du Marché")
    pro = factories.make_pro(theatre, first_name="Claire")
    waiting = factories.make_offerer(name="Atelier Nouveau", validated=False)
    with db.transaction() as session:
        session.add(UserOfferer(user_id=pro.id, offerer_id=waiting.id, status="validated"))
    hall = factories.make_venue(theatre, public_name="Grande salle")
    factories.make_venue(theatre, public_name="Petite salle")
    tonight = clock.utcnow().replace(microsecond=0) + timedelta(minutes=30)
    show = factories.make_offer(hall, subcategory_id="SPECTACLE_REPRESENTATION", name="Le Cid")
    stock = factories.make_stock(show, beginning_at=tonight, quantity=50)
    young, deposit = factories.make_beneficiary()
    factories.make_booking(stock, young, deposit)
    factories.make_offer(hall, name="Carnet épuisé")
    return pro, theatre, waiting


def test_the_home_shows_what_needs_attention_and_switches_structure(desktop: Page):
    pro, _theatre, _waiting = _pro_of_two_structures()
    sign_in(desktop, "/pro/connexion", pro.email)
    expect_path(desktop, "/pro")
    expect(desktop.get_by_role("heading", level=1)).to_have_text("Bonjour Claire")

    structure = desktop.get_by_label("Structure")
    # Structures come by name: the one awaiting validation first.
    expect(structure).to_have_value(str(_waiting.id))
    status = "Votre structure est en cours de validation"
    expect(desktop.get_by_text(status)).to_be_visible()
    screenshot(desktop, "pro-home-pending-structure")
    expect_accessible(desktop)

    structure.select_option(label="Théâtre du Marché")
    expect(desktop.get_by_text(status)).to_have_count(0)
    today = _panel(desktop, "Aujourd’hui")
    expect(today).to_contain_text("Le Cid")
    expect(today).to_contain_text("Grande salle · 1 réservée sur 50")
    to_validate = _panel(desktop, "Réservations à valider")
    expect(to_validate).to_contain_text("1 réservation à valider au guichet")
    expect(_panel(desktop, "Offres sans stock disponible")).to_contain_text("Carnet épuisé")
    screenshot(desktop, "pro-home")
    expect_accessible(desktop)

    # The venue narrows the home, and both choices survive a new visit.
    desktop.get_by_label("Lieu affiché").select_option(label="Petite salle")
    expect(today).to_contain_text("Aucun évènement aujourd’hui.")
    desktop.goto("/pro")
    expect(desktop.get_by_label("Structure")).to_have_value(str(_theatre.id))
    expect(desktop.get_by_label("Lieu affiché")).to_have_value(
        desktop.get_by_label("Lieu affiché")
        .locator("option", has_text="Petite salle")
        .get_attribute("value")
    )


def test_a_forged_structure_choice_falls_back_to_the_pros_own(desktop: Page):  # rule O7
    pro, _theatre, waiting = _pro_of_two_structures()
    other = factories.make_offerer(name="Librairie d’à côté")
    desktop.goto("/pro/connexion")
    desktop.evaluate(f"localStorage.setItem('pc_pro_structure', '{other.id}')")
    sign_in(desktop, "/pro/connexion", pro.email)
    expect_path(desktop, "/pro")
    expect(desktop.get_by_label("Structure")).to_have_value(str(waiting.id))
    expect(desktop.get_by_text("Librairie d’à côté")).to_have_count(0)
