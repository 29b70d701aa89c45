import os

import reflex as rx

from pass_culture.radix_plugin import RADIX_THEMES_PACKAGE, TrimmedRadixThemesPlugin

config = rx.Config(
    app_name="pass_culture",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    frontend_packages=[RADIX_THEMES_PACKAGE],  # see pass_culture/radix_plugin.py
    # Several backend workers share their state through Redis when it is configured.
    redis_url=os.environ.get("REFLEX_REDIS_URL") or None,
    plugins=[TrimmedRadixThemesPlugin(theme=rx.theme(accent_color="iris", radius="large"))],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
