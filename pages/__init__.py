"""UI only. Importing this package declares every page of the three surfaces
(`pages.registry.add_pages` adds them to the app)."""

from pages import admin, not_found, password_reset, pro, youth  # noqa: F401
