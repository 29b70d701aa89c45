"""Reimbursement statements' downloads (rules P4, P6, O7), PDF and CSV:

- /pro/remboursements/<payment id>/justificatif.pdf and .csv, and
  /pro/remboursements/justificatifs.csv?paiements=<ids> (75 at most), with the pro
  session cookie: the validated members of the payment's structure only;
- /admin/paiements/justificatifs/<payment id>.pdf and .csv, with the admin one.

Not signed in on that surface: 401. Another structure's payment reads as a missing one:
404, the same words (services/statements.py). Never cached.
"""

import asyncio

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from pass_culture.api.private import attachment, signed_in, text
from pass_culture.models import Surface
from services import statement_csv, statement_pdf, statements
from services.errors import DomainError, NotFound

SIGN_IN = {
    Surface.PRO: "Connectez-vous à l'espace professionnel pour télécharger ce justificatif.",
    Surface.ADMIN: "Connectez-vous au back-office pour télécharger ce justificatif.",
}


def _csv(payment_ids: list[int], filename: str) -> StreamingResponse:
    chunks = (chunk.encode() for chunk in statement_csv.csv_of(payment_ids))
    # A sync iterator: Starlette reads it in its thread pool, off the event loop.
    return StreamingResponse(
        chunks, media_type="text/csv; charset=utf-8", headers=attachment(filename)
    )


def _route(surface: Surface, serve):
    """A download route: the surface's session, then `serve(request, user)`, whose
    refusals (NotFound: 404, other DomainError: 400) become French text."""

    async def route(request: Request) -> Response:
        user = await signed_in(request, surface)
        if user is None:
            return text(SIGN_IN[surface], 401)
        try:
            return await serve(request, user)
        except NotFound as missing:
            return text(missing.message, 404)
        except DomainError as invalid:
            return text(invalid.message, 400)

    return route


async def _pdf(request: Request, user) -> Response:
    payment_id = statements.parse_payment_id(request.path_params["payment_id"])
    filename, content = await asyncio.to_thread(statement_pdf.pdf_for, user, payment_id)
    return Response(content, media_type="application/pdf", headers=attachment(filename))


async def _one_csv(request: Request, user) -> Response:
    payment_id = statements.parse_payment_id(request.path_params["payment_id"])
    (reference,) = await asyncio.to_thread(statements.check_payments, user, [payment_id])
    return _csv([payment_id], f"justificatif-{reference}.csv")


async def _several_csv(request: Request, user) -> Response:
    payment_ids = statements.parse_payment_ids(request.query_params.getlist("paiements"))
    await asyncio.to_thread(statements.check_payments, user, payment_ids)
    return _csv(payment_ids, statement_csv.FILENAME)


pro_statement_pdf = _route(Surface.PRO, _pdf)
pro_statement_csv = _route(Surface.PRO, _one_csv)
pro_statements_csv = _route(Surface.PRO, _several_csv)
admin_statement_pdf = _route(Surface.ADMIN, _pdf)
admin_statement_csv = _route(Surface.ADMIN, _one_csv)
