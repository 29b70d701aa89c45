"""Structures in the back office (rule O2), as an admin does it on a desktop: the queue
filtered, one structure validated, two decided in batch (one rejected with a reason,
one already validated meanwhile), the history opened, and a SIREN searched."""

import re

import pytest
from playwright.sync_api import Page, expect

from pass_culture import db
from pass_culture.models import Offerer, Role
from services import offerer_validation
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, settled, sign_in
from tests.e2e.outbox import templates_to

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def desktop(browser, app_url) -> Page:
    context = browser.new_context(base_url=app_url, locale="fr-FR", viewport=DESKTOP)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _status(offerer: Offerer) -> str:
    with db.transaction(write=False) as session:
        return session.get(Offerer, offerer.id).validation_status


def test_an_admin_validates_rejects_in_batch_reads_the_history_and_searches(desktop):
    page = desktop
    admin = factories.make_user(Role.ADMIN, first_name="Alex", last_name="Valide")
    other_admin = factories.make_user(Role.ADMIN)
    tag = "Quaizz"  # only this test's structures match it
    kept = factories.make_offerer(validated=False, name=f"Librairie {tag}", city="Brest")
    kept_pro = factories.make_pro(kept, email="libraire@quaizz.fr")
    factories.make_venue(kept, name="Librairie Quaizz — Port")
    refused = factories.make_offerer(validated=False, name=f"École {tag}", city="Quimper")
    refused_pro = factories.make_pro(refused, email="direction@quaizz.fr")
    raced = factories.make_offerer(validated=False, name=f"Cinéma {tag}", city="Morlaix")

    sign_in(page, "/admin/connexion", admin.email)
    expect_path(page, "/admin")
    queues = page.locator("#queue")
    expect(
        queues.get_by_role("link", name=re.compile(r"\d+ ?Nouvelles structures"))
    ).to_be_visible()
    expect_accessible(page)
    queues.get_by_role("link", name=re.compile("Nouvelles structures")).click()
    expect_path(page, "/admin/structures?statut=pending")
    expect(page.get_by_role("heading", level=1)).to_have_text("Structures à valider")

    page.get_by_label("Nom, SIREN, code postal, ville ou email d’un membre").fill(tag.lower())
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("button", name="Nouvelle (3)")).to_have_attribute(
        "aria-pressed", "true"
    )
    table = page.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(4)  # the header and three structures
    row = table.get_by_role("row", name=re.compile(f"Librairie {tag}"))
    expect(row).to_contain_text("libraire@quaizz.fr")
    screenshot(page, "admin-structures-queue")
    expect_accessible(page)

    # One validated alone, with an internal comment.
    row.get_by_role("button", name=f"Valider Librairie {tag}").click()
    dialog = page.get_by_role("dialog", name="Valider la structure")
    dialog.get_by_label("Commentaire interne (facultatif)").fill("Kbis reçu")
    settled(page)
    expect_accessible(page)
    dialog.get_by_role("button", name="Valider la structure").click()
    expect(page.locator("#flashes")).to_contain_text(f"La structure Librairie {tag} a été validée.")
    expect(table.get_by_role("row")).to_have_count(3)
    assert _status(kept) == "validated"
    assert "offerer_validated_pro" in templates_to(kept_pro.email)

    # Another admin validates the cinema meanwhile; the batch rejects both: one per message.
    offerer_validation.decide(other_admin.id, [raced.id], "validate")
    page.get_by_role("checkbox", name=f"Sélectionner École {tag}").click()
    page.get_by_role("checkbox", name=f"Sélectionner Cinéma {tag}").click()
    page.get_by_role("button", name="Rejeter la sélection").click()
    dialog = page.get_by_role("dialog", name="Rejeter les 2 structures")
    dialog.get_by_role("button", name="Rejeter les 2 structures").click()
    expect(dialog.get_by_role("alert")).to_have_text("Choisissez le motif du rejet.")
    dialog.get_by_label("Motif du rejet (envoyé à la structure)").select_option(
        label="Erreur jeune ou établissement scolaire"
    )
    settled(page)
    screenshot(page, "admin-structures-reject-dialog")
    expect_accessible(page)
    dialog.get_by_role("button", name="Rejeter les 2 structures").click()
    flashes = page.locator("#flashes")
    expect(flashes).to_contain_text(f"La structure École {tag} a été rejetée.")
    expect(flashes).to_contain_text(f"La structure Cinéma {tag} est déjà validée.")
    expect(page.get_by_role("button", name="Rejetée (1)")).to_be_visible()
    assert (_status(refused), _status(raced)) == ("rejected", "validated")
    assert "offerer_rejected_pro" in templates_to(refused_pro.email)
    screenshot(page, "admin-structures-flashes")

    # The history of the rejected structure, and a comment added to it.
    page.get_by_role("button", name="Rejetée (1)").click()
    page.get_by_role("link", name=f"École {tag}").click()
    expect_path(page, f"/admin/structures/{refused.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"École {tag}")
    history = page.get_by_role("table", name="Historique")
    expect(history.get_by_role("row").nth(1)).to_contain_text("Nouvelle → Rejetée")
    expect(history.get_by_role("row").nth(1)).to_contain_text(
        "Erreur jeune ou établissement scolaire"
    )
    expect(history).to_contain_text("Alex Valide")
    page.get_by_label("Ajouter un commentaire interne").fill("Lycée : orienté vers ADAGE.")
    page.get_by_role("button", name="Ajouter le commentaire").click()
    expect(page.get_by_role("status")).to_have_text("Commentaire ajouté à l’historique.")
    expect(history.get_by_role("row").nth(1)).to_contain_text("Lycée : orienté vers ADAGE.")
    screenshot(page, "admin-structure-history")
    expect_accessible(page)

    # The search by SIREN (typed with spaces) leads back to the structure.
    nav = page.get_by_role("navigation", name="Navigation du back-office")
    nav.get_by_role("link", name="Recherche").click()
    expect_path(page, "/admin/recherche")
    box = page.get_by_label("Nom, email, SIREN, SIRET ou code postal")
    box.fill("a")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("alert")).to_have_text("Saisissez au moins 2 caractères pour chercher.")
    siren = kept.siren
    box.fill(f"{siren[:3]} {siren[3:6]} {siren[6:]}")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("heading", level=2, name="Structures (1)")).to_be_visible()
    expect(page.get_by_role("link", name=f"Librairie {tag}", exact=True)).to_be_visible()
    expect(page.get_by_text("Librairie Quaizz — Port")).to_be_visible()
    screenshot(page, "admin-search")
    expect_accessible(page)

    # The journal names the new actions and links to the structure.
    nav.get_by_role("link", name="Journal").click()
    journal = page.get_by_role("table")
    expect(journal.get_by_role("row").nth(1)).to_contain_text("Commentaire")
    expect(journal).to_contain_text("Structure rejetée")
    expect(journal).to_contain_text("Motif : Erreur jeune ou établissement scolaire")
    expect(journal.get_by_role("link", name=f"Structure n° {refused.id}").first).to_be_visible()

    # Usable on a 1024 × 768 screen: the queue fits the window.
    page.set_viewport_size({"width": 1024, "height": 768})
    nav.get_by_role("link", name="Structures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Structures à valider")
    page.get_by_role("button", name=re.compile(r"^Validée \(")).click()
    expect(page.get_by_role("link", name=f"Librairie {tag}")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "admin-structures-1024")
