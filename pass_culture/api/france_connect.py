"""FranceConnect's two doors (services/france_connect.py): /api/franceconnect/connexion
sends the signed-in young user to the provider; /api/franceconnect/retour is where the
provider sends them back, then on to the result page with a code (never a text).

The return comes from another site, so the youth session cookie (SameSite=Strict) is not
sent with it: the check row says whose it is, and the flow cookie (SameSite=Lax, sent on
that top-level return) proves it is the browser that left.
"""

import asyncio
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse

from pass_culture.models import Surface
from pass_culture.settings import get_settings
from services import auth, france_connect
from services.errors import DomainError

SESSION_COOKIE = f"pc_session_{Surface.YOUTH}"
FLOW_COOKIE = "pc_franceconnect"
FLOW_PATH = "/api/franceconnect"
LOGIN_PAGE = "/connexion"
# The identity check's result page (pages/youth/france_connect.py).
RESULT_PAGE = "/verification-identite/franceconnect"
HEADERS = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex"}


def _to_result(**query: str) -> RedirectResponse:
    return RedirectResponse(f"{RESULT_PAGE}?{urlencode(query)}", 303, headers=HEADERS)


async def sign_in(request: Request) -> RedirectResponse:
    token = request.cookies.get(SESSION_COOKIE, "")
    user = await asyncio.to_thread(auth.user_for_token, token, Surface.YOUTH)
    if user is None:
        return RedirectResponse(LOGIN_PAGE, 303, headers=HEADERS)
    try:
        url, secret = await asyncio.to_thread(france_connect.start, user.id)
    except DomainError as refused:
        return _to_result(erreur=refused.code)
    response = RedirectResponse(url, 303, headers=HEADERS)
    response.set_cookie(
        FLOW_COOKIE,
        secret,
        max_age=int(france_connect.STATE_LIFETIME.total_seconds()),
        path=FLOW_PATH,
        secure=get_settings().public_url.startswith("https://"),
        httponly=True,
        samesite="lax",
    )
    return response


async def callback(request: Request) -> RedirectResponse:
    secret = request.cookies.get(FLOW_COOKIE, "")
    try:
        await asyncio.to_thread(france_connect.finish, dict(request.query_params), secret)
    except DomainError as refused:
        response = _to_result(erreur=refused.code)
    else:
        response = _to_result(resultat=france_connect.ACTIVATED)
    response.delete_cookie(FLOW_COOKIE, path=FLOW_PATH)
    return response
