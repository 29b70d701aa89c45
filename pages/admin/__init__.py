from pages.admin import home, login  # noqa: F401
