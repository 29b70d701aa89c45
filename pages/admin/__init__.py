from pages.admin import bank_accounts, emails, home, journal, login, offers, rules  # noqa: F401
