from pages.pro import home, login  # noqa: F401
