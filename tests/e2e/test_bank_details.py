"""Bank details end to end (rule O5): a pro fills them in with a PDF proof and submits
(a wrong IBAN and an executable named « .pdf » are refused in French and change
nothing); an admin sees the proof in the queue and accepts; the pro sees « Validé »."""

import re

import pytest
from playwright.sync_api import Page, expect

from pass_culture.models import Role
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in
from tests.unit.test_documents import pdf_bytes

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1366, "height": 900}
SMALL = {"width": 1024, "height": 768}
ROUTE = "/pro/coordonnees-bancaires"


def _drop(page: Page, name: str, mime: str, content: bytes) -> None:
    page.locator("#bank-proof input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": content}]
    )


def test_a_pro_submits_bank_details_and_an_admin_accepts_them(browser, app_url):
    offerer = factories.make_offerer(name="Théâtre des Quais")
    pro = factories.make_pro(offerer)
    factories.make_venue(offerer, name="Salle des Quais")
    admin = factories.make_user(Role.ADMIN)
    context = browser.new_context(base_url=app_url, locale="fr-FR", viewport=DESKTOP)
    context.set_default_timeout(15_000)
    page = context.new_page()

    sign_in(page, "/pro/connexion", pro.email)
    expect_path(page, "/pro")
    page.goto(ROUTE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Coordonnées bancaires")
    page.get_by_role("button", name="Ajouter un compte bancaire").click()
    page.get_by_label("Nom du compte (pour vous repérer)").fill("Compte principal")
    page.get_by_label("IBAN", exact=True).fill("fr76 3000 6000 0112 3456 7890 188")
    page.get_by_label("BIC (code SWIFT)").fill("agrifrpp")
    page.get_by_label("Salle des Quais").check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("alert")).to_contain_text("clé de contrôle ne correspond pas")
    expect(
        page.get_by_text("La structure n’a pas encore de coordonnées bancaires.")
    ).to_be_visible()

    page.get_by_label("IBAN", exact=True).fill("fr76 3000 6000 0112 3456 7890 189")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_have_text("Les coordonnées bancaires sont enregistrées.")
    expect(page.get_by_label("IBAN", exact=True)).to_have_value("FR76 3000 6000 0112 3456 7890 189")
    expect(page.get_by_text("Brouillon", exact=True)).to_be_visible()

    _drop(page, "rib.pdf", "application/pdf", b"MZ\x90\x00" + b"\x00" * 256)
    expect(page.get_by_role("alert")).to_contain_text("n'est pas un document PDF, JPEG ou PNG")
    expect(page.get_by_text("Fichier enregistré")).to_have_count(0)
    _drop(page, "rib.pdf", "application/pdf", pdf_bytes())
    expect(page.get_by_role("status")).to_have_text("Le justificatif est enregistré.")
    expect(page.get_by_role("link", name="rib.pdf").first).to_have_attribute(
        "href", re.compile(r"^/pro/documents/rib/\d+$")
    )
    screenshot(page, "pro-bank-details-form")
    expect_accessible(page)

    page.get_by_role("button", name="Soumettre").click()
    expect(page.get_by_role("status")).to_contain_text("Coordonnées bancaires soumises")
    expect(page.get_by_text("En cours de validation", exact=True)).to_be_visible()
    expect(page.get_by_text("FR76 •••• •••• … 0189")).to_be_visible()

    admin_page = context.new_page()
    sign_in(admin_page, "/admin/connexion", admin.email)
    expect_path(admin_page, "/admin")
    admin_page.goto("/admin/coordonnees-bancaires")
    card = admin_page.get_by_role("article", name="Théâtre des Quais — Compte principal")
    expect(card).to_contain_text(offerer.siren)
    expect(card).to_contain_text("Salle des Quais")
    proof = card.locator("iframe[title='Justificatif : rib.pdf']")
    expect(proof).to_have_attribute("src", re.compile(r"^/admin/documents/rib/\d+$"))
    response = admin_page.request.get(proof.get_attribute("src"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    screenshot(admin_page, "admin-bank-details-queue")
    expect_accessible(admin_page)
    card.get_by_role("button", name="Accepter").click()
    expect(admin_page.get_by_role("status")).to_contain_text("validées")
    expect(
        admin_page.get_by_text("Aucune coordonnée bancaire n’attend de validation.")
    ).to_be_visible()

    page.set_viewport_size(SMALL)
    page.reload()
    expect(page.get_by_text("Validé", exact=True)).to_be_visible()
    screenshot(page, "pro-bank-details-accepted-1024")
    expect_accessible(page)
    context.close()
