"""Offer moderation in the back office (rule F12), as an admin does it on a desktop: a
review rule added, a pro's publication waiting in the queue, rejected with a reason, a
live offer deactivated, and every action in the journal."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from pass_culture import db
from pass_culture.models import EmailOutbox, Role
from services import offers
from services.offers import OfferInput, StockInput
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1366, "height": 900}
NAV = "Navigation du back-office"


@pytest.fixture
def desktop(browser, app_url) -> Page:
    context = browser.new_context(base_url=app_url, locale="fr-FR", viewport=DESKTOP)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _publish(pro, venue, name: str, price: int):
    """What the pro's offer pages do: a draft, a stock, then publication."""
    draft = offers.create_offer(pro.id, venue.id, OfferInput(name, "LIVRE_PAPIER"))
    offers.add_stock(pro.id, draft.id, StockInput(price=price, quantity=5))
    return offers.publish_offer(pro.id, draft.id)


def _go(page: Page, link: str, path: str, heading: str) -> None:
    page.get_by_role("navigation", name=NAV).get_by_role("link", name=link).click()
    expect_path(page, path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def _outbox(template: str) -> list[EmailOutbox]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(EmailOutbox).where(EmailOutbox.template == template)))


def test_an_admin_adds_a_rule_then_rejects_the_offer_it_holds(desktop):  # rule F12
    page = desktop
    admin = factories.make_user(Role.ADMIN, first_name="Alex", last_name="Modo")
    offerer = factories.make_offerer(name="Librairie du Port")
    pro = factories.make_pro(offerer)
    venue = factories.make_venue(offerer, public_name="Librairie du Port — Quai")
    live = _publish(pro, venue, "Atlas des mers", 25_00)

    sign_in(page, "/admin/connexion", admin.email)
    expect_path(page, "/admin")
    nav = page.get_by_role("navigation", name=NAV)
    expect(nav.get_by_role("link", name="Accueil")).to_have_attribute("aria-current", "page")
    queue = page.locator("#queue")
    expect(queue.get_by_role("link", name=re.compile(r"\d+ ?Offres à valider"))).to_be_visible()
    expect_accessible(page)

    # A rule: the word "collector", whatever its case and accents.
    _go(page, "Règles de validation", "/admin/regles", "Règles de validation")
    page.get_by_label("Type de règle").select_option(label="Mot dans le titre ou la description")
    page.get_by_label("Mot ou expression").fill("Collector")
    page.get_by_role("button", name="Ajouter la règle").click()
    expect(page.get_by_role("status")).to_contain_text("Règle ajoutée")
    row = page.get_by_role("row", name="Le mot « Collector » dans le titre ou la description")
    expect(row.get_by_text("Active", exact=True)).to_be_visible()
    # A price rule typed wrong, then right, then edited and deactivated.
    page.get_by_label("Type de règle").select_option(label="Prix supérieur à un seuil")
    page.get_by_label("Seuil en euros").fill("beaucoup")
    page.get_by_role("button", name="Ajouter la règle").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Indiquez le seuil en euros, par exemple 150 ou 149,99."
    )
    page.get_by_label("Seuil en euros").fill("150")
    page.get_by_role("button", name="Ajouter la règle").click()
    price_row = page.get_by_role("row", name="Prix supérieur à 150,00 €")
    price_row.get_by_role("button", name="Modifier").click()
    expect(page.get_by_role("heading", name="Modifier la règle")).to_be_visible()
    expect(page.get_by_label("Seuil en euros")).to_have_value("150,00")
    page.get_by_label("Seuil en euros").fill("120")
    page.get_by_role("button", name="Enregistrer la règle").click()
    expect(page.get_by_role("status")).to_have_text("Règle modifiée.")
    price_row = page.get_by_role("row", name="Prix supérieur à 120,00 €")
    price_row.get_by_role("button", name="Désactiver").click()
    expect(price_row.get_by_text("Désactivée", exact=True)).to_be_visible()
    # A subcategory rule, picked from the catalogue, then deactivated.
    page.get_by_label("Type de règle").select_option(label="Sous-catégorie")
    page.get_by_label("Sous-catégorie", exact=True).select_option(label="Achat instrument")
    page.get_by_role("button", name="Ajouter la règle").click()
    sub_row = page.get_by_role("row", name="Sous-catégorie « Achat instrument »")
    expect(sub_row.get_by_text("Active", exact=True)).to_be_visible()
    screenshot(page, "admin-rules")
    expect_accessible(page)
    sub_row.get_by_role("button", name="Désactiver").click()
    expect(sub_row.get_by_text("Désactivée", exact=True)).to_be_visible()

    # The pro publishes (through the services): the rule holds the offer back.
    held = _publish(pro, venue, "Coffret COLLECTOR des classiques", 45_00)
    assert held.validation_status == "pending"

    _go(page, "Offres à valider", "/admin/offres", "Offres à valider")
    card = page.get_by_role("article", name="Coffret COLLECTOR des classiques")
    for text in (
        "Librairie du Port",
        "Librairie du Port — Quai",
        "Livre papier",
        "45,00 €",
        "Le titre ou la description contient « Collector »",
    ):
        expect(card.get_by_text(text, exact=True)).to_be_visible()
    waiting = re.compile(r"En attente de validation \(\d+\)")
    expect(page.get_by_role("heading", level=2, name=waiting)).to_be_visible()
    screenshot(page, "admin-offers-queue")
    expect_accessible(page)

    card.get_by_role("button", name="Rejeter").click()
    dialog = page.get_by_role("dialog", name="Rejeter l’offre")
    dialog.get_by_role("button", name="Rejeter l’offre").click()
    expect(dialog.get_by_role("alert")).to_have_text(
        "Indiquez le motif : il sera envoyé à la structure."
    )
    dialog.get_by_label("Motif, envoyé par email à la structure").fill(
        "Les coffrets de revente ne sont pas éligibles."
    )
    screenshot(page, "admin-offers-reject-dialog")
    expect_accessible(page)
    dialog.get_by_role("button", name="Rejeter l’offre").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Offre « Coffret COLLECTOR des classiques » rejetée"
    )
    expect(card).to_have_count(0)
    [mail] = [m for m in _outbox("offer_rejected") if m.to_address == pro.email]
    assert "Motif : Les coffrets de revente ne sont pas éligibles." in mail.body_text

    # A live offer found by its title and deactivated with a reason.
    page.get_by_label("Titre ou numéro de l’offre").fill("atlas des")
    page.get_by_role("button", name="Rechercher").click()
    found = page.get_by_role("article", name="Atlas des mers")
    found.get_by_role("button", name="Désactiver").click()
    dialog = page.get_by_role("dialog", name="Désactiver l’offre")
    dialog.get_by_label("Motif, envoyé par email à la structure").fill("Signalée frauduleuse.")
    dialog.get_by_role("button", name="Désactiver l’offre").click()
    expect(page.get_by_role("status")).to_contain_text("Offre « Atlas des mers » désactivée")
    expect(page.get_by_text("Aucune offre en ligne ne correspond à « atlas des »")).to_be_visible()
    screenshot(page, "admin-offers-deactivated")
    expect_accessible(page)

    # The journal lists the actions, newest first, and filters them.
    _go(page, "Journal", "/admin/journal", "Journal des actions")
    table = page.get_by_role("table")
    expect(table.get_by_role("row").nth(1)).to_contain_text("Offre désactivée")
    expect(table.get_by_role("row").nth(1)).to_contain_text(f"Offre n° {live.id}")
    expect(table.get_by_role("row").nth(2)).to_contain_text("Offre rejetée")
    expect(table.get_by_role("row").nth(2)).to_contain_text(
        "Motif : Les coffrets de revente ne sont pas éligibles."
    )
    expect(table).to_contain_text("Règle ajoutée")
    expect(table).to_contain_text("Alex Modo")
    screenshot(page, "admin-journal")
    expect_accessible(page)
    page.get_by_label("Action").select_option(label="Règle modifiée")
    expect(table.get_by_role("row")).to_have_count(2)  # the header and one entry
    expect(table).to_contain_text("Prix supérieur à 120,00 €")
    expect_accessible(page)

    _go(page, "Accueil", "/admin", "Back-office")
    expect(page.locator("#queue")).to_be_visible()
    screenshot(page, "admin-home")

    # Still usable on a 1024 × 768 screen: nothing wider than the window.
    page.set_viewport_size({"width": 1024, "height": 768})
    _go(page, "Journal", "/admin/journal", "Journal des actions")
    expect(page.get_by_role("table")).to_contain_text("Offre rejetée")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "admin-journal-1024")
