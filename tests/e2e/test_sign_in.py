"""Signing in and out of the three surfaces, as a person does it in the browser."""

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from pass_culture import db
from pass_culture.models import LoginAttempt, Role, Surface
from services import auth
from tests import factories
from tests.e2e.browser import expect_path, screenshot, sign_in

pytestmark = pytest.mark.e2e


def _young_user():
    user, _deposit = factories.make_beneficiary(first_name="Léa", last_name="Dupont")
    return user


def _pro():
    return factories.make_pro(factories.make_offerer(), first_name="Karim", last_name="Benali")


def _admin():
    return factories.make_user(Role.ADMIN, first_name="Agnès", last_name="Roux")


def test_young_user_signs_in_on_the_phone_and_is_greeted(mobile_page):
    page = mobile_page
    user = _young_user()

    page.goto("/")
    expect_path(page, "/connexion")
    screenshot(page, "youth-login")
    sign_in(page, "/connexion", user.email)

    expect_path(page, "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Léa\u00a0!")
    expect(page.get_by_role("navigation", name="Navigation principale")).to_be_visible()
    screenshot(page, "youth-home")


@pytest.mark.parametrize(
    ("make_user", "login_path", "home_path", "heading", "home_heading", "role_label", "name"),
    [
        (
            _pro,
            "/pro/connexion",
            "/pro",
            "Espace professionnel",
            "Bonjour Karim",
            "Professionnel",
            "pro",
        ),
        (
            _admin,
            "/admin/connexion",
            "/admin",
            "Back-office",
            "Back-office",
            "Administrateur",
            "admin",
        ),
    ],
)
def test_pro_and_admin_sign_in_and_see_who_is_signed_in(
    page, make_user, login_path, home_path, heading, home_heading, role_label, name
):
    user = make_user()

    page.goto(home_path)
    expect_path(page, login_path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    screenshot(page, f"{name}-login")
    sign_in(page, login_path, user.email)

    expect_path(page, home_path)
    expect(page.get_by_role("heading", level=1)).to_have_text(home_heading)
    expect(page.get_by_text(f"Connecté en tant que {user.full_name}")).to_be_visible()
    expect(page.get_by_text(user.email)).to_be_visible()
    expect(page.get_by_text(role_label, exact=True)).to_be_visible()
    screenshot(page, f"{name}-home")


def test_wrong_password_is_refused_in_french(page):
    user = _pro()

    sign_in(page, "/pro/connexion", user.email, "Pas-le-bon-2026!")

    expect(page.get_by_role("alert")).to_have_text("Adresse email ou mot de passe incorrect.")
    expect_path(page, "/pro/connexion")
    screenshot(page, "login-error")
    # Counted as a wrong password from the browser's own address (the single-port server
    # sees the peer directly; no proxy header is trusted by default).
    with db.transaction(write=False) as session:
        [attempt] = session.exec(select(LoginAttempt).where(LoginAttempt.email == user.email))
    assert (attempt.client_ip, attempt.wrong_password) == ("127.0.0.1", True)


def test_young_user_is_refused_on_the_pro_door_and_kept_out_of_pro(page):
    user = _young_user()

    sign_in(page, "/pro/connexion", user.email)
    expect(page.get_by_role("alert")).to_have_text(
        "Ce compte n'a pas accès à l'espace professionnel. Se connecter à l'application jeunes"
    )
    screenshot(page, "login-wrong-door")

    # The link leads to their own door, where they sign in.
    page.get_by_role("link", name="Se connecter à l'application jeunes").click()
    expect_path(page, "/connexion")
    sign_in(page, "/connexion", user.email)
    expect_path(page, "/")
    # Signed in on the youth app, the pro portal still sends them to its own sign-in.
    page.goto("/pro")
    expect_path(page, "/pro/connexion")


def test_pro_is_refused_on_the_admin_door(page):
    user = _pro()

    # Again and again: a right password at the wrong door never slows the account.
    for _ in range(7):
        sign_in(page, "/admin/connexion", user.email)
        alert = page.get_by_role("alert")
        expect(alert).to_have_text(
            "Ce compte n'a pas accès au back-office. Se connecter à l'espace professionnel"
        )
    expect(alert.get_by_role("link")).to_have_attribute("href", "/pro/connexion")

    sign_in(page, "/pro/connexion", user.email)
    expect_path(page, "/pro")
    page.goto("/admin")
    expect_path(page, "/admin/connexion")


def test_after_signing_out_the_protected_page_asks_to_sign_in(page):
    user = _pro()
    sign_in(page, "/pro/connexion", user.email)
    expect_path(page, "/pro")
    [cookie] = [c for c in page.context.cookies() if c["name"] == "pc_session_pro"]
    assert cookie["sameSite"] == "Strict"

    page.get_by_role("button", name="Se déconnecter").click()

    expect_path(page, "/pro/connexion")
    assert "pc_session_pro" not in {c["name"] for c in page.context.cookies()}
    assert auth.user_for_token(cookie["value"], Surface.PRO) is None
    page.goto("/pro")
    expect_path(page, "/pro/connexion")


def test_sign_in_with_the_keyboard_only(page):
    user = _admin()
    page.goto("/admin/connexion")
    expect(page.get_by_role("button", name="Se connecter")).to_be_enabled()

    page.keyboard.press("Tab")
    expect(page.get_by_label("Adresse email")).to_be_focused()
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Mot de passe")).to_be_focused()
    page.keyboard.type(factories.PASSWORD)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Se connecter")).to_be_focused()
    screenshot(page, "login-keyboard-focus")
    page.keyboard.press("Enter")

    expect_path(page, "/admin")
    expect(page.get_by_text(f"Connecté en tant que {user.full_name}")).to_be_visible()
