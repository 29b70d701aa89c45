from pages.pro import counter, home, login, offer_form, offers, structure, venue_form  # noqa: F401
