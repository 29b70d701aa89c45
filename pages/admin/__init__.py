from pages.admin import emails, home, identities, journal, login, offers, rules  # noqa: F401
