"""Bank details proofs (rule O5): /pro/documents/rib/<account id> with the pro session
cookie, /admin/documents/rib/<account id> with the admin one. Who may read it is decided
in services.bank_accounts (validated members of the structure, admins); anyone else gets
the same 404 as for a missing account (O7)."""

import asyncio

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from pass_culture.api.private import HEADERS, signed_in, text
from pass_culture.models import Surface
from services import bank_accounts
from services.errors import NotFound
from services.identifiers import parse_id

MISSING = "Document introuvable."


def _proof_route(surface: Surface):
    async def proof(request: Request) -> Response:
        account_id = parse_id(request.path_params["account_id"])
        user = await signed_in(request, surface)
        try:
            if user is None or account_id is None:
                raise NotFound("bank_account_not_found", MISSING)
            found = await asyncio.to_thread(bank_accounts.proof_file, user, account_id)
        except NotFound:
            return text(MISSING, 404)
        return FileResponse(
            found.path,
            media_type=found.media_type,
            filename=found.filename,
            content_disposition_type="inline",
            headers=HEADERS,
        )

    return proof


pro_bank_proof = _proof_route(Surface.PRO)
admin_bank_proof = _proof_route(Surface.ADMIN)
