"""Identity documents (issue 9): /admin/documents/identite/<check id> for admins (shown in
the identities queue, a PDF inside a same-origin frame) and /documents/identite/<check id>
for the young user who sent it. Never cached; another young user's reads as missing."""

import asyncio

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from pass_culture.api.private import HEADERS, signed_in, text
from pass_culture.models import Surface
from services import identity_checks, identity_review
from services.errors import DomainError, Forbidden
from services.identifiers import parse_id

ADMIN_PREFIX = "/admin/documents/identite/"


async def _serve(request: Request, surface: Surface, read) -> Response:
    user = await signed_in(request, surface)
    if user is None:
        return text("Connectez-vous pour voir ce document.", 401)
    check_id = parse_id(request.path_params["check_id"])
    if check_id is None:
        return text("Ce document n'existe pas.", 404)
    try:
        path, media_type = await asyncio.to_thread(read, user.id, check_id)
    except Forbidden as refusal:
        return text(refusal.message, 403)
    except DomainError as missing:
        return text(missing.message, 404)
    return FileResponse(
        path,
        media_type=media_type,
        headers=HEADERS | {"Content-Disposition": "inline"},
    )


async def admin_identity_document(request: Request) -> Response:
    return await _serve(request, Surface.ADMIN, identity_review.document_for_admin)


async def own_identity_document(request: Request) -> Response:
    return await _serve(request, Surface.YOUTH, identity_checks.own_document)
