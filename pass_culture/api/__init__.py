"""The HTTP API served next to the app under /api (partner routes come with their issue)."""

from starlette.applications import Starlette
from starlette.routing import Route

from pass_culture.api.health import health

api = Starlette(routes=[Route("/api/sante", health, methods=["GET"])])
