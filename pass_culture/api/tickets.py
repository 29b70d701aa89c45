"""The offline ticket: a self-contained page per booking (rule B9) that the service
worker keeps, so the young user can show the code and QR code without a network.

A Reflex page needs its websocket to show anything; this route answers plain HTML
(inline style, the QR code as inline SVG, no external resource) and checks the youth
session cookie itself.
"""

import asyncio
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse

from pass_culture import clock
from pass_culture.models import Surface
from services import auth, my_bookings
from services.errors import NotFound
from services.formatting import paris_datetime

COOKIE = f"pc_session_{Surface.YOUTH}"
HEADERS = {"Cache-Control": "private, no-cache", "X-Robots-Tag": "noindex"}

_STYLE = """
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
background:#f4f2f8;color:#1c1530;line-height:1.4}
header{background:#320096;color:#fff;padding:.75rem 1rem;font-weight:700;font-size:1.2rem}
main{max-width:36rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.25rem 0 1rem}
.card{background:#fff;border-radius:12px;padding:1rem;border:1px solid #d9d4e6}
.qr{display:block;width:220px;height:220px;margin:0 auto;background:#fff}
.qr svg{width:100%;height:100%;display:block}
.code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:2.25rem;
font-weight:700;letter-spacing:.3em;text-align:center;margin:.75rem 0 0}
dl{margin:1rem 0 0}dt{font-weight:600;margin-top:.75rem}dd{margin:0}
.offline{background:#fff3c4;border:1px solid #b98900;color:#4a3600;border-radius:8px;
padding:.5rem .75rem;margin-bottom:1rem}
a{color:#320096}
"""
# The line shows when the page is read without a network (a copy kept by the service
# worker, or a page left open).
_SCRIPT = """
(function(){var n=document.getElementById("hors-ligne");
function s(){n.hidden=navigator.onLine;}s();
addEventListener("online",s);addEventListener("offline",s);})();
"""


def _page(title: str, body: str, status_code: int) -> HTMLResponse:
    html = f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{escape(title)} — pass Culture</title><style>{_STYLE}</style></head>
<body><header>pass Culture</header><main>{body}</main></body></html>"""
    return HTMLResponse(html, status_code=status_code, headers=HEADERS)


def _message(title: str, text: str, link: str, link_text: str, status_code: int):
    body = f'<h1>{escape(title)}</h1><p>{escape(text)}</p><p><a href="{link}">{link_text}</a></p>'
    return _page(title, body, status_code)


def _detail(term: str, value: str) -> str:
    return f"<dt>{escape(term)}</dt><dd>{escape(value)}</dd>" if value else ""


def _ticket_page(ticket: my_bookings.Ticket) -> HTMLResponse:
    updated = paris_datetime(clock.utcnow())
    qr = (
        f'<div class="qr" role="img" aria-label="QR code de la réservation {ticket.code}">'
        f"{ticket.qr_svg}</div>"
        if ticket.qr_svg
        else ""
    )
    details = "".join(
        (
            _detail("Statut", ticket.status_label),
            _detail("Date", ticket.when or ticket.date_label),
            _detail("Lieu", ticket.venue_name),
            _detail("Adresse", ticket.address),
            _detail("Modalités de retrait", ticket.withdrawal_details),
            _detail("Places", str(ticket.quantity)),
            _detail("Prix", ticket.amount),
            _detail("Annulation", ticket.cancellation),
        )
    )
    body = (
        f'<p class="offline" id="hors-ligne" role="status" hidden>'
        f"hors ligne — mis à jour le {escape(updated)}</p>"
        f"<h1>{escape(ticket.offer_name)}</h1>"
        f'<section class="card" aria-label="Contremarque">{qr}'
        f'<p class="code" aria-label="Code de la réservation">{escape(ticket.code)}</p></section>'
        f"<dl>{details}</dl>"
        f'<p><a href="/reservations/{ticket.id}">Voir la réservation dans l’application</a></p>'
        f"<script>{_SCRIPT}</script>"
    )
    return _page(f"Billet {ticket.code}", body, 200)


async def offline_ticket(request: Request) -> HTMLResponse:
    token = request.cookies.get(COOKIE, "")
    user = await asyncio.to_thread(auth.user_for_token, token, Surface.YOUTH)
    if user is None:
        return _message(
            "Connexion nécessaire",
            "Connecte-toi pour voir ce billet.",
            "/connexion",
            "Se connecter",
            401,
        )
    try:
        ticket = await asyncio.to_thread(
            my_bookings.ticket, user.id, request.path_params["booking_id"]
        )
    except NotFound as missing:
        return _message(
            "Réservation introuvable", missing.message, "/reservations", "Mes réservations", 404
        )
    return _ticket_page(ticket)
