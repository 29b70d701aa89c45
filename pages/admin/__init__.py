from pages.admin import emails, home, journal, login, offers, rules  # noqa: F401
