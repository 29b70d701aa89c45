"""What an outbox row looks like once sent: a French multipart/alternative email.

Rendered at send time from the row: the plain text part is the row's text and a footer;
the HTML part wraps the row's HTML (or its text, escaped, its web addresses turned into
links) between a "pass Culture" header and the same footer. The footer's links are
absolute, built from `settings.public_url`.
"""

import html
import re
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from pass_culture.models import EmailOutbox
from pass_culture.settings import Settings

PURPLE = "#320096"
_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)»]")
_FALLBACK_DOMAIN = "passculture.local"


def message_id(row: EmailOutbox, settings: Settings) -> str:
    """Stable for a row: a resend after a crash carries the same Message-ID, so the
    receiving side can recognise it (the creation instant keeps ids unique across a
    database that starts over)."""
    domain = parseaddr(settings.mail_from)[1].rpartition("@")[2] or _FALLBACK_DOMAIN
    return f"<outbox-{row.id}.{row.created_at:%Y%m%d%H%M%S%f}@{domain}>"


def _footer_link(row: EmailOutbox, settings: Settings) -> tuple[str, str]:
    base = settings.public_url.rstrip("/")
    if row.template.endswith("_pro"):
        return "Votre espace professionnel", f"{base}/pro"
    return "Vos réservations", f"{base}/reservations"


def footer_text(row: EmailOutbox, settings: Settings) -> str:
    label, url = _footer_link(row, settings)
    return (
        f"{label} : {url}\n\n"
        "pass Culture — cet email vous a été envoyé automatiquement, merci de ne pas y répondre."
    )


def linked(text: str) -> str:
    """`text` escaped for HTML, its web addresses made into links."""
    parts, last = [], 0
    for match in _URL.finditer(text):
        parts.append(html.escape(text[last : match.start()]))
        url = html.escape(match.group(0))
        parts.append(f'<a href="{url}" style="color:{PURPLE}">{url}</a>')
        last = match.end()
    parts.append(html.escape(text[last:]))
    return "".join(parts)


def text_to_html(text: str) -> str:
    """Paragraphs at blank lines, line breaks kept, everything escaped."""
    paragraphs = [p.strip("\n") for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n".join(
        f'<p style="margin:0 0 1em">{linked(p).replace(chr(10), "<br>")}</p>' for p in paragraphs
    )


def html_page(row: EmailOutbox, settings: Settings) -> str:
    body = row.body_html or text_to_html(row.body_text)
    footer = text_to_html(footer_text(row, settings))
    return f"""<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>{html.escape(row.subject)}</title></head>
<body style="margin:0;background:#f4f4f6;font-family:Arial,Helvetica,sans-serif;color:#1c1c1c">
<div style="max-width:600px;margin:0 auto;background:#ffffff">
<div style="background:{PURPLE};color:#ffffff;padding:16px 24px;font-size:20px;font-weight:bold">\
pass Culture</div>
<div style="padding:24px;font-size:16px;line-height:1.5">
{body}
</div>
<div style="padding:16px 24px;border-top:1px solid #dddddd;font-size:13px;color:#555555">
{footer}
</div>
</div>
</body>
</html>
"""


def render(row: EmailOutbox, settings: Settings) -> EmailMessage:
    """The email of an outbox row: headers, a plain text part and an HTML part (UTF-8)."""
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = row.to_address
    message["Subject"] = row.subject
    message["Date"] = format_datetime(row.created_at)
    message["Message-ID"] = message_id(row, settings)
    message["Content-Language"] = "fr"
    message.set_content(f"{row.body_text.rstrip()}\n\n-- \n{footer_text(row, settings)}\n")
    message.add_alternative(html_page(row, settings), subtype="html")
    return message
