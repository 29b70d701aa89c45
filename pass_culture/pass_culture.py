"""The Reflex app: youth PWA at /, pro portal at /pro, admin back office at /admin."""

import reflex as rx

import pages  # noqa: F401  (each page module declares its route)
from jobs.scheduler import scheduler_lifespan
from pages.components import connection, pwa
from pages.registry import add_pages
from pass_culture.api import api
from pass_culture.api.security_headers import security_headers
from state.auth import on_backend_exception
from state.pro.live import listener_lifespan

app = rx.App(
    html_lang="fr",
    api_transformer=[api, security_headers],
    head_components=pwa.head_components(),
    backend_exception_handler=on_backend_exception,
)
# Our French connection notice instead of Reflex's English toast and pulser.
app.app_wraps[(5, "Overlay")] = connection.overlay
add_pages(app)
app.register_lifespan_task(scheduler_lifespan)
app.register_lifespan_task(listener_lifespan)
