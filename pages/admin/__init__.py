from pages.admin import emails, home, login  # noqa: F401
