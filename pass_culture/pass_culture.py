"""The Reflex app: youth PWA at /, pro portal at /pro, admin back office at /admin."""

import reflex as rx

import pages  # noqa: F401  (each page module registers its route)
from jobs.scheduler import scheduler_lifespan
from pages.components import pwa
from pass_culture.api import api
from state.auth import on_backend_exception

app = rx.App(
    html_lang="fr",
    api_transformer=api,
    head_components=pwa.head_components(),
    backend_exception_handler=on_backend_exception,
)
app.register_lifespan_task(scheduler_lifespan)
