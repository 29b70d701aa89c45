import os

import reflex as rx

config = rx.Config(
    app_name="pass_culture",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # Several backend workers share their state through Redis when it is configured.
    redis_url=os.environ.get("REFLEX_REDIS_URL") or None,
    plugins=[rx.plugins.RadixThemesPlugin(theme=rx.theme(accent_color="iris", radius="large"))],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
