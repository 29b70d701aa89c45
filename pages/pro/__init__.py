from pages.pro import counter, home, login  # noqa: F401
