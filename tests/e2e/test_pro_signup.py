"""Pro sign-up in the browser (rules O2, O4): mistakes refused in French with nothing
created, the verification link read from the outbox, sign-in refused until then, the
structure "en attente"; a second pro asks to join that SIREN, an admin sees the queue, and
the first pro (structure validated meanwhile) accepts; an invitation's link."""

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from pass_culture import db
from pass_culture.models import Offerer, Role, User, ValidationStatus
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in
from tests.e2e.outbox import link_path
from tests.e2e.pro import DESKTOP, fill_signup, new_context

pytestmark = pytest.mark.e2e

EMAIL = "claire.dupont@librairie-exemple.fr"
SIREN = factories.luhn_number("7", 9)
STRUCTURE = "Librairie des Quais"


def _users() -> int:
    with db.transaction(write=False) as session:
        return len(session.exec(select(User.id).where(User.email == EMAIL)).all())


def _sign_up(page: Page) -> None:
    page.goto("/pro/connexion")
    page.get_by_role("link", name="Créer un compte professionnel").click()
    expect_path(page, "/pro/inscription")
    rules = page.get_by_role("list", name="Votre mot de passe doit contenir :")
    page.get_by_label("Mot de passe", exact=True).press_sequentially("court")
    expect(rules.get_by_role("listitem").filter(has_text="une majuscule")).to_contain_text(
        "manquant"
    )
    expect_accessible(page)

    fill_signup(page, EMAIL, SIREN, STRUCTURE, password="court")
    expect(page.get_by_text("Le mot de passe doit contenir au moins 12 caractères")).to_be_visible()
    expect(page.get_by_label("Mot de passe", exact=True)).to_have_attribute("aria-invalid", "true")
    fill_signup(page, EMAIL, "732829321", STRUCTURE)
    expect(page.get_by_text("Ce numéro de SIREN n'est pas valide")).to_be_visible()
    screenshot(page, "pro-signup-errors")
    expect_accessible(page)
    assert _users() == 0

    page.get_by_label("SIREN de la structure").fill(SIREN)
    page.get_by_role("button", name="Créer mon compte").click()
    expect_path(page, "/pro/inscription/email-envoye")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez votre boîte mail")
    expect(page.get_by_text(STRUCTURE, exact=False)).to_be_visible()


def test_a_pro_signs_up_then_accepts_a_colleague_who_asks_to_join(browser, app_url):
    context = new_context(browser, app_url, viewport=DESKTOP)
    page = context.new_page()
    _sign_up(page)

    # Not verified yet: refused with « Renvoyer l'email ».
    sign_in(page, "/pro/connexion", EMAIL)
    expect(page.get_by_role("alert")).to_contain_text("pas encore vérifiée")
    page.get_by_role("button", name="Renvoyer l'email").click()
    expect(page.get_by_text("attendez une minute")).to_be_visible()

    page.goto(link_path(EMAIL, "/pro/inscription/verification"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre adresse est vérifiée")
    sign_in(page, "/pro/connexion", EMAIL)
    expect_path(page, "/pro")
    expect(page.get_by_text("Votre structure est en cours de validation")).to_be_visible()

    # The structure is validated (the admin queue of structures is another page); a
    # second pro asks to join it by its SIREN.
    with db.transaction() as session:
        offerer = session.exec(select(Offerer).where(Offerer.siren == SIREN)).one()
        offerer.validation_status = ValidationStatus.VALIDATED
    colleague = factories.make_user(Role.PRO, first_name="Inès", last_name="Roux")
    other = new_context(browser, app_url, viewport=DESKTOP).new_page()
    sign_in(other, "/pro/connexion", colleague.email)
    expect_path(other, "/pro")
    other.goto("/pro/structure")
    other.get_by_label("SIREN de la structure à rejoindre").fill(SIREN)
    other.get_by_role("button", name="Rejoindre").click()
    expect(other.get_by_text("Demande de rattachement en attente")).to_be_visible()
    screenshot(other, "pro-join-pending")
    expect_accessible(other)

    admin = new_context(browser, app_url, viewport=DESKTOP).new_page()
    sign_in(admin, "/admin/connexion", factories.make_user(Role.ADMIN).email)
    expect_path(admin, "/admin")
    admin.goto("/admin/rattachements")
    expect(admin.get_by_role("heading", name="En attente (1)")).to_be_visible()
    expect(admin.get_by_role("cell", name=STRUCTURE)).to_be_visible()
    screenshot(admin, "admin-memberships")
    expect_accessible(admin)

    page.goto("/pro/structure")
    page.get_by_role("button", name="Accepter la demande de Inès Roux").click()
    expect(page.get_by_role("status")).to_contain_text("Inès Roux a rejoint la structure")
    team = page.get_by_role("region", name="Équipe")
    expect(team.get_by_role("cell", name=colleague.email)).to_be_visible()

    page.get_by_label("Adresse email du collaborateur").fill("nina.leroy@example.fr")
    page.get_by_role("button", name="Inviter").click()
    expect(page.get_by_role("status")).to_contain_text("Invitation envoyée")
    screenshot(page, "pro-structure-team")
    expect_accessible(page)

    invitee = new_context(browser, app_url, viewport=DESKTOP).new_page()
    invitee.goto(link_path("nina.leroy@example.fr", "/pro/invitation"))
    expect(invitee.get_by_text(STRUCTURE)).to_be_visible()
    expect_accessible(invitee)
    invitee.get_by_role("link", name="Créer mon compte").click()
    expect(invitee.get_by_text("nina.leroy@example.fr")).to_be_visible()
    expect(invitee.get_by_label("SIREN de la structure")).to_have_count(0)
    screenshot(invitee, "pro-invited-signup")
    expect_accessible(invitee)
    for opened in (other, admin, invitee):
        opened.context.close()
    context.close()
