"""What the signed-in downloads share (documents, statements, exports, the SEPA file):
never cached, sniffed or indexed; refusals as French text; the user signed in on a
surface, read off the event loop."""

import asyncio

from starlette.requests import Request
from starlette.responses import PlainTextResponse

from pass_culture.models import Surface, User
from services import auth

HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex",
}


def text(message: str, status_code: int) -> PlainTextResponse:
    return PlainTextResponse(message, status_code=status_code, headers=HEADERS)


def attachment(filename: str) -> dict[str, str]:
    """The headers of a file to save under `filename`."""
    return HEADERS | {"Content-Disposition": f'attachment; filename="{filename}"'}


async def signed_in(request: Request, surface: Surface) -> User | None:
    """The user of the surface's session cookie, or None."""
    token = request.cookies.get(f"pc_session_{surface}", "")
    return await asyncio.to_thread(auth.user_for_token, token, surface)
