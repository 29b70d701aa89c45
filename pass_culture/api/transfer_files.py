"""The SEPA transfer file of a payment run (issue 10 point 4): /admin/paiements/<run
id>/virements.xml with the admin session cookie (services/sepa.py)."""

import asyncio

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from pass_culture.api.documents import HEADERS
from pass_culture.models import Surface
from services import auth, payment_admin, sepa
from services.errors import DomainError, Forbidden, NotFound
from services.identifiers import parse_id

COOKIE = f"pc_session_{Surface.ADMIN}"
SIGN_IN = "Connectez-vous au back-office pour télécharger ce fichier."


def _text(message: str, status_code: int) -> PlainTextResponse:
    return PlainTextResponse(message, status_code=status_code, headers=HEADERS)


async def sepa_transfer_file(request: Request) -> Response:
    token = request.cookies.get(COOKIE, "")
    user = await asyncio.to_thread(auth.user_for_token, token, Surface.ADMIN)
    if user is None:
        return _text(SIGN_IN, 401)
    run_id = parse_id(request.path_params["run_id"])
    try:
        if run_id is None:
            raise payment_admin.missing_run()
        found = await asyncio.to_thread(sepa.transfer_file, user.id, run_id)
    except Forbidden:  # no longer an admin since the session was read
        return _text(SIGN_IN, 401)
    except NotFound as missing:
        return _text(missing.message, 404)
    except DomainError as refusal:  # not finished, no transfer in it
        return _text(refusal.message, 409)
    disposition = f'attachment; filename="{found.filename}"'
    return Response(
        found.content,
        media_type="application/xml",
        headers=HEADERS | {"Content-Disposition": disposition},
    )
