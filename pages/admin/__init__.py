from pages.admin import emails, home, journal, login, memberships, offers, rules  # noqa: F401
