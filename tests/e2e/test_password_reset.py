"""Password reset in the browser: « Mot de passe oublié ? » on the sign-in page, the link
read from the email outbox, a new password under rule O2, the link used only once."""

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from pass_culture import db
from pass_culture.models import EmailOutbox
from tests import factories
from tests.e2e.browser import expect_accessible, expect_path, screenshot, sign_in

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "Nouveau-Secret-2026"


def _mails_to(address: str) -> list[EmailOutbox]:
    with db.transaction(write=False) as session:
        return list(session.exec(select(EmailOutbox).where(EmailOutbox.to_address == address)))


def _link_in(mail: EmailOutbox) -> str:
    [link] = re.findall(r"https?://\S+/nouveau-mot-de-passe\?\S+", mail.body_text)
    return link


def test_a_pro_resets_the_password_and_the_link_then_stops_working(page, browser, app_url):
    pro = factories.make_pro(factories.make_offerer(), first_name="Karim")
    # Signed in elsewhere: that session ends with the new password.
    elsewhere = browser.new_context(base_url=app_url, locale="fr-FR")
    other = elsewhere.new_page()
    sign_in(other, "/pro/connexion", pro.email)
    expect_path(other, "/pro")

    page.goto("/pro/connexion")
    page.get_by_role("link", name="Mot de passe oublié\u00a0?").click()
    expect_path(page, "/pro/mot-de-passe-oublie")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mot de passe oublié")
    expect_accessible(page)
    page.get_by_label("Adresse email").fill(pro.email)
    page.get_by_role("button", name="Recevoir le lien").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Si un compte existe avec cette adresse, vous allez recevoir un email"
    )
    screenshot(page, "reset-requested")
    expect(page.get_by_role("status")).to_be_visible()

    [mail] = _mails_to(pro.email)
    assert mail.body_text.startswith("Bonjour Karim,")
    link = _link_in(mail)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau mot de passe")
    password = page.get_by_label("Nouveau mot de passe", exact=True)
    confirmation = page.get_by_label("Confirmation du nouveau mot de passe")
    expect(password).to_have_accessible_description(re.compile("Au moins 12 caractères"))
    expect_accessible(page)

    # Rule O2 and the confirmation, in French; nothing saved.
    password.fill("court")
    confirmation.fill("court")
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Le mot de passe doit contenir au moins 12 caractères, une majuscule, un chiffre, "
        "un caractère spécial."
    )
    password.fill(NEW_PASSWORD)
    confirmation.fill(NEW_PASSWORD + "x")
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Les deux mots de passe saisis ne sont pas identiques."
    )
    screenshot(page, "reset-new-password-error")

    confirmation.fill(NEW_PASSWORD)
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    expect(page.get_by_role("status")).to_contain_text("Mot de passe enregistré.")
    screenshot(page, "reset-done")
    page.get_by_role("link", name="Se connecter à l'espace professionnel").click()
    expect_path(page, "/pro/connexion")
    sign_in(page, "/pro/connexion", pro.email, NEW_PASSWORD)
    expect_path(page, "/pro")

    # The other session has ended; the old password no longer opens the portal.
    other.goto("/pro")
    expect_path(other, "/pro/connexion")
    sign_in(other, "/pro/connexion", pro.email)
    expect(other.get_by_role("alert")).to_have_text("Adresse email ou mot de passe incorrect.")
    elsewhere.close()

    # The link cannot be used twice; it offers to ask for a new one at the pro door.
    page.goto(link)
    expect(page.get_by_role("alert")).to_have_text(
        "Ce lien n'est plus valable\u00a0: il a expiré ou a déjà servi. Demander un nouveau lien"
    )
    expect(page.get_by_label("Nouveau mot de passe", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Demander un nouveau lien")).to_have_attribute(
        "href", "/pro/mot-de-passe-oublie"
    )
    screenshot(page, "reset-link-used")
    expect_accessible(page)


def test_an_unknown_email_gets_the_same_answer_in_the_youth_wording(mobile_page):
    page = mobile_page
    page.goto("/connexion")
    page.get_by_role("link", name="Mot de passe oublié\u00a0?").click()
    expect_path(page, "/mot-de-passe-oublie")
    expect(page.get_by_text("Indique l'adresse email de ton compte")).to_be_visible()
    expect_accessible(page)

    page.get_by_label("Adresse email").fill("personne@example.fr")
    page.get_by_role("button", name="Recevoir le lien").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Si un compte existe avec cette adresse, tu vas recevoir un email"
    )
    assert _mails_to("personne@example.fr") == []
    screenshot(page, "reset-requested-youth")
    page.get_by_role("link", name="Retour à la connexion").click()
    expect_path(page, "/connexion")


def test_admin_sign_in_page_offers_the_reset_in_the_vous_wording(page):
    page.goto("/admin/connexion")
    page.get_by_role("link", name="Mot de passe oublié\u00a0?").click()
    expect_path(page, "/admin/mot-de-passe-oublie")
    expect(page.get_by_text("Indiquez l'adresse email de votre compte")).to_be_visible()
    expect_accessible(page)
