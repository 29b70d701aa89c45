"""The pro's bookings downloads (rule B11): /pro/exports/reservations.csv and .xlsx,
with the bookings list's filters as query parameters (services/pro_bookings.py).

The pro session cookie decides; another structure's venue or offer is unknown (O7).
"""

import asyncio

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from pass_culture import clock
from pass_culture.api.private import attachment, signed_in, text
from pass_culture.models import Surface
from services import booking_export, pro_bookings
from services.errors import DomainError, NotFound

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def _prepare(request: Request):
    """(user id, filters) once checked, or the response refusing the download."""
    user = await signed_in(request, Surface.PRO)
    if user is None:
        return None, text("Connectez-vous à l'espace professionnel pour télécharger.", 401)
    try:
        filters = pro_bookings.parse_filters(request.query_params)
        await asyncio.to_thread(pro_bookings.check_filters, user.id, filters)
    except NotFound as missing:
        return None, text(missing.message, 404)
    except DomainError as invalid:
        return None, text(invalid.message, 400)
    return (user.id, filters), None


def _disposition(extension: str) -> dict[str, str]:
    day = clock.to_paris(clock.utcnow()).date().isoformat()
    return attachment(f"reservations-{day}.{extension}")


async def bookings_csv(request: Request) -> Response:
    checked, refusal = await _prepare(request)
    if refusal is not None:
        return refusal
    chunks = (chunk.encode() for chunk in booking_export.export_csv(*checked))
    # A sync iterator: Starlette reads it in its thread pool, off the event loop.
    return StreamingResponse(
        chunks, media_type="text/csv; charset=utf-8", headers=_disposition("csv")
    )


async def bookings_excel(request: Request) -> Response:
    checked, refusal = await _prepare(request)
    if refusal is not None:
        return refusal
    content = await asyncio.to_thread(booking_export.export_excel, *checked)
    return Response(content, media_type=XLSX, headers=_disposition("xlsx"))
