"""The HTTP routes served next to the app (partner routes come with their issue): under
/api, and the offline ticket view at /billet/<id>."""

from starlette.applications import Starlette
from starlette.routing import Route

from pass_culture.api.health import health
from pass_culture.api.tickets import offline_ticket

api = Starlette(
    routes=[
        Route("/api/sante", health, methods=["GET"]),
        Route("/billet/{booking_id}", offline_ticket, methods=["GET"]),
    ]
)
