"""A new pro's onboarding, as new users would live it, the pro and an admin in two
browsers (rules O1, O2, O5): sign-up with a new SIREN and the email's verification
link, the structure validated in the back office (the activation email queued), a venue
(a SIRET of another SIREN refused first), bank details (a wrong IBAN and an executable
named « .pdf » refused, then a PDF proof) submitted and accepted. At the end the data
hold nothing of the refused inputs."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from pass_culture import db
from pass_culture.models import BankAccount, Offerer, Role, Venue, VenueBankAccountLink
from services import bank_accounts, documents
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, fill_sign_in, screenshot
from tests.e2e.outbox import link_path, templates_to
from tests.e2e.pro import DESKTOP, TABLET, drop_bank_proof, fill_signup, new_context
from tests.unit.test_documents import pdf_bytes

pytestmark = pytest.mark.e2e

EMAIL = "marc.lenoir@cinema-lumiere.fr"
SIREN = factories.luhn_number("3", 9)
STRUCTURE = "Cinéma Lumière"
VENUE = "Salle Lumière"
GOOD_IBAN = "FR76 3000 6000 0112 3456 7890 189"
PROOF = pdf_bytes()  # made once: the PDF holds its creation time


def _sign_up_and_verify(page: Page) -> None:
    page.goto("/pro/inscription")
    expect(page.get_by_role("button", name="Créer mon compte")).to_be_enabled()
    expect_accessible(page)
    fill_signup(page, EMAIL, SIREN, STRUCTURE, name=("Marc", "Lenoir"))
    expect_path(page, "/pro/inscription/email-envoye")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez votre boîte mail")
    expect(page.get_by_text("restera en attente de validation")).to_be_visible()
    screenshot(page, "pro-onboarding-inbox")
    expect_accessible(page)
    page.goto(link_path(EMAIL, "/pro/inscription/verification"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre adresse est vérifiée")
    expect_accessible(page)
    page.get_by_role("link", name="Se connecter").click()
    expect_path(page, "/pro/connexion")
    expect_accessible(page)
    fill_sign_in(page, EMAIL)
    expect_path(page, "/pro")
    expect(page.get_by_text("Votre structure est en cours de validation")).to_be_visible()
    screenshot(page, "pro-onboarding-pending")
    expect_accessible(page)


def _admin_validates(admin: Page) -> None:
    queue = admin.locator("#queue").get_by_role("link", name=re.compile("Nouvelles structures"))
    expect(queue).to_be_visible()  # the counts loaded (a spinner before)
    expect_accessible(admin)
    queue.click()
    expect_path(admin, "/admin/structures?statut=pending")
    admin.get_by_label("Nom, SIREN, code postal, ville ou email d’un membre").fill(SIREN)
    admin.get_by_role("button", name="Rechercher").click()
    row = admin.get_by_role("table").get_by_role("row", name=re.compile(STRUCTURE))
    expect(row).to_contain_text(EMAIL)
    expect_accessible(admin)
    row.get_by_role("button", name=f"Valider {STRUCTURE}").click()
    dialog = admin.get_by_role("dialog", name="Valider la structure")
    dialog.get_by_role("button", name="Valider la structure").click()
    expect(admin.locator("#flashes")).to_contain_text(f"La structure {STRUCTURE} a été validée.")
    screenshot(admin, "admin-onboarding-structure-validated")
    assert "offerer_validated_pro" in templates_to(EMAIL)


def _creates_the_venue(page: Page) -> str:
    """The venue, after a SIRET of another SIREN was refused; returns the good SIRET."""
    page.goto("/pro/structure")
    expect(page.get_by_text("Votre structure est en cours de validation")).to_have_count(0)
    expect_accessible(page)
    page.get_by_role("link", name="Ajouter un lieu").click()
    expect_path(page, "/pro/lieux/nouveau")
    page.get_by_label("Nom du lieu").fill(VENUE)
    page.get_by_label("SIRET").fill(factories.luhn_number(factories.luhn_number("4", 9), 14))
    page.get_by_label("Type de lieu").select_option(label="Cinéma")
    page.get_by_label("Adresse (numéro et voie)").fill("12 quai Kléber")
    page.get_by_label("Code postal").fill("67000")
    page.get_by_label("Commune").fill("Strasbourg")
    page.get_by_label("Handicap moteur").check()  # leaving the commune places the pin
    expect(page.get_by_label("Latitude")).to_have_value("48.58390")
    page.get_by_role("button", name="Créer le lieu").click()
    expect(page.get_by_role("alert")).to_have_text(
        f"Ce SIRET n'appartient pas à la structure : il doit commencer par son SIREN {SIREN}."
    )
    screenshot(page, "pro-onboarding-venue-refused")
    expect_accessible(page)
    siret = factories.luhn_number(SIREN, 14)
    page.get_by_label("SIRET").fill(siret)
    page.get_by_role("button", name="Créer le lieu").click()
    page.wait_for_url(re.compile(r"/pro/lieux/\d+\?cree=1$"))
    expect(page.get_by_role("status")).to_have_text(
        "Le lieu est créé. Vous pouvez le compléter ou le modifier ici."
    )
    expect_accessible(page)
    return siret


def _submits_bank_details(page: Page) -> None:
    page.get_by_role("navigation", name="Navigation de l’espace professionnel").get_by_role(
        "link", name="Coordonnées bancaires"
    ).click()
    expect_path(page, "/pro/coordonnees-bancaires")
    expect(page.get_by_role("heading", level=1)).to_have_text("Coordonnées bancaires")
    page.get_by_role("button", name="Ajouter un compte bancaire").click()
    page.get_by_label("Nom du compte (pour vous repérer)").fill("Compte principal")
    page.get_by_label("IBAN", exact=True).fill("fr76 3000 6000 0112 3456 7890 188")
    page.get_by_label("BIC (code SWIFT)").fill("agrifrpp")
    page.get_by_label(VENUE).check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("alert")).to_contain_text("clé de contrôle ne correspond pas")
    expect(
        page.get_by_text("La structure n’a pas encore de coordonnées bancaires.")
    ).to_be_visible()

    page.get_by_label("IBAN", exact=True).fill(GOOD_IBAN.lower())
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_have_text("Les coordonnées bancaires sont enregistrées.")
    expect(page.get_by_label("IBAN", exact=True)).to_have_value(GOOD_IBAN)
    expect(page.get_by_text("Brouillon", exact=True)).to_be_visible()

    drop_bank_proof(page, "rib.pdf", "application/pdf", b"MZ\x90\x00" + b"\x00" * 256)
    expect(page.get_by_role("alert")).to_contain_text("n'est pas un document PDF, JPEG ou PNG")
    expect(page.get_by_role("link", name="rib.pdf")).to_have_count(0)
    drop_bank_proof(page, "rib.pdf", "application/pdf", PROOF)
    expect(page.get_by_role("status")).to_have_text("Le justificatif est enregistré.")
    expect(page.get_by_role("link", name="rib.pdf").first).to_have_attribute(
        "href", re.compile(r"^/pro/documents/rib/\d+$")
    )
    screenshot(page, "pro-onboarding-bank-details")
    expect_accessible(page)
    page.get_by_role("button", name="Soumettre").click()
    expect(page.get_by_role("status")).to_contain_text("Coordonnées bancaires soumises")
    expect(page.get_by_text("En cours de validation", exact=True)).to_be_visible()
    expect(page.get_by_text("FR76 •••• •••• … 0189")).to_be_visible()


def _admin_accepts_the_bank_details(admin: Page) -> None:
    admin.get_by_role("navigation", name="Navigation du back-office").get_by_role(
        "link", name="Coordonnées bancaires"
    ).click()
    expect_path(admin, "/admin/coordonnees-bancaires")
    card = admin.get_by_role("article", name=f"{STRUCTURE} — Compte principal")
    expect(card).to_contain_text(SIREN)
    expect(card).to_contain_text(VENUE)
    proof = card.locator("iframe[title='Justificatif : rib.pdf']")
    expect(proof).to_have_attribute("src", re.compile(r"^/admin/documents/rib/\d+$"))
    response = admin.request.get(proof.get_attribute("src"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body() == PROOF
    screenshot(admin, "admin-onboarding-bank-details")
    expect_accessible(admin)
    card.get_by_role("button", name="Accepter").click()
    expect(admin.get_by_role("status")).to_contain_text("validées")
    expect(admin.get_by_text("Aucune coordonnée bancaire n’attend de validation.")).to_be_visible()


def _proofs() -> set[str]:
    folder = documents.documents_dir(bank_accounts.DOCUMENT_KIND)
    return {path.name for path in folder.iterdir()} if folder.exists() else set()


def _nothing_half_written(siret: str, proofs_before: set[str]) -> None:
    with db.transaction(write=False) as session:
        offerer = session.exec(select(Offerer).where(Offerer.siren == SIREN)).one()
        [venue] = session.exec(select(Venue).where(Venue.offerer_id == offerer.id)).all()
        [account] = session.exec(select(BankAccount).where(BankAccount.offerer_id == offerer.id))
        links = session.exec(
            select(VenueBankAccountLink.venue_id).where(
                VenueBankAccountLink.bank_account_id == account.id
            )
        ).all()
    assert offerer.validation_status == "validated"
    assert (venue.name, venue.siret) == (VENUE, siret)
    assert (account.iban, account.status, account.proof_filename) == (
        GOOD_IBAN.replace(" ", ""),
        "accepted",
        "rib.pdf",
    )
    assert links == [venue.id]
    assert _proofs() - proofs_before == {account.proof_path}  # rule O5: the refused file left none


def test_a_new_pro_gets_validated_a_venue_and_bank_details(browser, app_url):  # rules O1, O2, O5
    proofs_before = _proofs()
    pro_context = new_context(browser, app_url, viewport=DESKTOP)
    page = pro_context.new_page()
    admin_context = new_context(browser, app_url, viewport=DESKTOP)
    admin = admin_context.new_page()

    _sign_up_and_verify(page)

    admin.goto("/admin/connexion")
    expect_accessible(admin)
    fill_sign_in(admin, factories.make_user(Role.ADMIN).email)
    expect_path(admin, "/admin")
    _admin_validates(admin)

    siret = _creates_the_venue(page)
    _submits_bank_details(page)
    _admin_accepts_the_bank_details(admin)

    # Usable on a 1024 × 768 screen too.
    page.set_viewport_size(TABLET)
    page.reload()
    expect(page.get_by_text("Validé", exact=True)).to_be_visible()
    screenshot(page, "pro-onboarding-bank-details-accepted-1024")
    expect_accessible(page)
    pro_context.close()
    admin_context.close()

    _nothing_half_written(siret, proofs_before)
