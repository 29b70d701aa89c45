"""Inscription on a phone: account, the link of the email, the profile, the eligibility (C1)."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from pass_culture import clock
from pass_culture.models import Role
from services import signup
from services.formatting import long_date
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

PASSWORD = "Culture-Pass-2026!"


def test_a_young_user_signs_up_verifies_the_address_and_is_eligible(mobile_page):  # C1, O2
    page = mobile_page
    # From the sign-in page, as someone new finds it.
    page.goto("/connexion")
    page.get_by_role("link", name="Crée ton compte").click()
    expect_path(page, "/inscription")
    expect_heading(page, "Crée ton compte")
    page.get_by_label("Adresse email").fill("lea.dupont@example.fr")
    password = page.get_by_label("Mot de passe", exact=True)
    password.press_sequentially("culture")
    rules = page.get_by_role("list", name="Ton mot de passe doit contenir :")
    expect(rules.get_by_role("listitem").filter(has_text="une minuscule")).to_contain_text(
        "respecté"
    )
    expect(rules.get_by_role("listitem").filter(has_text="une majuscule")).to_contain_text(
        "manquant"
    )
    screenshot(page, "youth-signup-typing")
    expect_accessible(page)
    expect_fits_the_phone(page)
    password.fill(PASSWORD)
    password.press("End")  # the live check follows fill() too
    expect(rules.get_by_text("manquant")).to_have_count(0)
    page.get_by_label("J'accepte les conditions générales d'utilisation").check()
    page.get_by_role("button", name="Créer mon compte").click()

    expect_path(page, "/inscription/email-envoye")
    expect_heading(page, "Vérifie ta boîte mail")
    expect(page.get_by_text("lea.dupont@example.fr")).to_be_visible()
    page.get_by_role("button", name="Renvoyer l'email").click()
    expect(page.get_by_role("alert")).to_contain_text("attends une minute")  # 1 a minute
    screenshot(page, "youth-signup-inbox")
    expect_accessible(page)

    page.goto(link_path("lea.dupont@example.fr"))
    expect_heading(page, "Ton adresse est vérifiée")
    expect_accessible(page)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Continuer").click()

    expect_path(page, "/inscription/profil")
    expect_heading(page, "Ton profil")
    page.get_by_label("Code postal").fill("2920")
    expect_accessible(page)
    today = clock.to_paris(clock.utcnow()).date()
    fill_profile(page, years_ago(today, 18))
    expect(page.get_by_role("status")).to_have_text(
        "Tu es éligible : prochaine étape, la vérification de ton identité."
    )
    expect(page.get_by_role("link", name="Vérifier mon identité")).to_be_visible()
    screenshot(page, "youth-signup-eligible")
    expect_accessible(page)
    expect_fits_the_phone(page)


def test_a_wrong_profile_field_is_pointed_at_in_french(mobile_page):
    page = mobile_page
    user = factories.make_user(Role.BENEFICIARY, first_name="", last_name="")
    sign_in(page, "/connexion", user.email)
    expect_path(page, "/")
    page.goto("/inscription/profil")
    expect_heading(page, "Ton profil")

    fill_profile(page, date(2008, 1, 1), postal_code="99999")
    expect(page.get_by_text("Ce code postal ne correspond à aucune commune.")).to_be_visible()
    expect(page.get_by_label("Code postal")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Prénom")).to_have_value("Léa")  # nothing typed is lost
    screenshot(page, "youth-signup-profile-error")
    expect_accessible(page)


def test_a_young_user_too_young_sees_the_day_to_come_back(mobile_page):  # rule C1
    page = mobile_page
    user = factories.make_user(Role.BENEFICIARY, first_name="", last_name="")
    sign_in(page, "/connexion", user.email)
    expect_path(page, "/")
    page.goto("/inscription/profil")
    expect_heading(page, "Ton profil")

    tomorrow = clock.to_paris(clock.utcnow()).date() + timedelta(days=1)
    fill_profile(page, years_ago(tomorrow, 18))

    expect(page.get_by_role("status")).to_have_text(
        "Le pass Culture est ouvert aux jeunes de 18 ans : tu pourras t'inscrire à partir "
        f"du {long_date(tomorrow)}."
    )
    screenshot(page, "youth-signup-too-young")
    expect_accessible(page)

    page.get_by_role("button", name="Modifier mes informations").click()
    expect(page.get_by_label("Code postal")).to_have_value("29200")


def test_a_young_user_with_a_credit_is_told_the_sign_up_is_over(mobile_page):
    page = mobile_page
    user, _deposit = factories.make_beneficiary()
    sign_in(page, "/connexion", user.email)
    expect_path(page, "/")

    page.goto("/inscription")

    expect_path(page, "/inscription/profil")
    expect(page.get_by_text("Ton inscription est terminée")).to_be_visible()


def test_a_wrong_link_says_so(mobile_page):
    page = mobile_page
    page.goto("/inscription/verification?token=nimportequoi")

    expect_heading(page, "Ce lien ne fonctionne pas")
    expect(page.get_by_role("alert")).to_contain_text("Ce lien de vérification n'est pas valide")
    screenshot(page, "youth-signup-wrong-link")
    expect_accessible(page)


def test_an_expired_link_offers_a_new_email(mobile_page):
    page = mobile_page
    signup.sign_up("tom@example.fr", PASSWORD, True, now=clock.utcnow() - timedelta(days=2))

    page.goto(link_path("tom@example.fr"))
    expect_heading(page, "Ce lien ne fonctionne pas")
    expect(page.get_by_role("alert")).to_have_text(
        "Ce lien a expiré. Demande un nouvel email de vérification."
    )
    page.get_by_role("button", name="Renvoyer l'email").click()

    expect(page.get_by_role("status")).to_contain_text("Email renvoyé")
    page.goto(link_path("tom@example.fr"))
    expect_heading(page, "Ton adresse est vérifiée")
