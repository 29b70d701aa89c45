from pages.pro import counter, home, login, offer_form  # noqa: F401
