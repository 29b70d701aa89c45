"""An admin reads what was sent to whom (/admin/emails): statuses, filters, one message;
and the links of the emails open the app."""

import re
import secrets
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from pass_culture import clock, db
from pass_culture.models import EmailOutbox, Role
from pass_culture.settings import Settings
from services import mail_templates
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


def _outbox(domain: str) -> None:
    """Four emails to addresses of `domain` (other tests write to the same outbox)."""
    now = clock.utcnow()
    rows = [
        EmailOutbox(
            to_address=f"ines.moreau@{domain}",
            subject="Votre réservation : Les Misérables",
            body_text="Bonjour Inès,\n\nVotre réservation est confirmée.\n"
            "Votre contremarque : KL7PQ2\n",
            template="booking_confirmation",
            created_at=now - timedelta(hours=3),
            sent_at=now - timedelta(hours=3) + timedelta(seconds=40),
            attempts=1,
        ),
        EmailOutbox(
            to_address=f"librairie@{domain}",
            subject="Nouvelle réservation : Les Misérables",
            body_text="Nouvelle réservation.\n",
            template="booking_new_pro",
            created_at=now - timedelta(hours=2),
            attempts=2,
            next_attempt_at=now + timedelta(minutes=4),
            last_error="451 4.3.0 Réessayez plus tard",
        ),
        EmailOutbox(
            to_address=f"inconnu@{domain}",
            subject="Réservation annulée : Le Cid",
            body_text="Votre réservation est annulée.\n",
            template="booking_cancelled",
            created_at=now - timedelta(hours=1),
            attempts=1,
            failed_at=now - timedelta(minutes=59),
            last_error="550 5.1.1 Boîte aux lettres inconnue",
        ),
        EmailOutbox(
            to_address=f"camille@{domain}",
            subject="Pensez à retirer votre réservation : Dune",
            body_text="Bonjour Camille,\n",
            template="booking_expiry_reminder",
            created_at=now,
        ),
    ]
    with db.transaction() as session:
        session.add_all(rows)


def test_an_admin_reads_what_was_sent_to_whom(desktop: Page):
    page = desktop
    domain = f"courriel-{secrets.token_hex(3)}.fr"
    _outbox(domain)
    admin = factories.make_user(Role.ADMIN, first_name="Alix")
    sign_in(page, "/admin/connexion", admin.email)
    expect_path(page, "/admin")
    page.goto("/admin/emails")
    expect(page.get_by_role("heading", level=1)).to_have_text("Emails envoyés")
    # The app under test has no SMTP server: the admins are told why nothing leaves.
    expect(page.get_by_text("Aucun serveur SMTP n’est configuré (SMTP_HOST)")).to_be_visible()

    page.get_by_label("Destinataire (tout ou partie de l’adresse)").fill(domain)
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_text("4 emails", exact=True)).to_be_visible()
    table = page.get_by_role("table")
    rows = table.get_by_role("row")
    expect(rows).to_have_count(5)  # the heading row, then the most recent first
    expect(rows.nth(1)).to_contain_text(f"camille@{domain}")
    expect(rows.nth(1)).to_contain_text("en attente")
    expect(rows.nth(2)).to_contain_text("échec : 550 5.1.1 Boîte aux lettres inconnue")
    expect(rows.nth(3)).to_contain_text("nouvel essai le ")
    expect(rows.nth(3)).to_contain_text("Nouvelle réservation (pro)")
    expect(rows.nth(4)).to_contain_text("envoyé le ")
    expect_accessible(page)
    screenshot(page, "admin-emails")
    page.set_viewport_size({"width": 1024, "height": 768})  # still usable on a tablet
    screenshot(page, "admin-emails-1024")
    page.set_viewport_size(DESKTOP)

    page.get_by_label("Modèle").select_option(label="Réservation annulée (jeune)")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_text("1 email", exact=True)).to_be_visible()
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text(f"inconnu@{domain}")

    page.get_by_role("button", name="Réinitialiser").click()
    page.get_by_label("Destinataire (tout ou partie de l’adresse)").fill(f"ines.moreau@{domain}")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_text("1 email", exact=True)).to_be_visible()
    page.get_by_role(
        "button", name=f"Lire l’email « Votre réservation : Les Misérables » à ines.moreau@{domain}"
    ).click()
    dialog = page.get_by_role("dialog", name="Votre réservation : Les Misérables")
    expect(dialog).to_be_visible()
    text = dialog.get_by_role("document", name="Texte de l’email")
    expect(text).to_have_text(
        "Bonjour Inès,\n\nVotre réservation est confirmée.\nVotre contremarque : KL7PQ2\n",
        use_inner_text=True,
    )
    expect(dialog).to_contain_text("Tentatives d’envoi")
    # The dialog fades in: axe reads colours once it is opaque.
    page.wait_for_function("document.getAnimations().every(a => a.playState === 'finished')")
    expect_accessible(page)
    screenshot(page, "admin-emails-message")
    dialog.get_by_role("button", name="Fermer").click()
    expect(dialog).to_be_hidden()


def test_a_pro_is_sent_to_the_admin_sign_in(page: Page):
    pro = factories.make_pro(factories.make_offerer())
    sign_in(page, "/pro/connexion", pro.email)
    expect_path(page, "/pro")
    page.goto("/admin/emails")
    expect_path(page, "/admin/connexion")


@pytest.mark.parametrize(
    ("template", "sign_in_path"),
    [("booking_confirmation", "/connexion"), ("booking_new_pro", "/pro/connexion")],
)
def test_the_links_of_an_email_open_the_app(page: Page, app_url, template, sign_in_path):
    row = EmailOutbox(
        id=1,
        to_address="ines@example.fr",
        subject="Votre réservation",
        body_text="Bonjour,\n",
        template=template,
        created_at=clock.utcnow(),
    )
    html = mail_templates.html_page(row, Settings(PUBLIC_URL=app_url))
    links = re.findall(r'<a href="([^"]+)"', html)

    assert links and all(link.startswith(app_url + "/") for link in links)
    for link in links:
        page.goto(link)
        expect_path(page, sign_in_path)  # the page exists and asks who you are
        expect(page.get_by_role("heading", name="Page introuvable")).to_have_count(0)
