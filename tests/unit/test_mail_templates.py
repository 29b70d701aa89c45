"""Rendering an outbox row into a French multipart email (no database, no server)."""

from datetime import UTC, datetime

from pass_culture.models import EmailOutbox
from pass_culture.settings import Settings
from services import mail_templates

SETTINGS = Settings(PUBLIC_URL="https://pass.example.fr/", MAIL_FROM="pass Culture <nr@pc.fr>")
CREATED = datetime(2026, 3, 2, 9, 0, 5, 123456, tzinfo=UTC)


def row(**fields) -> EmailOutbox:
    values = {
        "id": 7,
        "to_address": "ines@example.fr",
        "subject": "Réservation <confirmée>",
        "body_text": "Bonjour,\n\nLigne 1\nLigne 2",
        "template": "booking_confirmation",
        "created_at": CREATED,
    }
    return EmailOutbox(**(values | fields))


def test_web_addresses_become_links_and_everything_else_is_escaped():
    text = "Voir https://pass.example.fr/offre/3?a=1&b=2. <script>alert(1)</script> & « ça »"

    html = mail_templates.linked(text)

    assert html == (
        'Voir <a href="https://pass.example.fr/offre/3?a=1&amp;b=2" style="color:#320096">'
        "https://pass.example.fr/offre/3?a=1&amp;b=2</a>. "
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; « ça »"
    )


def test_paragraphs_at_blank_lines_and_line_breaks_kept():
    assert mail_templates.text_to_html("Un\ndeux\n\n\ntrois\n") == (
        '<p style="margin:0 0 1em">Un<br>deux</p>\n<p style="margin:0 0 1em">trois</p>'
    )


def test_the_html_part_wraps_the_text_between_header_and_footer():
    page = mail_templates.html_page(row(), SETTINGS)

    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert "<title>Réservation &lt;confirmée&gt;</title>" in page
    assert page.index("pass Culture</div>") < page.index("Ligne 1<br>Ligne 2")
    assert page.index("Ligne 2") < page.index('<a href="https://pass.example.fr/reservations"')


def test_html_written_by_the_service_is_used_as_it_is():
    page = mail_templates.html_page(row(body_html="<p><strong>Déjà</strong> en HTML</p>"), SETTINGS)
    assert "<p><strong>Déjà</strong> en HTML</p>" in page
    assert "Ligne 1" not in page


def test_pro_emails_link_to_the_pro_portal():
    assert "https://pass.example.fr/pro" in mail_templates.footer_text(
        row(template="booking_new_pro"), SETTINGS
    )


def test_the_message_id_is_stable_and_names_the_row():
    first = mail_templates.render(row(), SETTINGS)
    again = mail_templates.render(row(), SETTINGS)

    assert first["Message-ID"] == again["Message-ID"] == "<outbox-7.20260302090005123456@pc.fr>"
    assert mail_templates.message_id(row(id=8), SETTINGS) != first["Message-ID"]
