from pages.pro import counter, home, login, offers  # noqa: F401
