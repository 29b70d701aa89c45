from pages.pro import counter, home, login, offer_form, offers  # noqa: F401
