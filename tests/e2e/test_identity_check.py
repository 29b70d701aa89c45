"""Identity check by document (issue 9, rule C1), on a phone then in the back office: a new
young user signs up, sends an ID, waits; an executable renamed .pdf is refused in French;
an admin sees the document and approves it; the young user's home says the credit is on."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from pass_culture import clock
from pass_culture.models import Role
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in
from tests.e2e.youth import (
    expect_fits_the_phone,
    expect_heading,
    fill_profile,
    link_path,
    years_ago,
)

pytestmark = pytest.mark.e2e

EMAIL = "lea.identite@example.fr"
DESKTOP = {"width": 1366, "height": 900}
FILE_INPUT = "#identity-document input[type=file]"


def _id_card() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 400), (200, 210, 230)).save(out, "PNG")
    return out.getvalue()


def _sign_up(page: Page) -> None:
    page.goto("/inscription")
    page.get_by_label("Adresse email").fill(EMAIL)
    page.get_by_label("Mot de passe", exact=True).fill(factories.PASSWORD)
    page.get_by_label("J'accepte les conditions générales d'utilisation").check()
    page.get_by_role("button", name="Créer mon compte").click()
    expect_path(page, "/inscription/email-envoye")
    page.goto(link_path(EMAIL))
    page.get_by_label("Mot de passe", exact=True).fill(factories.PASSWORD)
    page.get_by_role("button", name="Continuer").click()
    expect_path(page, "/inscription/profil")
    fill_profile(page, years_ago(clock.to_paris(clock.utcnow()).date(), 18))


def _admin_approves(browser, app_url) -> None:
    admin = factories.make_user(Role.ADMIN, first_name="Nadia", last_name="Benali")
    context = browser.new_context(base_url=app_url, locale="fr-FR", viewport=DESKTOP)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        sign_in(page, "/admin/connexion", admin.email)
        expect_path(page, "/admin")
        nav = page.get_by_role("navigation", name="Navigation du back-office")
        nav.get_by_role("link", name="Identités à vérifier").click()
        expect_path(page, "/admin/identites")
        expect(page.get_by_role("heading", level=2)).to_have_text("En attente de vérification (1)")
        card = page.get_by_role("article", name="Léa Dupont")
        expect(card).to_contain_text("18 ans")
        expect(card).to_contain_text("29")
        document = card.get_by_role("img", name="Document d’identité de Léa Dupont")
        expect(document).to_be_visible()
        # The image really came through the authenticated route.
        assert page.evaluate(
            "(img) => img.complete && img.naturalWidth === 640", document.element_handle()
        )
        screenshot(page, "admin-identities")
        expect_accessible(page)

        card.get_by_role("button", name="Rejeter").click()
        dialog = page.get_by_role("dialog")
        dialog.get_by_label("Motif").select_option("autre")
        dialog.get_by_role("button", name="Rejeter le document").click()
        expect(dialog.get_by_role("alert")).to_have_text(
            "Précisez le motif : il sera envoyé au jeune."
        )
        expect_accessible(page)
        dialog.get_by_role("button", name="Annuler").click()

        card.get_by_role("button", name="Approuver").click()
        expect(page.get_by_role("status")).to_have_text(
            "Identité de Léa Dupont validée : son crédit est activé."
        )
        expect(page.get_by_text("Aucun document n’attend de vérification.")).to_be_visible()
    finally:
        context.close()


def test_a_young_user_sends_an_id_and_an_admin_approves_it(mobile_page, browser, app_url):
    page = mobile_page
    _sign_up(page)
    page.get_by_role("link", name="Vérifier mon identité").click()
    expect_path(page, "/verification-identite")
    expect_heading(page, "Vérifie ton identité")
    expect(page.get_by_role("button", name="Choisir mon document")).to_be_visible()
    screenshot(page, "youth-identity-upload")
    expect_accessible(page)
    expect_fits_the_phone(page)

    # A program renamed .pdf passes the browser's hint, not the server's check.
    page.locator(FILE_INPUT).set_input_files(
        files=[{"name": "carte.pdf", "mimeType": "application/pdf", "buffer": b"MZ" + bytes(300)}]
    )
    expect(page.get_by_role("alert")).to_have_text(
        "Ce fichier n'est pas un document PDF, JPEG ou PNG lisible : choisis un autre fichier."
    )
    screenshot(page, "youth-identity-refused")

    page.locator(FILE_INPUT).set_input_files(
        files=[{"name": "carte-identite.png", "mimeType": "image/png", "buffer": _id_card()}]
    )
    expect_heading(page, "Vérification en cours")
    expect(page.get_by_role("status")).to_contain_text("Nous regardons ton document")
    screenshot(page, "youth-identity-pending")
    expect_accessible(page)

    page.goto("/")
    expect(page.get_by_role("region", name="Vérification en cours")).to_be_visible()
    screenshot(page, "youth-home-pending")
    expect_accessible(page)

    _admin_approves(browser, app_url)

    page.reload()
    expect(page.get_by_role("status")).to_have_text(
        re.compile(r"^Crédit activé : 300,00 €, valable jusqu'au \S+ \d{1,2}(er)? \S+ \d{4}\.$")
    )
    screenshot(page, "youth-home-credited")
