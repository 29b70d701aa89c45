"""The Reflex app: youth PWA at /, pro portal at /pro, admin back office at /admin."""

import reflex as rx

import pages  # noqa: F401  (each page module registers its route)
from pass_culture.api import api

app = rx.App(
    html_lang="fr",
    api_transformer=api,
    head_components=[
        rx.el.link(rel="manifest", href="/manifest.json"),
        rx.el.meta(name="theme-color", content="#320096"),
    ],
)
