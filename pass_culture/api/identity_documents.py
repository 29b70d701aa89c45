"""Identity documents (issue 9): /admin/documents/identite/<check id> for admins (shown in
the identities queue, a PDF inside a same-origin frame) and /documents/identite/<check id>
for the young user who sent it. Never cached; another young user's reads as missing."""

import asyncio

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

from pass_culture.models import Surface
from services import auth, identity_checks, identity_review
from services.errors import DomainError, Forbidden
from services.identifiers import parse_id

HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex",
}
ADMIN_PREFIX = "/admin/documents/identite/"


def _text(message: str, status_code: int) -> PlainTextResponse:
    return PlainTextResponse(message, status_code=status_code, headers=HEADERS)


async def _serve(request: Request, surface: Surface, read) -> Response:
    token = request.cookies.get(f"pc_session_{surface}", "")
    user = await asyncio.to_thread(auth.user_for_token, token, surface)
    if user is None:
        return _text("Connectez-vous pour voir ce document.", 401)
    check_id = parse_id(request.path_params["check_id"])
    if check_id is None:
        return _text("Ce document n'existe pas.", 404)
    try:
        path, media_type = await asyncio.to_thread(read, user.id, check_id)
    except Forbidden as refusal:
        return _text(refusal.message, 403)
    except DomainError as missing:
        return _text(missing.message, 404)
    return FileResponse(
        path,
        media_type=media_type,
        headers=HEADERS | {"Content-Disposition": "inline"},
    )


async def admin_identity_document(request: Request) -> Response:
    return await _serve(request, Surface.ADMIN, identity_review.document_for_admin)


async def own_identity_document(request: Request) -> Response:
    return await _serve(request, Surface.YOUTH, identity_checks.own_document)
