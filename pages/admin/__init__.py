from pages.admin import home, journal, login, offers, rules  # noqa: F401
