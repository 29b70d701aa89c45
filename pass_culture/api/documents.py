"""Bank details proofs (rule O5): /pro/documents/rib/<account id> with the pro session
cookie, /admin/documents/rib/<account id> with the admin one. Who may read it is decided
in services.bank_accounts (validated members of the structure, admins); anyone else gets
the same 404 as for a missing account (O7)."""

import asyncio

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

from pass_culture.models import Surface
from services import auth, bank_accounts
from services.errors import NotFound
from services.identifiers import parse_id

HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex",
}
MISSING = "Document introuvable."


def _proof_route(surface: Surface):
    cookie = f"pc_session_{surface}"

    async def proof(request: Request) -> Response:
        account_id = parse_id(request.path_params["account_id"])
        token = request.cookies.get(cookie, "")
        user = await asyncio.to_thread(auth.user_for_token, token, surface)
        try:
            if user is None or account_id is None:
                raise NotFound("bank_account_not_found", MISSING)
            found = await asyncio.to_thread(bank_accounts.proof_file, user, account_id)
        except NotFound:
            return PlainTextResponse(MISSING, status_code=404, headers=HEADERS)
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
