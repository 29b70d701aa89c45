"""Offers' hook images (/api/images/offres/<name>.webp): public, since young users see
them; the random names never change content, so browsers may keep them for a year."""

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

from services.offer_images import image_path

HEADERS = {
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
}


async def offer_image(request: Request) -> Response:
    path = image_path(request.path_params["name"])
    if path is None:
        return PlainTextResponse("Image introuvable.", status_code=404)
    return FileResponse(path, media_type="image/webp", headers=HEADERS)
