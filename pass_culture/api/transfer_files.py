"""The SEPA transfer file of a payment run (issue 10 point 4): /admin/paiements/<run
id>/virements.xml with the admin session cookie (services/sepa.py)."""

import asyncio

from starlette.requests import Request
from starlette.responses import Response

from pass_culture.api.private import attachment, signed_in, text
from pass_culture.models import Surface
from services import payment_admin, sepa
from services.errors import DomainError, Forbidden, NotFound
from services.identifiers import parse_id

SIGN_IN = "Connectez-vous au back-office pour télécharger ce fichier."


async def sepa_transfer_file(request: Request) -> Response:
    user = await signed_in(request, Surface.ADMIN)
    if user is None:
        return text(SIGN_IN, 401)
    run_id = parse_id(request.path_params["run_id"])
    try:
        if run_id is None:
            raise payment_admin.missing_run()
        found = await asyncio.to_thread(sepa.transfer_file, user.id, run_id)
    except Forbidden:  # no longer an admin since the session was read
        return text(SIGN_IN, 401)
    except NotFound as missing:
        return text(missing.message, 404)
    except DomainError as refusal:  # not finished, no transfer in it
        return text(refusal.message, 409)
    return Response(found.content, media_type="application/xml", headers=attachment(found.filename))
